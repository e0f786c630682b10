"""`scrapy crawl guides` exits with the run's outcome (crawler/outcome.py), like `guidecrawl crawl`: a feed
that cannot be written, a refused `-o`, a run id used twice, a time limit — each its own status, in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.outcome import NOT_FAILURES, Exit, Outcome, outcome, worst
from tests.crawler.conftest import Served, scrapy_crawl

pytestmark = pytest.mark.slow


def one_page(site: Served, *extra: str) -> tuple[int, str]:
    proc = scrapy_crawl("-a", f"url={site.url}/qa/1001.html", "-s", "LOG_LEVEL=ERROR", *extra)
    return proc.returncode, proc.stderr


def test_a_page_crawled_in_full_exits_0(site: Served, tmp_path: Path) -> None:
    status, _ = one_page(site, "-O", str(tmp_path / "pages.jsonl"))
    assert status == Exit.OK
    assert len((tmp_path / "pages.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_feed_that_cannot_be_written_exits_7(site: Served, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    status, stderr = one_page(site, "-O", str(blocker / "pages.jsonl"))  # its folder is a file
    assert status == Exit.OUTPUT_FAILED
    assert stderr.strip().splitlines()[-1] == "scrapy crawl: 1 feed(s) could not be written (exit 7)"


def test_append_refused_by_the_parquet_feed_exits_7(site: Served, tmp_path: Path) -> None:
    feed = tmp_path / "pages.parquet"
    assert one_page(site, "-O", str(feed))[0] == Exit.OK
    status, stderr = one_page(site, "-o", str(feed))
    assert status == Exit.OUTPUT_FAILED
    assert "refused -o (append)" in stderr.strip().splitlines()[-1]


def test_run_id_used_twice_is_refused_and_the_first_run_kept(site: Served, tmp_path: Path) -> None:
    common = ("-s", f"OUTPUT_DIR={tmp_path}", "-s", "GUIDECRAWL_RUN_ID=nightly")
    assert one_page(site, *common)[0] == Exit.OK
    first = sorted(p.name for p in tmp_path.rglob("part-*"))
    record = (tmp_path / "_runs" / "nightly.json").read_text(encoding="utf-8")
    status, stderr = one_page(site, *common)
    assert status == Exit.CONFIG
    assert (
        stderr.strip()
        .splitlines()[-1]
        .endswith("run id already used: " + str(tmp_path / "_runs" / "nightly.json") + " exists")
    )
    assert sorted(p.name for p in tmp_path.rglob("part-*")) == first
    assert (tmp_path / "_runs" / "nightly.json").read_text(encoding="utf-8") == record


def test_stats_file_of_a_scrapy_crawl_run(site: Served, tmp_path: Path) -> None:
    assert one_page(site, "-s", f"OUTPUT_DIR={tmp_path}", "-s", "GUIDECRAWL_RUN_ID=r1")[0] == Exit.OK
    record = json.loads((tmp_path / "_runs" / "r1.json").read_text(encoding="utf-8"))
    assert (record["status"], record["exit_reason"], record["finish_reason"]) == (0, "ok", "finished")
    assert record["pages"] == 1 and record["rows"]["documents"] == 1 and record["errors"] == {}
    assert record["duration_s"] > 0 and record["parts"] == 1


# The rules themselves, on final stats as Scrapy leaves them.
@pytest.mark.parametrize(
    ("stats", "expected"),
    [
        ({"finish_reason": "finished", "guidecrawl/responses": 9, "guidecrawl/requests/guide": 6}, Exit.OK),
        ({"finish_reason": "finished", "guidecrawl/responses": 9, "guidecrawl/requests/guide": 6,
          "guidecrawl/errors/robots/robots_disallowed": 1}, Exit.OK),
        ({"finish_reason": "finished", "guidecrawl/responses": 9, "guidecrawl/requests/guide": 6,
          "guidecrawl/errors/fetch/trap_depth": 1, "guidecrawl/errors/content/duplicate_content": 4}, Exit.OK),
        ({"finish_reason": "finished", "guidecrawl/responses": 9, "guidecrawl/requests/guide": 6,
          "guidecrawl/errors/fetch/http_404": 2}, Exit.PAGES_FAILED),
        ({"finish_reason": "finished", "guidecrawl/errors/fetch/connection_refused": 1}, Exit.UNREACHABLE),
        ({"finish_reason": "finished", "guidecrawl/responses": 1}, Exit.CONFIG),  # no guide page linked
        # one process of a crawl sharing its frontier: it fetched guide pages another process found
        ({"finish_reason": "finished", "guidecrawl/responses": 4, "guidecrawl/responses/guide": 4}, Exit.OK),
        ({"finish_reason": "closespider_timeout", "guidecrawl/responses": 3, "guidecrawl/requests/guide": 3},
         Exit.TIMEOUT),
        ({"finish_reason": "shutdown", "guidecrawl/responses": 3, "guidecrawl/requests/guide": 3}, Exit.INTERRUPTED),
        ({"finish_reason": "finished", "guidecrawl/responses": 3, "guidecrawl/output/failed": 1}, Exit.OUTPUT_FAILED),
        ({"finish_reason": "finished", "log_count/CRITICAL": 1}, Exit.INTERNAL),
    ],
)  # fmt: skip
def test_outcome_of_final_stats(stats: dict[str, object], expected: Exit) -> None:
    assert outcome(stats).exit == expected


def test_most_severe_site_decides_a_multi_site_run() -> None:
    sites = [Outcome(Exit.OK, "ok"), Outcome(Exit.PAGES_FAILED, "2 failed"), Outcome(Exit.UNREACHABLE, "down")]
    assert worst(sites).exit == Exit.UNREACHABLE
    assert worst([Outcome(Exit.OK, "ok")]).exit == Exit.OK


def test_every_trap_limit_is_a_policy_not_a_failure() -> None:
    from crawler.dedup import DUPLICATE
    from crawler.traps import LIMITS

    assert {f"trap_{limit}" for limit in LIMITS} | {DUPLICATE} <= NOT_FAILURES
