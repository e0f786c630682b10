"""Chinese script conversion with OpenCC: traditional → simplified by default.

May change: characters (and the few phrases OpenCC converts as a unit) of the other script — `t2s` for `hans`
(not `tw2sp`, which also rewrites Taiwan vocabulary), `s2t` for `hant`; `keep` changes nothing.
Must never change: anything that is not Chinese script, or the text of the target script (clean simplified
text passes `t2s` unchanged).
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from normalize.repair import Repair, apply_edits, repairs_of

SCRIPTS = {"hans": "t2s", "hant": "s2t", "keep": None}


@cache
def _converter(config: str):  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC(f"{config}.json")


# From the CJK radicals on: what OpenCC may convert. A class of one range, so the regex engine skips to it at C speed
# (a generator over the characters ran through a whole English page that holds a curly quote).
_CJK_OR_LATER = re.compile("[\u2e80-\U0010ffff]")


def _has_cjk(text: str) -> bool:
    # Pure ASCII/Latin text never needs OpenCC.
    return not text.isascii() and _CJK_OR_LATER.search(text) is not None


def convert(text: str, script: str = "hans") -> tuple[str, list[Repair]]:
    """`text` in `script` (hans | hant | keep); each changed span is a `script` Repair."""
    if script not in SCRIPTS:
        raise ValueError(f"unknown script {script!r}; expected one of {', '.join(SCRIPTS)}")
    config = SCRIPTS[script]
    if config is None or not _has_cjk(text):
        return text, []
    converted = _converter(config).convert(text)
    if converted == text:
        return text, []
    return converted, _diff(text, converted)


def _diff(before: str, after: str) -> list[Repair]:
    if len(before) != len(after):
        # OpenCC changed a length (a rare phrase mapping): record per line so offsets stay meaningful.
        return _diff_lines(before, after)
    old = np.frombuffer(before.encode("utf-32-le"), dtype=np.uint32)
    new = np.frombuffer(after.encode("utf-32-le"), dtype=np.uint32)
    # Adjacent changed characters make one repair each: a run starts where `changed` turns on and ends where it
    # turns off (False on both sides, so every run has both edges). Few numpy calls, as each costs ~1 µs.
    changed = np.zeros(old.size + 2, dtype=bool)
    np.not_equal(old, new, out=changed[1:-1])
    edges = np.flatnonzero(changed[1:] != changed[:-1]).tolist()
    starts, ends = edges[0::2], edges[1::2]
    spans = list(map(slice, starts, ends))
    return repairs_of("script", starts, map(before.__getitem__, spans), map(after.__getitem__, spans))


def _diff_lines(before: str, after: str) -> list[Repair]:
    import difflib

    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    edits = [(i1, i2, after[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
    return apply_edits(before, "script", edits)[1]
