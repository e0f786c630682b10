"""normalize(): the stages composed in order, and the invariants every caller relies on."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from normalize import Normalized, normalize


def test_readings_removed_then_simplified() -> None:
    assert normalize("醫(yī)保當(dāng)前區(qū)域發(fā)放").text == "医保当前区域发放"


def test_keep_script_only_removes_readings() -> None:
    assert normalize("醫(yī)保當(dāng)前", script="keep").text == "醫保當前"


def test_repairs_are_listed_in_stage_order() -> None:
    result = normalize("\u200b醫(yī)療２０萬元")
    assert list(dict.fromkeys(r.kind for r in result.repairs)) == ["hygiene", "pinyin", "script", "width"]


def test_english_page_gets_only_mt_repairs(seed_texts: dict[str, str]) -> None:
    result = normalize(seed_texts["004_7fba2a0f1f5dd164.txt"])
    assert {r.kind for r in result.repairs} == {"mt"}


def test_simplified_seed_passes_unchanged(seed_texts: dict[str, str]) -> None:
    text = seed_texts["003_aabc76e0265d79f6.txt"]
    assert normalize(text) == Normalized(text, [])


def test_unknown_script_is_a_value_error() -> None:
    try:
        normalize("医保", script="latin")
    except ValueError as exc:
        assert "unknown script" in str(exc)
    else:
        raise AssertionError("expected ValueError")


# Clean simplified text: sentences built from the vocabulary of the simplified seed page.
_SIMPLIFIED_WORDS = sorted(
    {
        "办理",
        "职工",
        "医保",
        "统筹",
        "步骤",
        "确认",
        "资格",
        "退休",
        "人员",
        "灵活",
        "就业",
        "材料",
        "身份证",
        "户口簿",
        "劳动",
        "合同",
        "营业执照",
        "线上",
        "线下",
        "平台",
        "提交",
        "申请",
        "审核",
        "缴费",
        "开通",
        "报销",
        "医院",
        "医保卡",
        "手续",
        "建议",
        "咨询",
        "部门",
        "流程",
        "12333",
        "2024年",
        "3月",
        "85%",
    }
)
# Canonical (full-width) punctuation; an ASCII `?` in real text is covered by
# test_mojibake.py::test_thousands_of_real_question_marks_are_left_alone.
_PUNCT = ["，", "。", "：", "；", "？", "！", "、", "（", "）", "《", "》", " ", "\n"]
simplified_text = st.lists(st.sampled_from(_SIMPLIFIED_WORDS + _PUNCT), max_size=60).map("".join)


@given(simplified_text)
def test_clean_simplified_text_passes_unchanged(text: str) -> None:
    assert normalize(text) == Normalized(text, [])


# Any text, plus the pieces the repairs act on: run starts and ends, GBK user-area chars, readings, full-width
# forms, Latin-1 mojibake bytes, lone surrogates, line breaks.
_PIECES = [
    "?",
    "\ufffd",
    "€",
    ";",
    "\ue2ae",
    "鹬",
    "Ц",
    "堕",
    "T",
    "醫",
    "保",
    "卡",
    "(yī)",
    "yī)",
    "２０",
    "ａ",
    "20 17",
    "65438+0",
    "Ã",
    "\x80",
    "\xad",
    "\xa0",
    "\u3000",
    "\u200b",
    "\ud800",
    "\n",
    "？",
    "（0591）",
]
any_text = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(st.sampled_from(_PIECES), st.characters()), max_size=30).map("".join),
)


@settings(max_examples=300)
@given(any_text)
@example("20 00 65438+")  # a split-year look-alike before a garbled number
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


@settings(max_examples=300)
@given(any_text)
def test_no_line_is_lost_or_merged(text: str) -> None:
    assert normalize(text).text.count("\n") == text.count("\n")
