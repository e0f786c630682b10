"""Paths shared by every test package; the fixture pages themselves are read through tests/fixture_pages.py."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from tests.fixture_pages import FIXTURES
from tests.fixture_pages import seed_texts as read_seed_texts
from tests.worker_groups import slow_modules_first

REPO = Path(__file__).resolve().parents[1]

# Property tests draw the same examples on every run (a red build names its input, reproducibly) and have no
# wall-clock deadline (the first example pays for loading the character model and OpenCC's tables).
settings.register_profile("guidecrawl", derandomize=True, deadline=None)
settings.load_profile("guidecrawl")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if hasattr(config, "workerinput"):  # a pytest-xdist worker of `make test`: see tests/worker_groups.py
        slow_modules_first(items)


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """The five seed pages (text dumps of real guide pages), by file name."""
    return read_seed_texts()


@pytest.fixture(scope="session")
def demo_twice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A user's folder after `guidecrawl demo --out out/demo` (what `make demo` runs) twice, the fixture site served on
    a new port each time, and the two summaries it printed. Tests copy the folder before they write into it.

    Run once per `pytest` command: pytest-xdist's workers share it (the first to need it runs it while the others
    wait, then read it), in the folder all the workers' temporary folders are in."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    folder, summaries_file = shared / "demo-twice", shared / "demo-twice.json"
    with (shared / "demo-twice.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not summaries_file.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a run that failed in another worker left
            folder.mkdir()
            summaries_file.write_text(json.dumps(run_demo_twice(folder)), encoding="utf-8")
        return folder, list(json.loads(summaries_file.read_text(encoding="utf-8")))


def run_demo_twice(folder: Path) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    summaries = []
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-m", "cli", "demo", "--out", "out/demo"],
            cwd=folder, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr[-2000:]
        summaries.append(proc.stdout)
    return summaries
