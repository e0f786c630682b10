"""Running `guidecrawl extract` as a user does (a subprocess) and reading its tables back from Parquet."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[2]
GUIDE_TEXT = "参保人员在定点医疗机构就医，住院费用按规定比例报销。咨询电话：0591-87842560。"


def guide_page(text: str = GUIDE_TEXT, title: str = "医保报销指南") -> bytes:
    """A small real-looking guide page, UTF-8."""
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><div class='article'><h1>{title}</h1><p>{text}</p><p>{text}</p></div></body></html>"
    ).encode()


def guidecrawl(*args: str | Path, timeout: float = 120, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cli", *map(str, args)], cwd=REPO, capture_output=True, timeout=timeout, **kwargs
    )


def rows(out: Path, table: str) -> list[dict[str, Any]]:
    """Every row of `table` written to `out` (all runs), read back from the Parquet files."""
    files = sorted((out / table).glob("crawl_date=*/part-*.parquet"))
    found: list[dict[str, Any]] = []
    for file in files:
        found.extend(pq.read_table(file).to_pylist())
    return found


def errors_by_source(out: Path) -> dict[str, tuple[str, str]]:
    return {row["source"]: (row["error"], row["message"]) for row in rows(out, "errors")}


def one_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in lines[0]
    return lines[0]


def sources(table: Sequence[dict[str, Any]]) -> list[str]:
    return sorted(str(row["source"]) for row in table)
