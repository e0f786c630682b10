"""Print the main text of one saved page (raw bytes, any encoding): records separated by a blank line.

`--json` prints the whole Document instead (metadata, encoding and every record with its fields).
A page with no main text (empty, or all navigation) prints nothing and exits 1 with a one-line message, as the
crawl and `extract` record it as an `empty_content` error.
The site registry's content overrides apply as in `guidecrawl crawl`: the site named by `--site` (else the one whose
domain holds `--url`'s host) in the bundled registry plus the `--sites` files.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from extract.document import Document


def page_url(text: str) -> str:
    """`--url` as given, once `urlsplit` can read it (an unclosed IPv6 bracket is a usage error, not a crash)."""
    try:
        urlsplit(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a URL: {text!r} ({exc})") from None
    return text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", help="saved HTML page, raw bytes: a file, a pipe (<(curl -s URL)) or - for stdin (16 MiB at most)"
    )
    parser.add_argument(
        "--url", type=page_url, help="the page's URL (picks the registry site's overrides by host; metadata)"
    )
    parser.add_argument("--site", help="registry site name whose content overrides apply (default: by --url host)")
    parser.add_argument(
        "--sites", action="append", default=[], metavar="FILE", help="extra site registry file, as crawl (repeatable)"
    )
    parser.add_argument("--content-type", help="the Content-Type header the page was served with")
    parser.add_argument("--json", action="store_true", help="print the Document as JSON")


def normalized_text(document: Document) -> str:
    """The main text as `extract` judges it: every record normalized, as extract.pipeline.process_page does. A
    text of only invisible characters (U+FEFF, U+200B, U+2060 ...) is not empty as served, but normalize's
    hygiene removes them, and extract records the page as `empty_content`. Script `keep`: converting the script
    never empties a text, and skips loading OpenCC."""
    from extract.document import RECORD_SEPARATOR
    from extract.pipeline import normalize_text

    return RECORD_SEPARATOR.join(normalize_text(record.text, script="keep").text for record in document.records)


def run(args: argparse.Namespace) -> int:
    from cli.errors import CommandError
    from cli.extract import DEFAULT_MAX_PAGE_BYTES, registry_files
    from cli.text_input import read_bytes
    from extract.errors import StageError
    from extract.pipeline import StageFailure, read_page
    from extract.text_quality import check_not_empty

    body, _ = read_bytes(args.file, DEFAULT_MAX_PAGE_BYTES, "a page")
    extra_sites = registry_files(args.sites)
    headers = {"Content-Type": args.content_type} if args.content_type else None
    try:
        document = read_page(body, headers, args.url, site=args.site, extra_sites=extra_sites)
    except StageFailure as failure:
        raise CommandError(f"{args.file}: {failure.message}") from None
    if not args.json:
        try:  # extract's check on the text extract judges, so a page is empty here exactly when it is there
            check_not_empty(normalized_text(document))
        except StageError:
            raise CommandError(f"{args.file}: no main text (the page is empty or all navigation)", status=1) from None
    if args.json:
        payload = dataclasses.asdict(document)
        for record in payload["records"]:  # filled by normalize, which this command does not run
            del record["served"], record["offsets"]
        payload["text"] = document.text
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(document.text + "\n")
    return 0
