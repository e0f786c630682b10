"""Hostile cases, generated, scored: does every case end in exactly the row it should, with nothing fetched
from another origin and every run ending by itself?

    python benchmarks/hostile.py [--split dev|first_sight|all]

Cases are generated from parameters (redirect codes and chain lengths, binary formats, encodings and the share
of a page in a second encoding, empty-page forms), each with an id. The split is fixed by the id before any
case is looked at: sha1(id) even → dev, odd → first_sight. Two families:
- page cases go through `extract.pipeline.process_page` (the path of both the crawler and `extract`): the
  expected outcome is a document, or one errors row with a given error code;
- crawl cases are URLs served by a local server (127.0.0.1, port 0) and crawled with the real spider
  (`scrapy crawl guides -a url_file=...`, tables read back from Parquet): the expected outcome is one row
  charged to the case's URL (a document at the end of its redirects, or an errors row with the code), and no
  request ever reaching the second server (another port of the same host).
Prints the pass rate per split and family, and every failing case.
"""

from __future__ import annotations

import argparse
import gzip
import random
import subprocess
import sys
import tempfile
import threading
import zlib
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.splits import split_of  # noqa: E402

TEXT = "参保人员在定点医疗机构就医，住院费用按规定比例报销。咨询电话：0591-87842560。"


def html(text: str = TEXT, charset: str = "utf-8", title: str = "医保指南") -> str:
    return (
        f"<html><head><meta charset='{charset}'><title>{title}</title></head>"
        f"<body><div class='article'><h1>{title}</h1><p>{text}</p><p>{text}</p></div></body></html>"
    )


# -- page cases -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageCase:
    id: str
    body: bytes
    headers: dict[str, str]
    expected: str  # "document" or an error code


def page_cases() -> list[PageCase]:
    cases: list[PageCase] = []
    utf8 = {"Content-Type": "text/html; charset=utf-8"}
    for name, body in {
        "zero-bytes": b"",
        "whitespace": b" \n\t\r\n   ",
        "comment-only": b"<!-- nothing here -->",
        "empty-body": b"<html><head><title></title></head><body></body></html>",
        "script-style-only": (
            b"<html><head><style>p{}</style><script>var x=1</script></head><body><script>x()</script></body></html>"
        ),
        "nbsp-only": "<html><body><p>\u00a0\u3000</p></body></html>".encode(),
        "empty-divs": b"<html><body>" + b"<div><span></span></div>" * 200 + b"</body></html>",
    }.items():
        cases.append(PageCase(f"empty/{name}", body, utf8, "empty_content"))
    rng = random.Random(20261206)
    binaries = {
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(6000),
        "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + rng.randbytes(6000),
        "gzip": gzip.compress(html().encode() * 40),
        "zlib": zlib.compress(html().encode() * 40),
        "zip": b"PK\x03\x04" + rng.randbytes(6000),
        "bytes-0-255": bytes(range(256)) * 30,
        "random-1": rng.randbytes(8000),
        "random-2": rng.randbytes(300),
        "elf": b"\x7fELF\x02\x01\x01\x00" + bytes(8) + rng.randbytes(4000),
    }
    for name, body in binaries.items():
        for content_type in ("text/html", "text/html; charset=utf-8", "text/html; charset=gbk"):
            case_id = f"binary/{name}/{content_type.replace(' ', '')}"
            cases.append(PageCase(case_id, body, {"Content-Type": content_type}, "binary_content|undecodable"))
    for share in (1, 2, 3, 6):
        for second in ("gbk", "big5", "shift_jis"):
            text = TEXT * 6 + "@@"
            body = html(text).encode().replace(b"@@", (TEXT * share).encode(second, "replace"))
            cases.append(PageCase(f"mixed/utf8+{second}/{share}of6", body, utf8, "undecodable"))
    for encoding in ("utf-8", "gbk", "gb18030", "big5", "utf-16"):
        for form in ("declared", "undeclared"):
            charset = encoding if form == "declared" else "x"
            page = html(charset=charset).replace("<meta charset='x'>", "")
            body = page.encode(encoding, "xmlcharrefreplace")
            headers = {"Content-Type": f"text/html; charset={encoding}"} if form == "declared" else {}
            cases.append(PageCase(f"document/{encoding}/{form}", body, headers, "document"))
    stray = html().encode().replace("报销".encode(), b"\xff", 1)
    cases.append(PageCase("document/one-bad-byte", stray, utf8, "document"))
    cases.append(
        PageCase("document/one-control-char", html().encode().replace(b"<p>", b"<p>\x07", 1), utf8, "document")
    )
    return cases


