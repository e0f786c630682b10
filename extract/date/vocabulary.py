"""The date vocabulary (extract/data/date_words.toml), loaded once: weekdays, period words, connectors, ROC and
two-digit-year rules, English month names and recurring words."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from extract.labels import DATA


@dataclass(frozen=True, slots=True)
class DateWords:
    weekdays: dict[str, int]
    weekday_prefix: str  # regex: 周|星期|礼拜
    weekday_day: str  # regex character class of the weekday words after a prefix: [一二三四五六日天末]
    weekday_note_day: str  # the same without the weekend: the weekday of one date
    weekend: str
    weekend_days: str
    day_sets: dict[str, str]  # 工作日 → "1-5": a set of days before office hours
    morning: tuple[str, ...]
    afternoon: tuple[str, ...]
    noon: tuple[str, ...]
    night: tuple[str, ...]
    english_morning: tuple[str, ...]
    english_afternoon: tuple[str, ...]
    connector: re.Pattern[str]
    connectors: tuple[str, ...]
    between: re.Pattern[str]
    between_after: re.Pattern[str]
    yearly_before: re.Pattern[str]
    monthly: tuple[str, ...]
    english_monthly: tuple[str, ...]
    year_qualifiers: tuple[str, ...]
    english_months: dict[str, int]
    english_weekdays: dict[str, int]  # lower-cased names and abbreviations → ISO weekday number
    relative_years: dict[str, int]
    relative_before: re.Pattern[str]
    clock_after: tuple[str, ...]
    clock_labels: tuple[str, ...]
    minute_words: dict[str, int]
    roc_prefixes: tuple[str, ...]
    roc_offset: int
    roc_numeric_years: tuple[int, int]
    two_digit_pivot: int
    compact_not_after: re.Pattern[str]
    counted_units: str
    counted_days_after: tuple[str, ...]
    same_year: tuple[str, ...]
    month_alone_after: str
    month_names_after: tuple[str, ...]
    month_counted_before: re.Pattern[str]
    old_years_from: int
    two_digit_alone_after: tuple[str, ...]
    year_words_after: tuple[str, ...]
    years_counted_before: re.Pattern[str]
    years_counted_after: tuple[str, ...]

    @property
    def periods(self) -> tuple[str, ...]:
        return self.morning + self.afternoon + self.noon


def alt(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first (so 上午 wins over 上)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def words() -> DateWords:
    with open(DATA / "date_words.toml", "rb") as f:
        data = tomllib.load(f)
    ranges = data["ranges"]
    periods = data["periods"]
    connector = re.compile(
        rf"\s*(?:{alt(ranges['from_words'])})?\s*(?:{alt(ranges['connectors'])})\s*"
        rf"(?:(?P<next>{alt(ranges['next_year'])})|{alt(ranges['same_year'])}|(?P<reading>{alt(ranges['reading_year'])})|[\u4e00-\u9fff]{{0,6}}?)(?:的)?\s*\Z"
    )
    weekday_words = data["weekday_words"]
    day_words = [word for word in data["weekdays"] if not word.isdigit()]
    return DateWords(
        weekdays=dict(data["weekdays"]),
        weekday_prefix=f"(?:{alt(weekday_words['prefixes'])})",
        weekday_day=f"[{''.join(day_words)}]",
        weekday_note_day=f"[{''.join(w for w in day_words if w != weekday_words['weekend'])}]",
        weekend=weekday_words["weekend"],
        weekend_days=weekday_words["weekend_days"],
        day_sets=dict(data["day_sets"]),
        morning=tuple(periods["morning"]),
        afternoon=tuple(periods["afternoon"]),
        noon=tuple(periods["noon"]),
        night=tuple(periods["night"]),
        english_morning=tuple(periods["english_morning"]),
        english_afternoon=tuple(periods["english_afternoon"]),
        connector=connector,
        connectors=tuple(ranges["connectors"]),
        between=re.compile(rf"\s*(?:{alt(ranges['between'])})\s*\Z"),
        between_after=re.compile(rf"\s*(?:{alt(ranges['between_after'])})"),
        yearly_before=re.compile(rf"(?:{alt(ranges['yearly'])})(?:的)?\s*\Z"),
        monthly=tuple(ranges["monthly"]),
        english_monthly=tuple(ranges["english_monthly"]),
        year_qualifiers=tuple(ranges["year_qualifiers"]),
        english_months={name.lower(): number for name, number in data["english_months"].items()},
        english_weekdays={name.lower(): number for name, number in data["english_weekdays"].items()},
        relative_years=dict(data["relative_years"]),
        relative_before=re.compile(rf"({alt(list(data['relative_years']))})(?:的)?\s?\Z"),
        clock_after=tuple(data["clock"]["after"]),
        clock_labels=tuple(data["clock"]["labels"]),
        minute_words=dict(data["clock"]["minute_words"]),
        roc_prefixes=tuple(data["roc"]["prefixes"]),
        roc_offset=int(data["roc"]["offset"]),
        roc_numeric_years=(int(data["roc"]["numeric_years"][0]), int(data["roc"]["numeric_years"][1])),
        two_digit_pivot=int(data["two_digit_years"]["pivot"]),
        counted_units="".join(data["counted"]["units"]),
        counted_days_after=tuple(data["counted"]["days_after"]),
        same_year=tuple(ranges["same_year"]),
        month_alone_after="".join(data["month_in_words"]["alone_after"]),
        month_names_after=tuple(data["month_in_words"]["names_after"]),
        month_counted_before=re.compile(
            rf"(?:{alt(data['month_in_words']['counted_units'])})\s?(?:{alt(data['month_in_words']['counted_as'])})\s?\Z"
        ),
        old_years_from=int(data["old_years"]["from"]),
        two_digit_alone_after=tuple(data["two_digit_years"]["alone_after"]),
        year_words_after=tuple(data["old_years"]["year_words_after"]),
        years_counted_before=re.compile(rf"(?:{alt(data['old_years']['counted_before'])})\s?\Z"),
        years_counted_after=tuple(data["old_years"]["counted_after"]),
        compact_not_after=re.compile(rf"(?:{alt(data['compact']['not_after'])})[^\u4e00-\u9fff\d]{{0,4}}\Z"),
    )
