"""Saved pages → the output tables (Parquet and CSV) in --out, through the same functions the crawler uses.

PATH may be a page file, or a folder searched recursively for:
  - web-archive pages: a folder holding `body.html` (the raw bytes, any encoding) and `info.json`
    (`{"url": ..., "headers": {...}, "fetched_at": ...}`; headers may also be a list of [name, value] pairs);
  - plain saved pages: `*.html` / `*.htm` files (no URL; fetched_at is the file's modification time).

Every page goes through extract.pipeline.process_page; a page that cannot be read or fails at any stage is a
row in the `errors` table, and the run goes on. The exit status is 0 when the run completed, even with page
errors; 2 for bad arguments (a missing PATH, no pages found, an unknown format, a --sites file that breaks the
registry schema).

The site registry's content overrides (`[NAME.css] body`) apply to a page of a registry site (named by `site` in
info.json, else found by the URL's host): the bundled registry plus the `--sites` files, as `guidecrawl crawl`
reads them, so a saved page gives the text the crawl gave.

Examples:
  guidecrawl extract saved/ --out out
  guidecrawl extract a.html b.html --out out --format parquet --jobs 4
  guidecrawl extract saved/ --out out --sites /etc/guidecrawl/sites.toml
  guidecrawl extract /shared/saved --out /shared/out --dask tcp://scheduler:8786
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import stat
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from crawler.settings import DOWNLOAD_MAXSIZE

if TYPE_CHECKING:
    from extract.errors import PageError
    from extract.pipeline import PageResult
    from output.dataset import DatasetWriter

PAGE_SUFFIXES = (".html", ".htm")
ARCHIVE_BODIES = ("body.html", "body.htm", "body")
ARCHIVE_INFO = "info.json"
SCRIPTS = ("hans", "hant", "keep")
# A page larger than this is an errors row `too_large`, never read: the crawl's download cap, so a saved page
# and a fetched one are treated alike, and the peak memory of a run stays bounded (docs/robustness.md).
DEFAULT_MAX_PAGE_BYTES = DOWNLOAD_MAXSIZE
MAX_PAGE_BYTES_CAP = 1024 * 1024 * 1024  # --max-page-bytes above: no page of a guide site is a GiB
MAX_JOBS_PER_CPU = 4
MAX_INFO_BYTES = 1024 * 1024  # info.json holds a URL and headers; anything bigger is not one


@dataclass(frozen=True, slots=True)
class SavedPage:
    body: Path
    info: Path | None = None  # info.json of a web-archive page
    problem: tuple[str, str] | None = None  # (error, message) found while listing: the page is an errors row


def display_path(path: Path | str) -> str:
    """A path as UTF-8 text: bytes that are not UTF-8 (a file name from another system) become \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


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
    parser.add_argument(
        "--sites",
        action="append",
        default=[],
        metavar="FILE",
        help="extra site registry file whose content overrides apply, as in crawl (repeatable)",
    )
    parser.add_argument(
        "--max-page-bytes",
        type=int,
        default=DEFAULT_MAX_PAGE_BYTES,
        metavar="N",
        help=f"a larger page is an errors row too_large, not read (default: {DEFAULT_MAX_PAGE_BYTES})",
    )


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _archive_body(folder: Path) -> Path | None:
    if not _is_file(folder / ARCHIVE_INFO):
        return None
    for name in ARCHIVE_BODIES:
        if _is_file(folder / name):
            return folder / name
    return None


