"""Writing Parquet does not load pandas (output/parquetfile.py), and the tables are the same as with pandas loaded.

pyarrow would import pandas, when installed, on its first array built from a Python list (≈ 0.3 s of CPU in
every crawl process); the writer asks that one question with pandas hidden. Each case runs in a fresh
interpreter, where the question has not been asked yet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from output.schema import TABLES

REPO = Path(__file__).resolve().parents[2]
WRITE = """
import datetime as dt, sys
from pathlib import Path
if sys.argv[2] == "pandas-first":
    import pandas
from output.dataset import DatasetWriter
from tests.output.samples import make_result

out = Path(sys.argv[1])
writer = DatasetWriter(out, run_id="run1", crawl_date=dt.date(2026, 11, 23))
writer.write_page(make_result(), source="saved/page.html")
writer.close()
print("pandas loaded" if "pandas" in sys.modules else "pandas not loaded")
import pyarrow.parquet as pq
frame = pq.read_table(out / "phones").to_pandas()  # pandas is still there for whoever asks for it
print(type(frame).__name__, len(frame))
"""


def write_in_fresh_interpreter(out: Path, mode: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", WRITE, str(out), mode], cwd=REPO, capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def test_writing_a_dataset_does_not_load_pandas_and_pandas_still_reads_it(tmp_path: Path) -> None:
    assert write_in_fresh_interpreter(tmp_path / "out", "plain") == ["pandas not loaded", "DataFrame 1"]


def test_the_tables_are_the_same_as_with_pandas_loaded(tmp_path: Path) -> None:
    assert write_in_fresh_interpreter(tmp_path / "with", "pandas-first")[0] == "pandas loaded"
    write_in_fresh_interpreter(tmp_path / "without", "plain")
    for name in TABLES:
        with_pandas = pq.read_table(tmp_path / "with" / name)
        without = pq.read_table(tmp_path / "without" / name)
        assert without.schema == with_pandas.schema, name
        assert without.to_pylist() == with_pandas.to_pylist(), name
    assert pq.read_table(tmp_path / "without" / "phones").num_rows == 1  # the comparison saw rows
