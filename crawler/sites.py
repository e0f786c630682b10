"""The site registry (`crawler/sites.toml`) as frozen dataclasses, and the ad-hoc site of `-a url=` crawls.

What it may decide: where a crawl starts, which hosts it may enter, which links are guide pages or listings
(site rules first, then the site's platforms' rules), per-host politeness. It never holds code per site:
a new site is a TOML table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from crawler.platforms import LinkRules, load_platforms, platform_rules
from crawler.registry_schema import check_sites, read_toml, url_problem

SITES_FILE = Path(__file__).with_name("sites.toml")
HOST_DOT = re.compile(r"\.(?=(:\d*)?\Z)")  # the trailing dot of a netloc's host, before any port


@dataclass(frozen=True, slots=True)
class Politeness:
    delay: float = 1.0  # seconds between requests to one host
    concurrency: int = 2  # parallel requests to one host


@dataclass(frozen=True, slots=True)
class Site:
    name: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    links: LinkRules
    family: str = "article"
    platforms: tuple[str, ...] = ()
    css: Mapping[str, str] = field(default_factory=dict)
    politeness: Politeness = Politeness()
    follow: bool = True  # False: fetch the start URLs (and their own pagination) only
    scheduled: bool = True  # False: left out of `guidecrawl crawl --all` (the fixture sites)
    source: str = ""  # the registry file that defined it

    def relocated(self, base_url: str) -> Site:
        """The same site served from another scheme://host:port (a mirror or the fixture server); ValueError (one
        line) for a base URL the crawl could not fetch (`url_problem`)."""
        problem = url_problem(base_url)
        if problem is not None:
            raise ValueError(f"base URL: {problem[1]}")
        base = urlsplit(base_url)
        starts = tuple(
            urlunsplit(urlsplit(u)._replace(scheme=base.scheme, netloc=base.netloc)) for u in self.start_urls
        )
        return replace(self, start_urls=starts, allowed_domains=(url_host(base_url),))


def url_host(url: str) -> str:
    """The host of `url` as the crawl compares hosts: lower-case (host names are case-insensitive), without the
    trailing dot of a fully qualified name (`localhost.` is `localhost`); "" when the URL names none."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # an unreadable URL names no host
        return ""
    return host_key(host)


def host_key(host: str) -> str:
    """A host name as the crawl compares it: lower-case, without a fully qualified name's trailing dot."""
    return host.lower().removesuffix(".")


def _without_trailing_dot(url: str) -> str:
    """`http://host.:8080/x` as `http://host:8080/x`: the same host, and a name every resolver and offsite check
    reads alike."""
    parts = urlsplit(url)
    if not (parts.hostname or "").endswith("."):
        return url
    return urlunsplit(parts._replace(netloc=HOST_DOT.sub("", parts.netloc, count=1)))


def _site(name: str, spec: Mapping[str, Any], source: Path) -> Site:
    # Hosts are compared lower-case and without a trailing dot everywhere (offsite checks, download slots, link
    # hosts): `LOCALHOST` or `localhost.` as written would match no request's host.
    starts = tuple(_without_trailing_dot(u) for u in spec["start_urls"])
    platforms = tuple(spec.get("platforms", ()))
    domains = tuple(dict.fromkeys(map(host_key, spec.get("allowed_domains", ())))) or tuple(
        dict.fromkeys(url_host(u) for u in starts)
    )
    return Site(
        name=name,
        start_urls=starts,
        allowed_domains=domains,
        links=LinkRules.from_table(spec) + platform_rules(platforms),
        family=spec.get("family", "article"),
        platforms=platforms,
        css=dict(spec.get("css", {})),
        politeness=Politeness(**spec.get("politeness", {})),
        follow=spec.get("follow", True),
        scheduled=spec.get("scheduled", True),
        source=str(source),
    )


@cache
def _load(paths: tuple[Path, ...]) -> Mapping[str, Site]:
    sites: dict[str, Site] = {}
    platforms = tuple(load_platforms())
    for path in paths:
        table = read_toml(path)
        check_sites(path, table, platforms)
        sites.update({name: _site(name, spec, path) for name, spec in table.items()})
    return sites


def load_sites(extra_files: Iterable[str | Path] = ()) -> Mapping[str, Site]:
    """The bundled registry plus any extra registry files (later files win for the same name).
    A file that breaks the schema raises `crawler.registry_schema.RegistryError` (one line: file, site, key)."""
    return _load((SITES_FILE, *(Path(p) for p in extra_files)))


def site_for_urls(urls: Sequence[str], sites: Mapping[str, Site]) -> Site:
    """The registry site whose domain holds the first URL, restricted to these URLs; else an ad-hoc site
    that follows only what every platform calls pagination or a guide page, on the URLs' own hosts.

    Every URL is fetched on its own host: a registry site's domains are widened by the other URLs' hosts (without
    that, a URL on another host would be refused as offsite). URLs that name no host (the spider turns each into
    an errors row) are left out of the choice.
    """
    hosts = tuple(dict.fromkeys(host for host in map(url_host, urls) if host))
    for site in sites.values():
        if hosts and hosts[0] in site.allowed_domains:
            domains = tuple(dict.fromkeys((*site.allowed_domains, *hosts)))
            return replace(site, start_urls=tuple(urls), allowed_domains=domains, follow=False)
    return Site(
        name=hosts[0] if hosts else "urls",  # a file of URLs none of which names a host: only errors rows
        start_urls=tuple(urls),
        allowed_domains=hosts,
        links=platform_rules(tuple(load_platforms())),
        family="article",
        platforms=tuple(load_platforms()),
        follow=False,
    )


def content_options(site: Site | None) -> dict[str, str]:
    """The content stage's keyword overrides for this site's pages (`body_css` from `[NAME.css] body`).

    The one place a registry entry becomes content options: the spider and `extract.pipeline.read_page` (for
    `guidecrawl extract`/`content` on saved pages) both call it, so a saved page reads as the crawl read it.
    """
    if site is None or not site.css.get("body"):
        return {}
    return {"body_css": site.css["body"]}


def registry_site(name: str | None, url: str | None, sites: Mapping[str, Site] | None = None) -> Site | None:
    """The registry site of a page: by its site name, else by the host of its URL; None for any other page."""
    sites = load_sites() if sites is None else sites
    if name and name in sites:
        return sites[name]
    host = url_host(url) if url else None
    if host:
        for site in reversed(
            tuple(sites.values())
        ):  # a later registry file (--sites) wins a shared host, as it wins a name
            if host in site.allowed_domains:
                return site
    return None
