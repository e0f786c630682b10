"""`guidecrawl crawl` as a scheduler runs it: a real process against the served fixture site, night after night.

Each run has its own id and stats file; the second night fetches the changed page and emits only it; a site
that is down, a lock held by another run, a corrupt state file and a run killed with -9 each end the way
docs/crawling.md says (exit status, one line, tables).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from crawler.lock import SiteLock
from crawler.outcome import Exit
from tests.crawler.conftest import REPO, Served, serve
from tests.crawler.test_crawl_end_to_end import DOCUMENTS

pytestmark = pytest.mark.slow

SUMMARY_START = "guidecrawl crawl: run "


def command(site: Served | str, out: Path, *extra: str) -> list[str]:
    url = site if isinstance(site, str) else site.url
    return [sys.executable, "-m", "cli", "crawl", "fixture", "--out", str(out), "--base-url", url,
            "--profile", "test", *extra]  # fmt: skip


def guidecrawl_crawl(site: Served | str, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(site, out, *extra), cwd=REPO, capture_output=True, text=True, timeout=120)


def run_record(out: Path, proc: subprocess.CompletedProcess[str]) -> dict[str, object]:
    """The run's stats file, found from the run id in the summary line."""
    line = proc.stdout.strip().splitlines()[-1]
    run_id = line.removeprefix(SUMMARY_START).split(":")[0]
    return dict(json.loads((out / "_runs" / f"{run_id}.json").read_text(encoding="utf-8")))


def documents(out: Path, run_id: object) -> list[str]:
    frame = pd.read_parquet(out / "documents")
    return sorted(frame[frame["run_id"] == run_id]["url"])


@pytest.fixture(scope="module")
def two_nights(site: Served, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list]]:
    out = tmp_path_factory.mktemp("nightly")
    site.set_version(1)
    first = guidecrawl_crawl(site, out)
    site.set_version(2)  # between the nights, the notice changes (new text, new ETag)
    site.clear_log()
    try:
        second = guidecrawl_crawl(site, out)
    finally:
        site.set_version(1)
    yield out, [(first, run_record(out, first)), (second, run_record(out, second))]


def test_each_night_is_a_new_run_with_its_own_id_and_stats_file(two_nights: tuple[Path, list]) -> None:
    out, nights = two_nights
    (first, one), (second, two) = nights
    assert one["run_id"] != two["run_id"]
    assert (out / "_runs" / f"{one['run_id']}.json").is_file() and (out / "_runs" / f"{two['run_id']}.json").is_file()
    assert first.stdout.count("\n") == second.stdout.count("\n") == 1  # one summary line each
    assert one["pages"] == 9 and one["rows"]["documents"] == len(DOCUMENTS)  # type: ignore[index]
    assert one["errors"] == {"fetch": {"http_404": 2}, "robots": {"robots_disallowed": 1}}


def test_fixture_site_404s_give_exit_3_with_the_reason(two_nights: tuple[Path, list]) -> None:
    _, nights = two_nights
    for proc, record in nights:
        assert proc.returncode == Exit.PAGES_FAILED, proc.stderr
        assert record["status"] == Exit.PAGES_FAILED
        assert "exit 3 (fixture: 2 page(s) failed" in proc.stdout


def test_second_night_fetches_the_start_page_and_emits_only_the_changed_page(
    site: Served, two_nights: tuple[Path, list]
) -> None:
    out, nights = two_nights
    _, two = nights[1]
    assert [u.removeprefix(site.url) for u in documents(out, two["run_id"])] == ["/news/notice.html"]
    served = {target: status for _, target, status in site.requests()}
    assert served["/news/list.html"] == 200  # not dropped by a duplicate filter kept from the first night
    assert served["/news/notice.html"] == 200
    assert served["/news/2020/0203/art_yantai.html"] == 304
    assert not (out / "_jobs" / str(two["run_id"])).exists()  # the run's job directory goes with it


def test_site_that_is_down_exits_4_in_one_line(tmp_path: Path) -> None:
    proc = guidecrawl_crawl("http://127.0.0.1:9", tmp_path)  # port 9: discard, nothing listens
    assert proc.returncode == Exit.UNREACHABLE
    assert proc.stdout.count("\n") == 1 and "site unreachable" in proc.stdout
    assert run_record(tmp_path, proc)["status"] == Exit.UNREACHABLE


