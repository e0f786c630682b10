"""A failed request (Twisted Failure in a Scrapy errback) → `extract.errors.PageError` with a short reason.

Reasons are matched on the exception's class names (its MRO), so the table covers Scrapy's, Twisted's and the
standard library's exceptions without importing them; a decompression library's error, whatever its name, by the
library's module (`DECODER_MODULES`). It never retries, never raises: an unknown exception
becomes its class name in snake_case. A `Refused` request says its own reason.
"""

from __future__ import annotations

import re
from typing import Any

from scrapy.exceptions import IgnoreRequest

from extract.errors import PageError

# exception class name → (stage, error). First match along the MRO wins.
FAILURE_REASONS: dict[str, tuple[str, str]] = {
    "DownloadTimeoutError": ("fetch", "timeout"),
    "TimeoutError": ("fetch", "timeout"),
    "TCPTimedOutError": ("fetch", "timeout"),
    "CannotResolveHostError": ("fetch", "dns_error"),
    "DNSLookupError": ("fetch", "dns_error"),
    "DownloadConnectionRefusedError": ("fetch", "connection_refused"),
    "ConnectionRefusedError": ("fetch", "connection_refused"),
    "ResponseDataLossError": ("fetch", "data_loss"),
    "ResponseNeverReceived": ("fetch", "connection_lost"),
    "ResponseFailed": ("fetch", "connection_lost"),
    "ConnectionLost": ("fetch", "connection_lost"),
    "ConnectionDone": ("fetch", "connection_lost"),
    "DownloadCancelledError": ("fetch", "cancelled"),
    "UnsupportedURLSchemeError": ("fetch", "unsupported_scheme"),
    "SSLError": ("fetch", "tls_error"),
    "DownloadFailedError": ("fetch", "download_failed"),
}
# The libraries a response body is decompressed with (its Content-Encoding): an error of theirs in the fetch stage
# is a body the server encoded wrongly, whatever they name it (zlib.error, BadGzipFile, brotli.error, ZstdError).
DECODER_MODULES = frozenset({"zlib", "gzip", "brotli", "_brotli", "brotlicffi", "zstd", "compression", "backports"})
# IgnoreRequest carries its reason only in its message.
IGNORE_REASONS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("robots.txt", ("robots", "robots_disallowed")),
    ("offsite", ("fetch", "offsite")),
    ("maxsize", ("fetch", "too_large")),
)


_STREAMED_PAST_THE_CAP = "the body grew past the download size cap (DOWNLOAD_MAXSIZE) while it streamed"


class Refused(IgnoreRequest):
    """A request the crawler's own guards refuse (redirect loop, offsite redirect, trap limit, robots.txt
    unavailable …), carrying the errors row it becomes: its stage, its reason and the URL it is charged to."""

    def __init__(self, stage: str, error: str, message: str, url: str | None = None) -> None:
        super().__init__(message)
        self.stage = stage
        self.error = error
        self.message = message
        self.url = url


def snake_case(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def page_error(failure: Any, url: str | None) -> PageError:
    exc = failure.value
    if isinstance(exc, Refused):
        return PageError(exc.url or url, exc.stage, exc.error, exc.message)
    names = [cls.__name__ for cls in type(exc).__mro__]
    message = (str(exc) or type(exc).__name__).splitlines()[0]
    if "HttpError" in names and getattr(exc, "response", None) is not None:
        status = exc.response.status
        return PageError(url, "fetch", f"http_{status}", f"HTTP {status}")
    if "DownloadCancelledError" in names and (not str(exc) or "max size" in message):
        # Scrapy cancels a download on its own only past DOWNLOAD_MAXSIZE: saying the size when the server announced
        # it, without a word when the body grew past the cap while it streamed.
        return PageError(url, "fetch", "too_large", str(exc) or _STREAMED_PAST_THE_CAP)
    if type(exc).__module__.split(".")[0] in DECODER_MODULES:
        return PageError(url, "fetch", "bad_content_encoding", message)
    if "IgnoreRequest" in names:
        lowered = message.lower()
        for marker, (stage, error) in IGNORE_REASONS:
            if marker in lowered:
                return PageError(url, stage, error, message)
        return PageError(url, "fetch", "ignored", message)
    for name in names:
        if name in FAILURE_REASONS:
            stage, error = FAILURE_REASONS[name]
            return PageError(url, stage, error, message)
    return PageError(url, "fetch", snake_case(type(exc).__name__), message)
