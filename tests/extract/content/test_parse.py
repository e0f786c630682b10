"""extract/content/parse.py: HTML str → lxml tree, furniture stripped; hostile pages keep their text."""

from __future__ import annotations

import time

from extract.content import content
from extract.content.lines import text_of
from extract.content.parse import (
    MAX_ATTRIBUTES,
    MAX_DEPTH,
    drop_element,
    parse_html,
    select_css,
    strip_furniture,
    unwrap_deep_nesting,
    with_script_records,
    within_attribute_limit,
)
from extract.content.vocabulary import vocabulary

PARAGRAPH = "医疗保障服务大厅是办理医保业务的重要场所，属于人群聚集区，也是当前疫情防控重点区域。"
CLOSING = "参保人可以在网上办理医保业务，不必再到服务大厅排队，具体办法按有关通知执行。"


def nested(opening: str, closing: str, depth: int) -> str:
    return f"<html><body>{opening * depth}<p>{PARAGRAPH}</p>{closing * depth}<p>{CLOSING}</p></body></html>"


def stripped(html: str, body_classes: frozenset[str] = frozenset()) -> str:
    root = parse_html(html)
    assert root is not None
    strip_furniture(root, body_classes)
    return " ".join(text_of(root).split())


# ----------------------------------------------------------------------------- parsing


def test_nothing_to_parse_is_none_and_markup_is_a_tree() -> None:
    parsed = [parse_html(html) for html in ("", "  \n ", "<p>医保</p>")]
    assert [None if root is None else root.tag for root in parsed] == [None, None, "html"]


def test_xml_declaration_before_the_markup_is_ignored() -> None:
    root = parse_html('<?xml version="1.0" encoding="gbk"?><html><body><p>医保</p></body></html>')
    assert root is not None and text_of(root) == "医保"


def test_text_after_a_header_template_that_closes_the_document_is_kept() -> None:
    # A government portal includes its header as a whole page: `</html>` and `</body>` mid-page.
    html = (
        "<html><body><div class='header'><ul><li><a href='https://www.gov.cn/'>首页</a></li>"
        "<li><a href='/gongbao/'>国务院公报</a></li></ul></div>"
        "</body></html>"
        f"<div class='content'><div class='article'><div id='UCAP-CONTENT'><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>"
        f"<p>{CLOSING}</p></div></div></div>"
        "<div class='footer'><a href='http://www.npc.gov.cn/'>全国人大</a> | <a href='/home/'>地方政府网站</a></div>"
        "</body></html>"
    )
    assert PARAGRAPH in stripped(html)
    text = content(html).text
    assert text == f"{PARAGRAPH}\n{PARAGRAPH}\n{CLOSING}"
    assert "地方政府网站" not in text


def test_page_nested_5000_levels_keeps_its_text() -> None:
    # libxml2 stops at 256 levels (2,048 with huge_tree) and drops everything after: both paragraphs were lost.
    assert content(nested("<div>", "</div>", 5000)).text.split("\n") == [PARAGRAPH, CLOSING]


def test_page_nested_just_past_the_parser_limit_keeps_its_text() -> None:
    assert content(nested("<div>", "</div>", 300)).text.split("\n") == [PARAGRAPH, CLOSING]


def test_nested_tables_keep_their_text() -> None:
    # One <table> tag opens table, tbody, tr and td: four levels a tag count does not see.
    html = nested("<table><tr><td>", "</td></tr></table>", 1500)
    assert content(html).text.split("\n") == [PARAGRAPH, CLOSING]


def test_inline_nesting_keeps_its_text() -> None:
    assert content(nested("<span>", "</span>", 6000)).text.split("\n") == [PARAGRAPH, CLOSING]


