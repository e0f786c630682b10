"""Replies of engines we do not know: a run of repeated sibling blocks that each hold a short text by someone at
some time (douban comments, small forums, a forum's mobile template), read as one post record per block; whether
such a run is the page's thread; and the signatures under a reply.
"""

from __future__ import annotations

import copy
import re

import lxml.etree

from extract.content.dates import CLOCK, DATE, ENGLISH_DATE, iso_date
from extract.content.entries import META_ONLY
from extract.content.forum import USER_LINK, innermost_author, is_action_bar, post_lines, user_link_name
from extract.content.lines import BLOCK_TAGS, SPACE, Line, class_tokens, is_spam, line_extents, text_of
from extract.content.listing import SiblingRun, similar_siblings, title_link
from extract.content.vocabulary import Vocabulary
from extract.document import Record

_POST_TAGS = frozenset(("div", "li", "article", "section", "table", "tr", "dl", "blockquote"))


def reply_group(lines: list[Line], vocab: Vocabulary) -> SiblingRun | None:
    """A run of repeated sibling blocks that each hold a short text by someone at some time: comments or
    replies on a page whose engine we do not know (douban comments, small forums). Entries with a title link
    are a listing's, not replies; single-line blocks are paragraphs, not posts."""
    extents = line_extents(lines)
    nonlink = {element: extent.chars - extent.link_chars for element, extent in extents.items()}
    # A post is what its user wrote: a block mostly of links (a footer's columns of links under their headings) is
    # no post, whatever its classes name.
    linked = {element for element, extent in extents.items() if extent.link_chars > _POST_LINK_SHARE * extent.chars}
    count = {element: extent.lines for element, extent in extents.items()}
    best: SiblingRun | None = None
    for parent in {e.getparent() for e in nonlink if e.getparent() is not None}:
        children = [c for c in parent if c.tag in _POST_TAGS and c in nonlink]
        if len(children) < 2:
            continue
        for members in similar_siblings(children):
            posts = [
                m
                for m in members
                if nonlink[m] >= 15
                and count[m] >= 2
                and m not in linked
                # The replier's name is a link too: only a link outside the furniture makes a listing entry, and
                # only one that heads its line: a link after the words of a sentence is a word the user linked.
                and _heading_link(m, vocab) is None
                and (DATE.search(text_of(m)) or CLOCK.search(text_of(m)) or _has_author(m, vocab))
            ]
            if len(posts) < 2 or len(posts) < 0.6 * len(members):
                continue
            # Two blocks are posts only when numbered by floor (#1, #2): two paragraphs with a date are not.
            if len(posts) < 3 and not all(_has_floor(m, vocab) for m in posts):
                continue
            total = sum(nonlink[m] for m in members)
            if best is None or total > best.chars:
                best = SiblingRun(members, total)
    if best is not None:
        # Boilerplate removal runs next and may gut the originals ("comment" is a boilerplate word).
        best.copies = [copy.deepcopy(m) for m in best.members]
    return best


_POST_LINK_SHARE = 0.5


def _heading_link(member: lxml.etree._Element, vocab: Vocabulary) -> lxml.etree._Element | None:
    """The member's title link as a listing entry's, unless its line holds a sentence's words before it."""
    link = title_link(member, 6, skip=vocab.entry_meta_tokens, fallback=False)
    if link is None:
        return None
    block = next((e for e in link.iterancestors() if e.tag in BLOCK_TAGS), member)
    printed = text_of(block)
    at = printed.find(text_of(link))
    return None if at >= 0 and len(_LETTER.findall(printed[:at])) >= _SENTENCE_LETTERS else link


_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_LETTERS = 20  # letters before a link on its line that make it a word inside a sentence


def _attribute_date(element: lxml.etree._Element) -> str | None:
    """A date kept in an attribute (<abbr class="timeago" title="2024年04月24日">1 月前</abbr>)."""
    for child in element.iter():
        if isinstance(child.tag, str):
            for name in ("datetime", "title", "data-time"):
                if (value := child.get(name)) and (iso := iso_date(value)):
                    return iso
    return None


def _has_author(element: lxml.etree._Element, vocab: Vocabulary) -> bool:
    return any(class_tokens(e) & vocab.author_tokens for e in element.iter() if isinstance(e.tag, str))


def is_thread(group: SiblingRun, body_root: lxml.etree._Element, vocab: Vocabulary) -> bool:
    """Replies numbered by floor (#1, 2楼, 沙发) under a body that does not hold them: a forum thread whose
    opening post is long, not an article with a comment box (news comments carry no floor numbers)."""
    inside = set(body_root.iter())
    if any(member in inside for member in group.members):
        return False
    numbered = sum(1 for member in group.copies or group.members if _has_floor(member, vocab))
    return numbered >= 0.6 * len(group.members)


def holds_whole_thread(group: SiblingRun, body_root: lxml.etree._Element, vocab: Vocabulary) -> bool:
    """Replies numbered by floor (#1, Post # 2, 3楼), three or more, inside the block chosen as the body: that block
    is the thread's page with its chrome, and the numbered posts, the first one among them, are the thread."""
    inside = set(body_root.iter())
    members = group.copies or group.members
    if len(members) < _WHOLE_THREAD or not all(member in inside for member in group.members):
        return False
    return sum(1 for member in members if _has_floor(member, vocab)) >= 0.8 * len(members)


