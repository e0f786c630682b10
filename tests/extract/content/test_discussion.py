"""extract/content/discussion.py: a post whose comments answer one another is a thread; a marked article with a
comment box, or a flat list of reader notes, stays an article."""

from __future__ import annotations

import time

from extract.content import content
from extract.content.discussion import comment_thread
from extract.content.lines import cut_page
from extract.content.parse import parse_html, strip_furniture
from extract.content.vocabulary import vocabulary

POST = (
    "<h1>Agreper - Minimal, no-JS web forum software</h1>"
    "<span class='small'><i><a href='/user/1/'>demindiro</a> - 2 years ago</i></span>"
    "<p>Agreper is a minimal forum board with a focus on ease of management.</p>"
    "<p>I originally made this to learn SQL, but at the same time I wanted to make something that would be useful "
    "in the long term.</p>"
    "<p>The main feature to make it stand out from other forum software is being quick to set up and low "
    "maintenance. Any further developments will mainly focus on this.</p>"
)


def agreper_comment(user: str, text: str, nested: str = "") -> str:
    """forum.agreper.com: each comment a div.comment, its replies nested inside it, a "reply" link on each."""
    return (
        f"<div class='comment'><span class='small'><i><a href='/user/{user}/'>{user}</a> - 1 year ago</i> | "
        f"<a href='/thread/1/#'> thread</a></span><div><p>{text}</p><sup><a href='/comment/1/'>reply</a></sup>"
        f"{nested}</div></div>"
    )


TREE = (
    agreper_comment("mariorojas", "I wonder which hosting you're using")
    + agreper_comment("elon", "This is dopeeeee", agreper_comment("aagha", "Word", agreper_comment("mario", "hello")))
    + agreper_comment("zodman", "give a little love add styles to the buttons")
)


def page(head: str = "", body: str = POST + TREE) -> str:
    title = "Agreper - Minimal, no-JS web forum software"
    return f"<html><head><title>{title}</title>{head}</head><body><main>{body}</main></body></html>"


def thread_of(html: str):
    root = parse_html(html)
    assert root is not None
    strip_furniture(root, reply_actions=vocabulary().reply_actions)
    return comment_thread(root, html, cut_page(root), vocabulary())


def test_a_comment_tree_under_a_post_is_a_thread_whose_replies_are_records_of_their_own() -> None:
    document = content(page())
    assert document.kind == "forum"
    # The post opens the thread, without its poster's line ("demindiro - 2 years ago").
    assert document.records[0].text.splitlines() == [
        "Agreper - Minimal, no-JS web forum software",
        "Agreper is a minimal forum board with a focus on ease of management.",
        "I originally made this to learn SQL, but at the same time I wanted to make something that would be useful "
        "in the long term.",
        "The main feature to make it stand out from other forum software is being quick to set up and low "
        "maintenance. Any further developments will mainly focus on this.",
    ]
    # One record per comment, in page order: a nested reply is not repeated inside the comment it answers.
    assert [record.text for record in document.records[1:]] == [
        "I wonder which hosting you're using",
        "This is dopeeeee",
        "Word",
        "hello",
        "give a little love add styles to the buttons",
    ]


def test_comments_under_a_page_that_marks_a_longer_article_are_left_out() -> None:
    for head, body in [
        ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Agreper"}</script>', POST + TREE),
        ("", f"<div itemprop='articleBody'>{POST}</div>{TREE}"),
        ("", f"<div class='entry-content'>{POST}</div>{TREE}"),
    ]:
        html = page(head, body)
        assert thread_of(html) is None
        text = "\n".join(record.text for record in content(html).records)
        assert "ease of management" in text
        assert "I wonder which hosting" not in text


def test_a_marked_article_shorter_than_its_discussion_opens_a_thread() -> None:
    # LiveJournal marks every post as a schema.org BlogPosting; its talk outweighs the post.
    long_talk = "".join(
        agreper_comment(f"user{i}", f"Comment number {i} is a longer remark about the software and its forum boards.")
        for i in range(8)
    )
    html = page(body=f"<div itemscope itemtype='https://www.schema.org/BlogPosting'>{POST}</div>{long_talk}")
    assert thread_of(html) is not None
    assert content(html).kind == "forum"
    short_talk = page(body=f"<div itemscope itemtype='https://www.schema.org/BlogPosting'>{POST}</div>{TREE}")
    assert thread_of(short_talk) is None