def test_a_10_mb_text_node_keeps_its_text() -> None:
    # libxml2 cuts a text node at 10,000,000 bytes without huge_tree: the page came out empty.
    body = PARAGRAPH * (10_000_000 // len(PARAGRAPH.encode()) + 1)
    html = f"<html><body><div><p>{body}</p></div></body></html>"
    assert len(html.encode()) > 10_000_000
    assert content(html).text == body


def test_unwrapping_keeps_the_text_and_turns_deep_blocks_into_line_breaks() -> None:
    html = "<div><div><div><p>一</p><span>二</span><div>三</div></div></div></div>"
    assert unwrap_deep_nesting(html, 2) == "<div><div><br><p>一</p>二<br>三<br><br></div></div>"


def test_unwrapping_leaves_a_page_within_the_limit_as_it_is() -> None:
    html = nested("<div>", "</div>", 50) + "<br><img src='a.png'><p>未闭合段落<li>未闭合条目"
    assert unwrap_deep_nesting(html, MAX_DEPTH) == html


# ----------------------------------------------------------------------------- furniture


def test_scripts_styles_and_form_controls_are_stripped() -> None:
    html = (
        "<html><head><title>标题</title><style>p{color:red}</style></head><body><script>var a = '脚本';</script>"
        f"<p>{PARAGRAPH}</p><select><option>选项</option></select><button>提交</button><noscript>无脚本</noscript>"
        "</body></html>"
    )
    assert stripped(html) == PARAGRAPH


def test_ruby_readings_are_stripped_and_the_characters_stay() -> None:
    # Real markup of an NHK News Web Easy story (trafilatura's evaluation pages, tests/eval/nhk.or.jp.k100.html):
    # each word carries its reading in <rt>.
    html = (
        "<html><body><p><ruby>子<rt>こ</rt></ruby>どもへの<ruby>虐待<rt>ぎゃくたい</rt></ruby>をなくすための"
        "<ruby>法律<rt>ほうりつ</rt></ruby>ができて、<ruby>体罰<rp>(</rp><rt>たいばつ</rt><rp>)</rp></ruby>を"
        "<ruby>禁止<rt>きんし</rt></ruby>することになりました。</p></body></html>"
    )
    assert stripped(html) == "子どもへの虐待をなくすための法律ができて、体罰を禁止することになりました。"


def test_hidden_menu_is_stripped_and_hidden_prose_stays() -> None:
    article = "".join(f"<p>{PARAGRAPH}</p>" for _ in range(6))
    html = (
        "<html><body><ul style='display: none'><li>首页</li><li>政策法规</li></ul>"
        f"<div style='DISPLAY:NONE'>{article}</div><div hidden>隐藏的提示</div></body></html>"
    )
    assert stripped(html) == PARAGRAPH * 6


def test_a_utility_class_that_hides_hides_unless_another_shows_it_from_a_screen_width_on() -> None:
    # 中国政府网's pages print the site's address in `<div class="siteurl hide">` above every article.
    hiding = vocabulary().hidden_classes
    root = parse_html(
        "<html><body><div class='siteurl hide'>https://www.gov.cn/</div><div class='d-none'>扫一扫在手机打开</div>"
        f"<div class='d-none d-md-block'>发布时间：2024-05-20</div><p class='hide'>{PARAGRAPH * 3}</p></body></html>"
    )
    assert root is not None
    strip_furniture(root, hidden_classes=hiding)
    # Hidden prose stays, as hidden by a style; a box shown on wider screens is shown.
    assert "".join(text_of(root).split()) == "发布时间：2024-05-20" + PARAGRAPH * 3


# A WeChat official-account article as mp.weixin.qq.com serves it: the body hidden until a script shows it, a
# short notice (no "prose" by length), the follow box and swipe hints around it.
WECHAT_ARTICLE = """<html><head><title>@参保人，这项业务可以“掌上办”了！</title></head><body><div id="img-content">
<h1 class="rich_media_title">@参保人，这项业务可以“掌上办”了！</h1>
<div class="rich_media_content js_underline_content" id="js_content" style="visibility: hidden;">
<p><span>即日起，参保人可通过“福州医保”微信公众号办理异地就医备案。</span></p>
<section><span>咨询电话：0591-12393</span></section></div>
<div id="js_pc_qr_code"><p>微信扫一扫<br>关注该公众号</p></div></div>
<div class="js_alert"><p>向上滑动看下一个</p></div></body></html>"""


def test_a_body_the_page_marks_as_its_article_stays_however_short_while_hidden() -> None:
    text = content(WECHAT_ARTICLE).text
    assert text.splitlines() == ["即日起，参保人可通过“福州医保”微信公众号办理异地就医备案。", "咨询电话：0591-12393"]
    marked = "<html><body><div itemprop='articleBody' style='display:none'>短讯：明日起停办。</div></body></html>"
    assert stripped(marked) == "短讯：明日起停办。"


def test_a_short_hidden_element_the_page_does_not_mark_as_its_body_goes() -> None:
    body_classes = vocabulary().article_body_classes
    shown = f"<p>{PARAGRAPH}</p></body>"  # the page shows more than the hidden element holds
    hidden = WECHAT_ARTICLE.replace("rich_media_content js_underline_content", "js_underline_content")
    assert "即日起" not in stripped(hidden.replace("</body>", shown), body_classes)
    assert "即日起" in stripped(WECHAT_ARTICLE.replace("</body>", shown), body_classes)


def test_a_page_hidden_whole_until_a_script_draws_it_keeps_its_text() -> None:
    notice = "<p>因系统升级，10月1日至3日暂停办理医保业务。</p><p>咨询电话：0591-12393。</p>"
    html = (
        "<html><body><div id='container' style='visibility:hidden'><div class='nav'><a href='/'>首页</a></div>"
        f"<h1>关于暂停办理医保业务的公告</h1>{notice}<div hidden>扫码关注我们</div></div></body></html>"
    )
    text = stripped(html)
    assert "暂停办理医保业务。" in text and "咨询电话：0591-12393。" in text
    assert "扫码关注我们" not in text  # a hidden part of the page is still no text


def schema_copy_page(copies: int = 1) -> str:
    """A news page that prints its article and, hidden, schema.org metadata holding the article body again."""
    article = "".join(f"<p>{PARAGRAPH}</p>" for _ in range(3))
    metadata = (
        "<div style='display:none;' itemscope itemtype='http://schema.org/NewsArticle'><h1 itemprop='name'>短讯</h1>"
        "<div itemprop='image'><div itemprop='url'>https://example.com/img/1.jpg</div><div itemprop='width'>500</div>"
        f"</div><div itemprop='articleBody'>{PARAGRAPH * 3}</div></div>"
    )
    return f"<html><body><div class='story'>{article}</div>{metadata * copies}</body></html>"


def test_a_hidden_copy_of_the_shown_article_goes() -> None:
    text = stripped(schema_copy_page())
    assert text == PARAGRAPH * 3
    assert "example.com" not in text


def test_a_hidden_article_the_page_shows_nowhere_else_stays() -> None:
    html = schema_copy_page().replace("<div class='story'>", "<div class='story' hidden>")
    assert stripped(html).count(PARAGRAPH) == 3  # the schema copy alone is shown nowhere: it stays, once


def test_many_hidden_copies_cost_linear_time() -> None:
    def cpu_seconds(copies: int) -> float:
        html = schema_copy_page(copies)
        runs = []
        for _ in range(3):
            start = time.process_time()
            assert stripped(html) == PARAGRAPH * 3
            runs.append(time.process_time() - start)
        return min(runs)

    small, large = cpu_seconds(500), cpu_seconds(2_000)
    assert large < 8 * small


def test_a_short_hidden_element_beside_the_shown_text_goes() -> None:
    html = f"<html><body><p>{PARAGRAPH}</p><div style='display:none'>温馨提示：请先登录。</div></body></html>"
    assert stripped(html) == PARAGRAPH


def test_dropping_an_element_keeps_its_tail() -> None:
    root = parse_html("<div><p>一</p><b>删</b>尾巴<i>二</i></div>")
    assert root is not None
    drop_element(next(root.iter("b")))
    assert text_of(root) == "一尾巴二"


def test_site_override_selects_an_element_and_a_bad_selector_selects_none() -> None:
    root = parse_html("<div class='notice'><p>系统维护通知</p></div>")
    assert root is not None
    found = [select_css(root, css) for css in ("div.notice", "div[", "div.absent")]
    assert [None if element is None else text_of(element) for element in found] == ["系统维护通知", None, None]


def test_unwrapping_stray_opening_brackets_costs_linear_time() -> None:
    # "<a<a<a…" without any ">": a tag pattern that scanned to the next ">" would read the rest of the page each time.
    def cpu_seconds(count: int) -> float:
        html = "<div>" * 20 + "<a" * count + "</div>" * 20
        runs = []
        for _ in range(3):
            start = time.process_time()
            unwrap_deep_nesting(html, 10)
            runs.append(time.process_time() - start)
        return min(runs)

    small, large = cpu_seconds(250_000), cpu_seconds(1_000_000)
    assert large < 8 * small


def test_tooltips_are_stripped_and_the_post_they_sit_over_stays() -> None:
    # Stack Exchange vote bar (stackoverflow.com via magic-html's benchmark, Apache-2.0).
    root = parse_html(
        '<div class="votecell"><button class="js-vote-up-btn"></button>'
        '<div id="--stacks-s-tooltip-81whexd4" class="s-popover s-popover__tooltip" role="tooltip">'
        "This answer is useful</div></div>"
        '<div class="s-prose js-post-body"><p>You are probably using Python 3.0.</p></div>'
    )
    assert root is not None
    strip_furniture(root)
    text = " ".join(text_of(root).split())
    assert ("This answer is useful" in text, "You are probably using Python 3.0." in text) == (False, True)


def test_popovers_are_stripped_and_the_post_beside_them_stays() -> None:
    # An Invision Community forum's app-install prompt and menus: elements with the `popover` attribute are drawn
    # only when a control opens them.
    text = stripped(
        "<div><i-card popover id='iPwaInstall__learnPopover'><p>A full-screen app on your home screen with push "
        "notifications, badges and more.</p><ol><li>Tap the Share icon in Safari</li></ol></i-card>"
        "<ul class='ipsNav__dropdown' popover><li>Guidelines</li></ul>"
        "<div class='ipsRichText'><p>I'd like to know the Squarespace roadmap for future products.</p></div></div>"
    )
    assert text == "I'd like to know the Squarespace roadmap for future products."


def test_a_closed_dialog_goes_however_long_and_an_open_one_stays() -> None:
    cookies = "".join(f"<p>This cookie is set by GDPR Cookie Consent plugin for category {k}.</p>" for k in "ABCDEF")
    html = (
        "<html><body><div class='entry'><p>Now that many of us are doing business out of our homes, is it time to "
        f"upgrade your network?</p></div><div class='cli-modal' role='dialog' aria-hidden='true'>{cookies}</div>"
        f"<dialog><p>Sign up for our newsletter to get every episode.</p></dialog>"
        f"<dialog open><p>{PARAGRAPH}</p></dialog></body></html>"
    )
    text = stripped(html)
    assert "doing business out of our homes" in text and PARAGRAPH in text
    assert "GDPR" not in text and "newsletter" not in text


def test_only_hiding_attributes_and_tooltip_roles_strip_an_element() -> None:
    root = parse_html(
        "<div><p style='color: red'>红字说明</p><p role='note'>注释</p><p hidden=''>隐藏</p>"
        "<p style='visibility : hidden'>不可见</p><p title='提示' lang='zh'>带属性</p><p>无属性</p></div>"
    )
    assert root is not None
    strip_furniture(root)
    assert [text_of(p) for p in root.iter("p")] == ["红字说明", "注释", "带属性", "无属性"]


# A real paragraph of an msn.com story (mozilla/readability test/test-pages/msn): the image and its caption are set
# inline at the start of the paragraph's <p>.
MSN_LEAD = (
    'Nintendo and Apple shocked the world earlier this year by announcing "Super Mario Run," the legendary gaming '
    "company's first foray into mobile gaming."
)


def paragraph_lines(paragraph: str) -> list[str]:
    from extract.content.article import clean_lines
    from extract.content.lines import cut_page
    from extract.content.vocabulary import vocabulary

    root = parse_html(f"<html><body><article><p>{paragraph}</p></article></body></html>")
    assert root is not None
    strip_furniture(root)
    return clean_lines(cut_page(root), None, vocabulary())


def test_an_inline_caption_is_a_line_of_its_own_and_the_paragraph_after_it_stays() -> None:
    caption = (
        "<span class='storyimage'><img src='a.jpg'><span class='caption truncate'>"
        "<span class='attribution'>© Provided by Business Insider Inc</span> Nintendo/Apple</span></span>"
    )
    assert paragraph_lines(caption + MSN_LEAD) == [MSN_LEAD]  # the credit line alone is dropped as a copyright line
    # Another inline span inside the sentence stays in the paragraph's line.
    words = MSN_LEAD.replace("shocked the world", "<span class='highlight'>shocked the world</span>")
    assert paragraph_lines(words) == [MSN_LEAD]


def many_attributes(count: int, value: str = "x") -> str:
    attributes = " ".join(f"data-a{i}='{value}'" for i in range(count))
    return f"<html><body><div class='post' {attributes}><p>{PARAGRAPH}</p></div><p>{CLOSING}</p></body></html>"


def test_a_tag_is_cut_to_its_first_attributes_and_its_text_stays() -> None:
    html = within_attribute_limit(many_attributes(1_000))
    # class and the first 255 data attributes: 256 in all
    assert html.count("data-a") == MAX_ATTRIBUTES - 1 and "data-a254=" in html and "data-a255=" not in html
    root = parse_html(many_attributes(1_000))
    assert root is not None
    div = next(root.iter("div"))
    assert div.get("class") == "post" and len(div.attrib) == MAX_ATTRIBUTES and PARAGRAPH in text_of(div)


def test_a_tag_cut_off_before_its_end_is_cut_to_its_first_attributes_too() -> None:
    # A page truncated inside the tag (or whose ">" was lost) still has libxml2 compare every attribute.
    attributes = " ".join(f"data-a{i}='x'" for i in range(1_000))
    html = within_attribute_limit(f"<html><body><p>{PARAGRAPH}</p><div {attributes}")
    assert html.count("data-a") == MAX_ATTRIBUTES and PARAGRAPH in html


def test_a_long_tag_with_few_attributes_is_left_as_it_is() -> None:
    image = "<img alt='图' src='data:image/png;base64," + "A" * 20_000 + "'>"
    page = f"<html><body><p>{PARAGRAPH}</p>{image}<p>{CLOSING}</p></body></html>"
    assert within_attribute_limit(page) == page
    few = many_attributes(MAX_ATTRIBUTES - 1, value="医保" * 10)
    assert len(few) > 4096 and within_attribute_limit(few) == few


def test_a_tag_with_many_attributes_costs_linear_time() -> None:
    # libxml2 compares each attribute with the ones before it: 200,000 attributes took minutes to parse.
    def cpu_seconds(count: int) -> float:
        html = many_attributes(count)
        runs = []
        for _ in range(3):
            start = time.process_time()
            assert PARAGRAPH in content(html).text
            runs.append(time.process_time() - start)
        return min(runs)

    small, large = cpu_seconds(10_000), cpu_seconds(40_000)
    assert large < 8 * small


def test_a_page_of_script_tags_inside_one_script_costs_linear_time() -> None:
    def cpu_seconds(count: int) -> float:
        html = "<html><body><script>" + "document.write('<script>');" * count + "</script><recordset></body></html>"
        runs = []
        for _ in range(3):
            start = time.process_time()
            assert with_script_records(html) == html
            runs.append(time.process_time() - start)
        return min(runs)

    small, large = cpu_seconds(5_000), cpu_seconds(20_000)
    assert large < 8 * small


def test_a_headings_permalink_mark_is_not_its_text_and_a_link_to_a_section_is() -> None:
    headings = (
        "<h2 id='df3688'>前言<a href='#df3688' class='anchorific'>#</a></h2>"
        "<h2 id='setup'>Setting up<a class='headerlink' href='#setup' title='Permalink'>¶</a></h2>"
        f"<p>{PARAGRAPH}详见<a href='#setup'>办理步骤</a>。</p>"
    )
    assert stripped(f"<html><body>{headings}</body></html>") == f"前言Setting up{PARAGRAPH}详见办理步骤。"


def contents_box(targets: list[tuple[str, str]], extra: str = "") -> str:
    """A WordPress table-of-contents plugin's box: numbered links to the article's headings, in divs."""
    items = "".join(
        f"<div class='lwptoc_item'><a href='#{anchor}'><span>{n}</span><span>{label}</span></a></div>"
        for n, (anchor, label) in enumerate(targets, start=1)
    )
    toggle = "<b>Contents</b> <a href='#'>hide</a>"
    return f"<div class='lwptoc'>{toggle}<div class='lwptoc_items'>{items}{extra}</div></div>"


SECTIONS = [
    ("Why_Service_Style_Matters", "Why does restaurant service style matter?"),
    ("Fine_Dining", "Fine dining service"),
    ("Casual_Dining", "Casual dining service"),
]


def test_a_table_of_contents_is_text_and_the_introduction_beside_it_stays_with_the_article() -> None:
    intro = (
        "<p>How a restaurant serves its guests often matters as much as what it serves. Service sets expectations "
        "before the first bite, and it shapes how customers judge the value of a meal.</p>"
        "<p>Service can be viewed through two lenses: the dining format, from casual eateries to fine dining, and the "
        "table service style, where American, French or Russian traditions decide how meals reach the table.</p>"
    )
    section = "is told apart by what guests expect, and by what the kitchen and the floor staff must do to deliver it."
    headings = "".join(f"<h2><span id='{a}'>{label}</span></h2><p>{label} {section}</p>" for a, label in SECTIONS)
    root = parse_html(f"<div class='widget-container'>{intro}{contents_box(SECTIONS)}</div>{headings}")
    assert root is not None
    strip_furniture(root)
    assert [span.get("href") for span in root.iter("span") if span.get("href")] == [f"#{a}" for a, _ in SECTIONS]
    assert [a.get("href") for a in root.iter("a")] == ["#"]  # a link to no place on the page stays a link
    # A block named like furniture ("widget") whose prose is not link text stays with the article.
    # An Elementor article: the introduction and a long contents box in one widget, each section in a widget of its
    # own (a block named like furniture keeps its prose unless links are much of its text).
    weighing = "Operators weigh its costs, staffing and margins; guests weigh the experience, the price and the time."
    styles = ["Cafes and coffee shops", "Buffet service", "Food trucks", "Cloud kitchens", "Gueridon service"]
    sections = SECTIONS + [(label.replace(" ", "_"), label) for label in styles]
    widgets = "".join(
        f"<div class='widget-container'><h2 id='{a}'>{label}</h2><p>{label} {section}</p><p>{weighing}</p></div>"
        for a, label in sections
    )
    page = f"<html><body><article><div class='widget-container'>{intro}{contents_box(sections)}</div>{widgets}"
    text = content(page + "</article></body></html>").text
    assert "How a restaurant serves its guests" in text and f"Casual dining service {section}" in text


def test_links_to_places_the_page_does_not_have_or_beside_links_away_stay_links() -> None:
    for box in (
        contents_box([("missing-1", "One"), ("missing-2", "Two"), ("missing-3", "Three")]),
        contents_box(SECTIONS, extra="<div><a href='/other-page'>Our other guides</a></div>"),
    ):
        headings = "".join(f"<h2 id='{anchor}'>{label}</h2>" for anchor, label in SECTIONS)
        root = parse_html(f"<div>{box}</div>{headings}")
        assert root is not None
        strip_furniture(root)
        assert len([a for a in root.iter("a") if a.get("href") != "#"]) >= 3


def test_a_long_table_of_contents_and_a_deep_chain_of_inward_links_cost_linear_time() -> None:
    def cpu_seconds(links: int) -> float:
        listed = "".join(f"<li><a href='#s{i}'>Section {i}</a></li>" for i in range(links))
        chain = "".join(f"<div id='d{i}'><a href='#d{i}'>Part {i}</a>" for i in range(200)) + "</div>" * 200
        headings = "".join(f"<h2 id='s{i}'>Section {i}</h2><p>{PARAGRAPH}</p>" for i in range(links))
        html = f"<html><body><ul>{listed}</ul>{chain}{headings}</body></html>"
        runs = []
        for _ in range(3):
            root = parse_html(html)
            assert root is not None
            start = time.process_time()
            strip_furniture(root)
            runs.append(time.process_time() - start)
        assert root.find(".//ul/li/span") is not None  # the list read as a table of contents
        return min(runs)

    small, large = cpu_seconds(1_000), cpu_seconds(4_000)
    assert large < 8 * small


DISCOURSE_TOPIC = (
    "<div id='post_1' class='topic-body crawler-post'><div class='crawler-post-meta'><span itemprop='author'>"
    "Matt_Brooks</span></div><div class='post' itemprop='text'><p>I am responsible for the ongoing improvements of a "
    "group of video producers. Some weeks are in the studio, some in post production, always with many moving "
    "pieces.</p><p>I would love to hear the common challenges, and the solutions you found, of teams like ours.</p>"
    "</div></div>"
)


def test_a_script_drawn_app_whose_text_is_its_noscript_copy_keeps_that_copy() -> None:
    # Discourse serves its app shell with the topic for readers without scripts inside <noscript>.
    html = (
        "<html><body><div id='app'><div class='loading'>Loading…</div></div>"
        f"<noscript data-path='/t/best-practices/163687'>{DISCOURSE_TOPIC}</noscript></body></html>"
    )
    assert "Some weeks are in the studio" in stripped(html)
    document = content(html)
    assert "I would love to hear the common challenges" in document.text


def test_a_noscript_beside_a_page_that_shows_its_text_goes() -> None:
    article = "".join(f"<p>{PARAGRAPH}</p>" for _ in range(12))
    for noscript in (
        "<noscript>You need to enable JavaScript to run this app.</noscript>",
        f"<noscript>{DISCOURSE_TOPIC}</noscript>",  # a copy smaller than the page's own text
    ):
        text = stripped(f"<html><body><div class='article'>{article}</div>{noscript}</body></html>")
        assert text.startswith(PARAGRAPH[:20])
        assert "enable JavaScript" not in text and "Some weeks are in the studio" not in text
