"""`scrapy crawl guides -O out.parquet` for real: the fixture site served on 127.0.0.1, the crawl a subprocess."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.crawler.conftest import Served, scrapy_crawl, serve

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve(tmp_path_factory.mktemp("site"))


def crawl_feed(site: Served, flag: str, path: Path) -> str:
    proc = scrapy_crawl("-a", "site=fixture", "-a", f"base_url={site.url}", flag, str(path), "-s", "LOG_LEVEL=ERROR")
    assert proc.returncode == 3, proc.stderr[-2000:]  # crawler.outcome: some pages failed (the fixture's 404s)
    return proc.stderr


@pytest.fixture(scope="module")
def feed(site: Served, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("feed") / "out.parquet"
    crawl_feed(site, "-O", path)
    return path


def test_big_o_writes_a_row_per_page_and_per_failure(feed: Path, site: Served) -> None:
    rows = pq.read_table(feed, columns=["url", "kind", "ok", "error_list"]).to_pylist()
    pages = {r["url"].removeprefix(site.url): r["kind"] for r in rows if r["ok"]}
    failures = {r["url"].removeprefix(site.url): r["error_list"][0]["error"] for r in rows if not r["ok"]}
    assert pages["/qa/1001.html"] == "qa"
    assert pages["/news/2020/0203/art_yantai.html"] == "article"
    assert failures["/news/missing.html"] == "http_404"
    assert failures["/news/preview/draft.html"] == "robots_disallowed"


def test_small_o_onto_the_feed_is_refused_and_leaves_it_intact(feed: Path, site: Served) -> None:
    before = feed.read_bytes()
    stderr = crawl_feed(site, "-o", feed)
    assert f"cannot append to the existing Parquet file {feed}: use -O" in stderr
    assert "Traceback" not in stderr
    assert feed.read_bytes() == before
