"""content() rules on small snippets from the seed pages' families: one behaviour per test."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.content import content
from extract.document import FAMILIES

PARAGRAPHS = [
    "医疗保障服务大厅是办理医保业务的重要场所，属于人群聚集区，也是当前疫情防控重点区域。",
    "市医疗保障服务中心将对当前医保业务的经办方式和途径进行临时性调整，积极采取不见面、少见面的经办模式。",
    "自2月1日起医疗保险缴费期由每月15日前延长至全月缴费，具体办法按有关通知执行。",
]


def article(extra_top: str = "", extra_body: str = "", title: str = "烟台医保业务网上办") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html><head><title>{title}_胶东在线</title></head><body>{extra_top}"
        f"<div class='main'><h1>烟台医保业务网上办</h1>{paragraphs}{extra_body}</div>"
        "<div class='footer'>胶东在线版权所有 鲁ICP备05000000号</div></body></html>"
    )


def test_body_keeps_one_paragraph_per_line() -> None:
    assert content(article()).text.split("\n") == PARAGRAPHS


def test_injected_spam_line_is_dropped() -> None:
    spam = "<div><a href='http://x.example'>九七人妻在线视频_无码一区二区_亚洲日韩乱码中文字幕在线</a></div>"
    text = content(article(extra_top=spam)).text
    assert ("人妻" in text, text.split("\n")) == (False, PARAGRAPHS)


def test_spam_title_falls_back_to_the_heading() -> None:
    assert content(article(title="国产精品_无码一区二区_亚洲日韩乱码中文字幕")).title == "烟台医保业务网上办"


def test_breadcrumb_is_dropped() -> None:
    crumb = "<div>您当前的位置 : <a href='/'>胶东在线</a> &gt; <a>财经</a> &gt; 社会保险</div>"
    text = content(article(extra_body=crumb)).text
    assert ("您当前的位置" in text, text.split("\n")) == (False, PARAGRAPHS)


def test_font_size_and_report_bar_is_dropped() -> None:
    text = content(article(extra_body="<div>A+A- |<a>举报纠错</a></div>")).text
    assert ("举报纠错" in text, text.split("\n")) == (False, PARAGRAPHS)


def test_byline_gives_the_published_time() -> None:
    byline = "<div>来源：胶东在线  发布时间：2020-02-03 09:35:00</div>"
    assert content(article(extra_top=byline)).published_at == "2020-02-03T09:35:00"


def test_byline_line_is_not_body_text() -> None:
    byline = "<p>来源：胶东在线  2020-02-03 09:35:00</p>"
    text = content(article(extra_body=byline)).text
    assert ("来源" in text, text.split("\n")) == (False, PARAGRAPHS)


def test_footer_is_dropped() -> None:
    text = content(article()).text
    assert ("版权所有" in text, text.split("\n")) == (False, PARAGRAPHS)


def test_related_list_after_the_body_is_dropped() -> None:
    related = "<h3>相关新闻</h3><ul><li><a href='/1'>烟台职工医保个人账户可购买口罩，方便参保人员</a></li></ul>"
    text = content(article(extra_body=related)).text
    assert ("口罩" in text, text.split("\n")) == (False, PARAGRAPHS)


def test_chinese_page_is_zh() -> None:
    assert content(article()).lang == "zh"


def test_a_page_without_text_is_an_empty_document_and_one_paragraph_is_one_record() -> None:
    pages = ["", "  \n\t ", "<html><body></body></html>", f"<html><body><p>{PARAGRAPHS[0]}</p></body></html>"]
    assert [[record.text for record in content(html).records] for html in pages] == [[], [], [], [PARAGRAPHS[0]]]


def test_xml_declaration_does_not_break_parsing() -> None:
    assert content('<?xml version="1.0" encoding="gbk"?>' + article()).text.startswith(PARAGRAPHS[0])


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' adivpbrlh1医保。，&;#x0")), max_size=300))
def test_any_markup_gives_a_document_and_noise_after_a_page_keeps_its_paragraphs(html: str) -> None:
    document = content(html)
    noisy = content(article() + html)
    assert (document.kind in FAMILIES, [p for p in PARAGRAPHS if p not in noisy.text]) == (True, [])


def test_pagination_bar_is_dropped() -> None:
    pager = "<div>共3页 <a>上一页</a> 1 2 3 <a>下一页</a></div>"
    text = content(article(extra_body=pager)).text
    assert ("下一页" in text, text.split("\n")) == (False, PARAGRAPHS)


def test_answer_heading_without_markup_makes_a_qa_page() -> None:
    html = (
        "<html><head><title>职工医保统筹怎么办理_问答</title></head><body><div class='main'>"
        "<h1>职工医保统筹怎么办理</h1><p>想了解职工医保统筹的办理流程，需要哪些材料？</p>"
        f"<h3>最佳答案</h3>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</div></body></html>"
    )
    document = content(html)
    assert (document.kind, [r.role for r in document.records]) == ("qa", ["question", "answer"])


def test_qa_answer_record_holds_the_answer_text() -> None:
    html = (
        "<html><head><title>职工医保统筹怎么办理_问答</title></head><body><div class='main'>"
        "<h1>职工医保统筹怎么办理</h1><p>想了解职工医保统筹的办理流程，需要哪些材料？</p>"
        f"<h3>最佳答案</h3>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</div></body></html>"
    )
    assert content(html).records[-1].text.split("\n") == PARAGRAPHS


GUIDE_TITLES = [
    "城镇职工基本医疗保险参保登记办事指南",
    "灵活就业人员医疗保险缴费办事指南",
    "异地就医备案办理流程及所需材料",
    "门诊慢特病待遇认定申请办事指南",
    "生育保险待遇申领办事指南及常见问题",
    "医保关系转移接续办理流程说明",
]


def portal_listing() -> str:
    items = "".join(
        f"<li><a href='/zn/{i}.html' title='{t}'>{t}</a><span class='date'>2024-0{i + 1}-15</span></li>"
        for i, t in enumerate(GUIDE_TITLES)
    )
    return (
        "<html><head><title>办事指南_福州市医疗保障局</title></head><body>"
        "<div class='nav'><a href='/'>首页</a><a href='/zc'>政策法规</a><a href='/zn'>办事指南</a></div>"
        f"<div class='list'><h2>办事指南</h2><ul>{items}</ul><div>共6条 1/1页</div></div>"
        "<div class='footer'>版权所有：福州市医疗保障局 地址：福州市古田路128号</div></body></html>"
    )


def test_portal_list_of_titles_and_dates_is_a_listing() -> None:
    assert content(portal_listing()).kind == "listing"


def test_listing_keeps_every_entry_title() -> None:
    assert [r.title for r in content(portal_listing()).records] == GUIDE_TITLES


def test_listing_entry_date_is_its_published_time() -> None:
    assert content(portal_listing()).records[2].published_at == "2024-03-15"


def test_listing_entry_url_is_absolute_with_a_page_url() -> None:
    assert (
        content(portal_listing(), "https://ybj.fuzhou.gov.cn/zn/").records[0].url
        == "https://ybj.fuzhou.gov.cn/zn/0.html"
    )


def test_listing_entry_drops_author_and_reply_count() -> None:
    entry = (
        "<li class='thread'><a class='title' href='/p/{i}'>灵活就业人员医保怎么交费最划算（{i}）</a>"
        "<div class='abs'>想问一下灵活就业人员医保每年交多少钱，在哪里交？</div>"
        "<span class='author'>医保小白{i}</span><span class='reply-num'>23</span></li>"
    )
    html = f"<html><body><ul>{''.join(entry.format(i=i) for i in range(5))}</ul></body></html>"
    assert content(html).records[0].text.split("\n") == [
        "灵活就业人员医保怎么交费最划算（0）",
        "想问一下灵活就业人员医保每年交多少钱，在哪里交？",
    ]


def test_article_with_a_related_list_stays_an_article() -> None:
    related = "".join(f"<li><a href='/r/{i}'>{t}</a></li>" for i, t in enumerate(GUIDE_TITLES))
    html = article().replace("<div class='footer'>", f"<div class='side'><ul>{related}</ul></div><div class='footer'>")
    document = content(html)
    assert (document.kind, document.text.split("\n")) == ("article", PARAGRAPHS)


def test_latin_spam_words_match_whole_words_only() -> None:
    # "sex" is inside Essex/Sussex and "av" inside have/available: as substrings they would look like spam.
    line = "<p>Offices in Essex_Sussex_Wessex: have the forms available before you go, it saves a trip.</p>"
    html = f"<html><body><article>{line * 3}</article></body></html>"
    assert "Essex_Sussex_Wessex" in content(html).text


def test_forum_user_panel_lines_are_dropped_even_outside_a_forum_engine() -> None:
    panel = "<div>Rank: 5Rank: 5</div><div>積分 6435</div><div>跳轉到指定樓層</div>"
    text = content(article(extra_body=panel)).text
    assert ([s for s in ("Rank", "積分", "跳轉") if s in text], text.split("\n")) == ([], PARAGRAPHS)


def test_site_override_names_the_body() -> None:
    html = article(extra_top="<div class='notice'><p>系统维护通知：本周六暂停网上办理业务。</p></div>")
    assert content(html, body_css="div.notice").text == "系统维护通知：本周六暂停网上办理业务。"


def test_bad_site_override_falls_back_to_the_generic_rules() -> None:
    assert content(article(), body_css="div[").text.split("\n") == PARAGRAPHS


def test_comment_thread_with_prose_is_dropped() -> None:
    comments = (
        "<div class='comment-list'>"
        + "<div class='item'><p>网友甲：这个政策很好，希望早日落实到我们县，老人看病就方便多了。</p></div>" * 6
        + "</div>"
    )
    html = article().replace("<div class='footer'>", comments + "<div class='footer'>")
    text = content(html).text
    assert ("网友甲" in text, text.split("\n")) == (False, PARAGRAPHS)


REPLIES = [
    ("参保人A", "2024-05-10 12:00", "灵活就业的医保在手机上就能交，比去窗口方便多了。"),
    ("老王", "2024-05-10 13:20", "我们这里今年涨到了380元，大家都交了吗？"),
    ("小李", "2024-05-11 09:01", "异地就医备案也可以在国家医保服务平台上办，两分钟搞定。"),
    ("路人丙", "2024-05-12 22:45", "门诊报销比例提高了，点赞"),
]


def comment_page() -> str:
    items = "".join(
        f"<div class='comment-item'><div class='avatar'><a href='/u/{i}'><img src='a.jpg'></a></div>"
        f"<div class='comment'><h3><span class='comment-vote'><span class='votes'>{10 + i}</span> <a href='#'>有用</a>"
        f"</span><span class='comment-info'><a class='name' href='/u/{i}'>{u}</a><span class='comment-time'>{t}</span>"
        f"</span></h3><p class='comment-content'><span class='short'>{c}</span></p></div></div>"
        for i, (u, t, c) in enumerate(REPLIES)
    )
    return (
        "<html><head><title>2024年城乡居民医保缴费 短评</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> <a href='/news'>资讯</a></div>"
        f"<div id='content'><h1>2024年城乡居民医保缴费 短评</h1><div id='comments'>{items}</div>"
        "<div class='paginator'><a href='?p=2'>后页</a></div></div></body></html>"
    )


def test_page_of_replies_without_forum_markup_is_a_forum() -> None:
    assert content(comment_page()).kind == "forum"


def test_each_reply_is_a_record_with_its_text_only() -> None:
    assert [r.text for r in content(comment_page()).records] == [c for _, _, c in REPLIES]


def test_reply_record_has_its_time() -> None:
    assert content(comment_page()).records[1].published_at == "2024-05-10T13:20"


def test_article_in_sections_stays_one_article() -> None:
    sections = "".join(
        f"<div class='section'><h3>第{i}部分</h3><p>{p}</p><p>{p}</p></div>" for i, p in enumerate(PARAGRAPHS, 1)
    )
    html = f"<html><body><div class='main'><h1>医保办事指南</h1>{sections}</div></body></html>"
    assert (content(html).kind, len(content(html).records)) == ("article", 1)


def test_reply_record_has_its_author() -> None:
    assert [r.author for r in content(comment_page()).records] == [u for u, _, _ in REPLIES]


# Rules found on real pages the extractor was not developed on (benchmarks/devset.py): small real snippets.


def discuz_x_thread() -> str:
    """A Discuz! X3.3 thread (csolbbs.tiancity.com): the subject in span#thread_subject, bodies in td.t_f."""
    post = (
        "<div id='post_{pid}'><table id='pid{pid}' class='plhin'><tr><td class='pls'><div class='authi'>"
        "<a href='home.php?mod=space&amp;uid={uid}' class='xw1'>{name}</a></div></td><td class='plc'>"
        "<div class='authi'><em id='authorposton{pid}'>发表于 {when}</em></div><div class='pct'><div class='pcb'>"
        "<div class='t_fsz'><table><tr><td class='t_f' id='postmessage_{pid}'>{body}</td></tr></table></div>"
        "</div></div></td></tr></table></div>"
    )
    posts = [
        (
            "53876",
            "142839",
            "前程往事",
            "2024-4-5 23:20:45",
            "建议对鼠神进行改版，现在的鼠神说是传奇，跟别的传奇差太远了，建议：<br>",
        ),
        ("53888", "81043", "縋原啊反", "2024-4-14 11:32:04", "同质化太严重了就没意思了"),
    ]
    return (
        "<html><head><title>建议对鼠神进行改版 - 建议反馈 - 反恐精英Online-官方论坛 - Powered by Discuz!</title>"
        "<meta name='generator' content='Discuz! X3.3'></head><body><div id='postlist' class='pl bm'>"
        "<table><tr><td class='plc ptm pbn vwthd'><h1 class='ts'><span id='thread_subject'>建议对鼠神进行改版</span>"
        "</h1></td></tr></table>"
        + "".join(post.format(pid=p, uid=u, name=n, when=w, body=b) for p, u, n, w, b in posts)
        + "</div></body></html>"
    )


