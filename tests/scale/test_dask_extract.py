"""`guidecrawl extract --dask`: the same tables as a single-machine run, row for row, from a real cluster.

The test starts a dask.distributed LocalCluster of 2 worker processes and runs the CLI as a subprocess against
its scheduler address; the tables are read back from Parquet with DuckDB and compared with those of
`guidecrawl extract` on one machine (run ids and error timestamps aside).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from output.schema import TABLES
from tests.fixture_pages import PAGES

pytestmark = pytest.mark.slow

SAVED = [PAGES]  # real pages of every family, in their real encodings
RUN_DEPENDENT = {"run_id", "at"}  # differ between any two runs by design


def guidecrawl_extract(*args: str, pages: list[Path] = SAVED) -> subprocess.CompletedProcess[str]:
    # A short connect timeout: the unreachable-scheduler case must not wait for the 30 s default.
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    command = [sys.executable, "-m", "cli", "extract", *map(str, pages), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)


def table_rows(out: Path, table: str) -> list[tuple[object, ...]]:
    """Every row of `table` (all files of the dataset), without the run-dependent columns, in a total order."""
    columns = [c for c in TABLES[table].names if c not in RUN_DEPENDENT]
    select = ", ".join(f'"{c}"' for c in columns)
    query = f"SELECT {select} FROM read_parquet('{out}/{table}/**/*.parquet') ORDER BY ALL"
    return duckdb.sql(query).fetchall()


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def both_runs(scheduler: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    single = tmp_path_factory.mktemp("single")
    spread = tmp_path_factory.mktemp("dask")
    one = guidecrawl_extract("--out", str(single), "--run-id", "one")
    assert one.returncode == 0, one.stderr
    many = guidecrawl_extract("--out", str(spread), "--run-id", "many", "--dask", scheduler)
    assert many.returncode == 0, many.stderr
    return single, spread, many.stdout


@pytest.mark.parametrize("table", sorted(TABLES))
def test_dask_run_equals_the_single_machine_run_row_for_row(both_runs: tuple[Path, Path, str], table: str) -> None:
    single, spread, _ = both_runs
    expected = table_rows(single, table)
    assert table_rows(spread, table) == expected
    if table in ("documents", "phones", "dates"):
        assert expected  # the corpus does produce rows here: the equality above compared something


def test_each_task_publishes_one_part_of_the_same_run(both_runs: tuple[Path, Path, str]) -> None:
    _, spread, stdout = both_runs
    parts = sorted(p.name for p in (spread / "documents").rglob("*.parquet"))
    assert len(parts) >= 2  # spread over the two workers, not one big task
    assert all(p.startswith("part-many-c") for p in parts)
    manifests = sorted(p.stem for p in (spread / "_runs" / "many").glob("*.json"))
    assert manifests == [p.removeprefix("part-many-").removesuffix(".parquet") for p in parts]
    assert "on 2 Dask workers" in stdout


def test_a_re_run_task_reuses_its_published_part(both_runs: tuple[Path, Path, str]) -> None:
    from cli.extract import find_pages
    from cli.extract_dask import extract_chunk

    _, spread, _ = both_runs
    before = sorted((spread / "documents").rglob("*.parquet"))
    result = extract_chunk(
        find_pages([str(SAVED[0])])[:2],
        out=str(spread),
        run_id="many",
        part="c00000",
        formats=["parquet", "csv"],
        script="hans",
        crawl_date="2026-12-06",
        settings={},
    )
    assert result.reused and result.rows["documents"] > 0
    assert sorted((spread / "documents").rglob("*.parquet")) == before


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("local", (None, None)), ("local:3", (None, 3)), ("tcp://10.0.0.5:8786", ("tcp://10.0.0.5:8786", None))],
)
def test_dask_address_names_a_scheduler_or_a_local_cluster(text: str, parsed: tuple[object, object]) -> None:
    from cli.extract_dask import parse_address

    assert parse_address(text) == parsed


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("local:0", "local:N needs a positive number of workers"),
        ("tcp://127.0.0.1:9", "cannot reach the scheduler"),
    ],
)
def test_bad_address_is_a_one_line_error(tmp_path: Path, address: str, message: str) -> None:
    proc = guidecrawl_extract("--out", str(tmp_path), "--dask", address)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
