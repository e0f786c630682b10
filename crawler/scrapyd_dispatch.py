"""`guidecrawl crawl SITE...|--all --scrapyd URL[,URL...]`: site runs spread over Scrapyd nodes.

The unit is one site run — exactly what `guidecrawl crawl SITE` runs locally (`scrapy crawl guides -a site=...`
with the run's settings). Sites never share a URL, so the nodes share no frontier and politeness stays per host.

- Placement: a site goes to `nodes[sha1(site) % len(nodes)]` (stable from night to night); a site whose node is
  unreachable goes to the next live node in the same order.
- Scheduling: Scrapyd's `schedule.json` (project `guidecrawl`, spider `guides`, `site=NAME`, the run's settings as
  `setting=KEY=VALUE`); then `listjobs.json` is polled until the job is finished.
- Publishing: each attempt writes into its own staging folder on the shared --out
  (`_staging/<run_id>/<site>-a<attempt>/`); only an attempt that ended with a final stats record (a clean close,
  whatever its exit status) is promoted: its part files, manifests and stats are renamed into place, then its
  state file. An attempt whose crawl was killed (no final record) or whose node died is discarded and the site
  is scheduled again on another node; nothing of it is ever published, so nothing is published twice.
- Incremental state, partitioned by site: `_state/<site>.sqlite` on the shared --out. The node copies it to its
  local disk for the run (crawler/site_state.py) and puts it back into the attempt's staging folder on a clean
  close; promotion renames it into `_state/`. SQLite never runs in place on the network filesystem.

Nodes need: the guidecrawl package installed (same version) and a scrapyd.conf whose `[settings]` section names the
project: `guidecrawl = crawler.settings` (no egg to deploy); --out (and any --sites file) on a shared filesystem
mounted at the same path.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT = "guidecrawl"
SPIDER = "guides"
STAGING_DIR = "_staging"
STATE_DIR = "_state"
POLL_SECONDS = 0.5
HTTP_TIMEOUT = 30.0  # a node answers nothing while schedule.json runs `scrapy list` (Scrapyd blocks on it)
SCHEDULE_TIMEOUT = 120.0  # schedule.json runs `scrapy list` on the node first: seconds on a loaded node
NODE_DEAD_AFTER = 3  # consecutive failed polls before a node's sites move elsewhere
GRACE_SECONDS = 60.0  # after the deadline: the crawls stop themselves (CLOSESPIDER_TIMEOUT) and publish
LOG_TAIL = 2000  # characters of Scrapyd's job log kept in a failed site's record


class ScrapydError(Exception):
    """A node refused a request or could not be reached."""


@dataclass(slots=True)
class Attempt:
    site: str
    node: str
    number: int
    staging: Path
    job: str = ""


@dataclass(slots=True)
class SiteRun:
    name: str
    attempts: list[Attempt] = field(default_factory=list)
    record: dict[str, Any] | None = None
    retried: list[str] = field(default_factory=list)  # why each earlier attempt was discarded


def node_for(site: str, nodes: Sequence[str]) -> str:
    """The node a site runs on: a stable hash of its name over the node list."""
    digest = int.from_bytes(hashlib.sha1(site.encode("utf-8")).digest()[:8], "big")
    return nodes[digest % len(nodes)]


def parse_nodes(text: str) -> list[str]:
    nodes = [n.strip().rstrip("/") for n in text.split(",") if n.strip()]
    bad = [n for n in nodes if urllib.parse.urlsplit(n).scheme not in ("http", "https")]
    if not nodes or bad:
        raise ValueError(f"--scrapyd {text!r}: give Scrapyd URLs, comma-separated (http://node1:6800,...)")
    return list(dict.fromkeys(nodes))


def _call(
    node: str,
    endpoint: str,
    data: Mapping[str, Any] | Sequence[tuple[str, str]] | None = None,
    timeout: float = HTTP_TIMEOUT,
) -> Any:
    url = f"{node}/{endpoint}"
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    if data is not None and endpoint.endswith("listjobs.json"):
        url, body = f"{url}?{body.decode() if body else ''}", None
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body), timeout=timeout) as response:
            answer = json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise ScrapydError(f"{node}: {exc}") from None
    if answer.get("status") != "ok":
        raise ScrapydError(f"{node}/{endpoint}: {answer.get('message', answer)}")
    return answer


def _log_tail(node: str, job: str) -> str:
    try:
        url = f"{node}/logs/{PROJECT}/{SPIDER}/{job}.log"
        with urllib.request.urlopen(url, timeout=HTTP_TIMEOUT) as response:
            return str(response.read().decode("utf-8", "replace")[-LOG_TAIL:])
    except OSError as exc:
        return f"(log unavailable: {exc})"


class Dispatcher:
    def __init__(
        self,
        nodes: Sequence[str],
        out: Path,
        run_id: str,
        settings: Mapping[str, str],
        spider_args: Mapping[str, str],
        max_attempts: int | None = None,
    ) -> None:
        self.nodes = list(nodes)
        self.live = list(nodes)
        self.out = out
        self.run_id = run_id
        self.settings = dict(settings)
        self.spider_args = dict(spider_args)
        self.max_attempts = max_attempts or len(nodes) + 1
        self.failed_polls: dict[str, int] = dict.fromkeys(nodes, 0)

    # -- placing and scheduling --------------------------------------------------------------------------

    def _place(self, site: str, avoid: str | None = None) -> str | None:
        """The site's hashed node if live, else the next live one after it in node order."""
        start = self.nodes.index(node_for(site, self.nodes))
        for offset in range(len(self.nodes)):
            node = self.nodes[(start + offset) % len(self.nodes)]
            if node in self.live and (node != avoid or len(self.live) == 1):
                return node
        return None

    def _schedule(self, run: SiteRun, avoid: str | None = None) -> None:
        while True:
            node = self._place(run.name, avoid)
            number = len(run.attempts) + 1
            if node is None or number > self.max_attempts:
                reason = "no live Scrapyd node" if node is None else f"gave up after {number - 1} attempts"
                run.record = _failed_record(run, reason)
                return
            staging = self.out / STAGING_DIR / self.run_id / f"{run.name}-a{number}"
            attempt = Attempt(run.name, node, number, staging)
            try:
                attempt.job = self._submit(attempt)
            except ScrapydError as exc:
                self._node_down(node)
                run.retried.append(f"attempt {number} on {node}: not scheduled ({exc})")
                shutil.rmtree(staging, ignore_errors=True)
                continue
            run.attempts.append(attempt)
            return

    def _submit(self, attempt: Attempt) -> str:
        staging = attempt.staging
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        shared_state = self.out / STATE_DIR / f"{attempt.site}.sqlite"
        attempt_state = staging / STATE_DIR / f"{attempt.site}.sqlite"
        if shared_state.exists():
            attempt_state.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shared_state, attempt_state)
        settings = {
            **self.settings,
            "OUTPUT_DIR": str(staging),
            "GUIDECRAWL_RUN_ID": self.run_id,
            "GUIDECRAWL_SHARED_STATE": str(attempt_state),
        }
        data: list[tuple[str, str]] = [("project", PROJECT), ("spider", SPIDER), ("site", attempt.site)]
        data += list(self.spider_args.items())
        data += [("setting", f"{key}={value}") for key, value in settings.items()]
        return str(_call(attempt.node, "schedule.json", data, SCHEDULE_TIMEOUT)["jobid"])

    def _node_down(self, node: str) -> None:
        if node in self.live:
            self.live.remove(node)

    # -- waiting ---------------------------------------------------------------------------------------------

    def run(self, sites: Sequence[str], deadline: float | None = None) -> dict[str, dict[str, Any]]:
        runs = {name: SiteRun(name) for name in sites}
        for run in runs.values():
            self._schedule(run)
        while any(r.record is None for r in runs.values()):
            if deadline is not None and time.monotonic() >= deadline + GRACE_SECONDS:
                self._cancel([r for r in runs.values() if r.record is None])
                break
            time.sleep(POLL_SECONDS)
            pending = [r for r in runs.values() if r.record is None]
            for node in {r.attempts[-1].node for r in pending}:
                self._poll(node, [r for r in pending if r.attempts[-1].node == node])
        return {name: self._report(run) for name, run in runs.items()}

    def _poll(self, node: str, runs: Sequence[SiteRun]) -> None:
        try:
            jobs = _call(node, "listjobs.json", {"project": PROJECT})
        except ScrapydError as exc:
            self.failed_polls[node] += 1
            if self.failed_polls[node] >= NODE_DEAD_AFTER:
                self._node_down(node)
                for run in runs:
                    run.retried.append(f"attempt {run.attempts[-1].number} on {node}: node unreachable ({exc})")
                    self._schedule(run, avoid=node)
            return
        self.failed_polls[node] = 0
        finished = {job["id"] for job in jobs.get("finished", [])}
        known = finished | {job["id"] for key in ("pending", "running") for job in jobs.get(key, [])}
        for run in runs:
            attempt = run.attempts[-1]
            if attempt.job in finished:
                self._finished(run, attempt)
            elif attempt.job not in known:  # the node restarted and forgot the job
                run.retried.append(f"attempt {attempt.number} on {node}: job {attempt.job} lost by the node")
                self._schedule(run, avoid=node)

    def _finished(self, run: SiteRun, attempt: Attempt) -> None:
        from crawler import runstats

        stats_file = runstats.stats_path(attempt.staging, self.run_id)
        record = runstats.read(stats_file) if stats_file.is_file() else {}
        if record.get("status") in (None, "running"):  # killed: no clean close, nothing of it is kept
            tail = _log_tail(attempt.node, attempt.job).strip().splitlines()
            last = tail[-1] if tail else "no log"
            run.retried.append(f"attempt {attempt.number} on {attempt.node}: crawl ended without a record ({last})")
            shutil.rmtree(attempt.staging, ignore_errors=True)
            self._schedule(run, avoid=attempt.node)
            return
        promote(attempt.staging, self.out, self.run_id, attempt.site)
        if record.get("status") not in (0, 3):
            record["log"] = _log_tail(attempt.node, attempt.job)
        run.record = record

    def _cancel(self, runs: Sequence[SiteRun]) -> None:
        from crawler.outcome import Exit

        for run in runs:
            attempt = run.attempts[-1]
            with contextlib.suppress(ScrapydError):
                _call(attempt.node, "cancel.json", {"project": PROJECT, "job": attempt.job})
            run.record = _failed_record(run, "the run's time was used up", status=int(Exit.TIMEOUT))

    def _report(self, run: SiteRun) -> dict[str, Any]:
        record = dict(run.record or _failed_record(run, "never finished"))
        last = run.attempts[-1] if run.attempts else None
        record["scrapyd"] = {
            "node": last.node if last else None,
            "job": last.job if last else None,
            "attempts": len(run.attempts),
            "retried": run.retried,
        }
        return record


