"""The line model: a page cut into lines (text between block boundaries and <br>), each owned by its
nearest block element, plus per-element text statistics and the text tests every family shares.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import lxml.etree

from extract.content.vocabulary import Vocabulary

BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
))  # fmt: skip


SENTENCE_PUNCT = re.compile(r"[，。！？；：、,.!?;:“”\"]")
# A sentence's end: a caption's "Foto: Adobe Stock" has none, nor a date's "24. April 2020"
SENTENCE_END = re.compile(r"[。！？!?]|[a-zà-ÿ)]\.(?:\s|$)")


SPACE = re.compile(r"[ \t\r\f\v\u00a0\u3000\u2002\u2003\u2009\u200b]+")


# With "  ", what SPACE.sub(" ", …) would change: a space character other than " " (one class, no alternative: the
# regex engine skips to its characters; an alternative would try both at every character).
_ODD_SPACE = re.compile(r"[\t\r\f\v\u00a0\u3000\u2002\u2003\u2009\u200b]")


ANY_SPACE = re.compile(r"[\s\u00a0\u3000\u2002\u2003\u2009\u200b]+")


_SPAM_SEPARATORS = re.compile(r"[_|｜]")


_TOKEN_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")


@dataclass(slots=True)
class Line:
    """Text between two block boundaries, owned by its nearest block element."""

    owner: lxml.etree._Element
    text: str
    chars: int  # non-space characters
    link_chars: int

    @property
    def link_density(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0


def text_of(element: lxml.etree._Element) -> str:
    """The text of a subtree, tails inside it included, its own tail not: `"".join(element.itertext())`, serialized
    by libxml2 instead (itertext's iterator costs about ten times as much per node)."""
    return lxml.etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def split_lines(root: lxml.etree._Element) -> Iterator[Line]:
    """Cut the subtree into lines in document order (block elements, <br> and newlines in <pre> end a line)."""
    return iter(_cut(root, track=False))


def subtree_lines(element: lxml.etree._Element, page_lines: PageLines) -> Sequence[Line] | Iterator[Line]:
    """The texts `split_lines(element)` gives, taken from `page_lines` (this tree's `cut_page`, the tree unchanged
    since) where they are the same: a block element starts and ends a line either way and is cut the same inside,
    unless a <pre> around it makes its newlines line ends. The lines' owners and link shares are the page's."""
    if element.tag not in BLOCK_TAGS or any(True for _ in element.iterancestors("pre")):
        return split_lines(element)
    extent = page_lines.extents.get(element)
    return page_lines[extent.first : extent.last + 1] if extent is not None else []


def cut_page(root: lxml.etree._Element) -> PageLines:
    """The lines of a whole page and the extent of every element that holds some, measured in the same walk."""
    return _cut(root, track=True)


@dataclass(slots=True)
class Extent:
    """The lines an element holds (its own and its descendants'), summed over its subtree."""

    first: int  # index of its first line
    last: int  # index of its last line
    depth: int  # 1 for the root
    lines: int = 0
    chars: int = 0
    link_chars: int = 0


class PageLines(list[Line]):
    """A page's lines, with `extents`: every element holding a line (and its ancestors) → its Extent, in the order
    in which a walk up from each line's owner meets them (by first line, the deepest first)."""

    __slots__ = ("extents",)

    def __init__(self, lines: list[Line], extents: dict[lxml.etree._Element, Extent]) -> None:
        super().__init__(lines)
        self.extents = extents


def line_extents(lines: list[Line]) -> dict[lxml.etree._Element, Extent]:
    """The extents of the elements holding `lines`: measured already for a page's lines, else summed by walking
    up from each line's owner (a hand-made list of lines)."""
    if isinstance(lines, PageLines):
        return lines.extents
    extents: dict[lxml.etree._Element, Extent] = {}
    for index, line in enumerate(lines):
        chain = []
        element = line.owner
        while element is not None:
            chain.append(element)
            element = element.getparent()
        for height, element in enumerate(chain):
            extent = extents.get(element)
            if extent is None:
                extent = extents[element] = Extent(first=index, last=index, depth=len(chain) - height)
            extent.last = index
            extent.lines += 1
            extent.chars += line.chars
            extent.link_chars += line.link_chars
    return extents


def _cut(root: lxml.etree._Element, track: bool) -> PageLines:
    """One walk (iterative: no recursion whatever the nesting): the lines, and with `track` the extents.

    A line is credited to its owner when it is cut; an element's sums reach its parent when the element ends, so
    each element is visited once (walking up from every line would cost lines × depth)."""
    lines: list[Line] = []
    extents: dict[lxml.etree._Element, Extent] = {}
    owners = [root]  # open block elements, the innermost last
    owner_at = [0]  # their positions in `open_elements`
    open_elements: list[lxml.etree._Element] = []
    pieces: list[str] = []
    link_pieces: list[str] = []
    link_depth = 0
    pre_depth = 0

    def flush() -> None:
        # Called with `pieces` not empty.
        joined = "".join(pieces)
        pieces.clear()
        if link_pieces:
            link_text = "".join(link_pieces)
            link_pieces.clear()
        else:
            link_text = ""
        if joined.isspace():
            return
        # Most lines hold no space to squeeze (CJK text) or only single spaces (Latin text): the checks are scans,
        # where a substitution would rebuild the line around every space.
        squeeze = "  " in joined or _ODD_SPACE.search(joined) is not None
        text = (SPACE.sub(" ", joined) if squeeze else joined).strip()
        if not text:
            return
        chars = len(text) - text.count(" ")
        if link_text:
            link_chars = len(link_text) - sum(map(link_text.count, " \t\r\n\f\u00a0\u3000"))
            link_chars = max(0, min(chars, link_chars))
        else:
            link_chars = 0
        owner = owners[-1]
        if track:
            index = len(lines)
            extent = extents.get(owner)
            if extent is None:
                # The owner and its ancestors not met yet, the deepest first: the order a walk up would meet them.
                position = owner_at[-1]
                while position >= 0 and (element := open_elements[position]) not in extents:
                    extents[element] = Extent(index, index, position + 1)
                    position -= 1
                extent = extents[owner]
            extent.last = index
            extent.lines += 1
            extent.chars += chars
            extent.link_chars += link_chars
        lines.append(Line(owner, text, chars, link_chars))

    def add_pre(text: str) -> None:
        # Inside <pre> a newline ends a line.
        for index, part in enumerate(text.split("\n")):
            if index and pieces:
                flush()
            pieces.append(part)
            if link_depth:
                link_pieces.append(part)

    # The loop runs once per tag event of the page: the common cases are inlined.
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if tag.__class__ is not str:
            tag = ""
        block = tag in BLOCK_TAGS
        if event == "start":
            if pieces and (block or tag == "br"):
                flush()
            if track:
                open_elements.append(element)
            if block and element is not root:
                owners.append(element)
                owner_at.append(len(open_elements) - 1)
            if tag == "a":
                link_depth += 1
            elif tag == "pre":
                pre_depth += 1
            text = element.text
        else:
            if tag == "a":
                link_depth -= 1
            elif tag == "pre":
                pre_depth -= 1
            if block:
                if pieces:
                    flush()
                if element is not root:
                    owners.pop()
                    owner_at.pop()
            if track:
                open_elements.pop()
                if open_elements and (extent := extents.get(element)) is not None:
                    parent = extents[open_elements[-1]]
                    if extent.last > parent.last:
                        parent.last = extent.last
                    parent.lines += extent.lines
                    parent.chars += extent.chars
                    parent.link_chars += extent.link_chars
            text = element.tail if element is not root else None
        if text:
            if pre_depth:
                add_pre(text)
            elif pieces or link_depth or not text.isspace():
                # Whitespace that opens a line outside a link is stripped with it: it is not kept at all.
                if "\n" in text:
                    text = text.replace("\n", " ")
                pieces.append(text)
                if link_depth:
                    link_pieces.append(text)
    if pieces:
        # Text after the last block of a subtree whose root is not a block: it is the root's own.
        open_elements.append(root)
        flush()
    return PageLines(lines, extents)


def class_tokens(element: lxml.etree._Element) -> frozenset[str]:
    """The words of an element's class and id, split and lower-cased ("relatedNews-box" → related, news, box)."""
    return _tokens_of(element.get("class"), element.get("id"))


@functools.lru_cache(maxsize=16384)
def _tokens_of(classes: str | None, ids: str | None) -> frozenset[str]:
    # Computed once per class/id value: pages repeat them on every entry, and every rule asks again.
    return frozenset(t for word in f"{classes or ''} {ids or ''}".split() for t in word_parts(word))


@functools.lru_cache(maxsize=8192)
def word_parts(word: str) -> tuple[str, ...]:
    """ "relatedNews-box" → ("related", "news", "box"): class and id words repeat, so this is cached."""
    return tuple(t.lower() for t in _TOKEN_SPLIT.split(word) if t)


def class_words(element: lxml.etree._Element) -> frozenset[str]:
    """The class words of an element, lower-cased, unsplit ("Post-body" → post-body)."""
    return _class_words_of(element.get("class"))


@functools.lru_cache(maxsize=16384)
def _class_words_of(classes: str | None) -> frozenset[str]:
    return frozenset(w.lower() for w in (classes or "").split())


def is_spam(text: str, vocab: Vocabulary) -> bool:
    """Injected spam: several spam keywords in one line (or two in a line of several "_"/"|" segments)."""
    verdict = vocab.spam_seen.get(text)
    if verdict is None:
        verdict = vocab.spam_seen[text] = _is_spam(text, vocab)
    return verdict


def _is_spam(text: str, vocab: Vocabulary) -> bool:
    lowered = text.lower()
    hits = sum(1 for keyword in vocab.spam_keywords if keyword in lowered)
    hits += len(set(vocab.spam_words.findall(lowered)))
    segments = len(_SPAM_SEPARATORS.split(text))
    return hits >= 3 or (hits >= 2 and segments >= 3)


def depth_of(element: lxml.etree._Element) -> int:
    depth = 0
    while element is not None:
        element = element.getparent()
        depth += 1
    return depth


PROSE_CHARS = 40  # the least length of a line of prose
_PROSE_MARKS = 2


def is_prose(text: str, chars: int) -> bool:
    return chars >= PROSE_CHARS and len(SENTENCE_PUNCT.findall(text)) >= _PROSE_MARKS


def is_prose_counted(chars: int, marks: int) -> bool:
    """`is_prose` of a text whose sentence marks (SENTENCE_PUNCT matches) are counted already."""
    return chars >= PROSE_CHARS and marks >= _PROSE_MARKS


HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
HEADLINE_TAGS = frozenset(("h1", "h2"))  # a title that only a sidebar's <h5> repeats is the site's name
_SENTENCE_LINE_CHARS = 10


def is_side_column(element: lxml.etree._Element, side_column_tokens: frozenset[str]) -> bool:
    """An `<aside>`, or an element whose class/id tokens name a side column (`[tokens] side_columns`)."""
    return element.tag == "aside" or not class_tokens(element).isdisjoint(side_column_tokens)


def headline_index(lines: list[Line], title: str | None) -> int | None:
    """The index of the line printing the page's headline: the first `<h1>`/`<h2>` that says the title, else the
    `<h3>` that does where it is the only `<h3>` (a blog theme prints its post's title so; a list of teasers prints
    each in one, the story's own among them)."""
    if not title:
        return None
    fallback = None
    h3_lines = 0
    for i, line in enumerate(lines):
        if line.owner.tag == "h3":
            h3_lines += 1
        if line.owner.tag in _TITLE_TAGS and same_text(line.text, title):
            if line.owner.tag in HEADLINE_TAGS:
                return i
            fallback = i if fallback is None else fallback
    return fallback if h3_lines == 1 else None


_TITLE_TAGS = HEADLINE_TAGS | {"h3"}


def is_sentence_line(line: Line, min_chars: int = _SENTENCE_LINE_CHARS) -> bool:
    """A line that says something, however short: `min_chars` or more unlinked characters and a sentence mark (a
    one-line notice)."""
    return line.chars - line.link_chars >= min_chars and SENTENCE_PUNCT.search(line.text) is not None


def sentence_chars_outside(
    lines: list[Line], inside: set[lxml.etree._Element], min_chars: int = _SENTENCE_LINE_CHARS
) -> int:
    """Unlinked characters of the sentence lines (`is_sentence_line`) whose owner is not in `inside`."""
    return sum(
        line.chars - line.link_chars for line in lines if line.owner not in inside and is_sentence_line(line, min_chars)
    )


CELLS = frozenset(("td", "th"))


_NOT_BARE_CHARS = r"[\s:：>＞»\[\]【】・•·●■◆▶►]"
_NOT_BARE = re.compile(_NOT_BARE_CHARS + "+")
_WHITESPACE = re.compile(r"\s+")


def bare_text(text: str) -> str:
    return _NOT_BARE.sub("", text)


@functools.cache
def bare_text_of(words: frozenset[str]) -> re.Pattern[str]:
    """A pattern that fullmatches exactly the texts whose `bare_text` is one of `words`: a long line fails at its
    first characters, where `bare_text` would rebuild all of it first."""
    forms = sorted(word for word in words if word and bare_text(word) == word)  # no line's bare text has a space
    between = _NOT_BARE_CHARS + "*"
    # No two `between` side by side (a run of brackets could be split between them in quadratically many ways).
    alternatives = "|".join(between.join(re.escape(char) for char in form) for form in forms) or "(?!)"
    optional = "?" if "" in words else ""  # the empty word: a text of spaces and brackets only
    return re.compile(f"{between}(?:(?:{alternatives}){between}){optional}")


def same_text(a: str, b: str) -> bool:
    """`a` and `b` are the same but for whitespace and typography: a `<title>` typed with straight quotes, hyphens or
    half-width punctuation says the same as a headline printed with curly quotes, dashes or full-width forms
    (`Cat's` and `Cat’s`, `（一）` and `(一)`). `b` is the one callers hold fixed (a title against every line): its
    forms are kept for the next call."""
    a_spaceless = _WHITESPACE.sub("", a)
    b_spaceless = _spaceless(b) if len(b) <= _KEPT_FORM else _WHITESPACE.sub("", b)
    if a_spaceless == b_spaceless:
        return True
    # Typography changes a text's length by a few characters at most: only texts that close are folded.
    if abs(len(a_spaceless) - len(b_spaceless)) > _FOLD_SLACK or not a_spaceless or not b_spaceless:
        return False
    return _folded(a_spaceless) == (_kept_fold(b_spaceless) if len(b) <= _KEPT_FORM else _folded(b_spaceless))


_KEPT_FORM = 1000  # characters of the longest text whose spaceless form same_text keeps
_FOLD_SLACK = 6  # characters by which typography may change a text's length (`…` is three dots folded)
_TYPOGRAPHY = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "″": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
    }
)


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)


