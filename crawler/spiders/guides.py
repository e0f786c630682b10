"""`scrapy crawl guides -a site=NAME | -a url=URL | -a url_file=FILE [-a since=YYYY-MM-DD] [-a base_url=URL]`

The one spider. It fetches, follows the site's link rules, and hands each response's bytes, headers and URL
to `extract.pipeline.process_page` — the same function `guidecrawl extract` uses — yielding its `PageResult`.
process_page and link extraction run in worker processes (`crawler/extraction_pool.py`), off the reactor thread.
A request that fails (HTTP error, timeout, robots.txt, DNS …) yields an `extract.errors.PageError`.
It never parses page content itself and never drops a failure.

Incremental runs (a state file, see `crawler/state.py`): guide pages are requested with If-None-Match /
If-Modified-Since; a 304 or an unchanged content hash emits nothing, and a 304 page still leads to the links it
had. Listing pages are always fetched in full (new articles appear there).
`-a since=DATE` skips documents published before DATE.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings

from crawler.extraction_pool import ExtractionPool, worker_count
from crawler.failures import page_error
from crawler.links import followed_links, same_series  # noqa: F401  (same_series: part of this interface)
from crawler.outcome import GUIDE_REQUESTS_STAT, GUIDE_RESPONSES_STAT, RESPONSES_STAT
from crawler.platforms import GUIDE, LISTING, canonical_url
from crawler.registry_schema import url_problem
from crawler.sites import Site, content_options, load_sites, site_for_urls
from crawler.state import CrawlState
from extract.errors import PageError

HTML_TYPES = (b"text/html", b"application/xhtml+xml", b"text/plain")
SINCE_FORMAT = re.compile(r"\d{4}-\d{2}-\d{2}$")
URL_TOO_LONG = "url_too_long"  # errors row of a given URL over Scrapy's URLLENGTH_LIMIT (2083 by default)
LONG_LINKS_STAT = "guidecrawl/links/too_long"  # links over URLLENGTH_LIMIT, not followed


class SpiderArgumentError(ValueError):
    """Bad `-a` arguments: reported as one line, the crawl does not start."""


def _read_url_file(path: str) -> list[str]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SpiderArgumentError(f"cannot read url_file {path!r}: {exc.strerror or exc}") from None
    urls = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not urls:
        raise SpiderArgumentError(f"url_file {path!r} holds no URLs")
    return urls


def _check_url(url: str) -> str:
    """`-a url=`: the one URL of the crawl, so a URL it could not fetch is a usage error. (A url_file line that
    is no fetchable URL is that line's errors row: the file's other URLs are still crawled.)"""
    problem = url_problem(url)
    if problem is not None:
        raise SpiderArgumentError(problem[1])
    return url


class GuidesSpider(Spider):
    name = "guides"

    def __init__(
        self,
        site: str | None = None,
        url: str | None = None,
        url_file: str | None = None,
        since: str | None = None,
        base_url: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        given = [name for name, value in (("site", site), ("url", url), ("url_file", url_file)) if value]
        if len(given) != 1:
            got = ", ".join(f"-a {g}" for g in given) or "none"
            raise SpiderArgumentError(f"give exactly one of -a site=NAME, -a url=URL, -a url_file=FILE (got {got})")
        if since is not None and not SINCE_FORMAT.match(since):
            raise SpiderArgumentError(f"since must be YYYY-MM-DD, got {since!r}")
        if base_url is not None and not site:
            raise SpiderArgumentError("-a base_url only moves a registry site: use it with -a site=NAME")
        self.site_name = site
        self.urls = [_check_url(url)] if url else (_read_url_file(url_file) if url_file else [])
        self.since = since
        self.base_url = base_url
        self.site: Site | None = None
        self.crawl_state: CrawlState | None = None

    @classmethod
    def check_arguments(cls, settings: BaseSettings, **kwargs: Any) -> Site:
        """The site these `-a` arguments crawl; SpiderArgumentError (a ValueError) if they are wrong."""
        try:
            worker_count(settings.get("GUIDECRAWL_EXTRACT_WORKERS"))
        except ValueError as exc:
            raise SpiderArgumentError(str(exc)) from None
        return cls(**kwargs).resolve_site(settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> GuidesSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider._configure(crawler)
        return spider

    def resolve_site(self, settings: BaseSettings) -> Site:
        try:
            sites = load_sites(settings.getlist("GUIDECRAWL_SITES"))
        except (OSError, ValueError) as exc:
            raise SpiderArgumentError(str(exc)) from None
        if not self.site_name:
            return site_for_urls(self.urls, sites)
        if self.site_name not in sites:
            raise SpiderArgumentError(f"unknown site {self.site_name!r} (known: {', '.join(sorted(sites))})")
        site = sites[self.site_name]
        if self.base_url:
            try:
                site = site.relocated(self.base_url)
            except ValueError as exc:
                raise SpiderArgumentError(str(exc)) from None
        return site

    def _configure(self, crawler: Crawler) -> None:
        settings = crawler.settings
        site = self.site = self.resolve_site(settings)
        self.allowed_domains = list(site.allowed_domains)
        # Per-host politeness from the registry; the profile's AutoThrottle (production) adapts from it.
        slots = {
            host: {"concurrency": site.politeness.concurrency, "delay": site.politeness.delay}
            for host in site.allowed_domains
        }
        settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
        self.script = settings.get("GUIDECRAWL_SCRIPT", "hans")
        state_file = settings.get("STATE_FILE") or (
            Path(settings["OUTPUT_DIR"]) / "state.sqlite" if settings.get("OUTPUT_DIR") else None
        )
        if state_file:
            self.crawl_state = CrawlState(state_file, run_id=settings.get("GUIDECRAWL_RUN_ID"))
        # The registry's CSS override for the main content ([site.css] body = "div#zoom"): only for sites
        # whose markup the generic rules cannot read.
        self.page_options: dict[str, Any] = content_options(site)
        # process_page in worker processes, off the reactor thread (crawler/extraction_pool.py).
        self.extraction = ExtractionPool.for_crawler(crawler)

    async def start(self) -> AsyncIterator[Request | PageError]:
        assert self.site is not None
        self.extraction.warm_up()
        for url in self.site.start_urls:
            yield self._given(url)

    def _given(self, url: str) -> Request | PageError:
        """The request for a URL the crawl was given (a start URL, a url_file line), or its errors row: an exception
        here would end the reading of every later start URL, and Scrapy's UrlLengthMiddleware would drop a long one
        with only a log line."""
        assert self.site is not None
        problem = url_problem(url)
        if problem is not None:
            return PageError(url, "fetch", *problem)
        role = self.site.links.classify(url) or (LISTING if self.site.follow else GUIDE)
        try:
            request = self._request(url, role)
        except ValueError as exc:  # whatever else Scrapy's Request refuses
            return PageError(url, "fetch", "invalid_url", f"not an http(s) URL: {url!r} ({exc})")
        limit = self.crawler.settings.getint("URLLENGTH_LIMIT")
        if limit and len(request.url) > limit:  # the length as sent: non-ASCII characters are escaped
            return PageError(
                url, "fetch", URL_TOO_LONG, f"URL of {len(request.url)} characters, over URLLENGTH_LIMIT ({limit})"
            )
        self._count(role)
        return request

    def _follow(self, links: Iterable[tuple[str, str]]) -> Iterator[Request]:
        """Requests for the links a page leads to. A link over URLLENGTH_LIMIT is not followed (Scrapy's
        UrlLengthMiddleware would drop it anyway), counted in `guidecrawl/links/too_long`: a link is no URL the crawl
        was given, so it gets no row, as offsite links get none."""
        limit = self.crawler.settings.getint("URLLENGTH_LIMIT")
        for url, role in links:
            request = self._request(url, role)
            if limit and len(request.url) > limit:
                self.crawler.stats.inc_value(LONG_LINKS_STAT)
                continue
            self._count(role)
            yield request

    def _count(self, role: str) -> None:
        if role == GUIDE:
            self.crawler.stats.inc_value(GUIDE_REQUESTS_STAT)

    def _request(self, url: str, role: str) -> Request:
        headers = self.crawl_state.conditional_headers(canonical_url(url)) if self.crawl_state and role == GUIDE else {}
        return Request(
            url,
            callback=self.parse_page,
            errback=self.on_error,
            headers=headers,
            meta={"role": role},
        )

    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        stats = self.crawler.stats
        stats.inc_value(RESPONSES_STAT)
        if response.meta.get("role") == GUIDE:
            stats.inc_value(GUIDE_RESPONSES_STAT)
        if response.status == 304:
            stats.inc_value("guidecrawl/unchanged/not_modified")
            for request in self._follow(self._replay_links(response)):
                yield request
            return
        content_type = (response.headers.get(b"Content-Type") or b"text/html").split(b";")[0].strip().lower()
        if content_type and content_type not in HTML_TYPES:
            yield PageError(response.url, "fetch", "not_html", f"Content-Type {content_type.decode('latin-1')}")
            return
        assert self.site is not None
        headers = {
            key.decode("latin-1"): b", ".join(values).decode("latin-1") for key, values in response.headers.items()
        }
        # A listing's links are the crawl's frontier: found here and followed at once, not after the page's
        # extraction. A guide page's links (its own pagination, mostly) come back from the worker with it.
        listing = response.meta.get("role") == LISTING and isinstance(response, TextResponse)
        links = followed_links(response, self.site) if listing else []
        for request in self._follow(links):
            yield request
        result, found = await self.extraction.extract(
            response.body,
            headers,
            response.url,
            site=self.site,
            script=self.script,
            fetched_at=dt.datetime.now(dt.UTC),
            with_links=not listing,
            **self.page_options,
        )
        for request in self._follow(found):
            yield request
        links += found
        if result.document is not None and not result.errors and not self._is_new(result, response, links):
            return
        yield result

    def _replay_links(self, response: Response) -> list[tuple[str, str]]:
        """A 304 page leads where it led when last fetched in full (page 2 of an unchanged thread page 1)."""
        known = self.crawl_state.get(canonical_url(response.url)) if self.crawl_state else None
        return list(known.links) if known else []

    def _is_new(self, result: Any, response: Response, links: list[tuple[str, str]]) -> bool:
        stats = self.crawler.stats
        published = (result.document.published_at or "")[:10]
        if self.since and len(published) >= 7 and published < self.since[: len(published)]:
            stats.inc_value("guidecrawl/skipped/older_than_since")
            return False
        if self.crawl_state is None:
            return True
        key = canonical_url(response.url)
        unchanged = self.crawl_state.unchanged(key, result.content_hash)
        etag = response.headers.get(b"ETag")
        modified = response.headers.get(b"Last-Modified")
        self.crawl_state.stage(
            key,
            result.content_hash,
            etag.decode("latin-1") if etag else None,
            modified.decode("latin-1") if modified else None,
            links,
        )
        if unchanged:
            stats.inc_value("guidecrawl/unchanged/same_hash")
            self.crawl_state.commit_urls([key])  # no rows to publish: its new ETag can be recorded now
            return False
        return True

    def on_error(self, failure: Any) -> Iterator[PageError]:
        request = getattr(failure, "request", None)
        yield page_error(failure, request.url if request is not None else None)

    def closed(self, reason: str) -> None:
        self.extraction.shutdown()
        if self.crawl_state is None:
            return
        # Every close reason (finished, shutdown, closespider_*) publishes the writer's last part first: what was
        # emitted is written, so it is recorded. Only a failed write leaves that part's pages unrecorded.
        if not self.crawler.stats.get_value("guidecrawl/output/failed"):
            recorded = self.crawl_state.commit_run()
            self.logger.info("state: %d pages recorded in %s", recorded, self.crawl_state.path)
        else:
            self.crawl_state.discard_run()
        self.crawl_state.close()
