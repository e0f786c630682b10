"""extract/content/article.py: an article body's lines without their furniture, and the summary box above it."""

from __future__ import annotations

from extract.content.article import clean_lines, lead_lines
from extract.content.lines import cut_page, split_lines
from extract.content.parse import parse_html
from extract.content.vocabulary import vocabulary

PARAGRAPHS = [
    "医疗保障服务大厅是办理医保业务的重要场所，属于人群聚集区，也是当前疫情防控重点区域。",
    "市医疗保障服务中心将对当前医保业务的经办方式和途径进行临时性调整，积极采取不见面、少见面的经办模式。",
    "自2月1日起医疗保险缴费期由每月15日前延长至全月缴费，具体办法按有关通知执行。",
]
BODY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def cleaned(body: str, title: str | None = "烟台医保业务网上办") -> list[str]:
    root = parse_html(f"<html><body><div class='main'>{body}</div></body></html>")
    assert root is not None
    return clean_lines(split_lines(root), title, vocabulary())


def test_headline_and_byline_above_the_body_are_not_body() -> None:
    body = "<h1>烟台医保业务网上办</h1><div>来源：胶东在线 2020-02-03 09:35:00</div>" + BODY
    assert cleaned(body) == PARAGRAPHS


def test_kicker_heading_over_the_headline_goes_with_it() -> None:
    assert cleaned("<h3>疫情期间医保经办方式临时调整</h3><h1>烟台医保业务网上办</h1>" + BODY) == PARAGRAPHS


def test_closing_credit_after_the_prose_stays() -> None:
    assert cleaned(BODY + "<p>（责任编辑：孙重远）</p>") == [*PARAGRAPHS, "（责任编辑：孙重远）"]


def test_signing_date_after_the_prose_stays() -> None:
    assert cleaned(BODY + "<p>福州市医疗保障局</p><p>2024年5月13日</p>")[-2:] == ["福州市医疗保障局", "2024年5月13日"]


def test_everything_after_a_related_heading_is_dropped_but_prose() -> None:
    related = "<h3>相关新闻</h3><ul><li><a href='/1'>烟台职工医保个人账户可购买口罩</a></li></ul>"
    assert cleaned(BODY + related) == PARAGRAPHS


def test_link_menu_above_the_prose_is_dropped_and_links_between_paragraphs_stay() -> None:
    menu = "<div><a href='/'>首页</a> <a href='/zc'>政策法规</a> <a href='/zn'>办事指南</a></div>"
    inner = f"<p>{PARAGRAPHS[0]}</p><p><a href='/a'>▶ 典型案例：异地就医备案</a></p><p>{PARAGRAPHS[1]}</p>"
    assert cleaned(menu + inner) == [PARAGRAPHS[0], "▶ 典型案例：异地就医备案", PARAGRAPHS[1]]


def test_short_buttons_at_the_edges_are_dropped_and_table_cells_stay() -> None:
    table = "<table><tr><td>风险等级</td><td>中</td></tr></table>"
    assert cleaned("<div>+1</div>" + BODY + table + "<div>图集</div>") == [*PARAGRAPHS, "风险等级", "中"]


def article_with_summary(summary: str) -> tuple[list[str], list[str]]:
    root = parse_html(
        f"<html><body><div class='art'>{summary}<div class='art_content'>{BODY}</div></div></body></html>"
    )
    assert root is not None
    lines = cut_page(root)
    body_root = next(e for e in root.iter("div") if e.get("class") == "art_content")
    return [line.text for line in lead_lines(body_root, lines, vocabulary())], [line.text for line in lines]


def test_summary_box_right_above_the_body_is_its_lead() -> None:
    lead = "核心提示：医保业务可以网上办，参保人不必再到服务大厅排队。"
    assert article_with_summary(f"<div class='summary'>{lead}</div>")[0] == [lead]


def test_a_box_that_is_not_named_a_summary_is_no_lead() -> None:
    lead, lines = article_with_summary("<div class='box'>医保业务可以网上办，参保人不必再到服务大厅排队。</div>")
    assert (lead, lines[0]) == ([], "医保业务可以网上办，参保人不必再到服务大厅排队。")


# English article lines of news sites (scrapinghub article-extraction-benchmark, MIT; opendatalab/magic-html,
# Apache-2.0): furniture lines between and under the paragraphs.
ENGLISH = [
    "Jose Mourinho has agreed a deal to replace Mauricio Pochettino as Tottenham's manager until 2023.",
    "Pochettino was sacked last night after five-and-a-half years in charge of the club.",
    "Police said the driver of the caravan transporter had been arrested on suspicion of drug offences.",
]


def english(*between: str, after: str = "") -> list[str]:
    middle = "".join(f"<div>{line}</div>" for line in between)
    body = f"<p>{ENGLISH[0]}</p>{middle}<p>{ENGLISH[1]}</p><p>{ENGLISH[2]}</p>{after}"
    return cleaned(body, title="Jose Mourinho agrees deal")


