"""Listings: a run of repeated sibling entries, each with a title link, and their records (title,
abstract, date, URL).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.etree

from extract.content.dates import iso_date
from extract.content.entries import (
    META_ONLY,
    WORD,
    attribute_date,
    beside_title,
    entry_lines,
    full_title,
    is_a_date,
    printed_age,
    printed_date,
    printed_month_day,
)
from extract.content.lines import (
    SENTENCE_PUNCT,
    SPACE,
    Line,
    class_tokens,
    class_words,
    headline_index,
    is_sentence_line,
    is_spam,
    line_extents,
    same_text,
    sentence_chars_outside,
    text_of,
)
from extract.content.marks import one_marked_article_beside
from extract.content.vocabulary import Vocabulary, link_key, vocabulary
from extract.document import Record

_WHITESPACE = re.compile(r"\s+")


@dataclass(slots=True)
class SiblingRun:
    members: list[lxml.etree._Element]
    chars: int
    copies: list[lxml.etree._Element] | None = None  # members as they were before boilerplate removal
    opening: lxml.etree._Element | None = None  # a thread's opening post, printed as its replies are


def listing_group(root: lxml.etree._Element, lines: list[Line]) -> SiblingRun | None:
    """The biggest run of repeated sibling entries that each carry a title link."""
    chars = {element: extent.chars for element, extent in line_extents(lines).items()}
    candidates: list[SiblingRun] = []
    for parent in chars:
        if _is_submenu(parent):
            continue
        children = [c for c in parent if isinstance(c.tag, str) and chars.get(c, 0) >= 8]
        if len(children) < 2:
            continue
        for members in similar_siblings(children):
            entries = _entries(members)
            if len(entries) < 2 or len(entries) < 0.6 * len(members):
                continue
            total = sum(chars[m] for m in members)
            # Navigation menus repeat too, but their entries are a few characters each.
            if total / len(members) >= 12:
                candidates.append(SiblingRun(members, total))
    # Four entries make a listing; on a page with no longer run, three do when each prints its date (a column
    # with its first few notices).
    runs = [c for c in candidates if len(c.members) >= 4] or [
        c for c in candidates if len(c.members) == 3 and _dated(c)
    ]
    if not runs:
        return None
    best = max(runs, key=lambda group: group.chars)
    # Pinned or sticky entries often sit in a list of their own just before the others: same tag, same classes.
    # Dated entries without classes count as one list when their lists are siblings of one tag and classes (a
    # column of notices printed five entries to a <ul>).
    words = _entry_words(best.members[0])
    parts = _list_parts(best) if not words and _dated(best) else set()
    merged = False
    for other in candidates:
        if other is best or other.members[0].tag != best.members[0].tag:
            continue
        other_words = _entry_words(other.members[0])
        if (words and len(words & other_words) / len(words | other_words) > 0.5) or (
            not words and not other_words and other.members[0].getparent() in parts and _dated(other)
        ):
            best.members += other.members
            best.chars += other.chars
            merged = True
    if merged:
        order = {element: index for index, element in enumerate(root.iter())}
        best.members.sort(key=order.__getitem__)
    return best


def _dated(run: SiblingRun) -> bool:
    """Whether every entry of a run prints its date, as a column of notices does (a feed of topics does not)."""
    return all(printed_date(member, None) for member in run.members)


def _list_parts(run: SiblingRun) -> set[lxml.etree._Element]:
    """The lists that are parts of one list with the run's own: lists of its tag and classes among its siblings,
    with nothing between them but each other and empty separators (a list with a heading of its own is a list of
    its own). One pass over the siblings."""
    mine = run.members[0].getparent()
    parent = mine.getparent() if mine is not None else None
    if mine is None or parent is None:
        return set()
    words = class_words(mine)
    children = list(parent)
    at = children.index(mine)
    parts = set()
    for side in (reversed(children[:at]), children[at + 1 :]):
        for child in side:
            if child.tag == mine.tag and class_words(child) == words:
                parts.add(child)
            elif text_of(child).strip():
                break
    return parts


def _entries(members: list[lxml.etree._Element]) -> list[lxml.etree._Element]:
    """The members that carry a title link. A "read more" link is no title, nor is a short link whose text
    repeats in another member ("更多内容，点击阅读", "详情>>" after each paragraph of a digest): that is a button.
    Long titles may repeat (periodic notices, titles cut with "..."), so only short texts count as buttons. A link
    titled as a reply (`Re: subject`) heads a forum post, not an entry."""
    more, reply = vocabulary().more_links, vocabulary().reply_subject
    links = {m: title_link(m) for m in members if not _holds_a_menu(m)}
    texts = {m: text_of(link) for m, link in links.items() if link is not None}
    keys = {m: link_key(text) for m, text in texts.items() if not reply.match(text)}
    counts = Counter(keys.values())
    # One link text in most members, however long, is a button when they print no date ("tabelog-app アプリで開く"
    # on every shop card of a story); a column of one periodic notice prints its title on every entry, each dated.
    repeated = {key for key, count in counts.items() if count >= _CARD_BUTTONS and count > len(keys) / 2}
    return [
        m
        for m, key in keys.items()
        if key not in more
        and (counts[key] == 1 or len(key) > _BUTTON_CHARS)
        and (key not in repeated or printed_date(m, None))
    ]


_BUTTON_CHARS = 12  # a repeated link text this short is a button, not a title
_CARD_BUTTONS = 3  # undated members printing one link text that make it a button, however long


def _is_submenu(parent: lxml.etree._Element) -> bool:
    """A list of bare links inside an item of another list: the submenu of a menu entry, however long its links
    (a folder of pinned entries, each with its author and counts, nests so too and stays a listing's)."""
    up = parent.getparent()
    if parent.tag not in ("ul", "ol") or up is None or up.tag != "li":
        return False
    items = [item for item in parent if item.tag == "li"]
    return bool(items) and all(_is_bare_link(item) for item in items)


def _holds_a_menu(member: lxml.etree._Element) -> bool:
    """A list of three or more items that are each a bare link inside the member: a menu entry with its
    submenu ("Nationalteams" over "Übersicht · News · Kader"), not an entry of a listing, which is one title with
    its date or abstract."""
    for inner in member.iter("ul", "ol"):
        items = [item for item in inner if item.tag == "li"]
        if len(items) >= _MENU_ITEMS and all(_is_bare_link(item) for item in items):
            return True
    return False


def _is_bare_link(item: lxml.etree._Element) -> bool:
    chars = len("".join(text_of(item).split()))
    linked = sum(len("".join(text_of(link).split())) for link in item.iter("a"))
    return chars > 0 and linked >= 0.9 * chars


_MENU_ITEMS = 3


def _entry_words(element: lxml.etree._Element) -> set[str]:
    return {w for w in class_words(element) if not re.search(r"\d", w)}


def similar_siblings(children: list[lxml.etree._Element]) -> list[list[lxml.etree._Element]]:
    """Siblings of one tag whose class words mostly agree ("item" and "item top" are one run)."""
    groups: list[tuple[str, set[str], list[lxml.etree._Element]]] = []
    for child in children:
        words = _entry_words(child)
        for tag, group_words, members in groups:
            union = words | group_words
            if tag == child.tag and (not union or len(words & group_words) / len(union) > 0.5):
                members.append(child)
                break
        else:
            groups.append((child.tag, words, [child]))
    return [members for _, _, members in groups]


def title_link(
    element: lxml.etree._Element, shortest: int = 6, skip: frozenset[str] = frozenset(), fallback: bool = True
) -> lxml.etree._Element | None:
    """The entry's longest link, not counting links inside parts whose class/id tokens are in `skip` (with
    `fallback`, any link when every link is in such a part: a listing entry whose title sits in a "name" box)."""
    best, best_len = None, 0
    furniture: dict[lxml.etree._Element, bool] = {}
    for link in element.iter("a"):
        if skip and any(_is_furniture(e, skip, furniture) for e in _ancestors_within(link, element)):
            continue
        printed = text_of(link)
        text = SPACE.sub("", printed)
        if len(text) > best_len and not is_a_date(printed):  # a last-post time links too: no title
            best, best_len = link, len(text)
    if best is None and skip and fallback:
        return title_link(element, shortest)
    return best if best_len >= shortest else None


def _is_furniture(element: lxml.etree._Element, skip: frozenset[str], seen: dict[lxml.etree._Element, bool]) -> bool:
    if element not in seen:
        seen[element] = bool(class_tokens(element) & skip)
    return seen[element]


def _ancestors_within(element: lxml.etree._Element, top: lxml.etree._Element) -> Iterator[lxml.etree._Element]:
    while element is not None and element is not top:
        yield element
        element = element.getparent()


def group_outweighs(
    group: SiblingRun,
    lines: list[Line],
    body_root: lxml.etree._Element | None,
    title: str | None = None,
    article_classes: frozenset[str] = frozenset(),
) -> bool:
    in_group = set()
    for member in group.members:
        in_group.update(member.iter())
    if _holds_an_article(group, lines) or _set_between_paragraphs(group, lines) or _links_in_sentences(group, lines):
        return False
    if one_marked_article_beside(in_group, lines, article_classes):
        return False
    # Bare undated title links are a site's "recent posts" module beside a short post unless they dwarf the
    # sentences printed outside the element holding them: a post needs no headline matching the <title> (a blog's
    # title is its name). Sentences between the links (cards set in a story's own body) are no post beside them.
    if (
        _bare_titles(group, lines)
        and not _dated(group)
        and sentence_chars_outside(lines, _holder_of(group), _PROSE_LINE_CHARS) >= _PROSE_AGAINST_TITLES * group.chars
    ):
        return False
    story = _story_under_headline(lines, in_group, title)
    if story and group.chars <= _HEADED_ARTICLE_FACTOR * story:
        # Sentences printed under the page's headline, outside the run: the page is that story, however short (a
        # one-line notice), and the run beside it (related reading with abstracts) is what outweighed it.
        return False
    if body_root is None:
        return True
    body = set(body_root.iter())
    outside = [line for line in lines if line.owner in body and line.owner not in in_group]
    outside_chars = sum(line.chars - line.link_chars for line in outside)
    # A real paragraph beside the list means an article with a list of links next to it: ask for more.
    prose_at = [i for i, line in enumerate(outside) if line.chars - line.link_chars >= 80 and _is_sentence(line.text)]
    # The page's headline printed above that prose: the page is the article, the list is its related reading
    # or a feed under it, unless the list dwarfs it.
    paragraph = next(
        (line for line in outside if line.chars - line.link_chars >= 80 and SENTENCE_PUNCT.search(line.text)), None
    )
    story_headline = _headline_above(paragraph, lines, in_group, title)
    if story_headline is not None and paragraph is not None and _article_holds(story_headline, paragraph, in_group):
        # The page marks the headline and the paragraph under it as its article, and the run lies outside it: a
        # feed beside the story (a video page's one-sentence story, the channel's playlist).
        return False
    if not prose_at:
        return group.chars > outside_chars
    headline = _headline_above(outside[prose_at[0]], lines, in_group, title)
    if headline is not None and _bare_titles(group, lines):
        # Links and nothing else beside an article under the page's headline: its related or most-read feed.
        return False
    headed = headline is not None
    return group.chars > (_HEADED_ARTICLE_FACTOR if headed else 2) * outside_chars


def _story_under_headline(lines: list[Line], in_group: set[lxml.etree._Element], title: str | None) -> int:
    """The unlinked characters of the sentence lines under the page's headline outside the run, up to the run when
    it follows them; 0 without a headline outside the run."""
    start = headline_index(lines, title)
    if start is None or lines[start].owner in in_group:
        return 0
    chars = 0
    for line in lines[start + 1 :]:
        if line.owner in in_group:
            if chars:
                break
            continue
        if is_sentence_line(line):
            chars += line.chars - line.link_chars
    return chars


def _headline_above(
    prose: Line | None, lines: list[Line], in_group: set[lxml.etree._Element], title: str | None
) -> Line | None:
    """The line printing the page's headline (the title) above `prose`, outside the run."""
    if prose is None or not title:
        return None
    headline = None
    for line in lines:
        if line is prose:
            break
        if line.owner not in in_group and same_text(line.text, title):
            headline = line
    return headline


def _article_holds(headline: Line, prose: Line, in_group: set[lxml.etree._Element]) -> bool:
    """Whether an element marked as the article (`<article>`, `itemprop="articleBody"`) holds the headline and the
    first paragraph under it and none of the run: a video page's one-sentence story inside its `<article>`, the
    channel's playlist outside it."""
    for element in prose.owner.iterancestors():
        if element.tag == "article" or element.get("itemprop") == "articleBody":
            inside = set(element.iter())
            return headline.owner in inside and not in_group & inside
    return False


def _holds_an_article(group: SiblingRun, lines: list[Line]) -> bool:
    """Whether a member holds paragraphs in a row: that member is the page's article (a link in it or above it is
    no entry's title), and the run around it is the page's layout (the rows of a page grid, a news template's
    blocks), not a listing. A listing's entries hold a title and an abstract at most; threads whose engine marks
    its post bodies are read before listings. Linear in the run's lines (a member's lines are a contiguous range)."""
    extents = line_extents(lines)
    for member in group.members:
        extent = extents.get(member)
        if extent is None:
            continue
        run = 0
        for line in lines[extent.first : extent.last + 1]:
            unlinked = line.chars - line.link_chars
            if unlinked >= _PARAGRAPH_CHARS and line.link_density < _PARAGRAPH_LINKS and _is_sentence(line.text):
                run += 1
                if run >= _ARTICLE_PARAGRAPHS:
                    return True
            elif line.text.strip():
                run = 0
    return False


def _links_in_sentences(group: SiblingRun, lines: list[Line]) -> bool:
    """Whether most entries' title links sit inside a sentence: words run up to the link and on from it on the same
    line (`…who like this <a>quinetessential small town</a>. "Conde Nast…`). Those members are an article's
    paragraphs that each link a few words; a listing prints its title on a line that starts or ends with it
    (`<a>Title</a> 2024-05-01`, `[05-01] <a>Title</a>`, the title above its abstract)."""
    extents = line_extents(lines)
    entries = _entries(group.members)
    inside = 0
    for member in entries:
        link, extent = title_link(member), extents.get(member)
        if link is None or extent is None:
            continue
        key = _WHITESPACE.sub("", text_of(link))
        if not key:
            continue
        for line in lines[extent.first : extent.last + 1]:
            flat = _WHITESPACE.sub("", line.text)
            at = flat.find(key)
            if at < 0:
                continue
            before, after = _LETTERS.findall(flat[:at]), _LETTERS.findall(flat[at + len(key) :])
            if len(before) >= _SENTENCE_AROUND and len(after) >= _SENTENCE_AROUND and SENTENCE_PUNCT.search(flat):
                inside += 1
            elif _own_paragraph_line(line) and _continues_a_sentence(flat[:at], flat[at + len(key) :]):
                inside += 1  # the link opens or closes a paragraph's sentence ("<a>The songstress</a>, 30, took…")
            break
    return bool(entries) and inside >= _LINKED_PARAGRAPHS * len(entries)


_LETTERS = re.compile(r"[^\W\d_]")
_SENTENCE_GOES_ON = re.compile(r"[,;a-z]")  # after a link that opens a sentence (a title is followed by a new one)
_SENTENCE_CLOSE = re.compile(r"[.!?。！？”\"'’)）]*")  # after a link that ends a sentence
_LABEL_END = re.compile(r"[:：|｜>»\-–—]$")  # "RELATED: <a>…</a>", "Read more » <a>…</a>"


def _continues_a_sentence(before: str, after: str) -> bool:
    """Whether a link in a paragraph's line is part of its sentence (texts without spaces): the sentence runs on
    after the link ("<a>The songstress</a>, 30, took…", "The <a>Theatre Wing</a> announced…"), or a sentence leads
    up to a link that ends it ("…on Thursday night's <a>Jimmy Kimmel Live!</a>."). A feed entry's title is followed
    by its abstract's own sentence, or stands after a label ("RELATED: <a>…</a>")."""
    if _LABEL_END.search(before):
        return False
    if _SENTENCE_GOES_ON.match(after):
        return True
    return len(_LETTERS.findall(before)) >= _SENTENCE_AROUND and bool(_SENTENCE_CLOSE.fullmatch(after))


_SENTENCE_AROUND = 20  # letters of a sentence on each side of a link inside it
_LINKED_PARAGRAPHS = 0.5  # share of entries whose title link sits inside a sentence


def _set_between_paragraphs(group: SiblingRun, lines: list[Line]) -> bool:
    """Whether the run's list stands in an article's flow: the element holding the list has paragraphs of its own
    (its children's prose) both before the list and after it (a ranking written as accordion items between the
    story's introduction and its closing call). A listing page's list ends the page's text, or a pager and
    the site's footer follow it."""
    extents = line_extents(lines)
    boxes = group.members[0].getparent(), group.members[-1].getparent()
    if boxes[0] is None or boxes[1] is None:
        return False
    flow = boxes[0].getparent()
    if flow is None or boxes[1].getparent() is not flow or flow not in extents:
        return False
    span, start, end = extents[flow], extents[group.members[0]].first, extents[group.members[-1]].last
    before = any(_own_paragraph(lines[i], flow) for i in range(span.first, start))
    return before and any(_own_paragraph(lines[i], flow) for i in range(end + 1, span.last + 1))


def _own_paragraph(line: Line, flow: lxml.etree._Element) -> bool:
    return line.owner.getparent() is flow and _own_paragraph_line(line)


def _own_paragraph_line(line: Line) -> bool:
    """A paragraph's line: prose that may link a few words."""
    return (
        line.chars - line.link_chars >= _PARAGRAPH_CHARS
        and line.link_density < _PARAGRAPH_LINKS
        and _is_sentence(line.text)
    )


_ARTICLE_PARAGRAPHS = 3
_PARAGRAPH_CHARS = 80  # unlinked characters of a paragraph (as for the prose beside a run)
_PARAGRAPH_LINKS = 0.3  # a paragraph may link a few words


def _bare_titles(group: SiblingRun, lines: list[Line]) -> bool:
    """Whether the run's entries are links and nothing else: no abstract, no date, under a tenth of its text
    unlinked."""
    extents = line_extents(lines)
    chars = unlinked = 0
    for member in group.members:
        extent = extents.get(member)
        if extent is None:
            continue
        for line in lines[extent.first : extent.last + 1]:
            chars += line.chars
            unlinked += line.chars - line.link_chars
    return chars > 0 and unlinked < _BARE_TITLES_UNLINKED * chars


_BARE_TITLES_UNLINKED = 0.1


def _holder_of(group: SiblingRun) -> set[lxml.etree._Element]:
    """The elements of the run's parent (the run, and whatever is printed between and around its members)."""
    parent = group.members[0].getparent()
    return set(parent.iter()) if parent is not None else {e for member in group.members for e in member.iter()}


_PROSE_AGAINST_TITLES = 0.5  # sentences outside a run of bare undated links, against its characters
_PROSE_LINE_CHARS = 40  # unlinked characters of a sentence line counted against such a run (no byline, no credit)


def _is_sentence(text: str) -> bool:
    return len(SENTENCE_PUNCT.findall(text)) >= 2


_HEADED_ARTICLE_FACTOR = 6  # how much a list must outweigh an article printed under the page's headline


def listing_records(group: SiblingRun, url: str | None, vocab: Vocabulary) -> list[Record]:
    records = []
    for member in group.members:
        link = title_link(member, shortest=1, skip=vocab.entry_meta_tokens)
        # The text is what the entry prints (a title cut short too); the record's title is the whole title.
        title = SPACE.sub(" ", text_of(link)).strip() if link is not None else None
        href = link.get("href") if link is not None else None
        printed = printed_date(member, title)
        if title and printed and title != printed and (title.endswith(printed) or title.startswith(printed)):
            # The date printed inside the title link (<a><span>title</span><span>2024-12-20</span></a>): no part
            # of the title.
            title = (title[: -len(printed)] if title.endswith(printed) else title[len(printed) :]).strip(" []【】")
        published_at = iso_date(printed) or iso_date(text_of(member)) or attribute_date(member)
        lines_text = []
        for line in entry_lines(member, title, vocab):
            text = line.text
            if title and same_text(text, title):
                continue
            if line.link_density > 0.5:
                continue  # a link (the title with a "New" link or a date beside it: the date is read apart)
            beside = beside_title(text, title) if title and line.link_chars else None
            if beside is not None:
                text = beside  # "[国内]须知12-07 10:14": the category label goes, the title is the first line already
            if META_ONLY.fullmatch(text) or not WORD.search(text):
                continue  # a bare date or count, a bullet cell ("·", "■")
            if title and line.link_chars and (text.startswith(title) or text.endswith(title)):
                # The title link's line with more than the link ("须知 2024-09-18", "[05-13] 须知"): the title is the
                # text's first line already. (A link inside a sentence stays: that is no title line.)
                text = (text[len(title) :] if text.startswith(title) else text[: -len(title)]).strip()
                if not text or META_ONLY.fullmatch(text):
                    continue
            if vocab.drop_lines.search(text) or is_spam(text, vocab) or vocab.file_badge.match(text):
                continue
            lines_text.append(text)
        # The entry's date is part of the entry (title + abstract + date), wherever its markup puts it; a feed
        # prints its age instead ("8小时前"): that is the date the reader sees.
        date = printed or printed_age(member) or printed_month_day(member)
        if date and not any(date in part for part in [title or "", *lines_text]):
            lines_text.append(date)
        text = "\n".join([t for t in [title, *lines_text] if t])
        records.append(
            Record(
                text=text,
                role="entry",
                title=full_title(link, title) if link is not None and title is not None else title,
                published_at=published_at,
                url=_entry_url(url, href),
            )
        )
    return records


def _entry_url(page_url: str | None, href: str | None) -> str | None:
    """The entry's link made absolute against the page's URL; as written when it cannot be (`http://[::1/x`: an
    unclosed IPv6 bracket makes urljoin raise, and one broken link must not cost the page its listing)."""
    if not page_url or not href:
        return href
    try:
        return urljoin(page_url, href) if urlsplit(page_url).scheme else href
    except ValueError:
        return href
