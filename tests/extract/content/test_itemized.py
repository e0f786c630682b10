"""extract/content/itemized.py: a table of records is content, however short its cells, and so are the plain lists
of a page without prose; menus and layout tables laid out with <table>, and a sidebar's list beside an article's
prose, are not."""

from __future__ import annotations

from extract.content import content
from extract.content.itemized import is_data_table, is_plain_list
from extract.content.parse import parse_html

NAV = "<div class='nav'><a href='/'>首页</a> <a href='/zwgk/'>政务公开</a> <a href='/bsfw/'>办事服务</a></div>"
FOOTER = "<div class='footer'>版权所有：某某市医疗保障局 闽ICP备12345678号</div>"
OFFICES = (
    ("福州市医疗保障基金中心", "鼓楼区五四路158号", "0591-87842560"),
    ("鼓楼区医保中心", "鼓楼区湖东路168号", "0591-87512345"),
    ("台江区医保中心", "台江区工业路523号", "0591-83281234"),
    ("仓山区医保中心", "仓山区则徐大道99号", "0591-83456789"),
)


def office_table(rows: tuple[tuple[str, str, str], ...] = OFFICES) -> str:
    cells = "".join(f"<tr><td>{i}</td><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for i, (a, b, c) in enumerate(rows))
    return f"<table><tr><th>序号</th><th>经办机构</th><th>地址</th><th>咨询电话</th></tr>{cells}</table>"


def page(body: str, title: str = "医保经办机构地址及咨询电话") -> str:
    return f"<html><head><title>{title}</title></head><body>{NAV}<h1>{title}</h1>{body}{FOOTER}</body></html>"


def table_of(html: str) -> bool:
    root = parse_html(f"<html><body>{html}</body></html>")
    assert root is not None
    return is_data_table(next(root.iter("table")))


def test_a_page_whose_main_text_is_a_table_of_offices_gives_the_table() -> None:
    text = content(page(f"<div class='content'>{office_table()}</div>")).text
    for office, address, phone in OFFICES:
        assert office in text and address in text and phone in text
    assert "政务公开" not in text and "版权所有" not in text


def test_a_table_beside_the_prose_of_an_article_stays_in_it() -> None:
    prose = "<p>参保人员可到以下经办机构办理医保关系转移接续业务，办理时请携带身份证和社会保障卡。</p>"
    closing = "<p>以上地址如有变动，以各中心公告为准。</p>"
    text = content(page(f"<div class='content'>{prose}{office_table()}{closing}</div>")).text
    assert "参保人员可到以下经办机构" in text and "0591-83456789" in text and "以上地址如有变动" in text


def test_rows_of_records_with_few_links_are_a_data_table() -> None:
    assert table_of(office_table())


def test_a_menu_laid_out_as_a_table_is_no_data_table() -> None:
    cells = "<td><a href='/{i}'>医保政策{i}</a></td><td><a href='/x{i}'>办事指南{i}</a></td>"
    links = "".join(f"<tr>{cells.format(i=i)}</tr>" for i in range(6))
    assert not table_of(f"<table>{links}</table>")
    assert table_of(f"<table>{links.replace('<a ', '<span ').replace('</a>', '</span>')}</table>")


def test_a_layout_table_that_holds_a_table_is_no_data_table() -> None:
    assert not table_of(f"<table><tr><td>导航</td><td>{office_table()}</td></tr></table>")


def test_two_rows_of_label_and_value_are_too_few_to_count() -> None:
    two = "<tr><td>电话</td><td>12345</td></tr><tr><td>地址</td><td>五四路</td></tr>"
    assert not table_of(f"<table>{two}</table>")
    assert table_of(f"<table>{two}<tr><td>时间</td><td>周一</td></tr></table>")


GUIDE_LISTS = (
    "<h3>办理材料</h3><ul><li>居民身份证或社会保障卡</li><li>异地就医备案申请表</li><li>异地居住证明</li></ul>"
    "<h3>办理流程</h3><ol><li>申请人提出申请</li><li>窗口受理审核</li><li>办结并告知结果</li></ol>"
    "<h3>咨询电话</h3><ul><li>0591-12345678</li></ul>"
)


def test_a_guide_of_headed_lists_without_a_sentence_gives_its_lists() -> None:
    text = content(page(f"<div class='content'>{GUIDE_LISTS}</div>", title="异地就医备案办理流程")).text
    assert text.splitlines()[:2] == ["办理材料", "居民身份证或社会保障卡"]
    assert "窗口受理审核" in text and text.endswith("咨询电话\n0591-12345678")
    assert "政务公开" not in text and "版权所有" not in text


def test_a_short_introduction_does_not_keep_the_lists_under_it_out() -> None:
    intro = "<p>为方便群众办理，现将流程公布如下：</p>"
    text = content(page(f"<div class='content'>{intro}{GUIDE_LISTS}</div>")).text
    assert text.startswith("为方便群众办理") and "异地就医备案申请表" in text and "办结并告知结果" in text


def test_a_sidebar_list_of_short_items_stays_out_of_an_article() -> None:
    prose = "".join(
        f"<p>{sentence}</p>"
        for sentence in (
            "参保人员异地就医前，应当通过国家医保服务平台或者参保地经办机构办理备案手续。",
            "备案后在就医地定点医疗机构直接结算，报销比例按参保地规定执行，不另行降低。",
            "临时外出就医人员未办理备案的，可在出院结算前补办，并按规定享受待遇。",
        )
    )
    sidebar = "<ul><li>随笔 - 13</li><li>文章 - 0</li><li>评论 - 260</li><li>阅读 - 5万</li></ul>"
    text = content(
        page(f"<div class='main'><div class='content'>{prose}</div><div class='side'>{sidebar}</div></div>")
    ).text
    assert "备案后在就医地定点医疗机构直接结算" in text and "评论 - 260" not in text


def test_a_list_of_links_is_no_plain_list_and_a_list_of_words_is() -> None:
    root = parse_html(
        "<html><body><ul><li><a href='/1'>首页</a></li><li><a href='/2'>政务公开</a></li></ul></body></html>"
    )
    assert root is not None and not is_plain_list(next(root.iter("ul")))
    root = parse_html("<html><body><ul><li>居民身份证</li><li>社会保障卡</li></ul></body></html>")
    assert root is not None and is_plain_list(next(root.iter("ul")))
