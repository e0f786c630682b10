"""Families of writing read as one date each: day and month before the year (`1/2/2020`), a day with the hours
after it (`12月15日 09:00-18:00`), two months around 和 closed by 之间 — and their look-alikes that are no dates."""

from __future__ import annotations

from extract.date import find_dates


def values(text: str) -> list[str]:
    return [d.value for d in find_dates(text)]


def test_day_and_month_before_a_four_digit_year_day_first() -> None:
    assert values("生效日期：1/2/2020") == ["2020-02-01"]


def test_the_number_over_twelve_is_the_day_in_either_place() -> None:
    assert values("13/12/2024 与 12/13/2024") == ["2024-12-13", "2024-12-13"]


def test_two_digit_year_only_when_every_part_has_two_digits() -> None:
    date = find_dates("你05/05/71有时间吗")[0]
    assert (date.value, date.fields.get("year_two_digit")) == ("1971-05-05", True)
    assert values("第1/2/20项") == []


def test_range_of_two_year_last_days_shares_one_order() -> None:
    assert values("10/1/2018-10/7/2018") == ["2018-01-10/2018-07-10"]
    assert values("1/10/2018-13/10/2018") == ["2018-10-01/2018-10-13"]


def test_fractions_and_invalid_days_are_no_year_last_dates() -> None:
    assert values("比例为1/2/3") == []
    assert values("31/2/2024") == []
    assert values("1/2/2020年") == ["2020"]  # a year with 年 after it: the slashes before it are no day


def test_a_day_and_the_hours_after_it_are_one_range_of_moments() -> None:
    date = find_dates("办理时间：2024年12月15日 09:00-18:00")[0]
    assert date.value == "2024-12-15T09:00/2024-12-15T18:00"
    assert (date.fields["range_start"], date.fields["range_end"]) == ("2024-12-15T09:00", "2024-12-15T18:00")
    assert date.text == "2024年12月15日 09:00-18:00"


def test_a_day_and_hours_with_a_period_word_and_chinese_connector() -> None:
    assert values("2024年12月15日上午8:30至下午5:00") == ["2024-12-15T08:30/2024-12-15T17:00"]
    assert values("12月15日 09:00-18:00") == ["--12-15T09:00/--12-15T18:00"]


def test_weekday_hours_after_a_day_stay_office_hours() -> None:
    assert values("2024年12月15日 周一至周五9:00-17:00") == ["2024-12-15", "09:00/17:00"]


def test_hours_apart_from_a_day_stay_hours() -> None:
    assert values("2024年12月15日起，办公时间09:00-18:00") == ["2024-12-15", "09:00/18:00"]


def test_two_months_between_he_and_zhijian_are_a_range() -> None:
    assert values("可以给我三月和九月之间的数据吗?") == ["--03/--09"]
    assert values("三月和九月的数据") == ["--03", "--09"]


def test_hours_after_a_range_of_days_hold_on_each_day() -> None:
    assert values("办理时间:11月15日-12月15日 09:00-18:00") == ["--11-15/--12-15", "09:00/18:00"]


def test_hours_with_shi_and_a_period_word() -> None:
    hours = find_dates("办公时间：上午9时至下午5时")[0]
    assert (hours.value, hours.fields["label"]) == ("09:00/17:00", "办公时间")
    assert values("下午五时") == ["17:00"]
    assert values("上午9时30分") == ["09:30"]


def test_whole_hours_with_shi_as_a_range_with_a_lunch_break() -> None:
    assert values("工作时间为8时至12时，14时至17时30分") == ["08:00/12:00", "14:00/17:30"]


def test_counted_hours_are_no_clock() -> None:
    assert values("每天工作8小时至10小时") == []
    assert values("下午三点三") == []


def test_a_day_its_weekday_in_brackets_and_a_time_are_one_moment() -> None:
    assert values("2024年10月8日（星期二）上午9:00") == ["2024-10-08T09:00"]
    assert values("2024年10月8日(周二)9:00-12:00") == ["2024-10-08T09:00/2024-10-08T12:00"]


def test_a_month_after_year_de() -> None:
    assert values("1995年的三月") == ["1995-03"]
    assert values("他们将在2021年的第三个月离开") == ["2021-03"]
    assert values("2024年的工作总结") == ["2024"]


def test_a_whole_hour_with_shi_before_qian_is_a_deadline_time() -> None:
    assert values("请在12时前提交") == ["12:00"]
    assert values("24小时前") == []


