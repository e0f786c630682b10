"""Dates as news, essays and forum posts write them: years before 1900, a two-digit year alone, month.day with 日,
ranges with a doubled dash or an end dated from the moment of writing — and the look-alikes that are counts of
years or days, or names."""

from __future__ import annotations

import datetime as dt

from extract.date import find_dates
from extract.entity import PageContext


def values(text: str, context: PageContext | None = None) -> list[str]:
    return [d.value for d in find_dates(text, context)]


# years before 1900


def test_a_year_before_1900_with_nian_is_a_year() -> None:
    assert values("鲜水河断裂磨西段上一次大地震发生于1786年，震级在7.5级") == ["1786"]
    assert values("1860年第二次鸦片战争时，紫禁城留下了第一张照片。") == ["1860"]
    assert values("1840年6月，英国舰队封锁珠江口") == ["1840-06"]


def test_a_count_of_years_before_1900_is_no_year() -> None:
    assert values("中医药有约1000年的历史，长达1500年，有1200年历史") == []
    assert values("1000年前的城墙，1800年以上的古树") == []
    assert values("巴拉腊特发展于1850年开始的淘金潮中") == ["1850"]


def test_a_number_with_nian_below_the_old_year_limit_is_no_year() -> None:
    assert values("距今999年") == []
    assert values("在999年") == []


# two-digit years alone


def test_a_two_digit_year_opening_a_clause_is_a_flagged_year() -> None:
    date = find_dates("多次获劳动模范及行业奖励，98年获国务院政府特殊津贴")[0]
    assert (date.text, date.value, date.fields["year_two_digit"]) == ("98年", "1998", True)


def test_a_two_digit_year_after_a_time_word_is_a_year() -> None:
    assert values("他于99年退休") == ["1999"]


def test_a_two_digit_count_of_years_is_no_year() -> None:
    assert values("缴费满15年，15年以上，15年内") == []
    assert values("80年代，98年级学生") == []
    assert values("12年 1000万用户选择") == []
    assert values("，30年期国债，50年一遇，土地承包，30年不变") == []
    assert values("（15年）") == []
    assert values("，15年3月2日") == ["2015-03-02"]


# month.day with 日


def test_month_dot_day_with_ri_is_a_day() -> None:
    assert values("备注：5.17日5元；5.18-5.19日 12.5元") == ["--05-17", "--05-18/--05-19"]
    assert values("5.18-19日开放") == ["--05-18/--05-19"]


def test_a_dotted_number_of_days_is_no_day() -> None:
    assert values("休息1.5日，3.15日内办结") == []


# ranges


def test_a_doubled_dash_joins_a_range() -> None:
    text = "专业课试题第一册(1992——1998)、第二册(1999——2001)，每册5元"
    assert values(text) == ["1992/1998", "1999/2001"]
    assert values("2024年1月1日——2024年3月1日") == ["2024-01-01/2024-03-01"]


def test_a_range_end_dated_from_the_moment_of_writing_stays_yearless() -> None:
    date = find_dates("双方很快进入合资谈判程序———从2004年12月到今年4月，一共进行了4轮谈判")[0]
    assert (date.text, date.value) == ("2004年12月到今年4月", "2004-12/--04")


def test_a_range_end_dated_from_the_moment_of_writing_takes_the_page_year() -> None:
    page = PageContext(published=dt.date(2005, 6, 1))
    assert values("从2004年12月到今年4月，一共进行了4轮谈判", page) == ["2004-12/2005-04"]
    assert values("从2003年5月到去年4月", page) == ["2003-05/2004-04"]


def test_a_range_to_the_same_year_still_takes_the_start_year() -> None:
    assert values("2024年1月1日至当年12月31日") == ["2024-01-01/2024-12-31"]


# months in words that are no months


def test_a_month_word_opening_a_name_is_no_month() -> None:
    assert values("俄国的十月革命差不多只能算是一场武装政变") == []
    assert values("从十月开始") == ["--10"]


def test_one_month_as_a_count_of_days_is_no_month() -> None:
    assert values("以下统计按8小时为一天，21天为一月") == []
    assert values("截止时间为一月，是三月开始") == ["--01", "--03"]


def test_a_range_of_years_before_1900() -> None:
    assert values("1840-1842年鸦片战争") == ["1840/1842"]
    assert values("有1000-1500年的历史，999-1200年") == []


def test_both_ends_dated_from_the_moment_of_writing() -> None:
    page = PageContext(published=dt.date(2005, 6, 1))
    assert values("从去年12月到今年4月", page) == ["2004-12/2005-04"]
    assert values("3月到今年5月", page) == ["2005-03/2005-05"]
    assert values("从去年12月到今年4月") == ["--12/--04"]
