"""The page's own mark of its article body: a CMS's class word (`[forum] article_body_classes`: `entry-content`,
`article-content`, …) or `itemprop="articleBody"`.

Why: the line weights and the block model judge a block by what it prints; a CMS says where its article is. Where
the two disagree in the ways below, the mark is the better guide: a paragraph followed by lists of product links
inside a marked body is one article (the links weigh against the paragraph), and a page that marks one body
holding sentences is that article, whatever the link columns beside it hold. The other readers of the mark call
`marks_article_body` too: a hidden marked body stays (parse.py), and posts beside a marked body that outweighs
them are comments under an article (forum.py, discussion.py).

Must never: decide alone on a page that marks several bodies (a blog's index marks every entry) or none.
"""

from __future__ import annotations

import lxml.etree

from extract.content.lines import SENTENCE_PUNCT, Line, class_words, line_extents

_MARKED_ARTICLE_CHARS = 200  # sentences a marked article body holds to be the page's text
_PARAGRAPH_CHARS = 80  # unlinked characters of a sentence line counted toward them


def marks_article_body(element: lxml.etree._Element, article_classes: frozenset[str]) -> bool:
    """Whether `element` carries one of `article_classes` as a class word, or `itemprop="articleBody"`."""
    return element.get("itemprop") == "articleBody" or not article_classes.isdisjoint(class_words(element))


def within_marked_body(block: lxml.etree._Element, article_classes: frozenset[str]) -> lxml.etree._Element:
    """The nearest element at or around `block` that the page marks as its article body, else `block`: inside a
    body its CMS marks, a list of product or reference links is part of the article, however it weighs against the
    paragraph above it."""
    for element in (block, *block.iterancestors()):
        if marks_article_body(element, article_classes):
            return element
    return block


def one_marked_article_beside(
    elements: set[lxml.etree._Element], lines: list[Line], article_classes: frozenset[str]
) -> bool:
    """Whether the page marks exactly one article body (outermost marks counted), none of `elements` in it,
    holding sentences of its own: a blog's post page, its columns of archive and blogroll links beside the post
    however many. A blog's index marks a body in every entry, and a column page none."""
    extents = line_extents(lines)
    marked = [element for element in extents if marks_article_body(element, article_classes)]
    marked_set = set(marked)
    outermost = [element for element in marked if marked_set.isdisjoint(element.iterancestors())]
    if len(outermost) != 1:
        return False
    body = outermost[0]
    if any(element in elements for element in body.iter()):
        return False
    extent = extents[body]
    sentences = sum(
        line.chars - line.link_chars
        for line in lines[extent.first : extent.last + 1]
        if line.chars - line.link_chars >= _PARAGRAPH_CHARS and len(SENTENCE_PUNCT.findall(line.text)) >= 2
    )
    return sentences >= _MARKED_ARTICLE_CHARS
