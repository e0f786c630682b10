"""One row shape in every feed format: JSONL, JSON and Parquet nest a page's entities; CSV lays them out flat."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from scrapy.exporters import BaseItemExporter
from scrapy.extensions.feedexport import FileFeedStorage
from scrapy.spiders import Spider
from scrapy.utils.test import get_crawler

from extract.document import Document
from extract.errors import PageError
from extract.pipeline import PageResult
from output.feed import (
    AppendRefused,
    CsvFeedExporter,
    FormatRefused,
    JsonFeedExporter,
    JsonLinesFeedExporter,
    ParquetItemExporter,
    check_feed_formats,
)
from output.schema import FEED, FEED_FLAT
from tests.output.samples import FETCHED, make_result, seed_entities

NOT_FOUND = PageError("http://x.cn/404", "fetch", "http_404", "HTTP 404 Not Found", FETCHED)


def export(path: Path, exporter_class: type[BaseItemExporter], items: list[object], *, overwrite: bool = True) -> None:
    """What Scrapy's FeedExporter does for `-O` (overwrite) or `-o` (append): storage.open → exporter → store."""
    storage = FileFeedStorage(str(path), feed_options={"overwrite": overwrite})
    spider = Spider("guides")
    spider.crawler = get_crawler(Spider)
    file = storage.open(spider)
    try:
        exporter = exporter_class(file)
        exporter.start_exporting()
        try:
            for item in items:
                exporter.export_item(item)
        finally:
            exporter.finish_exporting()
    finally:
        storage.store(file)


def jsonl_rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


# -- the nested shape --------------------------------------------------------------------------------------------


def test_jsonl_json_and_parquet_give_the_same_rows(tmp_path: Path) -> None:
    items = [make_result(), NOT_FOUND]
    export(tmp_path / "a.jsonl", JsonLinesFeedExporter, items)
    export(tmp_path / "a.json", JsonFeedExporter, items)
    export(tmp_path / "a.parquet", ParquetItemExporter, items)
    from_jsonl = jsonl_rows(tmp_path / "a.jsonl")
    from_json = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    from_parquet = pq.read_table(tmp_path / "a.parquet").to_pylist()
    assert [list(row) for row in from_jsonl] == [list(FEED.names)] * 2
    assert [{**r, "run_id": None} for r in from_json] == [{**r, "run_id": None} for r in from_jsonl]  # one run each
    for line, typed in zip(from_jsonl, from_parquet, strict=True):
        assert line["doc_id"] == typed["doc_id"]
        assert line["entity_list"] == typed["entity_list"]
        assert line["fetched_at"] == typed["fetched_at"].isoformat().replace("+00:00", "Z")


def test_a_jsonl_row_has_the_doc_id_and_its_entities_nested(tmp_path: Path) -> None:
    result = make_result()
    export(tmp_path / "a.jsonl", JsonLinesFeedExporter, [result])
    [row] = jsonl_rows(tmp_path / "a.jsonl")
    assert (row["doc_id"], row["site"], row["ok"]) == (result.doc_id, "fzyb", True)
    assert row["published_date"] == "2024-09-03"
    phone = next(e for e in row["entity_list"] if e["kind"] == "phone")  # type: ignore[union-attr, index]
    assert phone == {
        "kind": "phone",
        "record": 0,
        "text": "(0591)87842560",
        "start": result.text.index("(0591)"),
        "end": result.text.index("(0591)") + len("(0591)87842560"),
        "value": "059187842560",
        "fields": '{"e164": "+8659187842560", "label": "咨询电话", "line": "landline"}',
    }


def test_a_failure_row_keeps_every_column_with_what_is_known(tmp_path: Path) -> None:
    export(tmp_path / "a.jsonl", JsonLinesFeedExporter, [NOT_FOUND])
    [row] = jsonl_rows(tmp_path / "a.jsonl")
    assert list(row) == list(FEED.names)
    assert (row["url"], row["ok"], row["fetched_at"], row["title"]) == (
        "http://x.cn/404",
        False,
        "2026-11-23T09:30:00Z",
        None,
    )
    assert row["doc_id"] == PageResult("http://x.cn/404", None).doc_id
    assert row["error_list"] == [
        {"stage": "fetch", "error": "http_404", "message": "HTTP 404 Not Found", "at": "2026-11-23T09:30:00Z"}
    ]


