"""extract/content/disclosure.py: the folded sections of guidance pages (accordions, tabs) are the page's text."""

from __future__ import annotations

import time

from extract.content import content
from extract.content.lines import cut_page
from extract.content.parse import parse_html, strip_furniture

INTRO = (
    "<p>The Medicare Savings Program helps people with limited income and resources pay some or all of their "
    "Medicare premiums, and it may also pay their deductibles, coinsurance and copayments.</p>"
)

ACCORDION_PAGE = f"""<html><head><title>Medicare Savings Programs | Health Coverage Guide</title></head><body>
<header><button aria-controls="site-menu" aria-expanded="false">Menu</button>
<nav id="site-menu" hidden><ul><li><a href="/plans">Plans</a></li><li><a href="/costs">Costs</a></li>
<li><a href="/help">Get help</a></li></ul></nav></header>
<main><h1>Medicare Savings Programs</h1>{INTRO}
<div class="accordion">
 <h2 class="accordion__heading"><button aria-expanded="true" aria-controls="who">Who can get help</button></h2>
 <div id="who" class="accordion__panel"><ul><li>You have Medicare Part A</li><li>Your income is limited</li>
 <li>Your savings are limited</li></ul></div>
 <h2 class="accordion__heading"><button aria-expanded="false" aria-controls="apply">How to apply</button></h2>
 <div id="apply" class="accordion__panel" hidden><p>Call your State Medicaid program.</p></div>
 <h2 class="accordion__heading"><button aria-expanded="false" aria-controls="docs">What to bring</button></h2>
 <div id="docs" class="accordion__panel" style="display: none"><ul><li>Proof of income</li>
 <li>Bank statements</li></ul></div>
</div>
<p>Each state sets its own limits, so check with your state before you decide you do not qualify for help.</p>
<button type="button" aria-expanded="false" aria-controls="more-faq">Show more</button>
</main></body></html>"""


def kept_text(html: str) -> list[str]:
    """The page's lines once scripts, form controls and hidden furniture are stripped."""
    root = parse_html(html)
    assert root is not None
    strip_furniture(root)
    return [line.text for line in cut_page(root)]


def test_a_closed_accordion_item_keeps_its_heading_and_its_body() -> None:
    text = kept_text(ACCORDION_PAGE)
    assert "How to apply" in text and "Call your State Medicaid program." in text
    assert "What to bring" in text and "Proof of income" in text and "Bank statements" in text
    # the open item reads as before, in page order
    assert text.index("Who can get help") < text.index("How to apply") < text.index("What to bring")


def test_a_button_that_heads_no_section_is_not_text() -> None:
    text = kept_text(ACCORDION_PAGE)
    assert "Show more" not in text and "Menu" not in text
    assert "Who can get help" in text


def test_a_question_button_right_above_its_answer_is_the_faqs_question() -> None:
    # An FAQ accordion without ARIA: the question is the button's text, the folded answer the block after it.
    items = "".join(
        f"<div class='faq-list__item'><button type='button' class='faq-list__label-button'><img alt='Expand'>"
        f"<div class='faq-list__question'>{question}</div></button><div class='faq-list__content' style='height: 0;'>"
        f"<p>{answer}</p></div></div>"
        for question, answer in (
            ("How much should I tip cross-country movers?", "About 15% of the bill for a large home, 5% for a small."),
            ("Do I need moving insurance?", "Movers must offer basic liability coverage of 60 cents a pound."),
        )
    )
    more = "<button type='button'>Show more questions</button><div><p>Ask us anything about your move.</p></div>"
    text = kept_text(f"<html><body><main><h1>Movers FAQ</h1>{items}{more}</main></body></html>")
    assert "How much should I tip cross-country movers?" in text and "Do I need moving insurance?" in text
    assert text.index("Do I need moving insurance?") < text.index(
        "Movers must offer basic liability coverage of 60 cents a pound."
    )
    assert "Show more questions" not in text


def test_a_hidden_menu_a_control_opens_stays_out() -> None:
    text = " ".join(kept_text(ACCORDION_PAGE))
    assert "Get help" not in text and "Plans" not in text
    assert "Call your State Medicaid program." in text


