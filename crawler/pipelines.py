"""Item pipelines: every failure counted, every item written to the table dataset.

Items are `extract.pipeline.PageResult` (a fetched page through every stage) and `extract.errors.PageError`
(a page that never reached the stages: HTTP error, timeout, robots). The pipelines never change an item and
never drop one: an item the writer cannot take becomes an `output` error row instead.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import Counter
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred, DeferredList
from twisted.internet.threads import deferToThread
from twisted.python.failure import Failure

from crawler.outcome import OUTPUT_FAILED_STAT
from crawler.platforms import canonical_url
from crawler.runstats import PARTS_STAT
from extract.errors import PageError
from extract.pipeline import PageResult

logger = logging.getLogger(__name__)

ERRORS_STAT = "guidecrawl/errors/{stage}/{error}"
DEFAULT_PART_PAGES = 500
DEFAULT_PART_SECONDS = 600.0


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
            # One call per kind, not per entity: each stats call costs microseconds (Scrapy wraps the collector's
            # attribute access), and a page holds dozens of entities.
            for kind, count in Counter(entity.kind for entity in item.entities).items():
                self.stats.inc_value(f"guidecrawl/entities/{kind}", count)
        return item

    def _count_error(self, error: PageError) -> None:
        self.stats.inc_value(ERRORS_STAT.format(stage=error.stage, error=error.error))


class DatasetPipeline:
    """With `-s OUTPUT_DIR=DIR`: writes every item with `output.dataset.DatasetWriter`, published in parts.

    A part is published (its files written and renamed into place, atomically, by the writer's `close()`, in a
    thread so the reactor keeps crawling) every `GUIDECRAWL_PART_PAGES` items or `GUIDECRAWL_PART_SECONDS`
    seconds, then the incremental state commits the pages that part holds. A run killed at any moment loses at
    most the part being written, and the next run fetches exactly the pages no published part holds. A run's
    parts share its run id and read as one dataset.
    """

    def __init__(self, crawler: Crawler, out_dir: str) -> None:
        self.crawler = crawler
        self.out_dir = out_dir
        self.part_pages = max(1, crawler.settings.getint("GUIDECRAWL_PART_PAGES", DEFAULT_PART_PAGES))
        self.part_seconds = crawler.settings.getfloat("GUIDECRAWL_PART_SECONDS", DEFAULT_PART_SECONDS)
        self.writer: Any = None
        self.run_id: str | None = None
        self.run_metadata: dict[str, Any] = {}
        self.parts = 0  # parts published
        self._opened = 0  # parts opened (the open one's number)
        self._publishing: set[Deferred[None]] = set()
        self._part_urls: list[str] = []  # canonical URLs of the pages written into the open part
        self._part_items = 0
        self._part_started = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DatasetPipeline:
        out_dir = crawler.settings.get("OUTPUT_DIR")
        if not out_dir:
            raise NotConfigured  # no message: Scrapy would log one as a warning on every feed-only crawl
        return cls(crawler, out_dir)

    def open_spider(self) -> None:
        from output.parquetfile import arrow_without_pandas

        arrow_without_pandas()  # the crawl process never hands pandas objects to pyarrow: no pandas import
        spider = self.crawler.spider
        settings = self.crawler.settings
        self.run_metadata = {
            "spider": getattr(spider, "name", None),
            "site": getattr(getattr(spider, "site", None), "name", None),
            "profile": settings.get("GUIDECRAWL_PROFILE"),
            "user_agent": settings.get("USER_AGENT"),
            "started_at": dt.datetime.now(dt.UTC).isoformat(),
        }
        self.run_id = settings.get("GUIDECRAWL_RUN_ID") or getattr(getattr(spider, "crawl_state", None), "run_id", None)
        state = getattr(spider, "crawl_state", None)
        if state is not None:
            site = self.run_metadata.get("site") or "pages"
            committed, rolled_back = state.resolve_parts(f"-{site}-", self._published, self._roll_back)
            if committed or rolled_back:
                logger.info("state: %d part(s) of a killed run recorded, %d rolled back", committed, rolled_back)
        self._open_part()

    def _roll_back(self, part: str) -> None:
        """Remove what a part cut short by a kill had renamed into place (entity tables before documents)."""
        out = Path(self.out_dir)
        for path in [
            *out.glob(f"*/crawl_date=*/part-{part}.parquet"),
            *out.glob(f"csv/*/crawl_date=*/part-{part}.csv"),
        ]:
            path.unlink(missing_ok=True)

    def _published(self, part: str) -> bool:
        """A part counts as published once its documents file is under its final name (it is renamed last)."""
        return any(Path(self.out_dir).glob(f"documents/crawl_date=*/part-{part}.parquet")) or any(
            Path(self.out_dir).glob(f"csv/documents/crawl_date=*/part-{part}.csv")
        )

    def _open_part(self) -> None:
        from output.dataset import DatasetWriter

        site = self.run_metadata.get("site") or "pages"
        self._opened += 1
        part = f"{site}-{self._opened:05d}"
        self.writer = DatasetWriter(self.out_dir, run_id=self.run_id, run_metadata=self.run_metadata, part=part)
        self.run_id = self.writer.run_id
        self._part_urls = []
        self._part_items = 0
        self._part_started = time.monotonic()

    def _publish_part(self) -> Deferred[None]:
        """Publish the open part in a thread (its files are written and renamed there, off the reactor), then
        commit the state of the pages it holds, back in the reactor thread. The pages are marked with their
        part first, so a kill between the rename and the commit is settled by the next run (`resolve_parts`)."""
        writer, urls = self.writer, self._part_urls
        state = getattr(self.crawler.spider, "crawl_state", None)
        if state is not None and urls:
            state.mark_part(urls, writer.file_id)

        def published(summary: Any) -> None:
            self.parts += 1
            self.crawler.stats.set_value(PARTS_STAT, self.parts)
            for table, rows in summary.rows.items():
                self.crawler.stats.inc_value(f"guidecrawl/output/rows/{table}", rows)
            if state is not None and urls:
                state.commit_part(writer.file_id)

        def failed(failure: Failure) -> None:
            self.crawler.stats.set_value(OUTPUT_FAILED_STAT, 1)
            logger.error("could not publish part %s: %s", writer.file_id, failure.getErrorMessage())

        publishing: Deferred[None] = deferToThread(writer.close).addCallbacks(published, failed)
        self._publishing.add(publishing)
        publishing.addBoth(lambda _: self._publishing.discard(publishing))
        return publishing

    def process_item(self, item: Any) -> Any:
        try:
            if isinstance(item, PageResult):
                self.writer.write_page(item)
                if item.url and item.ok:
                    self._part_urls.append(canonical_url(item.url))
            elif isinstance(item, PageError):
                self.writer.write_error(item)
        except Exception as exc:  # one bad item must not end the crawl or vanish
            url = getattr(item, "url", None)
            logger.error("could not write %s: %s: %s", url, type(exc).__name__, exc)
            error = PageError(url, "output", type(exc).__name__, str(exc).splitlines()[0] if str(exc) else "")
            self.crawler.stats.inc_value(ERRORS_STAT.format(stage="output", error=error.error))
            try:
                self.writer.write_error(error)
            except Exception:  # the writer itself failed (disk full): the run exits OUTPUT_FAILED, logged once above
                self.crawler.stats.set_value(OUTPUT_FAILED_STAT, 1)
        self._part_items += 1
        if self._part_items >= self.part_pages or time.monotonic() - self._part_started >= self.part_seconds:
            self._publish_part()
            self._open_part()
        return item

    async def close_spider(self) -> None:
        if self._part_items == 0 and self._opened > 1:
            self.writer.abort()  # nothing since the last part: no empty files
        else:
            self._publish_part()  # the first part is published even empty: every table gets its schema
        await maybe_deferred_to_future(DeferredList(list(self._publishing), consumeErrors=True))
