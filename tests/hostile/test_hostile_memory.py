"""Memory stays bounded for any single input: a page over the size cap is an errors row `too_large` and never
read; a huge robots.txt is read only up to its first 500 KiB. Peak RSS is measured on the real processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.conftest import GUIDE_TEXT, REPO, Crawl, HostileServer, errors_by_source, rows

pytestmark = pytest.mark.slow

# The process's own peak resident set (kB on Linux), printed after the command ran.
PEAK_RSS = (
    "import resource, sys; from cli.main import main; status = main(sys.argv[1:]); "
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr); sys.exit(status)"
)
MB = 1024 * 1024


def big_page(path: Path, megabytes: int) -> Path:
    paragraph = f"<p>{GUIDE_TEXT}</p>\n".encode()
    with path.open("wb") as f:
        f.write(b"<html><head><meta charset='utf-8'><title>big</title></head><body><div>")
        for _ in range(megabytes * MB // len(paragraph)):
            f.write(paragraph)
        f.write(b"</div></body></html>")
    return path


def extract_peak_mb(*args: str | Path) -> tuple[subprocess.CompletedProcess[str], int]:
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, "extract", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done, int(done.stderr.strip().splitlines()[-1])


def test_a_56_mb_page_is_too_large_and_costs_no_more_than_a_small_one(tmp_path: Path) -> None:
    small = tmp_path / "small"
    small.mkdir()
    (small / "small.html").write_bytes(f"<html><body><div><p>{GUIDE_TEXT}</p></div></body></html>".encode())
    _, baseline_mb = extract_peak_mb(small, "--out", tmp_path / "baseline", "--format", "parquet")
    pages = tmp_path / "pages"
    pages.mkdir()
    big_page(pages / "huge.html", 56)
    (pages / "small.html").write_bytes((small / "small.html").read_bytes())
    done, peak_mb = extract_peak_mb(pages, "--out", tmp_path / "out", "--format", "parquet")
    assert done.returncode == 0, done.stderr
    found = {Path(source).name: error for source, (error, _) in errors_by_source(tmp_path / "out").items()}
    assert found == {"huge.html": "too_large"}
    assert len(rows(tmp_path / "out", "documents")) == 1
    # was 2.06 GB when the page was read and parsed; now the same as a run of one small page
    assert peak_mb < baseline_mb + 100, f"peak RSS {peak_mb} MB, {baseline_mb} MB for one small page"


def test_a_12_mb_robots_txt_is_read_only_in_its_first_500_kib(
    wide_crawl: tuple[Crawl, HostileServer], misc_crawl: tuple[Crawl, HostileServer, HostileServer]
) -> None:
    crawl = wide_crawl[0]  # the site answers /robots.txt with 12 MB of rules
    baseline = misc_crawl[0].stats["memusage/max"]  # a crawl of a site with an ordinary robots.txt
    assert crawl.stats["guidecrawl/robots/truncated"] == 1
    # The file ends with "Disallow: /" for everyone: read whole, nothing would be fetched.
    assert len(crawl.documents) == 31
    assert crawl.stats["memusage/max"] < baseline + 150 * MB  # parsing the whole file cost 830 MB
