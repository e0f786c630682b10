"""extract/content/boilerplate.py: containers named as furniture and 信息公开 metadata tables are dropped."""

from __future__ import annotations

from extract.content.boilerplate import drop_boilerplate, drop_metadata_blocks
from extract.content.lines import text_of
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


def after(drop, body: str):
    root = parse_html(f"<html><body>{body}</body></html>")
    assert root is not None
    returned = drop(root, vocabulary())
    return " ".join(text_of(root).split()), returned


def test_nav_and_footer_named_by_class_are_dropped_and_the_article_stays() -> None:
    body = (
        "<div class='nav'><a href='/'>首页</a><a href='/zc'>政策法规</a></div>"
        f"<div class='article-content'>{PARAGRAPHS}</div><div id='footer'>版权所有 市医疗保障局</div>"
    )
    text, _ = after(drop_boilerplate, body)
    assert ("首页" in text, "版权所有" in text, text.startswith("医疗保障服务大厅")) == (False, False, True)


def test_container_with_a_boilerplate_name_that_holds_prose_stays() -> None:
    text, _ = after(drop_boilerplate, f"<div class='sidebar'>{PARAGRAPHS * 2}</div><div class='sidebar'>热门</div>")
    assert ("热门" in text, text.startswith("医疗保障服务大厅")) == (False, True)


def test_comment_box_is_dropped_even_with_prose() -> None:
    comments = "<div class='comment-list'>" + PARAGRAPHS + "</div>"
    text, _ = after(drop_boilerplate, f"<div class='main'>{PARAGRAPHS * 3}</div>{comments}")
    assert text.count("医疗保障服务大厅") == 3


LETTER = (
    "<div class='ask'><span>留言内容：</span><p>我是灵活就业人员，想问一下医保每月缴费多少？</p></div>"
    "<div class='reply'><span>回复内容：</span><p>您好！灵活就业人员2024年每月缴费412元，可以按月或按年缴纳。</p>"
    "<span>回复时间：2024-03-05</span></div>"
)


def test_an_offices_answer_in_a_box_named_reply_stays() -> None:
    # 市长信箱 and 12345 pages name the office's answer "reply"; it opens with its label and is the page's answer.
    text, _ = after(drop_boilerplate, LETTER)
    assert "回复内容：您好！灵活就业人员2024年每月缴费412元" in text


def test_a_short_reply_box_without_an_answer_label_is_dropped() -> None:
    text, _ = after(drop_boilerplate, LETTER.replace("回复内容：", "网友回复："))
    assert "我是灵活就业人员" in text and "412元" not in text


def test_metadata_table_is_dropped_and_gives_issuer_and_date() -> None:
    table = (
        "<table class='info'><tr><td>索 引 号：</td><td>11350100003591396N/2024-00123</td></tr>"
        "<tr><td>发布机构：</td><td>福州市医疗保障局</td></tr><tr><td>成文日期：</td><td>2024-05-13</td></tr>"
        "<tr><td>文号：</td><td>榕医保〔2024〕12号</td></tr></table>"
    )
    text, returned = after(drop_metadata_blocks, table + PARAGRAPHS)
    assert (text.startswith("医疗保障服务大厅"), returned) == (True, ("福州市医疗保障局", "2024-05-13"))


def test_metadata_labels_are_read_after_any_leading_space_and_inside_brackets() -> None:
    table = (
        "<ul><li>\u3000\u200b 信息索引号：0001</li><li>\n\t【发布机构】：福州市医疗保障局</li>"
        "<li>\u00a0发 文 日 期：2024-05-13</li></ul>"
    )
    text, returned = after(drop_metadata_blocks, table + PARAGRAPHS)
    assert (text.startswith("医疗保障服务大厅"), returned) == (True, ("福州市医疗保障局", "2024-05-13"))


def test_page_without_metadata_labels_is_left_as_it_is() -> None:
    text, returned = after(drop_metadata_blocks, f"<div>标题：烟台医保业务网上办</div>{PARAGRAPHS}")
    assert (text.startswith("标题：烟台医保业务网上办"), returned) == (True, (None, None))


# Real markup of a news CMS (gizmodo, scrapinghub article-extraction-benchmark, MIT): in-text links carry the
# class word "js_link", whose last part is the boilerplate token "link".
IN_TEXT_LINK = (
    '<p>I’m not complaining. The 16-inch MacBook Pro <span><a class="sc-145m8ut-0 gaHZkC js_link" '
    'href="https://gizmodo.com/yep">looks like a hell of a laptop</a></span>, as it should for a starting price '
    "of $2,400.</p>"
)


