"""A date-like mention before ranges are built, and its ISO 8601 writing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from extract.numerals import parse_number


@dataclass(frozen=True, slots=True)
class Point:
    """One date, clock time or period found by a grammar, with its span in the text."""

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    quarter: int | None = None
    qualifier: str | None = None
    # date | hours | time | monthly | month_range | year_range | day (a bare day, only as a range's end)
    kind: str = "date"
    extra: Any = None
    two_digit_year: bool = False


def num(text: str | None) -> int | None:
    """An integer written in digits or Chinese numerals (二十五, 〇八), else None."""
    if text is None:
        return None
    value = parse_number(text)
    return int(value) if value is not None else None


def valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        try:
            dt.date(year or 2000, month or 1, day)  # 2000: a leap year, so --02-29 passes
        except ValueError:
            return False
    return True


def clock_text(hour: int, minute: int | None, second: int | None = None) -> str:
    out = f"{hour:02d}:{minute or 0:02d}"
    return out + f":{second:02d}" if second is not None else out


def iso(p: Point) -> str:
    if p.year is None:
        if p.quarter:
            return f"--Q{p.quarter}"
        if p.month is None:
            return f"---{p.day:02d}" if p.day else ""
        if p.day is None:
            return f"--{p.month:02d}"
        clock = f"T{clock_text(p.hour, p.minute, p.second)}" if p.hour is not None else ""
        return f"--{p.month:02d}-{p.day:02d}{clock}"
    if p.quarter:
        return f"{p.year}-Q{p.quarter}"
    if p.month is None:
        return f"{p.year}"
    if p.day is None:
        return f"{p.year}-{p.month:02d}"
    out = f"{p.year}-{p.month:02d}-{p.day:02d}"
    if p.hour is not None:
        out += f"T{clock_text(p.hour, p.minute, p.second)}"
    return out


def subkind(p: Point) -> str:
    if p.year is None:
        return "quarter" if p.quarter else "partial"
    if p.quarter:
        return "quarter"
    if p.month is None:
        return "year"
    if p.day is None:
        return "month"
    return "datetime" if p.hour is not None else "date"
