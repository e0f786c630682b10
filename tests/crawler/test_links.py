"""Which links a page leads the crawl to (crawler/links.py): `page_links` gives exactly the URLs of Scrapy's
`LinkExtractor(unique=True)`, in the same order (and, where a parser sees less than a browser does, the links after
a mid-page `</html>` and a Hanweb column's script-data entries), and `followed_links` keeps those of the site's hosts
and rules.

Scrapy's extractor is the independent expectation: every fixture page, every page of the demo site and of the
benchmark site, and generated hrefs of every awkward kind go through both."""

from __future__ import annotations

import json
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from scrapy.http import HtmlResponse, TextResponse, XmlResponse
from scrapy.linkextractors import LinkExtractor

from crawler.fixture_server import DEFAULT_ROOT, bench_routes, load_routes
from crawler.links import followed_links, links_of, page_links
from crawler.platforms import GUIDE, LISTING, LinkRules
from crawler.sites import Site, load_sites

FIXTURE_PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
PAGE_URL = "http://www.ybj.example.gov.cn/zwgk/tzgg/202409/t20240903_1.html"


def html(body: str, url: str = PAGE_URL, encoding: str = "utf-8") -> HtmlResponse:
    return HtmlResponse(url=url, body=body.encode(encoding), headers={"Content-Type": f"text/html; charset={encoding}"})


def scrapy_urls(response: TextResponse) -> list[str]:
    return [link.url for link in LinkExtractor(unique=True).extract_links(response)]


def anchors(*hrefs: str) -> str:
    return "<html><body>" + "".join(f'<a href="{h}">x</a>' for h in hrefs) + "</body></html>"


# --- what page_links returns, on snippets ---


def test_relative_links_resolve_against_the_page() -> None:
    response = html(anchors("t20240904_2.html", "../index_1.html", "/zwgk/"))
    assert page_links(response) == [
        "http://www.ybj.example.gov.cn/zwgk/tzgg/202409/t20240904_2.html",
        "http://www.ybj.example.gov.cn/zwgk/tzgg/index_1.html",
        "http://www.ybj.example.gov.cn/zwgk/",
    ]


def test_relative_links_resolve_against_the_base_element() -> None:
    response = html('<html><head><base href="http://cdn.example.cn/site/"></head><body><a href="a.html">x</a></body>')
    assert page_links(response) == ["http://cdn.example.cn/site/a.html"]


def test_each_url_once_in_page_order() -> None:
    response = html(anchors("b.html", "a.html", "b.html", " a.html "))
    assert page_links(response) == [
        "http://www.ybj.example.gov.cn/zwgk/tzgg/202409/b.html",
        "http://www.ybj.example.gov.cn/zwgk/tzgg/202409/a.html",
    ]


def test_script_mail_and_phone_links_are_left_out() -> None:
    response = html(anchors("javascript:void(0)", "mailto:ybj@example.cn", "tel:12393", "a.html"))
    assert page_links(response) == ["http://www.ybj.example.gov.cn/zwgk/tzgg/202409/a.html"]


def test_attachments_are_left_out_whatever_their_case_or_path_parameters() -> None:
    response = html(anchors("P0209.pdf", "P0210.PDF", "P0211.doc;jsessionid=1", "P0212.html"))
    assert page_links(response) == ["http://www.ybj.example.gov.cn/zwgk/tzgg/202409/P0212.html"]


def test_area_links_count_and_anchors_without_href_do_not() -> None:
    response = html('<map><area href="m.html"></map><a name="top">x</a><a href="a.html">y</a>')
    assert page_links(response) == [
        "http://www.ybj.example.gov.cn/zwgk/tzgg/202409/m.html",
        "http://www.ybj.example.gov.cn/zwgk/tzgg/202409/a.html",
    ]


def test_chinese_path_is_utf8_escaped_and_query_takes_the_page_encoding() -> None:
    response = html(anchors("/医保/list.html?q=门诊"), encoding="gbk")
    assert page_links(response) == ["http://www.ybj.example.gov.cn/%E5%8C%BB%E4%BF%9D/list.html?q=%C3%C5%D5%EF"]


def test_a_bogus_link_is_skipped_not_raised() -> None:
    response = html(anchors("http://[::1/a.html", "a.html"))
    assert page_links(response) == ["http://www.ybj.example.gov.cn/zwgk/tzgg/202409/a.html"]


# --- followed_links: the site decides ---

SITE = Site(
    name="ybj",
    start_urls=("http://www.ybj.example.gov.cn/zwgk/tzgg/",),
    allowed_domains=("ybj.example.gov.cn",),
    links=LinkRules.from_table({"guide_links": [r"/t\d{8}_\d+\.html$"], "listing_links": [r"/index_\d+\.html$"]}),
)


