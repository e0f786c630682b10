"""extract/content/forum.py and replies.py: threads of known forum engines, and runs of replies of engines we do
not know."""

from __future__ import annotations

import time

from extract.content import content
from extract.content.dates import ENGLISH_DATE
from extract.content.forum import (
    _card_name,
    forum_posts,
    is_action_bar,
    open_with_subject,
    post_lines,
    post_time,
    repeats_subject,
)
from extract.content.lines import cut_page
from extract.content.listing import SiblingRun
from extract.content.parse import parse_html, strip_furniture
from extract.content.post_bodies import marked_by_an_engine
from extract.content.replies import _is_signature, reply_group, reply_records
from extract.content.vocabulary import vocabulary
from extract.decode import decode
from extract.document import Record
from tests.fixture_pages import saved_pages

POSTS = [
    ("前程往事", "2024-4-5 23:20:45", "建议对鼠神进行改版，现在的鼠神说是传奇，跟别的传奇差太远了。"),
    ("縋原啊反", "2024-4-14 11:32:04", "同质化太严重了就没意思了"),
]


def tree(html: str):
    root = parse_html(html)
    assert root is not None
    return root


def discuz(posts: list[tuple[str, str, str]] = POSTS) -> str:
    """Discuz! X3 markup: td.t_f#postmessage_N bodies, the author link and 发表于 in the post's table."""
    return (
        "<html><head><meta name='generator' content='Discuz! X3.3'></head><body><div id='postlist'>"
        + "".join(
            f"<div id='post_{i}'><table><tr><td class='pls'><a href='home.php?mod=space&amp;uid={i}'>{name}</a></td>"
            f"<td class='plc'><em>发表于 {when}</em><td class='t_f' id='postmessage_{i}'>{body}"
            "<br>本帖最后由 前程往事 于 2024-4-6 10:00 编辑</td></td></tr></table></div>"
            for i, (name, when, body) in enumerate(posts)
        )
        + "</div></body></html>"
    )


def test_each_marked_post_body_is_a_record_with_author_and_time() -> None:
    records = forum_posts(tree(discuz()), vocabulary(), "https://bbs.example/t/1")
    assert [(r.role, r.author, r.published_at, r.text) for r in records] == [
        ("post", name, when, body)
        for (name, _, body), when in zip(POSTS, ["2024-04-05T23:20:45", "2024-04-14T11:32:04"], strict=True)
    ]


def test_the_pages_own_lines_give_the_posts_that_cutting_each_body_gives() -> None:
    # A block body as the page cut it; one under a link; one hiding a spoiler, one under <pre> and an inline one,
    # which are cut again.
    bodies = [
        "<div class='t_f' id='postmessage_0'>第一楼的正文。<br>第二行</div>",
        "<a href='/t/2'><div class='t_f' id='postmessage_1'>链接里的帖子。</div></a>",
        "<div class='t_f' id='postmessage_2'>正文<div style='display:none'>剧透内容</div>尾巴</div>",
        "<pre><div class='t_f' id='postmessage_3'>第一行\n第二行</div></pre>",
        "<span class='t_f' id='postmessage_4'>行内的帖子</span>",
    ]
    root = tree(
        "<html><head><meta name='generator' content='Discuz! X3.3'></head><body>"
        + "".join(f"<div id='post_{i}'><em>发表于 2024-4-5 23:20:45</em>{body}</div>" for i, body in enumerate(bodies))
        + "</body></html>"
    )
    cut_again = forum_posts(root, vocabulary(), None)
    assert [record.text for record in cut_again] == [
        "第一楼的正文。\n第二行",
        "链接里的帖子。",
        "正文尾巴",
        "第一行 第二行",  # cut on its own, as the body was before: the <pre> around it is not the post's
        "行内的帖子",
    ]
    assert forum_posts(root, vocabulary(), None, cut_page(root)) == cut_again


def test_the_pages_own_lines_give_the_posts_on_every_saved_page() -> None:
    for page in saved_pages():
        root = parse_html(decode(page.body).text)
        assert root is not None
        strip_furniture(root)
        assert forum_posts(root, vocabulary(), None, cut_page(root)) == forum_posts(root, vocabulary(), None), page


def test_one_post_body_without_a_forum_generator_is_no_forum() -> None:
    html = discuz(POSTS[:1]).replace("<meta name='generator' content='Discuz! X3.3'>", "")
    assert forum_posts(tree(html), vocabulary(), None) == []


def test_thread_subject_opens_the_first_post_once() -> None:
    posts = [Record(text="同质化太严重了"), Record(text="建议对鼠神进行改版\n理由如下")]
    open_with_subject(posts[:1], "建议对鼠神进行改版")
    open_with_subject(posts[1:], "建议对鼠神进行改版")
    assert [(r.title, r.text) for r in posts] == [
        ("建议对鼠神进行改版", "建议对鼠神进行改版\n同质化太严重了"),
        ("建议对鼠神进行改版", "建议对鼠神进行改版\n理由如下"),
    ]


def test_a_replys_subject_line_that_repeats_the_threads_is_the_engines_not_the_posters() -> None:
    subject = "MRI claim denied after pre-authorization"
    posts = [
        Record(text="I got a bill for $1,200 after the MRI."),
        Record(text=f"Re: {subject}\nCall your insurer and ask for the denial in writing."),
        Record(text=f"{subject}\nThe imaging center was out of network."),
        Record(text="回复：MRI claim denied after pre-authorization\n先走内部申诉。"),
    ]
    open_with_subject(posts, subject)
    assert [r.text for r in posts] == [
        f"{subject}\nI got a bill for $1,200 after the MRI.",
        "Call your insurer and ask for the denial in writing.",
        "The imaging center was out of network.",
        "先走内部申诉。",
    ]


def test_a_reply_line_about_another_subject_stays() -> None:
    posts = [Record(text="Opening post."), Record(text="Re: your point about the deductible\nIt resets in January.")]
    open_with_subject(posts, "MRI claim denied")
    assert posts[1].text == "Re: your point about the deductible\nIt resets in January."


def test_a_replys_heading_with_its_poster_and_time_is_dropped_in_a_thread_read_as_one_body() -> None:
    # nairaland.com: a table per reply, its heading "Re: subject by name(m): time" above the text; the page reads
    # as one body (no engine markup), so the headings are dropped where the body's lines are cleaned.
    subject = "Governor Rejects Plot To Impeach Deputy"
    replies = [
        ("Flyingngel(m)", "12:42am On Apr 24", "I think the Governor is right, posterity should judge the deputy."),
        ("jakD", "5:23am On Apr 24", "Nothing to say about this, but he should not lock us down in our houses."),
        ("Textra(m)", "5:25am On Apr 24", "Re: the lockdown by the state government was never debated by the house."),
    ]
    rows = "".join(
        f"<tr><td class='bold'>Re: {subject} by <a href='/{name}'>{name}</a>: {time}</td></tr>"
        f"<tr><td><div class='narrow'>{text}</div></td></tr>"
        for name, time, text in replies
    )
    html = (
        f"<html><head><title>{subject}</title></head><body><h2>{subject}</h2><table>"
        "<tr><td><div class='narrow'>The governor has refused suggestions from political allies that he should start "
        "impeachment processes against his deputy, an aide said on Thursday.</div></td></tr>"
        f"{rows}</table></body></html>"
    )
    text = content(html).text
    assert "Re: " + subject not in text
    # The replies' own lines stay, one that starts "Re:" about another subject too.
    assert all(reply in text for _, _, reply in replies)
    assert repeats_subject(f"Re: {subject} by jakD: 5:23am On Apr 24", subject, in_reply=False)
    assert not repeats_subject("Re: the lockdown by the state government", subject, in_reply=False)


