"""Item pipelines: every failure counted, every item written to the table dataset.

Items are `extract.pipeline.PageResult` (a fetched page through every stage) and `extract.errors.PageError`
(a page that never reached the stages: HTTP error, timeout, robots). The pipelines never change an item and
never drop one: an item the writer cannot take becomes an `output` error row instead.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from extract.errors import PageError
from extract.pipeline import PageResult

logger = logging.getLogger(__name__)

ERRORS_STAT = "guidecrawl/errors/{stage}/{error}"
OUTPUT_FAILED_STAT = "guidecrawl/output/failed"


class ErrorStatsPipeline:
    """Counts errors (`guidecrawl/errors/<stage>/<error>`), documents per kind and entities per kind."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ErrorStatsPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageError):
            self._count_error(item)
        elif isinstance(item, PageResult):
            for error in item.errors:
                self._count_error(error)
            if item.document is not None:
                self.stats.inc_value(f"guidecrawl/documents/{item.document.kind}")
                self.stats.inc_value(f"guidecrawl/encoding/{item.document.encoding_source}")
            for entity in item.entities:
                self.stats.inc_value(f"guidecrawl/entities/{entity.kind}")
        return item

    def _count_error(self, error: PageError) -> None:
        self.stats.inc_value(ERRORS_STAT.format(stage=error.stage, error=error.error))


class DatasetPipeline:
    """With `-s OUTPUT_DIR=DIR`: writes every item with `output.dataset.DatasetWriter` (files appear at close)."""

    def __init__(self, crawler: Crawler, out_dir: str) -> None:
        self.crawler = crawler
        self.out_dir = out_dir
        self.writer: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DatasetPipeline:
        out_dir = crawler.settings.get("OUTPUT_DIR")
        if not out_dir:
            raise NotConfigured  # no message: Scrapy would log one as a warning on every feed-only crawl
        return cls(crawler, out_dir)

    def open_spider(self) -> None:
        from output.dataset import DatasetWriter

        spider = self.crawler.spider
        settings = self.crawler.settings
        run_metadata = {
            "spider": getattr(spider, "name", None),
            "site": getattr(getattr(spider, "site", None), "name", None),
            "profile": settings.get("GUIDECRAWL_PROFILE"),
            "user_agent": settings.get("USER_AGENT"),
            "started_at": dt.datetime.now(dt.UTC).isoformat(),
        }
        run_id = settings.get("GUIDECRAWL_RUN_ID") or getattr(getattr(spider, "crawl_state", None), "run_id", None)
        self.writer = DatasetWriter(self.out_dir, run_id=run_id, run_metadata=run_metadata)

    def process_item(self, item: Any) -> Any:
        try:
            if isinstance(item, PageResult):
                self.writer.write_page(item)
            elif isinstance(item, PageError):
                self.writer.write_error(item)
        except Exception as exc:  # one bad item must not end the crawl or vanish
            url = getattr(item, "url", None)
            logger.error("could not write %s: %s: %s", url, type(exc).__name__, exc)
            error = PageError(url, "output", type(exc).__name__, str(exc).splitlines()[0] if str(exc) else "")
            self.crawler.stats.inc_value(ERRORS_STAT.format(stage="output", error=error.error))
            self.writer.write_error(error)
        return item

    def close_spider(self) -> None:
        try:
            summary = self.writer.close()
        except Exception:
            self.crawler.stats.set_value(OUTPUT_FAILED_STAT, 1)
            raise
        for table, rows in summary.rows.items():
            self.crawler.stats.set_value(f"guidecrawl/output/rows/{table}", rows)
