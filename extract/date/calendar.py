"""Calendar dates: numeric (`2025-01-05`, `2024-05-17 09:30:12`, year last `1/2/2020`, `1994.01-19`, `20240307`,
`2010 01 29`), ROC (`民国112年`, `112-09-15`), Chinese (`2025年1月5日`, `二〇二五年一月五日`, `15年3月2日`, `九零年`,
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
# a year before 1900, read only with 年 and outside a count of years (date_words.toml [old_years])
OLD_YEAR = r"1[0-8]\d{2}"
# a dash may be doubled: (1992——1998), 2018/1/10--2018/7/10
TO = r"(?:-{1,2}|—{1,2}|–|~|～|至|到)"
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
    if m.group("nto"):
        start = (year, month, day)
        year = int(m.group("ny2")) if m.group("ny2") else year
        month, day = int(m.group("nm2") or m.group("nm3")), int(m.group("nd2") or m.group("nd3"))
        if valid(year, month, day) and (m.group("ny2") or (month, day) > start[1:]):
            points.append(Point(m.end("nto"), m.end("numeric"), year, month, day))
    return points


def _year_last(m: re.Match[str]) -> list[Point]:
    """Day and month before the year: the one over 12 is the day; when both could be months the day comes first,
    as Hong Kong and Macau pages write it (1/2/2020 is 1 February). A two-digit year only in dd/mm/yy; the two ends
    of a range share one order."""
    written = [(m.group("yla"), m.group("ylb"), m.group("yly"))]
    if m.group("ylto"):
        written.append((m.group("yla2"), m.group("ylb2"), m.group("yly2")))
    month_first = any(int(b) > 12 >= int(a) for a, b, _ in written)
    spans = [(m.start("year_last"), m.start("ylto") if m.group("ylto") else m.end("year_last"))]
    if m.group("ylto"):
        spans.append((m.start("yla2"), m.end("year_last")))
    points = []
    for (a, b, y), (start, end) in zip(written, spans, strict=True):
        month, day = (int(a), int(b)) if month_first else (int(b), int(a))
        year = int(y) if len(y) == 4 else two_digit(int(y))
        if not valid(year, month, day):
            return []
        points.append(Point(start, end, year, month, day, two_digit_year=len(y) == 2))
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
    if year is None or not words().old_years_from <= year <= 2100:
        return []
    if (year < 1900 or (two and m.group("cy").isdigit())) and _counts_years(m):
        return []
    if m.group("cmr1"):  # 2024年1-6月
        first, last = int(m.group("cmr1")), int(m.group("cmr2"))
        return [Point(s, e, year=year, month=first, kind="month_range", extra=last)] if first < last <= 12 else []
    month = (1 if m.group("cm") == "元" else num(m.group("cm"))) if m.group("cm") else None
    month = num(m.group("cmo")) if m.group("cmo") else month
    day = num(m.group("cd")) if m.group("cd") else None
    if not valid(year, month, day):
        return []
    quarter = num(m.group("cq").lstrip("第")) if m.group("cq") else (int(m.group("cqq")[1]) if m.group("cqq") else None)
    qualifier = _month_qualifier(m.group("cmq"))  # 2024年11月底: the month, qualified
    if m.group("cyq"):
        qualifier = "年" + m.group("cyq") if m.group("cyq") in "底初末中" else m.group("cyq")
    return [Point(s, e, year, month, day, quarter=quarter, qualifier=qualifier, two_digit_year=two)]


def _counts_years(m: re.Match[str]) -> bool:
    """An old or two-digit year alone (1786年, 98年) that is a count of years or a word with 年 instead: 约1000年,
    长达1500年, 1200年的历史, 1000年前, 15年以上, 80年代, 98年级."""
    w = words()
    if m.group("cm") or m.group("cmo") or m.group("cq") or m.group("cqq") or m.group("cmr1"):
        return False
    before = m.string[max(0, m.start("chinese") - 4) : m.start("chinese")]
    if w.years_counted_before.search(before) is not None:
        return True
    after = m.end("chinese")
    return m.string.startswith(w.years_counted_after, after) or (
        not m.group("cyq") and m.string.startswith(w.year_words_after, after)
    )


def _month_qualifier(written: str | None) -> str | None:
    """月底, 月初, 月末 — and 上旬, 中旬, 下旬 as written."""
    if not written:
        return None
    return written if written.endswith("旬") else "月" + written


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
    qualifier = _month_qualifier(m.group("ymq"))
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


def _old_year_range(m: re.Match[str]) -> list[Point]:
    """A range of years with 年 (2023-2025年); one that starts before 1900 only from the first old year and outside
    a count of years (1840-1842年, not 1000-1500年的历史)."""
    w = words()
    if int(m.group("yr1")) < 1900:
        before = m.string[max(0, m.start("year_range") - 4) : m.start("year_range")]
        if int(m.group("yr1")) < w.old_years_from or w.years_counted_before.search(before):
            return []
        if m.string.startswith(w.years_counted_after, m.end("year_range")):
            return []
    return _year_range("year_range", "yr1", "yr2")(m)


def _dotted_range(m: re.Match[str]) -> list[Point]:
    """2008.03-2009 (a month to a year), 2024.1-2024.6 (a month to a month); a one-digit first month only with a
    month at the end (2020.5-2021 may be amounts)."""
    s, e = m.start("dotted_range"), m.end("dotted_range")
    first_year, first_month, last_year = int(m.group("dr1")), int(m.group("drm")), int(m.group("dr2"))
    if m.group("drm2") is None:
        if len(m.group("drm")) == 1 or last_year <= first_year:
            return []
        return [Point(s, e, year=first_year, month=first_month, kind="year_range", extra=last_year)]
    last_month = int(m.group("drm2"))
    if (last_year, last_month) <= (first_year, first_month):
        return []
    return [Point(s, e, year=first_year, month=first_month, kind="year_range", extra=f"{last_year}-{last_month:02d}")]


def _dot_day(m: re.Match[str]) -> list[Point]:
    if m.group("dtm"):
        month, day = int(m.group("dtm")), int(m.group("dtd"))
        return [Point(m.start("dot_day"), m.end("dot_day"), month=month, day=day)] if valid(None, month, day) else []
    month, day = int(m.group("ddm")), int(m.group("ddd"))
    if not valid(None, month, day):
        return []
    if not m.group("ddto"):
        return [Point(m.start("dot_day"), m.end("dot_day"), month=month, day=day)]
    last_month = int(m.group("ddm2")) if m.group("ddm2") else month
    last_day = int(m.group("ddd2"))
    if not valid(None, last_month, last_day) or (last_month, last_day) <= (month, day):
        return []
    return [
        Point(m.start("dot_day"), m.start("ddto"), month=month, day=day),
        Point(m.end("ddto"), m.end("dot_day"), month=last_month, day=last_day),
    ]


def _bare_day(m: re.Match[str]) -> list[Point]:
    day = num(m.group("bday"))
    return [Point(m.start("bare_day"), m.end("bare_day"), day=day, kind="day")] if day and day <= 31 else []


def grammars() -> list[Grammar]:
    months = alt(list(words().english_months))
    roc = alt(words().roc_prefixes)
    day_any = rf"(?:{DAY})|{CN_DAY}"
    counted = f"[{re.escape(words().counted_units)}]"  # 2000元, 2019人: a count, not a year or a day
    alone_after = re.escape(words().month_alone_after)
    two_opens = re.escape("".join(words().two_digit_alone_after))
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
            # or a day of the same year (2024.1.1-12.31, 2024/1/1-12/31)
            rf"(?:(?P<nto>\s?{TO}\s?)(?:(?P<ny2>{YEAR})[-/.](?P<nm2>{MONTH})[-/.](?P<nd2>{DAY})"
            rf"|(?P<nm3>{MONTH})[/.](?P<nd3>{DAY}))(?![\d%]|\.\d))?",
            _numeric,
        ),
        Grammar(
            # 1/2/2020, 05/05/71: day and month before the year, slashes only (12-11-10 may be year first)
            "year_last",
            rf"(?<![\d.:/\-])(?P<yla>{DAY})/(?P<ylb>{DAY})/(?P<yly>{YEAR}|(?<=\d\d/\d\d/)\d\d)(?![\d/%年]|\.\d)"
            # the second day of a range (10/1/2018-10/7/2018), read in the same order as the first
            rf"(?:(?P<ylto>\s?{TO}\s?)(?P<yla2>{DAY})/(?P<ylb2>{DAY})/(?P<yly2>{YEAR})(?![\d/%年]|\.\d))?",
            _year_last,
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
            "dotted_range",  # 2008.03-2009, 2008.03-2009.06, 2024.1-2024.6
            rf"(?<![\d.:/\-])(?P<dr1>{YEAR})\.(?P<drm>{MONTH})\s?(?:-|—|~|至)\s?(?P<dr2>{YEAR})"
            rf"(?:\.(?P<drm2>{MONTH}))?(?![\d.%]|\s?{counted})",
            _dotted_range,
        ),
        Grammar(
            "year_month",  # 所属期：2026-04 (not 2026-4, not 2019-2020, not 2026-04-08)
            rf"(?<![\d.:/\-])(?P<ymy>{YEAR})-(?P<ymm>0[1-9]|1[0-2])(?![\d\-./:：%])",
            lambda m: [Point(m.start("year_month"), m.end("year_month"), int(m.group("ymy")), int(m.group("ymm")))],
        ),
        Grammar(
            "chinese",
            # 2025年1月5日, 二〇二五年一月五日, 民国98年, 15年3月2日, 九零年, 2020年第一季度, 2008年底, 2013年度,
            # 1995年的三月, 2021年的第三个月
            rf"(?P<cy>(?<!\d){YEAR}|(?<![\d.\-—–~～]){OLD_YEAR}(?=\s?年)|{CN_YEAR}|两千(?:零[一二三四五六七八九])?|(?:{roc})\s?(?:\d{{1,3}}|[{CN}]{{1,4}})"
            rf"|(?<![\d.])\d{{2}}(?=年(?:{MONTH}|{CN_MONTH})月)|(?<![{CN}\d]){CN_TWO}"
            # 98年 alone: a two-digit year only after a time word, or opening a clause with words after it
            # (98年获…; 满15年 and 12年 1000万用户 count years)
            rf"|(?<=[{two_opens}])\d{{2}}(?=年)|(?:(?<=[,，。;；:：、\s])|(?<![\s\S]))\d{{2}}(?=年[\u4e00-\u9fff]))\s?年"
            rf"(?:的? ?(?P<cq>第?[一二三四1-4])季度|(?P<cqq>[Qq][1-4])(?![\dA-Za-z])"
            rf"| ?(?P<cmr1>{MONTH}) ?{TO} ?(?P<cmr2>{MONTH}) ?月(?!份?\d)"
            rf"|的? ?第(?P<cmo>{CN_MONTH}|{MONTH})个月"  # 2021年的第三个月
            rf"|(?:的 ?| ?)(?P<cm>(?<!\d)(?:{MONTH})|{CN_MONTH}|元) ?月份?"
            rf"(?: ?(?P<cd>{day_any})(?: ?[日号]|{DAY_END})|(?P<cmq>底|初|末|[上中下]旬)(?!\d))?"
            # 年中/年初 only as time words, not 2023年中法双边…, 2019年中药…, 2024年初步…
            rf"|(?P<cyq>底|末|[中初](?=[前后以期时起,，。;；、)）\s]|\Z)|上半年|下半年)|度)?",
            _chinese,
        ),
        Grammar(
            "month_range",  # 1-10月, 三月到五月, 三月和九月之间 (第1-12月 counts months of a benefit, not dates)
            rf"(?<![\d.\-第])(?P<mr1>{MONTH})\s?{TO}\s?(?P<mr2>{MONTH}) ?月(?!份?\d)"
            rf"|(?<![{CN}第])(?P<mrc1>{CN_MONTH})月\s?(?:{TO}|(?P<mrand>[和与及])\s?)(?P<mrc2>{CN_MONTH})月"
            r"(?(mrand)\s?之?间)",  # 三月和九月之间: 和 makes a range only when 之间 closes it
            _month_range,
        ),
        Grammar(
            "month_day_clock",  # 3/21 10:40
            r"(?<![\d/.\-:])(?P<mdm>1[0-2]|0?[1-9])/(?P<mdd>3[01]|[12]\d|0?[1-9])\s{1,2}"
            r"(?P<mdH>[01]?\d|2[0-3])[:：](?P<mdM>[0-5]\d)(?![\d:：])",
            _month_day_clock,
        ),
        Grammar(
            # 6·30 (a day named by its month and day); 5.17日, 5.18-5.19日, 5.18-19日: month.day with 日 after the
            # last day, the day in two digits (1.5日 may be a day and a half)
            "dot_day",
            rf"(?<![\d.·•・])(?P<dtm>{MONTH})[·•・](?P<dtd>{DAY})(?![\d·•・])"
            rf"|(?<![\d.·•・])(?P<ddm>{MONTH})\.(?P<ddd>[0-3]\d)(?:(?P<ddto>\s?{TO}\s?)(?:(?P<ddm2>{MONTH})\.)?"
            rf"(?P<ddd2>{DAY}))?\s?日(?!{alt(words().counted_days_after)})",
            _dot_day,
        ),
        Grammar(
            # 1月5日, 7月份, 2月底, 十二月三十一日, 三月二十八日, 四月15日, 一月二十三。; a month in words alone
            # (三月, 十二月份) only after a non-word or a function word: 同一月内, 统一月结, 一月一次 are no months
            "yearless",
            rf"(?:(?<!\d)(?<!\d[-—~])(?P<ym>{MONTH}) ?月份?"
            rf"|(?<![{CN}])(?P<ycm>{CN_MONTH})月(?=\s?(?:{day_any})\s?(?:[日号]|{DAY_END}))"
            rf"|(?:(?<=[{alone_after}])|(?<![\u4e00-\u9fff]))(?P<ycm2>{CN_MONTH})月份?(?![\d{CN}次内个]))"
            rf"(?:(?P<ymq>底|初|末|[上中下]旬)(?!\d)| ?(?P<yd>{day_any}) ?(?:[日号]|{DAY_END})|(?!\d))",
            lambda m: _yearless_any(m),
        ),
        Grammar(
            "quarter",  # 四季度, 第三季度
            r"(?<![年\d])第?(?P<yq>[一二三四1-4])季度",
            lambda m: [Point(m.start("quarter"), m.end("quarter"), quarter=num(m.group("yq")))],
        ),
        Grammar(
            "year_range",  # 2023-2025年, 2023—2025年度, 2023/2024年度, 1840-1842年
            rf"(?<![\d.:/\-A-Za-z])(?P<yr1>{YEAR}|{OLD_YEAR})\s?(?:{TO}|/)\s?(?P<yr2>{YEAR}|{OLD_YEAR})\s?年度?",
            _old_year_range,
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
    if m.group("ycm2") and not m.group("yd") and _month_word_not_month(m):
        return []
    if month_in_words:
        month = num(month_in_words)
        day = num(m.group("yd")) if m.group("yd") else None
        if not valid(None, month, day):
            return []
        qualifier = _month_qualifier(m.group("ymq"))
        return [Point(m.start("yearless"), m.end("yearless"), month=month, day=day, qualifier=qualifier)]
    return _yearless(m)


def _month_word_not_month(m: re.Match[str]) -> bool:
    """A month in words alone that is no month: part of a name (十月革命) or a count of days (21天为一月)."""
    w = words()
    if m.string.startswith(w.month_names_after, m.end("yearless")):
        return True
    return w.month_counted_before.search(m.string, max(0, m.start("yearless") - 6), m.start("yearless")) is not None