def test_an_ad_slot_label_between_paragraphs_is_dropped() -> None:
    assert english("Advertisement", "— ADVERTISEMENT —") == ENGLISH
    assert cleaned(BODY + "<p>广告</p><p>" + PARAGRAPHS[0] + "</p>") == [*PARAGRAPHS, PARAGRAPHS[0]]


def test_an_advertisement_sentence_stays() -> None:
    line = "Advertisement spending on television fell by a third in the year to March, the report said."
    assert english(line) == [ENGLISH[0], line, *ENGLISH[1:]]


def test_tool_shop_pager_and_reading_time_lines_are_dropped_and_sentences_with_those_words_stay() -> None:
    tools = ("- Tweet this", "- Digg this", "Reprints", "Sharing is caring!", "- See it now: Amazon", "5 minutes")
    assert english(*tools, "- Previous", "Next article") == ENGLISH
    lines = ("Save money by comparing plans before you renew.", "5 minutes after the call, the ambulance arrived.")
    assert english(*lines) == [ENGLISH[0], *lines, *ENGLISH[1:]]


def test_english_share_bars_are_dropped_and_a_sentence_about_sharing_stays() -> None:
    bars = ("Share on Facebook Share on Twitter Share on Flipboard", "Share - WeChat", "Share this:")
    assert english(*bars) == ENGLISH
    line = "Share this with anyone who has been asked to pay twice for the same prescription."
    assert english(line) == [ENGLISH[0], line, *ENGLISH[1:]]


def test_a_table_of_contents_heading_is_dropped_and_a_sentence_about_contents_stays() -> None:
    assert english("Contents", "On this page") == ENGLISH
    line = "Contents of the pack: two inhalers, a spacer and a leaflet on how to use them."
    assert english(line) == [ENGLISH[0], line, *ENGLISH[1:]]


def test_a_guidance_pages_feedback_and_newsletter_prompts_are_dropped_and_sentences_about_them_stay() -> None:
    prompts = (
        "Was this page helpful?",
        "Sign up for our newsletter to get the latest health news and advice delivered to your inbox.",
        "Help us improve our website",
        "We want to hear what you think about this article.",
        "Rate this page",
        "本页面对您有帮助吗？",
    )
    assert english(*prompts) == ENGLISH
    line = "Sign up for the scheme through your GP surgery, which will send you a letter within two weeks."
    assert english(line) == [ENGLISH[0], line, *ENGLISH[1:]]


def test_a_sign_up_boxs_consent_field_and_thanks_are_dropped_and_sentences_about_signing_up_stay() -> None:
    box = (
        "By entering your email address you agree to our Terms of Use and Privacy Policy and consent to our emails.",
        "By signing up, you agree to our Privacy Policy.",
        "Enter email address",
        "Thanks for subscribing! Look out for your first newsletter in your inbox soon!",
    )
    assert english(*box) == ENGLISH
    lines = (
        "Thank you for signing up for the program, we enrolled 300 students in the first week.",
        "By signing up before March, families keep last year's premium for the whole year.",
    )
    assert english(*lines) == [ENGLISH[0], *lines, *ENGLISH[1:]]


def test_a_players_placeholder_and_a_browser_notice_are_dropped_and_a_sentence_about_loading_stays() -> None:
    placeholders = (
        "视频加载中，请稍候...",
        "您的浏览器不支持video标签",
        "Loading...",
        "Your browser does not support the video tag.",
    )
    assert english(*placeholders) == ENGLISH
    line = "Loading doses are given in hospital, and the pharmacy explains how to take the tablets at home."
    assert english(line) == [ENGLISH[0], line, *ENGLISH[1:]]


def test_a_video_players_lines_are_dropped_and_a_sentence_about_a_video_stays() -> None:
    player = ("Watch Next", "Now watching", "Next video starts in : 7", "Latest Videos", "视频加载失败，请刷新")
    assert english(*player, "Unfortunately, this video is not available in your region.") == ENGLISH
    line = "Up next: the minister explains the reform in a ten-minute interview recorded on Monday."
    assert english(line) == [ENGLISH[0], line, *ENGLISH[1:]]


def test_a_line_of_counters_is_dropped_and_a_sentence_with_counts_stays() -> None:
    assert english("0 likes, 4 replies", "1.2k views · 36 comments", "14 Likes 2 Shares") == ENGLISH
    line = "12 replies to the survey said the new form was easier to fill in than the old one, 3 replies did not."
    assert english(line) == [ENGLISH[0], line, *ENGLISH[1:]]


def test_a_short_notices_signature_date_and_attachments_follow_its_one_sentence() -> None:
    notice = (
        "<p>发布时间：2024-03-01 来源：医药服务管理处</p>"
        "<p>根据有关规定，现将2024年度定点医药机构名单予以公告（详见附件）。</p><p>特此公告。</p>"
        "<p>某某市医疗保障局</p><p>2024年3月1日</p>"
        "<p>附件：<a href='/a1.xlsx'>1.定点医疗机构名单</a> <a href='/a2.xlsx'>2.定点零售药店名单</a></p>"
    )
    assert cleaned(notice) == [
        "根据有关规定，现将2024年度定点医药机构名单予以公告（详见附件）。",
        "特此公告。",
        "某某市医疗保障局",
        "2024年3月1日",
        "附件：1.定点医疗机构名单 2.定点零售药店名单",
    ]


