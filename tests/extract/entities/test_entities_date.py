"""Dates, ranges, recurring periods, office hours, from real guide snippets (normalized text)."""

from __future__ import annotations

import datetime as dt

from extract.date import find_dates
from extract.entity import PageContext

PAGE_2020 = PageContext(published=dt.date(2020, 2, 3))


def one(text: str, context: PageContext | None = None):
    found = find_dates(text, context)
    assert len(found) == 1, found
    return found[0]


def test_chinese_full_date() -> None:
    assert one("集中缴费期截至2025年1月5日").value == "2025-01-05"


def test_dotted_and_dashed_dates() -> None:
    assert [d.value for d in find_dates("2025.1.5 与 2025-01-05")] == ["2025-01-05", "2025-01-05"]


def test_chinese_numeral_date() -> None:
    assert one("二〇二五年一月五日").value == "2025-01-05"


def test_forum_post_time() -> None:
    assert one("ww_719 发表于 2009-4-27 10:20 | 只看该作者").value == "2009-04-27T10:20"


def test_seconds_are_kept() -> None:
    assert one("2024-09-03 16:23:22").value == "2024-09-03T16:23:22"


def test_yearless_date_without_page_date_stays_yearless() -> None:
    date = one("享受医保待遇日期截止到缴费当年度12月31日止")
    assert (date.value, date.fields["subkind"]) == ("--12-31", "partial")


def test_yearless_date_takes_the_page_year() -> None:
    date = one("胶东在线2月2日讯", PAGE_2020)
    assert (date.value, date.fields["year_inferred"]) == ("2020-02-02", True)


def test_range_with_different_years() -> None:
    date = one("缴费期为 2024年11月至2025年1月5日 。")
    assert (date.value, date.fields["range_start"], date.fields["range_end"]) == (
        "2024-11/2025-01-05",
        "2024-11",
        "2025-01-05",
    )


def test_range_end_inherits_the_year() -> None:
    assert one("于2012年6月20日开始至7月13日").value == "2012-06-20/2012-07-13"


def test_recurring_yearly_range_stays_yearless() -> None:
    date = one("集中缴费期通常为每年的9月1日至12月31日", PAGE_2020)
    assert (date.value, date.fields["recurring"]) == ("--09-01/--12-31", "yearly")


def test_recurring_across_the_new_year() -> None:
    date = one("医保年度为每年的12月26日到次年的12月25日")
    assert date.value == "--12-26/--12-25"


def test_monthly_day() -> None:
    date = one("社保费用在每月的二十五号左右缴纳")
    assert (date.value, date.fields["recurring"]) == ("---25", "monthly")


def test_month_range() -> None:
    assert one("心内科今年1-10月,共分流了328个急诊患者").value == "--01/--10"


def test_office_hours() -> None:
    hours = one("办公时间:周一至周五8:30-17:30")
    assert (hours.value, hours.fields["weekdays"], hours.fields["range_start"], hours.fields["range_end"]) == (
        "08:30/17:30",
        "1-5",
        "08:30",
        "17:30",
    )


def test_office_hours_in_chinese_words() -> None:
    hours = one("上班时间是每周二至周末早上七点半开始")
    assert (hours.value, hours.fields["weekdays"]) == ("07:30", "2-7")


def test_afternoon_clock_time() -> None:
    time = one("本局即将在今天下午4点30分强制停卡")
    assert (time.value, time.fields["time"]) == ("16:30", "16:30")


def test_roc_year() -> None:
    assert one("民国98年").value == "2009"


def test_quarter() -> None:
    assert one("原计划2020年第一季度的专家现场审核").value == "2020-Q1"


def test_year_end_keeps_its_qualifier() -> None:
    date = one("截至2008年底,城镇职工参保")
    assert (date.value, date.fields["qualifier"]) == ("2008", "年底")


def test_copyright_year_range() -> None:
    assert one("Copyright 2001-2013 版权所有").value == "2001/2013"


def test_not_dates() -> None:
    assert find_dates("力争年底前完成,今年就医,3个月用量,60周岁以上,2000元,1个工作日内") == []


def test_year_range_with_one_nian() -> None:
    assert one("2023-2025年医保改革规划").value == "2023/2025"


def test_morning_and_afternoon_hours() -> None:
    hours = find_dates("受理时间:上午8:30-12:00,下午2:00-5:30")
    assert [h.value for h in hours] == ["08:30/12:00", "14:00/17:30"]


def test_one_in_the_night_is_not_one_in_the_afternoon() -> None:
    assert one("到晚上一点半左右宝宝哭的更厉害").value == "01:30"


def test_recurring_span_includes_its_every_year_word() -> None:
    assert one("集中缴费期通常为每年的9月1日至12月31日").text == "每年的9月1日至12月31日"


def test_a_number_glued_to_a_code_is_not_a_year() -> None:
    assert find_dates("编辑短信内容“YC+30099040+2005+08”") == []