def test_a_posts_attribution_line_is_dropped_and_a_sentence_with_by_stays() -> None:
    drop = vocabulary().forum_drop_lines
    assert drop.search("Postby jsmith » Mon May 01, 2024 10:00 am")
    assert drop.search("by mary_k » 02 May 2024, 10:01")
    assert drop.search("« Reply #3 on: May 04, 2024, 10:03:00 AM »")
    assert drop.search("« on: May 01, 2024, 10:00:00 AM »")
    sentence = "by the end of May » premiums rise in 2025 for everyone over 65 who joined before the reform"
    assert not drop.search(sentence)


POSTERS = ("jsmith", "mary_k", "DrBob", "jsmith")
MRI_THREAD = (
    "My insurer denied the MRI claim. Has anyone appealed a denial before?",
    "Yes. Ask for the reason in writing, then file an appeal within 180 days.",
    "Check whether the imaging center was in network before you appeal.",
    "Thanks both, it was out of network. I will file the appeal this week.",
)


def phpbb_thread(subject: str, posts: list[tuple[str, str, str]]) -> str:
    """A phpBB (prosilver) thread: every post under its `Re:` subject and its "by NAME » DATE" line."""
    blocks = "".join(
        f"<div id='p{i}' class='post has-profile'><div class='inner'><dl class='postprofile'><dt>"
        f"<a class='username'>{name}</a></dt><dd class='profile-joined'><strong>Joined:</strong> Sat Jan 05, 2019"
        f" 4:11 pm</dd></dl><div class='postbody'><div id='post_content{i}'><h3><a href='#p{i}'>"
        f"{'Re: ' if i else ''}{subject}</a></h3><p class='author'><span class='sr'>Post</span>by <strong>"
        f"<a class='username'>{name}</a></strong> » {when}</p><div class='content'>{text}</div></div></div>"
        "</div></div><hr class='divider'>"
        for i, (name, when, text) in enumerate(posts)
    )
    return (
        f"<html lang='en'><head><title>{subject} - Insurance Forum</title></head><body><div class='navbar'>"
        f"<a href='/'>Board index</a></div><h2 class='topic-title'>{subject}</h2>{blocks}"
        "<div class='copyright'>Powered by phpBB® Forum Software © phpBB Limited</div></body></html>"
    )


def test_a_phpbb_thread_reads_as_its_posts_with_their_times() -> None:
    times = ("Mon May 01, 2024 10:00 am", "Mon May 02, 2024 9:15 pm", "Mon May 03, 2024 8:05 am")
    posts = list(zip(POSTERS, times, MRI_THREAD, strict=False))
    document = content(phpbb_thread("MRI claim denied", posts))
    assert document.kind == "forum"
    assert [(r.author, r.published_at, r.text.split("\n")[-1]) for r in document.records] == [
        ("jsmith", "2024-05-01T10:00", MRI_THREAD[0]),
        ("mary_k", "2024-05-02T21:15", MRI_THREAD[1]),
        ("DrBob", "2024-05-03T08:05", MRI_THREAD[2]),
    ]
    assert [len(r.text.split("\n")) for r in document.records] == [2, 1, 1]  # the subject opens the first only


def test_a_phpbb_styles_post_details_outside_its_numbered_content_are_no_part_of_the_post() -> None:
    # forum.ebaumsworld.com: a phpBB style prints the post number, poster and time in the post's body block, above
    # the text it numbers `post_contentNNN` (no underscore).
    blocks = "".join(
        f"<div id='p{i}'><div class='postbody'><h3><a href='#p{i}'>Re: What are you watching?</a></h3>"
        f"<div class='timepost'><a href='#p{i}'>#{171714 + i}</a> by <a class='username'>{name}</a><br>Sat Jan 18, "
        f"2020 3:22 pm</div><div id='post_content{171714 + i}'><div class='content'>{text}</div></div></div></div>"
        for i, (name, text) in enumerate(zip(POSTERS, MRI_THREAD, strict=True))
    )
    html = f"<html><head><title>What are you watching?</title></head><body>{blocks}</body></html>"
    document = content(html)
    assert document.kind == "forum"
    assert [record.text.split("\n")[-1] for record in document.records] == list(MRI_THREAD)
    assert not any("171714" in record.text or "Jan 18" in record.text for record in document.records)


def smf_thread(subject: str, posts: list[tuple[str, str, str]]) -> str:
    """An SMF 2.1 thread: the poster's card (name link, rank, post count), a `Re:` subject link over each reply, the
    message in `div#msg_N`."""
    blocks = "".join(
        f"<div class='windowbg' id='msg{i}'><div class='post_wrapper'><div class='poster'><h4>"
        f"<a href='/index.php?action=profile;u={i}'>{name}</a></h4><ul class='user_info'><li>Newbie</li>"
        f"<li class='postcount'>Posts: 12</li></ul></div><div class='postarea'><div class='keyinfo'><h5>"
        f"<a href='/index.php?topic=1.msg{i}#msg{i}'>{'Re: ' if i else ''}{subject}</a></h5><div class='smalltext'>"
        f"« <strong>Reply #{i} on:</strong> {when} »</div></div><div class='post'><div class='inner' id='msg_{i}'>"
        f"{text}</div></div></div></div></div>"
        for i, (name, when, text) in enumerate(posts)
    )
    return (
        f"<html lang='en'><head><title>{subject}</title></head><body><div id='forumposts'>{blocks}</div>"
        "<div id='footer'>SMF 2.1 © 2023, Simple Machines</div></body></html>"
    )


def test_an_smf_thread_reads_as_its_posts_not_as_a_listing_of_replies() -> None:
    times = ("May 01, 2024, 10:00:00 AM", "May 02, 2024, 09:15:00 PM", "May 3, 2024, 08:05:00 AM", "May 4, 2024 7:30am")
    posts = list(zip(POSTERS, times, MRI_THREAD, strict=True))
    document = content(smf_thread("MRI claim denied", posts))
    assert document.kind == "forum"
    assert [(r.author, r.published_at, r.text.split("\n")[-1]) for r in document.records] == [
        (name, f"2024-05-0{i + 1}T{['10:00:00', '21:15:00', '08:05:00', '07:30'][i]}", text)
        for i, (name, _, text) in enumerate(posts)
    ]


def test_a_posters_card_gives_the_name_it_opens_with() -> None:
    card = tree("<div class='poster'><h4><a href='/u/1'>jsmith</a></h4><ul><li>Newbie</li></ul></div>").find(".//div")
    assert _card_name(card, "jsmithNewbie") == "jsmith"
    byline = tree("<div class='author'>By <a href='/u/1'>John Smith</a></div>").find(".//div")
    assert _card_name(byline, "By John Smith") == "By John Smith"


