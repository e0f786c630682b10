"""All entity parsers together: normalized text → entities, sorted by position.

PLACEHOLDER: the parsers (one module per kind) are issue 4.
"""

from __future__ import annotations

from extract.entity import Entity, PageContext


def find_entities(text: str, context: PageContext | None = None) -> list[Entity]:
    return []


def page_context(title: str | None, text: str, published_at: str | None = None) -> PageContext:
    """What a page implies about its place and date (used for inferred area codes, cities, years)."""
    return PageContext()
