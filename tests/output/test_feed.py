"""The Scrapy feed exporter, driven through Scrapy's own exporter API and its file feed storage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from scrapy.extensions.feedexport import FileFeedStorage
from scrapy.spiders import Spider
from scrapy.utils.test import get_crawler

from extract.errors import PageError
from extract.pipeline import PageResult
from output.feed import AppendRefused, ParquetItemExporter
from tests.output.samples import FETCHED, make_result


def export(path: Path, items: list[object], *, overwrite: bool = True, **kwargs: object) -> None:
    """What Scrapy's FeedExporter does for `-O` (overwrite) or `-o` (append): storage.open → exporter → store."""
    storage = FileFeedStorage(str(path), feed_options={"overwrite": overwrite})
    spider = Spider("guides")
    spider.crawler = get_crawler(Spider)
    file = storage.open(spider)
    try:
        exporter = ParquetItemExporter(file, **kwargs)
        exporter.start_exporting()
        try:
            for item in items:
                exporter.export_item(item)
        finally:  # Scrapy finishes the exporter when the spider closes, whatever the items did
            exporter.finish_exporting()
    finally:
        storage.store(file)


def test_a_page_is_one_row_with_its_entities(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    export(path, [make_result()])
    [row] = pq.read_table(path).to_pylist()
    assert row["title"] == "福州市城镇居民基本医疗保险办事指南"
    phones = [e for e in row["entity_list"] if e["kind"] == "phone"]
    assert [(p["value"], p["text"], p["record"]) for p in phones] == [("059187842560", "(0591)87842560", 0)]
    amount = next(e for e in row["entity_list"] if e["kind"] == "amount")
    assert amount["value"] == "35000"
    assert '"per": "人·年"' in amount["fields"]
    assert row["error_list"] == []


def test_a_fetch_failure_is_a_row_with_its_error(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    export(path, [PageError("http://x.cn/404", "fetch", "http_404", "HTTP 404 Not Found", FETCHED)])
    [row] = pq.read_table(path).to_pylist()
    assert (row["url"], row["ok"]) == ("http://x.cn/404", False)
    assert row["doc_id"] == PageResult("http://x.cn/404", None).doc_id  # the id the page has once it is fetched
    assert row["fetched_at"] == FETCHED
    assert row["error_list"] == [
        {"stage": "fetch", "error": "http_404", "message": "HTTP 404 Not Found", "at": FETCHED}
    ]


def test_rows_stream_in_row_groups(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    export(path, [make_result(url=f"http://x.cn/{i}") for i in range(7)], batch_rows=3)
    parquet = pq.ParquetFile(path)
    assert parquet.metadata.num_rows == 7
    assert parquet.num_row_groups == 3


def test_o_append_onto_an_existing_parquet_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    export(path, [make_result()])
    before = path.read_bytes()
    with pytest.raises(AppendRefused, match="-O"):
        export(path, [make_result()], overwrite=False)
    assert path.read_bytes() == before
    pq.read_table(path)


def test_o_onto_a_new_file_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "new.parquet"
    export(path, [make_result()], overwrite=False)
    assert pq.read_table(path).num_rows == 1


def test_big_o_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    export(path, [make_result(url=f"http://x.cn/{i}") for i in range(3)])
    export(path, [make_result()])
    assert pq.read_table(path).num_rows == 1


def test_an_unknown_item_type_is_named(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="dict"):
        export(tmp_path / "out.parquet", [{"url": "http://x.cn"}])


def test_timestamps_are_utc(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    export(path, [make_result()])
    assert pq.read_table(path).column("fetched_at")[0].as_py() == dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
