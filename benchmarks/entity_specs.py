"""Spec tables: other parsers' public test cases, scored per kind and split (run by hand, not in `make test`).

    .venv/bin/python benchmarks/entity_specs.py                      # first-sight split, every kind
    .venv/bin/python benchmarks/entity_specs.py --split dev --kind phone [--errors]
    .venv/bin/python benchmarks/entity_specs.py --values-only        # values alone, no optional field

Reads `tests/fixtures/entity_specs/<kind>.jsonl` (format: `tests/fixtures/entity_specs/README.md`), runs
guidecrawl (normalize → `find_entities`, exactly as `guidecrawl entities` does) and the anchors on each case's
text, and prints value precision / recall / F1 per kind, split and system. Writes nothing.

Matching: a predicted entity of the case's kind counts when its canonical value equals an expected value and
every optional field the expected entity lists (`region`, `e164`, `currency` …) equals the prediction's; each
expected entity is matched at most once. An anchor is held only to the fields it produces (JioNLP's phone
finder gives no region, so region is not checked for it). `--errors` lists the misses of the dev split only:
the first-sight split is scored, never read for rules.

Anchors, imported lazily (a missing one is reported, not fatal): JioNLP and phonenumbers' PhoneNumberMatcher for
phones, JioNLP for dates, JioNLP's money parser for amounts, JioNLP's location parser for addresses (on the field
after the label). A kind's anchor is one small function (text →
predictions in the table's terms) and an `ANCHORS` entry naming the optional fields it produces; `COMPARABLE` holds
a kind's conversion of guidecrawl's entity when the table's value is not the entity's `value` as is (addresses).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # before benchmarks/, whose normalize.py would shadow the package

SPECS = ROOT / "tests" / "fixtures" / "entity_specs"
SPLITS = ("dev", "first_sight")
SOURCE_KEYS = ("repo", "path", "commit", "licence")

Prediction = dict[str, Any]  # {"value": ..., optional fields ...}
Finder = Callable[[str], list[Prediction]]


class SpecError(ValueError):
    """A spec table that does not follow the format (one line, names the file and the line)."""


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    split: str
    text: str
    expected: tuple[dict[str, Any], ...]
    source: dict[str, str]
    note: str = ""


def load_cases(kind: str, split: str | None = None, specs: Path = SPECS) -> list[Case]:
    """The cases of `<kind>.jsonl` (of one split, or all), checked against the format."""
    path = specs / f"{kind}.jsonl"
    if not path.is_file():
        raise SpecError(f"no spec table for kind {kind!r}: {path.name} is missing")
    cases: list[Case] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SpecError(f"{where}: not JSON ({exc.msg})") from None
        case = _case(raw, where)
        if case.id in seen:
            raise SpecError(f"{where}: duplicate id {case.id!r}")
        seen.add(case.id)
        if split is None or case.split == split:
            cases.append(case)
    return cases


def _case(raw: Any, where: str) -> Case:
    if not isinstance(raw, dict):
        raise SpecError(f"{where}: a case is a JSON object")
    missing = [k for k in ("id", "split", "text", "expected", "source") if k not in raw]
    if missing:
        raise SpecError(f"{where}: missing {', '.join(missing)}")
    if raw["split"] not in SPLITS:
        raise SpecError(f"{where}: split must be one of {', '.join(SPLITS)}")
    if not isinstance(raw["text"], str) or not isinstance(raw["expected"], list):
        raise SpecError(f"{where}: text is a string and expected a list")
    if any(not isinstance(e, dict) or "value" not in e for e in raw["expected"]):
        raise SpecError(f"{where}: every expected entity has a value")
    source = raw["source"]
    if not isinstance(source, dict) or any(not source.get(k) for k in SOURCE_KEYS):
        raise SpecError(f"{where}: source needs {', '.join(SOURCE_KEYS)}")
    return Case(str(raw["id"]), raw["split"], raw["text"], tuple(raw["expected"]), source, raw.get("note", ""))


def kinds(specs: Path = SPECS) -> list[str]:
    return sorted(p.stem for p in specs.glob("*.jsonl"))


# --- matching ---------------------------------------------------------------------------------------------


def same(a: Any, b: Any) -> bool:
    """Values are equal: numbers within float noise, anything else exactly."""
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool | str):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


def _matches(expected: dict[str, Any], predicted: Prediction, fields: frozenset[str] | None) -> bool:
    if not same(expected["value"], predicted.get("value")):
        return False
    for name, want in expected.items():
        if name == "value" or (fields is not None and name not in fields):
            continue
        if not same(want, predicted.get(name)):
            return False
    return True


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(cases: Iterable[Case], finder: Finder, fields: frozenset[str] | None = None) -> Score:
    """Value P/R/F1 of `finder` over `cases`; `fields`: the optional fields the system produces (None: all)."""
    total = Score()
    for case in cases:
        predicted = list(finder(case.text))
        used = [False] * len(predicted)
        for want in case.expected:
            hit = next(
                (i for i, p in enumerate(predicted) if not used[i] and _matches(want, p, fields)),
                None,
            )
            if hit is None:
                total.fn += 1
                total.errors.append(f"{case.id}\tmiss\t{json.dumps(want, ensure_ascii=False)}\t{case.text[:80]!r}")
            else:
                used[hit] = True
                total.tp += 1
        for i, p in enumerate(predicted):
            if not used[i]:
                total.fp += 1
                total.errors.append(f"{case.id}\textra\t{json.dumps(p, ensure_ascii=False)}\t{case.text[:80]!r}")
    return total


# --- systems ----------------------------------------------------------------------------------------------


def _address_full(entity: dict[str, Any]) -> str:
    """An address in the spec tables' terms: province, city and district (current names) before the rest.

    Our value writes the address as the text does (a municipality once, a renamed division by its old name);
    the spec tables hold the fully qualified form other parsers give, so both sides are compared in that form:
    the divisions named by the entity's adcode (a district its code does not reach, as written), then its street
    and detail.
    """
    from extract.divisions import gazetteer

    by_code = gazetteer().by_code
    code = str(entity.get("adcode") or "")
    parts: list[str] = []
    for prefix in (code[:2] + "0000", code[:4] + "00", code):
        division = by_code.get(prefix) if len(code) == 6 else None
        if division is not None and division.name not in parts:
            parts.append(division.name)
    district = entity.get("district")
    if district and (len(code) != 6 or code.endswith("00")) and district not in parts:
        parts.append(district)  # 西湖区 with no city to choose between Hangzhou's and Nanchang's: as written
    rest = "".join(str(entity.get(k) or "") for k in ("street", "detail"))
    return "".join(parts) + rest


# How a kind's guidecrawl entity becomes the value the spec tables hold (identity unless listed).
COMPARABLE: dict[str, Callable[[dict[str, Any]], Any]] = {"address": _address_full}


def guidecrawl(kind: str) -> Finder:
    """guidecrawl as `guidecrawl entities` runs it: normalize, page context from the text, every finder."""
    from extract.pipeline import process_text

    comparable = COMPARABLE.get(kind)

    def find(text: str) -> list[Prediction]:
        out = []
        for entity in process_text(text).entities:
            if entity.kind != kind:
                continue
            record = entity.to_json()
            if comparable is not None:
                record["value"] = comparable(record)
            out.append(record)
        return out

    return find


def phone_fields(text: str) -> Prediction:
    """A phone number as written → value (digits as dialled inside its country), region, e164 (phonenumbers).

    Without a written country code the number is read as Chinese only when its digits are already whole as
    written (trunk 0 and area code, a mobile, 400/800): phonenumbers would otherwise add the trunk 0 itself and
    make `9999114011` a Xinjiang landline. An extension is not part of the value.
    """
    import phonenumbers

    digits = "".join(ch for ch in text if ch.isdigit())
    try:
        number = phonenumbers.parse(text, "CN", keep_raw_input=True)
    except phonenumbers.NumberParseException:
        return {"value": digits}
    if not phonenumbers.is_valid_number(number):
        return {"value": digits}
    number.extension = None
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    value = "".join(ch for ch in national if ch.isdigit())
    if number.country_code_source == phonenumbers.CountryCodeSource.FROM_DEFAULT_COUNTRY and not digits.startswith(
        value
    ):
        return {"value": digits}
    return {
        "value": value,
        "region": phonenumbers.region_code_for_number(number),
        "e164": phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
    }


def jionlp_phone(text: str) -> list[Prediction]:
    import jionlp as jio

    return [phone_fields(p["text"]) for p in jio.extract_phone_number(text, detail=True)]


def phonenumbers_phone(text: str) -> list[Prediction]:
    import phonenumbers

    return [
        phone_fields(m.raw_string)
        for m in phonenumbers.PhoneNumberMatcher(text, "CN", leniency=phonenumbers.Leniency.POSSIBLE)
    ]


# The date anchor: JioNLP's [start, end] datetimes in our ISO forms, year-less or clock-only when the mention
# names no year or no day (time base 2024-09-03 fills what the mention leaves out).
_YEAR_IN_MENTION = re.compile(r"\d{2,4}\s?年|[〇零一二三四五六七八九]{2,4}年|\d{4}[-/.]")
_DAY_IN_MENTION = re.compile(r"[月日号]|\d[-/.]\d")


def _iso_moment(moment: str, keep_year: bool, keep_day: bool, whole_day: bool) -> str:
    day, clock = moment.split(" ")
    clock = clock[:5] if clock.endswith(":00") else clock
    if not keep_day:
        return clock
    day = day if keep_year else "-" + day[4:]
    return day if whole_day else f"{day}T{clock}"


def _jionlp_date_value(start: str, end: str, mention: str) -> str | None:
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
        return _iso_moment(start, keep_year, True, True)
    if start == end or (s_day == e_day and e_clock.endswith(":59") and s_clock[:2] == e_clock[:2]):
        return _iso_moment(start, keep_year, keep_day, False)
    return f"{_iso_moment(start, keep_year, keep_day, whole)}/{_iso_moment(end, keep_year, keep_day, whole)}"


def jionlp_date(text: str) -> list[Prediction]:
    import time

    import jionlp as jio

    base = time.mktime((2024, 9, 3, 0, 0, 0, 0, 0, -1))
    out: list[Prediction] = []
    for found in jio.ner.extract_time(text, time_base=base, with_parsing=True):
        span = found.get("detail", {}).get("time")
        if isinstance(span, list) and len(span) == 2:
            value = _jionlp_date_value(span[0], span[1], found["text"])
            if value:
                out.append({"value": value})
    return out


# JioNLP's currency names → ISO 4217 (the amount table's `currency`)
JIONLP_CURRENCIES = {
    "元": "CNY",
    "人民币": "CNY",
    "港元": "HKD",
    "港币": "HKD",
    "美元": "USD",
    "日元": "JPY",
    "新台币": "TWD",
    "韩元": "KRW",
    "欧元": "EUR",
    "英镑": "GBP",
    "澳门元": "MOP",
}


def jionlp_money(text: str) -> list[Prediction]:
    """JioNLP's money extractor with parsing, in the amount table's terms: value, currency, low/high of a range."""
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner on import
        import jionlp

    out: list[Prediction] = []
    try:
        found = jionlp.ner.extract_money(text, with_parsing=True)
    except Exception:  # an anchor's crash is its miss, not ours
        return out
    for item in found:
        detail = item.get("detail") or {}
        num = detail.get("num")
        try:
            values = [float(x) for x in num] if isinstance(num, list) else [float(num)]
        except (TypeError, ValueError):
            continue
        prediction: Prediction = {"value": values[0], "currency": JIONLP_CURRENCIES.get(detail.get("case"))}
        if len(values) == 2:
            prediction["low"], prediction["high"] = values
        out.append(prediction)
    return out


_ADDRESS_LABEL = re.compile(r"^[^：:\s]{1,6}[：:]\s*")


def jionlp_address(text: str) -> list[Prediction]:
    """JioNLP's `parse_location(change2new=True)` on the field after the address label: it parses a string known to
    be an address and has no finder for running text, so it reads only what the label gives it."""
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner on import
        import jionlp

    label = _ADDRESS_LABEL.match(text)
    field = text[label.end() :] if label else text
    try:
        parsed = jionlp.parse_location(field, change2new=True)
    except Exception:  # an anchor's crash is its miss, not ours
        return []
    if not any(parsed.get(level) for level in ("province", "city", "county")):
        return []
    return [{"value": parsed["full_location"]}]


# kind → anchor name → (finder, the optional fields it produces)
ANCHORS: dict[str, dict[str, tuple[Finder, frozenset[str]]]] = {
    "phone": {
        "jionlp": (jionlp_phone, frozenset({"region", "e164"})),
        "phonenumbers": (phonenumbers_phone, frozenset({"region", "e164"})),
    },
    "date": {"jionlp": (jionlp_date, frozenset())},
    "amount": {"jionlp": (jionlp_money, frozenset({"currency", "low", "high"}))},
    "address": {"jionlp": (jionlp_address, frozenset())},
}


def _anchor_ready(name: str) -> str | None:
    """None when the anchor's package imports, else why not."""
    module = {"jionlp": "jionlp", "phonenumbers": "phonenumbers"}.get(name, name)
    try:
        __import__(module)
    except ImportError:
        return "not installed (pip install -e '.[bench]')"
    return None


