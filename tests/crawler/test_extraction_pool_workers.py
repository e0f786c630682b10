"""How the pool's workers start and what happens when one dies: a real pool under a real reactor
(`tests/crawler/pool_driver.py`, a subprocess), and real crawls for the start-up stats.

Forked workers (the default where the crawl process has no other thread) and executed ones (`python -m
crawler.extraction_worker`) behave alike: a page in flight on a worker killed with SIGKILL comes back as a
`crawler_worker_failed` error, the worker is replaced, and the next page is extracted in full."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crawler.extraction_pool import STARTED_STAT
from crawler.outcome import Exit
from tests.crawler.conftest import REPO, Served, final_stats, scrapy_crawl

pytestmark = pytest.mark.slow


def drive(mode: str) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "tests.crawler.pool_driver", mode],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    outcome: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    assert "failure" not in outcome, outcome
    return outcome


@pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX")
@pytest.mark.parametrize(
    ("mode", "started"),
    [
        ("fork", ["forked", "forked"]),
        ("exec", ["executed", "executed"]),
        ("fork-with-thread", ["executed", "executed"]),  # another thread runs: forking is not safe, so exec
    ],
)
def test_a_killed_worker_fails_its_page_and_is_replaced(mode: str, started: list[str]) -> None:
    outcome = drive(mode)
    assert outcome["started"] == started
    assert outcome["first"]["errors"] == [] and outcome["first"]["entities"] > 0
    failed = {"title": None, "entities": 0, "errors": [["fetch", "crawler_worker_failed"]], "links": 0}
    assert outcome["killed"] == failed
    assert outcome["after"] == outcome["first"]  # the replacement extracts the page as the first worker did
    assert outcome["workers_after"] == 2 and outcome["replaced"] == 1


def test_a_crawl_forks_its_workers_unless_told_to_execute_them(site: Served, tmp_path: Path) -> None:
    page = ("-a", f"url={site.url}/qa/1001.html", "-s", "GUIDECRAWL_EXTRACT_WORKERS=2")
    forked = scrapy_crawl(*page, "-s", f"OUTPUT_DIR={tmp_path / 'forked'}")
    executed = scrapy_crawl(*page, "-s", f"OUTPUT_DIR={tmp_path / 'executed'}", "-s", "GUIDECRAWL_EXTRACT_FORK=False")
    assert forked.returncode == executed.returncode == Exit.OK, (forked.stderr[-1500:], executed.stderr[-1500:])
    forked_stats, executed_stats = final_stats(forked.stderr), final_stats(executed.stderr)
    assert forked_stats[STARTED_STAT.format(how="forked")] == 2
    assert forked_stats[STARTED_STAT.format(how="executed")] == 0
    assert executed_stats[STARTED_STAT.format(how="executed")] == 2
    assert executed_stats[STARTED_STAT.format(how="forked")] == 0


WARM_UP = """
import sys
from crawler.worker_fork import warm_extraction
warm_extraction()
print(sorted(m for m in ("trafilatura", "jieba", "opencc") if m in sys.modules))
print(getattr(sys.modules["trafilatura.external"], "JT_STOPLIST", None) is not None)
print(sys.modules["normalize.word_evidence"]._dictionary.cache_info().currsize)
"""


def test_the_warm_up_runs_the_stages_without_loading_jiebas_dictionary_or_jusTexts_stop_lists() -> None:
    """warm_pages.toml: every page is served by the demo site and extracts without an error (a failure would be
    logged as a warning); trafilatura and OpenCC get loaded, the word evidence's dictionary (≈ 100 MB) does not,
    nor the stop lists jusText loads for an English page without a sentence (≈ 25 MB): a worker loads those on the first
    page that needs them."""
    proc = subprocess.run([sys.executable, "-c", WARM_UP], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "warm-up failed" not in proc.stderr, proc.stderr[-2000:]
    loaded, stop_lists, dictionaries = proc.stdout.splitlines()[:3]
    assert loaded == "['opencc', 'trafilatura']"
    assert stop_lists == "False"
    assert dictionaries == "0"


SPEAK = """
import logging, sys
logging.basicConfig(filename=sys.argv[1], level=logging.DEBUG)
logging.getLogger("before").warning("in the crawl's log")
from crawler.worker_fork import speak_like_an_executed_worker
speak_like_an_executed_worker()
logging.getLogger("trafilatura").warning("a worker's warning")
logging.getLogger("trafilatura").info("a worker's info")
print("a stray print")
"""


def test_a_forked_worker_logs_and_prints_to_stderr_not_to_the_crawls_log_or_result_pipe(tmp_path: Path) -> None:
    log = tmp_path / "crawl.log"
    proc = subprocess.run([sys.executable, "-c", SPEAK, str(log)], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert log.read_text().splitlines() == ["WARNING:before:in the crawl's log"]
    assert proc.stdout == ""  # stdout is the pipe results travel on
    assert proc.stderr.splitlines() == ["a worker's warning", "a stray print"]
