"""`guidecrawl views` and `guidecrawl report` on a large output: R runs of N pages each.

    .venv/bin/python benchmarks/report.py [--pages 10000] [--runs 2] [--keep DIR]

The 17 verbatim real fixture pages (tests/fixtures/pages, read through tests/fixture_pages.py: stored byte for
byte as their sources have them) go through `extract.pipeline.process_page` once; their results are then written
R times over, N pages a run, by the real `DatasetWriter` (Parquet), each copy with its own URL, as R crawls of the
same N pages. Measured: the wall time of `guidecrawl views OUT` and `guidecrawl report
OUT` as subprocesses, the report process's peak RSS, the time of three first questions through the views, and
that `latest_documents` holds each page once. Pinned ceilings (the run fails when crossed): each command under
60 s and the report under 500 MB at 10,000 pages × 2 runs.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.pipeline import PageResult, process_page  # noqa: E402
from output.dataset import DatasetWriter  # noqa: E402
from tests.fixture_pages import real_pages  # noqa: E402

MAX_SECONDS = 60.0
MAX_RSS_MB = 500
QUESTIONS = {
    "pages per site": "select site, count(*) from latest_documents group by site",
    "entities per kind": "select kind, count(*) from entities group by kind",
    "top phones": "select value, count(distinct doc_id) as n from latest_phones group by all order by n desc limit 10",
}


def corpus_results() -> list[PageResult]:
    results = []
    for page in real_pages():
        url = page.url or f"http://bench.example/{page.id}.html"
        results.append(process_page(page.body, {}, url, site="bench"))
    return results


def write_runs(out: Path, results: list[PageResult], pages: int, runs: int) -> None:
    for run in range(runs):
        fetched = dt.datetime(2026, 12, 6, tzinfo=dt.UTC) + dt.timedelta(days=run)
        with DatasetWriter(out, run_id=f"bench{run}", formats=("parquet",)) as writer:
            for i in range(pages):
                result = copy.copy(results[i % len(results)])
                result.url = f"http://bench.example/{i % len(results)}/{i}.html"
                result.fetched_at = fetched
                writer.write_page(result)


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of a subprocess; RSS sampled every 50 ms when psutil is installed."""
    began = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    peak = 0.0
    try:
        import psutil

        watched = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                peak = max(peak, watched.memory_info().rss / 2**20)
            except psutil.Error:
                break
            time.sleep(0.05)
    except ImportError:
        pass
    if proc.wait() != 0:
        raise SystemExit(f"{' '.join(command)} failed with status {proc.returncode}")
    return time.perf_counter() - began, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="write the output here and keep it")
    args = parser.parse_args()

    import duckdb

    work = args.keep or Path(tempfile.mkdtemp(prefix="guidecrawl-bench-report-"))
    out = work / "out"
    try:
        shutil.rmtree(out, ignore_errors=True)
        began = time.perf_counter()
        write_runs(out, corpus_results(), args.pages, args.runs)
        print(f"wrote {args.runs} runs of {args.pages} pages in {time.perf_counter() - began:.1f} s", file=sys.stderr)
        views_s, _ = timed([sys.executable, "-m", "cli", "views", str(out)])
        report_s, report_mb = timed([sys.executable, "-m", "cli", "report", str(out)])
        with duckdb.connect(str(out / "guidecrawl.duckdb"), read_only=True) as con:
            (rows,) = con.sql("select count(*) from documents").fetchone() or (0,)
            (latest,) = con.sql("select count(*) from latest_documents").fetchone() or (0,)
            (entities,) = con.sql("select count(*) from entities").fetchone() or (0,)
            question_s = {}
            for name, sql in QUESTIONS.items():
                began = time.perf_counter()
                con.sql(sql).fetchall()
                question_s[name] = time.perf_counter() - began
        report_kb = (out / "report.html").stat().st_size / 1024
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print("| measure | value | ceiling |")
    print("|---|---|---|")
    print(f"| documents rows / latest_documents | {rows} / {latest} | latest = {args.pages} |")
    print(f"| latest entities | {entities} | |")
    print(f"| `guidecrawl views` | {views_s:.1f} s | < {MAX_SECONDS:.0f} s |")
    report_cell = f"{report_s:.1f} s, peak RSS {report_mb:.0f} MB, {report_kb:.0f} KB of HTML"
    print(f"| `guidecrawl report` | {report_cell} | < {MAX_SECONDS:.0f} s, < {MAX_RSS_MB} MB |")
    for name, seconds in question_s.items():
        print(f"| query: {name} | {seconds:.2f} s | |")
    failed = latest != args.pages or views_s >= MAX_SECONDS or report_s >= MAX_SECONDS or report_mb >= MAX_RSS_MB
    print("FAIL" if failed else "ok")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
