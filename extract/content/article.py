"""Article bodies: the lines of the chosen main-content element without their furniture (bylines,
headline, kicker, related lists, buttons), and the summary box above it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import lxml.etree

from extract.content.dates import CLOCK, DATE, SIGNING_DATE
from extract.content.forum import repeats_subject
from extract.content.lines import (
    CELLS,
    HEADINGS,
    SENTENCE_PUNCT,
    Extent,
    Line,
    bare_text,
    class_tokens,
    headline_index,
    is_prose,
    is_side_column,
    is_spam,
    line_extents,
    same_text,
)
from extract.content.vocabulary import Vocabulary

_BODY_BEGUN = 80  # unlinked characters of sentence lines before which a related heading heads a box, not a tail
_CREDIT_CHARS = 40  # the longest closing credit line ("（责任编辑：周雁）")
_HEADING_CHARS = 40  # a tail heading is a short line; a sentence that starts with "More from" is not one


def lead_lines(body_root: lxml.etree._Element, lines: list[Line], vocab: Vocabulary) -> list[Line]:
    """The article's summary box ("核心提示：…") when it sits right above the body: the first block with text
    before the body (at its level or its parent's), short, prose, and named or labelled as a summary."""
    extents = line_extents(lines)
    for anchor in (body_root, body_root.getparent()):
        if anchor is None:
            return []
        previous = anchor.getprevious()
        while previous is not None and previous not in extents:
            previous = previous.getprevious()
        if previous is None:
            continue
        inside = set(previous.iter())
        extent = extents[previous]
        box = [line for line in lines[extent.first : extent.last + 1] if line.owner in inside]
        chars = sum(line.chars for line in box)
        links = sum(line.link_chars for line in box)
        named = bool(class_tokens(previous) & vocab.lead_tokens) or vocab.lead_label.match(box[0].text) is not None
        if named and 10 <= chars <= 400 and links < 0.3 * chars and SENTENCE_PUNCT.search(box[0].text):
            return box
        return []
    return []


def _is_byline(line: Line, vocab: Vocabulary) -> bool:
    if line.chars > 80:
        return False
    if line.chars <= 40 and DATE.match(line.text.strip()):
        return True  # "2024-05-13 06:16 发布于北京": a dateline, not a sentence
    labelled = len(vocab.byline.findall(line.text))
    return labelled >= 2 or (labelled == 1 and (DATE.search(line.text) is not None or line.chars <= 25))


def _is_credit(line: Line, vocab: Vocabulary) -> bool:
    """A short credit line ("责任编辑：孙重远", "文/栗思"): one role, no date, no counter. A line naming several
    roles ("[作者: 刘满仓 责任编辑: 杨丹宇]") is a byline block, not the article's closing credit."""
    return (
        line.chars <= 60
        and len(vocab.credit.findall(line.text)) == 1
        and not DATE.search(line.text)
        and not CLOCK.search(line.text)
        and not _COUNTER.search(line.text)
    )


_COUNTER = re.compile(r"(浏览|点击|阅读|瀏覽|點擊|閱讀)[^:：]{0,3}[:：]?\s*\d")


def clean_lines(lines: Iterator[Line] | list[Line], title: str | None, vocab: Vocabulary) -> list[str]:
    """The lines of a chosen main-content element, without its furniture."""
    kept: list[str] = []
    owners: list[lxml.etree._Element] = []
    in_related = False
    prose_seen = False  # bylines sit above the prose; credit lines after it belong to the article
    headline: lxml.etree._Element | None = None  # the element that printed the title, once met
    lines = list(lines)
    tails = _tail_headings(lines, vocab)  # tail heading → where the body resumes after its inline box, or -1
    story_at = headline_index(lines, title)  # the story starts at its headline, where the body prints one
    sentences = 0  # unlinked characters of the kept lines that hold a sentence mark
    last_prose = _last_prose_line(lines, tails, story_at)
    resume_at = -1  # the first line after a related box set inside the body's paragraphs
    for index, line in enumerate(lines):
        if index < resume_at:
            continue
        text = vocab.buttons.sub("", line.text)
        if not text:
            continue
        if index in tails:
            # Related lists and comment threads follow the body: from there on only prose survives. Above the
            # story's headline, or before the body has printed sentences, such a list is a box the story comes after.
            if len(kept) >= 3 and sentences >= _BODY_BEGUN and (story_at is None or index > story_at):
                resume_at = tails[index]
                if resume_at > index:
                    continue
                break
            in_related = True
            continue
        if in_related:
            punct = len(SENTENCE_PUNCT.findall(text))
            if line.link_density > 0.5 or (punct <= 1 and line.chars < 40):
                continue
            in_related = False
        if vocab.drop_lines.search(text) or vocab.forum_drop_lines.search(text) or is_spam(text, vocab):
            continue
        attachment = prose_seen and vocab.attachment_line.search(text)
        if line.link_density > 0.6 and line.chars < 120 and not (prose_seen and index < last_prose) and not attachment:
            # Link lines between two paragraphs of the body are the article's own ("▶ 典型案例丨…" under an
            # item of a digest); above the prose or after its last paragraph they are menus and related lists.
            continue
        if title and repeats_subject(text, title, in_reply=False):
            continue  # a reply's heading ("Re: subject by jakD: 5:23am") in a thread read as one body
        if title and same_text(text, title):
            if kept and _is_kicker(owners[-1], line.owner):
                kept.pop()
                owners.pop()
            headline = line.owner
            continue
        if headline is not None and _is_subtitle(headline, line.owner):
            continue
        signed = prose_seen and SIGNING_DATE.fullmatch(text.strip()) is not None
        if _is_byline(line, vocab) and not (prose_seen and _is_credit(line, vocab)) and not signed:
            # After the prose a bare "2024年5月13日" is the date a notice was signed (its 落款), not a dateline.
            continue
        if not prose_seen and (_is_reporter_line(line, vocab) or vocab.datelines.search(text) or _is_stamp_line(line)):
            continue
        kept.append(text)
        owners.append(line.owner)
        if SENTENCE_PUNCT.search(text):
            sentences += line.chars - line.link_chars
        if prose_seen and line.chars <= _CREDIT_CHARS and vocab.closing_credit.match(text):
            # "责任编辑：孙重远" is the last line a news desk prints: what follows is the next story or the page.
            break
        prose_seen = prose_seen or is_prose(text, line.chars) or _is_closed_sentence(text, line)
    # Stray buttons and captions ("+1", "图集") at the edges of the body; a table's short cells ("中", "风险等级")
    # are the body's own, and so is a section heading that opens it ("办理材料" over a list).
    while kept and len(kept[0].replace(" ", "")) <= 4 and owners[0].tag not in CELLS | HEADINGS:
        kept.pop(0)
        owners.pop(0)
    while kept and len(kept[-1].replace(" ", "")) <= 4 and owners[-1].tag not in CELLS:
        kept.pop()
        owners.pop()
    return kept


def _is_closed_sentence(text: str, line: Line) -> bool:
    """A sentence of a short notice ("现将名单予以公告（详见附件）。"): shorter than a line of prose, but 20+ unlinked
    characters that end with a full stop. No byline or dateline ends so."""
    return line.chars - line.link_chars >= _CLOSED_SENTENCE_CHARS and _FULL_STOP_END.search(text) is not None


_CLOSED_SENTENCE_CHARS = 20
_FULL_STOP_END = re.compile(r"[。！？]\s*$")


def _tail_headings(lines: list[Line], vocab: Vocabulary) -> dict[int, int]:
    """The lines that are tail headings (related reading, comments), each with the index where the body resumes
    when the heading opens a related box set among the body's paragraphs (`_inline_box_end`), else -1. The extents
    are measured once, and only when a tail heading is there."""
    headings = [i for i, line in enumerate(lines) if _is_tail_heading(vocab.buttons.sub("", line.text), vocab)]
    if not headings:
        return {}
    extents = line_extents(lines)
    ends = {heading: _inline_box_end(lines, heading, extents) for heading in headings}
    return {
        heading: end if end >= 0 else _side_column_end(lines, heading, extents, vocab) for heading, end in ends.items()
    }


def _side_column_end(
    lines: list[Line], heading: int, extents: dict[lxml.etree._Element, Extent], vocab: Vocabulary
) -> int:
    """The index after the side column holding the heading (`[tokens] side_columns`, `<aside>`) when the body's
    paragraphs come before it and go on right after it (a news site's rail of share buttons and related links set
    between a story's second and third paragraphs), else -1."""
    node = lines[heading].owner
    for _ in range(_BOX_LEVELS):
        if is_side_column(node, vocab.side_column_tokens):
            break
        node = node.getparent()
        if node is None or node not in extents:
            return -1
    else:
        return -1
    column = extents[node]
    if not any(is_prose(lines[i].text, lines[i].chars) for i in range(column.first)):
        return -1
    end = column.last + 1
    return end if _resumes_with_prose(lines, end, len(lines)) else -1


def _inline_box_end(lines: list[Line], heading: int, extents: dict[lxml.etree._Element, Extent]) -> int:
    """The index where the body resumes after a related box that sits among its paragraphs, or -1.

    The box is the largest element that starts with the heading line and holds no earlier line; it is inline when
    the heading is nested in it (a box of its own, not a heading in the body's flow, whose abstracts would follow
    as the body's siblings) and its parent holds the body's prose before it and goes on with a paragraph right
    after it (a related list at the body's end is followed by more lists and the page's footer)."""
    owner = lines[heading].owner
    box, parent = owner, owner.getparent()
    while parent is not None and extents[parent].first == heading:
        box, parent = parent, parent.getparent()
    if box is owner or parent is None:
        return _box_between_paragraphs(lines, heading, extents)
    after = extents[box].last + 1
    inside = set(parent.iter())
    prose_before = any(
        lines[i].owner in inside and is_prose(lines[i].text, lines[i].chars)
        for i in range(extents[parent].first, heading)
    )
    if not prose_before:
        return _box_between_paragraphs(lines, heading, extents)
    if _resumes_with_prose(lines, after, extents[parent].last + 1):
        return after
    return _box_between_paragraphs(lines, heading, extents)


def _resumes_with_prose(lines: list[Line], start: int, stop: int) -> bool:
    """Whether the first line from `start` on is a paragraph, or a section's heading with a paragraph under it
    (a box of related pages set between two sections of a guidance page)."""
    following = (i for i in range(start, stop) if lines[i].text.strip())
    first = next(following, None)
    if first is not None and lines[first].owner.tag in HEADINGS:
        first = next(following, None)
    return first is not None and is_prose(lines[first].text, lines[first].chars)


def _box_between_paragraphs(lines: list[Line], heading: int, extents: dict[lxml.etree._Element, Extent]) -> int:
    """The index after the box that holds the heading when that box stands between two paragraphs of the article
    (a video player whose "Up next" list sits between the story's paragraphs), else -1: the box is a child of an
    ancestor that holds paragraphs of its own (prose children) before it and goes on with one right after it. A
    related list at the article's end is followed by more lists or by nothing. Linear in the ancestor's lines, a
    few levels up."""
    node = lines[heading].owner
    for _ in range(_BOX_LEVELS):
        parent = node.getparent()
        if parent is None or parent not in extents or node not in extents:
            return -1
        box, around = extents[node], extents[parent]
        follows = next((i for i in range(box.last + 1, around.last + 1) if lines[i].text.strip()), None)
        if (
            node is not lines[heading].owner  # a heading in the body's own flow ("Comments" under it) ends it
            and follows is not None
            and _own_prose(lines[follows], parent)
            and any(_own_prose(lines[i], parent) for i in range(around.first, box.first))
        ):
            return box.last + 1
        node = parent
    return -1


_BOX_LEVELS = 12  # how far above the heading the box may end: a player's list nests a few levels deep


def _own_prose(line: Line, parent: lxml.etree._Element) -> bool:
    """A paragraph of `parent` itself: prose owned by one of its children."""
    return line.owner.getparent() is parent and is_prose(line.text, line.chars)


def _last_prose_line(lines: list[Line], tails: dict[int, int], story_at: int | None = None) -> int:
    """The index of the body's last paragraph: prose under a related heading (the abstracts of a related list,
    "5月22日，在山东省日照市…【详细】") is not the body's, so the link lines above it are no part of the body either.
    A related heading above the story's headline (at `story_at`) heads a box the story comes after."""
    last = -1
    resume_at = -1
    for index, line in enumerate(lines):
        if index < resume_at:
            continue
        if last >= 0 and index in tails and (story_at is None or index > story_at):
            resume_at = tails[index]
            if resume_at > index:
                continue
            break
        if is_prose(line.text, line.chars):
            last = index
    return last


def _is_kicker(previous: lxml.etree._Element, headline: lxml.etree._Element) -> bool:
    """A heading right above the headline heading (h3.pre "河南着力培育新动能塑造新优势" over the h1): the
    kicker (引题) belongs to the headline, which the metadata keeps, not to the body."""
    return (
        isinstance(previous.tag, str)
        and previous.tag in HEADINGS
        and headline.tag in HEADINGS
        and previous.getnext() is headline
    )


def _is_subtitle(headline: lxml.etree._Element, element: lxml.etree._Element) -> bool:
    """A heading after the headline in a block of headings only (div.detail-article-title > h3 + h2 + h3 "成功举办…
    推介会"): the 副题 belongs to the headline, as the kicker does, not to the body."""
    parent = headline.getparent()
    return (
        isinstance(element.tag, str)
        and element.tag in HEADINGS
        and headline.tag in HEADINGS
        and parent is not None
        and element.getparent() is parent
        and all(child.tag in HEADINGS for child in parent if isinstance(child.tag, str))
    )


_TIME_FRAGMENT = re.compile(r"[\d\s/:：.\-年月日]+")
_DATE_SEPARATOR = re.compile(r"\d[/:：\-年月]\d")
_LONG_NUMBER = re.compile(r"\d{5}")
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_TABLE_TAGS = frozenset(("td", "th", "tr", "table"))


def _is_stamp_line(line: Line) -> bool:
    """Above the prose, a short line that gives a time of day and no sentence ("中国网 2019-11-25 10:37:31",
    "金融市场棱镜2019-09-23 07:48"), or only a piece of a date ("09/07", "19:02"): the story's stamp, which the
    metadata reads, not its text."""
    if line.chars > _STAMP_CHARS or _SENTENCE_END.search(line.text) or line.owner.tag in _TABLE_TAGS:
        return False
    text = line.text.strip()
    if _TIME_FRAGMENT.fullmatch(text) and _DATE_SEPARATOR.search(text) and not _LONG_NUMBER.search(text):
        return True  # no group of more than four digits: "0591-87842560" is a phone number, not a date
    dated = DATE.search(text)
    return dated is not None and dated.group(4) is not None


_STAMP_CHARS = 40


def _is_reporter_line(line: Line, vocab: Vocabulary) -> bool:
    return line.chars <= 30 and not SENTENCE_PUNCT.search(line.text) and vocab.byline_start.match(line.text) is not None


def _is_tail_heading(text: str, vocab: Vocabulary) -> bool:
    return is_related_heading(text, vocab) or _heading_match(text, vocab.comment_headings)


def is_related_heading(text: str, vocab: Vocabulary) -> bool:
    """A heading that opens related reading ("相关新闻", "Related articles", "More from the guide")."""
    return _heading_match(text, vocab.related_headings)


_MORE_LINK = re.compile(r"(?:更多|more)[+>»›]*$")  # a box heading's "更多+" link to the full list


def _heading_match(text: str, headings: frozenset[str]) -> bool:
    """The line is one of the headings: compared without spaces, colons, brackets, case and a closing "更多+"
    link; a heading written with a closing "…" names the start of a short line ("More from…" matches "More from
    the guide")."""
    if len(text) > _HEADING_CHARS:
        return False
    exact, prefixes = _heading_forms(headings)
    bare = _MORE_LINK.sub("", bare_text(text).casefold())
    return bare in exact or any(bare.startswith(prefix) for prefix in prefixes)


@functools.cache
def _heading_forms(headings: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    exact = frozenset(bare_text(h).casefold() for h in headings if not h.endswith("…"))
    prefixes = tuple(bare_text(h[:-1]).casefold() for h in headings if h.endswith("…"))
    return exact, prefixes
