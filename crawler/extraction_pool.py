"""Extraction off the reactor thread: `extract.pipeline.process_page` in a pool of worker processes.

decode → content → normalize → entities costs ≈ 20 ms of CPU a page (long listings more). Run in the reactor
thread, it stalls every download for that long and the crawl uses one core. Here each page goes to a
`concurrent.futures.ProcessPoolExecutor` (one worker per core by default, `GUIDECRAWL_EXTRACT_WORKERS=N`;
0 runs it in the reactor thread, as before) and the spider awaits the result, so the reactor keeps
downloading while the workers extract. The function called is the same `process_page`, with the same
arguments: only where it runs changes. The workers also find the links to follow (`crawler.links`: lxml link
extraction is the other big per-page cost); the reactor thread only schedules requests and writes rows.

Workers come from a forkserver that has imported the extraction stages once (fast, copy-on-write start-up, no
fork of the reactor's threads), and die with the crawl process (PR_SET_PDEATHSIG on Linux), so a crawl killed
with -9 leaves no orphan. In-flight pages are bounded by Scrapy's CONCURRENT_REQUESTS: a page waits in the
pool only while its response is held.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import datetime as dt
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from crawler.links import links_of
from crawler.sites import Site
from extract.pipeline import PageResult, process_page

PR_SET_PDEATHSIG = 1
T = TypeVar("T")


def _die_with_parent() -> None:
    """Worker initializer: the kernel kills this worker when the crawl process ends (Linux only)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the crawl's to handle, not the workers'


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


class ExtractionPool:
    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._ready: Future[ProcessPoolExecutor] | None = None

    def warm_up(self) -> None:
        """Start the workers from a thread: the forkserver's imports take seconds under load, and the reactor
        must not wait for them; the first pages download meanwhile and wait for `_ready` without blocking."""
        if self.workers == 0 or self._ready is not None:
            return
        ready: Future[ProcessPoolExecutor] = Future()
        self._ready = ready

        def start() -> None:
            try:
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(["extract.pipeline", "crawler.links"])
                executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_die_with_parent)
                for ping in [executor.submit(os.getpid) for _ in range(self.workers)]:
                    ping.result()
                ready.set_result(executor)
            except BaseException as exc:  # the pages waiting on it get the error as their extraction failure
                ready.set_exception(exc)

        threading.Thread(target=start, name="extraction-pool-start", daemon=True).start()

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
        self.warm_up()
        assert self._ready is not None
        executor = self._ready.result() if self._ready.done() else await _awaitable(self._ready)
        return await _awaitable(executor.submit(extract_page, *args))

    def shutdown(self) -> None:
        ready, self._ready = self._ready, None
        if ready is not None and ready.exception() is None:  # exception() waits for a start still under way
            ready.result().shutdown(wait=True, cancel_futures=True)


async def _awaitable(future: Future[T]) -> T:
    """The pool's future, awaited on the reactor's event loop (asyncio reactor) or through a Twisted thread."""
    from scrapy.utils.reactor import is_asyncio_reactor_installed

    if is_asyncio_reactor_installed():
        return await asyncio.wrap_future(future)
    from scrapy.utils.defer import maybe_deferred_to_future
    from twisted.internet.threads import deferToThread

    result: T = await maybe_deferred_to_future(deferToThread(future.result))
    return result