def test_link_named_as_boilerplate_inside_a_sentence_stays() -> None:
    text, _ = after(drop_boilerplate, IN_TEXT_LINK)
    assert "The 16-inch MacBook Pro looks like a hell of a laptop, as it should" in text


def test_link_named_as_boilerplate_on_its_own_line_is_dropped() -> None:
    body = f'{IN_TEXT_LINK}<div><a class="more-link" href="/more">Read more stories</a></div>'
    text, _ = after(drop_boilerplate, body)
    assert ("looks like a hell of a laptop" in text, "Read more stories" in text) == (True, False)


# Real markup of a news site (Sky News, scrapinghub article-extraction-benchmark, MIT): a related-stories widget in
# the middle of the article, named after the article ("sdc-article-related-stories"), the text going on below it.
RELATED_INSIDE_ARTICLE = (
    '<div class="sdc-article-body"><p>Tottenham said in a statement: "Jose is one of the world\'s most accomplished '
    'managers having won 25 senior trophies.</p><div class="sdc-article-widget sdc-article-related-stories">'
    '<h3 class="sdc-article-related-stories__title">More from UK</h3><ul><li><a href="/story/1"><h4>Prince Andrew: '
    "BT and three universities abandon ties with duke after Epstein TV interview, and the pressure on the palace "
    'grows by the hour as sponsors leave</h4></a></li></ul></div><p>"He is renowned for his tactical prowess and has '
    "managed FC Porto, Inter Milan, Chelsea, Real Madrid and Manchester United.</p></div>"
)


def test_a_related_box_named_as_part_of_the_article_is_dropped() -> None:
    text, _ = after(drop_boilerplate, RELATED_INSIDE_ARTICLE)
    assert ("25 senior trophies" in text, "More from UK" in text, "Prince Andrew" in text) == (True, False, False)
    assert "He is renowned for his tactical prowess" in text


def test_a_content_word_after_the_boilerplate_word_still_names_content() -> None:
    # "sharing-article-body" ends in content words: the body stays; "article-share-bar" is the article's share bar.
    body = f"<div class='sharing-article-body'>{PARAGRAPHS}</div><div class='article-share-bar'>分享到 微信 微博</div>"
    text, _ = after(drop_boilerplate, body)
    assert (text.startswith("医疗保障服务大厅"), "分享到" in text) == (True, False)


def test_a_paragraph_named_by_its_typography_stays_and_a_font_bar_of_the_story_goes() -> None:
    # Real class names and text of an elcomercio.pe story (trafilatura's evaluation pages,
    # tests/eval/elcomercio.pe-kenjifujimori.html): every paragraph is "story-contents__font-paragraph".
    paragraph = (
        "<p class='story-contents__font-paragraph'>Ese día se realizará el debate pericial entre los peritos de "
        "oficio (Milton Hinojoza y Luis Loyola) y de parte (Pedro Infante).</p>"
    )
    body = f"<div class='story-contents'>{paragraph}<div class='story-contents__font-size'>A+ A-</div></div>"
    text, _ = after(drop_boilerplate, body)
    assert ("Milton Hinojoza" in text, "A+ A-" in text) == (True, False)


def test_an_id_spelling_a_path_of_controls_does_not_name_the_element() -> None:
    # ASP.NET WebForms ids join the names of the nested controls: "…QuestionComments_CommentContainer" is the comment
    # list under a question on a Q&A page, its text part of the thread.
    body = (
        f"<div id='ctl00_MC_AMC_QuestionComments_CommentContainer'>{PARAGRAPHS}</div>"
        "<div class='question-share-links'>Share this question</div>"
    )
    text, _ = after(drop_boilerplate, body)
    assert (text.startswith("医疗保障服务大厅"), "Share this question" in text) == (True, False)


def test_a_class_word_opening_with_a_footer_region_is_dropped_even_with_prose() -> None:
    # The Jerusalem Post (scrapinghub article-extraction-benchmark, MIT): the footer's text block, longer than a
    # breaking-news article, is named "footer-bottom-text"; the article body's own class opens with content words.
    footer = (
        "<div class='footer-bottom-text'>The Jerusalem Post Customer Service Center can be contacted with any "
        "questions or requests. The center is staffed and provides answers on Sundays through Thursdays.</div>"
    )
    article = (
        "<div class='article-inner-content-breaking-news'>The son of former German President Richard von "
        "Weizsäcker was stabbed to death in Berlin, Kan reported on Wednesday.</div>"
    )
    text, _ = after(drop_boilerplate, article * 3 + footer)  # the footer holds less than half the page
    assert ("stabbed to death in Berlin" in text, "Customer Service Center" in text) == (True, False)


