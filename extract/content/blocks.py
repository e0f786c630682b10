"""Block choice: which subtree is the main content. Every line is weighted (sentence text +, link lists,
boilerplate phrases and spam −) and the body is the element with the largest summed weight.
"""

from __future__ import annotations

import re
from itertools import repeat

import lxml.etree

from extract.content.article import is_related_heading
from extract.content.block_model import rerank, worth_a_second_look
from extract.content.itemized import itemized_lines
from extract.content.lines import (
    HEADINGS,
    HEADLINE_TAGS,
    SENTENCE_END,
    SENTENCE_PUNCT,
    Extent,
    Line,
    headline_index,
    is_prose,
    is_sentence_line,
    is_side_column,
    is_spam,
    line_extents,
)
from extract.content.vocabulary import Vocabulary

_RELATED_LINK_SHARE = 0.1  # the least share of link text in a block that related reading may span
_REPEAT_CHARS = 20  # a line this long printed twice is one text shown twice, not two texts


def _weight(line: Line, vocab: Vocabulary, itemized: bool) -> float:
    """How much a line speaks for the element that holds it being the main content."""
    if vocab.drop_lines.search(line.text) or is_spam(line.text, vocab):
        return -float(min(line.chars, 40))
    if line.link_density > 0.5:
        return -0.75 * line.chars
    nonlink = line.chars - line.link_chars
    if not itemized and nonlink < 25 and SENTENCE_PUNCT.search(line.text) is None:
        return -min(nonlink, 10) * 0.5  # a menu item, a button, a label
    return nonlink * (1.0 - line.link_density)


def line_weights(lines: list[Line], vocab: Vocabulary, lists: bool = False, title: str | None = None) -> list[float]:
    """Every line's weight, related-reading sections and second copies held at zero at most; the items of plain
    lists weigh as text with `lists` (a page without prose), the cells of data tables always."""
    weights = list(map(_weight, lines, repeat(vocab), itemized_lines(lines, lists)))
    # The abstracts of a "推荐阅读" block are prose too: they must not lift the body up to a page-wide wrapper.
    for start, end in _related_blocks(lines, weights, vocab, title):
        for i in range(start, end):
            weights[i] = min(weights[i], 0.0)
    for i in _second_copies(lines):
        weights[i] = min(weights[i], 0.0)
    return weights


def subtree_weights(lines: list[Line], weights: list[float]) -> dict[lxml.etree._Element, float]:
    """Every element holding a line → the summed weight of the lines in its subtree."""
    extents = line_extents(lines)
    total = dict.fromkeys(extents, 0.0)
    for line, weight in zip(lines, weights, strict=True):
        total[line.owner] += weight
    # Subtree sums, children before parents: each element passes its sum up once.
    for element in sorted(extents, key=lambda e: extents[e].depth, reverse=True):
        parent = element.getparent()
        if parent is not None and parent in total:
            total[parent] += total[element]
    return total


def best_subtree(
    lines: list[Line], vocab: Vocabulary, lists: bool = False, title: str | None = None
) -> tuple[lxml.etree._Element | None, float]:
    total = subtree_weights(lines, line_weights(lines, vocab, lists, title))
    if not total:
        return None, 0.0
    extents = line_extents(lines)
    best = max(total.values())
    # The deepest element reaching the best score: wrappers that add nothing are not the content.
    candidates = [e for e, score in total.items() if score >= best - 1e-6]
    return max(candidates, key=lambda e: extents[e].depth), best


def article_block(
    lines: list[Line], choice: lxml.etree._Element, title: str | None, vocab: Vocabulary
) -> lxml.etree._Element:
    """The article body: the weightiest subtree `choice`, or a candidate around it the block model prefers."""
    if not worth_a_second_look(choice, lines):
        return choice  # before the line weights are summed a second time
    weights = line_weights(lines, vocab, title=title)
    picked = rerank(choice, subtree_weights(lines, weights), weights, lines, title)
    if picked is not choice and _in_a_side_column_beside_the_story(picked, choice, lines, title, vocab):
        picked = choice  # headline_column then narrows it to the story under the headline
    return with_its_introduction(picked, choice, lines)


def _in_a_side_column_beside_the_story(
    candidate: lxml.etree._Element,
    choice: lxml.etree._Element,
    lines: list[Line],
    title: str | None,
    vocab: Vocabulary,
) -> bool:
    """Whether `candidate` lies in a side column (`[tokens] side_columns`, `<aside>`) inside `choice` that does not
    hold the headline, while the story's sentences under that headline lie outside it: a blog's "About" blurb in the
    column beside a short post, a site's description in the `<aside>` after a story, is no story, however well it
    reads alone. The headline is `choice`'s own or printed above it (a page head over the story's section)."""
    headline = headline_index(lines, title)
    extents = line_extents(lines)
    inside = extents.get(choice)
    if inside is None:
        return False
    if headline is None:
        headline = inside.first - 1  # no headline printed: the story is whatever `choice` holds outside the column
    if headline > inside.last:
        return False
    column = next(
        (
            e
            for e in (candidate, *candidate.iterancestors())
            if e is choice or is_side_column(e, vocab.side_column_tokens)
        ),
        choice,
    )
    if column is choice:
        return False
    side = extents[column]
    if side.first <= headline <= side.last:
        return False
    return any(
        _story_sentence(lines[i])
        for i in range(max(headline + 1, inside.first), inside.last + 1)
        if not side.first <= i <= side.last
    )


