"""Word evidence from jieba's dictionary re-ranks the character model's best guesses for a lost byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize import array_cache
from normalize.mojibake import repair
from normalize.word_evidence import cohesion, derive_table, jieba_dictionary_file

REPO = Path(__file__).resolve().parents[2]

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


DICT_TXT = "医保 500 n\n医保卡 80 n\n门诊 300 n\n门诊慢特病报销 5 n\n医保 700 n\n\n"


def test_the_table_holds_words_and_prefixes_of_up_to_four_chars() -> None:
    table = derive_table(DICT_TXT.encode())
    frequencies = dict(zip(table["words"].tolist(), table["frequencies"].tolist(), strict=True))
    # A word listed twice keeps its last frequency; a prefix that is no word has 0; longer words only their prefixes.
    assert frequencies == {"医": 0, "医保": 700, "医保卡": 80, "门": 0, "门诊": 300, "门诊慢": 0, "门诊慢特": 0}
    assert table["total"].tolist() == [500 + 80 + 300 + 5 + 700]  # every listing counts, as jieba sums them


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # jieba's import of pkg_resources
def test_the_table_is_jiebas_own_prefix_dictionary_within_four_chars() -> None:
    import jieba

    jieba.setLogLevel(60)
    jieba.dt.initialize()
    table = derive_table(jieba_dictionary_file().read_bytes())
    frequencies = dict(zip(table["words"].tolist(), table["frequencies"].tolist(), strict=True))
    assert frequencies == {word: count for word, count in jieba.dt.FREQ.items() if len(word) <= 4}
    assert int(table["total"][0]) == jieba.dt.total


COHESION_IN_A_FRESH_PROCESS = """
import sys
from normalize.word_evidence import cohesion
print(round(cohesion("涵盖了门", "诊", "、住院"), 6), "jieba" in sys.modules)
"""


def test_a_process_reads_the_table_from_the_cache_without_importing_jieba(tmp_path: Path) -> None:
    env = {**os.environ, array_cache.CACHE_ENV: str(tmp_path)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", COHESION_IN_A_FRESH_PROCESS], cwd=REPO, env=env, capture_output=True, text=True
        )
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr[-1500:]
    first, again = (run.stdout.split() for run in runs)
    assert first == again and float(first[0]) > 1 and first[1] == "False"
    assert [folder.name.startswith("word_dictionary-v") for folder in tmp_path.iterdir()] == [True]
