"""Traps stop: an endless calendar, session ids in links, ever-deeper paths and a site wider than the budget
each end the crawl after a bounded number of requests, with rows that say why (trap limits as settings)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.traps import url_shape
from tests.hostile.conftest import Crawl, HostileServer, crawl_site, hostile_server

pytestmark = pytest.mark.slow


# -- URL shapes: the unit whose duplicates are counted ----------------------------------------------------------------


def test_page_numbers_and_dates_fall_into_one_shape() -> None:
    assert url_shape("http://h/cal.html?page=7") == url_shape("http://h/cal.html?page=8") == "h/cal.html"
    assert url_shape("http://h/cal/2026/12/07.html") == url_shape("http://h/cal/2027/01/01.html")


def test_a_session_id_in_the_path_falls_into_one_shape() -> None:
    a = url_shape("http://h/s/9f8e7d6c5b4a39281706f5e4d3c2b1a0/guide.html")
    b = url_shape("http://h/s/0a1b2c3d4e5f60718293a4b5c6d7e8f9/guide.html")
    assert a == b == "h/s/*/guide.html"


def test_different_words_in_a_path_are_different_shapes() -> None:
    assert url_shape("http://h/news/medical-insurance-guide.html") != url_shape("http://h/news/pension-guide.html")


# -- real crawls of traps -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[HostileServer, Path]]:
    tmp = tmp_path_factory.mktemp("traps")
    with hostile_server(tmp) as site:
        yield site, tmp


def crawl_trap(server: tuple[HostileServer, Path], name: str, *settings: str) -> tuple[Crawl, list[str]]:
    """The crawl (which must end by itself) and the targets it requested."""
    site, tmp = server
    before = len(site.requests())
    crawl = crawl_site(name, site, tmp / f"{name}-{uuid.uuid4().hex}", *settings)
    assert crawl.process.returncode == 0
    assert "Spider closed (finished)" in crawl.process.stderr  # it ended by itself
    return crawl, [target for target, *_ in site.requests()[before:]]


@pytest.fixture(scope="module")
def traps(server: tuple[HostileServer, Path]) -> tuple[Crawl, list[str], str]:
    """A calendar, session ids in links and an ever-deeper path, crawled with a depth limit of 12."""
    crawl, requested = crawl_trap(server, "hostile-traps", "-s", "GUIDECRAWL_MAX_DEPTH=12")
    return crawl, requested, server[0].url


def test_an_endless_calendar_stops_after_ten_duplicates(traps: tuple[Crawl, list[str], str]) -> None:
    crawl, requested, base = traps
    calendar = [e for e in crawl.errors if "/calendar.html" in e["url"]]
    duplicates = [e for e in calendar if e["error"] == "duplicate_content"]
    assert 10 <= len(duplicates) <= 20
    assert {e["message"] for e in duplicates} == {f"same main text as {base}/calendar.html?page=1"}
    assert [e["error"] for e in calendar if e["error"] != "duplicate_content"] == ["trap_path_duplicates"]
    assert len([t for t in requested if t.startswith("/calendar.html")]) <= 25
    assert "/calendar.html?page=1" in crawl.document_paths(base)


def test_session_ids_in_links_stop_with_one_document_per_text(traps: tuple[Crawl, list[str], str]) -> None:
    crawl, requested, base = traps
    session_documents = [p for p in crawl.document_paths(base) if p.startswith("/session/")]
    # two texts (a.html, b.html) under ever-new tokens: the first fetch of each is a document, the rest duplicates
    assert len(session_documents) == 2
    assert "/session/a.html?token=start" in session_documents
    assert [p for p in session_documents if p.startswith("/session/b.html?token=")] != []
    session_duplicates = [e for e in crawl.errors if "/session/" in e["url"] and e["error"] == "duplicate_content"]
    assert session_duplicates != []
    session_traps = [e["error"] for e in crawl.errors if "/session/" in e["url"] and e["error"].startswith("trap_")]
    assert session_traps == ["trap_path_duplicates", "trap_path_duplicates"]  # one row per path that repeated
    assert len([t for t in requested if t.startswith("/session/")]) <= 80


def test_the_depth_limit_stops_an_ever_deeper_path(traps: tuple[Crawl, list[str], str]) -> None:
    crawl, requested, base = traps
    assert [p for p in crawl.document_paths(base) if p.startswith("/deep/")] == sorted(
        f"/deep/{n}.html" for n in range(1, 13)
    )
    assert crawl.errors_by_path(base)["/deep/13.html"] == (
        "trap_depth",
        "not followed: depth limit 12 reached for this crawl",
    )
    assert len([t for t in requested if t.startswith("/deep/")]) == 12


def test_the_page_budget_stops_a_site_wider_than_it(wide_crawl: tuple[Crawl, HostileServer]) -> None:
    crawl, requested = wide_crawl[0], wide_crawl[0].requested
    assert "Spider closed (finished)" in crawl.process.stderr  # it ended by itself
    assert len(crawl.documents) == 31  # the start URL + the budget
    trap_rows = [e for e in crawl.errors if e["error"] == "trap_pages"]
    assert len(trap_rows) == 1 and trap_rows[0]["message"] == "not followed: pages limit 30 reached for this crawl"
    assert crawl.stats["guidecrawl/traps/pages"] > 100  # refused links are counted, not each a row
    assert len(requested) == 32  # robots.txt + 31 pages


def test_a_limit_of_zero_is_off() -> None:
    from scrapy import Request
    from scrapy.utils.test import get_crawler

    from crawler.traps import TrapLimitsMiddleware

    middleware = TrapLimitsMiddleware(get_crawler(settings_dict={"GUIDECRAWL_MAX_DEPTH": 0, "GUIDECRAWL_MAX_PAGES": 3}))
    deep = Request("http://h/deep.html", meta={"depth": 10_000})
    assert list(middleware._check(deep)) == [deep]
    pages = [Request(f"http://h/{n}.html") for n in range(3)]
    passed = [list(middleware._check(r)) for r in pages]
    assert passed[0] == [pages[0]] and passed[1] == [pages[1]]
    assert [e.error for e in passed[2]] == ["trap_pages"]  # the budget of 3 is on, the depth limit is off
