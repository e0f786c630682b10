"""The crawl never leaves its site and behaves on it: offsite is host AND port (links, 3xx and meta refresh),
no telnet console listens, Retry-After is honoured up to a cap, a robots.txt answering 5xx means "try later"."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.offsite import Origins
from crawler.retry_after import retry_after_seconds
from tests.hostile.conftest import Crawl, HostileServer, crawl_site, hostile_server

pytestmark = pytest.mark.slow


# -- what is on the site --------------------------------------------------------------------------------------------

SITE = Origins.of(["http://ybj.fuzhou.gov.cn/zwgk/"], ["fuzhou.gov.cn"])
LOCAL = Origins.of(["http://127.0.0.1:8080/news/list.html"], ["127.0.0.1"])


def test_the_start_host_on_either_default_port_is_on_the_site() -> None:
    assert SITE.on_site("http://ybj.fuzhou.gov.cn/a.html")
    assert SITE.on_site("https://ybj.fuzhou.gov.cn/a.html")
    assert SITE.on_site("http://ybj.fuzhou.gov.cn:80/a.html")


def test_a_subdomain_of_an_allowed_domain_is_on_the_site() -> None:
    assert SITE.on_site("http://rsj.fuzhou.gov.cn/b.html")


def test_another_port_of_the_same_host_is_offsite() -> None:
    assert not SITE.on_site("http://ybj.fuzhou.gov.cn:8080/admin/")
    assert LOCAL.on_site("http://127.0.0.1:8080/news/a.html")
    assert not LOCAL.on_site("http://127.0.0.1:8081/news/a.html")
    assert not LOCAL.on_site("http://127.0.0.1/news/a.html")


def test_another_host_a_lookalike_host_and_other_schemes_are_offsite() -> None:
    assert not SITE.on_site("http://fuzhou.gov.cn.evil.example/a.html")
    assert not SITE.on_site("http://notfuzhou.gov.cn/a.html")
    assert not SITE.on_site("ftp://ybj.fuzhou.gov.cn/a.html")
    assert not SITE.on_site("http://ybj.fuzhou.gov.cn:99999/a.html")  # not a port at all


# -- Retry-After values ---------------------------------------------------------------------------------------------


def test_retry_after_in_seconds_and_as_an_http_date() -> None:
    import datetime as dt

    now = dt.datetime(2026, 12, 6, 8, 0, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Sun, 06 Dec 2026 08:01:30 GMT", now) == 90
    assert retry_after_seconds("Sun, 06 Dec 2026 07:00:00 GMT", now) == 0  # a date in the past: now
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds("-5") is None


# -- a real crawl of a site whose links, redirects and refreshes point elsewhere --------------------------------------


@pytest.fixture
def crawled(misc_crawl: tuple[Crawl, HostileServer, HostileServer]) -> tuple[Crawl, HostileServer, HostileServer]:
    return misc_crawl


def test_nothing_is_fetched_from_another_port(crawled: tuple[Crawl, HostileServer, HostileServer]) -> None:
    crawl, _, other = crawled
    assert other.requests() == []
    assert crawl.stats["guidecrawl/offsite/links"] == 1  # the link to the other port, not followed


def test_nothing_is_fetched_under_another_host_name(crawled: tuple[Crawl, HostileServer, HostileServer]) -> None:
    _, site, _ = crawled
    hosts = {host for _, _, host, _ in site.requests()}
    assert hosts == {site.url.removeprefix("http://")}


def test_redirects_and_refreshes_elsewhere_are_rows_naming_the_target(
    crawled: tuple[Crawl, HostileServer, HostileServer],
) -> None:
    crawl, site, other = crawled
    errors = crawl.errors_by_path(site.url)
    port = site.url.rsplit(":", 1)[1]
    assert errors["/moved/host.html"] == (
        "redirected_offsite",
        f"redirected (301) to http://localhost:{port}/misc/good.html",
    )
    assert errors["/moved/port.html"] == ("redirected_offsite", f"redirected (302) to {other.url}/misc/good.html")
    assert errors["/moved/refresh.html"] == (
        "redirected_offsite",
        f"redirected (meta refresh) to {other.url}/misc/good.html",
    )


def test_no_telnet_console_listens(crawled: tuple[Crawl, HostileServer, HostileServer]) -> None:
    log = crawled[0].process.stderr
    assert "Telnet console listening" not in log
    assert "scrapy.extensions.telnet.TelnetConsole" not in log  # not among the enabled extensions
    assert "scrapy.extensions.logstats.LogStats" in log  # (the list is in the log)


def test_no_telnet_console_listens_with_the_production_profile(tmp_path: Path) -> None:
    with hostile_server(tmp_path) as site:
        crawl = crawl_site(
            "hostile-wide", site, tmp_path / "out", "-s", "GUIDECRAWL_PROFILE=production",
            "-s", "CLOSESPIDER_PAGECOUNT=1", "-s", "AUTOTHROTTLE_START_DELAY=0",
            "-s", "DOWNLOAD_DELAY=0",
        )  # fmt: skip
    assert "'AUTOTHROTTLE_ENABLED': True" in crawl.process.stderr  # the production profile is in force
    assert "Telnet console listening" not in crawl.process.stderr
    assert "scrapy.extensions.telnet.TelnetConsole" not in crawl.process.stderr


def test_retry_after_is_waited_before_the_retry(crawled: tuple[Crawl, HostileServer, HostileServer]) -> None:
    crawl, site, _ = crawled
    answers = [(status, at) for target, status, _, at in site.requests() if target == "/misc/retry-after.html"]
    assert [status for status, _ in answers] == [503, 200]
    assert answers[1][1] - answers[0][1] >= 1.9  # the server asked for 2 s
    assert "/misc/retry-after.html" in crawl.document_paths(site.url)


def test_retry_after_over_the_cap_is_not_retried_in_this_run(
    crawled: tuple[Crawl, HostileServer, HostileServer],
) -> None:
    crawl, site, _ = crawled
    answers = [status for target, status, _, _ in site.requests() if target == "/misc/retry-after-long.html"]
    assert answers == [503]
    assert crawl.errors_by_path(site.url)["/misc/retry-after-long.html"][0] == "http_503"
    assert crawl.stats["guidecrawl/retry_after/over_cap"] == 1


# -- robots.txt that answers a server error -------------------------------------------------------------------------


def test_a_5xx_robots_txt_means_try_later_and_fetches_no_page(tmp_path: Path) -> None:
    with hostile_server(tmp_path, "--robots", "503") as site:
        crawl = crawl_site("hostile-misc", site, tmp_path / "out")
        fetched = [target for target, *_ in site.requests()]
    assert fetched == ["/robots.txt"]
    assert crawl.documents == []
    assert crawl.errors_by_path(site.url) == {
        "/misc/start.html": ("robots_unavailable", "robots.txt answered HTTP 503: not fetched, try a later run")
    }
    assert crawl.errors[0]["stage"] == "robots"


def test_an_ordinary_robots_txt_still_allows_the_site(crawled: tuple[Crawl, HostileServer, HostileServer]) -> None:
    crawl, site, _ = crawled
    assert "/misc/start.html" in crawl.document_paths(site.url)
