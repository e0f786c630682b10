"""Amounts: the dev split of the amount spec table (other parsers' public cases) holds a value-F1 floor.

The table is built by `benchmarks/build_amount_specs.py` (sources, split and scope rule in its docstring and in
`tests/fixtures/entity_specs/README.md`). The first-sight split is scored only by `benchmarks/entity_specs.py`;
this test never reads it.
"""

from __future__ import annotations

from benchmarks.entity_specs import guidecrawl, load_cases, score
from benchmarks.splits import split_of

FLOOR = 0.92  # dev value F1 0.94 on 2026-12-06 (196 of 211 expected; the misses are listed in docs/entities.md)


def test_every_case_is_in_the_split_its_id_gives() -> None:
    cases = load_cases("amount")
    assert len(cases) >= 100
    assert all(case.split == split_of(case.id) for case in cases)


def test_every_case_names_its_source() -> None:
    for case in load_cases("amount"):
        assert case.source["repo"] and len(case.source["commit"]) == 40 and case.source["licence"]


def test_dev_split_value_f1_floor() -> None:
    result = score(load_cases("amount", "dev"), guidecrawl("amount"))
    assert result.f1 >= FLOOR, "\n".join(result.errors)


def test_dev_split_precision_floor() -> None:
    result = score(load_cases("amount", "dev"), guidecrawl("amount"))
    # price-parser names one price per string: a second price of a list is a false amount to it (0.947 on 2026-12-06)
    assert result.precision >= 0.93, "\n".join(result.errors)
