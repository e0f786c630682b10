"""Every URL ends in exactly one of documents or errors: redirect loops, redirects to another site, redirects
to a page the run already has, and 304 answers nobody asked for all leave a row for the URL that was linked."""

from __future__ import annotations

from collections import Counter

import pytest

from crawler.outcome import NOT_FAILURES, Exit
from tests.hostile.conftest import Crawl, HostileServer

pytestmark = pytest.mark.slow

# Every URL the start page links to, except /moved/to-good.html: a redirect within the site is represented by
# its target's document (here /misc/good.html, also linked directly).
LINKED = [
    "/misc/start.html", "/misc/good.html", "/misc/empty.html", "/misc/binary.html", "/misc/mixed.html",
    "/loop/a.html", "/loop/self.html", "/moved/host.html", "/moved/port.html", "/moved/refresh.html",
    "/misc/unsolicited-304.html", "/misc/retry-after.html", "/misc/retry-after-long.html",
]  # fmt: skip


@pytest.fixture
def crawled(misc_crawl: tuple[Crawl, HostileServer, HostileServer]) -> tuple[Crawl, HostileServer]:
    return misc_crawl[0], misc_crawl[1]


def test_every_linked_url_has_exactly_one_row(crawled: tuple[Crawl, HostileServer]) -> None:
    crawl, site = crawled
    # Loops, a 503, binary and empty pages fail for real: exit 3, one failed page per errors row that is no policy
    failed = [e for e in crawl.errors if e["error"] not in NOT_FAILURES]
    assert crawl.process.returncode == Exit.PAGES_FAILED
    last_line = crawl.process.stderr.splitlines()[-1]
    assert last_line.endswith(f": {len(failed)} page(s) failed (see the errors table) (exit 3)")
    charged = Counter([*crawl.document_paths(site.url), *crawl.errors_by_path(site.url)])
    rows_per_url = Counter(str(d["url"]).removeprefix(site.url) for d in crawl.documents) + Counter(
        str(e["url"]).removeprefix(site.url) for e in crawl.errors
    )
    assert sorted(charged) == sorted(LINKED)
    assert set(rows_per_url.values()) == {1}


def test_a_redirect_loop_is_an_errors_row_for_the_url_it_began_with(crawled: tuple[Crawl, HostileServer]) -> None:
    crawl, site = crawled
    errors = crawl.errors_by_path(site.url)
    error, message = errors["/loop/a.html"]
    assert error == "redirect_loop"
    assert message.endswith("/loop/a.html -> " + site.url + "/loop/b.html -> " + site.url + "/loop/a.html")
    assert errors["/loop/self.html"][0] == "redirect_loop"
    assert "/loop/b.html" not in errors  # the middle of a chain is not a row of its own


def test_a_redirect_to_a_page_the_run_has_adds_no_second_row(crawled: tuple[Crawl, HostileServer]) -> None:
    crawl, site = crawled
    assert "/moved/to-good.html" not in crawl.errors_by_path(site.url)
    assert crawl.document_paths(site.url).count("/misc/good.html") == 1


def test_a_304_to_a_request_without_validator_is_an_errors_row(crawled: tuple[Crawl, HostileServer]) -> None:
    crawl, site = crawled
    assert crawl.errors_by_path(site.url)["/misc/unsolicited-304.html"][0] == "unsolicited_304"


def test_empty_binary_and_mixed_pages_from_the_web_are_errors_rows(crawled: tuple[Crawl, HostileServer]) -> None:
    crawl, site = crawled
    errors = crawl.errors_by_path(site.url)
    assert [errors[p][0] for p in ("/misc/empty.html", "/misc/binary.html", "/misc/mixed.html")] == [
        "empty_content",
        "binary_content",
        "undecodable",
    ]


def test_redirect_rows_are_counted_in_the_stats(crawled: tuple[Crawl, HostileServer]) -> None:
    stats = crawled[0].stats
    assert stats["guidecrawl/redirects/loop"] == 2
    assert stats["guidecrawl/redirects/offsite"] == 3
    assert stats["guidecrawl/not_modified/unsolicited"] == 1


def test_the_crawl_log_has_no_traceback_and_no_error_line(crawled: tuple[Crawl, HostileServer]) -> None:
    log = crawled[0].process.stderr
    assert "Traceback" not in log
    assert "] ERROR:" not in log
    assert "] INFO: Spider closed (finished)" in log


def _through_dedup(arrivals: list[tuple[str, str]]) -> list[tuple[str | None, str]]:
    """(requested URL, final URL) responses of one text, in arrival order → the rows the dedup middleware keeps."""
    from scrapy import Request
    from scrapy.http import HtmlResponse
    from scrapy.utils.test import get_crawler

    from crawler.dedup import ContentDedupMiddleware
    from extract.errors import PageError
    from extract.pipeline import process_page
    from tests.hostile.conftest import guide_page

    middleware = ContentDedupMiddleware(get_crawler())
    kept: list[tuple[str | None, str]] = []
    for requested, final in arrivals:
        meta = {"redirect_urls": [requested]} if requested != final else {}
        request = Request(final, meta=meta)
        response = HtmlResponse(final, body=guide_page(), encoding="utf-8", request=request)
        result = process_page(response.body, {}, final)
        for item in middleware.process_spider_output(response, [result]):
            kept.append((item.url, "duplicate_content" if isinstance(item, PageError) else "document"))
    return sorted(kept)


def test_a_redirect_and_a_direct_link_to_one_page_give_the_same_rows_in_either_order() -> None:
    direct, moved = ("http://h/good.html", "http://h/good.html"), ("http://h/moved.html", "http://h/good.html")
    expected = [("http://h/good.html", "document")]
    assert _through_dedup([direct, moved]) == expected
    assert _through_dedup([moved, direct]) == expected


def test_a_redirect_to_a_page_linked_nowhere_else_is_just_its_document() -> None:
    assert _through_dedup([("http://h/old.html", "http://h/new.html")]) == [("http://h/new.html", "document")]


def test_the_same_text_under_another_url_is_a_duplicate_naming_the_first() -> None:
    got = _through_dedup([("http://h/a.html", "http://h/a.html"), ("http://h/b.html?sid=1", "http://h/b.html?sid=1")])
    assert got == [("http://h/a.html", "document"), ("http://h/b.html?sid=1", "duplicate_content")]
