"""`guidecrawl extract ... --dask ADDRESS|local[:N]`: the same extraction, spread over a dask.distributed cluster.

The saved pages are cut into chunks (in the order `find_pages` gives them); each chunk is one Dask task that
runs cli.extract.process_saved — the per-page path of `guidecrawl extract`, hence extract.pipeline.process_page —
and writes its rows with output.dataset.DatasetWriter as one part of the run (`part-<run_id>-c00000.parquet`,
`_runs/<run_id>/c00000.json`). The tables read back equal those of a single-machine run, row for row.

Workers must see the same paths as the client: the saved pages and --out on a shared filesystem (NFS, a mounted
bucket), and the guidecrawl package installed in the same version. A task that is re-run (its worker died) finds
its part already published (the part's manifest exists) and returns that part's summary instead of writing it
twice; a part that died before publishing left only hidden temp files and is written again.

ADDRESS is a scheduler address (`tcp://host:8786`); `local` starts a LocalCluster of one worker per CPU,
`local:N` of N workers (one thread each: extraction is pure Python, processes beat threads).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cli.extract import DEFAULT_MAX_PAGE_BYTES, SavedPage, process_saved, registry_files, write_outcome

# dask.distributed's transports for a scheduler address (not `inproc`: a scheduler in this very process).
SCHEDULER_SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")
CHUNKS_PER_WORKER = 4  # enough chunks to balance uneven pages, few enough to keep part files large
MAX_CHUNK_PAGES = 500


@dataclass(frozen=True, slots=True)
class ChunkResult:
    part: str
    pages: int
    failed: int
    records: int
    rows: dict[str, int]
    files: int
    unknown_kinds: dict[str, int]
    reused: bool = False  # the part was already published by an earlier attempt of this task


def parse_address(text: str) -> tuple[str | None, int | None]:
    """`local` → (None, None); `local:3` → (None, 3); anything else is a scheduler address."""
    if text == "local":
        return None, None
    if text.startswith("local:"):
        count = text.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise ValueError(f"--dask {text}: local:N needs a positive number of workers")
        return None, int(count)
    if not text or text.startswith("-") or not _is_scheduler_address(text):
        raise ValueError(f"--dask {text!r}: give a scheduler address (tcp://host:8786, host:8786) or local[:N]")
    return text, None


def _is_scheduler_address(text: str) -> bool:
    """`SCHEME://host:port` or `host:port` (tcp), as dask.distributed reads an address. Checked before connecting:
    dask itself would stop on a missing port or an unknown scheme with an exception, not a usage error."""
    try:
        url = urlsplit(text if "://" in text else f"tcp://{text}")
        port = url.port  # ValueError for a port that is not a number from 0 to 65535
    except ValueError:
        return False
    plain = not (url.path or url.query or url.fragment or url.username or url.password)
    return url.scheme in SCHEDULER_SCHEMES and bool(url.hostname) and bool(port) and plain


def chunks(pages: Sequence[SavedPage], workers: int) -> list[list[SavedPage]]:
    """Consecutive slices of the page list, so the parts in name order hold the pages in input order."""
    size = max(1, min(MAX_CHUNK_PAGES, -(-len(pages) // max(1, workers * CHUNKS_PER_WORKER))))
    return [list(pages[i : i + size]) for i in range(0, len(pages), size)]


def extract_chunk(
    pages: Sequence[SavedPage],
    *,
    out: str,
    run_id: str,
    part: str,
    formats: Sequence[str],
    script: str,
    crawl_date: str,
    settings: dict[str, Any],
    extra_sites: tuple[str, ...] = (),
    max_bytes: int = DEFAULT_MAX_PAGE_BYTES,
) -> ChunkResult:
    """One Dask task: the pages through process_saved, written as part `part` of run `run_id`."""
    from output.dataset import RUNS_DIR, DatasetWriter

    manifest = Path(out) / RUNS_DIR / run_id / f"{part}.json"
    if manifest.is_file():  # a retry after the first attempt published: never write a part twice
        summary = json.loads(manifest.read_text(encoding="utf-8"))["summary"]
        return ChunkResult(
            part, summary["pages"], -1, -1, summary["rows"], len(summary["files"]), summary["unknown_kinds"], True
        )
    writer = DatasetWriter(
        out,
        run_id=run_id,
        part=part,
        formats=formats,
        run_metadata=settings,
        crawl_date=dt.date.fromisoformat(crawl_date),
    )
    records = failed = 0
    with writer:
        for page in pages:
            written, page_failed = write_outcome(writer, *process_saved(page, script, max_bytes, extra_sites))
            records += written
            failed += page_failed
    summary = writer.summary
    return ChunkResult(part, len(pages), failed, records, dict(summary.rows), len(summary.files), summary.unknown_kinds)


def _client(address: str, stack: ExitStack) -> Any:
    from cli.errors import CommandError

    try:
        import dask.config
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise CommandError("--dask needs dask[distributed]: pip install 'guidecrawl[dask]'") from None
    scheduler, workers = parse_address(address)
    try:
        if scheduler is None:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers or os.cpu_count() or 1,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
            )
            return stack.enter_context(Client(cluster))
        return stack.enter_context(Client(scheduler, timeout=dask.config.get("distributed.comm.timeouts.connect")))
    except (OSError, TimeoutError) as exc:
        raise CommandError(f"--dask {address}: cannot reach the scheduler: {exc}") from None


def run(args: argparse.Namespace, pages: Sequence[SavedPage], formats: Sequence[str]) -> int:
    """The --dask branch of `guidecrawl extract`: same arguments, same output, same summary lines."""
    from cli.errors import CommandError
    from output.dataset import RUN_ID, RUNS_DIR, new_run_id

    try:
        parse_address(args.dask)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    out = Path(args.out).resolve()
    run_id = args.run_id or new_run_id()
    if not RUN_ID.fullmatch(run_id):
        raise CommandError(f"run id {run_id!r} is not usable in a file name: letters, digits, . _ - only")
    if (out / RUNS_DIR / run_id).exists() or (out / RUNS_DIR / f"{run_id}.json").exists():
        raise CommandError(f"run {run_id} already wrote to {out}: choose another --run-id")
    # Absolute, as the workers' working folder is not ours; but not resolved: a symlink stays the link the single
    # machine run names as `source`, and a page's `problem` (a FIFO, a link to a device, a dangling link) stays
    # with it, so process_saved makes it the same errors row without ever opening it.
    absolute = [
        replace(page, body=page.body.absolute(), info=page.info.absolute() if page.info else None) for page in pages
    ]
    began = time.perf_counter()
    crawl_date = dt.datetime.now(dt.UTC).date().isoformat()
    extra_sites = registry_files(getattr(args, "sites", []))  # absolute: the workers read the same files
    max_bytes = getattr(args, "max_page_bytes", DEFAULT_MAX_PAGE_BYTES)  # every worker: the same too_large rows
    settings = {"command": "extract", "paths": args.paths, "formats": list(formats), "script": args.script}
    with ExitStack() as stack:
        client = _client(args.dask, stack)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        settings["dask"] = {"address": args.dask, "workers": workers}
        parts = chunks(absolute, workers)
        futures = [
            client.submit(
                extract_chunk,
                chunk,
                out=str(out),
                run_id=run_id,
                part=f"c{index:05d}",
                formats=list(formats),
                script=args.script,
                crawl_date=crawl_date,
                settings=settings,
                extra_sites=extra_sites,
                max_bytes=max_bytes,
                key=f"guidecrawl-extract-{run_id}-c{index:05d}",
                retries=2,  # a worker lost mid-task: the chunk runs again elsewhere
                pure=False,
            )
            for index, chunk in enumerate(parts)
        ]
        try:
            results: list[ChunkResult] = client.gather(futures)
        except Exception as exc:  # a chunk that failed on every attempt: a bug, or the cluster is gone
            raise CommandError(f"--dask: a chunk of the run failed: {type(exc).__name__}: {exc}") from None
    rows: dict[str, int] = {}
    unknown: dict[str, int] = {}
    for result in results:
        for name, n in result.rows.items():
            rows[name] = rows.get(name, 0) + n
        for kind, n in result.unknown_kinds.items():
            unknown[kind] = unknown.get(kind, 0) + n
    failed = sum(max(0, r.failed) for r in results)
    records = sum(max(0, r.records) for r in results)
    elapsed = time.perf_counter() - began
    entity_rows = {name: n for name, n in rows.items() if name not in ("documents", "errors") and n}
    print(f"pages     {len(pages)} ({len(pages) - failed} ok, {failed} with errors)")
    print(f"records   {records}")
    print(f"entities  {', '.join(f'{name} {n}' for name, n in entity_rows.items()) or 'none'}")
    if unknown:
        print(f"skipped   entities of kinds without a table: {unknown}")
    print(f"errors    {rows.get('errors', 0)} rows")
    files = sum(r.files for r in results)
    print(f"out       {out}/ (run {run_id}, {len(results)} parts on {workers} Dask workers, {files} files)")
    print(f"time      {elapsed:.1f} s")
    sys.stdout.flush()
    return 0
