"""The first-sight evaluation set: every page traceable to its source, split by its id alone, and scorable.

The benchmark itself (`benchmarks/content_firstsight.py`) is run here as a subprocess on a small copy of the
set, so the command a reader copies from docs/content.md is the one the tests keep working.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SET = ROOT / "benchmarks" / "pages" / "firstsight"
PAGE_DIRS = sorted(path.parent for path in SET.glob("*/info.json"))
REQUIRED = ("id", "url", "headers", "source_repo", "source_path", "source_commit", "licence", "family", "lang")
LICENCES = {"MIT", "Apache-2.0"}


def _info(page_dir: Path) -> dict:
    return json.loads((page_dir / "info.json").read_text(encoding="utf-8"))


def test_the_set_holds_chinese_and_english_pages_of_every_family() -> None:
    langs = Counter(_info(page_dir)["lang"] for page_dir in PAGE_DIRS)
    families = Counter(_info(page_dir)["family"] for page_dir in PAGE_DIRS)
    assert len(PAGE_DIRS) >= 240
    assert langs["zh"] >= 90 and langs["en"] >= 90
    assert all(families[family] >= 9 for family in ("article", "listing", "forum", "qa"))


def test_both_halves_hold_every_family_and_language_with_a_few_pages() -> None:
    # The split is sha1(id) alone: a stratum of one to three pages may fall in one half (qa-zh: 3 first-sight).
    strata = Counter((info["family"], info["lang"], info["split"]) for info in map(_info, PAGE_DIRS))
    sizes = Counter((family, lang) for family, lang, _ in strata.elements())
    for family, lang in {key for key, size in sizes.items() if size >= 4}:
        assert strata[(family, lang, "dev")] > 0, (family, lang)
        assert strata[(family, lang, "first_sight")] > 0, (family, lang)


@pytest.mark.parametrize("page_dir", PAGE_DIRS, ids=[path.name for path in PAGE_DIRS])
def test_each_page_names_its_source_licence_and_split_by_the_id_rule(page_dir: Path) -> None:
    info = _info(page_dir)
    assert all(key in info for key in REQUIRED)
    assert info["id"] == page_dir.name
    assert info["licence"] in LICENCES
    assert len(info["source_commit"]) == 40
    parity = int(hashlib.sha1(info["id"].encode()).hexdigest(), 16) % 2
    assert info["split"] == ("dev" if parity == 0 else "first_sight")


@pytest.mark.parametrize("page_dir", PAGE_DIRS, ids=[path.name for path in PAGE_DIRS])
def test_each_page_has_raw_bytes_and_a_non_empty_gold(page_dir: Path) -> None:
    raw = gzip.decompress((page_dir / "body.html.gz").read_bytes())
    assert b"<" in raw[:4096]
    assert len((page_dir / "gold.txt").read_text(encoding="utf-8").strip()) >= 50


def test_the_benchmark_scores_a_split_per_family(tmp_path: Path) -> None:
    chosen = [page_dir for page_dir in PAGE_DIRS if _info(page_dir)["split"] == "dev"][:2]
    chosen += [page_dir for page_dir in PAGE_DIRS if _info(page_dir)["split"] == "first_sight"][:1]
    for page_dir in chosen:
        shutil.copytree(page_dir, tmp_path / page_dir.name)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, str(ROOT / "benchmarks" / "content_firstsight.py"), "--set", str(tmp_path)]
    result = subprocess.run(
        [*command, "--split", "dev", "--only", "guidecrawl"], capture_output=True, text=True, env=env
    )
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
