"""Crawl throughput and memory: the full pipeline (`scrapy crawl guides`) against a bare Scrapy crawl of the
same pages, on the fixture site replicated to N articles (`python -m crawler.fixture_server --replicate N`).

    .venv/bin/python benchmarks/crawl.py                        # throughput, 2,000 pages, both scenarios
    .venv/bin/python benchmarks/crawl.py --pages 10000 --memory  # + RSS of the full crawl over 10,000 pages

Two scenarios: "local" (0 ms server latency, 32 requests in flight: CPU-bound, the pipeline's own cost shows
in full) and "remote" (250 ms per answer, 16 requests in flight: what a crawl of real portals looks like, and
far more than the production profile's politeness allows one site). Both crawls run as `scrapy` subprocesses
with the bench profile, follow the same
listing → article links and fetch the same bytes; the bare crawl yields one tiny item per page and does
nothing else, the full crawl decodes, extracts, normalizes, finds entities and writes Parquet + CSV.
The full crawl runs `process_page` in its extraction pool (one worker process per core, the production default);
"inline" is the same crawl with GUIDECRAWL_EXTRACT_WORKERS=0 (extraction in the reactor thread), for comparison.
Pages/s = responses / Scrapy's elapsed_time_seconds; "lag" is the longest the reactor was kept from running
(crawler/reactor_lag.py). With --memory the full crawl's RSS is sampled (psutil: the crawl process plus its
extraction workers) against the number of pages served so far.
Pinned floors, measured in one run: full ≥ 85 % of bare pages/s at 250 ms latency, ≥ 50 % at zero latency.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import scrapy
from scrapy.linkextractors import LinkExtractor

REPO = Path(__file__).resolve().parent.parent
SCRAPY = str(Path(sys.executable).with_name("scrapy"))
FLOORS = {"remote": 0.85, "local": 0.50}  # full / bare pages/s
KINDS = ("bare", "full", "inline")
# name → (server latency in seconds, requests in flight)
SCENARIOS = {"local": (0.0, 32), "remote": (0.25, 16)}


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


class Server:
    def __init__(self, pages: int, latency: float, log: Path) -> None:
        self.args = ["--replicate", str(pages), "--latency", str(latency), "--access-log", str(log)]

    def __enter__(self) -> str:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "crawler.fixture_server", *self.args], cwd=REPO, stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait()


def stats_from_log(log: str) -> dict[str, object]:
    """Scrapy's final stats dump (a dict literal in the log) parsed back."""
    start = log.rindex("Dumping Scrapy stats:") + len("Dumping Scrapy stats:")
    text = log[start:]
    end = text.index("}\n") + 1
    literal = re.sub(r"datetime\.datetime\([^)]*\)", "None", text[:end])
    return ast.literal_eval(literal.strip())


def run_crawl(
    command: list[str], log_path: Path, sample_memory: bool
) -> tuple[dict[str, object], list[tuple[int, int]]]:
    samples: list[tuple[int, int]] = []  # (pages served so far, RSS bytes)
    with open(log_path.with_suffix(".scrapy.log"), "w") as log_file:
        process = subprocess.Popen(command, cwd=REPO, stderr=log_file, stdout=subprocess.DEVNULL)
        if sample_memory:
            import psutil

            ps = psutil.Process(process.pid)
            while process.poll() is None:
                try:
                    tree = [ps, *ps.children(recursive=True)]
                    rss = sum(p.memory_info().rss for p in tree if p.is_running())
                except psutil.NoSuchProcess:
                    break
                served = sum(1 for _ in log_path.open()) if log_path.exists() else 0
                samples.append((served, rss))
                time.sleep(1.0)
        process.wait()
    log = log_path.with_suffix(".scrapy.log").read_text()
    if process.returncode not in (0, 3):  # crawler.outcome: 3 = some pages failed
        raise SystemExit(f"crawl failed ({process.returncode}):\n{log[-3000:]}")
    return stats_from_log(log), samples


