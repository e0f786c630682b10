"""`guidecrawl extract` as a user runs it: a real process over real saved pages."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from tests.fixture_pages import PAGES, saved_pages

pytestmark = pytest.mark.slow

SAVED = [page.folder / "body.html" for page in saved_pages() if page.folder]


def guidecrawl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", "extract", *args], capture_output=True, text=True, timeout=300)


def one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    return lines[0]


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("corpus") / "out"
    return out, guidecrawl(str(PAGES), "--out", str(out), "--run-id", "corpus")


def test_every_saved_page_is_a_document_or_an_error(corpus_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, proc = corpus_run
    assert proc.returncode == 0, proc.stderr
    documents = pd.read_parquet(out / "documents")
    errors = pd.read_parquet(out / "errors")
    seen = set(documents["source"]) | set(errors["source"])
    assert seen == {str(p) for p in SAVED}


def test_gbk_pages_come_out_as_chinese(corpus_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, _ = corpus_run
    [(encoding, title)] = duckdb.sql(
        f"""select encoding, title from read_parquet('{out}/documents/**/*.parquet')
            where source like '%discuz6-gbk-pku%'"""
    ).fetchall()
    assert encoding in ("gbk", "gb18030")
    assert "北大医院" in title


def test_summary_names_pages_and_errors(corpus_run: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, proc = corpus_run
    assert proc.stdout.startswith(f"pages     {len(SAVED)} (")
    assert "\nerrors    " in proc.stdout
    assert "(run corpus, 20 files)" in proc.stdout


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    corpus_run: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, proc = corpus_run
    assert proc.stderr == ""


def test_a_progress_bar_shows_on_a_terminal(tmp_path: Path) -> None:
    main, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a real terminal has a size
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "cli", "extract", str(SAVED[0]), "--out", str(tmp_path / "out")],
            stderr=terminal,
            stdout=subprocess.DEVNULL,
            timeout=120,
        )
        os.close(terminal)
        terminal = -1
        shown = b""
        while chunk := _read(main):
            shown += chunk
    finally:
        os.close(main)
        if terminal >= 0:
            os.close(terminal)
    assert proc.returncode == 0
    assert b"1/1" in shown
    assert b"page" in shown


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # EIO: the terminal's other end is closed
        return b""


def test_web_archive_layout_uses_url_and_headers(tmp_path: Path) -> None:
    page = tmp_path / "pages" / "fzyb"
    page.mkdir(parents=True)
    shutil.copy(PAGES / "forum" / "discuz6-gbk-nanjing" / "body.html", page / "body.html")
    info = {
        "url": "http://www.1984bbs.com/viewthread.php?tid=1",
        "headers": {"Content-Type": "text/html; charset=gbk"},
        "fetched_at": "2026-11-20T08:00:00+00:00",
    }
    (page / "info.json").write_text(json.dumps(info), encoding="utf-8")
    proc = guidecrawl(str(tmp_path / "pages"), "--out", str(tmp_path / "out"), "--format", "parquet")
    assert proc.returncode == 0, proc.stderr
    [row] = pq.read_table(tmp_path / "out" / "documents").to_pylist()
    assert row["url"] == info["url"]
    assert row["source"] == str(page / "body.html")
    assert row["fetched_at"].isoformat() == "2026-11-20T08:00:00+00:00"
    assert not (tmp_path / "out" / "csv").exists()


def test_a_broken_info_json_is_an_errors_row(tmp_path: Path) -> None:
    page = tmp_path / "pages" / "broken"
    page.mkdir(parents=True)
    (page / "body.html").write_bytes(b"<html><body>12333</body></html>")
    (page / "info.json").write_text("{not json", encoding="utf-8")
    proc = guidecrawl(str(tmp_path / "pages"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0
    [row] = pq.read_table(tmp_path / "out" / "errors").to_pylist()
    assert (row["stage"], row["error"], row["source"]) == ("fetch", "bad_info_json", str(page / "body.html"))
    assert "1 with errors" in proc.stdout


def test_parallel_jobs_write_the_same_rows_in_the_same_order(tmp_path: Path) -> None:
    pages = [str(p) for p in SAVED[:6]]
    one = guidecrawl(*pages, "--out", str(tmp_path / "one"), "--format", "parquet")
    two = guidecrawl(*pages, "--out", str(tmp_path / "two"), "--format", "parquet", "--jobs", "2")
    assert one.returncode == two.returncode == 0
    columns = ["doc_id", "source", "text", "content_hash"]
    a = pq.read_table(tmp_path / "one" / "documents", columns=columns).to_pylist()
    b = pq.read_table(tmp_path / "two" / "documents", columns=columns).to_pylist()
    assert a == b
    assert [r["source"] for r in a] == pages


def test_a_missing_path_is_a_one_line_error(tmp_path: Path) -> None:
    line = one_line_error(guidecrawl(str(tmp_path / "nope"), "--out", str(tmp_path / "out")))
    assert "no such file or folder" in line
    assert not (tmp_path / "out").exists()


def test_a_folder_without_pages_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("医保", encoding="utf-8")
    assert "no pages found" in one_line_error(guidecrawl(str(tmp_path), "--out", str(tmp_path / "out")))


@pytest.mark.parametrize(
    ("option", "value", "named"),
    [
        ("--jobs", "-1", "--jobs must be 0 (one per CPU) to"),
        ("--jobs", "100000", "--jobs must be 0 (one per CPU) to"),
        ("--max-page-bytes", "0", "--max-page-bytes must be 1 to 1073741824"),
        ("--max-page-bytes", "99999999999999999999999", "--max-page-bytes must be 1 to 1073741824"),
    ],
)
def test_an_out_of_range_number_is_a_one_line_error(tmp_path: Path, option: str, value: str, named: str) -> None:
    # 100,000 processes for one page, or a read of 10^23 bytes: refused before anything starts.
    line = one_line_error(guidecrawl(str(SAVED[0]), "--out", str(tmp_path / "out"), option, value))
    assert named in line
    assert not (tmp_path / "out").exists()


def test_more_jobs_than_pages_start_only_as_many_processes_as_pages(tmp_path: Path) -> None:
    done = guidecrawl(str(SAVED[0]), "--out", str(tmp_path / "out"), "--format", "parquet", "--jobs", "8")
    assert done.returncode == 0, done.stderr
    assert len(pq.read_table(tmp_path / "out" / "documents").to_pylist()) == 1


def test_an_unknown_format_is_a_one_line_error(tmp_path: Path) -> None:
    line = one_line_error(guidecrawl(str(SAVED[0]), "--out", str(tmp_path / "out"), "--format", "xlsx"))
    assert "xlsx" in line


def test_reusing_a_run_id_is_a_one_line_error(tmp_path: Path) -> None:
    args = (str(SAVED[0]), "--out", str(tmp_path / "out"), "--run-id", "same")
    assert guidecrawl(*args).returncode == 0
    assert "--run-id" in one_line_error(guidecrawl(*args))


def test_a_run_id_with_a_slash_is_a_one_line_error(tmp_path: Path) -> None:
    line = one_line_error(guidecrawl(str(SAVED[0]), "--out", str(tmp_path / "out"), "--run-id", "../x"))
    assert "run id" in line
    assert not (tmp_path / "x").exists()
