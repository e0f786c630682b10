"""Paths shared by every test package; the fixture pages themselves are read through tests/fixture_pages.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixture_pages import FIXTURES
from tests.fixture_pages import seed_texts as read_seed_texts


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """The five seed pages (text dumps of real guide pages), by file name."""
    return read_seed_texts()
