"""`guidecrawl content` run as a subprocess: raw bytes in, main text or the Document as JSON out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.fixture_pages import PAGES

DISCUZ = PAGES / "forum" / "discuz-x-big5" / "body.html"


def guidecrawl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", "content", *args], capture_output=True, text=True, encoding="utf-8", timeout=60
    )


def test_prints_records_separated_by_a_blank_line() -> None:
    result = guidecrawl(str(DISCUZ))
    assert result.stdout.count("\n\n") == 2 and "好像沒咱啥事了" in result.stdout


def test_json_prints_the_document_with_its_records() -> None:
    document = json.loads(guidecrawl(str(DISCUZ), "--json").stdout)
    assert (document["kind"], document["encoding"], [r["author"] for r in document["records"]]) == (
        "forum",
        "big5hkscs",
        ["ww_719", "千里之外", "四合院的閑人"],
    )


def test_missing_file_is_a_one_line_error() -> None:
    result = guidecrawl("/nonexistent/page.html")
    assert (result.returncode, result.stderr.count("\n"), "no such file" in result.stderr) == (2, 1, True)


def test_directory_is_a_one_line_error() -> None:
    result = guidecrawl(str(PAGES))
    assert (result.returncode, result.stderr.count("\n")) == (2, 1)


def test_binary_garbage_is_a_one_line_error(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.html"
    garbage.write_bytes(bytes(range(256)) * 40 + b"\x00" * 2000)
    result = guidecrawl(str(garbage))
    assert (result.returncode, result.stderr.count("\n"), "Traceback" in result.stderr) == (2, 1, False)


def test_a_page_without_main_text_is_one_line_and_exit_1_and_a_one_paragraph_file_prints_its_paragraph(
    tmp_path: Path,
) -> None:
    empty, comment, one = tmp_path / "empty.html", tmp_path / "comment.html", tmp_path / "one.html"
    empty.write_bytes(b"")
    comment.write_bytes(b"<html><body><!-- nothing but a comment --></body></html>")
    paragraph = "自2月1日起医疗保险缴费期由每月15日前延长至全月缴费，具体办法按有关通知执行。"
    one.write_bytes(f"<html><body><p>{paragraph}</p></body></html>".encode())
    for page in (empty, comment):
        result = guidecrawl(str(page))
        assert (result.returncode, result.stdout) == (1, "")
        assert result.stderr.splitlines() == [
            f"guidecrawl content: error: {page}: no main text (the page is empty or all navigation)"
        ]
    result = guidecrawl(str(one))
    assert (result.returncode, result.stdout) == (0, paragraph + "\n")
