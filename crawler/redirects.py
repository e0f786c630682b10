"""Redirect accounting: every request that is redirected ends in a row, and no redirect leaves the site.

Scrapy's redirect middlewares drop a request without a trace when its redirect target was already seen (a
loop A → B → A is filtered as a duplicate) and follow a redirect to any host. These subclasses keep Scrapy's
behaviour for ordinary redirects and add, for the request the redirect came from (the first URL of the chain):
- a redirect or meta refresh to another origin (`crawler.offsite`: host and port) → errors row
  `redirected_offsite`, naming the target (a site that moved domain needs a registry change, not a crawl of
  the new domain);
- a redirect back to a URL of its own chain → errors row `redirect_loop`;
- more than REDIRECT_MAX_TIMES redirects → errors row `too_many_redirects`.
A redirect within the site to a page the run already has is represented by that page's document (the
dupefilter drops the repeated request, as for any second link to it).

`UnsolicitedNotModifiedMiddleware`: a 304 answer to a request that sent no validator (If-None-Match,
If-Modified-Since) has nothing to refer to → errors row `unsolicited_304`, never a silent nothing.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from crawler.failures import Refused
from crawler.offsite import spider_origins
from crawler.platforms import canonical_url

VALIDATORS = (b"If-None-Match", b"If-Modified-Since")


def chain_start(request: Request) -> str:
    """The URL a redirect chain began with: the one its errors row is charged to."""
    chain = request.meta.get("redirect_urls") or []
    return str(chain[0]) if chain else request.url


class _GuardedRedirect:
    crawler: Crawler

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        origin = chain_start(request)
        stats = self.crawler.stats
        assert stats is not None
        origins = spider_origins(self.crawler)
        if origins is not None and not origins.on_site(redirected.url):
            stats.inc_value("guidecrawl/redirects/offsite")
            raise Refused("fetch", "redirected_offsite", f"redirected ({reason}) to {redirected.url}", url=origin)
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if canonical_url(redirected.url) in {canonical_url(u) for u in chain}:
            stats.inc_value("guidecrawl/redirects/loop")
            raise Refused(
                "fetch", "redirect_loop", f"redirect loop: {' -> '.join([*chain, redirected.url])}", url=origin
            )
        try:
            followed: Request = super()._redirect(redirected, request, reason)  # type: ignore[misc]
        except IgnoreRequest as exc:
            stats.inc_value("guidecrawl/redirects/too_many")
            raise Refused("fetch", "too_many_redirects", f"{exc} after {len(chain)} URLs", url=origin) from None
        return followed


class GuardedRedirectMiddleware(_GuardedRedirect, RedirectMiddleware):
    """Scrapy's 3xx redirects, accounted for and kept on the site."""


class GuardedMetaRefreshMiddleware(_GuardedRedirect, MetaRefreshMiddleware):
    """Scrapy's <meta http-equiv="refresh"> redirects, accounted for and kept on the site."""


class UnsolicitedNotModifiedMiddleware:
    """A 304 without a validator in the request is an errors row; a real 304 passes to the spider."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> UnsolicitedNotModifiedMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status != 304 or any(request.headers.get(name) for name in VALIDATORS):
            return response
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("guidecrawl/not_modified/unsolicited")
        raise Refused(
            "fetch", "unsolicited_304", "HTTP 304 to a request that sent no validator", url=chain_start(request)
        )
