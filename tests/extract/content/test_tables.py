"""extract/content/tables.py: a table of records is content, however short its cells; menus and layout tables
laid out with <table> are not such tables."""

from __future__ import annotations

from extract.content import content
from extract.content.parse import parse_html
from extract.content.tables import is_data_table

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