def test_a_posters_card_lines_and_a_replys_header_line_are_dropped_and_sentences_with_those_words_stay() -> None:
    drop = vocabulary().forum_drop_lines
    card = ("Forum Posts: 131", "Member Since:", "Offline", "Members", "Posted By: Moritz55, 5/12/2024 11:53:43 AM")
    assert all(drop.search(line) for line in card)
    assert drop.search("Reply 1 - Posted by: Jesuslover54 5/12/2024 12:06:29 PM (No. 1716597)")
    sentences = (
        "Posted by the hospital on its website, the notice says the clinic will close on 5/12/2024 for repairs.",
        "Members of the scheme who were offline for a week can still claim before the end of the month.",
    )
    assert not any(drop.search(line) for line in sentences)


def nodebb_thread(posts: list[tuple[str, str, str]]) -> str:
    """A NodeBB topic: each post's body marked `component="post/content"`, its author `itemprop="author"` beside an
    avatar letter, its time a script-filled `timeago` span with the date in its title."""
    items = "".join(
        f"<li component='post' data-index='{i}'><div class='post-header'><a class='avatar-link' href='/user/{name}'>"
        f"<span class='avatar'>{name[0].upper()}</span></a><a href='/user/{name}' itemprop='author'>{name}</a>"
        f"<span class='timeago' title='{when}'></span></div><div class='content' component='post/content' "
        f"itemprop='text'><p>{text}</p></div><div class='post-footer'><a component='post/reply'>Reply</a></div></li>"
        for i, (name, when, text) in enumerate(posts)
    )
    return (
        "<html lang='en'><head><title>MRI claim denied | Community</title></head><body><nav><a href='/'>Home</a>"
        f"</nav><h1>MRI claim denied</h1><ul component='topic'>{items}</ul></body></html>"
    )


def test_a_nodebb_topic_reads_as_its_posts_with_authors_and_times() -> None:
    times = ("2024-05-01T10:00:00.000Z", "2024-05-02T11:30:00.000Z", "2024-05-03T08:05:00.000Z")
    posts = list(zip(POSTERS, times, MRI_THREAD, strict=False))
    document = content(nodebb_thread(posts))
    assert document.kind == "forum"
    assert [(r.author, r.published_at, r.text.split("\n")[-1]) for r in document.records] == [
        ("jsmith", "2024-05-01T10:00:00", MRI_THREAD[0]),
        ("mary_k", "2024-05-02T11:30:00", MRI_THREAD[1]),
        ("DrBob", "2024-05-03T08:05:00", MRI_THREAD[2]),
    ]


def ips_topic(posts: list[tuple[str, str, str]]) -> str:
    """An Invision Community topic: each post's body marked `data-role="commentContent"`, its author in an aside."""
    items = "".join(
        f"<article class='ipsEntry'><aside class='ipsEntry__header'><a href='/profile/{i}-{name}/'>{name}</a>"
        f"<time datetime='{when}'>{when[:10]}</time></aside><div class='ipsEntry__content'><div class='ipsRichText' "
        f"data-role='commentContent'><p>{text}</p></div></div></article>"
        for i, (name, when, text) in enumerate(posts)
    )
    return (
        "<html lang='en'><head><title>MRI claim denied - Community</title></head><body><nav><a href='/'>Home</a>"
        f"</nav><h1>MRI claim denied</h1><section>{items}</section></body></html>"
    )


def test_an_invision_community_topic_reads_as_its_posts() -> None:
    times = ("2024-05-01T10:00:00Z", "2024-05-02T11:30:00Z", "2024-05-03T08:05:00Z")
    document = content(ips_topic(list(zip(POSTERS, times, MRI_THREAD, strict=False))))
    assert document.kind == "forum"
    assert [r.text.split("\n")[-1] for r in document.records] == list(MRI_THREAD[:3])
    assert [r.published_at for r in document.records] == [
        "2024-05-01T10:00:00",
        "2024-05-02T11:30:00",
        "2024-05-03T08:05:00",
    ]


def xenforo_thread(posts: list[tuple[str, str]], signature: str) -> str:
    """A XenForo thread: each post's body a `bbWrapper`, the poster's signature a `bbWrapper` too, in an aside."""
    items = "".join(
        f"<article class='message'><h4 class='message-name'><a href='/members/{name}.1/'>{name}</a></h4>"
        f"<div class='message-content'><div class='bbWrapper'>{text}</div></div><footer class='message-footer'>"
        f"<aside class='message-signature'><div class='bbWrapper'>{signature}</div></aside></footer></article>"
        for name, text in posts
    )
    return (
        "<html lang='en'><head><meta name='generator' content='XenForo'><title>MRI claim denied | Forum</title></head>"
        f"<body><h1>MRI claim denied</h1><div class='block-body'>{items}</div></body></html>"
    )


def test_a_posters_signature_is_not_a_post() -> None:
    signature = "JVC RS2, Onix Rocket RS1000, Emotiva ERD-1, Marantz AV7005"
    posts = list(zip(POSTERS, MRI_THREAD, strict=False))
    document = content(xenforo_thread(posts, signature))
    assert document.kind == "forum"
    assert [record.text.split("\n")[-1] for record in document.records] == [text for _, text in posts]
    assert signature not in document.text


def test_quote_expanders_code_box_headers_attachment_links_and_ages_are_dropped_and_attributions_stay() -> None:
    drop = vocabulary().forum_drop_lines
    furniture = ("Click to expand...", "click to expand…", "Code: Select all")
    assert all(drop.search(line) for line in furniture)
    assert all(drop.search(line) for line in ("View attachment 2029141View attachment 2029140", "2y", "8 years ago"))
    sentences = (
        "JosephF said:",
        "jahboater wrote: ↑",
        "My doctor said:",
        "Click to expand the list of covered drugs.",
        "My GP wrote: come back in a week.",
        "Code: the plan's code is on the back of the card.",
        "2 years ago I changed plans.",
    )
    assert not any(drop.search(line) for line in sentences)


def discourse_crawler_topic(posts: list[tuple[str, str, str]]) -> str:
    """Discourse's page for readers without scripts: `div.crawler-post` each, the body `<div class="post"
    itemprop="text">`, the author a schema.org Person, the time a `<time datetime>`."""
    items = "".join(
        f"<div id='post_{i}' class='topic-body crawler-post'><div class='crawler-post-meta'><span class='creator' "
        f"itemprop='author'><a href='/u/{name}'><span itemprop='name'>{name}</span></a></span><time "
        f"datetime='{when}' class='post-time'>{when[:10]}</time></div><div class='post' itemprop='text'><p>{text}</p>"
        "</div></div>"
        for i, (name, when, text) in enumerate(posts, start=1)
    )
    return (
        "<html lang='en'><head><meta name='generator' content='Discourse 3.2'><title>MRI claim denied - Community"
        f"</title></head><body><div id='main-outlet'><h1>MRI claim denied</h1>{items}</div></body></html>"
    )


def test_a_discourse_topic_for_crawlers_reads_as_its_posts_and_a_bare_itemprop_text_marks_no_post() -> None:
    times = ("2024-05-01T10:00:00Z", "2024-05-02T11:30:00Z", "2024-05-03T08:05:00Z")
    posts = list(zip(POSTERS, times, MRI_THREAD, strict=False))
    document = content(discourse_crawler_topic(posts))
    assert document.kind == "forum"
    assert [record.text.split("\n")[-1] for record in document.records] == [text for _, _, text in posts]
    # Stack Exchange marks its question and answer bodies `itemprop="text"` too, without the class word.
    bodies = "".join(f"<div class='s-prose js-post-body' itemprop='text'><p>{t}</p></div>" for t in MRI_THREAD)
    root = tree(f"<html><body><h1>MRI claim denied</h1>{bodies}</body></html>")
    assert forum_posts(root, vocabulary(), None) == []


