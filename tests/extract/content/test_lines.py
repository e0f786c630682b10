"""extract/content/lines.py: the line model, per-element extents and the text tests every family shares."""

from __future__ import annotations

import time

import pytest

from extract.content.lines import (
    Extent,
    bare_text,
    bare_text_of,
    class_tokens,
    class_words,
    cut_page,
    headline_index,
    holds_prose,
    is_prose,
    is_spam,
    line_extents,
    same_text,
    split_lines,
    text_length,
    text_of,
    text_stats,
)
from extract.content.parse import parse_html, strip_furniture
from extract.content.vocabulary import vocabulary
from extract.decode import decode
from tests.fixture_pages import FixturePage, saved_pages

PARAGRAPH = "医疗保障服务大厅是办理医保业务的重要场所，属于人群聚集区，也是当前疫情防控重点区域。"


def tree(html: str):
    root = parse_html(html)
    assert root is not None
    return root


def texts(html: str) -> list[str]:
    return [line.text for line in split_lines(tree(html))]


# ----------------------------------------------------------------------------- lines


def test_blocks_and_br_end_a_line_and_inline_tags_do_not() -> None:
    html = "<div>办事<b>指南</b><p>第一段</p>第二<br>段<ul><li>条目一</li><li>条目<a>二</a></li></ul></div>"
    assert texts(html) == ["办事指南", "第一段", "第二", "段", "条目一", "条目二"]


def test_newlines_end_a_line_inside_pre_only() -> None:
    assert texts("<div>一行\n同一行<pre>代码一\n代码二</pre></div>") == ["一行 同一行", "代码一", "代码二"]


def test_spaces_are_collapsed_and_counted_out_of_the_characters() -> None:
    line = next(split_lines(tree("<p>  医保\u3000 业务\t网上办  </p>")))
    assert (line.text, line.chars) == ("医保 业务 网上办", 7)


@pytest.mark.parametrize("space", [" ", "\t", "\f", "\u00a0", "\u3000", "\u2002", "\u2003", "\u2009", "\u200b"])
def test_every_space_character_and_run_becomes_one_space(space: str) -> None:
    assert texts(f"<p>医保{space}{space}业务{space}办理 指南</p>") == ["医保 业务 办理 指南"]


def test_latin_text_keeps_its_single_spaces() -> None:
    line = next(split_lines(tree("<p>How to handle medical insurance in different places?</p>")))
    assert (line.text, line.chars) == ("How to handle medical insurance in different places?", 45)


def test_whitespace_between_blocks_is_no_line_and_a_line_is_stripped() -> None:
    assert texts("<div>\n  <p>\n  第一段 </p>\n\n<p>第二段</p>\n  <p> </p></div>") == ["第一段", "第二段"]


def test_spaces_opening_a_link_are_no_link_characters() -> None:
    line = next(split_lines(tree("<p>\n <a href='/1'> \u3000办事指南</a>第三条</p>")))
    assert (line.text, line.chars, line.link_chars) == ("办事指南第三条", 7, 4)


def test_a_line_counts_its_link_characters() -> None:
    line = next(split_lines(tree("<p>详见<a href='/1'>办事指南</a>第三条</p>")))
    assert (line.chars, line.link_chars, round(line.link_density, 2)) == (9, 4, 0.44)


def test_a_line_is_owned_by_its_nearest_block() -> None:
    lines = list(split_lines(tree("<div id='outer'>外层<section><span>内层</span></section></div>")))
    assert [(line.text, line.owner.tag) for line in lines] == [("外层", "div"), ("内层", "section")]


# ----------------------------------------------------------------------------- extents


def test_extents_sum_the_lines_of_each_subtree() -> None:
    root = tree("<div><p>第一段文字</p><ul><li><a href='/1'>链接</a></li><li>条目</li></ul></div>")
    lines = cut_page(root)
    div, ul = next(root.iter("div")), next(root.iter("ul"))
    assert (lines.extents[div], lines.extents[ul]) == (
        Extent(first=0, last=2, depth=3, lines=3, chars=9, link_chars=2),
        Extent(first=1, last=2, depth=4, lines=2, chars=4, link_chars=2),
    )


