"""extract/content/marks.py: the page's own mark of its article body."""

from __future__ import annotations

from extract.content.lines import cut_page
from extract.content.marks import marks_article_body, one_marked_article_beside, within_marked_body
from extract.content.parse import parse_html
from extract.content.vocabulary import vocabulary

CLASSES = vocabulary().article_body_classes
SENTENCES = (  # three paragraphs of 80 characters and more: the sentence lines a marked body is weighed by
    "<p>医疗保障服务大厅是办理医保业务的重要场所，属于人群聚集区，也是当前疫情防控重点区域。为减少人员聚集，"
    "请广大参保群众错峰办理，能网上办的尽量网上办，能电话办的尽量电话办。如有疑问，请拨打12393医保服务热线咨询。</p>"
    "<p>市医疗保障服务中心将对当前医保业务的经办方式和途径进行临时性调整，积极采取不见面、少见面的经办模式，"
    "确需到大厅办理的业务，请提前通过电话预约，并按预约时间前来办理。如有疑问，请拨打12393医保服务热线咨询。</p>"
    "<p>自2月1日起医疗保险缴费期由每月15日前延长至全月缴费，具体办法按有关通知执行。参保人因疫情未能按时缴费"
    "的，可在疫情结束后三个月内补缴，补缴期间待遇不受影响。如有疑问，请拨打12393医保服务热线咨询。</p>"
)


def page(body: str):
    root = parse_html(f"<html><body>{body}</body></html>")
    assert root is not None
    return root


def by_id(root, element_id: str):
    return next(e for e in root.iter() if e.get("id") == element_id)


def test_a_cms_class_word_or_the_article_body_itemprop_marks_the_body_and_a_content_div_does_not() -> None:
    root = page("<div class='entry-content'>a</div><div itemprop='articleBody'>b</div><div class='content'>c</div>")
    assert [marks_article_body(e, CLASSES) for e in root.iter("div")] == [True, True, False]


def test_a_block_inside_a_marked_body_widens_to_it_and_a_block_outside_any_stays() -> None:
    root = page(f"<div class='article-content'><div id='first'>{SENTENCES}</div><ul><li>x</li></ul></div>")
    first = by_id(root, "first")
    assert within_marked_body(first, CLASSES).get("class") == "article-content"
    plain = by_id(page(f"<div class='main'><div id='first'>{SENTENCES}</div></div>"), "first")
    assert within_marked_body(plain, CLASSES) is plain


def test_one_marked_body_of_sentences_beside_other_elements_is_the_article_and_two_are_an_index() -> None:
    links = "<ul id='links'><li><a href='/1'>一</a></li><li><a href='/2'>二</a></li></ul>"
    one = page(f"{links}<div class='entry-content'>{SENTENCES}</div>")
    members = set(by_id(one, "links").iter())
    assert one_marked_article_beside(members, cut_page(one), CLASSES)
    two = page(f"{links}<div class='entry-content'>{SENTENCES}</div><div class='entry-content'>{SENTENCES}</div>")
    assert not one_marked_article_beside(set(by_id(two, "links").iter()), cut_page(two), CLASSES)
    short = page(f"{links}<div class='entry-content'><p>短讯。</p></div>")
    assert not one_marked_article_beside(set(by_id(short, "links").iter()), cut_page(short), CLASSES)
