"""Every spider imports, and `guides` takes exactly one of site / url / url_file."""

from __future__ import annotations

import pytest
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.misc import walk_modules_iter
from scrapy.utils.project import get_project_settings

from crawler.spiders.guides import GuidesSpider, SpiderArgumentError, same_series
from tests.crawler.conftest import scrapy_crawl


def test_every_spider_module_imports_and_names_a_spider() -> None:
    modules = list(walk_modules_iter("crawler.spiders"))
    loader = SpiderLoader(Settings({"SPIDER_MODULES": ["crawler.spiders"]}))
    assert len(modules) >= 2  # the package and guides
    assert "guides" in loader.list()
    for name in loader.list():
        assert loader.load(name).name == name


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"site": "fixture", "url": "http://a.example/"}, {"url": "http://a/", "url_file": "urls.txt"}],
)
def test_guides_wants_exactly_one_source(kwargs: dict[str, str]) -> None:
    with pytest.raises(SpiderArgumentError, match="exactly one of"):
        GuidesSpider(**kwargs)


def test_guides_rejects_a_non_http_url() -> None:
    with pytest.raises(SpiderArgumentError, match="not an http"):
        GuidesSpider(url="ftp://ybj.yantai.gov.cn/")


def test_guides_rejects_a_since_that_is_not_a_date() -> None:
    with pytest.raises(SpiderArgumentError, match="YYYY-MM-DD"):
        GuidesSpider(site="fixture", since="2024/09/03")


def test_unknown_site_names_the_known_ones() -> None:
    with pytest.raises(SpiderArgumentError, match=r"unknown site 'nope' .*fixture"):
        GuidesSpider.check_arguments(get_project_settings(), site="nope")


def test_url_file_skips_blank_and_comment_lines(tmp_path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("# guides\nhttp://ybj.yantai.gov.cn/a.html\n\nhttp://ybj.yantai.gov.cn/b.html\n", encoding="utf-8")
    site = GuidesSpider.check_arguments(get_project_settings(), url_file=str(urls))
    assert site.start_urls == ("http://ybj.yantai.gov.cn/a.html", "http://ybj.yantai.gov.cn/b.html")
    assert site.allowed_domains == ("ybj.yantai.gov.cn",)
    assert site.follow is False


def test_base_url_moves_a_registry_site() -> None:
    site = GuidesSpider.check_arguments(get_project_settings(), site="fixture", base_url="http://127.0.0.1:8123")
    assert site.start_urls == ("http://127.0.0.1:8123/news/list.html",)


def test_pages_of_one_thread_are_one_series() -> None:
    assert same_series(
        "http://bbs.example/viewthread.php?tid=2811&extra=page%3D1&page=2",
        "http://bbs.example/viewthread.php?tid=2811",
    )
    assert not same_series("http://bbs.example/viewthread.php?tid=2811", "http://bbs.example/viewthread.php?tid=2812")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give exactly one of -a site=NAME, -a url=URL, -a url_file=FILE (got none)"),
        (("-a", "site=nope"), "unknown site 'nope'"),
        (("-a", "url_file=/no/such/urls.txt"), "cannot read url_file '/no/such/urls.txt'"),
    ],
)
def test_scrapy_crawl_with_bad_arguments_fails_in_one_line(args: tuple[str, ...], message: str) -> None:
    proc = scrapy_crawl(*args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith(f"scrapy: error: {message}")
