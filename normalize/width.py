"""Width: full-width digits, letters and ASCII symbols → ASCII; full-width Chinese sentence punctuation kept.

May change: U+FF01–FF5E (except the CJK sentence punctuation in `data/width.toml`, `keep`) and a few wide
currency/sign forms, each to its ASCII/Latin-1 counterpart.
Must never change: `，：；？！（）`, ideographic punctuation (`。、《》〔〕【】“”`), ￥, and ASCII already in the text.
"""

from __future__ import annotations

import re
from functools import cache

from normalize.repair import Repair, substitute
from normalize.rules import load_rules


@cache
def _table() -> tuple[re.Pattern[str], dict[str, str]]:
    rules = load_rules("width")
    keep = set(rules["keep"])
    table = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F) if chr(code) not in keep}
    table.update(rules["extra"])
    pattern = re.compile("[" + "".join(re.escape(c) for c in table) + "]+")
    return pattern, table


def fold(text: str) -> tuple[str, list[Repair]]:
    """Fold full-width forms to ASCII; each folded run is a `width` Repair."""
    if text.isascii():
        return text, []
    pattern, table = _table()
    return substitute(pattern, text, "width", lambda m: "".join(table[c] for c in m.group()))
