"""Mojibake repair: classic UTF-8 read as latin-1/cp1252 (via ftfy); GBK read one byte off (normalize.gbk_offset).

May change: sequences that are the bytes of one encoding read in another.
Must never change: text that is not such a sequence — clean CJK text, curly quotes, full-width forms, a real `?`.
"""

from __future__ import annotations

import re
from functools import cache

from normalize import unicode_hygiene
from normalize.repair import Repair, apply_edits

# cp1252 characters in 0x80-0x9F and Latin-1 0xA0-0xBF: what UTF-8 continuation bytes look like when misread.
_CONTINUATION = "\u0080-\u00bf" + "".join(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))
# A misread UTF-8 lead byte (Ã, Â, å, æ, ç, è, é ...) followed by a misread continuation byte.
_LATIN_MOJIBAKE = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]")


@cache
def _ftfy_config():  # type: ignore[no-untyped-def]
    from ftfy import TextFixerConfig

    # Only encoding repairs: no quote uncurling, no width folding, no HTML unescaping, no normalization form.
    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=False,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )


def repair_latin(text: str) -> tuple[str, list[Repair]]:
    """UTF-8 read as latin-1/cp1252 (`è¯´æ˜Ž` → `说明`), line by line so offsets stay exact."""
    if _LATIN_MOJIBAKE.search(text) is None:
        return text, []

    config = _ftfy_config()
    edits = []
    position = 0
    for line in text.split("\n"):
        if _LATIN_MOJIBAKE.search(line) is not None:
            fixed = _fix_latin(line, config)
            if fixed != line:
                start, end, replacement = _changed_span(line, fixed)
                edits.append((position + start, position + end, replacement))
        position += len(line) + 1
    return apply_edits(text, "mojibake", edits)


def _fix_latin(line: str, config) -> str:  # type: ignore[no-untyped-def]
    """ftfy until nothing changes (one pass can uncover another layer); what it decodes may itself be a control
    or format character, cleaned like any other input."""
    import ftfy

    for _ in range(3):
        fixed = unicode_hygiene.clean(ftfy.fix_text(line, config))[0]
        if fixed == line or _LATIN_MOJIBAKE.search(fixed) is None:
            return fixed
        line = fixed
    return line


def _changed_span(before: str, after: str) -> tuple[int, int, str]:
    """The smallest `(start, end, replacement)` of `before` that turns it into `after`."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return prefix, len(before) - suffix, after[prefix : len(after) - suffix]


def repair(text: str) -> tuple[str, list[Repair]]:
    """Repair both kinds of mojibake; each repaired span is a `mojibake` Repair."""
    from normalize import gbk_offset

    text, latin = repair_latin(text)
    text, gbk = gbk_offset.repair(text)
    return text, latin + gbk
