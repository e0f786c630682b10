"""Mojibake repair: GBK decoded one byte off (the 16 cases of tests/fixtures/mojibake), and UTF-8 read as cp1252."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normalize import gbk_offset
from normalize.mojibake import repair, repair_latin
from tests.fixture_pages import gold_pages
from tools.gbk_damage import damage

CASES = [
    json.loads(line)
    for line in (Path(__file__).parents[1] / "fixtures" / "mojibake" / "repair_cases.jsonl").read_text().splitlines()
]


def fold_wide(text: str) -> str:
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)


@pytest.mark.parametrize("case", CASES, ids=[f"{i:02d}-{c['source']}" for i, c in enumerate(CASES, 1)])
def test_repair_case(case: dict[str, str]) -> None:
    assert fold_wide(repair(case["input"])[0]) == fold_wide(case["expected"])


def test_run_ending_in_a_trail_byte_is_one_repair() -> None:
    text, repairs = repair("基本醫(yī)?;\ue2ae鹬Ц堕T診醫(yī)療費")
    assert text == "基本醫(yī)保基金支付門診醫(yī)療費"
    assert [(r.kind, r.offset, r.before, r.after) for r in repairs] == [
        ("mojibake", 7, "?;\ue2ae鹬Ц堕T", "保基金支付門")
    ]


def test_swallowed_parenthesis_of_a_reading_is_put_back() -> None:
    damaged = CASES[5]["input"]
    assert damaged.endswith("慕?jīng)濟損失")
    text = repair(damaged)[0]
    assert text.endswith("所造成的經(jīng)濟損失")


def test_real_question_mark_before_digits_stays() -> None:
    text = "比例上有哪些區(qū)別?2月20日石家莊市醫(yī)保中心"
    assert repair(text) == (text, [])


@pytest.mark.parametrize(
    "text",
    [
        "怎么办理医保?对此,昨日记者从市医保中心了解到",
        "社保卡丢了怎么办?可以到社保中心挂失。",
        "办理常驻外地就医?市医保中心相关负责人介绍",
        "How to apply? First, bring your card.",
        "网址 http://www.example.com/index.php?id=12&page=3",
    ],
)
def test_clean_text_with_question_marks_is_unchanged(text: str) -> None:
    assert repair(text) == (text, [])


def test_simulated_damage_is_undone() -> None:
    clean = "参保人员可以持社保卡到定点医院就医。"
    damaged = damage(clean, 3, 30)
    assert damaged is not None and damaged != clean
    assert fold_wide(repair(damaged)[0]) == clean


def test_run_whose_last_byte_paired_with_an_ascii_letter_is_repaired() -> None:
    # 台 is CC A8: its trail A8 paired with the `A` (0x41) of `APP` into ˋ (A841), which took the `A` along.
    damaged = damage("下载国家医保服务平台APP办理。", 9, 10)
    assert damaged == "下载国家医保服务平?ˋPP办理。"
    assert repair(damaged)[0] == "下载国家医保服务平台APP办理。"


def test_utf8_read_as_cp1252_is_repaired() -> None:
    assert repair_latin("è¯´æ˜Ž: åä¿ç»è®°")[0] == "说明: 参保登记"


def test_utf8_read_as_latin1_survives_hygiene_and_is_repaired() -> None:
    from normalize import normalize

    mangled = "医保中心电话".encode().decode("latin-1")
    assert normalize(mangled).text == "医保中心电话"


def test_latin_repair_reports_only_the_changed_span() -> None:
    _, repairs = repair_latin("电话 è¯´æ˜Ž 12333")
    assert [(r.offset, r.before, r.after) for r in repairs] == [(3, "è¯´æ˜Ž", "说明")]


@pytest.mark.parametrize("text", ["café “quoted” naïve", "Ｗｉｄｅ ｔｅｘｔ", "「持卡就医」 ‘实时结算’ — ok…"])
def test_ftfy_never_alters_clean_text(text: str) -> None:
    assert repair(text) == (text, [])


@pytest.mark.parametrize("question", ["?", "??"])
def test_thousands_of_real_question_marks_are_left_alone(question: str) -> None:
    # Every sentence mark of the gold pages written as ASCII `?`: thousands of real `?`, none a damaged run.
    for page in gold_pages():
        assert page.gold is not None
        text = page.gold
        for mark in "？！。，":
            text = text.replace(mark, question)
        assert repair(text)[1] == [], page.name


def test_question_marks_of_a_lossy_conversion_try_a_bounded_number_of_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every `?` of `医保卡?…` opens up to 20 candidate runs, each scored by the model (≈ 2 ms a `?` before the
    # budget): a 16 MB page of them would take hours. Damaged text tries 0.04 runs a character or fewer.
    tried: list[object] = []
    find_runs = gbk_offset._find_runs

    def counted(line: str, start: int) -> list:  # type: ignore[type-arg]
        runs = find_runs(line, start)
        tried.extend(runs)
        return runs

    monkeypatch.setattr(gbk_offset, "_find_runs", counted)
    lossy = "医保卡?" * 2500
    repair(lossy)
    budget = max(gbk_offset._RUN_BUDGET_FLOOR, int(len(lossy) * gbk_offset._RUN_BUDGET_PER_CHAR))
    assert len(tried) <= budget + gbk_offset._MAX_RUN  # the last start looked at may find more than it is granted
    damaged = "2024年度太原职?ひ奖1ㄏ\ue324\ue479吆\ue131橇嗣耪?、住院、大病保险和门诊慢特病等多个方面。"
    assert repair(damaged + "\n" + "医保卡?" * 2000)[0].startswith("2024年度太原职工医保报销政策涵盖了门诊、住院")


@pytest.mark.parametrize(
    "lossy",
    ["参?保?人?员?可?以?到?医?保?经?办?机?构?", "医?保?医?保?", "医保?卡?丢了?"],
    ids=["after every character", "a pair repeated", "after one or two"],
)
def test_a_question_mark_after_every_character_or_two_is_a_lossy_conversions_and_stays(lossy: str) -> None:
    # A conversion that could not encode a character wrote `?` for it (or after each): no byte offset writes
    # three runs a character or two apart. The text is left as it is, and offset damage beside it is repaired.
    assert repair(lossy) == (lossy, [])
    damaged = "基本醫(yī)?;\ue2ae鹬Ц堕T診醫(yī)療費"
    assert repair(f"{damaged}，{lossy}")[0] == f"基本醫(yī)保基金支付門診醫(yī)療費，{lossy}"


def test_full_width_question_mark_never_starts_a_run() -> None:
    # A decoder writes U+FFFD (or `?` once folded) for a lost byte, never `？`.
    text = "医保卡丢了怎么办？;\ue2ae鹬Ц堕T"
    assert repair(text)[0].startswith("医保卡丢了怎么办？")
