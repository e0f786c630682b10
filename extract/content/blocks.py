"""Block choice: which subtree is the main content. Every line is weighted (sentence text +, link lists,
boilerplate phrases and spam −) and the body is the element with the largest summed weight.
"""

from __future__ import annotations

import lxml.etree

from extract.content.lines import SENTENCE_PUNCT, Line, bare_text, is_spam, line_extents
from extract.content.vocabulary import Vocabulary


def _weight(line: Line, vocab: Vocabulary) -> float:
    """How much a line speaks for the element that holds it being the main content."""
    if vocab.drop_lines.search(line.text) or is_spam(line.text, vocab):
        return -float(line.chars)
    if line.link_density > 0.5:
        return -0.75 * line.chars
    nonlink = line.chars - line.link_chars
    punct = len(SENTENCE_PUNCT.findall(line.text))
    if punct == 0 and nonlink < 25:
        return -min(nonlink, 10) * 0.5
    return nonlink * (1.0 - line.link_density)


def best_subtree(lines: list[Line], vocab: Vocabulary) -> tuple[lxml.etree._Element | None, float]:
    weights = [_weight(line, vocab) for line in lines]
    # The abstracts of a "推荐阅读" block are prose too: they must not lift the body up to a page-wide wrapper.
    for start, end in _related_blocks(lines, weights, vocab):
        for i in range(start, end):
            weights[i] = min(weights[i], 0.0)
    extents = line_extents(lines)
    total = dict.fromkeys(extents, 0.0)
    for line, weight in zip(lines, weights, strict=True):
        total[line.owner] += weight
    # Subtree sums, children before parents: each element passes its sum up once.
    for element in sorted(extents, key=lambda e: extents[e].depth, reverse=True):
        parent = element.getparent()
        if parent is not None and parent in total:
            total[parent] += total[element]
    if not total:
        return None, 0.0
    best = max(total.values())
    # The deepest element reaching the best score: wrappers that add nothing are not the content.
    candidates = [e for e, score in total.items() if score >= best - 1e-6]
    return max(candidates, key=lambda e: extents[e].depth), best


def _related_blocks(lines: list[Line], weights: list[float], vocab: Vocabulary) -> list[tuple[int, int]]:
    """Line ranges of the sections a related-reading heading opens: the highest element whose first line is the
    heading and that does not hold the page's weightiest line (the article's, not a 60-character abstract)."""
    if not lines:
        return []
    top = max(range(len(lines)), key=weights.__getitem__)
    extents = line_extents(lines)
    first = {element: extent.first for element, extent in extents.items()}
    last = {element: extent.last for element, extent in extents.items()}
    blocks = []
    for i, line in enumerate(lines):
        if bare_text(line.text) not in vocab.related_headings:
            continue
        block, parent = line.owner, line.owner.getparent()
        while parent is not None and first.get(parent) == i and not first[parent] <= top <= last[parent]:
            block, parent = parent, parent.getparent()
        if last[block] > i:
            blocks.append((i, last[block] + 1))
    return blocks
