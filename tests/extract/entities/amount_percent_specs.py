"""The amount and percent spec tables (`tests/fixtures/entity_specs/{amount,percent}.jsonl`) and their scoring.

Shared by the spec tests (dev split, with a floor) and `benchmarks/amount_specs.py` (first-sight split, with the
anchors). A predicted entity counts when its canonical value equals an expected value and every optional field
the case lists (`currency`, `low`, `high`, `approximate`) matches; each expected entity is matched at most once.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.entities import find_entities
from normalize import normalize

SPECS = Path(__file__).parents[2] / "fixtures" / "entity_specs"
CHECKED_FIELDS = ("currency", "low", "high", "approximate")

Prediction = dict[str, Any]


def load_cases(kind: str, split: str) -> list[dict[str, Any]]:
    with open(SPECS / f"{kind}.jsonl", encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    return [c for c in cases if c["split"] == split]


def guidecrawl(kind: str) -> Callable[[str], list[Prediction]]:
    """Our pipeline as the CLI runs it: normalize, then every finder (overlaps settled between kinds)."""

    def predict(text: str) -> list[Prediction]:
        normalized = normalize(text).text
        return [{"value": e.value, **e.fields} for e in find_entities(normalized) if e.kind == kind]

    return predict


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a) is bool(b)
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


def matches(predicted: Prediction, expected: dict[str, Any]) -> bool:
    if predicted.get("value") is None or not _same(predicted["value"], expected["value"]):
        return False
    return all(_same(predicted.get(key), expected[key]) for key in CHECKED_FIELDS if key in expected)


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    expected: int = 0
    misses: list[tuple[str, list[Prediction]]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(cases: Iterable[dict[str, Any]], predict: Callable[[str], list[Prediction]]) -> Score:
    result = Score()
    for case in cases:
        predictions = predict(case["text"])
        unmatched = list(case["expected"])
        hits = 0
        for prediction in predictions:
            for i, expected in enumerate(unmatched):
                if matches(prediction, expected):
                    del unmatched[i]
                    hits += 1
                    break
        result.true_positives += hits
        result.predicted += len(predictions)
        result.expected += len(case["expected"])
        if unmatched or hits < len(predictions):
            result.misses.append((case["id"], predictions))
    return result
