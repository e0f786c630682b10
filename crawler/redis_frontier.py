"""One big site crawled by several workers: a shared Redis frontier, opt-in with `-s GUIDECRAWL_REDIS_URL=redis://...`.

    scrapy crawl guides -a site=NAME -s GUIDECRAWL_REDIS_URL=redis://host:6379/0 -s GUIDECRAWL_RUN_ID=RUN ...
    (the same command on every worker, each with its own OUTPUT_DIR)

What the add-on switches on (nothing at all without the setting):
- scrapy-redis's scheduler: one request queue per site and run (`guidecrawl:<site>:<run>:requests`), kept when a
  worker closes (SCHEDULER_PERSIST) — one worker's end must not flush the others' frontier;
- a duplicate filter in Redis keyed by the project's own request fingerprint (crawler/redis_dupefilter.py), so a
  URL is fetched once across all workers;
- per-host politeness across workers (HostSemaphoreMiddleware): a request is downloaded only after it holds one of
  the site's `politeness.concurrency` slots for its host in a Redis sorted set; the slot is freed on the response
  or the error. Slots are leases (DOWNLOAD_TIMEOUT + LEASE_MARGIN seconds, Redis server clock), so a killed
  worker's slots come back by themselves;
- a worker whose queue is empty stays open while any worker still has a request in flight (their responses may
  add links), re-checking every 5 seconds (Scrapy's idle heartbeat).

Known limit: a request popped from Redis by a worker that is then killed is lost for this run (it was neither
downloaded nor put back); it is fetched by the next run, since the duplicate filter and queue are per run.
RUN must be the same on every worker of a run (GUIDECRAWL_RUN_ID); the frontier keys expire FRONTIER_TTL after
the last worker closes.
"""

from __future__ import annotations

import asyncio
import importlib.util
import itertools
import logging
import os
import socket
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.http import Response
from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)
SETTING = "GUIDECRAWL_REDIS_URL"
KEY_PREFIX = "guidecrawl"
LEASE_MARGIN = 30  # seconds a slot outlives the download timeout before it is taken back
WAIT_SECONDS = 0.05  # between two attempts to get a host slot
FRONTIER_TTL = 7 * 24 * 3600
SLOT_META = "guidecrawl_host_slot"

# Take a slot if fewer than `limit` unexpired leases are out; the server's clock decides expiry, not the workers'.
ACQUIRE = """
local now = tonumber(redis.call('TIME')[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
    redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
    return 1
end
return 0
"""


def frontier_key(site: str, run_id: str, what: str) -> str:
    return f"{KEY_PREFIX}:{site}:{run_id}:{what}"


def _site_and_run(crawler: Crawler) -> tuple[str, str]:
    spider = crawler.spider
    site = getattr(getattr(spider, "site", None), "name", None) or getattr(spider, "name", "pages")
    return str(site), str(crawler.settings.get("GUIDECRAWL_RUN_ID") or "default")


