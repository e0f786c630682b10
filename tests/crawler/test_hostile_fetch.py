"""Odd answers from a server end as one row each, with a code that says what happened and one line in the log.

One crawl of a raw-socket server (tests/crawler/raw_http.py) fetches every case below; robots.txt failures and the
exit status of a site that answers 404 have crawls of their own.

| the server                                                        | row (stage fetch)                     |
|-------------------------------------------------------------------|---------------------------------------|
| 503 with a Retry-After nobody can read (`²`, a 20-digit hour)     | `http_503` after its retry            |
| a gzip or deflate body cut short                                  | `bad_content_encoding`                |
| the same bodies whole, a gzip body of two members                 | a document                            |
| a plain body that says `Content-Encoding: gzip`                   | `bad_content_encoding`                |
| a 1 MB header, HTTP/0.9, a bare `100 Continue`, a 20 KB Location, | `bad_response`, one readable line     |
| a status that is not a number, a Content-Length that is not one   |                                       |
| accepts the connection and closes it without a byte               | `connection_lost`                     |
| a redirect (3xx or meta refresh) to file:, ftp:, data:,           | `redirected_unsupported_scheme`       |
| javascript:, mailto:                                              |                                       |
| a redirect to http://evil.example@itself/, to port 99999          | `redirected_invalid_url`, charged to  |
|                                                                   | the URL that was given                |
"""

from __future__ import annotations

import gzip
import subprocess
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from w3lib.html import get_meta_refresh

from crawler.outcome import Exit, outcome
from crawler.retry_after import retry_after_seconds
from tests.crawler.conftest import scrapy_crawl
from tests.crawler.raw_http import SILENT, STALL, RawServer, free_port, http, raw_server

HTML = {"Content-Type": "text/html; charset=utf-8"}
GUIDE = "参保人员在定点医疗机构就医，住院费用按规定比例报销。咨询电话：0591-87842560。"
UNREADABLE_RETRY_AFTER = {
    "/retry-superscript": b"\xb2",
    "/retry-overflow": b"Mon, 01 Jan 2026 99999999999999999999:00:00 GMT",
}
ENCODERS = {
    "gzip": gzip.compress,
    "deflate": zlib.compress,
}
NOT_HTTP = {
    "/huge-header": http(200, {**HTML, "X-Big": "a" * (1 << 20)}, b"<html></html>"),
    "/http09": b"<html><body><p>" + GUIDE.encode() + b"</p></body></html>",
    "/continue-only": b"HTTP/1.1 100 Continue\r\n\r\n",
    "/long-location": http(302, {"Location": "/page?" + "a" * 20_000}),
    "/garbage-status": b"HTTP/1.1 abc\r\nContent-Length: 5\r\n\r\nhello",
    "/bad-length": http(200, {**HTML, "Content-Length": "-5"}, b"<html></html>"),
}
UNSUPPORTED_TARGETS = {
    "/to-file": "file:///etc/passwd",
    "/to-ftp": "ftp://127.0.0.1/x",
    "/to-data": "data:text/html,<p>hi</p>",
    "/to-javascript": "javascript:alert(1)",
    "/to-mailto": "mailto:ybj@example.cn",
}


def page(n: int) -> bytes:
    """A guide page of its own text (the crawl drops a text it already has as a duplicate)."""
    text = (GUIDE.replace("0591", f"{n:04d}") + f"第{n}条。") * 40
    return f"<html><head><meta charset='utf-8'><title>指南{n}</title></head><body><p>{text}</p></body></html>".encode()


def refresh(target: str, delay: int) -> bytes:
    head = f"<meta http-equiv='refresh' content='{delay};url={target}'>"
    return http(200, HTML, page(900 + delay).replace(b"<title>", head.encode() + b"<title>", 1))


