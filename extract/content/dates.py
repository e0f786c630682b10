"""Dates as pages print them (2024-05-13, 2024年5月13日 16:23, 发布时间：…) and their ISO 8601 form."""

from __future__ import annotations

import re
from collections.abc import Iterable

DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?"
    r"(?:\s*T?\s*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?"
)


SIGNING_DATE = re.compile(
    r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*日"
)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])"
)
# (no word boundary after am/pm: a page's text may run on into the next element's, "9:15 pmYes.")
_TIME = r"(?:,?\s*(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([ap])\.?m\.?)?)?"
# An English date as posts and guidance pages print it: "May 1, 2024", "Mon May 01, 2024 10:00 am",
# "01 May 2024, 10:00", "12th March 2024" (day and month names are read, never guessed from numbers).
ENGLISH_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?)"
    rf"\s+((?:19|20)\d{{2}})(?!\d){_TIME}",
    re.IGNORECASE,
)


def iso_date(text: str | None, english: bool = True) -> str | None:
    """The ISO 8601 form of the first date in `text` (with its time when printed): numeric, or with `english` an
    English date where the text has no numeric one."""
    if not text:
        return None
    match = DATE.search(text)
    if not match:
        return _english_iso_date(text) if english else None
    year, month, day, hour, minute, second = match.groups()
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    iso = f"{year}-{int(month):02d}-{int(day):02d}"
    if hour is not None and int(hour) < 24 and int(minute) < 60:
        iso += f"T{int(hour):02d}:{minute}"
        if second is not None:
            iso += f":{second}"
    return iso


def first_iso_date(texts: Iterable[str | None]) -> str | None:
    """The first numeric date of `texts` in order, else the first English one: a machine-written value
    (`2019-11-18T16:54:19Z` in a meta tag or `<time datetime>`) before a date printed in words for readers."""
    texts = list(texts)
    for english in (False, True):
        for text in texts:
            if iso := iso_date(text, english=english):
                return iso
    return None


DATE_LABEL = re.compile(r"(发布|發布|发表|發表|更新|日期|时间|時間|发文|成文)[^:：\d]{0,4}[:：]?\s*")


CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)|\d+\s*(分钟|小时|天)前|(昨天|前天|今天)")


def _english_iso_date(text: str) -> str | None:
    match = ENGLISH_DATE.search(text)
    if match is None:
        return None
    first_month, first_day, second_day, second_month, year, hour, minute, second, half = match.groups()
    month = _MONTHS.index((first_month or second_month).lower()[:3]) + 1
    day = int(first_day or second_day)
    if not 1 <= day <= 31:
        return None
    iso = f"{year}-{month:02d}-{day:02d}"
    if hour is not None and int(hour) < 24 and int(minute) < 60:
        clock = int(hour)
        if half is not None and clock <= 12:
            clock = clock % 12 + (12 if half.lower() == "p" else 0)
        iso += f"T{clock:02d}:{minute}"
        if second is not None:
            iso += f":{second}"
    return iso
