"""Reading what a command is given — a file, a pipe (`<(curl …)`), a device or stdin — with a cap on its size and
one-line errors for bad input: `/dev/zero` or an endless pipe ends in an error, not in all of the machine's memory."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from cli.errors import CommandError

MAX_TEXT_BYTES = 256 * 1024 * 1024  # normalize / entities input: far beyond any page's text
SNIFF_BYTES = 8192  # read first: a binary input is refused before the rest is read


def read_bytes(path: str | None, limit: int, what: str, *, text: bool = False) -> tuple[bytes, str]:
    """At most `limit` bytes of `path` ('-' or None: stdin) and the name to show for it. A directory, a missing
    path, more than `limit` bytes or (`text`) NUL bytes in the first 8 KiB is a CommandError."""
    if path in (None, "-"):
        return _read_capped(sys.stdin.buffer, limit, "<stdin>", what, text), "<stdin>"
    file = Path(path)
    if file.is_dir():
        raise CommandError(f"is a directory, not {what}: {path}")
    if not file.exists():
        raise CommandError(f"no such file: {path}")
    with file.open("rb") as stream:
        return _read_capped(stream, limit, path, what, text), path


def _read_capped(stream: BinaryIO, limit: int, name: str, what: str, text: bool) -> bytes:
    head = stream.read(min(SNIFF_BYTES, limit + 1))
    if text and b"\x00" in head:
        raise CommandError(f"{name} looks binary (NUL bytes); expected UTF-8 text")
    data = head + stream.read(limit + 1 - len(head)) if len(head) <= limit else head
    if len(data) > limit:
        raise CommandError(f"{name} is larger than {limit} bytes: too large for {what}")
    return data


def read_text(path: str | None) -> str:
    """The UTF-8 text of `path` ('-' or None: stdin). Binary, non-UTF-8 or over-large input is a CommandError."""
    data, name = read_bytes(path, MAX_TEXT_BYTES, "a text file", text=True)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(
            f"{name} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f gb18030 -t utf-8"
        ) from None
    return text
