"""Crawl throughput and memory: the full pipeline (`scrapy crawl guides`) against a bare Scrapy crawl of the
same pages, on the fixture site replicated to N distinct articles (`python -m crawler.fixture_server --replicate N`).

    .venv/bin/python benchmarks/crawl.py                         # 1,000 articles, 3 rounds, both scenarios
    .venv/bin/python benchmarks/crawl.py --pages 2000 --rounds 5 --scenario remote --inline

Two scenarios: "local" (0 ms server latency, 32 requests in flight: CPU-bound, the pipeline's own cost shows
in full) and "remote" (250 ms per answer, 16 requests in flight: what a crawl of real portals looks like).
Both crawls run as `scrapy` subprocesses with the bench profile, follow the same listing → article links and
fetch the same bytes; the bare crawl yields one tiny item per page and does nothing else, the full crawl
decodes, extracts, normalizes, finds entities and writes Parquet + CSV with its state file, extraction in its
pool (one worker process per core, forked from the warmed crawl process: the production default). `--inline`
adds the same full crawl with GUIDECRAWL_EXTRACT_WORKERS=0 (extraction in the reactor thread), `--exec` with
GUIDECRAWL_EXTRACT_FORK=False (workers executed as `python -m crawler.extraction_worker`, each importing and
warming the stages itself), for comparison.

Same work or no number: every article is a distinct page (its own sentence in its main text), and each full
crawl must write one `documents` row per page the bare crawl fetched, with no `errors` row; otherwise the
benchmark stops with a one-line error instead of comparing different work.

Rounds interleave the crawls (bare, full, full, bare, …) so the machine's load falls on both alike.
Pages/s = responses / Scrapy's elapsed_time_seconds; the ratio is full / bare of the same round, and the floors
apply to the median ratio over the rounds: full ≥ 85 % of bare at 250 ms latency, ≥ 50 % at zero latency. The
same ratio by each process's whole wall time (Python start, imports and closing included, which Scrapy's elapsed
time leaves out for both crawls) is printed beside it. "lag" is the longest the reactor was kept from running
(crawler/reactor_lag.py). Peak RSS and CPU time are sampled every 0.2 s (psutil) for the crawl process and,
apart, for its extraction workers together; "PSS MB" is the peak proportional set size of the crawl process and
its workers together (a page they share counted once: forked workers share the crawl process's tables, which RSS
counts in every process). Reading PSS walks every page of a process (≈ 10 ms of CPU for the crawl process), so it
is read when the processes' RSS together reaches a new high and at least every PSS_SECONDS, not at every sample:
read every 0.2 s it took ≈ 15 % of a core from the crawl it measured, more from the full crawl (three processes
on both cores) than from the bare one (one process, a core to spare). "CPU ms/page" (crawl process, then workers)
is CPU time over responses, startup included: unlike pages/s it does not depend on what else the machine runs;
"clock" is the crawl process's CPU while Scrapy's clock ran (crawler/clock_cpu.py), without its start-up: the
per-page work of the two crawls.
"CPU wait" (Linux, /proc/PID/schedstat) is the share of the time the crawl's processes were ready to run but
waited for a core: high means the machine's load, not the crawl, set its pace."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import scrapy
from scrapy.linkextractors import LinkExtractor

from crawler.clock_cpu import CPU_STAT
from crawler.fixture_server import BENCH_PAGE_SIZE, fixture_server
from crawler.stats_log import final_stats

REPO = Path(__file__).resolve().parent.parent
SCRAPY = str(Path(sys.executable).with_name("scrapy"))
FLOORS = {"remote": 0.85, "local": 0.50}  # full / bare pages/s, median over the rounds
# name → (server latency in seconds, requests in flight)
SCENARIOS = {"local": (0.0, 32), "remote": (0.25, 16)}
# full-crawl variants for comparison (--inline, --exec) → their settings
KIND_SETTINGS = {"inline": ["-s", "GUIDECRAWL_EXTRACT_WORKERS=0"], "exec": ["-s", "GUIDECRAWL_EXTRACT_FORK=False"]}
SAMPLE_SECONDS = 0.2
PSS_SECONDS = 2.0  # PSS is also read at least this often (copy-on-write can raise it while RSS stays flat)
PSS_RSS_STEP = 1.03  # ... and whenever RSS together exceeds by 3 % what it was at the last PSS reading
MB = 1024 * 1024


class BareSpider(scrapy.Spider):
    """The same link following as `guides -a site=fixture-bench`, and nothing else."""

    name = "bare"
    article = re.compile(r"/bench/a\d+\.html$")
    listing = re.compile(r"/bench/list_\d+\.html$")

    def __init__(self, base_url: str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url
        self.links = LinkExtractor(unique=True)

    async def start(self):  # type: ignore[no-untyped-def]
        yield scrapy.Request(self.base_url + "/bench/list_1.html")

    def parse(self, response):  # type: ignore[no-untyped-def]
        for link in self.links.extract_links(response):
            if self.article.search(link.url) or self.listing.search(link.url):
                yield response.follow(link.url)
        yield {"url": response.url, "size": len(response.body)}


@dataclass(frozen=True)
class Crawl:
    kind: str  # bare | full | inline | exec
    responses: int
    pages: int  # bare: items (one per page); full: documents rows written
    errors: int  # errors rows written (full) — 0 when the crawl did the bare crawl's work
    seconds: float
    lag_ms: int
    peak_crawl_rss: int
    peak_workers_rss: int
    peak_pss: int  # crawl process + workers, pages they share counted once (Usage.peak_pss)
    crawl_cpu: float  # CPU seconds of the crawl process (user + system)
    clock_cpu: float  # of the crawl process while Scrapy's clock ran (crawler/clock_cpu.py): no start-up
    workers_cpu: float  # of its extraction workers together
    cpu_wait: float | None  # share of its runnable time spent waiting for a CPU (Usage.cpu_wait)
    wall: float = 0.0  # seconds from the process's start to its exit: imports, warm-up and closing included

    @property
    def rate(self) -> float:
        return self.responses / self.seconds

    @property
    def wall_rate(self) -> float:
        return self.responses / self.wall


class NotTheSameWork(SystemExit):
    """The full crawl did not write a document for every page the bare crawl fetched."""


@dataclass
class Usage:
    """Peak RSS and CPU seconds of a crawl process and, apart, of its child processes (the extraction workers)."""

    peak_crawl_rss: int = 0
    peak_workers_rss: int = 0
    # Proportional set size of the crawl process and its workers together: a page shared by k processes counts
    # 1/k in each, so a forked worker's pages shared with the crawl process are counted once (RSS counts them in
    # every process). Linux only (/proc/PID/smaps_rollup); 0 elsewhere.
    peak_pss: int = 0
    crawl_cpu: float = 0.0
    workers_cpu: dict[int, float] = field(default_factory=dict)  # pid → CPU seconds last seen
    # pid → (seconds running, seconds runnable but waiting for a CPU) from /proc/PID/schedstat (Linux)
    scheduled: dict[int, tuple[float, float]] = field(default_factory=dict)
    _pss_rss: int = 0  # RSS together at the last PSS reading
    _pss_read: float = 0.0  # when (time.monotonic) PSS was last read

    @property
    def cpu_wait(self) -> float | None:
        """Of the time the crawl's processes wanted a CPU, the share they waited for one: near 0 on an idle
        machine, high when other work holds the cores (then the load, not the crawl, sets pages/s)."""
        running = sum(run for run, _ in self.scheduled.values())
        waiting = sum(wait for _, wait in self.scheduled.values())
        return waiting / (running + waiting) if running + waiting else None

    def sample(self, crawl: Any) -> None:
        import psutil

        children = crawl.children(recursive=True)
        for pid in [crawl.pid, *(child.pid for child in children)]:
            with contextlib.suppress(OSError, ValueError):
                run_ns, wait_ns, _ = Path(f"/proc/{pid}/schedstat").read_text().split()
                self.scheduled[pid] = (int(run_ns) / 1e9, int(wait_ns) / 1e9)
        crawl_rss = crawl.memory_info().rss
        self.peak_crawl_rss = max(self.peak_crawl_rss, crawl_rss)
        times = crawl.cpu_times()
        self.crawl_cpu = times.user + times.system
        workers = 0
        for child in children:
            with contextlib.suppress(psutil.NoSuchProcess):  # a worker that just exited
                workers += child.memory_info().rss
                times = child.cpu_times()
                self.workers_cpu[child.pid] = times.user + times.system
        self.peak_workers_rss = max(self.peak_workers_rss, workers)
        now = time.monotonic()
        if crawl_rss + workers < self._pss_rss * PSS_RSS_STEP and now - self._pss_read < PSS_SECONDS:
            return
        self._pss_rss, self._pss_read = max(crawl_rss + workers, self._pss_rss), now
        pss = 0
        for process in [crawl, *children]:
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied, AttributeError):
                pss += process.memory_full_info().pss
        self.peak_pss = max(self.peak_pss, pss)


def run_crawl(command: list[str], log_path: Path) -> tuple[dict[str, object], Usage, float]:
    """Run one crawl; its closing stats, what it used (sampled every SAMPLE_SECONDS while it runs) and its wall
    time from start to exit."""
    import psutil

    usage = Usage()
    started = time.perf_counter()
    with open(log_path, "w") as log_file:
        process = subprocess.Popen(command, cwd=REPO, stderr=log_file, stdout=subprocess.DEVNULL)
        crawl = psutil.Process(process.pid)
        while process.poll() is None:
            try:
                usage.sample(crawl)
            except psutil.NoSuchProcess:
                break
            time.sleep(SAMPLE_SECONDS)
        process.wait()
    wall = time.perf_counter() - started
    log = log_path.read_text()
    if process.returncode != 0:
        raise SystemExit(f"crawl failed ({process.returncode}), see {log_path}:\n{log[-3000:]}")
    return final_stats(log), usage, wall


def table_rows(out: Path, table: str) -> int:
    import pyarrow.dataset as ds

    return ds.dataset(out / table, format="parquet", partitioning="hive").count_rows()


def measure(kind: str, pages: int, latency: float, inflight: int, tmp: Path, label: str) -> Crawl:
    slots = json.dumps({"127.0.0.1": {"concurrency": inflight, "delay": 0}})
    settings = ["-s", "GUIDECRAWL_PROFILE=bench", "-s", "LOG_LEVEL=INFO", "-s", "LOGSTATS_INTERVAL=600",
                "-s", f"CONCURRENT_REQUESTS={inflight}", "-s", f"DOWNLOAD_SLOTS={slots}",
                "-s", 'EXTENSIONS={"crawler.reactor_lag.ReactorLag": 0, "crawler.clock_cpu.ClockCpu": 0}']  # fmt: skip
    out = tmp / f"out-{label}"
    with fixture_server(replicate=pages, latency=latency) as url:
        if kind == "bare":
            command = [SCRAPY, "runspider", str(Path(__file__).resolve()), "-a", f"base_url={url}",
                       "-s", "ITEM_PIPELINES={}", *settings]  # fmt: skip
        else:
            workers = KIND_SETTINGS.get(kind, [])
            command = [SCRAPY, "crawl", "guides", "-a", "site=fixture-bench", "-a", f"base_url={url}",
                       "-s", f"OUTPUT_DIR={out}", *workers, *settings]  # fmt: skip
        stats, usage, wall = run_crawl(command, tmp / f"{label}.scrapy.log")
    if kind == "bare":
        written, errors = int(stats.get("item_scraped_count", 0)), 0  # type: ignore[call-overload]
    else:
        written, errors = table_rows(out, "documents"), table_rows(out, "errors")
    return Crawl(
        kind=kind,
        responses=int(stats.get("downloader/response_count", 0)),  # type: ignore[call-overload]
        pages=written,
        errors=errors,
        seconds=float(stats["elapsed_time_seconds"]),  # type: ignore[arg-type]
        lag_ms=int(stats.get("guidecrawl/reactor/max_lag_ms", 0)),  # type: ignore[call-overload]
        peak_crawl_rss=usage.peak_crawl_rss,
        peak_workers_rss=usage.peak_workers_rss,
        peak_pss=usage.peak_pss,
        crawl_cpu=usage.crawl_cpu,
        clock_cpu=int(stats.get(CPU_STAT, 0)) / 1000,  # type: ignore[call-overload]
        workers_cpu=sum(usage.workers_cpu.values()),
        cpu_wait=usage.cpu_wait,
        wall=wall,
    )


def check_same_work(crawl: Crawl, expected_pages: int) -> None:
    """A crawl that fetched or wrote other than every page of the site is not a measure: stop, in one line."""
    if crawl.pages != expected_pages or crawl.errors:
        raise NotTheSameWork(
            f"crawl.py: error: the {crawl.kind} crawl wrote {crawl.pages} pages and {crawl.errors} errors rows, "
            f"the site has {expected_pages} pages: the crawls would not compare the same work"
        )


def round_order(kinds: list[str], round_number: int) -> list[str]:
    """bare first in even rounds, last in odd ones: a load that drifts during a round hits both alike."""
    return kinds if round_number % 2 == 0 else kinds[::-1]


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="articles on the site (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per scenario (default 3)")
    parser.add_argument("--scenario", choices=SCENARIOS, nargs="*", default=list(SCENARIOS))
    parser.add_argument("--inline", action="store_true", help="also run the full crawl without its pool")
    parser.add_argument(
        "--exec", action="store_true", help="also run the full crawl with executed workers instead of forked ones"
    )
    args = parser.parse_args()
    if args.pages < 1 or args.rounds < 1:
        parser.error("--pages and --rounds must be 1 or more")
    expected = args.pages + -(-args.pages // BENCH_PAGE_SIZE)  # articles + listing pages
    kinds = ["bare", "full", *(["inline"] if args.inline else []), *(["exec"] if args.exec else [])]
    medians: dict[str, float] = {}
    print(f"{args.pages} articles + {expected - args.pages} listings = {expected} pages a crawl; load {load()}")
    with tempfile.TemporaryDirectory(prefix="guidecrawl-bench-") as tmpdir:
        tmp = Path(tmpdir)
        print(
            f"{'scenario':>8} {'round':>5} {'crawl':>6} {'responses':>9} {'pages':>6} {'seconds':>8} {'pages/s':>8}"
            f" {'lag ms':>7} {'crawl MB':>8} {'workers MB':>10} {'PSS MB':>6} {'CPU ms/page':>11} {'clock':>5}"
            f" {'workers':>7}"
            f" {'CPU wait':>8}"
        )
        for name in args.scenario:
            latency, inflight = SCENARIOS[name]
            crawls: dict[str, list[Crawl]] = {kind: [] for kind in kinds}
            for round_number in range(args.rounds):
                for kind in round_order(kinds, round_number):
                    crawl = measure(kind, args.pages, latency, inflight, tmp, f"{name}-{round_number}-{kind}")
                    print(
                        f"{name:>8} {round_number + 1:>5} {kind:>6} {crawl.responses:>9} {crawl.pages:>6}"
                        f" {crawl.seconds:>8.1f} {crawl.rate:>8.1f} {crawl.lag_ms:>7}"
                        f" {crawl.peak_crawl_rss / MB:>8.0f} {crawl.peak_workers_rss / MB:>10.0f}"
                        f" {crawl.peak_pss / MB:>6.0f}"
                        f" {crawl.crawl_cpu * 1000 / crawl.responses:>11.1f}"
                        f" {crawl.clock_cpu * 1000 / crawl.responses:>5.1f}"
                        f" {crawl.workers_cpu * 1000 / crawl.responses:>7.1f}"
                        f" {'' if crawl.cpu_wait is None else f'{crawl.cpu_wait:.0%}':>8}",
                        flush=True,
                    )
                    check_same_work(crawl, expected)
                    crawls[kind].append(crawl)
            medians[name] = summarize(name, crawls_by_kind=crawls)
    print(f"load {load()}")
    status = 0
    for name, ratio in medians.items():
        ok = ratio >= FLOORS[name]
        status |= not ok
        verdict = "ok" if ok else "BELOW FLOOR"
        print(f"floor: full >= {FLOORS[name]:.0%} of bare in the {name} scenario: {ratio:.0%} {verdict}")
    return status


def summarize(name: str, crawls_by_kind: dict[str, list[Crawl]]) -> float:
    """Print the scenario's per-round ratios, medians and peak memory; return the median full/bare ratio."""
    bare = crawls_by_kind["bare"]
    median_rate = {kind: statistics.median(c.rate for c in crawls) for kind, crawls in crawls_by_kind.items()}
    ratios = {}
    for kind, crawls in crawls_by_kind.items():
        if kind == "bare":
            continue
        per_round = [c.rate / b.rate for c, b in zip(crawls, bare, strict=True)]
        ratios[kind] = statistics.median(per_round)
        rounds = " ".join(f"{r:.0%}" for r in per_round)
        wall = statistics.median(c.wall_rate / b.wall_rate for c, b in zip(crawls, bare, strict=True))
        print(
            f"{name:>8} {kind}/bare: rounds {rounds}, median {ratios[kind]:.0%}"
            f" ({median_rate[kind]:.1f} vs {median_rate['bare']:.1f} pages/s);"
            f" by whole-process wall time {wall:.0%}"
        )
    for kind, crawls in crawls_by_kind.items():
        crawl_peak = max(c.peak_crawl_rss for c in crawls) / MB
        workers_peak = max(c.peak_workers_rss for c in crawls) / MB
        pss_peak = max(c.peak_pss for c in crawls) / MB
        cpu = statistics.median((c.crawl_cpu + c.workers_cpu) * 1000 / c.responses for c in crawls)
        clock = statistics.median(c.clock_cpu * 1000 / c.responses for c in crawls)
        waits = [c.cpu_wait for c in crawls if c.cpu_wait is not None]
        wait = f", waited for a CPU {statistics.median(waits):.0%} of the time" if waits else ""
        print(
            f"{name:>8} {kind}: peak RSS crawl process {crawl_peak:.0f} MB, extraction workers {workers_peak:.0f} MB,"
            f" PSS together {pss_peak:.0f} MB; CPU {cpu:.1f} ms a page (crawl process in Scrapy's clock {clock:.1f})"
            f"{wait}"
        )
    return ratios["full"]


if __name__ == "__main__":
    sys.exit(main())