def test_end_of_month_and_ten_day_parts_after_a_year() -> None:
    end = find_dates("请于2024年11月底前完成申报")[0]
    assert (end.value, end.fields["qualifier"]) == ("2024-11", "月底")
    middle = find_dates("2025年1月中旬开始发放")[0]
    assert (middle.value, middle.fields["qualifier"]) == ("2025-01", "中旬")
    assert find_dates("12月下旬")[0].fields["qualifier"] == "下旬"
    assert "qualifier" not in find_dates("2024年11月")[0].fields


def test_am_pm_as_one_letter_after_minutes() -> None:
    assert values("3:05p") == ["15:05"]
    assert values("10:30a") == ["10:30"]


def test_one_letter_after_a_number_without_minutes_is_no_time() -> None:
    assert values("5A级景区") == []
    assert values("5p") == []


def test_a_lone_clock_time_after_a_time_label_is_a_time() -> None:
    deadline = find_dates("截止时间：17:00")[0]
    assert (deadline.value, deadline.fields["label"]) == ("17:00", "截止时间")
    assert values("开始时间：9:30") == ["09:30"]


def test_a_lone_clock_time_without_a_time_label_is_no_time() -> None:
    assert values("比分：3:15") == []
    assert values("用时：3:15") == []
    assert values("会议时间：三点") == []  # three in the morning or the afternoon: not said


def test_cantonese_minutes_counted_in_zi_or_after_da() -> None:
    assert values("晏昼三点三个字") == ["15:15"]  # normalize writes 晏晝三點三個字 so
    assert values("晏昼三点搭半") == ["15:30"]
    assert values("下午三点搭一") == ["15:05"]


def test_a_lone_digit_after_dian_stays_a_decimal() -> None:
    assert values("下午三点三") == []


def test_a_clock_in_words_right_after_a_day_in_digits_is_its_time() -> None:
    assert values("2010 01 29五点") == ["2010-01-29T05:00"]
    assert values("2024-01-05三点半") == ["2024-01-05T03:30"]
    assert values("2024.01.05三四天") == ["2024-01-05"]


def test_a_second_span_of_hours_after_a_comma_is_the_same_day() -> None:
    morning, afternoon = find_dates("2024年12月15日上午9:00-12:00、下午14:00-17:00")
    assert morning.value == "2024-12-15T09:00/2024-12-15T12:00"
    assert (afternoon.value, afternoon.text) == ("2024-12-15T14:00/2024-12-15T17:00", "下午14:00-17:00")


def test_hours_in_the_next_sentence_or_on_a_weekday_are_not_the_day() -> None:
    assert values("2024年12月15日 8:30-12:00。办公时间14:00-17:00")[1] == "14:00/17:00"
    assert values("2024年12月15日上午9:00-12:00，周六9:00-12:00")[1] == "09:00/12:00"


def test_a_range_with_each_days_weekday_in_brackets() -> None:
    date = find_dates("2024年1月1日（周一）至1月5日（周五）暂停办理")[0]
    assert date.value == "2024-01-01/2024-01-05"


def test_bare_days_listed_after_a_day_take_its_month() -> None:
    assert values("2024年1月5日、6日、7日停机维护") == ["2024-01-05", "2024-01-06", "2024-01-07"]
    assert values("1月5日及20日") == ["--01-05", "--01-20"]


def test_a_count_of_days_after_a_day_is_no_listed_day() -> None:
    assert values("2024年1月5日，3日内完成") == ["2024-01-05"]
    assert values("2024年1月5日和10日内完成") == ["2024-01-05"]


def test_a_numeric_day_to_a_day_of_the_same_year() -> None:
    assert values("参保时间：2024.1.1-12.31") == ["2024-01-01/2024-12-31"]
    assert values("2024/1/1-12/31") == ["2024-01-01/2024-12-31"]
    assert values("2024.12.1-1.31") == ["2024-12-01"]  # an end before the start is not guessed into next year


def test_dotted_month_to_month_ranges() -> None:
    assert values("2024.01-2024.06") == ["2024-01/2024-06"]
    assert values("2024.1-2024.6") == ["2024-01/2024-06"]
    assert values("2008.03-2009.06") == ["2008-03/2009-06"]


def test_dotted_numbers_that_are_amounts_or_run_backwards_are_no_range() -> None:
    assert values("2020.5-2021.3元") == []
    assert values("2024.06-2024.01") == []
