"""Dates, ranges, recurring periods, office hours and clock times in Chinese (and English) guide text.

Named sub-grammars, each with its vocabulary in extract/data/date_words.toml:
`clock.py` (office hours, clock times: `周一至周五8:30-17:30`, `晚上十二点`, `五点一刻`, `17:55:23`, `2:00pm`),
`calendar.py` (numeric, ROC, compact, Chinese, two-digit-year, English, yearless, month and year ranges) and
`recurring.py` (`每月15日`, `次月5日`, `the 15th of each month`). This module joins what they find: a date and
the clock time glued to it are one moment, two dates (or moments) around a connector are a range — never one that
ends before it starts — and a word before a date (每年) makes it recur.

Values are ISO 8601 (`2025-01-05`, `2025-01`, `2025`, `2025-Q1`, `2009-04-27T10:20`, yearless `--01-05`,
day of month `---15`); a range is `start/end` with `range_start`/`range_end` fields; office hours and clock times
are `08:30/17:30` (fields `weekdays` 1-5, `range_start`, `range_end`) and `16:30` (field `time`). A yearless date
is given the page's year when the page date is known (`year_inferred`), except a recurring one, which stays
yearless; a two-digit year (`15年3月2日`) is read against a pivot and flagged (`year_two_digit`).
Never read: relative words without a numeral (今年, 年底前), durations (3个月, 270天), ages (60周岁), decimals
(二十七点三), version numbers.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

from extract.date import calendar, clock, recurring
from extract.date.first_chars import stored_first_chars
from extract.date.grammar import Grammar, Reader, joined, scan
from extract.date.point import Point, iso, subkind, valid
from extract.date.vocabulary import DateWords, alt, words
from extract.entity import RANGE_FIELDS, Entity, PageContext
from extract.labels import LabelVocabulary, vocabulary

__all__ = ["DateWords", "find_dates", "words"]


@cache
def _grammars() -> list[Grammar]:
    by_name = {g.name: g for g in clock.grammars() + calendar.grammars() + recurring.grammars()}
    order = [
        *("office_hours", "english_office_hours", "english", "numeric", "year_last", "spaced", "roc_numeric"),
        *("compact", "dotted_range"),
        *("year_month", "chinese", "month_range", "monthly", "month_day_clock", "dot_day", "yearless"),
        *("quarter", "year_range", "bare_year", "period_time", "plain_hours", "spoken_time", "glued_time"),
        *("marked_time", "labelled_time", "bare_day"),
    ]
    if sorted(order) != sorted(by_name):
        raise RuntimeError(f"every date grammar needs its place in the order: {sorted(set(by_name) ^ set(order))}")
    return [by_name[name] for name in order]


@cache
def _pattern() -> re.Pattern[str]:
    return joined(_grammars(), _first_test(), stored_first_chars(_grammars()))


def _first_test() -> str:
    w = words()
    months = alt(list(w.english_months))
    weekdays = alt(sorted(w.english_weekdays, key=len, reverse=True))
    first_letters, second_letters = _english_letters()
    # every grammar starts like one of these: a cheap first test before the long alternation (no grammar starts
    # inside a run of digits, so a digit after a digit is passed over at once)
    starts = {word[0] for word in (*w.roc_prefixes, *w.periods, *w.day_sets)}
    starts |= set("每周星礼第次两(（" + first_letters + clock.CN)
    first = (
        rf"(?=[\d{re.escape(''.join(sorted(starts)))}])"  # one character class: most positions fail here at once
        rf"(?:(?<!\d)(?=\d)|(?=[每周星礼]|第[一二三四1-4]季|次月|两千|{alt(w.roc_prefixes)}|[(（][每周星礼]"
        rf"|{alt(list(w.day_sets))}"
        rf"|{alt(w.periods)}|[{clock.CN}]{{1,4}}[年月点季日号时]"
        rf"|(?=[{first_letters}][{second_letters}])(?i:{months}|{weekdays}|the\s)))"
    )
    return first


@cache
def _english_letters() -> tuple[str, str]:
    """The first and the second letters of the English month and weekday words and `the`, in both cases.

    The first test looks at two letters before the case-insensitive word list, which it tries word by word:
    English text holds many words that start like a month (a, do, of, the …)."""
    english = [*words().english_months, *words().english_weekdays, "the"]
    first, second = (
        "".join(sorted({case(word[i]) for word in english for case in (str.lower, str.upper)})) for i in (0, 1)
    )
    return first, second


@cache
def _readers() -> dict[str, Reader]:
    return {g.name: g.read for g in _grammars()}


def _points(text: str) -> list[Point]:
    return scan(_pattern(), _readers(), text)


def _is_date(p: Point) -> bool:
    return p.kind == "date" and (p.month is not None or p.year is not None) and not p.quarter


def find_dates(text: str, context: PageContext | None = None) -> list[Entity]:
    """Every date, range, recurring period, office-hours span and clock time in `text`, in order."""
    labels = vocabulary("date_words")
    return [_labelled(text, e, labels) for e in _find_dates(text, context)]


def _labelled(text: str, entity: Entity, labels: LabelVocabulary) -> Entity:
    label = labels.before(text, entity.start, stop_at_digits=True)
    if label is None:
        return entity
    return Entity(entity.kind, entity.text, entity.start, entity.end, entity.value, {**entity.fields, "label": label})


def _range_end(left: Point, right: Point) -> Point | None:
    """The right end of a range as a date: a bare day or a clock time takes what it lacks from the left end."""
    if right.kind == "day" and left.day is not None and left.month is not None and left.hour is None:
        return replace(right, year=left.year, month=left.month, kind="date", two_digit_year=left.two_digit_year)
    if right.kind == "time" and left.day is not None and left.hour is not None:
        hour, minute = (int(x) for x in right.extra["time"].split(":")[:2])
        return replace(left, start=right.start, end=right.end, hour=hour, minute=minute, second=None)
    if _is_date(right) and (left.hour is None or right.hour is not None):
        return right
    return None


def _moments(text: str, points: list[Point]) -> list[Point]:
    """A day and the clock time right after it are one moment: 2024年1月5日上午9点, 9月26日17:00, 2024年10月8日
    （星期二）上午9:00 (the day's own weekday between them); a day and the hours right after it (12月15日
    09:00-18:00) a moment and the clock time that ends it, read as a range — unless the day closes a range of
    days, whose hours hold on each of them."""
    out: list[Point] = []
    spans_of: Point | None = None  # the day whose hours were just read: a second span after a comma is its too
    for p in points:
        last = out[-1] if out else None
        if spans_of is not None and last is not None and _second_span(text, last, p):
            out.append(replace(spans_of, start=p.start, end=p.start))
            last = out[-1]
        spans_of = None
        if last is None or not _glued_to_day(text, last, p):
            out.append(p)
            continue
        if p.kind == "time" or "end" not in p.extra:
            clock_time = p.extra["time"] if p.kind == "time" else p.extra["start"]
            hour, minute = (int(x) for x in clock_time.split(":")[:2])
            second = int(clock_time[6:]) if len(clock_time) > 5 else None
            out[-1] = replace(last, end=p.end, hour=hour, minute=minute, second=second)
            continue
        to = _CLOCK_TO.search(text, p.start, p.end)
        if to is None or _ends_a_range(text, out):
            out.append(p)
            continue
        hour, minute = (int(x) for x in p.extra["start"].split(":")[:2])
        out[-1] = replace(last, end=to.start(), hour=hour, minute=minute)
        out.append(Point(to.end(), p.end, kind="time", extra={"time": p.extra["end"]}))
        spans_of = replace(last, hour=None, minute=None, second=None)
    return out


def _second_span(text: str, end_of_first: Point, p: Point) -> bool:
    """Hours right after a day's first span, past a comma (2024年12月15日 8:30-12:00，14:00-17:00): the afternoon
    of the same day."""
    return (
        p.kind == "hours"
        and "end" in p.extra
        and "weekdays" not in p.extra
        and _SPAN_BREAK.fullmatch(text[end_of_first.end : p.start]) is not None
    )


_SPAN_BREAK = re.compile(r"\s?[,，、;；]?\s?(?:和|及)?\s?")


def _glued_to_day(text: str, day: Point, p: Point) -> bool:
    """`p` is a clock time or hours right after a day without a time of its own; hours that name weekdays only when
    they name one, the day's own (a list or a range of weekdays is a schedule, not this day)."""
    if day.kind != "date" or day.day is None or day.hour is not None:
        return False
    if p.start - day.end > 1 or text[day.end : p.start].strip():
        return False
    if p.kind == "time":
        return True
    return p.kind == "hours" and str(p.extra.get("weekdays", "0")).isdigit()


