"""Forums: threads whose post bodies carry a known engine's markup (Discuz!, vBulletin, Flarum …), the comments in
a post's box, and what every reading of posts shares (a post's author, time, lines and action bars). Replies of
engines we do not know are `replies.py`'s.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence

import lxml.etree

from extract.content.dates import CLOCK, DATE, ENGLISH_DATE, iso_date
from extract.content.lines import (
    SPACE,
    Line,
    PageLines,
    class_tokens,
    class_words,
    is_spam,
    same_text,
    split_lines,
    subtree_lines,
    text_of,
)
from extract.content.parse import drop_element, is_hidden
from extract.content.post_bodies import post_bodies, post_containers
from extract.content.vocabulary import Vocabulary, vocabulary
from extract.document import Record

USER_LINK = re.compile(r"(uid=|space-uid-|/u/|/user/|/users/|/member/|/people/|/home/)", re.I)


def forum_posts(
    root: lxml.etree._Element, vocab: Vocabulary, url: str | None, page_lines: PageLines | None = None
) -> list[Record]:
    """The posts of a thread whose bodies carry a known engine's markup, or []. `page_lines`: the page's lines as
    cut already (`cut_page` of this tree): a post's lines are taken from them where they are the same."""
    outer = post_bodies(root, vocab)
    if not outer:
        return []
    containers = post_containers(outer)
    records = []
    for body, container in zip(outer, containers, strict=True):
        shown = _shown(body)
        cut = subtree_lines(body, page_lines) if shown is body and page_lines is not None else split_lines(shown)
        lines = [line for line in cut if not vocab.forum_drop_lines.search(line.text)]
        lines = [line for line in lines if not vocab.drop_lines.search(line.text) and not is_spam(line.text, vocab)]
        text = "\n".join(line.text for line in lines)
        comments = _post_comments(container, body, vocab)
        commented = [line for _, line in comments]
        records.append(
            Record(
                text=text,
                role="post",
                author=_post_author(container, body, vocab, commented),
                published_at=post_time(container),
                url=url,
            )
        )
        records.extend(r for r in (_comment_record(c, line, vocab, url) for c, line in comments) if r.text)
    return records


def _post_comments(
    container: lxml.etree._Element, body: lxml.etree._Element, vocab: Vocabulary
) -> list[tuple[lxml.etree._Element, lxml.etree._Element]]:
    """(text element, its line) of each comment printed in a post's box under its body (Discuz! 点评, Tieba 楼中楼),
    in page order. The line is the text element's parent: the comment with its commenter's name and time."""
    skip = set(body.iter())
    comments = []
    for element in container.iter():
        if element in skip or not isinstance(element.tag, str):
            continue
        if class_words(element) & vocab.post_comment_classes:
            skip.update(element.iter())  # a comment marked inside a comment is the same comment
            line = element.getparent()
            comments.append((element, element if line is None else line))
    return comments


def _comment_record(
    comment: lxml.etree._Element, line: lxml.etree._Element, vocab: Vocabulary, url: str | None
) -> Record:
    """A comment as a post of its own: its text without its time stamp; empty when it is furniture or spam."""
    stamps = [child for child in comment.iterdescendants() if isinstance(child.tag, str) and _is_stamp(child)]
    text = " ".join(text_of(copy_without(comment, stamps) if stamps else comment).split())
    if vocab.drop_lines.search(text) or is_spam(text, vocab):
        text = ""
    author = _post_author(line, comment, vocab)
    return Record(text=text, role="post", author=author, published_at=post_time(line), url=url)


_STAMP_CHARS = 40  # the longest element text read as a comment's time stamp ("发表于 2023-10-12 11:04")


def _is_stamp(element: lxml.etree._Element) -> bool:
    """An element that is only a time stamp: "发表于 2023-10-12 11:04", "2024-3-5 11:20"."""
    text = text_of(element).strip()
    if not text or len(text) > _STAMP_CHARS or not DATE.search(text):
        return False
    return bool(_POSTED.match(text)) or not DATE.sub("", text).strip()


