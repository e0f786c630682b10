"""extract/content/blocks.py: the block choice — the subtree with the largest summed line weight."""

from __future__ import annotations

from extract.content.blocks import best_subtree
from extract.content.lines import cut_page
from extract.content.parse import parse_html
from extract.content.vocabulary import vocabulary

PARAGRAPHS = "".join(
    f"<p>{p}</p>"
    for p in (
        "医疗保障服务大厅是办理医保业务的重要场所，属于人群聚集区，也是当前疫情防控重点区域。",
        "市医疗保障服务中心将对当前医保业务的经办方式和途径进行临时性调整，积极采取不见面、少见面的经办模式。",
        "自2月1日起医疗保险缴费期由每月15日前延长至全月缴费，具体办法按有关通知执行。",
    )
)
LINKS = "".join(f"<li><a href='/{i}'>医保政策解读第{i}期：参保缴费常见问题</a></li>" for i in range(8))


def chosen(body: str) -> tuple[str | None, float]:
    root = parse_html(f"<html><body>{body}</body></html>")
    assert root is not None
    element, score = best_subtree(cut_page(root), vocabulary())
    return (None if element is None else element.get("id")), score


def test_the_article_outweighs_a_longer_list_of_links() -> None:
    assert chosen(f"<ul id='menu'>{LINKS}</ul><div id='article'>{PARAGRAPHS}</div>")[0] == "article"


def test_the_deepest_element_with_the_best_score_is_chosen() -> None:
    assert chosen(f"<div id='wrapper'><div id='article'>{PARAGRAPHS}</div></div>")[0] == "article"


def test_noise_inside_a_wrapper_costs_it() -> None:
    body = f"<div id='page'><div id='article'>{PARAGRAPHS}</div><ul>{LINKS}</ul></div>"
    assert chosen(body)[0] == "article"


def test_abstracts_under_a_related_heading_do_not_lift_the_body() -> None:
    abstract = "这是另一篇文章的摘要，介绍了医保缴费、报销比例和异地就医备案的办理流程。"
    abstracts = "".join(f"<div><a href='/{i}'>医保缴费指南第{i}篇</a><p>{abstract}</p></div>" for i in range(8))
    body = f"<div id='page'><div id='article'>{PARAGRAPHS}</div><div><h3>相关阅读</h3>{abstracts}</div></div>"
    assert chosen(body)[0] == "article"


def test_a_page_without_lines_has_no_body() -> None:
    assert chosen("<div><img src='a.png'></div>") == (None, 0.0)