def _identity(path: Path) -> tuple[int, int] | None:
    """The file or folder behind `path` (device, inode): two names, one identity, one visit."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _enter(folder: Path, seen: set[tuple[int, int]]) -> tuple[list[SavedPage], Iterator[Path] | None]:
    """Open one folder of the walk: the pages it gives at once (its web-archive page, or the row saying it cannot
    be listed) and its other entries in name order (None: nothing to walk, as it was seen or cannot be listed)."""
    identity = _identity(folder)
    if identity is None or identity in seen:
        return [], None
    seen.add(identity)
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        problem = ("unreadable_folder", f"cannot list {display_path(folder)}: {exc.strerror or exc}")
        return [SavedPage(folder, problem=problem)], None
    pages: list[SavedPage] = []
    body = _archive_body(folder)
    if body is not None and (body_identity := _identity(body)) not in seen:
        if body_identity is not None:
            seen.add(body_identity)
        pages.append(SavedPage(body, folder / ARCHIVE_INFO))
    return pages, iter([entry for entry in entries if not entry.name.startswith(".") and entry != body])


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[SavedPage]:
    """Pages under `folder`, depth first in name order. A folder or file reached twice (symlink loops, links to a
    sibling) is taken once; a folder that cannot be listed is one SavedPage with a problem, and the walk goes on.
    An explicit stack of open folders, not recursion: a tree deeper than Python's recursion limit (1000 frames)
    is walked like any other, not lost to a RecursionError."""
    pages, entries = _enter(folder, seen)
    yield from pages
    stack = [entries] if entries is not None else []
    while stack:
        entry = next(stack[-1], None)
        if entry is None:  # this folder is done: back to its parent's next entry
            stack.pop()
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            pages, entries = _enter(entry, seen)
            yield from pages
            if entries is not None:
                stack.append(entries)
        elif entry.suffix.lower() in PAGE_SUFFIXES and _is_file(entry):
            entry_identity = _identity(entry)
            if entry_identity is not None and entry_identity not in seen:
                seen.add(entry_identity)
                yield SavedPage(entry)
        elif entry.suffix.lower() in PAGE_SUFFIXES:  # named like a page, but nothing a page can be read from
            yield SavedPage(entry, problem=("not_a_file", f"{display_path(entry)} is {_what_it_is(entry)}, not read"))


def _what_it_is(path: Path) -> str:
    """What a page-named entry that is neither a folder nor a regular file is (never opened: a FIFO would block)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "a broken link" if path.is_symlink() else "unreadable"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def find_pages(paths: Iterable[str]) -> list[SavedPage]:
    """The pages under `paths`, in a stable order; a path named on the command line is always taken."""
    from cli.errors import CommandError

    pages: list[SavedPage] = []
    seen: set[tuple[int, int]] = set()
    for name in paths:
        path = Path(name)
        if path.is_dir():
            pages.extend(_walk(path, seen))
        elif _is_file(path):
            identity = _identity(path)
            if identity in seen:
                continue  # named twice, or also inside a folder named before
            if identity is not None:
                seen.add(identity)
            info = path.parent / ARCHIVE_INFO
            archived = path.name in ARCHIVE_BODIES and _is_file(info)
            pages.append(SavedPage(path, info if archived else None))
        elif path.exists() or path.is_symlink():
            raise CommandError(f"{display_path(name)} is {_what_it_is(path)}, not a page file or folder")
        else:
            raise CommandError(f"no such file or folder: {display_path(name)}")
    unique = list(dict.fromkeys(pages))
    if not unique:
        names = ", ".join(map(display_path, paths))
        raise CommandError(f"no pages found in {names} (looked for *.html, *.htm and body.html + info.json)")
    return unique


class _BadPage(Exception):
    def __init__(self, error: str, message: str) -> None:
        super().__init__(message)
        self.error = error
        self.message = message


def json_text(value: Any, what: str) -> str:
    """A string from JSON input (info.json, `entities --jsonl`) that can be written as UTF-8: JSON may hold lone
    surrogates (`"\\ud800"`), which no UTF-8 output can; ValueError naming `what` otherwise."""
    if not isinstance(value, str):
        raise ValueError(f"{what} must be a string, not {type(value).__name__}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{what} is not valid Unicode (lone surrogate)") from None
    return value


def _headers(raw: Any) -> dict[str, str]:
    if raw is None:
        return {}
    if isinstance(raw, dict):
        items = list(raw.items())
    elif isinstance(raw, list):
        items = []
        for item in raw:
            if isinstance(item, dict) and "name" in item and "value" in item:
                items.append((item["name"], item["value"]))
            elif isinstance(item, list) and len(item) == 2:
                items.append((item[0], item[1]))
            else:
                raise ValueError("headers must be an object or a list of [name, value] pairs")
    else:
        raise ValueError(f"headers must be an object or a list, not {type(raw).__name__}")
    headers: dict[str, str] = {}
    for name, value in items:
        if isinstance(value, list):
            value = ", ".join(json_text(v, f"header {name!r}") for v in value)
        headers[json_text(name, "a header name")] = json_text(value, f"header {name!r}")
    return headers


