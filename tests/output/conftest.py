"""The `result` fixture: a hand-built page result (see samples.py)."""

from __future__ import annotations

import pytest

from extract.pipeline import PageResult
from tests.output.samples import make_result


@pytest.fixture
def result() -> PageResult:
    return make_result()