def _ends_a_range(text: str, out: list[Point]) -> bool:
    """The last point closes a range of days (11月15日-12月15日): hours after it are each day's, not one span."""
    if len(out) < 2:
        return False
    return words().connector.fullmatch(text[out[-2].end : out[-1].start]) is not None


# where the end of a span of hours begins (09:00-18:00, 上午8:30至下午5:00)
_CLOCK_TO = re.compile(rf"(?<=[\d点时分半刻整])\s?{clock.CLOCK_TO}\s?")


def _find_dates(text: str, context: PageContext | None) -> list[Entity]:
    w = words()
    points = _moments(text, _points(text))
    page_year = context.published.year if context and context.published else None
    found: list[Entity] = []
    i = 0
    while i < len(points):
        p = points[i]
        before = text[max(0, p.start - 8) : p.start]
        yearly_word = w.yearly_before.search(before)
        yearly_start = p.start - len(before) + yearly_word.start() if yearly_word else None
        if p.kind == "day":
            listed = _listed_day(text, points[i - 1] if i else None, found, p)  # 1月5日、6日: a listed day
            if listed is not None:
                points[i] = listed  # the next bare day of the list (、7日) follows this one
                found.append(_single(text, listed, page_year, None))
        elif p.kind in ("hours", "time"):
            found.append(_clock_entity(text, p))
        elif p.kind == "monthly":
            found.append(_monthly_entity(text, p))
        elif p.kind == "year_range":
            start = str(p.year) if p.month is None else f"{p.year}-{p.month:02d}"
            fields: dict[str, Any] = {"subkind": "range", "range_start": start, "range_end": str(p.extra)}
            found.append(Entity("date", text[p.start : p.end], p.start, p.end, f"{start}/{p.extra}", fields))
        elif p.kind == "month_range":
            first, last = (Point(p.start, p.end, year=p.year, month=m) for m in (p.month, p.extra))
            entity = _range(text, first, last, p.start, p.end, page_year, bool(yearly_word), next_year=False)
            found.extend([entity] if entity else [])
        else:
            nxt = points[i + 1] if i + 1 < len(points) else None
            weekday = _weekday_note().match(text, p.end, nxt.start) if nxt else None  # 1月1日（周一）至1月5日
            gap = w.connector.fullmatch(text, weekday.end() if weekday else p.end, nxt.start) if nxt else None
            range_end = nxt.end if nxt else 0
            if nxt and gap is None and w.between.match(text[p.end : nxt.start]):
                # 2007年与2009年之间: a range when 之间 closes it
                closing = w.between_after.match(text, nxt.end)
                gap, range_end = (closing, closing.end()) if closing else (None, 0)
            end_point = _range_end(p, nxt) if nxt and gap and _is_date(p) else None
            if nxt and gap and end_point is not None:
                entity = _range(
                    text,
                    p,
                    end_point,
                    p.start,
                    range_end,
                    page_year,
                    # 1月1日至当年12月31日: a yearly cycle when yearless, the start's year when it has one
                    bool(yearly_word) or any(word in text[p.end : nxt.start] for word in w.same_year),
                    bool(gap.groupdict().get("next")),
                    yearly_start,
                    gap.groupdict().get("reading"),
                )
                if entity is not None:
                    found.append(entity)
                    i += 2
                    continue
            found.append(_single(text, p, page_year, yearly_start))
        i += 1
    return found


