"""Email addresses, lower-cased: `ylbxzhk@126.com`. Never reads past ASCII into the surrounding Chinese."""

from __future__ import annotations

import re

from extract.entity import Entity

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])"
)


def find_emails(text: str) -> list[Entity]:
    """Every email address in `text`, in order."""
    if "@" not in text:  # most texts: the C scan for the one character every address holds is all it takes
        return []
    return [Entity("email", m.group(0), m.start(), m.end(), m.group(0).lower()) for m in _EMAIL.finditer(text)]
