"""Money amounts in yuan: `3.5万元`, `1,200元/人·年`, `三十五万元`, `每人每年不低于580元`, `2000—5000元`, `上万元`.

Value is the number of yuan (a range's value is its low end, with `low`/`high`). Fields: `unit` (CNY), `per`,
`qualifier`, `label`, and `vague` for 上万元-style estimates. This module never reads foreign currency
(美元, 港元) or words like 元旦/元月 as money, and never takes a number glued to a longer digit run.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from extract.entity import Entity
from extract.labels import DATA, vocabulary
from extract.numerals import ARABIC, CAPITALS, CHINESE, MULTIPLIERS, as_int_or_float, parse_number

_NUM = rf"(?:{ARABIC}|{CHINESE})"
# A Chinese numeral must hold a digit word: 万元 alone is no amount.
_DIGIT_WORDS = frozenset("〇零一二两三四五六七八九十" + CAPITALS[:10])
_RANGE_DASH = r"[-—–~～至到]"


@dataclass(frozen=True, slots=True)
class AmountRules:
    pattern: re.Pattern[str]
    per_prefix: dict[str, str]
    per_suffix: dict[str, str]
    range_end: frozenset[str]  # qualifiers that may close a range: (含)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def rules() -> AmountRules:
    with open(DATA / "amount_labels.toml", "rb") as f:
        data = tomllib.load(f)
    per_prefix = dict(data["per"]["prefix"])
    per_suffix = dict(data["per"]["suffix"])
    qual_before = _alternation(data["qualifiers"]["before"])
    qual_after = _alternation(data["qualifiers"]["after"])
    verbs = _alternation(data["qualifiers"]["verbs"])
    prefix = _alternation(list(per_prefix))
    suffix = _alternation(list(per_suffix))
    words = data["qualifiers"]["before"] + list(per_prefix) + ["人民币", "上", "近", "逾", "¥", "￥"]
    first = "".join(sorted({w[0] for w in words} | set("0123456789〇零一二两三四五六七八九十百千万亿" + CAPITALS)))
    pattern = re.compile(
        rf"(?=[{re.escape(first)}])(?:"
        rf"(?:(?P<q1>{qual_before})(?P<p1>{prefix})?|(?P<p2>{prefix})(?:的)?(?:{verbs}){{0,2}}(?P<q2>{qual_before})?)?"
        # one space may stand between the parts (text from PDFs and some CMSs: 每人每年 420 元, 20 万元)
        r"(?:人民币)? ?"
        rf"(?<!\d)(?<!\d[.,])(?P<num>{_NUM}) ?(?P<mult>[十百千万亿]{{0,2}}+)"
        r"(?P<approx>余|多)?"
        rf"(?: ?(?P<dash>{_RANGE_DASH}) ?(?P<num2>{_NUM}) ?(?P<mult2>[十百千万亿]{{0,2}}+))? ?"
        rf"(?P<unit>(?:{_alternation(data['units']['money'])})(?!{_alternation(data['not_money']['after'])})"
        # 一年约400块: the colloquial 块 only where the clause ends (3块电池 counts pieces)
        rf"|{_alternation(data['units']['clause_end'])}(?![\u4e00-\u9fffA-Za-z0-9]))"
        rf"(?:(?:/|每)(?P<p3>{suffix}))?"
        rf"(?P<q3>{qual_after})?"
        # vague estimates: 上万元, 近千元 (a magnitude, no digits)
        r"|(?P<vague>上|近|逾)(?P<vmult>[百千万亿])元"
        # the yuan sign: ¥500, ￥1,200.50
        rf"|[¥￥]\s?(?P<sign_num>{ARABIC})(?P<sign_mult>[万亿]?)(?:元)?"
        # 元 left out after 万/亿 (一次性生育补贴2.5万): money only after an amount label, at the end of a clause
        rf"|(?<!\d)(?<!\d[.,])(?P<bare_num>{ARABIC})(?P<bare_mult>[万亿])"
        rf"(?:(?P<bare_q>{_alternation(data['qualifiers']['bare_after'])})|(?![\u4e00-\u9fffA-Za-z0-9%％‰]))"
        ")"
    )
    return AmountRules(pattern, per_prefix, per_suffix, frozenset(data["qualifiers"]["range_end"]))


def _value(num: str, mult: str) -> float | None:
    if not num[0].isdigit() and not _DIGIT_WORDS.intersection(num):
        return None
    value = parse_number(num)
    if value is None:
        return None
    for char in mult:
        value *= MULTIPLIERS[char]
    # 39.66亿 is 3965999999.9999995 in binary floating point: yuan are kept to the fen
    return round(value, 2) if mult else value


def find_amounts(text: str) -> list[Entity]:
    """Every yuan amount in `text`, in order."""
    r = rules()
    labels = vocabulary("amount_labels")
    found: list[Entity] = []
    for m in r.pattern.finditer(text):
        if m.group("vague"):
            value = MULTIPLIERS[m.group("vmult")]
            fields = {"unit": "CNY", "per": None, "qualifier": m.group("vague"), "vague": True}
            fields["label"] = labels.before(text, m.start(), stop_at_digits=True)
            found.append(Entity("amount", m.group(0), m.start(), m.end(), as_int_or_float(value), fields))
            continue
        if m.group("bare_num"):
            label = labels.before(text, m.start(), stop_at_digits=True)
            bare = _value(m.group("bare_num"), m.group("bare_mult"))
            if label is None or bare is None:
                continue
            fields = {"unit": "CNY", "per": None, "qualifier": m.group("bare_q"), "label": label, "unit_written": False}
            found.append(Entity("amount", m.group(0), m.start(), m.end(), as_int_or_float(bare), fields))
            continue
        if m.group("sign_num"):
            signed = _value(m.group("sign_num"), m.group("sign_mult"))
            if signed is None:
                continue
            fields = {"unit": "CNY", "per": None, "qualifier": None}
            fields["label"] = labels.before(text, m.start(), stop_at_digits=True)
            found.append(Entity("amount", m.group(0), m.start(), m.end(), as_int_or_float(signed), fields))
            continue
        num_start = m.start("num")
        if num_start > 0 and text[num_start - 1].isdigit():
            continue
        low = _value(m.group("num"), m.group("mult"))
        if low is None:
            continue
        high = _value(m.group("num2"), m.group("mult2")) if m.group("num2") else None
        if high is not None and m.group("mult2") and not m.group("mult"):
            # 3-5万元: the multiplier written once applies to both ends
            low = _value(m.group("num"), m.group("mult2"))
        if low is None or (high is not None and high < low):
            continue
        per = None
        for key in ("p1", "p2"):
            if m.group(key):
                per = r.per_prefix[m.group(key)]
        if m.group("p3"):
            per = r.per_suffix[m.group("p3")]
        qualifier = m.group("q1") or m.group("q2") or m.group("q3") or m.group("approx")
        fields = {
            "unit": "CNY",
            "per": per,
            "qualifier": qualifier,
            "label": labels.before(text, m.start(), stop_at_digits=True),
        }
        if high is not None:
            fields["low"] = as_int_or_float(low)
            fields["high"] = as_int_or_float(high)
        found.append(Entity("amount", m.group(0), m.start(), m.end(), as_int_or_float(low), fields))
    return _ranges_of_whole_amounts(text, found)


_BETWEEN_ENDS = re.compile(rf"\s?{_RANGE_DASH}\s?\Z")


def _ranges_of_whole_amounts(text: str, found: list[Entity]) -> list[Entity]:
    """`2万元至3万元`, `2000元—5000元`: two whole amounts joined by a range word are one range."""
    out: list[Entity] = []
    for entity in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and 0 < entity.start - prev.end <= 3
            and _BETWEEN_ENDS.match(text, prev.end, entity.start)
            and "high" not in prev.fields
            and "high" not in entity.fields
            and not prev.fields.get("vague")
            and not entity.fields.get("vague")
            and entity.fields.get("qualifier") in (None, *rules().range_end)
            and prev.value < entity.value
        ):
            fields = {
                **prev.fields,
                "per": entity.fields["per"] or prev.fields["per"],
                "qualifier": prev.fields["qualifier"] or entity.fields["qualifier"],
                "low": prev.value,
                "high": entity.value,
            }
            out[-1] = Entity("amount", text[prev.start : entity.end], prev.start, entity.end, prev.value, fields)
            continue
        out.append(entity)
    return out
