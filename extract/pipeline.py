"""One page through every stage: decode → content → normalize → entities.

This is the single code path. Every entry point calls these compositions, never the stages one by one:
- `read_page(body, headers, url, site=..., extra_sites=...)`: decode + content, with the site registry's content
  overrides (`guidecrawl content`, benchmarks of main text);
- `process_text(text, script=...)`: normalize + entities on one text (`guidecrawl entities`, benchmarks);
- `process_page(...)`: both, for a whole page (the Scrapy pipeline and `guidecrawl extract`).
A failing stage never raises out of `process_page`: it becomes a `PageError` in the result.

Records keep the text as served (before normalize) beside the normalized text, with the offset map between
them, so every entity has a span in both: `start`/`end` in `PageResult.text`, `served_start`/`served_end` in
`PageResult.served_text`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from extract.content import content
from extract.decode import decode
from extract.document import RECORD_SEPARATOR, Document
from extract.entities import find_entities, page_context
from extract.entity import Entity, PageContext
from extract.errors import PageError, StageError
from extract.text_quality import check_decoded, check_not_empty, check_readable, check_signature
from normalize import Repair, normalize
from normalize.offsets import OffsetMap

__all__ = [
    "RECORD_SEPARATOR",
    "PageResult",
    "ProcessedText",
    "StageFailure",
    "normalize_text",
    "process_page",
    "process_text",
    "read_page",
    "site_body_css",
]


class StageFailure(Exception):
    """A stage of `read_page` failed: `stage` names it (decode | content), `cause` is what it raised."""

    def __init__(self, stage: str, cause: Exception) -> None:
        message = cause.message if isinstance(cause, StageError) else str(cause) or type(cause).__name__
        super().__init__(message)
        self.stage = stage
        self.cause = cause
        self.message = message


def read_page(
    body: bytes,
    headers: Mapping[str, str] | None = None,
    url: str | None = None,
    *,
    site: str | None = None,
    body_css: str | None = None,
    extra_sites: Sequence[str | Path] = (),
) -> Document:
    """Decode one page and extract its Document (records as served, not yet normalized).

    The site registry's content overrides apply when the page belongs to a registry site (by `site` name, else
    by the URL's host): the bundled registry plus `extra_sites` (registry files, later ones win, as the crawl's
    `--sites`); an explicit `body_css` wins. Raises `StageFailure` naming the stage that failed, and
    `crawler.registry_schema.RegistryError` (a ValueError, one line) for a registry file that breaks the schema.
    """
    if body_css is None:
        body_css = site_body_css(site, url, extra_sites)
    try:
        check_signature(body)  # a PDF, an archive or an image saved or served as a page
        decoded = decode(body, headers)
        check_decoded(decoded.text)  # control characters: a binary file, not a page
    except Exception as exc:
        raise StageFailure("decode", exc) from exc
    try:
        document = content(decoded.text, url, body_css=body_css)
    except Exception as exc:
        raise StageFailure("content", exc) from exc
    try:
        check_readable(document.text)  # U+FFFD runs: measured before normalize turns them into invented characters
    except StageError as exc:
        raise StageFailure("decode", exc) from exc
    document.encoding = decoded.encoding
    document.encoding_source = decoded.source
    if site and not document.site:
        document.site = site
    return document


def site_body_css(site: str | None, url: str | None, extra_sites: Sequence[str | Path] = ()) -> str | None:
    """The registry's main-content override for a page of `site` (else of the URL's host), or None.

    The crawl resolves the same registry files (`--sites`) to the same `content_options`, so a saved page
    reads as the crawl read it.
    """
    from crawler.sites import content_options, load_sites, registry_site  # the registry is TOML only, no Scrapy

    return content_options(registry_site(site, url, load_sites(extra_sites))).get("body_css")


@dataclass(frozen=True, slots=True)
class ProcessedText:
    """One text after normalize (and, from `process_text`, entities whose offsets index `text`)."""

    text: str  # normalized
    served: str  # as given
    repairs: list[Repair]
    offsets: OffsetMap  # normalized spans → served spans
    failures: list[tuple[str, str]] = field(default_factory=list)  # (normalize stage, "Error: message")
    entities: list[Entity] = field(default_factory=list)

    def served_span(self, entity: Entity) -> tuple[int, int]:
        """The entity's span in the served text."""
        return self.offsets.span(entity.start, entity.end)


