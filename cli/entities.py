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


def _documents(args: argparse.Namespace) -> Iterator[tuple[str | None, str]]:
    from cli.errors import CommandError
    from cli.text_input import read_text

    several = len(args.files) > 1
    for path in args.files:
        data = read_text(path)
        if not args.jsonl:
            yield (path if several else None), data
            continue
        for number, line in enumerate(data.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CommandError(f"{path}:{number}: not JSON ({exc.msg})") from None
            if not isinstance(row, dict) or not isinstance(row.get("text"), str) or "id" not in row:
                raise CommandError(f'{path}:{number}: expected an object with "id" and "text" (a string)')
            yield str(row["id"]), row["text"]


def run(args: argparse.Namespace) -> int:
    from extract.pipeline import process_text

    for doc, raw in _documents(args):
        for entity in process_text(raw, script=args.script).entities:
            row = entity.to_json()
            if doc is not None:
                row["doc"] = doc
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0