def test_a_thread_marked_by_its_engine_is_one_whatever_a_second_opinion_reads_and_a_blog_themes_class_is_not() -> None:
    # An engine's marks keep a thread a thread: the second opinion's article, often its first post alone, does not
    # overrule it (`page._finish`); a body found by a class word alone may be a blog theme's, and may be overruled.
    posts = list(zip(POSTERS, ("2024-05-01T10:00:00Z",) * 3, MRI_THREAD, strict=False))
    assert marked_by_an_engine(tree(discourse_crawler_topic(posts)), vocabulary())
    assert marked_by_an_engine(tree(ips_topic(posts)), vocabulary())
    discuz_ids = "".join(f"<td id='postmessage_{i}'>{text}</td>" for i, text in enumerate(MRI_THREAD))
    assert marked_by_an_engine(tree(f"<html><body><table><tr>{discuz_ids}</tr></table></body></html>"), vocabulary())
    # a blog theme's article box and, under it, comments in boxes of another kind
    article = f"<article class='post-content'><p>{' '.join(MRI_THREAD)}</p></article>"
    comments = "".join(f"<div class='comment'><div class='post-body'><p>{text}</p></div></div>" for text in MRI_THREAD)
    assert not marked_by_an_engine(tree(f"<html><body>{article}{comments}</body></html>"), vocabulary())


def test_a_posts_time_is_not_its_posters_join_date() -> None:
    card = "<dl><dt><a class='username'>jsmith</a></dt><dd>Joined: Sat Jan 05, 2019 4:11 pm</dd></dl>"
    post = "<p class='author'>by <b>jsmith</b> » Mon May 01, 2024 10:00 am</p><div class='content'>Hello.</div>"
    container = tree(f"<div class='post'>{card}<div class='postbody'>{post}</div></div>").find(".//div")
    assert post_time(container) == "2024-05-01T10:00"
    joined_only = tree("<div><dd>注册时间 2019-1-5</dd><p>你好</p></div>").find(".//div")
    assert post_time(joined_only) is None


def test_relative_post_time_keeps_its_date_in_a_title_attribute() -> None:
    container = tree("<div><em>发表于 <span title='2024-4-14 11:32:04'>6&nbsp;天前</span></em></div>").find(".//div")
    assert post_time(container) == "2024-04-14T11:32:04"


def test_action_bar_is_only_action_words_counts_and_times() -> None:
    vocab = vocabulary()
    assert [is_action_bar(t, vocab) for t in ("| 回复 | | 举报", "2天前 · 赞(3) · 回复", "回复：这个办法好")] == [
        True,
        True,
        False,
    ]
    # buttons printed inline with no separator run together; a phrase with an action word in it is text
    assert [is_action_bar(t, vocab) for t in ("赞同 10评论举报", "收藏(2)分享", "10位专家评论", "支持这个办法")] == [
        True,
        True,
        False,
        False,
    ]
    # action words run together without a count are a reply's own words
    assert [is_action_bar(t, vocab) for t in ("感谢分享", "支持支持")] == [False, False]
    # a count with its measure word ("31 条评论") is a button's count; a sentence with a counted noun is text
    assert [is_action_bar(t, vocab) for t in ("赞同 120031 条评论分享收藏喜欢", "我用了3个人的账户")] == [True, False]


def test_numbered_replies_by_someone_at_some_time_are_a_reply_run() -> None:
    replies = "".join(
        f"<div class='reply'><span class='floor'>#{i}</span><a class='user-name' href='/u{i}'>用户{i}</a>"
        f"<span class='time'>2024-05-1{i} 12:00</span><p>我们这里今年涨到了380元，大家都交了吗？第{i}条</p></div>"
        for i in range(1, 4)
    )
    root = tree(f"<html><body><div id='replies'>{replies}</div></body></html>")
    group = reply_group(cut_page(root), vocabulary())
    assert group is not None and [m.get("class") for m in group.members] == ["reply"] * 3


def test_paragraphs_with_dates_are_no_reply_run() -> None:
    paragraphs = "".join(f"<p>自2024年{m}月1日起，医疗保险缴费期由每月15日前延长至全月缴费。</p>" for m in range(1, 5))
    root = tree(f"<html><body><div>{paragraphs}</div></body></html>")
    assert reply_group(cut_page(root), vocabulary()) is None


# Invision Community (scienceforums.net, as stored in magic-html's benchmark, Apache-2.0): under every post body the
# engine prints an edit note, a permalink and a share button.
INVISION = (
    "<html><head><meta name='generator' content='Invision Community'><title>Sum of Prime Numbers</title></head><body>"
    + "".join(
        f"<article class='cPost' id='elComment_{n}'><aside class='cAuthorPane'><a href='/profile/{n}-genady/'>Genady"
        f"</a></aside><div class='cPost_contentWrap'><div class='post-content'><p>{text}</p>"
        "<p>Edited July 5, 2023 by sethoflagos</p><ul><li><p>Link to comment</p></li>"
        "<li><p>Share on other sites</p></li></ul></div></div></article>"
        for n, text in enumerate(["Only option (B) survives, as the odd sum shows.", "You are correct, +1."])
    )
    + "</body></html>"
)


def test_edit_notes_permalinks_and_share_buttons_of_a_post_are_not_its_text() -> None:
    records = forum_posts(tree(INVISION), vocabulary(), None)
    assert [r.text for r in records] == ["Only option (B) survives, as the odd sum shows.", "You are correct, +1."]


# bbPress (magiciansandmagic.com, as stored in magic-html's benchmark, Apache-2.0): every post, the first one too, is
# an <li> with its time and floor number ("#1515") in a header; the post's author and text sit in a block whose
# utility class "user-id-1" names no user. The page's menus and event feed surround the thread.
BBPRESS_POSTS = [
    ("2017-03-07 at 12:05 pm", 1515, "Kenny", "If you want to – tell us who the top mentalist in your country is."),
    ("2021-05-21 at 3:49 pm", 7011, "Bernie Amler", "Obviously top billing goes to Banachek (Steve Shaw)."),
    ("2021-05-24 at 10:55 am", 7018, "Kenny", "Great answer Bernie."),
    ("2021-05-25 at 9:12 am", 7020, "Bernie Amler", "Yes, he is from Port Elizabeth, a good observation."),
]


def bbpress() -> str:
    posts = "".join(
        f"<li><div class='bbp-reply-header'><div class='bbp-meta'><span>{when}</span> <a href='#post-{n}'>#{n}</a>"
        f"</div></div><div class='loop-item-1 user-id-1 bbp-parent-forum'><div class='bbp-reply-author'>{who}</div>"
        f"<div class='bbp-reply-content'><p>{text}</p></div></div></li>"
        for when, n, who, text in BBPRESS_POSTS
    )
    feed = "".join(
        f"<div class='event'><h3>The Legend of Houdini, show {n}</h3><p>Magician Greg Chapman returns to the "
        "Birchmeadow Centre with his new show, in which he performs effects and escapes inspired by Houdini.</p></div>"
        for n in range(2)
    )
    return (
        "<html lang='en'><head><title>Top 3 Mentalists • MAGICIANSANDMAGIC.COM</title></head><body>"
        "<div class='site-content'><h1>Top 3 Mentalists</h1><p>This topic has 3 replies, 2 voices.</p>"
        f"<ul class='forums bbp-replies'><li class='bbp-body'><ul>{posts}</ul></li></ul>{feed}</div></body></html>"
    )


