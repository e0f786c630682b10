"""Percentages: `50%`, `百分之五十`, `6‰` (→ 0.6), `万分之五` (→ 0.05), `5个百分点` (a change in points), `60%-70%`,
shares in tenths (`七成` → 70, `九折` → 90, `75折` → 75) and text spaced out by PDF extraction (`百 分 之 2.4`).

Value is the number of percent (negative after 负). Fields: `unit` (% / ‰ / ‱ / 百分点 / 成 / 折, as written),
`change` (true after 提高/增加/降低 … or for 百分点), `label` (报销比例, 支付比例 …). A percentage never spans a
longer digit run, and an estimate between two numbers (百分之二三十) is no percentage. Linear in its input: the
numerals are taken whole (see extract/numerals.py).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from extract.entity import Entity
from extract.labels import DATA, vocabulary
from extract.numerals import ARABIC, CHINESE_NUMERAL_CHARS, CHINESE_SPACED, as_int_or_float, parse_number

_GAP = " {0,3}+"
# between a number and its unit a PDF's justified line leaves a wider gap (一百五十    个百分点), still capped
_UNIT_GAP = " {0,8}+"
_CN_CHARS = CHINESE_NUMERAL_CHARS
# the other end of a range written once with 百分之: 百分之三十至四十
_SECOND_END = re.compile(rf"{_GAP}(?:至|到|[-—–~～]){_GAP}(?P<high>{ARABIC}|{CHINESE_SPACED})(?![%％‰个])")


def _spaced(word: str) -> str:
    return _GAP.join(map(re.escape, word))


# 百分之 → %, 千分之 → ‰, 万分之 → ‱, and any other power of ten (百万分之五 → 0.0005 %)
_PER_PARTS = {
    "百": 100,
    "佰": 100,
    "千": 1_000,
    "仟": 1_000,
    "万": 10_000,
    "十万": 100_000,
    "百万": 1_000_000,
    "千万": 10_000_000,
    "亿": 10**8,
}
_PART_UNITS = {"百": "%", "佰": "%", "千": "‰", "仟": "‰", "万": "‱"}
_NUMBER = rf"(?:{ARABIC}|{CHINESE_SPACED})"
# 百分之二三十, 七八成: two neighbouring digit words, an estimate
_ESTIMATE = re.compile(r"[一二两三四五六七八九][二三四五六七八九][十百千]")


@cache
def _pattern() -> re.Pattern[str]:
    with open(DATA / "percent_labels.toml", "rb") as f:
        not_after = tomllib.load(f)["tenths"]["not_after"]
    parts = "|".join(_spaced(p) for p in sorted(_PER_PARTS, key=len, reverse=True))
    tenth_units = f"(?:成|折)(?![{''.join(not_after)}])"
    return re.compile(
        r"(?=[-\d百千万十亿〇零一二两三四五六七八九壹贰叁肆伍陆柒捌玖拾佰仟萬億负打半])"
        r"(?P<negative>负 ?)?"
        rf"(?:(?<!\d)(?<!\d[.,])(?!0\d)(?P<num>{ARABIC}){_UNIT_GAP}(?P<unit>[%％‰]|{_spaced('个百分点')})"
        rf"|(?P<part>{parts}){_GAP}分{_GAP}之{_GAP}(?P<cn>{_NUMBER})"
        rf"|(?P<cn_points>{CHINESE_SPACED}){_UNIT_GAP}(?:{_spaced('个百分点')}|(?P<cn_sign>[%％‰]))"
        # two digits spaced out by PDF extraction count hundredths too: 7 2 折
        rf"|(?<!\d)(?<!\d[.,])(?<!\d )(?P<tenths>\d \d(?![\d.])|{_NUMBER}|半){_GAP}(?P<tenth_unit>{tenth_units})"
        rf"(?P<tenths_tail>[一二三四五六七八九](?![{_CN_CHARS}]))?"
        rf"|打对(?P<halved>折))"
    )


@cache
def _change_words() -> re.Pattern[str]:
    with open(DATA / "percent_labels.toml", "rb") as f:
        words = tomllib.load(f)["changes"]["words"]
    return re.compile("(?:" + "|".join(map(re.escape, words)) + r")(?:了|为|到)?\s*$")


def _number(written: str) -> float | None:
    written = written.replace(" ", "")
    if _ESTIMATE.search(written):
        return None
    return 0.5 if written == "半" else parse_number(written)


def _read(m: re.Match[str]) -> tuple[float | None, str]:
    """The number of percent a match states, and its unit as written."""
    if m.group("num"):
        written = m.group("unit").replace(" ", "")
        unit = {"‰": "‰", "个百分点": "百分点"}.get(written, "%")
        value = _number(m.group("num"))
        return (value / 10 if value is not None and unit == "‰" else value), unit
    if m.group("part"):
        denominator = _PER_PARTS[m.group("part").replace(" ", "")]
        value = _number(m.group("cn"))
        unit = _PART_UNITS.get(m.group("part").replace(" ", ""), "%")
        return (value * 100 / denominator if value is not None else None), unit
    if m.group("cn_points"):
        if m.group("cn_sign") == "‰":
            value = _number(m.group("cn_points"))
            return (value / 10 if value is not None else None), "‰"
        return _number(m.group("cn_points")), "%" if m.group("cn_sign") else "百分点"
    if m.group("halved"):
        return 50, "折"
    unit = m.group("tenth_unit")
    value = _number(m.group("tenths"))
    if value is None:
        return None, unit
    if unit == "成":
        # 七成 is 70 %, 十成 all of it, 八成五 85 %; more than ten tenths is no share
        tail = parse_number(m.group("tenths_tail")) if m.group("tenths_tail") else 0
        return (value * 10 + (tail or 0) if value <= 10 else None), unit
    # 九折 → 90, 八点五折 → 85, 75折 / 五五折 → 75 / 55: one digit counts tenths, two count hundredths
    if value < 10:
        return value * 10, unit
    # two digits are written one by one (五五折, 75折): 十折 or 10折 is no discount
    written_ten = "十" in m.group("tenths") or value % 10 == 0
    return (value if value < 100 and float(value).is_integer() and not written_ten else None), unit


def find_percents(text: str) -> list[Entity]:
    """Every percentage in `text`, in order."""
    labels = vocabulary("percent_labels")
    changes = _change_words()
    found: list[Entity] = []
    for m in _pattern().finditer(text):
        value, unit = _read(m)
        if value is None:
            continue
        if m.group("negative"):
            value = -value
        preceding = text[max(0, m.start() - 6) : m.start()]
        fields = {
            "unit": unit,
            "change": unit == "百分点" or bool(changes.search(preceding)),
            "label": labels.before(text, m.start(), stop_at_digits=True),
        }
        found.append(Entity("percent", m.group(0), m.start(), m.end(), as_int_or_float(round(value, 6)), fields))
        second = _SECOND_END.match(text, m.end()) if m.group("part") else None
        high = _number(second.group("high")) if second is not None else None
        low_written = _number(m.group("cn")) if m.group("part") else None
        if second is not None and high is not None and low_written:
            high *= value / low_written  # the same parts as the low end (千分之三到五: 0.3 and 0.5)
            if high > value:
                span = second.start("high"), second.end("high")
                found.append(
                    Entity("percent", text[slice(*span)], *span, as_int_or_float(round(high, 6)), dict(fields))
                )
    return found
