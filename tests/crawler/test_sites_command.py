"""`guidecrawl sites` and `guidecrawl sites check`, as processes against the served fixture site; one smoke
test per registry entry (a new entry without a served copy here fails `test_every_registry_site_has_a_smoke_test`)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.sites import load_sites
from tests.crawler.conftest import REPO, Served, serve

pytestmark = pytest.mark.slow

# registry site → fixture server options that serve it (crawler/demo_site, crawler/fixture_server.py)
SERVED_AS: dict[str, dict[str, Any]] = {"fixture": {}, "fixture-bench": {"replicate": 60}}


def guidecrawl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=REPO, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def bench_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve(tmp_path_factory.mktemp("bench"), **SERVED_AS["fixture-bench"])


def test_every_registry_site_has_a_smoke_test() -> None:
    assert set(load_sites()) == set(SERVED_AS)


def test_sites_lists_every_registry_site_with_its_start_url() -> None:
    proc = guidecrawl("sites")
    assert proc.returncode == 0, proc.stderr
    rows = {line.split()[0]: line for line in proc.stdout.splitlines()[1:]}
    assert set(rows) == set(load_sites())
    assert "http://127.0.0.1/news/list.html" in rows["fixture"] and "portal,discuz,qa" in rows["fixture"]


def test_check_fixture_reports_charset_link_classes_and_extracted_fields(site: Served) -> None:
    proc = guidecrawl("sites", "check", "fixture", "--base-url", site.url)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "charset   utf-8 (from header)" in out
    assert f"  listing  {site.url}/news/list_2.html  [listing_links /news/list(_\\d+)?\\.html$]" in out
    assert f"  guide    {site.url}/news/2020/0203/art_yantai.html  [guide_links /news/(?!list)[\\w/]+\\.html$]" in out
    assert f"  skipped  {site.url}/about.html  [no rule matches]" in out
    # the first guide link, through process_page: a GBK article
    assert f"page      {site.url}/news/2020/0203/art_yantai.html" in out
    assert "  date    2020-02-03T09:35:00" in out
    assert "gb18030 (header)" in out
    assert "  email    ylbxzhk@126.com  → ylbxzhk@126.com" in out
    assert "  docref   烟社保函〔2020〕1号" in out


def test_check_with_url_extracts_that_page(site: Served) -> None:
    proc = guidecrawl("sites", "check", "fixture", "--base-url", site.url, "--url", f"{site.url}/qa/1001.html")
    assert proc.returncode == 0, proc.stderr
    assert f"page      {site.url}/qa/1001.html" in proc.stdout
    assert "  kind    qa," in proc.stdout and "utf-8 (sniffed)" in proc.stdout


def test_check_fixture_bench_finds_its_guide_pages(bench_site: Served) -> None:
    proc = guidecrawl("sites", "check", "fixture-bench", "--base-url", bench_site.url)
    assert proc.returncode == 0, proc.stderr
    assert f"  guide    {bench_site.url}/bench/a1.html  [guide_links /bench/a\\d+\\.html$]" in proc.stdout
    assert "entities  " in proc.stdout and "entities  0" not in proc.stdout


def test_check_of_a_site_that_is_down_is_one_line_and_exit_4() -> None:
    proc = guidecrawl("sites", "check", "fixture", "--base-url", "http://127.0.0.1:9")
    assert (proc.returncode, proc.stderr.count("\n")) == (4, 1)
    assert "cannot fetch" in proc.stderr


def test_check_of_an_unknown_site_is_one_line_and_exit_2() -> None:
    proc = guidecrawl("sites", "check", "nosuchsite")
    assert (proc.returncode, proc.stderr.count("\n")) == (2, 1)
    assert "unknown site 'nosuchsite'" in proc.stderr


def test_check_of_a_page_disallowed_by_robots_is_refused(site: Served) -> None:
    proc = guidecrawl(
        "sites", "check", "fixture", "--base-url", site.url, "--url", f"{site.url}/news/preview/draft.html"
    )
    assert proc.returncode == 4
    assert "disallowed by robots.txt" in proc.stderr
    assert Path(REPO / "crawler" / "sites.toml").is_file()
