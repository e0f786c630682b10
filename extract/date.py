"""Dates, ranges, recurring periods, office hours and clock times in Chinese guide text.

Reads `2025年1月5日`, `2025.1.5`, `2025-01-05`, `二〇二五年一月五日`, `民国98年`, `2009-4-27 10:20`, yearless
`1月5日` / `7月份` / `四季度`, ranges `2024年11月至2025年1月5日` / `1-10月`, recurring `每年9月1日至12月31日` /
`每月15日`, office hours `周一至周五8:30-17:30`, and clock times after a period word (`下午4点30分`).

Values are ISO 8601 (`2025-01-05`, `2025-01`, `2025`, `2025-Q1`, `2009-04-27T10:20`, yearless `--01-05`,
day of month `---15`); a range is `start/end` with `start`/`end` fields; office hours and clock times are
(`08:30/17:30` with fields `weekdays` 1-5, `start`, `end`; `16:30` with field `time`). A yearless date is given the
page's year when the page date is known (`year_inferred`), except a recurring one, which stays yearless.
Never read: relative words without a numeral (今年, 年底前), durations (3个月), ages (60周岁).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from extract.entity import RANGE_FIELDS, Entity, PageContext
from extract.labels import DATA, LabelVocabulary, vocabulary
from extract.numerals import parse_number

_CN = "〇零一二两三四五六七八九十"
_MONTH = r"1[0-2]|0?[1-9]"
_DAY = r"3[01]|[12]\d|0?[1-9]"
_CN_MONTH = r"十[一二]?|[一二三四五六七八九]"
_CN_DAY = r"三十一?|三十|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_YEAR = r"(?:19|20)\d{2}"
_CN_YEAR = r"[〇零一二三四五六七八九]{4}"
_BARE_YEAR = r"19[5-9]\d|20[0-4]\d"
# a clock time glued to a date, unless it opens office hours (12月15日 09:00-18:00: a day, then its hours)
# between the two clock times of a range; a doubled dash too (8:30--12:00, 8:30——12:00)
_CLOCK_TO = r"(?:-{1,2}|—{1,2}|–|~|～|至|到)"
_NOT_HOURS = rf"(?!\s?{_CLOCK_TO}\s?(?:[01]?\d|2[0-4])[:：])"


@dataclass(frozen=True, slots=True)
class DateWords:
    weekdays: dict[str, int]
    morning: tuple[str, ...]
    afternoon: tuple[str, ...]
    noon: tuple[str, ...]
    night: tuple[str, ...]
    connector: re.Pattern[str]
    yearly_before: re.Pattern[str]
    monthly: tuple[str, ...]
    year_qualifiers: tuple[str, ...]
    english_months: dict[str, int]
    relative_years: dict[str, int]
    relative_before: re.Pattern[str]
    clock_after: tuple[str, ...]


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def words() -> DateWords:
    with open(DATA / "date_words.toml", "rb") as f:
        data = tomllib.load(f)
    ranges = data["ranges"]
    connector = re.compile(
        rf"\s*(?:开始|起)?\s*(?:{_alt(ranges['connectors'])})\s*"
        rf"(?:(?P<next>{_alt(ranges['next_year'])})|当年|本年|同年|[\u4e00-\u9fff]{{0,6}}?)(?:的)?\s*\Z"
    )
    return DateWords(
        weekdays=dict(data["weekdays"]),
        morning=tuple(data["periods"]["morning"]),
        afternoon=tuple(data["periods"]["afternoon"]),
        noon=tuple(data["periods"]["noon"]),
        night=tuple(data["periods"]["night"]),
        connector=connector,
        yearly_before=re.compile(rf"(?:{_alt(ranges['yearly'])})(?:的)?\s*\Z"),
        monthly=tuple(ranges["monthly"]),
        year_qualifiers=tuple(ranges["year_qualifiers"]),
        english_months={name.lower(): number for name, number in data["english_months"].items()},
        relative_years=dict(data["relative_years"]),
        relative_before=re.compile(rf"({_alt(list(data['relative_years']))})(?:的)?\s?\Z"),
        clock_after=tuple(data["clock"]["after"]),
    )


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    w = words()
    period = _alt(w.morning + w.afternoon + w.noon)
    clock = (
        rf"(?:(?:{period})\s?)?(?:[01]?\d|2[0-4])(?:[:：](?:[0-5]\d)(?!\d)|点(?:半|[0-5]?\d分?|[{_CN}]+分)?|时(?:[0-5]?\d分)?)"
        rf"|(?:(?:{period})\s?)?[{_CN}]{{1,3}}点(?:半|[{_CN}]+分)?"
    )
    weekday = r"(?:周|星期|礼拜)"
    # every alternative starts like one of these: a cheap first test before the long alternation
    periods = _alt(w.morning + w.afternoon + w.noon)
    months = _alt(list(w.english_months))
    first = (
        rf"(?=\d|[每周星礼民第]|[(（][每周星礼]|{periods}|[{_CN}]{{1,4}}[年月点季]|(?=[JFMASONDjfmasond])(?i:{months}))"
    )
    atom = re.compile(
        rf"{first}(?:"
        # office hours: 周一至周五8:30-17:30, 每周二至周末早上七点半
        # (工作日（周一至周五）上午9:00, 每周一、三、五上午9:00, 周六周日9:00: a closing bracket, a list of days)
        rf"(?P<hours>[(（]?每?{weekday}(?P<w1>[一二三四五六日天末])(?:\s?(?:至|到|-|—|~)\s?{weekday}?(?P<w2>[一二三四五六日天末])"
        rf"|(?P<wlist>(?:[、,，和及/]{weekday}?[一二三四五六日天末]|{weekday}[一二三四五六日天末])+))?"
        # (周一至周五（法定节假日除外）上午8:30: a bracketed note between the days and the time)
        rf"(?:的)?[)）]?(?:[(（][^()（）\d]{{1,12}}[)）])?[:：,，\s]*(?P<t1>{clock})(?:\s?{_CLOCK_TO}\s?(?P<t2>{clock}))?)"
        # English: January 5, 2025 / Jan. 5 2025 / 5 January 2025
        rf"|(?<![A-Za-z])(?=[JFMASONDjfmasond])(?i:(?P<em>{months}))\.?\s(?P<ed>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?,?\s(?P<ey>{_YEAR})(?!\d)"
        rf"|(?<![\dA-Za-z])(?P<ed2>[12]\d|3[01]|0?[1-9])\s(?i:(?P<em2>{months}))\.?,?\s(?P<ey2>{_YEAR})(?!\d)"
        # numeric: 2025-01-05, 2025.1.5, 2009-4-27 10:20[:00]
        rf"|(?<![\d.:/\-])(?P<ny>{_YEAR})(?P<sep>[-/.])(?P<nm>{_MONTH})(?P=sep)(?P<nd>{_DAY})(?![\d%])"
        rf"(?:(?:\s{{1,2}}|T)(?P<nH>[01]?\d|2[0-3])[:：](?P<nM>[0-5]\d)(?:[:：](?P<nS>[0-5]\d))?(?!\d){_NOT_HOURS})?"
        # a year and a two-digit month: 所属期：2026-04 (not 2026-4, not 2019-2020, not 2026-04-08)
        rf"|(?<![\d.:/\-])(?P<ymy>{_YEAR})-(?P<ymm>0[1-9]|1[0-2])(?![\d\-./:：%])"
        # Chinese: 2025年1月5日, 二〇二五年一月五日, 民国98年, 2020年第一季度, 2008年底, 2013年度
        rf"|(?P<cy>(?<!\d){_YEAR}|{_CN_YEAR}|民国(?:\d{{1,3}}|[{_CN}]{{1,4}}))\s?年"
        rf"(?: ?(?P<cq>第?[一二三四1-4])季度|(?P<cqq>[Qq][1-4])(?![\dA-Za-z])"
        rf"| ?(?P<cmr1>{_MONTH}) ?(?:-|—|~|至|到) ?(?P<cmr2>{_MONTH}) ?月(?!份?\d)"
        rf"| ?(?P<cm>(?<!\d)(?:{_MONTH})|{_CN_MONTH}|元) ?月份?"
        rf"(?: ?(?P<cd>(?:{_DAY})|{_CN_DAY}) ?[日号](?:\s?(?P<cH>[01]?\d|2[0-3])[:：](?P<cM>[0-5]\d){_NOT_HOURS})?)?"
        # 年中/年初 only as time words, not 2023年中法双边…, 2019年中药…, 2024年初步…
        rf"|(?P<cyq>底|末|[中初](?=[前后以期时起,，。;；、)）\s]|\Z)|上半年|下半年)|度)?"
        # month ranges without year: 1-10月 (第1-12月 counts months of a benefit, not dates)
        rf"|(?<![\d.\-第])(?P<mr1>{_MONTH})\s?(?:-|—|~|至|到)\s?(?P<mr2>{_MONTH}) ?月(?!份?\d)"
        # day of every month: 每月15日, 每月的二十五号
        # (每月10-17日: the first day may go without its 日 when a range follows)
        rf"|(?P<every>{_alt(w.monthly)})(?:的)? ?(?P<md>(?<!\d)(?:{_DAY})|{_CN_DAY})"
        rf"(?: ?[日号]|(?=\s?(?:至|到|-|—|~)\s?(?:(?:{_DAY})|{_CN_DAY}) ?[日号]))"
        rf"(?:\s?(?:至|到|-|—|~)\s?(?P<md2>(?<!\d)(?:{_DAY})|{_CN_DAY}) ?[日号])?"
        # yearless: 1月5日, 7月份, 十二月三十一日
        rf"|(?<!\d)(?<!\d[-—~])(?P<ym>{_MONTH}) ?月份?(?:(?P<ymq>底|初|末)"
        rf"|(?: ?(?P<yd>{_DAY}) ?[日号]"
        rf"(?:\s?(?P<yH>[01]?\d|2[0-4])(?:[:：](?P<yM>[0-5]\d){_NOT_HOURS}|时(?!\d)))?)?)(?![\d])"
        rf"|(?<![\u4e00-\u9fff])(?P<ycm>{_CN_MONTH})月(?P<ycd>{_CN_DAY})[日号]"
        # yearless quarter: 四季度, 第三季度
        rf"|(?<![年\d])第?(?P<yq>[一二三四1-4])季度"
        # year ranges and bare years: 2001-2013, 2025四川…
        # year ranges with one 年: 2023-2025年, 2023—2025年度
        rf"|(?<![\d.:/\-A-Za-z])(?P<yr1>{_YEAR})\s?(?:-|—|~|至|到)\s?(?P<yr2>{_YEAR})年度?"
        rf"|(?<![\d.:/A-Za-z+])(?<![\dA-Za-z]-)(?P<by1>{_BARE_YEAR})(?:\s?(?:-|—|~|至|到)\s?(?P<by2>{_BARE_YEAR}))?"
        r"(?![\d.%‰:/\-]|\s?[元万亿千百人个件次岁号家名多余户条台年月日期项款批位分秒])"
        # clock time after a period word: 下午4点30分, 上午9:00
        rf"|(?P<time>(?:{period})\s?(?:(?:[01]?\d|2[0-4])(?:[:：][0-5]\d(?!\d)|点(?:半|[0-5]?\d分?|[{_CN}]+分)?)|[{_CN}]{{1,3}}点(?:半|[{_CN}]+分)?))"
        rf"(?:\s?{_CLOCK_TO}\s?(?P<time2>{clock}))?"
        # plain opening hours: 8:30-17:30
        # (办公时间:9:00-12:00: a label's colon before the hours is no part of a longer time)
        rf"|(?<!\d)(?<!\d[:：])(?P<oh1>[01]?\d|2[0-3])[:：](?P<oh1m>[0-5]\d)\s?{_CLOCK_TO}\s?(?P<oh2>[01]?\d|2[0-4])[:：](?P<oh2m>[0-5]\d)(?![\d:：])"
        # a bare clock time before 前/后/开始 …: 在7:15前到达, 从13:30开始
        rf"|(?<![\d:：.])(?P<bt>(?:[01]?\d|2[0-3])[:：][0-5]\d)(?![\d:：])(?=\s?(?:{_alt(w.clock_after)}))"
        ")"
    )
    clock_parts = re.compile(
        rf"(?P<period>{period})?\s?(?P<h>\d{{1,2}}|[{_CN}]{{1,3}})(?:[:：](?P<m>\d{{2}})|点(?:(?P<half>半)|(?P<pm>\d{{1,2}}|[{_CN}]+)分?)?|时(?:(?P<tm>\d{{1,2}})分)?)?"
    )
    return atom, clock_parts


@dataclass(frozen=True, slots=True)
class _Point:
    """One date or date-like mention before ranges are built."""

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
    kind: str = "date"  # date | hours | time | monthly | month_range | year_range
    extra: Any = None


def _num(text: str | None) -> int | None:
    if text is None:
        return None
    value = parse_number(text)
    return int(value) if value is not None else None


def _clock(text: str) -> str | None:
    w = words()
    _, parts = _patterns()
    m = parts.fullmatch(text.strip())
    if not m:
        return None
    hour = _num(m.group("h"))
    minute = 30 if m.group("half") else _num(m.group("m") or m.group("pm") or m.group("tm")) or 0
    if hour is None or hour > 24 or minute > 59:
        return None
    period = m.group("period")
    # 晚上一点 is one in the night, 晚上八点 eight in the evening; 下午/中午 always shift
    night_shift = period in w.afternoon and (6 <= hour < 12 or (hour < 6 and period not in w.night))
    if night_shift or (period in w.noon and hour < 3):
        hour += 12
    return f"{hour:02d}:{minute:02d}"


def _later(start: str | None, end: str | None) -> str | None:
    """The end of a range of clock times, read after its start.

    上午8:30-12:00, 早10点至晚5点: an end before the start that would fall after it twelve hours later is an
    afternoon hour written without (or with an ambiguous) period word.
    """
    if start and end and end < start and int(end[:2]) < 12:
        return f"{int(end[:2]) + 12:02d}{end[2:]}"
    return end


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        try:
            dt.date(year or 2000, month or 1, day)  # 2000: a leap year, so --02-29 passes
        except ValueError:
            return False
    return True


def _points(text: str) -> list[_Point]:
    atom, _ = _patterns()
    w = words()
    points: list[_Point] = []
    year: int | None
    month: int | None
    day: int | None
    hour: int | None
    minute: int | None
    for m in atom.finditer(text):
        g = m.groupdict()
        s, e = m.start(), m.end()
        if g["hours"]:
            first = w.weekdays[g["w1"]]
            last = w.weekdays[g["w2"]] if g["w2"] else None
            start_time = _clock(g["t1"])
            end_time = _later(start_time, _clock(g["t2"])) if g["t2"] else None
            if start_time is None:
                continue
            days = "6-7" if g["w1"] == "末" and not last and not g["wlist"] else str(first)  # 周末 alone: Sat–Sun
            if last:
                days = f"{first}-{last}"
            elif g["wlist"]:
                days = ",".join([days] + [str(w.weekdays[c]) for c in re.findall(r"[一二三四五六日天末]", g["wlist"])])
            value: dict[str, str] = {"weekdays": days, "start": start_time}
            if end_time:
                value["end"] = end_time
            points.append(_Point(s, e, kind="hours", extra=value))
        elif g["em"] or g["em2"]:
            month = w.english_months[(g["em"] or g["em2"]).lower()]
            day, year = int(g["ed"] or g["ed2"]), int(g["ey"] or g["ey2"])
            if _valid(year, month, day):
                points.append(_Point(s, e, year, month, day))
        elif g["ny"]:
            year, month, day = int(g["ny"]), int(g["nm"]), int(g["nd"])
            if not _valid(year, month, day):
                continue
            hour = int(g["nH"]) if g["nH"] else None
            minute = int(g["nM"]) if g["nM"] else None
            second = int(g["nS"]) if g["nS"] else None
            points.append(_Point(s, e, year, month, day, hour, minute, second))
        elif g["ymy"]:
            points.append(_Point(s, e, int(g["ymy"]), int(g["ymm"])))
        elif g["cy"] and g["cmr1"]:  # 2024年1-6月
            year, first, last = _num(g["cy"]), int(g["cmr1"]), int(g["cmr2"])
            if year and 1900 <= year <= 2100 and first < last <= 12:
                points.append(_Point(s, e, year=year, month=first, kind="month_range", extra=last))
        elif g["cy"]:
            raw_year = g["cy"]
            if raw_year.startswith("民国"):
                roc = _num(raw_year[2:])
                year = roc + 1911 if roc else None
            else:
                year = _num(raw_year)
            if year is None or not 1900 <= year <= 2100:
                continue
            month = (1 if g["cm"] == "元" else _num(g["cm"])) if g["cm"] else None
            day = _num(g["cd"]) if g["cd"] else None
            if not _valid(year, month, day):
                continue
            quarter = _num(g["cq"].lstrip("第")) if g["cq"] else (int(g["cqq"][1]) if g["cqq"] else None)
            qualifier = None
            if g["cyq"]:
                qualifier = "年" + g["cyq"] if g["cyq"] in "底初末中" else g["cyq"]
            hour = int(g["cH"]) if g["cH"] else None
            minute = int(g["cM"]) if g["cM"] else None
            points.append(_Point(s, e, year, month, day, hour, minute, quarter=quarter, qualifier=qualifier))
        elif g["mr1"]:
            first, last = int(g["mr1"]), int(g["mr2"])
            if first < last:
                points.append(_Point(s, e, month=first, kind="month_range", extra=last))
        elif g["every"]:
            day = _num(g["md"])
            last_day = _num(g["md2"]) if g["md2"] else None
            if day and 1 <= day <= 31 and (last_day is None or day < last_day <= 31):
                points.append(_Point(s, e, day=day, kind="monthly", extra=last_day))
        elif g["ym"] or g["ycm"]:
            month = _num(g["ym"] or g["ycm"])
            day = _num(g["yd"] or g["ycd"]) if (g["yd"] or g["ycd"]) else None
            if _valid(None, month, day):
                hour = int(g["yH"]) if g["yH"] else None
                minute = int(g["yM"]) if g["yM"] else None
                qualifier = "月" + g["ymq"] if g["ymq"] else None
                points.append(_Point(s, e, month=month, day=day, hour=hour, minute=minute, qualifier=qualifier))
        elif g["yq"]:
            points.append(_Point(s, e, quarter=_num(g["yq"])))
        elif g["yr1"]:
            if int(g["yr2"]) > int(g["yr1"]):
                points.append(_Point(s, e, year=int(g["yr1"]), kind="year_range", extra=int(g["yr2"])))
        elif g["by1"]:
            if g["by2"]:
                if int(g["by2"]) > int(g["by1"]):
                    points.append(_Point(s, e, year=int(g["by1"]), kind="year_range", extra=int(g["by2"])))
            else:
                points.append(_Point(s, e, year=int(g["by1"])))
        elif g["time"]:
            clock = _clock(g["time"])
            until = _clock(g["time2"]) if g["time2"] else None
            if clock and until:
                until = _later(clock, until)
                points.append(_Point(s, e, kind="hours", extra={"start": clock, "end": until}))
            elif clock:
                points.append(_Point(s, e, kind="time", extra={"time": clock}))
        elif g["bt"]:
            clock = _clock(g["bt"])
            if clock:
                points.append(_Point(s, e, kind="time", extra={"time": clock}))
        elif g["oh1"]:
            start_time = f"{int(g['oh1']):02d}:{g['oh1m']}"
            end_time = f"{int(g['oh2']):02d}:{g['oh2m']}"
            if end_time > start_time:
                points.append(_Point(s, e, kind="hours", extra={"start": start_time, "end": end_time}))
    return points


def _iso(p: _Point) -> str:
    if p.year is None:
        if p.quarter:
            return f"--Q{p.quarter}"
        if p.month is None:
            return f"---{p.day:02d}" if p.day else ""
        if p.day is None:
            return f"--{p.month:02d}"
        clock = f"T{p.hour:02d}:{p.minute or 0:02d}" if p.hour is not None else ""
        return f"--{p.month:02d}-{p.day:02d}{clock}"
    if p.quarter:
        return f"{p.year}-Q{p.quarter}"
    if p.month is None:
        return f"{p.year}"
    if p.day is None:
        return f"{p.year}-{p.month:02d}"
    out = f"{p.year}-{p.month:02d}-{p.day:02d}"
    if p.hour is not None:
        out += f"T{p.hour:02d}:{p.minute or 0:02d}"
        if p.second is not None:
            out += f":{p.second:02d}"
    return out


def _subkind(p: _Point) -> str:
    if p.year is None:
        return "quarter" if p.quarter else "partial"
    if p.quarter:
        return "quarter"
    if p.month is None:
        return "year"
    if p.day is None:
        return "month"
    return "datetime" if p.hour is not None else "date"


def _is_date(p: _Point) -> bool:
    return p.kind == "date" and (p.month is not None or p.year is not None) and not p.quarter


def _with_year(p: _Point, year: int) -> _Point:
    return replace(p, year=year)


def find_dates(text: str, context: PageContext | None = None) -> list[Entity]:
    """Every date, range, recurring period, office-hours span and clock time in `text`, in order."""
    labels = vocabulary("date_words")
    return [_labelled(text, e, labels) for e in _find_dates(text, context)]


def _labelled(text: str, entity: Entity, labels: LabelVocabulary) -> Entity:
    label = labels.before(text, entity.start, stop_at_digits=True)
    if label is None:
        return entity
    return Entity(entity.kind, entity.text, entity.start, entity.end, entity.value, {**entity.fields, "label": label})


def _find_dates(text: str, context: PageContext | None) -> list[Entity]:
    w = words()
    points = _points(text)
    page_year = context.published.year if context and context.published else None
    found: list[Entity] = []
    i = 0
    while i < len(points):
        p = points[i]
        before = text[max(0, p.start - 8) : p.start]
        yearly_word = w.yearly_before.search(before)
        yearly = bool(yearly_word)
        if p.kind == "hours" or p.kind == "time":
            found.append(_clock_entity(text, p))
        elif p.kind == "monthly":
            value = f"---{p.day:02d}"
            fields: dict[str, Any] = {"subkind": "recurring", "recurring": "monthly"}
            if p.extra:  # 每月1日至20日
                fields["range_start"], fields["range_end"] = value, f"---{p.extra:02d}"
                value = f"{value}/---{p.extra:02d}"
            found.append(Entity("date", text[p.start : p.end], p.start, p.end, value, fields))
        elif p.kind == "year_range":
            start, end = str(p.year), str(p.extra)
            fields = {"subkind": "range", "range_start": start, "range_end": end}
            found.append(Entity("date", text[p.start : p.end], p.start, p.end, f"{start}/{end}", fields))
        elif p.kind == "month_range":
            left = _Point(p.start, p.end, year=p.year, month=p.month)
            right = _Point(p.start, p.end, year=p.year, month=p.extra)
            found.append(_range(text, left, right, p.start, p.end, page_year, yearly, next_year=False))
        else:
            nxt = points[i + 1] if i + 1 < len(points) else None
            glued = nxt is not None and nxt.start - p.end <= 1 and not text[p.end : nxt.start].strip()
            if nxt and glued and nxt.kind == "time" and p.kind == "date" and p.day is not None and p.hour is None:
                # 2024年1月5日上午9点: one moment, not a date and a time
                hour, minute = (int(x) for x in nxt.extra["time"].split(":"))
                points[i + 1] = replace(p, end=nxt.end, hour=hour, minute=minute)
                i += 1
                continue
            gap = w.connector.match(text[p.end : nxt.start]) if nxt else None
            # a range joins two dates, or two moments (2026年9月20日9:00至9月26日17:00), not a moment and a day
            if nxt and gap and _is_date(p) and _is_date(nxt) and (p.hour is None or nxt.hour is not None):
                found.append(
                    _range(
                        text,
                        p,
                        nxt,
                        p.start,
                        nxt.end,
                        page_year,
                        yearly,
                        bool(gap.group("next")) or _cycle(text[p.end : nxt.start]),
                        p.start - len(before) + yearly_word.start() if yearly_word else None,
                    )
                )
                i += 2
                continue
            found.append(
                _single(text, p, page_year, yearly_word.start() + p.start - len(before) if yearly_word else None)
            )
        i += 1
    return found


def _clock_entity(text: str, p: _Point) -> Entity:
    """Office hours `08:30/17:30` (fields weekdays, range_start, range_end) or a clock time `16:30` (field time)."""
    parts: dict[str, str] = p.extra
    fields: dict[str, Any] = {"subkind": p.kind}
    fields.update((RANGE_FIELDS.get(key, key), item) for key, item in parts.items())
    if p.kind == "time":
        value = parts["time"]
    else:
        value = f"{parts['start']}/{parts['end']}" if "end" in parts else parts["start"]
    return Entity("date", text[p.start : p.end], p.start, p.end, value, fields)


def _cycle(gap: str) -> bool:
    return "当年" in gap


def _single(text: str, p: _Point, page_year: int | None, yearly_start: int | None = None) -> Entity:
    if yearly_start is not None and p.year is None and p.month is not None:
        # 每年12月25日: a yearly date, kept yearless
        fields: dict[str, Any] = {"subkind": "recurring", "recurring": "yearly"}
        return Entity("date", text[yearly_start : p.end], yearly_start, p.end, _iso(p), fields)
    fields = {"subkind": _subkind(p)}
    if p.qualifier:
        fields["qualifier"] = p.qualifier
    if p.year is None and page_year is not None and (p.month is not None or p.quarter):
        # 次年1月1日, 去年12月: a relative year word with a numeral date moves the page year
        relative = words().relative_before.search(text, max(0, p.start - 4), p.start)
        shift = words().relative_years[relative.group(1)] if relative else 0
        p = _with_year(p, page_year + shift)
        fields["year_inferred"] = True
    return Entity("date", text[p.start : p.end], p.start, p.end, _iso(p), fields)


def _range(
    text: str,
    left: _Point,
    right: _Point,
    start: int,
    end: int,
    page_year: int | None,
    yearly: bool,
    next_year: bool,
    yearly_start: int | None = None,
) -> Entity:
    if right.year is None and left.year is not None and right.month is not None:
        right = _with_year(right, left.year + (1 if next_year else 0))
    recurring = left.year is None and right.year is None and (yearly or next_year)
    fields: dict[str, Any] = {"subkind": "recurring" if recurring else "range"}
    if recurring:
        fields["recurring"] = "yearly"
        if yearly_start is not None:
            start = yearly_start  # the span includes 每年(的)
    elif left.year is None and page_year is not None:
        left = _with_year(left, page_year)
        later = (right.month or 0, right.day or 0) < (left.month or 0, left.day or 0)
        right = _with_year(right, page_year + 1 if later or next_year else page_year) if right.year is None else right
        fields["year_inferred"] = True
    a, b = _iso(left), _iso(right)
    fields["range_start"], fields["range_end"] = a, b
    return Entity("date", text[start:end], start, end, f"{a}/{b}", fields)
