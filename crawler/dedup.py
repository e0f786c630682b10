"""Content de-duplication within a run: the same main text under a new URL is an errors row, not a document.

Traps serve one page under endless URLs (session ids in links, calendars, `?page=N` past the last page); a
site may also link one article under two paths. The first URL to yield a text keeps its document; every later
page with the same `content_hash` becomes an errors row `duplicate_content` (stage `content`) naming that first
URL, charged to the URL its request began with (the first of a redirect chain). `crawler/traps.py` counts these
rows per path to stop following a path that keeps repeating itself.

Memory: 16 bytes of digest plus the first URL per distinct text, bounded by the run's page budget.
The same page reached directly and through a redirect keeps its one document. Only documents are
compared: a page that failed (an errors row already) is never called a duplicate.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterable
from typing import Any

from scrapy.crawler import Crawler
from scrapy.http import Response

from crawler.redirects import chain_start
from extract.errors import PageError
from extract.pipeline import PageResult

DUPLICATE = "duplicate_content"


class ContentDedupMiddleware:
    """Spider middleware: the second and later pages with one main text become `duplicate_content` rows."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.first_url: dict[bytes, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContentDedupMiddleware:
        return cls(crawler)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterable[Any]:
        for item in result:
            checked = self._check(response, item)
            if checked is not None:
                yield checked

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for item in result:
            checked = self._check(response, item)
            if checked is not None:
                yield checked

    def _check(self, response: Response, item: Any) -> Any:
        if not isinstance(item, PageResult) or item.document is None or item.errors:
            return item
        key = hashlib.blake2b(item.text.encode("utf-8"), digest_size=16).digest()
        charged = chain_start(response.request) if response.request is not None else response.url
        first = self.first_url.get(key)
        if first is None:
            self.first_url[key] = item.url or charged
            return item
        assert self.crawler.stats is not None
        if item.url == first:
            # The same page again, reached once directly and once through a redirect (in either order): its
            # document stands for both, as for any redirect within the site.
            self.crawler.stats.inc_value("guidecrawl/duplicates/refetched")
            return None
        self.crawler.stats.inc_value("guidecrawl/duplicates/content")
        return PageError(charged, "content", DUPLICATE, f"same main text as {first}")
