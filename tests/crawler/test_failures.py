"""Failed requests become PageErrors with a short reason (crawler/failures.py), from real exception objects."""

from __future__ import annotations

from scrapy import Request
from scrapy.exceptions import CannotResolveHostError, DownloadTimeoutError, IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionRefusedError, TCPTimedOutError
from twisted.python.failure import Failure

from crawler.failures import page_error

URL = "http://ybj.yantai.gov.cn/news/missing.html"


def reason(exc: BaseException) -> tuple[str, str]:
    error = page_error(Failure(exc), URL)
    return error.stage, error.error


def test_http_404_is_a_fetch_error_with_its_status() -> None:
    response = Response(URL, status=404, request=Request(URL))
    assert reason(HttpError(response, "Ignoring non-200 response")) == ("fetch", "http_404")


def test_robots_txt_refusal_is_a_robots_error() -> None:
    assert reason(IgnoreRequest("Forbidden by robots.txt")) == ("robots", "robots_disallowed")


def test_timeouts_are_timeout() -> None:
    assert reason(DownloadTimeoutError("took longer than 30.0 seconds")) == ("fetch", "timeout")
    assert reason(TCPTimedOutError()) == ("fetch", "timeout")


def test_dns_failure_is_dns_error() -> None:
    assert reason(CannotResolveHostError("ybj.yantai.gov.cn")) == ("fetch", "dns_error")


def test_refused_connection_is_connection_refused() -> None:
    assert reason(ConnectionRefusedError()) == ("fetch", "connection_refused")


def test_unknown_exception_becomes_its_name_in_snake_case() -> None:
    class WeirdProxyFailure(Exception):
        pass

    assert reason(WeirdProxyFailure("boom")) == ("fetch", "weird_proxy_failure")