def test_bare_year_at_the_end_of_a_title() -> None:
    assert one("参保者今年就医应同时持社保卡和蓝本-2009").value == "2009"


def test_single_yearly_date_stays_yearless() -> None:
    date = one("截止时间为每年12月25日,逾期不予办理", PAGE_2020)
    assert (date.text, date.value, date.fields["recurring"]) == ("每年12月25日", "--12-25", "yearly")


def test_monthly_day_range() -> None:
    date = one("缴费时间:每月1日至20日。")
    assert (date.value, date.fields["range_start"], date.fields["range_end"]) == ("---01/---20", "---01", "---20")


def test_english_dates() -> None:
    dates = find_dates("Published on January 5, 2025; effective 5 March 2024 (Sept 30th, 2023 notice)")
    assert [d.value for d in dates] == ["2025-01-05", "2024-03-05", "2023-09-30"]


def test_label_from_preceding_words() -> None:
    assert one("集中缴费期为2024年9月1日至12月31日").fields["label"] == "集中缴费期"


def test_next_year_word_moves_the_page_year() -> None:
    assert one("缴费后次年1月1日起享受待遇", PAGE_2020).value == "2021-01-01"


def test_date_and_clock_time_are_one_moment() -> None:
    assert one("定于2024年1月5日上午9点开始").value == "2024-01-05T09:00"


def test_yearless_date_with_clock_time() -> None:
    assert one("1月5日9:00起").value == "--01-05T09:00"


def test_clock_with_a_full_width_colon() -> None:
    # normalize keeps ：full-width; guide pages write office hours with it (乌兰浩特 户籍窗口)
    hours = one("办理时间:周一至周五上午8：30-11：30")
    assert hours.fields["subkind"] == "hours" and hours.value == "08:30/11:30"


def test_plain_opening_hours_with_full_width_colons() -> None:
    assert one("双休节假日 9：00-17：00").value == "09:00/17:00"


def test_spaces_between_numbers_and_date_words() -> None:
    # text extracted from PDFs: 每年 9 月 1 日至 12 月 31 日
    period = one("集中缴费期为每年 9 月 1 日至 12 月 31 日")
    assert (period.value, period.fields["subkind"]) == ("--09-01/--12-31", "recurring")


def test_month_end_without_year() -> None:
    assert one("可在次年 1 月 1 日至 2 月底补缴").value == "--01-01/--02"


def test_range_of_two_moments() -> None:
    span = one("报名时间:2026年9月20日9:00至9月26日17:00。")
    assert span.value == "2026-09-20T09:00/2026-09-26T17:00"


def test_a_day_then_its_opening_hours_are_two_entities() -> None:
    day, hours = find_dates("办理时间:11月15日-12月15日 09：00-18：00")
    assert (day.value, hours.value) == ("--11-15/--12-15", "09:00/18:00")


def test_ordinal_months_of_a_benefit_are_not_dates() -> None:
    assert find_dates("失业保险金第1-12月标准为2340元每月，第13-24月标准为1872元每月") == []


def test_year_middle_only_as_a_time_word() -> None:
    # news text: 2023年中法双边贸易额 (China–France), 2019年中药…大赛 (Chinese medicine)
    assert [d.text for d in find_dates("2023年中法双边贸易额，2019年中药技能大赛，2024年中，")] == [
        "2023年",
        "2019年",
        "2024年中",
    ]


def test_opening_hours_right_after_a_full_width_label_colon() -> None:
    first, second = find_dates("受理时间：9:00-12:00、13:30-17:00")
    assert (first.value, second.value) == ("09:00/12:00", "13:30/17:00")


def test_months_of_one_year() -> None:
    assert one("2024年1-6月，全市新增参保12.3万人").value == "2024-01/2024-06"


def test_whole_hour_written_with_shi() -> None:
    assert one("请于12月31日24时前完成缴费").value == "--12-31T24:00"


def test_yuan_yue_is_january() -> None:
    assert one("本办法自2025年元月1日起执行").value == "2025-01-01"


def test_bracketed_weekdays_before_the_hours() -> None:
    hours = one("受理时间：工作日（周一至周五）上午9:00-12:00")
    assert (hours.text, hours.fields["weekdays"], hours.value) == (
        "工作日（周一至周五）上午9:00-12:00",
        "1-5",
        "09:00/12:00",
    )


def test_working_days_before_the_hours_are_monday_to_friday() -> None:
    for text, hours_text, days in [
        ("服务时间：工作日上午9:00-12:00", "工作日上午9:00-12:00", "1-5"),
        ("服务时间：法定工作日8:30-11:30", "法定工作日8:30-11:30", "1-5"),
        ("双休日9:00-12:00照常受理", "双休日9:00-12:00", "6-7"),
    ]:
        hours = one(text)
        assert (hours.text, hours.fields["weekdays"]) == (hours_text, days)


def test_a_count_of_working_days_is_no_set_of_days() -> None:
    assert find_dates("5个工作日内办结") == []
    assert "weekdays" not in one("3个工作日9:00前").fields