def test_a_chinese_line_of_counters_is_dropped_and_a_sentence_with_counts_stays() -> None:
    counters = (
        "<p>阅读 1.2万在看 35</p><p>阅读 10万+</p><p>1234次浏览 · 56人点赞</p><p>浏览量：2,318</p>"
        "<p>网友评论 0 条</p><p>评论(12)</p>"
    )
    assert cleaned(BODY + counters) == PARAGRAPHS
    line = "截至10月底，全市已有35万人在看病时使用了医保电子凭证，点赞的占九成。"
    assert cleaned(BODY + f"<p>{line}</p>") == [*PARAGRAPHS, line]


def test_a_photos_credit_line_is_dropped_and_a_sentence_about_photos_stays() -> None:
    credits = ("GETTY IMAGES", "Photo by Mario Tama/Getty Images", "AP Photo/Evan Vucci", "(Image credit: NASA)")
    assert english(*credits) == ENGLISH
    photographers = ("Win McNamee via Getty Images", "Justin Sullivan / Staff via Getty Images", "Evan Vucci/AP")
    assert english(*photographers) == ENGLISH
    sentences = ("The figures were first reported via Reuters.", "Hospitals in the region said so, via AP")
    assert english(*sentences) == [ENGLISH[0], *sentences, *ENGLISH[1:]]
    assert cleaned(BODY + "<p>图/新华社</p><p>（图片来源：视觉中国）</p>") == PARAGRAPHS
    line = "Photos taken by residents show the flooded road near the school on Monday morning after the storm."
    assert english(line, "Reuters reported that the deal was signed on Monday.") == [
        ENGLISH[0],
        line,
        "Reuters reported that the deal was signed on Monday.",
        *ENGLISH[1:],
    ]


def test_a_guidance_pages_review_stamps_are_dropped_and_a_sentence_about_an_update_stays() -> None:
    stamps = ("Page last reviewed: 12 May 2023", "Next review due: 12 May 2026", "Last updated: 3/14/2024")
    assert english(after="".join(f"<p>{stamp}</p>" for stamp in stamps)) == ENGLISH
    line = "The plan was last updated in May 2024 to add dental cover."
    assert english(after=f"<p>{line}</p>") == [*ENGLISH, line]


def test_affiliate_disclosure_follow_and_tip_lines_are_dropped() -> None:
    tail = (
        "<p>AppleInsider has affiliate partnerships and may earn commission on products purchased through "
        "affiliate links.</p><p>Follow BBC Lincolnshire on Facebook, X (formerly Twitter), and Instagram.</p>"
        "<p>Have a tip? Amy Kuperinsky may be reached at akuperinsky@example.com.</p>"
    )
    assert english(after=tail) == ENGLISH


def test_a_sentence_that_mentions_following_or_tips_stays() -> None:
    line = "Officers will follow up on every tip they receive about the transporter, a spokesman said."
    assert english(line) == [ENGLISH[0], line, *ENGLISH[1:]]


def test_a_blogs_trackback_box_and_a_portals_share_plea_are_dropped() -> None:
    tail = (
        "<p>Trackback</p><p>你可以使用这个链接引用该篇文章 http://blog.example.com/tb?diaryID=2756656</p>"
        "<p>如果您喜欢网易新闻，请告诉您的朋友。</p>"
    )
    assert cleaned(BODY + tail) == PARAGRAPHS
    line = "如果您喜欢这项服务，可以在评价页面为经办窗口打分，我们会据此改进。"
    assert cleaned(BODY + f"<p>{line}</p>") == [*PARAGRAPHS, line]


def test_a_reprint_notice_under_a_chinese_article_is_dropped() -> None:
    notice = "<p>本作品为“科普中国-科学原理一点通”原创，转载时务请注明出处。</p><p>转载请注明:原文链接 - https://example.com/1</p>"
    assert cleaned(BODY + notice) == PARAGRAPHS


def test_a_related_heading_opened_by_a_bullet_closes_the_body_and_a_bulleted_sentence_stays() -> None:
    related = (
        "<p><a href='/1'>我市召开医保工作会议，部署下半年重点任务</a></p>"
        "<p><a href='/2'>医保局开展基金监管宣传月活动</a></p>"
    )
    for heading in ("■相关新闻", "● 延伸阅读", "・関連記事"):
        assert cleaned(BODY + f"<p>{heading}</p>{related}") == PARAGRAPHS, heading
    line = "● 相关新闻发布后，市医保局又补充了异地就医备案的办理材料和时限要求。"
    assert cleaned(BODY + f"<p>{line}</p>") == [*PARAGRAPHS, line]


def test_a_related_links_heading_closes_the_body() -> None:
    related = "<h3>Related internet links</h3><ul><li><a href='/1'>Lincolnshire Police</a></li></ul>"
    assert english(after=related) == ENGLISH


