"""ClockCpu: the crawl process's CPU time from spider_opened to spider_closed, as the benchmark reads it."""

from __future__ import annotations

import time

from scrapy import signals
from scrapy.utils.test import get_crawler

from crawler.clock_cpu import CPU_STAT, ClockCpu


def busy(seconds: float) -> float:
    """Spend about `seconds` of CPU; return the CPU time spent, as the process clock counts it."""
    began = time.process_time()
    while time.process_time() - began < seconds:
        sum(range(10_000))
    return time.process_time() - began


def test_the_cpu_spent_between_spider_opened_and_closed_is_in_the_stats() -> None:
    crawler = get_crawler(settings_dict={"EXTENSIONS": {ClockCpu: 0}})
    crawler.stats.open_spider()
    ClockCpu.from_crawler(crawler)
    busy(0.05)  # before the clock: not counted
    crawler.signals.send_catch_log(signals.spider_opened)
    spent = busy(0.1)
    assert crawler.stats.get_value(CPU_STAT) is None  # nothing until the spider closes
    crawler.signals.send_catch_log(signals.spider_closed)
    measured = crawler.stats.get_value(CPU_STAT)
    assert spent * 1000 - 1 <= measured < spent * 1000 + 50  # the start-up's 50 ms are not in it
