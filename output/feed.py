"""The Scrapy feeds: `scrapy crawl guides -O pages.jsonl | pages.json | pages.csv | pages.parquet`.

A feed is one file, so it holds one table. Every format gives the same row per page (`output.schema.FEED`):
the `documents` columns plus the page's entities (`entity_list`) and failures (`error_list`), nested in
JSONL, JSON and Parquet; in CSV the same content flat (`output.schema.FEED_FLAT`): a `page` row, then one
`entity` row per entity and one `error` row per failure, each carrying the page's doc_id, url and site.

Items are `extract.pipeline.PageResult` (a page) or `extract.errors.PageError` (a failure with no page, e.g. a
fetch error: a row with `ok = false`, its url, site, doc_id, `fetched_at` = when it failed, and its
`error_list`). Anything else is refused with a TypeError naming the item type. Rows carry the run id of the
crawl (`-s GUIDECRAWL_RUN_ID`, else the crawl state's, else a new one), so they join the dataset's tables.

Refused, with one line and exit status 2 before the crawl starts (`check_feed_formats`, called by
`scrapy crawl`): `.xml` (XML 1.0 cannot hold the control characters damaged pages contain, and cannot tell an
empty value from a missing one), `.marshal` (cannot hold timestamps) and `.pickle` (not safe to load from
others). Appending (`-o`) onto an existing Parquet or JSON file is refused too: bytes after a Parquet footer or
a JSON array's `]` make a file no reader opens. Inside a crawl that refusal is one ERROR log line and the crawl
stops (finish_reason `feed_append_refused`); the existing file is never touched. JSONL and CSV append
(CSV without a second header).
For the full typed per-kind tables use the dataset (`-s OUTPUT_DIR=DIR`, `output.dataset.DatasetWriter`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import os
from collections.abc import Iterator, Mapping
from typing import IO, Any

import pyarrow.parquet as pq
from scrapy.crawler import Crawler
from scrapy.exporters import BaseItemExporter
from scrapy.utils.defer import deferred_from_coro

from extract.entity import Entity
from extract.errors import PageError
from extract.pipeline import PageResult
from output.csvfile import escape_cell
from output.dataset import new_run_id
from output.parquetfile import open_writer, to_batch
from output.rows import as_text, coerce, document_row, format_number
from output.schema import DOCUMENTS, FEED, FEED_FLAT

DEFAULT_BATCH_ROWS = 512
APPEND_REFUSED_REASON = "feed_append_refused"
FORMAT_REFUSED_REASON = "feed_format_refused"

# Feed formats Scrapy knows that guidecrawl refuses, and why (one line each).
REFUSED_FORMATS = {
    "xml": "XML 1.0 cannot hold the control characters damaged pages contain, nor tell empty from missing",
    "marshal": "marshal cannot hold timestamps",
    "pickle": "pickle files are not safe to load from others",
}
SUPPORTED_FORMATS = ("jsonl", "jsonlines", "jl", "json", "csv", "parquet")

logger = logging.getLogger(__name__)


class AppendRefused(ValueError):
    """`-o` onto an existing Parquet or JSON file."""


class FormatRefused(ValueError):
    """A feed format guidecrawl does not write."""


def check_feed_formats(feeds: Mapping[str, Mapping[str, Any]]) -> None:
    """FormatRefused (one line) for a feed in a format of REFUSED_FORMATS (`FEEDS` setting: uri → options)."""
    for uri, options in feeds.items():
        fmt = str(options.get("format", ""))
        if fmt in REFUSED_FORMATS:
            raise FormatRefused(
                f"feed {uri}: the {fmt} format is not supported ({REFUSED_FORMATS[fmt]}); "
                f"use .jsonl, .json, .csv or .parquet"
            )


def _existing_bytes(file: IO[bytes]) -> int:
    try:
        return os.fstat(file.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        try:
            return file.tell()
        except (AttributeError, OSError, ValueError):
            return 0


# -- rows ------------------------------------------------------------------------------------------------------


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


def feed_row(item: Any, *, run_id: str, site: str | None = None) -> dict[str, Any]:
    """The feed row (every column of `output.schema.FEED`) of a PageResult or a PageError; `site` is the
    registry key of the crawl, for a PageError (which does not carry one)."""
    row: dict[str, Any] = dict.fromkeys(FEED.names)
    if isinstance(item, PageResult):
        document = document_row(item, run_id=run_id)
        if document is None:  # failed before content extraction: what is known of the page, and why it failed
            document = {
                "doc_id": item.doc_id,
                "url": item.url,
                "site": item.site,
                "script": item.script,
                "fetched_at": coerce(item.fetched_at, DOCUMENTS.column("fetched_at").type),
                "ok": False,
                "run_id": run_id,
            }
        row.update(document)
        row["entity_list"] = [_entity_item(e) for e in item.entities]
        row["error_list"] = [_error_item(e) for e in item.errors]
        return row
    if isinstance(item, PageError):
        page = PageResult(url=item.url, document=None, site=site)
        row.update(
            doc_id=page.doc_id if item.url else None,
            url=item.url,
            site=site,
            fetched_at=coerce(item.at, DOCUMENTS.column("fetched_at").type),
            ok=False,
            run_id=run_id,
            entity_list=[],
            error_list=[_error_item(item)],
        )
        return row
    raise TypeError(f"the guidecrawl feeds export PageResult and PageError items, not {type(item).__name__}")


def json_value(value: Any) -> Any:
    """A row value as JSON: timestamps as ISO 8601 with `Z`, days as ISO dates, lists and dicts recursively."""
    if isinstance(value, dt.datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value


def flat_rows(row: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The CSV form of one feed row: its `page` row, then an `entity` row per entity, an `error` row per failure."""
    shared = {name: row.get(name) for name in ("doc_id", "url", "site", "run_id")}
    # `text` of a flat row is an entity's span: the page's whole text stays in the other feeds and the tables.
    yield {**{n: row.get(n) for n in FEED_FLAT.names if n in FEED.names and n != "text"}, "row": "page"}
    for entity in row["entity_list"]:
        yield {**shared, "row": "entity", **{f"entity_{k}" if k == "kind" else k: v for k, v in entity.items()}}
    for error in row["error_list"]:
        yield {**shared, "row": "error", **error}


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, dt.datetime | dt.date):
        return str(json_value(value))
    return escape_cell(str(value))


