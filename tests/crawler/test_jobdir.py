"""`-s JOBDIR=...` pause/resume: a crawl stopped part-way resumes where it stopped, nothing lost or repeated."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from crawler.outcome import Exit
from tests.crawler.conftest import Served, scrapy_crawl
from tests.crawler.test_crawl_end_to_end import DOCUMENTS, ERRORS

pytestmark = pytest.mark.slow


def test_stopped_crawl_resumes_from_its_job_directory(site: Served, tmp_path: Path) -> None:
    out, job = tmp_path / "out", tmp_path / "job"
    common = (
        "-a", "site=fixture", "-a", f"base_url={site.url}", "-s", f"OUTPUT_DIR={out}", "-s", f"JOBDIR={job}",
        "-s", "LOG_LEVEL=INFO", "-s", 'DOWNLOAD_SLOTS={"127.0.0.1": {"concurrency": 1, "delay": 0.1}}',
    )  # fmt: skip
    site.set_version(1)
    first = scrapy_crawl(*common, "-s", "CLOSESPIDER_PAGECOUNT=4", "-s", "GUIDECRAWL_RUN_ID=part1")
    assert first.returncode in (Exit.OK, Exit.PAGES_FAILED), first.stderr[-2000:]
    assert "closespider_pagecount" in first.stderr
    assert "'scheduler/unserializable'" not in first.stderr  # every request went to the disk queue
    second = scrapy_crawl(*common, "-s", "GUIDECRAWL_RUN_ID=part2")
    assert second.returncode == Exit.PAGES_FAILED, second.stderr[-2000:]
    assert "Resuming crawl" in second.stderr
    documents = pd.read_parquet(out / "documents")
    errors = pd.read_parquet(out / "errors")
    assert set(documents["run_id"]) == {"part1", "part2"}
    urls = [u.removeprefix(site.url) for u in documents["url"]]
    assert sorted(urls) == sorted(DOCUMENTS)  # each page once, across the two runs
    assert sorted(u.removeprefix(site.url) for u in errors["url"]) == sorted(ERRORS)
