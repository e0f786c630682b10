"""Ranges and recurring days (extract/date/__init__.py, extract/date/recurring.py)."""

from __future__ import annotations

from extract.date import find_dates


def values(text: str) -> list[str]:
    return [d.value for d in find_dates(text)]


def test_moment_to_a_time_on_the_same_day() -> None:
    span = find_dates("预约时间为2021年4月20日11:00时至17:00时")[0]
    assert (span.value, span.fields["range_end"]) == ("2021-04-20T11:00/2021-04-20T17:00", "2021-04-20T17:00")


def test_midnight_hours_written_with_shi() -> None:
    assert values("2021年1月1日零时至12月31日24时") == ["2021-01-01T00:00/2021-12-31T24:00"]


def test_a_range_never_ends_before_it_starts() -> None:
    assert values("2024年5月1日至2024年3月1日") == ["2024-05-01", "2024-03-01"]
    assert values("2024年3月1日至2024年5月1日") == ["2024-03-01/2024-05-01"]


def test_end_given_as_a_bare_day() -> None:
    assert values("时间从2016年一月十日到十二日") == ["2016-01-10/2016-01-12"]


def test_a_bare_day_alone_is_no_date() -> None:
    assert values("到20日") == []


def test_range_between_two_days() -> None:
    assert values("2023年1月1日与2023年12月31日之间出生") == ["2023-01-01/2023-12-31"]
    assert values("2007年与2009年的数据") == ["2007", "2009"]


def test_two_numeric_days() -> None:
    assert values("2018/1/10-2018/7/10") == ["2018-01-10/2018-07-10"]


def test_chinese_month_range() -> None:
    assert values("三月到五月的数据") == ["--03/--05"]


def test_next_month_day_recurs_monthly() -> None:
    date = find_dates("次月5日前扣款")[0]
    assert (date.value, date.fields["recurring"]) == ("---05", "monthly")


def test_every_month_day() -> None:
    assert values("每月20日") == ["---20"]


def test_english_day_of_each_month() -> None:
    date = find_dates("Contributions are due on the 15th of each month.")[0]
    assert (date.value, date.fields["recurring"]) == ("---15", "monthly")


def test_two_digit_years_in_a_range() -> None:
    span = find_dates("18年10月1日到19年2月3日")[0]
    assert (span.value, span.fields["year_two_digit"]) == ("2018-10-01/2019-02-03", True)


def test_a_year_spanning_two_calendar_years() -> None:
    assert values("2023/2024年度城乡居民医保") == ["2023/2024"]


def test_office_hours_in_brackets_after_the_days() -> None:
    hours = find_dates("周一至周五（9:00-17:00）")[0]
    assert (hours.value, hours.fields["weekdays"]) == ("09:00/17:00", "1-5")


def test_a_day_with_hours_marked_by_shi_is_a_range_of_moments() -> None:
    assert values("11月7日10时至12时") == ["--11-07T10:00/--11-07T12:00"]


def test_a_day_then_its_opening_hours_stay_two_entities() -> None:
    assert values("12月15日 09:00-18:00") == ["--12-15", "09:00/18:00"]


def test_a_yearless_start_takes_the_year_of_the_end() -> None:
    assert values("from 1 January to 31 March 2024") == ["2024-01-01/2024-03-31"]
    assert values("11月1日至2025年1月31日") == ["2024-11-01/2025-01-31"]


def test_english_clock_range() -> None:
    assert values("Office hours: 9:00 a.m. to 5:00 p.m.; 9am-12pm on Saturdays") == ["09:00/17:00", "09:00/12:00"]