def lj_comment(user: str, text: str, reply: bool = True) -> str:
    """LiveJournal: flat <article class="j-c"> comments inside div#comments, a Reply item in each one's menu."""
    menu = (
        "<ul class='j-c-nav-list'><li class='j-nav-item j-c-nav-item j-c-nav-item-reply'>"
        "<a href='?replyto=1' rel='nofollow'>Reply</a></li>"
        "<li class='j-nav-item j-c-nav-item j-c-nav-item-thread'><a href='?thread=1'>Thread</a></li></ul>"
        if reply
        else ""
    )
    return (
        f"<article class='j-c j-c-full'><div class='j-c-head'><div class='j-c-poster'>"
        # The parser keeps names XML refuses (lj:user=, <fb:like>): copying a comment keeps its text all the same.
        f"<span class='ljuser' lj:user='{user}'><fb:like></fb:like><a href='/{user}/'>"
        f"<b>{user}</b></a></span></div><time class='j-c-date' datetime='2024-05-13'>May 13th, 2024</time></div>"
        f"<div class='j-c-text'>{text}</div><div class='j-nav j-c-nav'>{menu}</div></article>"
    )


LJ_COMMENTS = [
    ("richyrich909", "This is fucking insane! And $5k?!!! That poor girl. I could not imagine."),
    ("xdecadentx", "Yeah at the very least they should have covered the full amount."),
    ("nigel", "Or at least 50% to 60% of the cost"),
]


def test_flat_comments_with_a_reply_action_on_each_are_a_thread() -> None:
    comments = "".join(lj_comment(user, text) for user, text in LJ_COMMENTS)
    html = page(body=f"<div class='j-e-text'>{POST}</div><div class='j-l-comments' id='comments'>{comments}</div>")
    document = content(html)
    assert document.kind == "forum"
    assert [record.text for record in document.records[1:]] == [text for _, text in LJ_COMMENTS]
    # The Reply item is named like a comment ("j-c-nav-item-reply"): it is a button, not a comment.
    assert all("Reply" not in record.text for record in document.records)


def gallery_comment(user: str, text: str, reply: bool = True) -> str:
    """imgur: a comment's actions are buttons whose icons carry titles ("Imgur Chat"), the reply one among them."""
    icon = "<svg><title>Imgur Chat</title><path d='M0 0'/></svg>"
    actions = "<button type='button' class='toggle-replies'><svg><title>plus icon</title></svg>3 replies</button>"
    actions += f"<button type='button' class='reply actions-btn'>{icon}Reply</button>" if reply else ""
    return (
        f"<div class='GalleryComment'><div class='GalleryComment-byLine'><a class='author-name' href='/user/{user}'>"
        f"{user}</a><span class='date'>7d ago</span></div><div class='GalleryComment-body'>{text}</div>"
        f"<div class='GalleryComment-actions'><div class='points'>148</div>{actions}</div></div>"
    )


def test_comments_whose_reply_action_is_a_button_are_a_thread() -> None:
    # The buttons go with the page's other form controls; where a Reply button stood still tells a comment that can
    # be answered (its icon's title is not part of the word it prints).
    comments = "".join(gallery_comment(user, text) for user, text in LJ_COMMENTS)
    html = page(body=f"<div class='Gallery-content'>{POST}</div><div class='CommentsList'>{comments}</div>")
    document = content(html)
    assert document.kind == "forum"
    assert [record.text for record in document.records[1:]] == [text for _, text in LJ_COMMENTS]
    assert all("Reply" not in record.text and "Imgur Chat" not in record.text for record in document.records)
    # Without the Reply buttons the same notes stay under the post.
    flat = "".join(gallery_comment(user, text, reply=False) for user, text in LJ_COMMENTS)
    html = page(body=f"<div class='Gallery-content'>{POST}</div><div class='CommentsList'>{flat}</div>")
    assert thread_of(html) is None
    assert content(html).kind == "article"


