"""CPU a page of what an extraction worker does: `process_page` (and, with --links, the links it follows) over the
articles the crawl benchmark serves (`crawler.fixture_server --replicate N`: the demo site's guide pages, each
with a sentence of its own), in this process, after one warm-up pass (data tables loaded, regexes compiled).

    .venv/bin/python benchmarks/extraction_cpu.py                  # 70 articles, best of 3 passes
    .venv/bin/python benchmarks/extraction_cpu.py --links --profile 25
    .venv/bin/python benchmarks/extraction_cpu.py --links --frames   # + the result's trip to the crawl process
    .venv/bin/python benchmarks/extraction_cpu.py --warm-up          # what a forked worker starts with

Prints CPU ms a page (process time) of each pass and the best; `--profile N` adds cProfile's N most expensive
functions (own time) of one more pass. The number is what `benchmarks/crawl.py` reports as the workers' CPU a
page, without the workers' start-up and the pipes; `--frames` adds what the pipe costs both ends: the result
pickled into a frame as a worker sends it and read back as the crawl process reads it. `--warm-up` measures
instead what the crawl process spends warming the stages before it forks its workers (`warm_extraction`, in a
process that has imported what the crawl process imports before Scrapy's clock starts), and what a worker then
spends, once, on the first page of each kind the warm-up leaves to it.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pickle
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.extraction_worker import HEADER, frame  # noqa: E402
from crawler.fixture_server import DEFAULT_ROOT, bench_routes, load_routes  # noqa: E402
from crawler.links import links_of  # noqa: E402
from crawler.sites import load_sites  # noqa: E402
from extract.pipeline import process_page  # noqa: E402

SITE = "fixture-bench"
# Demo-site pages whose first extraction loads what the warm-up leaves to the workers (crawler/warm_pages.toml).
LEFT_TO_WORKERS = {
    "/news/preview/draft.html": "a Chinese page without a sentence of its own (no fallback extractor, no stop lists)",
    "/news/2007/fuzhou_guide.html": "jieba's dictionary (the mojibake repair's word evidence)",
}


def rss_mb() -> float:
    """Resident set size of this process (Linux; 0 elsewhere)."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return 0.0


def warm_up() -> None:
    import crawler.pipelines  # what the crawl process has imported when its clock starts
    import crawler.spiders.guides  # noqa: F401
    from crawler import worker_fork
    from crawler.extraction_pool import extract_page
    from crawler.fixture_server import route_key

    began, before = time.process_time(), rss_mb()
    worker_fork.warm_extraction()
    print(f"warm-up: {time.process_time() - began:.2f} s CPU, RSS +{rss_mb() - before:.0f} MB")
    site, routes = load_sites(())["fixture"], load_routes(DEFAULT_ROOT)
    for path, what in LEFT_TO_WORKERS.items():
        route = routes[route_key(path)]
        costs = []
        for _ in range(2):
            began, before = time.process_time(), rss_mb()
            headers = {"Content-Type": route.content_type or "text/html"}
            extract_page(route.body(1), headers, f"http://127.0.0.1{path}", site, "hans", None, None)
            costs.append(f"{(time.process_time() - began) * 1000:.0f} ms (RSS +{rss_mb() - before:.0f} MB)")
        print(f"{path}, {what}: first {costs[0]}, again {costs[1]}")


def articles(count: int) -> list[tuple[bytes, dict[str, str], str]]:
    """(body, headers, url) of the benchmark's first `count` articles, bytes as the fixture server sends them."""
    routes = bench_routes(load_routes(DEFAULT_ROOT), count)
    return [
        (route.body(1), {"Content-Type": route.content_type or "text/html"}, f"http://127.0.0.1:8000{path}")
        for (path, _), route in routes.items()
        if path.startswith("/bench/a")
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=70, help="articles (default 70: ten of each guide page)")
    parser.add_argument("--passes", type=int, default=3, help="timed passes; the best is the number (default 3)")
    parser.add_argument("--links", action="store_true", help="also find the links to follow, as a worker does")
    parser.add_argument("--frames", action="store_true", help="also pickle each result and read it back")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the N costliest functions")
    parser.add_argument("--warm-up", action="store_true", help="measure the crawl process's warm-up instead")
    args = parser.parse_args()
    if args.pages < 1 or args.passes < 1:
        parser.error("--pages and --passes must be 1 or more")
    if args.warm_up:
        warm_up()
        return 0
    pages = articles(args.pages)
    site = load_sites(())[SITE]

    fetched_at = dt.datetime.now(dt.UTC)

    def one_pass() -> None:
        for body, headers, url in pages:
            result = process_page(body, headers, url, site=SITE, fetched_at=fetched_at)
            links = links_of(body, headers, url, site) if args.links else []
            if args.frames:  # as crawler/extraction_worker.py sends it and crawler/extraction_pool.py reads it
                pickle.loads(frame((1, True, (result, links)))[HEADER.size :])

    one_pass()  # warm-up: what a worker does once, at its first pages
    costs = []
    for _ in range(args.passes):
        began = time.process_time()
        one_pass()
        costs.append((time.process_time() - began) / len(pages) * 1000)
    what = " + ".join(["process_page", *(["links_of"] if args.links else []), *(["frames"] if args.frames else [])])
    print(f"{what}: {len(pages)} pages, CPU ms a page per pass {' '.join(f'{c:.2f}' for c in costs)}")
    print(f"best {min(costs):.2f} ms a page")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(one_pass)
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
