"""Clock times and office hours: `下午4点30分`, `晚上十二点`, `五点一刻`, `17:55:23`, `2:00pm`, `周一至周五8:30-17:30`.

A clock time is read alone only when nothing else can mean the number: a period word before it (上午, 晚上),
minutes or seconds spelled out (`17点55分`, `九点半`, `零点整`), seconds (`17:55:23`), an English am/pm, a
following 前/后/开始 (`在7:15前`), or a date right before it (`12月31日24时`). `二十七点三`, `3:15`, `三点要求`
stay no time.
"""

from __future__ import annotations

import re
from functools import cache

from extract.date.grammar import Grammar
from extract.date.point import Point, clock_text, num
from extract.date.vocabulary import alt, words
from extract.labels import vocabulary

CN = "〇零一二两三四五六七八九十"
HOUR = r"(?:[01]?\d|2[0-4])"
# between the two clock times of a range; a doubled dash too (8:30--12:00, 8:30——12:00)
CLOCK_TO = r"(?:-{1,2}|—{1,2}|–|~|～|至|到)"
# a clock time glued to a date, unless it opens office hours (12月15日 09:00-18:00: a day, then its hours)
NOT_HOURS = rf"(?!\s?{CLOCK_TO}\s?(?:[01]?\d|2[0-4])[:：])"
# 3:05p, 10:30a: am/pm as one lower-case letter, only after minutes (5A级 is a grade, not five o'clock)
SHORT_SUFFIX = r"[ap](?![A-Za-z\d])"
# minutes in words without 分 (九点零九, 三点二十): a lone digit (三点三) is a decimal, not minutes
BARE_CN_MINUTES = r"零[一二三四五六七八九](?![一二三四五六七八九十])|[一二三四五]?十[一二三四五六七八九]?"


@cache
def minute_words() -> str:
    return alt(list(words().minute_words))


@cache
def english_suffix() -> str:
    w = words()
    return rf"\s?(?i:{alt(w.english_morning + w.english_afternoon)})(?![A-Za-z])"


@cache
def clock(spoken_only: bool = False) -> str:
    """A clock time with an optional period word. `spoken_only`: only forms whose minutes are spelled out."""
    period = alt(words().periods)
    cn_minutes = rf"(?:{minute_words()}|[{CN}]+分(?:[{CN}]+秒)?)"
    digit_minutes = rf"(?:{minute_words()}|[0-5]?\d分(?:[0-5]?\d秒)?)"
    if spoken_only:
        return (
            rf"{HOUR}(?:点(?:{digit_minutes}|[0-5]\d(?![\d.%]))|时[0-5]?\d分(?:[0-5]?\d秒)?)"
            rf"|[{CN}]{{1,3}}(?:点{cn_minutes}|时[{CN}]+分(?:[{CN}]+秒)?)"
        )
    return (
        rf"(?:(?:{period})\s?)?{HOUR}(?:[:：][0-5]\d(?:[:：][0-5]\d)?(?!\d)时?|点(?:{digit_minutes}|[0-5]?\d)?|时(?:[0-5]?\d分(?:[0-5]?\d秒)?)?)"
        rf"|(?:(?:{period})\s?)?[{CN}]{{1,3}}(?:点(?:{cn_minutes}|{BARE_CN_MINUTES})?|时(?:[{CN}]+分(?:[{CN}]+秒)?)?)"
    )


@cache
def _clock_parts() -> re.Pattern[str]:
    period = alt(words().periods)
    return re.compile(
        rf"(?P<period>{period})?\s?(?P<h>\d{{1,2}}|[{CN}]{{1,3}})"
        rf"(?:[:：](?P<m>\d{{2}})(?:[:：](?P<s>\d{{2}}))?时?"
        rf"|点(?:(?P<word>{minute_words()})|(?P<pm>\d{{1,2}}|[{CN}]+)分?(?:(?P<ps>\d{{1,2}}|[{CN}]+)秒)?)?"
        rf"|时(?:(?P<tm>\d{{1,2}}|[{CN}]+)分(?:(?P<ts>\d{{1,2}}|[{CN}]+)秒)?)?)?"
        rf"(?P<en>{english_suffix()}|(?<=[:：]\d\d){SHORT_SUFFIX})?"
    )


