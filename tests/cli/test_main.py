"""The command line as a user runs it: a real process, one-line errors, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

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


def test_an_unreadable_page_url_is_a_usage_error_and_a_readable_one_is_used(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><div><p>参保人员在定点医疗机构就医，住院费用按规定比例报销。</p></div></body></html>")
    bad = guidecrawl("content", str(page), "--url", "http://[::1/a.html")
    assert bad.returncode == 2
    assert b"Traceback" not in bad.stderr and b"internal error" not in bad.stderr
    assert "argument --url: not a URL" in bad.stderr.decode()
    good = guidecrawl("content", str(page), "--url", "http://[::1]/a.html")
    assert good.returncode == 0, good.stderr
    assert "定点医疗机构" in good.stdout.decode()


PAGE = (
    "<html><body><div><p>参保人员在定点医疗机构就医，住院费用按规定比例报销。咨询电话：0591-87842560。</p></div>"
    "</body></html>"
)


def test_content_reads_a_page_from_stdin_and_from_a_pipe(tmp_path: Path) -> None:
    from_stdin = guidecrawl("content", "-", stdin=PAGE.encode())
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert "定点医疗机构" in from_stdin.stdout.decode()
    fifo = tmp_path / "page.fifo"  # what `guidecrawl content <(curl -s URL)` hands over: a pipe, not a file
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(PAGE.encode(),))
    writer.start()
    from_pipe = guidecrawl("content", str(fifo))
    writer.join()
    assert from_pipe.returncode == 0, from_pipe.stderr
    assert from_pipe.stdout == from_stdin.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize(
    ("command", "message"),
    [("normalize", "looks binary"), ("entities", "looks binary"), ("content", "is larger than 16777216 bytes")],
)
def test_an_endless_input_is_a_one_line_error_not_all_of_memory(command: str, message: str) -> None:
    proc = guidecrawl(command, "/dev/zero")
    assert proc.returncode == 2
    assert len(proc.stderr.decode().strip().splitlines()) == 1
    assert message in proc.stderr.decode()


def test_input_is_read_up_to_its_cap_and_refused_past_it(tmp_path: Path) -> None:
    from cli.errors import CommandError
    from cli.text_input import read_bytes

    at_cap, over_cap = tmp_path / "at.txt", tmp_path / "over.txt"
    at_cap.write_bytes(b"x" * 100)
    over_cap.write_bytes(b"x" * 101)
    assert read_bytes(str(at_cap), 100, "a text file") == (b"x" * 100, str(at_cap))
    with pytest.raises(CommandError, match="larger than 100 bytes"):
        read_bytes(str(over_cap), 100, "a text file")
