"""bytes + headers → str. PLACEHOLDER: the real decoder (BOM, header, meta and the bytes) is issue 5."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the codec that won, e.g. gb18030, big5hkscs, utf-8
    source: str  # why: bom | header | meta | sniffed | fallback
    confidence: float


def decode(body: bytes, headers: Mapping[str, str] | None = None) -> Decoded:
    return Decoded(body.decode("utf-8", errors="replace"), "utf-8", "fallback", 0.0)