def test_numbered_posts_inside_the_chosen_block_are_the_whole_thread() -> None:
    document = content(bbpress())
    assert document.kind == "forum"
    assert [record.text.splitlines()[-1] for record in document.records] == [text for *_, text in BBPRESS_POSTS]
    assert "Birchmeadow" not in document.text


def test_a_reply_text_in_a_block_whose_utility_class_names_a_user_is_kept() -> None:
    document = content(bbpress())
    assert "Great answer Bernie." in document.text
    assert "Bernie Amler" not in document.text.replace("Great answer Bernie.", "")


# WeddingBee (bbPress theme, as stored in magic-html's benchmark, Apache-2.0): posts numbered "Post # 1", "Post # 2" …
WEDDINGBEE_POSTS = [
    ("swedenbee", "3 weeks ago", "Just for fun, what is your favourite nail colour or style together with your ring?"),
    ("februarybride220", "2 weeks ago", "Love this. Beautiful ring and nail color, my favourite right now is red!"),
    ("minnewanka", "2 weeks ago", "I just love an ombre french. I think it looks so chic and does not distract."),
]


def test_posts_numbered_post_hash_n_are_a_thread() -> None:
    posts = "".join(
        f"<article class='post board' id='post-{n}'><div class='boards-post-number'>Post # {n + 1}</div>"
        f"<div class='text-holder'><ul class='details'><li><a href='/members/{who}' class='name bbp-author-name'>{who}"
        f"</a></li><li class='time'>{when}</li></ul><p>{text}</p>"
        "<footer class='social-row'><div class='likes'>Helpful (2)</div></footer></div></article>"
        for n, (who, when, text) in enumerate(WEDDINGBEE_POSTS)
    )
    page = (
        "<html lang='en'><head><title>Fav nail colour for your ring?</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/boards'>Boards</a></nav><h1>Fav nail colour for your ring?</h1>"
        f"<div class='topic'>{posts}</div><div class='footer'>WeddingBee is a community of brides-to-be.</div>"
        "</body></html>"
    )
    document = content(page)
    assert document.kind == "forum"
    assert [record.text.splitlines()[-1] for record in document.records] == [text for *_, text in WEDDINGBEE_POSTS]
    assert "Post # 2" not in document.text


# Kunena 6 (kunena.org, as stored in magic-html's benchmark, Apache-2.0): each post's text in div.kmsg, the poster's
# signature in div.ksig beside it, a login prompt under every post.
def test_kunena_post_bodies_are_the_posts() -> None:
    posts = [
        ("ssnobben", "#1", "Hi, got this error with the latest Kunena and Joomla 5.1, related to EasySocial."),
        ("xillibit", "#2", "Hello, I will check it but I have only EasySocial 4.0.13, not sure it will work."),
    ]
    markup = "".join(
        f"<div class='row message'><div class='col-md-2'><ul class='profilebox'><li>{who}</li></ul></div>"
        f"<div class='col-md-10 message-published'><small>2 weeks ago {floor} by {who}</small>"
        f"<div class='kmsg'>{text}</div><div class='ksig'>I don't provide support by PM.</div>"
        "<p>Please Log in or Create an account to join the conversation.</p></div></div>"
        for who, floor, text in posts
    )
    page = (
        "<html lang='en'><head><title>Forum statistics bug - Kunena</title></head><body><h1>Forum statistics bug</h1>"
        f"<div class='topic-item-messages'>{markup}</div></body></html>"
    )
    records = forum_posts(tree(page), vocabulary(), None)
    assert [record.text for record in records] == [text for *_, text in posts]


# vBulletin 5 (worldaffairsboard.com, as stored in magic-html's benchmark, Apache-2.0): the post's text sits in
# div.js-post__content-text, under the post title and the poster's card (join date, post count).
def test_vbulletin5_post_texts_are_the_posts() -> None:
    posts = [
        ("Ken_NJ", "Can an admin please correct the title for this thread? I can't seem to remove one of the S's."),
        ("TopHatter", "No problem :-)"),
    ]
    markup = "".join(
        f"<li class='b-post js-post'><div class='userinfo b-userinfo'>{who} Join Date: 18 Oct 09 Posts: 522</div>"
        f"<div class='b-post__content js-post__content'><h2 class='b-post__title'>Thread title correction</h2>"
        f"<div class='js-post__content-text restore h-wordwrap'>{text}</div></div></li>"
        for who, text in posts
    )
    page = (
        "<html lang='en'><head><meta name='generator' content='vBulletin 5.6.4'><title>Thread title correction</title>"
        f"</head><body><ul class='conversation-list'>{markup}</ul></body></html>"
    )
    records = forum_posts(tree(page), vocabulary(), None)
    assert [record.text for record in records] == [text for _, text in posts]
    assert not any("Join Date" in record.text for record in records)


def test_a_closed_spoiler_and_the_invision_quote_header_are_not_the_posts_text() -> None:
    # scienceforums.net (Invision Community): the answer sits in a spoiler the page shows closed (display: none); a
    # quote opens with "On 7/5/2023 at 10:35 PM, Genady said:". The quoted words and the reply stay.
    quote = (
        "<blockquote class='ipsQuote'><div class='ipsQuote_citation'>On 7/5/2023 at 10:35 PM, Genady said:</div>"
        "<div class='ipsQuote_contents'><p>Would you please use the Spoiler feature next time?</p></div></blockquote>"
    )
    spoiler = (
        "<div class='ipsSpoiler'><div class='ipsSpoiler_header'><span>Reveal hidden contents</span></div>"
        "<div class='ipsSpoiler_contents' style='display: none;'><p>As you add primes, you alternate between odd "
        "and even sums, so C and D are out. And A is too small, so B.</p></div></div>"
    )
    html = INVISION.replace("<p>Only option (B) survives, as the odd sum shows.</p>", f"{spoiler}<p>Thanks, fun.</p>")
    html = html.replace("<p>You are correct, +1.</p>", f"{quote}<p>Apologies. Where do I find it?</p>")
    records = forum_posts(tree(html), vocabulary(), None)
    assert [r.text for r in records] == [
        "Thanks, fun.",
        "Would you please use the Spoiler feature next time?\nApologies. Where do I find it?",
    ]


def test_hidden_parts_of_a_reply_are_not_its_text_and_shown_parts_are() -> None:
    block = tree(
        "<div><p>Correct, and glad you liked it. +1</p><div style='display:none'><p>The full working, line by line: "
        "the sum of the first 168 primes is odd, so C and D are out.</p></div></div>"
    ).find(".//div")
    assert [line.text for line in post_lines(block, frozenset(), frozenset())] == ["Correct, and glad you liked it. +1"]


