"""Scrapy extension: the crawl process's CPU time while Scrapy's clock runs, in the stats (`guidecrawl/cpu/...`).

Scrapy's `elapsed_time_seconds` runs from spider_opened to spider_closed; this measures the CPU the crawl
process (all its threads) spent over the same span, so a benchmark can compare the per-page work of two crawls
without their start-up (imports) and without the machine's other load (CPU time, not wall time). Enabled by
benchmarks/crawl.py with `-s EXTENSIONS={"crawler.clock_cpu.ClockCpu": 0}`; it changes nothing in the crawl.
"""

from __future__ import annotations

import time

from scrapy import signals
from scrapy.crawler import Crawler

CPU_STAT = "guidecrawl/cpu/crawl_process_ms"


class ClockCpu:
    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.began: float | None = None
        crawler.signals.connect(self.start, signal=signals.spider_opened)
        crawler.signals.connect(self.stop, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ClockCpu:
        return cls(crawler)

    def start(self) -> None:
        self.began = time.process_time()

    def stop(self) -> None:
        if self.began is not None:
            self.stats.set_value(CPU_STAT, round((time.process_time() - self.began) * 1000))
