"""Build tests/fixtures/entity_specs/date.jsonl from other parsers' public Chinese date test cases.

    python -m benchmarks.date_specs_build RECOGNIZERS_GIT_DIR [DUCKLING_GIT_DIR] \
        > tests/fixtures/entity_specs/date.jsonl

RECOGNIZERS_GIT_DIR is a (bare) clone of microsoft/Recognizers-Text (its Chinese DateTime spec files, MIT),
DUCKLING_GIT_DIR one of facebook/duckling (Duckling/Time/ZH/Corpus.hs, BSD); files are read with `git show`.

Scope rule (fixed before any case was read): a case is in scope when every result it expects is an absolute
date or time our contract can write — its timex is `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, yearless `XXXX-MM(-DD)`,
`YYYY-MM-DDTHH[:MM[:SS]]`, a clock time `THH[:MM[:SS]]`, or a range `(A,B,P…)` of two of these — and no result
text holds a word that makes it relative to the moment of reading (RELATIVE_WORDS: 今天, 下周, 星期三 …, whose
timex the source resolves against a reference date). A case with no result is a negative case (in scope).
Added after reading dev cases only, applied to every case alike: years before 1900 (imperial era names, 19世纪)
and invalid calendar days (2019年2月29日) are out — no guide page holds them and ISO cannot write them — and
so are lunar dates (LUNAR_WORDS) and the relative 近三年 / 还剩5分钟 / 上半月.
A whole-year or whole-month range ends at the year or month the text names (the source's exclusive end is
its own convention).

The word lists are looked up in the text as written and in its simplified script (上個月 is 上个月): the first
build looked at the text as written only, and let traditional-script relative words of Duckling through; time
zones were added with that fix (both seen on dev cases).

Duckling (rule fixed before any example was read): only `examples (datetime (y, m, d, h, mi, s) Grain)` blocks —
holidays and intervals are out (the contract has no holidays; Duckling's interval ends are exclusive instants) —
and no example whose text holds a RELATIVE_WORDS or LUNAR_WORDS word. Duckling resolves every example against
2013-02-12T04:30, so the value keeps what the text names: the year only when the text writes one (`2015年`,
`二〇一五年`, `2015-`), the day only when it writes a month (月, or a numeric month-day), else a clock time
`HH:MM` (`:SS` at Second grain); a Day-grain example without a month is out (a lone 3号 is no date in the contract).
Split (fixed before any case was read): sha1 of the case id, even → dev, odd → first_sight.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
from typing import Any

from benchmarks.splits import split_of
from normalize import normalize

REPO = "microsoft/Recognizers-Text"
LICENCE = "MIT"
FILES = {
    "model": "Specs/DateTime/Chinese/DateTimeModel.json",
    "date": "Specs/DateTime/Chinese/DateParser.json",
    "dateperiod": "Specs/DateTime/Chinese/DatePeriodParser.json",
    "datetime": "Specs/DateTime/Chinese/DateTimeParser.json",
    "datetimeperiod": "Specs/DateTime/Chinese/DateTimePeriodParser.json",
    "time": "Specs/DateTime/Chinese/TimeParser.json",
    "timeperiod": "Specs/DateTime/Chinese/TimePeriodParser.json",
}
RELATIVE_WORDS = (
    "今",
    "明",
    "昨",
    "前天",
    "后天",
    "大前",
    "大后",
    "去年",
    "前年",
    "后年",
    "上个",
    "下个",
    "上周",
    "下周",
    "这",
    "本周",
    "本月",
    "本年",
    "上月",
    "下月",
    "上年",
    "下年",
    "最近",
    "过去",
    "未来",
    "接下来",
    "之前",
    "之后",
    "以前",
    "以后",
    "星期",
    "周",
    "礼拜",
    "现在",
    "刚刚",
    "当天",
    "那天",
    "次日",
    "第二天",
    "此",
    "前",
    "后",
    "來",
    "今",
    "後",
    "這",
    "週",
    "近",
    "剩",
    "半月",
    "宜家",
    "而家",
    "依家",
)
# The contract has no time zones (4pm CET).
ZONE_WORDS = ("CET", "GMT", "UTC", "时区", "時區")
# The contract has no lunar calendar (农历十月初一 is no Gregorian day).
LUNAR_WORDS = ("农历", "農曆", "正月", "腊月", "臘月", "初一", "大年", "除夕")
_POINT = re.compile(r"(\d{4}|XXXX)(?:-(\d\d)(?:-(\d\d))?)?(?:T(\d\d)(?::(\d\d)(?::(\d\d))?)?)?")
_CLOCK = re.compile(r"T(\d\d)(?::(\d\d)(?::(\d\d))?)?")


def _excluded(text: str) -> bool:
    """A relative, lunar or zoned expression, in the text as written or in its simplified script (上個月)."""
    words = RELATIVE_WORDS + LUNAR_WORDS + ZONE_WORDS
    return any(word in form for form in (text, normalize(text).text) for word in words)


def _point(timex: str) -> str | None:
    m = _CLOCK.fullmatch(timex)
    if m:
        hour, minute, second = m.groups()
        return f"{hour}:{minute or '00'}" + (f":{second}" if second and second != "00" else "")
    m = _POINT.fullmatch(timex)
    if not m:
        return None
    year, month, day, hour, minute, second = m.groups()
    if year == "XXXX" and month is None:
        return None
    if year != "XXXX" and int(year) < 1900:
        return None
    try:
        dt.date(2000 if year == "XXXX" else int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    out = ("-" if year == "XXXX" else year) + (f"-{month}" if month else "") + (f"-{day}" if day else "")
    if hour:
        if not day:
            return None
        out += f"T{hour}:{minute or '00'}" + (f":{second}" if second and second != "00" else "")
    return out


def value_of(timex: str) -> str | None:
    """Our canonical value for an absolute timex, else None."""
    if timex.startswith("(") and timex.endswith(")"):
        parts = timex[1:-1].split(",")
        if len(parts) != 3:
            return None
        a, b = _point(parts[0]), _point(parts[1])
        if not (a and b):
            return None
        whole = re.fullmatch(r"P\d+([YM])", parts[2])
        if whole and a.endswith("-01") and b.endswith("-01"):
            # a range of whole years or months ends where the text ends it: 1995-1997年 → 1995/1997
            cut = 4 if whole.group(1) == "Y" and a.endswith("-01-01") and b.endswith("-01-01") else len(a) - 3
            a, b = a[:cut], b[:cut]
        return f"{a}/{b}"
    return _point(timex)


def _results(case: dict[str, Any]) -> list[tuple[str, str]] | None:
    """(text, timex) of each expected result, or None when a result has no single timex."""
    out = []
    for result in case["Results"]:
        if "Resolution" in result:
            timexes = {v.get("timex") for v in result["Resolution"].get("values", [])}
        else:
            timexes = {result.get("Value", {}).get("Timex")}
        if len(timexes) != 1 or None in timexes:
            return None
        out.append((result["Text"], timexes.pop()))
    return out


def build(git_dir: str, commit: str) -> list[dict[str, Any]]:
    cases = []
    for short, path in FILES.items():
        raw = subprocess.run(
            ["git", "--git-dir", git_dir, "show", f"{commit}:{path}"], capture_output=True, check=True
        ).stdout.decode("utf-8-sig")
        for n, case in enumerate(json.loads(raw)):
            results = _results(case)
            if results is None:
                continue
            expected = []
            for text, timex in results:
                value = value_of(timex)
                if value is None or _excluded(text):
                    break
                expected.append({"value": value})
            else:
                case_id = f"msrt-{short}-{n}"
                split = split_of(case_id)
                cases.append(
                    {
                        "id": case_id,
                        "split": split,
                        "text": case["Input"],
                        "expected": expected,
                        "source": {"repo": REPO, "path": path, "commit": commit, "licence": LICENCE},
                    }
                )
    return cases


DUCKLING = "facebook/duckling"
DUCKLING_PATH = "Duckling/Time/ZH/Corpus.hs"
_DUCKLING_BLOCK = re.compile(
    r"examples \(datetime \((\d+), (\d+), (\d+), (\d+), (\d+), (\d+)\) (\w+)\)\s*\[(.*?)\]", re.DOTALL
)
_WRITTEN_YEAR = re.compile(r"\d{4}|[〇零一二三四五六七八九]{4}年")
_WRITTEN_MONTH = re.compile(r"月|\d{1,2}[-/.]\d{1,2}")


def duckling_value(numbers: tuple[int, ...], grain: str, text: str) -> str | None:
    """Our canonical value for a Duckling datetime example, or None when it is out of scope."""
    year, month, day, hour, minute, second = numbers
    has_year, has_month = bool(_WRITTEN_YEAR.search(text)), bool(_WRITTEN_MONTH.search(text))
    date = (f"{year}-{month:02d}" if has_year else f"--{month:02d}") + f"-{day:02d}"
    if grain == "Year":
        return str(year) if has_year else None
    if grain == "Month":
        return (f"{year}-{month:02d}" if has_year else f"--{month:02d}") if has_month else None
    if grain == "Day":
        return date if has_month else None
    if grain not in ("Hour", "Minute", "Second"):
        return None
    clock = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if grain == "Second" else "")
    return f"{date}T{clock}" if has_month else clock


def build_duckling(git_dir: str, commit: str) -> list[dict[str, Any]]:
    raw = subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"{commit}:{DUCKLING_PATH}"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    cases, n = [], 0
    for block in _DUCKLING_BLOCK.finditer(raw):
        numbers = tuple(int(block.group(i)) for i in range(1, 7))
        for text in re.findall(r'"((?:[^"\\]|\\.)*)"', block.group(8)):
            case_id, n = f"duckling-zh-{n}", n + 1
            value = duckling_value(numbers, block.group(7), text)
            if value is None or _excluded(text):
                continue
            split = split_of(case_id)
            cases.append(
                {
                    "id": case_id,
                    "split": split,
                    "text": text,
                    "expected": [{"value": value}],
                    "source": {"repo": DUCKLING, "path": DUCKLING_PATH, "commit": commit, "licence": "BSD-3-Clause"},
                }
            )
    return cases


def _head(git_dir: str, rev: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", git_dir, "rev-parse", rev], capture_output=True, text=True, check=True
    ).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("git_dir", help="a clone of microsoft/Recognizers-Text")
    parser.add_argument("duckling_git_dir", nargs="?", help="a clone of facebook/duckling")
    parser.add_argument("--commit", default="HEAD", help="Recognizers-Text commit")
    parser.add_argument("--duckling-commit", default="HEAD")
    args = parser.parse_args(argv)
    cases = build(args.git_dir, _head(args.git_dir, args.commit))
    if args.duckling_git_dir:
        cases += build_duckling(args.duckling_git_dir, _head(args.duckling_git_dir, args.duckling_commit))
    for case in cases:
        sys.stdout.write(json.dumps(case, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