def _shown(body: lxml.etree._Element) -> lxml.etree._Element:
    """The post as its reader sees it: a closed spoiler or collapsed box (hidden inside the post) is not shown. Hidden
    prose stays in the page's tree (a CMS may hide an article until a script shows it), so it goes here."""
    hidden = [element for element in body.iterdescendants() if isinstance(element.tag, str) and is_hidden(element)]
    return copy_without(body, hidden) if hidden else body


def copy_without(root: lxml.etree._Element, unwanted: list[lxml.etree._Element]) -> lxml.etree._Element:
    """A copy of the subtree without the `unwanted` elements inside it (their tails stay). Only the part kept is
    walked and copied, so copying each comment of a deep reply tree without its replies costs the tree once."""
    skip = set(unwanted)
    duplicate = _shallow_copy(root)
    duplicate.text = root.text
    stack = [(root, duplicate)]
    while stack:
        source, target = stack.pop()
        for child in source:
            if child in skip or not isinstance(child.tag, str):
                if child.tail:  # the text after a dropped element belongs to its parent
                    last = target[-1] if len(target) else None
                    if last is not None:
                        last.tail = (last.tail or "") + child.tail
                    else:
                        target.text = (target.text or "") + child.tail
                continue
            copied = _shallow_copy(child)
            copied.text, copied.tail = child.text, child.tail
            target.append(copied)
            stack.append((child, copied))
    return duplicate


def _shallow_copy(element: lxml.etree._Element) -> lxml.etree._Element:
    """The element without its children. The HTML parser accepts names XML does not (`<fb:comments>`, `lj:user=`):
    such a tag becomes a <span> (no block tag has one), such an attribute is left out."""
    try:
        duplicate = lxml.etree.Element(element.tag)
    except ValueError:
        duplicate = lxml.etree.Element("span")
    for name, value in element.attrib.items():
        try:
            duplicate.set(name, value)
        except ValueError:
            continue
    return duplicate


def open_with_subject(posts: list[Record], subject: str | None) -> None:
    """A thread's subject line is its first post's heading (the thread is about it; its entities count). A post's
    line that only repeats the subject (phpBB's and SMF's `Re: subject` over every reply, the subject again under a
    reply) is the engine's heading of the post, not what its poster wrote: out."""
    if not subject or not posts:
        return
    for index, post in enumerate(posts):
        lines = post.text.split("\n")
        kept = [line for line in lines if not repeats_subject(line, subject, in_reply=index > 0)]
        if len(kept) < len(lines):
            post.text = "\n".join(kept)
    first = posts[0]
    first.title = first.title or subject
    if not same_text(first.text.split("\n", 1)[0], subject):
        first.text = f"{subject}\n{first.text}" if first.text else subject


def repeats_subject(line: str, subject: str, in_reply: bool) -> bool:
    """`Re: subject` (回复：, 答复：) anywhere, alone or with its poster and time ("Re: subject by jakD: 5:23am On
    Apr 24"); the bare subject in a reply."""
    prefix = vocabulary().reply_subject.match(line)
    if prefix is not None:
        rest = line[prefix.end() :]
        attributed = _ATTRIBUTION.match(rest)
        return same_text(rest, subject) or (attributed is not None and same_text(attributed.group(1), subject))
    return in_reply and same_text(line, subject)


_ATTRIBUTION = re.compile(r"(.*\S)\s+by\s+\S.{0,60}", re.I)  # the subject, then " by NAME[: time]"


def _post_author(
    container: lxml.etree._Element,
    body: lxml.etree._Element,
    vocab: Vocabulary,
    others: Sequence[lxml.etree._Element] = (),
) -> str | None:
    """The author's name in a post's container, outside its body and the `others` (comments under it)."""
    inside_body = set(body.iter())
    for other in others:
        inside_body.update(other.iter())
    for element in container.iter():
        # schema.org's author of the post (NodeBB, Discourse): its name, not the avatar's letter beside it.
        if element not in inside_body and isinstance(element.tag, str) and element.get("itemprop") == "author":
            named = next((e for e in element.iter() if e.get("itemprop") == "name"), element)
            name = " ".join(text_of(named).split())
            if 1 <= len(name) <= 40:
                return name
    marked = [
        element
        for element in container.iter()
        if element not in inside_body
        and isinstance(element.tag, str)
        and (element.tag == "cite" or class_words(element) & vocab.forum_author_classes)
    ]
    # The innermost marked element: a whole user panel is marked too, but the name sits inside it.
    marked_set = set(marked)
    for element in marked:
        if any(d in marked_set for d in element.iterdescendants()):
            continue
        text = " ".join(text_of(element).split())
        if 1 <= len(text) <= 40:
            return _card_name(element, text)
    return user_link_name(container, inside_body)


