"""A failed request (Twisted Failure in a Scrapy errback) → `extract.errors.PageError` with a short reason.

Reasons are matched on the exception's class names (its MRO), so the table covers Scrapy's, Twisted's and the
standard library's exceptions without importing them; a decompression library's error, whatever its name, by the
library's module (`DECODER_MODULES`). It never retries, never raises: an unknown exception
becomes its class name in snake_case. A `Refused` request says its own reason.

Scrapy 2.19 wraps Twisted's ResponseFailed in DownloadFailedError, whose message is the repr of a list of
Failures; the reasons inside say what happened (`response_failed`): the server closed without a word, or sent
something that is not an HTTP/1.x response head.
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
    "ConnectionLost": ("fetch", "connection_lost"),
    "ConnectionDone": ("fetch", "connection_lost"),
    "DownloadCancelledError": ("fetch", "cancelled"),
    "UnsupportedURLSchemeError": ("fetch", "unsupported_scheme"),
    "SSLError": ("fetch", "tls_error"),
    "DownloadFailedError": ("fetch", "download_failed"),
    "CutShortEncodingError": ("fetch", "bad_content_encoding"),  # crawler/compression.py
}
# Twisted's reasons inside a ResponseFailed, by class name (first match along the MRO) or by module: an answer that
# is not HTTP/1.x (its status line or a header does not parse, a Content-Length is not a number) or a TLS failure.
RESPONSE_REASONS: dict[str, str] = {"ParseError": "bad_response", "ValueError": "bad_response"}
RESPONSE_REASON_MODULES: dict[str, str] = {"OpenSSL": "tls_error"}
# A connection that ended before a complete response head: (whether the server had sent anything (Twisted's
# ResponseFailed) or not (ResponseNeverReceived), whether it closed cleanly) → (error, message). A clean close
# after bytes that made no head is the answer's fault: HTTP/0.9, a 1 MB header line, a bare `100 Continue`.
CLOSED_BEFORE_HEAD: dict[tuple[bool, bool], tuple[str, str]] = {
    (False, True): ("connection_lost", "the server closed the connection without answering"),
    (False, False): ("connection_lost", "the connection was lost before any answer"),
    (True, True): (
        "bad_response",
        "the connection ended before a complete HTTP response head: the answer is not HTTP/1.x, "
        "has a header line too long to read, or only a 1xx status",
    ),
    (True, False): ("connection_lost", "the connection was lost before a complete HTTP response head"),
}
MESSAGE_CHARS = 300
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


def class_names(exc: BaseException) -> list[str]:
    return [cls.__name__ for cls in type(exc).__mro__]


def one_line(exc: BaseException) -> str:
    """An exception's message on one line, its arguments joined (Twisted's ParseError is a (reason, data) tuple)."""
    args = exc.args if len(exc.args) > 1 else ()
    text = ": ".join(a if isinstance(a, str) else repr(a) for a in args) or str(exc) or type(exc).__name__
    lines = text.splitlines() or [type(exc).__name__]
    return lines[0][:MESSAGE_CHARS]


def response_failed(exc: BaseException) -> tuple[str, str] | None:
    """(error, message) of a Twisted ResponseFailed, bare or wrapped in Scrapy's DownloadFailedError; None for
    any other exception."""
    wrapper = next((e for e in (exc, exc.__cause__) if e is not None and "ResponseFailed" in class_names(e)), None)
    if wrapper is None:
        return None
    reasons = [getattr(r, "value", r) for r in getattr(wrapper, "reasons", None) or ()]
    reasons = [r for r in reasons if isinstance(r, BaseException)]
    for reason in reasons:
        error = next((RESPONSE_REASONS[n] for n in class_names(reason) if n in RESPONSE_REASONS), None)
        if error is not None:
            return error, f"not an HTTP response: {one_line(reason)}"
        module = type(reason).__module__.split(".")[0]
        if module in RESPONSE_REASON_MODULES:
            return RESPONSE_REASON_MODULES[module], one_line(reason)
    closings = [r for r in reasons if "ConnectionClosed" in class_names(r)]
    if len(closings) != len(reasons) or not reasons:  # something else: say it, in one line
        return "download_failed", one_line(reasons[0]) if reasons else one_line(wrapper)
    received = "ResponseNeverReceived" not in class_names(wrapper)
    clean = all("ConnectionDone" in class_names(r) for r in closings)
    return CLOSED_BEFORE_HEAD[received, clean]


def page_error(failure: Any, url: str | None) -> PageError:
    exc = failure.value
    if isinstance(exc, Refused):
        return PageError(exc.url or url, exc.stage, exc.error, exc.message)
    names = class_names(exc)
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
    if "ResponseDataLossError" not in names and (found := response_failed(exc)) is not None:
        return PageError(url, "fetch", *found)
    for name in names:
        if name in FAILURE_REASONS:
            stage, error = FAILURE_REASONS[name]
            return PageError(url, stage, error, message)
    return PageError(url, "fetch", snake_case(type(exc).__name__), message)