def test_a_header_left_open_around_the_article_and_its_comments_is_no_header() -> None:
    # A news template never closes its `post_header`: the article and the comment thread end up inside it.
    links = "".join(f"<a href='/c{i}'>网友评论第{i}条的回复链接文字</a>" for i in range(40))
    body = (
        f"<div class='post_header'><h1>烟台医保业务网上办</h1><div class='post_text'>{PARAGRAPHS}{PARAGRAPHS}</div>"
        f"<div class='tie-list'>{links}</div></div><div class='footer'>版权所有</div>"
    )
    text, _ = after(drop_boilerplate, body)
    assert "医疗保障服务大厅" in text
    assert "版权所有" not in text


def test_a_header_holding_only_links_is_dropped_whatever_its_size() -> None:
    links = "".join(f"<a href='/c{i}'>栏目导航第{i}项</a>" for i in range(40))
    text, _ = after(drop_boilerplate, f"<div class='header'>{links}</div><div class='article'>{PARAGRAPHS}</div>")
    assert "栏目导航" not in text
    assert "医疗保障服务大厅" in text


def test_a_cookie_notice_written_in_sentences_is_dropped() -> None:
    notice = (
        "<div class='m159-cookies'><div class='m159-cookies-acceptance'><p>Unsere Website verwendet Cookies für "
        "verschiedene Zwecke, insbesondere zur Verbesserung ihrer Funktionsweise und zur Analyse des "
        "Nutzungsverhaltens. Das Navigieren auf dieser Website wird als Zustimmung zur Verwendung von Cookies "
        "betrachtet. Mehr Informationen finden Sie im Datenschutzhinweis, den Sie jederzeit aufrufen können, und in "
        "den Einstellungen Ihres Browsers.</p></div></div>"
    )
    text, _ = after(drop_boilerplate, notice + f"<div class='article'>{PARAGRAPHS * 4}</div>")
    assert "Cookies" not in text
    assert "医疗保障服务大厅" in text


COOKIE_NOTICE = (
    "<p>This Cookie Notice explains how the publisher and its partners, including advertisers and vendors, use "
    "cookies and similar tracking technologies when you use our websites, applications and other services.</p>"
    "<p>Like many companies, we use cookies and other tracking technologies on the services, including HTTP "
    "cookies, local storage, web beacons, embedded scripts and software development kits.</p>"
)


def test_a_consent_platforms_notice_is_dropped_however_long_and_wherever_its_name_stands() -> None:
    # OneTrust's preference centre: ids "onetrust-consent-sdk", "onetrust-pc-sdk", longer than the article.
    notice = f"<div id='onetrust-consent-sdk'><div id='onetrust-pc-sdk'>{COOKIE_NOTICE * 8}</div></div>"
    text, _ = after(drop_boilerplate, notice + f"<div class='article'>{PARAGRAPHS}</div>")
    assert "Cookie Notice" not in text
    assert "医疗保障服务大厅" in text


def test_a_paragraph_about_cookies_in_an_article_stays() -> None:
    text, _ = after(drop_boilerplate, f"<div class='article-body'>{COOKIE_NOTICE}{PARAGRAPHS}</div>")
    assert "Cookie Notice" in text


def test_a_frameworks_root_named_like_a_pager_wraps_the_page() -> None:
    # Next.js renders the page into <div id="__next">: "next" is a pager's word, but this is the whole page.
    menu = "".join(f"<a href='/section/{i}'>News section number {i}</a>" for i in range(40))
    body = f"<div id='__next'><nav>{menu}</nav><div class='story'>{PARAGRAPHS}</div></div>"
    text, _ = after(drop_boilerplate, body)
    assert "医疗保障服务大厅" in text
    pager, _ = after(
        drop_boilerplate, f"<div class='article'>{PARAGRAPHS}</div><div id='next'><a href='/2'>下一页</a></div>"
    )
    assert "下一页" not in pager


# ----------------------------------------------------------------------------- text copy


