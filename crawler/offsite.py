"""Offsite means another host or another port: a crawl stays on the origins its site was given.

Scrapy's own offsite check compares host names only, so a link, a 302 or a meta refresh to another port of
the same host (an admin console, a second application) would be fetched. Here an origin is (host, port):
- a host is on the site when it is one of the site's allowed domains or a subdomain of one (compared
  lower-case and without a trailing dot: `LocalHost.` is `localhost`, as for every resolver);
- a port is on the site when it is a port a start URL names explicitly for that host, or when both are the
  scheme defaults (80/443: `http://` and `https://` of one site are the same site).

`OffsiteOriginMiddleware` (spider middleware) drops links to other origins before they are scheduled, counted
in `guidecrawl/offsite/links`; `OffsiteRequestMiddleware` (downloader middleware) refuses any request that
still reaches the downloader for another origin, as an errors row `offsite`. It replaces Scrapy's own
OffsiteMiddleware (off in `crawler/settings.py`), which drops a request when it is scheduled, with no row.
Redirects are checked in `crawler/redirects.py` with the same `on_site`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from crawler.failures import Refused
from crawler.sites import host_key, url_host

DEFAULT_PORTS = {"http": 80, "https": 443}


def _port(url: str) -> int | None:
    """The URL's port, or None when it is its scheme's default (or the URL has no usable port)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return -1  # a malformed port never matches a site
    if port is None or port == DEFAULT_PORTS.get(parts.scheme):
        return None
    return port


@dataclass(frozen=True, slots=True)
class Origins:
    domains: tuple[str, ...]
    ports: frozenset[tuple[str, int | None]]  # (domain, port or None for the scheme default)

    @classmethod
    def of(cls, start_urls: Iterable[str], allowed_domains: Iterable[str]) -> Origins:
        domains = tuple(host_key(d.lstrip(".")) for d in allowed_domains if d)
        ports = set()
        for url in start_urls:
            host = url_host(url)
            for domain in domains:
                if host == domain or host.endswith("." + domain):
                    ports.add((domain, _port(url)))
        for domain in domains:  # a domain no start URL names: its default ports
            if not any(d == domain for d, _ in ports):
                ports.add((domain, None))
        return cls(domains, frozenset(ports))

    def on_site(self, url: str) -> bool:
        try:
            scheme = urlsplit(url).scheme
        except ValueError:  # an unreadable URL is on no site
            return False
        if scheme not in DEFAULT_PORTS:
            return False
        host = url_host(url)
        port = _port(url)
        return any(
            (host == domain or host.endswith("." + domain)) and (domain, port) in self.ports for domain in self.domains
        )


def spider_origins(crawler: Crawler) -> Origins | None:
    """The origins of the running spider's site, or None for a spider without one (then nothing is checked)."""
    spider = crawler.spider
    site = getattr(spider, "site", None)
    if site is None:
        return None
    cached: Origins | None = getattr(spider, "_guidecrawl_origins", None)
    if cached is None:
        cached = Origins.of(site.start_urls, site.allowed_domains)
        spider._guidecrawl_origins = cached  # type: ignore[union-attr]
    return cached


class OffsiteOriginMiddleware:
    """Spider middleware: links to another host or port are not followed (like links to other sites)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OffsiteOriginMiddleware:
        return cls(crawler)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item in result:
            if self._offsite(item):
                continue
            yield item

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterable[Any]:
        for item in result:
            if self._offsite(item):
                continue
            yield item

    def _offsite(self, item: Any) -> bool:
        if not isinstance(item, Request) or item.meta.get("dont_obey_robotstxt"):
            return False
        origins = spider_origins(self.crawler)
        if origins is None or origins.on_site(item.url):
            return False
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("guidecrawl/offsite/links")
        return True


class OffsiteRequestMiddleware:
    """Downloader middleware: the last check before a request leaves the machine."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OffsiteRequestMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        origins = spider_origins(self.crawler)
        if origins is None or origins.on_site(request.url):
            return
        # robots.txt of an on-site origin is on the site; anything else is not fetched
        raise Refused("fetch", "offsite", f"not on the site's hosts and ports: {request.url}")
