"""The fixture site served for real (a subprocess on 127.0.0.1, port 0) and the crawl run as `scrapy crawl`."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from crawler.fixture_server import fixture_server
from crawler.stats_log import final_stats

__all__ = ["Served", "final_stats", "scrapy_crawl", "serve"]

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "crawler" / "demo_site"
SCRAPY = str(Path(sys.executable).with_name("scrapy"))  # the console script, as users run it


@dataclass
class Served:
    url: str
    access_log: Path

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(self.url + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def set_version(self, version: int) -> None:
        self.get(f"/_fixture/version/{version}")

    def requests(self) -> list[tuple[str, str, int]]:
        """(method, target, status) of every request served since the log was last cleared."""
        lines = self.access_log.read_text(encoding="utf-8").splitlines() if self.access_log.exists() else []
        return [(m, t, int(s)) for m, t, s in (line.split(" ") for line in lines)]

    def clear_log(self) -> None:
        self.access_log.write_text("", encoding="utf-8")


def serve(tmp: Path, **options: Any) -> Iterator[Served]:
    log = tmp / "access.log"
    with fixture_server(SITE, access_log=log, **options) as url:
        yield Served(url, log)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve(tmp_path_factory.mktemp("site"))


def scrapy_crawl(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`scrapy crawl guides ARGS` from the repository root, as a user runs it."""
    return subprocess.run(
        [SCRAPY, "crawl", "guides", "-s", "GUIDECRAWL_PROFILE=test", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
