"""How `make test` (pytest-xdist, `--dist loadgroup`) shares the tests between its workers.

A worker runs whole groups. A group is one test module, so that a module-scoped fixture (a crawl, a served site, a
built wheel) runs once; modules that read the same session-scoped run (a fixture that writes files, such as
`demo_twice` or the hostile crawls) form one group, so that run happens once, on one worker. Groups that hold
tests marked `slow` (they start processes) are handed out first, the group with the most of them first: a long
group started last would leave the other worker idle at the end.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

SLOW = "slow"


def _module(item: pytest.Item) -> str:
    return item.nodeid.split("::", 1)[0]


def _shared_runs(item: pytest.Item) -> set[str]:
    """The session-scoped fixtures of this test that write files: each is a run that tests share."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return set()
    names = set()
    for name, definitions in info.name2fixturedefs.items():
        definition = definitions[-1]
        if definition.scope == "session" and "tmp_path_factory" in definition.argnames:
            names.add(name)
    return names


def group_names(items: Sequence[pytest.Item]) -> dict[str, str]:
    """Module → its group's name: modules joined by a shared run are one group, named after its first module."""
    parent: dict[str, str] = {}

    def root(module: str) -> str:
        while parent[module] != module:
            parent[module] = parent[parent[module]]
            module = parent[module]
        return module

    first_user: dict[str, str] = {}
    for item in items:
        module = _module(item)
        parent.setdefault(module, module)
        for run in _shared_runs(item):
            other = first_user.setdefault(run, module)
            a, b = root(module), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {module: root(module) for module in parent}


def assign(items: list[pytest.Item]) -> None:
    """Mark every test with its group (`xdist_group`) and put the groups of slow tests first, in place."""
    groups = group_names(items)
    slow_tests: dict[str, int] = {}
    first_seen: dict[str, int] = {}
    for index, item in enumerate(items):
        group = groups[_module(item)]
        item.add_marker(pytest.mark.xdist_group(group))
        first_seen.setdefault(group, index)
        slow_tests[group] = slow_tests.get(group, 0) + (item.get_closest_marker(SLOW) is not None)
    items.sort(key=lambda item: (-slow_tests[groups[_module(item)]], first_seen[groups[_module(item)]]))
