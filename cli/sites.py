"""List the site registry, or probe one site the way the crawl sees it.

  guidecrawl sites [--sites FILE]                  every site: name, family, platforms, start URL, file
  guidecrawl sites check NAME [--url URL]          fetch the start page: decoded charset and its source,
                                                   each link's class (guide / listing / skipped) and why;
                                                   then one guide page (--url, else the first guide link):
                                                   title, date, first lines and the entities found

The registry is crawler/sites.toml plus --sites files (later files win for the same name); it is checked
against its schema when loaded, and a mistake is one line naming the file, the site and the key (exit 2).
`--base-url http://host:port` probes the site at another address (a mirror, the fixture server).

Examples:
  guidecrawl sites
  guidecrawl sites --sites my_sites.toml
  guidecrawl sites check fzyb
  guidecrawl sites check fixture --base-url http://127.0.0.1:8000 --url http://127.0.0.1:8000/qa/1001.html
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crawler.probe import Probe
    from crawler.sites import Site

FIRST_LINES = 5
LINE_WIDTH = 100


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", nargs="?", choices=["check"], help="check: probe one site")
    parser.add_argument("name", nargs="?", help="the site to check")
    parser.add_argument("--sites", action="append", default=[], metavar="FILE", help="extra registry file (repeatable)")
    parser.add_argument("--url", help="check this guide page instead of the first guide link of the start page")
    parser.add_argument("--base-url", help="probe the site at another scheme://host:port")


def load(files: list[str]) -> Mapping[str, Site]:
    from cli.errors import CommandError
    from crawler.sites import load_sites

    try:
        return load_sites(files)
    except ValueError as exc:  # RegistryError: already one line naming file, site and key
        raise CommandError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    from cli.errors import CommandError

    sites = load(args.sites)
    if args.action is None:
        if args.name or args.url or args.base_url:
            raise CommandError("give 'check NAME' to probe a site; 'guidecrawl sites' alone lists them")
        print(format_list(sites))
        return 0
    if not args.name:
        raise CommandError("sites check needs a site name (see 'guidecrawl sites')")
    if args.name not in sites:
        raise CommandError(f"unknown site {args.name!r} (known: {', '.join(sorted(sites))})")
    site = sites[args.name]
    if args.base_url:
        try:
            site = site.relocated(args.base_url)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
    from crawler.probe import ProbeError, probe

    try:
        found = probe(site, args.url)
    except ProbeError as exc:
        raise CommandError(str(exc), status=4) from None
    print(format_probe(site, found))
    return 0


def format_list(sites: Mapping[str, Site]) -> str:
    rows = [("site", "family", "platforms", "start", "defined in")]
    for name, site in sorted(sites.items()):
        more = f" (+{len(site.start_urls) - 1})" if len(site.start_urls) > 1 else ""
        rows.append((name, site.family, ",".join(site.platforms) or "-", site.start_urls[0] + more, site.source))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)) + "  " + row[4] for row in rows
    )


def _clip(text: str) -> str:
    return text if len(text) <= LINE_WIDTH else text[: LINE_WIDTH - 1] + "…"


def format_probe(site: Site, found: Probe) -> str:
    start = found.start
    roles = Counter(link.role for link in found.links)
    lines = [
        f"site      {site.name}  ({site.source})",
        f"start     {start.url}  HTTP {start.status}",
        f"charset   {found.encoding} (from {found.encoding_source})",
        f"links     {len(found.links)}: " + ", ".join(f"{role} {n}" for role, n in roles.most_common()),
    ]
    lines += [f"  {link.role:<8} {link.url}  [{link.why}]" for link in found.links]
    page = found.page
    if page is None:
        lines.append("page      no guide link on the start page: check guide_links (or give --url)")
        return "\n".join(lines)
    document = page.document
    lines.append(f"page      {page.url}")
    for error in page.errors:
        lines.append(f"  error   {error.stage}/{error.error}: {error.message}")
    if document is not None:
        lines += [
            f"  title   {document.title or '-'}",
            f"  date    {document.published_at or '-'}",
            f"  kind    {document.kind}, {len(document.records)} records,"
            f" {document.encoding} ({document.encoding_source})",
        ]
        text_lines = [line for line in page.text.splitlines() if line.strip()]
        lines += [f"  | {_clip(line)}" for line in text_lines[:FIRST_LINES]]
        kinds = Counter(entity.kind for entity in page.entities)
        lines.append(f"entities  {len(page.entities)}: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
        lines += [f"  {entity.kind:<8} {_clip(entity.text)}  → {entity.value}" for entity in page.entities]
    return "\n".join(lines)
