"""One page through every stage: decode → content → normalize → entities.

This is the single code path: the Scrapy pipeline and `guidecrawl extract` both call `process_page`.
A failing stage never raises out of here: it becomes a `PageError` in the result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit

from extract.content import content
from extract.decode import decode
from extract.document import Document
from extract.entities import find_entities, page_context
from extract.entity import Entity
from extract.errors import PageError, StageError
from extract.text_quality import check_decoded, check_not_empty, check_readable
from normalize import normalize

RECORD_SEPARATOR = "\n\n"


@dataclass(slots=True)
class PageResult:
    """What one page produced. `document.records` hold normalized text; entity offsets index `text`."""

    url: str | None
    document: Document | None
    text: str = ""  # normalized main text: the records joined by a blank line
    entities: list[Entity] = field(default_factory=list)  # each has fields["record"] = record index
    errors: list[PageError] = field(default_factory=list)
    repairs: int = 0
    fetched_at: dt.datetime | None = None
    site: str | None = None
    script: str = "hans"

    @property
    def ok(self) -> bool:
        return self.document is not None and not self.errors

    @property
    def doc_id(self) -> str:
        """Stable id of the page, 16 hex digits: the same in every run, on every host name and port.

        With a URL: sha1 of the site key (the registry name; the host without port when there is none) and the
        URL's path and sorted query (utm_* dropped) — scheme, port and fragment left out, so a site served on
        another port or moved with `-a base_url` keeps its ids. A saved file without a URL: sha1 of its text.
        """
        if self.url:
            parts = urlsplit(self.url)
            # utm_* only says where a visitor came from: the same page under another campaign is the same page.
            params = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith("utm_")]
            query = urlencode(sorted(params))
            key = f"{self.site or parts.hostname or ''}\n{parts.path or '/'}?{query}"
        else:
            key = self.content_hash
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def _fail(result: PageResult, stage: str, exc: Exception) -> PageResult:
    if isinstance(exc, StageError):
        error, message = exc.error, exc.message
    else:
        error, message = type(exc).__name__, str(exc) or type(exc).__name__
    result.errors.append(PageError(result.url, stage, error, message.splitlines()[0] if message else error))
    return result


def process_page(
    body: bytes,
    headers: Mapping[str, str] | None = None,
    url: str | None = None,
    *,
    site: str | None = None,
    script: str = "hans",
    fetched_at: dt.datetime | None = None,
    body_css: str | None = None,
) -> PageResult:
    """Run one page through every stage. `body_css` is a site registry's override of the main-content element."""
    result = PageResult(url=url, document=None, site=site, script=script, fetched_at=fetched_at)
    try:
        decoded = decode(body, headers)
        check_decoded(decoded.text)
    except Exception as exc:
        return _fail(result, "decode", exc)
    try:
        document = content(decoded.text, url, body_css=body_css)
    except Exception as exc:
        return _fail(result, "content", exc)
    try:
        check_readable(document.text)
    except StageError as exc:
        return _fail(result, "decode", exc)
    document.encoding = decoded.encoding
    document.encoding_source = decoded.source
    if site and not document.site:
        document.site = site
    try:
        for record in document.records:
            normalized = normalize(record.text, script=script)
            record.text = normalized.text
            result.repairs += len(normalized.repairs)
            if record.title:
                record.title = normalize(record.title, script=script).text
        if document.title:
            document.title = normalize(document.title, script=script).text
        if document.author:
            document.author = normalize(document.author, script=script).text
        document.records = [r for r in document.records if r.text.strip()]
    except Exception as exc:
        return _fail(result, "normalize", exc)
    try:  # a page with no main text is an errors row, never a document marked ok
        check_not_empty(document.text)
    except StageError as exc:
        return _fail(result, "content", exc)
    result.document = document
    result.text = document.text
    try:
        context = page_context(document.title, result.text, document.published_at)
        offset = 0
        for index, record in enumerate(document.records):
            for entity in find_entities(record.text, context):
                result.entities.append(entity.shifted(offset, record=index))
            offset += len(record.text) + len(RECORD_SEPARATOR)
    except Exception as exc:
        return _fail(result, "entities", exc)
    return result