def test_a_related_on_site_label_closes_the_body_and_a_sentence_on_related_matters_stays() -> None:
    # A news site's slideshow under the story, opened by a short label paragraph naming the site.
    slideshow = (
        "<p>Related on NewsSite:</p><div class='promo'><h4>BARCLAYS</h4>"
        "<p>The bank has been at the centre of a very public storm since regulators fined it last month.</p>"
        "<h4>CITI</h4><p>The bank said its subsidiaries had received requests for information and documents.</p></div>"
    )
    assert english(after=slideshow) == ENGLISH
    line = "Related on paper, the two cases were handled by different courts and different prosecutors."
    assert english(line) == [ENGLISH[0], line, *ENGLISH[1:]]


STORY = [
    "The Pentagon is preparing next year's budget, but the November elections and the lame-duck session of "
    "Congress could change all of it, officials said on Thursday, and planners are working on two versions.",
    "The gap between the two candidates' plans for the military over the next ten years could not be wider, "
    "budget analysts said, with one plan cutting spending and the other adding ships, aircraft and troops.",
    "The defense secretary told reporters that Congress has provided funds through March at essentially the "
    "level of this year, so no program has to stop while the two parties argue about the rest of the year.",
    "Both teams may be working under assumptions that prove false, the analysts added, since neither the result "
    "of the election nor the fate of the automatic cuts that begin in January can be known before the vote.",
]


def test_a_related_heading_in_a_side_rail_between_two_parts_of_the_story_does_not_end_it() -> None:
    # A news site sets a rail of share buttons and related links between the story's paragraphs.
    rail = (
        "<div class='module article-side-rail left'><div class='share'><a href='/share'>Tweet</a></div>"
        "<div class='module'><p class='heading'>More from Politics</p>"
        "<h2><a href='/1'>Poll: race all tied up at 49 percent</a></h2><p class='byline'>Three reporters</p>"
        "<h2><a href='/2'>The candidate and the cherry-picked data</a></h2></div></div>"
    )
    first = "<div class='article_body'>" + "".join(f"<p>{p}</p>" for p in STORY[:3]) + "</div>"
    rest = f"<div class='rest'><p>{STORY[3]}</p></div>"
    assert cleaned(first + rail + rest) == STORY
    # At the story's end, with no paragraph after it, the rail's heading closes the body.
    footer = "<div class='footer'><a href='/about'>About us</a></div>"
    assert cleaned(first + rail + footer) == STORY[:3]


def test_a_latest_stories_heading_closes_the_body_and_a_sentence_about_the_latest_stories_stays() -> None:
    # Real teasers under a cbssports.com story (scrapinghub/article-extraction-benchmark, study half).
    latest = (
        "<h3>Our Latest Stories</h3><div><a href='/1'>Gronk may have found his true calling</a>"
        "<p>SportsLine's computer model simulated every Week 12 NFL game 10,000 times with surprising results.</p>"
        "<a href='/2'>Playoff picture: Raiders in pursuit</a>"
        "<p>Breaking down the 2019 NFL playoff picture after Sunday's Week 11 action.</p></div>"
    )
    assert english(after=latest) == ENGLISH
    line = "Our latest stories on the league are collected here, and the picks are updated every Thursday."
    assert english(line) == [ENGLISH[0], line, *ENGLISH[1:]]


def test_link_lines_under_the_body_stay_out_when_a_related_list_with_abstracts_follows() -> None:
    # youth.cn (opendatalab/magic-html, Apache-2.0): a strip of photo links under the credit line, then "相关新闻"
    # whose entries carry sentence abstracts. The abstracts are not the body's prose.
    strip = "".join(f"<li><a href='/p{i}'>{t}</a></li>" for i, t in enumerate(("女子大脑有蛔虫", "酒厂拔掉葡萄藤")))
    related = (
        "<h3>相关新闻</h3><div><a href='/r1'>山东日照：小蓝莓助力农业发展</a></div>"
        "<div>5月22日，在山东省日照市东港区陈疃镇蓝莓产学研基地，农户在采摘蓝莓。自2005年发展蓝莓种植以来，陈疃镇"
        "蓝莓产业不断壮大。<a href='/r1'>【详细】</a></div>"
    )
    body = BODY + "<p>责任编辑：张毅</p><ul>" + strip + "</ul>" + related
    assert cleaned(body) == [*PARAGRAPHS, "责任编辑：张毅"]


def test_link_lines_between_paragraphs_stay_when_a_related_list_follows() -> None:
    inner = f"<p>{PARAGRAPHS[0]}</p><p><a href='/a'>▶ 典型案例：异地就医备案</a></p><p>{PARAGRAPHS[1]}</p>"
    related = "<h3>相关新闻</h3><div>5月22日，在山东省日照市东港区陈疃镇蓝莓产学研基地，农户在采摘蓝莓。</div>"
    assert cleaned(inner + related) == [PARAGRAPHS[0], "▶ 典型案例：异地就医备案", PARAGRAPHS[1]]


