"""Machine-translation artefacts in English pages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.mt_artifacts import _patterns, repair


def test_year_split_by_the_translator_is_joined(seed_texts: dict[str, str]) -> None:
    line = seed_texts["004_7fba2a0f1f5dd164.txt"].splitlines()[0]
    assert line == "20 17 how to handle medical insurance in different places?"
    assert repair(line)[0] == "2017 how to handle medical insurance in different places?"


def test_year_split_inside_a_sentence_is_joined() -> None:
    assert repair("The policy was adjusted in 20 19, and again in 20 21.")[0] == (
        "The policy was adjusted in 2019, and again in 2021."
    )


@pytest.mark.parametrize(
    "text",
    [
        "scores of 10 20 17 and 30",
        "ages 20 17 18 and 19",
        "at 20:17 the office closes",
        "20 17岁以下",  # Chinese line: not an English translation
        "1.20 17 times",
    ],
)
def test_numbers_that_are_not_a_split_year_stay(text: str) -> None:
    assert repair(text) == (text, [])


def test_garbled_number_is_blanked_so_no_parser_reads_it() -> None:
    text, repairs = repair("the subsidy is 65438+0000 yuan per person")
    assert text == "the subsidy is 〓 yuan per person"
    assert [(r.kind, r.before) for r in repairs] == [("mt", "65438+0000")]
    assert not any(c.isdigit() for c in text)


@pytest.mark.parametrize("text", ["20 00 65438+ yuan", "20 00 〓 yuan", "20 00〓"])
def test_digits_before_a_garbled_number_are_no_year_whether_it_is_blanked_out_yet_or_not(text: str) -> None:
    assert repair(text)[0] == text.replace("65438+", "〓")  # `20 00` stays apart: normalize is idempotent


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from("1920 0917.,:\n医a"), max_size=40))
def test_the_quick_scan_for_a_split_year_never_skips_one(text: str) -> None:
    year, _, _, ideograph = _patterns()
    lines = [line for line in text.split("\n") if ideograph.search(line) is None]
    assert [r.before for r in repair(text)[1]] == [m.group(0) for line in lines for m in year.finditer(line)]
