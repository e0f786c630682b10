"""Clock times and office hours (extract/date/clock.py): period words, spelled-out minutes, seconds, am/pm."""

from __future__ import annotations

from extract.date import find_dates


def values(text: str) -> list[str]:
    return [d.value for d in find_dates(text)]


def test_evening_hours_shift_to_the_afternoon() -> None:
    assert values("晚上5点开始排队") == ["17:00"]


def test_twelve_in_the_evening_is_midnight() -> None:
    assert values("晚上十二点前提交") == ["24:00"]


def test_one_in_the_night_stays_one() -> None:
    assert values("晚上一点半左右") == ["01:30"]


def test_a_quarter_past() -> None:
    assert values("五点一刻集合") == ["05:15"]


def test_minutes_in_words_after_a_period_word() -> None:
    assert values("上午九点零九到达") == ["09:09"]


def test_minutes_in_words_with_fen() -> None:
    assert values("九点零九分开始") == ["09:09"]


def test_noon_and_small_hours() -> None:
    assert values("中午1点，凌晨3点") == ["13:00", "03:00"]


def test_seconds_spelled_out() -> None:
    assert values("16时40分50秒") == ["16:40:50"]


def test_whole_hour_with_zheng() -> None:
    assert values("零点整") == ["00:00"]


def test_spoken_range_whose_end_is_a_bare_hour() -> None:
    hours = find_dates("从下午五点一刻到六点")[0]
    assert (hours.value, hours.fields["range_start"], hours.fields["range_end"]) == ("17:15/18:00", "17:15", "18:00")


def test_range_with_seconds() -> None:
    assert values("17:55:23-18:33:02") == ["17:55:23/18:33:02"]


def test_range_past_midnight_keeps_its_written_end() -> None:
    assert values("下午5:00到凌晨3:00") == ["17:00/03:00"]


def test_english_am_pm() -> None:
    assert values("2:00pm的时候，你11:30:10 p.m.在做什么") == ["14:00", "23:30:10"]


def test_decimals_and_counted_points_are_no_clock() -> None:
    assert values("增长二十七点三，提出三点要求，比例3:15") == []
    assert values("增长二十七点三分之一，下午3点") == ["15:00"]


def test_a_lone_time_with_seconds_may_be_a_duration() -> None:
    assert values("用时12:30:45") == []
    assert values("12:30:45前提交") == ["12:30:45"]


def test_whole_hours_as_a_range() -> None:
    assert values("每天8点至12点开放") == ["08:00/12:00"]


def test_a_whole_hour_alone_is_no_time() -> None:
    assert values("提出3点意见，第三点到第五点") == []


def test_a_range_past_midnight_without_period_words() -> None:
    assert values("营业时间22点到2点") == ["22:00/02:00"]
    assert values("营业时间9点到5点") == ["09:00/17:00"]


def test_night_words() -> None:
    assert values("半夜12点，午夜1点，午后3点") == ["24:00", "01:00", "15:00"]


def test_two_digit_minutes_after_dian() -> None:
    assert values("3点15开始，3点5分结束") == ["03:15", "03:05"]
    assert values("增长3点5，12点30%") == []


def test_dian_zhong_is_on_the_hour() -> None:
    assert values("下午三点钟，10点钟开始") == ["15:00", "10:00"]


def test_a_whole_hour_before_qian_or_kaishi() -> None:
    assert values("每天8点前到达，十点开始") == ["08:00", "10:00"]
    assert values("提出三点意见，第三点后，三点以后再议") == []
