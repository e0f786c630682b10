"""The modern-web evaluation set: every page traceable to its source, split by its id alone, new to the project, and
scorable with the command docs/content.md gives (run here as a subprocess on a small copy of the set)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.extract.content.page_sets import body, info, licence_file, page_dirs, score_a_sample, split_of

PAGE_DIRS = page_dirs("modern_web")
OTHER_DIRS = page_dirs("firstsight") + page_dirs("extractor_suites")
REQUIRED = ("id", "url", "headers", "source_repo", "source_path", "gold_path", "source_commit", "licence", "family")
SOURCE = "tiptopjaw/web-content-extraction-benchmark"


def test_the_set_holds_both_halves_of_english_articles_and_threads() -> None:
    infos = [info(page_dir) for page_dir in PAGE_DIRS]
    assert len(infos) >= 300
    halves = {(entry["family"], entry["lang"], entry["split"]) for entry in infos}
    for family in ("article", "forum"):
        assert {(family, "en", "dev"), (family, "en", "first_sight")} <= halves


@pytest.mark.parametrize("page_dir", PAGE_DIRS, ids=[path.name for path in PAGE_DIRS])
def test_each_page_names_its_source_licence_and_split_by_the_id_rule(page_dir: Path) -> None:
    page = info(page_dir)
    assert all(key in page for key in REQUIRED)
    assert page["id"] == page_dir.name
    assert (page["source_repo"], page["licence"]) == (SOURCE, "Apache-2.0")
    assert len(page["source_commit"]) == 40
    assert page["split"] == split_of(page["id"])
    assert licence_file(page["source_repo"]).is_file()
    assert len((page_dir / "gold.txt").read_text(encoding="utf-8").strip()) >= 100
    assert b"<" in body(page_dir)[:4096]


def test_no_page_is_a_page_of_another_set_or_another_page_of_this_set() -> None:
    others = {hashlib.sha1(body(page_dir)).hexdigest() for page_dir in OTHER_DIRS}
    ours = [hashlib.sha1(body(page_dir)).hexdigest() for page_dir in PAGE_DIRS]
    assert len(set(ours)) == len(ours)
    assert not others & set(ours)
    assert others  # the check compares against real pages


def test_the_benchmark_scores_a_split(tmp_path: Path) -> None:
    result = score_a_sample("content_modern.py", PAGE_DIRS, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "split: dev" in result.stdout
    assert "overall (n=2)" in result.stdout
