"""The extractor-suite evaluation set: every page traceable to its source, split by its id alone, new to the project,
and scorable with the command docs/content.md gives (run here as a subprocess on a small copy of the set)."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SET = ROOT / "benchmarks" / "pages" / "extractor_suites"
FIRSTSIGHT = ROOT / "benchmarks" / "pages" / "firstsight"
PAGE_DIRS = sorted(path.parent for path in SET.glob("*/info.json"))
REQUIRED = ("id", "url", "headers", "source_repo", "source_path", "gold_path", "source_commit", "licence", "family")
SOURCES = {"codelucas/newspaper": "MIT", "AndyTheFactory/newspaper4k": "MIT", "mozilla/readability": "Apache-2.0"}


def _info(page_dir: Path) -> dict:
    return json.loads((page_dir / "info.json").read_text(encoding="utf-8"))


def _body(page_dir: Path) -> bytes:
    return gzip.decompress((page_dir / "body.html.gz").read_bytes())


def test_the_set_holds_both_halves_of_english_and_chinese_articles() -> None:
    infos = [_info(page_dir) for page_dir in PAGE_DIRS]
    assert len(infos) >= 180
    assert {(info["lang"], info["split"]) for info in infos} == {
        ("en", "dev"), ("en", "first_sight"), ("zh", "dev"), ("zh", "first_sight")
    }  # fmt: skip


@pytest.mark.parametrize("page_dir", PAGE_DIRS, ids=[path.name for path in PAGE_DIRS])
def test_each_page_names_its_source_licence_and_split_by_the_id_rule(page_dir: Path) -> None:
    info = _info(page_dir)
    assert all(key in info for key in REQUIRED)
    assert info["id"] == page_dir.name
    assert SOURCES[info["source_repo"]] == info["licence"]
    assert len(info["source_commit"]) == 40
    parity = int(hashlib.sha1(info["id"].encode()).hexdigest(), 16) % 2
    assert info["split"] == ("dev" if parity == 0 else "first_sight")
    assert len((page_dir / "gold.txt").read_text(encoding="utf-8").strip()) >= 100
    assert b"<" in _body(page_dir)[:4096]


def test_no_page_is_a_page_of_the_first_sight_set_or_another_page_of_this_set() -> None:
    firstsight = {hashlib.sha1(_body(page_dir)).hexdigest() for page_dir in FIRSTSIGHT.glob("*") if page_dir.is_dir()}
    ours = [hashlib.sha1(_body(page_dir)).hexdigest() for page_dir in PAGE_DIRS]
    assert len(set(ours)) == len(ours)
    assert not firstsight & set(ours)
    assert firstsight  # the check compares against real pages


def test_the_benchmark_scores_a_split(tmp_path: Path) -> None:
    chosen = [page_dir for page_dir in PAGE_DIRS if _info(page_dir)["split"] == "dev"][:2]
    chosen += [page_dir for page_dir in PAGE_DIRS if _info(page_dir)["split"] == "first_sight"][:1]
    for page_dir in chosen:
        shutil.copytree(page_dir, tmp_path / page_dir.name)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, str(ROOT / "benchmarks" / "content_suites.py"), "--set", str(tmp_path)]
    result = subprocess.run(
        [*command, "--split", "dev", "--only", "guidecrawl"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "split: dev" in result.stdout
    assert "overall (n=2)" in result.stdout