def test_the_opening_post_of_a_thread_leaves_out_the_column_beside_it() -> None:
    # A forum's right column (a ranking of firms, a salary table, none of it links) in the block chosen for the post:
    # the opening post is narrowed as an article's body is.
    firms = ("Bain & Company 99.5%", "Boston Consulting Group 99.0%", "McKinsey and Co 98.4%", "Oliver Wyman 97.9%")
    pay = ("Partner (4) $361", "Principal (29) $288", "Director/MD (59) $272", "Manager (146) $210")
    rows = "".join(f"<div class='row-item'>{line}</div>" for line in firms + pay)
    column = f"<div class='col-lg-4 right'><div class='block'><h3>December 2025 Consulting</h3>{rows}</div></div>"
    html = page(body=f"<div class='row'><div class='col-lg-8'>{POST}</div>{column}</div>{TREE}")
    document = content(html)
    assert document.kind == "forum"
    assert "ease of management" in document.records[0].text
    assert "Bain & Company" not in document.text and "Partner (4)" not in document.text


def test_nested_comments_under_a_wordpress_blog_post_are_readers_notes_however_many() -> None:
    # WordPress marks the post's wrapper `type-post`; its comment list nests replies (`depth-2`) as a thread does.
    comments = "".join(
        agreper_comment(f"reader{i}", f"Thanks for the list, number {i} helped me a lot.") for i in range(40)
    )
    post = f"<article class='post-74608 post type-post status-publish'>{POST}</article>"
    html = page(body=f"{post}<ol class='comment-list'>{comments}{TREE}</ol>")
    assert thread_of(html) is None
    document = content(html)
    assert document.kind == "article"
    assert "ease of management" in document.text and "number 7 helped" not in document.text
    # Without the blog's wrapper the same page is a thread.
    assert (
        content(page(body=f"<article>{POST}</article><ol class='comment-list'>{comments}{TREE}</ol>")).kind == "forum"
    )


def wordpress_comment(number: int, user: str, text: str, nested: str = "") -> str:
    """A comment of a WordPress theme without `type-post` on its post: WordPress's reply link under each."""
    return (
        f"<li class='comment' id='comment-{number}'><div class='comment_entry'><p class='cm-meta'>{user} — "
        f"June 24th, 2012</p><p>{text}</p><a class='comment-reply-link' href='?replytocom={number}#respond'>Reply</a>"
        f"</div>{f'<ul class=children>{nested}</ul>' if nested else ''}</li>"
    )


def test_comments_from_a_blog_cms_comment_system_are_readers_notes_however_many() -> None:
    # An older WordPress theme marks no `type-post` wrapper; its comments still come with WordPress's reply links
    # (`comment-reply-link`) and its form posting to `wp-comments-post.php`: readers' notes under the post.
    comments = "".join(
        wordpress_comment(i, f"reader{i}", f"Thanks for the list, number {i} helped me a lot.", TREE if i == 3 else "")
        for i in range(40)
    )
    html = page(body=f"<div class='post'>{POST}</div><div id='comments'><ul id='comment_list'>{comments}</ul></div>")
    assert thread_of(html) is None
    document = content(html)
    assert document.kind == "article"
    assert "ease of management" in document.text and "number 7 helped" not in document.text
    # Where readers must sign in to reply, WordPress names the link `comment-reply-login`: the same system.
    assert content(html.replace("comment-reply-link", "comment-reply-login")).kind == "article"
    # The comment form alone tells the same: the reply links left out, the page with the form is no thread either.
    bare = html.replace("comment-reply-link", "reply-link")
    form = "<form action='https://example.org/wp-comments-post.php' method='post'><textarea></textarea></form>"
    assert content(bare).kind == "forum"
    assert content(bare.replace("</body>", f"{form}</body>")).kind == "article"