@functools.lru_cache(maxsize=16)
def _spaceless(text: str) -> str:
    return _WHITESPACE.sub("", text)


@functools.lru_cache(maxsize=16)
def _kept_fold(text: str) -> str:
    return _folded(text)


@dataclass(slots=True)
class TextStats:
    chars: int = 0  # characters of text (whitespace included, as lxml gives it)
    link_chars: int = 0
    punct: int = 0


def text_stats(root: lxml.etree._Element, links_above: int = 0) -> dict[lxml.etree._Element, TextStats]:
    """Text size, link text size and sentence punctuation of every subtree, in one pass. `links_above`: the <a>
    elements around `root` (its text is link text then)."""
    stats: dict[lxml.etree._Element, TextStats] = {}
    stack: list[TextStats] = []
    links = links_above

    def count(text: str | None, into: TextStats) -> None:
        if text:
            into.chars += len(text)
            into.punct += len(SENTENCE_PUNCT.findall(text))
            if links:
                into.link_chars += len(text)

    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            links += element.tag == "a"
            stack.append(TextStats())
            count(element.text, stack[-1])
        else:
            links -= element.tag == "a"
            own = stack.pop()
            stats[element] = own
            if stack:
                parent = stack[-1]
                parent.chars += own.chars
                parent.link_chars += own.link_chars
                parent.punct += own.punct
                count(element.tail, parent)
    return stats


