"""Saved pages → the output tables (Parquet and CSV) in --out, through the same functions the crawler uses.

PATH may be a page file, or a folder searched recursively for:
  - web-archive pages: a folder holding `body.html` (the raw bytes, any encoding) and `info.json`
    (`{"url": ..., "headers": {...}, "fetched_at": ...}`; headers may also be a list of [name, value] pairs);
  - plain saved pages: `*.html` / `*.htm` files (no URL; fetched_at is the file's modification time).

Every page goes through extract.pipeline.process_page; a page that cannot be read or fails at any stage is a
row in the `errors` table, and the run goes on. The exit status is 0 when the run completed, even with page
errors; 2 for bad arguments (a missing PATH, no pages found, an unknown format).

Examples:
  guidecrawl extract saved/ --out out
  guidecrawl extract a.html b.html --out out --format parquet --jobs 4
  guidecrawl extract /shared/saved --out /shared/out --dask tcp://scheduler:8786
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extract.errors import PageError
    from extract.pipeline import PageResult

PAGE_SUFFIXES = (".html", ".htm")
ARCHIVE_BODIES = ("body.html", "body.htm", "body")
ARCHIVE_INFO = "info.json"
SCRIPTS = ("hans", "hant", "keep")


@dataclass(frozen=True, slots=True)
class SavedPage:
    body: Path
    info: Path | None = None  # info.json of a web-archive page


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="saved pages: files or folders (searched recursively)")
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder (created if missing)")
    parser.add_argument(
        "--format",
        default="parquet,csv",
        metavar="LIST",
        help="comma-separated output formats: parquet, csv (default: parquet,csv)",
    )
    parser.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="pages processed in parallel processes (0: one per CPU)"
    )
    parser.add_argument(
        "--dask",
        metavar="ADDRESS|local[:N]",
        help="run on a Dask cluster (scheduler address) or a local one of N workers (see docs/scaling.md)",
    )
    parser.add_argument("--script", choices=SCRIPTS, default="hans", help="script of the output text (default: hans)")
    parser.add_argument("--run-id", help="name of this run in the file names (default: start time + random)")


def _archive_body(folder: Path) -> Path | None:
    if not (folder / ARCHIVE_INFO).is_file():
        return None
    for name in ARCHIVE_BODIES:
        if (folder / name).is_file():
            return folder / name
    return None


def _walk(folder: Path) -> Iterator[SavedPage]:
    body = _archive_body(folder)
    if body is not None:
        yield SavedPage(body, folder / ARCHIVE_INFO)
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry)
        elif entry != body and entry.suffix.lower() in PAGE_SUFFIXES and entry.is_file():
            yield SavedPage(entry)


def find_pages(paths: Iterable[str]) -> list[SavedPage]:
    """The pages under `paths`, in a stable order; a path named on the command line is always taken."""
    from cli.main import CommandError

    pages: list[SavedPage] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            pages.extend(_walk(path))
        elif path.is_file():
            info = path.parent / ARCHIVE_INFO
            archived = path.name in ARCHIVE_BODIES and info.is_file()
            pages.append(SavedPage(path, info if archived else None))
        else:
            raise CommandError(f"no such file or folder: {name}")
    unique = list(dict.fromkeys(pages))
    if not unique:
        raise CommandError(f"no pages found in {', '.join(paths)} (looked for *.html, *.htm and body.html + info.json)")
    return unique


def _headers(raw: Any) -> dict[str, str]:
    if raw is None:
        return {}
    if isinstance(raw, dict):
        return {str(k): v if isinstance(v, str) else ", ".join(map(str, v)) for k, v in raw.items()}
    headers: dict[str, str] = {}
    for item in raw:
        if isinstance(item, dict):
            headers[str(item["name"])] = str(item["value"])
        else:
            name, value = item
            headers[str(name)] = str(value)
    return headers


class _BadPage(Exception):
    def __init__(self, error: str, message: str) -> None:
        super().__init__(message)
        self.error = error
        self.message = message


def _read(page: SavedPage) -> tuple[bytes, dict[str, str], str | None, dt.datetime, str | None]:
    try:
        body = page.body.read_bytes()
        mtime = page.body.stat().st_mtime
    except OSError as exc:
        raise _BadPage("unreadable_file", f"cannot read {page.body}: {exc.strerror or exc}") from exc
    fetched_at = dt.datetime.fromtimestamp(mtime, dt.UTC)
    if page.info is None:
        return body, {}, None, fetched_at, None
    try:
        info = json.loads(page.info.read_text(encoding="utf-8"))
        if not isinstance(info, dict):
            raise ValueError("not a JSON object")
        headers = _headers(info.get("headers"))
        if info.get("fetched_at"):
            fetched_at = dt.datetime.fromisoformat(str(info["fetched_at"]))
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise _BadPage("bad_info_json", f"{page.info}: {exc}") from exc
    return body, headers, info.get("url"), fetched_at, info.get("site")


def process_saved(page: SavedPage, script: str = "hans") -> tuple[str, PageResult | None, PageError | None]:
    """One saved page → (source, result, None), or (source, None, error) when the file cannot be read."""
    from extract.errors import PageError
    from extract.pipeline import process_page

    source = str(page.body)
    try:
        body, headers, url, fetched_at, site = _read(page)
    except _BadPage as bad:
        return source, None, PageError(None, "fetch", bad.error, bad.message)
    return source, process_page(body, headers, url, site=site, script=script, fetched_at=fetched_at), None


def _results(
    pages: Sequence[SavedPage], script: str, jobs: int
) -> Iterator[tuple[str, PageResult | None, PageError | None]]:
    if jobs <= 1:
        for page in pages:
            yield process_saved(page, script)
        return
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    # Ordered: the files of a run do not depend on --jobs. Chunks keep inter-process traffic low.
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(partial(process_saved, script=script), pages, chunksize=8)


def _formats(text: str) -> tuple[str, ...]:
    from cli.main import CommandError
    from output.dataset import FORMATS

    formats = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise CommandError(f"unknown format {', '.join(bad) or repr(text)}: choose from {', '.join(FORMATS)}")
    return formats


def run(args: argparse.Namespace) -> int:
    from cli.main import CommandError

    formats = _formats(args.format)
    if args.jobs < 0:
        raise CommandError("--jobs must be 0 (one per CPU) or more")
    jobs = args.jobs or os.cpu_count() or 1
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CommandError(f"--out {out} exists and is not a folder")
    pages = find_pages(args.paths)
    if getattr(args, "dask", None):
        from cli import extract_dask

        return extract_dask.run(args, pages, formats)

    from tqdm import tqdm

    from output.dataset import DatasetWriter

    began = time.perf_counter()
    settings = {
        "command": "extract",
        "paths": args.paths,
        "formats": list(formats),
        "script": args.script,
        "jobs": jobs,
    }
    try:
        writer = DatasetWriter(out, run_id=args.run_id, formats=formats, run_metadata=settings)
    except FileExistsError as exc:
        raise CommandError(f"{exc}: choose another --run-id") from exc
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    records = failed = 0
    with writer, tqdm(total=len(pages), unit="page", disable=not sys.stderr.isatty(), file=sys.stderr) as bar:
        for source, result, error in _results(pages, args.script, jobs):
            if result is None:
                assert error is not None
                writer.write_error(error, source=source)
                failed += 1
            else:
                writer.write_page(result, source=source)
                records += len(result.document.records) if result.document else 0
                failed += bool(result.errors)
            bar.update()
    summary = writer.summary
    elapsed = time.perf_counter() - began
    entity_rows = {name: n for name, n in summary.rows.items() if name not in ("documents", "errors") and n}
    print(f"pages     {len(pages)} ({len(pages) - failed} ok, {failed} with errors)")
    print(f"records   {records}")
    print(f"entities  {', '.join(f'{name} {n}' for name, n in entity_rows.items()) or 'none'}")
    if summary.unknown_kinds:
        print(f"skipped   entities of kinds without a table: {summary.unknown_kinds}")
    print(f"errors    {summary.rows['errors']} rows")
    print(f"out       {out}/ (run {summary.run_id}, {len(summary.files)} files)")
    print(f"time      {elapsed:.1f} s, of which writing {summary.write_seconds:.1f} s")
    return 0
