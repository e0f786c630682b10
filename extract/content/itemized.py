"""Itemized content: data tables and plain lists, whose short cells and items are content however short each one
is — a table of offices with their addresses and phones, a 办事指南's lists of documents to bring and of steps.

The line weights hold short lines without a sentence mark against their block (menus, buttons and labels are
short): a page whose main text is such a table or such lists would have no main text at all, and an article with
a table between its paragraphs would lose the table and the prose after it. A cell's line of a data table is weighed as
text; an item's line of a plain list is when the page holds no prose (`itemized_lines(lines, lists=True)`).

Thresholds in `[itemized]` of `extract/data/content_boilerplate.toml`:
- a data table: a `<table>` without a table inside it (a layout table holds the page's blocks, often other
  tables), with at least `min_rows` rows of two or more cells that hold text;
- a plain list: a `<ul>`, `<ol>` or `<dl>` with at least `min_items` items (`<li>`, `<dt>`, `<dd>`) that hold text;
- either with at most `max_link_share` of its text in links: a menu, a calendar or a list of headlines is links.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

import lxml.etree

from extract.content.lines import CELLS, Line, text_of

_DATA = Path(__file__).parents[1] / "data" / "content_boilerplate.toml"
_OWNER_DEPTH = 4  # a line is an item's or a cell's when owned by it or by a block at most this many levels inside
_LISTS = frozenset(("ul", "ol", "dl"))
_LIST_ITEMS = frozenset(("li", "dt", "dd"))
_ROW_GROUPS = frozenset(("tbody", "thead", "tfoot"))


@dataclass(frozen=True, slots=True)
class ItemRules:
    min_rows: int  # of a data table: rows of two or more cells with text
    min_items: int  # of a plain list: items with text
    max_link_share: float  # of the table's or list's text in links


@functools.cache
def item_rules() -> ItemRules:
    table = tomllib.loads(_DATA.read_text(encoding="utf-8")).get("itemized", {})
    return ItemRules(
        min_rows=int(table.get("min_rows", 3)),
        min_items=int(table.get("min_items", 2)),
        max_link_share=float(table.get("max_link_share", 0.3)),
    )


def itemized_lines(lines: list[Line], lists: bool = False) -> list[bool]:
    """For every line, whether it is the text of a cell of a data table or (`lists`) of an item of a plain list.

    Plain lists count only when asked: sidebars print short unlinked items too (a blog's counts, a feed's likes), and
    beside an article's prose they would lift its block to the page's wrapper. A page without prose reads them."""
    rules = item_rules()
    verdicts: dict[lxml.etree._Element, bool] = {}
    flags = []
    for line in lines:
        container = _container(line.owner)
        if container is None or (not lists and container.tag != "table"):
            flags.append(False)
            continue
        verdict = verdicts.get(container)
        if verdict is None:
            verdict = verdicts[container] = (
                is_data_table(container, rules) if container.tag == "table" else is_plain_list(container, rules)
            )
        flags.append(verdict)
    return flags


def is_data_table(table: lxml.etree._Element, rules: ItemRules | None = None) -> bool:
    """Rows of records: no table inside, enough rows of two or more cells with text, few links."""
    rules = rules or item_rules()
    if next(table.iterdescendants("table"), None) is not None:
        return False
    rows = 0
    for row in table.iterdescendants("tr"):
        filled = sum(1 for cell in row if cell.tag in CELLS and text_of(cell).strip())
        rows += filled >= 2
    return rows >= rules.min_rows and _few_links(table, rules)


def is_plain_list(items: lxml.etree._Element, rules: ItemRules | None = None) -> bool:
    """Items of text, not of links: enough items with text, few links."""
    rules = rules or item_rules()
    filled = sum(1 for item in items if item.tag in _LIST_ITEMS and text_of(item).strip())
    return filled >= rules.min_items and _few_links(items, rules)


def _few_links(element: lxml.etree._Element, rules: ItemRules) -> bool:
    chars = sum(map(len, text_of(element).split()))
    linked = sum(len(part) for link in element.iterdescendants("a") for part in text_of(link).split())
    return chars > 0 and linked <= rules.max_link_share * chars


def _container(owner: lxml.etree._Element) -> lxml.etree._Element | None:
    """The table or list whose cell or item a line's owner is, or lies in (a few levels down); None otherwise."""
    element: lxml.etree._Element | None = owner
    for _ in range(_OWNER_DEPTH + 1):
        if element is None or element.tag == "table" or element.tag in _LISTS:
            return None
        if element.tag in CELLS:
            row = element.getparent()
            table = row.getparent() if row is not None else None
            if table is not None and table.tag in _ROW_GROUPS:
                table = table.getparent()
            return table if table is not None and table.tag == "table" else None
        if element.tag in _LIST_ITEMS:
            parent = element.getparent()
            return parent if parent is not None and parent.tag in _LISTS else None
        element = element.getparent()
    return None
