"""Trap limits: a crawl stops following a site that would never end (calendars, session ids in links,
endless `?page=N`, ever-deeper paths). Each limit is a setting with a default meant for real guide sites:

    GUIDECRAWL_MAX_PAGES           20000  requests per crawl (one site per crawl): the page budget
    GUIDECRAWL_MAX_QUERY_VARIANTS   1000  distinct query strings of one path (a Discuz! forum.php has many)
    GUIDECRAWL_MAX_PATH_DUPLICATES    10  `duplicate_content` rows under one URL shape (`url_shape`): it
                                          repeats itself under new URLs, stop following it
    GUIDECRAWL_MAX_DEPTH              50  link depth from a start URL (Scrapy's own DEPTH_LIMIT also applies)

0 turns a limit off. A link past a limit is not scheduled: it is counted (`guidecrawl/traps/<limit>`) and the
first link a limit refuses on each path (for the budget and the depth: the first of all) becomes an errors row
`trap_<limit>` naming the limit, so the run's tables say why it stopped short. Start URLs are never refused.
Memory: the canonical URLs admitted (bounded by the budget) and a counter per path.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import AsyncIterator, Iterable
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from crawler.dedup import DUPLICATE
from crawler.platforms import canonical_url
from extract.errors import PageError

logger = logging.getLogger(__name__)

LIMITS = {
    "pages": ("GUIDECRAWL_MAX_PAGES", 20000),
    "query_variants": ("GUIDECRAWL_MAX_QUERY_VARIANTS", 1000),
    "path_duplicates": ("GUIDECRAWL_MAX_PATH_DUPLICATES", 10),
    "depth": ("GUIDECRAWL_MAX_DEPTH", 50),
}


# Path segments that vary without naming a different page kind: numbers (dates, page and item numbers) and
# long mixed letter-digit tokens (session ids embedded in the path, like /(S(x1y2...))/ or /s/9f8e.../).
_NUMBER = re.compile(r"\d+")
_TOKEN = re.compile(
    r"[A-Za-z0-9_()-]*\d[A-Za-z0-9_()-]*[A-Za-z][A-Za-z0-9_()-]*|[A-Za-z0-9_()-]*[A-Za-z][A-Za-z0-9_()-]*\d[A-Za-z0-9_()-]*"
)
_TOKEN_MIN = 16


def path_key(url: str) -> str:
    """Host and path: the unit whose query variants are counted."""
    parts = urlsplit(url)
    return f"{parts.netloc.lower()}{parts.path}"


def url_shape(url: str) -> str:
    """Host and path with numbers and long id-like tokens blanked, query dropped: the unit whose duplicates are
    counted, so `/cal?page=7`, `/cal/2026/12/07` and `/s/<session id>/a.html` each fall into one shape."""
    parts = urlsplit(url)
    segments = []
    for segment in parts.path.split("/"):
        if len(segment) >= _TOKEN_MIN and _TOKEN.fullmatch(segment):
            segment = "*"
        segments.append(_NUMBER.sub("0", segment))
    return f"{parts.netloc.lower()}{'/'.join(segments)}"


class TrapLimitsMiddleware:
    """Spider middleware: refuses links past the page budget, the query-variant limit, the duplicate limit of
    their path and the depth limit; the rest pass unchanged."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.limits = {name: settings.getint(setting, default) for name, (setting, default) in LIMITS.items()}
        self.admitted: set[str] = set()
        self.variants: dict[str, set[str]] = {}
        self.duplicates: Counter[str] = Counter()
        self.reported: set[tuple[str, str]] = set()  # (limit, path) that already has its errors row

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TrapLimitsMiddleware:
        return cls(crawler)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterable[Any]:
        for item in result:
            yield from self._check(item)

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item in result:
            for checked in self._check(item):
                yield checked

    def _check(self, item: Any) -> Iterable[Any]:
        if isinstance(item, PageError) and item.error == DUPLICATE and item.url:
            self.duplicates[url_shape(item.url)] += 1
            yield item
            return
        if not isinstance(item, Request) or item.meta.get("dont_obey_robotstxt"):
            yield item
            return
        limit = self._limit_reached(item)
        if limit is None:
            yield item
            return
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"guidecrawl/traps/{limit}")
        # budget and depth: one row per crawl (every link past them is refused); the others: one row per path
        path = {"pages": "", "depth": "", "path_duplicates": url_shape(item.url)}.get(limit, path_key(item.url))
        if (limit, path) not in self.reported:
            self.reported.add((limit, path))
            message = f"not followed: {limit.replace('_', ' ')} limit {self.limits[limit]} reached"
            message += f" on {path}" if path else " for this crawl"
            logger.warning("%s (first refused: %s)", message, item.url)
            yield PageError(item.url, "fetch", f"trap_{limit}", message)

    def _limit_reached(self, request: Request) -> str | None:
        limits = self.limits
        url = canonical_url(request.url)
        if url in self.admitted:
            return None  # a link to a page already admitted: the dupefilter drops it, no limit needed
        path = path_key(url)
        if limits["depth"] and request.meta.get("depth", 0) > limits["depth"]:
            return "depth"
        if limits["path_duplicates"] and self.duplicates[url_shape(url)] >= limits["path_duplicates"]:
            return "path_duplicates"
        query = urlsplit(url).query
        seen = self.variants.setdefault(path, set())
        if query and limits["query_variants"] and query not in seen and len(seen) >= limits["query_variants"]:
            return "query_variants"
        if limits["pages"] and len(self.admitted) >= limits["pages"]:
            return "pages"
        if query:
            seen.add(query)
        self.admitted.add(url)
        return None
