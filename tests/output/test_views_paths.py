"""`guidecrawl views` and `report` read the tables of the folder named, whatever characters its path holds.

DuckDB reads every path it is given as a glob pattern (`*`, `?`, `[...]`), expands a leading `~`, takes `file:`
as a URL and `key=value` folders as hive partitions; a path it cannot name (not UTF-8, a backslash) is refused in
one line instead of reading something else or crashing.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from output.dataset import DatasetWriter
from output.views import DATABASE_NAME, UnreadablePath, connect, views_sql
from tests.output.samples import make_result

pytestmark = pytest.mark.slow  # most tests run `guidecrawl` as a process

# Sibling folders that each glob name below matches when read as a pattern: `o[1]` → o1, `o**` → all of them,
# `o*x` → oax, `o?y` → oqy.
SIBLINGS = ("o1", "oax", "oqy")
GLOB_NAMES = ("o[1]", "o**", "o*x", "o?y")


def write_output(out: Path, run_id: str, pages: int = 1) -> None:
    with DatasetWriter(out, run_id=run_id, run_metadata={"site": "fzyb"}) as writer:
        for n in range(pages):
            writer.write_page(make_result(url=f"http://ybj.example.cn/{run_id}/{n}.htm"))


def beside_siblings(parent: Path, name: str) -> Path:
    """An output folder `parent/name` of one page (run `named`), beside folders of two pages each."""
    for sibling in SIBLINGS:
        write_output(parent / sibling, f"sibling_{sibling}", pages=2)
    write_output(parent / name, "named")
    return parent / name


def guidecrawl(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", *args], capture_output=True, text=True, timeout=timeout)


def runs_in(database: Path) -> list[str]:
    with duckdb.connect(str(database), read_only=True) as con:
        return [r for (r,) in con.sql("select distinct run_id from documents order by run_id").fetchall()]


# -- glob characters -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", GLOB_NAMES)
def test_guidecrawl_views_reads_only_the_folder_named_when_its_name_holds_glob_characters(
    tmp_path: Path, name: str
) -> None:
    out = beside_siblings(tmp_path, name)
    database = tmp_path / "views.duckdb"
    proc = guidecrawl("views", str(out), "--db", str(database))
    assert proc.returncode == 0, proc.stderr
    assert runs_in(database) == ["named"]
    # the siblings still read as themselves
    assert guidecrawl("views", str(tmp_path / "oax")).returncode == 0
    assert runs_in(tmp_path / "oax" / DATABASE_NAME) == ["sibling_oax"]


@pytest.mark.parametrize("name", ["o[1]", "o**", "o*x"])
def test_guidecrawl_views_writes_its_database_into_a_folder_named_with_glob_characters(
    tmp_path: Path, name: str
) -> None:
    out = beside_siblings(tmp_path, name)
    proc = guidecrawl("views", str(out))
    assert proc.returncode == 0, proc.stderr
    assert runs_in(out / DATABASE_NAME) == ["named"]


def test_guidecrawl_views_refuses_a_database_path_with_a_question_mark_in_one_line(tmp_path: Path) -> None:
    # DuckDB names the database's write-ahead log `o.wal?y/guidecrawl.duckdb` and fails on commit.
    out = beside_siblings(tmp_path, "o?y")
    proc = guidecrawl("views", str(out))
    assert proc.returncode == 2
    assert proc.stderr == (
        f"guidecrawl views: error: {out / DATABASE_NAME}: DuckDB cannot write a database whose path holds '?': "
        "name another file with --db\n"
    )
    assert not (out / DATABASE_NAME).exists()
    elsewhere = guidecrawl("views", str(out), "--db", str(tmp_path / "views.duckdb"))
    assert elsewhere.returncode == 0, elsewhere.stderr


def test_guidecrawl_report_counts_only_the_folder_named_when_its_name_holds_glob_characters(tmp_path: Path) -> None:
    out = beside_siblings(tmp_path, "o**")
    proc = guidecrawl("report", str(out), "--html", str(tmp_path / "report.html"))
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "pages 1 (latest version of each), sites 1, entities 7, runs 1" in html


def test_the_sql_text_of_a_glob_named_folder_reads_only_that_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    beside_siblings(tmp_path, "o*x")
    monkeypatch.chdir(tmp_path)
    sql = views_sql("o*x")
    assert "'o[*]x/documents/*/*.parquet'" in sql
    con = duckdb.connect()
    con.execute(sql)
    assert con.sql("select distinct run_id from documents").fetchall() == [("named",)]


@pytest.mark.parametrize("name", ["~", "file:"])
def test_a_relative_folder_duckdb_would_read_as_home_or_url_is_read_where_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    write_output(tmp_path / name, "named")
    monkeypatch.chdir(tmp_path)
    assert connect(name).sql("select distinct run_id from documents").fetchall() == [("named",)]


# -- key=value folders above the output --------------------------------------------------------------------------


def test_a_parent_folder_named_like_a_column_does_not_change_the_rows(tmp_path: Path) -> None:
    out = tmp_path / "site=other" / "crawl_date=2001-01-01" / "out"
    write_output(out, "named")
    con = connect(out)
    assert con.sql("select site, run_id, crawl_date = current_date from documents").fetchall() == [
        ("fzyb", "named", True)
    ]
    assert con.sql("select count(*) from latest_phones where site = 'fzyb'").fetchone() == (1,)


# -- paths DuckDB cannot name ------------------------------------------------------------------------------------


def not_utf8(tmp_path: Path) -> Path:
    """An output folder whose name holds the byte 0xff (valid on Linux, not UTF-8)."""
    write_output(tmp_path / "sound", "named")
    bad = tmp_path / os.fsdecode(b"o_bad\xff")
    shutil.copytree(tmp_path / "sound", bad)
    return bad


@pytest.mark.parametrize("command", ["views", "report"])
def test_a_folder_name_that_is_not_utf8_is_one_line_and_exit_2(tmp_path: Path, command: str) -> None:
    bad = not_utf8(tmp_path)
    proc = guidecrawl(command, str(bad))
    assert proc.returncode == 2
    assert proc.stderr == f"guidecrawl {command}: error: {tmp_path}/o_bad\\xff: the path is not valid UTF-8, " + (
        "which DuckDB cannot use\n"
    )
    sound = guidecrawl(command, str(tmp_path / "sound"))
    assert sound.returncode == 0, sound.stderr


def test_views_onto_a_database_path_that_is_not_utf8_is_one_line_and_exit_2(tmp_path: Path) -> None:
    write_output(tmp_path / "out", "named")
    database = tmp_path / os.fsdecode(b"views\xff.duckdb")
    proc = guidecrawl("views", str(tmp_path / "out"), "--db", str(database))
    assert proc.returncode == 2
    assert proc.stderr.startswith("guidecrawl views: error: ")
    assert proc.stderr.endswith("views\\xff.duckdb: the path is not valid UTF-8, which DuckDB cannot use\n")
    assert not database.exists()


def test_a_folder_path_with_a_backslash_is_refused_naming_the_backslash(tmp_path: Path) -> None:
    write_output(tmp_path / "a\\b", "named")
    with pytest.raises(UnreadablePath, match="reads a backslash in a path as a folder separator"):
        connect(tmp_path / "a\\b")
    proc = guidecrawl("views", str(tmp_path / "a\\b"))
    assert (proc.returncode, proc.stderr.count("\n")) == (2, 1)
    assert "backslash" in proc.stderr
    assert guidecrawl("views", str(tmp_path / "a\\b"), "--sql").returncode == 2
    write_output(tmp_path / "ab", "sound")
    assert connect(tmp_path / "ab").sql("select distinct run_id from documents").fetchall() == [("sound",)]


# -- what --db names -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_views_onto_a_fifo_or_device_is_one_line_and_leaves_it_in_place(tmp_path: Path, kind: str) -> None:
    write_output(tmp_path / "out", "named")
    target = tmp_path / kind
    if kind == "fifo":
        os.mkfifo(target)
    else:  # a character device with /dev/full's numbers, made here: writes to it fail with ENOSPC
        os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    mode = target.lstat().st_mode
    proc = guidecrawl("views", str(tmp_path / "out"), "--db", str(target), timeout=30)  # a FIFO used to block
    assert proc.returncode == 2
    named = "a FIFO" if kind == "fifo" else "a character device"
    assert (
        proc.stderr == f"guidecrawl views: error: cannot write the views: {target}: it is {named}, not a regular file\n"
    )
    assert target.lstat().st_mode == mode
    written = guidecrawl("views", str(tmp_path / "out"), "--db", str(tmp_path / "views.duckdb"))
    assert written.returncode == 0, written.stderr
