"""Two `scrapy crawl` workers sharing one site's frontier in a real redis-server started by the test.

The site is served by an HTTP server on 127.0.0.1 (port 0) that counts the requests in flight at each moment:
every URL is fetched once across the workers, and the requests in flight to the host never exceed the site's
politeness limit, though each worker alone would be allowed that many.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from crawler.fixture_server import serve
from tests.scale.conftest import FIXTURE_SITE, REPO, free_port, redis_server_binary, service_env, sites_file

pytestmark = pytest.mark.slow

ARTICLES = 120  # at 0.2 s a page and 3 in flight: long enough for the slower worker to join
LIMIT = 3  # the site's politeness.concurrency: for the whole site, not per worker


@dataclass
class Counting:
    url: str
    fetches: Counter[str] = field(default_factory=Counter)
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


@pytest.fixture(scope="module")
def counting_site() -> Iterator[Counting]:
    server = serve(FIXTURE_SITE, replicate=ARTICLES, latency=0.2)
    counting = Counting(f"http://127.0.0.1:{server.server_address[1]}")
    base = server.RequestHandlerClass

    class CountingHandler(base):  # type: ignore[valid-type,misc]
        # A request is in flight from its arrival until its answer starts to go out: counted down only after the
        # answer was written, a worker that has read it and sent its next request could be counted twice.
        def _serve(self, *, send_body: bool) -> None:
            with counting.lock:
                counting.fetches[self.path] += 1
                counting.in_flight += 1
                counting.most_in_flight = max(counting.most_in_flight, counting.in_flight)
            self.answered = False
            try:
                super()._serve(send_body=send_body)
            finally:
                self._answering()

        def _reply(self, *args: Any, **kwargs: Any) -> None:
            self._answering()
            super()._reply(*args, **kwargs)

        def _answering(self) -> None:
            with counting.lock:
                if not self.answered:
                    self.answered = True
                    counting.in_flight -= 1

    server.RequestHandlerClass = CountingHandler
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield counting
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = redis_server_binary()
    if binary is None:
        pytest.skip("redis-server not installed (apt-get install -y redis-server)")
    import redis

    folder = tmp_path_factory.mktemp("redis")
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder), "--save", "", "--appendonly",
               "no"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        for _ in range(200):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                threading.Event().wait(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def two_workers(counting_site: Counting, redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("workers")
    registry = sites_file(
        root / "sites.toml", {"big": counting_site.url}, concurrency=LIMIT, start="/bench/list_1.html"
    )
    outs = [root / f"out{i}" for i in range(2)]
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "scrapy",
                "crawl",
                "guides",
                "-a",
                "site=big",
                "-s",
                f"GUIDECRAWL_SITES={registry}",
                "-s",
                "GUIDECRAWL_PROFILE=test",
                "-s",
                f"GUIDECRAWL_REDIS_URL={redis_url}",
                "-s",
                "GUIDECRAWL_RUN_ID=shared-run",
                "-s",
                f"OUTPUT_DIR={out}",
                "-s",
                f"LOG_FILE={out}.log",
            ],
            cwd=REPO,
            env=service_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for out in outs
    ]
    for worker in workers:
        _, stderr = worker.communicate(timeout=300)
        assert worker.returncode in (0, 3), stderr
    return outs


def pages_taken(out: Path) -> pd.Series:
    """The URLs a worker extracted: its documents, plus its `duplicate_content` rows (crawler/dedup.py) — the
    bench articles cycle through the site's few guide pages, so a worker keeps each text's first URL only."""
    errors = pd.read_parquet(out / "errors")
    duplicates = errors.loc[errors["error"] == "duplicate_content", "url"]
    return pd.concat([pd.read_parquet(out / "documents")["url"], duplicates], ignore_index=True)


def test_every_url_is_fetched_once_across_the_workers(two_workers: list[Path], counting_site: Counting) -> None:
    fetches = counting_site.fetches
    articles = {f"/bench/a{i}.html" for i in range(ARTICLES)}
    assert articles <= set(fetches)
    pages = {path: n for path, n in fetches.items() if path != "/robots.txt"}  # robots.txt: once per worker
    assert max(pages.values()) == 1, Counter(pages).most_common(3)


def test_both_workers_took_pages_from_the_shared_frontier(two_workers: list[Path]) -> None:
    per_worker: list[Any] = [pages_taken(out) for out in two_workers]
    assert all(len(urls) > 0 for urls in per_worker)
    urls = pd.concat(per_worker, ignore_index=True)
    assert urls.is_unique and urls.str.contains("/bench/a").sum() == ARTICLES


def test_in_flight_requests_to_the_host_never_exceed_the_site_limit(
    two_workers: list[Path], counting_site: Counting
) -> None:
    assert 2 <= counting_site.most_in_flight <= LIMIT  # parallel, but never above the site's limit


def test_the_dupefilter_uses_the_projects_fingerprint() -> None:
    from scrapy import Request

    from crawler.fingerprint import GuideRequestFingerprinter
    from crawler.redis_dupefilter import GuideRedisDupeFilter

    dupefilter = GuideRedisDupeFilter.__new__(GuideRedisDupeFilter)
    dupefilter.fingerprinter = GuideRequestFingerprinter()
    plain = dupefilter.request_fingerprint(Request("http://example.org/a.html"))
    tracked = dupefilter.request_fingerprint(Request("http://example.org/a.html?utm_source=x"))
    other = dupefilter.request_fingerprint(Request("http://example.org/b.html"))
    assert plain == tracked != other
