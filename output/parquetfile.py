"""One table as a Parquet file, streamed: rows arrive in batches, each batch becomes a row group.

Types come only from `output.schema` (never inferred from the data), so a column keeps its type whether a
run found one phone or none. The run's metadata rides in the file's key-value metadata under
`schema.RUN_METADATA_KEY`. Files are written under a hidden temp name and published at `close()`.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import json
import sys
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from output.atomic import discard, publish, temp_path
from output.schema import RUN_METADATA_KEY, Table

COMPRESSION = "zstd"


def arrow_without_pandas() -> None:
    """Settle, without importing pandas, pyarrow's one check whether pandas is there.

    pyarrow's first `pa.array` of a process imports pandas, when it is installed, only to ask whether the values
    are a pandas Series: ≈ 0.3 s of CPU and ≈ 30 MB in the crawl process, in the middle of a crawl, for rows that
    are plain lists. Here that first check finds pandas unimportable and pyarrow stops asking; whatever asks
    pyarrow for pandas by name (`Table.to_pandas()`) still imports it then, and from then on pyarrow reads pandas
    objects as such again. Until then it would read a pandas Series given to `pa.array` as a plain sequence: for
    processes that never hand pandas objects to pyarrow (the crawl). One that has imported pandas already is left
    as it is (nothing to save there), and so is one running other threads: the refusal holds for the whole
    process while it lasts, and another thread's import of pandas then would fail."""
    if "pandas" in sys.modules or threading.active_count() > 1:
        return
    refuse = _RefusePandas()
    sys.meta_path.insert(0, refuse)
    try:
        pa.array([], type=pa.null())
    finally:
        sys.meta_path.remove(refuse)


class _RefusePandas(importlib.abc.MetaPathFinder):
    """An import of pandas fails while this finder is first on `sys.meta_path`."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError(f"{name} is not imported here", name=name)
        return None


def to_batch(rows: Sequence[Mapping[str, Any]], table: Table) -> pa.RecordBatch:
    """Rows (dicts keyed by column name, values already coerced by `output.rows`) → one typed batch."""
    arrays = [pa.array([row.get(c.name) for row in rows], type=c.type) for c in table.columns]
    return pa.RecordBatch.from_arrays(arrays, schema=table.schema)


def schema_with_metadata(table: Table, run_metadata: Mapping[str, Any] | None) -> pa.Schema:
    meta = {"table": table.name, **(run_metadata or {})}
    return table.schema.with_metadata({RUN_METADATA_KEY: json.dumps(meta, ensure_ascii=False, default=str)})


def open_writer(sink: str | Path | IO[bytes], table: Table, run_metadata: Mapping[str, Any] | None) -> pq.ParquetWriter:
    return pq.ParquetWriter(sink, schema_with_metadata(table, run_metadata), compression=COMPRESSION)


class ParquetTableWriter:
    """Streams batches of one table into `final` (via a hidden temp file); `close()` publishes it."""

    def __init__(self, final: Path, table: Table, run_metadata: Mapping[str, Any] | None = None) -> None:
        self.final = final
        self.table = table
        self._temp = temp_path(final)
        self._writer: pq.ParquetWriter | None = open_writer(str(self._temp), table, run_metadata)

    def write_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        assert self._writer is not None
        if rows:
            self._writer.write_batch(to_batch(rows, self.table))

    def close(self) -> Path:
        assert self._writer is not None
        self._writer.close()
        self._writer = None
        publish(self._temp, self.final)
        return self.final

    def abort(self) -> None:
        if self._writer is not None:
            with contextlib.suppress(Exception):  # the temp file is discarded anyway
                self._writer.close()
            self._writer = None
        discard(self._temp)
