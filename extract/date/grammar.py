"""A named sub-grammar: a regex fragment with its own group names, and the reader that turns a match into points.

The grammars of `clock.py`, `calendar.py` and `recurring.py` are joined, in order, into one alternation (each
inside `(?P<name>…)`), so one left-to-right scan finds them all; the first grammar that matches at a position
wins, which is why the order in `_grammars()` of `extract/date/__init__.py` matters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from extract.date.point import Point

Reader = Callable[[re.Match[str]], list[Point]]


@dataclass(frozen=True, slots=True)
class Grammar:
    name: str
    pattern: str
    read: Reader


def joined(grammars: list[Grammar], first: str, starts: Mapping[str, str] | None = None) -> re.Pattern[str]:
    """One regex: a cheap lookahead every alternative starts with, then the grammars in order, each behind a
    lookahead of the characters it can start with when `starts` (grammar name → class) has them (see
    extract/date/first_chars.py)."""
    starts = starts or {}
    body = "|".join(
        f"(?={starts[g.name]})(?P<{g.name}>{g.pattern})" if g.name in starts else f"(?P<{g.name}>{g.pattern})"
        for g in grammars
    )
    return re.compile(f"{first}(?:{body})")


def scan(pattern: re.Pattern[str], readers: dict[str, Reader], text: str) -> list[Point]:
    """Every point the grammars find, left to right (a grammar's own group closes last: `lastgroup` names it)."""
    points: list[Point] = []
    for m in pattern.finditer(text):
        if m.lastgroup is not None:
            points.extend(readers[m.lastgroup](m))
    return points