def run_page_case(case: PageCase) -> str:
    from extract.pipeline import process_page

    result = process_page(case.body, case.headers, f"http://127.0.0.1/{case.id}")
    if result.document is not None and not result.errors:
        return "document"
    return "|".join(e.error for e in result.errors) or "nothing"


# -- crawl cases ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CrawlCase:
    id: str
    start: str  # path of the case's URL
    expected: str  # "document" or an error code


class Routes:
    def __init__(self) -> None:
        self.table: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.requests: list[str] = []

    def add(self, path: str, status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        self.table[path] = (status, headers or {}, body)


def serve(routes: Routes) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            routes.requests.append(self.path)
            status, headers, body = routes.table.get(self.path, (404, {}, b"not found"))
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

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def crawl_cases(routes: Routes, base: str, other: str) -> list[CrawlCase]:
    cases: list[CrawlCase] = []
    page = {"Content-Type": "text/html; charset=utf-8"}
    port = base.rsplit(":", 1)[1]
    for code in (301, 302, 303, 307, 308):
        for length in (1, 2, 3, 5):
            name = f"loop/{code}/{length}"
            for i in range(length):
                routes.add(f"/{name}/{i}", code, {"Location": f"/{name}/{(i + 1) % length}"})
            cases.append(CrawlCase(name, f"/{name}/0", "redirect_loop"))
            name = f"offsite-port/{code}/{length}"
            for i in range(length - 1):
                routes.add(f"/{name}/{i}", code, {"Location": f"/{name}/{i + 1}"})
            routes.add(f"/{name}/{length - 1}", code, {"Location": f"{other}/landing.html"})
            cases.append(CrawlCase(name, f"/{name}/0", "redirected_offsite"))
            name = f"offsite-host/{code}/{length}"
            for i in range(length - 1):
                routes.add(f"/{name}/{i}", code, {"Location": f"/{name}/{i + 1}"})
            routes.add(f"/{name}/{length - 1}", code, {"Location": f"http://localhost:{port}/landing.html"})
            cases.append(CrawlCase(name, f"/{name}/0", "redirected_offsite"))
            name = f"onsite/{code}/{length}"
            for i in range(length - 1):
                routes.add(f"/{name}/{i}", code, {"Location": f"/{name}/{i + 1}"})
            body = html(f"{TEXT}（{name}）").encode()
            routes.add(f"/{name}/{length - 1}", code, {"Location": f"/{name}/final.html"})
            routes.add(f"/{name}/final.html", 200, page, body)
            cases.append(CrawlCase(name, f"/{name}/0", "document"))
    for delay in (0, 1, 5):
        for target in ("other-port", "self", "localhost"):
            name = f"refresh/{target}/{delay}"
            url = {"other-port": f"{other}/landing.html", "self": f"/{name}", "localhost": f"http://localhost:{port}/x"}
            head = f"<meta http-equiv='refresh' content='{delay}; url={url[target]}'>"
            body = f"<html><head>{head}</head><body><p>{TEXT}</p></body></html>".encode()
            routes.add(f"/{name}", 200, page, body)
            cases.append(CrawlCase(name, f"/{name}", "redirect_loop" if target == "self" else "redirected_offsite"))
    for headers_name, headers in (
        ("bare", {}),
        ("etag", {"ETag": '"x"'}),
        ("last-modified", {"Last-Modified": "Sun, 06 Dec 2026 08:00:00 GMT"}),
    ):
        routes.add(f"/304/{headers_name}", 304, headers)
        cases.append(CrawlCase(f"304/{headers_name}", f"/304/{headers_name}", "unsolicited_304"))
    for length in (21, 30):
        name = f"long-chain/{length}"
        for i in range(length):
            routes.add(f"/{name}/{i}", 302, {"Location": f"/{name}/{i + 1}"})
        routes.add(f"/{name}/{length}", 200, page, html(f"{TEXT}（{name}）").encode())
        cases.append(CrawlCase(name, f"/{name}/0", "too_many_redirects"))
    for name, body in (("empty", b""), ("binary", bytes(range(256)) * 20), ("scripts", b"<script>x()</script>")):
        routes.add(f"/content/{name}", 200, page, body)
        cases.append(CrawlCase(f"content/{name}", f"/content/{name}", "empty_content|binary_content|undecodable"))
    return cases


def run_crawl_cases(cases: list[CrawlCase], routes: Routes, base: str, other: Routes) -> dict[str, str]:
    """Crawl every case URL in one run; the outcome per case: "document", error codes, or what went wrong."""
    import pyarrow.parquet as pq

    routes.add("/robots.txt", 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n")
    with tempfile.TemporaryDirectory() as tmp:
        url_file = Path(tmp) / "urls.txt"
        url_file.write_text("".join(f"{base}{c.start}\n" for c in cases), encoding="utf-8")
        scrapy = str(Path(sys.executable).with_name("scrapy"))
        done = subprocess.run(
            [scrapy, "crawl", "guides", "-a", f"url_file={url_file}", "-s", "GUIDECRAWL_PROFILE=test",
             "-s", f"OUTPUT_DIR={tmp}/out", "-s", "LOG_LEVEL=WARNING"],
            cwd=REPO, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        if done.returncode != 0 or "Traceback" in done.stderr:
            print(done.stderr[-3000:], file=sys.stderr)
        documents = [r for f in Path(tmp, "out", "documents").rglob("*.parquet") for r in pq.read_table(f).to_pylist()]
        errors = [r for f in Path(tmp, "out", "errors").rglob("*.parquet") for r in pq.read_table(f).to_pylist()]
    outcome: dict[str, str] = {}
    for case in cases:
        url = base + case.start
        rows = [e["error"] for e in errors if e["url"] == url]
        final = f"{base}/{case.id}/final.html"
        docs = [d for d in documents if d["url"] in (url, final)]
        found = ["document"] * len(docs) + rows
        outcome[case.id] = found[0] if len(found) == 1 else f"{len(found)} rows: {found}"
    if other.requests:
        outcome["(no request to another origin)"] = f"{len(other.requests)} requests reached it"
    return outcome


def passed(expected: str, got: str) -> bool:
    return got in expected.split("|") or (expected == "binary_content|undecodable" and got in expected)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "first_sight", "all"), default="dev")
    args = parser.parse_args(argv)
    wanted = {"dev", "first_sight"} if args.split == "all" else {args.split}

    results: list[tuple[str, str, str, str, str]] = []  # (family, split, id, expected, got)
    for case in page_cases():
        if split_of(case.id) in wanted:
            results.append(("page", split_of(case.id), case.id, case.expected, run_page_case(case)))

    routes, other_routes = Routes(), Routes()
    server, base = serve(routes)
    other_server, other = serve(other_routes)
    try:
        cases = [c for c in crawl_cases(routes, base, other) if split_of(c.id) in wanted]
        outcome = run_crawl_cases(cases, routes, base, other_routes)
    finally:
        server.shutdown()
        other_server.shutdown()
    for case in cases:
        results.append(("crawl", split_of(case.id), case.id, case.expected, outcome[case.id]))
    if "(no request to another origin)" in outcome:
        results.append(
            ("crawl", args.split, "(no request to another origin)", "0", outcome["(no request to another origin)"])
        )
    else:
        results.append(("crawl", args.split, "(no request to another origin)", "0", "0"))

    print(f"{'split':<12} {'family':<6} {'passed':>7} {'cases':>6}")
    for split in sorted(wanted):
        for family in ("page", "crawl"):
            rows = [r for r in results if r[0] == family and r[1] in (split, args.split)]
            ok = sum(passed(r[3], r[4]) for r in rows)
            print(f"{split:<12} {family:<6} {ok:>7} {len(rows):>6}")
    failures = [r for r in results if not passed(r[3], r[4])]
    for family, split, case_id, expected, got in failures:
        print(f"FAIL {split} {family} {case_id}: expected {expected}, got {got}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
