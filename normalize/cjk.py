"""What counts as a CJK ideograph, shared by the normalize modules as a regex class body.

Defines character ranges only; changes no text.
"""

from __future__ import annotations

# CJK Unified Ideographs (+ Extension A, compatibility ideographs, Extensions B-F in the SIP plane).
IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"


def is_ideograph(char: str) -> bool:
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or code >= 0x20000