def test_a_repliers_name_with_its_age_and_action_words_is_not_the_reply() -> None:
    # forum.agreper.com: "<a href='/user/53/'>mariorojas</a> - 1 year ago | thread" heads every comment.
    replies = "".join(
        f"<div class='comment'><span class='small'><i><a href='/user/{n}/'>{name}</a> - {n} years ago</i> | "
        f"<a href='/thread/1/#'>thread</a></span><div><p>{text}</p><sup><a href='/comment/{n}/'>reply</a></sup></div>"
        "</div>"
        for n, (name, text) in enumerate([("elon", "This is dopeeeee"), ("aagha", "Word"), ("mario", "hello there")])
    )
    root = tree(f"<html><body><div id='thread'>{replies}</div></body></html>")
    group = SiblingRun([div for div in root.iter("div") if div.get("class") == "comment"], 0)
    assert [r.text for r in reply_records(group, None, vocabulary())] == ["This is dopeeeee", "Word", "hello there"]
    # A line naming the replier in a sentence is the reply's own.
    assert not _is_signature("elon - I agree with you, 1 year ago I said the same", {"elon"}, vocabulary())


def test_a_modal_dialog_is_not_the_posts_text_even_when_it_holds_sentences() -> None:
    # learnku.com: the report dialog (div.ui.modal) lists its reasons in sentences; it only shows when opened.
    reasons = "".join(
        f"<div class='field'><label><strong>{r}</strong></label></div>"
        for r in [
            "垃圾广告：恶意灌水、广告、推广等内容",
            "无意义内容：测试、灌水、文不对题、消极内容、文章品质太差等",
            "违规内容：色情、暴利、血腥、敏感信息等",
            "不友善内容：人身攻击、挑衅辱骂、恶意行为",
            "不懂提问：提问太随意，需要再做一遍《提问的智慧》测验",
            "随意提问：提问没有发布在社区问答分类下",
            "排版混乱：没有合理使用 Markdown 编写文章，未使用代码高亮",
            "内容结构混乱：逻辑不清晰，内容混乱，难以阅读",
            "标题随意：标题党、标题不释义",
            "尊重版权：分享付费课程、破解软件（付费），侵犯作者劳动成果",
        ]
    )
    html = (
        "<html><head><title>解决新项目npm依赖报错</title></head><body><div class='main'><h1>解决新项目npm依赖报错</h1>"
        "<div class='ui segment article-content'><p>每次打开别人新的项目都要 npm 依赖都会各种报错，很烦。</p>"
        "<p>安装 depcheck，检查依赖，找到缺失的依赖，再安装缺失依赖即可。</p>"
        "<p>depcheck 会列出 Missing dependencies，也就是代码里用到了、package.json 里却没有写的依赖。</p>"
        "<p>把这些依赖逐个用 npm i 装上，项目就能正常启动了，以后打开别人的项目也可以先跑一遍。</p>"
        "<p>如果依赖的版本和作者用的不一样，还要看 package-lock.json 里锁定的版本，用同一个版本安装。</p>"
        "<p>另外，Node 的版本也会影响安装结果，最好用 nvm 切换到项目要求的版本，再重新执行一次安装。</p>"
        "<p>本作品采用《CC 协议》，转载必须注明作者和本文链接。</p></div></div>"
        "<div class='ui modal small report'><div class='content'><form>"
        f"<p>匿名举报，为防止滥用，仅管理员可见举报者。</p>{reasons}</form></div></div></body></html>"
    )
    text = content(html).text
    assert "安装 depcheck，检查依赖" in text
    assert "匿名举报" not in text and "垃圾广告" not in text


def test_a_posters_post_count_and_member_role_are_not_the_posts_text() -> None:
    # boards.weddingbee.com: the poster's card ("Member", "233 posts") sits in the post without an author class.
    html = INVISION.replace(
        "<div class='post-content'>",
        "<div class='post-content'><div class='img-frame'><div>Member</div><div>233 posts</div></div>",
    ).replace("You are correct, +1.", "Member states post 233 posts a year, you are correct.")
    records = forum_posts(tree(html), vocabulary(), None)
    assert [r.text for r in records] == [
        "Only option (B) survives, as the odd sum shows.",
        "Member states post 233 posts a year, you are correct.",
    ]


def test_a_replys_author_is_the_innermost_name_without_the_time_printed_in_it() -> None:
    # bbs.nanshengbbs.top (Ant Design comments): the time sits inside the name's link; patent.bbscloud.com: the
    # poster's card (class "user-info") holds the name and the poster's counts.
    replies = "".join(
        f"<div class='ant-comment'><div class='user-info'><a class='username'> {name} "
        f"<small class='time'>10月前</small></a><span>主题148回复8</span></div>"
        f"<div class='comment-content'><span>{text}</span></div></div>"
        for name, text in [("小诺抓", "有句话叫 有钱能使鬼推磨"), ("马亮南生", "花钱就可以解决问题嘛？")]
    )
    root = tree(f"<html><body><div id='comments'>{replies}</div></body></html>")
    group = SiblingRun([div for div in root.iter("div") if div.get("class") == "ant-comment"], 0)
    assert [(r.author, r.text) for r in reply_records(group, None, vocabulary())] == [
        ("小诺抓", "有句话叫 有钱能使鬼推磨"),
        ("马亮南生", "花钱就可以解决问题嘛？"),
    ]


def blog_post_with_feed(entry_text: str) -> str:
    """A blog theme marks its article `post-body post-content`; its popular-posts widget reuses `post-content`."""
    article = (
        "Chelsea have this morning paid the fee to the Spanish league to secure the signing of the keeper. "
        "He will undergo a medical at Stamford Bridge today ahead of the move, which makes him the most "
        "expensive keeper in history. The club hope to announce the deal later today."
    )
    entries = "".join(f"<div class='post-content'>{entry_text.format(n=n)}</div>" for n in ("first", "second", "third"))
    return (
        "<html><head><title>Chelsea sign keeper</title></head><body><h1>Chelsea sign keeper</h1>"
        f"<div class='post-body post-content'><p>{article}</p></div>"
        f"<div id='sidebar'><h3>Popular Posts</h3>{entries}</div></body></html>"
    )


def test_a_feed_entry_of_a_headline_link_and_a_date_is_no_post() -> None:
    page = blog_post_with_feed(
        "<h2 class='post-title'><a href='/2019/{n}.html'>How a lady in Lagos told the {n} story of her life</a>"
        "</h2><span class='post-date'>November 16, 2016</span>"
    )
    assert forum_posts(tree(page), vocabulary(), None) == []
    document = content(page)
    assert document.kind == "article"
    assert "most expensive keeper" in document.text
    assert "Lagos" not in document.text


def test_posts_written_under_a_linked_name_stay_posts() -> None:
    page = blog_post_with_feed(
        "<a href='/user/{n}'>{n}</a> wrote: I watched the medical live and the {n} keeper looked ready to play."
    )
    posts = forum_posts(tree(page), vocabulary(), None)
    assert len(posts) == 4
    assert "looked ready to play" in posts[1].text


def test_post_bodies_in_blog_entry_wrappers_are_teasers_not_a_thread() -> None:
    teaser = (
        "<article class='et_pb_post post-{n} post type-post status-publish hentry'><h2><a href='/{n}'>Beitrag {n}</a>"
        "</h2><div class='post-content'><p>Noch immer fehlt ein Bekennerschreiben, und die Spekulationen schießen "
        "ins Kraut. Beitrag {n} erklärt, warum.</p></div></article>"
    )
    page = "<html><body>" + "".join(teaser.format(n=n) for n in range(3)) + "</body></html>"
    assert forum_posts(tree(page), vocabulary(), None) == []
    replies = page.replace("type-post", "type-reply")
    assert len(forum_posts(tree(replies), vocabulary(), None)) == 3


