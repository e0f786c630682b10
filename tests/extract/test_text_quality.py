"""What counts as a control character and as a space when a decoded page is judged text or binary."""

from __future__ import annotations

import sys
import unicodedata

from extract.text_quality import control_share, replacement_share


def is_control(ch: str) -> bool:
    """The definition: Unicode categories Cc, Cs, Co, but for the controls plain text uses."""
    return ch not in "\t\n\r\f" and unicodedata.category(ch) in ("Cc", "Cs", "Co")


def is_counted(ch: str) -> bool:
    """Spaces are not counted, but for the separators that are control characters."""
    return not ch.isspace() or ch in "\x1c\x1d\x1e\x1f\x85"


def test_every_code_point_is_a_control_character_exactly_when_unicode_says_so() -> None:
    wrong = []
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        expected = (1.0 if is_control(ch) else 0.0) if is_counted(ch) else 0.0
        if control_share(ch) != expected:
            wrong.append(hex(code))
    assert wrong == []


def test_a_page_of_text_has_no_control_characters_and_random_bytes_have_many() -> None:
    assert control_share("<p>医保服务指南\t电话：0591-87842560\r\n</p>\f") == 0.0
    assert control_share(bytes(range(256)).decode("latin-1")) > 0.2


def test_the_control_share_counts_characters_that_are_not_spaces() -> None:
    assert control_share("ab \x00\x01  \u3000") == 0.5  # 2 of a, b, \x00, \x01
    assert control_share("   \n") == 0.0


def test_the_replacement_share_counts_characters_that_are_not_spaces() -> None:
    assert replacement_share("医保 \ufffd\ufffd\u3000") == 0.5
    assert replacement_share("医保服务") == 0.0
    assert replacement_share(" ") == 0.0