# -- exporters -------------------------------------------------------------------------------------------------


class _FeedExporter(BaseItemExporter):
    """What every guidecrawl feed shares: the run id, the crawl's site, and refusing what cannot be done."""

    appendable = True
    format_name = "feed"

    def __init__(self, file: IO[bytes], *, crawler: Crawler | None = None, **kwargs: Any) -> None:
        self.batch_rows = int(kwargs.pop("batch_rows", DEFAULT_BATCH_ROWS))
        super().__init__(dont_fail=True, **kwargs)
        self.file = file
        self.crawler = crawler
        spider = getattr(crawler, "spider", None) if crawler is not None else None
        settings = crawler.settings if crawler is not None else None
        state = getattr(spider, "crawl_state", None)
        given = (settings.get("GUIDECRAWL_RUN_ID") if settings else None) or getattr(state, "run_id", None)
        self.run_id: str = str(given) if given else new_run_id()
        self.site: str | None = getattr(getattr(spider, "site", None), "name", None)
        self.appending = "a" in getattr(file, "mode", "") and _existing_bytes(file) > 0
        self.refused = False
        if self.appending and not self.appendable:
            name = getattr(file, "name", "the feed file")
            message = f"cannot append to the existing {self.format_name} file {name}: use -O (overwrite) instead of -o"
            self._refuse(message, AppendRefused)

    def _refuse(self, message: str, error: type[ValueError], reason: str = APPEND_REFUSED_REASON) -> None:
        if self.crawler is None or self.crawler.engine is None:
            raise error(message)
        # Inside a crawl, raising would log a traceback for every item; say it once and stop the crawl.
        # The file is left exactly as it was: this exporter writes nothing.
        logger.error(message)
        self.refused = True
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=reason))

    @classmethod
    def from_crawler(cls, crawler: Crawler, file: IO[bytes], **kwargs: Any) -> _FeedExporter:
        return cls(file, crawler=crawler, **kwargs)

    def row(self, item: Any) -> dict[str, Any]:
        return feed_row(item, run_id=self.run_id, site=self.site)

    def export_item(self, item: Any) -> None:
        if not self.refused:
            self.write_row(self.row(item))

    def write_row(self, row: dict[str, Any]) -> None:
        raise NotImplementedError