def _failed_record(run: SiteRun, reason: str, status: int | None = None) -> dict[str, Any]:
    from crawler import runstats
    from crawler.outcome import Exit, Outcome

    detail = f"{reason}; {run.retried[-1]}" if run.retried else reason
    outcome = Outcome(Exit(status if status is not None else int(Exit.INTERNAL)), detail)
    return runstats.site_record({}, outcome, site=run.name)


def promote(staging: Path, out: Path, run_id: str, site: str) -> None:
    """Rename a finished attempt's files into --out: entity and error parts, then documents (a reader that sees a
    documents part sees its entities), then manifests and stats, then the site's state. Idempotent: a file
    already in place (a dispatcher restarted mid-promotion) is left as it is."""
    from crawler import runstats

    files = [p for p in staging.rglob("*") if p.is_file() and not p.name.startswith(".")]
    tables = [p for p in files if p.suffix in (".parquet", ".csv")]
    tables.sort(key=lambda p: (p.relative_to(staging).parts[-3] == "documents", str(p)))
    for path in tables:
        _move(path, out / path.relative_to(staging))
    for path in (staging / runstats.RUNS_DIR / run_id).glob("*.json"):
        _move(path, out / runstats.RUNS_DIR / run_id / path.name)
    stats = runstats.stats_path(staging, run_id)
    if stats.is_file():
        _move(stats, out / runstats.RUNS_DIR / run_id / "sites" / f"{site}.json")
    state = staging / STATE_DIR / f"{site}.sqlite"
    if state.is_file():
        _move(state, out / STATE_DIR / f"{site}.sqlite", replace=True)
    shutil.rmtree(staging, ignore_errors=True)


