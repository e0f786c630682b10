"""Calendar dates: numeric (`2025-01-05`, `2024-05-17 09:30:12`, `1994.01-19`, `20240307`, `2010 01 29`),
ROC (`民国112年`, `112-09-15`), Chinese (`2025年1月5日`, `二〇二五年一月五日`, `15年3月2日`, `九零年`,
`2020年第一季度`),
English (`15 March 2024`, `March 15, 2024`, `May 2024`), yearless (`1月5日`, `6·30`, `3/21 10:40`, `三月到五月`),
year and month ranges (`2001-2013`, `2008.03-2009`, `2024年1-6月`) and bare years.

A two-digit year is read against the pivot of date_words.toml `[two_digit_years]` and flagged
(`year_two_digit`); a digit one only with a month after it (`15年` alone is a duration).
"""

from __future__ import annotations

import re

from extract.date.clock import CN, NOT_HOURS, english_suffix
from extract.date.grammar import Grammar, Reader
from extract.date.point import Point, num, valid
from extract.date.vocabulary import alt, words

MONTH = r"1[0-2]|0?[1-9]"
DAY = r"3[01]|[12]\d|0?[1-9]"
CN_MONTH = r"十[一二]?|[一二三四五六七八九]"
CN_DAY = r"三十一?|三十|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
YEAR = r"(?:19|20)\d{2}"
CN_YEAR = r"[〇零一二三四五六七八九]{4}"
CN_TWO = r"[〇零一二三四五六七八九]{2}"
BARE_YEAR = r"19[5-9]\d|20[0-4]\d"
TO = r"(?:-|—|–|~|～|至|到)"
# a day written without 日 ends a clause: 二零零四年八月十五。
DAY_END = r"(?=[\s,，。;；、)）!！?？]|\Z)"


def two_digit(year: int) -> int:
    return year + (1900 if year >= words().two_digit_pivot else 2000)


def _consecutive(numerals: str) -> bool:
    digits = "〇一二三四五六七八九"
    first, second = (digits.index(c) for c in numerals.replace("零", "〇"))
    return second == first + 1


def _year(raw: str) -> tuple[int | None, bool]:
    """(Gregorian year, written with two digits) of a year as written before 年."""
    w = words()
    for prefix in w.roc_prefixes:
        if raw.startswith(prefix):
            roc = num(raw[len(prefix) :])
            return (roc + w.roc_offset if roc else None), False
    if re.fullmatch(rf"\d{{2}}|{CN_TWO}", raw):  # 15, 九零, 〇八
        if not raw.isdigit() and _consecutive(raw):
            return None, True  # 三四年, 七八年: three or four years, not 1934
        value = num(raw)
        return (two_digit(value) if value is not None else None), True
    return num(raw), False


def _english(m: re.Match[str]) -> list[Point]:
    w = words()
    written = next(m.group(g) for g in ("em", "em2", "em3", "em4", "em5") if m.group(g))
    month = w.english_months[written.lower()]
    if m.group("em3"):
        return [Point(m.start("english"), m.end("english"), int(m.group("ey3")), month)]
    day = int(next(m.group(g) for g in ("ed", "ed2", "ed4", "ed5") if m.group(g)))
    year = int(m.group("ey") or m.group("ey2")) if (m.group("ey") or m.group("ey2")) else None
    return [Point(m.start("english"), m.end("english"), year, month, day)] if valid(year, month, day) else []


def _numeric(m: re.Match[str]) -> list[Point]:
    year, month, day = int(m.group("ny")), int(m.group("nm")), int(m.group("nd"))
    if not valid(year, month, day):
        return []
    hour = int(m.group("nH")) if m.group("nH") else None
    minute = int(m.group("nM")) if m.group("nM") else None
    second = int(m.group("nS")) if m.group("nS") else None
    end = m.start("nto") if m.group("nto") else m.end("numeric")
    points = [Point(m.start("numeric"), end, year, month, day, hour, minute, second)]
    if m.group("ny2"):
        year, month, day = int(m.group("ny2")), int(m.group("nm2")), int(m.group("nd2"))
        if valid(year, month, day):
            points.append(Point(m.start("ny2"), m.end("numeric"), year, month, day))
    return points


def _fields(name: str, year: str, month: str, day: str, offset: int = 0) -> Reader:
    def read(m: re.Match[str]) -> list[Point]:
        y, mo, d = int(m.group(year)) + offset, int(m.group(month)), int(m.group(day))
        return [Point(m.start(name), m.end(name), y, mo, d)] if valid(y, mo, d) else []

    return read