class JsonLinesFeedExporter(_FeedExporter):
    """`-O pages.jsonl`: one JSON object per page per line, UTF-8."""

    def write_row(self, row: dict[str, Any]) -> None:
        self.file.write((json.dumps(json_value(row), ensure_ascii=False) + "\n").encode("utf-8"))


class JsonFeedExporter(_FeedExporter):
    """`-O pages.json`: one JSON array of the JSONL rows."""

    appendable = False
    format_name = "JSON"

    def start_exporting(self) -> None:
        self._first = True
        if not self.refused:
            self.file.write(b"[")

    def write_row(self, row: dict[str, Any]) -> None:
        self.file.write((b"\n" if self._first else b",\n") + json.dumps(json_value(row), ensure_ascii=False).encode())
        self._first = False

    def finish_exporting(self) -> None:
        if not self.refused:
            self.file.write(b"\n]\n")


class CsvFeedExporter(_FeedExporter):
    """`-O pages.csv`: the flat rows of `output.schema.FEED_FLAT`, UTF-8 with a BOM, formula-safe cells."""

    def start_exporting(self) -> None:
        self._text = io.TextIOWrapper(self.file, encoding="utf-8", newline="", write_through=True)
        self._csv = csv.writer(self._text)
        if not self.appending and not self.refused:
            self._text.write("\ufeff")
            self._csv.writerow(FEED_FLAT.names)

    def write_row(self, row: dict[str, Any]) -> None:
        names = FEED_FLAT.names
        self._csv.writerows([_csv_cell(flat.get(n)) for n in names] for flat in flat_rows(row))

    def finish_exporting(self) -> None:
        self._text.flush()
        self._text.detach()  # Scrapy's feed storage owns and closes the file


class ParquetItemExporter(_FeedExporter):
    """`-O pages.parquet`: the rows typed by `output.schema.FEED`, in row groups of `batch_rows` pages."""

    appendable = False
    format_name = "Parquet"

    def start_exporting(self) -> None:
        self._rows: list[dict[str, Any]] = []
        self._writer: pq.ParquetWriter | None = None
        if not self.refused:
            self._writer = open_writer(self.file, FEED, {"run_id": self.run_id, "feed": True})

    def write_row(self, row: dict[str, Any]) -> None:
        self._rows.append(row)
        if len(self._rows) >= self.batch_rows:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            assert self._writer is not None, "start_exporting() was not called"
            self._writer.write_batch(to_batch(self._rows, FEED))
            self._rows = []

    def finish_exporting(self) -> None:
        if self.refused:
            return
        self._flush()
        if self._writer is not None:
            self._writer.close()  # closes the Parquet stream, not `file`: Scrapy's feed storage owns that
            self._writer = None


class RefusedFormatExporter(_FeedExporter):
    """Registered for REFUSED_FORMATS, in case a feed reaches Scrapy without `scrapy crawl`'s check
    (a FEEDS setting in a project file): one ERROR line, the crawl stops, nothing is written."""

    def __init__(self, file: IO[bytes], *, crawler: Crawler | None = None, **kwargs: Any) -> None:
        super().__init__(file, crawler=crawler, **kwargs)
        name = getattr(file, "name", "the feed file")
        fmt = os.path.splitext(str(name))[1].lstrip(".") or "this"
        reason = REFUSED_FORMATS.get(fmt, "see the documentation")
        self._refuse(f"feed {name}: the {fmt} format is not supported ({reason})", FormatRefused, FORMAT_REFUSED_REASON)

    def write_row(self, row: dict[str, Any]) -> None:  # pragma: no cover - refused before any item
        raise FormatRefused("refused feed format")
