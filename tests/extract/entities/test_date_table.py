"""Date fields reach the typed `dates` table: written as Parquet, read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow.parquet as pq

from extract.date import find_dates
from output.dataset import DatasetWriter
from tests.output.samples import make_result


def test_a_two_digit_year_is_flagged_in_the_dates_table(tmp_path: Path) -> None:
    text = "本办法自15年3月2日起施行，2024年1月1日废止"
    writer = DatasetWriter(tmp_path, run_id="run1", crawl_date=dt.date(2026, 12, 6))
    writer.write_page(make_result(text=text, entities=find_dates(text)), source="saved/page.html")
    writer.close()
    rows = sorted(pq.read_table(tmp_path / "dates").to_pylist(), key=lambda row: row["start"])
    assert [(row["value"], row["year_two_digit"], row["date"]) for row in rows] == [
        ("2015-03-02", True, dt.date(2015, 3, 2)),
        ("2024-01-01", None, dt.date(2024, 1, 1)),
    ]
