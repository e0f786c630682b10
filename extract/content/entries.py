"""A listing entry's parts as the page prints them: its lines without furniture (author, time, counts), the date
it prints (or its age, or a date without its year), and its whole title where the link cuts it short.
"""

from __future__ import annotations

import copy
import re

import lxml.etree

from extract.content.dates import DATE, iso_date
from extract.content.lines import SPACE, Line, class_tokens, split_lines, text_of
from extract.content.parse import drop_element
from extract.content.vocabulary import Vocabulary

_WHITESPACE = re.compile(r"\s+")

META_ONLY = re.compile(r"[\d\s:：/\-.,年月日时分秒点+]*")

WORD = re.compile(r"\w")  # a line with none of these is a bullet or a separator

# A column's or category's label printed before an entry's title ("[通知公告]", "【政策解读】", "[国内]").
_CATEGORY_LABEL = re.compile(r"^[\[【［]\s*[^\W\d_][^\]】］]{0,9}[\]】］]")


def beside_title(text: str, title: str) -> str | None:
    """What an entry's line prints beside a title that stands within it after a category label or a bullet
    ("[社会]国家统计局公布11月CPI数据12-07 10:14" → "12-07 10:14"); None when the title does not stand so (a line
    whose title follows other words is a sentence with a link in it)."""
    at = text.find(title, 1)
    if at < 0 or at + len(title) == len(text):
        return None
    before = _CATEGORY_LABEL.sub("", text[:at].strip(), count=1).strip()
    if WORD.search(before) and not META_ONLY.fullmatch(before):
        return None
    before = before if WORD.search(before) else ""  # a bullet ("·", "■") is no part of the entry
    return " ".join(part for part in (before, text[at + len(title) :].strip()) if part)


def entry_lines(
    member: lxml.etree._Element, title: str | None, vocab: Vocabulary, furniture: frozenset[str] | None = None
) -> list[Line]:
    """An entry's lines without its furniture (author, time, reply count …, named so by class)."""
    furniture = vocab.entry_meta_tokens if furniture is None else furniture
    entry = copy.deepcopy(member)
    bare_title = _WHITESPACE.sub("", title or "")
    for element in list(entry.iterdescendants()):
        if not isinstance(element.tag, str) or not class_tokens(element) & furniture:
            continue
        if bare_title and bare_title in _WHITESPACE.sub("", text_of(element)):
            continue  # the title's own container
        drop_element(element)
    return list(split_lines(entry))


def printed_date(member: lxml.etree._Element, title: str | None) -> str | None:
    """The entry's date as the page prints it ("2020-04-30", "2024年9月3日 16:23"), if it is a real date: an
    element that holds only a date (<span>2020-07-09</span>, <td>[2024-05-13]</td>) first, since an abstract may
    quote other dates ("自2024年1月1日起施行"); else the first date outside the title."""
    for element in member.iter():
        if isinstance(element.tag, str) and len(element) == 0:
            bare = SPACE.sub(" ", text_of(element)).strip(" []【】()（）")
            match = DATE.fullmatch(bare) if len(bare) <= 30 else None
            if match and iso_date(bare):
                return bare
    text = SPACE.sub(" ", text_of(member))
    if title:
        text = text.replace(title, " ", 1)  # a date inside the title ("关于2024年5月1日起…") is not the entry's
    match = DATE.search(text)
    if match and iso_date(match.group(0)):
        return match.group(0).strip()
    return _day_box_date(member)


def _day_box_date(member: lxml.etree._Element) -> str | None:
    """The date of a calendar box that prints the day apart from the year and month (`<div class="time"><span>20
    </span><span>2024-12</span></div>`), in ISO form: an element whose only two texts are a day and a year-month."""
    for element in member.iter():
        if not isinstance(element.tag, str) or not 2 <= len(element) <= 3 or any(len(child) for child in element):
            continue  # a box of two or three leaves (a day, a year-month, a separator)
        pieces = [element.text, *(piece for child in element for piece in (text_of(child), child.tail))]
        texts = [t for t in (SPACE.sub("", piece or "") for piece in pieces) if t]
        if len(texts) != 2:
            continue
        for day, month in (texts, texts[::-1]):
            found = _YEAR_MONTH.fullmatch(month)
            if found and _DAY.fullmatch(day) and 1 <= int(found.group(2)) <= 12 and 1 <= int(day) <= 31:
                return f"{found.group(1)}-{int(found.group(2)):02d}-{int(day):02d}"
    return None


_DAY = re.compile(r"\d{1,2}")
_YEAR_MONTH = re.compile(r"((?:19|20)\d{2})[-/.年](\d{1,2})月?")


def printed_age(member: lxml.etree._Element) -> str | None:
    """An entry's age as a feed prints it, in an element of its own ("26分钟前", "3 hours ago", "昨天 18:20")."""
    for element in member.iter():
        if isinstance(element.tag, str) and len(element) == 0:
            bare = SPACE.sub(" ", text_of(element)).strip()
            if len(bare) <= 16 and _AGE.fullmatch(bare):
                return bare
    return None


def is_a_date(text: str) -> bool:
    """A link or label that says only when ("2020-8-1 17:50", "昨天 17:50", "3 天前"): an entry's time, no title."""
    bare = SPACE.sub(" ", text).strip(" []【】()（）")
    return len(bare) <= 30 and bool(DATE.fullmatch(bare) or _AGE.fullmatch(bare))


def attribute_date(member: lxml.etree._Element) -> str | None:
    """The date an entry keeps in the `title` of the element printing its age (Discuz!: `<span title="2020-8-1">昨天
    17:49</span>`), in ISO form."""
    for element in member.iter():
        title = element.get("title") if isinstance(element.tag, str) else None
        if title and is_a_date(text_of(element)) and (iso := iso_date(title)):
            return iso
    return None


def printed_month_day(member: lxml.etree._Element) -> str | None:
    """A date a column prints without its year, in an element of its own ("05-13", "[05/13]", "5月13日 16:23")."""
    for element in member.iter():
        if isinstance(element.tag, str) and len(element) == 0:
            bare = SPACE.sub(" ", text_of(element)).strip(" []【】()（）")
            if len(bare) <= 16 and _MONTH_DAY.fullmatch(bare):
                return bare
    return None


_MONTH_DAY = re.compile(r"(?:0?[1-9]|1[0-2])\s*[-/.月]\s*(?:0?[1-9]|[12]\d|3[01])\s*日?(?:\s*\d{1,2}:\d{2})?")


_AGE = re.compile(
    r"\d+\s*(?:秒|分钟|小时|天|周|个月|秒鐘|分鐘|小時|週)前|刚刚|剛剛|(?:昨天|前天)(?:\s*\d{1,2}:\d{2})?"
    r"|\d+\s*(?:second|minute|hour|day|week|month)s?\s+ago",
    re.I,
)


def full_title(link: lxml.etree._Element, text: str) -> str:
    """A title link's `text`, or its `title` attribute where the text is that title cut short ("关于做好2025年度…"):
    the record's title; its text keeps what the page prints."""
    cut = _CUT_SHORT.sub("", text)
    full = SPACE.sub(" ", link.get("title") or "").strip()
    if cut != text and cut and len(full) > len(cut) and full.startswith(cut):
        return full
    return text


_CUT_SHORT = re.compile(r"\s*(?:…+|\.{2,}|。{2,})\s*$")
