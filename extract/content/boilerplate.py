"""Boilerplate containers: nav/footer/share/related blocks named so by class or id, and the 信息公开
metadata tables (索引号 … 发布机构 … 文号), dropped before the body is chosen.
"""

from __future__ import annotations

import re

import lxml.etree

from extract.content.dates import iso_date
from extract.content.lines import (
    ANY_SPACE,
    BLOCK_TAGS,
    SENTENCE_END,
    SubtreeStats,
    depth_of,
    holds_prose,
    split_lines,
    text_length,
    text_of,
    word_parts,
)
from extract.content.parse import drop_element
from extract.content.vocabulary import Vocabulary


def drop_boilerplate(root: lxml.etree._Element, vocab: Vocabulary) -> None:
    """Drop nav/footer/share/related containers named so by their class or id, unless they hold prose.

    Comment threads and related-article boxes hold prose too: their tokens drop them whatever they hold,
    unless the element holds most of the page (a wrapper that happens to carry such a class)."""
    doomed = []
    stats = SubtreeStats()  # only the named containers are measured
    page_chars: int | None = None
    # pages repeat their class names
    verdicts: dict[tuple[str | None, str | None, bool], tuple[bool | None, bool]] = {}
    ignored: frozenset[str] | None = None  # measured when the first class word naming a building block is met
    for element in root.iter(*BLOCK_TAGS, "span", "a"):
        if element.tag in ("html", "body"):
            continue
        names = (element.get("class"), element.get("id"))
        if names == (None, None):
            continue
        if element.tag in _INLINE_TAGS and _inside_a_sentence(element):
            continue  # a link or span within running text ("js_link", "tag-link") is part of the sentence
        inline = element.tag in _INLINE_TAGS
        verdict = verdicts.get((*names, inline))
        if verdict is None:
            if ignored is None and _names_a_building_block(names[0], vocab):
                ignored = _building_blocks(root, vocab, stats)  # measured once, on the pages that need it
            verdict = verdicts[(*names, inline)] = _named_boilerplate(
                *names, vocab, inline=inline, ignored=ignored or frozenset()
            )
        bad, strong = verdict
        if bad is None:
            # A consent platform's cookie notice or a dialog: longer than the article on some pages, never its wrapper.
            doomed.append(element)
            continue
        if not bad:
            continue
        if strong:
            if page_chars is None:
                page_chars = text_length(root)
            if stats[element].chars < 0.5 * page_chars:
                doomed.append(element)
        elif not holds_prose(element, stats):
            if page_chars is None:
                page_chars = text_length(root)
            # Only a class names a region that was left open; an id like Next.js's root `__next` is no header.
            if not (_wraps_the_article(element, stats, page_chars) and _named_boilerplate(names[0], None, vocab)[0]):
                doomed.append(element)
    for element in doomed:
        if element.getparent() is not None and not _opens_an_answer(element, vocab):
            drop_element(element)


def _names_a_building_block(classes: str | None, vocab: Vocabulary) -> bool:
    if not classes:
        return False
    lowered = classes.lower()
    if not any(token in lowered for token in vocab.building_block_tokens):  # most pages: no such word at all
        return False
    return any(part in vocab.building_block_tokens for word in classes.split() for part in word_parts(word)[1:])


def _building_blocks(root: lxml.etree._Element, vocab: Vocabulary, stats: SubtreeStats) -> frozenset[str]:
    """The tokens of `[tokens] building_blocks` that name no furniture on this page after another part of a class
    word: the elements so named hold most of its text (a page builder names every block after itself and "widget":
    `elementor-widget-text-editor`), where a blog's sidebar blocks ("recent-posts-widget") hold a small part of it.
    As a word's first part ("widget", "widget_text", "widget-area") the token names furniture on every page."""
    held: dict[str, int] = {}  # token → characters of the outermost elements so named
    inside: dict[str, lxml.etree._Element] = {}  # token → the outermost element so named being walked
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        if event == "end":
            for token in [token for token, outer in inside.items() if outer is element]:
                del inside[token]
            continue
        classes = element.get("class") if element.tag in BLOCK_TAGS else None
        if not classes:
            continue
        for token in vocab.building_block_tokens.intersection(
            part for word in classes.split() for part in word_parts(word)[1:]
        ):
            if token not in inside:
                inside[token] = element
                held[token] = held.get(token, 0) + stats[element].chars
    if not held:
        return frozenset()
    page = text_length(root)
    return frozenset(token for token, chars in held.items() if chars >= _BUILT_SHARE * page)


