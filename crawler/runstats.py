"""The machine-readable record of a run: `OUTPUT_DIR/_runs/<run_id>.json` (one per site under
`_runs/<run_id>/sites/` when `guidecrawl crawl` runs several sites, merged into `_runs/<run_id>.json`).

    {"run_id", "sites", "status", "exit_reason", "started_at", "finished_at", "duration_s",
     "pages", "documents", "rows": {table: n}, "errors": {stage: {error: n}}, "parts", "finish_reason", ...}

`reserve()` creates the file exclusively before the run starts (status "running"), so a run id is never used
twice: a second run given the same id fails with a one-line error instead of overwriting the first one's files.
Every later write replaces the file atomically (temp name + rename): a reader sees the old record or the new.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from crawler.outcome import RESPONSES_STAT, Outcome, errors_by_stage

RUNS_DIR = "_runs"
ROWS_PREFIX = "guidecrawl/output/rows/"
PARTS_STAT = "guidecrawl/output/parts"


class RunIdTaken(Exception):
    """The stats file of this run id exists already: the id was used by another run."""


def stats_path(out_dir: str | Path, run_id: str) -> Path:
    return Path(out_dir) / RUNS_DIR / f"{run_id}.json"


def reserve(path: Path, record: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise RunIdTaken(f"run id already used: {path} exists") from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({**record, "status": "running"}, handle, ensure_ascii=False, indent=2)


def write(path: Path, record: Mapping[str, Any]) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_text(json.dumps(record, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    os.replace(temp, path)


def read(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.datetime) else value


def site_record(stats: Mapping[str, Any], result: Outcome, **identity: Any) -> dict[str, Any]:
    """One site's run from Scrapy's final stats."""
    rows = {k[len(ROWS_PREFIX) :]: int(v) for k, v in stats.items() if k.startswith(ROWS_PREFIX)}
    return {
        **identity,
        "status": result.status,
        "exit_reason": result.reason,
        "finish_reason": stats.get("finish_reason"),
        "started_at": _iso(stats.get("start_time")),
        "finished_at": _iso(stats.get("finish_time")),
        "duration_s": round(float(stats.get("elapsed_time_seconds") or 0.0), 3),
        "pages": int(stats.get(RESPONSES_STAT, 0)),
        "documents": rows.get("documents", 0),
        "unchanged": int(stats.get("guidecrawl/unchanged/not_modified", 0))
        + int(stats.get("guidecrawl/unchanged/same_hash", 0)),
        "rows": rows,
        "errors": errors_by_stage(stats),
        "parts": int(stats.get(PARTS_STAT, 0)),
    }