def test_second_run_of_a_locked_site_exits_5_and_fetches_nothing(site: Served, tmp_path: Path) -> None:
    site.clear_log()
    with SiteLock(tmp_path, "fixture", "night-before"):
        proc = guidecrawl_crawl(site, tmp_path)
    assert proc.returncode == Exit.LOCK_HELD
    assert "is being crawled by pid" in proc.stdout and "run night-before" in proc.stdout
    assert site.requests() == []
    assert not (tmp_path / "documents").exists()


def test_unwritable_out_exits_7_in_one_line(site: Served, tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    proc = guidecrawl_crawl(site, blocker)
    assert (proc.returncode, proc.stderr.count("\n")) == (Exit.OUTPUT_FAILED, 1)
    assert "cannot write to --out" in proc.stderr


def test_corrupt_state_file_is_moved_aside_and_the_run_starts_afresh(site: Served, tmp_path: Path) -> None:
    (tmp_path / "state.sqlite").write_bytes(b"this is not a database" * 100)
    site.set_version(1)
    proc = guidecrawl_crawl(site, tmp_path)
    assert proc.returncode == Exit.PAGES_FAILED, proc.stderr
    record = run_record(tmp_path, proc)
    assert len(documents(tmp_path, record["run_id"])) == len(DOCUMENTS)
    assert len(list(tmp_path.glob("state.sqlite.corrupt-*"))) == 1
    log = (tmp_path / "_runs" / str(record["run_id"]) / "fixture.log").read_text(encoding="utf-8")
    assert "moved to" in log and "this run starts afresh" in log


def test_bad_arguments_are_one_line_and_exit_2(tmp_path: Path) -> None:
    timeouts = [["fixture", "--timeout", value] for value in ("0", "-1", "nan", "inf", "1e308")]
    parts = [["fixture", "--part-minutes", "nan"], ["fixture", "--part-pages", "0"]]
    for args in (["--all", "fixture"], ["nosuchsite"], ["fixture", "--profile", "fast"], *timeouts, *parts):
        proc = subprocess.run(
            [sys.executable, "-m", "cli", "crawl", *args, "--out", str(tmp_path)],
            cwd=REPO, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert (proc.returncode, proc.stderr.count("\n")) == (2, 1), (args, proc.stderr)


@pytest.fixture(scope="module")
def slow_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve(tmp_path_factory.mktemp("slow"), latency=0.6)


def table_rows(out: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every documents and entity row, without what differs from run to run (run id, fetch time)."""
    found = {}
    for table in ("documents", "phones", "amounts", "dates", "percents", "emails"):
        frame = pd.read_parquet(out / table).drop(columns=["run_id", "fetched_at", "crawl_date"], errors="ignore")
        found[table] = sorted(tuple(str(v) for v in row) for row in frame.itertuples(index=False))
    return found


def published_documents(out: Path) -> int:
    return sum(pq.read_metadata(f).num_rows for f in out.glob("documents/*/part-*.parquet"))


def test_kill_9_then_rerun_gives_the_tables_of_an_uninterrupted_run(slow_site: Served, tmp_path: Path) -> None:
    slow_site.set_version(1)
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    assert guidecrawl_crawl(slow_site, whole, "--part-pages", "2").returncode == Exit.PAGES_FAILED
    process = subprocess.Popen(command(slow_site, killed, "--part-pages", "2"), cwd=REPO, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        while process.poll() is None and not published_documents(killed):  # until a part holds documents
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)  # the crawl and everything it started, as systemd would
    finally:
        process.wait()
    published = pd.read_parquet(killed / "documents")["url"]
    assert 0 < len(published) < len(DOCUMENTS)  # killed in the middle, after a part was published
    rerun = guidecrawl_crawl(slow_site, killed, "--part-pages", "2")
    assert rerun.returncode == Exit.PAGES_FAILED, rerun.stderr
    second = set(documents(killed, run_record(killed, rerun)["run_id"]))
    assert not second & set(published)  # what a published part holds is not fetched as new again
    assert table_rows(killed) == table_rows(whole)  # no row lost, none doubled


def test_timeout_stops_the_run_with_exit_6_and_publishes_what_it_has(slow_site: Served, tmp_path: Path) -> None:
    proc = guidecrawl_crawl(slow_site, tmp_path, "--timeout", "3", "--part-pages", "1")
    assert proc.returncode == Exit.TIMEOUT, proc.stderr
    assert proc.stdout.count("\n") == 1 and "exit 6" in proc.stdout
    record = run_record(tmp_path, proc)
    assert record["status"] == Exit.TIMEOUT
    published = published_documents(tmp_path)
    assert published < len(DOCUMENTS)  # stopped before the end; what it had is readable
    assert published == record["documents"]
