"""The line model: a page cut into lines (text between block boundaries and <br>), each owned by its
nearest block element, plus per-element text statistics and the text tests every family shares.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
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


SPACE = re.compile(r"[ \t\r\f\v\u00a0\u3000\u2002\u2003\u2009\u200b]+")


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
    return "".join(element.itertext())


def split_lines(root: lxml.etree._Element) -> Iterator[Line]:
    """Cut the subtree into lines in document order (block elements, <br> and newlines in <pre> end a line)."""
    owners = [root]
    pieces: list[str] = []
    link_pieces: list[str] = []
    ready: list[Line] = []
    link_depth = 0
    pre_depth = 0

    def flush() -> None:
        if not pieces:
            return
        joined = "".join(pieces)
        pieces.clear()
        link_text = "".join(link_pieces) if link_pieces else ""
        link_pieces.clear()
        if joined.isspace():
            return
        text = SPACE.sub(" ", joined).strip()
        if text:
            chars = len(text) - text.count(" ")
            link_chars = len(link_text) - sum(map(link_text.count, " \t\r\n\f\u00a0\u3000")) if link_text else 0
            ready.append(Line(owners[-1], text, chars, max(0, min(chars, link_chars))))

    def add(text: str | None) -> None:
        if not text:
            return
        parts = text.split("\n") if pre_depth else [text.replace("\n", " ")]
        for index, part in enumerate(parts):
            if index:
                flush()
            pieces.append(part)
            if link_depth:
                link_pieces.append(part)

    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in BLOCK_TAGS or tag == "br":
                flush()
            if tag in BLOCK_TAGS:
                owners.append(element)
            link_depth += tag == "a"
            pre_depth += tag == "pre"
            add(element.text)
        else:
            link_depth -= tag == "a"
            pre_depth -= tag == "pre"
            if tag in BLOCK_TAGS:
                flush()
                owners.pop()
            if element is not root:
                add(element.tail)
        if ready:
            yield from ready
            ready.clear()
    flush()
    yield from ready


def class_tokens(element: lxml.etree._Element) -> set[str]:
    return {t for word in f"{element.get('class') or ''} {element.get('id') or ''}".split() for t in word_parts(word)}


@functools.lru_cache(maxsize=8192)
def word_parts(word: str) -> tuple[str, ...]:
    """ "relatedNews-box" → ("related", "news", "box"): class and id words repeat, so this is cached."""
    return tuple(t.lower() for t in _TOKEN_SPLIT.split(word) if t)


def class_words(element: lxml.etree._Element) -> set[str]:
    return {w.lower() for w in (element.get("class") or "").split()}


def is_spam(text: str, vocab: Vocabulary) -> bool:
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


def is_prose(text: str, chars: int) -> bool:
    return chars >= 40 and len(SENTENCE_PUNCT.findall(text)) >= 2


HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))


CELLS = frozenset(("td", "th"))


def bare_text(text: str) -> str:
    return re.sub(r"[\s:：>＞»\[\]【】]+", "", text)


def same_text(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


@dataclass(slots=True)
class _Stats:
    chars: int = 0  # characters of text (whitespace included, as lxml gives it)
    link_chars: int = 0
    punct: int = 0


def text_stats(root: lxml.etree._Element) -> dict[lxml.etree._Element, _Stats]:
    """Text size, link text size and sentence punctuation of every subtree, in one pass."""
    stats: dict[lxml.etree._Element, _Stats] = {}
    stack: list[_Stats] = []
    links = 0

    def count(text: str | None, into: _Stats) -> None:
        if text:
            into.chars += len(text)
            into.punct += len(SENTENCE_PUNCT.findall(text))
            if links:
                into.link_chars += len(text)

    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            links += element.tag == "a"
            stack.append(_Stats())
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


def holds_prose(element: lxml.etree._Element, stats: dict[lxml.etree._Element, _Stats] | None = None) -> bool:
    measured = (stats or {}).get(element) or text_stats(element)[element]
    chars, links = measured.chars, measured.link_chars
    return chars >= 150 and measured.punct >= 6 and links < 0.3 * chars and chars - links >= 200
