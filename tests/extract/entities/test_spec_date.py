"""Dates against other parsers' public test cases (tests/fixtures/entity_specs/date.jsonl, dev split).

The table and its scope rule: benchmarks/date_specs_build.py. The first-sight split is scored only by
`python -m benchmarks.date_specs`, never here.
"""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.date_specs import guidecrawl_dates, score

SPECS = Path(__file__).resolve().parents[2] / "fixtures" / "entity_specs" / "date.jsonl"
DEV_F1_FLOOR = 0.84  # measured 0.87 on 2026-12-06


def cases() -> list[dict]:
    return [json.loads(line) for line in SPECS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_case_records_its_source_and_split() -> None:
    for case in cases():
        assert case["split"] in ("dev", "first_sight"), case["id"]
        assert set(case["source"]) == {"repo", "path", "commit", "licence"}, case["id"]
        assert len(case["source"]["commit"]) == 40, case["id"]


def test_dev_cases_reach_the_floor() -> None:
    dev = [c for c in cases() if c["split"] == "dev"]
    assert len(dev) >= 80
    precision, recall, f1, *_ = score(dev, guidecrawl_dates)
    assert f1 >= DEV_F1_FLOOR, (precision, recall, f1)