def test_thread_subject_opens_the_first_post() -> None:
    assert content(discuz_x_thread()).records[0].text.split("\n")[0] == "建议对鼠神进行改版"


def test_thread_subject_is_not_repeated_in_later_posts() -> None:
    assert content(discuz_x_thread()).records[1].text == "同质化太严重了就没意思了"


def test_first_post_that_is_only_its_subject_is_not_doubled() -> None:
    html = discuz_x_thread().replace(
        "建议对鼠神进行改版，现在的鼠神说是传奇，跟别的传奇差太远了，建议：", "建议对鼠神进行改版"
    )
    assert content(html).records[0].text == "建议对鼠神进行改版"


def test_pager_with_bar_separators_is_dropped() -> None:
    # news.youth.cn, a TRS-built portal: the pager script's output under the article.
    pager = (
        "<div class='fy'>首页&nbsp;|&nbsp;上一页&nbsp;<font color='red'>1</font>"
        "&nbsp;下一页&nbsp;|&nbsp;尾页&nbsp;</div>"
    )
    text = content(article(extra_body=pager)).text
    assert ("上一页" in text, text.split("\n")) == (False, PARAGRAPHS)


def test_closing_credit_line_stays_with_the_article() -> None:
    # news.china.com.cn: the editor's credit closes the article body.
    credit = "<div class='editor'>【责任编辑：刘峻凌】</div>"
    assert content(article(extra_body=credit)).text.split("\n")[-1] == "【责任编辑：刘峻凌】"


