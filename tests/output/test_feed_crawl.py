"""`scrapy crawl guides -O out.parquet` for real: the fixture site served on 127.0.0.1, the crawl a subprocess."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.crawler.conftest import Served, scrapy_crawl, serve

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve(tmp_path_factory.mktemp("site"))


def crawl_feed(site: Served, flag: str, path: Path, status: int = 3) -> str:
    proc = scrapy_crawl("-a", "site=fixture", "-a", f"base_url={site.url}", flag, str(path), "-s", "LOG_LEVEL=ERROR")
    assert proc.returncode == status, proc.stderr[-2000:]  # crawler.outcome: 3 = some pages failed (the 404s)
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
    stderr = crawl_feed(site, "-o", feed, status=7)  # crawler.outcome: 7 = output failed
    assert f"cannot append to the existing Parquet file {feed}: use -O" in stderr
    assert "Traceback" not in stderr
    assert feed.read_bytes() == before


def test_jsonl_feed_rows_carry_the_doc_id_the_tables_use(site: Served, tmp_path: Path) -> None:
    feed, out = tmp_path / "pages.jsonl", tmp_path / "out"
    proc = scrapy_crawl(
        "-a", "site=fixture", "-a", f"base_url={site.url}", "-O", str(feed), "-s", f"OUTPUT_DIR={out}",
        "-s", "LOG_LEVEL=ERROR",
    )  # fmt: skip
    assert proc.returncode == 3, proc.stderr[-2000:]  # crawler.outcome: 3 = some pages failed (the failures below)
    rows = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    documents = pq.read_table(out / "documents", columns=["doc_id", "url", "run_id"]).to_pylist()
    pages = {r["url"]: (r["doc_id"], r["run_id"]) for r in rows if r["ok"]}
    assert pages == {d["url"]: (d["doc_id"], d["run_id"]) for d in documents}
    failures = [r for r in rows if not r["ok"]]
    assert {r["error_list"][0]["error"] for r in failures} == {"http_404", "robots_disallowed"}
    assert all(r["doc_id"] and r["site"] == "fixture" and r["fetched_at"] for r in failures)


def test_csv_feed_is_flat_and_holds_no_python_reprs(site: Served, tmp_path: Path) -> None:
    feed = tmp_path / "pages.csv"
    crawl_feed(site, "-O", feed)
    text = feed.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["row"] for r in rows} == {"page", "entity", "error"}
    phones = [r for r in rows if r["entity_kind"] == "phone"]
    assert phones
    assert all(r["doc_id"] and r["value"].isdigit() for r in phones)
    assert "PageResult(" not in text
    assert "Entity(" not in text


@pytest.mark.parametrize("name", ["pages.xml", "pages.marshal"])
def test_a_feed_format_that_cannot_hold_the_rows_is_refused_before_the_crawl(
    site: Served, tmp_path: Path, name: str
) -> None:
    proc = scrapy_crawl("-a", "site=fixture", "-a", f"base_url={site.url}", "-O", str(tmp_path / name))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    last = proc.stderr.strip().splitlines()[-1]  # after Scrapy's start-up lines, as for every bad argument
    assert last.startswith(f"scrapy: error: feed {tmp_path / name}: the {name.split('.')[1]} format is not supported")
    assert not (tmp_path / name).exists()
