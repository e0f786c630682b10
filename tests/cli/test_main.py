"""The command line as a user runs it: a real process, one-line errors, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest


def guidecrawl(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cli", *args], input=stdin, capture_output=True, timeout=120)


def test_help_lists_every_command() -> None:
    out = guidecrawl("--help").stdout.decode()
    for command in ("normalize", "entities", "content", "extract", "demo"):
        assert command in out


@pytest.mark.parametrize("command", ["normalize", "entities", "content", "extract", "demo"])
def test_every_command_has_help(command: str) -> None:
    proc = guidecrawl(command, "--help")
    assert proc.returncode == 0
    assert b"usage: guidecrawl " + command.encode() in proc.stdout


@pytest.mark.parametrize("command", ["normalize", "entities", "content"])
def test_missing_file_is_one_line_error(command: str) -> None:
    proc = guidecrawl(command, "/no/such/file.txt")
    assert proc.returncode != 0
    assert b"Traceback" not in proc.stderr
    assert len(proc.stderr.decode().strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["normalize", "entities"])
def test_binary_input_is_one_line_error(command: str) -> None:
    proc = guidecrawl(command, stdin=b"\x00\x01\x02\xff\xfe binary")
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr
    assert "binary" in proc.stderr.decode()


def test_non_utf8_input_names_the_byte() -> None:
    proc = guidecrawl("normalize", stdin="医保".encode("gbk"))
    assert proc.returncode == 2
    assert "not valid UTF-8" in proc.stderr.decode()


def test_unknown_option_is_a_usage_error() -> None:
    proc = guidecrawl("normalize", "--no-such-option")
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "page",
    [b"", b"<html><body><!-- nothing but a comment --></body></html>"],
    ids=["empty file", "no text"],
)
def test_content_of_a_page_without_main_text_says_so_in_one_line(page: bytes, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "page.html"
    path.write_bytes(page)
    proc = guidecrawl("content", str(path))
    assert proc.returncode == 1
    assert proc.stdout == b""
    assert proc.stderr.decode().strip().splitlines() == [
        f"guidecrawl content: error: {path}: no main text (the page is empty or all navigation)"
    ]


def test_content_of_a_page_with_text_prints_it_and_exits_0(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "page.html"
    path.write_bytes("<html><body><p>参保人员可拨打医保服务热线咨询报销政策。</p></body></html>".encode())
    proc = guidecrawl("content", str(path))
    assert proc.returncode == 0
    assert proc.stdout.decode().strip() == "参保人员可拨打医保服务热线咨询报销政策。"
