"""China's administrative divisions (GB/T 2260) and telephone area codes, loaded once from `extract/data/`.

Finds division names in text by their first two characters (full names always; short names of provinces and
prefecture cities, like 福州 or 山东, only where asked, since short district names are too ambiguous).
This module only looks names up; it never decides what an address is.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from extract.labels import DATA


@dataclass(frozen=True, slots=True)
class Division:
    adcode: str
    name: str  # as written (a renamed division keeps its old name here)
    level: str  # province | city | district
    province: str
    city: str


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    divisions: tuple[Division, ...]  # every division this name can be (鼓楼区: four cities)
    short: bool


@dataclass(frozen=True, slots=True, eq=False)  # identity hash: one per process, used as a cache key
class Gazetteer:
    by_name: dict[str, tuple[Division, ...]]
    by_code: dict[str, Division]
    area_by_city: dict[str, str]
    short_names: frozenset[str]  # the names of by_name that are short names (福州, 山东)
    lengths_by_head: dict[str, tuple[int, ...]]  # a name's first two characters → the lengths of such names
    heads: re.Pattern[str]  # a character that starts some name, before one that is some name's second
    alphabet: frozenset[str]  # every character that occurs in some name

    def mentions(self, text: str, *, short: bool = True) -> list[Mention]:
        """Non-overlapping division names in `text`, longest first at each position, in order."""
        found = _mentions(self, text)
        return list(found) if short else [m for m in found if not m.short]

    def mentions_by_part(self, text: str, separator: str) -> Iterator[Mention]:
        """The names `mentions(text)` finds, in order, each with its offsets in its part of `text` between
        separators. A name never holds a separator character, so it lies inside one part; the parts are a page's
        records, which the parsers scan again one by one: the scans are shared (see `_mentions`)."""
        if not separator or not self.alphabet.isdisjoint(separator):
            yield from _mentions(self, text)
            return
        # scanned last part first, so that the parsers, which read the records from the first, find the first
        # ones still cached when a page has more records than the cache holds
        scans = [_mentions(self, part) for part in reversed(text.split(separator))]
        for found in reversed(scans):
            yield from found

    def _scan(self, text: str) -> tuple[Mention, ...]:
        hits: list[Mention] = []
        # Every name (two characters or more) starts where its first two characters do: the regex engine finds
        # the places where a first character stands before a second one (~6 % of a text), a dict keeps those
        # whose pair begins some name (~0.4 %), and only there are names looked up, by their few lengths.
        # (An Aho-Corasick automaton cost ~0.3 µs a character even on runs of name characters only.)
        by_name, lengths_by_head = self.by_name, self.lengths_by_head
        for head in self.heads.finditer(text):
            start = head.start()
            lengths = lengths_by_head.get(text[start : start + 2])
            if lengths is None:
                continue
            for length in lengths:
                name = text[start : start + length]
                if len(name) == length and name in by_name:
                    hits.append(Mention(start, start + length, by_name[name], name in self.short_names))
        hits.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out: list[Mention] = []
        last_end = -1
        for m in hits:
            if m.start >= last_end:
                out.append(m)
                last_end = m.end
        return tuple(out)

    def city_of(self, mention: Mention) -> Division | None:
        """The prefecture-level city (or municipality) a mention names or lies in, when unambiguous."""
        cities = {(d.province, d.city or (d.name if d.level == "city" else "")) for d in mention.divisions}
        cities.discard((mention.divisions[0].province, ""))
        if len(cities) != 1:
            provinces = {d for d in mention.divisions if d.level == "province" and d.name.endswith("市")}
            return next(iter(provinces), None)
        province, city = next(iter(cities))
        for d in self.by_name.get(city, ()):
            if d.level in ("city", "province") and d.province == province:
                return d
        return None

    def area_code(self, city: str | None) -> str | None:
        return self.area_by_city.get(city) if city else None


@lru_cache(maxsize=16)
def _mentions(gaz: Gazetteer, text: str) -> tuple[Mention, ...]:
    # page_context (record by record), the address parser and the phone parser all scan the same record: scan it
    # once. Room for the records of one page (page_context scans them all before the parsers read them), not more:
    # another page's records are other texts.
    return gaz._scan(text)


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def gazetteer() -> Gazetteer:
    current = [
        Division(r["adcode"], r["name"], r["level"], r["province"], r["city"]) for r in _read("admin_divisions.csv")
    ]
    renamed = [
        Division(r["adcode"], r["name"], r["level"], r["province"], r["city"]) for r in _read("division_renames.csv")
    ]
    divisions = current + renamed
    shorts = {r["name"]: r["short"] for r in _read("admin_divisions.csv") if r["level"] in ("province", "city")}
    by_name: dict[str, list[Division]] = {}
    for d in divisions:
        if d not in by_name.setdefault(d.name, []):
            by_name[d.name].append(d)
    short_names: dict[str, list[Division]] = {}
    for d in divisions:
        short = shorts.get(d.name)
        if short and short != d.name and len(short) >= 2:
            short_names.setdefault(short, []).append(d)
    frozen: dict[str, tuple[Division, ...]] = {k: tuple(v) for k, v in by_name.items()}
    for short, ds in short_names.items():
        if short not in frozen:
            frozen[short] = tuple(ds)
    shorts_added = frozenset(frozen).difference(by_name)
    if min(len(name) for name in frozen) < 2:
        raise RuntimeError("a division name of one character: names are found by their first two characters")
    lengths: dict[str, set[int]] = {}
    for name in frozen:
        lengths.setdefault(name[:2], set()).add(len(name))
    lengths_by_head = {head: tuple(sorted(found, reverse=True)) for head, found in lengths.items()}
    firsts, seconds = ("".join(map(re.escape, sorted({name[i] for name in frozen}))) for i in (0, 1))
    heads = re.compile(f"[{firsts}](?=[{seconds}])")
    alphabet = frozenset(char for name in frozen for char in name)
    areas: dict[str, str] = {}
    counts = Counter(r["area_code"] for r in _read("area_codes.csv"))
    for r in _read("area_codes.csv"):
        # a city served by several codes keeps the one that serves fewest other cities (its own)
        if r["city"] not in areas or counts[r["area_code"]] < counts[areas[r["city"]]]:
            areas[r["city"]] = r["area_code"]
    # a code passed on to a new name (210112: 东陵区 → 浑南区) belongs to the current one
    by_code = {d.adcode: d for d in renamed} | {d.adcode: d for d in current}
    return Gazetteer(frozen, by_code, areas, shorts_added, lengths_by_head, heads, alphabet)
