"""The share of common hanzi that tells a right CJK reading from mojibake (`extract.decode._cjk_plausibility`),
against its definition written out character by character: the first 4,000 ideographs or private-use code
points of the first 200,000 characters, and the share of them among the common hanzi."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.decode import _cjk_plausibility, _common_ideographs, _scores_ideographs, decode

RANGES = ((0x3400, 0x9FFF), (0xE000, 0xF8FF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))


def by_definition(text: str) -> float | None:
    sample = [c for c in text[:200_000] if any(lo <= ord(c) <= hi for lo, hi in RANGES)][:4000]
    if len(sample) < 8:
        return None
    common = _common_ideographs()
    return sum(c in common for c in sample) / len(sample)


def test_everyday_chinese_is_all_common_hanzi() -> None:
    assert _cjk_plausibility("参保人员可登录网上服务平台办理医保业务，或拨打电话咨询。") == 1.0


def test_gbk_bytes_read_as_big5_are_mostly_rare_characters() -> None:
    misread = "参保人员可登录网上服务平台办理医保业务".encode("gbk").decode("big5", errors="ignore")
    score = _cjk_plausibility(misread)
    assert score is not None and score < 0.6


def test_fewer_than_eight_ideographs_give_no_verdict() -> None:
    assert _cjk_plausibility("<p>医保 12333 Social Security</p>") is None
    assert _cjk_plausibility("<p>医保中心 医保中心</p>") == 1.0  # eight: a verdict


def test_only_the_first_4000_ideographs_count() -> None:
    assert _cjk_plausibility("医" * 4000 + "㐀" * 4000) == 1.0


def test_only_the_first_200000_characters_count() -> None:
    assert _cjk_plausibility("a" * 199_990 + "医保中心医保中心医保中心") == 1.0  # ten of twelve inside
    assert _cjk_plausibility("a" * 199_995 + "医保中心医保中心医保中心") is None  # five inside


def test_a_utf8_page_still_decodes_as_utf8() -> None:
    body = "<html><body><p>参保人员可登录网上服务平台办理医保业务。</p></body></html>".encode()
    assert decode(body, {}).encoding == "utf-8"


MIXED = st.text(
    alphabet=st.one_of(
        st.sampled_from("医保中心参加㐀㐁丟乹鿿\ue000\uf8ff\uf900\U00020000\U0003ffff\U00040000 a<>\n\ufffd"),
        st.characters(min_codepoint=0x3300, max_codepoint=0xA100),
        st.characters(),
    ),
    max_size=300,
)


@settings(max_examples=400, deadline=None)
@given(MIXED)
def test_share_matches_the_definition_on_any_text(text: str) -> None:
    assert _cjk_plausibility(text) == by_definition(text)


def test_a_score_needs_eight_ideographs_in_the_first_200000_characters() -> None:
    texts = ["医保 12333", "医保中心 医保中心", "a" * 199_992 + "医保中心医保中心", "a" * 199_993 + "医保中心医保中心"]
    assert [_scores_ideographs(text) for text in texts] == [False, True, True, False]


@settings(max_examples=400, deadline=None)
@given(MIXED)
def test_a_score_is_given_exactly_when_the_share_is_defined(text: str) -> None:
    assert _scores_ideographs(text) is (by_definition(text) is not None)
