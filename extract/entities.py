"""All entity parsers together: normalized text → entities, sorted by position; and what a page implies.

`find_entities` runs each kind's parser (one module per kind) and settles overlaps between kinds: where two
spans overlap, the kind with the stronger anchor wins (url > email > docref > amount > percent > date > phone
> address), so `2024-09-03` is a date and never a phone, and `2000元` an amount and never a year.
`page_context` infers the page's province/city (most named city, the title counting thrice) and its date.
Neither ever changes the text it is given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from extract.address import find_addresses
from extract.amount import find_amounts
from extract.date import find_dates
from extract.divisions import gazetteer
from extract.docref import find_docrefs
from extract.document import RECORD_SEPARATOR
from extract.email import find_emails
from extract.entity import Entity, PageContext
from extract.percent import find_percents
from extract.phone import find_phones
from extract.url import find_urls

PRIORITY = ("url", "email", "docref", "amount", "percent", "date", "phone", "address")


def find_entities(text: str, context: PageContext | None = None) -> list[Entity]:
    """Every entity in normalized `text`, sorted by start; spans of different kinds never overlap."""
    if not text:
        return []
    by_kind = {
        "url": find_urls(text),
        "email": find_emails(text),
        "docref": find_docrefs(text),
        "amount": find_amounts(text),
        "percent": find_percents(text),
        "date": find_dates(text, context),
        "phone": find_phones(text, context),
        "address": find_addresses(text, context),
    }
    taken = bytearray(len(text))
    kept: list[Entity] = []
    for kind in PRIORITY:
        for entity in by_kind[kind]:
            if entity.end <= entity.start or any(taken[entity.start : entity.end]):
                continue
            kept.append(entity)
            taken[entity.start : entity.end] = b"\x01" * (entity.end - entity.start)
    kept.sort(key=lambda e: (e.start, e.end))
    return kept


_DATE_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})(?!\d)")


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    m = _DATE_IN_TEXT.search(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def page_context(title: str | None, text: str, published_at: str | None = None) -> PageContext:
    """What a page implies about its place and date (used for inferred area codes, cities, years).

    Place: the prefecture city named most often (title ×3); its province. Date: `published_at`, else the first
    full date in the opening 1,000 characters of the text.
    """
    gaz = gazetteer()
    votes: Counter[tuple[str, str]] = Counter()
    for source, weight in ((title or "", 3), (text, 1)):
        for mention in gaz.mentions_by_part(source, RECORD_SEPARATOR):
            division = gaz.city_of(mention)
            if division is not None:
                votes[(division.province, division.name)] += weight
    province: str | None = None
    city: str | None = None
    if votes:
        (province, city), _ = votes.most_common(1)[0]
    published = _parse_date(published_at) or _parse_date(text[:1000])
    return PageContext(province=province, city=city, published=published)
