"""Days that recur every month: `每月15日`, `每月的二十五号`, `每月1日至20日`, `次月5日`, `the 15th of each month`.

Yearly ones (`每年9月1日至12月31日`) are calendar dates read by `calendar.py`; the word before them makes them
recur (see `extract/date/__init__.py`).
"""

from __future__ import annotations

import re

from extract.date.calendar import CN_DAY, DAY
from extract.date.grammar import Grammar
from extract.date.point import Point, num
from extract.date.vocabulary import alt, words


def _monthly(m: re.Match[str]) -> list[Point]:
    day = num(m.group("md") or m.group("emd"))
    last_day = num(m.group("md2")) if m.group("md2") else None
    if day and 1 <= day <= 31 and (last_day is None or day < last_day <= 31):
        return [Point(m.start("monthly"), m.end("monthly"), day=day, kind="monthly", extra=last_day)]
    return []


def grammars() -> list[Grammar]:
    w = words()
    day_any = rf"(?<!\d)(?:{DAY})|{CN_DAY}"
    return [
        Grammar(
            "monthly",
            # 每月15日, 每月的二十五号; 每月10-17日: the first day may go without its 日 when a range follows
            rf"(?:{alt(w.monthly)})(?:的)? ?(?P<md>{day_any})"
            rf"(?: ?[日号]|(?=\s?(?:至|到|-|—|~)\s?(?:{day_any}) ?[日号]))"
            rf"(?:\s?(?:至|到|-|—|~)\s?(?P<md2>{day_any}) ?[日号])?"
            # the 15th of each month, the 1st day of every month
            rf"|(?<![A-Za-z\d])(?i:the\s)?(?P<emd>[12]\d|3[01]|0?[1-9])(?i:st|nd|rd|th)\s(?i:day\s)?(?i:{alt(w.english_monthly)})",
            _monthly,
        ),
    ]
