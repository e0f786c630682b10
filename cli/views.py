"""Create DuckDB views over an output folder: every run, the latest version of each page, one wide `entities`.

Writes OUT/guidecrawl.duckdb (or --db FILE) holding only views, which read the Parquet files where they are:
open it with any DuckDB client (`duckdb out/demo/guidecrawl.duckdb`, `duckdb.connect(...)`) and query
`latest_documents`, `latest_phones`, `entities` …. Run it again after moving the folder (the file stores
absolute paths). `--sql` prints the same views as SQL instead, with paths as given on the command line.

Examples:
  guidecrawl views out/demo
  guidecrawl views out/demo --sql > views.sql
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="OUT", help="output folder written by crawl, extract or demo")
    parser.add_argument("--db", metavar="FILE", help="database file to write (default: OUT/guidecrawl.duckdb)")
    parser.add_argument("--sql", action="store_true", help="print the views as SQL instead of writing a database")


def run(args: argparse.Namespace) -> int:
    import duckdb

    from cli.errors import CommandError
    from output.atomic import OutputWriteError
    from output.views import NoTables, UnreadablePath, create_database, views_sql

    out = Path(args.out)
    if not out.is_dir():
        raise CommandError(f"no such folder: {out}")
    try:
        if args.sql:
            sys.stdout.write(views_sql(out))
            return 0
        database, names = create_database(out, args.db)
    except (NoTables, UnreadablePath) as exc:
        raise CommandError(str(exc)) from None
    except OutputWriteError as exc:  # --db names a FIFO, device or socket
        raise CommandError(f"cannot write the views: {exc.filename}: {exc}") from None
    except duckdb.Error as exc:  # e.g. the database file is open in another process, or not a DuckDB file
        raise CommandError(f"cannot write the views: {str(exc).splitlines()[0]}") from None
    print(f"{database}: {len(names)} views: {', '.join(names)}")
    return 0
