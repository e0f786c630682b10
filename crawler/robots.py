"""robots.txt that cannot be read now means "try later", and a huge robots.txt costs only its first 500 KiB.

Scrapy's RobotsTxtMiddleware parses whatever answer it gets: a 503 error page reads as "allow everything",
and a 10 MB robots.txt is parsed whole (hundreds of MB). RFC 9309 says a server error (5xx) means the crawler
MUST assume complete disallow, and lets a crawler stop parsing after 500 KiB. So here:
- robots.txt answered 5xx or 429 (after RetryMiddleware's retries): no page of that origin is fetched in this
  run; each is an errors row `robots_unavailable` (stage `robots`) saying to try a later run;
- 4xx other than 429: no robots.txt, everything allowed (RFC 9309, and Scrapy's behaviour);
- a network failure on robots.txt: Scrapy's behaviour (allowed): the page request then fails on its own with
  the precise reason (timeout, connection refused …), which says more than a robots row would. The log says
  so in one WARNING line with that reason (Scrapy logs an ERROR and a traceback for this expected condition);
- every request that waits for robots.txt gets its rules (Scrapy's own middleware gives them only to the
  first of the requests waiting at the same time; the others were let through unchecked);
- the download of robots.txt stops after GUIDECRAWL_ROBOTSTXT_MAX_BYTES (default 512000) and the part
  received is parsed (the rules at the top of the file are the ones that matter).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest, StopDownload
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from crawler.failures import Refused, page_error

logger = logging.getLogger(__name__)
DEFAULT_MAX_BYTES = 500 * 1024
_RECEIVED = "_guidecrawl_robots_bytes"


class Unavailable:
    """Stands in for a parser when robots.txt answered a server error: nothing is allowed."""

    def __init__(self, status: int) -> None:
        self.status = status

    def allowed(self, url: str, user_agent: Any) -> bool:
        return False


def is_robots_request(request: Request) -> bool:
    return bool(request.meta.get("dont_obey_robotstxt")) and request.url.endswith("/robots.txt")


class TryLaterRobotsTxtMiddleware(RobotsTxtMiddleware):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.max_bytes = crawler.settings.getint("GUIDECRAWL_ROBOTSTXT_MAX_BYTES", DEFAULT_MAX_BYTES)
        crawler.signals.connect(self._bytes_received, signal=signals.bytes_received)

    def _bytes_received(self, data: bytes, request: Request, spider: Any = None) -> None:
        if not is_robots_request(request):
            return
        received = request.meta.get(_RECEIVED, 0) + len(data)
        request.meta[_RECEIVED] = received
        if received > self.max_bytes:
            self._stats.inc_value("guidecrawl/robots/truncated")
            raise StopDownload(fail=False)

    async def robot_parser(self, request: Request) -> Any:
        # Scrapy lets every request that arrives while robots.txt is being fetched await the same Deferred
        # through Deferred.asFuture, which hands the parser to the first waiter and None ("allow all") to the
        # rest: concurrent first requests ignored robots.txt. Each waiter gets its own relay of the result.
        netloc = urlparse_cached(request).netloc
        pending = self._parsers.get(netloc)
        if isinstance(pending, Deferred):
            waiter: Deferred[Any] = Deferred()

            def relay(result: Any) -> Any:
                waiter.callback(result)
                return result

            pending.addBoth(relay)
            return await maybe_deferred_to_future(waiter)
        if netloc in self._parsers:
            return pending
        return await self._fetch_robots(request, netloc)

    async def _fetch_robots(self, request: Request, netloc: str) -> Any:
        """Scrapy's first fetch of an origin's robots.txt, with a download failure logged as the one line it is."""
        self._parsers[netloc] = Deferred()
        robots_url = f"{urlparse_cached(request).scheme}://{netloc}/robots.txt"
        robots_request = Request(
            robots_url, priority=self.DOWNLOAD_PRIORITY, meta={"dont_obey_robotstxt": True}, callback=NO_CALLBACK
        )
        assert self.crawler.engine is not None
        try:
            response = await self.crawler.engine.download_async(robots_request)
        except Exception as exc:
            if not isinstance(exc, IgnoreRequest) or isinstance(exc, Refused):
                row = page_error(Failure(exc), robots_url)
                logger.warning(
                    "%s not fetched (%s: %s): the origin's pages are requested without its rules",
                    robots_url,
                    row.error,
                    row.message,
                )
            self._robots_error(exc, netloc)
        else:
            try:
                await self._parse_robots(response, netloc, request)
            except Exception as exc:  # a bug of the parser or of a robots_parsed handler: say where
                logger.error("%s could not be parsed: %s", robots_url, exc, exc_info=True)
                if isinstance(self._parsers.get(netloc), Deferred):
                    self._robots_error(exc, netloc)
        self._stats.inc_value("robotstxt/request_count")
        parser = self._parsers[netloc]
        if isinstance(parser, Deferred):
            return await maybe_deferred_to_future(parser)
        return parser

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500 or response.status == 429:
            self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
            self._stats.inc_value("guidecrawl/robots/unavailable")
            deferred = self._parsers[netloc]
            unavailable = Unavailable(response.status)
            self._parsers[netloc] = unavailable  # type: ignore[assignment]
            deferred.callback(unavailable)  # type: ignore[union-attr,arg-type]
            return
        if len(response.body) > self.max_bytes:
            response = response.replace(body=response.body[: self.max_bytes])
        await super()._parse_robots(response, netloc, request)

    def process_request_2(self, rp: Any, request: Request) -> None:
        if isinstance(rp, Unavailable):
            self._stats.inc_value("guidecrawl/robots/refused_unavailable")
            raise Refused(
                "robots",
                "robots_unavailable",
                f"robots.txt answered HTTP {rp.status}: not fetched, try a later run",
            )
        super().process_request_2(rp, request)
