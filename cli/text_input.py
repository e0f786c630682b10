"""Reading the text a command is given (a file or stdin) as UTF-8, with one-line errors for bad input."""

from __future__ import annotations

import sys
from pathlib import Path

from cli.errors import CommandError


def read_text(path: str | None) -> str:
    """The UTF-8 text of `path` ('-' or None: stdin). Binary or non-UTF-8 input is a CommandError."""
    if path in (None, "-"):
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        file = Path(path)
        if not file.exists():
            raise CommandError(f"no such file: {path}")
        if file.is_dir():
            raise CommandError(f"is a directory, not a text file: {path}")
        data = file.read_bytes()
        name = path
    if b"\x00" in data[:8192]:
        raise CommandError(f"{name} looks binary (NUL bytes); expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(
            f"{name} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f gb18030 -t utf-8"
        ) from None
    return text
