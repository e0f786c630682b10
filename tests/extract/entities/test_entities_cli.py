"""`guidecrawl entities` as a subprocess: JSON lines out, "doc" per file or per --jsonl id, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def guidecrawl(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", "entities", *args], input=stdin, capture_output=True, text=True, timeout=60
    )


def rows(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_stdin_text_gives_one_json_entity_per_line() -> None:
    result = guidecrawl(stdin="投诉电话:0591-87842560,起付标准800元")
    assert result.returncode == 0, result.stderr
    assert [(r["kind"], r["value"]) for r in rows(result.stdout)] == [("phone", "059187842560"), ("amount", 800)]


def test_offsets_index_the_normalized_text() -> None:
    # traditional script and full-width digits are normalized before parsing
    result = guidecrawl(stdin="電話：０５９１－８７８４２５６０")
    (row,) = rows(result.stdout)
    assert row["value"] == "059187842560"
    assert row["text"] == "0591-87842560"


def test_several_files_carry_their_name(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("报销比例70%", encoding="utf-8")
    b.write_text("邮箱:x@example.com", encoding="utf-8")
    result = guidecrawl(str(a), str(b))
    assert [(r["doc"], r["kind"]) for r in rows(result.stdout)] == [(str(a), "percent"), (str(b), "email")]


def test_jsonl_input_carries_the_id() -> None:
    lines = [json.dumps({"id": "p1", "text": "报销比例70%"}), json.dumps({"id": 7, "text": "2025年1月5日"})]
    result = guidecrawl("--jsonl", stdin="\n".join(lines) + "\n")
    assert [(r["doc"], r["value"]) for r in rows(result.stdout)] == [("p1", 70), ("7", "2025-01-05")]


def test_bad_jsonl_is_a_one_line_error() -> None:
    result = guidecrawl("--jsonl", stdin='{"id": 1}\n')
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "id" in result.stderr and "text" in result.stderr


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    result = guidecrawl(str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"guidecrawl entities: error: no such file: {tmp_path / 'nope.txt'}"