def _roc_numeric(m: re.Match[str]) -> list[Point]:
    low, high = words().roc_numeric_years
    if not low <= int(m.group("rocy")) <= high:
        return []
    return _fields("roc_numeric", "rocy", "rocm", "rocd", words().roc_offset)(m)


def _compact(m: re.Match[str]) -> list[Point]:
    before = m.string[max(0, m.start("compact") - 12) : m.start("compact")]
    if words().compact_not_after.search(before):
        return []
    return _fields("compact", "cpy", "cpm", "cpd")(m)


def _chinese(m: re.Match[str]) -> list[Point]:
    s, e = m.start("chinese"), m.end("chinese")
    year, two = _year(m.group("cy"))
    if year is None or not 1900 <= year <= 2100:
        return []
    if m.group("cmr1"):  # 2024年1-6月
        first, last = int(m.group("cmr1")), int(m.group("cmr2"))
        return [Point(s, e, year=year, month=first, kind="month_range", extra=last)] if first < last <= 12 else []
    month = (1 if m.group("cm") == "元" else num(m.group("cm"))) if m.group("cm") else None
    day = num(m.group("cd")) if m.group("cd") else None
    if not valid(year, month, day):
        return []
    quarter = num(m.group("cq").lstrip("第")) if m.group("cq") else (int(m.group("cqq")[1]) if m.group("cqq") else None)
    qualifier = None
    if m.group("cyq"):
        qualifier = "年" + m.group("cyq") if m.group("cyq") in "底初末中" else m.group("cyq")
    return [Point(s, e, year, month, day, quarter=quarter, qualifier=qualifier, two_digit_year=two)]


def _month_range(m: re.Match[str]) -> list[Point]:
    first, last = num(m.group("mr1") or m.group("mrc1")), num(m.group("mr2") or m.group("mrc2"))
    if first and last and first < last <= 12:
        return [Point(m.start("month_range"), m.end("month_range"), month=first, kind="month_range", extra=last)]
    return []


def _yearless(m: re.Match[str]) -> list[Point]:
    month = num(m.group("ym"))
    day = num(m.group("yd")) if m.group("yd") else None
    if not valid(None, month, day):
        return []
    qualifier = "月" + m.group("ymq") if m.group("ymq") else None
    return [Point(m.start("yearless"), m.end("yearless"), month=month, day=day, qualifier=qualifier)]


def _month_day_clock(m: re.Match[str]) -> list[Point]:
    month, day = int(m.group("mdm")), int(m.group("mdd"))
    hour, minute = int(m.group("mdH")), int(m.group("mdM"))
    if not valid(None, month, day):
        return []
    return [Point(m.start("month_day_clock"), m.end("month_day_clock"), month=month, day=day, hour=hour, minute=minute)]


def _year_range(name: str, first: str, second: str, month: str | None = None) -> Reader:
    def read(m: re.Match[str]) -> list[Point]:
        s, e = m.start(name), m.end(name)
        if m.group(second) is None:
            return [Point(s, e, year=int(m.group(first)))]
        start, end = int(m.group(first)), int(m.group(second))
        start_month = int(m.group(month)) if month and m.group(month) else None
        if end > start:
            return [Point(s, e, year=start, month=start_month, kind="year_range", extra=end)]
        return []

    return read


def _bare_day(m: re.Match[str]) -> list[Point]:
    day = num(m.group("bday"))
    return [Point(m.start("bare_day"), m.end("bare_day"), day=day, kind="day")] if day and day <= 31 else []