def test_byline_block_naming_several_roles_is_dropped_after_the_body() -> None:
    # he.news.cn: author and editor in one bracketed block under the article.
    block = "<div id='articleEdit'><span class='editor'>[作者: 刘满仓 　责任编辑: 杨丹宇 ]</span></div>"
    text = content(article(extra_body=block)).text
    assert ("杨丹宇" in text, text.split("\n")) == (False, PARAGRAPHS)


def test_dated_source_line_after_the_body_is_still_a_byline() -> None:
    source = "<p>来源：胶东在线  2020-02-03 09:35:00</p>"
    text = content(article(extra_body=source)).text
    assert ("胶东在线" in text, text.split("\n")) == (False, PARAGRAPHS)


def health_portal_article(summary: str) -> str:
    """food.39.net's layout: a summary box right above div.art_content, a list of other articles under it."""
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<html><head><title>烟台医保业务网上办_39健康网</title></head><body><div class='art_left'>"
        "<h1>烟台医保业务网上办</h1><div class='art_info'><em>2021-01-20 04:29:44</em></div>"
        f"{summary}<div class='art_content'>{paragraphs}</div>"
        "<div class='art_rec art_headline'><ul>"
        + "".join(f"<li><a href='/a/{i}.html'>{t}</a></li>" for i, t in enumerate(GUIDE_TITLES))
        + "</ul></div></div></body></html>"
    )


