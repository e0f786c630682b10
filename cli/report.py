"""Write a static HTML report of an output folder: pages and entities per site and kind, over runs; errors by
stage and site; encodings and repairs; the most frequent phones and addresses per site.

One self-contained file (inline SVG charts, no script, nothing loaded from elsewhere): open it in a browser,
attach it to a mail. Counts per site use the latest version of each page (see `guidecrawl views`).

Examples:
  guidecrawl report out/demo                       # writes out/demo/report.html
  guidecrawl report out/demo --html demo.html
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="OUT", help="output folder written by crawl, extract or demo")
    parser.add_argument("--html", metavar="FILE", help="where to write the page (default: OUT/report.html)")


def run(args: argparse.Namespace) -> int:
    import duckdb

    from cli.errors import CommandError
    from output.report import write_report
    from output.views import NoTables, UnreadablePath

    out = Path(args.out)
    if not out.is_dir():
        raise CommandError(f"no such folder: {out}")
    target = Path(args.html) if args.html else out / "report.html"
    if target.is_dir():
        raise CommandError(f"--html {target} is a folder: name the file to write")
    try:
        path = write_report(out, target)
    except (NoTables, UnreadablePath) as exc:
        raise CommandError(str(exc)) from None
    except duckdb.Error as exc:  # a damaged or foreign file among the tables
        raise CommandError(f"cannot read the tables: {str(exc).splitlines()[0]}") from None
    except OSError as exc:  # named after the file asked for, not the temporary one it is written through
        raise CommandError(f"cannot write {target}: {exc.strerror or exc}") from None
    print(f"report: {path}")
    return 0
