"""The table dataset writer: pages in, one Parquet (and CSV) file per table per run out.

    with DatasetWriter(out_dir, formats=("parquet", "csv"), run_metadata={...}) as writer:
        writer.write_page(result)      # extract.pipeline.PageResult: a documents row + entity rows + its errors
        writer.write_error(page_error) # extract.errors.PageError: an errors row (fetch failures, robots, ...)
    summary = writer.summary           # or: summary = writer.close() without `with`

Layout (hive-partitioned by the run's crawl date, UTC; every table gets a file, empty or not, so a reader
always finds the schema):

    out/<table>/crawl_date=2026-11-23/part-<run_id>.parquet
    out/csv/<table>/crawl_date=2026-11-23/part-<run_id>.csv
    out/_runs/<run_id>.json            what the run wrote, and its metadata
    (with part=P: part-<run_id>-P.parquet / .csv and out/_runs/<run_id>/P.json — a run published in parts)

Rows are buffered per table and flushed every `batch_rows` rows (or `batch_bytes` of document text), so memory
stays flat however many pages pass. Files are written under hidden temp names and published only by `close()`;
a run that dies or is aborted leaves no file under a final name. The writer never drops a page silently: an
entity of a kind without a table is counted in `RunSummary.unknown_kinds` (and kept nowhere else).
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import re
import secrets
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from extract.errors import PageError
from extract.pipeline import PageResult
from output.atomic import OutputWriteError, discard, publish, temp_path, write_failure
from output.csvfile import CsvTableWriter
from output.parquetfile import ParquetTableWriter
from output.rows import document_row, entity_row, error_row, table_for
from output.schema import DOCUMENTS, ENTITY_TABLES, ERRORS, TABLES, Table

__all__ = ["FORMATS", "DatasetWriter", "OutputWriteError", "RunSummary", "new_run_id"]

FORMATS = ("parquet", "csv")
RUN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # it becomes part of file names
RUNS_DIR = "_runs"  # leading underscore: pyarrow's dataset discovery skips it


@dataclass(slots=True)
class RunSummary:
    run_id: str
    rows: dict[str, int] = field(default_factory=dict)  # table name → rows written
    files: list[Path] = field(default_factory=list)
    crawl_date: str = ""
    pages: int = 0  # pages given to write_page
    unknown_kinds: dict[str, int] = field(default_factory=dict)  # entity kinds with no table → count
    write_seconds: float = 0.0  # time spent inside the writer (row building, encoding, file I/O)


class _TableWriter(Protocol):
    final: Path

    def write_rows(self, rows: Sequence[Mapping[str, Any]]) -> None: ...
    def close(self) -> Path: ...
    def abort(self) -> None: ...


def new_run_id(now: dt.datetime | None = None) -> str:
    """Sortable and unique: UTC start time plus 6 random hex digits (`20261123T171500Z-1a2b3c`)."""
    now = now or dt.datetime.now(dt.UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for package in ("guidecrawl", "pyarrow"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "unknown"
    return found


class DatasetWriter:
    def __init__(
        self,
        out_dir: str | Path,
        *,
        run_id: str | None = None,
        formats: Sequence[str] = FORMATS,
        run_metadata: Mapping[str, Any] | None = None,
        crawl_date: dt.date | None = None,
        batch_rows: int = 1024,
        batch_bytes: int = 8 << 20,
        part: str | None = None,
    ) -> None:
        unknown = [f for f in formats if f not in FORMATS]
        if unknown or not formats:
            raise ValueError(f"unknown output format {', '.join(unknown) or '(none)'}: choose from parquet, csv")
        if run_id is not None and not RUN_ID.fullmatch(run_id):
            raise ValueError(f"run id {run_id!r} is not usable in a file name: letters, digits, . _ - only")
        if part is not None and not RUN_ID.fullmatch(part):
            raise ValueError(f"part {part!r} is not usable in a file name: letters, digits, . _ - only")
        started = dt.datetime.now(dt.UTC)
        self.out_dir = Path(out_dir)
        self.run_id = run_id or new_run_id(started)
        # One run published in several parts (a long crawl): part-<run_id>-<part>.<fmt>, one manifest each.
        self.part = part
        self.file_id = f"{self.run_id}-{part}" if part else self.run_id
        self.crawl_date = (crawl_date or started.date()).isoformat()
        self.batch_rows = max(1, batch_rows)
        self.batch_bytes = batch_bytes
        self.metadata: dict[str, Any] = {
            "run_id": self.run_id,
            "crawl_date": self.crawl_date,
            "started_at": started.isoformat(),
            "versions": _versions(),
            "settings": dict(run_metadata or {}),
        }
        self.summary = RunSummary(self.run_id, rows=dict.fromkeys(TABLES, 0), crawl_date=self.crawl_date)
        self._buffers: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
        self._buffered_bytes = 0
        self._writers: dict[str, list[_TableWriter]] = {}
        self._closed = False
        self.failed: OutputWriteError | None = None  # set once a write failed: every later call raises it
        try:
            for table in TABLES.values():
                self._writers[table.name] = [self._open(table, fmt) for fmt in formats]
        except FileExistsError:
            self.abort()
            raise
        except OSError as exc:
            raise self._failed(exc, self.out_dir) from exc
        except BaseException:
            self.abort()
            raise

    def path(self, table: str, fmt: str = "parquet") -> Path:
        """Where `table` lands in format `fmt` once the run is closed."""
        base = self.out_dir if fmt == "parquet" else self.out_dir / fmt
        return base / table / f"crawl_date={self.crawl_date}" / f"part-{self.file_id}.{fmt}"

    def _open(self, table: Table, fmt: str) -> _TableWriter:
        final = self.path(table.name, fmt)
        if final.exists():
            raise FileExistsError(f"run {self.file_id} already wrote {final}")
        final.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "parquet":
            return ParquetTableWriter(final, table, self.metadata)
        return CsvTableWriter(final, table)

    # -- rows in ---------------------------------------------------------------------------------------------

    def write_page(self, result: PageResult, *, source: str | None = None) -> None:
        """The page's documents row (if it got a Document), its entity rows and an errors row per failure."""
        self._check_open()
        began = time.perf_counter()
        self.summary.pages += 1
        doc_id = result.doc_id
        row = document_row(result, run_id=self.run_id, source=source)
        if row is not None:
            self._buffered_bytes += 3 * len(result.text)
            self._add(DOCUMENTS, row)
            for entity in result.entities:
                table = table_for(entity)
                if table is None:
                    self.summary.unknown_kinds[entity.kind] = self.summary.unknown_kinds.get(entity.kind, 0) + 1
                    continue
                self._add(table, entity_row(entity, table, doc_id=doc_id, run_id=self.run_id))
        for error in result.errors:
            self._add(ERRORS, error_row(error, run_id=self.run_id, source=source, doc_id=doc_id if row else None))
        if self._buffered_bytes >= self.batch_bytes:
            self._flush_all()
        self.summary.write_seconds += time.perf_counter() - began

    def write_error(self, error: PageError, *, source: str | None = None, doc_id: str | None = None) -> None:
        """A failure that produced no PageResult (fetch, robots, an unreadable saved file)."""
        self._check_open()
        began = time.perf_counter()
        self._add(ERRORS, error_row(error, run_id=self.run_id, source=source, doc_id=doc_id))
        self.summary.write_seconds += time.perf_counter() - began

    def _add(self, table: Table, row: dict[str, Any]) -> None:
        buffer = self._buffers[table.name]
        buffer.append(row)
        if len(buffer) >= self.batch_rows:
            self._flush(table.name)

    def _flush(self, name: str) -> None:
        rows = self._buffers[name]
        if not rows:
            return
        for writer in self._writers[name]:
            try:
                writer.write_rows(rows)
            except OSError as exc:
                raise self._failed(exc, writer.final) from exc
        self.summary.rows[name] += len(rows)
        self._buffers[name] = []
        if name == DOCUMENTS.name:
            self._buffered_bytes = 0

    def _flush_all(self) -> None:
        for name in TABLES:
            self._flush(name)

    def _failed(self, exc: OSError, what: Path) -> OutputWriteError:
        """Record the first write failure and discard the run's unpublished files; the error to raise."""
        if self.failed is None:
            self.failed = exc if isinstance(exc, OutputWriteError) else write_failure(exc, what)
        self.abort()
        return self.failed

    def _check_open(self) -> None:
        if self.failed is not None:
            raise self.failed
        if self._closed:
            raise RuntimeError("DatasetWriter is closed")

    # -- files out -------------------------------------------------------------------------------------------

    def close(self) -> RunSummary:
        """Flush, then publish every file (documents last, so a reader that sees a documents file for this
        run also sees its entity tables). Returns what was written."""
        if self.failed is not None:
            raise self.failed
        if self._closed:
            return self.summary
        began = time.perf_counter()
        try:
            self._flush_all()
            order = [t.name for t in (*ENTITY_TABLES, ERRORS, DOCUMENTS)]
            for name in order:
                for writer in self._writers[name]:
                    try:
                        self.summary.files.append(writer.close())
                    except OSError as exc:
                        raise self._failed(exc, writer.final) from exc
        except BaseException:
            self.abort()
            # A run is published whole or not at all: take back the tables this close() already renamed.
            for path in self.summary.files:
                discard(path)
            self.summary.files.clear()
            raise
        self._closed = True
        self.summary.write_seconds += time.perf_counter() - began
        try:
            self._write_manifest()
        except OSError as exc:
            # The tables are published; only the run's manifest is missing. Still a failed run.
            self.failed = write_failure(exc, self.out_dir / RUNS_DIR)
            raise self.failed from exc
        return self.summary

    def abort(self) -> None:
        """Discard everything not yet published (the files of this run that `close()` has not renamed)."""
        self._closed = True
        for writers in self._writers.values():
            for writer in writers:
                writer.abort()

    def _write_manifest(self) -> None:
        runs = self.out_dir / RUNS_DIR
        final = runs / self.run_id / f"{self.part}.json" if self.part else runs / f"{self.run_id}.json"
        final.parent.mkdir(parents=True, exist_ok=True)
        temp = temp_path(final)
        summary = asdict(self.summary)
        summary["files"] = [str(p.relative_to(self.out_dir)) for p in self.summary.files]
        try:
            temp.write_text(json.dumps({**self.metadata, "summary": summary}, ensure_ascii=False, indent=2))
            publish(temp, final)
        except BaseException:
            discard(temp)
            raise

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()
