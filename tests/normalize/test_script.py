"""Script: OpenCC t2s by default, s2t for hant, nothing for keep."""

from __future__ import annotations

import pytest

from normalize.repair import Repair
from normalize.script import convert


def test_traditional_becomes_simplified_by_default() -> None:
    assert convert("醫保當前區域發放")[0] == "医保当前区域发放"


def test_t2s_does_not_rewrite_taiwan_vocabulary() -> None:
    # tw2sp would turn 軟體 into 软件; t2s only converts characters.
    assert convert("軟體")[0] == "软体"


def test_hant_converts_simplified_to_traditional() -> None:
    assert convert("医保中心", "hant")[0] == "醫保中心"


def test_keep_changes_nothing() -> None:
    assert convert("醫保中心", "keep") == ("醫保中心", [])


def test_changed_characters_are_reported_as_spans() -> None:
    _, repairs = convert("到醫療保險")
    assert [(r.offset, r.before, r.after) for r in repairs] == [(1, "醫療", "医疗"), (4, "險", "险")]


def test_runs_at_both_ends_of_the_text_are_reported_whole() -> None:
    _, repairs = convert("醫療到保險")
    assert [(r.kind, r.offset, r.before, r.after) for r in repairs] == [
        ("script", 0, "醫療", "医疗"),
        ("script", 4, "險", "险"),
    ]


def test_reported_repairs_are_immutable_records_equal_to_constructed_ones() -> None:
    _, [repair] = convert("醫")
    assert repair == Repair("script", 0, "醫", "医")
    assert hash(repair) == hash(Repair("script", 0, "醫", "医"))
    assert repr(repair) == "Repair(kind='script', offset=0, before='醫', after='医')"
    with pytest.raises(AttributeError):
        repair.after = "x"  # type: ignore[misc]


def test_simplified_text_is_unchanged() -> None:
    text = "办理职工医保统筹的步骤如下:确认自己是否符合办理职工医保统筹的条件。"
    assert convert(text) == (text, [])


def test_unknown_script_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown script"):
        convert("医保", "latin")


def test_latin_text_with_curly_quotes_passes_unchanged_and_a_character_after_them_is_converted() -> None:
    assert convert("It’s the insured’s card – “social security”") == ("It’s the insured’s card – “social security”", [])
    assert convert("It’s 醫保")[0] == "It’s 医保"
