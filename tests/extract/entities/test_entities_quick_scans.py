"""The quick scans that let most texts skip a parser (extract/email.py, url.py, docref.py) or a position skip the
date and amount grammars: each tests for what every match of the parser's pattern holds, so a text that fails it
has no match to lose. Checked on generated texts built from the pieces the patterns match, next to a presence check
on real snippets."""

from __future__ import annotations

import re
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from extract import amount_grammar
from extract.amount import find_amounts
from extract.date import _english_letters, find_dates, words
from extract.docref import _BRACKETED_YEAR, _DECREE, _REF, find_docrefs
from extract.email import _EMAIL, find_emails
from extract.url import _URL, find_urls

PIECES = st.sampled_from(
    [
        "医保", "a", "Z", "0", "19", "20", "2020", "1号", "第", "号", "令", "部", "国务院", "〔", "〕", "(", "）",
        "【", "[", "］", "@", ".", "com", "cn", "-", "_", "www", "WwW", ".", "http", "HTTPS", "://", ":/", "/", " ",
        "\n", "x@y", "\u3000",
    ]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=24).map("".join)


@settings(max_examples=500)
@given(TEXTS)
def test_every_email_match_holds_an_at_sign(text: str) -> None:
    if _EMAIL.search(text):
        assert "@" in text


@settings(max_examples=500)
@given(TEXTS)
def test_every_url_match_holds_a_scheme_or_www(text: str) -> None:
    if _URL.search(text):
        assert "://" in text or "www." in text.lower()


@settings(max_examples=500)
@given(TEXTS)
def test_every_document_number_holds_a_bracketed_year_or_a_decree_word(text: str) -> None:
    if _REF.search(text):
        assert _BRACKETED_YEAR.search(text)
    if _DECREE.search(text):
        assert "令" in text


def test_the_parsers_still_find_what_the_scans_let_through() -> None:
    assert [e.value for e in find_emails("邮箱：YLBXZHK@126.com。")] == ["ylbxzhk@126.com"]
    assert [e.value for e in find_urls("网址：WWW.si.gov.cn，")] == ["www.si.gov.cn"]
    assert [e.value for e in find_docrefs("根据《国务院令第699号》和榕政综〔2007〕249号")] == [
        "国务院令第699号",
        "榕政综〔2007〕249号",
    ]


def test_texts_without_the_scanned_characters_have_none() -> None:
    text = "参保人员可到医保中心办理，电话0591-87842560。"
    assert (find_emails(text), find_urls(text), find_docrefs(text)) == ([], [], [])


def test_the_date_scans_two_letter_test_lets_every_case_form_of_an_english_month_through() -> None:
    # every character the case-insensitive month list accepts second, Unicode case partners included
    first_letters, second_letters = _english_letters()
    every_character = "".join(map(chr, [*range(0xD800), *range(0xE000, 0x110000)]))
    for word in [*words().english_months, "the"]:
        assert word[0] in first_letters and word[0].upper() in first_letters
        accepted = set(re.findall(f"(?i:{re.escape(word[1])})", every_character))
        assert accepted <= set(second_letters), word


def test_english_dates_in_any_case_are_still_found() -> None:
    text = "Apply by 15 MARCH 2024 or by march 31, 2024; fees are due on the 15th of each month."
    assert [e.value for e in find_dates(text)] == ["2024-03-15", "2024-03-31", "---15"]
    assert find_dates("Details of the scheme are on the website.") == []


AMOUNT_PIECES = st.sampled_from(
    [
        "1", "23", "0", "2024", ".", ",", "，", " ", "人", "人民币", "人均", "民", "不", "不低于", "不超过", "低于",
        "最高", "每人每年", "每", "年", "元", "万", "万元", "千", "两", "三", "十", "百", "壹", "佰", "圆整", "$",
        "HK$", "US", "USD", "美元", "港币", "新台币", "日元", "大约", "约", "至少", "至", "上万元", "近", "数千", "个",
        "角", "毛", "分", "块", "-", "到", "%", "（含）", "医保", "C", "N", "T",
    ]
)  # fmt: skip


def _plain_first_test(words: list[str], numeral_chars: str) -> str:
    return f"(?=[{re.escape(''.join(sorted({w[0] for w in words} | set(numeral_chars))))}])"


def _amount_pattern_with_the_plain_first_test() -> re.Pattern[str]:
    with mock.patch.object(amount_grammar, "first_test", _plain_first_test):
        return amount_grammar.rules.__wrapped__().pattern


PLAIN_AMOUNT = _amount_pattern_with_the_plain_first_test()


@settings(max_examples=1500)
@given(st.lists(AMOUNT_PIECES, max_size=16).map("".join))
def test_the_amount_first_test_passes_over_no_match(text: str) -> None:
    # a digit inside a digit run and a word's head before another character start no amount
    found = [(m.span(), m.groupdict()) for m in amount_grammar.rules().pattern.finditer(text)]
    assert found == [(m.span(), m.groupdict()) for m in PLAIN_AMOUNT.finditer(text)]


def test_amounts_after_words_and_inside_digit_runs_are_still_read() -> None:
    values = [e.value for e in find_amounts("人民币3000元，人均1200元，12345元，不低于2万元，人数300人")]
    assert values == [3000, 1200, 12345, 20000]


# the reference pattern as a whole regex (a whitespace before the bracket taken into the match): slower to scan
WHOLE_REFERENCE = re.compile(r"\s?[〔\[［(（【](?P<year>(?:19|20)\d{2})[〕\]］)）】]\s?第?(?P<number>\d{1,5})号")
REF_PIECES = st.sampled_from(
    ["榕政综", "医保", " ", "\u3000", "\n", "〔", "〕", "(", "）", "2020", "1999", "第", "1", "249", "号", "令", "2"]
)


@settings(max_examples=1000)
@given(st.lists(REF_PIECES, max_size=16).map("".join))
def test_document_numbers_scanned_from_the_bracket_are_the_whole_patterns(text: str) -> None:
    expected = [(m.start(), m.end(), m.group("year"), m.group("number")) for m in WHOLE_REFERENCE.finditer(text)]
    found = []
    for m in _REF.finditer(text):
        start = m.start() - 1 if m.start() and text[m.start() - 1].isspace() else m.start()
        found.append((start, m.end(), m.group("year"), m.group("number")))
    assert found == expected


def test_a_space_before_the_bracket_parts_the_issuer_from_it() -> None:
    found = find_docrefs("按榕政综 〔2007〕249号和榕政综〔2008〕1号")
    assert [(e.text, e.value) for e in found] == [
        ("榕政综 〔2007〕249号", "榕政综〔2007〕249号"),
        ("榕政综〔2008〕1号", "榕政综〔2008〕1号"),
    ]
