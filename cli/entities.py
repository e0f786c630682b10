"""Normalize text, then print one JSON object per entity per line (kind, text, start, end, value, ...).
Offsets index the normalized text."""

from __future__ import annotations

import argparse
import json
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", default=["-"], help="UTF-8 text files (default: stdin)")


def run(args: argparse.Namespace) -> int:
    from cli.text_input import read_text
    from extract.entities import find_entities
    from normalize import normalize

    for path in args.files:
        text = normalize(read_text(path)).text
        for entity in find_entities(text):
            row = entity.to_json()
            if len(args.files) > 1:
                row["doc"] = path
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0
