"""Responsive copies: one block printed two or more times, side by side, for different screen widths.

Why: site builders (Framer's `ssr-variant`, Bootstrap's `d-none d-md-block` beside `d-md-none`, a desktop and a
mobile header) print the same block once per breakpoint and let the stylesheet show one. We do not read the
stylesheet, so every copy would be read: an article printed three times keeps a third of its words as its own.
Siblings next to each other (no text between them) holding the same lines, and enough of them to be a block rather
than a repeated label, are such copies: the first stays, the others go.

May: drop a sibling whose lines are exactly those of the sibling before it, however its markup differs.
Must never: drop a block whose text differs in one line from the one before it, a block repeated after other text
(an erratum's code printed again under the next page's heading), or a short repeated entry (two "Read more" rows);
cost more than linear time in the page's lines.
"""

from __future__ import annotations

import lxml.etree

from extract.content.lines import Extent, PageLines
from extract.content.parse import drop_element

VARIANT_CHARS = 80  # characters a copy must hold: a paragraph or a block printed twice, not a repeated label


def drop_repeated_variants(page_lines: PageLines) -> bool:
    """Drop every later sibling copy of a block (see the module's docstring); True when one was dropped, so the
    caller cuts the page again."""
    extents = page_lines.extents
    copies: list[lxml.etree._Element] = []
    for parent in extents:
        shown: Extent | None = None  # the last child holding lines that is not a copy
        end = -1  # the last line of the child before (a copy or not)
        for child in parent:
            extent = extents.get(child)
            if extent is None:
                continue
            follows, end = extent.first == end + 1, extent.last  # no line of the parent's own text between them
            if (
                shown is not None
                and follows
                and extent.chars >= VARIANT_CHARS
                and (extent.chars, extent.lines) == (shown.chars, shown.lines)  # sums first: equal sizes are rare
                and _texts(page_lines, extent) == _texts(page_lines, shown)
            ):
                copies.append(child)
            else:
                shown = extent
    for copy in copies:
        drop_element(copy)
    return bool(copies)


def _texts(page_lines: PageLines, extent: Extent) -> list[str]:
    return [line.text for line in page_lines[extent.first : extent.last + 1]]
