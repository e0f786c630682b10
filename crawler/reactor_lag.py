"""Scrapy extension: how long the reactor was kept from running, in the stats (`guidecrawl/reactor/...`).

A timer asks to run every TICK seconds; how late it runs is how long something blocked the reactor thread
(a page's extraction, a big write). Enabled by benchmarks/crawl.py with
`-s EXTENSIONS={"crawler.reactor_lag.ReactorLag": 0}`; it changes nothing in the crawl.
"""

from __future__ import annotations

import time

from scrapy import signals
from scrapy.crawler import Crawler
from twisted.internet.task import LoopingCall

TICK = 0.05


class ReactorLag:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.max_lag = 0.0
        self.late_ticks = 0  # ticks more than 100 ms late
        self.last = 0.0
        self.loop = LoopingCall(self.tick)
        crawler.signals.connect(self.start, signal=signals.spider_opened)
        crawler.signals.connect(self.stop, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReactorLag:
        return cls(crawler)

    def start(self) -> None:
        self.last = time.monotonic()
        self.loop.start(TICK, now=False)

    def tick(self) -> None:
        now = time.monotonic()
        lag = now - self.last - TICK
        self.last = now
        self.max_lag = max(self.max_lag, lag)
        self.late_ticks += lag > 0.1

    def stop(self) -> None:
        if self.loop.running:
            self.loop.stop()
        self.stats.set_value("guidecrawl/reactor/max_lag_ms", round(self.max_lag * 1000))
        self.stats.set_value("guidecrawl/reactor/ticks_over_100ms", self.late_ticks)