def hn_row(user: str, text: str, indent: int) -> str:
    """news.ycombinator.com saved signed out: flat table rows indented by width, the reply link's place empty."""
    return (
        f"<tr class='athing comtr'><td><table><tr><td class='ind' indent='{indent}'><img src='s.gif' "
        f"width='{40 * indent}'></td><td class='default'><div><span class='comhead'><a href='user?id={user}' "
        f"class='hnuser'>{user}</a> <span class='age'><a href='item?id=1'>on Dec 27, 2023</a></span></span></div>"
        f"<br><div class='comment'><div class='commtext c00'>{text}</div><div class='reply'><p><font size='1'>"
        "</font></div></div></td></tr></table></td></tr>"
    )


HN_QUESTION = "As I'm looking at a crazy 12 months, what do you think 2024 has in store?"


def test_flat_comments_with_an_empty_reply_place_each_under_a_short_post_are_a_thread() -> None:
    rows = "".join(hn_row(user, text, indent) for (user, text), indent in zip(LJ_COMMENTS, (0, 1, 0), strict=True))
    body = f"<table class='fatitem'><tr><td><div class='toptext'>{HN_QUESTION}</div></td></tr></table>"
    html = page(body=f"{body}<table class='comment-tree'>{rows}</table>")
    document = content(html)
    assert document.kind == "forum"
    assert [record.text for record in document.records[1:]] == [text for _, text in LJ_COMMENTS]


def test_empty_reply_places_under_a_post_longer_than_its_comments_stay_under_the_article() -> None:
    # A blog's comment list prints the reply link's place too: without a link shown, the comments must outweigh
    # the post to make a thread.
    rows = "".join(hn_row(user, text, 0) for user, text in LJ_COMMENTS)
    assert_an_article_without_its_comments(
        page(body=f"<div class='post'>{POST}</div><table class='comment-tree'>{rows}</table>")
    )


def test_flat_reader_notes_without_reply_actions_stay_under_the_article() -> None:
    # A blog's comment box (blog.joycode.com): signed, dated notes, no reply action, none nested.
    comments = "".join(lj_comment(user, text, reply=False) for user, text in LJ_COMMENTS)
    assert_an_article_without_its_comments(
        page(body=f"<div class='j-e-text'>{POST}</div><div class='j-l-comments' id='comments'>{comments}</div>")
    )


VANILLA_REPLIES = [
    "Depending on the hours you work, statutory sick pay is the first thing to look at.",
    "Welcome! As others say, the benefit is based on how your condition affects you, not on the diagnosis.",
]


def vanilla_page(
    opening_class: str,
    replies: list[str] = VANILLA_REPLIES,
    opening_last: bool = False,
    text_class: str = "Message userContent",
) -> str:
    """community.scope.org.uk (Vanilla): the opening post and each comment print their text in a `Message
    userContent` box; two comments, flat, no reply link for a reader not signed in."""
    comments = "".join(
        f"<li class='Item ItemComment'><div class='Comment'><div class='AuthorWrap'><a href='/profile/{n}'>user{n}"
        f"</a></div><div class='Item-Body'><div class='{text_class}'><p>{text}</p></div></div></div></li>"
        for n, text in enumerate(replies)
    )
    opening = (
        f"<div class='Discussion'><div class='{opening_class}'><p>I have just been told I have copd and I am "
        "struggling in work. I'm not sure what to do or what to claim if I give up my job.</p></div></div>"
    )
    thread = f"<div class='CommentsWrap'><ul class='MessageList DataList Comments'>{comments}</ul></div>"
    return page(body=thread + opening if opening_last else opening + thread)


def test_comments_printed_as_the_opening_post_is_are_its_thread_however_few() -> None:
    document = content(vanilla_page("Message userContent"))
    assert document.kind == "forum"
    assert "struggling in work" in document.records[0].text
    assert [record.text for record in document.records[1:]] == VANILLA_REPLIES


def test_the_same_comments_under_a_text_marked_otherwise_stay_under_it() -> None:
    html = vanilla_page("entry-text")
    assert thread_of(html) is None
    assert content(html).kind == "article"