def clock_value(text: str) -> tuple[int, int, int | None] | None:
    """(hour, minute, second) of a clock time; 晚上5点 → 17, 晚上十二点 → 24, 晚上一点 → 1, 2:00pm → 14."""
    w = words()
    m = _clock_parts().fullmatch(text.strip())
    if not m:
        return None
    hour = num(m.group("h"))
    if m.group("word"):
        minute: int | None = w.minute_words[m.group("word")]
    else:
        minute = num(m.group("m") or m.group("pm") or m.group("tm")) or 0
    second = num(m.group("s") or m.group("ps") or m.group("ts"))
    if hour is None or minute is None or hour > 24 or minute > 59 or (second is not None and second > 59):
        return None
    period = m.group("period")
    english = (m.group("en") or "").strip().lower()
    english = {"a": "am", "p": "pm"}.get(english, english)
    if period in w.night:
        # 晚上八点 is eight in the evening, 晚上十二点 midnight, 晚上一点 one in the night
        hour = hour + 12 if 5 <= hour <= 12 else hour
    elif period in w.afternoon:
        hour = hour + 12 if 1 <= hour < 12 else hour
    elif (period in w.noon and hour < 3) or (english in w.english_afternoon and hour < 12):
        hour += 12
    elif english in w.english_morning and hour == 12:
        hour = 0
    if hour > 24 or (hour == 24 and (minute or second)):
        return None
    return hour, minute, second


def clock_string(text: str) -> str | None:
    value = clock_value(text)
    return clock_text(*value) if value else None


def later(start: str | None, end: str | None, end_text: str = "") -> str | None:
    """The end of a range of clock times, read after its start.

    上午8:30-12:00, 早10点至晚5点: an end before the start that would fall after it twelve hours later is an
    afternoon hour written without (or with an ambiguous) period word; an end with its own period word
    (下午5:00到凌晨3:00), or one still before the start twelve hours later (22点到2点), is kept as written: the
    range passes midnight.
    """
    own_period = re.match(alt(words().periods), end_text.strip())
    shifted = f"{int(end[:2]) + 12:02d}{end[2:]}" if end and int(end[:2]) < 12 else None
    if start and end and shifted and end < start < shifted and not (own_period and own_period.group() != "晚"):
        return shifted
    return end


def _office_hours(m: re.Match[str]) -> list[Point]:
    """周一至周五8:30-17:30, 工作日上午8:30-12:00，下午14:30-17:30 (the second range after a comma has the same days:
    a point of its own)."""
    start_time = clock_string(m.group("t1"))
    if start_time is None:
        return []
    days = _days(m)
    end_time = later(start_time, clock_string(m.group("t2")), m.group("t2")) if m.group("t2") else None
    value: dict[str, str] = {"weekdays": days, "start": start_time}
    if end_time:
        value["end"] = end_time
    first_end = m.end("t2") if end_time else m.end("t1")
    points = [Point(m.start("office_hours"), first_end, kind="hours", extra=value)]
    then_start = clock_string(m.group("t3")) if m.group("t3") else None
    then_end = later(then_start, clock_string(m.group("t4")), m.group("t4")) if then_start else None
    if then_start and then_end:
        extra = {"weekdays": days, "start": then_start, "end": then_end}
        points.append(Point(m.start("t3"), m.end("t4"), kind="hours", extra=extra))
    return points


def _days(m: re.Match[str]) -> str:
    """The `weekdays` value of office hours: a day set (工作日 → 1-5), a range, a list or one day."""
    w = words()
    if m.group("dayset"):
        return w.day_sets[m.group("dayset")]
    first = w.weekdays[m.group("w1")]
    last = w.weekdays[m.group("w2")] if m.group("w2") else None
    if last:
        return f"{first}-{last}"
    if m.group("wlist"):
        return ",".join([str(first)] + [str(w.weekdays[c]) for c in re.findall(w.weekday_day, m.group("wlist"))])
    return w.weekend_days if m.group("w1") == w.weekend else str(first)  # 周末 alone: Sat–Sun


def _english_office_hours(m: re.Match[str]) -> list[Point]:
    """Monday to Friday, 8am to 6pm; Mon–Fri 9:00am-5:00pm; Saturday 9am-12pm."""
    w = words()
    first = w.english_weekdays[m.group("ew1").lower()]
    last = w.english_weekdays[m.group("ew2").lower()] if m.group("ew2") else None
    start = clock_string(m.group("et1"))
    end = later(start, clock_string(m.group("et2")), m.group("et2")) if start else None
    if start is None or end is None:
        return []
    days = f"{first}-{last}" if last else str(first)
    value = {"weekdays": days, "start": start, "end": end}
    return [Point(m.start("english_office_hours"), m.end("english_office_hours"), kind="hours", extra=value)]


def _clock_or_range(m: re.Match[str], first: str, second: str | None, name: str) -> list[Point]:
    start = clock_string(m.group(first))
    if start is None:
        return []
    s, e = m.start(name), m.end(name)
    if second and m.group(second):
        end = later(start, clock_string(m.group(second)), m.group(second))
        if end:
            return [Point(s, e, kind="hours", extra={"start": start, "end": end})]
    return [Point(s, e, kind="time", extra={"time": start})]