def test_a_post_that_is_a_pasted_address_or_link_stays_a_post() -> None:
    bodies = [
        "现在可以发送4个邀请，速度比较快，有需要的留下邮箱。",
        "<a href='mailto:lxs5945@gmail.com'>lxs5945@gmail.com</a>",
        "<a href='https://www.astrill.com/'>https://www.astrill.com/</a>",
    ]
    page = (
        "<html><head><meta name='generator' content='Discuz! 6.0.0'></head><body>"
        + "".join(f"<div class='t_msgfont' id='postmessage_{i}'>{body}</div>" for i, body in enumerate(bodies))
        + "</body></html>"
    )
    records = forum_posts(tree(page), vocabulary(), None)
    assert [record.text for record in records][1:] == ["lxs5945@gmail.com", "https://www.astrill.com/"]


# A comment printed in a post's box under its body: Discuz! X's 点评 (div.cm > div.pstl: the commenter's link in
# div.psta, the text with its time in div.psti) and Baidu Tieba's 楼中楼 (li.lzl_single_post: the name, the text in
# span.lzl_content_main, the time in span.lzl_time). Markup as those engines print it.
DISCUZ_COMMENTED = (
    "<html><head><meta name='generator' content='Discuz! X3.4'></head><body><div id='postlist'>"
    "<div id='post_1'><table><tr><td class='pls'><a href='space-uid-101.html'>榕城小编</a></td><td class='plc'>"
    "<em id='authorposton1'>发表于 2023-10-12 09:30:15</em><div class='pct'><div class='t_fsz'><table><tr>"
    "<td class='t_f' id='postmessage_1'>2024年度城乡居民医保个人缴费标准为每人每年380元。</td></tr></table></div>"
    "<div id='comment_1' class='cm'><h3 class='psth xs1'>点评</h3><div class='pstl xs1 cl'>"
    "<div class='psta vm'><a href='space-uid-205.html' class='xi2 xw1'>闽江边</a></div>"
    "<div class='psti'>灵活就业人员是不是也按这个交？ <span class='xg1'>发表于 2023-10-12 11:04</span></div>"
    "</div></div></div></td></tr></table></div>"
    "<div id='post_2'><table><tr><td class='pls'><a href='space-uid-205.html'>闽江边</a></td><td class='plc'>"
    "<em id='authorposton2'>发表于 2023-10-12 11:10:02</em><div class='pct'><div class='t_fsz'><table><tr>"
    "<td class='t_f' id='postmessage_2'>灵活就业的交职工医保，去社保中心窗口办理。</td></tr></table></div></div>"
    "</td></tr></table></div></div></body></html>"
)


def test_a_comment_in_a_posts_box_is_a_post_after_it_with_its_own_author_and_time() -> None:
    records = forum_posts(tree(DISCUZ_COMMENTED), vocabulary(), None)
    assert [(r.author, r.published_at, r.text) for r in records] == [
        ("榕城小编", "2023-10-12T09:30:15", "2024年度城乡居民医保个人缴费标准为每人每年380元。"),
        ("闽江边", "2023-10-12T11:04", "灵活就业人员是不是也按这个交？"),
        ("闽江边", "2023-10-12T11:10:02", "灵活就业的交职工医保，去社保中心窗口办理。"),
    ]


def test_tieba_floor_replies_are_posts_and_the_floors_text_stays_its_own() -> None:
    replies = [
        ("小王", "谢谢，那门诊也能直接结算吗？", "2024-3-5 11:20"),
        ("医保小助手", "普通门诊也可以。", "2024-3-5 11:45"),
    ]
    floor = "".join(
        f"<li class='lzl_single_post j_lzl_s_p'><div class='lzl_cnt'>"
        f"<a class='at j_user_card' href='/home/main?id={i}'>{who}</a>:&nbsp;"
        f"<span class='lzl_content_main'>{text}</span><div class='lzl_content_reply'>"
        f"<span class='lzl_time'>{when}</span><a class='lzl_s_r'>回复</a></div></div></li>"
        for i, (who, text, when) in enumerate(replies)
    )
    page = (
        "<html><head><title>异地就医备案怎么弄_医保吧_百度贴吧</title></head><body><div id='j_p_postlist'>"
        "<div class='l_post j_l_post'><div class='d_author'>"
        "<a class='p_author_name j_user_card' href='/home/main?id=9'>医保小助手</a></div>"
        "<div class='d_post_content_main'><div id='post_content_2' class='d_post_content "
        "j_d_post_content'>可以在国家医保服务平台APP上直接办理异地就医备案。</div></div><div class='core_reply'>"
        "<ul class='p_tail'><li><span>2楼</span></li><li><span>2024-03-05 11:02</span></li></ul>"
        f"<div class='j_lzl_container core_reply_wrapper'><ul class='j_lzl_m_w'>{floor}</ul></div></div></div>"
        "<div class='l_post j_l_post'><div class='d_author'>"
        "<a class='p_author_name j_user_card' href='/home/main?id=8'>老张</a></div>"
        "<div id='post_content_3' class='d_post_content j_d_post_content'>线上十分钟就好了。</div>"
        "<ul class='p_tail'><li><span>3楼</span></li><li><span>2024-03-06 08:15</span></li></ul></div>"
        "</div></body></html>"
    )
    records = forum_posts(tree(page), vocabulary(), None)
    assert [(r.author, r.published_at, r.text) for r in records] == [
        ("医保小助手", "2024-03-05T11:02", "可以在国家医保服务平台APP上直接办理异地就医备案。"),
        ("小王", "2024-03-05T11:20", "谢谢，那门诊也能直接结算吗？"),
        ("医保小助手", "2024-03-05T11:45", "普通门诊也可以。"),
        ("老张", "2024-03-06T08:15", "线上十分钟就好了。"),
    ]


# A forum's mobile template (Discuz! touch): no post-body mark the engine vocabulary knows; each reply prints its floor
# and its author's linked name on one line, with no author class.
MOBILE_REPLIES = [
    ("楼主", "榕城小编", "2024-3-5 10:21", "2025年度城乡居民医保缴费已经开始了，个人缴费标准每人每年400元。"),
    ("沙发", "闽江边", "2024-3-5 10:40", "请问新生儿怎么参保？出生多久内办理可以从出生之日起享受待遇？"),
    ("板凳", "榕城小编", "2024-3-5 11:02", "新生儿出生后90天内参保缴费的，自出生之日起享受待遇。"),
    ("地板", "老林", "2024-3-5 12:15", "我家孩子上个月刚办好，线上十分钟搞定。"),
]


def mobile_thread_records(replies: list[tuple[str, str, str, str]]) -> list[Record]:
    """Discuz!'s mobile template: each reply's floor, linked name and time on a line above its message."""
    posts = "".join(
        f"<div class='plc cl' id='pid{i}'><div class='display pi'><ul class='authi'><li class='grey'><em>{floor}</em>"
        f"<b><a href='home.php?mod=space&amp;uid={i}&amp;do=profile'>{name}</a></b></li><li class='grey rela'>{when}"
        f"</li></ul><div class='message'>{text}</div></div></div>"
        for i, (floor, name, when, text) in enumerate(replies)
    )
    root = tree(f"<html><body><div class='viewthread'>{posts}</div></body></html>")
    group = reply_group(cut_page(root), vocabulary())
    assert group is not None
    return reply_records(group, None, vocabulary())


