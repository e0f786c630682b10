"""Labels from the words just before a value: `投诉电话:0591-87842560`, `起付标准为800元`, `报销比例70%`.

A label is a vocabulary word (data, per kind) found in the same clause shortly before the value. This module
only names what precedes a value; it never decides whether the value is an entity.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

# A label never reaches across a sentence or a list item.
CLAUSE_BREAK = re.compile(r"[。;；!！?？,，\n]|\d+[、.．](?!\d)")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class LabelVocabulary:
    words: tuple[str, ...]
    pattern: re.Pattern[str]
    window: int

    def before(self, text: str, start: int, *, stop_at_digits: bool = False) -> str | None:
        """The vocabulary word that ends closest before `start`, within `window` chars of the same clause; for a
        value that opens its line, a label that is the whole line above it (a table's label cell, `电话：<br>…`)."""
        lo = max(0, start - self.window)
        window = text[lo:start]
        breaks = list(CLAUSE_BREAK.finditer(window))
        if breaks:
            window = window[breaks[-1].end() :]
            if breaks[-1].group() == "\n" and not window.strip():
                return self.line_above(text, lo + breaks[-1].start())
        if stop_at_digits:
            digits = list(_DIGIT.finditer(window))
            if digits:
                window = window[digits[-1].end() :]
        found = None
        for match in self.pattern.finditer(window):
            found = match.group(0)
        return found

    def line_above(self, text: str, newline: int) -> str | None:
        """The label that is the whole line ending at `newline` (a colon after it allowed), or None."""
        line = text[text.rfind("\n", 0, newline) + 1 : newline].strip().rstrip(":：").rstrip()
        return line if line and self.pattern.fullmatch(line) else None


@cache
def vocabulary(name: str, table: str = "labels", window: int = 16) -> LabelVocabulary:
    """`extract/data/<name>.toml`'s `[table] words = [...]`, compiled longest first."""
    with open(DATA / f"{name}.toml", "rb") as f:
        data = tomllib.load(f)
    words = tuple(sorted(set(data[table]["words"]), key=len, reverse=True))
    return LabelVocabulary(words, re.compile("|".join(map(re.escape, words))), int(data[table].get("window", window)))