_BUILT_SHARE = 0.5  # share of the page's text in elements named by a building-block token


def _opens_an_answer(element: lxml.etree._Element, vocab: Vocabulary) -> bool:
    """An office's answer to a letter in a box named like a reply ("<div class='reply'>回复内容：您好！…"): a label
    of `[letters] answer_labels` opens it and a sentence follows."""
    lead = []
    for piece in element.itertext():
        lead.append(piece)
        if sum(map(len, lead)) >= _LEAD_CHARS:
            break
    opening = "".join(lead)
    label = vocab.answer_label.match(opening)
    return label is not None and SENTENCE_END.search(text_of(element), label.end()) is not None


_LEAD_CHARS = 40  # enough of a block's opening text to hold a label with its brackets and spaces


_INLINE_TAGS = frozenset(("span", "a"))


def _wraps_the_article(element: lxml.etree._Element, stats: SubtreeStats, page_chars: int) -> bool:
    """A container named like furniture ("post_header") that holds most of the page and a block of prose: a
    template whose header was never closed wraps the article, comments and all; dropping it drops the article."""
    if stats[element].chars < 0.5 * page_chars:
        return False
    return any(holds_prose(block, stats) for block in element.iter(*BLOCK_TAGS) if block is not element)


def _inside_a_sentence(element: lxml.etree._Element) -> bool:
    """Words run up to or on from the element (or the inline wrappers around it) within the same block."""
    node: lxml.etree._Element | None = element
    while node is not None and node.tag in _INLINE_TAGS:
        previous = node.getprevious()
        parent = node.getparent()
        before = previous.tail if previous is not None else (parent.text if parent is not None else None)
        if _WORD.search(node.tail or "") or _WORD.search(before or ""):
            return True
        node = parent
    return False


_WORD = re.compile(r"\w")


def _named_boilerplate(
    classes: str | None,
    ids: str | None,
    vocab: Vocabulary,
    *,
    inline: bool = False,
    ignored: frozenset[str] = frozenset(),
) -> tuple[bool | None, bool]:
    """Whether class/id words name boilerplate, and strong boilerplate (comments, related articles); None for a
    consent platform's element (`[tokens] consent_platforms`, any part of a word) and for a word that ends in a token
    of `[tokens] never_wrapping` (a dialog: dropped whatever it holds). A token of `[tokens] alone`
    counts only as a whole class word ("copy", not "hero-copy"); one of `[tokens] block_only` not on an `inline`
    element (a span or a link); one of `ignored` only as a word's first part (`_building_blocks`)."""
    words = (classes or "").split() + [word for word in (ids or "").split() if word not in vocab.app_root_ids]
    if any(part in vocab.consent_platform_tokens for word in words for part in word_parts(word)):
        return None, True
    bad = strong = never_wrapping = False
    class_count = len((classes or "").split())
    for position, word in enumerate(words):
        parts = word_parts(word)
        while len(parts) > 1 and parts[-1].isdigit():
            parts = parts[:-1]  # "comment-308662": comment number 308662, a comment
        if len(parts) >= 2 and parts[-2] in vocab.style_properties and parts[-1] in vocab.style_values:
            continue  # "position-relative": a style, not a region
        if len(parts) > 1 and "".join(parts) in vocab.boilerplate_tokens:
            parts = ("".join(parts),)  # "CopyRight", "Side-Bar", "lightBox": one token written in two parts
        if len(parts) == 2 and parts[-1] in vocab.container_words:
            # "commentsDiv", "footer_wrap": the comments, the footer. Not after two words: "content-sidebar-wrap" wraps
            # the content and its sidebar.
            parts = parts[:1]
        if len(parts) > 1:
            parts = tuple(p for p in parts if p not in vocab.alone_boilerplate_tokens)
        if ignored and len(parts) > 1:
            parts = parts[:1] + tuple(p for p in parts[1:] if p not in ignored)
        if inline:
            parts = tuple(p for p in parts if p not in vocab.block_only_tokens)
        if not parts:
            continue
        # Only class words: a WebForms id spells the path of nested controls ("MC_AMC_QuestionComments_…"), each
        # part naming an ancestor, not what this element is.
        qualifier = _part_of_content(parts, vocab) if position < class_count else None
        if parts[-1] in vocab.boilerplate_tokens or (
            any(p in vocab.boilerplate_tokens for p in parts) and not any(p in vocab.content_tokens for p in parts)
        ):
            bad = True
            strong = strong or parts[-1] in vocab.strong_boilerplate_tokens
            never_wrapping = never_wrapping or parts[-1] in vocab.never_wrapping_tokens
        elif qualifier is not None:
            bad = True
            strong = strong or qualifier in vocab.strong_boilerplate_tokens
        elif position < class_count and parts[0] in vocab.strong_boilerplate_tokens:
            # A class word that opens with a region no article body lies in ("footer-bottom-text",
            # "related-news-content") names a part of that region, whatever content word closes it.
            bad = strong = True
        elif any(p in vocab.content_tokens for p in parts):
            return False, False
    if never_wrapping:
        return None, True
    return bad, strong