def _card_name(card: lxml.etree._Element, text: str) -> str:
    """The name on a poster's card marked as a whole (SMF's `poster`: the name link, then rank and post count):
    the card's first link when the card's text opens with it, else the card's text."""
    for link in card.iter("a"):
        name = " ".join(text_of(link).split())
        if name:
            return name if text.startswith(name) else text
    return text


def user_link_name(block: lxml.etree._Element, skip: set[lxml.etree._Element] | None = None) -> str | None:
    """The text of the first link in `block` (outside `skip`) to a user's page (`space-uid-…`, `/u/…`)."""
    for link in block.iter("a"):
        if skip and link in skip:
            continue
        text = SPACE.sub(" ", text_of(link)).strip()
        if USER_LINK.search(link.get("href") or "") and 1 <= len(text) <= 30:
            return text
    return None


_POSTED = re.compile(r"发表于|发表時間|發表於|posted|发布于|回复于", re.I)


def post_time(container: lxml.etree._Element) -> str | None:
    """When a post was written: a `<time>`, a date after "发表于"/"posted" (or in the title of the element there),
    else the first date of the post's text but the poster card's join date; a numeric date anywhere before a date
    printed in words ("Mon May 01, 2024 10:00 am"), which is often the day alone beside a machine-written time."""
    times = [time.get("datetime") or time.get("title") or text_of(time) for time in container.iter("time")]
    # A relative time filled in by a script keeps the date in an attribute (NodeBB's `<span class="timeago"
    # title="2024-05-02T13:44:38.000Z">`).
    times += [
        e.get("datetime") or e.get("title")
        for e in container.iter()
        if isinstance(e.tag, str) and e.tag != "time" and class_tokens(e) & _TIME_TOKENS
    ]
    text = text_of(container)
    posted = re.search(r"(发表于|发表時間|發表於|posted|发布于|回复于)\s*[:：]?\s*", text, re.I)
    for english in (False, True):
        for value in times:
            if iso := iso_date(value, english=english):
                return iso
        if posted and (iso := iso_date(text[posted.end() : posted.end() + 40], english=english)):
            return iso
        if posted:
            # "发表于 <span title="2024-5-21 11:01:32">6 天前</span>": the relative time keeps the date in its title.
            for element in container.iter():
                if isinstance(element.tag, str) and (title := element.get("title")):
                    parent = element.getparent()
                    iso = iso_date(title, english=english)
                    if iso and parent is not None and _POSTED.search(text_of(parent)):
                        return iso
        if iso := iso_date(_MEMBER_SINCE.sub(" ", text[:2000]), english=english):
            return iso
    return None


# The poster card's join date ("Joined: Sat Jan 05, 2019 4:11 pm", "注册时间 2019-1-5") is no post's time.
_MEMBER_SINCE = re.compile(
    r"(?:joined|registered|member since|注册时间|註冊時間)\s*[:：]?\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s*)?"
    rf"(?:{DATE.pattern}|{ENGLISH_DATE.pattern})",
    re.IGNORECASE,
)


def opening_author(body_root: lxml.etree._Element, vocab: Vocabulary) -> str | None:
    """The opening post's author: an author mark beside the body, in its card or post container."""
    container = body_root.getparent()
    inside = set(body_root.iter())
    for _ in range(2):
        if container is None:
            return None
        if name := innermost_author(container, vocab, skip=inside):
            return name
        container = container.getparent()
    return None


_ACTION_PARTS = re.compile(r"[|｜·•/\s]+")