def test_followed_links_keep_the_sites_hosts_and_rules_in_page_order() -> None:
    response = html(
        anchors(
            "../index_2.html",  # listing
            "t20240904_2.html",  # guide page
            "/about.html",  # neither
            "http://other.example.cn/t20240905_3.html",  # another host
            "http://sub.ybj.example.gov.cn/t20240906_4.html",  # a subdomain of the site
        )
    )
    assert followed_links(response, SITE) == [
        ("http://www.ybj.example.gov.cn/zwgk/tzgg/index_2.html", LISTING),
        ("http://www.ybj.example.gov.cn/zwgk/tzgg/202409/t20240904_2.html", GUIDE),
        ("http://sub.ybj.example.gov.cn/t20240906_4.html", GUIDE),
    ]


def test_an_xml_response_takes_scrapys_extractor() -> None:
    body = b'<?xml version="1.0"?><feed><a href="t20240904_2.html">x</a></feed>'
    response = XmlResponse(url=PAGE_URL, body=body)
    assert followed_links(response, SITE) == [
        ("http://www.ybj.example.gov.cn/zwgk/tzgg/202409/t20240904_2.html", GUIDE)
    ]


def test_a_non_text_response_leads_nowhere() -> None:
    assert links_of(b"%PDF-1.4 ...", {"Content-Type": "application/pdf"}, PAGE_URL, SITE) == []


# --- the same URLs as Scrapy's extractor, on real pages and generated hrefs ---


def test_same_urls_as_scrapy_on_every_fixture_page() -> None:
    checked = 0
    for info_path in sorted(FIXTURE_PAGES.glob("*/*/info.json")):
        info = json.loads(info_path.read_text(encoding="utf-8"))
        body = (info_path.parent / "body.html").read_bytes()
        url = info.get("url") or f"http://www.example.cn/{info_path.parent.name}.html"  # a few were saved without one
        response = HtmlResponse(url=url, body=body, headers=info.get("headers", {}))
        assert page_links(response) == scrapy_urls(response), info_path.parent.name
        checked += bool(scrapy_urls(response))
    assert checked >= 10  # the comparison saw pages with links, not only empty ones


def test_same_urls_as_scrapy_on_the_demo_and_benchmark_sites() -> None:
    routes = load_routes(DEFAULT_ROOT)
    routes.update(bench_routes(routes, 70))
    checked = 0
    for (path, _), route in routes.items():
        if not (route.content_type or "").startswith("text/html"):
            continue
        url = f"http://127.0.0.1:8000{path}"
        response = HtmlResponse(url=url, body=route.body(1), headers={"Content-Type": route.content_type})
        assert page_links(response) == scrapy_urls(response), path
        checked += 1
    assert checked > 70


def test_the_benchmark_site_follows_what_its_rules_say() -> None:
    site = load_sites(())["fixture-bench"]
    routes = bench_routes(load_routes(DEFAULT_ROOT), 120)
    listing = next(route for (path, _), route in routes.items() if path == "/bench/list_1.html")
    found = links_of(listing.body(1), {"Content-Type": "text/html"}, "http://127.0.0.1:8000/bench/list_1.html", site)
    articles = [f"http://127.0.0.1:8000/bench/a{i}.html" for i in range(50)]  # 50 entries a listing
    assert [url for url, role in found if role == GUIDE] == articles
    assert [url for url, role in found if role == LISTING] == ["http://127.0.0.1:8000/bench/list_2.html"]


