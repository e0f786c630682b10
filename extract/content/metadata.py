"""Page metadata: title, site, published_at, author and lang, from <head>, headings and bylines."""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.etree

from extract.content.dates import DATE_LABEL, first_iso_date, iso_date
from extract.content.lines import SPACE, Line, is_spam, same_text, text_of
from extract.content.vocabulary import Vocabulary
from extract.document import Document

_TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜]|\s[-–—·•]\s|--|——|(?<!\d)-(?!\d))\s*")


_WHITESPACE = re.compile(r"\s+")


_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


_PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:release_date", "published_time", "publishdate",
    "publish_date", "pubdate", "datepublished", "dc.date.issued", "dc.date", "dcterms.created", "date",
    "sailthru.date", "article.published", "release_date", "createdate", "firstpublishedtime", "publishtime",
)  # fmt: skip


_AUTHOR_META = ("author", "article:author", "dc.creator", "byl", "sailthru.author")


def fill_metadata(root: lxml.etree._Element, document: Document, vocab: Vocabulary) -> str:
    """Fill title, site, published_at, author and lang from <head> and headings; return the <title> text."""
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = (meta.get("content") or "").strip()
        if key and value and key not in metas:
            metas[key] = value
    page_title = SPACE.sub(" ", root.findtext(".//title") or "").strip()
    if is_spam(page_title, vocab):
        page_title = ""
    document.title = _title(
        page_title, metas.get("og:title"), heading_texts(root, vocab), vocab, lambda: _owner_lines(root, vocab)
    )
    document.site = (
        metas.get("og:site_name") or metas.get("application-name") or _site_from_title(page_title, document.title)
    )
    published = [metas.get(key) for key in _PUBLISHED_META]
    times = (time.get("datetime") or text_of(time) for time in root.iter("time"))
    document.published_at = first_iso_date([*published, *times]) or document.published_at
    for key in _AUTHOR_META:
        value = metas.get(key)
        if value and len(value) <= 60 and not value.isdigit() and not re.search(r"https?:|www\.|\.(com|cn|net)", value):
            if any(engine in value.lower() for engine in vocab.engine_authors):
                continue  # the software's credit, not the author
            document.author = value
            break
    lang = (root.get("lang") or root.get("xml:lang") or "").lower()
    if lang.startswith(("zh", "en")):
        document.lang = lang[:2]
    return page_title


def heading_texts(root: lxml.etree._Element, vocab: Vocabulary) -> list[str]:
    headings = [SPACE.sub(" ", text_of(h)).strip() for h in root.iter("h1", "h2")]
    return [h for h in headings if 2 <= len(h) <= 120 and not is_spam(h, vocab)]


def title_line(lines: list[Line], page_title: str, fallback: str) -> str:
    """The longest short line that the <title> contains and that is most of it (not the whole <title> with
    its site suffix: that is the page repeating its <title>, not the headline)."""
    bare_title = _WHITESPACE.sub("", page_title)
    bare_fallback = _WHITESPACE.sub("", fallback)
    whole_is_title = bare_fallback == bare_title
    # The other segments of the <title> ("Ruby China" in "Ruby：极致的脚本语言 · Ruby China") name the site.
    site_segments = {_WHITESPACE.sub("", s) for s in _TITLE_SEPARATORS.split(page_title)} - {bare_fallback}
    best, best_len = fallback, 0
    for line in lines:
        bare = _WHITESPACE.sub("", line.text)
        if not 6 <= len(bare) <= 120 or len(bare) < 0.4 * len(bare_title) or bare not in bare_title:
            continue
        if (bare == bare_title and not whole_is_title) or (bare in site_segments and len(bare) < len(bare_fallback)):
            continue
        if len(bare) > best_len:
            best, best_len = line.text, len(bare)
    return best


_BODY_TEXTS = lxml.etree.XPath("//body//text()", smart_strings=False)


def _owner_lines(root: lxml.etree._Element, vocab: Vocabulary) -> list[str]:
    """The page's copyright and 主办单位 lines (spaces out): the owner they name is the site, not the title."""
    return [SPACE.sub("", text) for text in _BODY_TEXTS(root) if len(text) <= 200 and vocab.owner_line.search(text)]