def _glued(m: re.Match[str]) -> list[Point]:
    start = clock_string(m.group("gt"))
    if start is None:
        return []
    points = [Point(m.start("gt"), m.end("gt"), kind="time", extra={"time": start})]
    end = later(start, clock_string(m.group("gt2")), m.group("gt2")) if m.group("gt2") else None
    if end:
        points.append(Point(m.start("gt2"), m.end("gt2"), kind="time", extra={"time": end}))
    return points


def _marked(m: re.Match[str]) -> list[Point]:
    if m.group("bt"):
        return _clock_or_range(m, "bt", "bt3", "marked_time")
    if m.group("bt_dian"):
        return _clock_or_range(m, "bt_dian", None, "marked_time")
    return _clock_or_range(m, "bt_en", "bt2", "marked_time")


def _labelled_time(m: re.Match[str]) -> list[Point]:
    """A lone clock time is a time when a date label (or 时间, date_words.toml `[clock] labels`) and its colon stand
    right before it: 截止时间：17:00."""
    start = m.start("labelled_time")
    head = m.string[max(0, start - 24) : start].rstrip(" \t:：")
    if not head.endswith((*vocabulary("date_words").words, *words().clock_labels)):
        return []
    return _clock_or_range(m, "lt", None, "labelled_time")


def _plain_hours(m: re.Match[str]) -> list[Point]:
    start, end = clock_string(m.group("oh1")), clock_string(m.group("oh2"))
    if start and end and end > start:
        return [Point(m.start("plain_hours"), m.end("plain_hours"), kind="hours", extra={"start": start, "end": end})]
    return []


