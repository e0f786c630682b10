"""Word evidence from jieba's dictionary re-ranks the character model's best guesses for a lost byte."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.mojibake import repair
from normalize.word_evidence import cohesion

IDEOGRAPHS = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=6)


def test_a_dictionary_word_across_the_slot_is_evidence() -> None:
    assert cohesion("涵盖了门", "诊", "、住院") > cohesion("涵盖了门", "站", "、住院") + 1


def test_a_sentence_mark_joins_no_word() -> None:
    assert cohesion("不予支付", "。", "基本医保") == 0


def test_a_char_alone_gets_nothing() -> None:
    assert cohesion("", "诊", "") == 0


@settings(max_examples=200, deadline=None)
@given(IDEOGRAPHS, IDEOGRAPHS, IDEOGRAPHS)
def test_cohesion_is_never_negative(left: str, middle: str, right: str) -> None:
    # Segmenting apart is one of the splits of the whole, so the whole can only do better.
    assert cohesion(left, middle, right) >= -1e-9


def test_the_word_decides_the_lost_lead_byte() -> None:
    # The trigram model alone reads 门站 (站 and 诊 share the trail byte); the dictionary knows 门诊.
    damaged = "2024年度太原职?ひ奖1ㄏ\ue324\ue479吆\ue131橇嗣耪?、住院、大病保险和门诊慢特病等多个方面。"
    assert repair(damaged)[0] == "2024年度太原职工医保报销政策涵盖了门诊、住院、大病保险和门诊慢特病等多个方面。"


def test_words_earn_back_part_of_an_unmarked_margin() -> None:
    # Nothing but its `?`s marks this run; 把医院 joins words that `?岩皆?` does not.
    assert repair("一定要?岩皆?告倒!")[0] == "一定要把医院告倒!"


def test_words_between_real_question_marks_earn_nothing() -> None:
    assert repair("怎么办?医保?门诊?住院?")[0] == "怎么办?医保?门诊?住院?"
