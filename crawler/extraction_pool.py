"""Extraction off the reactor thread: `extract.pipeline.process_page` in worker processes.

decode → content → normalize → entities costs ≈ 7–25 ms of CPU a page (long listings more), and finding the
links to follow (lxml) another millisecond or more. Run in the reactor thread, that stalls every download for
as long and the crawl uses one core. Here each response goes to one of N worker processes
(`python -m crawler.extraction_worker`; one per core by default, `GUIDECRAWL_EXTRACT_WORKERS=N`; 0 runs it in
the reactor thread, as before) and the spider awaits the result while the reactor keeps downloading. The
function called is the same `process_page`, with the same arguments: only where it runs changes.

The workers are plain child processes spoken to through their stdin/stdout pipes by the reactor itself
(Twisted's `spawnProcess`): no thread in the crawl process hands work over, so nothing competes with the
reactor for the GIL. Jobs go to the worker with the fewest in flight. A worker that dies fails its pages (each
becomes an `errors` row) and is replaced. Workers exit when their stdin closes and, on Linux, when the crawl
process dies, so a crawl killed with -9 leaves no orphan. In-flight pages are bounded by Scrapy's
CONCURRENT_REQUESTS: a page waits for a worker only while its response is held.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import sys
from collections.abc import Mapping
from typing import Any

from twisted.internet.defer import Deferred
from twisted.internet.protocol import ProcessProtocol
from twisted.python.failure import Failure

from crawler.extraction_worker import HEADER, frame
from crawler.links import links_of
from crawler.sites import Site
from extract.errors import PageError
from extract.pipeline import PageResult, process_page


def extract_page(
    body: bytes,
    headers: Mapping[str, str],
    url: str,
    site: Site,
    script: str,
    fetched_at: dt.datetime,
    body_css: str | None,
) -> tuple[PageResult, list[tuple[str, str]]]:
    """What a worker does for one response: the page through every stage, and its links to follow."""
    result = process_page(body, headers, url, site=site.name, script=script, fetched_at=fetched_at, body_css=body_css)
    return result, links_of(body, headers, url, site)


def worker_count(setting: Any) -> int:
    """`GUIDECRAWL_EXTRACT_WORKERS`: None/'auto' → one per core; 0 → in the reactor thread."""
    if setting in (None, "", "auto"):
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    count = int(setting)
    if count < 0:
        raise ValueError(f"GUIDECRAWL_EXTRACT_WORKERS must be 0 or more, got {count}")
    return count


class WorkerProtocol(ProcessProtocol):
    """One worker: frames out on stdin, frames in from stdout, a Deferred per job in flight."""

    def __init__(self, pool: ExtractionPool) -> None:
        self.pool = pool
        self.pending: dict[int, Deferred[Any]] = {}
        self.buffer = bytearray()

    def submit(self, job_id: int, args: tuple[Any, ...]) -> Deferred[Any]:
        done: Deferred[Any] = Deferred()
        self.pending[job_id] = done
        assert self.transport is not None
        self.transport.write(frame((job_id, args)))
        return done

    def outReceived(self, data: bytes) -> None:
        self.buffer += data
        while len(self.buffer) >= HEADER.size:
            (size,) = HEADER.unpack_from(self.buffer)
            if len(self.buffer) < HEADER.size + size:
                return
            job_id, ok, value = pickle.loads(bytes(self.buffer[HEADER.size : HEADER.size + size]))
            del self.buffer[: HEADER.size + size]
            done = self.pending.pop(job_id)
            if ok:
                done.callback(value)
            else:
                done.errback(WorkerError(value))

    def processEnded(self, reason: Failure) -> None:
        self.pool.worker_ended(self)
        for done in self.pending.values():
            done.errback(WorkerError(f"extraction worker ended: {reason.getErrorMessage()}"))
        self.pending.clear()


class WorkerError(Exception):
    """A worker could not extract a page (it died, or link extraction raised): one line for the errors row."""


class ExtractionPool:
    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._live: list[WorkerProtocol] = []
        self._jobs = 0
        self._closing = False

    def warm_up(self) -> None:
        """Start the workers now: they import the extraction stages while the first pages download."""
        while not self._closing and len(self._live) < self.workers:
            self._spawn()

    def _spawn(self) -> None:
        from twisted.internet import reactor

        worker = WorkerProtocol(self)
        reactor.spawnProcess(  # type: ignore[attr-defined]
            worker,
            sys.executable,
            [sys.executable, "-m", "crawler.extraction_worker"],
            env=dict(os.environ),
            childFDs={0: "w", 1: "r", 2: 2},
        )
        self._live.append(worker)

    def worker_ended(self, worker: WorkerProtocol) -> None:
        if worker in self._live:
            self._live.remove(worker)
        self.warm_up()  # a worker that died is replaced (not when the crawl is closing)

    async def extract(
        self,
        body: bytes,
        headers: Mapping[str, str],
        url: str,
        *,
        site: Site,
        script: str,
        fetched_at: dt.datetime,
        body_css: str | None = None,
    ) -> tuple[PageResult, list[tuple[str, str]]]:
        """`process_page` on the response, and the links the crawl follows from it (`crawler.links`)."""
        args = (body, dict(headers), url, site, script, fetched_at, body_css)
        if self.workers == 0:
            return extract_page(*args)
        from scrapy.utils.defer import maybe_deferred_to_future

        self.warm_up()
        worker = min(self._live, key=lambda w: len(w.pending))
        self._jobs += 1
        try:
            found: tuple[PageResult, list[tuple[str, str]]] = await maybe_deferred_to_future(
                worker.submit(self._jobs, args)
            )
        except WorkerError as exc:
            result = PageResult(url=url, document=None, site=site.name, script=script, fetched_at=fetched_at)
            result.errors.append(PageError(url, "fetch", "crawler_worker_failed", str(exc)))  # as middlewares.py
            return result, []
        return found

    def shutdown(self) -> None:
        """Close the workers' stdin: each finishes its job in hand, if any, and exits."""
        self._closing = True
        for worker in list(self._live):
            if worker.transport is not None:
                worker.transport.closeStdin()
