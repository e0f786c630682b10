"""One run at a time per site: an exclusive `flock` on `<dir>/_locks/<site>.lock`.

The kernel drops the lock when the holding process ends, however it ends (kill -9 included), so a crashed run
never leaves a stale lock. The file holds the holder's pid and run id, for the one-line message of the next
run that finds it taken; it is never deleted (deleting a lock file races with the next locker).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

LOCKS_DIR = "_locks"


class LockHeld(Exception):
    """Another process holds the site's lock: its message names the site and the holder."""


class SiteLock:
    def __init__(self, out_dir: str | Path, site: str, run_id: str) -> None:
        self.path = Path(out_dir) / LOCKS_DIR / f"{site}.lock"
        self.site = site
        self.run_id = run_id
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            os.close(fd)
            raise LockHeld(f"site {self.site!r} is being crawled by {holder} (lock {self.path})") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, run {self.run_id}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None

    def __enter__(self) -> SiteLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()
