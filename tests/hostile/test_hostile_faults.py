"""A write that fails (disk full, file too large) ends the run non-zero with one line, publishes nothing of the
failed run and leaves the tables of earlier runs intact. The disk is filled for real: the child process gets a
file-size limit (RLIMIT_FSIZE), so every write past it fails with EFBIG, as on a full disk."""

from __future__ import annotations

import json
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from crawler.outcome import Exit
from tests.crawler.conftest import SCRAPY, final_stats
from tests.hostile.conftest import REPO, SITES, guide_page, guidecrawl, hostile_server, one_line, rows

pytestmark = pytest.mark.slow

FILE_LIMIT = 4096  # bytes: smaller than any documents file of the run below


def limit_file_size(limit: int = FILE_LIMIT) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def saved_pages(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        (folder / f"p{i:03}.html").write_bytes(
            guide_page(f"第{i}号通知：参保人员门诊费用报销比例为{i % 90}%，热线0591-8784{i:04}。")
        )
    return folder


def published(out: Path) -> list[str]:
    """Files under final names (hidden temp files excluded)."""
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))


def test_extract_on_a_full_disk_exits_1_and_keeps_the_last_published_tables(tmp_path: Path) -> None:
    pages = saved_pages(tmp_path / "pages", 40)
    out = tmp_path / "out"
    first = guidecrawl("extract", pages, "--out", out, "--run-id", "before")
    assert first.returncode == 0, first.stderr
    before = published(out)
    assert len(rows(out, "documents")) == 40

    full = guidecrawl("extract", pages, "--out", out, "--run-id", "full", preexec_fn=limit_file_size)  # 4 kB

    assert full.returncode == 1
    line = one_line(full.stderr)
    assert line.startswith("guidecrawl extract: error: cannot write ")
    assert "nothing of this run was published" in line
    assert published(out) == before, "no file of the failed run under a final name, none of the earlier run lost"
    assert not [p for p in out.rglob(".*.tmp")], "temp files are removed"
    assert len(rows(out, "documents")) == 40
    for file in out.rglob("part-before.parquet"):
        pq.read_table(file)  # still whole


def test_extract_into_a_folder_it_cannot_create_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(guide_page())
    (tmp_path / "file").write_text("not a folder")
    done = guidecrawl("extract", tmp_path / "a.html", "--out", tmp_path / "file" / "out")
    assert done.returncode != 0
    assert "error" in one_line(done.stderr)


WRITER_SCRIPT = """
import sys
from output.dataset import DatasetWriter, OutputWriteError
from extract.pipeline import process_page
page = process_page(open(sys.argv[2], "rb").read(), {}, "http://127.0.0.1/a.html")
writer = DatasetWriter(sys.argv[1], run_id="crawl", formats=("parquet",), batch_rows=1)
try:
    for i in range(200):
        page.url = f"http://127.0.0.1/{i}.html"
        writer.write_page(page)
    writer.close()
except OutputWriteError as exc:
    print("raised", exc.errno, writer.failed is exc)
    try:
        writer.write_page(page)
    except OutputWriteError:
        print("raised again")
"""


def test_the_dataset_writer_raises_output_write_error_and_stays_failed(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(guide_page())
    done = subprocess.run(
        [sys.executable, "-c", WRITER_SCRIPT, str(tmp_path / "out"), str(tmp_path / "a.html")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit_file_size,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["raised 27 True", "raised again"]  # 27: EFBIG, file too large
    assert published(tmp_path / "out") == []


def test_a_crawl_on_a_full_disk_flags_the_failure_and_publishes_nothing(tmp_path: Path) -> None:
    """The crawl's part cannot be written: the stats say `guidecrawl/output/failed`, the crawl exits 7
    (output failed, crawler/outcome.py), the log names the file in one line, no table appears (only the lock, the
    run's stats file and the state) and the incremental state records nothing."""
    with hostile_server(tmp_path) as site:
        crawl = subprocess.run(
            [SCRAPY, "crawl", "guides", "-s", "GUIDECRAWL_PROFILE=test", "-a", "site=hostile-big",
             "-a", f"base_url={site.url}", "-s", f"GUIDECRAWL_SITES={SITES}", "-s", f"OUTPUT_DIR={tmp_path / 'out'}"],
            cwd=REPO, capture_output=True, text=True, timeout=120, preexec_fn=lambda: limit_file_size(256 * 1024),
        )  # fmt: skip
    stats = final_stats(crawl.stderr)
    assert stats["item_scraped_count"] == 11  # every page was fetched and processed ...
    assert stats["guidecrawl/output/failed"] == 1  # ... and the failed write is flagged for the exit status
    assert crawl.returncode == Exit.OUTPUT_FAILED
    assert crawl.stderr.splitlines()[-1] == "scrapy crawl: the tables or the stats file could not be written (exit 7)"
    failed = [line for line in crawl.stderr.splitlines() if "could not publish part" in line]
    assert len(failed) == 1 and f"cannot write {tmp_path / 'out'}/" in failed[0], failed
    (record,) = (tmp_path / "out" / "_runs").glob("*.json")
    assert published(tmp_path / "out") == ["_locks/hostile-big.lock", f"_runs/{record.name}", "state.sqlite"]
    assert json.loads(record.read_text(encoding="utf-8"))["parts"] == 0
    with sqlite3.connect(tmp_path / "out" / "state.sqlite") as db:
        assert db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] >= 1
        recorded = sum(db.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for (name,) in tables(db))
    assert recorded == 0, "a run whose tables were lost must not be recorded as done"


def tables(db: sqlite3.Connection) -> list[tuple[str]]:
    return db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
