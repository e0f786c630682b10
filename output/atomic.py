"""Files that appear whole or not at all: written under a hidden temp name, renamed into place at the end.

The temp name starts with a dot and ends in `.tmp`, so neither pyarrow's dataset discovery (which skips
names starting with `.` or `_`) nor a reader's `**/*.parquet` / `**/*.csv` glob ever sees a file being written.
A process killed mid-run leaves only such temp files behind; it never leaves a partial file under a final name.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def temp_path(final: Path) -> Path:
    return final.with_name(f".{final.name}.{os.getpid()}{TEMP_SUFFIX}")


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
