"""`Retry-After` honoured up to a cap: a server that says "come back in N seconds" gets its pause.

Scrapy's RetryMiddleware retries a 429/503 at once, ignoring the header, which hammers a server that asked
for a break. This downloader middleware runs just before it (process_response order 560 > 550): when the
answer will be retried (retries on, attempts left, the status in RETRY_HTTP_CODES) and carries Retry-After
(seconds or an HTTP date), it waits that long — never more than GUIDECRAWL_RETRY_AFTER_MAX seconds (default
120) — without blocking other requests, then lets RetryMiddleware retry. A server asking for more than the
cap is not retried in this run: the page is an errors row `http_<status>` and the next run tries again.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor
from twisted.internet.task import deferLater

DEFAULT_MAX_WAIT = 120.0
# delta-seconds is 1*DIGIT in ASCII (RFC 9110 10.2.3): str.isdigit() also takes '²' or '٣', which float() refuses or
# reads as another number.
DELTA_SECONDS = re.compile(r"[0-9]+")


def retry_after_seconds(value: str, now: dt.datetime | None = None) -> float | None:
    """Seconds a Retry-After value asks for (delta-seconds or an HTTP date), or None when it is not one: a value
    nobody can read is ignored, never an error of the page."""
    value = value.strip()
    if DELTA_SECONDS.fullmatch(value):
        return float(value)  # 400 digits are inf: over any cap, which is what the server asked for
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):  # OverflowError: a 20-digit hour or year
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


class RetryAfterMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.enabled = settings.getbool("RETRY_ENABLED")
        self.codes = {int(code) for code in settings.getlist("RETRY_HTTP_CODES")}
        self.max_retries = settings.getint("RETRY_TIMES")
        self.max_wait = settings.getfloat("GUIDECRAWL_RETRY_AFTER_MAX", DEFAULT_MAX_WAIT)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler)

    async def process_response(self, request: Request, response: Response) -> Response:
        header = response.headers.get(b"Retry-After")
        if header is None or not self._will_retry(request, response):
            return response
        wait = retry_after_seconds(header.decode("latin-1"))
        if wait is None:
            return response
        stats = self.crawler.stats
        assert stats is not None
        if wait > self.max_wait:
            stats.inc_value("guidecrawl/retry_after/over_cap")
            request.meta["dont_retry"] = True  # asked to come back later than this run will wait
            return response
        stats.inc_value("guidecrawl/retry_after/waited")
        if wait > 0:
            await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))
        return response

    def _will_retry(self, request: Request, response: Response) -> bool:
        if not self.enabled or request.meta.get("dont_retry") or response.status not in self.codes:
            return False
        return int(request.meta.get("retry_times", 0)) < int(request.meta.get("max_retry_times", self.max_retries))
