"""Extraction workers forked from the crawl process, which has the extraction stages imported and warm.

An executed worker (`python -m crawler.extraction_worker`) spends ≈ 0.5 s of CPU importing the stages and
Scrapy, then ≈ 0.4 s on its first pages (data tables loaded, automata built, regular expressions compiled), and
every worker pays it again. The crawl process has the stages imported already (it unpickles their results);
`warm_extraction` runs them once over a few pages of the bundled demo site (`warm_pages.toml`), so the tables
are built once, there, and every forked worker starts with them: no import, no cold pages, and the memory
pages they share stay shared until written.

Fork only from a single-threaded process: the child of a multi-threaded fork holds whatever locks the other
threads held. The pool forks its first workers when the crawl starts, before any thread exists; a worker
replaced later in the crawl (when the writer's or Twisted's threads run) is executed instead. The child gets
the same pipes as an executed worker (Twisted's `Process`, which forks, sets up the file descriptors and reaps
it) and runs `crawler.extraction_worker.serve` where an executed one would call exec.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import sys
import threading
import tomllib
import traceback
from pathlib import Path
from typing import Any, NoReturn

from twisted.internet import process

from crawler.extraction_worker import GC_THRESHOLD, die_with_parent, serve

logger = logging.getLogger(__name__)
WARM_PAGES = Path(__file__).with_name("warm_pages.toml")
WARMED = False  # the crawl process's stages have run once (`warm_extraction`)


def can_fork() -> bool:
    """A forked worker is safe here: POSIX, and no thread but this one (none can hold a lock the child needs)."""
    return hasattr(os, "fork") and sys.platform != "win32" and threading.active_count() == 1


def warm_extraction() -> None:
    """Run every stage once over the demo site's pages listed in `warm_pages.toml`, so that the tables and
    automata the stages build on first use are built in this process, once, before the workers fork from it.
    Results are discarded: the stages keep no state between pages but their caches."""
    global WARMED
    if WARMED:
        return
    WARMED = True
    from crawler.extraction_pool import extract_page
    from crawler.fixture_server import DEFAULT_ROOT, load_routes, route_key
    from crawler.sites import load_sites

    # No collection while the tables are built: each would walk every object the crawl process holds (Scrapy's
    # included) to find none of them garbage, ≈ 10 % of the warm-up's CPU.
    collecting = gc.isenabled()
    gc.disable()
    try:
        site = load_sites(())["fixture"]
        routes = load_routes(DEFAULT_ROOT)
        for path in tomllib.loads(WARM_PAGES.read_text(encoding="utf-8"))["pages"]:
            route = routes[route_key(path)]
            headers = {"Content-Type": route.content_type or "text/html"}
            extract_page(route.body(1), headers, f"http://127.0.0.1{path}", site, "hans", None, None)
    except Exception as exc:  # a cold worker is slower, not wrong: the crawl goes on
        logger.warning("extraction: warm-up failed, workers start cold: %s: %s", type(exc).__name__, exc)
    finally:
        if collecting:
            gc.enable()
    # What exists now lives as long as the crawl: out of the collector's sight, its passes stay short, here and in
    # the forked workers (whose collector would otherwise walk, and so copy, every inherited page). No collection
    # first: it walked every object of the crawl process (≈ 60 ms, in Scrapy's clock) to free a few hundred.
    gc.freeze()
    # The crawl process leaves few reference cycles either (its RSS over the bench crawl is the same at either
    # pace), so it collects at the workers' pace too: the collector's time over the bench crawl 0.37 → 0.17 s.
    gc.set_threshold(*GC_THRESHOLD)


def speak_like_an_executed_worker() -> None:
    """Logging and print() as in an executed worker. The inherited handlers write to the crawl's log file, whose
    descriptor is closed here (its number may even be reused), and the inherited sys.stdout is the result pipe:
    warnings go to stderr through logging's last-resort handler, print() to stderr too."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.setLevel(logging.WARNING)
    sys.stdout = sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115


def run_forked(parent: int) -> NoReturn:
    """The forked child's whole life: serve jobs on fds 0/1, then leave without running the parent's exit code."""
    status = 1
    try:
        gc.freeze()  # the inherited objects never become garbage here: the collector need not walk them
        gc.enable()  # Twisted turned it off around the fork
        signal.set_wakeup_fd(-1)  # the reactor's wake-up pipe is closed in the child
        for number in (signal.SIGTERM, signal.SIGCHLD, signal.SIGHUP):
            signal.signal(number, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the crawl's to handle, not the workers'
        die_with_parent()
        if os.getppid() != parent:  # the crawl died before the line above took effect
            os._exit(0)
        speak_like_an_executed_worker()
        # New file objects over fds 0 and 1: the inherited sys.stdout may hold the parent's unwritten bytes.
        with open(0, "rb", closefd=False) as stdin, open(1, "wb", closefd=False) as stdout:
            serve(stdin, stdout)
        status = 0
    except BaseException:
        with contextlib.suppress(BaseException):
            os.write(2, ("extraction worker: " + traceback.format_exc()).encode("utf-8", "replace"))
    finally:
        os._exit(status)


class ForkedWorkerProcess(process.Process):  # type: ignore[misc]
    """`reactor.spawnProcess` without the exec: the child runs `run_forked` in this process's image."""

    def __init__(self, reactor: Any, protocol: Any, child_fds: dict[int, Any]) -> None:
        self._parent = os.getpid()
        executable = sys.executable
        super().__init__(reactor, executable, [executable], None, None, protocol, None, None, child_fds)

    def _trySpawnInsteadOfFork(self, *args: Any) -> bool:
        return False  # posix_spawn would exec: the point is not to

    def _execChild(self, *args: Any) -> NoReturn:
        run_forked(self._parent)
