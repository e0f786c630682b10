"""Machine-translation artefacts in English renderings of Chinese pages.

May change: a year split after its century in a line without CJK ideographs (`20 17` → `2017`); a known
garbled-number token (`65438+0000`) → 〓 (the geta mark), so that it can never be read as a number downstream.
Must never change: Chinese lines, numbers in a list or range (`10 20 17`, `20 17 18`), times and decimals.
"""

from __future__ import annotations

import re
from functools import cache

from normalize.cjk import IDEOGRAPH
from normalize.repair import Repair, apply_edits
from normalize.rules import load_rules


@cache
def _split_year_anywhere() -> re.Pattern[str]:
    """A century, a space and two digits anywhere: what a split year needs before its context is looked at
    (the year rule's look-behinds at every position cost several times this scan)."""
    centuries = "|".join(re.escape(c) for c in load_rules("mt")["year_split"]["centuries"])
    return re.compile(rf"(?:{centuries}) \d\d", re.ASCII)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], str, re.Pattern[str]]:
    rules = load_rules("mt")
    centuries = "|".join(re.escape(c) for c in rules["year_split"]["centuries"])
    marker = rules["garbled_number"]["marker"]
    # Not after a digit (or `digit,` / `digit `) and not before another digit group or a garbled number, as
    # written or already blanked out (`20 00 65438+` and `20 00 〓` alike): a year, not a list.
    year = re.compile(
        rf"(?<![\d.,:])(?<!\d )(?<!\d, )\b({centuries}) (\d\d)\b(?![.,:]?\d)(?! \d)(?! ?{re.escape(marker)})",
        re.ASCII,
    )
    prefixes = "|".join(re.escape(p) for p in rules["garbled_number"]["prefixes"])
    garbled = re.compile(rf"(?:{prefixes})[\d,]*")
    return year, garbled, marker, re.compile(f"[{IDEOGRAPH}]")


def repair(text: str) -> tuple[str, list[Repair]]:
    """Join split years in non-Chinese lines and blank out garbled numbers; each change is an `mt` Repair."""
    year, garbled, marker, ideograph = _patterns()
    edits = [(m.start(), m.end(), marker) for m in garbled.finditer(text)]
    split_year = _split_year_anywhere()
    if split_year.search(text) is not None and year.search(text) is not None:
        position = 0
        for line in text.split("\n"):
            # a line without the cheap scan's match holds no split year: the year rule's look-behinds are not run
            if split_year.search(line) is not None and ideograph.search(line) is None:
                edits.extend(
                    (position + m.start(), position + m.end(), m.group(1) + m.group(2)) for m in year.finditer(line)
                )
            position += len(line) + 1
    if not edits:
        return text, []
    edits.sort()
    return apply_edits(text, "mt", _without_overlaps(edits))


def _without_overlaps(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for edit in edits:
        if not kept or edit[0] >= kept[-1][1]:
            kept.append(edit)
    return kept
