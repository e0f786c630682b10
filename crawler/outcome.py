"""What a crawl's result means for the scheduler that started it: one exit status and one reason per run.

Read from the crawl's final Scrapy stats, so `scrapy crawl guides` and `guidecrawl crawl` exit alike:

| status | name          | meaning                                                                           |
|--------|---------------|-----------------------------------------------------------------------------------|
| 0      | ok            | every page fetched and extracted (robots.txt and off-site refusals, trap limits   |
|        |               | and duplicate texts are not failures)                                             |
| 1      | internal      | a bug: the crawl stopped on an unexpected error                                   |
| 2      | config        | bad arguments or registry, a run id already used, or a site whose rules yield no guide page |
| 3      | pages_failed  | the run finished but some pages failed (errors rows: HTTP errors, timeouts, stages) |
| 4      | unreachable   | not one page of the site could be fetched (DNS, refused, timeouts on every request) |
|        |               | and the site answered nothing: an HTTP error status is an answer (then 3)          |
| 5      | lock_held     | another run of the same site holds its lock: nothing was done                     |
| 6      | timeout       | stopped at --timeout (CLOSESPIDER_TIMEOUT); what was fetched is published         |
| 7      | output_failed | the tables, a feed (-o/-O) or the stats file could not be written                 |
| 8      | interrupted   | stopped by a signal (SIGINT/SIGTERM); what was fetched is published               |

When several sites run in one invocation, the most severe status wins (the order of SEVERITY).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any


class Exit(IntEnum):
    OK = 0
    INTERNAL = 1
    CONFIG = 2
    PAGES_FAILED = 3
    UNREACHABLE = 4
    LOCK_HELD = 5
    TIMEOUT = 6
    OUTPUT_FAILED = 7
    INTERRUPTED = 8


# Most severe first: what a multi-site run reports.
SEVERITY = (
    Exit.INTERNAL,
    Exit.CONFIG,
    Exit.OUTPUT_FAILED,
    Exit.LOCK_HELD,
    Exit.UNREACHABLE,
    Exit.INTERRUPTED,
    Exit.TIMEOUT,
    Exit.PAGES_FAILED,
    Exit.OK,
)
# errors rows that record a policy, not a failure: the site asked us not to fetch, the link left the site, a trap
# limit stopped following a path (`trap_<limit>`, crawler/traps.py LIMITS), or the page's text was already had
# under another URL (`duplicate_content`, crawler/dedup.py).
NOT_FAILURES = frozenset(
    {
        "robots_disallowed",
        "offsite",
        "trap_pages",
        "trap_query_variants",
        "trap_path_duplicates",
        "trap_depth",
        "duplicate_content",
    }
)
# fetch errors that only an HTTP answer gives: a site that answered them was reached, even if no page reached the
# spider (a start URL answering 404 is a page that failed, exit 3, not an unreachable site, exit 4).
ANSWERED_PREFIX = "http_"
ANSWERED = frozenset(
    {
        "unsolicited_304",
        "redirected_offsite",
        "redirect_loop",
        "too_many_redirects",
        "redirected_unsupported_scheme",
        "redirected_invalid_url",
        "bad_content_encoding",
        "too_large",
        "data_loss",
        "not_html",
    }
)
ERROR_PREFIX = "guidecrawl/errors/"
RESPONSES_STAT = "guidecrawl/responses"  # responses that reached the spider (any status)
GUIDE_REQUESTS_STAT = "guidecrawl/requests/guide"  # guide pages requested (start URLs included)
# Guide pages fetched: in a crawl sharing its frontier (Redis), a process may fetch guide pages another one found.
GUIDE_RESPONSES_STAT = "guidecrawl/responses/guide"
OUTPUT_FAILED_STAT = "guidecrawl/output/failed"
STATS_FILE_FAILED_STAT = "guidecrawl/stats_file/failed"


@dataclass(frozen=True, slots=True)
class Outcome:
    exit: Exit
    reason: str

    @property
    def status(self) -> int:
        return int(self.exit)


def errors_by_stage(stats: Mapping[str, Any]) -> dict[str, dict[str, int]]:
    """`guidecrawl/errors/<stage>/<error>` counters as {stage: {error: count}}."""
    found: dict[str, dict[str, int]] = {}
    for key, value in stats.items():
        if key.startswith(ERROR_PREFIX):
            stage, _, error = key[len(ERROR_PREFIX) :].partition("/")
            found.setdefault(stage, {})[error] = int(value)
    return found


def outcome(stats: Mapping[str, Any], feeds: int = 0) -> Outcome:
    """The run's exit status and reason; `feeds` is how many -o/-O feeds the crawl was asked to store."""
    finish = str(stats.get("finish_reason") or "")
    if stats.get(OUTPUT_FAILED_STAT) or stats.get(STATS_FILE_FAILED_STAT):
        return Outcome(Exit.OUTPUT_FAILED, "the tables or the stats file could not be written")
    if finish == "feed_append_refused":
        return Outcome(Exit.OUTPUT_FAILED, "a feed refused -o (append): use -O to overwrite it")
    failed_feeds = sum(int(v) for k, v in stats.items() if k.startswith("feedexport/failed_count/"))
    stored = sum(int(v) for k, v in stats.items() if k.startswith("feedexport/success_count/"))
    if failed_feeds or stored < feeds:
        return Outcome(Exit.OUTPUT_FAILED, f"{max(failed_feeds, feeds - stored)} feed(s) could not be written")
    if int(stats.get("log_count/CRITICAL", 0)):
        return Outcome(Exit.INTERNAL, "the crawl stopped on an unexpected error (see the log)")
    errors = errors_by_stage(stats)
    fetch_errors = errors.get("fetch", {})
    fetch_failures = sum(n for e, n in fetch_errors.items() if e not in NOT_FAILURES)
    responses = int(stats.get(RESPONSES_STAT, 0))
    answered = sum(n for e, n in fetch_errors.items() if e.startswith(ANSWERED_PREFIX) or e in ANSWERED)
    if responses == 0 and answered == 0 and fetch_failures:
        return Outcome(Exit.UNREACHABLE, f"site unreachable: no page fetched, {fetch_failures} request(s) failed")
    if finish == "closespider_timeout":
        return Outcome(Exit.TIMEOUT, "stopped at the time limit; what was fetched is published")
    if finish == "shutdown":
        return Outcome(Exit.INTERRUPTED, "stopped by a signal; what was fetched is published")
    if responses and not stats.get(GUIDE_REQUESTS_STAT) and not stats.get(GUIDE_RESPONSES_STAT):
        return Outcome(Exit.CONFIG, "the site yields nothing: no link on its start pages matches its guide rules")
    failures = sum(n for stage in errors.values() for e, n in stage.items() if e not in NOT_FAILURES)
    if failures:
        return Outcome(Exit.PAGES_FAILED, f"{failures} page(s) failed (see the errors table)")
    return Outcome(Exit.OK, "ok")


def worst(outcomes: Iterable[Outcome]) -> Outcome:
    found = list(outcomes)
    if not found:
        return Outcome(Exit.OK, "ok")
    return min(found, key=lambda o: SEVERITY.index(o.exit))
