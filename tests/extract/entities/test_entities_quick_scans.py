"""The quick scans that let most texts skip a parser (extract/email.py, url.py, docref.py) or a position skip the
date grammars: each tests for what every match of the parser's pattern holds, so a text that fails it has no match
to lose. Checked on generated
texts built from the pieces the patterns match, next to a presence check on real snippets."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

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
