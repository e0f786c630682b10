"""Probe one registry site the way the crawl sees it: fetch its start page (and one guide page), say how the
page was decoded, how every link on it is classified and why, and what extraction makes of a guide page.

The same parts as the crawl: `Site.links` for link classes, Scrapy's `LinkExtractor` for the links, the spider's
host rule, and `extract.pipeline.process_page` for the page itself. It fetches with urllib (one request at a
time, the crawl's user agent, robots.txt obeyed) and never writes anything.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from crawler.platforms import GUIDE, LISTING, LinkRules
from crawler.settings import DOWNLOAD_MAXSIZE
from crawler.sites import Site
from extract.decode import decode
from extract.pipeline import PageResult, process_page

FETCH_TIMEOUT = 15.0  # seconds for a whole answer
MAX_BYTES = DOWNLOAD_MAXSIZE  # as the crawl
READ_CHUNK = 64 * 1024
SKIPPED = "skipped"


class ProbeError(Exception):
    """The page could not be fetched: one line for the user."""


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    status: int
    headers: Mapping[str, str]
    body: bytes


@dataclass(frozen=True, slots=True)
class LinkClass:
    url: str
    role: str  # guide | listing | skipped
    why: str


@dataclass(slots=True)
class Probe:
    start: Fetched
    encoding: str
    encoding_source: str
    links: list[LinkClass] = field(default_factory=list)
    page: PageResult | None = None  # the guide page run through process_page


def user_agent() -> str:
    from crawler import settings

    return str(settings.USER_AGENT)


def fetch(url: str, *, timeout: float = FETCH_TIMEOUT) -> Fetched:
    """The page, robots.txt obeyed. Bounded as the crawl is: at most `MAX_BYTES` of body and `timeout` seconds for
    the whole answer (a server that never stops sending, or sends a byte now and then, is a ProbeError)."""
    robots = urllib.robotparser.RobotFileParser()
    try:
        answer = _get(f"{urlsplit(url).scheme}://{urlsplit(url).netloc}/robots.txt", timeout)
        robots.parse(answer.body.decode("utf-8", "replace").splitlines())
        checked = True
    except urllib.error.HTTPError as exc:  # as RobotFileParser.read: 401/403 forbid everything, other codes allow
        robots.disallow_all = exc.code in (401, 403)
        robots.allow_all = not robots.disallow_all
        checked = True
    except (ProbeError, OSError, ValueError):  # no robots.txt reachable: allowed, as Scrapy's RobotsTxtMiddleware does
        checked = False
    if checked and not robots.can_fetch("guidecrawl", url):
        raise ProbeError(f"{url}: disallowed by robots.txt")
    try:
        return _get(url, timeout)
    except urllib.error.HTTPError as exc:
        raise ProbeError(f"{url}: HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ProbeError(f"{url}: cannot fetch: {reason}") from None


def _get(url: str, timeout: float) -> Fetched:
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers={"User-Agent": user_agent()})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body = bytearray()
        while chunk := response.read1(READ_CHUNK):  # what has come so far: a drip cannot hold it
            body += chunk
            if len(body) > MAX_BYTES:
                raise ProbeError(f"{url}: larger than {MAX_BYTES} bytes (the crawl's DOWNLOAD_MAXSIZE)")
            if time.monotonic() > deadline:
                raise ProbeError(f"{url}: still sending after {timeout:g} s")
        return Fetched(response.url, response.status, dict(response.headers.items()), bytes(body))


def _first_match(patterns: tuple[re.Pattern[str], ...], url: str) -> str | None:
    return next((p.pattern for p in patterns if p.search(url)), None)


def classify_link(url: str, site: Site) -> LinkClass:
    """The crawl's decision for one link (`GuidesSpider._follow`), with the rule that made it."""
    host = urlsplit(url).hostname or ""
    if not any(host == h or host.endswith("." + h) for h in site.allowed_domains):
        return LinkClass(url, SKIPPED, f"host {host} not in allowed_domains")
    rules: LinkRules = site.links
    if pattern := _first_match(rules.deny, url):
        return LinkClass(url, SKIPPED, f"deny_links {pattern}")
    if pattern := _first_match(rules.guide, url):
        return LinkClass(url, GUIDE, f"guide_links {pattern}")
    if pattern := _first_match(rules.listing, url):
        return LinkClass(url, LISTING, f"listing_links {pattern}")
    return LinkClass(url, SKIPPED, "no rule matches")


def page_links(fetched: Fetched) -> list[str]:
    from scrapy.http import HtmlResponse
    from scrapy.linkextractors import LinkExtractor

    response = HtmlResponse(fetched.url, status=fetched.status, headers=dict(fetched.headers), body=fetched.body)
    return [link.url for link in LinkExtractor(unique=True).extract_links(response)]


def extract(fetched: Fetched, site: Site) -> PageResult:
    return process_page(
        fetched.body, fetched.headers, fetched.url, site=site.name, body_css=site.css.get("body") or None
    )


def probe(site: Site, url: str | None = None) -> Probe:
    """The start page's decoding and link classes; then `url` (default: the first guide link) extracted."""
    start = fetch(site.start_urls[0])
    decoded = decode(start.body, start.headers)
    found = Probe(start, decoded.encoding, decoded.source)
    found.links = [classify_link(link, site) for link in page_links(start)]
    target = url or next((link.url for link in found.links if link.role == GUIDE), None)
    if target is not None:
        found.page = extract(fetch(target) if target != start.url else start, site)
    elif site.links.classify(start.url) == GUIDE or not site.follow:
        found.page = extract(start, site)
    return found