_WHOLE_THREAD = 3  # numbered posts that make a thread without an opening post outside them


_FLOOR_CHARS = 12  # the longest element text read as a floor number ("Post # 124", "第1234楼")


def _has_floor(member: lxml.etree._Element, vocab: Vocabulary) -> bool:
    for element in member.iter():
        if not isinstance(element.tag, str):
            continue
        if class_tokens(element) & vocab.floor_tokens:
            return True
        text = element.text or ""
        if len(text) <= _FLOOR_CHARS and len(element) == 0 and vocab.floor_mark.fullmatch(text):
            return True
    return False


def replies_outweigh(group: SiblingRun, lines: list[Line], body_root: lxml.etree._Element | None) -> bool:
    """Replies win over an article only when the article beside them is thin (a comment page, a thread)."""
    if body_root is None:
        return True
    members = {e for member in group.members for e in member.iter()}
    body = set(body_root.iter())
    outside = sum(line.chars - line.link_chars for line in lines if line.owner in body and line.owner not in members)
    return group.chars > 1.5 * outside and outside < 300


def _member_names(member: lxml.etree._Element) -> set[str]:
    """The names a reply is signed with: its member links (profile URLs)."""
    return {
        name
        for link in member.iter("a")
        if USER_LINK.search(link.get("href") or "") and 1 <= len(name := " ".join(text_of(link).split())) <= 30
    }


# "2 years ago", and as threads and social sites abbreviate it: "12d ago", "3mo ago", "5 hr ago".
_AGE = re.compile(
    r"\d+\s*(?:second|minute|hour|day|week|month|year|sec|min|hr|mo|yr|[smhdwy])s?\s+ago"
    r"|\d+\s*(?:秒|分钟|小时|天|周|个月|年)前",
    re.I,
)
_EDITED = re.compile(r"\(?(?:last )?(?:modified|edited) [^)]{1,30}\)?", re.I)


def without_signatures(lines: list[str], post: lxml.etree._Element, vocab: Vocabulary) -> list[str]:
    """The post's lines without its poster's signature line ("demindiro - 2 years ago (last modified …)")."""
    names = _member_names(post)
    return [line for line in lines if not _is_signature(line, names, vocab)]


def _is_signature(text: str, names: set[str], vocab: Vocabulary) -> bool:
    """ "mariorojas - 1 year ago | thread", "• 12d ago": the replier's name or the reply's age, with action words,
    not the reply."""
    signed = [name for name in names if name in text]
    rest = _AGE.sub(" ", text)
    if not signed and rest == text:
        return False
    rest = _EDITED.sub(" ", rest)
    for name in signed:
        rest = rest.replace(name, " ")
    return all(part.lower() in vocab.actions for part in _SIGNATURE_PARTS.split(rest) if part)


_SIGNATURE_PARTS = re.compile(r"[\s|｜·•/\-–—,，]+")


def _reply_author(member: lxml.etree._Element, vocab: Vocabulary) -> str | None:
    """The name marked as the author, else the text of the first link to a user's page (`space-uid-…`, `/u/…`)."""
    return innermost_author(member, vocab) or user_link_name(member)


def _floor_and_name(line: Line, vocab: Vocabulary) -> bool:
    """A reply's floor number and its author's linked name on one line ("地板老林", "#3 张三"): furniture."""
    floor = vocab.floor_mark.match(line.text.strip())
    return floor is not None and len(SPACE.sub("", line.text.strip()[floor.end() :])) <= line.link_chars


def reply_records(group: SiblingRun, url: str | None, vocab: Vocabulary) -> list[Record]:
    records = []
    for member in group.copies or group.members:
        names = _member_names(member)
        kept = [
            line.text
            # A reply's text sits in "comment-content" or "reply-text": those words are not furniture here.
            for line in post_lines(
                member, vocab.entry_meta_tokens - vocab.reply_words, vocab.content_tokens, vocab.signature_tokens
            )
            if line.link_density <= 0.5
            and not META_ONLY.fullmatch(line.text)
            and not ENGLISH_DATE.fullmatch(line.text.strip())  # the post's time printed in words
            and not vocab.drop_lines.search(line.text)
            and not vocab.forum_drop_lines.search(line.text)
            and not vocab.floor_mark.fullmatch(line.text)
            and not _floor_and_name(line, vocab)
            and not is_action_bar(line.text, vocab)
            and not is_spam(line.text, vocab)
            and not _is_signature(line.text, names, vocab)
        ]
        author = _reply_author(member, vocab)
        # A numeric date in the text, then a machine-written one in an attribute, then a date printed in words.
        printed = text_of(member)
        published_at = iso_date(printed, english=False) or _attribute_date(member) or iso_date(printed)
        records.append(
            Record(
                text="\n".join(kept),
                role="post",
                author=author,
                published_at=published_at,
                url=url,
            )
        )
    return records
