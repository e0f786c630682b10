"""Which links of a fetched page the crawl follows, and as what (guide page or listing).

Scrapy's `LinkExtractor` finds the links; the site's hosts and link rules (`Site.links`) decide. With
`follow = false` (and `-a url=` crawls) only the page's own pagination is followed (`same_series`). Pure
function of the response and the site, so it runs in the extraction workers, off the reactor thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qsl, urlsplit

from scrapy.http import TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.responsetypes import responsetypes

from crawler.platforms import canonical_url
from crawler.sites import Site

# Query parameters that page through one document (a thread's pages, a long article's pages).
PAGE_PARAMS = frozenset({"page", "pageno", "pn", "p", "curpage"})
# Hosts are checked in `followed_links`, not by LinkExtractor(allow_domains=...): that compares host:port.
LINK_EXTRACTOR = LinkExtractor(unique=True)


def same_series(a: str, b: str) -> bool:
    """Two URLs of one paged document: equal once page-number parameters are ignored."""
    pa, pb = urlsplit(canonical_url(a)), urlsplit(canonical_url(b))
    qa = {(k, v) for k, v in parse_qsl(pa.query) if k not in PAGE_PARAMS}
    qb = {(k, v) for k, v in parse_qsl(pb.query) if k not in PAGE_PARAMS}
    return (pa.netloc, pa.path, qa) == (pb.netloc, pb.path, qb)


def followed_links(response: TextResponse, site: Site) -> list[tuple[str, str]]:
    """(url, role) of every link the crawl follows from this page, in page order."""
    found = []
    for link in LINK_EXTRACTOR.extract_links(response):
        host = urlsplit(link.url).hostname or ""
        if not any(host == h or host.endswith("." + h) for h in site.allowed_domains):
            continue
        role = site.links.classify(link.url)
        if role is None:
            continue
        if not site.follow and not same_series(link.url, response.url):
            continue
        found.append((link.url, role))
    return found


def links_of(body: bytes, headers: Mapping[str, str], url: str, site: Site) -> list[tuple[str, str]]:
    """`followed_links` from the raw response (what a worker process receives)."""
    cls = responsetypes.from_args(headers=dict(headers), url=url, body=body)
    response = cls(url=url, headers=dict(headers), body=body)
    if not isinstance(response, TextResponse):
        return []
    return followed_links(response, site)
