"""The seed pages after normalize(): what the issue asks of each."""

from __future__ import annotations

import re
from functools import cache

import pytest

from normalize import normalize
from normalize.mojibake import repair

SEED_000 = "000_431cd35e18da4b04.txt"
READING = re.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")

# The 22 real question marks of seed 000 (folded from ？), each by the text right before it.
REAL_QUESTIONS = [
    "定點醫(yī)院變更?",
    "手續(xù)呢?",
    "哪些區(qū)別?",
    "高支付限額是多少?",
    "計支付限額是多少?",
    "度支付限額為多少?",
    "外地就醫(yī)?",
    "每年什么時間辦理?",
    "心上班時間是什么?",
    "班時間是什么時候?",
    "大概是幾點?",
    "特別充裕嗎?",
    "進行防范?",
    "住院手續(xù)?",
    "方式通知?",
    "怎么咨詢?",
    "電話是多少?",
    "中心辦理?",
    "職能有哪些?",
    "專家?guī)?,?guī)范",  # three: a reading on a `?` is not a damaged run
]


@cache
def normalized(text: str, script: str = "hans") -> str:
    return normalize(text, script=script).text


def test_seed_000_has_no_private_use_chars_euro_or_readings(seed_texts: dict[str, str]) -> None:
    text = normalized(seed_texts[SEED_000])
    assert not re.search("[\ue000-\uf8ff]", text)
    assert "€" not in text
    assert not READING.search(text)


def test_seed_000_has_nothing_t2s_would_still_change(seed_texts: dict[str, str]) -> None:
    import opencc

    text = normalized(seed_texts[SEED_000])
    assert opencc.OpenCC("t2s.json").convert(text) == text


def test_seed_000_real_question_marks_are_untouched(seed_texts: dict[str, str]) -> None:
    source = seed_texts[SEED_000]
    repaired, repairs = repair(source)
    kept = repaired.count("?")
    assert kept == 22
    for context in REAL_QUESTIONS:
        position = source.index(context)
        end = position + len(context)
        assert not any(r.offset < end and r.offset + len(r.before) > position for r in repairs), context


def test_seed_000_damaged_runs_are_repaired(seed_texts: dict[str, str]) -> None:
    _, repairs = repair(seed_texts[SEED_000])
    assert len([r for r in repairs if r.kind == "mojibake"]) >= 50
    assert all(r.before[0] == "?" for r in repairs)


@pytest.mark.parametrize(
    "damaged, restored",
    [
        ("以“全覆蓋、?;\ue2a2?、多層次", "以“全覆蓋、保基本、多層次"),
        ("社保卡欠費、??ǖ脑p騙活動", "社保卡欠費、停卡的詐騙活動"),
        (
            "若醫(yī)??ㄔ趻焓\ue7a5氨幻坝茫\ue0e6\ue2c5斐傻慕?jīng)濟損失",
            "若醫(yī)保卡在掛失前被冒用，所造成的經(jīng)濟損失",
        ),
    ],
)
def test_seed_000_runs_in_context(seed_texts: dict[str, str], damaged: str, restored: str) -> None:
    assert damaged in seed_texts[SEED_000]
    assert repair(damaged)[0] == restored


@pytest.mark.parametrize(
    "name",
    ["001_e1c9b5aaf9d22bb4.txt", "002_90ac2660561ad18d.txt", "003_aabc76e0265d79f6.txt", "004_7fba2a0f1f5dd164.txt"],
)
def test_other_seeds_get_no_mojibake_repair(seed_texts: dict[str, str], name: str) -> None:
    assert [r for r in normalize(seed_texts[name]).repairs if r.kind == "mojibake"] == []


def test_seed_readings_are_all_removed(seed_texts: dict[str, str]) -> None:
    for name in (SEED_000, "001_e1c9b5aaf9d22bb4.txt"):
        assert not READING.search(normalized(seed_texts[name], "keep"))


def test_seed_real_parentheticals_are_all_kept(seed_texts: dict[str, str]) -> None:
    for name in (SEED_000, "001_e1c9b5aaf9d22bb4.txt"):
        source = seed_texts[name]
        real = len(re.findall(r"\((?![a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\))", source))
        assert normalized(source, "keep").count("(") == real
    kept = normalized(seed_texts[SEED_000], "keep") + normalized(seed_texts["001_e1c9b5aaf9d22bb4.txt"], "keep")
    for parenthetical in ("(0591)", "(010)", "(煙社保函〔2020〕1號)", "(身份證、戶口簿等)", "(一年以上)"):
        assert parenthetical in kept


def test_seed_line_structure_is_preserved(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        assert normalized(text).count("\n") == text.count("\n")
