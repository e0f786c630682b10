"""Normalize text (a file or stdin) and print it: unicode hygiene, mojibake repair, pinyin-reading removal,
traditional → simplified script, full-width → half-width. One output line per input line."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", default="-", help="UTF-8 text file (default: stdin)")
    parser.add_argument(
        "--script",
        choices=("hans", "hant", "keep"),
        default="hans",
        help="output script: simplified (default), traditional, or keep as is",
    )
    parser.add_argument("--report", action="store_true", help="print each repair on stderr")


def run(args: argparse.Namespace) -> int:
    from cli.text_input import read_text
    from normalize import normalize

    result = normalize(read_text(args.file), script=args.script)
    sys.stdout.write(result.text)
    if args.report:
        for repair in result.repairs:
            print(f"{repair.kind}\t{repair.offset}\t{repair.before!r}\t{repair.after!r}", file=sys.stderr)
    return 0