def test_elements_without_lines_have_no_extent() -> None:
    root = tree("<div><p>正文</p><p>   </p><span></span></div>")
    assert [element.tag for element in cut_page(root).extents] == ["p", "div", "body", "html"]


def test_extents_of_a_deeply_nested_page_are_measured_in_one_walk() -> None:
    depth = 900
    root = tree("<html><body>" + "<div><p>段落。</p>" * depth + "</div>" * depth + "</body></html>")
    extents = cut_page(root).extents
    assert (len(extents), extents[root].lines, max(extent.depth for extent in extents.values())) == (
        2 * depth + 2,
        depth,
        depth + 3,
    )


@pytest.mark.parametrize("page", saved_pages(), ids=lambda page: page.name)
def test_extents_of_the_walk_equal_a_walk_up_from_every_line(page: FixturePage) -> None:
    root = parse_html(decode(page.body).text)
    assert root is not None
    strip_furniture(root)
    lines = cut_page(root)
    walked_up = line_extents(list(lines))
    assert (list(lines.extents), lines.extents) == (list(walked_up), walked_up)


def test_the_text_of_a_subtree_holds_its_tails_inside_but_not_its_own() -> None:
    root = tree("<div><p id='p'>医保<b>报销</b>比例 <a href='/x'>查看</a>&amp; more<br/>下一行</p>尾巴</div>")
    paragraph = root.find(".//p")
    assert (text_of(paragraph), text_length(paragraph)) == ("医保报销比例 查看& more下一行", 18)
    assert text_of(root) == "医保报销比例 查看& more下一行尾巴"
    assert text_of(root.find(".//br")) == ""  # an empty element, whatever its tail


@pytest.mark.parametrize("page", saved_pages(), ids=lambda page: page.name)
def test_the_text_of_every_subtree_is_what_itertext_gives(page: FixturePage) -> None:
    root = parse_html(decode(page.body).text)
    assert root is not None
    strip_furniture(root)
    elements = [element for element in root.iter() if isinstance(element.tag, str)]
    assert len(elements) > 10
    assert [text_of(element) for element in elements] == ["".join(element.itertext()) for element in elements]


# ----------------------------------------------------------------------------- element words and text statistics


def test_class_and_id_tokens_are_split_and_lower_cased() -> None:
    element = tree("<div class='relatedNews-box main_col' id='artContent'></div>").find(".//div")
    assert class_tokens(element) == {"related", "news", "box", "main", "col", "art", "content"}


def test_class_words_are_whole_and_lower_cased() -> None:
    element = tree("<div class='Post-body  t_f' id='postmessage_1'></div>").find(".//div")
    assert class_words(element) == {"post-body", "t_f"}


def test_text_stats_measure_text_links_and_punctuation_of_every_subtree() -> None:
    root = tree("<div><p>一，二。</p><a href='/'>链接</a>尾</div>")
    div = root.find(".//div")
    stats = text_stats(root)[div]
    assert (stats.chars, stats.link_chars, stats.punct) == (7, 2, 2)


def test_prose_is_long_punctuated_text_with_few_links() -> None:
    prose = tree("<div>" + f"<p>{PARAGRAPH}</p>" * 6 + "</div>").find(".//div")
    menu = tree("<div>" + f"<a href='/'>{PARAGRAPH}</a>" * 6 + "</div>").find(".//div")
    assert (holds_prose(prose), holds_prose(menu)) == (True, False)


# ----------------------------------------------------------------------------- text tests


def test_spam_needs_several_keywords() -> None:
    vocab = vocabulary()
    assert (is_spam("九七人妻在线视频_无码一区二区_亚洲日韩乱码中文字幕在线", vocab), is_spam(PARAGRAPH, vocab)) == (
        True,
        False,
    )