@cache
def _weekday_note() -> re.Pattern[str]:
    """A weekday in brackets after a day (2024年1月1日（周一）): the day's own, no part of a range's connector."""
    w = words()
    return re.compile(rf"\s?[(（]{w.weekday_prefix}{w.weekday_note_day}[)）]")


# between the days of a list: 1月5日、6日和7日 (not a comma: 2024年1月5日，3日内 counts days)
_LIST_BREAK = re.compile(r"\s?[、和及]\s?")


def _listed_day(text: str, before: Point | None, found: list[Entity], day: Point) -> Point | None:
    """A bare day (6日) listed right after a single day of a month (2024年1月5日、6日): that month's day."""
    if before is None or before.kind != "date" or before.day is None or before.hour is not None:
        return None
    if not found or found[-1].end != before.end or "range_start" in found[-1].fields:
        return None  # the day before closed a range, or was read as something else
    if _LIST_BREAK.fullmatch(text, before.end, day.start) is None or not valid(before.year, before.month, day.day):
        return None
    if day.day is None or before.day >= day.day or text.startswith(words().counted_days_after, day.end):
        return None  # a list of days runs forward; 1月5日和3日内 counts days
    return replace(before, start=day.start, end=day.end, day=day.day, qualifier=None)


def _clock_entity(text: str, p: Point) -> Entity:
    """Office hours `08:30/17:30` (fields weekdays, range_start, range_end) or a clock time `16:30` (field time)."""
    parts: dict[str, str] = p.extra
    fields: dict[str, Any] = {"subkind": p.kind}
    fields.update((RANGE_FIELDS.get(key, key), item) for key, item in parts.items())
    if p.kind == "time":
        value = parts["time"]
    else:
        value = f"{parts['start']}/{parts['end']}" if "end" in parts else parts["start"]
    return Entity("date", text[p.start : p.end], p.start, p.end, value, fields)


