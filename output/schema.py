"""The output tables: the ONLY place that names a column, gives it a type, and says what it holds.

Every other module in `output/` (rows, the dataset writer, CSV, the Scrapy feed, `docs/tables.md`) reads
column names and types from here. Adding a column is a change to this file alone; renaming or retyping one
breaks every analyst's saved query, so it must never happen silently.

Why typed per-kind tables and not one `entities` table: each kind has its own value type (a phone number is a
string of digits, an amount is float64 yuan, a date has a typed `date` column), and analysts filter on those
types (`where value >= 10000`, `where date between ...`). A single table would make `value` a string or a
JSON blob and push every cast into every query. Fields a parser adds that the schema does not know yet land
in the `extra` column (JSON), so nothing is lost and the writer never crashes on them.

The crawl date is not a column in the files: it is the hive partition (`crawl_date=2026-11-23/`), which both
`pd.read_parquet("out/phones")` and DuckDB's `hive_partitioning=true` turn back into a column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

CATEGORY = pa.dictionary(pa.int32(), pa.string())  # small vocabularies: kind, line, stage, unit, ...
UTC_TIMESTAMP = pa.timestamp("us", tz="UTC")

# The key under which each Parquet file carries the run's metadata (JSON) in its key-value metadata.
RUN_METADATA_KEY = b"guidecrawl.run"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: pa.DataType
    doc: str
    example: Any = None
    source: str | None = None  # the Entity field this column is filled from, when it differs from `name`

    @property
    def field_key(self) -> str:
        return self.source or self.name

    def arrow_field(self) -> pa.Field:
        return pa.field(self.name, self.type, nullable=True, metadata={b"description": self.doc.encode()})


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    kind: str | None = None  # the Entity.kind whose rows land here (entity tables only)

    @property
    def schema(self) -> pa.Schema:
        return pa.schema([c.arrow_field() for c in self.columns])

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


_DOC_ID = Column(
    "doc_id",
    pa.string(),
    "Stable page id, the same in every run and on every port: sha1 of the site key and the URL's path and query"
    " (of the text, for a saved file without a URL), 16 hex digits.",
    "3f1c2a9b8d7e6f50",
)
_RUN_ID = Column(
    "run_id",
    CATEGORY,
    "The run that wrote the row (also in the file name and the file metadata).",
    "20261123T171500Z-1a2b3c",
)
_SOURCE = Column(
    "source",
    pa.string(),
    "Where the bytes came from: the saved file for `guidecrawl extract`, null for a crawl.",
    "pages/fzyb/body.html",
)

DOCUMENTS = Table(
    "documents",
    "One row per page that got through decoding and content extraction (failed pages are in `errors`).",
    (
        _DOC_ID,
        Column(
            "url",
            pa.string(),
            "The page URL (null for a saved file without one).",
            "http://ybj.fuzhou.gov.cn/zwgk/gzdt/202409/t20240903_1.htm",
        ),
        _SOURCE,
        Column(
            "site",
            CATEGORY,
            "The registry key of the crawled site (`-a site=`), else the URL's host (an ad-hoc URL, a saved file).",
            "fzyb",
        ),
        Column("site_name", CATEGORY, "The site's name as the page itself gives it, or null.", "福州市医疗保障局"),
        Column("kind", CATEGORY, "Page family: article, listing, forum or qa.", "article"),
        Column("title", pa.string(), "Page title, normalized.", "福州市城镇居民基本医疗保险办事指南"),
        Column("author", pa.string(), "Author or publishing office, normalized.", "福州市医疗保障局"),
        Column(
            "published_at",
            pa.string(),
            "Publication time as precise as the page says (ISO 8601).",
            "2024-09-03T16:23:22",
        ),
        Column("published_date", pa.date32(), "Publication day, when the page gives a full date.", "2024-09-03"),
        Column(
            "fetched_at",
            UTC_TIMESTAMP,
            "When the bytes were fetched (for a saved file: its modification time), UTC.",
            "2026-11-23 17:15:02+00:00",
        ),
        Column("lang", CATEGORY, "Language: zh or en.", "zh"),
        Column("script", CATEGORY, "Script the text was normalized to: hans, hant or keep.", "hans"),
        Column("encoding", CATEGORY, "Codec the bytes were decoded with.", "gb18030"),
        Column("encoding_source", CATEGORY, "Why that codec: bom, header, meta, sniffed or fallback.", "meta"),
        Column(
            "text",
            pa.string(),
            "Main text, normalized: the records joined by a blank line. Entity offsets index it.",
            "参保对象：具有本市户籍……",
        ),
        Column("content_hash", pa.string(), "sha256 of `text` (spot re-published copies).", "9f86d081884c7d65…"),
        Column("records", pa.int32(), "Number of records (article body, listing entries, posts, answers).", 1),
        Column("entities", pa.int32(), "Number of entities found in `text`.", 12),
        Column("repairs", pa.int32(), "Number of normalization repairs made.", 3),
        Column("ok", pa.bool_(), "True when no stage failed for this page (otherwise see `errors`).", True),
        _RUN_ID,
    ),
)

# Columns every entity table starts with; `value` and the kind's fields follow, then `extra` and `run_id`.
_ENTITY_HEAD = (
    _DOC_ID,
    Column("record", pa.int32(), "Index of the record (0-based) the entity was found in.", 0),
    Column(
        "text",
        pa.string(),
        "The span as it appears in the document text: `documents.text[start:end]`.",
        "(0591)87842560",
    ),
    Column("start", pa.int32(), "Start offset in `documents.text` (characters).", 288),
    Column("end", pa.int32(), "End offset in `documents.text` (characters, exclusive).", 302),
)
_ENTITY_TAIL = (
    Column(
        "extra",
        pa.string(),
        "Fields the parser gave that have no column (JSON object), or null.",
        '{"boilerplate": true}',
    ),
    _RUN_ID,
)


def _entity_table(name: str, kind: str, doc: str, *columns: Column) -> Table:
    return Table(name, doc, (*_ENTITY_HEAD, *columns, *_ENTITY_TAIL), kind=kind)


PHONES = _entity_table(
    "phones",
    "phone",
    "One row per phone number.",
    Column(
        "value",
        pa.string(),
        "Digits only, as dialled inside its own country: area code included, no country code.",
        "059187842560",
    ),
    Column("e164", pa.string(), "E.164 form, when the number is dialable from abroad.", "+8659187842560"),
    Column("region", CATEGORY, "Numbering plan the number belongs to: CN, HK, MO, TW, US …", "CN"),
    Column("line", CATEGORY, "mobile, landline, toll_free, service or emergency.", "landline"),
    Column("ext", pa.string(), "Extension (转 …).", "8001"),
    Column("label", CATEGORY, "What the page calls the number.", "咨询电话"),
    Column("area_inferred", pa.bool_(), "True when the area code came from the page context, not the text.", False),
    Column("service", CATEGORY, "What a service number is for, when known (sms …).", "sms"),
)
ADDRESSES = _entity_table(
    "addresses",
    "address",
    "One row per postal address.",
    Column("value", pa.string(), "Full address, simplified script.", "福州市古田路128号劳动大厦一层"),
    Column("province", CATEGORY, "Province.", "福建省"),
    Column("city", CATEGORY, "City (prefecture).", "福州市"),
    Column("district", CATEGORY, "District or county.", "鼓楼区"),
    Column("street", pa.string(), "Street or road with number.", "古田路128号"),
    Column("detail", pa.string(), "Building, floor, room, hall.", "劳动大厦一层"),
    Column("adcode", pa.string(), "GB/T 2260 code of the finest known division.", "350102"),
    Column("city_from", CATEGORY, "`context` when the city was not in the text but implied by the page.", "context"),
)
AMOUNTS = _entity_table(
    "amounts",
    "amount",
    "One row per money amount, in the currency's main unit.",
    Column("value", pa.float64(), "The amount in the currency's main unit (3.5万元 → 35000).", 35000.0),
    Column("unit", CATEGORY, "Currency (ISO 4217), as in `currency`.", "CNY"),
    Column("currency", CATEGORY, "ISO 4217 code: CNY unless the text names another (港币 → HKD, US$ → USD …).", "HKD"),
    Column("per", CATEGORY, "What it is per: 人, 年, 人·年, 月 …", "人·年"),
    Column("qualifier", CATEGORY, "最高, 不低于, 以上 …", "最高"),
    Column("low", pa.float64(), "Lower bound of a range or an estimate.", 200.0),
    Column("high", pa.float64(), "Upper bound of a range or an estimate.", 400.0),
    Column("label", CATEGORY, "What the amount is: 起付标准, 个人缴费 …", "起付标准"),
    Column(
        "vague", pa.bool_(), "True for a magnitude without digits (上万元, 数千元): `value` is that magnitude.", False
    ),
    Column("approximate", pa.bool_(), "True for an estimate (几十万, 三五百, 3000多元): `low`/`high` bound it.", True),
)
PERCENTS = _entity_table(
    "percents",
    "percent",
    "One row per percentage.",
    Column("value", pa.float64(), "The number (50% → 50; 6‰ → 0.6).", 50.0),
    Column("unit", CATEGORY, "As written: %, ‰ (value divided by 10) or 百分点.", "%"),
    Column("label", CATEGORY, "What the rate is: 报销比例, 支付比例 …", "报销比例"),
    Column(
        "change", pa.bool_(), "True when the text states a change of rate (提高5个百分点) rather than a rate.", False
    ),
)
DATES = _entity_table(
    "dates",
    "date",
    "One row per date, time or period.",
    Column(
        "value",
        pa.string(),
        "ISO 8601: 2025-01-05, 2025-01, 2009-04-27T10:20, --10-01, an interval a/b, or a clock time 16:30.",
        "2024-11/2025-01-05",
    ),
    Column("date", pa.date32(), "The day, when `value` names a complete one (typed, for filtering).", "2025-01-05"),
    Column("range_start", pa.string(), "Start of a range or of office hours (ISO 8601).", "2024-11"),
    Column("range_end", pa.string(), "End of a range or of office hours (ISO 8601).", "2025-01-05"),
    Column("recurring", CATEGORY, "Repetition: yearly, monthly, weekly …", "yearly"),
    Column("label", CATEGORY, "What the date is: 缴费期, 受理时间 …", "集中缴费期"),
    Column("subkind", CATEGORY, "date, datetime, month, year, partial, range, recurring, hours, time …", "range"),
    Column("time", pa.string(), "Clock time (HH:MM) of a time of day.", "16:30"),
    Column("weekdays", pa.string(), "Office-hours days, 1 = Monday (1-5: Monday to Friday).", "1-5"),
    Column("qualifier", CATEGORY, "Part of the period the text names: 年底, 年初, 年中 …", "年底"),
    Column("year_inferred", pa.bool_(), "True when the year came from the page date, not the text.", False),
    Column("year_two_digit", pa.bool_(), "True when the text wrote the year with two digits (15年3月2日).", False),
)
EMAILS = _entity_table(
    "emails",
    "email",
    "One row per e-mail address.",
    Column("value", pa.string(), "The address, lower-cased.", "fzyb@fuzhou.gov.cn"),
)
URLS = _entity_table(
    "urls",
    "url",
    "One row per URL written in the text.",
    Column(
        "value",
        pa.string(),
        "The URL: scheme and host lower-cased, path and query as written.",
        "http://ybj.fuzhou.gov.cn",
    ),
)
DOCREFS = _entity_table(
    "docrefs",
    "docref",
    "One row per policy document number.",
    Column("value", pa.string(), "The reference, simplified, with 〔〕.", "榕政综〔2007〕249号"),
    Column("issuer", CATEGORY, "Issuing office abbreviation.", "榕政综"),
    Column("year", pa.int32(), "Year of the document.", 2007),
    Column("number", pa.int32(), "Serial number.", 249),
)
ERRORS = Table(
    "errors",
    "One row per failure: a page that failed at any stage is here, never silently dropped.",
    (
        Column("url", pa.string(), "The page URL, when known.", "http://example.gov.cn/missing.htm"),
        _SOURCE,
        Column("doc_id", pa.string(), "The page id, when the page got far enough to have one.", None),
        Column(
            "stage",
            CATEGORY,
            "fetch (or reading a saved file), robots, decode, content, normalize, entities or output.",
            "fetch",
        ),
        Column("error", CATEGORY, "Short reason code: http_404, timeout, undecodable …", "http_404"),
        Column("message", pa.string(), "One human-readable line.", "HTTP 404 Not Found"),
        Column("at", UTC_TIMESTAMP, "When it failed, UTC.", "2026-11-23 17:15:03+00:00"),
        _RUN_ID,
    ),
)

ENTITY_TABLES: tuple[Table, ...] = (PHONES, ADDRESSES, AMOUNTS, PERCENTS, DATES, EMAILS, URLS, DOCREFS)
TABLES: dict[str, Table] = {t.name: t for t in (DOCUMENTS, *ENTITY_TABLES, ERRORS)}
TABLE_FOR_KIND: dict[str, Table] = {t.kind: t for t in ENTITY_TABLES if t.kind}

# The single-file Scrapy feed (`scrapy crawl guides -O out.parquet`): one row per page, documents columns
# plus its entities and errors as nested lists, because a feed is one file and cannot hold several tables.
FEED_ENTITY = pa.struct(
    [
        pa.field("kind", pa.string()),
        pa.field("record", pa.int32()),
        pa.field("text", pa.string()),
        pa.field("start", pa.int32()),
        pa.field("end", pa.int32()),
        pa.field("value", pa.string()),
        pa.field("fields", pa.string()),
    ]
)
FEED_ERROR = pa.struct(
    [
        pa.field("stage", pa.string()),
        pa.field("error", pa.string()),
        pa.field("message", pa.string()),
        pa.field("at", UTC_TIMESTAMP),
    ]
)
FEED = Table(
    "feed",
    "The Scrapy feed (`-O pages.jsonl`, `.json`, `.parquet`): one row per page; a request that produced no page"
    " (HTTP 404, robots.txt) is a row with `ok = false`, its url, site, doc_id, `fetched_at` and `error_list`.",
    (
        *DOCUMENTS.columns,
        Column(
            "entity_list",
            pa.list_(FEED_ENTITY),
            "The page's entities: kind, record, text, start, end, value (as text) and the other fields (JSON).",
            '[{"kind": "phone", "record": 0, "text": "12393", "start": 4, "end": 9, "value": "12393"}]',
        ),
        Column(
            "error_list",
            pa.list_(FEED_ERROR),
            "The page's failures: stage, error, message, at.",
            '[{"stage": "fetch", "error": "http_404", "message": "HTTP 404", "at": "2026-11-23T17:15:03Z"}]',
        ),
    ),
)

_FEED_PAGE_COLUMNS = ("doc_id", "url", "site", "site_name", "kind", "title", "author", "published_at", "fetched_at")
_FEED_PAGE_TAIL = ("lang", "encoding", "encoding_source", "records", "entities", "repairs", "ok", "run_id")
FEED_FLAT = Table(
    "feed_csv",
    "The CSV feed (`-O pages.csv`): the feed rows flattened. Per page a `page` row (the documents columns but"
    " `text`), then an `entity` row per entity and an `error` row per failure, each with the page's doc_id, url,"
    " site and run_id.",
    (
        Column("row", pa.string(), "What the row is: page, entity or error.", "entity"),
        *(DOCUMENTS.column(name) for name in (*_FEED_PAGE_COLUMNS, *_FEED_PAGE_TAIL)),
        Column("entity_kind", pa.string(), "Entity rows: phone, address, amount, percent, date, ….", "phone"),
        Column("record", pa.int32(), "Entity rows: index of the record the entity was found in.", 0),
        Column("text", pa.string(), "Entity rows: the span in the page text.", "(0591)87842560"),
        Column("start", pa.int32(), "Entity rows: start offset in the page text.", 288),
        Column("end", pa.int32(), "Entity rows: end offset in the page text (exclusive).", 302),
        Column("value", pa.string(), "Entity rows: the canonical value, as text.", "059187842560"),
        Column("fields", pa.string(), "Entity rows: the other fields, as a JSON object.", '{"line": "landline"}'),
        Column("stage", pa.string(), "Error rows: the stage that failed.", "fetch"),
        Column("error", pa.string(), "Error rows: short reason code.", "http_404"),
        Column("message", pa.string(), "Error rows: one human-readable line.", "HTTP 404 Not Found"),
        Column("at", UTC_TIMESTAMP, "Error rows: when it failed, UTC.", "2026-11-23T17:15:03Z"),
    ),
)