def test_summary_box_above_the_body_is_its_first_line() -> None:
    box = "<div class='art_summary'>核心提示：医保业务可以网上办，参保人不必再到服务大厅排队。</div>"
    assert (
        content(health_portal_article(box)).text.split("\n")[0]
        == "核心提示：医保业务可以网上办，参保人不必再到服务大厅排队。"
    )


def test_labelled_lead_without_a_summary_class_is_kept() -> None:
    box = "<div class='box'>导读：医保业务可以网上办，参保人不必再到服务大厅排队。</div>"
    assert content(health_portal_article(box)).text.startswith("导读：")


def test_link_list_named_summary_is_not_a_lead() -> None:
    box = "<div class='summary'><a href='/1'>医保业务可以网上办，参保人不必再到服务大厅排队。</a></div>"
    assert content(health_portal_article(box)).text.split("\n") == PARAGRAPHS


def people_article(extra_head: str = "", extra_tail: str = "") -> str:
    """finance.people.com.cn's 2020 layout: kicker h3 over the h1, a reporter line and the text in one column."""
    paragraphs = "".join(f"<p>　　{p}</p>" for p in PARAGRAPHS)
    return (
        "<html><head><title>烟台医保业务网上办--经济·科技--人民网</title></head><body><div class='rm_txt'>"
        "<div class='col col-1 fl'><h3 class='pre'>疫情期间医保经办方式临时调整</h3><h1>烟台医保业务网上办</h1>"
        f"{extra_head}{paragraphs}{extra_tail}</div></div></body></html>"
    )