def test_english_datelines_and_bylines_above_the_prose_are_dropped() -> None:
    lines = ("18 NOV 2019", "Monday, November 18, 2019, 04:05 pm PT (07:05 pm ET)", "By Mark Stetson on May 16, 2024")
    body = "".join(f"<div>{line}</div>" for line in lines) + "".join(f"<p>{p}</p>" for p in ENGLISH)
    assert cleaned(body, title="Jose Mourinho agrees deal") == ENGLISH


def test_a_sentence_that_opens_with_a_date_stays_and_a_date_after_the_prose_stays() -> None:
    opening = "May 16, 2024 was the hottest day of the spring in the city, the weather office said."
    body = f"<p>{opening}</p>" + "".join(f"<p>{p}</p>" for p in ENGLISH) + "<p>November 18, 2019</p>"
    assert cleaned(body, title="Jose Mourinho agrees deal") == [opening, *ENGLISH, "November 18, 2019"]


def test_an_inline_related_pointer_is_dropped_and_a_sentence_about_relations_stays() -> None:
    pointer = "<p><a href='/1'>Related: 7 Strange Signs You're Having an Allergic Reaction</a></p>"
    line = "Related: the two offences carry the same penalty, the court heard on Tuesday afternoon."
    assert english(after=pointer) == ENGLISH
    assert english(line) == [ENGLISH[0], line, *ENGLISH[1:]]


def test_written_by_bylines_and_datelines_with_a_dash_before_the_time_are_dropped() -> None:
    lines = ("Written by Rachael Link, MS, RD on November 14, 2019", "November 20, 2019 - 11:28 AMT")
    body = "".join(f"<div>{line}</div>" for line in lines) + "".join(f"<p>{p}</p>" for p in ENGLISH)
    assert cleaned(body, title="Jose Mourinho agrees deal") == ENGLISH


def test_a_related_box_set_among_the_paragraphs_does_not_end_the_body() -> None:
    # A news site floats its "推荐阅读" box between two paragraphs of the article.
    box = (
        "<table><tr><td><b>推荐阅读</b></td><td><a href='/r1'>2005年股市展望系列沙龙</a></td>"
        "<td><a href='/r2'>聚焦第一次全国经济普查</a></td></tr></table>"
    )
    body = f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p>{box}<p>{PARAGRAPHS[0]}</p>"
    assert cleaned(body) == [*PARAGRAPHS, PARAGRAPHS[0]]


def test_a_related_box_followed_by_more_lists_ends_the_body() -> None:
    box = (
        "<table><tr><td><b>相关报道：</b></td><td><a href='/r1'>57岁小学肄业 广西骗子演绎惊天骗局</a></td></tr></table>"
    )
    tail = f"<div><a href='/top'>财经新闻TOP10</a></div><p>{PARAGRAPHS[0]}</p>"
    assert cleaned(BODY + box + tail) == PARAGRAPHS


VIDEO_PLAYER = (
    "<div class='video'><p><strong>Video: How to book a vaccination appointment</strong></p>"
    "<div class='player'><div class='overlay'><div class='title'>How to book a vaccination appointment</div></div>"
    "<div class='playlist'><div class='playlist-title'>Up next</div><ul>"
    "<li><a href='/v/1'>Flu jabs for the over-50s</a></li><li><a href='/v/2'>What a booster does</a></li>"
    "</ul></div></div></div>"
)


GUIDANCE = [
    "You can book a booster if you are 50 or over, live in a care home, or have a condition that puts you at risk.",
    "Book online, through the app, or by calling 119; you will need your NHS number, which is on your letters.",
    "If you cannot travel, your GP surgery can arrange a home visit, and a carer can be vaccinated at the same time.",
]


def test_an_up_next_list_inside_a_player_between_paragraphs_does_not_end_the_body() -> None:
    # A news site's video player sits between two paragraphs; its "Up next" playlist is the player's, not the page's.
    body = f"<p>{GUIDANCE[0]}</p><p>{GUIDANCE[1]}</p>{VIDEO_PLAYER}<p>{GUIDANCE[2]}</p>"
    kept = cleaned(body, title="Covid-19 boosters")
    assert kept[-1] == GUIDANCE[2] and kept[:2] == GUIDANCE[:2]
    assert "Flu jabs for the over-50s" not in kept


def test_the_same_player_at_the_end_of_the_article_ends_the_body() -> None:
    body = "".join(f"<p>{p}</p>" for p in GUIDANCE) + VIDEO_PLAYER
    kept = cleaned(body, title="Covid-19 boosters")
    assert kept[:3] == GUIDANCE and "Flu jabs for the over-50s" not in kept


def test_a_comments_heading_in_the_bodys_own_flow_ends_it_whatever_follows() -> None:
    # The heading is one of the body's own blocks, not part of a box set between paragraphs: what follows is the
    # comment box's blurb, not the article.
    blurb = "Advertise with the most visited news site in the country, we offer flexible digital marketing packages."
    body = "".join(f"<p>{p}</p>" for p in GUIDANCE) + f"<h3>Comments</h3><p>{blurb}</p>"
    assert cleaned(body, title="Covid-19 boosters") == GUIDANCE


