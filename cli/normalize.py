"""Normalize text (a file or stdin) and print it, one output line per input line:

  hygiene   invisible format chars out, nbsp/ideographic spaces → ' ', stray control chars out
  mojibake  GBK decoded one byte off (`醫(yī)?;鹬Ц堕T診` → `醫(yī)保基金支付門診`), UTF-8 read as cp1252
  pinyin    converter readings after a character out (`醫(yī)保` → `醫保`); `(0591)`, `(身份證)` stay
  script    traditional → simplified with OpenCC t2s (--script hant: s2t; keep: unchanged)
  width     full-width digits, letters, symbols → ASCII; ，：；？！（） stay full-width
  mt        machine-translation artefacts in English lines (`20 17` → `2017`, `65438+0` → 〓)

--report prints each repair on stderr as KIND, OFFSET (in the text that stage was given), BEFORE and AFTER
(Python string literals), tab-separated, then a count per kind."""

from __future__ import annotations

import argparse
import sys
from collections import Counter


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
        counts = Counter(repair.kind for repair in result.repairs)
        summary = ", ".join(f"{kind} {count}" for kind, count in counts.most_common()) or "none"
        print(f"# repairs: {summary}", file=sys.stderr)
    return 0
