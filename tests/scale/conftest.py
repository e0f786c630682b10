"""Real services for the scale tests: Scrapyd nodes, fixture sites and redis-server, each a subprocess on 127.0.0.1.

Every service gets a free port (bound, released, then handed to the service: Scrapyd and redis-server take a
port number, not port 0) and its own temp folder; each is stopped by the fixture that started it.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.fixture_server import fixture_server

REPO = Path(__file__).resolve().parents[2]
FIXTURE_SITE = REPO / "crawler" / "demo_site"  # package data
SCRAPYD_CONF = """[scrapyd]
bind_address = 127.0.0.1
http_port = {port}
poll_interval = 0.2
max_proc = 4
logs_dir = {root}/logs
eggs_dir = {root}/eggs
dbs_dir = {root}/dbs
jobs_to_keep = 100
"""
# In scrapy.cfg, not scrapyd.conf: Scrapyd's `scrapy list` (run by schedule.json) finds the project only there.
NODE_SCRAPY_CFG = """[settings]
guidecrawl = crawler.settings
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def service_env() -> dict[str, str]:
    """This tree's code first, in every service and every process they start."""
    path = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{path}" if path else str(REPO)}


def get_json(url: str, timeout: float = 5) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return dict(json.loads(response.read().decode("utf-8")))


def wait_until_answers(url: str, process: subprocess.Popen[bytes], what: str) -> None:
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} before answering")
        try:
            get_json(url)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not answer at {url}")


@dataclass
class ScrapydNode:
    url: str
    process: subprocess.Popen[bytes]
    root: Path

    def jobs(self) -> dict[str, list[dict[str, object]]]:
        # Scrapyd answers nothing while schedule.json runs `scrapy list`: a long timeout.
        return get_json(f"{self.url}/listjobs.json?project=guidecrawl", timeout=120)  # type: ignore[return-value]


@contextmanager
def scrapyd_node(root: Path) -> Iterator[ScrapydNode]:
    root.mkdir(parents=True, exist_ok=True)
    port = free_port()
    (root / "scrapyd.conf").write_text(SCRAPYD_CONF.format(port=port, root=root), encoding="utf-8")
    (root / "scrapy.cfg").write_text(NODE_SCRAPY_CFG, encoding="utf-8")
    log = (root / "scrapyd.out").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "scrapyd"], cwd=root, env=service_env(), stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answers(f"{url}/daemonstatus.json", process, "scrapyd")
        yield ScrapydNode(url, process, root)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@dataclass
class FixtureSite:
    url: str
    access_log: Path

    def fetches(self) -> Counter[str]:
        """GET count per request target, from the server's access log."""
        lines = self.access_log.read_text(encoding="utf-8").splitlines() if self.access_log.exists() else []
        return Counter(line.split(" ")[1] for line in lines if line.startswith("GET "))


@contextmanager
def fixture_site(root: Path, **options: Any) -> Iterator[FixtureSite]:
    """The fixture site as `crawler.fixture_server.fixture_server()` runs it (keyword options: latency=, ...)."""
    root.mkdir(parents=True, exist_ok=True)
    log = root / "access.log"
    with fixture_server(FIXTURE_SITE, access_log=log, **options) as url:
        yield FixtureSite(url, log)


def sites_file(path: Path, sites: dict[str, str], *, concurrency: int = 8, start: str = "/news/list.html") -> Path:
    """A registry file: each site is the fixture site at its own server (name → base URL)."""
    tables = []
    for name, base in sites.items():
        tables.append(
            f"""[{name}]
start_urls = ["{base}{start}"]
family = "article"
platforms = ["portal", "discuz", "qa"]
guide_links = ['/news/(?!list)[\\w/]+\\.html$', '/en/[^/]+\\.html$', '/bench/a\\d+\\.html$']
listing_links = ['/news/list(_\\d+)?\\.html$', '/bench/list_\\d+\\.html$']
deny_links = ['/_fixture/']
politeness = {{ delay = 0.0, concurrency = {concurrency} }}
scheduled = true
"""
        )
    path.write_text("\n".join(tables), encoding="utf-8")
    return path


def redis_server_binary() -> str | None:
    return shutil.which("redis-server")
