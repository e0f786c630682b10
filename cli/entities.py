"""Normalize text, then print one JSON object per entity per line (kind, text, start, end, value, ...).

Offsets index the normalized text. With several files each entity carries "doc" (the file name); with
--jsonl the input is lines of {"id", "text"} and each entity carries "doc": id.
Examples:
  guidecrawl entities page.txt
  guidecrawl entities a.txt b.txt > entities.jsonl
  guidecrawl entities --jsonl passages.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", default=["-"], help="UTF-8 text files (default: stdin)")
    parser.add_argument(
        "--jsonl", action="store_true", help='input lines are {"id": ..., "text": ...}; entities carry "doc": id'
    )
    parser.add_argument(
        "--script", choices=("hans", "hant", "keep"), default="hans", help="script of the normalized text"
    )


def _why_not_json(exc: Exception) -> str:
    """Why `json.loads` refused a line, in a few words."""
    if isinstance(exc, json.JSONDecodeError):
        return exc.msg
    if isinstance(exc, RecursionError):  # arrays or objects nested deeper than the parser's stack
        return "nested too deeply"
    # ValueError: an integer of more than 4300 digits, Python's limit on int/str conversion (the rest of the
    # message advises sys.set_int_max_str_digits, which a user of the command cannot call).
    return str(exc).split(":", 1)[0]


def _row(path: str, number: int, line: str) -> tuple[str, str]:
    """One --jsonl line → (id, text). A line this command cannot take is one CommandError naming it (exit 2)."""
    from cli.errors import CommandError
    from cli.extract import json_text

    try:
        row = json.loads(line)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        raise CommandError(f"{path}:{number}: not JSON ({_why_not_json(exc)})") from None
    if not isinstance(row, dict) or not isinstance(row.get("text"), str) or "id" not in row:
        raise CommandError(f'{path}:{number}: expected an object with "id" and "text" (a string)')
    try:
        # The id is written back as "doc": a lone surrogate in it could not be written as UTF-8, so the line is
        # refused as info.json is. The text needs no check: normalize drops lone surrogates.
        doc = json_text(str(row["id"]), '"id"')
    except ValueError as exc:
        raise CommandError(f"{path}:{number}: {exc}") from None
    return doc, row["text"]


def _documents(args: argparse.Namespace) -> Iterator[tuple[str | None, str]]:
    from cli.extract import display_path
    from cli.text_input import read_text

    several = len(args.files) > 1
    for path in args.files:
        data = read_text(path)
        if not args.jsonl:
            # A file name that is not UTF-8 gets \xNN escapes, as extract's `source` column: never unwritable
            yield (display_path(path) if several else None), data
            continue
        for number, line in enumerate(data.splitlines(), 1):
            if line.strip():
                yield _row(display_path(path), number, line)


def run(args: argparse.Namespace) -> int:
    from extract.pipeline import process_text

    for doc, raw in _documents(args):
        for entity in process_text(raw, script=args.script).entities:
            row = entity.to_json()
            if doc is not None:
                row["doc"] = doc
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0