def grammars() -> list[Grammar]:
    """Office hours first (they open with a weekday), then clock times by the evidence that makes them times."""
    w = words()
    period = alt(w.periods)
    weekday, day = w.weekday_prefix, w.weekday_day  # 周 + 一
    any_clock = clock()
    spoken = clock(spoken_only=True)
    digits = r"(?:[01]?\d|2[0-3])[:：][0-5]\d"
    english_days = alt(sorted(w.english_weekdays, key=len, reverse=True))
    return [
        Grammar(
            "office_hours",
            # 周一至周五8:30-17:30, 每周二至周末早上七点半; (工作日（周一至周五）上午9:00, 每周一、三、五上午9:00,
            # 周六周日9:00: a closing bracket, a list of days — at most seven, so a long run of them is read once;
            # a bracketed note between the days and the time; the hours in brackets: 周一至周五（9:00-17:00）)
            rf"[(（]?(?:(?<![个\d{CN}])(?P<dayset>{alt(list(w.day_sets))})|每?{weekday}(?P<w1>{day})"
            rf"(?:\s?(?:至|到|-|—|~)\s?{weekday}?(?P<w2>{day})"
            rf"|(?P<wlist>(?:[、,，和及/]{weekday}?{day}|{weekday}{day}){{1,7}}))?)"
            rf"(?:的)?[)）]?(?:[(（][^()（）\d]{{1,12}}[)）])?[:：,，\s]*[(（]?(?P<t1>{any_clock})(?:\s?{CLOCK_TO}\s?(?P<t2>{any_clock})"
            rf"(?:[,，;；、]\s?(?P<t3>{any_clock})\s?{CLOCK_TO}\s?(?P<t4>{any_clock}))?)?",
            _office_hours,
        ),
        Grammar(
            # Monday to Friday, 8am to 6pm; Mon–Fri 9:00am-5:00pm; Saturday 9am-12pm (a weekday name, then am/pm hours)
            "english_office_hours",
            rf"(?<![A-Za-z])(?P<ew1>(?i:{english_days}))\.?(?:\s?(?:to|through|thru|{CLOCK_TO})\s?"
            rf"(?P<ew2>(?i:{english_days}))\.?)?(?![A-Za-z]),?:?\s?(?:from\s)?"
            rf"(?P<et1>(?:1[0-2]|0?[1-9])(?::[0-5]\d)?{english_suffix()})\s?(?:{CLOCK_TO}|to|until)\s?"
            rf"(?P<et2>(?:1[0-2]|0?[1-9])(?::[0-5]\d)?{english_suffix()})",
            _english_office_hours,
        ),
        Grammar(
            # 下午4点30分, 上午9:00, 晚上十二点, 下午5时, 早10点至晚5点 (下午三点三: minutes left unread make no time)
            "period_time",
            rf"(?P<time>(?:{period})\s?(?:{HOUR}(?:[:：][0-5]\d(?!\d)|点(?:{minute_words()}|[0-5]?\d分?)?|时(?:[0-5]?\d分)?)"
            rf"|[{CN}]{{1,3}}(?:点(?:{minute_words()}|[{CN}]{{1,3}}分|{BARE_CN_MINUTES})?|时(?:[{CN}]{{1,3}}分)?))"
            rf"(?![{CN}]))"
            rf"(?:\s?{CLOCK_TO}\s?(?P<time2>{any_clock}))?",
            lambda m: _clock_or_range(m, "time", "time2", "period_time"),
        ),
        Grammar(
            "plain_hours",  # 8:30-17:30, 17:55:23-18:33:02 (办公时间:9:00-12:00: a label's colon is no part of it)
            rf"(?<!\d)(?<!\d[:：])(?P<oh1>{digits}(?:[:：][0-5]\d)?)\s?{CLOCK_TO}\s?"
            rf"(?P<oh2>(?:[01]?\d|2[0-4])[:：][0-5]\d(?:[:：][0-5]\d)?)(?![\d:：])",
            _plain_hours,
        ),
        Grammar(
            # 17点55分23秒, 九点半, 五点一刻到六点, 零点整; whole hours only as a range: 8点至12点, 三点到五点,
            # 9时至17时
            "spoken_time",
            rf"(?<![\d{CN}.])(?P<sp1>{spoken})(?:\s?{CLOCK_TO}\s?(?P<sp2>{any_clock}))?"
            rf"|(?<![\d{CN}.])(?P<hr1>(?:{HOUR}|[{CN}]{{1,3}})[点时])\s?{CLOCK_TO}\s?(?P<hr2>{any_clock})",
            lambda m: (
                _clock_or_range(m, "sp1", "sp2", "spoken_time")
                if m.group("sp1")
                else _clock_or_range(m, "hr1", "hr2", "spoken_time")
            ),
        ),
        Grammar(
            "glued_time",  # a clock right after a day: 12月31日24时, 4月20日11:00时, 1月1日零时
            # and its end (11月7日10点到12点: two clock points, joined with the day into a range of moments)
            # (and a clock in words right after a day in digits: 2010 01 29五点, 2024-01-05三点半)
            rf"(?:(?<=[日号])|(?<=[日号]\s)|(?<=\d{{4}}[-/. ]\d\d[-/. ]\d\d)(?=[{CN}]))(?P<gt>{any_clock})"
            rf"(?:(?<=[点时分半刻整])\s?{CLOCK_TO}\s?(?P<gt2>{any_clock})|(?<=时)|{NOT_HOURS})",
            _glued,
        ),
        Grammar(
            "marked_time",
            # 2:00pm, 11:30:10 p.m., 17:00时; 在7:15前到达, 从13:30开始 (3:15 alone may be a ratio, 12:30:45 a
            # duration)
            rf"(?<![\d:：.])(?P<bt>{digits}(?:[:：][0-5]\d)?(?![\d:：])"
            rf"(?:{english_suffix()}|{SHORT_SUFFIX}|时|(?=\s?(?:{alt(w.clock_after)}))))"
            rf"(?:(?<=[mM.])\s?(?:{CLOCK_TO}|to|until)\s?(?P<bt3>(?:[01]?\d|2[0-3])(?:[:：][0-5]\d)?{english_suffix()}))?"
            # a whole hour before 前/后/开始 …: 8点前, 12时前, 十点开始 (三点意见 stays no time, and so does 三点以后:
            # after three points)
            rf"|(?<![\d{CN}.:：第])(?P<bt_dian>{HOUR}[点时](?=\s?(?:{alt(w.clock_after)}))"
            rf"|[{CN}]{{1,3}}点(?=\s?(?:{alt([a for a in w.clock_after if '后' not in a])})))"
            rf"|(?<![\d:：.])(?P<bt_en>(?:1[0-2]|0?[1-9]){english_suffix()})"
            # 9:00 a.m. to 5:00 p.m., 9am-5pm
            rf"(?:\s?(?:{CLOCK_TO}|to|until)\s?(?P<bt2>(?:[01]?\d|2[0-3])(?:[:：][0-5]\d)?{english_suffix()}))?",
            _marked,
        ),
        Grammar(
            # 截止时间：17:00, 开始时间：9:30 (a date label or 时间 makes a lone clock time a time; 三点 after
            # a label stays unread: three in the morning or the afternoon?)
            "labelled_time",
            rf"(?<=[:：\s])(?P<lt>{digits}(?![\d:：]))",
            _labelled_time,
        ),
    ]
