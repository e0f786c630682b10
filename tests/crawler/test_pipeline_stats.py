"""ErrorStatsPipeline: documents, encodings, entities and errors of every item land in the crawl's stats."""

from __future__ import annotations

from scrapy.utils.test import get_crawler

from crawler.pipelines import ErrorStatsPipeline
from extract.errors import PageError
from extract.pipeline import process_page

PAGE = (
    "<html><head><meta charset='utf-8'><title>医保报销指南</title></head><body><div class='content'>"
    "<p>咨询电话：0591-87842560，投诉电话：12345。</p><p>报销比例为50%，起付标准800元，最高支付20万元。</p>"
    "<p>办理时间：2024年3月1日起。</p></div></body></html>"
).encode()


def test_entities_are_counted_per_kind_once_each() -> None:
    crawler = get_crawler()
    crawler.stats.open_spider()
    pipeline = ErrorStatsPipeline.from_crawler(crawler)
    result = process_page(PAGE, {"Content-Type": "text/html; charset=utf-8"}, "http://example.org/guide.html")
    kinds = [entity.kind for entity in result.entities]
    assert kinds.count("phone") == 2 and "percent" in kinds and "amount" in kinds
    pipeline.process_item(result)
    pipeline.process_item(result)  # a second page with the same entities adds to the counts
    for kind in set(kinds):
        assert crawler.stats.get_value(f"guidecrawl/entities/{kind}") == 2 * kinds.count(kind)
    assert crawler.stats.get_value("guidecrawl/entities/email") is None  # none found, none counted
    assert crawler.stats.get_value(f"guidecrawl/documents/{result.document.kind}") == 2


def test_page_errors_are_counted_by_stage_and_error() -> None:
    crawler = get_crawler()
    crawler.stats.open_spider()
    pipeline = ErrorStatsPipeline.from_crawler(crawler)
    pipeline.process_item(PageError("http://example.org/gone", "fetch", "http_404", "Not Found"))
    assert crawler.stats.get_value("guidecrawl/errors/fetch/http_404") == 1
    assert crawler.stats.get_value("guidecrawl/entities/phone") is None
