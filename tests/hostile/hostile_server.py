"""A hostile web site on 127.0.0.1 for the crawler tests: loops, traps, lies and server errors, served for real.

    python -m tests.hostile.hostile_server [--robots allow|503|huge] [--other URL] [--access-log FILE]

Prints its base URL as the first stdout line, then serves until killed. `--other` is another origin (a second
server on another port) that redirects and links point to; the tests check it is never contacted. The access
log has one line per request: `METHOD TARGET STATUS HOST TIME` (TIME: seconds since the epoch).
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

GUIDE = "参保人员在定点医疗机构就医，住院费用按规定比例报销。咨询电话：0591-87842560。"
CALENDAR = "办事日历：本月暂无预约安排，请选择其他月份查看医保窗口的预约情况。"


def page(title: str, text: str, links: list[str] = (), head: str = "") -> bytes:  # type: ignore[assignment]
    anchors = "".join(f"<li><a href='{href}'>{href}</a></li>" for href in links)
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f"<body><div class='article'><h1>{title}</h1><p>{text}</p><p>{text}</p></div><ul>{anchors}</ul></body></html>"
    ).encode()


class HostileSite:
    def __init__(self, robots: str, other: str, access_log: Path | None) -> None:
        self.robots = robots
        self.other = other.rstrip("/")
        self.access_log = access_log
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.port = 0

    def log(self, method: str, target: str, status: int, host: str) -> None:
        with self.lock:
            if self.access_log is not None:
                with self.access_log.open("a", encoding="utf-8") as f:
                    f.write(f"{method} {target} {status} {host} {time.time():.3f}\n")

    def answer(self, target: str) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            self.hits[target] += 1
        parts = urlsplit(target)
        path, query = parts.path, parse_qs(parts.query)
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/robots.txt":
            return self.robots_txt()
        if path == "/misc/start.html":
            links = [
                "/misc/good.html", "/misc/empty.html", "/misc/binary.html", "/misc/mixed.html",
                "/loop/a.html", "/loop/self.html", "/moved/host.html", "/moved/port.html", "/moved/refresh.html",
                "/moved/to-good.html", "/misc/unsolicited-304.html", f"{self.other}/misc/linked.html",
                "/misc/retry-after.html", "/misc/retry-after-long.html",
            ]  # fmt: skip
            return 200, html, page("医保服务指南", GUIDE.replace("0591", "0592"), links)
        if path == "/misc/good.html":
            return 200, html, page("异地就医备案指南", GUIDE)
        if path == "/misc/empty.html":
            return 200, html, b""
        if path == "/misc/binary.html":
            return 200, html, bytes(range(256)) * 64
        if path == "/misc/mixed.html":
            body = page("医保", GUIDE * 4 + "@@").replace(b"@@", (GUIDE * 2).encode("gbk"))
            return 200, html, body
        if path == "/loop/a.html":
            return 302, {"Location": "/loop/b.html"}, b""
        if path == "/loop/b.html":
            return 302, {"Location": "/loop/a.html"}, b""
        if path == "/loop/self.html":
            return 301, {"Location": "/loop/self.html"}, b""
        if path == "/moved/host.html":
            return 301, {"Location": f"http://localhost:{self.port}/misc/good.html"}, b""
        if path == "/moved/port.html":
            return 302, {"Location": f"{self.other}/misc/good.html"}, b""
        if path == "/moved/refresh.html":
            refresh = f"<meta http-equiv='refresh' content='0; url={self.other}/misc/good.html'>"
            return 200, html, page("已迁移", "本页已迁移。", head=refresh)
        if path == "/moved/to-good.html":
            return 302, {"Location": "/misc/good.html"}, b""
        if path == "/misc/unsolicited-304.html":
            return 304, {}, b""
        if path == "/misc/retry-after.html":
            if self.hits[target] == 1:
                return 503, {"Retry-After": "2", **html}, b"<html><body>busy</body></html>"
            return 200, html, page("门诊慢特病待遇", GUIDE.replace("住院", "门诊"))
        if path == "/misc/retry-after-long.html":
            return 503, {"Retry-After": "86400", **html}, b"<html><body>come back tomorrow</body></html>"
        if path == "/traps/start.html":
            links = ["/calendar.html?page=1", "/session/a.html?token=start", "/deep/1.html"]
            return 200, html, page("陷阱", "办事指南目录。", links)
        if path == "/calendar.html":
            n = int(query.get("page", ["1"])[0])
            return (
                200,
                html,
                page("办事日历", CALENDAR, [f"/calendar.html?page={n + 1}", f"/calendar.html?page={n + 2}"]),
            )
        if path.startswith("/session/"):
            token = f"{time.monotonic_ns():x}"
            text = GUIDE if path.endswith("a.html") else f"会话续页：{CALENDAR}"
            return 200, html, page("会话", text, [f"/session/a.html?token={token}1", f"/session/b.html?token={token}2"])
        if path.startswith("/deep/"):
            n = int(path.removeprefix("/deep/").removesuffix(".html"))
            return 200, html, page(f"第{n}层", f"第{n}层的内容：{GUIDE}", [f"/deep/{n + 1}.html"])
        if path == "/big/index.html":
            return 200, html, page("大页面", "目录。", [f"/big/{n}.html" for n in range(1, 11)])
        if path.startswith("/big/"):
            n = int(path.removeprefix("/big/").removesuffix(".html"))
            rng = random.Random(n)  # distinct, incompressible text: tables that do not fit a small disk
            text = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(30_000))
            return 200, html, page(f"第{n}篇", text)
        if path.startswith("/wide/"):
            n = int(path.removeprefix("/wide/").removesuffix(".html"))
            links = [f"/wide/{10 * n + i}.html" for i in range(1, 11)]
            return 200, html, page(f"第{n}篇", f"第{n}篇：{GUIDE}", links)
        return 404, html, b"<html><body>not found</body></html>"

    def robots_txt(self) -> tuple[int, dict[str, str], bytes]:
        text = {"Content-Type": "text/plain"}
        if self.robots == "503":
            return 503, text, b"Service Unavailable"
        if self.robots == "huge":
            rules = b"".join(b"Disallow: /private/%d/\n" % i for i in range(600_000))  # ~12 MB
            return 200, text, b"User-agent: *\nDisallow: /private/\n" + rules + b"User-agent: *\nDisallow: /\n"
        return 200, text, b"User-agent: *\nDisallow: /private/\n"


def make_handler(site: HostileSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            status, headers, body = site.answer(self.path)
            site.log("GET", self.path, status, self.headers.get("Host", ""))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.hostile.hostile_server")
    parser.add_argument("--robots", choices=("allow", "503", "huge"), default="allow")
    parser.add_argument("--other", default="http://127.0.0.1:9", help="another origin that must never be contacted")
    parser.add_argument("--access-log", type=Path)
    args = parser.parse_args(argv)
    site = HostileSite(args.robots, args.other, args.access_log)
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site))
    server.daemon_threads = True
    site.port = server.server_address[1]
    print(f"http://127.0.0.1:{site.port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