# A 办事指南 page (one of the guides the crawl follows): each part of the guide is a tab, all but the first hidden.
GUIDE_PAGE = """<html><head><title>城乡居民基本医疗保险参保登记_办事指南</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/bszn">办事指南</a></div>
<div class="main"><h1>城乡居民基本医疗保险参保登记</h1>
<p>本事项适用于本市户籍及持有本市居住证的城乡居民，参保人可在每年9月至12月集中缴费期内办理下一年度参保登记。</p>
<div class="guide-tabs"><ul role="tablist">
 <li><button role="tab" aria-selected="true" aria-controls="p1" id="t1">办理条件</button></li>
 <li><button role="tab" aria-selected="false" aria-controls="p2" id="t2">申请材料</button></li>
 <li><button role="tab" aria-selected="false" aria-controls="p3" id="t3">办理流程</button></li></ul>
 <div role="tabpanel" id="p1" aria-labelledby="t1"><p>未参加职工基本医疗保险的城乡居民。</p></div>
 <div role="tabpanel" id="p2" aria-labelledby="t2" hidden><p>居民身份证或户口簿原件。</p><p>居住证原件。</p></div>
 <div role="tabpanel" id="p3" aria-labelledby="t3"
 style="display:none"><p>携带材料到社区服务中心窗口办理，当场办结。</p></div>
</div>
<p>咨询电话：12393。参保人也可以登录本市医保服务平台或使用手机客户端在线办理参保登记和缴费。</p>
<button type="button" onclick="window.print()">打印本页</button>
</div></body></html>"""


def test_every_tab_of_a_guide_is_its_text_in_page_order() -> None:
    text = content(GUIDE_PAGE).records[0].text.splitlines()
    assert "居民身份证或户口簿原件。" in text and "携带材料到社区服务中心窗口办理，当场办结。" in text
    assert text.index("办理条件") < text.index("申请材料") < text.index("居民身份证或户口簿原件。")
    assert text.index("办理流程") < text.index("携带材料到社区服务中心窗口办理，当场办结。")


def test_a_print_button_of_a_guide_is_not_text() -> None:
    text = content(GUIDE_PAGE).records[0].text
    assert "打印本页" not in text
    assert "咨询电话：12393" in text


def test_hidden_text_no_control_opens_is_still_dropped() -> None:
    page = GUIDE_PAGE.replace("</div></body>", '<div class="tip" hidden><p>扫码关注微信号</p></div></div></body>')
    text = content(page).records[0].text
    assert "扫码关注" not in text
    assert "当场办结" in text


# The same guide as many portals script it, without ARIA: the tab labels are list items with an onclick, the panels
# siblings of one class, the open one shown and the others `display:none`.
SCRIPTED_TABS_PAGE = """<html><head><title>职工基本医疗保险参保登记_办事指南</title></head><body>
<div class="main"><h1>职工基本医疗保险参保登记</h1>
<div class="tab_nav"><ul><li class="on" onclick="tab(1)">基本信息</li><li onclick="tab(2)">申请材料</li>
<li onclick="tab(3)">咨询方式</li></ul></div>
<div class="tab_con" id="con1"><table><tr><th>办理地点</th><td>福州市鼓楼区五四路158号医保服务大厅</td></tr>
<tr><th>承诺办结时限</th><td>即办</td></tr></table></div>
<div class="tab_con" id="con2" style="display:none"><p>营业执照或事业单位法人证书原件。</p><p>经办人身份证。</p></div>
<div class="tab_con" id="con3" style="display:none"><p>咨询电话：0591-87654321</p></div>
<div class="slides"><div class="slide"><a href="/a1">医保电子凭证激活指南</a></div>
<div class="slide" style="display:none"><a href="/a2">门诊共济改革十问十答</a></div></div>
<form><div class="row"><label>联系人</label><input name="n"></div>
<div class="row" style="display:none"><span>提交成功，我们将尽快回复您的留言。</span></div></form>
</div></body></html>"""


def test_the_hidden_panels_beside_a_shown_one_of_their_class_are_the_guides_tabs() -> None:
    text = kept_text(SCRIPTED_TABS_PAGE)
    assert "福州市鼓楼区五四路158号医保服务大厅" in text
    assert text.index("营业执照或事业单位法人证书原件。") < text.index("咨询电话：0591-87654321")


def test_hidden_carousel_slides_and_form_messages_are_no_tabs() -> None:
    text = kept_text(SCRIPTED_TABS_PAGE)
    assert "医保电子凭证激活指南" in text and "联系人" in text  # the shown slide and form row
    assert "门诊共济改革十问十答" not in text
    assert "提交成功，我们将尽快回复您的留言。" not in text


