"""Calendar dates (extract/date/calendar.py): timestamps, ROC years, compact and dotted forms, two-digit years,
English dates — and the numbers that are no dates."""

from __future__ import annotations

from extract.date import find_dates


def values(text: str) -> list[str]:
    return [d.value for d in find_dates(text)]


def test_timestamp_with_seconds() -> None:
    assert values("发布时间：2024-05-17 09:30:12") == ["2024-05-17T09:30:12"]


def test_timestamp_with_minutes() -> None:
    assert values("2019-11-02 14:05 来源：医保局") == ["2019-11-02T14:05"]


def test_month_day_and_clock() -> None:
    assert values("3/21 10:40 更新") == ["--03-21T10:40"]


def test_roc_numeric_date() -> None:
    assert values("公告日期：112-09-15") == ["2023-09-15"]


def test_roc_chinese_dates() -> None:
    assert values("民國112年9月15日；民国112年") == ["2023-09-15", "2023"]


def test_dotted_date_with_a_dash() -> None:
    assert values("出生日期1994.01-19") == ["1994-01-19"]


def test_dotted_month_to_year_range() -> None:
    date = find_dates("2008.03-2009 在某医院工作")[0]
    assert (date.value, date.fields["range_start"], date.fields["range_end"]) == ("2008-03/2009", "2008-03", "2009")


def test_compact_day() -> None:
    assert values("文件编制于20240307。") == ["2024-03-07"]


def test_compact_digits_after_a_phone_label_are_no_day() -> None:
    assert values("咨询电话：20240307") == []


def test_middle_dot_day() -> None:
    assert values("6·30前完成参保登记") == ["--06-30"]


def test_space_separated_day() -> None:
    assert values("2010 01 29") == ["2010-01-29"]


def test_two_digit_year_is_resolved_and_flagged() -> None:
    date = find_dates("15年3月2日起施行")[0]
    assert (date.value, date.fields["year_two_digit"]) == ("2015-03-02", True)


def test_two_digit_year_in_chinese_numerals() -> None:
    assert values("九零年出生，零八年参保") == ["1990", "2008"]


def test_a_digit_count_of_years_is_no_year() -> None:
    assert values("累计缴费满15年，3个月内办结") == []


def test_a_rough_count_of_years_is_no_year() -> None:
    assert values("工作三四年，七八年前") == []
    assert values("九八年参保") == ["1998"]


def test_day_without_ri_at_the_end_of_a_clause() -> None:
    assert values("二零零四年八月十五。") == ["2004-08-15"]


def test_english_dates() -> None:
    assert values("effective 15 March 2024, published March 15, 2024, from May 2024") == [
        "2024-03-15",
        "2024-03-15",
        "2024-05",
    ]


def test_a_lower_case_month_word_before_a_year_is_no_month() -> None:
    assert values("you may 2024 apply") == ["2024"]  # the bare year is read, not a month
    assert values("since May 2024") == ["2024-05"]


def test_numbers_that_are_no_dates() -> None:
    text = "待遇期270天，3个月，版本v2.3.1，身份证350102199001011234，手机13905912345，金额2000元"
    assert values(text) == []
    assert values(text + "，2024年3月1日") == ["2024-03-01"]


def test_a_month_in_words_alone() -> None:
    assert values("从三月起，十二月份截止") == ["--03", "--12"]


def test_a_numeral_before_yue_inside_a_word_is_no_month() -> None:
    assert values("同一月内，统一月结，一月一次，三个月") == []
    assert values("一月一次，五月起") == ["--05"]


def test_a_yearless_day_without_ri_at_the_end_of_a_clause() -> None:
    assert values("截至一月二十三。") == ["--01-23"]


def test_two_digit_year_with_a_month() -> None:
    date = find_dates("16年12月起")[0]
    assert (date.value, date.fields["year_two_digit"]) == ("2016-12", True)


def test_quarter_after_de() -> None:
    assert values("2016年的第一季度") == ["2016-Q1"]


def test_english_yearless_days() -> None:
    assert values("The deadline is March 31. Apply by the 15th of June") == ["--03-31", "--06-15"]
    assert values("Marketing 5, march 31") == []


def test_three_numbers_in_a_row_need_a_zero_padded_month_or_day() -> None:
    assert values("2019 12 25") == ["2019"]
    assert values("2019 10 01") == ["2019-10-01"]


def test_a_counted_eight_digit_number_is_no_day() -> None:
    assert values("累计20231215人次") == []