def test_an_opening_post_printed_as_its_comments_is_read_whole_not_its_first_paragraph() -> None:
    # reddit.com: every paragraph of the post and of the comments has one class, each text box another; a comment
    # of one paragraph is most of its box, the post's first paragraph is not the post.
    paragraphs = [
        "I'm new to packaging and publishing on PyPI and have been reading about modules and namespaces.",
        "Yet I haven't been able to find a consensus on what to put in the package's __init__.py file.",
        "Some projects import everything there, others leave it empty: what do you do, and why?",
    ]
    post = "".join(f"<p class='_1qeIAgB0'>{text}</p>" for text in paragraphs)
    comments = "".join(
        f"<div class='Comment t1_{n}'><a href='/user/u{n}'>u{n}</a><div class='_292iotee RichTextJSON-root'>"
        f"<p class='_1qeIAgB0'>{text}</p></div></div>"
        for n, text in enumerate(LJ_COMMENTS_TEXTS)
    )
    html = page(body=f"<div class='Post'><div class='_292iotee RichTextJSON-root'>{post}</div></div>{comments}")
    document = content(html)
    assert document.kind == "forum"
    assert all(text in document.records[0].text for text in paragraphs)
    assert [record.text for record in document.records[1:]] == LJ_COMMENTS_TEXTS


def thread_cpu_seconds(html: str, records: int) -> float:
    """The best of three CPU times of reading `html`, which must give `records` records."""
    runs = []
    for _ in range(3):
        start = time.process_time()
        document = content(html)
        runs.append(time.process_time() - start)
    assert len(document.records) == records
    return min(runs)


def test_comments_printed_as_the_post_cost_linear_time() -> None:
    def cpu_seconds(count: int) -> float:
        replies = [f"Reply number {n}: the statutory sick pay is paid by the employer." for n in range(count)]
        return thread_cpu_seconds(vanilla_page("Message userContent", replies=replies), count + 1)

    small, large = cpu_seconds(300), cpu_seconds(1200)
    assert large < 8 * small


def test_a_text_printed_as_the_comments_is_no_opening_post_after_them_or_beside_one_comment() -> None:
    assert thread_of(vanilla_page("Message userContent")) is not None
    # The post comes before its replies; one comment printed as a text above it makes no thread.
    assert thread_of(vanilla_page("Message userContent", opening_last=True)) is None
    assert thread_of(vanilla_page("Message userContent", replies=VANILLA_REPLIES[:1])) is None
    # A mark as plain as `body` is any CMS's: a blog prints its article and its readers' notes in one.
    assert thread_of(vanilla_page("body", text_class="body")) is None


def bbpress_page(reply_class: str) -> str:
    """shift.ms (bbPress): the topic's text in the theme's own box, each reply a `type-reply` div with its text in
    `bbp-reply-content` (the poster's signature under it), flat, no reply link for a reader not signed in."""
    replies = "".join(
        f"<div class='{reply_class} status-publish'><div class='bbp-reply-author'>user{n}</div>"
        f"<div class='bbp-reply-content'><p>{text}</p><div class='bbp-signature'>Diagnosed 2012, Relapsing "
        "remitting, keeping active and positive every day.</div></div></div>"
        for n, text in enumerate(LJ_COMMENTS_TEXTS)
    )
    return page(
        body="<div class='topic-content'><p>Hi folks, I am new on here and curious to hear your experience of using "
        "CBD oil. Is it as good as the reports I have read, or just something else to waste your money on?</p><p>I "
        "have tried it in the past, but it was a high street brand and I did not notice any benefit at all.</p><p>So "
        "if anybody on here is having success with the oil, please share the type and cost of what you use.</p></div>"
        f"<div id='comments'>{replies}</div>"
    )


LJ_COMMENTS_TEXTS = [
    "Hi and welcome. Search for cbd and you will find previous posts made about it.",
    "I use cbd oil but not from the high street: you need ten percent or over in strength.",
    "Thank you for your welcome and the tips, I will have a look at the subjects mentioned.",
]


def test_comments_a_forum_cms_names_as_its_replies_are_a_thread() -> None:
    document = content(bbpress_page("reply type-reply"))
    assert document.kind == "forum"
    assert "curious to hear your experience" in document.records[0].text
    # Each reply's text, without its poster's signature.
    assert [record.text for record in document.records[1:]] == LJ_COMMENTS_TEXTS
    # The same notes without the forum's mark, under a longer post, stay out of an article.
    assert thread_of(bbpress_page("reply")) is None


