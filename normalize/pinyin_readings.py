"""Pinyin readings a script converter left after characters: `醫(yī)保當(dāng)前` → `醫保當前`.

May change: a parenthesised toned pinyin syllable directly after a CJK ideograph is removed, brackets included.
Must never change: parentheticals without a tone mark or with anything but one syllable — `(0591)`, `(010)`,
`(身份證)`, `(煙社保函〔2020〕1號)`, `(medical insurance)`, `(一)` — and readings not after an ideograph.
"""

from __future__ import annotations

import re
from functools import cache

from normalize.cjk import IDEOGRAPH
from normalize.repair import Repair, substitute
from normalize.rules import load_rules


@cache
def syllable_pattern() -> str:
    """Regex for one toned pinyin syllable (used here and by the mojibake stage for orphan readings)."""
    rules = load_rules("pinyin")
    letters = re.escape(rules["plain"] + rules["toned"])
    toned = re.escape(rules["toned"])
    longest = int(rules["max_letters"])
    # Look ahead for a toned vowel within the syllable, then take the whole syllable.
    return f"(?=[{letters}]{{0,{longest - 1}}}[{toned}])[{letters}]{{1,{longest}}}"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Runs of bracketed toned syllables, and the ideograph a run must follow to be readings.

    The run pattern starts with a bracket, so the regex engine skips to the next bracket at C speed (a
    look-behind first would make it try every position: ≈ 0.06 ms a page). A run not after an ideograph holds
    no reading either: every later bracket in it follows a closing bracket.
    """
    rules = load_rules("pinyin")
    bracketed = "|".join(f"{re.escape(pair[0])}{syllable_pattern()}{re.escape(pair[1])}" for pair in rules["brackets"])
    # Consecutive readings go together: removing one must not leave another right after the ideograph. (One
    # reading then any more, not `(?:…)+`: a repeat first would hide the opening bracket from the engine.)
    return re.compile(f"(?:{bracketed})(?:{bracketed})*", re.IGNORECASE), re.compile(f"[{IDEOGRAPH}]")


def remove_readings(text: str) -> tuple[str, list[Repair]]:
    """Drop every toned reading right after an ideograph; each removal is a `pinyin` Repair."""
    if "(" not in text and "（" not in text:
        return text, []
    runs, ideograph = _patterns()

    def after_ideograph(m: re.Match[str]) -> str | None:
        return "" if m.start() and ideograph.match(text, m.start() - 1) else None

    return substitute(runs, text, "pinyin", after_ideograph)
