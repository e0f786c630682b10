"""Is a page's text worth a document? Binary files, undecodable pages and pages with no text are errors rows.

Three checks, thresholds in `extract/data/text_quality.toml`:
- `binary_content`: the decoded page is full of control characters (a PDF, an image or random bytes saved as
  `.html`); checked before content extraction, so a binary file never costs a parse;
- `undecodable`: the main text is mostly U+FFFD (a page in two encodings, or bytes no codec reads);
- `empty_content`: the page has no main text at all (an empty file, a page of scripts and markup).
A page that passes is never changed here.
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extract.errors import StageError

DATA = Path(__file__).with_name("data") / "text_quality.toml"
REPLACEMENT = "\ufffd"
_ALLOWED_CONTROLS = frozenset("\t\n\r\f")


@dataclass(frozen=True, slots=True)
class Thresholds:
    binary_control_share: float
    binary_sample_chars: int
    undecodable_replacement_share: float


@cache
def thresholds() -> Thresholds:
    with DATA.open("rb") as f:
        table = tomllib.load(f)
    return Thresholds(
        binary_control_share=float(table["binary_control_share"]),
        binary_sample_chars=int(table["binary_sample_chars"]),
        undecodable_replacement_share=float(table["undecodable_replacement_share"]),
    )


def _is_control(ch: str) -> bool:
    return ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) in ("Cc", "Cs", "Co")


def control_share(text: str) -> float:
    """Share of control characters among the non-whitespace characters of `text`."""
    counted = bad = 0
    for ch in text:
        if ch.isspace() and ch not in "\x1c\x1d\x1e\x1f\x85":
            continue
        counted += 1
        bad += _is_control(ch)
    return bad / counted if counted else 0.0


def replacement_share(text: str) -> float:
    counted = sum(1 for ch in text if not ch.isspace())
    return text.count(REPLACEMENT) / counted if counted else 0.0


def check_decoded(html: str) -> None:
    """Raise StageError("binary_content") when the decoded page is not text."""
    limits = thresholds()
    share = control_share(html[: limits.binary_sample_chars])
    if share >= limits.binary_control_share:
        raise StageError("binary_content", f"not text: {share:.0%} of the page are control characters")


def check_readable(text: str) -> None:
    """Raise StageError("undecodable") when the main text as extracted (before any repair, which may turn
    U+FFFD into guessed characters) is too full of U+FFFD."""
    share = replacement_share(text)
    if share >= thresholds().undecodable_replacement_share:
        raise StageError("undecodable", f"{share:.0%} of the main text are U+FFFD (bytes no codec could read)")


def check_not_empty(text: str) -> None:
    """Raise StageError("empty_content") when there is no main text at all."""
    if not text.strip():
        raise StageError("empty_content", "the page has no main text")
