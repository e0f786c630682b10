"""GBK text decoded one byte off (PLACEHOLDER until the model lands)."""

from __future__ import annotations

from normalize.repair import Repair


def repair(text: str) -> tuple[str, list[Repair]]:
    return text, []
