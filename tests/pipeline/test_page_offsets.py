"""Every entity of every fixture page points at its text: in the normalized page text and in the served text.

The pages: tests/fixtures/pages/** (the saved pages, real and constructed) and the fixture site's pages, read
through tests/fixture_pages.py and each run through `process_page` exactly as `guidecrawl extract` runs them.
"""

from __future__ import annotations

import pytest

from extract.document import RECORD_SEPARATOR
from extract.pipeline import PageResult, process_page
from normalize import normalize
from tests.fixture_pages import FixturePage, fixture_pages

PAGES = fixture_pages()
BLANK_LINE = "\n\n"  # the contract (docs/pipeline.md): a page's records are separated by one blank line


@pytest.fixture(scope="module")
def results() -> dict[str, PageResult]:
    return {page.name: process_page(page.body, page.headers, page.url) for page in PAGES}


def _record_starts(texts: list[str]) -> list[int]:
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + len(RECORD_SEPARATOR)
    return starts


def test_the_fixture_pages_give_hundreds_of_entities(results: dict[str, PageResult]) -> None:
    assert len(PAGES) >= 30
    assert all(result.document is not None for result in results.values())
    assert sum(len(result.entities) for result in results.values()) >= 400


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_entity_is_the_slice_of_the_page_text_it_names(page: FixturePage, results: dict[str, PageResult]) -> None:
    result = results[page.name]
    for entity in result.entities:
        assert result.text[entity.start : entity.end] == entity.text, entity


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_page_text_splits_at_blank_lines_into_its_records(
    page: FixturePage, results: dict[str, PageResult]
) -> None:
    result = results[page.name]
    assert result.document is not None
    records = result.document.records
    assert result.text.split(BLANK_LINE) == [r.text for r in records]
    assert result.served_text.split(BLANK_LINE) == [r.served for r in records]


def test_some_fixture_pages_have_many_records(results: dict[str, PageResult]) -> None:
    # The split above only tells a separator from a line break on pages of several records.
    assert sum(len(r.document.records) > 1 for r in results.values() if r.document) >= 5


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_page_text_is_its_records_joined_by_the_separator(
    page: FixturePage, results: dict[str, PageResult]
) -> None:
    result = results[page.name]
    assert result.document is not None
    records = result.document.records
    assert result.text == RECORD_SEPARATOR.join(r.text for r in records)
    assert result.served_text == RECORD_SEPARATOR.join(r.served or "" for r in records)
    starts = _record_starts([r.text for r in records])
    for entity in result.entities:  # an entity lies inside the record it names
        index = entity.fields["record"]
        assert starts[index] <= entity.start <= entity.end <= starts[index] + len(records[index].text)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_entity_maps_back_to_the_served_text_it_came_from(
    page: FixturePage, results: dict[str, PageResult]
) -> None:
    result = results[page.name]
    assert result.document is not None
    records = result.document.records
    starts = _record_starts([r.text for r in records])
    for entity in result.entities:
        served = result.served_text[entity.fields["served_start"] : entity.fields["served_end"]]
        record = records[entity.fields["record"]]
        assert record.offsets is not None
        local = entity.start - starts[entity.fields["record"]], entity.end - starts[entity.fields["record"]]
        if not record.offsets.touched(*local):
            assert served == entity.text, entity
        else:  # a repair reached the span: the served slice covers what it replaced and normalizes to it
            assert entity.text in normalize(served).text, (entity, served)


def test_repaired_entities_are_found_and_untouched_ones_are_verbatim(results: dict[str, PageResult]) -> None:
    verbatim = repaired = 0
    for result in results.values():
        for entity in result.entities:
            served = result.served_text[entity.fields["served_start"] : entity.fields["served_end"]]
            if served == entity.text:
                verbatim += 1
            elif normalize(served).text == entity.text:
                repaired += 1
    assert verbatim >= 300
    assert repaired >= 10
