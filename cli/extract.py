"""Saved pages (files or folders) → the output tables (Parquet and CSV) in --out. PLACEHOLDER (issue 7)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", help="saved pages: files or folders")
    parser.add_argument("--out", required=True, help="output folder")


def run(args: argparse.Namespace) -> int:
    from cli.main import CommandError

    raise CommandError("not built yet (issue 7)")