def test_the_responsible_editors_credit_is_the_storys_last_line() -> None:
    # A news portal prints the next story right under the editor's credit (njxfhn.com via GNE's test pages).
    next_story = (
        "<h3>香港警方：示威行动未发生致命事件</h3><p>港铁公司车务营运总监表示，8月31日晚，港铁公司启动疏散程序。</p>"
    )
    assert cleaned(BODY + "<p>（责任编辑：周雁）</p>" + next_story) == [*PARAGRAPHS, "（责任编辑：周雁）"]


def test_a_source_credit_after_the_prose_does_not_end_the_story() -> None:
    body = BODY + "<p>来源：胶东在线</p>" + f"<p>{PARAGRAPHS[0]}</p>"
    assert cleaned(body) == [*PARAGRAPHS, "来源：胶东在线", PARAGRAPHS[0]]


def test_a_related_heading_with_its_more_link_closes_the_body() -> None:
    related = (
        "<h3>相关新闻 <a href='/list'>更多&gt;&gt;</a></h3>"
        "<ul><li><a href='/1'>烟台职工医保个人账户可购买口罩</a></li></ul>"
    )
    assert cleaned(BODY + related) == PARAGRAPHS


def test_a_you_are_here_trail_is_no_body_line() -> None:
    for trail in ("您所在的位置： 首页 &gt; 快讯 &gt; 公司", "现在位置： 首页 &gt;&gt; 东区新闻 &gt;&gt; 正文"):
        assert cleaned(f"<div>{trail}</div>" + BODY) == PARAGRAPHS
    # An address the body gives under a "位置" label is the body's.
    assert cleaned(BODY + "<p>位置：中山市东区中山四路</p>")[-1] == "位置：中山市东区中山四路"


def test_a_source_and_time_stamp_above_the_prose_is_no_body_line() -> None:
    for stamp in ("中国网 2019-11-25 10:37:31", "金融市场棱镜2019-09-23 07:48", "09/07", "19:02"):
        assert cleaned(f"<div>{stamp}</div>" + BODY) == PARAGRAPHS, stamp


def test_a_phone_number_above_the_prose_is_no_stamp() -> None:
    for phone in ("0591-87842560", "12345678-9", "010-12345678"):
        assert cleaned(f"<div>{phone}</div>" + BODY) == [phone, *PARAGRAPHS], phone


def test_a_section_heading_opening_the_body_stays_and_a_short_caption_does_not() -> None:
    assert cleaned("<h3>办理材料</h3>" + BODY) == ["办理材料", *PARAGRAPHS]
    assert cleaned("<div>图集</div>" + BODY) == PARAGRAPHS


def test_numbers_of_a_table_above_the_prose_and_a_timed_sentence_stay() -> None:
    table = "<table><tr><td>1</td><td>5040</td></tr></table>"
    timed = "<p>市医保局于2019-11-25 10:37发布通知。</p>"
    assert cleaned(table + timed + BODY)[:3] == ["1", "5040", "市医保局于2019-11-25 10:37发布通知。"]


def test_the_wordpress_post_footer_is_no_body_line() -> None:
    footer = "<p>This entry was posted in Health and tagged insurance, clinics. Bookmark the permalink.</p>"
    assert english(after=footer) == ENGLISH
    kept = "<p>This entry explains how the clinic was posted to a new district in 2019.</p>"
    assert english(after=kept)[-1] == "This entry explains how the clinic was posted to a new district in 2019."


# Real lines of German story pages (trafilatura's evaluation pages: tests/eval/fr.de.nordkorea.html,
# limespace.de.entloeten.html, knowledge-on-air.de.koa039.html).
STORY_DE = [
    "Die Familienmitglieder könnten eine Bedrohung für die Herrschaft des Diktators darstellen, hieß es weiter.",
    "Ein Gericht in Pjöngjang habe die Verurteilung am Mittwoch bestätigt, berichteten südkoreanische Medien.",
    "Die Führung in Pjöngjang äußerte sich zunächst nicht, eine Bestätigung der Berichte steht noch aus.",
]


def test_german_related_and_comment_headings_close_the_body() -> None:
    story = "".join(f"<p>{p}</p>" for p in STORY_DE)
    related = "<h2>Das könnte Sie auch interessieren</h2><ul><li><a href='/1'>Kim Jong-un zeigt sich</a></li></ul>"
    assert cleaned(story + related, None) == STORY_DE
    feed = "<h3>Das könnte Dich auch interessieren …</h3><p>Wie man eine Platine entlötet, ohne sie zu zerstören.</p>"
    assert cleaned(story + feed, None) == STORY_DE
    comments = "<h2>Kommentare</h2><p>Das ist eine sehr gute Zusammenfassung, vielen Dank für den Artikel!</p>"
    assert cleaned(story + comments, None) == STORY_DE
    # A sentence that starts with the same words is the story's own.
    own = "<p>Das könnte Sie auch interessieren, wenn Sie die Lage in Ostasien seit Jahren verfolgen.</p>"
    assert cleaned(story + own, None) == [*STORY_DE, own[3:-4]]


