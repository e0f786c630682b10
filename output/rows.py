"""PageResult / Entity / PageError → table rows (plain dicts keyed by the column names of `output.schema`).

A row value always fits its column's type: values are coerced here (numeric strings → float, an ISO day →
date, a naive datetime → UTC). What cannot be coerced, and every field the schema has no column for, goes to
the row's `extra` JSON rather than being dropped or crashing the writer. This module never changes a value's
meaning (no rounding, no re-parsing of text), only its type.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import pyarrow as pa

from extract.entity import RANGE_FIELDS, Entity
from extract.errors import PageError
from extract.pipeline import PageResult
from output.schema import DOCUMENTS, ERRORS, TABLE_FOR_KIND, Table

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


class Uncoercible(ValueError):
    """A value that does not fit its column's type."""


def iso_day(value: Any) -> dt.date | None:
    """The complete day a value names (`2025-01-05`, `2009-04-27T10:20`), or None (`2025-01`, `--10-01`)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    match = _ISO_DAY.match(value.strip())
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return _json(value)


def format_number(value: float) -> str:
    """A number as text without a spurious `.0` (35000.0 → `35000`)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _to_float(value: Any) -> float:
    if isinstance(value, bool):
        raise Uncoercible(value)
    if isinstance(value, int | float):
        result = float(value)
    elif isinstance(value, str):
        try:
            result = float(value.replace(",", "").strip())
        except ValueError as exc:
            raise Uncoercible(value) from exc
    else:
        raise Uncoercible(value)
    if math.isnan(result):
        raise Uncoercible(value)
    return result


def _to_int(value: Any) -> int:
    if isinstance(value, bool):
        raise Uncoercible(value)
    if isinstance(value, int):
        result = value
    elif isinstance(value, float) and value.is_integer():
        result = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        result = int(value.strip())
    else:
        raise Uncoercible(value)
    if not -(2**31) <= result < 2**31:
        raise Uncoercible(value)
    return result


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise Uncoercible(value)


def _to_timestamp(value: Any) -> dt.datetime:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError as exc:
            raise Uncoercible(value) from exc
    if not isinstance(value, dt.datetime):
        raise Uncoercible(value)
    # A crawl timestamp without a zone was taken with the UTC clock (PageError and the crawler use UTC).
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _to_date(value: Any) -> dt.date:
    day = iso_day(value)
    if day is None:
        raise Uncoercible(value)
    return day


def coerce(value: Any, type_: pa.DataType) -> Any:
    """`value` as the Python value Arrow stores in a column of `type_`; None stays None."""
    return None if value is None else converter(type_)(value)


def converter(type_: pa.DataType) -> Callable[[Any], Any]:
    """The function that turns a (non-None) value into what a column of `type_` stores."""
    if pa.types.is_dictionary(type_):
        type_ = type_.value_type
    if pa.types.is_string(type_) or pa.types.is_large_string(type_):
        return as_text
    if pa.types.is_floating(type_):
        return _to_float
    if pa.types.is_integer(type_):
        return _to_int
    if pa.types.is_boolean(type_):
        return _to_bool
    if pa.types.is_timestamp(type_):
        return _to_timestamp
    if pa.types.is_date(type_):
        return _to_date
    return _unchanged


def _unchanged(value: Any) -> Any:
    return value


_CONVERTERS: dict[str, tuple[Table, tuple[Callable[[Any], Any], ...]]] = {}


def column_converters(table: Table) -> tuple[Callable[[Any], Any], ...]:
    """`converter` of each of the table's columns, resolved once per table rather than once per cell (a crawl
    writes a few hundred cells a page, and asking Arrow what a type is costs as much as converting the value)."""
    known = _CONVERTERS.get(table.name)
    if known is None or known[0] is not table:
        known = _CONVERTERS[table.name] = (table, tuple(converter(column.type) for column in table.columns))
    return known[1]


def _safe(value: Any, type_: pa.DataType) -> Any:
    try:
        return coerce(value, type_)
    except Uncoercible:
        return None


