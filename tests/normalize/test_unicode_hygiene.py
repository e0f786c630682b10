"""Unicode hygiene: invisible characters out, look-alike spaces unified, the text itself untouched."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.unicode_hygiene import clean


def test_zero_width_space_inside_a_phone_number_is_removed() -> None:
    assert clean("电话：0591-8784\u200b2560")[0] == "电话：0591-87842560"


def test_byte_order_mark_and_soft_hyphen_are_removed() -> None:
    assert clean("\ufeff医保\u00ad中心")[0] == "医保中心"


def test_letters_that_print_as_nothing_are_removed_and_hangul_stays() -> None:
    # Hangul fillers and the blank braille pattern fake a blank text; a Korean word around them stays.
    assert clean("\u3164\u3164\u2800\uffa0\u115f\u1160")[0] == ""
    assert clean("보험\u3164공단 ⠁")[0] == "보험공단 ⠁"


def test_nbsp_and_ideographic_space_become_ascii_space() -> None:
    assert clean("来源:胶东在线\xa0\xa02020-02-03\u3000一、参保")[0] == "来源:胶东在线  2020-02-03 一、参保"


def test_stray_control_characters_go_but_tab_and_newlines_stay() -> None:
    assert clean("第一行\x07\t甲\r\n第二行\x1b")[0] == "第一行\t甲\r\n第二行"


def test_private_use_characters_are_left_for_the_mojibake_stage() -> None:
    assert clean("醫(yī)?;\ue2ae鹬Ц堕T診")[0] == "醫(yī)?;\ue2ae鹬Ц堕T診"


def test_each_removal_is_reported_with_its_offset() -> None:
    _, repairs = clean("a\u200bb\xa0c")
    assert [(r.offset, r.before, r.after) for r in repairs] == [(1, "\u200b", ""), (3, "\xa0", " ")]


def test_clean_text_is_returned_as_is() -> None:
    text = "参保人员可以持社保卡到定点医院就医。"
    assert clean(text) == (text, [])


def test_lone_surrogates_are_removed() -> None:
    # They cannot be written as UTF-8 (OpenCC and every writer downstream would fail on them).
    assert clean("医\ud800保\udfff卡")[0] == "医保卡"


# The quick scan for any listed character only decides whether the rules run: on any text, the result is the
# rules' own substitution.
HYGIENE_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("医保 a\t\n\r\x00\x07\x7f\x80\x9f\xa0\xa1\xad\xc3\xe9\xff\u200b\u2060\ufeff\u3000\u202f\ud800"),
        st.characters(),
    ),
    max_size=60,
)


@settings(max_examples=400)
@given(HYGIENE_TEXT)
def test_the_quick_scan_never_skips_a_rule(text: str) -> None:
    from normalize.repair import substitute
    from normalize.unicode_hygiene import _pattern

    expected = substitute(_pattern(), text, "hygiene", lambda m: " " if m.lastgroup == "space" else "")
    assert clean(text) == expected
