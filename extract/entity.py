"""The Entity record every parser returns, and the page context parsers may use to fill gaps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

# The keys every entity JSON object has; kind-specific fields must not shadow them (a date range's endpoints
# are `range_start`/`range_end`, because `start`/`end` are the span's offsets).
RESERVED_KEYS = frozenset({"kind", "text", "start", "end", "value"})
RANGE_FIELDS = {"start": "range_start", "end": "range_end"}


@dataclass(frozen=True, slots=True)
class Entity:
    """One span of normalized text with its canonical value (see DESIGN.md, "Entity JSON").

    `text == source[start:end]` always holds for the text the parser was given.
    `fields` holds the kind-specific fields (e164, line, label, per, qualifier, province, ...).
    """

    kind: str
    text: str
    start: int
    end: int
    value: Any
    fields: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        clash = RESERVED_KEYS.intersection(self.fields)
        if clash:
            raise ValueError(f"entity fields may not reuse the contract's keys: {sorted(clash)}")

    def __reduce__(self) -> tuple[type[Entity], tuple[Any, ...]]:
        # Pickled as a constructor call (the crawl's workers send every entity to the crawl process): a frozen
        # dataclass's own pickling reads its fields() in Python for every object, at about twice the cost.
        return type(self), _constructor_arguments(self)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            **self.fields,
        }

    def shifted(self, offset: int, **extra: Any) -> Entity:
        """The same entity with offsets moved by `offset` (record text → document text)."""
        return Entity(
            self.kind,
            self.text,
            self.start + offset,
            self.end + offset,
            self.value,
            {**self.fields, **extra},
        )


# Every field, in the constructor's order (a field added later is carried too).
_constructor_arguments = attrgetter(*(f.name for f in fields(Entity)))


@dataclass(frozen=True, slots=True)
class PageContext:
    """What the page around a passage implies: used to infer a phone's area code, an address's
    province/city, or the year of a yearless date. Every field is optional."""

    province: str | None = None
    city: str | None = None
    district: str | None = None
    published: dt.date | None = None
