"""extract/content/metadata.py: title, site, published_at, author and lang of a page."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.content.lines import Line, split_lines
from extract.content.metadata import byline_author, byline_date, fill_metadata, first_heading, text_lang
from extract.content.parse import parse_html
from extract.content.vocabulary import vocabulary
from extract.document import Document

PARAGRAPH = "医疗保障服务大厅是办理医保业务的重要场所，属于人群聚集区，也是当前疫情防控重点区域。"


def metadata(head: str, body: str = "") -> Document:
    root = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    assert root is not None
    document = Document(url=None)
    fill_metadata(root, document, vocabulary())
    return document


def lines(body: str) -> list:
    root = parse_html(f"<html><body>{body}</body></html>")
    assert root is not None
    return list(split_lines(root))


def test_title_is_the_heading_the_title_tag_contains_and_the_site_its_suffix() -> None:
    document = metadata("<title>烟台医保业务网上办_胶东在线</title>", "<h1>胶东在线</h1><h1>烟台医保业务网上办</h1>")
    assert (document.title, document.site) == ("烟台医保业务网上办", "胶东在线")


def test_without_a_matching_heading_the_title_tag_loses_its_site_suffix() -> None:
    assert metadata("<title>职工医保统筹怎么办理 - 福州市医疗保障局</title>").title == "职工医保统筹怎么办理"


def test_site_named_by_a_copyright_line_is_not_the_title() -> None:
    document = metadata(
        "<title>公司公告 - 东方阿尔法基金管理有限公司</title>", "<p>东方阿尔法基金管理有限公司 版权所有</p>"
    )
    assert document.title == "公司公告"


def test_og_meta_gives_title_site_time_and_author() -> None:
    head = (
        "<meta property='og:title' content='异地就医备案办理流程'><meta property='og:site_name' content='国家医保局'>"
        "<meta property='article:published_time' content='2024-05-13T16:23:00+08:00'>"
        "<meta name='author' content='王乐文'>"
    )
    document = metadata(head)
    assert (document.title, document.site, document.published_at, document.author) == (
        "异地就医备案办理流程",
        "国家医保局",
        "2024-05-13T16:23:00",
        "王乐文",
    )


def test_software_credit_and_urls_in_meta_author_are_not_authors() -> None:
    heads = [
        "<meta name='author' content='Discuz! Team and Comsenz UI Team'>",
        "<meta name='author' content='www.gov.cn'>",
    ]
    assert [metadata(head).author for head in heads] == [None, None]


def test_time_element_dates_the_page_without_meta() -> None:
    assert metadata("", "<time datetime='2021-01-20 04:29:44'>三年前</time>").published_at == "2021-01-20T04:29:44"


def test_a_date_in_english_words_dates_the_page_after_any_machine_written_one() -> None:
    assert metadata("", "<time>Updated May 1, 2024</time>").published_at == "2024-05-01"
    head = "<meta property='article:published_time' content='November 18, 2019 8:54 am'>"
    assert metadata(head).published_at == "2019-11-18T08:54"
    assert metadata(head, "<time datetime='2019-11-18T16:54:19Z'>Nov 18</time>").published_at == "2019-11-18T16:54:19"


def test_labelled_date_under_the_headline_is_the_byline_date() -> None:
    page = lines(
        "<p>今天是2024年6月1日</p><h1>烟台医保业务网上办</h1><div>来源：胶东在线 发布时间：2020-02-03 09:35</div>"
        f"<p>{PARAGRAPH}</p>"
    )
    assert byline_date(page, "烟台医保业务网上办", vocabulary()) == "2020-02-03T09:35"


def test_unlabelled_date_without_a_headline_is_not_trusted() -> None:
    assert byline_date(lines(f"<p>2024年6月1日 星期六</p><p>{PARAGRAPH}</p>"), None, vocabulary()) is None


def test_author_label_names_the_author() -> None:
    assert byline_author(lines("<div>作者：栗思 来源：人民网</div>")) == "栗思"


@pytest.mark.parametrize(
    ("html", "author"),
    [
        ("<p>撰文／王小明 摄影／李四</p>", "王小明"),
        ("<p>（文/陈静）</p>", "陈静"),
        ("<p>本文/仅供参考</p>", None),  # 文 inside a word is no label
        ("<p>来源：人民网 编辑：张三</p>", None),
    ],
)
def test_author_labels_stand_as_words_of_their_own(html: str, author: str | None) -> None:
    assert byline_author(lines(html)) == author


def test_language_is_read_from_the_text_not_the_attribute() -> None:
    root = parse_html(f"<html lang='en'><body><p>{PARAGRAPH}</p></body></html>")
    english = parse_html("<html lang='zh'><body><p>Apply for the card at the service hall.</p></body></html>")
    assert root is not None and english is not None
    assert (text_lang(root, list(split_lines(root))), text_lang(english, list(split_lines(english)))) == ("zh", "en")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("医保 cardholder", "zh"),  # a CJK character weighs six Latin letters: 2 against 10
        ("医保 abcdefghijkl", "zh"),  # 2 against 12: a tie is Chinese
        ("医保 abcdefghijklm", "en"),  # 2 against 13
        ("医保 0591-87842560 转 8001 (24h)", "zh"),  # digits and signs are neither
        ("0591-87842560", None),
        # long samples, counted a part at a time: the characters that decide may come last
        ("a" * 700 + "医" * 100, "en"),
        ("a" * 600 + "医" * 100, "zh"),
        ("医" * 100 + "1" * 600 + "a" * 600, "zh"),
        ("1" * 600 + "医" * 100 + "a" * 601, "en"),
        # letters outside ASCII and A–Z are neither: accented, Greek, full-width, emoji
        ("Ωμέγα ÿ ａｂｃ 😀", None),
        ("ü" * 300 + "abcdefg 医", "en"),  # 1 against 7, many characters outside ASCII
        ("ü" * 300 + "abcdef 医", "zh"),  # 1 against 6
        ("é" * 5 + "a" * 36 + "医" * 6, "zh"),  # 6 against 36: the tie again
    ],
)
def test_language_weighs_cjk_characters_against_latin_letters(text: str, lang: str | None) -> None:
    root = parse_html(f"<html><body><p>{text}</p></body></html>")
    assert root is not None and text_lang(root, list(split_lines(root))) == lang


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="医保a Z1，éΩ😀", max_size=60), max_size=40))
def test_language_is_the_weight_of_all_cjk_characters_against_all_latin_letters(texts: list[str]) -> None:
    root = parse_html("<p>x</p>")
    assert root is not None
    lines = [Line(root, text, len(text), 0) for text in texts]
    sample = "".join(texts)
    cjk, latin = sum(ch in "医保" for ch in sample), sum(ch in "aZ" for ch in sample)
    expected = None if cjk == latin == 0 else ("zh" if cjk * 3 >= latin * 0.5 else "en")
    assert text_lang(root, lines) == expected


def test_first_heading_skips_one_character_headings() -> None:
    root = parse_html("<h1>医</h1><h2>办事指南</h2>")
    assert root is not None and first_heading(root) == "办事指南"