def test_kicker_heading_over_the_headline_is_not_body() -> None:
    assert content(people_article()).text.split("\n") == PARAGRAPHS


def test_reporter_line_without_a_colon_is_a_byline() -> None:
    reporter = "<div class='author cf'>本报记者  王乐文  方  敏</div>"
    text = content(people_article(extra_head=reporter)).text
    assert ("王乐文" in text, text.split("\n")) == (False, PARAGRAPHS)


def test_reporter_caption_inside_the_body_stays() -> None:
    caption = "<p>新华社记者 李梦馨 摄</p>"
    assert "李梦馨" in content(people_article(extra_tail=caption + "<p>" + PARAGRAPHS[0] + "</p>")).text


def test_font_size_toggle_and_app_promotions_are_dropped() -> None:
    furniture = (
        "<div class='fr'><span class='rm_type'><i>小字号</i></span></div>"
        "<div class='tjewm'><span>关注公众号：人民网财经</span></div><p>分享让更多人看到</p><h5>客户端下载</h5>"
    )
    text = content(people_article(extra_tail=furniture)).text
    kept = [s for s in ("小字号", "公众号", "分享让更多人看到", "客户端下载") if s in text]
    assert (kept, text.split("\n")) == ([], PARAGRAPHS)


def test_a_qr_codes_follow_prompt_is_dropped_and_an_instruction_to_scan_and_pay_stays() -> None:
    prompt = "<p>长按识别二维码关注我们，获取更多医保资讯</p>"
    text = content(people_article(extra_tail=prompt)).text
    assert ("关注我们" in text, text.split("\n")) == (False, PARAGRAPHS)
    instruction = "<p>扫码缴费后，请关注短信通知，缴费结果将在3个工作日内到账。</p>"
    assert "扫码缴费后，请关注短信通知" in content(people_article(extra_tail=instruction)).text


