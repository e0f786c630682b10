"""An entity can be traced back to the page as served; a failing repair is an `errors` row; nothing is nulled."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import normalize.width
from extract.pipeline import PageResult, process_page, process_text
from output.rows import document_row

FULL_WIDTH_PAGE = """<html><head><meta charset="utf-8"><title>医保经办指南</title></head><body>
<div class="article"><h1>医保经办指南</h1>
<p>参保人员可在工作日到窗口办理异地就医备案，办理时请携带社会保障卡和身份证原件。</p>
<p>咨询电话：０５９１－８７８４２５６０，监督电话：12345。</p>
</div></body></html>""".encode()


def test_a_full_width_phone_is_found_normalized_and_sliced_as_served() -> None:
    result = process_page(FULL_WIDTH_PAGE, {"Content-Type": "text/html; charset=utf-8"}, "http://ybj.example.cn/1.html")
    phones = {e.text: e for e in result.entities if e.kind == "phone"}
    phone = phones["0591-87842560"]
    assert result.text[phone.start : phone.end] == "0591-87842560"
    assert result.served_text[phone.fields["served_start"] : phone.fields["served_end"]] == "０５９１－８７８４２５６０"


def test_an_entity_no_repair_touched_has_the_same_text_in_both() -> None:
    result = process_page(FULL_WIDTH_PAGE, {"Content-Type": "text/html; charset=utf-8"}, "http://ybj.example.cn/1.html")
    phone = next(e for e in result.entities if e.text == "12345")
    assert result.served_text[phone.fields["served_start"] : phone.fields["served_end"]] == "12345"


def test_process_text_gives_the_served_span_of_each_entity() -> None:
    processed = process_text("地址：福州市鼓楼区古田路128号，电话：０５９１－８７８４２５６０")
    phone = next(e for e in processed.entities if e.kind == "phone")
    start, end = processed.served_span(phone)
    assert processed.served[start:end] == "０５９１－８７８４２５６０"
    assert processed.text[phone.start : phone.end] == "0591-87842560"


def test_extract_writes_served_text_and_served_offsets_that_slice_it(tmp_path: Path) -> None:
    page = tmp_path / "pages" / "guide"
    page.mkdir(parents=True)
    (page / "body.html").write_bytes(FULL_WIDTH_PAGE)
    info = {"url": "http://ybj.example.cn/1.html", "headers": {"Content-Type": "text/html; charset=utf-8"}}
    (page / "info.json").write_text(json.dumps(info), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "cli", "extract", str(tmp_path / "pages"), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    documents = pd.read_parquet(out / "documents")
    phones = pd.read_parquet(out / "phones")
    [served_text] = documents["served_text"]
    [text] = documents["text"]
    row = phones[phones["value"] == "059187842560"].iloc[0]
    assert text[row["start"] : row["end"]] == "0591-87842560"
    assert served_text[row["served_start"] : row["served_end"]] == "０５９１－８７８４２５６０"


def test_a_failing_normalize_stage_is_an_errors_row_and_the_text_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_fold(text: str) -> tuple[str, list[normalize.width.Repair]]:
        raise RuntimeError("width table missing")

    monkeypatch.setattr(normalize.width, "fold", broken_fold)
    result = process_page(FULL_WIDTH_PAGE, {"Content-Type": "text/html; charset=utf-8"}, "http://ybj.example.cn/1.html")
    assert result.document is not None
    assert "０５９１－８７８４２５６０" in result.text  # the width repair did not run; the page still has its text
    [error] = result.errors
    assert (error.stage, error.error) == ("normalize", "width_failed")
    assert error.message == "RuntimeError: width table missing"


def test_a_page_whose_stages_all_run_has_no_errors() -> None:
    result = process_page(FULL_WIDTH_PAGE, {"Content-Type": "text/html; charset=utf-8"}, "http://ybj.example.cn/1.html")
    assert result.errors == []
    assert result.ok


def test_an_uncoercible_document_cell_is_kept_in_extra() -> None:
    result: PageResult = process_page(FULL_WIDTH_PAGE, {"Content-Type": "text/html; charset=utf-8"}, None)
    result.fetched_at = "yesterday"  # type: ignore[assignment]  # what a broken caller may hand over
    row = document_row(result, run_id="r1")
    assert row is not None
    assert row["fetched_at"] is None
    assert json.loads(row["extra"]) == {"fetched_at": "yesterday"}


def test_a_document_whose_cells_all_fit_has_no_extra() -> None:
    result = process_page(FULL_WIDTH_PAGE, {"Content-Type": "text/html; charset=utf-8"}, None)
    result.fetched_at = dt.datetime(2026, 12, 6, tzinfo=dt.UTC)
    row = document_row(result, run_id="r1")
    assert row is not None
    assert row["extra"] is None
    assert row["served_text"] == result.served_text