def test_the_german_wordpress_post_footer_is_dropped() -> None:
    footer = (
        "<p>Dieser Eintrag wurde veröffentlicht in Podcast und verschlagwortet mit berlin, gkc19 von Simon Dückert. "
        "Lesezeichen für den Permanentlink.</p>"
    )
    story = "".join(f"<p>{p}</p>" for p in STORY_DE)
    assert cleaned(story + footer, None) == STORY_DE
    # A sentence that tells where an entry was published stays.
    published = "<p>Der Eintrag wurde in der Zeitung veröffentlicht, am Montag nach der Sitzung des Rates.</p>"
    assert cleaned(story + published, None) == [*STORY_DE, published[3:-4]]


# A guidance page (CDC's shape): a box of related pages set between two sections of the text.
GUIDANCE_SECTIONS = (
    "<p>People with diabetes are at higher risk of serious flu complications. A flu vaccine is the best way to "
    "prevent flu.</p><section><h2>Why people with diabetes are at higher risk</h2><p>Diabetes, even when well "
    "managed, can make the immune system less able to fight infections.</p></section>"
    "<div class='card-grid'><h3>Related pages</h3><div class='card'><a href='/asthma'>Flu and People with Asthma</a>"
    "</div><div class='card'><a href='/heart'>Flu and Heart Disease</a></div>"
    "<div class='card'><a href='/pregnant'>Flu and Pregnancy</a></div></div>"
    "<section><h2>Getting vaccinated</h2><p>Everyone 6 months and older should get a flu vaccine every season, and "
    "people with diabetes should get a flu shot.</p></section>"
)


def test_the_sections_after_a_related_box_between_sections_are_the_articles() -> None:
    lines = cleaned(GUIDANCE_SECTIONS, title="Flu Vaccines Are Important for People with Diabetes")
    assert "Getting vaccinated" in lines
    assert lines[-1].startswith("Everyone 6 months and older should get a flu vaccine")
    assert "Flu and Heart Disease" not in lines and "Related pages" not in lines


def test_a_related_box_after_the_last_section_ends_the_article() -> None:
    body = GUIDANCE_SECTIONS + "<div class='more'><h3>Related pages</h3><ul><li><a href='/a'>Flu Symptoms</a></li>"
    body += "<li><a href='/b'>Flu Treatment</a></li></ul></div><ul><li><a href='/c'>About us</a></li></ul>"
    lines = cleaned(body, title="Flu Vaccines Are Important for People with Diabetes")
    assert lines[-1].startswith("Everyone 6 months and older") and "Flu Symptoms" not in lines


def test_a_wechat_accounts_menu_and_pleas_are_dropped_and_a_sentence_naming_a_keyword_stays() -> None:
    # Republished with a government account's article on a news platform: its keyword menu, the QR and menu
    # pointers, the reader plea, and the platform's comment box and accessibility lines.
    chrome = (
        "<p>扫描下方二维码解锁更多技能</p><p>1、回复【公租房】查看最新消息</p><p>3、回复【社保】查询广州社保缴纳记录</p>"
        "<p>5、回复【美图】看看广州有多惊艳</p><p>点击菜单栏【便民服务】解锁更多服务！</p><p>看都看完了，点【在看】试试</p>"
        "<p>正文已结束，您可以按alt+4进行评论</p><p>已输入0字</p>"
    )
    assert cleaned(BODY + chrome) == PARAGRAPHS
    line = "参保人可关注“某某医保”公众号，回复【异地备案】获取办理指南，按提示上传材料后一个工作日内即可完成备案。"
    assert cleaned(BODY + f"<p>{line}</p>") == [*PARAGRAPHS, line]


def test_a_platforms_special_notice_and_the_authors_other_articles_close_the_body() -> None:
    notice = "<p>特别声明</p><p>本文为政务等机构在澎湃新闻上传并发布，仅代表该机构观点，不代表澎湃新闻的观点。</p>"
    assert cleaned(BODY + notice) == PARAGRAPHS
    others = "<p>作者最新文章</p><p>12-27 18:40</p><p>12-27 17:52</p>"
    assert cleaned(BODY + others) == PARAGRAPHS
    profile = "作者介绍：某某，医保政策研究者，长期关注城乡居民医保的筹资与待遇政策。"
    assert cleaned(BODY + f"<p>{profile}</p>") == [*PARAGRAPHS, profile]


def test_comment_box_reaction_social_and_tag_lines_are_dropped_and_sentences_with_their_words_stay() -> None:
    lines = (
        "Show more comments",
        "Comments are closed",
        "What's Your Reaction?Share this reaction with your friends!",
        "FOLLOW US ON SOCIAL MEDIA",
        "Go Back to Top. Skip To: Start of Article.",
        "Topics: Australia",
        "Tags: Alibaba, Cloud",
        "Share the Story",
        "More: Huawei's next flagship to launch at MWC 2017",
    )
    assert english(after="".join(f"<p>{line}</p>" for line in lines)) == ENGLISH
    sentences = (
        "Comments are welcome until May 1, the agency said.",
        "Topics: the plan covers three areas, starting with dental care.",
        "More than 200 people came to the first meeting.",
    )
    assert english(after="".join(f"<p>{line}</p>" for line in sentences)) == [*ENGLISH, *sentences]


