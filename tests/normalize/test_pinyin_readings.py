"""Pinyin readings left by a script converter go; real parentheticals stay."""

from __future__ import annotations

import re

import pytest

from normalize.pinyin_readings import remove_readings


def test_readings_after_characters_are_removed() -> None:
    assert remove_readings("醫(yī)保當(dāng)前區(qū)域發(fā)放")[0] == "醫保當前區域發放"


def test_reading_with_u_umlaut_tone_is_removed() -> None:
    assert remove_readings("綠(lǜ)色通道")[0] == "綠色通道"


def test_reading_in_full_width_parentheses_is_removed() -> None:
    assert remove_readings("醫（yī）療")[0] == "醫療"


def test_each_reading_is_reported() -> None:
    _, repairs = remove_readings("區(qū)別")
    assert [(r.kind, r.offset, r.before, r.after) for r in repairs] == [("pinyin", 1, "(qū)", "")]


def test_consecutive_readings_after_a_character_go_together() -> None:
    assert remove_readings("醫(yī)(yì)療")[0] == "醫療"


def test_consecutive_readings_after_a_latin_letter_all_stay() -> None:
    # the second reading follows a bracket, not the ideograph: the whole run stays, as the first one does
    assert remove_readings("X(yī)(yì)療與醫(yī)")[0] == "X(yī)(yì)療與醫"


def test_reading_at_the_start_of_the_text_stays() -> None:
    assert remove_readings("(yī)療") == ("(yī)療", [])


@pytest.mark.parametrize(
    "text",
    [
        "咨詢電話:(0591)87842560",
        "電話:(010)12333",
        "申請人應提交:①本人身份證(身份證)原件",
        "按《通知》(煙社保函〔2020〕1號)執行",
        "社會保險(medical insurance)",
        "港澳臺人員(一年以上)",
        " (一)單位參保繳費業務",
        "含社區(shequ)",  # no tone mark: not taken for a reading
        "by the foreign social insurance (medical insurance) agencies",
        "café (é) after a Latin letter",
    ],
)
def test_real_parentheticals_stay(text: str) -> None:
    assert remove_readings(text) == (text, [])


def test_seed_readings_are_all_removed_and_real_parentheticals_kept(seed_texts: dict[str, str]) -> None:
    text = seed_texts["001_e1c9b5aaf9d22bb4.txt"]
    cleaned, repairs = remove_readings(text)
    assert len(repairs) == 236
    assert "(jì)" not in cleaned and "(yī)" not in cleaned
    assert "(煙社保函〔2020〕1號)" in cleaned
    assert cleaned.count("(") == len(re.findall(r"\((?![a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])", text))
