"""`guidecrawl normalize` as a user runs it: a real process, text in, text out, one line per line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def normalize_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", "normalize", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_stdin_is_normalized_line_for_line() -> None:
    proc = normalize_cli(stdin="醫(yī)保當(dāng)前\n\n２０萬元\n")
    assert proc.returncode == 0
    assert proc.stdout == "医保当前\n\n20万元\n"


def test_file_argument_and_keep_script(tmp_path: Path) -> None:
    source = tmp_path / "page.txt"
    source.write_text("區(qū)域發(fā)放\n", encoding="utf-8")
    proc = normalize_cli(str(source), "--script", "keep")
    assert proc.stdout == "區域發放\n"


def test_report_lists_repairs_on_stderr_only() -> None:
    proc = normalize_cli("--report", stdin="醫(yī)療\n")
    assert proc.stdout == "医疗\n"
    assert "pinyin\t1\t'(yī)'\t''" in proc.stderr.splitlines()


def test_seed_line_count_is_preserved(seed_texts: dict[str, str]) -> None:
    text = seed_texts["000_431cd35e18da4b04.txt"]
    proc = normalize_cli(stdin=text)
    assert proc.returncode == 0
    assert len(proc.stdout.split("\n")) == len(text.split("\n"))


def test_bad_script_is_a_one_line_error() -> None:
    proc = normalize_cli("--script", "latin", stdin="医保")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
