"""Value precision / recall / F1 of dates on the spec table, guidecrawl vs JioNLP.

    python -m benchmarks.date_specs [--split first_sight|dev|all] [--errors]

Reads tests/fixtures/entity_specs/date.jsonl (built by benchmarks/date_specs_build.py); prints a table, writes
nothing. guidecrawl runs as `guidecrawl entities` does (normalize, page context, every finder, overlaps settled).
A found date counts when its canonical value equals an expected value (each expected value once).
JioNLP is imported lazily (bench extra); its [start, end] datetimes are turned into our ISO forms by
`jionlp_dates`, year-less or clock-only when the mention names no year or no day.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # before benchmarks/, whose normalize.py would shadow the package
SPECS = ROOT / "tests" / "fixtures" / "entity_specs" / "date.jsonl"
_YEAR_IN_MENTION = re.compile(r"\d{2,4}\s?年|[〇零一二三四五六七八九]{2,4}年|\d{4}[-/.]")
_DAY_IN_MENTION = re.compile(r"[月日号]|\d[-/.]\d")


def load(split: str) -> list[dict[str, Any]]:
    cases = [json.loads(line) for line in SPECS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [c for c in cases if split == "all" or c["split"] == split]


def guidecrawl_dates(text: str) -> list[str]:
    """guidecrawl as `guidecrawl entities` runs it: normalize, page context from the text, every finder."""
    from extract.entities import find_entities, page_context
    from normalize import normalize

    clean = normalize(text).text
    return [e.value for e in find_entities(clean, page_context(None, clean)) if e.kind == "date"]


def _iso(moment: str, keep_year: bool, keep_day: bool, whole_day: bool) -> str:
    day, clock = moment.split(" ")
    clock = clock[:5] if clock.endswith(":00") else clock
    if not keep_day:
        return clock
    day = day if keep_year else "-" + day[4:]
    return day if whole_day else f"{day}T{clock}"


def _jionlp_value(start: str, end: str, mention: str) -> str | None:
    if " " not in start or " " not in end:
        return None
    keep_year = bool(_YEAR_IN_MENTION.search(mention))
    keep_day = bool(_DAY_IN_MENTION.search(mention)) or keep_year
    s_day, s_clock = start.split(" ")
    e_day, e_clock = end.split(" ")
    whole = s_clock == "00:00:00" and e_clock == "23:59:59"
    if whole and s_day.endswith("-01-01") and e_day.endswith("-12-31") and s_day[:4] == e_day[:4]:
        return s_day[:4]
    if whole and s_day.endswith("-01") and s_day[:7] == e_day[:7] and s_day != e_day:
        return s_day[:7] if keep_year else "--" + s_day[5:7]
    if whole and s_day == e_day:
        return _iso(start, keep_year, True, True)
    if start == end or (s_day == e_day and e_clock.endswith(":59") and s_clock[:2] == e_clock[:2]):
        return _iso(start, keep_year, keep_day, False)
    return f"{_iso(start, keep_year, keep_day, whole)}/{_iso(end, keep_year, keep_day, whole)}"


def jionlp_date(text: str) -> list[dict[str, Any]]:
    """The JioNLP date hook in the form benchmarks/entity_specs.py's ANCHORS take: [{"value": ...}, ...]."""
    return [{"value": value} for value in jionlp_dates(text)]


def jionlp_dates(text: str) -> list[str]:
    """JioNLP's time entities of `text` as our canonical date values."""
    import jionlp as jio

    logging.disable(logging.CRITICAL)
    base = time.mktime((2024, 9, 3, 0, 0, 0, 0, 0, -1))
    out = []
    for found in jio.ner.extract_time(text, time_base=base, with_parsing=True):
        span = found.get("detail", {}).get("time")
        if isinstance(span, list) and len(span) == 2:
            value = _jionlp_value(span[0], span[1], found["text"])
            if value:
                out.append(value)
    return out


def score(cases: list[dict[str, Any]], finder: Callable[[str], list[str]], errors: bool = False) -> tuple[float, ...]:
    tp = fp = fn = 0
    for case in cases:
        expected = Counter(e["value"] for e in case["expected"])
        found = Counter(finder(case["text"]))
        hit = sum((expected & found).values())
        tp, fp, fn = tp + hit, fp + sum(found.values()) - hit, fn + sum(expected.values()) - hit
        if errors and expected != found:
            print(f"  {case['id']}: {case['text']!r} expected {sorted(expected)} found {sorted(found)}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp, fp, fn


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="first_sight", choices=["first_sight", "dev", "all"])
    parser.add_argument("--errors", action="store_true", help="print guidecrawl's mismatches (dev split only)")
    args = parser.parse_args(argv)
    if args.errors and args.split != "dev":
        parser.error("--errors lists dev cases only: first-sight cases are scored, never read")
    cases = load(args.split)
    print(f"date spec table, split {args.split}: {len(cases)} cases, {sum(len(c['expected']) for c in cases)} values")
    print(f"{'system':<12} {'P':>5} {'R':>5} {'F1':>5}   tp  fp  fn")
    systems: list[tuple[str, Callable[[str], list[str]]]] = [("guidecrawl", guidecrawl_dates)]
    try:
        import jionlp  # noqa: F401

        systems.append(("jionlp", jionlp_dates))
    except ImportError:
        print("jionlp: not installed (pip install -e '.[bench]')")
    for name, finder in systems:
        p, r, f, tp, fp, fn = score(cases, finder, errors=args.errors and name == "guidecrawl")
        print(f"{name:<12} {p:5.2f} {r:5.2f} {f:5.2f} {tp:4} {fp:3} {fn:3}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
