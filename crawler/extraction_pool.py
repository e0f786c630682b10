"""Extraction off the reactor thread: `extract.pipeline.process_page` in worker processes.

decode → content → normalize → entities costs ≈ 5–25 ms of CPU a page (long listings more), and finding the
links to follow (lxml) another millisecond or so. Run in the reactor thread, that stalls every download for
as long and the crawl uses one core. Here each response goes to one of N worker processes (one per core by
default, `GUIDECRAWL_EXTRACT_WORKERS=N`; 0 runs it in the reactor thread) and the spider awaits the result
while the reactor keeps downloading. The
function called is the same `process_page`, with the same arguments: only where it runs changes.

The workers are plain child processes spoken to through their stdin/stdout pipes by the reactor itself
(Twisted's process support): no thread in the crawl process hands work over, so nothing competes with the
reactor for the GIL. They are forked from the crawl process once its stages have run over the bundled demo
pages (`crawler/worker_fork.py`: no import, no cold first pages), or executed (`python -m
crawler.extraction_worker`) where forking is not safe or `GUIDECRAWL_EXTRACT_FORK = False`. Jobs go to the
worker with the fewest in flight. A worker that dies fails its pages (each becomes an `errors` row) and is
replaced. Workers exit when their stdin closes and, on Linux, when the crawl process dies, so a crawl killed
with -9 leaves no orphan. Pages waiting for a worker are bounded: at CONCURRENT_REQUESTS of them the pool
pauses Scrapy's engine (no new requests go out) and resumes it as soon as one comes back, so the crawl process
holds the bound plus the pages already on their way when it paused (stat `guidecrawl/extraction/most_waiting`),
however fast the server answers.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import pickle
import sys
from collections.abc import Callable, Mapping
from typing import Any

from scrapy.core.engine import ExecutionEngine
from scrapy.crawler import Crawler
from twisted.internet.defer import Deferred
from twisted.internet.protocol import ProcessProtocol
from twisted.python.failure import Failure

from crawler.extraction_worker import HEADER, frame
from crawler.links import links_of
from crawler.sites import Site
from extract.errors import PageError
from extract.pipeline import PageResult, process_page

logger = logging.getLogger(__name__)
MOST_WAITING_STAT = "guidecrawl/extraction/most_waiting"  # the most pages held for the workers at once
STARTED_STAT = "guidecrawl/extraction/workers_{how}"  # workers started, by how: forked | executed


def extract_page(
    body: bytes,
    headers: Mapping[str, str],
    url: str,
    site: Site,
    script: str,
    fetched_at: dt.datetime,
    body_css: str | None,
    with_links: bool = True,
) -> tuple[PageResult, list[tuple[str, str]]]:
    """What a worker does for one response: the page through every stage, and its links to follow."""
    result = process_page(body, headers, url, site=site.name, script=script, fetched_at=fetched_at, body_css=body_css)
    return result, links_of(body, headers, url, site) if with_links else []


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
            with memoryview(self.buffer) as view:  # unpickled in place: no copy of the frame
                job_id, ok, value = pickle.loads(view[HEADER.size : HEADER.size + size])
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
    """`workers` worker processes; with `backlog` and `pause`/`resume`, downloads stop while `backlog` pages
    wait for a worker, so a crawl fetches no faster than it extracts."""

    def __init__(
        self,
        workers: int,
        *,
        backlog: int = 0,
        pause: Callable[[], None] | None = None,
        resume: Callable[[], None] | None = None,
        fork: bool = True,
    ) -> None:
        self.workers = workers
        self.fork = fork  # fork workers from this process when it is safe (crawler/worker_fork.py)
        self.backlog = backlog  # 0: no bound
        self._pause, self._resume = pause, resume
        self._live: list[WorkerProtocol] = []
        self._jobs = 0
        self._waiting = 0  # pages submitted to a worker and not yet back
        self._paused = False
        self.most_waiting = 0  # the most pages that ever waited at once (a stat: the bound at work)
        self.started = {"forked": 0, "executed": 0}  # workers started so far, by how (a stat)
        self._closing = False
        self.crawler: Crawler | None = None  # the crawl whose settings and stats the pool uses (`for_crawler`)
        self._settled = True  # a pool built from its arguments has nothing to read

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> ExtractionPool:
        """The pool a crawl's settings ask for (`GUIDECRAWL_EXTRACT_WORKERS`), holding at most
        CONCURRENT_REQUESTS pages for its workers before it pauses the crawl's engine."""

        def engine() -> ExecutionEngine:
            assert crawler.engine is not None  # pages are extracted only while the crawl runs
            return crawler.engine

        pool = cls(0, pause=lambda: engine().pause(), resume=lambda: engine().unpause())
        pool.crawler = crawler  # its settings are read when the crawl starts (`settle`), once add-ons applied
        pool._settled = False
        return pool

    def settle(self) -> None:
        """Read the crawl's final settings: a spider is built before Scrapy applies the add-ons, so values a
        profile sets (`GUIDECRAWL_EXTRACT_WORKERS = 0` in the demo and test profiles) are not there yet."""
        if self._settled or self.crawler is None:
            return
        self._settled = True
        self.workers = worker_count(self.crawler.settings.get("GUIDECRAWL_EXTRACT_WORKERS"))
        self.backlog = self.crawler.settings.getint("CONCURRENT_REQUESTS")
        self.fork = self.crawler.settings.getbool("GUIDECRAWL_EXTRACT_FORK", True)

    def warm_up(self) -> None:
        """Start the workers now (the crawl calls it when it starts, before its first request)."""
        self.settle()
        while not self._closing and len(self._live) < self.workers:
            self._spawn()

    def _spawn(self) -> None:
        from twisted.internet import reactor

        from crawler import worker_fork

        worker = WorkerProtocol(self)
        child_fds: dict[int, Any] = {0: "w", 1: "r", 2: 2}
        if self.fork and worker_fork.can_fork():
            worker_fork.warm_extraction()  # once: every worker forked from here starts warm
            worker_fork.ForkedWorkerProcess(reactor, worker, child_fds)
            self.started["forked"] += 1
        else:
            reactor.spawnProcess(  # type: ignore[attr-defined]
                worker,
                sys.executable,
                [sys.executable, "-m", "crawler.extraction_worker"],
                env=dict(os.environ),
                childFDs=child_fds,
            )
            self.started["executed"] += 1
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
        with_links: bool = True,
    ) -> tuple[PageResult, list[tuple[str, str]]]:
        """`process_page` on the response, and (`with_links`) the links the crawl follows from it."""
        args = (body, dict(headers), url, site, script, fetched_at, body_css, with_links)
        self.settle()
        if self.workers == 0:
            return extract_page(*args)
        from scrapy.utils.defer import maybe_deferred_to_future

        self.warm_up()
        worker = min(self._live, key=lambda w: len(w.pending))
        self._jobs += 1
        self._waited(+1)
        try:
            found: tuple[PageResult, list[tuple[str, str]]] = await maybe_deferred_to_future(
                worker.submit(self._jobs, args)
            )
        except WorkerError as exc:
            result = PageResult(url=url, document=None, site=site.name, script=script, fetched_at=fetched_at)
            result.errors.append(PageError(url, "fetch", "crawler_worker_failed", str(exc)))  # as middlewares.py
            return result, []
        finally:
            self._waited(-1)
        return found

    def _waited(self, change: int) -> None:
        """Count a page in or out of the workers' queues; pause the downloads at the bound, resume below it.

        Without the bound, a fast server keeps the downloader ahead of the workers: every downloaded page waits
        in the crawl process (its response, its Scrapy tasks, its pickled job), hundreds of them, and the
        garbage collector walks them all again and again. With it, the pages in hand stay near `backlog` (plus
        the pages already on their way), and the workers never run dry: downloads resume as soon as one is back.
        """
        self._waiting += change
        self.most_waiting = max(self.most_waiting, self._waiting)
        if not self.backlog or self._pause is None or self._resume is None:
            return
        if not self._paused and self._waiting >= self.backlog:
            self._paused = True
            self._pause()
            logger.debug("extraction: %d pages wait for a worker, downloads paused", self._waiting)
        elif self._paused and self._waiting < self.backlog:
            self._paused = False
            self._resume()
            logger.debug("extraction: %d pages wait for a worker, downloads resumed", self._waiting)

    def shutdown(self) -> None:
        """Close the workers' stdin: each finishes its job in hand, if any, and exits."""
        self._closing = True
        if self.crawler is not None and self.workers:
            self.crawler.stats.set_value(MOST_WAITING_STAT, self.most_waiting)
            for how, count in self.started.items():
                self.crawler.stats.set_value(STARTED_STAT.format(how=how), count)
        for worker in list(self._live):
            if worker.transport is not None:
                worker.transport.closeStdin()
