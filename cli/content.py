"""Print the main text of one saved page (raw bytes, any encoding): records separated by a blank line.

`--json` prints the whole Document instead (metadata, encoding and every record with its fields).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="saved HTML page, raw bytes")
    parser.add_argument("--url", help="the page's URL (helps site overrides and metadata)")
    parser.add_argument("--content-type", help="the Content-Type header the page was served with")
    parser.add_argument("--json", action="store_true", help="print the Document as JSON")


def run(args: argparse.Namespace) -> int:
    from cli.main import CommandError
    from extract.content import content
    from extract.decode import decode
    from extract.errors import StageError

    path = Path(args.file)
    if path.is_dir():
        raise CommandError(f"is a directory, not a page: {args.file}")
    if not path.is_file():
        raise CommandError(f"no such file: {args.file}")
    headers = {"Content-Type": args.content_type} if args.content_type else None
    try:
        decoded = decode(path.read_bytes(), headers)
    except StageError as exc:
        raise CommandError(f"{args.file}: {exc.message}") from None
    document = content(decoded.text, args.url)
    document.encoding = decoded.encoding
    document.encoding_source = decoded.source
    if args.json:
        payload = dataclasses.asdict(document)
        payload["text"] = document.text
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    elif document.text:
        sys.stdout.write(document.text + "\n")
    return 0
