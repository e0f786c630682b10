"""Paths shared by every test package; the fixture pages themselves are read through tests/fixture_pages.py."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from tests.fixture_pages import FIXTURES
from tests.fixture_pages import seed_texts as read_seed_texts
from tests.worker_groups import assign

REPO = Path(__file__).resolve().parents[1]

# Property tests draw the same examples on every run (a red build names its input, reproducibly) and have no
# wall-clock deadline (the first example pays for loading the character model and OpenCC's tables).
settings.register_profile("guidecrawl", derandomize=True, deadline=None)
settings.load_profile("guidecrawl")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the `xdist_group` marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("loadgroup", False):  # an xdist worker of `make test`: see tests/worker_groups.py
        assign(items)


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
    a new port each time, and the two summaries it printed. Tests copy the folder before they write into it."""
    folder = tmp_path_factory.mktemp("demo-twice")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    summaries = []
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-m", "cli", "demo", "--out", "out/demo"],
            cwd=folder, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr[-2000:]
        summaries.append(proc.stdout)
    return folder, summaries