def test_copy_inside_a_class_word_names_text_and_copy_alone_a_copyright_box() -> None:
    body = (
        "<div class='customizer-copy'><h3>Add-ons</h3><p>Add-ons are like apps that you install.</p></div>"
        "<div class='copy'>© 2024 Health Coverage Guide</div><div class='footer__copy'>All rights reserved</div>"
        "<p class='CopyRight'>Photo: © Jane Doe</p>"
    )
    text, _ = after(drop_boilerplate, body)
    assert "Add-ons are like apps that you install." in text
    assert "© 2024" not in text and "All rights reserved" not in text and "Jane Doe" not in text


def test_a_span_named_head_is_a_heading_in_the_text_and_a_div_so_named_the_pages_header() -> None:
    steps = "".join(
        f"<div class='step'><span class='headline2 head'>第{n}步</span>{paragraph}</div>"
        for n, paragraph in enumerate(PARAGRAPHS.split("</p>")[:3], start=1)
    )
    body = f"<div class='head'><a href='/'>首页</a> 某某市医疗保障局</div><div class='article-content'>{steps}</div>"
    text, _ = after(drop_boilerplate, body)
    assert ("第1步" in text, "第3步" in text, "某某市医疗保障局" in text) == (True, True, False)


def test_a_class_word_setting_a_css_position_styles_the_element_and_a_position_box_is_a_breadcrumb() -> None:
    # A blog built of styled sections (`position-left`) and Bootstrap's `position-relative`: their headings and
    # short paragraphs are the article. `position` alone, or before another part, is a portal's 当前位置 bar.
    body = (
        "<div class='position'>当前位置：<a href='/'>首页</a> &gt; <a href='/news/'>新闻</a></div>"
        "<div class='news-position'>您的位置：医保动态</div>"
        "<section class='editor-temp editor-blog-title position-left'><h2>How Much Does It Cost to Run a Laptop?</h2>"
        "</section><div class='card position-relative'><p>A 50-watt laptop used 8 hours a day uses 0.4 kWh.</p></div>"
        "<div class='MuiAppBar-positionFixed'>Laptop vs. Desktop</div>"
    )
    text, _ = after(drop_boilerplate, body)
    assert "How Much Does It Cost to Run a Laptop?" in text
    assert "A 50-watt laptop used 8 hours a day uses 0.4 kWh." in text
    assert "Laptop vs. Desktop" in text
    assert "当前位置" not in text and "您的位置" not in text


def test_a_cookie_notice_holding_more_text_than_the_article_is_dropped_and_a_modal_holding_the_page_is_not() -> None:
    # A consent notice lists every cookie it sets: more text than a podcast episode's notes.
    cookies = "".join(
        f"<tr><td>cookielawinfo-checkbox-{kind}</td><td>11 months</td><td>This cookie is set by GDPR Cookie Consent "
        f"plugin to store the user consent for the cookies in the category {kind}.</td></tr>"
        for kind in ("analytics", "functional", "necessary", "others", "performance", "advertisement")
    )
    episode = "<p>Now that many of us are doing business out of our homes, is it time to upgrade your network?</p>"
    body = f"<div class='entry'>{episode}</div><div class='site-cookies'><div><table>{cookies}</table></div></div>"
    text, _ = after(drop_boilerplate, body)
    assert "doing business out of our homes" in text
    assert "cookielawinfo" not in text
    # A tweet's permalink page prints the tweet in an overlay named as a modal: holding the page, it stays.
    text, _ = after(drop_boilerplate, f"<div class='PermalinkOverlay-modal'>{PARAGRAPHS}</div><div>Footer note</div>")
    assert text.startswith("医疗保障服务大厅")
    # So does a template's comment-named wrapper around the whole article.
    text, _ = after(drop_boilerplate, f"<div class='comments'>{PARAGRAPHS}</div><div>Footer note</div>")
    assert text.startswith("医疗保障服务大厅")


def test_a_lightbox_holding_a_video_description_is_dropped_and_a_picture_link_so_named_in_a_sentence_stays() -> None:
    # A film site prints each trailer's description in a lightbox, an overlay shown on a click, after its footer.
    trailer = (
        "<div class='trailers'><div id='video-lightbox-1' class='lightbox'><h3>Red Band Trailer!</h3>"
        "<p>The official red band trailer of the film, starring two siblings who hunt witches for a living, fifteen "
        "years after their traumatic gingerbread-house incident.</p></div></div>"
    )
    text, _ = after(drop_boilerplate, f"<div class='entry'>{PARAGRAPHS * 2}</div>{trailer}")
    assert text.startswith("医疗保障服务大厅") and "red band trailer" not in text
    photo = "<p>大厅位置见<a class='lightbox' href='/hall.jpg'>示意图</a>，请从东门进入。</p>"
    text, _ = after(drop_boilerplate, f"<div class='entry'>{PARAGRAPHS}{photo}</div>")
    assert "大厅位置见示意图，请从东门进入。" in text


