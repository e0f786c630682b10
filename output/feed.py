"""A Scrapy feed exporter for Parquet: `scrapy crawl guides -O out.parquet` (FEED_EXPORTERS["parquet"]).

A feed is one file, so it holds one table: a row per page with the `documents` columns, plus the page's
entities (`entity_list`) and failures (`error_list`) as nested lists. Items are `extract.pipeline.PageResult`
(a page) or `extract.errors.PageError` (a failure with no page, e.g. a fetch error: a row with only `url`,
`ok = false` and its `error_list`). Anything else is refused with a TypeError naming the item type.

Appending (`-o out.parquet` onto an existing file) is refused: a Parquet file ends with its footer, and bytes
appended after it make a file no reader can open. Inside a crawl the refusal is one ERROR log line and the crawl
stops (finish_reason `feed_append_refused`); the existing file is never touched.
Rows are streamed in row groups of `batch_rows` items.
For the full typed per-kind tables use the dataset (`-s OUTPUT_DIR=DIR`, `output.dataset.DatasetWriter`).
"""

from __future__ import annotations

import json
import logging
import os
from typing import IO, Any

import pyarrow.parquet as pq
from scrapy.crawler import Crawler
from scrapy.exporters import BaseItemExporter
from scrapy.utils.defer import deferred_from_coro

from extract.entity import Entity
from extract.errors import PageError
from extract.pipeline import PageResult
from output.dataset import new_run_id
from output.parquetfile import open_writer, to_batch
from output.rows import as_text, coerce, document_row
from output.schema import DOCUMENTS, FEED

DEFAULT_BATCH_ROWS = 512
APPEND_REFUSED_REASON = "feed_append_refused"

logger = logging.getLogger(__name__)


class AppendRefused(ValueError):
    """`-o` onto an existing Parquet file."""


def _existing_bytes(file: IO[bytes]) -> int:
    try:
        return os.fstat(file.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        try:
            return file.tell()
        except (AttributeError, OSError, ValueError):
            return 0


def _entity_item(entity: Entity) -> dict[str, Any]:
    fields = {k: v for k, v in entity.fields.items() if k != "record" and v is not None}
    record = entity.fields.get("record")
    return {
        "kind": entity.kind,
        "record": record if isinstance(record, int) and not isinstance(record, bool) else None,
        "text": entity.text,
        "start": entity.start,
        "end": entity.end,
        "value": None if entity.value is None else as_text(entity.value),
        "fields": json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str) if fields else None,
    }


def _error_item(error: PageError) -> dict[str, Any]:
    return {
        "stage": error.stage,
        "error": error.error,
        "message": error.message,
        "at": coerce(error.at, FEED.column("fetched_at").type),
    }


def feed_row(item: Any, *, run_id: str) -> dict[str, Any]:
    """One feed row for a PageResult or a PageError."""
    if isinstance(item, PageResult):
        row = document_row(item, run_id=run_id) or {
            "url": item.url,
            "site": item.site,
            "script": item.script,
            "fetched_at": coerce(item.fetched_at, DOCUMENTS.column("fetched_at").type),
            "ok": False,
            "run_id": run_id,
        }
        row["entity_list"] = [_entity_item(e) for e in item.entities]
        row["error_list"] = [_error_item(e) for e in item.errors]
        return row
    if isinstance(item, PageError):
        return {"url": item.url, "ok": False, "run_id": run_id, "entity_list": [], "error_list": [_error_item(item)]}
    raise TypeError(f"the parquet feed exports PageResult and PageError items, not {type(item).__name__}")


class ParquetItemExporter(BaseItemExporter):
    def __init__(self, file: IO[bytes], *, crawler: Crawler | None = None, **kwargs: Any) -> None:
        self.batch_rows = int(kwargs.pop("batch_rows", DEFAULT_BATCH_ROWS))
        super().__init__(dont_fail=True, **kwargs)
        self.file = file
        self.run_id = new_run_id()
        self._rows: list[dict[str, Any]] = []
        self._writer: pq.ParquetWriter | None = None
        self.refused = False
        if "a" in getattr(file, "mode", "") and _existing_bytes(file) > 0:
            name = getattr(file, "name", "the feed file")
            message = f"cannot append to the existing Parquet file {name}: use -O (overwrite) instead of -o"
            if crawler is None or crawler.engine is None:
                raise AppendRefused(message)
            # Inside a crawl, raising would log a traceback for every item; say it once and stop the crawl.
            # The file is left exactly as it was: this exporter writes nothing.
            logger.error(message)
            self.refused = True
            deferred_from_coro(crawler.engine.close_spider_async(reason=APPEND_REFUSED_REASON))

    @classmethod
    def from_crawler(cls, crawler: Crawler, file: IO[bytes], **kwargs: Any) -> ParquetItemExporter:
        return cls(file, crawler=crawler, **kwargs)

    def start_exporting(self) -> None:
        if not self.refused:
            self._writer = open_writer(self.file, FEED, {"run_id": self.run_id, "feed": True})

    def export_item(self, item: Any) -> None:
        if self.refused:
            return
        self._rows.append(feed_row(item, run_id=self.run_id))
        if len(self._rows) >= self.batch_rows:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            assert self._writer is not None, "start_exporting() was not called"
            self._writer.write_batch(to_batch(self._rows, FEED))
            self._rows = []

    def finish_exporting(self) -> None:
        self._flush()
        if self._writer is not None:
            self._writer.close()  # closes the Parquet stream, not `file`: Scrapy's feed storage owns that
            self._writer = None