def test_reading_time_ad_label_browser_and_notification_prompts_are_dropped_and_sentences_stay() -> None:
    lines = (
        "Oct 19, 2016 · 10 min read",
        "Supported by",
        "This site works best in IE9 and up and in other modern web browsers.",
        "Click 'OK' then 'Allow' to enable notifications",
    )
    assert english(*lines) == ENGLISH
    sentences = (
        "The clinic is supported by a grant from the county.",
        "Patients can allow notifications in the app to get reminders before each visit.",
    )
    assert english(after="".join(f"<p>{line}</p>" for line in sentences))[-2:] == list(sentences)


def test_a_sites_donation_plea_is_dropped_and_a_sentence_about_support_stays() -> None:
    plea = (
        "Contribute to Lucianne.com",
        "Please consider supporting Lucianne's news forum with a direct contribution of as much or as little as you "
        "can give. Your donation helps keep our discussions going and our voices heard.",
        "Make contribution anonymous?",
        "If you also value what we do, please support us.",
        "Donate now",
    )
    assert english(after="".join(f"<p>{line}</p>" for line in plea)) == ENGLISH
    sentences = (
        "Please consider supporting a family member through the application, as the form is long.",
        "Support groups meet every Tuesday at the county clinic.",
        "Contribute to your health savings account before the end of the year to lower your taxes.",
        "Donate to a blood bank near you",
        "Please consider donating blood if you are healthy: your donation helps patients in need.",
    )
    assert english(after="".join(f"<p>{line}</p>" for line in sentences)) == [*ENGLISH, *sentences]


def test_a_social_posts_chinese_time_reply_settings_and_counters_are_dropped() -> None:
    chrome = "<p>下午11:55 · 2023年12月11日</p><p>4.3万 喜欢次数</p>"
    chrome += "<p>谁可以回复？</p><p>@PKU1898 关注或提及的账号可以回复</p>"
    assert cleaned(BODY + chrome) == PARAGRAPHS
    line = "下午2点起，关注的参保人可以回复短信预约窗口办理时间。"
    assert cleaned(BODY + f"<p>{line}</p>") == [*PARAGRAPHS, line]


# A news portal's column above the story, inside the block chosen for it (an L3S-GN1 page of 2008, dev half): a
# box with a teaser, then a "Latest News" list, then the story under its headline.
TEASER_BOX = (
    "<div>Today's Leader Post</div><div><a href='/cat'>'Lucky' the cat escapes with his life</a></div>"
    '<p>"Lucky" has one less life and may have his tail amputated but he\'s truly lucky to...</p>'
    "<div><a href='/dryden'>Dryden ready to put a stop to poverty</a></div>"
    "<p>The city's new poverty plan is the first of its kind in the province, its authors say...</p>"
    "<ul><li><a href='/more'>[ more ]</a></li></ul>"
)
LATEST = (
    "<h4>Latest News</h4><ul><li><a href='/1'>Tour group assessed for flu symptoms at Toronto airport</a></li>"
    "<li><a href='/2'>Clinton, McCain head to next campaign fights after wins</a></li></ul>"
)


def test_a_latest_news_list_above_the_storys_headline_does_not_end_the_body() -> None:
    body = TEASER_BOX + LATEST + "<h2>Jose Mourinho agrees deal</h2>" + "".join(f"<p>{p}</p>" for p in ENGLISH)
    kept = cleaned(body, title="Jose Mourinho agrees deal")
    assert kept[-3:] == ENGLISH
    assert not any("Toronto airport" in line for line in kept)
    # Below the story the same list closes it.
    body = "<h2>Jose Mourinho agrees deal</h2>" + "".join(f"<p>{p}</p>" for p in ENGLISH) + LATEST + TEASER_BOX
    assert cleaned(body, title="Jose Mourinho agrees deal") == ENGLISH


def test_a_most_read_list_above_the_first_sentences_does_not_end_the_body() -> None:
    # Another portal (an L3S-GN1 page, dev half): a column of short boxes, then "Most read", then the story with no
    # headline the <title> names. Before the body has printed sentences the list heads a box.
    column = (
        "<div>EDITOR'S CHOICE</div><p>TODAY'S VOTE</p><p>Do you agree with the idea of a bank holiday?</p>"
        "<div>WANDERERS NEWS</div><ul><li><a href='/w1'>Megson reveals transfer frustration</a></li></ul>"
        "<div>GET OUR NEWS BY E-MAIL</div>"
    )
    most_read = (
        "<h4>Most read</h4><ul><li><a href='/m1'>Police crackdown on rogue drivers</a></li>"
        "<li><a href='/m2'>Shop man describes raid terror</a></li></ul>"
    )
    story = "".join(f"<p>{p}</p>" for p in ENGLISH)
    kept = cleaned(column + most_read + story, title="Pace star's Bollywood adventure")
    assert kept[-3:] == ENGLISH and not any("rogue drivers" in line for line in kept)
    # After the story's sentences the same list ends it.
    assert cleaned(story + most_read + column, title="Pace star's Bollywood adventure") == ENGLISH
