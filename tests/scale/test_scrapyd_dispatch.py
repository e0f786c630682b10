"""`guidecrawl crawl --scrapyd`: four fixture sites spread over two real Scrapyd nodes started by the test.

Every URL is fetched once (the fixture servers' access logs), the tables equal those of a single-process crawl of
the same sites, and a job killed mid-run is run again on the other node without a doubled row.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import duckdb
import pytest

from crawler.scrapyd_dispatch import node_for, parse_nodes
from tests.scale.conftest import REPO, FixtureSite, ScrapydNode, fixture_site, scrapyd_node, service_env, sites_file

pytestmark = pytest.mark.slow

SITES = ("alpha", "bravo", "charlie", "delta")
LATENCY = 0.3
Spread = tuple[
    Path, dict[str, object], str, dict[str, Counter[str]]
]  # out, run record, killed site, fetches  # long enough to kill a job while it still crawls


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[ScrapydNode], dict[str, FixtureSite]]]:
    root = tmp_path_factory.mktemp("services")
    with ExitStack() as stack:
        nodes = [stack.enter_context(scrapyd_node(root / f"node{i}")) for i in range(2)]
        sites = {n: stack.enter_context(fixture_site(root / n, latency=LATENCY)) for n in SITES}
        yield nodes, sites


def guidecrawl_crawl(out: Path, registry: Path, *extra: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "cli", "crawl", *SITES, "--out", str(out), "--sites", str(registry),
               "--profile", "test", *extra]  # fmt: skip
    return subprocess.Popen(command, cwd=REPO, env=service_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)  # fmt: skip


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    stdout, stderr = process.communicate(timeout=300)
    return process.returncode, stdout, stderr


def run_record(out: Path, stdout: str) -> dict[str, object]:
    run_id = stdout.strip().splitlines()[-1].removeprefix("guidecrawl crawl: run ").split(":")[0]
    return dict(json.loads((out / "_runs" / f"{run_id}.json").read_text(encoding="utf-8")))


def rows(out: Path, query: str) -> list[tuple[object, ...]]:
    return duckdb.sql(query.replace("{out}", str(out))).fetchall()


DOCUMENTS = "SELECT url, site, title, content_hash FROM read_parquet('{out}/documents/**/*.parquet') ORDER BY ALL"
PHONES = (
    "SELECT d.url, p.text, p.start, p.value FROM read_parquet('{out}/phones/**/*.parquet') p "
    "JOIN read_parquet('{out}/documents/**/*.parquet') d USING (doc_id) ORDER BY ALL"
)


@pytest.fixture(scope="module")
def spread(
    services: tuple[list[ScrapydNode], dict[str, FixtureSite]], tmp_path_factory: pytest.TempPathFactory
) -> Spread:
    """One dispatch over both nodes, during which the first job seen fetching on node 0 is killed with SIGKILL."""
    nodes, sites = services
    root = tmp_path_factory.mktemp("spread")
    registry = sites_file(root / "sites.toml", {n: s.url for n, s in sites.items()})
    process = guidecrawl_crawl(root / "out", registry, "--scrapyd", ",".join(n.url for n in nodes))
    victim = kill_first_running_job(nodes[0], sites)
    code, stdout, stderr = finish(process)
    assert code == 3, stderr  # the fixture site has 404 links on purpose: "some pages failed"
    fetches = {name: site.fetches() for name, site in sites.items()}
    return root / "out", run_record(root / "out", stdout), victim, fetches


def test_every_url_is_fetched_exactly_once_by_a_site_run_that_was_not_killed(spread: Spread) -> None:
    _, _, victim, fetched = spread
    for name, fetches in fetched.items():
        assert fetches["/news/list.html"] >= 1, name  # each site was crawled ...
        if name == victim:
            assert fetches["/robots.txt"] == 2  # ... the killed one twice, from the start
        else:
            assert max(fetches.values()) == 1, (name, fetches.most_common(3))  # ... and no URL twice


def test_sites_run_on_the_node_their_name_hashes_to(spread: Spread, services: tuple[list[ScrapydNode], object]) -> None:
    _, record, victim, _ = spread
    nodes = [n.url for n in services[0]]
    sites = record["sites"]
    placed = {name: site["scrapyd"]["node"] for name, site in sites.items() if name != victim}  # type: ignore[attr-defined]
    assert placed == {name: node_for(name, nodes) for name in SITES if name != victim}, sites
    assert {node_for(name, nodes) for name in SITES} == set(nodes)  # these four names do use both nodes
    assert all(sites[n]["scrapyd"]["attempts"] == 1 for n in placed)  # type: ignore[index]


def test_a_job_killed_mid_run_is_run_again_on_the_other_node(
    spread: Spread, services: tuple[list[ScrapydNode], object]
) -> None:
    _, record, victim, _ = spread
    killed = record["sites"][victim]  # type: ignore[index]
    assert killed["scrapyd"]["attempts"] == 2 and killed["scrapyd"]["node"] == services[0][1].url
    assert "crawl ended without a record" in killed["scrapyd"]["retried"][0]
    assert killed["status"] == 3 and killed["documents"] == record["documents"] // 4  # type: ignore[operator]


def test_tables_equal_a_single_process_crawl_of_the_same_sites(
    spread: Spread,
    services: tuple[list[ScrapydNode], dict[str, FixtureSite]],
    tmp_path: Path,
) -> None:
    out, record, _, _ = spread
    registry = sites_file(tmp_path / "sites.toml", {n: s.url for n, s in services[1].items()})
    code, _, stderr = finish(guidecrawl_crawl(tmp_path / "out", registry))
    assert code == 3, stderr
    expected = rows(tmp_path / "out", DOCUMENTS)
    assert len({str(r[0]).split("/")[2] for r in expected}) == 4 and len(expected) % 4 == 0  # four servers' pages
    documents = rows(out, DOCUMENTS)
    assert documents == expected  # complete, and the killed attempt left nothing: no row doubled
    assert rows(out, PHONES) == rows(tmp_path / "out", PHONES) != []
    assert record["documents"] == len(expected)


def test_state_is_one_file_per_site_and_no_staging_is_left(spread: Spread) -> None:
    out, _, _, _ = spread
    assert sorted(p.name for p in (out / "_state").iterdir()) == [f"{n}.sqlite" for n in SITES]
    assert not list((out / "_staging").rglob("*.parquet"))
    assert not (out / "state.sqlite").exists()


def kill_first_running_job(node: ScrapydNode, sites: dict[str, FixtureSite]) -> str:
    """SIGKILL the first job of `node` seen fetching pages; the name of its site."""
    for _ in range(1200):
        for job in node.jobs().get("running", []):
            try:
                arguments = Path(f"/proc/{job['pid']}/cmdline").read_bytes().split(b"\0")
            except OSError:  # ended in between
                continue
            site = next((a.decode().removeprefix("site=") for a in arguments if a.startswith(b"site=")), None)
            if site is not None and sites[site].fetches():
                os.kill(int(job["pid"]), signal.SIGKILL)  # type: ignore[call-overload]
                return site
        time.sleep(0.05)
    raise AssertionError("no job of the node started fetching")


@pytest.mark.parametrize("text", ["", "node1:6800", "ftp://node1"])
def test_scrapyd_urls_must_be_http_urls(text: str) -> None:
    with pytest.raises(ValueError, match="give Scrapyd URLs"):
        parse_nodes(text)
