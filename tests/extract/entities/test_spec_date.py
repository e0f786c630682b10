"""Dates against other parsers' public test cases (tests/fixtures/entity_specs/date.jsonl, dev split).

The table and its scope rule: benchmarks/date_specs_build.py. The first-sight split is scored only by
`benchmarks/entity_specs.py --kind date`, never here.
"""

from __future__ import annotations

from benchmarks.entity_specs import guidecrawl, load_cases, score
from benchmarks.splits import split_of

DEV_F1_FLOOR = 0.92  # measured 0.95 on 2026-12-06
DEV_PRECISION_FLOOR = 0.95  # measured 0.98: a new family of writing must not buy recall with false dates


def test_every_case_is_in_the_split_its_id_gives() -> None:
    cases = load_cases("date")
    assert len(cases) >= 200
    assert all(case.split == split_of(case.id) for case in cases)


def test_every_case_records_its_source() -> None:
    for case in load_cases("date"):
        assert set(case.source) >= {"repo", "path", "commit", "licence"}, case.id
        assert len(case.source["commit"]) == 40, case.id


def test_dev_cases_reach_the_floor() -> None:
    dev = load_cases("date", "dev")
    assert len(dev) >= 80
    result = score(dev, guidecrawl("date"))
    assert result.f1 >= DEV_F1_FLOOR, "\n".join(result.errors)
    assert result.precision >= DEV_PRECISION_FLOOR, "\n".join(result.errors)
