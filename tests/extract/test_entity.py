"""The Entity record: its JSON is the contract other tools read."""

from __future__ import annotations

import pytest

from extract.entities import find_entities
from extract.entity import Entity


def test_json_keeps_offsets_for_a_date_range() -> None:
    text = "2012年6月20日开始至7月13日"
    (date,) = [e for e in find_entities(text) if e.kind == "date"]
    row = date.to_json()
    assert (row["start"], row["end"]) == (0, len(text))
    assert (row["range_start"], row["range_end"]) == ("2012-06-20", "2012-07-13")


def test_fields_may_not_shadow_the_contract_keys() -> None:
    with pytest.raises(ValueError, match="start"):
        Entity("date", "x", 0, 1, "2025", {"start": "2025-01"})


def test_shifted_moves_offsets_and_adds_fields() -> None:
    entity = Entity("phone", "12333", 3, 8, "12333", {"line": "service"}).shifted(10, record=2)
    assert (entity.start, entity.end, entity.fields) == (13, 18, {"line": "service", "record": 2})


def test_an_entity_crosses_a_pickle_as_it_was() -> None:
    """The crawl's extraction workers send entities to the crawl process pickled."""
    import pickle

    text = "咨询电话：(0591)87842560，2012年6月20日开始至7月13日"
    entities = find_entities(text)
    assert {e.kind for e in entities} == {"phone", "date"}
    assert pickle.loads(pickle.dumps(entities, protocol=pickle.HIGHEST_PROTOCOL)) == entities
