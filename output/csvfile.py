"""One table as a CSV file for spreadsheet users: UTF-8 with a BOM, formula-injection-safe cells.

The BOM makes Excel read the file as UTF-8 (Chinese text intact). A text cell that starts with `=`, `+`, `-`,
`@`, a tab or a carriage return would be run as a formula by Excel or LibreOffice, so it gets a leading `'`
(the OWASP advice); numeric columns are written as numbers and never escaped, so `-5` stays a number.
This module never changes a value otherwise: the escaped text minus its first `'` is the original.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

import pyarrow as pa

from output.atomic import discard, publish, temp_path
from output.rows import format_number
from output.schema import Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _is_text(type_: pa.DataType) -> bool:
    if pa.types.is_dictionary(type_):
        type_ = type_.value_type
    return pa.types.is_string(type_) or pa.types.is_large_string(type_)


def _cell(value: Any, text_column: bool) -> str:
    if value is None:
        return ""
    if text_column:
        return escape_cell(str(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, dt.datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    return escape_cell(str(value))


class CsvTableWriter:
    """Streams rows of one table into `final` (via a hidden temp file); `close()` publishes it."""

    def __init__(self, final: Path, table: Table) -> None:
        self.final = final
        self.table = table
        self._temp = temp_path(final)
        self._text = [_is_text(c.type) for c in table.columns]
        self._file: IO[str] | None = self._temp.open("w", encoding="utf-8-sig", newline="")
        self._csv = csv.writer(self._file)
        self._csv.writerow(table.names)

    def write_rows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        names = self.table.names
        text = self._text
        self._csv.writerows([_cell(row.get(n), t) for n, t in zip(names, text, strict=True)] for row in rows)

    def close(self) -> Path:
        assert self._file is not None
        self._file.close()
        self._file = None
        publish(self._temp, self.final)
        return self.final

    def abort(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        discard(self._temp)
