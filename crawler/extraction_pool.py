"""Extraction off the reactor thread: `extract.pipeline.process_page` in a pool of worker processes.

decode → content → normalize → entities costs ≈ 20 ms of CPU a page (long listings more). Run in the reactor
thread, it stalls every download for that long and the crawl uses one core. Here each page goes to a
`concurrent.futures.ProcessPoolExecutor` (one worker per core by default, `GUIDECRAWL_EXTRACT_WORKERS=N`;
0 runs it in the reactor thread, as before) and the spider awaits the result, so the reactor keeps
downloading while the workers extract. The function called is the same `process_page`, with the same
arguments: only where it runs changes.

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
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from extract.pipeline import PageResult, process_page

PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Worker initializer: the kernel kills this worker when the crawl process ends (Linux only)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the crawl's to handle, not the workers'


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
        self._executor: ProcessPoolExecutor | None = None

    def warm_up(self) -> None:
        """Start the workers now (they import the extraction stages) while the first pages download."""
        if self.workers:
            self._start().submit(os.getpid)

    def _start(self) -> ProcessPoolExecutor:
        if self._executor is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["extract.pipeline"])
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_die_with_parent)
        return self._executor

    async def process_page(
        self,
        body: bytes,
        headers: Mapping[str, str],
        url: str,
        *,
        site: str | None,
        script: str,
        fetched_at: dt.datetime,
        body_css: str | None = None,
    ) -> PageResult:
        kwargs = {"site": site, "script": script, "fetched_at": fetched_at, "body_css": body_css}
        if self.workers == 0:
            return process_page(body, headers, url, **kwargs)
        future: Future[PageResult] = self._start().submit(process_page, body, dict(headers), url, **kwargs)
        return await _awaitable(future)

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


async def _awaitable(future: Future[PageResult]) -> PageResult:
    """The pool's future, awaited on the reactor's event loop (asyncio reactor) or through a Twisted thread."""
    from scrapy.utils.reactor import is_asyncio_reactor_installed

    if is_asyncio_reactor_installed():
        return await asyncio.wrap_future(future)
    from scrapy.utils.defer import maybe_deferred_to_future
    from twisted.internet.threads import deferToThread

    result: PageResult = await maybe_deferred_to_future(deferToThread(future.result))
    return result
