"""Past one machine: site runs on 1 vs 2 Scrapyd nodes, and re-extraction on Dask vs `--jobs`.

    .venv/bin/python benchmarks/scale.py                       # both parts, the sizes below
    .venv/bin/python benchmarks/scale.py --part scrapyd --sites 4 --articles 100
    .venv/bin/python benchmarks/scale.py --part dask --pages 2000

scrapyd: SITES fixture sites (one `crawler.fixture_server` each, `--replicate ARTICLES`, 250 ms per answer, 8
requests in flight per site) crawled by `guidecrawl crawl --scrapyd` over one node, then over two nodes (all
Scrapyd processes on this machine, started here). Pages/s = pages fetched / wall time of the whole dispatch.
dask: PAGES saved pages (the fixture pages of tests/fixtures/pages, cycled, each with its own URL) extracted by
`guidecrawl extract` with --jobs 1, --jobs 2 and --dask local:2. Pages/s = pages / wall time of the command
(process start, imports and the cluster's start included: what a user waits for).

All nodes and workers share this machine's cores, so neither engine can beat one machine here: the numbers show
the overhead each adds, and how much of a 250 ms-latency crawl is waiting (which a second node does overlap).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.fixture_pages import saved_pages as fixture_pages  # noqa: E402
from tests.scale.conftest import fixture_site, scrapyd_node, service_env, sites_file  # noqa: E402

LATENCY = 0.25
CONCURRENCY = 8


def crawl_over_nodes(node_count: int, sites: int, articles: int, work: Path) -> tuple[int, float]:
    with ExitStack() as stack:
        nodes = [stack.enter_context(scrapyd_node(work / f"node{i}")) for i in range(node_count)]
        served = {
            f"site{i}": stack.enter_context(fixture_site(work / f"site{i}", replicate=articles, latency=LATENCY))
            for i in range(sites)
        }
        registry = sites_file(
            work / "sites.toml", {n: s.url for n, s in served.items()}, concurrency=CONCURRENCY,
            start="/bench/list_1.html",
        )  # fmt: skip
        command = [sys.executable, "-m", "cli", "crawl", *served, "--out", str(work / "out"), "--sites",
                   str(registry), "--profile", "bench", "--scrapyd", ",".join(n.url for n in nodes)]  # fmt: skip
        began = time.perf_counter()
        proc = subprocess.run(command, cwd=REPO, env=service_env(), capture_output=True, text=True)
        elapsed = time.perf_counter() - began
        if proc.returncode not in (0, 3):
            raise SystemExit(f"crawl over {node_count} node(s) failed: {proc.stderr.strip()[-500:]}")
        fetched = sum(sum(s.fetches().values()) for s in served.values())
        return fetched, elapsed


def saved_pages(folder: Path, count: int) -> None:
    """`count` web-archive pages (body.html + info.json), cycling through the fixture pages, each its own URL."""
    sources = fixture_pages()
    for i in range(count):
        source = sources[i % len(sources)]
        info = {**source.info, "url": f"http://bench.example/{i}/{source.id}.html"}
        target = folder / f"{i:05d}"
        target.mkdir(parents=True)
        (target / "body.html").write_bytes(source.body)
        (target / "info.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")


def extract(pages: Path, out: Path, *options: str) -> float:
    command = [sys.executable, "-m", "cli", "extract", str(pages), "--out", str(out), "--format", "parquet", *options]
    began = time.perf_counter()
    proc = subprocess.run(command, cwd=REPO, env=service_env(), capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"extract {' '.join(options)} failed: {proc.stderr.strip()[-500:]}")
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("scrapyd", "dask", "both"), default="both")
    parser.add_argument("--sites", type=int, default=4)
    parser.add_argument("--articles", type=int, default=100, help="article pages per site")
    parser.add_argument("--pages", type=int, default=2000, help="saved pages for the Dask part")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="guidecrawl-scale-") as tmp:
        work = Path(tmp)
        if args.part in ("scrapyd", "both"):
            print(f"scrapyd: {args.sites} sites x {args.articles} articles, {LATENCY} s latency, "
                  f"{CONCURRENCY} in flight per site")  # fmt: skip
            print(f"{'nodes':>6} {'pages':>6} {'seconds':>8} {'pages/s':>8}")
            for count in (1, 2):
                fetched, elapsed = crawl_over_nodes(count, args.sites, args.articles, work / f"scrapyd{count}")
                print(f"{count:>6} {fetched:>6} {elapsed:>8.1f} {fetched / elapsed:>8.1f}")
        if args.part in ("dask", "both"):
            pages = work / "saved"
            saved_pages(pages, args.pages)
            print(f"extract: {args.pages} saved pages")
            print(f"{'engine':>14} {'seconds':>8} {'pages/s':>8}")
            for name, options in (("--jobs 1", ["--jobs", "1"]), ("--jobs 2", ["--jobs", "2"]),
                                  ("--dask local:2", ["--dask", "local:2"])):  # fmt: skip
                elapsed = extract(pages, work / f"out-{name.replace(' ', '').replace(':', '')}", *options)
                print(f"{name:>14} {elapsed:>8.1f} {args.pages / elapsed:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
