"""extract/content/blocks.py: the block choice — the subtree with the largest summed line weight."""

from __future__ import annotations

import time

import lxml.etree

from extract.content import content
from extract.content.blocks import _in_a_side_column_beside_the_story, best_subtree
from extract.content.lines import Line, cut_page
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


def test_a_furniture_line_in_a_later_block_of_the_text_does_not_cut_that_block_off() -> None:
    # The article printed in two text blocks (BBC's `text-block`), the second ending in a long follow prompt.
    follow = (
        "<p>Follow BBC Lincolnshire on Facebook, X (formerly Twitter), and Instagram. Send your story ideas to "
        "eastyorkslincs.news@bbc.co.uk.</p>"
    )
    last = (
        "<p>自3月1日起，参保人可通过国家医保服务平台或当地经办窗口办理异地就医备案，"
        "备案后在就医地定点医院即可直接结算。</p>"
    )
    body = f"<div id='story'><div id='block1'>{PARAGRAPHS}</div><div id='block2'>{last}{follow}</div></div>"
    assert chosen(body)[0] == "story"


def test_abstracts_under_a_related_heading_do_not_lift_the_body() -> None:
    abstract = "这是另一篇文章的摘要，介绍了医保缴费、报销比例和异地就医备案的办理流程。"
    abstracts = "".join(f"<div><a href='/{i}'>医保缴费指南第{i}篇</a><p>{abstract}</p></div>" for i in range(8))
    body = f"<div id='page'><div id='article'>{PARAGRAPHS}</div><div><h3>相关阅读</h3>{abstracts}</div></div>"
    assert chosen(body)[0] == "article"


def test_a_page_without_lines_has_no_body() -> None:
    assert chosen("<div><img src='a.png'></div>") == (None, 0.0)


SIDEBAR = (
    "<div class='left'><div class='box'><h3>机构职能</h3>"
    "<p>某市医疗保障局是市政府工作部门，负责贯彻落实党中央关于医疗保障工作的方针政策和决策部署，拟订全市医疗保险、"
    "生育保险、医疗救助等医疗保障制度的政策、规划并组织实施。</p>"
    "<p>组织制定城乡统一的药品、医用耗材价格和医疗服务项目、医疗服务设施收费等政策，建立医保支付医药服务价格合理确定"
    "和动态调整机制。</p></div></div>"
)
NOTICE_TITLE = "关于医保信息系统升级暂停业务办理的公告"


def notice_page(notice: str, heading: str = "h1") -> str:
    column = f"<div class='right'><{heading}>{NOTICE_TITLE}</{heading}><div class='article'><p>{notice}</p></div></div>"
    return (
        f"<html><head><title>{NOTICE_TITLE}_某市医疗保障局</title></head><body>"
        f"<div class='nav'><a href='/'>首页</a> <a href='/zwgk/'>政务公开</a></div>"
        f"<div class='wrap'>{SIDEBAR}{column}</div><div class='footer'>版权所有：某市医疗保障局</div></body></html>"
    )


def test_a_one_sentence_notice_under_the_headline_is_the_text_and_a_sidebar_of_prose_beside_it_is_not() -> None:
    for notice in (
        "3月15日暂停办理医保业务，敬请谅解。",
        "因医保信息系统升级，3月15日至17日暂停办理医保业务，给您带来不便，敬请谅解。",
    ):
        text = content(notice_page(notice)).text
        assert text == notice, notice


def test_a_side_column_of_prose_after_the_column_that_holds_the_story_is_not_the_text() -> None:
    notice = "因医保信息系统升级，3月15日至17日暂停办理医保业务，敬请谅解。"
    column = f"<div class='main'><h1>{NOTICE_TITLE}</h1><div class='article'><p>{notice}</p></div></div>"
    for names in ("class='right'", "id='sidebars'"):
        side = SIDEBAR.replace("class='left'", names)
        page = (
            f"<html><head><title>{NOTICE_TITLE}_某市医疗保障局</title></head><body>"
            f"<div class='wrap'>{column}{side}</div><div class='footer'>版权所有：某市医疗保障局</div></body></html>"
        )
        assert content(page).text == notice, names


