"""Extraction in worker processes gives the same tables as extraction in the reactor thread: only where
`process_page` runs changes. Both crawls are real `scrapy crawl` processes against the fixture site."""

from __future__ import annotations

import contextlib
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest

from crawler.extraction_pool import MOST_WAITING_STAT, ExtractionPool, worker_count
from crawler.outcome import Exit
from tests.crawler.conftest import REPO, SCRAPY, Served, final_stats, scrapy_crawl, serve
from tests.crawler.test_crawl_end_to_end import DOCUMENTS

pytestmark = pytest.mark.slow


def tables(out: Path) -> dict[str, list[tuple[str, ...]]]:
    found = {}
    for table in ("documents", "phones", "amounts", "dates", "errors"):
        frame = pd.read_parquet(out / table).drop(columns=["run_id", "fetched_at", "at", "crawl_date"], errors="ignore")
        found[table] = sorted(tuple(str(v) for v in row) for row in frame.itertuples(index=False))
    return found


def test_pool_and_reactor_thread_extraction_write_the_same_tables(site: Served, tmp_path: Path) -> None:
    """Workers forked from the crawl process (the default) and executed ones (GUIDECRAWL_EXTRACT_FORK=False)."""
    site.set_version(1)
    for workers, fork in (("0", "True"), ("2", "True"), ("2", "False")):
        proc = scrapy_crawl(
            "-a", "site=fixture", "-a", f"base_url={site.url}", "-s", f"OUTPUT_DIR={tmp_path / (workers + fork)}",
            "-s", f"GUIDECRAWL_EXTRACT_WORKERS={workers}", "-s", f"GUIDECRAWL_EXTRACT_FORK={fork}",
        )  # fmt: skip
        assert proc.returncode == Exit.PAGES_FAILED, proc.stderr[-2000:]
    forked = tables(tmp_path / "2True")
    assert len(forked["documents"]) == len(DOCUMENTS)
    assert forked == tables(tmp_path / "0True") == tables(tmp_path / "2False")


def test_worker_count_is_one_per_core_by_default() -> None:
    assert worker_count(None) == worker_count("auto") >= 1
    assert worker_count("0") == 0 and worker_count(3) == 3
    with pytest.raises(ValueError, match="GUIDECRAWL_EXTRACT_WORKERS must be 0 or more"):
        worker_count(-1)


def test_bad_worker_count_is_a_one_line_usage_error(site: Served) -> None:
    proc = scrapy_crawl("-a", f"url={site.url}/qa/1001.html", "-s", "GUIDECRAWL_EXTRACT_WORKERS=-2")
    assert proc.returncode == 2
    assert "GUIDECRAWL_EXTRACT_WORKERS must be 0 or more, got -2" in proc.stderr.strip().splitlines()[-1]


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")
def test_workers_die_with_a_crawl_killed_by_sigkill(tmp_path: Path) -> None:
    with contextlib.ExitStack() as stack:
        slow = stack.enter_context(contextlib.contextmanager(serve)(tmp_path, latency=2))
        crawl = subprocess.Popen(
            [SCRAPY, "crawl", "guides", "-a", "site=fixture", "-a", f"base_url={slow.url}",
             "-s", "GUIDECRAWL_PROFILE=test", "-s", "GUIDECRAWL_EXTRACT_WORKERS=2"],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        workers: set[int] = set()
        while len(workers) < 2 and crawl.poll() is None:  # the workers start with the crawl
            workers = children(crawl.pid)
            time.sleep(0.05)
        assert len(workers) == 2
        crawl.kill()  # SIGKILL to the crawl process only
        crawl.wait()
        for _ in range(600):  # the kernel sends each worker SIGKILL (PR_SET_PDEATHSIG)
            if not any(alive(w) for w in workers):
                break
            time.sleep(0.05)
        assert not any(alive(w) for w in workers)


def test_downloads_pause_while_the_backlog_is_full_and_resume_as_soon_as_a_page_is_back() -> None:
    calls: list[str] = []
    pool = ExtractionPool(2, backlog=3, pause=lambda: calls.append("pause"), resume=lambda: calls.append("resume"))
    for _ in range(2):
        pool._waited(+1)
    assert calls == []  # 2 pages wait: below the bound, downloads go on
    pool._waited(+1)
    pool._waited(+1)  # a request in flight when the pause came still lands
    assert calls == ["pause"]
    pool._waited(-1)
    assert calls == ["pause"]  # 3 still wait
    pool._waited(-1)
    assert calls == ["pause", "resume"] and pool.most_waiting == 4


def test_a_pool_without_a_bound_never_pauses() -> None:
    calls: list[str] = []
    pool = ExtractionPool(2, pause=lambda: calls.append("pause"), resume=lambda: calls.append("resume"))
    for _ in range(100):
        pool._waited(+1)
    assert calls == [] and pool.most_waiting == 100


def test_a_profiles_worker_count_decides_where_extraction_runs(site: Served, tmp_path: Path) -> None:
    """The test profile says 0 (reactor thread: no pool, no pool stat); the bench profile says one per core."""
    inline = scrapy_crawl("-a", f"url={site.url}/qa/1001.html", "-s", f"OUTPUT_DIR={tmp_path / 'test'}")
    pooled = scrapy_crawl(
        "-a", f"url={site.url}/qa/1001.html", "-s", f"OUTPUT_DIR={tmp_path / 'bench'}", "-s", "GUIDECRAWL_PROFILE=bench"
    )  # fmt: skip
    assert inline.returncode == pooled.returncode == Exit.OK, (inline.stderr[-1500:], pooled.stderr[-1500:])
    assert MOST_WAITING_STAT not in final_stats(inline.stderr)
    assert final_stats(pooled.stderr)[MOST_WAITING_STAT] == 1
