"""Percentages: `50%`, `百分之五十`, `6‰` (→ 0.6), `万分之五` (→ 0.05), `5个百分点` (a change in points), `60%-70%`,
shares in tenths (`七成` → 70, `九折` → 90, `75折` → 75) and text spaced out by PDF extraction (`百 分 之 2.4`).

A range gives both ends, whether the unit is written twice or once (`5-10%`, `二至三成`, `百分之三十至四十`).

Value is the number of percent (negative after 负 or a minus sign: `百分之负三点八`, `-3.8%`). Fields: `unit`
(% / ‰ / ‱ / 百分点 / 成 / 折, as written), `change` (true after 提高/增加/降低 … or for 百分点), `label` (报销比例,
支付比例 …). A percentage never spans a longer digit run, and an estimate between two numbers (百分之二三十,
两三个百分点) is no percentage. Linear in its input: the numerals are taken whole (see extract/numerals.py).
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
_RANGE_WORD = r"(?:至|到|[-—–~～－])"
# the other end of a range written once with 百分之: 百分之三十至四十 (not 百分之五到百分之十: two whole ends)
_SECOND_END = re.compile(rf"{_GAP}{_RANGE_WORD}{_GAP}(?P<high>{ARABIC}|{CHINESE_SPACED})(?![%％‰个]|{_GAP}分{_GAP}之)")
# the first end of a range whose unit is written once, after the second: 5-10%, 二至三成, 2到3个百分点
_FIRST_END = re.compile(
    rf"(?<![0-9.,%％‰])(?<![0-9][.,])(?:(?P<arabic>{ARABIC})|(?P<chinese>{CHINESE_SPACED})){_GAP}{_RANGE_WORD}{_GAP}\Z"
)
_BEFORE_SECOND_END = re.compile(rf"{_RANGE_WORD} {{0,3}}\Z")
# 负3.9%, 下降了-3.8%: a minus sign against the digits, not a range dash after a number or a share (5-10%, 5%-10%)
# (matched on the two characters before the number)
_MINUS = re.compile(r"[^0-9A-Za-z%％‰.)）]?[-－−]\Z")
_FIRST_END_REACH = 40  # the longest first end: a spaced Chinese numeral, its gaps and the range word


def _spaced(word: str) -> str:
    return _GAP.join(map(re.escape, word))


@cache
def _parts() -> dict[str, tuple[int, str]]:
    """百 → (100, %), 千 → (1000, ‰) …: the fractions written in words (data: percent_labels.toml [parts])."""
    with open(DATA / "percent_labels.toml", "rb") as f:
        parts = tomllib.load(f)["parts"]
    return {word: (int(p["denominator"]), str(p["unit"])) for word, p in parts.items()}


_NUMBER = rf"(?:{ARABIC}|{CHINESE_SPACED})"
# 百分之二三十, 七八成: two neighbouring digit words, an estimate
_ESTIMATE = re.compile(r"[一二两三四五六七八九][二三四五六七八九][十百千]")
# 两三个百分点, 三四成: two consecutive digit words alone are an estimate too (not 七五折, 75 %; not the decimals of
# 一百一十一点一一二)
_CONSECUTIVE_ALONE = re.compile(r"([一二两三四五六七八])([二两三四五六七八九])")
_DIGIT_WORD_VALUES = {c: i for i, c in enumerate("一二三四五六七八九", start=1)} | {"两": 2}


@cache
def _pattern() -> re.Pattern[str]:
    with open(DATA / "percent_labels.toml", "rb") as f:
        not_after = tomllib.load(f)["tenths"]["not_after"]
    parts = "|".join(_spaced(p) for p in sorted(_parts(), key=len, reverse=True))
    tenth_units = f"(?:成|折)(?![{''.join(not_after)}])"
    return re.compile(
        r"(?=[-\d百千万十亿〇零一二两三四五六七八九壹贰叁肆伍陆柒捌玖拾佰仟萬億负打半])"
        r"(?P<negative>负 ?)?"
        # never the decimals of a number (1.5%), nor those of one written without its 0 (.5%: no reading is safe)
        rf"(?:(?<![\d.．])(?<!\d[,，])(?!0\d)(?P<num>{ARABIC}){_UNIT_GAP}(?P<unit>[%％‰]|{_spaced('个百分点')})"
        rf"|(?P<part>{parts}){_GAP}分{_GAP}之{_GAP}(?P<part_negative>负{_GAP})?(?P<cn>{_NUMBER})"
        rf"|(?P<cn_points>{CHINESE_SPACED}){_UNIT_GAP}(?:{_spaced('个百分点')}|(?P<cn_sign>[%％‰]))"
        # two digits spaced out by PDF extraction count hundredths too: 7 2 折
        rf"|(?<!\d)(?<!\d[.,])(?<!\d )(?P<tenths>\d \d(?![\d.])|{_NUMBER}|半){_GAP}(?P<tenth_unit>{tenth_units})"
        rf"(?P<tenths_tail>(?:[一二三四五六七八九]|(?<=成)半)(?![{_CN_CHARS}]))?"
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
    pair = _CONSECUTIVE_ALONE.fullmatch(written)
    if pair and _DIGIT_WORD_VALUES[pair.group(2)] == _DIGIT_WORD_VALUES[pair.group(1)] + 1:
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
        denominator, unit = _parts()[m.group("part").replace(" ", "")]
        value = _number(m.group("cn"))
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
        written_tail = m.group("tenths_tail")
        tail = 5 if written_tail == "半" else parse_number(written_tail) if written_tail else 0  # 两成半 → 25
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
        start = m.start()
        if m.group("negative") or m.group("part_negative"):
            value = -value
        elif m.group("num") and _MINUS.match(text, max(0, start - 2), start):
            value, start = -value, start - 1  # 下降了-3.8%
        preceding = text[max(0, m.start() - 6) : m.start()]
        fields = {
            "unit": unit,
            "change": unit == "百分点" or bool(changes.search(preceding)),
            "label": labels.before(text, m.start(), stop_at_digits=True),
        }
        first = _first_end(text, m, value, fields)
        if first is not None and (not found or found[-1].end <= first.start):
            found.append(first)
        found.append(Entity("percent", text[start : m.end()], start, m.end(), as_int_or_float(round(value, 6)), fields))
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


def _first_end(text: str, m: re.Match[str], value: float, fields: dict[str, object]) -> Entity | None:
    """The low end of a range written with its unit once, after the high end: `5-10%` → 5, `二至三成` → 20.

    The low end is written like the high end (digits with digits, a numeral with a numeral) and takes its unit.
    """
    written = m.group("num") or m.group("cn_points") or m.group("tenths")
    if not written or m.group("negative") or written == "半":
        return None
    if not _BEFORE_SECOND_END.search(text, max(0, m.start() - 4), m.start()):
        return None  # the cheap test first: a range word right before the high end
    low = _FIRST_END.search(text, max(0, m.start() - _FIRST_END_REACH), m.start())
    if low is None:
        return None
    high_arabic = written.strip()[0].isdigit()
    low_written = low.group("arabic") if high_arabic else low.group("chinese")
    low_value = _number(low_written) if low_written else None
    high_value = _number(written)
    if low_value is None or not high_value or not 0 < low_value < high_value:
        return None
    span = low.start("arabic" if high_arabic else "chinese"), low.end("arabic" if high_arabic else "chinese")
    scaled = as_int_or_float(round(low_value * value / high_value, 6))
    return Entity("percent", text[slice(*span)], *span, scaled, dict(fields))