def grammars() -> list[Grammar]:
    months = alt(list(words().english_months))
    roc = alt(words().roc_prefixes)
    day_any = rf"(?:{DAY})|{CN_DAY}"
    counted = f"[{re.escape(words().counted_units)}]"  # 2000元, 2019人: a count, not a year or a day
    alone_after = re.escape(words().month_alone_after)
    return [
        Grammar(
            # January 5, 2025 / Jan. 5th 2025 / 5 January 2025 / May 2024 (a month and year alone: capitalised)
            "english",
            rf"(?<![A-Za-z])(?=[JFMASONDjfmasond])(?i:(?P<em>{months}))\.?\s(?P<ed>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?,?\s(?P<ey>{YEAR})(?!\d)"
            rf"|(?<![\dA-Za-z])(?P<ed2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s(?:of\s)?(?i:(?P<em2>{months}))\.?,?\s(?P<ey2>{YEAR})(?!\d)"
            rf"|(?<![A-Za-z])(?=[JFMASOND])(?i:(?P<em3>{months}))\.?,?\s(?P<ey3>{YEAR})(?!\d)"
            # yearless, capitalised: March 31, 31st March
            rf"|(?<![A-Za-z])(?=[JFMASOND])(?i:(?P<em4>{months}))\.?\s(?P<ed4>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
            r"(?![\d:%]|\.\d)"
            rf"|(?<![\dA-Za-z])(?P<ed5>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s(?:of\s)?(?=[JFMASOND])"
            rf"(?i:(?P<em5>{months}))(?![A-Za-z])",
            _english,
        ),
        Grammar(
            "numeric",  # 2025-01-05, 2025.1.5, 1994.01-19, 2024-05-17 09:30:12
            rf"(?<![\d.:/\-])(?P<ny>{YEAR})[-/.](?P<nm>{MONTH})[-/.](?P<nd>{DAY})(?![\d%]|\.\d)"
            rf"(?:(?:\s{{1,2}}|T)(?P<nH>[01]?\d|2[0-3])[:：](?P<nM>[0-5]\d)(?:[:：](?P<nS>[0-5]\d))?(?!\d){NOT_HOURS})?"
            # the second day of a range of two (2018/1/10-2018/7/10): its dash is no part of a longer number
            rf"(?:(?P<nto>\s?{TO}\s?)(?P<ny2>{YEAR})[-/.](?P<nm2>{MONTH})[-/.](?P<nd2>{DAY})(?![\d%]|\.\d))?",
            _numeric,
        ),
        Grammar(
            # 2010 01 29: two-digit month and day, one of them zero-padded (2019 12 25 may be three table cells)
            "spaced",
            rf"(?<![\d.:/\-])(?P<sy>{YEAR}) (?=0|\d\d 0)(?P<sm>0[1-9]|1[0-2]) (?P<sd>0[1-9]|[12]\d|3[01])(?![\d.:])",
            _fields("spaced", "sy", "sm", "sd"),
        ),
        Grammar(
            "roc_numeric",  # 112-09-15, 112/9/15
            rf"(?<![\d.:/\-])(?P<rocy>1\d\d)(?P<rsep>[-/.])(?P<rocm>{MONTH})(?P=rsep)(?P<rocd>{DAY})(?![\d%]|\.\d)",
            _roc_numeric,
        ),
        Grammar(
            "compact",  # 20240307 (not after 电话/编号 …, not inside a longer number)
            r"(?<![\d.\-/A-Za-z)）])(?P<cpy>19[5-9]\d|20[0-4]\d)(?P<cpm>0[1-9]|1[0-2])(?P<cpd>0[1-9]|[12]\d|3[01])"
            rf"(?![\d.%A-Za-z\-]|\s?{counted})",
            _compact,
        ),
        Grammar(
            "dotted_range",  # 2008.03-2009, 2008.03-2009.06
            rf"(?<![\d.:/\-])(?P<dr1>{YEAR})\.(?P<drm>0[1-9]|1[0-2])\s?(?:-|—|~|至)\s?(?P<dr2>{YEAR})(?:\.(?:0[1-9]|1[0-2]))?(?![\d.])",
            _year_range("dotted_range", "dr1", "dr2", "drm"),
        ),
        Grammar(
            "year_month",  # 所属期：2026-04 (not 2026-4, not 2019-2020, not 2026-04-08)
            rf"(?<![\d.:/\-])(?P<ymy>{YEAR})-(?P<ymm>0[1-9]|1[0-2])(?![\d\-./:：%])",
            lambda m: [Point(m.start("year_month"), m.end("year_month"), int(m.group("ymy")), int(m.group("ymm")))],
        ),
        Grammar(
            "chinese",
            # 2025年1月5日, 二〇二五年一月五日, 民国98年, 15年3月2日, 九零年, 2020年第一季度, 2008年底, 2013年度
            rf"(?P<cy>(?<!\d){YEAR}|{CN_YEAR}|两千(?:零[一二三四五六七八九])?|(?:{roc})\s?(?:\d{{1,3}}|[{CN}]{{1,4}})"
            rf"|(?<![\d.])\d{{2}}(?=年(?:{MONTH}|{CN_MONTH})月)|(?<![{CN}\d]){CN_TWO})\s?年"
            rf"(?:的? ?(?P<cq>第?[一二三四1-4])季度|(?P<cqq>[Qq][1-4])(?![\dA-Za-z])"
            rf"| ?(?P<cmr1>{MONTH}) ?{TO} ?(?P<cmr2>{MONTH}) ?月(?!份?\d)"
            rf"| ?(?P<cm>(?<!\d)(?:{MONTH})|{CN_MONTH}|元) ?月份?"
            rf"(?: ?(?P<cd>{day_any})(?: ?[日号]|{DAY_END}))?"
            # 年中/年初 only as time words, not 2023年中法双边…, 2019年中药…, 2024年初步…
            rf"|(?P<cyq>底|末|[中初](?=[前后以期时起,，。;；、)）\s]|\Z)|上半年|下半年)|度)?",
            _chinese,
        ),
        Grammar(
            "month_range",  # 1-10月, 三月到五月 (第1-12月 counts months of a benefit, not dates)
            rf"(?<![\d.\-第])(?P<mr1>{MONTH})\s?{TO}\s?(?P<mr2>{MONTH}) ?月(?!份?\d)"
            rf"|(?<![{CN}第])(?P<mrc1>{CN_MONTH})月\s?{TO}\s?(?P<mrc2>{CN_MONTH})月",
            _month_range,
        ),
        Grammar(
            "month_day_clock",  # 3/21 10:40
            r"(?<![\d/.\-:])(?P<mdm>1[0-2]|0?[1-9])/(?P<mdd>3[01]|[12]\d|0?[1-9])\s{1,2}"
            r"(?P<mdH>[01]?\d|2[0-3])[:：](?P<mdM>[0-5]\d)(?![\d:：])",
            _month_day_clock,
        ),
        Grammar(
            "dot_day",  # 6·30 (a day named by its month and day)
            rf"(?<![\d.·•・])(?P<dtm>{MONTH})[·•・](?P<dtd>{DAY})(?![\d·•・])",
            lambda m: (
                [Point(m.start("dot_day"), m.end("dot_day"), month=int(m.group("dtm")), day=int(m.group("dtd")))]
                if valid(None, int(m.group("dtm")), int(m.group("dtd")))
                else []
            ),
        ),
        Grammar(
            # 1月5日, 7月份, 2月底, 十二月三十一日, 三月二十八日, 四月15日, 一月二十三。; a month in words alone
            # (三月, 十二月份) only after a non-word or a function word: 同一月内, 统一月结, 一月一次 are no months
            "yearless",
            rf"(?:(?<!\d)(?<!\d[-—~])(?P<ym>{MONTH}) ?月份?"
            rf"|(?<![{CN}])(?P<ycm>{CN_MONTH})月(?=\s?(?:{day_any})\s?(?:[日号]|{DAY_END}))"
            rf"|(?:(?<=[{alone_after}])|(?<![\u4e00-\u9fff]))(?P<ycm2>{CN_MONTH})月份?(?![\d{CN}次内个]))"
            rf"(?:(?P<ymq>底|初|末)(?!\d)| ?(?P<yd>{day_any}) ?(?:[日号]|{DAY_END})|(?!\d))",
            lambda m: _yearless_any(m),
        ),
        Grammar(
            "quarter",  # 四季度, 第三季度
            r"(?<![年\d])第?(?P<yq>[一二三四1-4])季度",
            lambda m: [Point(m.start("quarter"), m.end("quarter"), quarter=num(m.group("yq")))],
        ),
        Grammar(
            "year_range",  # 2023-2025年, 2023—2025年度, 2023/2024年度
            rf"(?<![\d.:/\-A-Za-z])(?P<yr1>{YEAR})\s?(?:{TO}|/)\s?(?P<yr2>{YEAR})\s?年度?",
            _year_range("year_range", "yr1", "yr2"),
        ),
        Grammar(
            "bare_year",  # 2001-2013, 2025四川… (not 2000元, 2019人, 2020.5)
            rf"(?<![\d.:/A-Za-z+])(?<![\dA-Za-z]-)(?P<by1>{BARE_YEAR})(?:\s?{TO}\s?(?P<by2>{BARE_YEAR}))?"
            rf"(?![\d.%‰:/\-]|\s?{counted})"
            rf"(?!{english_suffix()})",
            _year_range("bare_year", "by1", "by2"),
        ),
        Grammar(
            "bare_day",  # 20日, 十二日: only the end of a range (从一月十日到二十日), never alone
            rf"(?<![\d{CN}月.])(?P<bday>{day_any})\s?[日号]",
            _bare_day,
        ),
    ]


def _yearless_any(m: re.Match[str]) -> list[Point]:
    month_in_words = m.group("ycm") or m.group("ycm2")
    if month_in_words:
        month = num(month_in_words)
        day = num(m.group("yd")) if m.group("yd") else None
        if not valid(None, month, day):
            return []
        qualifier = "月" + m.group("ymq") if m.group("ymq") else None
        return [Point(m.start("yearless"), m.end("yearless"), month=month, day=day, qualifier=qualifier)]
    return _yearless(m)