def assert_an_article_without_its_comments(html: str) -> None:
    assert thread_of(html) is None
    document = content(html)
    assert document.kind == "article"
    text = "\n".join(record.text for record in document.records)
    assert "ease of management" in text
    assert "at the very least" not in text


def test_three_comments_make_a_discussion_and_one_does_not() -> None:
    two = agreper_comment("mariorojas", "I wonder which hosting you're using") + agreper_comment(
        "zodman", "give a little love add styles to the buttons", agreper_comment("aagha", "Word")
    )
    assert thread_of(page(body=POST + two)) is not None
    assert thread_of(page(body=POST + agreper_comment("mariorojas", "I wonder which hosting you're using"))) is None


def test_a_deep_reply_tree_costs_linear_time() -> None:
    # Each comment is copied without its replies: copying every comment with its subtree would cost size × depth.
    # (Chinese replies: an English post under a discussion ten times its size would read as a story.)
    def cpu_seconds(depth: int) -> float:
        tree = "".join(f"<div class='comment'><p>第{i}楼：回复楼上，说得对</p>" for i in range(depth))
        return thread_cpu_seconds(page(body=POST + tree + "</div>" * depth), depth + 1)

    small, large = cpu_seconds(200), cpu_seconds(800)
    assert large < 8 * small


def developers_pub_comment(user: str, text: str, children: str = "", top: bool = True) -> str:
    """developers.pub: a comment-main-container per answer, its replies comment-item-containers nested in it."""
    name = "comment-main-container group/main" if top else "comment-item-container group"
    nested = f"<div class='comment-children'><div>{children}</div></div>" if children else ""
    return (
        f"<div class='{name}'><div class='comment-user-info'><div class='base-info'>"
        f"<span class='user-name'>{user}</span> <span class='comment-time'>2024-01-06</span></div>"
        f"<div class='comment-detail'><p>{text}</p></div></div>"
        f"{nested}</div>"
    )


def test_comments_named_comment_item_or_container_are_comments() -> None:
    answer = "看一下这里的项目模块依赖关系，如果新增功能，可以参考现在已有的功能。"
    answers = developers_pub_comment(
        "Qbian",
        answer,
        developers_pub_comment("再睡一夏", "感谢大佬的指导。", top=False)
        + developers_pub_comment("Qbian", "不客气，有问题再问。", top=False),
    )
    html = page(body=f"{POST}<div class='library-comment-list'>{answers}</div>")
    document = content(html)
    assert document.kind == "forum"
    assert [(record.author, record.published_at, record.text) for record in document.records[1:]] == [
        ("Qbian", "2024-01-06", answer),
        ("再睡一夏", "2024-01-06", "感谢大佬的指导。"),
        ("Qbian", "2024-01-06", "不客气，有问题再问。"),
    ]


NEWS_POST = (
    "<h1>亚马逊海外购限时快闪店登陆拼多多</h1>"
    "<div class='post_time_source'>2019-11-25 11:01:53 来源: <a href='http://www.bjnews.com.cn'>新京报</a></div>"
    "<div class='post_text'><p>新京报讯（记者 陆一夫）11月25日，新京报记者登录拼多多全球购页面发现，"
    "亚马逊海外购与拼多多达成合作，前者的海外购商品已登陆拼多多，商品涵盖英美德日等地。</p>"
    "<p>亚马逊中国方面表示，限时快闪店将带来逾千款海外正品的优惠折扣，"
    "所售商品均从现有海外购海量选品中精选，时间为11月25日至12月底。</p>"
    "<p>本文来源：新京报 责任编辑：姚立伟</p></div>"
)
NEWS_COMMENTS = (
    agreper_comment("itpunk", "我自己不会去亚马逊买？")
    + agreper_comment(
        "网友甲", "用并夕夕的人，有多少能get到亚马逊的好", agreper_comment("网友乙", "好多可能都没有听说过亚马逊")
    )
    + agreper_comment("网友丙", "这一下拼多多的档次提高了不少啊")
)


