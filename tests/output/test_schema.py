"""The schema is the contract: unique names, the kinds of DESIGN.md, honest examples, docs in step."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.entity import RESERVED_KEYS, Entity
from output.docs import render
from output.parquetfile import to_batch
from output.rows import coerce, entity_row, iso_day
from output.schema import ENTITY_TABLES, TABLE_FOR_KIND, TABLES

ROOT = Path(__file__).parents[2]


def test_docs_tables_md_is_generated_from_the_schema() -> None:
    assert (ROOT / "docs" / "tables.md").read_text(encoding="utf-8") == render(), (
        "run: python -m output.docs > docs/tables.md"
    )


def test_python_m_output_docs_prints_the_document() -> None:
    proc = subprocess.run([sys.executable, "-m", "output.docs"], capture_output=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0
    assert proc.stdout.decode("utf-8") == render()


def test_every_kind_of_the_entity_contract_has_a_table() -> None:
    assert set(TABLE_FOR_KIND) == {"phone", "address", "amount", "percent", "date", "email", "url", "docref"}


@pytest.mark.parametrize("table", TABLES.values(), ids=TABLES)
def test_column_names_are_unique(table: Any) -> None:
    assert len(set(table.names)) == len(table.names)


@pytest.mark.parametrize("table", ENTITY_TABLES, ids=[t.name for t in ENTITY_TABLES])
def test_entity_tables_share_their_key_and_span_columns(table: Any) -> None:
    assert table.names[:6] == ("doc_id", "record", "text", "start", "end", "value")
    assert table.names[-2:] == ("extra", "run_id")


@pytest.mark.parametrize(
    ("table", "column"), [(t, c) for t in TABLES.values() for c in t.columns], ids=lambda x: getattr(x, "name", "")
)
def test_every_documented_example_fits_its_column(table: Any, column: Any) -> None:
    if column.example is not None:
        pa.array([coerce(column.example, column.type)], type=column.type)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2025-01-05", dt.date(2025, 1, 5)),
        ("2009-04-27T10:20", dt.date(2009, 4, 27)),
        ("2025-01", None),
        ("--10-01", None),
        ("2024-11/2025-01-05", None),
        ("2025-02-30", None),
    ],
)
def test_only_a_complete_day_becomes_a_date(value: str, day: dt.date | None) -> None:
    assert iso_day(value) == day


def test_a_naive_timestamp_is_taken_as_utc() -> None:
    naive = dt.datetime(2026, 11, 23, 9, 30)
    assert coerce(naive, pa.timestamp("us", tz="UTC")) == naive.replace(tzinfo=dt.UTC)


def test_a_shanghai_timestamp_is_converted_to_utc() -> None:
    shanghai = dt.datetime(2026, 11, 23, 17, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert coerce(shanghai, pa.timestamp("us", tz="UTC")) == dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)


def test_a_numeric_string_amount_becomes_float_yuan() -> None:
    assert coerce("35,000", pa.float64()) == 35000.0


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@given(
    kind=st.sampled_from(sorted(TABLE_FOR_KIND)),
    value=json_values,
    fields=st.dictionaries(
        st.sampled_from(["label", "line", "per", "year", "number", "date", "range_start", "adcode", "x", "record"])
        | st.text(max_size=6).filter(lambda key: key not in RESERVED_KEYS),
        json_values,
        max_size=6,
    ),
)
def test_any_entity_fields_make_a_valid_row_and_lose_nothing(kind: str, value: Any, fields: dict[str, Any]) -> None:
    table = TABLE_FOR_KIND[kind]
    row = entity_row(Entity(kind, "x", 0, 1, value, fields), table, doc_id="d", run_id="r")
    to_batch([row], table)  # every cell fits its type
    extra = json.loads(row["extra"]) if row["extra"] else {}
    for key, given_value in fields.items():
        if given_value is None or key == "record":
            continue
        column = next((c for c in table.columns if c.field_key == key), None)
        kept = key in extra or (column is not None and row[column.name] is not None)
        assert kept, (key, given_value, row)
