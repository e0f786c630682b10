"""Numbers as written in guide text: Arabic (`1,200`, `3.5`), Chinese (`三十五`, `二〇二五`) and mixed (`3.5万`).

Shared by the amount, percent and date parsers. This module only reads numbers; it never decides what a
number means (money, a share, a year): that is the caller's business.
"""

from __future__ import annotations

import re
from functools import lru_cache

# 大写 numerals of receipts and fee schedules (人民币贰仟元整), read as the ordinary ones
CAPITALS = "壹贰叁肆伍陆柒捌玖拾佰仟"
FORMAL_MYRIADS = "萬億"  # 肆佰叁拾萬圆整: the traditional forms of 万/亿, on receipts in any script
CHINESE_DIGITS = "〇零一二三四五六七八九"
# Every character a Chinese numeral may hold: digits, 两, place words up to 亿, and the capitals.
CHINESE_NUMERAL_CHARS = "〇零一二两三四五六七八九十百千万亿" + CAPITALS + FORMAL_MYRIADS
MULTIPLIERS: dict[str, float] = {"十": 10, "百": 100, "千": 1_000, "万": 10_000, "亿": 100_000_000}

# Regex fragments the parsers compose. Every fragment is linear in its input, whatever surrounds it: a
# numeral is taken whole or not at all (possessive quantifiers, never backtracked into), it starts where its
# run of numeral characters starts, and its length is capped. A run longer than any real number (an ID
# number, a row of 十十十…) is no number at all. (Nested or adjacent unbounded quantifiers over the same
# characters made the amount parser take 98 s on 300 × 十; a finditer that rescans a run from each of its
# positions made the percent parser quadratic.)
MAX_INTEGER_DIGITS = 13  # 9,999,999,999,999: beyond that a digit run is an ID, account or phone number
MAX_DECIMALS = 6
MAX_CHINESE_CHARS = 20  # 一亿二千三百四十五万六千七百八十九 has 17
# Thousands are grouped by commas (1,200) or, as GB/T 15835 allows, by a (thin) space (1 200, 50 000); the
# finders never start a number at a leading 0, so the 000 of 1 000 is not read alone.
ARABIC = (
    rf"(?>\d{{1,3}}(?:[,，]\d{{3}}){{1,4}}+(?![,，]?\d)(?:\.\d{{1,{MAX_DECIMALS}}}+)?"
    rf"|\d{{1,3}}(?: \d{{3}}){{1,4}}+(?! ?\d)(?:\.\d{{1,{MAX_DECIMALS}}}+)?"
    rf"|\d{{1,{MAX_INTEGER_DIGITS}}}+(?:\.\d{{1,{MAX_DECIMALS}}}+)?)(?![\d])"
)
_CN = CHINESE_NUMERAL_CHARS
CHINESE = (
    rf"(?<![{_CN}])[{_CN}]{{1,{MAX_CHINESE_CHARS}}}+(?![{_CN}])"
    rf"(?:点[{CHINESE_DIGITS}{CAPITALS[:9]}]{{1,{MAX_DECIMALS}}}+(?![{CHINESE_DIGITS}{CAPITALS[:9]}]))?"
)
# The same with up to three spaces between any two characters: text taken from PDFs spaces them out
# (一 百 五 十, 四点 五). Still linear: every repetition is bounded and possessive.
_GAP = " {0,3}+"
_DECIMAL_DIGITS = CHINESE_DIGITS + CAPITALS[:9]
CHINESE_SPACED = (
    rf"(?<![{_CN}])(?<![{_CN}] )[{_CN}](?:{_GAP}[{_CN}]){{0,{MAX_CHINESE_CHARS - 1}}}+(?!{_GAP}[{_CN}])"
    rf"(?:{_GAP}点{_GAP}[{_DECIMAL_DIGITS}](?:{_GAP}[{_DECIMAL_DIGITS}]){{0,{MAX_DECIMALS - 1}}}+"
    rf"(?!{_GAP}[{_DECIMAL_DIGITS}]))?"
)
_FROM_CAPITALS = str.maketrans(CAPITALS + FORMAL_MYRIADS, "一二三四五六七八九十百千万亿")

_ARABIC_RE = re.compile(rf"(?:{ARABIC})\Z")
_DIGIT_BY_CHAR = {"〇": 0, "零": 0} | {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


@lru_cache(maxsize=4096)
def parse_number(text: str) -> float | None:
    """The value of one written number, or None when it is not one.

    `1,200` → 1200, `3.5万` → 35000, `三十五万` → 350000, `二〇二五` → 2025 (digit by digit).
    """
    text = text.strip().translate(_FROM_CAPITALS)
    if not text:
        return None
    if _ARABIC_RE.match(text):
        return float(text.replace(",", "").replace("，", "").replace(" ", ""))
    head = re.match(rf"({ARABIC})([十百千万亿]+)\Z", text)
    if head:
        value = float(head.group(1).replace(",", "").replace("，", ""))
        for char in head.group(2):
            value *= MULTIPLIERS[char]
        return value
    if all(c in _DIGIT_BY_CHAR for c in text) and len(text) > 1 and "两" not in text:
        # 二〇二五, 一九九八: digit-by-digit reading (years, numbers read out)
        return float("".join(str(_DIGIT_BY_CHAR[c]) for c in text))
    return _parse_chinese(text)


_SMALL_UNITS = {"十": 10, "百": 100, "千": 1_000}


def _chinese_integer(text: str) -> int | None:
    """三十五万 → 350000, 一万二千 → 12000, 二十五 → 25 (positional units; no decimals)."""
    total = section = number = 0
    for char in text:
        if char in _DIGIT_BY_CHAR or char == "两":
            number = 2 if char == "两" else _DIGIT_BY_CHAR[char]
        elif char in _SMALL_UNITS:
            section += (number or 1) * _SMALL_UNITS[char]
            number = 0
        elif char == "万":
            total += (section + number) * 10_000
            section = number = 0
        elif char == "亿":
            total = (total + section + number) * 100_000_000
            section = number = 0
        else:
            return None
    return total + section + number


def _parse_chinese(text: str) -> float | None:
    if "点" not in text:
        value = _chinese_integer(text)
        return float(value) if value is not None else None
    import cn2an  # decimals (三点五): only when actually met; cn2an is slow to call

    try:
        value = cn2an.cn2an(text.replace("两", "二"), "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


def as_int_or_float(value: float) -> int | float:
    """2.0 → 2, 2.5 → 2.5: canonical JSON values without a spurious `.0`."""
    return int(value) if float(value).is_integer() else value