def _move(source: Path, target: Path, replace: bool = False) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and not replace:
        return
    os.replace(source, target)


def dispatch(
    nodes: Sequence[str],
    names: Sequence[str],
    run_id: str,
    out: Path,
    *,
    profile: str | None,
    base_url: str | None,
    extra_sites: Sequence[str],
    part_pages: int,
    part_minutes: float,
    deadline: float | None,
) -> dict[str, dict[str, Any]]:
    """The --scrapyd branch of `guidecrawl crawl`: the same site runs and settings as crawl_site, on the nodes.
    Returns each site's stats record (as a local run writes it) plus a `scrapyd` entry: node, job, attempts."""
    from crawler.lock import LockHeld, SiteLock
    from crawler.outcome import Exit, Outcome

    settings = {"GUIDECRAWL_PART_PAGES": str(part_pages), "GUIDECRAWL_PART_SECONDS": str(part_minutes * 60)}
    if extra_sites:
        settings["GUIDECRAWL_SITES"] = ",".join(extra_sites)
    if profile:
        settings["GUIDECRAWL_PROFILE"] = profile
    if deadline is not None:
        settings["CLOSESPIDER_TIMEOUT"] = str(max(1, int(deadline - time.monotonic())))
    spider_args = {"base_url": base_url} if base_url else {}
    # The sites' locks on the shared --out, held here for the whole dispatch: one run per site across machines.
    locks: list[SiteLock] = []
    records: dict[str, dict[str, Any]] = {}
    free: list[str] = []
    for name in names:
        lock = SiteLock(out, name, run_id)
        try:
            lock.acquire()
        except LockHeld as exc:
            from crawler import runstats

            records[name] = runstats.site_record({}, Outcome(Exit.LOCK_HELD, str(exc)), site=name)
            continue
        locks.append(lock)
        free.append(name)
    try:
        records.update(Dispatcher(nodes, out, run_id, settings, spider_args).run(free, deadline))
    finally:
        for lock in locks:
            lock.release()
        shutil.rmtree(out / STAGING_DIR / run_id, ignore_errors=True)
    return {name: records[name] for name in names}
