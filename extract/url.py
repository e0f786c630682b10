"""URLs, lower-cased: `http://ybj.yantai.gov.cn/`, `www.si.gov.cn`.

A URL ends at whitespace, Chinese text or closing punctuation; trailing sentence punctuation is not part of
it. Email addresses are not URLs.
"""

from __future__ import annotations

import re

from extract.entity import Entity

_URL = re.compile(
    r"(?<![A-Za-z0-9@.])(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?'\"]"


def find_urls(text: str) -> list[Entity]:
    """Every URL in `text`, in order."""
    found: list[Entity] = []
    for m in _URL.finditer(text):
        url = m.group(0).rstrip(_TRAILING)
        if "." not in url.split("//", 1)[-1]:
            continue
        found.append(Entity("url", url, m.start(), m.start() + len(url), url.lower()))
    return found
