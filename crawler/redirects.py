"""Redirect accounting: every request that is redirected ends in a row, and no redirect leaves the site.

Scrapy's redirect middlewares drop a request without a trace when its redirect target was already seen (a
loop A → B → A is filtered as a duplicate) and follow a redirect to any host. These subclasses keep Scrapy's
behaviour for ordinary redirects and add, for the request the redirect came from (the first URL of the chain):
- a redirect or meta refresh to another origin (`crawler.offsite`: host and port) → errors row
  `redirected_offsite`, naming the target (a site that moved domain needs a registry change, not a crawl of
  the new domain);
- a redirect back to a URL of its own chain → errors row `redirect_loop`;
- more than REDIRECT_MAX_TIMES redirects → errors row `too_many_redirects`;
- a redirect or meta refresh (one the crawl would follow) to a URL of another scheme (`file:`, `ftp:`, `data:`,
  `javascript:`, `mailto:`) → errors row `redirected_unsupported_scheme` (Scrapy answered `http_302` for some and
  a "Missing scheme" `value_error` for others), and to an http(s) URL no request can be made of or that must not
  be (credentials in it, `http://evil.example@host/`; a port out of range; a broken IPv6 address) → errors row
  `redirected_invalid_url`, both charged to the chain's first URL and naming the target.
A redirect within the site to a page the run already has is represented by that page's document (the
dupefilter drops the repeated request, as for any second link to it).

`UnsolicitedNotModifiedMiddleware`: a 304 answer to a request that sent no validator (If-None-Match,
If-Modified-Since) has nothing to refer to → errors row `unsolicited_304`, never a silent nothing.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.response import get_meta_refresh

from crawler.failures import Refused
from crawler.offsite import spider_origins
from crawler.platforms import canonical_url

VALIDATORS = (b"If-None-Match", b"If-Modified-Since")
FOLLOWED_SCHEMES = frozenset({"http", "https"})


class Unfollowable(Exception):
    """A redirect target no request is made of: the errors row it becomes, once the middleware knows the reason."""

    def __init__(self, url: str, error: str, why: str) -> None:
        super().__init__(why)
        self.url = url
        self.error = error
        self.why = why


def unfollowable(url: str) -> tuple[str, str] | None:
    """(error, why) when a redirect to `url` must not be followed whatever the site, else None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it checks it: ValueError for a port out of range or not a number
    except ValueError as exc:
        return "redirected_invalid_url", str(exc)
    if parts.scheme.lower() not in FOLLOWED_SCHEMES:
        return "redirected_unsupported_scheme", "only http and https URLs are fetched"
    if "@" in parts.netloc:  # http://evil.example@host/ reads as evil.example and goes to host
        return "redirected_invalid_url", "a URL with credentials (user@host) is not followed"
    if not parts.hostname:
        return "redirected_invalid_url", "no host"
    return None


def chain_start(request: Request) -> str:
    """The URL a redirect chain began with: the one its errors row is charged to."""
    chain = request.meta.get("redirect_urls") or []
    return str(chain[0]) if chain else request.url


class _GuardedRedirect:
    crawler: Crawler

    def _build_redirect_request(
        self, source_request: Request, response: Response, *, url: str, **kwargs: Any
    ) -> Request:
        # Checked before Scrapy builds the request: it raises ValueError for `javascript:` and `mailto:` and drops
        # the redirect to `file:`, `ftp:` and `data:` (the 3xx answer then reached the spider as an HTTP error).
        found = unfollowable(url)
        if found is not None:
            raise Unfollowable(url, *found)
        built: Request = super()._build_redirect_request(source_request, response, url=url, **kwargs)  # type: ignore[misc]
        return built

    def _refuse(self, request: Request, exc: Unfollowable, reason: Any) -> Refused:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"guidecrawl/redirects/{exc.error.removeprefix('redirected_')}")
        return Refused("fetch", exc.error, f"redirected ({reason}) to {exc.url}: {exc.why}", url=chain_start(request))

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

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        try:
            return super().process_response(request, response)
        except Unfollowable as exc:
            raise self._refuse(request, exc, response.status) from None
        except ValueError as exc:  # Scrapy could not read the Location as a URL: a port out of range, a broken IPv6
            location = (response.headers.get(b"Location") or b"").decode("latin-1")[:200]
            unreadable = Unfollowable(location, "redirected_invalid_url", str(exc))
            raise self._refuse(request, unreadable, response.status) from None


class GuardedMetaRefreshMiddleware(_GuardedRedirect, MetaRefreshMiddleware):
    """Scrapy's <meta http-equiv="refresh"> redirects, accounted for and kept on the site."""

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        try:
            return super().process_response(request, response)
        except Unfollowable as exc:
            interval, _ = get_meta_refresh(response, ignore_tags=self._ignore_tags)  # type: ignore[arg-type]
            if interval is not None and interval >= self._maxdelay:
                return response  # a refresh too slow to be followed anyway: the page is the page
            raise self._refuse(request, exc, "meta refresh") from None
        except ValueError as exc:  # w3lib could not read the refresh's URL (a port out of range, a broken IPv6)
            unreadable = Unfollowable("a URL that cannot be read", "redirected_invalid_url", str(exc))
            raise self._refuse(request, unreadable, "meta refresh") from None


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
