"""extract/content/dates.py: dates as pages print them → ISO 8601."""

from __future__ import annotations

import pytest

from extract.content.dates import CLOCK, SIGNING_DATE, first_iso_date, iso_date


@pytest.mark.parametrize(
    ("printed", "iso"),
    [
        ("2020-02-03", "2020-02-03"),
        ("发布时间：2020-02-03 09:35:00", "2020-02-03T09:35:00"),
        ("2024年5月13日 16:23", "2024-05-13T16:23"),
        ("2024/5/1", "2024-05-01"),
        ("2021.01.20", "2021-01-20"),
        ("2024-4-14 11:32:04", "2024-04-14T11:32:04"),
        ("2024-04-23T10:00:00+08:00", "2024-04-23T10:00:00"),
    ],
)
def test_printed_date_becomes_iso(printed: str, iso: str) -> None:
    assert iso_date(printed) == iso


@pytest.mark.parametrize("printed", ["2024-13-01", "2024-02-32", "第12345号", "", None])
def test_no_real_date_is_none(printed: str | None) -> None:
    assert iso_date(printed) is None


@pytest.mark.parametrize(
    ("printed", "iso"),
    [
        ("May 1, 2024", "2024-05-01"),
        ("Mon May 01, 2024 10:00 am", "2024-05-01T10:00"),
        ("Sat Jan 05, 2019 4:11 pm", "2019-01-05T16:11"),
        ("« Reply #1 on: May 02, 2024, 10:01:00 AM »", "2024-05-02T10:01:00"),
        ("Page last reviewed: 12 May 2023", "2023-05-12"),
        ("12th March 2024", "2024-03-12"),
        ("Sept. 3, 2023 at 12:30 p.m.", "2023-09-03T12:30"),
        ("December 12, 2023 12:05 AM", "2023-12-12T00:05"),
    ],
)
def test_a_date_printed_in_english_words_becomes_iso(printed: str, iso: str) -> None:
    assert iso_date(printed) == iso


@pytest.mark.parametrize("printed", ["Maybe 5, 2024", "Septembers 3, 2023", "March 40, 2020", "May 2024"])
def test_words_that_only_look_like_a_month_or_a_day_are_no_date(printed: str) -> None:
    assert iso_date(printed) is None


def test_a_numeric_date_comes_before_a_date_in_words() -> None:
    assert iso_date("Updated May 1, 2024 (2024-05-02)") == "2024-05-02"
    assert iso_date("May 1, 2024", english=False) is None
    assert first_iso_date(["November 18, 2019 8:54 am", "2019-11-18T16:54:19Z"]) == "2019-11-18T16:54:19"
    assert first_iso_date([None, "November 18, 2019 8:54 am"]) == "2019-11-18T08:54"


def test_impossible_clock_keeps_the_date_only() -> None:
    assert iso_date("2024-05-13 25:61") == "2024-05-13"


def test_signing_date_in_digits_or_chinese_numerals() -> None:
    assert [bool(SIGNING_DATE.fullmatch(t)) for t in ("2024年5月13日", "二〇二四年五月十三日", "2024年5月")] == [
        True,
        True,
        False,
    ]


def test_clock_marks_times_and_relative_times() -> None:
    assert [bool(CLOCK.search(t)) for t in ("16:23", "3 小时前", "昨天", "第16页")] == [True, True, True, False]