def document_row(result: PageResult, *, run_id: str, source: str | None = None) -> dict[str, Any] | None:
    """The `documents` row of a page, or None when the page never got a Document (its errors say why)."""
    document = result.document
    if document is None:
        return None
    published = document.published_at
    raw = {
        "doc_id": result.doc_id,
        "url": result.url,
        "source": source,
        # The key the page was crawled under (the one in doc_id), never the page's own name: that is site_name.
        "site": result.site or (urlsplit(result.url).hostname if result.url else None),
        # process_page fills a page that names no site with the registry key: that is not the page's own name.
        "site_name": document.site if document.site != result.site else None,
        "kind": document.kind,
        "title": document.title,
        "author": document.author,
        "published_at": published,
        "published_date": iso_day(published),
        "fetched_at": result.fetched_at,
        "lang": document.lang,
        "script": result.script,
        "encoding": document.encoding,
        "encoding_source": document.encoding_source,
        "text": result.text,
        "served_text": result.served_text,
        "content_hash": result.content_hash,
        "records": len(document.records),
        "entities": len(result.entities),
        "repairs": result.repairs,
        "ok": not result.errors,
        "run_id": run_id,
    }
    row: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for column, convert in zip(DOCUMENTS.columns, column_converters(DOCUMENTS), strict=True):
        if column.name == "extra":
            continue
        value = raw[column.name]
        try:
            row[column.name] = None if value is None else convert(value)
        except Uncoercible:  # kept as given, never nulled silently
            row[column.name] = None
            extra[column.name] = raw[column.name]
    row["extra"] = _json(extra) if extra else None
    return row


def table_for(entity: Entity) -> Table | None:
    return TABLE_FOR_KIND.get(entity.kind)


def _entity_fields(entity: Entity) -> dict[str, Any]:
    """The entity's value and fields as one flat mapping.

    A parser may give a structured value (`{"value": 260, "per": "人"}` for an amount, `{"start", "end"}` for a
    date range, `{"weekdays", "start", "end"}` for office hours, `{"time"}` for a clock time): its keys become
    fields, a range without a single value becomes the ISO interval `a/b`, a clock time its `HH:MM`.
    """
    fields: dict[str, Any] = dict(entity.fields)
    value = entity.value
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key != "value":
                fields.setdefault(RANGE_FIELDS.get(str(key), str(key)), item)
        if "value" in value:
            value = value["value"]
        elif value.get("start") is not None and value.get("end") is not None:
            value = f"{value['start']}/{value['end']}"
        elif value.get("time") is not None:
            value = value["time"]
        else:
            value = None
    fields["value"] = value
    if entity.kind == "date" and "date" not in fields:
        fields["date"] = iso_day(value)
    return fields


def entity_row(entity: Entity, table: Table, *, doc_id: str, run_id: str) -> dict[str, Any]:
    """One row of `table` for `entity`; fields without a column, or that do not fit theirs, go to `extra`."""
    fields = _entity_fields(entity)
    given = {
        "doc_id": doc_id,
        "record": fields.pop("record", None),
        "text": entity.text,
        "start": entity.start,
        "end": entity.end,
        "run_id": run_id,
    }
    row: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for column, convert in zip(table.columns, column_converters(table), strict=True):
        if column.name == "extra":
            continue
        raw = given[column.name] if column.name in given else fields.pop(column.field_key, None)
        try:
            row[column.name] = None if raw is None else convert(raw)
        except Uncoercible:
            row[column.name] = None
            extra[column.name] = raw
    extra.update((k, v) for k, v in fields.items() if v is not None)
    row["extra"] = _json(extra) if extra else None
    return row


def error_row(error: PageError, *, run_id: str, source: str | None = None, doc_id: str | None = None) -> dict[str, Any]:
    raw = {
        "url": error.url,
        "source": source,
        "doc_id": doc_id,
        "stage": error.stage,
        "error": error.error,
        "message": error.message,
        "at": error.at,
        "run_id": run_id,
    }
    return {c.name: _safe(raw[c.name], c.type) for c in ERRORS.columns}