def measure(kind: str, pages: int, latency: float, inflight: int, tmp: Path, sample_memory: bool = False):  # type: ignore[no-untyped-def]
    access = tmp / f"{kind}-{latency}.access.log"
    slots = json.dumps({"127.0.0.1": {"concurrency": inflight, "delay": 0}})
    settings = ["-s", "GUIDECRAWL_PROFILE=bench", "-s", "LOG_LEVEL=INFO", "-s", "LOGSTATS_INTERVAL=600",
                "-s", f"CONCURRENT_REQUESTS={inflight}", "-s", f"DOWNLOAD_SLOTS={slots}",
                "-s", 'EXTENSIONS={"crawler.reactor_lag.ReactorLag": 0}']  # fmt: skip
    with Server(pages, latency, access) as url:
        if kind == "bare":
            command = [SCRAPY, "runspider", str(Path(__file__).resolve()), "-a", f"base_url={url}",
                       "-s", "ITEM_PIPELINES={}", *settings]  # fmt: skip
        else:
            out = tmp / f"out-{kind}-{latency}"
            workers = ["-s", "GUIDECRAWL_EXTRACT_WORKERS=0"] if kind == "inline" else []
            command = [SCRAPY, "crawl", "guides", "-a", "site=fixture-bench", "-a", f"base_url={url}",
                       "-s", f"OUTPUT_DIR={out}", *workers, *settings]  # fmt: skip
        stats, samples = run_crawl(command, access, sample_memory)
    responses = int(stats.get("downloader/response_count", 0))  # type: ignore[call-overload]
    elapsed = float(stats["elapsed_time_seconds"])  # type: ignore[arg-type]
    lag = int(stats.get("guidecrawl/reactor/max_lag_ms", 0))  # type: ignore[call-overload]
    return responses, elapsed, responses / elapsed, lag, samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--scenario", choices=SCENARIOS, nargs="*", default=list(SCENARIOS))
    parser.add_argument("--memory", action="store_true", help="sample the full crawl's RSS (needs psutil)")
    args = parser.parse_args()
    ratios = {}
    with tempfile.TemporaryDirectory(prefix="guidecrawl-bench-") as tmpdir:
        tmp = Path(tmpdir)
        print(f"{'scenario':>8} {'crawl':>6} {'responses':>9} {'seconds':>8} {'pages/s':>8} {'lag ms':>7}")
        for name in args.scenario:
            latency, inflight = SCENARIOS[name]
            rates = {}
            for kind in KINDS:
                sample = args.memory and kind != "bare"
                responses, elapsed, rate, lag, samples = measure(kind, args.pages, latency, inflight, tmp, sample)
                rates[kind] = rate
                print(f"{name:>8} {kind:>6} {responses:>9} {elapsed:>8.1f} {rate:>8.1f} {lag:>7}")
                if samples:
                    report_memory(samples, args.pages)
            ratios[name] = rates["full"] / rates["bare"]
            inline = rates["inline"] / rates["bare"]
            print(f"{name:>8} {'full/bare':>16} {ratios[name]:>18.0%}   (inline/bare {inline:.0%})")
    status = 0
    for name, ratio in ratios.items():
        ok = ratio >= FLOORS[name]
        status |= not ok
        print(f"floor: full >= {FLOORS[name]:.0%} of bare in the {name} scenario: {'ok' if ok else 'BELOW FLOOR'}")
    return status


def report_memory(samples: list[tuple[int, int]], pages: int) -> None:
    mb = 1024 * 1024
    warm = next((rss for served, rss in samples if served >= pages // 10), samples[0][1])
    peak = max(rss for _, rss in samples)
    last = samples[-1][1]
    print(f"  RSS after 10% of pages {warm / mb:.0f} MB, at the end {last / mb:.0f} MB, peak {peak / mb:.0f} MB")
    for served, rss in samples[:: max(1, len(samples) // 10)]:
        print(f"    {served:>6} pages served  RSS {rss / mb:6.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
