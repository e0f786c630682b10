"""Build tests/fixtures/entity_specs/date.jsonl from Microsoft Recognizers-Text's Chinese DateTime spec files.

    python -m benchmarks.date_specs_build GIT_DIR [--commit SHA] > tests/fixtures/entity_specs/date.jsonl

GIT_DIR is a (bare) clone of microsoft/Recognizers-Text; the spec files are read with `git show`.

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
Split (fixed before any case was read): sha1 of the case id, even → dev, odd → first_sight.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
from typing import Any

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
)
# The contract has no lunar calendar (农历十月初一 is no Gregorian day).
LUNAR_WORDS = ("农历", "農曆", "正月", "腊月", "臘月", "初一", "大年", "除夕")
_POINT = re.compile(r"(\d{4}|XXXX)(?:-(\d\d)(?:-(\d\d))?)?(?:T(\d\d)(?::(\d\d)(?::(\d\d))?)?)?")
_CLOCK = re.compile(r"T(\d\d)(?::(\d\d)(?::(\d\d))?)?")


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
                if value is None or any(word in text for word in RELATIVE_WORDS + LUNAR_WORDS):
                    break
                expected.append({"value": value})
            else:
                case_id = f"msrt-{short}-{n}"
                split = "dev" if int(hashlib.sha1(case_id.encode()).hexdigest(), 16) % 2 == 0 else "first_sight"
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("git_dir")
    parser.add_argument("--commit", default="HEAD")
    args = parser.parse_args(argv)
    commit = subprocess.run(
        ["git", "--git-dir", args.git_dir, "rev-parse", args.commit], capture_output=True, text=True, check=True
    ).stdout.strip()
    for case in build(args.git_dir, commit):
        sys.stdout.write(json.dumps(case, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
