"""The hand-made gold over the five seeds, scored on values with the project's scorer (real normalize())."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.scoring import load_scorer, scorer_value
from extract.pipeline import process_text

GOLD = Path(__file__).parents[2] / "fixtures" / "gold"

# value-F1 floors per kind over all 270 gold entities (boilerplate included): the 0.95 target, raised
# to just under what is measured (docs/entities.md) where a kind has enough gold for one miss to show
FLOORS = {
    "phone": 0.98,
    "address": 0.95,
    "amount": 0.97,
    "percent": 0.98,
    "date": 0.98,
    "email": 0.95,
    "url": 0.95,
    "docref": 0.95,
}


@pytest.fixture(scope="module")
def seed_scores(seed_texts: dict[str, str]) -> dict:
    score = load_scorer()
    predictions = []
    for name, raw in seed_texts.items():
        for entity in process_text(raw).entities:
            predictions.append({"doc": name, "kind": entity.kind, "text": entity.text, "value": scorer_value(entity)})
    gold = score.load_jsonl(GOLD / "seeds_entities.jsonl")
    # our offsets index the normalized text, not the raw seed: score on values (offsets dropped)
    for p in predictions:
        p["start"] = p["end"] = None
    return {"results": score.evaluate(gold, predictions), "table": score.format_table}


@pytest.mark.parametrize("kind", list(FLOORS))
def test_value_f1_reaches_the_floor(seed_scores: dict, kind: str) -> None:
    results = seed_scores["results"]
    f1 = results[kind]["value"]["F1"]
    table = seed_scores["table"](results, "value scores over the seeds")
    assert f1 >= FLOORS[kind], f"{kind}: value F1 {f1} < {FLOORS[kind]}\n{table}\n{json.dumps(results[kind])}"
