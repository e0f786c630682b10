"""The fixture layout: every page once under tests/fixtures/pages/<family>/<name>/, with its source and licence,
read by every test and benchmark through tests/fixture_pages.py; the fixture site's pages rebuilt from the seeds."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixture_pages import (
    DEMO_SITE,
    FAMILIES,
    FIXTURES,
    PAGES,
    REPO,
    FixturePage,
    gold_pages,
    real_pages,
    saved_pages,
)

SOURCE_KEYS = ("source_repo", "source_path", "source_commit", "licence")


def test_every_page_folder_is_a_family_and_a_name_holding_the_raw_body() -> None:
    folders = sorted(path for path in PAGES.glob("*/*") if path.is_dir())
    assert folders and {folder.parent.name for folder in folders} == set(FAMILIES)
    assert [folder for folder in folders if not (folder / "body.html").is_file()] == []
    assert len(saved_pages()) == len(folders)


def test_no_page_is_stored_twice_anywhere_in_the_fixtures() -> None:
    bodies: dict[str, list[str]] = {}
    for path in sorted(FIXTURES.rglob("*.htm*")) + sorted(DEMO_SITE.rglob("*.html")):
        bodies.setdefault(hashlib.sha1(path.read_bytes()).hexdigest(), []).append(str(path.relative_to(REPO)))
    assert [paths for paths in bodies.values() if len(paths) > 1] == []
    assert len(bodies) >= len(saved_pages())  # the walk above saw every saved page


def test_the_only_page_layout_is_the_pages_folder() -> None:
    outside = [p for p in FIXTURES.rglob("*.htm*") if PAGES not in p.parents]
    assert outside == []


@pytest.mark.parametrize("page", saved_pages(), ids=lambda page: page.name)
def test_every_page_names_its_id_url_headers_language_encoding_and_licence(page: FixturePage) -> None:
    assert {"id", "url", "headers", "constructed", "lang", "encoding", "licence"} <= set(page.info)
    assert page.lang in ("zh", "en")
    assert page.info["encoding"] in ("utf-8", "gbk", "gb2312", "gb18030", "big5")
    page.body.decode(page.info["encoding"] if page.info["encoding"] != "gbk" else "gb18030")


@pytest.mark.parametrize("page", [p for p in saved_pages() if not p.constructed], ids=lambda page: page.name)
def test_a_real_page_names_the_repository_path_and_commit_it_was_copied_from(page: FixturePage) -> None:
    assert all(page.info.get(key) for key in SOURCE_KEYS), page.info
    assert len(page.info["source_commit"]) == 40


def test_constructed_pages_say_what_text_they_wrap() -> None:
    constructed = [page for page in saved_pages() if page.constructed]
    assert constructed and all(page.info.get("source") for page in constructed)


def test_a_real_page_whose_body_left_something_out_says_what_and_is_no_verbatim_page() -> None:
    edited = [page for page in saved_pages() if not page.constructed and not page.verbatim]
    assert [page.name for page in edited] == ["listing/fund-disclosure-column"]
    assert "left out" in edited[0].info["note"]
    assert len(real_pages()) == 17 and edited[0] not in real_pages()


def test_ids_are_unique_and_gold_pages_say_who_made_the_gold() -> None:
    ids = [page.id for page in saved_pages()]
    assert len(ids) == len(set(ids))
    gold = gold_pages()
    assert len(gold) >= 12
    assert all(page.gold and page.gold.strip() and page.info.get("gold_by") for page in gold)


def test_the_loader_reads_body_headers_and_url_from_the_folder() -> None:
    [page] = [page for page in saved_pages() if page.name == "article/people-declares-gb2312-is-utf8"]
    assert page.body == (PAGES / "article" / "people-declares-gb2312-is-utf8" / "body.html").read_bytes()
    assert page.headers == {"content-type": "text/html; charset=GB2312"}
    assert page.url == "http://culture.people.com.cn/n1/2019/0615/c1013-31157656.html"
    assert (page.family, page.id, page.gold) == ("article", "gne-people-1", None)


def test_the_demo_site_builder_reproduces_the_committed_pages(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tools.build_demo_site", "--out", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    committed = {path.name: path.read_bytes() for path in (DEMO_SITE / "pages").iterdir()}
    built = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    assert built == committed