def _read_bytes(path: Path, limit: int, what: str) -> bytes:
    """At most `limit` bytes of a regular file; `too_large` beyond (checked on the bytes read, not only the size
    the file claims, so a file that grows while read is still capped)."""
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise _BadPage("unreadable_file", f"cannot read {display_path(path)}: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise _BadPage("too_large", f"{what} {display_path(path)} is larger than {limit} bytes")
    return data


def _info(page: SavedPage) -> dict[str, Any]:
    assert page.info is not None
    raw = _read_bytes(page.info, MAX_INFO_BYTES, "info.json")
    try:
        info = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 ({exc.reason})") from None
    if not isinstance(info, dict):
        raise ValueError("not a JSON object")
    return info


def _read(
    page: SavedPage, max_bytes: int = DEFAULT_MAX_PAGE_BYTES
) -> tuple[bytes, dict[str, str], str | None, dt.datetime, str | None]:
    if page.problem is not None:
        raise _BadPage(*page.problem)
    try:
        size = page.body.stat().st_size
        mtime = page.body.stat().st_mtime
    except OSError as exc:
        raise _BadPage("unreadable_file", f"cannot read {display_path(page.body)}: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise _BadPage("too_large", f"page {display_path(page.body)} is {size} bytes, over the {max_bytes} cap")
    body = _read_bytes(page.body, max_bytes, "page")
    fetched_at = dt.datetime.fromtimestamp(mtime, dt.UTC)
    if page.info is None:
        return body, {}, None, fetched_at, None
    try:
        info = _info(page)
        headers = _headers(info.get("headers"))
        url = json_text(info["url"], "url") if info.get("url") is not None else None
        if url is not None:
            urlsplit(url)  # an unreadable URL (an unclosed IPv6 bracket) is a fault of the info file
        site = json_text(info["site"], "site") if info.get("site") is not None else None
        if info.get("fetched_at"):
            fetched_at = dt.datetime.fromisoformat(json_text(info["fetched_at"], "fetched_at"))
            if fetched_at.tzinfo is None:
                fetched_at = fetched_at.replace(tzinfo=dt.UTC)
    except (ValueError, TypeError, KeyError, OverflowError) as exc:
        raise _BadPage("bad_info_json", f"{display_path(page.info)}: {exc}") from exc
    return body, headers, url, fetched_at, site


def process_saved(
    page: SavedPage,
    script: str = "hans",
    max_bytes: int = DEFAULT_MAX_PAGE_BYTES,
    extra_sites: tuple[str, ...] = (),
) -> tuple[str, PageResult | None, PageError | None]:
    """One saved page → (source, result, None), or (source, None, error) when the file cannot be read.
    Never raises: whatever goes wrong with one page is its errors row, and the run goes on.
    `extra_sites`: registry files checked beforehand by `registry_files`."""
    from extract.errors import PageError
    from extract.pipeline import process_page

    source = display_path(page.body)
    try:
        body, headers, url, fetched_at, site = _read(page, max_bytes)
    except _BadPage as bad:
        return source, None, PageError(None, "fetch", bad.error, bad.message)
    try:
        result = process_page(
            body, headers, url, site=site, script=script, fetched_at=fetched_at, extra_sites=extra_sites
        )
        return source, result, None
    except Exception as exc:  # process_page contains its stages' failures; this is the last line of defence
        message = (str(exc) or type(exc).__name__).splitlines()[0]
        return source, None, PageError(url, "content", type(exc).__name__, message)


def _results(
    pages: Sequence[SavedPage],
    script: str,
    jobs: int,
    max_bytes: int = DEFAULT_MAX_PAGE_BYTES,
    extra_sites: tuple[str, ...] = (),
) -> Iterator[tuple[str, PageResult | None, PageError | None]]:
    if jobs <= 1:
        for page in pages:
            yield process_saved(page, script, max_bytes, extra_sites)
        return
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    # Ordered: the files of a run do not depend on --jobs. Chunks keep inter-process traffic low. No more
    # processes than pages: each would start, import the stages and wait.
    with ProcessPoolExecutor(max_workers=min(jobs, max(1, len(pages)))) as pool:
        work = partial(process_saved, script=script, max_bytes=max_bytes, extra_sites=extra_sites)
        yield from pool.map(work, pages, chunksize=8)


def registry_files(names: Sequence[str]) -> tuple[str, ...]:
    """The `--sites` files as absolute paths, checked as the crawl checks them: a file that cannot be read or
    breaks the registry schema is a one-line CommandError (exit 2) before any page is read."""
    from cli.errors import CommandError
    from crawler.sites import load_sites

    files = tuple(str(Path(name).resolve()) for name in names)
    try:
        load_sites(files)
    except ValueError as exc:  # RegistryError: one line naming the file, the site and the key
        raise CommandError(str(exc)) from None
    return files


def write_outcome(
    writer: DatasetWriter, source: str, result: PageResult | None, error: PageError | None
) -> tuple[int, bool]:
    """One saved page's outcome (from `process_saved`) into the tables: (records written, whether it failed)."""
    if result is None:
        assert error is not None
        writer.write_error(error, source=source)
        return 0, True
    writer.write_page(result, source=source)
    return (len(result.document.records) if result.document else 0), bool(result.errors)


def _formats(text: str) -> tuple[str, ...]:
    from cli.errors import CommandError
    from output.dataset import FORMATS

    formats = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise CommandError(f"unknown format {', '.join(bad) or repr(text)}: choose from {', '.join(FORMATS)}")
    return formats


def run(args: argparse.Namespace) -> int:
    from cli.errors import CommandError

    formats = _formats(args.format)
    cpus = os.cpu_count() or 1
    if not 0 <= args.jobs <= MAX_JOBS_PER_CPU * cpus:
        raise CommandError(
            f"--jobs must be 0 (one per CPU) to {MAX_JOBS_PER_CPU * cpus} ({MAX_JOBS_PER_CPU} per CPU: "
            "extraction is CPU-bound, more processes only share the same cores)"
        )
    jobs = args.jobs or cpus
    if not args.out:  # Path("") is the current folder: an empty --out (an unset variable) must not write there
        raise CommandError("--out is empty: name the output folder")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CommandError(f"--out {out} exists and is not a folder")
    if not 1 <= args.max_page_bytes <= MAX_PAGE_BYTES_CAP:
        raise CommandError(f"--max-page-bytes must be 1 to {MAX_PAGE_BYTES_CAP}")
    extra_sites = registry_files(args.sites)
    pages = find_pages(args.paths)
    if getattr(args, "dask", None) is not None:  # `--dask ''` is a bad address, not a run without Dask
        from cli import extract_dask

        return extract_dask.run(args, pages, formats)

    from tqdm import tqdm

    from output.dataset import DatasetWriter, OutputWriteError

    began = time.perf_counter()
    settings = {
        "command": "extract",
        "paths": [display_path(p) for p in args.paths],
        "formats": list(formats),
        "script": args.script,
        "jobs": jobs,
        "sites": list(extra_sites),
    }
    try:
        writer = DatasetWriter(out, run_id=args.run_id, formats=formats, run_metadata=settings)
    except FileExistsError as exc:
        raise CommandError(f"{exc}: choose another --run-id") from exc
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    records = failed = 0
    try:
        with writer, tqdm(total=len(pages), unit="page", disable=not sys.stderr.isatty(), file=sys.stderr) as bar:
            for outcome in _results(pages, args.script, jobs, args.max_page_bytes, extra_sites):
                written, page_failed = write_outcome(writer, *outcome)
                records += written
                failed += page_failed
                bar.update()
    except OutputWriteError as exc:
        # Nothing of this run is published; the files of earlier runs are untouched.
        raise CommandError(f"{exc}; nothing of this run was published", status=1) from exc
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
