"""The examples of README.md and docs/output.md run as written, and the docs point only inside the repository.

A new user's session, in a fresh folder: `make demo` (its Makefile recipe) twice, then every `guidecrawl` line of
the ```sh blocks in document order, then every ```python block. The `make test|lint|format|bench` lines are
development targets, run by the build itself.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
OUTPUT_DOC = REPO / "docs" / "output.md"
EXAMPLE_DOCS = (README, OUTPUT_DOC)
REFERENCE_DOCS = (README, OUTPUT_DOC, REPO / "docs" / "tables.md", REPO / "CHANGELOG.md")
DEV_TARGETS = re.compile(r"make (test|lint|format|bench)\b")

pytestmark = pytest.mark.slow


def blocks(doc: Path, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", doc.read_text(encoding="utf-8"), flags=re.S)


def makefile_recipe(target: str) -> list[str]:
    """The commands of a Makefile target, `$(BIN)/` dropped (the test runs this checkout's code)."""
    lines = (REPO / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip().replace("$(BIN)/", ""))
    return recipe


def shell_commands(doc: Path) -> list[str]:
    commands = []
    for block in blocks(doc, "sh"):
        for line in block.splitlines():
            command = line.split("#", 1)[0].strip()
            if not command or DEV_TARGETS.match(command):
                continue
            commands += makefile_recipe("demo") if command == "make demo" else [command]
    return commands


def run_guidecrawl(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    args = shlex.split(command)
    assert args[0] == "guidecrawl", f"not a guidecrawl command: {command}"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "cli", *args[1:]], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def session(
    demo_twice: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, list[str]]]:
    """A fresh folder after `make demo` twice and the README's and output doc's commands; the demo outputs."""
    assert makefile_recipe("demo") == ["guidecrawl demo --out out/demo"]  # what `demo_twice` ran
    cwd = tmp_path_factory.mktemp("user")
    shutil.copytree(demo_twice[0], cwd, dirs_exist_ok=True)
    for doc in EXAMPLE_DOCS:
        for command in shell_commands(doc):
            if command.startswith("guidecrawl demo"):
                continue  # the demo ran above, twice
            proc = run_guidecrawl(command, cwd)
            assert proc.returncode == 0, f"{doc.name}: {command}: {proc.stderr[-2000:]}"
    yield cwd, demo_twice[1]


def run_python_blocks(doc: Path, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.chdir(cwd)
    names: dict[str, Any] = {}
    for block in blocks(doc, "python"):
        exec(compile(block, str(doc), "exec"), names)
    return names


# -- the README ----------------------------------------------------------------------------------------------------


def test_the_quickstart_reads_what_make_demo_writes() -> None:
    assert makefile_recipe("demo") == ["guidecrawl demo --out out/demo"]
    assert shell_commands(README)[:3] == [
        "guidecrawl demo --out out/demo",
        "guidecrawl views out/demo",
        "guidecrawl report out/demo",
    ]


def test_the_readme_loading_example_gives_each_page_once_after_two_runs(
    session: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    cwd, _ = session
    names = run_python_blocks(README, cwd, monkeypatch)
    pages = names["pages"]
    assert len(pages) == 9
    assert pages["doc_id"].is_unique
    assert set(pages["site"]) == {"fixture"}
    assert len(names["phones"]) > 0
    assert names["phones"]["url"].notna().all()
    assert set(names["per_kind"]["kind"]) >= {"phone", "amount", "date"}
    first = names["first_phones"]
    assert len(first) == 5
    assert first["sentence"].str.len().gt(0).all()


def test_the_readme_demo_summary_is_what_make_demo_prints(session: tuple[Path, list[str]]) -> None:
    _, outputs = session
    shown = next(b for b in blocks(README, "text") if b.startswith("guidecrawl demo:"))

    def normalized(summary: str) -> list[tuple[str, frozenset[str]]]:
        # The port and the seconds change every run; items with equal counts may come in either order.
        lines = []
        for line in summary.strip().splitlines():
            line = re.sub(r"127\.0\.0\.1:\d+ in [\d.]+ s", "127.0.0.1:PORT in S s", line)
            head, _, items = line.partition("   ")
            lines.append((head.strip(), frozenset(i.strip() for i in items.split(","))))
        return lines

    assert normalized(shown) == normalized(outputs[0])


def test_the_readme_passage_normalizes_and_parses_as_shown(tmp_path: Path) -> None:
    passage, normalized = (b for b in blocks(README, "text") if "支付限额" in b or "支付限額" in b)
    (entities,) = blocks(README, "json")
    source = tmp_path / "in.txt"
    source.write_text(passage, encoding="utf-8")
    proc = run_guidecrawl(f"guidecrawl normalize {source}", tmp_path)
    assert proc.stdout == normalized
    proc = run_guidecrawl(f"guidecrawl entities {source}", tmp_path)
    assert [json.loads(line) for line in proc.stdout.splitlines()] == [
        json.loads(line) for line in entities.splitlines()
    ]


# -- docs/output.md --------------------------------------------------------------------------------------------------


def test_the_output_doc_loading_examples_run_as_written(
    session: tuple[Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    cwd, _ = session
    names = run_python_blocks(OUTPUT_DOC, cwd, monkeypatch)
    assert names["pages"]["pages"].sum() == 9
    assert names["by_label"]["phones"].sum() == len(names["all_phones"]) // 2
    assert (names["big_amounts"]["value"] >= 10000).all()
    assert len(names["big_amounts"]) > 0
    assert set(names["failures"]["error"]) == {"http_404", "robots_disallowed"}
    assert list(names["all_runs"]["documents"]) == [9, 9]
    assert "crawl_date" in names["all_phones"].columns


# -- what the docs may point at ---------------------------------------------------------------------------------------

ABSOLUTE_PATH = re.compile(r"(?<![\w.:/])/(?:work|home|root|tmp|Users|var|opt|mnt)/")
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize("doc", REFERENCE_DOCS, ids=lambda d: d.name)
def test_the_docs_name_no_machine_path(doc: Path) -> None:
    assert ABSOLUTE_PATH.findall(doc.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("doc", REFERENCE_DOCS, ids=lambda d: d.name)
def test_the_docs_link_only_to_files_of_the_repository(doc: Path) -> None:
    targets = MARKDOWN_LINK.findall(doc.read_text(encoding="utf-8"))
    for target in targets:
        assert not re.match(r"[a-z]+:", target), f"{doc.name} links outside the repository: {target}"
        path = target.split("#", 1)[0]
        if path:
            assert (doc.parent / path).resolve().is_relative_to(REPO), target
            assert (doc.parent / path).exists(), f"{doc.name}: {target} does not exist"


def test_the_path_rule_catches_a_machine_path() -> None:
    assert ABSOLUTE_PATH.findall("tables     /work/main/out/demo") == ["/work/"]
    assert ABSOLUTE_PATH.findall("http://127.0.0.1:43641/news/x.html and out/demo") == []