def test_comments_answering_one_another_under_a_news_desks_story_stay_out() -> None:
    html = page(body=NEWS_POST + NEWS_COMMENTS)
    assert thread_of(html) is not None  # the comments do answer one another
    document = content(html)
    assert document.kind == "article"
    assert "限时快闪店将带来逾千款" in document.text
    assert "档次提高了不少" not in document.text


def test_the_same_comments_under_a_post_without_a_news_desks_credit_are_a_thread() -> None:
    post = NEWS_POST.replace("来源: ", "").replace("<p>本文来源：新京报 责任编辑：姚立伟</p>", "")
    document = content(page(body=post + NEWS_COMMENTS))
    assert document.kind == "forum"
    assert any("档次提高了不少" in record.text for record in document.records)


def test_a_reply_button_nested_as_deep_as_the_parser_allows_is_read_without_recursion() -> None:
    deep = "<button class='reply'>" + "<span>" * 990 + "Reply" + "</span>" * 990 + "</button>"
    comments = "".join(
        gallery_comment(user, text).replace("<div class='GalleryComment-actions'>", f"<div>{deep}")
        for user, text in LJ_COMMENTS
    )
    html = page(body=f"<div class='Gallery-content'>{POST}</div><div class='CommentsList'>{comments}</div>")
    assert content(html).kind == "forum"


def custom_comment(user: str, text: str, nested: str = "") -> str:
    """A comment as a custom element (reddit's `<shreddit-comment>`), its replies nested inside it."""
    return (
        f"<thread-comment author='{user}'><div><a href='/user/{user}/'>{user}</a> · 1y ago</div>"
        f"<div><p>{text}</p></div><div><button>Reply</button></div>{nested}</thread-comment>"
    )


def test_the_opening_post_leaves_out_the_comment_tree_its_container_holds() -> None:
    # The post and its comment tree in one container, the block chosen for the post: each comment is a record of
    # its own after the post, and not a second time inside it.
    tree = (
        custom_comment("mariorojas", "I wonder which hosting you're using")
        + custom_comment("elon", "This is dopeeeee", custom_comment("aagha", "Word is that it runs on a small VPS."))
        + custom_comment("zodman", "give a little love add styles to the buttons")
    )
    document = content(page(body=f"<div class='post-and-talk'>{POST}<div class='tree'>{tree}</div></div>"))
    assert document.kind == "forum"
    assert "ease of management" in document.records[0].text
    assert "hosting" not in document.records[0].text and "small VPS" not in document.records[0].text
    assert document.text.count("I wonder which hosting you're using") == 1
    assert document.text.count("Word is that it runs on a small VPS.") == 1


def test_a_replys_abbreviated_age_with_or_without_its_name_is_no_part_of_its_text() -> None:
    # Threads and social sites print "12d ago", "3mo ago", "5 hr ago" beside the name, or on a line of its own.
    def comment(user: str, stamp: str, text: str, nested: str = "") -> str:
        return (
            f"<thread-comment author='{user}'><div>{stamp}</div><div><p>{text}</p></div>"
            f"<div><button>Reply</button></div>{nested}</thread-comment>"
        )

    tree = (
        comment("mariorojas", "<a href='/user/mariorojas/'>mariorojas</a> · 1y ago", "Which hosting are you using?")
        + comment(
            "elon",
            "<a href='/user/elon/'>elon</a> · 3mo ago",
            "This is dopeeeee",
            comment("aagha", "• 12d ago", "Word is that it runs on a small VPS."),
        )
        + comment("zodman", "5 hr ago · Reply", "give a little love add styles to the buttons")
    )
    document = content(page(body=POST + f"<div class='tree'>{tree}</div>"))
    assert document.kind == "forum"
    assert [record.text for record in document.records[1:]] == [
        "Which hosting are you using?",
        "This is dopeeeee",
        "Word is that it runs on a small VPS.",
        "give a little love add styles to the buttons",
    ]
    # A reply that says more than its age stays whole.
    said = comment("aagha", "", "Same here, 3 days ago it was down")
    document = content(page(body=POST + f"<div class='tree'>{tree}{said}</div>"))
    assert document.records[-1].text == "Same here, 3 days ago it was down"
