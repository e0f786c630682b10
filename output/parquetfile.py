"""One table as a Parquet file, streamed: rows arrive in batches, each batch becomes a row group.

Types come only from `output.schema` (never inferred from the data), so a column keeps its type whether a
run found one phone or none. The run's metadata rides in the file's key-value metadata under
`schema.RUN_METADATA_KEY`. Files are written under a hidden temp name and published at `close()`.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from output.atomic import discard, publish, temp_path
from output.schema import RUN_METADATA_KEY, Table

COMPRESSION = "zstd"


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
