"""Loading the rule tables under `normalize/data/` (TOML), once per process.

Only reads data files; never decides anything about text.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_rules(name: str) -> dict[str, Any]:
    """The parsed `normalize/data/<name>.toml`."""
    return tomllib.loads(resources.files("normalize").joinpath("data", f"{name}.toml").read_text(encoding="utf-8"))


def char_class(items: list[str]) -> str:
    """A regex character class body from hex code points and "START-END" ranges."""
    parts = []
    for item in items:
        low, _, high = item.partition("-")
        parts.append(f"\\u{int(low, 16):04x}" + (f"-\\u{int(high, 16):04x}" if high else ""))
    return "".join(parts)