class SubtreeStats:
    """`text_stats` of the subtrees asked for, measured when first asked: a walk of the outermost subtree asked
    for answers for everything under it, and the rest of the page is never walked."""

    __slots__ = ("_measured",)

    def __init__(self) -> None:
        self._measured: dict[lxml.etree._Element, TextStats] = {}

    def __getitem__(self, element: lxml.etree._Element) -> TextStats:
        measured = self._measured.get(element)
        if measured is None:
            self._measured.update(text_stats(element, sum(1 for _ in element.iterancestors("a"))))
            measured = self._measured[element]
        return measured


def holds_most_of_the_page(measured: TextStats, page: TextStats) -> bool:
    """Whether a subtree holds more than half of the page's text outside links (a menu's text is links): the page
    itself, wrapped (a form around an ASP.NET page, a wrapper hidden until a script draws the page)."""
    own = measured.chars - measured.link_chars
    return own > 0 and 2 * own > page.chars - page.link_chars


def text_length(root: lxml.etree._Element) -> int:
    """The characters of text in a subtree (whitespace included), as `text_stats(root)[root].chars`."""
    return len(text_of(root))


def holds_prose(
    element: lxml.etree._Element, stats: dict[lxml.etree._Element, TextStats] | SubtreeStats | None = None
) -> bool:
    measured = stats[element] if stats is not None else text_stats(element)[element]
    chars, links = measured.chars, measured.link_chars
    return chars >= 150 and measured.punct >= 6 and links < 0.3 * chars and chars - links >= 200
