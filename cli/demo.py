"""Serve the bundled fixture site on 127.0.0.1, crawl it with the real spider, write the tables to --out and
print a summary. Needs no network. PLACEHOLDER (issue 6)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default="out/demo", help="output folder (default: out/demo)")


def run(args: argparse.Namespace) -> int:
    from cli.main import CommandError

    raise CommandError("not built yet (issue 6)")