_INTRODUCTION = re.compile(r"[:：]\s*$")
_INTRODUCTION_CHARS = 10  # a label ("附件：") is no introduction; "现将名单公布如下：" is


def with_its_introduction(
    candidate: lxml.etree._Element, choice: lxml.etree._Element, lines: list[Line]
) -> lxml.etree._Element:
    """`candidate`, or where the weightiest subtree prints a sentence right above it that ends in a colon ("现将定点
    医疗机构名单公布如下：", "The steps are as follows:"), the element holding both: a table or a list cut off from the
    sentence that announces it is a fragment of the text."""
    extents = line_extents(lines)
    first = extents[candidate].first
    if first == 0 or candidate is choice:
        return candidate
    above = lines[first - 1]
    inside = set(choice.iter())
    if above.owner not in inside or above.chars - above.link_chars < _INTRODUCTION_CHARS:
        return candidate
    if not _INTRODUCTION.search(above.text):
        return candidate
    holder = set(above.owner.iterancestors()) | {above.owner}
    for ancestor in candidate.iterancestors():
        if ancestor in holder:
            return ancestor
        if ancestor is choice:
            break
    return candidate


def headline_column(
    block: lxml.etree._Element, lines: list[Line], title: str | None, vocab: Vocabulary
) -> lxml.etree._Element:
    """The highest element inside `block` that holds the page's headline and the sentences under it
    (`_COLUMN_SHARE` of the block's) but none of the prose the block prints before the headline: a sidebar of prose
    (an agency's remit beside a one-sentence notice) that outweighed a short article lifted the choice to the
    wrapper of both columns. `block` itself when the block holds no prose before the headline outside it."""
    if not title:
        return block
    headline = headline_index(lines, title)
    inside = set(block.iter())
    if headline is None or lines[headline].owner not in inside:
        return block  # no headline, or the block only repeats it (a summary card under the story)
    if any(line.owner.tag in HEADLINE_TAGS for line in lines[:headline]):
        return block  # a heading after others: a summary card's under the story, not the headline
    # Per line, counted up to it: the block's prose before the headline, the chars of its sentences after it (a
    # short notice is one sentence). An element's lines are one run, so what it holds is a difference of two counts.
    before, after = [0], [0]
    for i, line in enumerate(lines):
        mine = line.owner in inside
        before.append(before[-1] + (mine and i < headline and _is_prose(line)))
        after.append(after[-1] + (line.chars if mine and i > headline and is_sentence_line(line) else 0))
    if not after[-1]:
        return block
    extents = line_extents(lines)
    if not before[-1]:
        return _before_side_columns(block, lines, headline, extents, vocab)
    chain = [lines[headline].owner, *lines[headline].owner.iterancestors()]
    for column in reversed(chain[: chain.index(block)] if block in chain else []):
        first, last = extents[column].first, extents[column].last + 1
        if after[last] - after[first] < _COLUMN_SHARE * after[-1]:
            return block
        if before[last] == before[first]:
            return column
    return block


def _before_side_columns(
    block: lxml.etree._Element,
    lines: list[Line],
    headline: int,
    extents: dict[lxml.etree._Element, Extent],
    vocab: Vocabulary,
) -> lxml.etree._Element:
    """The headline's column when it holds the story (a sentence under the headline) and every element after it in
    the block is a side column (`[tokens] side_columns`, `<aside>`): a sidebar of prose after a short notice. The
    column is the highest one under the block with a following sibling; `block` itself otherwise."""
    column = lines[headline].owner
    while column.getparent() is not None and column.getparent() is not block:
        column = column.getparent()
    if column.getparent() is not block or column not in extents:
        return block
    own = range(headline + 1, extents[column].last + 1)
    if not any(_story_sentence(lines[i]) for i in own):
        return block  # the story is not in the headline's column (a header above the body)
    after = [sibling for sibling in column.itersiblings() if isinstance(sibling.tag, str) and sibling in extents]
    if after and all(is_side_column(sibling, vocab.side_column_tokens) for sibling in after):
        return column
    return block


def _story_sentence(line: Line) -> bool:
    """A sentence of the story under a headline: no heading's, and ended as a sentence."""
    return (
        line.owner.tag not in HEADINGS and line.chars >= _SENTENCE_CHARS and SENTENCE_END.search(line.text) is not None
    )