class RedisFrontierAddon:
    """Scrapy add-on: the scrapy-redis scheduler, our dupefilter, the host semaphore and the idle guard."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisFrontierAddon:
        return cls(crawler)

    def update_settings(self, settings: BaseSettings) -> None:
        url = settings.get(SETTING)
        if not url:
            return
        if importlib.util.find_spec("scrapy_redis") is None:  # optional: the `scale` extra
            raise NotConfigured(f"{SETTING} needs scrapy-redis: pip install 'guidecrawl[scale]'")
        site, run_id = _site_and_run(self.crawler)  # the spider exists already when add-ons run
        settings.set("REDIS_URL", url, priority="addon")
        settings.set("SCHEDULER", "scrapy_redis.scheduler.Scheduler", priority="addon")
        settings.set("DUPEFILTER_CLASS", "crawler.redis_dupefilter.GuideRedisDupeFilter", priority="addon")
        settings.set("SCHEDULER_PERSIST", True, priority="addon")
        settings.set("SCHEDULER_QUEUE_KEY", frontier_key(site, run_id, "requests"), priority="addon")
        settings.set("SCHEDULER_DUPEFILTER_KEY", frontier_key(site, run_id, "seen"), priority="addon")
        settings.set("JOBDIR", None, priority="cmdline")  # the frontier is in Redis, not in local disk queues
        # Into the component dicts whatever their priority: crawler/settings.py sets DOWNLOADER_MIDDLEWARES at
        # project priority, which a plain set(..., "addon") would not override (the semaphore silently missing).
        settings.set_in_component_priority_dict("DOWNLOADER_MIDDLEWARES", HostSemaphoreMiddleware, 950)
        settings.set_in_component_priority_dict("EXTENSIONS", SharedIdleGuard, 0)


def _redis(settings: BaseSettings) -> Any:
    from scrapy_redis.connection import get_redis_from_settings

    return get_redis_from_settings(settings)


class HostSemaphoreMiddleware:
    """Downloader middleware: at most the site's concurrency in flight per host, counted over all workers."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.server = _redis(crawler.settings)
        self.acquire = self.server.register_script(ACQUIRE)
        self.lease = int(crawler.settings.getfloat("DOWNLOAD_TIMEOUT", 180)) + LEASE_MARGIN
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        self.counter = itertools.count()
        self.site, self.run_id = _site_and_run(crawler)
        site = getattr(crawler.spider, "site", None)
        self.limit = int(getattr(getattr(site, "politeness", None), "concurrency", 0) or 0) or crawler.settings.getint(
            "CONCURRENT_REQUESTS_PER_DOMAIN", 8
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HostSemaphoreMiddleware:
        if not crawler.settings.get(SETTING):
            raise NotConfigured
        return cls(crawler)

    def key(self, request: Request) -> str:
        from urllib.parse import urlsplit

        return frontier_key(self.site, self.run_id, f"inflight:{urlsplit(request.url).netloc}")

    async def process_request(self, request: Request) -> None:
        member = f"{self.worker}:{next(self.counter)}"
        key = self.key(request)
        while not self.acquire(keys=[key], args=[self.limit, member, self.lease]):
            await asyncio.sleep(WAIT_SECONDS)
        request.meta[SLOT_META] = (key, member)

    def _release(self, request: Request) -> None:
        slot = request.meta.pop(SLOT_META, None)
        if slot is not None:
            self.server.zrem(*slot)

    def process_response(self, request: Request, response: Response) -> Response:
        self._release(request)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        self._release(request)


class SharedIdleGuard:
    """Keeps a worker with an empty queue open while another worker is still busy (its responses may add links).

    Each worker holds a lease `...:busy:<worker>` while its engine is not idle: set when the spider opens and on
    every response, dropped when the worker goes idle. An idle worker closes only when the queue is empty and no
    other worker holds a lease; a killed worker's lease expires by itself."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.server = _redis(crawler.settings)
        self.site, self.run_id = _site_and_run(crawler)
        self.lease = int(crawler.settings.getfloat("DOWNLOAD_TIMEOUT", 180)) + LEASE_MARGIN
        self.marker = frontier_key(self.site, self.run_id, f"busy:{socket.gethostname()}:{os.getpid()}")
        crawler.signals.connect(self.busy_now, signal=signals.spider_opened)
        crawler.signals.connect(self.busy_now, signal=signals.response_received)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedIdleGuard:
        if not crawler.settings.get(SETTING):
            raise NotConfigured
        return cls(crawler)

    def busy_now(self) -> None:
        self.server.set(self.marker, "1", ex=self.lease)

    def others_busy(self) -> bool:
        queue = frontier_key(self.site, self.run_id, "requests")
        kind = self.server.type(queue)
        size = {b"zset": self.server.zcard, b"list": self.server.llen}.get(kind, lambda _: 0)(queue)
        if size:
            return True
        return any(True for _ in self.server.scan_iter(match=frontier_key(self.site, self.run_id, "busy:*")))

    def spider_idle(self, spider: Spider) -> None:
        self.server.delete(self.marker)
        if self.others_busy():
            raise DontCloseSpider

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.server.delete(self.marker)
        for key in self.server.scan_iter(match=frontier_key(self.site, self.run_id, "*")):
            self.server.expire(key, FRONTIER_TTL)