def test_the_afternoon_hours_after_a_comma_have_the_mornings_days() -> None:
    morning, afternoon = find_dates("办公时间：每周一至周五上午8:30—11:30，下午13:30—16:30。")
    assert (morning.value, morning.fields["weekdays"]) == ("08:30/11:30", "1-5")
    assert (afternoon.text, afternoon.value, afternoon.fields["weekdays"]) == ("下午13:30—16:30", "13:30/16:30", "1-5")
    alone = find_dates("上午8:30—11:30，下午13:30—16:30")  # hours without days stay without
    assert [h.fields.get("weekdays") for h in alone] == [None, None]


def test_a_list_of_weekdays() -> None:
    assert one("每周一、三、五上午9:00-11:30").fields["weekdays"] == "1,3,5"


def test_weekend_alone_is_saturday_and_sunday() -> None:
    assert one("周末8:00-21:00").fields["weekdays"] == "6-7"


def test_weekdays_listed_without_a_separator() -> None:
    hours = one("图书馆开放时间：周六周日 9:00-21:00")
    assert (hours.text, hours.fields["weekdays"]) == ("周六周日 9:00-21:00", "6,7")


# Round 3, batch g (real passages): the general causes of the first-sight misses.


def test_hours_end_before_the_start_is_in_the_afternoon() -> None:
    hours = one("工作时间：周一至周五早10点至晚5点")
    assert (hours.fields["weekdays"], hours.value) == ("1-5", "10:00/17:00")


def test_hours_joined_by_a_doubled_dash() -> None:
    found = find_dates("办理时间：周一至周五 上午8:30--12:00，下午14:30--17:30（夏季下午15:30-18:00）")
    assert [d.value for d in found] == ["08:30/12:00", "14:30/17:30", "15:30/18:00"]


def test_monthly_day_range_with_one_day_word() -> None:
    text = "證交所/櫃買中心通常在每月10-17日左右更新此彙總表"
    assert one(text).value == "---10/---17"


# Round 3, batch i (real passages).


def test_bare_clock_time_before_a_time_word() -> None:
    found = find_dates("上午：听力、阅读和写作技能考试，时间从8:00到11:00（考生需在7:15前到达）")
    assert [d.value for d in found] == ["08:00/11:00", "07:15"]


def test_bare_clock_like_ratio_is_no_time() -> None:
    assert find_dates("屏幕比例16:9，比分3:15") == []


# Round 4, batch m (real passages).


def test_year_and_two_digit_month() -> None:
    date = one("缴费类型：灵活就业核定 经办地：徐州 所属期：2026-04 缴费基数：7600 应缴金额：912")
    assert (date.text, date.value) == ("2026-04", "2026-04")


def test_year_and_month_range() -> None:
    assert one("所属期：2024-12至2025-03").value == "2024-12/2025-03"


def test_year_pairs_full_dates_and_loose_numbers_are_no_year_month() -> None:
    assert one("2019-2020学年").value == "2019/2020"
    assert one("审核日期：2026-04-08").value == "2026-04-08"
    assert find_dates("编号2026-13") == []
    assert find_dates("电话：2026-0412") == []


def test_quarter_written_with_q() -> None:
    assert one("统计期：2026年Q1 优良率：62.5%").value == "2026-Q1"


def test_hours_right_after_an_ascii_label_colon() -> None:
    text = "以上网点办公时间:9:00-12:00，13:30-17:00;中午和周末有错时延时服务。"
    assert [d.value for d in find_dates(text)] == ["09:00/12:00", "13:30/17:00"]


def test_time_with_seconds_is_no_opening_hours() -> None:
    assert find_dates("12:30:45") == []


def test_weekdays_with_a_bracketed_holiday_note_before_the_time() -> None:
    hours = one("办公时间：周一至周五（法定节假日除外）上午8:30-12:00")
    assert (hours.value, hours.fields["weekdays"]) == ("08:30/12:00", "1-5")


def test_english_office_hours_carry_their_weekdays() -> None:
    cases = {
        "Appointments: Monday to Friday, 8am to 6pm.": ("Monday to Friday, 8am to 6pm", "1-5", "08:00", "18:00"),
        "Open Mon–Fri 9:00am-5:00pm.": ("Mon–Fri 9:00am-5:00pm", "1-5", "09:00", "17:00"),
        "Saturday 9am-12pm only.": ("Saturday 9am-12pm", "6", "09:00", "12:00"),
    }
    for text, (written, weekdays, start, end) in cases.items():
        hours = one(text)
        assert (hours.text, hours.fields["weekdays"], hours.fields["range_start"], hours.fields["range_end"]) == (
            written,
            weekdays,
            start,
            end,
        ), text
    # A weekday before a date is the date's, and hours without a weekday have none.
    assert one("Open Monday, January 5, 2025.").value == "2025-01-05"
    assert "weekdays" not in one("We are open 8am to 6pm.").fields
