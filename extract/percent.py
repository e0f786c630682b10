"""Percentages: `50%`, `百分之五十`, `6‰` (→ 0.6), `万分之五` (→ 0.05), `5个百分点` (a change in points), `60%-70%`.

Value is the number of percent. Fields: `unit` (% / ‰ / 百分点), `change` (true after 提高/增加/降低 …
or for 百分点), `label` (报销比例, 支付比例 …). A percentage never spans a longer digit run.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from extract.entity import Entity
from extract.labels import DATA, vocabulary
from extract.numerals import ARABIC, CHINESE, as_int_or_float, parse_number

_PATTERN = re.compile(
    r"(?=[\d百千万〇零一二两三四五六七八九十])"
    rf"(?:(?<!\d)(?<!\d[.,])(?P<num>{ARABIC})\s?(?P<unit>[%％‰]|个百分点)"
    rf"|百分之(?P<cn>{CHINESE}|{ARABIC})"
    rf"|千分之(?P<cn_permille>{CHINESE}|{ARABIC})"
    rf"|万分之(?P<cn_myriad>{CHINESE}|{ARABIC})"
    rf"|(?P<cn_points>{CHINESE})个百分点)"
)


@cache
def _change_words() -> re.Pattern[str]:
    with open(DATA / "percent_labels.toml", "rb") as f:
        words = tomllib.load(f)["changes"]["words"]
    return re.compile("(?:" + "|".join(map(re.escape, words)) + r")(?:了|为|到)?\s*$")


def find_percents(text: str) -> list[Entity]:
    """Every percentage in `text`, in order."""
    labels = vocabulary("percent_labels")
    changes = _change_words()
    found: list[Entity] = []
    for m in _PATTERN.finditer(text):
        unit = "%"
        if m.group("num"):
            value = parse_number(m.group("num"))
            written = m.group("unit")
            if written == "‰":
                unit = "‰"
            elif written == "个百分点":
                unit = "百分点"
        elif m.group("cn"):
            value = parse_number(m.group("cn"))
        elif m.group("cn_permille"):
            value = parse_number(m.group("cn_permille"))
            unit = "‰"
        elif m.group("cn_myriad"):  # 万分之五: a daily late fee, 0.05 %
            myriad = parse_number(m.group("cn_myriad"))
            value = myriad / 100 if myriad is not None else None
            unit = "‱"
        else:
            value = parse_number(m.group("cn_points"))
            unit = "百分点"
        if value is None:
            continue
        if unit == "‰":
            value = value / 10
        preceding = text[max(0, m.start() - 6) : m.start()]
        fields = {
            "unit": unit,
            "change": unit == "百分点" or bool(changes.search(preceding)),
            "label": labels.before(text, m.start(), stop_at_digits=True),
        }
        found.append(Entity("percent", m.group(0), m.start(), m.end(), as_int_or_float(round(value, 6)), fields))
    return found
