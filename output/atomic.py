"""Files that appear whole or not at all: written under a hidden temp name, renamed into place at the end.

The temp name starts with a dot and ends in `.tmp`, so neither pyarrow's dataset discovery (which skips
names starting with `.` or `_`) nor a reader's `**/*.parquet` / `**/*.csv` glob ever sees a file being written.
A process killed mid-run leaves only such temp files behind; it never leaves a partial file under a final name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

TEMP_SUFFIX = ".tmp"


class OutputWriteError(OSError):
    """A table file could not be written (disk full, file too large, permissions): the run's output is lost.

    Raised by `output.dataset.DatasetWriter` for any I/O failure, once the writer has discarded every file of
    the run it had not published; callers exit non-zero with `str(error)` as the one-line message."""

    def __str__(self) -> str:
        return self.strerror or super().__str__()


def write_failure(exc: OSError, what: Path | str) -> OutputWriteError:
    """`exc` (raised while writing `what`) as an OutputWriteError with one readable line."""
    reason = exc.strerror or (str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    error = OutputWriteError(exc.errno, f"cannot write {what}: {reason}")
    error.__cause__ = exc
    return error


def temp_path(final: Path) -> Path:
    return final.with_name(f".{final.name}.{os.getpid()}{TEMP_SUFFIX}")


# What a path that is not a regular file is, for the error that refuses to replace it.
FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
)


def replaced_file(final: Path) -> Path:
    """The file that writing `final` through `temp_path` and `publish` replaces: the one a symlink at `final`
    points to (the link stays a link, as with `>` in a shell), else `final` itself.

    Raises OutputWriteError if that path exists and is not a regular file: the rename would put a plain file in
    place of a device, FIFO, socket or folder instead of writing to it."""
    real = Path(os.path.realpath(final))
    try:
        mode = real.stat().st_mode
    except FileNotFoundError:
        return real
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in FILE_KINDS if test(mode)), "a special file")
        raise OutputWriteError(errno.EEXIST, f"it is {kind}, not a regular file", str(final))
    return real


def publish(temp: Path, final: Path) -> None:
    """Make the finished temp file durable, then rename it into place (atomic on one filesystem)."""
    fd = os.open(temp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, final)


def discard(temp: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