def test_a_side_column_blurb_before_a_short_post_under_its_headline_is_not_the_text() -> None:
    # A blog theme's left column prints the authors' "About" blurb before the post; the block model alone reads the
    # blurb, one long sentence line, as the text of a post whose own lines are short.
    about = (
        "We are two friends who LOVE to hike, climb new hills, and see all that the outdoors has to offer! We "
        "currently live in Denver, but are hoping to be able to walk and camp in different parts of the world in "
        "the near future."
    )
    post = (
        "Hi everyone! Here is another interview we gave last week to a travel video site. We upload our videos "
        "there and the people who run it have been wonderful to us. Check it out for more travel videos!"
    )
    page = (
        "<html><body><div class='container'><div class='left sidebar'><div class='profile-block'>"
        f"<div class='sidebar-block'><p>{about} <br/>twitter: @twofriends</p></div></div></div>"
        "<div class='right main'><div class='post-unit'><h2><a href='/interview'>Two Sisters: Our Video Interview</a>"
        f"</h2><div class='post'><p>{post}</p><p>Visit them @ <a href='http://video.example/'>http://video.example/</a>"
        "</p><p>Until next time!</p><p>Follow us!</p><p>Twitter: @twofriends</p><p>Facebook page: "
        "<a href='http://social.example/twofriends'>social.example/twofriends</a></p><p>Our videos: </p>"
        "</div></div></div></div></body></html>"
    )
    text = content(page).text
    assert text.startswith(post) and "LOVE to hike" not in text


def test_a_caption_post_under_a_blog_themes_h3_headline_is_the_text_and_the_about_boxes_beside_it_are_not() -> None:
    # A Blogger theme: the blog's logo over the page, the post's title in an <h3> (the headline), a photo post whose
    # text is a caption; beside it a sidebar of widgets, "About" and "Contact" boxes of prose among them, that
    # holds most of the page's text.
    caption = (
        "No matter how long I stare at this, I still can't believe this is a pencil drawing. Artwork and photos "
        "by the artist."
    )
    widgets = "".join(
        f"<div class='widget Text'><h2 class='title'>{heading}</h2><div class='widget-content'>{text}</div></div>"
        for heading, text in (
            (
                "Who is the Dude behind Dude Craft?",
                "Paul is a prolific blogger, maker, writer and ukulele player living in Durham with four dogs, two "
                "co-conspirators and a lawn that makes the neighbours weep.",
            ),
            ("Contact Dude Craft", "Drop us a line at: dudecraft at gmail dot com"),
            (
                "About Dude Craft",
                "Dude Craft represents a different kind of tribe in the world of making things, intentionally "
                "blurring the lines between art, craft, engineering and the everyday stuff we all use and love.",
            ),
        )
    )
    page = (
        "<html><head><title>Dude Craft: This is Not a Photograph</title></head><body><div id='header'><a href='/'>"
        "<img alt='Dude Craft' src='logo.png'/></a></div><div id='content-wrapper'><div id='main-wrapper'>"
        "<div class='main section'><div class='post'>"
        "<h3 class='post-title'><a href='/2012/01/photo.html'>This is Not a Photograph</a></h3><div "
        f"class='post-body'><img src='drawing.jpg'/><p>{caption}</p></div></div></div></div><div "
        f"id='sidebar-wrapper'><div class='sidebar section'>{widgets}</div></div></div></body></html>"
    )
    text = content(page).text
    assert caption in text
    assert "ukulele" not in text and "different kind of tribe" not in text


def _side_blurb_page(story: str) -> tuple[list[Line], lxml.etree._Element, lxml.etree._Element]:
    blurb = (
        "Health Plan Channel is a research website for benefits advisors and families who want to make the most of "
        "their coverage, with daily notes on the plans and the premiums they charge."
    )
    root = parse_html(
        "<html lang='en'><body><section id='fold'><div class='article' id='leftRail'>"
        f"<div class='body'>{story}</div></div><aside><div class='about'><p id='blurb'>{blurb}</p></div></aside>"
        "</section></body></html>"
    )
    assert root is not None
    return cut_page(root), root.xpath("//*[@id='fold']")[0], root.xpath("//*[@id='blurb']")[0]


def test_a_side_column_blurb_is_no_story_beside_one_even_where_no_headline_is_printed() -> None:
    # The headline sits in an article head dropped with the page's header, so no line prints it: the story's
    # sentences beside the `<aside>` still say that the blurb in it is a side column's.
    story = (
        "<p>On Thursday the county health plan said that members who moved can keep their doctor until the end of "
        "the year.</p><p>The office will send each of them a letter with the new rules and the deadlines.</p>"
    )
    lines, section, blurb = _side_blurb_page(story)
    assert _in_a_side_column_beside_the_story(blurb, section, lines, None, vocabulary())
    lines, section, blurb = _side_blurb_page("<p><a href='/list'>Plans</a></p><p><a href='/offices'>Offices</a></p>")
    assert not _in_a_side_column_beside_the_story(blurb, section, lines, None, vocabulary())