def answers(port: int) -> dict[str, bytes]:
    routes: dict[str, bytes] = {}
    for path, value in UNREADABLE_RETRY_AFTER.items():
        routes[path] = http(503, {**HTML, "Retry-After": value}, b"busy")
    for n, (name, encode) in enumerate(ENCODERS.items()):
        whole = encode(page(n))
        routes[f"/{name}-whole"] = http(200, {**HTML, "Content-Encoding": name}, whole)
        cut = encode(page(10 + n))
        routes[f"/{name}-cut"] = http(200, {**HTML, "Content-Encoding": name}, cut[: len(cut) * 2 // 3])
    two_members = gzip.compress(page(20)[:500]) + gzip.compress(page(20)[500:])
    routes["/gzip-two-members"] = http(200, {**HTML, "Content-Encoding": "gzip"}, two_members)
    routes["/gzip-plain"] = http(200, {**HTML, "Content-Encoding": "gzip"}, page(21))
    routes.update(NOT_HTTP)
    routes["/silent"] = SILENT
    for path, target in UNSUPPORTED_TARGETS.items():
        routes[path] = http(302, {"Location": target})
    routes["/refresh-javascript"] = refresh("javascript:alert(1)", 0)
    routes["/refresh-javascript-later"] = refresh("javascript:alert(1)", 3600)  # never followed: the page stays
    routes["/to-credentials"] = http(302, {"Location": f"http://evil.example@127.0.0.1:{port}/target"})
    routes["/to-bad-port"] = http(302, {"Location": "http://127.0.0.1:99999/x"})
    routes["/target"] = http(200, HTML, page(30))
    return routes


def table(out: Path, name: str) -> list[dict[str, Any]]:
    return [row for file in sorted((out / name).rglob("*.parquet")) for row in pq.read_table(file).to_pylist()]


@dataclass
class Answers:
    server: RawServer
    process: subprocess.CompletedProcess[str]
    paths: list[str]  # the URLs given, as paths
    found: dict[str, list[tuple[str, str, str]]]  # path → its rows: ("document", "", "") or (stage, error, message)

    def __getitem__(self, path: str) -> tuple[str, str]:
        """The (error or "document", message) of the one row of `path`."""
        rows = self.found.get(path, [])
        assert len(rows) == 1, (path, rows)
        return rows[0][1] or rows[0][0], rows[0][2]


@pytest.fixture(scope="module")
def answered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Answers]:
    """One crawl of every case."""
    tmp = tmp_path_factory.mktemp("answers")
    with raw_server(answers) as server:
        paths = [p for p in answers(0) if p != "/target"]
        (tmp / "urls.txt").write_text("".join(f"{server.url}{p}\n" for p in paths), encoding="utf-8")
        process = scrapy_crawl(
            "-a", f"url_file={tmp / 'urls.txt'}", "-s", f"OUTPUT_DIR={tmp / 'out'}", "-s", "DOWNLOAD_TIMEOUT=5",
            "-s", "RETRY_ENABLED=true", "-s", "RETRY_TIMES=1", "-s", "GUIDECRAWL_RETRY_AFTER_MAX=1",
            timeout=90,
        )  # fmt: skip
        found: dict[str, list[tuple[str, str, str]]] = {}
        for row in table(tmp / "out", "documents"):
            found.setdefault(row["url"].removeprefix(server.url), []).append(("document", "", ""))
        for row in table(tmp / "out", "errors"):
            found.setdefault(row["url"].removeprefix(server.url), []).append(
                (row["stage"], row["error"], row["message"])
            )
        yield Answers(server, process, paths, found)


@pytest.mark.slow
def test_every_url_given_ends_in_exactly_one_row_and_no_other_url_has_one(answered: Answers) -> None:
    assert {path: len(rows) for path, rows in answered.found.items()} == dict.fromkeys(answered.paths, 1)
    assert {rows[0][0] for rows in answered.found.values()} == {"document", "fetch"}


@pytest.mark.slow
def test_the_crawl_of_odd_answers_logs_no_traceback(answered: Answers) -> None:
    assert "Traceback" not in answered.process.stderr, answered.process.stderr[-3000:]


def test_an_unreadable_retry_after_is_ignored() -> None:
    assert retry_after_seconds("²") is None
    assert retry_after_seconds("Mon, 01 Jan 2026 99999999999999999999:00:00 GMT") is None
    assert retry_after_seconds("Mon, 01 Jan 99999999999999999999 00:00:00 GMT") is None
    assert retry_after_seconds(" 7 ") == 7.0
    assert retry_after_seconds("9" * 400) == float("inf")  # a readable number: over any cap


@pytest.mark.slow
def test_a_503_with_an_unreadable_retry_after_is_retried_and_stays_http_503(answered: Answers) -> None:
    for path in UNREADABLE_RETRY_AFTER:
        assert answered[path] == ("http_503", "HTTP 503")
        assert answered.server.hits[path] == 2  # the retry happened, without a wait


@pytest.mark.slow
def test_a_compressed_body_cut_short_is_bad_content_encoding(answered: Answers) -> None:
    for name in ENCODERS:
        error, message = answered[f"/{name}-cut"]
        assert error == "bad_content_encoding"
        assert message.startswith(f"the body ends inside its compressed stream ({name}, ")


@pytest.mark.slow
def test_a_whole_compressed_body_is_a_document_and_a_plain_one_labelled_gzip_is_not(answered: Answers) -> None:
    for path in [*(f"/{name}-whole" for name in ENCODERS), "/gzip-two-members"]:
        assert answered[path] == ("document", ""), path
    assert answered["/gzip-plain"] == ("bad_content_encoding", "Not a gzipped file (b'<h')")


@pytest.mark.slow
def test_an_answer_that_is_not_http_is_bad_response_in_one_readable_line(answered: Answers) -> None:
    for path in NOT_HTTP:
        error, message = answered[path]
        assert error == "bad_response", (path, message)
        assert "Failure" not in message and "<" not in message and len(message) < 200, message
    assert answered["/garbage-status"][1] == "not an HTTP response: non-integer status code: b'HTTP/1.1 abc'"
    assert answered["/http09"][1].startswith("the connection ended before a complete HTTP response head")


@pytest.mark.slow
def test_a_server_that_closes_without_a_byte_is_connection_lost(answered: Answers) -> None:
    assert answered["/silent"] == ("connection_lost", "the server closed the connection without answering")


@pytest.mark.slow
def test_a_redirect_to_another_scheme_is_redirected_unsupported_scheme(answered: Answers) -> None:
    for path, target in UNSUPPORTED_TARGETS.items():
        error, message = answered[path]
        assert error == "redirected_unsupported_scheme"
        assert message.startswith("redirected (302) to " + target.split("<")[0]), message  # data: is escaped
    # A meta refresh is what w3lib reads as one: from w3lib 2.6 on, a `javascript:` target is none (the page stays).
    if get_meta_refresh(refresh("javascript:alert(1)", 0).decode(), "http://127.0.0.1/")[1] is None:
        assert answered["/refresh-javascript"] == ("document", "")
    else:
        assert answered["/refresh-javascript"] == (
            "redirected_unsupported_scheme",
            "redirected (meta refresh) to javascript:alert(1): only http and https URLs are fetched",
        )
    assert answered["/refresh-javascript-later"] == ("document", "")


@pytest.mark.slow
def test_a_redirect_to_a_url_with_credentials_is_charged_to_the_url_given(answered: Answers) -> None:
    server = answered.server
    port = server.url.rsplit(":", 1)[1]
    assert answered["/to-credentials"] == (
        "redirected_invalid_url",
        f"redirected (302) to http://evil.example@127.0.0.1:{port}/target: "
        "a URL with credentials (user@host) is not followed",
    )
    assert server.hits["/target"] == 0
    assert answered["/to-bad-port"] == (
        "redirected_invalid_url",
        "redirected (302) to http://127.0.0.1:99999/x: Port out of range 0-65535",
    )


@pytest.mark.slow
def test_robots_txt_that_cannot_be_fetched_is_one_warning_line_and_pages_are_still_fetched(tmp_path: Path) -> None:
    bad_gzip = http(200, {"Content-Type": "text/plain", "Content-Encoding": "gzip"}, b"User-agent: *\nDisallow: /\n")
    refused = f"http://127.0.0.1:{free_port()}"
    with (
        raw_server(lambda port: {"/robots.txt": bad_gzip, "/page": http(200, HTML, page(40))}) as gzipped,
        raw_server(lambda port: {"/robots.txt": STALL, "/page": http(200, HTML, page(41))}) as stalled,
    ):
        origins = [gzipped.url, stalled.url, refused, "http://nonexistent.invalid"]
        (tmp_path / "urls.txt").write_text("".join(f"{origin}/page\n" for origin in origins), encoding="utf-8")
        process = scrapy_crawl(
            "-a", f"url_file={tmp_path / 'urls.txt'}", "-s", f"OUTPUT_DIR={tmp_path / 'out'}",
            "-s", "DOWNLOAD_TIMEOUT=2", "-s", "DNS_TIMEOUT=5", timeout=90,
        )  # fmt: skip
    assert "Traceback" not in process.stderr, process.stderr[-3000:]
    assert " ERROR: " not in process.stderr, process.stderr[-3000:]
    # one line an origin: "WARNING: <robots.txt URL> not fetched (<reason>: <message>): the origin's pages …"
    said = [line.split(" WARNING: ", 1)[1] for line in process.stderr.splitlines() if "robots.txt not fetched" in line]
    reasons = {line.split(" ")[0]: line.split(" not fetched (")[1].split(":")[0] for line in said}
    assert len(said) == len(reasons) and reasons == {
        f"{gzipped.url}/robots.txt": "bad_content_encoding",
        f"{stalled.url}/robots.txt": "timeout",
        f"{refused}/robots.txt": "connection_refused",
        "http://nonexistent.invalid/robots.txt": "dns_error",
    }
    errors = {row["url"]: row["error"] for row in table(tmp_path / "out", "errors")}
    assert errors == {f"{refused}/page": "connection_refused", "http://nonexistent.invalid/page": "dns_error"}
    assert sorted(row["url"] for row in table(tmp_path / "out", "documents")) == sorted(
        [f"{gzipped.url}/page", f"{stalled.url}/page"]
    )


@pytest.mark.slow
def test_a_site_that_answers_404_exits_3_not_4(tmp_path: Path) -> None:
    with raw_server(lambda port: {}) as server:
        process = scrapy_crawl("-a", f"url={server.url}/missing", "-s", "LOG_LEVEL=ERROR", timeout=60)
    assert process.returncode == Exit.PAGES_FAILED, process.stderr[-2000:]
    assert process.stderr.strip().splitlines()[-1] == "scrapy crawl: 1 page(s) failed (see the errors table) (exit 3)"


def test_an_http_error_is_an_answer_and_a_refused_connection_is_not() -> None:
    not_found = {"finish_reason": "finished", "guidecrawl/errors/fetch/http_404": 1}
    assert outcome(not_found).exit == Exit.PAGES_FAILED
    moved_away = {"finish_reason": "finished", "guidecrawl/errors/fetch/redirected_offsite": 1}
    assert outcome(moved_away).exit == Exit.PAGES_FAILED
    refused = {"finish_reason": "finished", "guidecrawl/errors/fetch/connection_refused": 1}
    assert outcome(refused).exit == Exit.UNREACHABLE
