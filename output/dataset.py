"""The table dataset writer. PLACEHOLDER: the real writer (issue 7) keeps this interface.

writer = DatasetWriter(out_dir, formats=("parquet", "csv"), run_metadata={...})
writer.write_page(result)      # extract.pipeline.PageResult: a documents row + entity rows + its errors
writer.write_error(page_error) # extract.errors.PageError: an errors row (fetch failures, robots, ...)
summary = writer.close()       # RunSummary: files written, rows per table; files appear atomically here
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.errors import PageError
from extract.pipeline import PageResult


@dataclass(slots=True)
class RunSummary:
    run_id: str
    rows: dict[str, int] = field(default_factory=dict)  # table name → rows written
    files: list[Path] = field(default_factory=list)


class DatasetWriter:
    def __init__(
        self,
        out_dir: str | Path,
        *,
        run_id: str | None = None,
        formats: Sequence[str] = ("parquet", "csv"),
        run_metadata: Mapping[str, Any] | None = None,
    ) -> None:
        raise NotImplementedError("issue 7")

    def write_page(self, result: PageResult) -> None:
        raise NotImplementedError

    def write_error(self, error: PageError) -> None:
        raise NotImplementedError

    def close(self) -> RunSummary:
        raise NotImplementedError
