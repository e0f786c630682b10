"""The fixture pages, read one way by every test and benchmark.

Every real or constructed page lives once, under `tests/fixtures/pages/<family>/<name>/`:

- `body.html`: the raw bytes as served (or as stored by the source), in their real encoding;
- `info.json`: `id`, `url`, `headers` (as served; `{}` where the source kept none), `constructed`, `verbatim`
  (false for a real page whose stored body left something out), where the page comes from (`source_repo`,
  `source_path`, `source_commit`, `licence`, or `source` for a constructed page), `lang`, `encoding` (the codec
  the bytes really are) and, for gold pages, who made the gold and by which rule;
- `expected.json` (optional): the fields the content stage must produce (tests/extract/content/test_content_pages.py);
- `gold.txt` (optional): the page's gold main text, UTF-8 (benchmarks/content.py scores against it).

The layout is also what `guidecrawl extract` reads as a web-archive page (body.html + info.json). The fixture
site's pages (crawler/demo_site, package data served by crawler/fixture_server.py) and the seed texts
(tests/fixtures/seeds) are read here too.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
PAGES = FIXTURES / "pages"
SEEDS = FIXTURES / "seeds"
DEMO_SITE = REPO / "crawler" / "demo_site"  # the fixture site, shipped as package data
FAMILIES = ("article", "listing", "forum", "qa")


@dataclass(frozen=True)
class FixturePage:
    name: str  # "<family>/<name>" for a saved page, "site/<path>" for a page of the fixture site
    body: bytes
    headers: dict[str, str]
    url: str | None
    family: str | None = None
    folder: Path | None = None
    info: Mapping[str, Any] = field(default_factory=dict)
    expected: Mapping[str, Any] | None = None
    gold: str | None = None

    @property
    def id(self) -> str:
        """The page's id: the one evaluation sets and notes use (the source's page id for real pages)."""
        return str(self.info.get("id") or self.name)

    @property
    def lang(self) -> str:
        return str(self.info.get("lang", "zh"))

    @property
    def constructed(self) -> bool:
        """Markup written for the project around real text, not a page as a site served it."""
        return bool(self.info.get("constructed", False))

    @property
    def verbatim(self) -> bool:
        """The body is byte for byte what the source stored: neither constructed nor edited."""
        return not self.constructed and bool(self.info.get("verbatim", True))


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def read_saved_page(folder: Path) -> FixturePage:
    """One `<family>/<name>/` folder of the layout above."""
    info = _json(folder / "info.json") or {}
    gold = folder / "gold.txt"
    return FixturePage(
        name=f"{folder.parent.name}/{folder.name}",
        body=(folder / "body.html").read_bytes(),
        headers=dict(info.get("headers") or {}),
        url=info.get("url"),
        family=folder.parent.name,
        folder=folder,
        info=info,
        expected=_json(folder / "expected.json"),
        gold=gold.read_text(encoding="utf-8") if gold.is_file() else None,
    )


@cache
def _saved_pages(root: Path) -> tuple[FixturePage, ...]:
    return tuple(read_saved_page(body.parent) for body in sorted(root.glob("*/*/body.html")))


def saved_pages(root: Path = PAGES) -> list[FixturePage]:
    """Every page of `root` (default: tests/fixtures/pages), ordered by family and name."""
    return list(_saved_pages(root))


def gold_pages(root: Path = PAGES) -> list[FixturePage]:
    """The saved pages that have a gold main text."""
    return [page for page in saved_pages(root) if page.gold is not None]


def real_pages(root: Path = PAGES) -> list[FixturePage]:
    """The saved pages stored byte for byte as their source has them (`verbatim`), each with its source and
    licence: the pages whose bytes say how real pages are encoded and marked up."""
    return [page for page in saved_pages(root) if page.verbatim]


def site_pages() -> list[FixturePage]:
    """Each page file of the fixture site once, with the Content-Type it is served with."""
    routes = tomllib.loads((DEMO_SITE / "routes.toml").read_text(encoding="utf-8"))
    pages: dict[str, FixturePage] = {}
    for path, route in routes.items():
        if "file" not in route:
            continue
        headers = {"Content-Type": route["content_type"]} if route.get("content_type") else {}
        page = FixturePage(f"site{path}", (DEMO_SITE / "pages" / route["file"]).read_bytes(), headers, None)
        pages.setdefault(route["file"], page)  # a file served at two paths is one page here
    return list(pages.values())


def fixture_pages() -> list[FixturePage]:
    """Every page the tests have: the saved pages and the fixture site's pages."""
    return [*saved_pages(), *site_pages()]


def seed_texts() -> dict[str, str]:
    """The five seed pages (text dumps of real guide pages), by file name."""
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}
