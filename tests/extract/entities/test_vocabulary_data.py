"""The phone and date vocabularies are data (extract/data/phone_labels.toml, date_words.toml): every word the data
lists does its job in the parser, and a word it does not list does not."""

from __future__ import annotations

import tomllib

import pytest

from extract.date import find_dates
from extract.entity import PageContext
from extract.labels import DATA
from extract.phone import find_phones

FUZHOU = PageContext(province="福建省", city="福州市")
PHONE_WORDS = tomllib.loads((DATA / "phone_labels.toml").read_text(encoding="utf-8"))
DATE_WORDS = tomllib.loads((DATA / "date_words.toml").read_text(encoding="utf-8"))


def labelled_phones(text: str) -> list[tuple[str, str | None]]:
    return [(p.value, p.fields.get("label")) for p in find_phones(text, FUZHOU)]


def hours(text: str) -> list[tuple[str, str | None]]:
    return [(d.value, d.fields.get("weekdays")) for d in find_dates(text)]


@pytest.mark.parametrize("separator", PHONE_WORDS["lists"]["separators"])
def test_every_list_separator_of_the_data_lists_a_second_number_under_the_first_label(separator: str) -> None:
    assert labelled_phones(f"咨询电话:87876490{separator}87802528") == [
        ("059187876490", "咨询电话"),
        ("059187802528", "咨询电话"),
    ]


def test_a_separator_the_data_does_not_list_ends_the_list() -> None:
    assert labelled_phones("咨询电话:87876490；87802528") == [("059187876490", "咨询电话")]


@pytest.mark.parametrize("prefix", DATE_WORDS["weekday_words"]["prefixes"])
def test_every_weekday_word_of_the_data_opens_office_hours(prefix: str) -> None:
    assert hours(f"{prefix}一至{prefix}五8:30-17:30") == [("08:30/17:30", "1-5")]


def test_a_word_the_data_does_not_list_names_no_weekdays() -> None:
    assert hours("第一至第五8:30-17:30") == [("08:30/17:30", None)]


def test_the_weekend_alone_is_two_days_and_ends_a_range_as_its_last_day() -> None:
    assert hours("周末9:00-17:00") == [("09:00/17:00", DATE_WORDS["weekday_words"]["weekend_days"])]
    assert hours("周二至周末9:00-17:00") == [("09:00/17:00", "2-7")]


def test_a_dates_weekday_note_names_one_day_never_the_weekend() -> None:
    assert hours("2024年1月1日（周一）至1月5日") == [("2024-01-01/2024-01-05", None)]
    assert hours("2024年1月1日（周末）至1月5日") == [("2024-01-01", None), ("--01-05", None)]


@pytest.mark.parametrize("word", DATE_WORDS["counted"]["days_after"])
def test_a_day_followed_by_a_counting_word_of_the_data_is_no_listed_day(word: str) -> None:
    assert [d.value for d in find_dates(f"2024年1月5日和10日{word}完成")] == ["2024-01-05"]


def test_a_listed_day_without_a_counting_word_is_the_next_day_of_the_month() -> None:
    assert [d.value for d in find_dates("2024年1月5日和10日完成")] == ["2024-01-05", "2024-01-10"]
