"""scrapy-redis's duplicate filter (a Redis set per site and run) keyed by the crawler's request fingerprinter.

The fingerprint is the project's (crawler/fingerprint.py: method, canonical URL, body; tracking parameters
dropped), the same in every process and on every machine, so workers sharing a frontier agree on what was seen.
Imported only when the Redis frontier is switched on (crawler/redis_frontier.py): scrapy-redis is optional.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request, Spider
from scrapy_redis.dupefilter import RFPDupeFilter


class GuideRedisDupeFilter(RFPDupeFilter):  # type: ignore[misc]
    fingerprinter: Any = None

    @classmethod
    def from_spider(cls, spider: Spider) -> GuideRedisDupeFilter:
        dupefilter: GuideRedisDupeFilter = super().from_spider(spider)
        dupefilter.fingerprinter = spider.crawler.request_fingerprinter
        return dupefilter

    def request_fingerprint(self, request: Request) -> str:
        if self.fingerprinter is None:  # built outside a crawl: scrapy-redis's own fingerprint
            return str(super().request_fingerprint(request))
        return str(self.fingerprinter.fingerprint(request).hex())