THREAD_REPLIES = [
    ("gazeldx", "2024年04月24日", "我每天都还在用 Ruby 写脚本，刷题的时候也用它，写起来很顺手。"),
    ("msl12", "2024年04月25日", "引用自哪一篇文章？"),
    ("jasl", "2024年05月02日", "Rails 8 出来以后，一个人也能维护一个完整的产品，这就是它的好处。"),
    ("lanzhiheng", "2024年05月20日", "还在用，公司的老项目都是 Ruby 写的，没有打算迁走。"),
]


def floor_mark(i: int) -> str:
    return f"<span class='floor'>#{i}</span>"


def homeland_thread(floors: bool = True) -> str:
    """ruby-china.org (Homeland): a long opening post in .topic-detail, replies numbered "#1" in #replies."""
    replies = "".join(
        f"<div class='reply' id='reply{i}'><div class='avatar'><a href='/{u}'><img src='/{i}.png'></a></div>"
        f"<div class='infos'><div class='info'><span class='name'><a class='user-name' href='/{u}'>{u}</a></span>"
        f"<span class='sub-info'>{floor_mark(i) if floors else ''}"
        f"<a class='time' href='#reply-{i}'><abbr class='timeago' title='{d}'>1 月前</abbr></a></span></div>"
        f"<div class='markdown'><p>{c}</p></div><div class='actions'><a href='#' title='回复此楼'></a></div>"
        f"</div></div>"
        for i, (u, d, c) in enumerate(THREAD_REPLIES, 1)
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<html><head><title>烟台医保业务网上办 · Ruby 中文社区</title></head><body>"
        "<div class='navbar'><div class='brand'><a href='/'>Ruby 中文社区</a></div><a href='/topics'>社区</a></div>"
        "<div class='card topic-detail'><div class='card-header'><div class='media-body'>"
        "<h1><a class='node' href='/topics/node1'>分享</a> <span class='title'>烟台医保业务网上办</span></h1>"
        "<div class='info'><a class='node' href='/topics/node1'>分享</a> · <a class='user-name' href='/huacnlee'>"
        "huacnlee</a> · 于 <abbr class='timeago' title='2024-04-23T10:00:00+08:00'>1 月前</abbr> 发布</div></div>"
        f"</div><div class='card-body markdown'>{paragraphs}</div></div>"
        f"<div id='replies' class='card'><div class='items card-body'>{replies}</div></div></body></html>"
    )


def test_thread_with_floor_numbered_replies_is_a_forum() -> None:
    assert content(homeland_thread()).kind == "forum"


def test_thread_opening_post_is_the_subject_and_the_long_body() -> None:
    opening = content(homeland_thread()).records[0].text.split("\n")
    assert opening == ["烟台医保业务网上办", *PARAGRAPHS]


def test_thread_replies_follow_the_opening_post() -> None:
    assert [r.text for r in content(homeland_thread()).records[1:]] == [c for _, _, c in THREAD_REPLIES]


def test_reply_time_kept_in_an_attribute() -> None:
    assert content(homeland_thread()).records[1].published_at == "2024-04-24"


def test_article_with_unnumbered_comments_stays_an_article() -> None:
    document = content(homeland_thread(floors=False))
    assert (document.kind, document.text.split("\n")) == ("article", PARAGRAPHS)


def test_floor_numbered_comments_under_a_story_with_a_news_desks_credit_stay_out() -> None:
    # News portals number their readers' comments by floor too; the story's 责任编辑 line says it is news.
    story = homeland_thread().replace(
        "</div></div><div id='replies'", "<p>责任编辑：张毅</p></div></div><div id='replies'"
    )
    document = content(story)
    assert (document.kind, document.text.split("\n")) == ("article", [*PARAGRAPHS, "责任编辑：张毅"])


def test_site_segment_of_a_dotted_title_is_not_the_headline() -> None:
    assert content(homeland_thread()).title == "烟台医保业务网上办"