def test_a_page_that_failed_in_a_stage_keeps_its_id_and_its_error(tmp_path: Path) -> None:
    failed = PageResult("http://x.cn/bad.htm", None, site="fzyb", fetched_at=FETCHED)
    failed.errors.append(PageError(failed.url, "decode", "undecodable", "no codec fits", FETCHED))
    export(tmp_path / "a.jsonl", JsonLinesFeedExporter, [failed])
    [row] = jsonl_rows(tmp_path / "a.jsonl")
    assert (row["doc_id"], row["site"], row["ok"]) == (failed.doc_id, "fzyb", False)
    assert [e["error"] for e in row["error_list"]] == ["undecodable"]  # type: ignore[union-attr, index]


def test_jsonl_appends_with_small_o(tmp_path: Path) -> None:
    export(tmp_path / "a.jsonl", JsonLinesFeedExporter, [make_result()])
    export(tmp_path / "a.jsonl", JsonLinesFeedExporter, [NOT_FOUND], overwrite=False)
    assert [r["ok"] for r in jsonl_rows(tmp_path / "a.jsonl")] == [True, False]


def test_json_refuses_to_append(tmp_path: Path) -> None:
    export(tmp_path / "a.json", JsonFeedExporter, [make_result()])
    before = (tmp_path / "a.json").read_bytes()
    with pytest.raises(AppendRefused, match="existing JSON file"):
        export(tmp_path / "a.json", JsonFeedExporter, [make_result()], overwrite=False)
    assert (tmp_path / "a.json").read_bytes() == before


# -- the flat shape ------------------------------------------------------------------------------------------------


def test_csv_is_a_page_row_then_one_row_per_entity_and_per_error(tmp_path: Path) -> None:
    result = make_result(errors=[PageError("http://x", "entities", "ValueError", "bad span", FETCHED)])
    export(tmp_path / "a.csv", CsvFeedExporter, [result, NOT_FOUND])
    rows = csv_rows(tmp_path / "a.csv")
    assert list(rows[0]) == list(FEED_FLAT.names)
    kinds = [r["row"] for r in rows]
    assert kinds == ["page"] + ["entity"] * len(seed_entities()) + ["error", "page", "error"]
    assert {r["doc_id"] for r in rows[:-2]} == {result.doc_id}
    page = rows[0]
    assert (page["title"], page["site"], page["ok"], page["text"]) == (
        "福州市城镇居民基本医疗保险办事指南",
        "fzyb",
        "false",
        "",
    )
    amount = next(r for r in rows if r["entity_kind"] == "amount")
    assert (amount["value"], amount["text"], amount["url"]) == ("35000", "最高3.5万元/人·年", result.url)
    assert json.loads(amount["fields"])["per"] == "人·年"
    assert (rows[-1]["stage"], rows[-1]["error"], rows[-1]["at"]) == ("fetch", "http_404", "2026-11-23T09:30:00Z")


def test_csv_starts_with_a_bom_and_escapes_formula_cells(tmp_path: Path) -> None:
    result = make_result(title="=HYPERLINK(1)")
    export(tmp_path / "a.csv", CsvFeedExporter, [result])
    assert (tmp_path / "a.csv").read_bytes().startswith(b"\xef\xbb\xbfrow,doc_id,")
    assert csv_rows(tmp_path / "a.csv")[0]["title"] == "'=HYPERLINK(1)"


def test_csv_appends_without_a_second_header(tmp_path: Path) -> None:
    export(tmp_path / "a.csv", CsvFeedExporter, [NOT_FOUND])
    export(tmp_path / "a.csv", CsvFeedExporter, [NOT_FOUND], overwrite=False)
    assert [r["row"] for r in csv_rows(tmp_path / "a.csv")] == ["page", "error", "page", "error"]


def test_csv_holds_no_python_reprs(tmp_path: Path) -> None:
    document = Document(url="http://x.cn/a", title="标题", kind="article", records=[])
    export(tmp_path / "a.csv", CsvFeedExporter, [PageResult("http://x.cn/a", document, fetched_at=FETCHED)])
    text = (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
    assert "标题" in text
    assert "Document(" not in text
    assert "datetime." not in text


# -- refused formats -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xml", "marshal", "pickle"])
def test_formats_that_cannot_hold_the_rows_are_refused_in_one_line(fmt: str) -> None:
    with pytest.raises(FormatRefused) as caught:
        check_feed_formats({f"out.{fmt}": {"format": fmt}})
    assert f"the {fmt} format is not supported" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_supported_formats_pass_the_check() -> None:
    check_feed_formats({f"out.{f}": {"format": f} for f in ("jsonl", "jsonlines", "jl", "json", "csv", "parquet")})