def _title(
    page_title: str,
    og_title: str | None,
    headings: list[str],
    vocab: Vocabulary,
    owner_lines: Callable[[], list[str]] = list,
) -> str | None:
    """`owner_lines` is called only when the <title>'s segments need it (most pages settle before: a heading)."""
    if page_title and is_spam(page_title, vocab):
        page_title = ""
    reference = og_title or page_title
    if reference:
        bare = _WHITESPACE.sub("", reference)
        # The longest heading the <title> contains: the site's logo heading is contained too, but shorter.
        matching = [h for h in headings if _WHITESPACE.sub("", h) in bare]
        if matching:
            return max(matching, key=len)
    if og_title and not is_spam(og_title, vocab):
        return og_title.strip()
    if page_title:
        segments = [s.strip() for s in _TITLE_SEPARATORS.split(page_title) if s.strip()]
        # "公司公告 - 东方阿尔法基金管理有限公司": the segment a copyright line names is the site.
        owners = owner_lines() if len(segments) >= 2 else []
        owned = [s for s in segments[:2] if any(SPACE.sub("", s) in owner for owner in owners)]
        if len(segments) >= 2 and len(owned) == 1:
            return next(s for s in segments[:2] if s is not owned[0])
        return max(segments[:2], key=len) if segments else page_title
    return None


def first_heading(root: lxml.etree._Element) -> str | None:
    for heading in root.iter("h1", "h2"):
        text = SPACE.sub(" ", text_of(heading)).strip()
        if 2 <= len(text) <= 120:
            return text
    return None


def _site_from_title(page_title: str, title: str | None) -> str | None:
    segments = [s for s in _TITLE_SEPARATORS.split(page_title) if s.strip() and not s.lower().startswith("powered by")]
    if len(segments) >= 2 and segments[-1].strip() != title and len(segments[-1]) <= 30:
        return segments[-1].strip()
    # "恒生前海基金|信息披露": the site first, the title last.
    if len(segments) >= 2 and segments[-1].strip() == title and len(segments[0]) <= 30:
        return segments[0].strip()
    return None


def byline_date(lines: list[Line], title: str | None, vocab: Vocabulary) -> str | None:
    """The byline's date: a labelled date (发布时间：…) just under the title, else any date there, else a
    labelled date anywhere. Without a title line to anchor on, unlabelled dates are not trusted: page headers
    carry today's date."""
    start = None
    if title:
        for index, line in enumerate(lines):
            if same_text(line.text, title) or (len(title) >= 6 and title in line.text and line.chars < len(title) + 20):
                start = index
                break
    if start is not None:
        window = [line for line in lines[start : start + 12] if line.chars <= 160]
        for line in window:
            if (match := DATE_LABEL.search(line.text)) and (iso := iso_date(line.text[match.end() :][:40])):
                return iso
        for line in window:
            if iso := iso_date(line.text):
                return iso
    for line in lines:
        if (match := DATE_LABEL.search(line.text)) and (iso := iso_date(line.text[match.end() :][:40])):
            return iso
    # "2005-01-14 17:02:30 来源: 21世纪经济报道": a date on a byline line.
    for line in lines:
        if line.chars <= 80 and vocab.byline.search(line.text) and (iso := iso_date(line.text)):
            return iso
    return None


_AUTHOR_LABEL = re.compile(r"(?:作者|撰文|(?<![\u4e00-\u9fff])文)\s*[:：／/]\s*([^\s|｜,，;；:：()（）]{2,20})")


def byline_author(lines: list[Line]) -> str | None:
    for line in lines[:400]:
        # Every label holds 作者 or 文: a line without them is passed over without a search.
        text = line.text
        if line.chars <= 120 and ("文" in text or "作者" in text) and (match := _AUTHOR_LABEL.search(text)):
            return match.group(1)
    return None


def text_lang(root: lxml.etree._Element, lines: list[Line]) -> str | None:
    """ "zh" when the CJK characters of the first 400 lines are at least a sixth of their Latin letters, else "en";
    None for a text with neither."""
    sample = "".join(line.text for line in lines[:400])
    # Byte counts of the UTF-8 form (ASCII letters and non-ASCII characters are bytes there, deleted in C) bound
    # the answer; CJK characters are then counted by runs only until they reach the share that decides.
    encoded = sample.encode("utf-8", "surrogatepass")
    latin = len(encoded) - len(encoded.translate(None, _ASCII_LETTERS))
    if not latin:
        return "zh" if _CJK_RUN.search(sample) else None
    non_ascii = len(sample) - len(encoded.translate(None, _NON_ASCII_BYTES))
    if non_ascii * 6 < latin:
        return "en"  # too few characters outside ASCII to be CJK enough
    cjk = 0
    for run in _CJK_RUN.finditer(sample):
        cjk += run.end() - run.start()
        if cjk * 6 >= latin:
            return "zh"
    return "en"


_ASCII_LETTERS = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))
_NON_ASCII_BYTES = bytes(range(0x80, 0x100))  # every byte of a character outside ASCII: len(encoded) - ASCII chars