_COUNT = re.compile(r"[(（]?\d+[)）]?")
_COUNTED = re.compile(r"(\d)\s+(?=[条個个人次位])")  # "31 条评论": the count and its measure word are one part


def is_action_bar(text: str, vocab: Vocabulary) -> bool:
    """ "| 回复 | | 举报", "2天前 · 赞 · 回复", "赞同 10评论举报": only action words, counts, times and separators
    (buttons printed inline with their counts run together with no separator)."""
    parts = [p for p in _ACTION_PARTS.split(_COUNTED.sub(r"\1", text)) if p]
    # Words run together count only beside a count: a reply of "感谢分享" or "支持支持" is what its user wrote.
    counted = any(c.isdigit() for c in text)
    return bool(parts) and all(
        p.strip("()（）0123456789") in vocab.actions
        or _COUNT.fullmatch(p)
        or CLOCK.fullmatch(p)
        or (counted and vocab.action_run.fullmatch(p))
        for p in parts
    )


def post_lines(
    block: lxml.etree._Element,
    furniture: frozenset[str],
    content: frozenset[str],
    always: frozenset[str] = frozenset(),
) -> list[Line]:
    """A post's own lines without the parts its class names as `furniture` (author, time, counts, buttons). A
    furniture-named element is the post's text all the same when it holds a block named as `content` and not as
    furniture ("user-id-1" around "bbp-reply-content"), or when its own text (outside the furniture inside it) is
    most of the post's text ("qu-userSelect--text" around a Quora answer): utility classes that name no user.
    Elements named by an `always` token (the poster's signature, longer than a short reply) go whatever they hold."""
    post = copy.deepcopy(block)
    for element in [e for e in post.iterdescendants() if isinstance(e.tag, str) and is_hidden(e)]:
        drop_element(element)  # a closed spoiler, a collapsed box: not what the reader sees of the post
    named = [e for e in post.iterdescendants() if isinstance(e.tag, str) and class_tokens(e) & (furniture | always)]
    total = len(SPACE.sub("", text_of(post)))
    for element in named:
        if class_tokens(element) & always:
            drop_element(element)
            continue
        holds_content = any(
            isinstance(e.tag, str) and class_tokens(e) & content and not class_tokens(e) & furniture
            for e in element.iterdescendants()
        )
        own = _text_outside(element, furniture)
        if holds_content or (own >= _POST_TEXT and 2 * own >= total):
            continue
        drop_element(element)
    return list(split_lines(post))


def _text_outside(element: lxml.etree._Element, furniture: frozenset[str]) -> int:
    """Characters of text (spaces out) in the subtree, not counting furniture-named elements below its root."""
    count = len(SPACE.sub("", (element.text or "").strip()))
    stack = list(element)
    while stack:
        child = stack.pop()
        count += len(SPACE.sub("", (child.tail or "").strip()))
        if not isinstance(child.tag, str) or class_tokens(child) & furniture:
            continue
        count += len(SPACE.sub("", (child.text or "").strip()))
        stack.extend(child)
    return count


_POST_TEXT = 20  # characters of a post's text: a furniture-named element holding more than half of it is the text


def innermost_author(
    block: lxml.etree._Element, vocab: Vocabulary, skip: set[lxml.etree._Element] | None = None
) -> str | None:
    """The name in the innermost element named as the author ("user-name" inside "comment-user-info", which holds
    the time too), without a time printed inside it (<a class="username">小诺抓<small class="time">10月前</small>)."""
    named = [
        e
        for e in block.iter()
        if isinstance(e.tag, str)
        and not (skip and e in skip)
        and class_tokens(e) & vocab.author_tokens
        and 1 <= len(text_of(e).strip()) <= 30
    ]
    inner = set(named)
    for element in named:
        if not any(descendant in inner for descendant in element.iterdescendants()):
            times = [e for e in element.iterdescendants() if isinstance(e.tag, str) and class_tokens(e) & _TIME_TOKENS]
            name = " ".join(text_of(copy_without(element, times) if times else element).split())
            if name:
                return name
    return None


_TIME_TOKENS = frozenset(("time", "date", "timeago", "datetime"))
