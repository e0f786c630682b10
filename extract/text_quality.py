"""Is a page's text worth a document? Binary files, undecodable pages and pages with no text are errors rows.

Three checks, thresholds in `extract/data/text_quality.toml`:
- `binary_content`: the body opens with another format's signature (`%PDF-`, a ZIP or gzip header, an image's),
  or the decoded page is full of control characters (random bytes saved as `.html`); checked before content
  extraction, so a binary file never costs a parse;
- `undecodable`: the main text is mostly U+FFFD (a page in two encodings, or bytes no codec reads);
- `empty_content`: the page has no main text at all (an empty file, a page of scripts and markup).
A page that passes is never changed here.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extract.errors import StageError

DATA = Path(__file__).with_name("data") / "text_quality.toml"
REPLACEMENT = "\ufffd"


@dataclass(frozen=True, slots=True)
class Thresholds:
    binary_control_share: float
    binary_sample_chars: int
    undecodable_replacement_share: float
    signatures: tuple[tuple[bytes, str], ...]  # (first bytes, what the file is)


@cache
def thresholds() -> Thresholds:
    with DATA.open("rb") as f:
        table = tomllib.load(f)
    return Thresholds(
        binary_control_share=float(table["binary_control_share"]),
        binary_sample_chars=int(table["binary_sample_chars"]),
        undecodable_replacement_share=float(table["undecodable_replacement_share"]),
        signatures=tuple(
            (prefix.encode("latin-1").decode("unicode_escape").encode("latin-1"), name)
            for prefix, name in table.get("signatures", {}).items()
        ),
    )


# Unicode categories Cc, Cs and Co (controls, surrogates, private use) but for the controls of plain text
# (\t \n \r \f) and \v, which `str.isspace` calls a space. A regular expression scans a page about 20× faster than
# a test per character; tests/extract/test_text_quality.py checks it against `unicodedata` over every code point.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
# What `str.isspace` calls a space, but for the separators \x1c-\x1f and \x85, which count as control characters.
_UNCOUNTED_SPACE = re.compile("[^\\S\x1c-\x1f\x85]")
_SPACE = re.compile(r"\s")


def control_share(text: str) -> float:
    """Share of control characters among the non-whitespace characters of `text`."""
    controls = len(_CONTROL.findall(text))
    if not controls:  # nearly every page: no need to count its spaces (a second scan) to say 0
        return 0.0
    counted = len(text) - len(_UNCOUNTED_SPACE.findall(text))
    return controls / counted if counted else 0.0


def replacement_share(text: str) -> float:
    counted = len(text) - len(_SPACE.findall(text))
    return text.count(REPLACEMENT) / counted if counted else 0.0


def check_signature(body: bytes) -> None:
    """Raise StageError("binary_content") when the body opens with another format's signature (leading whitespace
    skipped, as some servers print a newline before any body)."""
    head = body[:64].lstrip()
    for prefix, name in thresholds().signatures:
        if head.startswith(prefix):
            raise StageError("binary_content", f"not a page: {name}")


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
