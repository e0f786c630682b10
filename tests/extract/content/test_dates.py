"""extract/content/dates.py: dates as pages print them → ISO 8601."""

from __future__ import annotations

import pytest

from extract.content.dates import CLOCK, SIGNING_DATE, iso_date


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
