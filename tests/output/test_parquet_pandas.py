"""The crawl process writes Parquet without importing pandas (`output.parquetfile.arrow_without_pandas`).

pyarrow imports pandas, when installed, at its first `pa.array` only to ask whether the values are pandas
objects; the crawl's rows are plain lists. Each case runs in a fresh interpreter: pyarrow settles that question
once per process.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

WRITE_THEN_READ_BACK = """
import json, sys
from pathlib import Path
from output.dataset import DatasetWriter
from output.parquetfile import arrow_without_pandas
from tests.output.samples import make_result

arrow_without_pandas()
writer = DatasetWriter(Path(sys.argv[1]), run_id="run1")
writer.write_page(make_result())
writer.close()
written_without_pandas = "pandas" not in sys.modules
import pyarrow.dataset as ds  # imports pandas itself
frame = ds.dataset(Path(sys.argv[1]) / "phones", format="parquet", partitioning="hive").to_table().to_pandas()
print(json.dumps({"written_without_pandas": written_without_pandas, "read_back": type(frame).__name__,
                  "phones": frame["value"].tolist()}))
"""

PANDAS_FIRST = """
import json
import pandas as pd
import pyarrow as pa
from output.parquetfile import arrow_without_pandas

arrow_without_pandas()
print(json.dumps(str(pa.array(pd.Series(["x", "y"], dtype="category")).type)))
"""


def run(script: str, *args: str) -> object:
    done = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout)


def test_tables_are_written_without_importing_pandas_and_still_read_back_as_dataframes(tmp_path: Path) -> None:
    assert run(WRITE_THEN_READ_BACK, str(tmp_path)) == {
        "written_without_pandas": True,
        "read_back": "DataFrame",
        "phones": ["059187842560"],
    }


def test_a_process_that_imported_pandas_first_keeps_pyarrows_pandas_conversions() -> None:
    assert run(PANDAS_FIRST) == "dictionary<values=large_string, indices=int8, ordered=0>"


ANOTHER_THREAD_RUNNING = """
import json, sys, threading
import pyarrow as pa
from output.parquetfile import arrow_without_pandas

done = threading.Event()
threading.Thread(target=done.wait).start()
arrow_without_pandas()  # another thread could import pandas meanwhile: nothing is refused
before = "pandas" in sys.modules
pa.array([1, 2], type=pa.int64())  # typed, as the tables' columns are
done.set()
print(json.dumps({"pandas_before": before, "pandas_after_first_array": "pandas" in sys.modules}))
"""


def test_with_another_thread_running_pandas_is_never_refused() -> None:
    assert run(ANOTHER_THREAD_RUNNING) == {"pandas_before": False, "pandas_after_first_array": True}
