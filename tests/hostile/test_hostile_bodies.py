"""Bodies a crawl cannot take, each a `fetch` row of its own: a page over the size cap (`DOWNLOAD_MAXSIZE`) is
`too_large` however it arrives (its size announced, streamed without one, compressed: a decompression bomb), and a
body its Content-Encoding does not decode is `bad_content_encoding` whichever library decoded it."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.crawler.conftest import scrapy_crawl
from tests.hostile.conftest import guide_page, rows

CAP = 1 << 20  # bytes: a small cap keeps the test quick; the default is 16 MiB
CHUNK = b"<p>" + "参保人员在定点医疗机构就医。".encode() * 200 + b"</p>"
BOMB = gzip.compress(b"<html><body><p>" + b"0" * (8 * CAP) + b"</p></body></html>")
BROKEN = {"/broken-gzip": "gzip", "/broken-deflate": "deflate"}  # ten bytes that are neither


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if self.path == "/announced":
            self.send_header("Content-Length", str(4 * CAP))
        elif self.path == "/bomb":
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(BOMB)))
        elif self.path in BROKEN:
            self.send_header("Content-Encoding", BROKEN[self.path])
            self.send_header("Content-Length", "10")
            self.end_headers()
            self.wfile.write(b"0123456789")
            return
        elif self.path == "/small":
            body = guide_page()
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.end_headers()  # /streamed: no length, the body runs on until the client hangs up
        try:
            if self.path == "/bomb":
                self.wfile.write(BOMB)
                return
            for _ in range(8 * CAP // len(CHUNK)):
                self.wfile.write(CHUNK)
        except OSError:  # the crawler hung up at its cap
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_over_the_size_cap_is_too_large_however_it_arrives(site: str, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("".join(f"{site}/{path}\n" for path in ("announced", "streamed", "bomb", "small")))
    out = tmp_path / "out"
    process = scrapy_crawl(
        "-a", f"url_file={urls}", "-s", f"OUTPUT_DIR={out}", "-s", f"DOWNLOAD_MAXSIZE={CAP}", timeout=120
    )  # fmt: skip
    assert "Traceback" not in process.stderr, process.stderr[-3000:]
    errors = {row["url"].removeprefix(site): (row["stage"], row["error"]) for row in rows(out, "errors")}
    assert errors == {path: ("fetch", "too_large") for path in ("/announced", "/streamed", "/bomb")}
    assert [row["url"].removeprefix(site) for row in rows(out, "documents")] == ["/small"]


def test_a_body_its_content_encoding_does_not_decode_is_bad_content_encoding(site: str, tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("".join(f"{site}{path}\n" for path in [*BROKEN, "/small"]))
    out = tmp_path / "out"
    process = scrapy_crawl("-a", f"url_file={urls}", "-s", f"OUTPUT_DIR={out}", timeout=120)
    assert "Traceback" not in process.stderr, process.stderr[-3000:]
    errors = {row["url"].removeprefix(site): (row["stage"], row["error"]) for row in rows(out, "errors")}
    assert errors == {path: ("fetch", "bad_content_encoding") for path in BROKEN}
    assert [row["url"].removeprefix(site) for row in rows(out, "documents")] == ["/small"]
