"""Phone numbers: landlines with or without area code, mobiles, 400/800, service and SMS numbers, extensions.

Reads `0591-87842560`, `(0591)87842560`, `(86-574)12329`, `86-10-56385301`, `025--84701931`, `0535—6785673`,
`+86 10 6462 9100`, `17085340457`, `（010）87730641-80003`,
`4009-789-789`, `12333`, `96102`, `1062665533`, `转8001` / `分机123`, lists `87876490/87802528`, and splits two
landlines glued together (`0591-8787649087802528`). A bare 7–8 digit local number counts only after a phone word
(电话, 热线 …) or next to another phone; its area code comes from the nearest city named before it in the text
(not a city that names a street: 湖州街, 中山北路), else from the page's city, and is marked `area_inferred`;
when no city is known at all, a labelled local number is kept as written (no area code, `e164` null).

Value: digits only, area code included when known, no country code. Fields: `e164` (phonenumbers; null for short
service numbers), `line` (mobile / landline / toll_free / service), `ext`, `label`, `area_inferred`.
Never a phone: a digit run that is part of a longer run (ID numbers), a number after 身份证/QQ/邮编/编号 …,
a number followed by a unit (元, 人, 号 …), dates, times, decimals, document numbers, a service number naming an
app or account (掌上12333, 12333公众号).
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from extract.divisions import gazetteer
from extract.entity import Entity, PageContext
from extract.labels import CLAUSE_BREAK, DATA, vocabulary
from extract.phone_international import (
    InternationalNumber,
    domestic_region,
    find_international,
    local_e164,
    mainland_area_codes,
    plans,
    written_in_english,
)

_SEP = r"[-—–－‐ ]"
# A candidate: optional country code, optional area code (bracketed or followed by a separator), then digit
# groups. Glued to letters, digits, '.', ':' or '/'-dates on either side: not a candidate.
_CANDIDATE = re.compile(
    r"(?=[\d(（+])(?<![A-Za-z0-9_.@#+\-])"
    # international: +86 10 6462 9100, 0086-591-87842560, (+86)13812345678 (no trunk 0 after the 86)
    # (86-10-56385301: a bare 86 only before a separator, an area code without its trunk 0 and a whole number)
    r"(?:(?P<cc>(?:\+|00)86|[(（]\+?86[)）]|86(?=[-\s][1-9]\d{1,2}[-\s]\d{7,8}(?!\d)))"
    r"[-\s]?(?P<intl>\d{2,4}(?:[-\s]?\d{3,4}){1,3})"
    # (86-574)12329: the country code and the area code (without its trunk 0) in one bracket
    r"|(?:[(（]\+?86[-\s](?P<area_cc>[1-9]\d{1,2})[)）]\s?"
    r"|[(（]\s?(?P<area_paren>0\d{1,3})\s?[)）]\s?(?:[-—–－‐]\s?)?"  # (02)2345-678: Taiwan's two-digit codes
    r"|(?P<area>0\d{1,3})\s?[-—–－‐]{1,2}\s?"  # 025--84701931: a doubled dash; 02-2345-6789 (Taiwan)
    r"|(?P<area_sp>0\d{2,3}) (?=\d{7,8}(?!\d)|\d{3,4} \d{4}(?!\d)))?"  # 010 6512 3456
    # groups: dashes join any, a space only short ones (138 1234 5678), not two whole numbers (87842560 87842561)
    r"(?P<body>\d{3,}(?:[-—–－‐]\d{3,}| \d{3,4}(?![\d\-—–－‐/]|[.:]\d))*))"
    r"(?![\d.:]\d|[A-Za-z@])"
)
_DASH_EXT = re.compile(r"[-—–－‐](\d{1,5})(?![\d\-—–－‐])")
_INLINE_EXT = re.compile(r"([2-9]\d{6,7})[-—–－‐](\d{1,5})")  # （010）87730641-80003
# compiled once: every candidate number goes through them (most candidates are years and counts, soon rejected)
_NOT_DIGIT = re.compile(r"\D")
_LOCAL_NUMBER = re.compile(r"\d{7,8}")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_DASHED_DATE = re.compile(r"(?:19|20)\d{2}[-—–－‐ ]\d{1,2}\b")


@dataclass(frozen=True, slots=True)
class PhoneRules:
    service: dict[str, str]  # number → kind
    trailing: re.Pattern[str]
    not_phone: re.Pattern[str]
    accounts: re.Pattern[str]
    not_phone_window: int
    units: str
    service_after: re.Pattern[str]
    service_after_window: int
    street_names: re.Pattern[str]  # right after a city name: the name is a street's (湖州街, 北京路)
    name_before: re.Pattern[str]  # 掌上12333: the number names an app
    name_after: re.Pattern[str]  # 12333公众号
    extension: re.Pattern[str]  # 转8001, 分机123 right after a number
    list_separator: re.Pattern[str]  # 87876490/87802528: what stands between two numbers of one list


@cache
def rules() -> PhoneRules:
    with open(DATA / "phone_labels.toml", "rb") as f:
        data = tomllib.load(f)
    with open(DATA / "service_numbers.csv", encoding="utf-8", newline="") as f:
        service = {r["number"]: r["kind"] for r in csv.DictReader(f)}
    alt = lambda ws: "|".join(map(re.escape, sorted(ws, key=len, reverse=True)))  # noqa: E731
    return PhoneRules(
        service=service,
        trailing=re.compile(rf"\s?[(（]\s?({alt(data['trailing']['words'])})\s?[)）]"),
        not_phone=re.compile(alt(data["not_phone"]["words"] + data["not_phone"]["accounts"])),
        accounts=re.compile(alt(data["not_phone"]["accounts"])),
        not_phone_window=int(data["not_phone"]["window"]),
        units=data["units"]["after"],
        service_after=re.compile(alt(data["service_after"]["words"])),
        service_after_window=int(data["service_after"]["window"]),
        street_names=re.compile(rf"[{data['street_names']['directions']}]?(?:{alt(data['street_names']['after'])})"),
        name_before=re.compile(rf"(?:{alt(data['names']['before'])})\Z"),
        name_after=re.compile(alt(data["names"]["after"])),
        extension=re.compile(rf"\s?(?:{alt(data['extension']['words'])})\s?(\d{{1,6}})(?!\d)"),
        list_separator=re.compile(rf"\s?(?:{alt(data['lists']['separators'])})\s?\Z|\s{{1,2}}\Z"),
    )


@dataclass(slots=True)
class _Number:
    start: int
    end: int
    digits: str  # as dialled, area code included when written
    line: str
    area_written: bool


def _classify(area: str | None, body: str) -> list[tuple[str, str, int]] | None:
    """(digits, line, length of the written local part) for each number in one candidate; None: no phone."""
    svc = rules().service
    plan = plans().cn
    if area:
        if len(body) in (7, 8) and body[0] != "0":
            return [(area + body, "landline", len(body))]
        if body in svc or plan["service"].fullmatch(body):
            return [(area + body, _service_line(body), len(body))]
        for first in (8, 7):  # two landlines glued together: 0591-8787649087802528
            rest = body[first:]
            if len(rest) in (7, 8) and body[0] != "0" and rest[0] != "0" and len(body) in (14, 15, 16):
                return [(area + body[:first], "landline", first), (area + rest, "landline", len(rest))]
        return None
    if plan["mobile"].fullmatch(body):
        return [(body, "mobile", 11)]
    if plan["toll_free"].fullmatch(body):
        return [(body, "toll_free", 10)]
    # 020 1111 1111: a local part the plan pattern does not know, but phonenumbers does — mainland only: without a
    # written area code nothing says the digits are Taiwan's
    if plan["landline"].fullmatch(body) or (body[0] == "0" and 10 <= len(body) <= 12 and _valid_mainland(body)):
        return [(body, "landline", len(body))]
    if body in svc or plan["service"].fullmatch(body):
        return [(body, _service_line(body), len(body))]
    if plan["sms"].fullmatch(body):
        return [(body, "sms", len(body))]
    if plan["local"].fullmatch(body):
        return [(body, "local", len(body))]
    return None


def _valid_mainland(digits: str) -> bool:
    region, e164, _ = domestic_region(digits)
    return region == "CN" and e164 is not None


def _is_plain_service(number: str) -> bool:
    """A service-plan number (95xxx, 96xxx, 123xx) not named in service_numbers.csv: may be a count."""
    return number not in rules().service and bool(plans().cn["service"].fullmatch(number))


def _service_line(number: str) -> str:
    """110, 119, 120, 122 …: emergency; every other short number: service (service_numbers.csv)."""
    return "emergency" if rules().service.get(number) == "emergency" else "service"


def _standalone_runs(text: str) -> set[str]:
    return {m.group(0) for m in re.finditer(r"(?<!\d)\d{5,}(?!\d)", text)}


def find_phones(text: str, context: PageContext | None = None) -> list[Entity]:
    """Every phone number in `text`, in order."""
    r = rules()
    labels = vocabulary("phone_labels")
    gaz = gazetteer()
    runs: set[str] | None = None
    found: list[Entity] = []
    last_end = -10
    last_label: str | None = None
    last_area: str | None = None
    city_mentions = None
    for item in _in_order(find_international(text), _CANDIDATE.finditer(text)):
        if isinstance(item, InternationalNumber):
            entity = _international_entity(text, item)
            if entity is not None:
                found.append(entity)
                last_end, last_label = entity.end, entity.fields["label"]
                last_area = _area_of(entity.value) if entity.fields["region"] == "CN" else None
            continue
        m = item
        area = m.group("area_paren") or m.group("area") or m.group("area_sp")
        if m.group("area_cc"):
            area = "0" + m.group("area_cc")
        body_text = m.group("body") or m.group("intl")
        body = _NOT_DIGIT.sub("", body_text)
        # 0571-87061234-8012, (027)67883347-8666: after a written area code, a short last group is an extension;
        # so too after a whole local number (电话：54113581—8112), which still needs its phone word below
        inline_ext = _INLINE_EXT.fullmatch(body_text) if area or not _LOCAL_NUMBER.fullmatch(body) else None
        if inline_ext:
            body = inline_ext.group(1)
        if m.group("cc") and not _MOBILE.fullmatch(body):
            body = "0" + body.removeprefix("0")  # the domestic trunk 0 the international form drops
        start, end = m.start(), m.end()
        # a list number glued on: 发送到10626655333、 where 1062665533 stands alone elsewhere
        if text[end : end + 1] == "、" and len(body) > 5:
            runs = runs if runs is not None else _standalone_runs(text)
            if body[:-1] in runs:
                body, end = body[:-1], end - 1
        if text[end : end + 1] and text[end] in r.units:
            continue
        if _DASHED_DATE.match(body_text) and not area:
            continue  # a date written with dashes
        parsed = _classify(area, body)
        if area and (parsed is None or area not in mainland_area_codes()):
            # (02)2345-678, 0800-011-765, 070-1234-5678: no mainland number, or no mainland area code, may be
            # a number of a neighbouring plan written domestically
            region, _, line_of = domestic_region(area + body, area, written_in_english(text, start, end))
            if region != "CN":
                parsed = [(area + body, line_of or "landline", len(body))]
            elif len(area) == 2:
                continue  # no mainland area code has two digits
        if parsed is None:
            continue
        if not area and (r.name_before.search(text, max(0, start - 4), start) or r.name_after.match(text, end)):
            continue  # 掌上12333, 12333公众号: the name of an app or account
        before = text[max(0, start - r.not_phone_window) : start]
        clause = list(CLAUSE_BREAK.finditer(before))
        if clause:  # 身份证, 账户 … in an earlier clause say nothing about this number
            before = before[clause[-1].end() :]
        label = labels.before(text, start, stop_at_digits=True)
        negative = None
        for neg in r.not_phone.finditer(before):
            negative = neg
        if negative and (label is None or before.rfind(label) < negative.start()):
            is_account = r.accounts.fullmatch(negative.group(0))
            if not (is_account and parsed[0][1] == "mobile"):
                continue
            label = negative.group(0)
        in_list = bool(r.list_separator.search(text[last_end:start])) and start - last_end <= 3
        if in_list and label is None:
            label = last_label
        trailing = r.trailing.match(text, end)
        if trailing:
            label = trailing.group(1)
        ext_match = r.extension.match(text, end)
        ext = ext_match.group(1) if ext_match else (inline_ext.group(2) if inline_ext else None)
        if label is None and not area and _is_plain_service(body) and not in_list:
            after = text[end : end + r.service_after_window + 2]
            if not r.service_after.search(after):
                continue  # a bare 96000 is more often a count than a hotline
        if label is None and (len(body) <= 3 or r.service.get(body) == "carrier"):
            # 110, 120, 10000 …: only as a number to call (拨打110), not as a name or a count (可爱的110, 10000人次)
            continue
        for index, (digits, line, local_len) in enumerate(parsed):
            if line == "local":
                if label is None and not in_list and index == 0:
                    break
                line = "landline"
            span_start, span_end = start, end
            if len(parsed) > 1:
                # glued numbers: the first keeps the area code, the second is its own digits
                if index == 0:
                    span_end = end - parsed[1][2]
                    while text[span_end - 1] in "-—–－‐ ":  # 0591-87842560-87842561: the joint is neither's
                        span_end -= 1
                else:
                    span_start = end - local_len
            fields: dict = {"line": "service" if line == "sms" else line, "label": label, "ext": None}
            if line == "sms":
                fields["service"] = "sms"
            value = digits
            place_region = "CN"
            if index > 0:
                fields["area_inferred"] = True
            elif line == "landline" and len(digits) in (7, 8):
                if city_mentions is None:
                    city_mentions = gaz.mentions(text)
                # in a list (0591-87842560、87842561) the area code written on the first number holds
                code, place_region = (
                    (last_area, "CN") if in_list and last_area else _area_before(text, city_mentions, start, context)
                )
                if place_region != "CN":
                    pass  # 香港…电话：2824 6111: a number of a plan without area codes, as written
                elif code is not None:
                    value = code + digits
                    fields["area_inferred"] = True
                elif label is None or r.accounts.fullmatch(label):
                    continue  # 微信号:68686868 is an account name, not a number to dial
                # 电话：3326160 on a page that names no city: the number as written, its area code unknown
            if index == len(parsed) - 1 and ext:
                fields["ext"] = ext
                if ext_match:
                    span_end = ext_match.end()
            if place_region != "CN":
                fields["region"], fields["e164"] = place_region, local_e164(value, place_region)
            else:
                written_area = area if index == 0 else None
                english = value.startswith("0") and written_in_english(text, span_start, span_end)
                fields["region"], fields["e164"] = _region_e164(value, line, written_area, english)
            found.append(Entity("phone", text[span_start:span_end], span_start, span_end, value, fields))
            last_end, last_label = span_end, label
            last_area = _area_of(value) if line == "landline" else None
        if trailing:
            last_end = max(last_end, trailing.end())
    return found


def _area_of(digits: str) -> str | None:
    """The area code of a landline written with one: 010/02x are 3 digits, the others 4."""
    if not digits.startswith("0") or len(digits) < 10:
        return None
    return digits[:3] if digits[1] in "12" else digits[:4]


def _area_before(text: str, mentions: list, position: int, context: PageContext | None) -> tuple[str | None, str]:
    """(area code, region) of the nearest place named before `position` (within a few hundred chars), else the
    page's. A place in Hong Kong, Macau or Taiwan (`data/phone_plans.toml [regions]`) gives its region and no code.

    A city name that begins a street name (湖州街, 北京路, 广州大道) names no place the number is in.
    """
    gaz = gazetteer()
    regions = plans().regions
    for mention in reversed(mentions):
        if mention.end > position:
            continue
        if rules().street_names.match(text, mention.end):
            continue
        if position - mention.end > 600:
            break
        region = regions.get(mention.divisions[0].province)
        if region:
            return None, region
        city = gaz.city_of(mention)
        code = gaz.area_code(city.name) if city else None
        if code:
            return code, "CN"
    if context is None:
        return None, "CN"
    if context.province in regions:
        return None, regions[context.province]
    return gaz.area_code(context.city), "CN"


@lru_cache(maxsize=8192)  # a pure function of the number: pages repeat the same ones
def _region_e164(digits: str, line: str, written_area: str | None, english: bool) -> tuple[str, str | None]:
    """(region, e164) of a number written without country code; e164 null for short and SMS numbers."""
    if line == "sms" or (line in ("service", "emergency") and len(digits) < 7):
        return "CN", None
    if digits.startswith("0"):
        region, e164, _ = domestic_region(digits, written_area, english)
        return region, e164
    import phonenumbers

    try:
        number = phonenumbers.parse("+86" + digits)
    except phonenumbers.NumberParseException:
        return "CN", None
    if not phonenumbers.is_valid_number(number):
        return "CN", None
    return "CN", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _in_order(
    international: list[InternationalNumber], candidates: Iterator[re.Match[str]]
) -> Iterator[InternationalNumber | re.Match[str]]:
    """Numbers with a country code and domestic candidates by position; a candidate inside one is dropped."""
    index = 0
    reach = -1  # the end of the international numbers already passed
    for m in candidates:
        while index < len(international) and international[index].start < m.start():
            reach = max(reach, international[index].end)
            yield international[index]
            index += 1
        if reach > m.start() or (index < len(international) and international[index].start < m.end()):
            continue
        yield m
    yield from international[index:]


def _international_entity(text: str, number: InternationalNumber) -> Entity | None:
    """A number with a country code, with its label and extension; None after an ID or account word."""
    r = rules()
    before = text[max(0, number.start - r.not_phone_window) : number.start]
    clause = list(CLAUSE_BREAK.finditer(before))
    if clause:
        before = before[clause[-1].end() :]
    label = vocabulary("phone_labels").before(text, number.start, stop_at_digits=True)
    negative = None
    for neg in r.not_phone.finditer(before):
        negative = neg
    if negative and (label is None or before.rfind(label) < negative.start()):
        if not r.accounts.fullmatch(negative.group(0)):
            return None
        label = negative.group(0)
    end = number.end
    trailing = r.trailing.match(text, end)
    if trailing:
        label = trailing.group(1)
    ext_match = r.extension.match(text, end)
    if ext_match is None and number.line == "landline":
        ext_match = _DASH_EXT.match(text, end)  # +86 20 6130-2222-8866: a last short group is the extension
    if ext_match:
        end = ext_match.end()
    fields = {
        "line": number.line,
        "label": label,
        "ext": ext_match.group(1) if ext_match else None,
        "e164": number.e164,
        "region": number.region,
    }
    return Entity("phone", text[number.start : end], number.start, end, number.value, fields)
