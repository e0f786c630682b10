"""`scrapy crawl`, checking its input before anything starts and exiting with the run's outcome
(settings: COMMANDS_MODULE = "crawler.crawl").

Scrapy creates the spider inside the running event loop, where a bad argument surfaces as a traceback. This
command checks the profile name, then asks the spider class (`check_arguments(settings, **spargs)`, if it has
one), and turns a `ValueError` into Scrapy's usage error: one line on stderr, exit status 2.

With `-s OUTPUT_DIR=DIR` it also makes the run a scheduled run (`guidecrawl crawl` runs exactly this):
- a run id (`GUIDECRAWL_RUN_ID`, default a new sortable unique id), reserved by creating the run's stats file
  exclusively (`GUIDECRAWL_STATS_FILE`, default `DIR/_runs/<run_id>.json`): an id already used is a one-line
  error, exit 2, and nothing of the first run is touched;
- the site's lock (`DIR/_locks/<site>.lock`): held by another run → one line, exit 5, nothing fetched;
- at the end, the stats file (pages, rows per table, errors by stage, duration, exit reason).
Whether or not OUTPUT_DIR is set, the process exits with the status of `crawler.outcome` (0 ok, 3 pages failed,
4 site unreachable, 6 timeout, 7 output failed ...), read from the crawl's final stats.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from crawler import runstats
from crawler.lock import LockHeld, SiteLock
from crawler.outcome import STATS_FILE_FAILED_STAT, Exit, Outcome, outcome
from crawler.profiles import load_profiles, profile_name


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        site_name: str | None = None
        if self.settings is not None:
            name = profile_name(self.settings)
            if name not in load_profiles():
                raise UsageError(
                    f"unknown GUIDECRAWL_PROFILE {name!r} (known: {', '.join(load_profiles())})", print_help=False
                )
        if len(args) == 1 and self.crawler_process is not None and self.settings is not None:
            spidercls = self.crawler_process.spider_loader.load(args[0])
            check = getattr(spidercls, "check_arguments", None)
            if check is not None:
                try:
                    site = check(self.settings, **opts.spargs)
                except ValueError as exc:
                    raise UsageError(str(exc), print_help=False) from None
                site_name = getattr(site, "name", None)
        if len(args) != 1 or self.crawler_process is None:
            super().run(args, opts)
            return
        self.exitcode = self._run_crawl(args[0], opts, site_name)

    def _run_crawl(self, spider_name: str, opts: argparse.Namespace, site_name: str | None) -> int:
        from output.dataset import RUN_ID, new_run_id

        assert self.crawler_process is not None
        crawler = self._create_crawler(spider_name)
        settings = crawler.settings
        out_dir = settings.get("OUTPUT_DIR")
        lock: SiteLock | None = None
        stats_file: Path | None = None
        identity: dict[str, Any] = {}
        if out_dir:
            run_id = settings.get("GUIDECRAWL_RUN_ID") or new_run_id()
            if not RUN_ID.fullmatch(run_id):
                raise UsageError(f"GUIDECRAWL_RUN_ID {run_id!r}: letters, digits, . _ - only", print_help=False)
            settings.set("GUIDECRAWL_RUN_ID", run_id, priority="cmdline")
            stats_file = Path(settings.get("GUIDECRAWL_STATS_FILE") or runstats.stats_path(out_dir, run_id))
            identity = {"run_id": run_id, "site": site_name, "out": str(out_dir)}
            try:
                runstats.reserve(stats_file, identity)
            except runstats.RunIdTaken as exc:
                raise UsageError(str(exc), print_help=False) from None
            except OSError as exc:
                return _fail(Exit.OUTPUT_FAILED, f"cannot write the stats file {stats_file}: {exc.strerror or exc}")
            lock = SiteLock(out_dir, site_name or spider_name, run_id)
            try:
                lock.acquire()
            except LockHeld as exc:
                held = Outcome(Exit.LOCK_HELD, str(exc))
                runstats.write(stats_file, runstats.site_record({}, held, **identity))
                return _fail(held.exit, str(exc))
        try:
            self.crawler_process.crawl(crawler, **opts.spargs)
            self.crawler_process.start()
        finally:
            if lock is not None:
                lock.release()
        if self.crawler_process.bootstrap_failed:
            return int(Exit.INTERNAL)
        stats = crawler.stats.get_stats() if crawler.stats is not None else {}
        result = outcome(stats, feeds=len(settings.getdict("FEEDS")))
        if stats_file is not None:
            try:
                runstats.write(stats_file, runstats.site_record(stats, result, **identity))
            except OSError as exc:
                stats[STATS_FILE_FAILED_STAT] = 1
                result = Outcome(Exit.OUTPUT_FAILED, f"cannot write the stats file {stats_file}: {exc}")
        if result.exit != Exit.OK:
            print(f"scrapy crawl: {result.reason} (exit {result.status})", file=sys.stderr)
        return result.status


def _fail(status: Exit, message: str) -> int:
    print(f"scrapy crawl: error: {message}", file=sys.stderr)
    return int(status)
