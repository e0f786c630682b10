"""The composed normalize(). PLACEHOLDER: the repairs themselves are issue 3."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Repair:
    kind: str  # hygiene | mojibake | pinyin | script | width | mt
    offset: int  # in the text the repair was applied to
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    repairs: list[Repair] = field(default_factory=list)


def normalize(text: str, script: str = "hans") -> Normalized:
    return Normalized(text)
