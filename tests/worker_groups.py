"""In which order `make test` hands test modules to its workers (pytest-xdist, `--dist loadfile`).

A worker runs whole modules, so a module-scoped fixture (a crawl, a served site, a built wheel) runs once. The
modules that hold tests marked `slow` (they start processes) are handed out first, the one with the most of them
first: a long module started last would leave the other worker idle at the end. xdist keeps this order when told
`--no-loadscope-reorder`; each worker puts its collection in this order (the workers' orders are the same).
"""

from __future__ import annotations

import pytest

SLOW = "slow"


def module_of(item: pytest.Item) -> str:
    return item.nodeid.split("::", 1)[0]


def slow_modules_first(items: list[pytest.Item]) -> None:
    """Sort in place: modules by their number of slow tests, most first, then as collected; tests stay in order."""
    slow_tests: dict[str, int] = {}
    first_seen: dict[str, int] = {}
    for index, item in enumerate(items):
        module = module_of(item)
        first_seen.setdefault(module, index)
        slow_tests[module] = slow_tests.get(module, 0) + (item.get_closest_marker(SLOW) is not None)
    items.sort(key=lambda item: (-slow_tests[module_of(item)], first_seen[module_of(item)]))