# --- command line -----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="first_sight")
    parser.add_argument("--kind", action="append", help="one kind (repeatable); default: every table")
    parser.add_argument("--no-anchors", action="store_true", help="score guidecrawl only")
    parser.add_argument("--errors", action="store_true", help="list guidecrawl's misses (dev split only)")
    parser.add_argument(
        "--values-only", action="store_true", help="compare values alone, no optional field (region, e164 …)"
    )
    args = parser.parse_args(argv)
    if args.errors and args.split != "dev":
        print("--errors lists dev misses only: first-sight cases are scored, not read", file=sys.stderr)
        return 2
    logging.disable(logging.CRITICAL)  # JioNLP logs its dictionary loading
    try:
        selected = args.kind or kinds()
        tables = {k: load_cases(k, None if args.split == "all" else args.split) for k in selected}
    except SpecError as exc:
        print(f"entity_specs: {exc}", file=sys.stderr)
        return 2
    print(f"split: {args.split}   (value P / R / F1; matched, false, missed)")
    print(f"{'kind':<9}{'cases':>6}{'expected':>9}  {'system':<13}{'P':>6}{'R':>6}{'F1':>7}  tp/fp/fn")
    misses: list[str] = []
    for kind, cases in tables.items():
        systems: list[tuple[str, Finder | None, frozenset[str] | None, str]] = [
            ("guidecrawl", guidecrawl(kind), None, "")
        ]
        if not args.no_anchors:
            for name, (finder, fields) in ANCHORS.get(kind, {}).items():
                why = _anchor_ready(name)
                systems.append((name, None if why else finder, fields, why or ""))
        expected = sum(len(c.expected) for c in cases)
        for name, finder, fields, why in systems:
            head = f"{kind:<9}{len(cases):>6}{expected:>9}  {name:<13}"
            if finder is None:
                print(f"{head}{why}")
                continue
            result = score(cases, finder, frozenset() if args.values_only else fields)
            print(
                f"{head}{result.precision:>6.2f}{result.recall:>6.2f}{result.f1:>7.2f}  "
                f"{result.tp}/{result.fp}/{result.fn}"
            )
            if name == "guidecrawl":
                misses.extend(f"{kind}\t{line}" for line in result.errors)
    if args.errors:
        print()
        print("\n".join(misses) if misses else "no misses")
    return 0


if __name__ == "__main__":
    sys.exit(main())
