"""Traps stop: an endless calendar, session ids in links, ever-deeper paths and a site wider than the budget
each end the crawl after a bounded number of requests, with rows that say why (trap limits as settings)."""

from __future__ import annotations

import uuid
from collections import Counter
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


def crawl_trap(
    server: tuple[HostileServer, Path], name: str, *settings: str, closed: str = "finished"
) -> tuple[Crawl, int]:
    site, tmp = server
    before = len(site.requests())
    crawl = crawl_site(name, site, tmp / f"{name}-{uuid.uuid4().hex}", *settings)
    assert crawl.process.returncode == 0
    assert f"Spider closed ({closed})" in crawl.process.stderr  # "finished": it ended by itself
    return crawl, len(site.requests()) - before


def test_an_endless_calendar_stops_after_ten_duplicates(server: tuple[HostileServer, Path]) -> None:
    crawl, requests = crawl_trap(server, "hostile-calendar")
    assert crawl.document_paths(server[0].url) == ["/calendar.html?page=1"]
    errors = Counter(e["error"] for e in crawl.errors)
    assert 10 <= errors["duplicate_content"] <= 20
    assert errors["trap_path_duplicates"] == 1
    assert requests <= 25  # robots.txt + page 1 + the duplicates in flight when the limit was reached
    first = server[0].url + "/calendar.html?page=1"
    assert all(e["message"] == f"same main text as {first}" for e in crawl.errors if e["error"] == "duplicate_content")


def test_session_ids_in_links_stop_with_two_documents(server: tuple[HostileServer, Path]) -> None:
    crawl, requests = crawl_trap(server, "hostile-session")
    assert len(crawl.documents) == 2  # the two distinct texts
    errors = Counter(e["error"] for e in crawl.errors)
    assert errors["trap_path_duplicates"] == 2  # one row per path that repeated itself
    assert requests <= 80


def test_the_depth_limit_stops_an_ever_deeper_site(server: tuple[HostileServer, Path]) -> None:
    crawl, requests = crawl_trap(server, "hostile-deep", "-s", "GUIDECRAWL_MAX_DEPTH=5")
    assert crawl.document_paths(server[0].url) == sorted(f"/deep/{n}.html" for n in range(1, 7))
    assert crawl.errors_by_path(server[0].url) == {
        "/deep/7.html": ("trap_depth", "not followed: depth limit 5 reached on " + server[0].url[7:] + "/deep/7.html")
    }
    assert requests == 7  # robots.txt + 6 pages


def test_the_page_budget_stops_a_site_wider_than_it(server: tuple[HostileServer, Path]) -> None:
    crawl, requests = crawl_trap(server, "hostile-wide", "-s", "GUIDECRAWL_MAX_PAGES=30")
    assert len(crawl.documents) == 31  # the start URL + the budget
    trap_rows = [e for e in crawl.errors if e["error"] == "trap_pages"]
    assert len(trap_rows) == 1 and trap_rows[0]["message"] == "not followed: pages limit 30 reached for this crawl"
    assert crawl.stats["guidecrawl/traps/pages"] > 100  # refused links are counted, not each a row
    assert requests == 32


def test_a_limit_of_zero_is_off(server: tuple[HostileServer, Path]) -> None:
    crawl, _ = crawl_trap(
        server, "hostile-deep", "-s", "GUIDECRAWL_MAX_DEPTH=0", "-s", "CLOSESPIDER_PAGECOUNT=12",
        closed="closespider_pagecount",
    )  # fmt: skip
    assert len(crawl.documents) >= 10  # deeper than the default-off limit would have allowed at 5
    assert not [e for e in crawl.errors if e["error"].startswith("trap_")]
