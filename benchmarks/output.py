"""10,000 saved pages through `guidecrawl extract`: peak memory and the share of the run spent writing.

    .venv/bin/python benchmarks/output.py [--pages 10000] [--jobs 1] [--format parquet,csv] [--keep DIR]

The pages are the 17 verbatim real fixture pages (tests/fixtures/pages, stored byte for byte as their sources have
them) replicated with variations, in the
web-archive layout (`<name>/body.html` + `info.json`): each copy gets its own URL and a paragraph with its
own phone number, amount, rate and date, encoded in the page's own charset, so no two documents are alike
and the entity tables get rows even while the parsers are young.

Pinned ceilings (the run fails when crossed): peak RSS of the extract process < 300 MB, and the time spent
inside the writer (row building, Arrow encoding, compression, CSV, file I/O: `RunSummary.write_seconds`, as
recorded in `out/_runs/<run_id>.json`) < 10% of the run's wall time.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixture_pages import real_pages  # noqa: E402

MAX_RSS_MB = 300
MAX_WRITE_SHARE = 0.10


def variation(i: int) -> str:
    return (
        f"<p>咨询电话：0591-8{i % 10_000_000:07d}，个人缴费{100 + i % 900}元/人·年，"
        f"报销比例{50 + i % 40}%，{2020 + i % 6}年{1 + i % 12}月{1 + i % 28}日起执行。</p>"
    )


def generate(dest: Path, pages: int) -> None:
    sources = [(page.id, page.body, page.info.get("encoding") or "utf-8") for page in real_pages()]
    for i in range(pages):
        name, body, encoding = sources[i % len(sources)]
        extra = variation(i).encode(encoding, errors="xmlcharrefreplace")
        at = body.rfind(b"</body>")
        body = body[:at] + extra + body[at:] if at >= 0 else body + extra
        page = dest / f"{i // 1000:02d}" / f"{name}-{i:05d}"
        page.mkdir(parents=True)
        (page / "body.html").write_bytes(body)
        info = {"url": f"http://bench.example/{name}/{i}.html", "headers": {}}
        (page / "info.json").write_text(json.dumps(info), encoding="utf-8")


def peak_rss_mb(proc: subprocess.Popen[bytes]) -> tuple[float, float]:
    """(peak RSS of the extract process, peak RSS of it and its workers summed), in MB, sampled every 50 ms."""
    try:
        import psutil
    except ImportError:  # the bench extra is not installed: only the kernel's high-water mark, read at exit
        proc.wait()
        return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, float("nan")
    main = psutil.Process(proc.pid)
    peak_main = peak_sum = 0.0
    while proc.poll() is None:
        try:
            rss = main.memory_info().rss
            workers = sum(c.memory_info().rss for c in main.children(recursive=True))
        except psutil.Error:
            break
        peak_main, peak_sum = max(peak_main, rss), max(peak_sum, rss + workers)
        time.sleep(0.05)
    proc.wait()
    high_water = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return max(peak_main, high_water) / 2**20, peak_sum / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--format", default="parquet,csv")
    parser.add_argument("--keep", type=Path, help="generate pages and output here, and keep them")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="guidecrawl-bench-"))
    pages_dir, out = work / "pages", work / "out"
    try:
        if not pages_dir.exists():
            began = time.perf_counter()
            generate(pages_dir, args.pages)
            print(f"generated {args.pages} pages in {time.perf_counter() - began:.1f} s", file=sys.stderr)
        shutil.rmtree(out, ignore_errors=True)
        command = [sys.executable, "-m", "cli", "extract", str(pages_dir), "--out", str(out)]
        command += ["--format", args.format, "--jobs", str(args.jobs), "--run-id", "bench"]
        began = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE)
        rss_main, rss_all = peak_rss_mb(proc)
        wall = time.perf_counter() - began
        stdout = proc.stdout.read().decode() if proc.stdout else ""
        if proc.returncode != 0:
            print(f"extract failed with status {proc.returncode}", file=sys.stderr)
            return 1
        manifest = json.loads((out / "_runs" / "bench.json").read_text(encoding="utf-8"))
        summary = manifest["summary"]
        write_share = summary["write_seconds"] / wall
        size_mb = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print(stdout.rstrip())
    print()
    print("| measure | value | ceiling |")
    print("|---|---|---|")
    print(f"| pages | {summary['pages']} | |")
    print(f"| rows | {', '.join(f'{k} {v}' for k, v in summary['rows'].items())} | |")
    print(f"| wall time | {wall:.1f} s ({summary['pages'] / wall:.0f} pages/s) | |")
    print(f"| time in the writer | {summary['write_seconds']:.2f} s = {write_share:.1%} of the run | < 10% |")
    print(f"| peak RSS, extract process | {rss_main:.0f} MB | < {MAX_RSS_MB} MB |")
    print(f"| peak RSS, with --jobs workers | {rss_all:.0f} MB | |")
    print(f"| output size ({args.format}) | {size_mb:.1f} MB | |")
    failed = rss_main >= MAX_RSS_MB or write_share >= MAX_WRITE_SHARE
    print("FAIL: a ceiling was crossed" if failed else "ok: under both ceilings")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
