"""Spider middleware: an exception in a spider callback becomes an `errors` row, not a lost page.

`process_page` already turns every stage failure into a PageError; this catches what is left (a bug in the
crawler's own code for one response) so the page is still accounted for and the crawl goes on. It never
swallows an exception without yielding its PageError, and never touches successful output.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from scrapy.http import Response

from crawler.failures import snake_case
from extract.errors import PageError

logger = logging.getLogger(__name__)


class CallbackErrorMiddleware:
    def process_spider_exception(self, response: Response, exception: Exception) -> Iterable[Any] | None:
        if isinstance(exception, Exception) and type(exception).__name__ != "HttpError":
            logger.error("callback failed on %s", response.url, exc_info=exception)
            error = "crawler_" + snake_case(type(exception).__name__)
            return [PageError(response.url, "fetch", error, (str(exception) or error).splitlines()[0])]
        return None
