"""Dates as pages print them (2024-05-13, 2024年5月13日 16:23, 发布时间：…) and their ISO 8601 form."""

from __future__ import annotations

import re

DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?"
    r"(?:\s*T?\s*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?"
)


SIGNING_DATE = re.compile(
    r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*日"
)


def iso_date(text: str | None) -> str | None:
    if not text:
        return None
    match = DATE.search(text)
    if not match:
        return None
    year, month, day, hour, minute, second = match.groups()
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    iso = f"{year}-{int(month):02d}-{int(day):02d}"
    if hour is not None and int(hour) < 24 and int(minute) < 60:
        iso += f"T{int(hour):02d}:{minute}"
        if second is not None:
            iso += f":{second}"
    return iso


DATE_LABEL = re.compile(r"(发布|發布|发表|發表|更新|日期|时间|時間|发文|成文)[^:：\d]{0,4}[:：]?\s*")


CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)|\d+\s*(分钟|小时|天)前|(昨天|前天|今天)")
