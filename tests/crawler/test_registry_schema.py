"""The site registry is checked against its schema when loaded: each mistake is one line naming the file, the
site and the key, and exit status 2 — for `guidecrawl sites`, `guidecrawl crawl` and `scrapy crawl` alike."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crawler.platforms import load_platforms
from crawler.registry_schema import RegistryError
from tests.crawler.conftest import REPO, scrapy_crawl

GOOD = """
[cityyb]
start_urls = ["http://ybj.example.gov.cn/zwgk/tzgg/"]
platforms = ["portal"]
"""

S = 'start_urls = ["http://a.example.cn/"]\n'
# (what is wrong, the site table as written, what the one line must name)
MISTAKES = [
    ("misspelt key", S + 'platform = ["portal"]', "platform: unknown key"),
    ("unknown css key", S + 'css = { bdy = "div#zoom" }', "css.bdy: unknown key"),
    ("politeness typo", S + 'politeness = { dealy = 2.0 }', "politeness.dealy"),
    ("start_urls a string", 'start_urls = "http://a.example.cn/"', "start_urls: must be a list"),
    ("start_urls empty", "start_urls = []", "start_urls: must not be empty"),
    ("start_urls missing", 'family = "article"', "start_urls: missing"),
    ("start URL without scheme", 'start_urls = ["a.example.cn/list.html"]', "start_urls[0]: not an http(s) URL"),
    ("domain with scheme", S + 'allowed_domains = ["http://a.example.cn"]', "allowed_domains[0]: not a host name"),
    ("domain with path", S + 'allowed_domains = ["a.example.cn/zwgk"]', "allowed_domains[0]: not a host name"),
    ("bad regex", S + 'guide_links = [\'/art/(\\d+.html\']', "guide_links[0]: bad regular expression"),
    ("regex not in a list", S + 'deny_links = \'\\.pdf$\'', "deny_links: must be a list"),
    ("unknown platform", S + 'platforms = ["discus"]', "platforms[0]: unknown value 'discus'"),
    ("unknown family", S + 'family = "news"', "family: unknown value 'news'"),
    ("delay as a string", S + 'politeness = { delay = "2s" }', "politeness.delay: must be a number"),
    ("concurrency zero", S + 'politeness = { concurrency = 0 }', "politeness.concurrency: must be at least 1"),
    ("follow as a string", S + 'follow = "no"', "follow: must be true or false"),
]  # fmt: skip


def guidecrawl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=REPO, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("mistake", "table", "named"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_registry_mistake_is_one_line_naming_file_site_and_key(
    mistake: str, table: str, named: str, tmp_path: Path
) -> None:
    registry = tmp_path / "my_sites.toml"
    registry.write_text(f"[cityyb]\n{table}\n", encoding="utf-8")
    proc = guidecrawl("sites", "--sites", str(registry))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert f"{registry}: site 'cityyb': {named}" in proc.stderr


def test_invalid_toml_names_the_file_and_the_line(tmp_path: Path) -> None:
    registry = tmp_path / "broken.toml"
    registry.write_text('[cityyb]\nstart_urls = ["http://a.example.cn/"\n', encoding="utf-8")
    proc = guidecrawl("sites", "--sites", str(registry))
    assert (proc.returncode, proc.stderr.count("\n")) == (2, 1)
    assert f"{registry}: invalid TOML" in proc.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_registry_file_is_one_line_not_all_of_memory() -> None:
    proc = guidecrawl("sites", "--sites", "/dev/zero")
    assert (proc.returncode, proc.stderr.count("\n")) == (2, 1)
    assert "/dev/zero: larger than 16777216 bytes: not a site registry" in proc.stderr


def test_a_valid_user_registry_is_listed_with_its_file(tmp_path: Path) -> None:
    registry = tmp_path / "my_sites.toml"
    registry.write_text(GOOD, encoding="utf-8")
    proc = guidecrawl("sites", "--sites", str(registry))
    assert proc.returncode == 0, proc.stderr
    line = next(line for line in proc.stdout.splitlines() if line.startswith("cityyb"))
    assert "portal" in line and "http://ybj.example.gov.cn/zwgk/tzgg/" in line and str(registry) in line
    assert any(line.startswith("fixture ") for line in proc.stdout.splitlines())  # the bundled sites too


def test_guidecrawl_crawl_refuses_a_bad_registry_before_fetching(tmp_path: Path) -> None:
    registry = tmp_path / "my_sites.toml"
    registry.write_text('[cityyb]\nstart_urls = "http://a.example.cn/"\n', encoding="utf-8")
    proc = guidecrawl("crawl", "cityyb", "--out", str(tmp_path / "out"), "--sites", str(registry))
    assert (proc.returncode, proc.stderr.count("\n")) == (2, 1)
    assert "site 'cityyb': start_urls: must be a list" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_scrapy_crawl_refuses_a_bad_registry_in_one_line(tmp_path: Path) -> None:
    registry = tmp_path / "my_sites.toml"
    registry.write_text(
        '[cityyb]\nstart_urls = ["http://a.example.cn/"]\nguide_links = ["(unclosed"]\n', encoding="utf-8"
    )
    proc = scrapy_crawl("-a", "site=cityyb", "-s", f"GUIDECRAWL_SITES={registry}")
    assert proc.returncode == 2
    assert (
        proc.stderr.strip()
        .splitlines()[-1]
        .endswith(
            "guide_links[0]: bad regular expression '(unclosed': missing ), unterminated subpattern at position 0"
        )
    )


def test_platform_file_mistake_names_the_platform_and_key(tmp_path: Path) -> None:
    platforms = tmp_path / "platforms.toml"
    platforms.write_text("[trs]\nguide_link = ['/t\\d+_\\d+\\.html$']\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=r"platforms\.toml: platform 'trs': guide_link: unknown key"):
        load_platforms(platforms)


def test_bundled_platform_file_follows_the_schema() -> None:
    assert {"portal", "discuz", "qa"} <= set(load_platforms())
