"""Print the main text of one saved page (raw bytes, any encoding): records separated by a blank line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="saved HTML page, raw bytes")
    parser.add_argument("--url", help="the page's URL (helps site overrides and metadata)")


def run(args: argparse.Namespace) -> int:
    from cli.main import CommandError
    from extract.content import content
    from extract.decode import decode

    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"no such file: {args.file}")
    document = content(decode(path.read_bytes()).text, args.url)
    sys.stdout.write(document.text + "\n")
    return 0