def test_a_replys_floor_and_linked_name_are_its_author_not_its_text() -> None:
    records = mobile_thread_records(MOBILE_REPLIES)
    assert [(r.author, r.text) for r in records] == [(name, text) for _, name, _, text in MOBILE_REPLIES]


def test_a_floor_written_number_first_and_a_short_linked_name_are_no_text() -> None:
    # Discuz!'s mobile template numbers the floors after the fourth as "5#", "6#"; a two-character name is then half
    # of the line.
    later = [(f"{i + 5}#", name, when, text) for i, (_, name, when, text) in enumerate(MOBILE_REPLIES)]
    records = mobile_thread_records(later)
    assert [(r.author, r.text) for r in records] == [(name, text) for _, name, _, text in later]


def test_a_long_run_of_digits_is_read_as_an_action_bar_in_linear_time() -> None:
    # A count is matched one way only: split every way, a run of 30 digits would take minutes.
    vocab = vocabulary()

    def cpu_seconds(digits: int) -> float:
        runs = []
        for _ in range(5):
            start = time.process_time()
            assert not is_action_bar("1" * digits + "x", vocab)
            assert is_action_bar("1" * digits + "回复", vocab)
            runs.append(time.process_time() - start)
        return min(runs)

    small, large = cpu_seconds(20_000), cpu_seconds(80_000)
    assert large < 8 * small


def test_columns_of_links_under_headings_are_no_replies_whatever_their_classes_name() -> None:
    # A news site's footer: columns of links under a heading, each link named "footer-item-link-name".
    columns = "".join(
        f"<div class='footer-column-wrap'><div class='footer-column-title'>{heading}</div>"
        + "".join(
            f"<div class='footer-item'><a href='/{i}' class='footer-item-link-name'>Link {i}</a></div>"
            for i in range(6)
        )
        + "</div>"
        for heading in (
            "Information for readers",
            "The Jerusalem Post Group",
            "Tools and services",
            "Sites of interest",
        )
    )
    root = tree(f"<html><body><div class='footer'>{columns}</div></body></html>")
    assert reply_group(cut_page(root), vocabulary()) is None
    signed = "".join(
        f"<div class='reply'><span class='name'>user{i}</span><p>I had the same problem with my claim form {i}, "
        "the office sent it back twice.</p><span>2024-05-0{i}</span></div>".replace("{i}", str(i))
        for i in range(1, 4)
    )
    assert reply_group(cut_page(tree(f"<html><body>{signed}</body></html>")), vocabulary()) is not None


# A board that prints every post, the first one too, as a table row: the poster in one cell, the post in the other
# with its time and a quote button above the text (the markup of ubuntuusers.de's board, in English words).
def table_board(posts: list[tuple[str, str, str]]) -> str:
    rows = "".join(
        f"<tr><td class='author'><a href='/user/{name}/' class='crosslink user'>{name}</a></td>"
        f"<td class='post'><div class='postinfo'><div class='linklist'>"
        f"<a href='/post/{i}/quote/' class='action action_quote'>Quote post</a></div>"
        f"<a href='/post/{i}/' title='Permalink'><img src='/minipost.gif' alt='Post'></a> {when}</div>"
        f"<div class='text'>{body}</div></td></tr>"
        for i, (name, when, body) in enumerate(posts)
    )
    return (
        "<html lang='en'><head><title>Insulin pump claim denied - Forum</title></head><body>"
        "<nav><a href='/'>Forum</a> <a href='/new/'>New posts</a> <a href='/search/'>Search</a></nav>"
        f"<main><h1>Insulin pump claim denied</h1><table class='topic'>{rows}</table></main>"
        "<footer><a href='/about/'>About</a> <a href='/privacy/'>Privacy</a></footer></body></html>"
    )


PUMP_THREAD = [
    (
        "jsmith",
        "14 June 2020 10:23",
        "<p>My insurer denied the claim for my insulin pump last week.</p><p>The letter says the pump is not "
        "medically necessary, although my endocrinologist prescribed it after two years of injections.</p>"
        "<p>The plan documents list insulin pumps as covered durable medical equipment.</p><p>Has anyone here "
        "appealed a denial like this, and what did you send with the appeal?</p>",
    ),
    (
        "mary_k",
        "14 June 2020 10:42",
        "<p>What you need is a letter of medical necessity → <a href='/wiki/lmn/'>Letter of medical necessity</a></p>",
    ),
    (
        "DrBob",
        "14 June 2020 11:05",
        "<p>Ask for the criteria they used in writing, then answer each point: "
        "<a href='/wiki/appeals/'>How to appeal a denial</a></p>",
    ),
    ("jsmith", "14 June 2020 12:30", "<p>Thanks both, I will ask my doctor for the letter this week.</p>"),
]


def test_a_link_the_poster_put_after_the_words_of_a_sentence_leaves_the_post_a_post() -> None:
    vocab = vocabulary()
    group = reply_group(cut_page(tree(table_board(PUMP_THREAD))), vocab)
    assert group is not None and len(group.members) == 4
    # a run of entries headed by their own links, with dates, stays a listing's (no reply run)
    entries = "".join(
        f"<li><a href='/guide/{i}.html'>关于调整城乡居民医疗保险缴费标准的通知第{i}号</a><span>2024-05-1{i}</span></li>"
        for i in range(1, 5)
    )
    assert reply_group(cut_page(tree(f"<html><body><ul>{entries}</ul></body></html>")), vocab) is None


def test_a_posts_action_button_is_no_listing_entrys_title() -> None:
    # Each row's longest link outside the poster's cell is its quote button: a button, named by its class.
    buttons_only = [
        (name, when, "<p>" + " ".join(["Same here, my claim was denied too."] * 2) + "</p>")
        for name, when, _ in PUMP_THREAD
    ]
    group = reply_group(cut_page(tree(table_board(buttons_only))), vocabulary())
    assert group is not None and len(group.members) == 4


def test_a_thread_whose_run_holds_its_opening_post_is_not_overruled_by_a_reading_of_that_post_alone() -> None:
    # The second opinion reads the long first post alone; the run of rows holds it and every reply, printed alike.
    document = content(table_board(PUMP_THREAD))
    assert document.kind == "forum"
    assert [record.author for record in document.records] == ["jsmith", "mary_k", "DrBob", "jsmith"]
    assert document.records[-1].text == "Thanks both, I will ask my doctor for the letter this week."


def test_a_replys_time_printed_in_words_on_its_own_line_is_not_its_text() -> None:
    posts = "".join(
        f"<article class='post'><header><a class='post__author' href='/u/{name}'>{name}</a>"
        f"<time datetime='2024-05-1{i}'>1{i} May 2024</time></header><div class='post__content'><p>{text}</p></div>"
        "<footer class='post__actions'><a>Report</a> <a>Reply</a></footer></article>"
        for i, (name, text) in enumerate(zip(POSTERS, MRI_THREAD, strict=True))
    )
    root = tree(f"<html><body><main>{posts}</main></body></html>")
    group = reply_group(cut_page(root), vocabulary())
    assert group is not None
    records = reply_records(group, None, vocabulary())
    assert [record.text for record in records] == list(MRI_THREAD)
    assert [record.published_at for record in records][:2] == ["2024-05-10", "2024-05-11"]
    # a sentence that opens with a date stays
    said = MRI_THREAD[1].replace("Yes.", "12 May 2024 was my appeal deadline.")
    assert said.startswith("12 May 2024") and not ENGLISH_DATE.fullmatch(said)
