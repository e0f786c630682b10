"""The first-sight evaluation set: every page traceable to its source, split by its id alone, and scorable.

The benchmark itself (`benchmarks/content_firstsight.py`) is run here as a subprocess on a small copy of the
set, so the command a reader copies from docs/content.md is the one the tests keep working.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.extract.content.page_sets import ROOT, body, info, licence_file, page_dirs, score_a_sample, split_of

PAGE_DIRS = page_dirs("firstsight")
REQUIRED = ("id", "url", "headers", "source_repo", "source_path", "source_commit", "licence", "family", "lang")
LICENCES = {"MIT", "Apache-2.0"}


def test_the_set_holds_chinese_and_english_pages_of_every_family() -> None:
    langs = Counter(info(page_dir)["lang"] for page_dir in PAGE_DIRS)
    families = Counter(info(page_dir)["family"] for page_dir in PAGE_DIRS)
    assert len(PAGE_DIRS) >= 240
    assert langs["zh"] >= 90 and langs["en"] >= 90
    assert all(families[family] >= 9 for family in ("article", "listing", "forum", "qa"))


def test_both_halves_hold_every_family_and_language_with_a_few_pages() -> None:
    # The split is sha1(id) alone: a stratum of one to three pages may fall in one half (qa-zh: 3 first-sight).
    strata = Counter((page["family"], page["lang"], page["split"]) for page in map(info, PAGE_DIRS))
    sizes = Counter((family, lang) for family, lang, _ in strata.elements())
    for family, lang in {key for key, size in sizes.items() if size >= 4}:
        assert strata[(family, lang, "dev")] > 0, (family, lang)
        assert strata[(family, lang, "first_sight")] > 0, (family, lang)


@pytest.mark.parametrize("page_dir", PAGE_DIRS, ids=[path.name for path in PAGE_DIRS])
def test_each_page_names_its_source_licence_and_split_by_the_id_rule(page_dir: Path) -> None:
    page = info(page_dir)
    assert all(key in page for key in REQUIRED)
    assert page["id"] == page_dir.name
    assert page["licence"] in LICENCES
    assert len(page["source_commit"]) == 40
    assert page["split"] == split_of(page["id"])
    assert licence_file(page["source_repo"]).is_file()


@pytest.mark.parametrize("page_dir", PAGE_DIRS, ids=[path.name for path in PAGE_DIRS])
def test_each_page_has_raw_bytes_and_a_non_empty_gold(page_dir: Path) -> None:
    assert b"<" in body(page_dir)[:4096]
    assert len((page_dir / "gold.txt").read_text(encoding="utf-8").strip()) >= 50


def test_the_benchmark_scores_a_split_per_family(tmp_path: Path) -> None:
    result = score_a_sample("content_firstsight.py", PAGE_DIRS, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "split: dev" in result.stdout
    assert "| guidecrawl | " in result.stdout
    assert "overall (n=2)" in result.stdout


def test_the_benchmark_says_so_in_one_line_when_a_split_is_empty(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, str(ROOT / "benchmarks" / "content_firstsight.py"), "--set", str(tmp_path)]
    result = subprocess.run([*command, "--only", "guidecrawl"], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no pages" in result.stderr