def normalize_text(text: str, *, script: str = "hans") -> ProcessedText:
    """normalize() with the offset map back to `text` and the stages that failed."""
    normalized = normalize(text, script=script)
    return ProcessedText(
        normalized.text,
        text,
        normalized.repairs,
        OffsetMap.from_steps(normalized.steps),
        [_split_failure(f) for f in normalized.failures],
    )


def _split_failure(failure: str) -> tuple[str, str]:
    stage, _, message = failure.partition(": ")
    return stage, message


def process_text(text: str, *, script: str = "hans", context: PageContext | None = None) -> ProcessedText:
    """Normalize `text`, then find its entities (context: the page's, else inferred from the text alone)."""
    processed = normalize_text(text, script=script)
    found = find_entities(processed.text, context if context is not None else page_context(None, processed.text))
    processed.entities.extend(found)
    return processed


@dataclass(slots=True)
class PageResult:
    """What one page produced. `document.records` hold normalized text (and `served`); entity offsets index
    `text`, and each entity's `served_start`/`served_end` fields index `served_text`."""

    url: str | None
    document: Document | None
    text: str = ""  # normalized main text: the records joined by RECORD_SEPARATOR
    served_text: str = ""  # the same records as served (before normalize), joined the same way
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
    extra_sites: Sequence[str | Path] = (),
) -> PageResult:
    """Run one page through every stage. `body_css` is a site registry's override of the main-content element;
    without it the registry (bundled + `extra_sites` files) gives the site's override, as in `read_page`."""
    result = PageResult(url=url, document=None, site=site, script=script, fetched_at=fetched_at)
    try:
        document = read_page(body, headers, url, site=site, body_css=body_css, extra_sites=extra_sites)
    except StageFailure as failure:
        return _fail(result, failure.stage, failure.cause)
    failures: dict[tuple[str, str], None] = {}
    try:
        for record in document.records:
            processed = normalize_text(record.text, script=script)
            record.served, record.text, record.offsets = record.text, processed.text, processed.offsets
            result.repairs += len(processed.repairs)
            failures.update(dict.fromkeys(processed.failures))
            if record.title:
                record.title = normalize(record.title, script=script).text
        if document.title:
            document.title = normalize(document.title, script=script).text
        if document.author:
            document.author = normalize(document.author, script=script).text
        document.records = [r for r in document.records if r.text.strip()]
    except Exception as exc:
        return _fail(result, "normalize", exc)
    for stage, message in failures:  # the text went on without that repair: a row in `errors`, not a log line
        result.errors.append(PageError(url, "normalize", f"{stage}_failed", message.splitlines()[0]))
    try:  # a page with no main text is an errors row, never a document marked ok
        check_not_empty(document.text)
    except StageError as exc:
        return _fail(result, "content", exc)
    result.document = document
    result.text = document.text
    result.served_text = document.served_text
    try:
        context = page_context(document.title, result.text, document.published_at)
        offset = served_offset = 0
        for index, record in enumerate(document.records):
            served = record.text if record.served is None else record.served
            offsets = record.offsets or OffsetMap()
            for entity in find_entities(record.text, context):
                served_start, served_end = offsets.span(entity.start, entity.end)
                result.entities.append(
                    entity.shifted(
                        offset,
                        record=index,
                        served_start=served_start + served_offset,
                        served_end=served_end + served_offset,
                    )
                )
            offset += len(record.text) + len(RECORD_SEPARATOR)
            served_offset += len(served) + len(RECORD_SEPARATOR)
    except Exception as exc:
        return _fail(result, "entities", exc)
    return result
