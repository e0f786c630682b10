"""The loading examples of docs/output.md (copied into the README) run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.errors import PageError
from output.dataset import DatasetWriter
from tests.output.samples import FETCHED, make_result

DOC = Path(__file__).parents[2] / "docs" / "output.md"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_the_doc_has_the_pandas_and_duckdb_one_liners() -> None:
    code = "\n".join(python_blocks())
    assert 'pd.read_parquet("out/phones")' in code
    assert "select * from read_parquet('out/phones/**/*.parquet', hive_partitioning=true)" in code


def test_the_loading_examples_run_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with DatasetWriter(tmp_path / "out") as writer:
        writer.write_page(make_result())
        writer.write_error(PageError("http://x.cn/404", "fetch", "http_404", "HTTP 404", FETCHED))
    monkeypatch.chdir(tmp_path)
    for block in python_blocks():
        names: dict[str, object] = {}
        exec(compile(block, str(DOC), "exec"), names)
        assert len(names["phones"]) == 1  # type: ignore[arg-type]
        assert list(names["amounts"]["value"]) == [35000.0]  # type: ignore[index]
        assert names["by_site"].to_dict("records") == [{"site": "fzyb", "line": "landline", "phones": 1}]  # type: ignore[attr-defined]
        assert list(names["failures"]["error"]) == ["http_404"]  # type: ignore[index]