def test_the_tabs_of_a_page_an_aspnet_form_wraps_whole_are_still_its_tabs() -> None:
    wrapped = SCRIPTED_TABS_PAGE.replace(
        '<div class="main">', "<form id='form1' action='./x.aspx'><div class=\"main\">"
    )
    wrapped = wrapped.replace("</body>", "</form></body>")
    text = kept_text(wrapped)
    assert "咨询电话：0591-87654321" in text
    assert "提交成功，我们将尽快回复您的留言。" not in text  # the small form inside it is still a form


def test_many_hidden_panels_of_one_class_cost_linear_time() -> None:
    def cpu_seconds(count: int) -> float:
        panels = "".join(
            f"<div class='tab_con' style='display:none'><p>第{i}项：经办人身份证。</p></div>" for i in range(count)
        )
        html = (
            f"<html><body><div><div class='tab_con'><p>办理地点：医保服务大厅。</p></div>{panels}</div></body></html>"
        )
        runs = []
        for _ in range(3):
            start = time.process_time()
            assert "第1项：经办人身份证。" in kept_text(html)
            runs.append(time.process_time() - start)
        return min(runs)

    small, large = cpu_seconds(1_000), cpu_seconds(4_000)
    assert large < 8 * small


# An FAQ page as portals script it: each answer folded under its question until the reader clicks it.
FAQ = [
    ("灵活就业人员如何参加职工医保？", "持身份证到户籍所在地社保经办机构办理参保登记，也可线上办理。"),
    ("医保个人账户余额可以取现吗？", "个人账户资金原则上不得提取现金，参保人死亡的，余额可依法继承。"),
    ("异地就医需要备案吗？", "跨省异地就医直接结算前需办理备案，可通过国家医保服务平台APP办理。"),
]


def faq_page(items: str) -> str:
    return (
        f"<html><head><title>常见问题</title></head><body><div class='faq'><h1>常见问题</h1>{items}</div></body></html>"
    )


def test_the_folded_answers_of_an_faq_are_its_text_under_their_questions() -> None:
    definitions = "".join(
        f"<dt onclick='toggle({i})'>{q}</dt><dd style='display:none'>{a}</dd>" for i, (q, a) in enumerate(FAQ)
    )
    items = "".join(f"<div class='item'><div class='q'>{q}</div><div class='a' hidden>{a}</div></div>" for q, a in FAQ)
    for page in (faq_page(f"<dl>{definitions}</dl>"), faq_page(items)):
        lines = content(page).text.split("\n")
        assert lines == [part for pair in FAQ for part in pair]


def test_one_hidden_box_after_a_label_and_hidden_links_after_questions_stay_out() -> None:
    tip = "<p>办理时间</p><div style='display:none'>请扫描二维码关注公众号后预约办理业务。</div>"
    links = "".join(
        f"<dt>{q}</dt><dd style='display:none'><a href='/{i}'>查看答案详情页面</a></dd>" for i, (q, _) in enumerate(FAQ)
    )
    text = content(faq_page(f"{tip}<dl>{links}</dl><p>{FAQ[0][1]}</p>")).text
    assert FAQ[0][1] in text and FAQ[1][0] in text
    assert "关注公众号" not in text and "查看答案详情页面" not in text


def test_hidden_boxes_after_labels_that_neither_ask_nor_toggle_stay_out() -> None:
    # A map popup after each service hall's name, shown on hover: not an answer to a question.
    halls = "".join(
        f"<li><span class='name'>{hall}医保服务大厅</span><div class='map' hidden>点击查看地图，可一键导航。</div></li>"
        for hall in ("鼓楼区", "台江区", "仓山区")
    )
    text = content(faq_page(f"<p>{FAQ[0][1]}</p><ul>{halls}</ul><p>{FAQ[2][1]}</p>")).text
    assert FAQ[0][1] in text and "台江区医保服务大厅" in text
    assert "一键导航" not in text


def test_many_folded_answers_cost_linear_time() -> None:
    def cpu_seconds(count: int) -> float:
        items = "".join(f"<dt>第{i}问：怎么办理？</dt><dd hidden>第{i}答：到窗口办理。</dd>" for i in range(count))
        runs = []
        for _ in range(3):
            start = time.process_time()
            assert "第1答：到窗口办理。" in kept_text(f"<html><body><dl>{items}</dl></body></html>")
            runs.append(time.process_time() - start)
        return min(runs)

    small, large = cpu_seconds(1_000), cpu_seconds(4_000)
    assert large < 8 * small
