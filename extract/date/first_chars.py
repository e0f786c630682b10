"""The characters a match of each date grammar can start with, as a character class: read from the grammar's
regex parse tree, kept in `extract/data/date_first_chars.toml` (reading 25 parse trees costs ≈ 11 ms, once in
every process: too much to do at start-up).

`joined` (extract/date/grammar.py) puts this class in a look-ahead before each grammar of its alternation: the
regex engine tries the alternatives one by one at every position that passes the shared first test, and a grammar
that cannot start with the character there is then passed over by one class test instead of being entered
(its look-behinds, optional words and groups cost several times that).

A class may hold more characters than the regex can start with, never fewer: look-arounds and anchors are
skipped (they consume nothing), optional parts let the next part's first characters in. Whatever the reader does
not know for sure — a case-insensitive part, a negated class, `.`, a back-reference, an ASCII or locale flag, a
regex that can match the empty string — gives no class: that grammar is entered as before. A class is used only
for the very regex it was read from (the file keeps each regex's SHA-1): after a grammar or its vocabulary
changes, that grammar goes without one until the file is written again:

    python -m extract.date.write_first_chars          # rewrites extract/data/date_first_chars.toml
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any

from extract.labels import DATA

if TYPE_CHECKING:
    from extract.date.grammar import Grammar

FILE = DATA / "date_first_chars.toml"

# class escapes of the categories a parsed class may hold (str patterns, Unicode matching)
_CATEGORY_ESCAPES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_NOT_READ = re.IGNORECASE | re.ASCII | re.LOCALE


class _Unknown(Exception):
    """A part whose first characters this reader does not enumerate."""


def first_chars(pattern: str) -> str | None:
    """A character class (`[...]`) holding every character a match of `pattern` can start with, or None."""
    parsed = _parser.parse(pattern)
    try:
        items, can_be_empty = _sequence(parsed.data, parsed.state.flags)
    except _Unknown:
        return None
    if can_be_empty or not items:
        return None
    body = []
    for op, av in items:
        if op is sre.LITERAL:
            body.append(re.escape(chr(av)))
        elif op is sre.RANGE:
            body.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CATEGORY_ESCAPES:
            body.append(_CATEGORY_ESCAPES[av])
        else:
            return None
    return "[" + "".join(dict.fromkeys(body)) + "]"


def _sequence(items: Any, flags: int) -> tuple[list[tuple[Any, Any]], bool]:
    """(first class items, whether the sequence can match the empty string)."""
    firsts: list[tuple[Any, Any]] = []
    for op, av in items:
        found, can_be_empty = _item(op, av, flags)
        firsts.extend(found)
        if not can_be_empty:
            return firsts, False
    return firsts, True


def _item(op: Any, av: Any, flags: int) -> tuple[list[tuple[Any, Any]], bool]:
    if flags & _NOT_READ and op not in _ZERO_WIDTH:
        raise _Unknown
    if op is sre.LITERAL:
        return [(op, av)], False
    if op is sre.IN:
        if any(part is sre.NEGATE for part, _ in av):
            raise _Unknown
        return list(av), False
    if op in _ZERO_WIDTH:
        return [], True
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        return _sequence(sub.data, (flags | add_flags) & ~del_flags)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av.data, flags)
    if op is sre.BRANCH:
        firsts: list[tuple[Any, Any]] = []
        any_empty = False
        for alternative in av[1]:
            found, can_be_empty = _sequence(alternative.data, flags)
            firsts.extend(found)
            any_empty = any_empty or can_be_empty
        return firsts, any_empty
    if op in _REPEATS:
        low, _, sub = av
        found, can_be_empty = _sequence(sub.data, flags)
        return found, can_be_empty or low == 0
    raise _Unknown  # ., negated literals, back-references, conditionals


def pattern_digest(pattern: str) -> str:
    return hashlib.sha1(pattern.encode("utf-8")).hexdigest()


def stored_first_chars(grammars: Sequence[Grammar], path: Path = FILE) -> dict[str, str]:
    """Grammar name → its first-character class from the file, for the grammars whose regex is the one it was
    read from."""
    try:
        stored = tomllib.loads(path.read_text(encoding="utf-8"))["grammars"]
    except (OSError, ValueError, KeyError):
        return {}
    return {
        g.name: entry["class"]
        for g in grammars
        if (entry := stored.get(g.name)) is not None and entry.get("sha1") == pattern_digest(g.pattern)
    }


def write(grammars: Sequence[Grammar], path: Path = FILE) -> dict[str, str]:
    """Read every grammar's class and write the file; returns grammar name → class (those that have one)."""
    found = {g.name: (g.pattern, first_chars(g.pattern)) for g in grammars}
    entries = {
        name: {"class": starts, "sha1": pattern_digest(pattern)}
        for name, (pattern, starts) in found.items()
        if starts is not None
    }
    lines = [
        "# Written by `python -m extract.date.write_first_chars` (see extract/date/first_chars.py), not by hand.",
        "# The characters a match of each date grammar can start with, and the SHA-1 of the regex they were read from.",
    ]
    for name, entry in entries.items():
        # a JSON string is a TOML basic string: the same escapes
        lines += ["", f"[grammars.{name}]", f"class = {json.dumps(entry['class'], ensure_ascii=False)}"]
        lines.append(f'sha1 = "{entry["sha1"]}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {name: entry["class"] for name, entry in entries.items()}
