"""`guidecrawl demo` as a user runs it: serves the fixture site, crawls it, writes tables, prints a summary."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.crawler.conftest import REPO

pytestmark = pytest.mark.slow


def test_demo_writes_the_tables_and_summarizes_them(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    proc = subprocess.run(
        [sys.executable, "-m", "cli", "demo", "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    documents = pd.read_parquet(out / "documents")
    errors = pd.read_parquet(out / "errors")
    assert len(documents) == 9
    assert sorted(errors["error"]) == ["http_404", "http_404", "robots_disallowed"]
    assert (out / "csv" / "documents").is_dir()
    summary = proc.stdout
    assert "documents     9   article 4" in summary
    assert "errors        3   fetch/http_404 2, robots/robots_disallowed 1" in summary
    assert "entities" in summary and "phone" in summary


def test_demo_into_a_file_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "cli", "demo", "--out", str(blocker)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    assert proc.stderr.startswith("guidecrawl demo: error:")
