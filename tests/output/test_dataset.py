"""The Parquet dataset: what an analyst reads back with pandas and DuckDB is what the pages gave."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extract.entity import Entity
from extract.errors import PageError
from extract.pipeline import PageResult
from output.dataset import DatasetWriter
from output.schema import RUN_METADATA_KEY, TABLES
from tests.output.samples import FETCHED, PASSAGE, entity, make_result

DAY = dt.date(2026, 11, 23)


def write(out: Path, *results: PageResult, errors: tuple[PageError, ...] = (), **kwargs: object) -> DatasetWriter:
    writer = DatasetWriter(out, run_id="run1", crawl_date=DAY, **kwargs)  # type: ignore[arg-type]
    for result in results:
        writer.write_page(result, source="saved/page.html")
    for error in errors:
        writer.write_error(error)
    writer.close()
    return writer


def duck(sql: str) -> list[tuple]:
    return duckdb.sql(sql).fetchall()


def test_every_table_lands_in_its_crawl_date_partition(tmp_path: Path, result: PageResult) -> None:
    write(tmp_path, result)
    for name in TABLES:
        assert (tmp_path / name / "crawl_date=2026-11-23" / "part-run1.parquet").is_file()
        assert (tmp_path / "csv" / name / "crawl_date=2026-11-23" / "part-run1.csv").is_file()


def test_the_readme_pandas_example_reads_phones(tmp_path: Path, result: PageResult) -> None:
    write(tmp_path, result)
    phones = pd.read_parquet(tmp_path / "phones")
    assert phones.loc[0, "value"] == "059187842560"
    assert phones.loc[0, "label"] == "咨询电话"
    assert str(phones.loc[0, "crawl_date"]) == "2026-11-23"


def test_the_readme_duckdb_example_reads_phones(tmp_path: Path, result: PageResult) -> None:
    write(tmp_path, result)
    rows = duck(
        "select value, e164, line, crawl_date "
        f"from read_parquet('{tmp_path}/phones/**/*.parquet', hive_partitioning=true)"
    )
    assert rows == [("059187842560", "+8659187842560", "landline", DAY)]


def test_entity_offsets_index_the_document_text(tmp_path: Path, result: PageResult) -> None:
    write(tmp_path, result)
    rows = duck(
        f"""select d.text, a.text, a."start", a."end"
            from read_parquet('{tmp_path}/amounts/**/*.parquet') a
            join read_parquet('{tmp_path}/documents/**/*.parquet') d using (doc_id)"""
    )
    [(text, span, start, end)] = rows
    assert text[start:end] == span == "最高3.5万元/人·年"


def test_amounts_are_float64_yuan(tmp_path: Path, result: PageResult) -> None:
    write(tmp_path, result)
    table = pq.read_table(tmp_path / "amounts")
    assert table.schema.field("value").type == pa.float64()
    row = table.to_pylist()[0]
    assert (row["value"], row["per"], row["qualifier"], row["unit"]) == (35000.0, "人·年", "最高", "CNY")


def test_categories_are_dictionary_encoded(tmp_path: Path, result: PageResult) -> None:
    write(tmp_path, result)
    phones = pd.read_parquet(tmp_path / "phones")
    assert phones["line"].dtype == "category"
    documents = pq.read_table(tmp_path / "documents")
    assert pa.types.is_dictionary(documents.schema.field("kind").type)


def test_fetched_at_is_a_utc_timestamp(tmp_path: Path, result: PageResult) -> None:
    write(tmp_path, result)
    documents = pd.read_parquet(tmp_path / "documents")
    assert documents.loc[0, "fetched_at"] == pd.Timestamp(FETCHED)
    assert str(documents["fetched_at"].dt.tz) == "UTC"
    [(fetched,)] = duck(f"select fetched_at from read_parquet('{tmp_path}/documents/**/*.parquet')")
    assert fetched == FETCHED


def test_documents_row_describes_the_page(tmp_path: Path, result: PageResult) -> None:
    write(tmp_path, result)
    [row] = pq.read_table(tmp_path / "documents").to_pylist()
    assert row["doc_id"] == result.doc_id
    assert row["title"] == "福州市城镇居民基本医疗保险办事指南"
    assert row["text"] == PASSAGE
    assert row["published_at"] == "2024-09-03T16:23:22"
    assert row["published_date"] == dt.date(2024, 9, 3)
    assert (row["records"], row["entities"], row["repairs"], row["ok"]) == (1, 7, 2, True)
    assert row["source"] == "saved/page.html"
    assert row["run_id"] == "run1"


def test_date_range_keeps_its_interval_and_ends(tmp_path: Path, result: PageResult) -> None:
    write(tmp_path, result)
    [row] = pq.read_table(tmp_path / "dates").to_pylist()
    assert (row["value"], row["range_start"], row["range_end"]) == ("2012-06-20/2012-07-13", "2012-06-20", "2012-07-13")
    assert row["date"] is None  # an interval is not one day


def test_a_complete_day_gets_a_typed_date(tmp_path: Path) -> None:
    text = "2025年1月5日起"
    day = make_result(text=text, entities=[entity("date", "2025年1月5日", "2025-01-05", text=text)])
    yearless = make_result(
        url="http://x.cn/2", text="每年10月1日", entities=[entity("date", "10月1日", "--10-01", text="每年10月1日")]
    )
    write(tmp_path, day, yearless)
    rows = duck(f"select value, date from read_parquet('{tmp_path}/dates/**/*.parquet') order by value")
    assert rows == [("--10-01", None), ("2025-01-05", dt.date(2025, 1, 5))]


def test_a_structured_value_is_spread_into_columns(tmp_path: Path) -> None:
    # A parser may give {"value": ..., "per": ...} (the gold file's shape): the columns still fill.
    amount = entity("amount", "260元/人", {"value": 260, "unit": "元", "per": "人"}, text="费用260元/人")
    write(tmp_path, make_result(text="费用260元/人", entities=[amount]))
    [row] = pq.read_table(tmp_path / "amounts").to_pylist()
    assert (row["value"], row["unit"], row["per"]) == (260.0, "元", "人")


def test_office_hours_become_an_interval_with_their_weekdays(tmp_path: Path) -> None:
    text = "受理时间：周一至周五8:30-17:30"
    hours = entity(
        "date",
        "周一至周五8:30-17:30",
        {"weekdays": "1-5", "start": "08:30", "end": "17:30"},
        text=text,
        subkind="hours",
    )
    write(tmp_path, make_result(text=text, entities=[hours]))
    [row] = pq.read_table(tmp_path / "dates").to_pylist()
    assert (row["value"], row["weekdays"], row["range_start"], row["range_end"]) == (
        "08:30/17:30",
        "1-5",
        "08:30",
        "17:30",
    )
    assert row["extra"] is None


def test_a_clock_time_is_its_hh_mm(tmp_path: Path) -> None:
    text = "下午4点30分前"
    clock = entity("date", "下午4点30分", {"time": "16:30"}, text=text, subkind="time")
    write(tmp_path, make_result(text=text, entities=[clock]))
    [row] = pq.read_table(tmp_path / "dates").to_pylist()
    assert (row["value"], row["time"], row["date"]) == ("16:30", "16:30", None)


def test_unknown_fields_are_kept_in_extra(tmp_path: Path) -> None:
    phone = entity("phone", "12393", "12393", text="拨打12393", line="service", boilerplate=True, note="footer")
    write(tmp_path, make_result(text="拨打12393", entities=[phone]))
    [row] = pq.read_table(tmp_path / "phones").to_pylist()
    assert row["line"] == "service"
    assert json.loads(row["extra"]) == {"boilerplate": True, "note": "footer"}


def test_a_field_that_does_not_fit_its_type_goes_to_extra(tmp_path: Path) -> None:
    docref = entity(
        "docref", "榕劳医保〔2007〕621号", "榕劳医保〔2007〕621号", text="榕劳医保〔2007〕621号", year="二〇〇七"
    )
    write(tmp_path, make_result(text="榕劳医保〔2007〕621号", entities=[docref]))
    [row] = pq.read_table(tmp_path / "docrefs").to_pylist()
    assert row["year"] is None
    assert json.loads(row["extra"]) == {"year": "二〇〇七"}


def test_an_entity_kind_without_a_table_is_counted_not_crashed(tmp_path: Path) -> None:
    odd = Entity("postcode", "350001", 0, 6, "350001", {"record": 0})
    writer = write(tmp_path, make_result(text="350001", entities=[odd]))
    assert writer.summary.unknown_kinds == {"postcode": 1}
    assert writer.summary.rows["documents"] == 1


def test_a_failed_page_is_an_errors_row_not_a_document(tmp_path: Path) -> None:
    failed = PageResult(
        url="http://x.cn/bad",
        document=None,
        errors=[PageError("http://x.cn/bad", "decode", "undecodable", "no codec fits", FETCHED)],
    )
    write(tmp_path, failed, errors=(PageError("http://x.cn/404", "fetch", "http_404", "HTTP 404", FETCHED),))
    assert pq.read_table(tmp_path / "documents").num_rows == 0
    rows = duck(f"""select url, stage, error, "at" from read_parquet('{tmp_path}/errors/**/*.parquet') order by url""")
    assert rows == [
        ("http://x.cn/404", "fetch", "http_404", FETCHED),
        ("http://x.cn/bad", "decode", "undecodable", FETCHED),
    ]


def test_empty_tables_still_carry_their_schema(tmp_path: Path, result: PageResult) -> None:
    write(tmp_path, result)
    urls = pq.read_table(tmp_path / "urls")
    assert urls.num_rows == 0
    assert urls.schema.field("value").type == pa.string()


def test_run_metadata_rides_in_the_file(tmp_path: Path, result: PageResult) -> None:
    write(tmp_path, result, run_metadata={"jobs": 2})
    path = next((tmp_path / "phones").glob("**/*.parquet"))
    meta = json.loads(pq.read_schema(path).metadata[RUN_METADATA_KEY])
    assert meta["run_id"] == "run1"
    assert meta["table"] == "phones"
    assert meta["settings"] == {"jobs": 2}
    assert {"python", "pyarrow", "guidecrawl"} <= set(meta["versions"])


def test_two_runs_read_as_one_dataset(tmp_path: Path, result: PageResult) -> None:
    write(tmp_path, result)
    second = DatasetWriter(tmp_path, run_id="run2", crawl_date=dt.date(2026, 11, 24))
    second.write_page(make_result(url="http://x.cn/other"))
    second.close()
    rows = duck(
        f"""select crawl_date, run_id, count(*)
            from read_parquet('{tmp_path}/phones/**/*.parquet', hive_partitioning=true)
            group by all order by all"""
    )
    assert rows == [(DAY, "run1", 1), (dt.date(2026, 11, 24), "run2", 1)]
    assert len(pd.read_parquet(tmp_path / "phones")) == 2


def test_small_batches_give_the_same_rows(tmp_path: Path) -> None:
    results = [make_result(url=f"http://x.cn/{i}") for i in range(25)]
    write(tmp_path / "a", *results, batch_rows=3)
    write(tmp_path / "b", *results)
    a = pq.read_table(tmp_path / "a" / "phones")
    b = pq.read_table(tmp_path / "b" / "phones")
    assert a.num_rows == b.num_rows == 25
    assert a.to_pylist() == b.to_pylist()
    assert pq.ParquetFile(next((tmp_path / "a" / "phones").glob("**/*.parquet"))).num_row_groups > 1


def test_nothing_is_visible_before_close(tmp_path: Path, result: PageResult) -> None:
    writer = DatasetWriter(tmp_path, run_id="run1", batch_rows=1)
    writer.write_page(result)
    assert list(tmp_path.glob("**/*.parquet")) == []
    assert list(tmp_path.glob("**/*.csv")) == []
    writer.close()
    assert len(list(tmp_path.glob("**/*.parquet"))) == len(TABLES)


def test_abort_leaves_no_file(tmp_path: Path, result: PageResult) -> None:
    with pytest.raises(KeyboardInterrupt), DatasetWriter(tmp_path, run_id="run1", batch_rows=1) as writer:
        writer.write_page(result)
        raise KeyboardInterrupt
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_run_id_cannot_overwrite_an_earlier_run(tmp_path: Path, result: PageResult) -> None:
    write(tmp_path, result)
    with pytest.raises(FileExistsError):
        DatasetWriter(tmp_path, run_id="run1", crawl_date=DAY)


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="xlsx"):
        DatasetWriter(tmp_path, formats=("xlsx",))


def test_parquet_only_writes_no_csv(tmp_path: Path, result: PageResult) -> None:
    write(tmp_path, result, formats=("parquet",))
    assert not (tmp_path / "csv").exists()


def test_the_run_manifest_lists_its_files(tmp_path: Path, result: PageResult) -> None:
    write(tmp_path, result)
    manifest = json.loads((tmp_path / "_runs" / "run1.json").read_text(encoding="utf-8"))
    assert manifest["summary"]["rows"]["phones"] == 1
    assert "phones/crawl_date=2026-11-23/part-run1.parquet" in manifest["summary"]["files"]
