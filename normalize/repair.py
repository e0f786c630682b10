"""The `Repair` record every normalize module returns, and the one way a module applies its edits.

A module finds spans (with a compiled pattern or a scan), decides each replacement, and calls `apply_edits`,
which rebuilds the text once and records every change with its offset in the text the module was given.
This module never decides what to change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import repeat
from operator import add
from re import Match, Pattern
from typing import NamedTuple


class Repair(NamedTuple):
    """One change: immutable and hashable. A named tuple, not a frozen dataclass: a traditional page's script
    conversion records hundreds a record, and a tuple is built (and pickled) in a fraction of the time."""

    kind: str  # hygiene | mojibake | pinyin | script | width | mt
    offset: int  # in the text the repair was applied to
    before: str
    after: str


def repairs_of(kind: str, offsets: Iterable[int], befores: Iterable[str], afters: Iterable[str]) -> list[Repair]:
    """One `Repair(kind, offset, before, after)` per position of the three columns, in order."""
    # Built by C-level maps, without a Python frame per repair (`(kind,) + (offset, before, after)` as a Repair).
    columns = zip(offsets, befores, afters, strict=True)
    return list(map(tuple.__new__, repeat(Repair), map(add, repeat((kind,)), columns)))


def apply_edits(text: str, kind: str, edits: Iterable[tuple[int, int, str]]) -> tuple[str, list[Repair]]:
    """Replace each non-overlapping, ascending `(start, end, replacement)` span of `text`; no-op edits are dropped."""
    parts: list[str] = []
    offsets: list[int] = []
    befores: list[str] = []
    afters: list[str] = []
    last = 0
    for start, end, replacement in edits:
        before = text[start:end]
        if before == replacement:
            continue
        parts.append(text[last:start])
        parts.append(replacement)
        offsets.append(start)
        befores.append(before)
        afters.append(replacement)
        last = end
    if not offsets:
        return text, []
    parts.append(text[last:])
    return "".join(parts), repairs_of(kind, offsets, befores, afters)


def substitute(
    pattern: Pattern[str], text: str, kind: str, replace: Callable[[Match[str]], str | None]
) -> tuple[str, list[Repair]]:
    """`pattern.sub` that records each change; `replace` returning None leaves that match alone."""
    edits = []
    for match in pattern.finditer(text):
        replacement = replace(match)
        if replacement is not None:
            edits.append((match.start(), match.end(), replacement))
    return apply_edits(text, kind, edits)
