"""Scrapy's closing stats dump read back from a crawl's log (the stats of a `scrapy crawl` run in a subprocess).

Scrapy logs the final stats at INFO as a dict literal after "Dumping Scrapy stats:"; datetimes in it are
`datetime.datetime(...)` calls, which are read as None (the elapsed time is a number in the same dump).
"""

from __future__ import annotations

import ast
import re

_MARKER = "Dumping Scrapy stats:"
_DATETIME_CALL = re.compile(r"datetime\.datetime\([^)]*\)")


class StatsNotFound(ValueError):
    """The log holds no closing stats dump (the crawl died first, or LOG_LEVEL was above INFO)."""


def final_stats(log: str) -> dict[str, object]:
    """The last stats dump in `log` as a dict."""
    if _MARKER not in log:
        raise StatsNotFound("no 'Dumping Scrapy stats:' line in the log")
    text = log[log.rindex(_MARKER) + len(_MARKER) :]
    end = text.find("}\n")
    if end < 0:
        raise StatsNotFound("the stats dump in the log is cut off")
    stats = ast.literal_eval(_DATETIME_CALL.sub("None", text[: end + 1]).strip())
    if not isinstance(stats, dict):
        raise StatsNotFound("the stats dump is not a dict")
    return stats
