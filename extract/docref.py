"""Policy document numbers: `榕政综〔2007〕249号`, `烟社保函〔2020〕1号`, with `[]`, `()`, `（）`, `【】` variants.

Value is the reference with the year in 〔〕 (`榕政综〔2007〕249号`); fields `issuer`, `year`, `number`.
Decrees numbered without a year (`国务院令第699号`, `人力资源社会保障部令第13号`) keep their form, `year` null.
The issuer is the abbreviation right before the year: words that introduce a reference (按, 根据 …, see
`data/docref.toml`) are cut off, never kept.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from extract.entity import Entity
from extract.labels import DATA

# Found from the bracketed year; the issuer is then read backwards (a leading CJK run would be slow to scan).
# The pattern starts at the bracket, so the regex engine skips to the next one at C speed; one whitespace right
# before the bracket still parts the issuer from it (榕政综 〔2007〕249号), see `_SPACE`.
_REF = re.compile(r"[〔\[［(（【](?P<year>(?:19|20)\d{2})[〕\]］)）】]\s?第?(?P<number>\d{1,5})号")
_SPACE = re.compile(r"\s")
# What every bracketed reference holds, as one scan the regex engine runs fast (a class first, not `\s?`).
_BRACKETED_YEAR = re.compile(r"[〔\[［(（【](?:19|20)\d{2}[〕\]］)）】]")
_ISSUER = re.compile(r"[\u4e00-\u9fff]{2,12}\Z")
# A decree is issued by an organ: 国务院令, 人力资源社会保障部令, 国家医疗保障局令, 主席令 (not 命令, 指令)
_DECREE = re.compile(r"(?<=[部院局委署行会席府厅])令\s?第(?P<number>\d{1,5})号")


@cache
def _issuer_rules() -> tuple[re.Pattern[str], int, int]:
    with open(DATA / "docref.toml", "rb") as f:
        data = tomllib.load(f)["issuer"]
    words = sorted(data["cut_after"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), int(data["min_length"]), int(data["max_length"])


def find_docrefs(text: str) -> list[Entity]:
    """Every document number in `text`, in order."""
    found = []
    if _BRACKETED_YEAR.search(text) is not None:
        found += _numbered(text, _REF, bracketed=True)
    if "令" in text:
        found += _numbered(text, _DECREE, bracketed=False)
    return sorted(found, key=lambda e: e.start)


def _numbered(text: str, pattern: re.Pattern[str], *, bracketed: bool) -> list[Entity]:
    cut, min_length, max_length = _issuer_rules()
    found: list[Entity] = []
    for m in pattern.finditer(text):
        # a decree's issuer ends with 令 itself (国务院令); a bracketed reference's ends right before the year, or
        # before the one whitespace in front of it
        if not bracketed:
            issuer_end = m.start() + 1
        elif m.start() and _SPACE.match(text, m.start() - 1):
            issuer_end = m.start() - 1
        else:
            issuer_end = m.start()
        before = _ISSUER.search(text, max(0, issuer_end - 12), issuer_end)
        if before is None:
            continue
        issuer = before.group(0)
        offset = 0
        for c in cut.finditer(issuer):
            offset = c.end()
        issuer = issuer[offset:]
        if len(issuer) > max_length:
            offset += len(issuer) - max_length
            issuer = issuer[-max_length:]
        if len(issuer) < min_length + (0 if bracketed else 1):  # 命令第5号 is no decree number
            continue
        start = before.start() + offset
        number = int(m.group("number"))
        year = int(m.group("year")) if bracketed else None
        value = f"{issuer}〔{year}〕{number}号" if bracketed else f"{issuer}第{number}号"
        fields = {"issuer": issuer, "year": year, "number": number}
        found.append(Entity("docref", text[start : m.end()], start, m.end(), value, fields))
    return found
