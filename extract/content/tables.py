"""Data tables: a table of records (offices and their addresses and phones, fees by category, deadlines by
district) whose cells are content, however short each one is.

The line weights hold short lines without a sentence mark against their block (menus, buttons, labels are
short): a page whose main text is such a table would have no main text at all, and an article whose table
stands beside its prose would lose the table's weight. A cell's line of a data table is weighed as text.

A data table (thresholds in `[tables]` of `extract/data/content_boilerplate.toml`): a `<table>` without a table
inside it (a layout table holds the page's blocks, often other tables), with at least `min_rows` rows of at
least two cells that hold text, and at most `max_link_share` of its text in links (a menu or a calendar of links
laid out as a table is no data table).
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

import lxml.etree

from extract.content.lines import CELLS, Line, text_of

_DATA = Path(__file__).parents[1] / "data" / "content_boilerplate.toml"
_CELL_DEPTH = 4  # a cell's line is owned by the cell or by a block at most this many levels inside it


@dataclass(frozen=True, slots=True)
class TableRules:
    min_rows: int  # rows of two or more cells with text
    max_link_share: float  # of the table's text in links


@functools.cache
def table_rules() -> TableRules:
    table = tomllib.loads(_DATA.read_text(encoding="utf-8")).get("tables", {})
    return TableRules(min_rows=int(table.get("min_rows", 3)), max_link_share=float(table.get("max_link_share", 0.3)))


def data_table_lines(lines: list[Line]) -> list[bool]:
    """For every line, whether it is the text of a cell of a data table."""
    rules = table_rules()
    verdicts: dict[lxml.etree._Element, bool] = {}
    flags = []
    for line in lines:
        table = _cell_table(line.owner)
        if table is None:
            flags.append(False)
            continue
        verdict = verdicts.get(table)
        if verdict is None:
            verdict = verdicts[table] = is_data_table(table, rules)
        flags.append(verdict)
    return flags


def is_data_table(table: lxml.etree._Element, rules: TableRules | None = None) -> bool:
    """Rows of records: no table inside, enough rows of two or more cells with text, few links."""
    rules = rules or table_rules()
    if next(table.iterdescendants("table"), None) is not None:
        return False
    rows = 0
    for row in table.iterdescendants("tr"):
        filled = sum(1 for cell in row if cell.tag in CELLS and text_of(cell).strip())
        rows += filled >= 2
    if rows < rules.min_rows:
        return False
    chars = sum(len(part) for part in text_of(table).split())
    if not chars:
        return False
    linked = sum(len(part) for link in table.iterdescendants("a") for part in text_of(link).split())
    return linked <= rules.max_link_share * chars


def _cell_table(owner: lxml.etree._Element) -> lxml.etree._Element | None:
    """The table of the cell a line's owner is, or lies in (a few levels down); None outside any cell."""
    element: lxml.etree._Element | None = owner
    for _ in range(_CELL_DEPTH + 1):
        if element is None or element.tag == "table":
            return None
        if element.tag in CELLS:
            row = element.getparent()
            table = row.getparent() if row is not None else None
            if table is not None and table.tag in ("tbody", "thead", "tfoot"):
                table = table.getparent()
            return table if table is not None and table.tag == "table" else None
        element = element.getparent()
    return None