def _monthly_entity(text: str, p: Point) -> Entity:
    value = f"---{p.day:02d}"
    fields: dict[str, Any] = {"subkind": "recurring", "recurring": "monthly"}
    if p.extra:  # 每月1日至20日
        fields["range_start"], fields["range_end"] = value, f"---{p.extra:02d}"
        value = f"{value}/---{p.extra:02d}"
    return Entity("date", text[p.start : p.end], p.start, p.end, value, fields)


def _single(text: str, p: Point, page_year: int | None, yearly_start: int | None = None) -> Entity:
    if yearly_start is not None and p.year is None and p.month is not None:
        # 每年12月25日: a yearly date, kept yearless
        fields: dict[str, Any] = {"subkind": "recurring", "recurring": "yearly"}
        return Entity("date", text[yearly_start : p.end], yearly_start, p.end, iso(p), fields)
    fields = {"subkind": subkind(p)}
    if p.qualifier:
        fields["qualifier"] = p.qualifier
    if p.two_digit_year:
        fields["year_two_digit"] = True
    if p.year is None and page_year is not None and (p.month is not None or p.quarter):
        # 次年1月1日, 去年12月: a relative year word with a numeral date moves the page year
        relative = words().relative_before.search(text, max(0, p.start - 4), p.start)
        shift = words().relative_years[relative.group(1)] if relative else 0
        p = replace(p, year=page_year + shift)
        fields["year_inferred"] = True
    return Entity("date", text[p.start : p.end], p.start, p.end, iso(p), fields)


def _range(
    text: str,
    left: Point,
    right: Point,
    start: int,
    end: int,
    page_year: int | None,
    yearly: bool,
    next_year: bool,
    yearly_start: int | None = None,
    reading_year: str | None = None,
) -> Entity | None:
    """A range entity, or None when its end would come before its start (two separate dates then). An end dated
    from the moment of writing (到今年4月) takes the page year moved by the word, or stays yearless."""
    if reading_year is not None and right.year is None:
        if page_year is not None:
            right = replace(right, year=page_year + words().relative_years[reading_year])
        if left.year is None and right.year is not None:
            # 去年12月到今年4月: the start's own word moves the page year; none puts it before the end
            relative = words().relative_before.search(text, max(0, left.start - 4), left.start)
            after = (left.month or 0, left.day or 0) > (right.month or 12, right.day or 31)
            year = page_year + words().relative_years[relative.group(1)] if relative and page_year else None
            left = replace(left, year=year if year is not None else right.year - (1 if after else 0))
        a, b = iso(left), iso(right)
        fields: dict[str, Any] = {"subkind": "range", "range_start": a, "range_end": b}
        if page_year is not None:
            fields["year_inferred"] = True
        if left.year is not None and right.year is not None and _ends_before(a, b):
            return None
        return Entity("date", text[start:end], start, end, f"{a}/{b}", fields)
    if right.year is None and left.year is not None and right.month is not None:
        right = replace(right, year=left.year + (1 if next_year else 0), two_digit_year=left.two_digit_year)
    elif left.year is None and right.year is not None and left.month is not None and not yearly:
        # 1 January to 31 March 2024, 11月1日至2025年1月31日: the start is in the end's year, or the year before
        after = (left.month, left.day or 0) > (right.month or 12, right.day or 31)
        left = replace(left, year=right.year - (1 if after else 0))
    recurring = left.year is None and right.year is None and (yearly or next_year)
    fields = {"subkind": "recurring" if recurring else "range"}
    if recurring:
        fields["recurring"] = "yearly"
        if yearly_start is not None:
            start = yearly_start  # the span includes 每年(的)
    elif left.year is None and page_year is not None:
        left = replace(left, year=page_year)
        later = (right.month or 0, right.day or 0) < (left.month or 0, left.day or 0)
        right = replace(right, year=page_year + 1 if later or next_year else page_year) if right.year is None else right
        fields["year_inferred"] = True
    a, b = iso(left), iso(right)
    if left.year is not None and right.year is not None and _ends_before(a, b):
        return None
    if left.two_digit_year or right.two_digit_year:
        fields["year_two_digit"] = True
    fields["range_start"], fields["range_end"] = a, b
    return Entity("date", text[start:end], start, end, f"{a}/{b}", fields)


def _ends_before(a: str, b: str) -> bool:
    """2024-05-01/2024-03: the end, cut to the coarser of the two, sorts before the start."""
    width = min(len(a), len(b))
    return b[:width] < a[:width]
