"""Our entities in the terms of the shared gold scorer (`tests/fixtures/gold/score_entities.py`).

One place for the conversion, used by the gold and dev-set tests and by the entity benchmarks.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from extract.entity import Entity

SCORER = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "gold" / "score_entities.py"


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_entities", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scorer_value(entity: Entity) -> object:
    """Our entity's value in the scorer's terms: ranges as {start, end}, amount ranges with their high end."""
    subkind = entity.fields.get("subkind")
    if entity.kind == "date" and subkind in ("range", "recurring") and "range_start" in entity.fields:
        return {"start": entity.fields["range_start"], "end": entity.fields["range_end"]}
    if entity.kind == "date" and subkind in ("hours", "time"):
        # the gold writes office hours and clock times as dicts of our fields
        fields = {
            k: entity.fields.get(f"range_{k}", entity.fields.get(k)) for k in ("weekdays", "start", "end", "time")
        }
        return {k: v for k, v in fields.items() if v is not None}
    if entity.kind == "amount" and "high" in entity.fields:
        return {"value": entity.value, "high": entity.fields["high"]}
    return entity.value