def test_an_element_named_by_a_number_after_a_word_is_named_by_the_word() -> None:
    # An old blog theme numbers each comment (`id="comment-308662"`) in an unnamed list: comment 308662 is a comment.
    comments = "".join(
        f"<li id='comment-{number}'><cite>Reader {number}</cite> Says:<p>{reply}</p></li>"
        for number, reply in (
            (
                308662,
                "I have not been through this yet, but I can imagine it is frustrating. The reality of how "
                "banking is done these days is that it is all about the numbers, and service comes last.",
            ),
            (
                308663,
                "Good post! This happened to me last year, and it was anything but uninterrupted. The bill pay "
                "system was broken for months, so nearly all of my payments were late, and nobody could tell me why.",
            ),
        )
    )
    text, _ = after(drop_boilerplate, f"<div class='entry'>{PARAGRAPHS * 2}<ol class='list'>{comments}</ol></div>")
    assert text.startswith("医疗保障服务大厅") and "Reader 308662" not in text and "bill pay" not in text
    # A post or a section so numbered is content all the same.
    text, _ = after(drop_boilerplate, f"<div id='post-18030'><div id='section-2'>{PARAGRAPHS}</div></div>")
    assert text.startswith("医疗保障服务大厅")


def elementor(kind: str, inner: str) -> str:
    """A page builder's block: every one named after the builder and "widget"."""
    return (
        f"<div class='elementor-element elementor-widget elementor-widget-{kind}'>"
        f"<div class='elementor-widget-container'>{inner}</div></div>"
    )


SIDEBAR = (
    "<aside class='widget widget_text'><h3 class='widget-title'>Ask a question</h3>Our team answers in a day.</aside>"
    "<div class='widget_dwqa_leaderboard'>Top answerers this month</div><div class='recent-posts-widget'>"
    "<a href='/p/1'>Recent post one</a><a href='/p/2'>Recent post two</a></div>"
)


def test_a_page_builders_blocks_are_the_article_when_they_hold_most_of_the_page() -> None:
    heading = elementor("heading", "<h3 class='elementor-heading-title'>Pro: Work On Interesting Problems</h3>")
    body = heading + elementor("text-editor", PARAGRAPHS)
    text, _ = after(drop_boilerplate, body + SIDEBAR)
    assert "Pro: Work On Interesting Problems" in text and text.count("医疗保障服务大厅") == 1


def test_widgets_beside_an_article_not_built_of_them_are_a_sidebar() -> None:
    text, _ = after(drop_boilerplate, f"<div class='entry-content'>{PARAGRAPHS}</div>{SIDEBAR}")
    assert text.startswith("医疗保障服务大厅")
    assert "Ask a question" not in text and "Top answerers" not in text and "Recent post one" not in text


def test_an_element_named_by_a_region_and_the_kind_of_its_box_is_named_by_the_region() -> None:
    # A 2008 news page's `id="commentsDiv"` holds readers' comments on other stories, written in sentences: the
    # comments, however much prose they hold. A box named after the story ("story-box") stays.
    comments = (
        "<div id='commentsDiv'><h3>Comments from Examiner Readers</h3><p>Examiner Reader said: just to let you know, "
        "in the picture with vince legarza, the SHC player is either kevin greene or jerry brown, the names are mixed "
        "up. Great season so far, and the coach deserves the credit he gets.</p></div>"
    )
    text, _ = after(drop_boilerplate, f"<div class='story-box'>{PARAGRAPHS * 3}</div>{comments}")
    assert text.startswith("医疗保障服务大厅") and "Examiner" not in text
    # The same word written as one token with a box word ("lightBox") is that token: a lightbox, not a light.
    text, _ = after(drop_boilerplate, f"{PARAGRAPHS}<span class='magnifier lightBox hide'>S</span>")
    assert text.endswith("具体办法按有关通知执行。")
    # After two words the box holds both: a theme's "content-sidebar-wrap" wraps the article and its sidebar.
    sidebar = "<div class='sidebar'>" + "".join(f"<p><a href='/{i}'>近期文章{i}</a></p>" for i in range(12)) + "</div>"
    text, _ = after(drop_boilerplate, f"<div id='content-sidebar-wrap'><div>{PARAGRAPHS}</div>{sidebar}</div>")
    assert text.startswith("医疗保障服务大厅")
