"""Each date grammar is tried only where its first character can stand (extract/date/first_chars.py): the classes
read from the grammars' regexes hold every character a match can start with, the stored file is the one the
grammars give, and the date scan finds exactly what it finds without them."""

from __future__ import annotations

import re
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.date import _first_test, _grammars, _pattern, find_dates
from extract.date.first_chars import FILE, first_chars, pattern_digest, stored_first_chars, write
from extract.date.grammar import Grammar, joined


def chars(regex_class: str | None) -> set[str]:
    assert regex_class is not None
    return set(re.findall(regex_class, "".join(map(chr, range(0x3100)))) + re.findall(regex_class, "一二两季第年月"))


def test_a_look_behind_is_skipped_and_alternatives_are_joined() -> None:
    assert chars(first_chars(r"(?<![\d.])(?:19|20)\d{2}年")) == {"1", "2"}


def test_an_optional_part_lets_the_next_part_start_too() -> None:
    assert chars(first_chars(r"(?:每|第)?[一二]?(?P<n>\d)季")) == chars(r"[每第一二\d]")


def test_what_the_reader_cannot_enumerate_gives_no_class() -> None:
    assert first_chars(r"(?i:the)\s\d") is None  # case-insensitive: ſ and K are letters of other words
    assert first_chars(r"[^年]月") is None
    assert first_chars(r".月") is None
    assert first_chars(r"(?P<a>\d)(?P=a)?|(?P=a)") is None
    assert first_chars(r"\d?") is None  # matches the empty string: anywhere


def test_the_stored_classes_are_the_ones_the_grammars_give() -> None:
    computed = {g.name: first_chars(g.pattern) for g in _grammars()}
    assert stored_first_chars(_grammars()) == {name: c for name, c in computed.items() if c is not None}
    assert len(stored_first_chars(_grammars())) >= 20


def test_a_changed_grammar_goes_without_its_stored_class(tmp_path) -> None:  # type: ignore[no-untyped-def]
    grammar = Grammar("numeric", r"(?:19|20)\d{2}年", lambda m: [])
    path = tmp_path / "first_chars.toml"
    assert write([grammar], path) == {"numeric": "[12]"}
    assert stored_first_chars([grammar], path) == {"numeric": "[12]"}
    changed = Grammar("numeric", r"(?:18|19|20)\d{2}年", lambda m: [])
    assert stored_first_chars([changed], path) == {}
    stored = tomllib.loads(path.read_text(encoding="utf-8"))["grammars"]["numeric"]
    assert stored["sha1"] == pattern_digest(grammar.pattern)


def test_the_bundled_file_is_toml_with_a_class_for_each_grammar_it_names() -> None:
    stored = tomllib.loads(FILE.read_text(encoding="utf-8"))["grammars"]
    assert set(stored) <= {g.name for g in _grammars()}
    assert all(entry["class"].startswith("[") for entry in stored.values())


PIECES = st.sampled_from(
    [
        "2024", "2024年", "1", "12", "05", "31", "3", "年", "月", "日", "号", "-", "/", ".", ":", "：", " ", "至",
        "到", "每月", "每年", "每周", "周一", "星期五", "礼拜天", "上午", "下午", "晚上", "点", "半", "时", "分",
        "一", "二", "十", "三十一", "二〇二四", "民国", "第三季度", "季度", "次月", "（", "）", "the ", "15th",
        " of each month", "March", "Jan.", " 5, ", "pm", "医保", "办理", "T", "：9:30",
    ]
)  # fmt: skip
UNGUARDED = joined(_grammars(), _first_test())


@settings(max_examples=2000)
@given(st.lists(PIECES, max_size=14).map("".join))
def test_the_date_scan_finds_what_it_finds_without_the_classes(text: str) -> None:
    found = [(m.span(), m.lastgroup, m.groupdict()) for m in _pattern().finditer(text)]
    assert found == [(m.span(), m.lastgroup, m.groupdict()) for m in UNGUARDED.finditer(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2024年1月5日起", "2024-01-05"),
        ("每月15日前缴费", "---15"),
        ("周一至周五8:30-17:30", "08:30/17:30"),
        ("下午3点办理", "15:00"),
        ("第三季度", "--Q3"),
    ],
)
def test_dates_of_every_kind_of_start_are_still_found(text: str, value: str) -> None:
    assert [e.value for e in find_dates(text)] == [value]
