"""URLs: `http://ybj.yantai.gov.cn/`, `www.si.gov.cn`, `https://example.gov.cn/Guide/Index.aspx?ID=7`.

A URL ends at whitespace, Chinese text or closing punctuation; trailing sentence punctuation is not part of
it. Email addresses are not URLs. Value: scheme and host lower-cased (they are case-insensitive), path, query
and fragment kept as written (servers treat them case-sensitively: `/Guide/Index.aspx` and `/guide/index.aspx`
can be two pages).
"""

from __future__ import annotations

import re

from extract.entity import Entity

_URL = re.compile(
    r"(?<![A-Za-z0-9@.])(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?'\"]"
# scheme (optional) and authority (userinfo, host, port) — everything before the first / ? or #
_AUTHORITY = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.\-]*://)?[^/?#]*")


def canonical_url(url: str) -> str:
    """`HTTP://WWW.Example.GOV.cn/Path?Q=A` → `http://www.example.gov.cn/Path?Q=A`."""
    head = _AUTHORITY.match(url)
    cut = head.end() if head else 0
    return url[:cut].lower() + url[cut:]


def find_urls(text: str) -> list[Entity]:
    """Every URL in `text`, in order."""
    if "://" not in text and "www." not in text.lower():  # what every URL starts with: most texts have neither
        return []
    found: list[Entity] = []
    for m in _URL.finditer(text):
        url = m.group(0).rstrip(_TRAILING)
        if "." not in url.split("//", 1)[-1]:
            continue
        found.append(Entity("url", url, m.start(), m.start() + len(url), canonical_url(url)))
    return found
