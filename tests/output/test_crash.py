"""A run killed with SIGKILL in the middle leaves nothing a reader can see: no partial, no corrupt file."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pandas as pd

from output.dataset import DatasetWriter
from output.schema import TABLES
from tests.output.samples import make_result

ROOT = Path(__file__).parents[2]

# Writes pages for ever in small batches (so the temp files really hold row groups), saying when it has.
CHILD = textwrap.dedent(
    f"""
    import sys
    sys.path[:0] = [{str(ROOT)!r}]
    from tests.output.samples import make_result
    from output.dataset import DatasetWriter
    writer = DatasetWriter(sys.argv[1], run_id="killed", batch_rows=5)
    i = 0
    while True:
        writer.write_page(make_result(url=f"http://x.cn/killed/{{i}}"))
        i += 1
        if i == 200:
            print("writing", flush=True)
    """
)


def test_kill_9_mid_run_leaves_only_the_finished_runs(tmp_path: Path) -> None:
    with DatasetWriter(tmp_path, run_id="done", crawl_date=dt.date(2026, 11, 22)) as writer:
        for i in range(3):
            writer.write_page(make_result(url=f"http://x.cn/done/{i}"))

    child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path)], stdout=subprocess.PIPE)
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == b"writing\n"
        temps = [p for p in tmp_path.rglob(".part-killed*") if p.stat().st_size > 0]
        assert temps, "the child should be mid-write"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    for table in TABLES:
        rows = duckdb.sql(
            f"select run_id, count(*) from read_parquet('{tmp_path}/{table}/**/*.parquet') group by run_id"
        ).fetchall()
        expected = 3 if table in ("documents", "phones", "amounts") else None
        if expected:
            assert rows == [("done", expected)], table
        assert all(run == "done" for run, _ in rows), table
    # Every file under the output folder at once, as a careless reader would glob it: all complete, all "done".
    runs = duckdb.sql(
        f"select distinct run_id from read_parquet('{tmp_path}/**/*.parquet', union_by_name=true)"
    ).fetchall()
    assert runs == [("done",)]
    assert len(pd.read_parquet(tmp_path / "phones")) == 3
    for csv_file in tmp_path.glob("csv/**/*.csv"):
        assert csv_file.name == "part-done.csv"
        pd.read_csv(csv_file, encoding="utf-8-sig")
