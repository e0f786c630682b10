"""Numbers written with a country code, and domestic numbers of neighbouring plans (Taiwan), via phonenumbers.

Reads `+86 400 123 4567`, `+852 2123 4567`, `(852) 2123 4567`, `00853 6612 3456`, `+886 2 2123 4567`,
`(86)(20) 8388-1234`, `(1-800) 555-0100`, `+33 (0) 6 44 44 44 44`, `852-2123-4567` (the bare country codes of
`data/phone_plans.toml`), and keeps the longest run of groups that phonenumbers finds a valid number
(`+86 10 56385301/56385348` is one number, then a list). A number of Hong Kong, Macau, Taiwan or elsewhere keeps
its own region and country code; its value is the number as dialled inside its own country (the digits of the
national format: `21234567`, `0221234567`, `01012345678`), as for a mainland number.

`domestic_region` answers for a number written with a trunk 0 and no country code whether it is mainland or, when
it is no valid mainland number, one of the fallback plans (`(02)2345-6789`, `0800-011-765`, `070-1234-5678` are
Taiwan's). This module only reads numbers; labels, extensions and lists are `extract/phone.py`'s.
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache

from extract.labels import DATA
from normalize.cjk import IDEOGRAPH

_GROUP_SEP = r"(?:[\s\-–—.‐/]{1,2}|\s?[(（]\d{1,4}[)）]\s?)"
_REST = rf"[\s\-–—‐]{{0,2}}(?:[(（]\d{{1,4}}[)）]\s?)?\d{{1,12}}(?:{_GROUP_SEP}\d{{1,12}}){{0,6}}"


@dataclass(frozen=True, slots=True)
class Plans:
    candidate: re.Pattern[str]
    trigger: re.Pattern[str]  # where a candidate may start: a cheap scan before the full pattern
    fallback: tuple[str, ...]
    english_fallback: tuple[str, ...]  # tried first for a number written in English text
    lines: dict[str, str]
    cn: dict[str, re.Pattern[str]]
    regions: dict[str, str]  # province-level division → its own numbering plan's region


@cache
def plans() -> Plans:
    with open(DATA / "phone_plans.toml", "rb") as f:
        data = tomllib.load(f)
    intl = data["international"]
    bare = "|".join(sorted(intl["bare_country_codes"], key=len, reverse=True))
    candidate = re.compile(
        r"(?<![A-Za-z0-9_.@#+\-/])(?:"
        r"[(（]?\+\s?(?P<plus>[1-9]\d{0,2})(?:\s?[)）])?"  # +852, (+852)
        r"|[(（]?00\s?(?P<idd>[1-9]\d{0,2})(?:\s?[)）])?"  # 00852: the international prefix dialled from China
        r"|[(（]\s?(?P<paren>[1-9]\d{0,2})\s?[)）]"  # (852)
        r"|[(（]\s?\+?(?P<pair>[1-9]\d{0,2})[-\s](?P<pair_area>\d{1,4})\s?[)）]"  # (1-800), (86-574)
        rf"|(?P<bare>{bare})(?=[-\s]\d)"  # 852-2123-4567
        rf")(?P<rest>{_REST})(?![\d.:]\d|[A-Za-z@])"
    )
    return Plans(
        candidate=candidate,
        trigger=re.compile(rf"[(（+]|00\s?[1-9]|(?:{bare})(?=[-\s]\d)"),
        fallback=tuple(intl["domestic_fallback"]),
        english_fallback=tuple(intl["english_fallback"]),
        lines=dict(intl["lines"]),
        cn={name: re.compile(pattern) for name, pattern in data["cn"].items()},
        regions=dict(intl["regions"]),
    )


@dataclass(frozen=True, slots=True)
class InternationalNumber:
    start: int
    end: int
    value: str  # digits of the national format: as dialled inside its own country
    region: str
    e164: str
    line: str


# North American numbers written domestically: 1-800-633-4227, 1 (800) 633-4227, (800) 633-4227, 800.633.4227.
_NANP = re.compile(
    r"(?<![\w+.\-/])(?P<one>1[\s.\-]?)?(?:\((?P<paren>[2-9]\d{2})\)\s?|(?P<area>[2-9]\d{2})[\s.\-])"
    r"(?P<exchange>[2-9]\d{2})[\s.\-](?P<number>\d{4})(?![\w\-]|\.\d)"
)
_CJK = re.compile(f"[{IDEOGRAPH}]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_CONTEXT = 30  # characters on each side of a number that say which language it is written in


def find_north_american(text: str) -> list[InternationalNumber]:
    """North American numbers written without a country code, where the text around them is English (no CJK
    within `_CONTEXT` characters, an English word there), or where the grouping is none a mainland number has (a
    leading 1 before three groups, a three-digit area code in brackets): `800-820-8820` in Chinese text is a
    mainland toll-free number, `Call 800-633-4227` an American one."""
    import phonenumbers

    found = []
    for m in _NANP.finditer(text):
        if not written_in_english(text, m.start(), m.end(), need_word=not (m.group("one") or m.group("paren"))):
            continue
        digits = (m.group("paren") or m.group("area")) + m.group("exchange") + m.group("number")
        try:
            number = phonenumbers.parse(digits, "US")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            found.append(_describe(number, m.start(), m.end()))
    return found


def written_in_english(text: str, start: int, end: int, need_word: bool = True) -> bool:
    """Whether the text around a number is English: no CJK within `_CONTEXT` characters on either side, and (when
    `need_word`) an English word there."""
    around = text[max(0, start - _CONTEXT) : start] + " " + text[end : end + _CONTEXT]
    if _CJK.search(around) is not None:
        return False
    return not need_word or _LATIN_WORD.search(around) is not None


def find_international(text: str) -> list[InternationalNumber]:
    """Every number written with a country code that phonenumbers finds valid, and every North American number
    written domestically in English text (`find_north_american`), in order."""
    found: list[InternationalNumber] = []
    candidate = plans().candidate
    reach = 0
    for trigger in plans().trigger.finditer(text):
        if trigger.start() < reach:
            continue
        m = candidate.match(text, trigger.start())
        if m is None:
            continue
        reach = m.end()
        country = m.group("plus") or m.group("idd") or m.group("paren") or m.group("pair") or m.group("bare")
        prefix = country + (m.group("pair_area") or "")
        number = _longest_valid(prefix, m.group("rest"), m.start("rest"))
        if number is None:
            continue
        parsed, end = number
        found.append(_describe(parsed, m.start(), end))
    if _NANP_TRIGGER.search(text) is not None:
        taken = [(number.start, number.end) for number in found]
        found += [n for n in find_north_american(text) if all(n.end <= a or n.start >= b for a, b in taken)]
        found.sort(key=lambda number: number.start)
    return found


_NANP_TRIGGER = re.compile(r"\d{3}[\s.\-]\d{4}(?!\d)")  # a cheap scan before the full pattern


def _longest_valid(prefix: str, rest: str, offset: int) -> tuple[object, int] | None:
    """The longest leading run of digit groups that makes a valid number, and where it ends in the text."""
    import phonenumbers

    groups = [(g.group(), g.end()) for g in re.finditer(r"[(（]\d{1,4}[)）]|\d+", rest)]
    for count in range(len(groups), 0, -1):
        digits = prefix
        for group, _ in groups[:count]:
            bracketed = not group[0].isdigit()
            inner = group.strip("()（）")
            if bracketed and inner == "0":  # +44 (0) 113 …: the trunk 0 shown for domestic callers
                continue
            digits += inner
        last = groups[count - 1][0]
        if not last[0].isdigit():
            continue  # a number never ends at a bracketed group
        try:
            number = phonenumbers.parse("+" + digits)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number, offset + groups[count - 1][1]
    return None


def _describe(number: object, start: int, end: int) -> InternationalNumber:
    import phonenumbers

    assert isinstance(number, phonenumbers.PhoneNumber)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    kind = phonenumbers.number_type(number)
    names = {getattr(phonenumbers.PhoneNumberType, n): n for n in plans().lines}
    return InternationalNumber(
        start=start,
        end=end,
        value=re.sub(r"\D", "", national),
        region=phonenumbers.region_code_for_number(number) or "",
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        line=plans().lines.get(names.get(kind, ""), "landline"),
    )


@cache
def mainland_area_codes() -> frozenset[str]:
    """Every mainland area code with its trunk 0 (`010`, `0591`): `data/area_codes.csv`."""
    with open(DATA / "area_codes.csv", encoding="utf-8", newline="") as f:
        return frozenset(row["area_code"] for row in csv.DictReader(f))


@lru_cache(maxsize=8192)  # pages repeat the same hotlines: phonenumbers' validation costs ~0.1 ms a number
def domestic_region(
    digits: str, written_area: str | None = None, english: bool = False
) -> tuple[str, str | None, str | None]:
    """(region, e164, line) of a number written with its trunk 0 and no country code.

    Mainland when phonenumbers finds it valid there and its written area code (if one was written apart) is a
    mainland one (`070-1234-5678` has the digits of a 0701 number, but 070 is no mainland area code); else the
    first fallback plan that finds it valid, or possible when the written area code has two digits
    (`(02)2345-678`: no mainland area code is that short); else mainland, as written (e164 null). In English text
    the plans of English-speaking countries that write a trunk 0 come before those fallbacks (`0300 330 1341` is a
    UK number; a number valid on the mainland stays the mainland's).
    """
    import phonenumbers

    if written_area is None or written_area in mainland_area_codes():
        try:
            mainland = phonenumbers.parse("+86" + digits[1:])
            if phonenumbers.is_valid_number(mainland):
                return "CN", phonenumbers.format_number(mainland, phonenumbers.PhoneNumberFormat.E164), None
        except phonenumbers.NumberParseException:
            pass
    for region in (*plans().english_fallback, *plans().fallback) if english else plans().fallback:
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        short_area = written_area is not None and len(written_area) == 2
        if phonenumbers.is_valid_number(number) or (short_area and phonenumbers.is_possible_number(number)):
            described = _describe(number, 0, 0)
            return region, described.e164, described.line
    return "CN", None, None


def local_e164(digits: str, region: str) -> str | None:
    """E.164 of a number written as dialled inside `region` (`28246111` in HK), or None when not valid there."""
    import phonenumbers

    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
