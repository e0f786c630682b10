"""Which links of a fetched page the crawl follows, and as what (guide page or listing).

The links are exactly those of Scrapy's `LinkExtractor(unique=True)` (the `a`/`area` hrefs, resolved against
the page's base URL, made safe with the page's encoding, de-duplicated in page order, without schemes other than
http/https/file/ftp and without the file extensions Scrapy ignores); the site's hosts and link rules (`Site.links`)
decide. One difference, on purpose: a page that prints `</html>` mid-page (a header template included as a whole
page) is read on past it, as a browser reads it and as its main text is read (`extract.content.parse`), where
libxml2, and so Scrapy's extractor, would drop every link after it. With `follow = false` (and `-a url=` crawls)
only the page's own pagination is followed (`same_series`). Pure function of the response and the site, so it
runs in the extraction workers, off the reactor thread.

An HTML page takes `page_links`, which does only the URL work the crawl uses: Scrapy's extractor also builds
each link's text and nofollow flag and tests every URL against each ignored extension in turn, which was most of
its cost on a page of twenty links. Making one URL safe is memoized per process (a portal's pages repeat their
navigation links). Other text responses (XML) take Scrapy's extractor itself; `tests/crawler/test_links.py`
holds both to the same URLs.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import parse_qsl, urljoin, urlparse, urlsplit, urlunparse, uses_netloc, uses_relative

from scrapy.http import HtmlResponse, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.responsetypes import responsetypes
from scrapy.selector import Selector
from scrapy.utils.response import get_base_url
from w3lib.html import strip_html5_whitespace
from w3lib.url import safe_url_string

from crawler.platforms import canonical_url
from crawler.sites import Site
from extract.content.parse import (
    ends_before_its_end,
    with_script_records,
    within_attribute_limit,
    without_document_end,
)

# Query parameters that page through one document (a thread's pages, a long article's pages).
PAGE_PARAMS = frozenset({"page", "pageno", "pn", "p", "curpage"})
# Hosts are checked in `followed_links`, not by LinkExtractor(allow_domains=...): that compares host:port.
LINK_EXTRACTOR = LinkExtractor(unique=True)
# What LINK_EXTRACTOR looks at and lets through: its defaults (tags, schemes as in Scrapy's private
# `_is_valid_url`), its own extension list; tests/crawler/test_links.py fails if a Scrapy release changes them.
XHTML = "{http://www.w3.org/1999/xhtml}"
LINK_TAGS = ("a", "area", f"{XHTML}a", f"{XHTML}area")  # Scrapy also takes the XHTML namespace's a/area
VALID_SCHEMES = frozenset({"http", "https", "file", "ftp"})
IGNORED_EXTENSIONS = tuple(sorted(LINK_EXTRACTOR.deny_extensions))
SAFE_URL_CACHE = 1 << 14  # distinct (URL, encoding) pairs remembered per process: ~2 MB at most


def same_series(a: str, b: str) -> bool:
    """Two URLs of one paged document: equal once page-number parameters are ignored."""
    pa, pb = urlsplit(canonical_url(a)), urlsplit(canonical_url(b))
    qa = {(k, v) for k, v in parse_qsl(pa.query) if k not in PAGE_PARAMS}
    qb = {(k, v) for k, v in parse_qsl(pb.query) if k not in PAGE_PARAMS}
    return (pa.netloc, pa.path, qa) == (pb.netloc, pb.path, qb)


@lru_cache(maxsize=SAFE_URL_CACHE)
def _safe_url(url: str, encoding: str) -> str | None:
    """w3lib's `safe_url_string`, None where it refuses the URL (Scrapy then skips the link)."""
    try:
        return safe_url_string(url, encoding=encoding)
    except ValueError:
        return None


@lru_cache(maxsize=SAFE_URL_CACHE)
def _joined_alone(url: str, page_scheme: str) -> str | None:
    """`urljoin(page, url)` for every page of this scheme, when the page adds nothing else: a URL of another
    scheme comes back as it is, one with a host is only re-assembled (what `urljoin` does in both cases, read from
    its first steps); None for a URL the page's host or path would complete (then `urljoin` itself is asked)."""
    if not url:
        return None
    parts = urlparse(url, page_scheme)
    if parts.scheme != page_scheme or parts.scheme not in uses_relative:
        return url
    if parts.scheme in uses_netloc and parts.netloc:
        return urlunparse(parts)
    return None


@lru_cache(maxsize=SAFE_URL_CACHE)
def _kept(url: str) -> bool:
    """LinkExtractor's own filter: a scheme it follows, and not a file type it ignores (a path's `;params` are
    not part of its extension test, as in Scrapy, which reads the path with `urlparse`)."""
    return url.split("://", 1)[0] in VALID_SCHEMES and not urlparse(url).path.lower().endswith(IGNORED_EXTENSIONS)


def page_links(response: HtmlResponse) -> list[str]:
    """The URLs of `LINK_EXTRACTOR.extract_links(response)`, in the same order; and, where the markup a parser sees
    leaves out what a browser shows, the links after a mid-page `</html>` and a Hanweb column's entries (records of a
    data script, `with_script_records`)."""
    base_url = get_base_url(response)
    page_url, encoding = response.url, response.encoding
    page_scheme = urlparse(page_url, "").scheme
    seen: set[str] = set()
    urls: list[str] = []
    # A Selector of its own, not the response's cached one: that one refers back to the response, and the cycle
    # would keep the page's whole tree alive until the collector's next pass (in a worker, many pages' trees).
    text = with_script_records(within_attribute_limit(response.text))  # a Hanweb column's entries are data
    root = Selector(text=text, type="html", base_url=base_url).root
    if ends_before_its_end(text):
        # A header template that closes the document mid-page: lxml would drop every link after it.
        root = Selector(text=without_document_end(text), type="html").root
    for element in root.iter(*LINK_TAGS):
        href = element.get("href")
        if href is None:
            continue
        try:
            joined = urljoin(base_url, strip_html5_whitespace(href))
        except ValueError:  # a bogus link (an unclosed IPv6 bracket): Scrapy skips it
            continue
        safe = _safe_url(joined, encoding)
        if safe is None:
            continue
        url = _joined_alone(safe, page_scheme)
        if url is None:
            url = urljoin(page_url, safe)
        if url not in seen:
            seen.add(url)
            if _kept(url):
                urls.append(url)
    return urls


def followed_links(response: TextResponse, site: Site) -> list[tuple[str, str]]:
    """(url, role) of every link the crawl follows from this page, in page order."""
    if isinstance(response, HtmlResponse):
        urls = page_links(response)
    else:
        urls = [link.url for link in LINK_EXTRACTOR.extract_links(response)]
    found = []
    for url in urls:
        host = urlsplit(url).hostname or ""
        if not any(host == h or host.endswith("." + h) for h in site.allowed_domains):
            continue
        role = site.links.classify(url)
        if role is None:
            continue
        if not site.follow and not same_series(url, response.url):
            continue
        found.append((url, role))
    return found


def links_of(body: bytes, headers: Mapping[str, str], url: str, site: Site) -> list[tuple[str, str]]:
    """`followed_links` from the raw response (what a worker process receives)."""
    cls = responsetypes.from_args(headers=dict(headers), url=url, body=body)
    response = cls(url=url, headers=dict(headers), body=body)
    if not isinstance(response, TextResponse):
        return []
    return followed_links(response, site)
