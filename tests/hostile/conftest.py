"""Running `guidecrawl extract` and `scrapy crawl` as a user does (subprocesses, the hostile site served for
real on 127.0.0.1) and reading their tables back from Parquet."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from tests.crawler.conftest import final_stats, scrapy_crawl

REPO = Path(__file__).resolve().parents[2]
GUIDE_TEXT = "参保人员在定点医疗机构就医，住院费用按规定比例报销。咨询电话：0591-87842560。"


def guide_page(text: str = GUIDE_TEXT, title: str = "医保报销指南") -> bytes:
    """A small real-looking guide page, UTF-8."""
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><div class='article'><h1>{title}</h1><p>{text}</p><p>{text}</p></div></body></html>"
    ).encode()


def guidecrawl(*args: str | Path, timeout: float = 120, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cli", *map(str, args)], cwd=REPO, capture_output=True, timeout=timeout, **kwargs
    )


def rows(out: Path, table: str) -> list[dict[str, Any]]:
    """Every row of `table` written to `out` (all runs), read back from the Parquet files."""
    files = sorted((out / table).glob("crawl_date=*/part-*.parquet"))
    found: list[dict[str, Any]] = []
    for file in files:
        found.extend(pq.read_table(file).to_pylist())
    return found


def errors_by_source(out: Path) -> dict[str, tuple[str, str]]:
    return {row["source"]: (row["error"], row["message"]) for row in rows(out, "errors")}


def one_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in lines[0]
    return lines[0]


def sources(table: Sequence[dict[str, Any]]) -> list[str]:
    return sorted(str(row["source"]) for row in table)


# -- the hostile web site and crawls of it ------------------------------------------------------------------------

SITES = Path(__file__).with_name("sites.toml")


@dataclass
class HostileServer:
    url: str
    access_log: Path

    def requests(self) -> list[tuple[str, int, str, float]]:
        """(target, status, Host header, time) of every request served."""
        if not self.access_log.exists():
            return []
        found = []
        for line in self.access_log.read_text(encoding="utf-8").splitlines():
            _, target, status, host, at = line.split(" ")
            found.append((target, int(status), host, float(at)))
        return found


@contextlib.contextmanager
def hostile_server(tmp: Path, *args: str) -> Iterator[HostileServer]:
    log = tmp / f"access-{uuid.uuid4().hex}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.hostile.hostile_server", "--access-log", str(log), *args],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), url
        yield HostileServer(url, log)
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


@dataclass
class Crawl:
    process: subprocess.CompletedProcess[str]
    stats: dict[str, Any]
    documents: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    requested: list[str] = field(default_factory=list)  # targets the server answered, when recorded

    def errors_by_path(self, base: str) -> dict[str, tuple[str, str]]:
        return {str(e["url"]).removeprefix(base): (e["error"], e["message"]) for e in self.errors}

    def document_paths(self, base: str) -> list[str]:
        return sorted(str(d["url"]).removeprefix(base) for d in self.documents)


def crawl_site(site: str, server: HostileServer, out: Path, *settings: str, timeout: float = 120) -> Crawl:
    """`scrapy crawl guides -a site=SITE` against the hostile server, tables in OUT, read back."""
    process = scrapy_crawl(
        "-a", f"site={site}", "-a", f"base_url={server.url}", "-s", f"GUIDECRAWL_SITES={SITES}",
        "-s", f"OUTPUT_DIR={out}", *settings, timeout=timeout,
    )  # fmt: skip
    assert "Traceback" not in process.stderr, process.stderr[-3000:]
    return Crawl(process, final_stats(process.stderr), rows(out, "documents"), rows(out, "errors"))


@pytest.fixture(scope="session")
def misc_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Crawl, HostileServer, HostileServer]]:
    """One crawl of the hostile-misc site (loops, moves, lies, Retry-After), shared by the modules that read it.
    Yields (crawl, site, other): `other` is a second origin (another port) that links and redirects point to."""
    tmp = tmp_path_factory.mktemp("misc")
    with hostile_server(tmp) as other, hostile_server(tmp, "--other", other.url) as site:
        crawl = crawl_site(
            "hostile-misc", site, tmp / "out",
            "-s", "RETRY_ENABLED=true", "-s", "RETRY_TIMES=1", "-s", "GUIDECRAWL_RETRY_AFTER_MAX=5",
        )  # fmt: skip
        yield crawl, site, other


@pytest.fixture(scope="session")
def wide_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Crawl, HostileServer]]:
    """A site wider than a page budget of 30 whose robots.txt is 12 MB, crawled once: the budget and the
    robots.txt size cap are read from the same run."""
    tmp = tmp_path_factory.mktemp("wide")
    with hostile_server(tmp, "--robots", "huge") as site:
        before = len(site.requests())
        crawl = crawl_site("hostile-wide", site, tmp / "out", "-s", "GUIDECRAWL_MAX_PAGES=30")
        crawl.requested = [target for target, *_ in site.requests()[before:]]
        yield crawl, site
