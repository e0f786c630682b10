"""The scheduled crawl: one run of one or more registry sites, for cron, systemd timers and other schedulers.

  guidecrawl crawl SITE... --out DIR [--sites FILE] [--timeout SECONDS] [--profile P]
  guidecrawl crawl --all --out DIR ...
  guidecrawl crawl --all --out /shared/guidecrawl --scrapyd http://node1:6800,http://node2:6800

Each invocation is a new run with a new run id (sortable and unique: `20261206T023000Z-1a2b3c`); the run
reserves DIR/_runs/<run_id>.json before it starts, so two runs never share an id or a file. Each site is crawled
by `scrapy crawl guides` in its own process, with
- the site's lock DIR/_locks/<site>.lock (a second run of the same site exits 5 at once);
- a job directory of this run only (DIR/_jobs/<run_id>/<site>, removed at the end): Scrapy's disk queues
  inside the run, never a duplicate filter carried from one night to the next;
- the incremental state DIR/state.sqlite: pages unchanged since their last published part are not emitted;
- tables published in parts while it runs (every --part-pages pages or --part-minutes minutes), so a killed
  run loses at most one part and the next run fetches only what no part holds.
Sites run one after the other; --timeout is the budget of the whole run (a site still running at the limit
is asked to stop, publishes what it has, and the run exits 6).

It prints one summary line and writes DIR/_runs/<run_id>.json: pages, documents, rows per table, errors by
stage, duration, and each site's exit status and reason. The Scrapy log of each site is
DIR/_runs/<run_id>/<site>.log.

Exit status (the most severe over the sites):
  0  ok: every page fetched and extracted
  1  internal error (a bug; the log says where)
  2  configuration error: bad arguments, a registry file that breaks the schema, an unknown site or profile,
     a site whose rules yield no guide page
  3  some pages failed (their rows are in the errors table)
  4  site unreachable: not one page could be fetched
  5  lock held: another run of this site is still going; nothing was done
  6  timeout: stopped at --timeout; what was fetched is published
  7  output failed: DIR, a table part or the stats file could not be written
  8  interrupted by a signal; what was fetched is published

Examples:
  guidecrawl crawl fzyb --out /data/guidecrawl
  guidecrawl crawl --all --out /data/guidecrawl --sites /etc/guidecrawl/sites.toml --timeout 21600
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

MAX_TIMEOUT_SECONDS = 366 * 24 * 3600.0  # beyond, no budget at all: leave --timeout out
GRACE_SECONDS = 60.0  # after --timeout: time for a site's crawl to publish its last part before it is killed
JOBS_DIR = "_jobs"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site", nargs="*", help="registry site(s) to crawl (see 'guidecrawl sites')")
    parser.add_argument("--all", action="store_true", help="crawl every scheduled site of the registry")
    parser.add_argument("--out", required=True, metavar="DIR", help="tables, state, locks and run records")
    parser.add_argument("--sites", action="append", default=[], metavar="FILE", help="extra registry file (repeatable)")
    parser.add_argument("--timeout", type=float, metavar="SECONDS", help="time budget of the whole run")
    parser.add_argument("--profile", help="settings profile: production (default), demo, test, bench")
    parser.add_argument("--base-url", help="crawl the site(s) at another scheme://host:port (mirror, fixture)")
    parser.add_argument("--part-pages", type=int, default=500, metavar="N", help="publish a part every N pages")
    parser.add_argument(
        "--scrapyd", metavar="URL[,URL...]", help="run the sites on these Scrapyd nodes (see docs/scaling.md)"
    )
    parser.add_argument("--part-minutes", type=float, default=10.0, metavar="M", help="... or every M minutes")


def run(args: argparse.Namespace) -> int:
    from cli.errors import CommandError
    from crawler import runstats
    from crawler.outcome import Exit, Outcome, worst
    from crawler.profiles import load_profiles
    from crawler.registry_schema import url_problem
    from crawler.sites import load_sites
    from output.dataset import new_run_id

    started = time.monotonic()
    if bool(args.site) == bool(args.all):
        raise CommandError("give the site name(s) or --all, not both and not neither")
    if args.timeout is not None and not 0 < args.timeout <= MAX_TIMEOUT_SECONDS:  # NaN fails both comparisons
        raise CommandError(
            f"--timeout must be a positive number of seconds, at most {MAX_TIMEOUT_SECONDS:.0f} (a year); "
            f"got {args.timeout:g}"
        )
    if args.part_pages < 1 or not args.part_minutes > 0:  # NaN is not > 0 either
        raise CommandError("--part-pages and --part-minutes must be positive")
    if args.profile is not None and args.profile not in load_profiles():
        raise CommandError(f"unknown profile {args.profile!r} (known: {', '.join(load_profiles())})")
    if not args.out:  # Path("") is the current folder: an empty --out (an unset variable) must not write there
        raise CommandError("--out is empty: name the output folder")
    if args.base_url is not None:  # checked here, not in each site's crawl: a usage error, before anything runs
        problem = url_problem(args.base_url)
        if problem is not None:
            raise CommandError(f"--base-url: {problem[1]}")
    extra = [str(Path(f).resolve()) for f in args.sites]
    try:
        sites = load_sites(extra)
    except ValueError as exc:  # RegistryError: one line naming the file, the site and the key
        raise CommandError(str(exc)) from None
    names = sorted(n for n, s in sites.items() if s.scheduled) if args.all else list(dict.fromkeys(args.site))
    if not names:
        raise CommandError("--all: no site of the registry is scheduled (add one with --sites FILE)")
    unknown = [n for n in names if n not in sites]
    if unknown:
        raise CommandError(f"unknown site {unknown[0]!r} (known: {', '.join(sorted(sites))})")
    nodes: list[str] = []
    if getattr(args, "scrapyd", None):
        from crawler.scrapyd_dispatch import parse_nodes

        try:
            nodes = parse_nodes(args.scrapyd)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
    out = Path(args.out).resolve()
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise CommandError(
            f"cannot write to --out {args.out}: {exc.strerror or exc}", status=Exit.OUTPUT_FAILED
        ) from None

    run_id = new_run_id()
    started_at = dt.datetime.now(dt.UTC).isoformat()
    record: dict[str, Any] = {"run_id": run_id, "out": str(out), "started_at": started_at, "sites": {}}
    while True:  # the id's random part makes a collision unlikely; the exclusive create makes it impossible
        try:
            runstats.reserve(runstats.stats_path(out, run_id), record)
            break
        except runstats.RunIdTaken:
            run_id = record["run_id"] = new_run_id()
    deadline = started + args.timeout if args.timeout else None
    outcomes: list[Outcome] = []
    try:
        if nodes:
            from crawler.scrapyd_dispatch import dispatch

            record["sites"] = dispatch(
                nodes, names, run_id, out, profile=args.profile, base_url=args.base_url, extra_sites=extra,
                part_pages=args.part_pages, part_minutes=args.part_minutes, deadline=deadline,
            )  # fmt: skip
            outcomes += [Outcome(Exit(s["status"]), s["exit_reason"]) for s in record["sites"].values()]
        for name in [] if nodes else names:
            site_record = crawl_site(name, run_id, out, args, extra, deadline)
            record["sites"][name] = site_record
            outcomes.append(Outcome(Exit(site_record["status"]), site_record["exit_reason"]))
            if site_record["status"] == Exit.INTERRUPTED:
                break  # the other sites wait for the next run
    finally:
        shutil.rmtree(out / JOBS_DIR / run_id, ignore_errors=True)
    result = worst(outcomes)
    record.update(totals(record["sites"]))
    record.update(status=result.status, exit_reason=result.reason, duration_s=round(time.monotonic() - started, 3))
    record["finished_at"] = dt.datetime.now(dt.UTC).isoformat()
    try:
        runstats.write(runstats.stats_path(out, run_id), record)
    except OSError as exc:
        message = f"cannot write the run's stats file: {exc.strerror or exc}"
        raise CommandError(message, status=Exit.OUTPUT_FAILED) from None
    print(summary_line(record, result))
    return result.status


def crawl_site(
    name: str, run_id: str, out: Path, args: argparse.Namespace, extra: list[str], deadline: float | None
) -> dict[str, Any]:
    """One site's `scrapy crawl guides` process; its stats record (written by crawler/crawl.py)."""
    from crawler import runstats
    from crawler.outcome import Exit, Outcome

    run_dir = out / runstats.RUNS_DIR / run_id
    stats_file = run_dir / "sites" / f"{name}.json"
    run_dir.mkdir(parents=True, exist_ok=True)
    identity = {"run_id": run_id, "site": name, "out": str(out)}
    remaining = None if deadline is None else deadline - time.monotonic()
    if remaining is not None and remaining <= 0:
        return runstats.site_record({}, Outcome(Exit.TIMEOUT, "not started: the run's time was used up"), **identity)
    settings = {
        "OUTPUT_DIR": str(out),
        "GUIDECRAWL_RUN_ID": run_id,
        "GUIDECRAWL_STATS_FILE": str(stats_file),
        "JOBDIR": str(out / JOBS_DIR / run_id / name),
        "LOG_FILE": str(run_dir / f"{name}.log"),
        "GUIDECRAWL_PART_PAGES": str(args.part_pages),
        "GUIDECRAWL_PART_SECONDS": str(args.part_minutes * 60),
    }
    if extra:
        settings["GUIDECRAWL_SITES"] = ",".join(extra)
    if args.profile:
        settings["GUIDECRAWL_PROFILE"] = args.profile
    if remaining is not None:
        settings["CLOSESPIDER_TIMEOUT"] = str(max(1, int(remaining)))
    command = [sys.executable, "-m", "scrapy", "crawl", "guides", "-a", f"site={name}"]
    if args.base_url:
        command += ["-a", f"base_url={args.base_url}"]
    for key, value in settings.items():
        command += ["-s", f"{key}={value}"]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        _, stderr = process.communicate(timeout=None if remaining is None else remaining + GRACE_SECONDS)
    except KeyboardInterrupt:  # Ctrl-C / systemctl stop: the crawl got the signal too and publishes; wait for it
        _, stderr = process.communicate()
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGINT)  # Scrapy closes cleanly: the last part is published
        try:
            _, stderr = process.communicate(timeout=GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            _, stderr = process.communicate()
    if stats_file.is_file():
        found = runstats.read(stats_file)
        if found.get("status") != "running":
            return found
    last_line = next((line for line in reversed(stderr.splitlines()) if line.strip()), "")
    status = process.returncode if process.returncode in {int(e) for e in Exit} else int(Exit.INTERNAL)
    if process.returncode < 0:
        status = int(Exit.TIMEOUT) if deadline is not None and time.monotonic() >= deadline else int(Exit.INTERRUPTED)
    reason = last_line.removeprefix("scrapy crawl: error: ").removeprefix("scrapy: error: ") or "the crawl failed"
    return runstats.site_record({}, Outcome(Exit(status), reason), **identity)


def totals(sites: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    rows: dict[str, int] = {}
    errors: dict[str, dict[str, int]] = {}
    for site in sites.values():
        for table, n in site.get("rows", {}).items():
            rows[table] = rows.get(table, 0) + n
        for stage, counts in site.get("errors", {}).items():
            for error, n in counts.items():
                errors.setdefault(stage, {})[error] = errors.get(stage, {}).get(error, 0) + n
    return {
        "pages": sum(int(s.get("pages", 0)) for s in sites.values()),
        "documents": sum(int(s.get("documents", 0)) for s in sites.values()),
        "rows": rows,
        "errors": errors,
    }


def summary_line(record: Mapping[str, Any], result: Any) -> str:
    errors = sum(n for counts in record["errors"].values() for n in counts.values())
    sites = record["sites"]
    detail = "; ".join(f"{n}: {s['exit_reason']}" for n, s in sites.items() if s["status"] != 0)
    return (
        f"guidecrawl crawl: run {record['run_id']}: {len(sites)} site(s), {record['pages']} pages, "
        f"{record['documents']} new documents, {errors} errors, {record['duration_s']:.1f} s"
        f" — exit {result.status} ({detail or 'ok'})"
    )