def holds_headline_story(text: str, lines: list[Line], title: str | None) -> bool:
    """Whether `text` holds the first sentence printed under the page's headline (not a heading's, a deck's): the
    story, however short."""
    headline = headline_index(lines, title)
    if headline is None:
        return False
    sentence = next((line for line in lines[headline + 1 :] if _story_sentence(line)), None)
    return sentence is not None and sentence.text in text


_COLUMN_SHARE = 0.8  # of the prose after the headline that its column must hold to be the article


def _is_prose(line: Line) -> bool:
    return is_prose(line.text, line.chars)


_SENTENCE_CHARS = 10


def _second_copies(lines: list[Line]) -> list[int]:
    """Lines of a second copy of a text the page already printed (a desktop and a mobile copy of the article): a
    long line seen before, whose neighbour repeats the earlier occurrence's neighbour, a different line. The copy
    must not lift the choice to the wrapper of both copies, with all the chrome between them; a paragraph that
    merely repeats (the same sentence in every block) is not a copy."""
    long = [(i, line.text) for i, line in enumerate(lines) if line.chars >= _REPEAT_CHARS]
    first: dict[str, int] = {}
    copies = []
    for k, (i, text) in enumerate(long):
        j = first.setdefault(text, k)
        if j == k:
            continue
        after = k + 1 < len(long) and long[k + 1][1] == long[j + 1][1] != text
        before = j > 0 and long[k - 1][1] == long[j - 1][1] != text
        if after or before:
            copies.append(i)
    return copies


def _related_blocks(
    lines: list[Line], weights: list[float], vocab: Vocabulary, title: str | None = None
) -> list[tuple[int, int]]:
    """Line ranges of the sections a related-reading heading opens: the highest element whose first line is the
    heading and that holds neither the page's headline nor its weightiest line (the article's, not a 60-character
    abstract) — unless sentences under the headline lie outside it: then the article is there, however short, and
    the box's abstracts are what outweighs it."""
    if not lines:
        return []
    top = max(range(len(lines)), key=weights.__getitem__)
    extents = line_extents(lines)
    first = {element: extent.first for element, extent in extents.items()}
    last = {element: extent.last for element, extent in extents.items()}
    headline: int | None = None
    story_span: tuple[int, int] | None = None  # the first and last sentence under the headline
    found_headline = False

    def holds_the_article(element: lxml.etree._Element) -> bool:
        nonlocal headline, story_span, found_headline
        if not found_headline:  # only on a page with a related heading
            found_headline = True
            headline = headline_index(lines, title)
            if headline is not None:
                story = [i for i in range(headline + 1, len(lines)) if is_sentence_line(lines[i])]
                story_span = (story[0], story[-1]) if story else None
        start, end = first[element], last[element]
        if headline is not None and start <= headline <= end:
            return True
        return start <= top <= end and (story_span is None or (start <= story_span[0] and story_span[1] <= end))

    blocks = []
    for i, line in enumerate(lines):
        if not is_related_heading(line.text, vocab):
            continue
        block, parent = line.owner, line.owner.getparent()
        while (
            parent is not None
            and first.get(parent) == i
            and not holds_the_article(parent)
            # Related reading is titles with links: a long block of unlinked text under the heading is an
            # article that a "related" box above it happens to open.
            and extents[parent].link_chars >= _RELATED_LINK_SHARE * extents[parent].chars
            and not _article_paragraphs_beside(block, parent, lines, extents)
        ):
            block, parent = parent, parent.getparent()
        if last[block] > i:
            blocks.append((i, last[block] + 1))
    return blocks


def _article_paragraphs_beside(
    block: lxml.etree._Element, parent: lxml.etree._Element, lines: list[Line], extents: dict
) -> bool:
    """Whether `parent` holds, beside the related box `block`, paragraphs of prose that no link heads: an article
    body whose related box stands before its paragraphs (`<div class="articlebody"><div class="related">…</div>
    <p>…</p><p>…</p>`). A related box's abstracts sit in entries that hold their titles' links. Only the lines of
    `parent` outside `block` are read, each element once: a climb through nested wrappers stays linear."""
    span, inner = extents[parent], extents[block]
    unlinked_up: dict[lxml.etree._Element, bool] = {parent: True}  # no link from here up to `parent`
    found = 0
    for i in (*range(span.first, inner.first), *range(inner.last + 1, span.last + 1)):
        line = lines[i]
        if line.link_chars or line.chars < _ARTICLE_PARAGRAPH_CHARS or not is_sentence_line(line):
            continue
        path, holder = [], line.owner
        while holder not in unlinked_up and holder is not None and not extents[holder].link_chars:
            path.append(holder)
            holder = holder.getparent()
        clear = unlinked_up.get(holder, False) if holder is not None else False
        for element in path:
            unlinked_up[element] = clear
        if clear:
            found += 1
            if found >= _ARTICLE_PARAGRAPHS:
                return True
    return False


_ARTICLE_PARAGRAPH_CHARS = 50  # an unlinked paragraph of an article (a box's abstracts sit in linked entries)
_ARTICLE_PARAGRAPHS = 2
