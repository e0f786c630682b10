"""Per-platform crawling behaviour (portal list pagination, Discuz! thread pages, Q&A), as data + small functions.

The vocabulary lives in `crawler/platforms.toml`; this module only compiles it and applies it:
- `LinkRules.classify(url)` says whether a link is a guide page, a listing page or neither;
- `canonical_url(url)` drops the parameters that do not change the page, so one page reached through two links
  is one request and one state row, in every process of a distributed crawl.
It never fetches anything and never looks at page content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

from crawler.registry_schema import check_platforms, read_toml

PLATFORMS_FILE = Path(__file__).with_name("platforms.toml")

GUIDE = "guide"
LISTING = "listing"


def _compile(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


@dataclass(frozen=True, slots=True)
class LinkRules:
    """Which links to follow and as what. Deny wins over guide, guide over listing."""

    guide: tuple[re.Pattern[str], ...] = ()
    listing: tuple[re.Pattern[str], ...] = ()
    deny: tuple[re.Pattern[str], ...] = ()

    def classify(self, url: str) -> str | None:
        if any(p.search(url) for p in self.deny):
            return None
        if any(p.search(url) for p in self.guide):
            return GUIDE
        if any(p.search(url) for p in self.listing):
            return LISTING
        return None

    def __add__(self, other: LinkRules) -> LinkRules:
        return LinkRules(self.guide + other.guide, self.listing + other.listing, self.deny + other.deny)

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> LinkRules:
        return cls(
            guide=_compile(table.get("guide_links", ())),
            listing=_compile(table.get("listing_links", ())),
            deny=_compile(table.get("deny_links", ())),
        )


@dataclass(frozen=True, slots=True)
class Platform:
    name: str
    links: LinkRules
    strip_params: frozenset[str] = frozenset()
    default_params: Mapping[str, str] = field(default_factory=dict)

    def owns(self, url: str) -> bool:
        """A URL is this platform's when one of its guide or listing patterns matches it."""
        return any(p.search(url) for p in self.links.guide + self.links.listing)


@cache
def load_platforms(path: Path = PLATFORMS_FILE) -> Mapping[str, Platform]:
    table = read_toml(path)
    check_platforms(path, table)
    return {
        name: Platform(
            name=name,
            links=LinkRules.from_table(spec),
            strip_params=frozenset(spec.get("strip_params", ())),
            default_params=dict(spec.get("default_params", {})),
        )
        for name, spec in table.items()
    }


def platform_rules(names: Sequence[str]) -> LinkRules:
    platforms = load_platforms()
    unknown = [n for n in names if n not in platforms]
    if unknown:
        raise ValueError(f"unknown platform {unknown[0]!r} (known: {', '.join(sorted(platforms))})")
    rules = LinkRules()
    for name in names:
        rules = rules + platforms[name].links
    return rules


CANONICAL_URL_CACHE = 1 << 14  # URLs remembered per process: a crawl asks for one page's several times


@lru_cache(maxsize=CANONICAL_URL_CACHE)
def canonical_url(url: str) -> str:
    """The URL with session/tracking parameters and default-valued parameters of its platform removed,
    then canonicalized (sorted query, normalized escapes, no fragment). Deterministic: same in every process.

    Memoized: the fingerprint, the trap limits, the state and the writer each ask for a page's canonical URL,
    ≈ 20 µs of w3lib's work each time, for a function of the URL alone (the platform rules are read once)."""
    parts = urlsplit(url)
    if parts.query:
        drop: set[str] = set()
        defaults: dict[str, str] = {}
        for platform in load_platforms().values():
            drop |= platform.strip_params
            if platform.owns(url):
                defaults.update(platform.default_params)
        query = [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k not in drop and not k.startswith("utm_") and defaults.get(k) != v
        ]
        url = urlunsplit(parts._replace(query=urlencode(query)))
    return canonicalize_url(url)