def test_prose_line_has_forty_characters_and_two_stops() -> None:
    assert (is_prose(PARAGRAPH, 42), is_prose("医保业务网上办。", 8), is_prose("医" * 50, 50)) == (True, False, False)


def test_bare_text_drops_spaces_colons_and_brackets() -> None:
    assert bare_text("【 相关新闻 】：") == "相关新闻"


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("最佳答案", True),
        ("【最佳 答案】：", True),
        ("Answer:", True),
        ("最佳答案是去社保大厅办理", False),  # a sentence that opens with the heading
        ("answer", False),  # case counts, as in bare_text
        ("Best answer", False),  # a heading with a space: no line's bare text has one
        ("", False),
    ],
)
def test_a_heading_pattern_matches_the_lines_whose_bare_text_is_a_heading(text: str, matches: bool) -> None:
    headings = frozenset(("最佳答案", "Answer", "Best answer"))
    assert bool(bare_text_of(headings).fullmatch(text)) is matches
    assert (bare_text(text) in headings) is matches


def test_a_heading_pattern_costs_linear_time_on_a_run_of_brackets() -> None:
    # Two patterns of spaces and brackets side by side would split a run between them in quadratically many ways.
    heading = bare_text_of(frozenset(("最佳答案", "")))

    def cpu_seconds(count: int) -> float:
        runs = []
        for _ in range(3):
            start = time.process_time()
            for text in ("最佳答案" + "：" * count + "x", "【" * count + "x"):
                assert heading.fullmatch(text) is None
            runs.append(time.process_time() - start)
        return min(runs)

    small, large = cpu_seconds(50_000), cpu_seconds(200_000)
    assert large < 8 * small


def test_same_text_ignores_whitespace_and_typography_only() -> None:
    assert (same_text("烟台 医保\n业务", "烟台医保业务"), same_text("烟台医保", "烟台医保业务")) == (True, False)
    # A <title> typed plainly says the same as a headline printed with curly quotes, dashes or full-width forms.
    assert same_text("This Cat’s Halloween Costume — a “Squee”", 'This Cat\'s Halloween Costume - a "Squee"')
    assert same_text("关于调整医保待遇的通知（一）：门诊", "关于调整医保待遇的通知(一):门诊")
    assert not same_text("This Cat’s Halloween Costume", "This Dog's Halloween Costume")
    assert not same_text("关于调整医保待遇的通知（一）", "关于调整医保待遇的通知(二)")


def test_same_text_compares_every_line_with_one_title_and_long_texts_alike() -> None:
    title = "关于调整 医保业务经办方式的通知"
    lines = ["关于调整医保业务经办方式的通知", "关于调整医保业务经办方式", "关于 调整医保业务经办方式的通知 "]
    assert [same_text(line, title) for line in lines] == [True, False, True]
    long = "医保 业务\t" * 400
    assert (same_text(long.replace(" ", ""), long), same_text(long + "办", long)) == (True, False)


def test_the_headline_is_an_h1_or_h2_saying_the_title_else_the_one_h3_that_says_it() -> None:
    def index(body: str) -> int | None:
        root = parse_html(f"<html><body>{body}</body></html>")
        assert root is not None
        return headline_index(cut_page(root), "This is Not a Photograph")

    post = "<p>No matter how long I stare at this, I still can't believe this is a pencil drawing.</p>"
    assert index(f"<h2>Dude Craft</h2><h3><a href='/p'>This is Not a Photograph</a></h3>{post}") == 1
    assert index(f"<h3>This is Not a Photograph</h3><h1>This is Not a Photograph</h1>{post}") == 1
    # A list of teasers prints every story's headline in an <h3>, this page's own among them: no headline there.
    teasers = "".join(f"<h3>{t}</h3>{post}" for t in ("This is Not a Photograph", "Fast 250 Fernseher gestohlen"))
    assert index(teasers) is None
