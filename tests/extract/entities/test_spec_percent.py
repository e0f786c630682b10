"""Percents against other parsers' public test cases: the dev split of tests/fixtures/entity_specs/percent.jsonl.

The table is built by benchmarks/build_amount_specs.py (sources, split and scope rule in its docstring). Only the
dev split is read here; the first-sight split is scored by benchmarks/amount_specs.py alone.
"""

from __future__ import annotations

import pytest
from amount_percent_specs import guidecrawl, load_cases, matches, score

CASES = load_cases("percent", "dev")
FLOOR = 0.96  # dev F1 0.974 on 2026-12-06


def test_the_dev_split_is_large_enough_to_mean_something() -> None:
    assert len(CASES) >= 50
    assert all(c["source"]["commit"] and c["source"]["licence"] for c in CASES)


def test_value_f1_on_the_dev_split_reaches_the_floor() -> None:
    result = score(CASES, guidecrawl("percent"))
    assert result.f1 >= FLOOR, (round(result.f1, 3), result.misses)


def test_no_spurious_extra_entity_on_the_cases_the_parser_gets() -> None:
    # precision holds up case by case: a case we find must not come with a false companion
    result = score(CASES, guidecrawl("percent"))
    assert result.precision >= 0.95, result.misses


@pytest.mark.parametrize("case", CASES[:1], ids=lambda c: c["id"])
def test_matching_needs_the_checked_fields(case: dict) -> None:
    expected = case["expected"][0]
    assert matches(dict(expected), expected)
    assert not matches({**expected, "value": expected["value"] + 1}, expected)