def test_a_body_column_after_a_headline_without_the_story_stays_whatever_its_name() -> None:
    header = f"<div class='title'><h1>{NOTICE_TITLE}</h1><p class='date'>发布时间：2024-09-28</p></div>"
    page = (
        f"<html><head><title>{NOTICE_TITLE}</title></head><body>"
        f"<div class='wrap'>{header}<div class='right'>{PARAGRAPHS}</div></div></body></html>"
    )
    assert "医疗保障服务大厅是办理医保业务的重要场所" in content(page).text


def test_a_title_that_only_a_small_sidebar_heading_repeats_does_not_cut_the_article() -> None:
    article = "<div class='article'>" + PARAGRAPHS + "</div>"
    side = f"<div class='side'><h5>{NOTICE_TITLE}</h5><p>地址：某市五四路158号，电话：0591-87842560。</p></div>"
    page = (
        f"<html><head><title>{NOTICE_TITLE}</title></head><body><div class='wrap'>{article}{side}</div></body></html>"
    )
    assert "医疗保障服务大厅是办理医保业务的重要场所" in content(page).text


def test_a_summary_card_under_the_story_that_repeats_the_title_does_not_cut_the_story() -> None:
    sections = "".join(f"<h2>第{i}部分</h2>{PARAGRAPHS}" for i in range(1, 4))
    card = f"<div class='card'><h2>{NOTICE_TITLE}</h2><p>地址：某市五四路158号，电话：0591-87842560。</p></div>"
    page = (
        f"<html><head><title>{NOTICE_TITLE}</title></head><body><div class='post'>{sections}{card}</div></body></html>"
    )
    assert "医疗保障服务大厅是办理医保业务的重要场所" in content(page).text


def test_many_related_boxes_under_a_story_cost_linear_time() -> None:
    story = "".join(f"<p>第{i}条：参保人员应当按时足额缴纳医疗保险费，逾期未缴的暂停享受待遇。</p>" for i in range(20))
    story = f"<h1>{NOTICE_TITLE}</h1>{story}"

    def cpu_seconds(count: int) -> float:
        boxes = "".join(
            f"<div><h3>相关新闻</h3><ul><li><a href='/{i}'>医保政策解读第{i}期</a></li></ul></div>"
            for i in range(count)
        )
        html = f"<html><head><title>{NOTICE_TITLE}</title></head><body>{story}{boxes}</body></html>"
        runs = []
        for _ in range(3):
            start = time.process_time()
            assert content(html).records
            runs.append(time.process_time() - start)
        return min(runs)

    small, large = cpu_seconds(1_000), cpu_seconds(4_000)
    assert large < 8 * small


def test_a_list_of_product_links_inside_the_body_the_cms_marks_is_part_of_the_article() -> None:
    # A deals column: one paragraph, then lists of linked offers, all inside `article-content`.
    offers = "".join(
        f"<li><a href='http://deals.example/{i}'>{item} with free shipping at the maker's store</a> "
        f"(normally ${price} - use coupon code SAVE{i})</li>"
        for i, (item, price) in enumerate(
            (
                ("2TB portable USB 3.0 hard drive for $161.99", 180),
                ("15.6-inch laptop with 8GB RAM for $550", 779),
                ("Dual-band wireless router with two USB ports for $140", 180),
                ("2.1 speaker system for $118.99", 149),
            )
        )
    )
    intro = (
        "It's Friday, and because we have to have deals on Friday, the deals desk has delivered! Our partners have "
        "put together a list of fresh deals for this weekend, which we know everyone will spend shopping."
    )
    side = "".join(f"<li><a href='/story/{i}'>Another story of the week, number {i}</a></li>" for i in range(8))
    page = (
        "<html><head><title>The deals desk: storage and a laptop</title></head><body>"
        "<h1>The deals desk: storage and a laptop</h1><div class='article-content'>"
        f"<p>{intro}</p><p><strong>Top deals:</strong></p><ul class='spaced'>{offers}</ul></div>"
        f"<div class='sidebar'><h3>Most read</h3><ul>{side}</ul></div></body></html>"
    )
    text = content(page).text
    assert text.startswith(intro)
    assert "2TB portable USB 3.0 hard drive for $161.99 with free shipping" in text and "Another story" not in text
