"""Serve the bundled fixture site on 127.0.0.1, crawl it with the real spider, write the tables to --out and
print a summary (documents, records, entities per kind, errors). Needs no network.

The fixture site (tests/fixtures/site: portal listings, GBK/GB18030/Big5/UTF-8 articles, a Discuz! thread over
two pages, a Q&A page, an English page, a misdeclared charset, a 404, a redirect, a robots.txt rule) is served
by `python -m crawler.fixture_server`; the crawl is `scrapy crawl guides -a site=fixture` in a subprocess, with
the demo profile. Each demo run starts from a fresh crawl state, so it always shows the whole site.

Examples:
  guidecrawl demo --out out/demo
  make demo
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SITE_DIR = REPO_ROOT / "tests" / "fixtures" / "site"
SERVER_START_TIMEOUT = 15.0
CRAWL_TIMEOUT = 300.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default="out/demo", help="output folder (default: out/demo)")
    parser.add_argument(
        "--log", action="store_true", help="show the crawl's own log (Scrapy INFO) instead of warnings only"
    )


def run(args: argparse.Namespace) -> int:
    from cli.main import CommandError

    if not (SITE_DIR / "routes.toml").is_file() or not (REPO_ROOT / "scrapy.cfg").is_file():
        raise CommandError(
            f"fixture site not found at {SITE_DIR} (the demo runs from a source checkout installed with pip -e)"
        )
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    run_id = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-demo-" + uuid.uuid4().hex[:8]
    server = FixtureServer(SITE_DIR)
    with server, tempfile.TemporaryDirectory(prefix="guidecrawl-demo-") as tmp:
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
            f"base_url={server.url}",
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
            crawl = subprocess.run(command, cwd=REPO_ROOT, timeout=CRAWL_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise CommandError(f"the crawl did not finish in {CRAWL_TIMEOUT:.0f} s", status=1) from None
        elapsed = time.monotonic() - started
    if crawl.returncode != 0:
        raise CommandError(f"the crawl failed (scrapy exit status {crawl.returncode})", status=1)
    summary = read_run(out, run_id)
    print(format_summary(summary, server.url, Path(args.out), elapsed))  # the folder as the user named it
    return 0


class FixtureServer:
    """`python -m crawler.fixture_server` as a subprocess: started on enter, killed on exit."""

    def __init__(self, root: Path, *extra_args: str) -> None:
        self.root = root
        self.extra_args = extra_args
        self.url = ""
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> FixtureServer:
        from cli.main import CommandError

        self._process = subprocess.Popen(
            [sys.executable, "-m", "crawler.fixture_server", "--root", str(self.root), *self.extra_args],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        line = self._process.stdout.readline().strip()
        if not line.startswith("http://"):
            self.__exit__()
            raise CommandError("the fixture server did not start", status=1)
        self.url = line
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            if self._process.stdout is not None:
                self._process.stdout.close()
            self._process = None


def read_run(out: Path, run_id: str) -> dict[str, Any]:
    """The rows this run wrote, per table, read back from its Parquet files."""
    import pyarrow.parquet as pq

    from output.schema import ENTITY_TABLES

    def rows(table: str) -> list[dict[str, Any]]:
        files = sorted(out.glob(f"{table}/crawl_date=*/part-{run_id}.parquet"))
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
