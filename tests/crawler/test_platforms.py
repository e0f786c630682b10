"""Platform link rules and canonical URLs (crawler/platforms.toml), on links as they appear in real pages."""

from __future__ import annotations

from urllib.parse import urlencode

from hypothesis import given
from hypothesis import strategies as st

from crawler.platforms import GUIDE, LISTING, canonical_url, platform_rules
from crawler.sites import load_sites
from crawler.spiders.guides import same_series

DISCUZ = platform_rules(["discuz"])
PORTAL = platform_rules(["portal"])


def test_discuz_thread_page_is_a_guide_page() -> None:
    assert DISCUZ.classify("https://1984bbs.com/viewthread.php?tid=27791&extra=page%3D1&page=2") == GUIDE


def test_discuz_x_rewritten_thread_is_a_guide_page() -> None:
    assert DISCUZ.classify("https://www.backchina.com/thread-2811-2-1.html") == GUIDE


def test_discuz_forum_list_is_a_listing() -> None:
    assert DISCUZ.classify("https://1984bbs.com/forumdisplay.php?fid=12&page=3") == LISTING


def test_discuz_only_this_author_link_is_not_followed() -> None:
    assert DISCUZ.classify("https://1984bbs.com/viewthread.php?tid=27791&page=1&authorid=7919") is None


def test_discuz_printable_link_is_not_followed() -> None:
    assert DISCUZ.classify("https://1984bbs.com/viewthread.php?action=printable&tid=27791") is None


def test_portal_numbered_list_page_is_a_listing() -> None:
    assert PORTAL.classify("http://ybj.fuzhou.gov.cn/zwgk/tzgg/index_2.htm") == LISTING


def test_portal_trs_article_is_a_guide_page() -> None:
    assert PORTAL.classify("http://ybj.fuzhou.gov.cn/zwgk/tzgg/202409/t20240903_4893071.htm") == GUIDE


def test_portal_attachment_is_not_followed() -> None:
    assert PORTAL.classify("http://ybj.fuzhou.gov.cn/zwgk/tzgg/202409/P020240903.pdf") is None


def test_discuz_extra_and_default_page_do_not_make_a_new_page() -> None:
    assert canonical_url("http://bbs.example/viewthread.php?tid=2811&extra=page%3D1&page=1") == canonical_url(
        "http://bbs.example/viewthread.php?tid=2811"
    )


def test_discuz_second_page_stays_a_different_page() -> None:
    assert canonical_url("http://bbs.example/viewthread.php?tid=2811&page=2") != canonical_url(
        "http://bbs.example/viewthread.php?tid=2811"
    )


def test_tracking_parameters_are_dropped() -> None:
    assert (
        canonical_url("http://a.example/t20240903_1.html?utm_source=wx&spm=1.2") == "http://a.example/t20240903_1.html"
    )


def test_fixture_site_rules_deny_win_over_guide() -> None:
    links = load_sites()["fixture"].links
    assert links.classify("http://127.0.0.1/news/list_2.html") == LISTING
    assert links.classify("http://127.0.0.1/news/2007/fuzhou_guide.html") == GUIDE
    assert links.classify("http://127.0.0.1/_fixture/version/2") is None


params = st.lists(
    st.tuples(
        st.sampled_from(["tid", "page", "extra", "fid", "utm_source", "sid", "q"]), st.text("abc129%=", max_size=4)
    ),
    max_size=5,
)


@given(params)
def test_canonical_url_is_idempotent(query: list[tuple[str, str]]) -> None:
    url = "http://bbs.example/viewthread.php?" + urlencode(query)
    once = canonical_url(url)
    assert canonical_url(once) == once


@given(params, params)
def test_same_series_is_symmetric_and_reflexive(a: list[tuple[str, str]], b: list[tuple[str, str]]) -> None:
    url_a = "http://bbs.example/viewthread.php?" + urlencode(a)
    url_b = "http://bbs.example/viewthread.php?" + urlencode(b)
    assert same_series(url_a, url_a)
    assert same_series(url_a, url_b) == same_series(url_b, url_a)


@given(st.text(max_size=80))
def test_classify_takes_any_string(url: str) -> None:
    assert load_sites()["fixture"].links.classify(url) in (GUIDE, LISTING, None)
