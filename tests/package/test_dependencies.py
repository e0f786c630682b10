"""The runtime dependencies in pyproject.toml are exactly the distributions the installed code imports, and each
range admits the next minor release and says why it stops where it does."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RUNTIME_PACKAGES = ("cli", "crawler", "extract", "normalize", "output")
# Imports that need a distribution other than the one providing the module: lxml.cssselect imports cssselect.
IMPLIED_BY_SUBMODULE = {"lxml.cssselect": "cssselect"}
# Extras that add a feature of the installed code (not tools for developing it).
FEATURE_EXTRAS = ("scale",)


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def imported_modules(package_dirs: list[Path]) -> set[str]:
    """Every absolute module name imported anywhere in these folders (top level and inside functions), and every
    package located by name to read its data files without importing it (`importlib.util.find_spec("jieba")`)."""
    modules: set[str] = set()
    for path in (p for d in package_dirs for p in d.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module)
            elif _located(node):
                modules.add(node.args[0].value)  # type: ignore[attr-defined]
    return modules


def _located(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "find_spec"
        and bool(node.args)
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


def required_distributions(modules: set[str]) -> set[str]:
    """The distributions that provide the third-party modules among these imports."""
    providers = packages_distributions()
    needed = set()
    for module in modules:
        top = module.split(".")[0]
        if top in sys.stdlib_module_names or top in RUNTIME_PACKAGES:
            continue
        needed.update(d.lower() for d in providers.get(top, [f"<no distribution provides {top}>"]))
        needed.update(dist for prefix, dist in IMPLIED_BY_SUBMODULE.items() if module.startswith(prefix))
    return needed


def declared() -> list[str]:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]


def test_the_import_scan_sees_imports_in_functions_and_located_packages_not_relative_ones(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(
        "import os\nfrom . import sibling\ndef f():\n    import lxml.cssselect\n    from ftfy import fix_text\n"
        "def g():\n    return importlib.util.find_spec('jieba'), importlib.util.find_spec(name)\n",
        encoding="utf-8",
    )
    modules = imported_modules([tmp_path])
    assert modules == {"os", "lxml.cssselect", "ftfy", "jieba"}
    assert required_distributions(modules) == {"lxml", "cssselect", "ftfy", "jieba"}


def optional_feature_distributions() -> set[str]:
    """What the feature extras provide (`scale`: Dask, Scrapyd, Redis): imported only when the feature is used."""
    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    return {_name(r) for name in FEATURE_EXTRAS for r in extras[name]}


def test_runtime_dependencies_are_exactly_what_the_installed_code_imports() -> None:
    imports = imported_modules([REPO / p for p in RUNTIME_PACKAGES])
    needed = required_distributions(imports)
    optional = optional_feature_distributions()
    assert {_name(r) for r in declared()} == needed - optional
    assert needed & optional, "the feature extras are imported somewhere (else they belong nowhere)"


def test_pandas_is_for_tests_and_docs_only() -> None:
    assert "pandas" not in {_name(r) for r in declared()}
    dev = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert "pandas" in {_name(r) for r in dev["dev"]}


def test_every_runtime_range_has_a_lower_bound_and_a_major_release_cap() -> None:
    for requirement in declared():
        assert re.search(r">=\d", requirement), requirement
        assert re.search(r",<\d+$", requirement), f"{requirement}: not capped at a major release (<N)"


def test_every_runtime_dependency_says_why_in_pyproject() -> None:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    block = text[text.index("\ndependencies = [") : text.index("\n]", text.index("\ndependencies = ["))]
    for requirement in declared():
        (line,) = [x for x in block.splitlines() if x.strip().startswith(f'"{requirement}"')]
        assert "#" in line, f"{requirement}: no comment saying what imports it and why the bound"
