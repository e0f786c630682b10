"""`crawler.stats_log.final_stats`: Scrapy's closing stats dump, read back from a crawl's log."""

from __future__ import annotations

import pytest

from crawler.stats_log import StatsNotFound, final_stats

LOG = """2026-12-06 10:00:00 [scrapy.core.engine] INFO: Closing spider (finished)
2026-12-06 10:00:00 [scrapy.statscollectors] INFO: Dumping Scrapy stats:
{'downloader/request_count': 12,
 'elapsed_time_seconds': 1.5,
 'finish_time': datetime.datetime(2026, 12, 6, 10, 0, tzinfo=datetime.timezone.utc),
 'guidecrawl/errors/fetch/http_404': 1}
2026-12-06 10:00:00 [scrapy.core.engine] INFO: Spider closed (finished)
"""


def test_the_closing_dump_is_read_as_a_dict_with_datetimes_as_none() -> None:
    assert final_stats(LOG) == {
        "downloader/request_count": 12,
        "elapsed_time_seconds": 1.5,
        "finish_time": None,
        "guidecrawl/errors/fetch/http_404": 1,
    }


def test_the_last_dump_wins() -> None:
    earlier = LOG.replace("'downloader/request_count': 12", "'downloader/request_count': 3")
    assert final_stats(earlier + LOG)["downloader/request_count"] == 12


def test_a_log_without_a_dump_is_a_clear_error() -> None:
    with pytest.raises(StatsNotFound, match="no 'Dumping Scrapy stats:'"):
        final_stats("2026-12-06 10:00:00 [scrapy.core.engine] INFO: Spider opened\n")
