"""Fixture pages, one per page family and encoding case: raw bytes + headers in, one assertion per field.

Each `tests/fixtures/pages/<family>/<name>/` holds body.html (the bytes as served), info.json (url, headers)
and expected.json (read through tests/fixture_pages.py); only the fields a page's expected.json names are
checked on it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from extract.content import content
from extract.decode import Decoded, decode
from extract.document import Document
from tests.fixture_pages import FAMILIES, saved_pages

PAGES = {page.name: page for page in saved_pages() if page.expected is not None}


@cache
def _load(name: str) -> tuple[dict[str, Any], Decoded, Document]:
    page = PAGES[name]
    assert page.expected is not None
    decoded = decode(page.body, page.headers)
    return dict(page.expected), decoded, content(decoded.text, page.url)


def _cases(field: str) -> list[str]:
    return [name for name, page in PAGES.items() if page.expected and field in page.expected]


def test_every_family_has_a_fixture_page() -> None:
    assert {page.family for page in PAGES.values()} == set(FAMILIES)


def test_every_saved_page_names_the_fields_it_must_produce() -> None:
    assert [page.name for page in saved_pages() if page.expected is None] == []


@pytest.mark.parametrize("page_dir", _cases("encoding"))
def test_encoding(page_dir: str) -> None:
    expected, decoded, _ = _load(page_dir)
    assert decoded.encoding == expected["encoding"]


@pytest.mark.parametrize("page_dir", _cases("encoding_source"))
def test_encoding_source(page_dir: str) -> None:
    expected, decoded, _ = _load(page_dir)
    assert decoded.source == expected["encoding_source"]


@pytest.mark.parametrize("page_dir", _cases("kind"))
def test_kind(page_dir: str) -> None:
    # "article" is also the kind of an empty Document: a kind only counts with records of that kind.
    expected, _, document = _load(page_dir)
    assert (document.kind, bool(document.records)) == (expected["kind"], True)


@pytest.mark.parametrize("page_dir", _cases("kind"))
def test_kind_is_the_directory_family(page_dir: str) -> None:
    expected, _, _ = _load(page_dir)
    assert expected["kind"] == PAGES[page_dir].family


@pytest.mark.parametrize("page_dir", _cases("title"))
def test_title(page_dir: str) -> None:
    expected, _, document = _load(page_dir)
    assert document.title == expected["title"]


@pytest.mark.parametrize("page_dir", _cases("published_at"))
def test_published_at(page_dir: str) -> None:
    expected, _, document = _load(page_dir)
    assert document.published_at == expected["published_at"]


@pytest.mark.parametrize("page_dir", _cases("author"))
def test_author(page_dir: str) -> None:
    expected, _, document = _load(page_dir)
    assert document.author == expected["author"]


@pytest.mark.parametrize("page_dir", _cases("site"))
def test_site(page_dir: str) -> None:
    expected, _, document = _load(page_dir)
    assert document.site == expected["site"]


@pytest.mark.parametrize("page_dir", _cases("lang"))
def test_lang(page_dir: str) -> None:
    expected, _, document = _load(page_dir)
    assert document.lang == expected["lang"]


@pytest.mark.parametrize("page_dir", _cases("records"))
def test_number_of_records(page_dir: str) -> None:
    expected, _, document = _load(page_dir)
    assert len(document.records) == expected["records"]


@pytest.mark.parametrize("page_dir", _cases("roles"))
def test_record_roles(page_dir: str) -> None:
    expected, _, document = _load(page_dir)
    assert [r.role for r in document.records] == expected["roles"]


@pytest.mark.parametrize("page_dir", _cases("first_record"))
def test_first_record_fields(page_dir: str) -> None:
    expected, _, document = _load(page_dir)
    first = document.records[0]
    assert {key: getattr(first, key) for key in expected["first_record"]} == expected["first_record"]


@pytest.mark.parametrize("page_dir", _cases("contains"))
def test_text_contains_the_key_sentences(page_dir: str) -> None:
    expected, _, document = _load(page_dir)
    assert [s for s in expected["contains"] if s not in document.text] == []


@pytest.mark.parametrize("page_dir", _cases("excludes"))
def test_text_excludes_the_boilerplate(page_dir: str) -> None:
    # The boilerplate is gone while the key sentences stay: an empty text would drop both.
    expected, _, document = _load(page_dir)
    dropped = [s for s in expected["excludes"] if s not in document.text]
    kept = [s for s in expected["contains"] if s in document.text]
    assert (dropped, kept) == (expected["excludes"], expected["contains"])


@pytest.mark.parametrize("page_dir", _cases("excludes"))
def test_records_are_separate_paragraph_lines(page_dir: str) -> None:
    _, _, document = _load(page_dir)
    assert document.records and all(record.text and "\n\n" not in record.text for record in document.records)
