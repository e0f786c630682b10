"""Serve the bundled fixture site on 127.0.0.1, crawl it with the real spider, write the tables to --out and
print a summary (documents, records, entities per kind, errors). Needs no network.

The fixture site (crawler/demo_site, package data: portal listings, GBK/GB18030/Big5/UTF-8 articles, a Discuz!
thread over two pages, a Q&A page, an English page, a misdeclared charset, a 404, a redirect, a robots.txt rule) is
served by `python -m crawler.fixture_server`; the crawl is `scrapy crawl guides -a site=fixture` in a subprocess, with
the demo profile and the settings module named in the environment, so it runs from any folder, from a checkout
or an installed wheel. Each demo run starts from a fresh crawl state, so it always shows the whole site.

Examples:
  guidecrawl demo --out out/demo
  make demo
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent  # the checkout, or site-packages once installed
SITE_DIR = REPO_ROOT / "crawler" / "demo_site"
SETTINGS_MODULE = "crawler.settings"
SERVER_START_TIMEOUT = 15.0
CRAWL_TIMEOUT = 300.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default="out/demo", help="output folder (default: out/demo)")
    parser.add_argument(
        "--log", action="store_true", help="show the crawl's own log (Scrapy INFO) instead of warnings only"
    )


def run(args: argparse.Namespace) -> int:
    from cli.errors import CommandError

    if not (SITE_DIR / "routes.toml").is_file():
        raise CommandError(f"the demo site is missing from this installation (no routes.toml in {SITE_DIR})")
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    run_id = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-demo-" + uuid.uuid4().hex[:8]
    with _served(SITE_DIR) as server_url, tempfile.TemporaryDirectory(prefix="guidecrawl-demo-") as tmp:
        started = time.monotonic()
        command = [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "guides",
            "-a",
            "site=fixture",
            "-a",
            f"base_url={server_url}",
            "-s",
            "GUIDECRAWL_PROFILE=demo",
            "-s",
            f"OUTPUT_DIR={out}",
            "-s",
            f"STATE_FILE={Path(tmp) / 'state.sqlite'}",
            "-s",
            f"GUIDECRAWL_RUN_ID={run_id}",
            "-s",
            f"LOG_LEVEL={'INFO' if args.log else 'WARNING'}",
        ]
        try:
            crawl = subprocess.run(command, cwd=REPO_ROOT, env=crawl_env(), timeout=CRAWL_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise CommandError(f"the crawl did not finish in {CRAWL_TIMEOUT:.0f} s", status=1) from None
        elapsed = time.monotonic() - started
    if crawl.returncode not in (0, 3):  # crawler.outcome: 3 = some pages failed (the fixture site's 404s)
        raise CommandError(f"the crawl failed (scrapy exit status {crawl.returncode})", status=1)
    summary = read_run(out, run_id)
    print(format_summary(summary, server_url, Path(args.out), elapsed))  # the folder as the user named it
    return 0


@contextmanager
def _served(root: Path) -> Iterator[str]:
    """The fixture site served (crawler.fixture_server.fixture_server); a start failure is a one-line error."""
    from cli.errors import CommandError
    from crawler.fixture_server import FixtureServerError, fixture_server

    try:
        with fixture_server(root) as url:
            yield url
    except FixtureServerError as exc:
        raise CommandError(str(exc), status=1) from None


def crawl_env() -> dict[str, str]:
    """The environment of the crawl subprocess: our settings module named outright, because an installed wheel
    has no scrapy.cfg beside it (and a user's SCRAPY_SETTINGS_MODULE for another project must not leak in)."""
    return {**os.environ, "SCRAPY_SETTINGS_MODULE": SETTINGS_MODULE}


def read_run(out: Path, run_id: str) -> dict[str, Any]:
    """The rows this run wrote, per table, read back from its Parquet files."""
    import pyarrow.parquet as pq

    from output.schema import ENTITY_TABLES

    def rows(table: str) -> list[dict[str, Any]]:
        files = sorted(out.glob(f"{table}/crawl_date=*/part-{run_id}*.parquet"))  # a run's parts
        return [row for f in files for row in pq.read_table(f).to_pylist()]

    documents = rows("documents")
    return {
        "documents": documents,
        "entities": {t.kind: len(rows(t.name)) for t in ENTITY_TABLES},
        "errors": rows("errors"),
    }


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counter.most_common()) or "none"


def format_summary(summary: dict[str, Any], url: str, out: Path, elapsed: float) -> str:
    documents = summary["documents"]
    kinds = Counter(str(d.get("kind")) for d in documents)
    records = sum(int(d.get("records") or 0) for d in documents)
    encodings = Counter(f"{d.get('encoding')} ({d.get('encoding_source')})" for d in documents)
    errors = Counter(f"{e.get('stage')}/{e.get('error')}" for e in summary["errors"])
    entities = Counter({k: n for k, n in summary["entities"].items() if n})
    lines = [
        f"guidecrawl demo: crawled the fixture site at {url} in {elapsed:.1f} s",
        f"  documents  {len(documents):>4}   {_counts(kinds)}",
        f"  records    {records:>4}",
        f"  encodings        {_counts(encodings)}",
        f"  entities   {sum(entities.values()):>4}   {_counts(entities)}",
        f"  errors     {len(summary['errors']):>4}   {_counts(errors)}",
        f"  tables     {out}  (Parquet; CSV under {out / 'csv'})",
    ]
    return "\n".join(lines)
