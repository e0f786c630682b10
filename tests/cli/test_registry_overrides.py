"""A site's registry overrides reach every entry point: `guidecrawl crawl --sites FILE`, then `guidecrawl extract
--sites FILE` and `guidecrawl content --sites FILE` on the same pages saved to disk, give the same text.

Real processes against the fixture site served on 127.0.0.1 (port 0); the user's registry file names a site whose
`[NAME.css] body` selects one block of each article (its first paragraph), which the generic rules would not pick.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from crawler.fixture_server import fixture_server
from normalize import normalize

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "crawler" / "demo_site"
ARTICLES = ("/news/2020/0203/art_yantai.html", "/news/2007/fuzhou_guide.html")
FIRST_PARAGRAPH = "div.content p:first-of-type"
SITE_NAME = "first-paragraphs"
# The first paragraph of the Yantai article (after normalize: simplified), and a heading of its later paragraphs.
YANTAI_FIRST = "胶东在线2月2日讯(记者宋君通讯员赵阳)"
YANTAI_LATER = "一、参保缴费相关业务"


def guidecrawl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=REPO, capture_output=True, text=True, timeout=180)


def texts_by_url(out: Path) -> dict[str, str]:
    frame = pd.read_parquet(out / "documents")
    return dict(zip(frame["url"], frame["text"], strict=True))


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    with fixture_server(SITE) as url:
        yield url


@pytest.fixture(scope="module")
def registry(served: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("registry") / "sites.toml"
    starts = ", ".join(f'"{served}{article}"' for article in ARTICLES)
    path.write_text(
        f"[{SITE_NAME}]\nstart_urls = [{starts}]\nfollow = false\n"
        "politeness = { delay = 0.0 }\n"  # a local server: no second between requests
        f'\n[{SITE_NAME}.css]\nbody = "{FIRST_PARAGRAPH}"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def saved(served: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The articles saved as a web archive would: body.html (the bytes as served) + info.json (url, headers)."""
    folder = tmp_path_factory.mktemp("saved")
    for index, article in enumerate(ARTICLES):
        with urllib.request.urlopen(served + article, timeout=10) as response:
            body, headers = response.read(), dict(response.headers)
        page = folder / f"page{index}"
        page.mkdir()
        (page / "body.html").write_bytes(body)
        info = {"url": served + article, "headers": headers}
        (page / "info.json").write_text(json.dumps(info), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def crawled(registry: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("crawl")
    proc = guidecrawl("crawl", SITE_NAME, "--sites", str(registry), "--out", str(out), "--profile", "test")
    assert proc.returncode == 0, proc.stderr
    return texts_by_url(out)


def test_the_crawl_reads_the_block_the_site_override_names(served: str, crawled: dict[str, str]) -> None:
    assert sorted(crawled) == sorted(served + article for article in ARTICLES)
    yantai = crawled[served + ARTICLES[0]]
    assert yantai.startswith(YANTAI_FIRST)
    assert YANTAI_LATER not in yantai


def test_extract_with_the_same_sites_file_gives_the_crawls_text(
    saved: Path, registry: Path, crawled: dict[str, str], tmp_path: Path
) -> None:
    proc = guidecrawl("extract", str(saved), "--out", str(tmp_path), "--sites", str(registry))
    assert proc.returncode == 0, proc.stderr
    assert texts_by_url(tmp_path) == crawled


def test_extract_without_the_sites_file_reads_the_whole_article(
    served: str, saved: Path, crawled: dict[str, str], tmp_path: Path
) -> None:
    proc = guidecrawl("extract", str(saved), "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    generic = texts_by_url(tmp_path)[served + ARTICLES[0]]
    assert YANTAI_FIRST in generic and YANTAI_LATER in generic
    assert generic != crawled[served + ARTICLES[0]]


@pytest.mark.parametrize("how", ["by --url host", "by --site name"])
def test_content_with_the_same_sites_file_gives_the_crawls_text(
    how: str, served: str, saved: Path, registry: Path, crawled: dict[str, str]
) -> None:
    for index, article in enumerate(ARTICLES):
        page = saved / f"page{index}" / "body.html"
        info = json.loads((saved / f"page{index}" / "info.json").read_text(encoding="utf-8"))
        which = ["--url", served + article] if how == "by --url host" else ["--site", SITE_NAME]
        content_type = ["--content-type", info["headers"]["Content-Type"]]
        proc = guidecrawl("content", str(page), *which, *content_type, "--sites", str(registry))
        assert proc.returncode == 0, proc.stderr
        # `content` prints the text as served; the tables hold it normalized
        assert normalize(proc.stdout.strip()).text == crawled[served + article]


BAD_REGISTRIES = {
    "invalid TOML": "[broken\nstart_urls = 1\n",
    "an unknown key": '[x]\nstart_urls = ["http://example.org/"]\ncolour = "red"\n',
}


@pytest.mark.parametrize("problem", BAD_REGISTRIES)
def test_a_bad_sites_file_is_one_line_and_exit_2_in_every_command(problem: str, saved: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD_REGISTRIES[problem], encoding="utf-8")
    page = str(saved / "page0" / "body.html")
    commands = {
        "crawl": ["crawl", "x", "--out", str(tmp_path / "crawl")],
        "extract": ["extract", str(saved), "--out", str(tmp_path / "extract")],
        "content": ["content", page],
    }
    for name, args in commands.items():
        proc = guidecrawl(*args, "--sites", str(bad))
        assert proc.returncode == 2, (name, proc.stderr)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in proc.stderr, (name, proc.stderr)
        assert str(bad) in lines[0], (name, lines[0])
    assert not (tmp_path / "extract").exists()  # nothing is written before the registry is checked


def test_a_missing_sites_file_is_one_line_and_exit_2(saved: Path, tmp_path: Path) -> None:
    proc = guidecrawl("extract", str(saved), "--out", str(tmp_path / "out"), "--sites", str(tmp_path / "none.toml"))
    assert proc.returncode == 2
    assert proc.stderr.strip().endswith("cannot read: No such file or directory")
    assert len(proc.stderr.strip().splitlines()) == 1
