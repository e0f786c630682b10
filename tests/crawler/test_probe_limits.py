"""`guidecrawl sites check` fetches as boundedly as the crawl: a server that never stops sending, or sends a few bytes
now and then, ends the probe with one line — it neither fills memory nor waits forever — while a page served whole
is read as it is."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from crawler import probe

PAGE = "<html><body><p>参保人员在定点医疗机构就医，住院费用按规定比例报销。</p></body></html>".encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # no length: the body ends when the server closes

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html")
        self.end_headers()
        try:
            if self.path == "/robots.txt":
                self.wfile.write(b"User-agent: *\nDisallow: /private/\n")
            elif self.path == "/endless.html":
                while True:
                    self.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
            elif self.path == "/drip.html":
                while True:
                    self.wfile.write(b"<p>x</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            else:
                self.wfile.write(PAGE)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the probe hung up, as it should

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def test_a_page_served_whole_is_read_as_it_is(server: str) -> None:
    fetched = probe.fetch(f"{server}/guide.html", timeout=5.0)
    assert (fetched.status, fetched.body) == (200, PAGE)


def test_a_body_that_never_ends_stops_at_the_crawls_size_cap(server: str) -> None:
    with pytest.raises(probe.ProbeError, match=f"larger than {probe.MAX_BYTES} bytes"):
        probe.fetch(f"{server}/endless.html", timeout=60.0)


def test_a_server_that_drips_bytes_stops_at_the_timeout(server: str) -> None:
    with pytest.raises(probe.ProbeError, match="still sending after 1 s"):
        probe.fetch(f"{server}/drip.html", timeout=1.0)


def test_robots_txt_is_still_obeyed(server: str) -> None:
    with pytest.raises(probe.ProbeError, match=r"disallowed by robots\.txt"):
        probe.fetch(f"{server}/private/page.html", timeout=5.0)
