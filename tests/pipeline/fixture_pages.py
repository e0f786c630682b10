"""Every fixture page the pipeline tests run: saved pages, the corpus pages, the fixture site's pages."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DEMO_SITE = Path(__file__).resolve().parents[2] / "crawler" / "demo_site"  # the fixture site, shipped as package data


@dataclass(frozen=True)
class FixturePage:
    name: str
    body: bytes
    headers: dict[str, str]
    url: str | None


def _saved_pages() -> list[FixturePage]:
    pages = []
    for body in sorted((FIXTURES / "pages").glob("*/*/body.html")):
        info = json.loads((body.parent / "info.json").read_text(encoding="utf-8"))
        name = f"pages/{body.parent.parent.name}/{body.parent.name}"
        pages.append(FixturePage(name, body.read_bytes(), info.get("headers") or {}, info.get("url")))
    return pages


def _corpus_pages() -> list[FixturePage]:
    pages = []
    for body in sorted((FIXTURES / "corpus" / "html").glob("*/page.html")):
        meta = json.loads((body.parent / "meta.json").read_text(encoding="utf-8"))
        pages.append(FixturePage(f"corpus/{body.parent.name}", body.read_bytes(), {}, meta.get("url")))
    return pages


def _site_pages() -> list[FixturePage]:
    site = DEMO_SITE
    routes = tomllib.loads((site / "routes.toml").read_text(encoding="utf-8"))
    pages = {}
    for path, route in routes.items():
        if "file" not in route:
            continue
        headers = {"Content-Type": route["content_type"]} if route.get("content_type") else {}
        page = FixturePage(f"site{path}", (site / "pages" / route["file"]).read_bytes(), headers, None)
        pages.setdefault(route["file"], page)  # a file served at two paths is one page here
    return list(pages.values())


def fixture_pages() -> list[FixturePage]:
    return [*_saved_pages(), *_corpus_pages(), *_site_pages()]