READING = [
    (
        "内蒙古鄂尔多斯：棒垒球邀请赛开赛",
        "奔跑吧·少年2024年内蒙古自治区棒垒球邀请赛在鄂尔多斯市康巴什区开赛，来自全区的队伍参赛。",
    ),
    ("巴南高铁进入联调联试阶段", "4月2日，随着检测车从南充北站缓缓驶出，巴南高铁启动联调联试，进入工程验收关键阶段。"),
    ("巡山防火 守护安全", "为切实织密森林“防火网”，各地组织人员巡查防火，清理林下可燃物，排查火灾隐患。"),
    ("湖北孝感：2024赏花活动启幕", "2024年3月31日，春赏花活动在湖北省孝感市金卉庄园景区启动，五彩斑斓的花卉竞相绽放。"),
]


def gmw_article() -> str:
    """politics.gmw.cn (2018 template): a WeChat share tip at the top of <body>, the text in .u-mainText, and a
    "推荐阅读" block whose abstracts together outweigh the article."""
    reads = "".join(
        f"<div class='m-redlist'><div class='m-img'><a href='/p/{i}.htm'><img src='r.jpg'></a></div>"
        f"<div class='m-textc'><div class='u-tt3'><a href='/p/{i}.htm'>{t}</a></div><div class='u-zy'>{z}</div>"
        f"<div class='u-time'>2024-04-0{i + 1} 15:11</div></div></div>"
        for i, (t, z) in enumerate(READING)
    )
    paragraphs = "".join(f"<p>　　{p}</p>" for p in PARAGRAPHS * 3)
    return (
        "<html><head><title>烟台医保业务网上办_光明网</title></head><body>"
        "<div class='g-wxTips'><p class='m-tipText'>点击右上角<img src='s.png'>微信好友</p>"
        "<p class='m-tipText'><img src='p.png'>朋友圈</p><p class='m-tipText'>请使用浏览器分享功能进行分享</p></div>"
        "<div class='g-crumbs'><a href='/'>首页</a>&gt; <a href='/politics'>时政频道</a>&gt; 正文</div>"
        "<div class='g-main'><h1 class='u-title'>烟台医保业务网上办</h1><div class='m-l-main'><div id='articleBox'>"
        f"<div class='u-mainText'>{paragraphs}</div><div class='u-moreText'>阅读剩余全文（<span></span>）</div>"
        "</div></div></div>"
        f"<div class='g-maincon'><div class='g-readscon'><div class='u-relateread'>推荐阅读</div>"
        f"<div class='m-lists'>{reads}</div></div></div></body></html>"
    )


def test_abstracts_of_a_reading_block_do_not_lift_the_body_to_the_page() -> None:
    assert content(gmw_article()).text.split("\n") == PARAGRAPHS * 3


def test_read_the_rest_button_is_dropped() -> None:
    html = article(extra_body="<p class='u-moreText'>阅读剩余全文（<span>42%</span>）</p>")
    assert content(html).text.split("\n") == PARAGRAPHS


def test_discuz_relative_reply_time_keeps_its_date_in_the_title() -> None:
    html = discuz_x_thread().replace(
        "发表于 2024-4-14 11:32:04", "发表于 <span title='2024-4-14 11:32:04'>6&nbsp;天前</span>"
    )
    assert content(html).records[1].published_at == "2024-04-14T11:32:04"


def test_software_credit_in_meta_author_is_not_the_author() -> None:
    html = discuz_x_thread().replace(
        "<meta name='generator'",
        "<meta name='author' content='Discuz! Team and Comsenz UI Team'><meta name='generator'",
    )
    assert content(html).author == "前程往事"


def test_origin_line_with_a_date_is_a_byline() -> None:
    origin = "<h4><span>原创：</span><span>39健康网</span><span>2024-04-23 12:27:25</span></h4>"
    assert content(article(extra_top="", extra_body="").replace("</h1>", "</h1>" + origin)).text.split("\n") == (
        PARAGRAPHS
    )


def test_bracketed_button_before_the_closing_credit_is_cut_off() -> None:
    credit = "<div id='articleEdit'><a href='javascript:void(0);'>【纠错】</a> <span>【责任编辑:王頔】</span></div>"
    assert content(article(extra_body=credit)).text.split("\n")[-1] == "【责任编辑:王頔】"
