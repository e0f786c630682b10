"""Drives a real `ExtractionPool` under a real reactor, for tests/crawler/test_extraction_pool_workers.py.

    python -m tests.crawler.pool_driver fork|exec|fork-with-thread

Starts a pool of two workers (forked, executed, or asked to fork while another thread runs), extracts a demo
page, kills the worker holding the next page with SIGKILL while that page is in flight, extracts one more page,
and prints one JSON line: what came back for each page, how each worker was started, and the workers' ids.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import signal
import sys
import threading
from typing import Any

from twisted.internet import asyncioreactor

asyncioreactor.install()

from twisted.internet import defer, reactor  # noqa: E402

from crawler.extraction_pool import ExtractionPool  # noqa: E402
from crawler.fixture_server import DEFAULT_ROOT, load_routes, route_key  # noqa: E402
from crawler.sites import load_sites  # noqa: E402
from crawler.worker_fork import ForkedWorkerProcess  # noqa: E402

PAGE = "/news/2020/0203/art_yantai.html"


def summary(found: tuple[Any, list[tuple[str, str]]]) -> dict[str, Any]:
    result, links = found
    return {
        "title": result.document.title if result.document else None,
        "entities": len(result.entities),
        "errors": [(e.stage, e.error) for e in result.errors],
        "links": len(links),
    }


async def drive(mode: str) -> dict[str, Any]:
    route = load_routes(DEFAULT_ROOT)[route_key(PAGE)]
    site = load_sites(())["fixture"]
    args = (route.body(1), {"Content-Type": route.content_type or ""}, "http://127.0.0.1" + PAGE)
    options = {"site": site, "script": "hans", "fetched_at": dt.datetime(2026, 12, 6, tzinfo=dt.UTC)}
    pool = ExtractionPool(2, fork=mode != "exec")
    blocker = threading.Event()
    if mode == "fork-with-thread":
        threading.Thread(target=blocker.wait, daemon=True).start()
    pool.warm_up()
    started = ["forked" if isinstance(w.transport, ForkedWorkerProcess) else "executed" for w in pool._live]
    first_pids = [w.transport.pid for w in pool._live]
    first = summary(await pool.extract(*args, **options))
    in_flight = asyncio.ensure_future(pool.extract(*args, **options))
    await asyncio.sleep(0)  # the page goes out to a worker
    victim = next(w for w in pool._live if w.pending)
    os.kill(victim.transport.pid, signal.SIGKILL)
    killed = summary(await in_flight)
    after = summary(await pool.extract(*args, **options))
    live_pids = [w.transport.pid for w in pool._live]
    blocker.set()
    pool.shutdown()
    return {
        "started": started,
        "first": first,
        "killed": killed,
        "after": after,
        "workers_after": len(live_pids),
        "replaced": len(set(live_pids) - set(first_pids)),
    }


def main() -> int:
    mode = sys.argv[1]
    outcome: dict[str, Any] = {}

    def finish(value: Any) -> None:
        outcome.update(value if isinstance(value, dict) else {"failure": str(value)})
        reactor.callLater(0.5, reactor.stop)  # type: ignore[attr-defined]  # the workers' exits are reaped

    defer.Deferred.fromFuture(asyncio.ensure_future(drive(mode))).addBoth(finish)
    reactor.run()  # type: ignore[attr-defined]
    print(json.dumps(outcome))
    return 0


if __name__ == "__main__":
    sys.exit(main())