def _part_of_content(parts: tuple[str, ...], vocab: Vocabulary) -> str | None:
    """The boilerplate token that names a part of the content ("sdc-article-related-stories" → related): one that
    comes after the word's last content token qualifies it (the article's related stories, the post's share bar);
    "main-nav" is named by its last part already."""
    last_content = max((i for i, part in enumerate(parts) if part in vocab.content_tokens), default=None)
    if last_content is None:
        return None
    return next((part for part in parts[last_content + 1 :] if part in vocab.boilerplate_tokens), None)


def drop_metadata_blocks(root: lxml.etree._Element, vocab: Vocabulary) -> tuple[str | None, str | None]:
    """Drop the 信息公开 metadata blocks ("索引号：… 发布机构：… 文号：…"); return the issuing agency they name and
    the date they give (ISO), if any.

    A block is the outermost element holding three or more distinct labels (two of them specific to such blocks)
    whose labels and values make up most of
    its text (a wrapper that also holds the body does not qualify). Only text of the page may change: nothing is
    dropped on a page without such labels."""
    labels_under: dict[lxml.etree._Element, set[str]] = {}
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        for text in (node.text, node.tail):
            if text and (found := _gov_label(text, vocab)):
                owner = node if text is node.text else node.getparent()
                label = found[0]
                while owner is not None:
                    labels_under.setdefault(owner, set()).add(label)
                    owner = owner.getparent()
    candidates = [
        element
        for element, labels in labels_under.items()
        if len(labels) >= 3 and len(labels - vocab.gov_generic_labels) >= 2 and element.tag not in ("html", "body")
    ]
    issuer = dated = None
    dropped: set[lxml.etree._Element] = set()
    for element in sorted(candidates, key=depth_of):
        if any(ancestor in dropped for ancestor in element.iterancestors()):
            continue
        lines = list(split_lines(element))
        total = sum(line.chars for line in lines)
        covered, value_of = 0, None
        pairs: dict[str, str] = {}
        for line in lines:
            found = _gov_label(line.text, vocab)
            if found:
                label, value = found
                covered += line.chars
                if value:
                    pairs.setdefault(label, value)
                    value_of = None
                else:
                    value_of = label
            elif value_of is not None and line.chars <= 60:
                covered += line.chars
                pairs.setdefault(value_of, line.text.strip())
                value_of = None
            else:
                value_of = None
        if not total or covered < 0.7 * total:
            continue
        issuer = issuer or next((pairs[label] for label in pairs if label in vocab.issuer_labels), None)
        dated = dated or next((iso for label in vocab.date_labels if (iso := iso_date(pairs.get(label)))), None)
        dropped.add(element)
    for element in dropped:
        if element.getparent() is not None:
            drop_element(element)
    return issuer, dated


def _gov_label(text: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """The metadata label that opens `text` ("索 引 号：" → "索引号") and the value after it, spaces removed."""
    head = text[:200]
    # Most texts cannot open with a label: their first character tells, before any space is removed.
    leading = ANY_SPACE.match(head)
    first = leading.end() if leading else 0
    if first == len(head) or head[first] not in vocab.gov_label_starts:
        return None
    compact = ANY_SPACE.sub("", head)
    match = vocab.gov_label.match(compact)
    return (match.group(1), compact[match.end() :]) if match else None