HREF_PIECES = st.sampled_from(
    [
        "a.html", "../b.htm", "/c/", "#", "#top", "?page=2", "//other.example.cn/x", "HTTP://WWW.Example.CN/Y",
        "https://例子.中国/路径", "javascript:go()", "mailto:a@b.cn", "ftp://f.example.cn/f.zip", "file:///etc/x",
        "x.PDF", "y.jpg?w=1", "z.doc;v=1", " \t\n", "医保", "%E5%8C%BB", "%zz", "a b", "[", "]", ":", "@", "\\",
        "http://[::1]:8080/", "http://[::1", "http://u:p@h.cn:81/", "http:", "//", "data:text/html,x", "\x00",
        "&amp;", "'", "?q=门诊&p=1", "?", ";", ";p=1", "HTTPS:", "https://", "//cdn.example.cn", "file:", "mailto:",
    ]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(
    hrefs=st.lists(st.lists(HREF_PIECES, min_size=1, max_size=4).map("".join), min_size=1, max_size=8),
    encoding=st.sampled_from(["utf-8", "gbk"]),
    base=st.sampled_from(["", '<base href="/sub/dir/">', '<base href="https://cdn.example.cn/s/">']),
    page_url=st.sampled_from([PAGE_URL, "https://ybj.example.cn/a/b.jsp?id=7#top", "http://127.0.0.1:8000/"]),
)
def test_same_urls_as_scrapy_on_generated_hrefs(hrefs: list[str], encoding: str, base: str, page_url: str) -> None:
    links = "".join(f"<a href='{h}'>x</a>" if "'" not in h else f'<a href="{h}">x</a>' for h in hrefs)
    body = f"<html><head>{base}</head><body>{links}</body></html>".encode(encoding, errors="ignore")
    response = HtmlResponse(url=page_url, body=body, headers={"Content-Type": f"text/html; charset={encoding}"})
    assert page_links(response) == scrapy_urls(response)


def test_links_after_a_header_template_that_closes_the_document_are_followed() -> None:
    # A portal includes its header as a whole page; the column's entries come after that `</html>`.
    page = (
        "<html><body><div class='header'><a href='/'>首页</a></div></body></html>"
        "<ul class='list'><li><a href='/zwgk/tzgg/202409/t20240903_2.html'>关于调整医保缴费时间的通知</a></li>"
        "<li><a href='/zwgk/tzgg/202409/t20240903_3.html'>异地就医备案办事指南</a></li></ul></body></html>"
    )
    response = html(page)
    assert scrapy_urls(response) == ["http://www.ybj.example.gov.cn/"]  # libxml2 stops at the first </html>
    assert page_links(response) == [
        "http://www.ybj.example.gov.cn/",
        "http://www.ybj.example.gov.cn/zwgk/tzgg/202409/t20240903_2.html",
        "http://www.ybj.example.gov.cn/zwgk/tzgg/202409/t20240903_3.html",
    ]


def hanweb_column(entries: int) -> str:
    """A Hanweb-built column page: its entries are records of a data script for the pager to show."""
    records = "".join(
        f"<record><![CDATA[\n<li><a href='/art/2024/7/{i % 28 + 1}/art_104_{13000 + i}.html' title='通知{i}'>"
        f"关于医保工作的通知{i}</a><span>2024-07-{i % 28 + 1:02d}</span></li>]]></record>\n"
        for i in range(entries)
    )
    return (
        "<html><body><div class='nav'><a href='/col/col1/index.html'>首页</a></div><div id='4467'>"
        "<script type='text/xml'><datastore><nextgroup><![CDATA[<a href='/module/web/jpage/dataproxy.jsp?page=1"
        f"&columnid=104'></a>]]></nextgroup><recordset>\n{records}</recordset></datastore></script>"
        "<script>$('#4467').jpage({perPage:20});</script></div></body></html>"
    )


def test_the_entries_a_hanweb_column_keeps_as_script_data_are_followed() -> None:
    response = html(hanweb_column(2), url="http://www.nhsa.gov.cn/col/col104/index.html")
    assert scrapy_urls(response) == ["http://www.nhsa.gov.cn/col/col1/index.html"]  # a parser sees no entry
    assert page_links(response) == [
        "http://www.nhsa.gov.cn/col/col1/index.html",
        "http://www.nhsa.gov.cn/art/2024/7/1/art_104_13000.html",
        "http://www.nhsa.gov.cn/art/2024/7/2/art_104_13001.html",
    ]


def test_many_script_records_cost_linear_time() -> None:
    def cpu_seconds(entries: int) -> float:
        response = html(hanweb_column(entries), url="http://www.nhsa.gov.cn/col/col104/index.html")
        runs = []
        for _ in range(3):
            start = time.process_time()
            assert len(page_links(response)) == entries + 1
            runs.append(time.process_time() - start)
        return min(runs)

    small, large = cpu_seconds(1_000), cpu_seconds(4_000)
    assert large < 8 * small


PAGE_KINDS = ("lxml", "parsel", "scrapy", "w3lib", "crawler", "extract", "normalize")


def test_a_pages_links_and_extraction_leave_no_garbage_for_the_collector() -> None:
    # A worker collects rarely (crawler/extraction_worker.py GC_THRESHOLD): what a page leaves in a reference cycle,
    # its parsed tree above all, would stay in memory for many pages.
    import gc

    from crawler.extraction_pool import extract_page

    routes = load_routes(DEFAULT_ROOT)
    pages = [(path, route) for (path, _), route in bench_routes(routes, 14).items()]
    site = load_sites(())["fixture-bench"]

    def extract_all() -> int:
        found = 0
        for path, route in pages:
            headers = {"Content-Type": route.content_type or "text/html"}
            url = f"http://127.0.0.1:8000{path}"
            result, links = extract_page(route.body(1), headers, url, site, "hans", None, None)
            found += len(links) + (result.document is not None)
        return found

    extract_all()  # first use: tables, caches and compiled expressions are built (and may leave garbage once)
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        found = extract_all()
        gc.collect()
        # Only objects of the page's own kinds: another thread of the test process may leave garbage of its own.
        garbage = [type(thing).__qualname__ for thing in gc.garbage if type(thing).__module__.startswith(PAGE_KINDS)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert found > len(pages)  # the pages were read and their links found
    assert garbage == []


def test_a_tag_with_many_attributes_costs_linear_time_and_the_links_after_it_stay() -> None:
    # libxml2 compares each attribute of a tag with the ones before it: 200,000 attributes took minutes.
    def cpu_seconds(count: int) -> float:
        attributes = " ".join(f"data-a{i}='x'" for i in range(count))
        body = f"<div {attributes}><a href='/a.html'>甲</a></div><a href='/b.html'>乙</a>"
        response = html(f"<html><body>{body}</body></html>")
        runs = []
        for _ in range(3):
            start = time.process_time()
            assert page_links(response) == [
                "http://www.ybj.example.gov.cn/a.html",
                "http://www.ybj.example.gov.cn/b.html",
            ]
            runs.append(time.process_time() - start)
        return min(runs)

    small, large = cpu_seconds(10_000), cpu_seconds(40_000)
    assert large < 8 * small
