"""The fixture site on 127.0.0.1: real pages in their real encodings, served exactly as `routes.toml` says.

    python -m crawler.fixture_server [--root crawler/demo_site] [--replicate N] [--access-log FILE]

Prints its base URL (``http://127.0.0.1:PORT``) as the first stdout line, then serves until killed. Tests,
`guidecrawl demo` and `benchmarks/crawl.py` start it as a subprocess on port 0 and kill it when done.

What it may do: serve the routes' bytes with the declared (possibly wrong) headers, answer conditional requests
with 304, redirect, 404, and switch the whole site to another version (``GET /_fixture/version/2``) so a test
can change a page between two crawls. It never re-encodes a body: the crawler must see the real bytes (a
benchmark article only adds a sentence, in the page's own encoding).
``--latency S`` delays every answer (a remote server's response time, for the benchmark).
With ``--replicate N`` it also serves ``/bench/list_1.html`` … (portal listings, 50 entries a page) linking N
article URLs ``/bench/a<i>.html`` (for the benchmark): article i is the site's guide page i mod 7 with one
sentence of its own added to its main text (``bench.toml``), so every article is a distinct page.
"""

from __future__ import annotations

import argparse
import email.utils
import hashlib
import html
import re
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = Path(__file__).resolve().parent / "demo_site"  # package data: installed with the wheel
CONTROL_PREFIX = "/_fixture/version/"
BENCH_PAGE_SIZE = 50


def route_key(path_and_query: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A path plus its query parameters in sorted order: links may order them any way."""
    parts = urlsplit(path_and_query)
    return parts.path, tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))


@dataclass(frozen=True, slots=True)
class Route:
    status: int = 200
    content_type: str | None = None
    bodies: Mapping[int, bytes] = field(default_factory=dict)  # site version → body (1 always present)
    location: str | None = None
    etag: bool = False
    last_modified: str | None = None

    def body(self, version: int) -> bytes:
        return self.bodies.get(version, self.bodies.get(1, b""))


def load_routes(root: Path) -> dict[tuple[str, tuple[tuple[str, str], ...]], Route]:
    table = tomllib.loads((root / "routes.toml").read_text(encoding="utf-8"))
    routes = {}
    for path, spec in table.items():
        routes[route_key(path)] = _route(root, spec)
    return routes


def _route(root: Path, spec: Mapping[str, Any]) -> Route:
    bodies: dict[int, bytes] = {}
    if "file" in spec:
        bodies[1] = (root / "pages" / spec["file"]).read_bytes()
    elif "body" in spec:
        bodies[1] = spec["body"].encode("utf-8")
    for version, name in spec.get("versions", {}).items():
        bodies[int(version)] = (root / "pages" / name).read_bytes()
    return Route(
        status=int(spec.get("status", 200)),
        content_type=spec.get("content_type"),
        bodies=bodies,
        location=spec.get("location"),
        etag=spec.get("etag") == "auto",
        last_modified=spec.get("last_modified"),
    )


# A text run: the characters after a tag up to the next tag, in the raw bytes. Safe in every encoding the site
# uses: 0x3C ('<') and 0x3E ('>') never occur inside a GBK, Big5 or UTF-8 multi-byte character. Runs after
# tags whose text is not page content (scripts, titles, link labels, form options) are skipped.
_TEXT_RUN = re.compile(rb"<(?!(?:script|style|title|a|option|textarea|select)\b)[a-zA-Z][^>]*>([^<]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class BenchNotes:
    """The sentence templates and vocabularies of `demo_site/bench.toml`, by language."""

    templates: Mapping[str, str]
    words: Mapping[str, Mapping[str, list[Any]]]

    @classmethod
    def load(cls, root: Path) -> BenchNotes:
        path = root / "bench.toml"
        table = tomllib.loads((path if path.is_file() else DEFAULT_ROOT / "bench.toml").read_text(encoding="utf-8"))
        templates = {lang: spec.pop("template") for lang, spec in table.items()}
        return cls(templates, table)

    def sentence(self, index: int, lang: str) -> str:
        """Article `index`'s own sentence: words picked by the index, numbers computed from it."""
        words = self.words[lang]
        picked = {name: choices[index % len(choices)] for name, choices in words.items()}
        city, area = picked.pop("city")
        return self.templates[lang].format(
            **picked,
            city=city,
            area=area,
            year=2019 + index % 7,
            month=1 + index % 12,
            day=1 + (index * 7) % 28,
            amount=500 + (index * 37) % 200 * 50,
            percent=50 + (index * 13) % 41,
            phone=10_000_000 + (index * 7919 + 2_345_678) % 90_000_000,  # 7919 is prime: one number per index
            docno=1 + (index * 31) % 400,
        )


@dataclass(frozen=True, slots=True)
class NoteSlot:
    """Where a page takes its article note: the byte offset at the end of the longest text run that the
    page's main text holds, the codec of its bytes and the language of that run."""

    offset: int
    codec: str
    lang: str

    @classmethod
    def find(cls, body: bytes, content_type: str | None, url: str) -> NoteSlot:
        """Asks the project's own reader (decode + content) which text is the page's main text, so the note
        lands there whatever the page's layout, and which codec its bytes are in."""
        from extract.pipeline import read_page  # only a replicating server pays for the extraction imports

        try:
            document = read_page(body, {"Content-Type": content_type} if content_type else {}, url)
        except Exception as exc:  # StageFailure: the page has no main text to hold a note
            raise ValueError(f"{url}: cannot read the page's main text ({exc})") from None
        codec = document.encoding or "utf-8"
        main_text = "".join(document.text.split())
        runs = []
        for match in _TEXT_RUN.finditer(body):
            run = match.group(1).rstrip()
            text = "".join(html.unescape(run.decode(codec, "replace")).split())
            if text and text in main_text:
                runs.append((len(text), match.start(1) + len(run), run))
        if not runs:
            raise ValueError(f"{url}: no text run of the page is in its main text")
        _, offset, run = max(runs)
        letters = sum(byte < 0x80 and chr(byte).isalpha() for byte in run)
        return cls(offset, codec, "en" if letters > len(run) // 2 else "zh")


class NotedBodies(Mapping[int, bytes]):
    """A route's bodies (site version → bytes) with article `index`'s note added, made when served: a
    benchmark of 20,000 articles holds the few guide pages and their slots, not 20,000 bodies."""

    def __init__(self, bodies: Mapping[int, bytes], slots: Mapping[int, NoteSlot], notes: BenchNotes, index: int):
        self._bodies, self._slots, self._notes, self._index = bodies, slots, notes, index

    def __getitem__(self, version: int) -> bytes:
        body, slot = self._bodies[version], self._slots[version]
        # In the page's own encoding; a character it cannot encode (simplified Chinese in a Big5 page) becomes
        # a numeric character reference, as publishing systems write it.
        note = self._notes.sentence(self._index, slot.lang).encode(slot.codec, "xmlcharrefreplace")
        return body[: slot.offset] + note + body[slot.offset :]

    def __iter__(self) -> Iterator[int]:
        return iter(self._bodies)

    def __len__(self) -> int:
        return len(self._bodies)


def bench_routes(routes: Mapping[Any, Route], count: int, root: Path = DEFAULT_ROOT) -> dict[Any, Route]:
    """N article URLs listed 50 a page on portal listings. Article i is guide page i mod 7 with a sentence of its
    own (`bench.toml`) at the end of its main text, so no two articles share a text: a crawl of N articles
    does the work of N distinct pages, as the bare crawl it is compared with fetches N pages."""
    guide_routes = [(key, r) for key, r in routes.items() if r.status == 200 and r.etag and r.content_type]
    guides = [route for _, route in guide_routes]
    notes = BenchNotes.load(root)
    slots = [
        {
            version: NoteSlot.find(body, route.content_type, f"http://127.0.0.1{path}")
            for version, body in route.bodies.items()
        }
        for (path, _), route in guide_routes
    ]
    extra: dict[Any, Route] = {}
    pages = max(1, -(-count // BENCH_PAGE_SIZE))
    for page in range(1, pages + 1):
        first = (page - 1) * BENCH_PAGE_SIZE
        items = "".join(
            f'<li><a href="/bench/a{i}.html">医保办理指南 第{i}篇</a><span class="date">2024-09-03</span></li>'
            for i in range(first, min(first + BENCH_PAGE_SIZE, count))
        )
        pager = f'<div class="pages"><a href="/bench/list_{page + 1}.html">下一页</a></div>' if page < pages else ""
        html = (
            '<html><head><meta charset="utf-8"><title>医保动态</title></head><body>'
            f'<div class="list"><ul>{items}</ul></div>{pager}</body></html>'
        )
        extra[route_key(f"/bench/list_{page}.html")] = Route(
            content_type="text/html; charset=utf-8", bodies={1: html.encode("utf-8")}
        )
    for i in range(count):
        guide = guides[i % len(guides)]
        bodies = NotedBodies(guide.bodies, slots[i % len(guides)], notes, i)
        extra[route_key(f"/bench/a{i}.html")] = Route(
            content_type=guide.content_type, bodies=bodies, etag=guide.etag, last_modified=guide.last_modified
        )
    return extra


class FixtureSite:
    """Routes plus the site version a test can flip; shared by the handler threads."""

    def __init__(self, routes: Mapping[Any, Route], access_log: Path | None = None, latency: float = 0.0) -> None:
        self.routes = dict(routes)
        self.latency = latency
        self.version = 1
        self._lock = threading.Lock()
        self._log = access_log.open("a", encoding="utf-8", buffering=1) if access_log else None

    def log(self, method: str, target: str, status: int) -> None:
        if self._log is not None:
            with self._lock:
                self._log.write(f"{method} {target} {status}\n")


def make_handler(site: FixtureSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "guidecrawl-fixture/1"

        def do_HEAD(self) -> None:
            self._serve(send_body=False)

        def do_GET(self) -> None:
            self._serve(send_body=True)

        def _serve(self, *, send_body: bool) -> None:
            if site.latency:
                time.sleep(site.latency)
            if self.path.startswith(CONTROL_PREFIX):
                site.version = int(self.path[len(CONTROL_PREFIX) :] or 1)
                self._reply(200, {"Content-Type": "text/plain"}, f"version {site.version}\n".encode(), send_body)
                return
            route = site.routes.get(route_key(self.path))
            if route is None:
                self._reply(404, {"Content-Type": "text/html"}, b"<html><body>404 Not Found</body></html>", send_body)
                return
            body = route.body(site.version)
            headers: dict[str, str] = {}
            if route.content_type:
                headers["Content-Type"] = route.content_type
            if route.location:
                headers["Location"] = route.location
            if route.etag:
                headers["ETag"] = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
            if route.last_modified:
                headers["Last-Modified"] = route.last_modified
            if route.status == 200 and self._not_modified(headers):
                self._reply(304, {k: v for k, v in headers.items() if k != "Content-Type"}, b"", send_body)
                return
            self._reply(route.status, headers, body, send_body)

        def _not_modified(self, headers: Mapping[str, str]) -> bool:
            etag = headers.get("ETag")
            if etag and self.headers.get("If-None-Match"):
                return etag in [t.strip() for t in self.headers["If-None-Match"].split(",")]
            since, modified = self.headers.get("If-Modified-Since"), headers.get("Last-Modified")
            if since and modified:
                try:
                    return email.utils.parsedate_to_datetime(modified) <= email.utils.parsedate_to_datetime(since)
                except (TypeError, ValueError):  # an unparsable date: answer in full, as servers do
                    return False
            return False

        def _reply(self, status: int, headers: Mapping[str, str], body: bytes, send_body: bool) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body and body:
                self.wfile.write(body)
            if not self.path.startswith(CONTROL_PREFIX):
                site.log(self.command, self.path, status)

        def log_message(self, format: str, *args: Any) -> None:  # quiet: the access log is opt-in
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default 5 refuses a crawler's burst of parallel connections


def serve(
    root: Path, *, port: int = 0, replicate: int = 0, access_log: Path | None = None, latency: float = 0.0
) -> ThreadingHTTPServer:
    routes = load_routes(root)
    if replicate:
        routes.update(bench_routes(routes, replicate, root))
    site = FixtureSite(routes, access_log, latency)
    return _Server(("127.0.0.1", port), make_handler(site))


class FixtureServerError(RuntimeError):
    """The fixture server subprocess exited or printed something other than its URL."""


@contextmanager
def fixture_server(
    root: Path = DEFAULT_ROOT,
    *,
    access_log: Path | None = None,
    replicate: int = 0,
    latency: float = 0.0,
) -> Iterator[str]:
    """Run `python -m crawler.fixture_server` as a subprocess on port 0; yield its base URL; stop it on exit.

    The one way tests, `guidecrawl demo` and `benchmarks/crawl.py` start the fixture site: a separate process,
    so a crawl in the same test run never shares a reactor or a thread with it.
    """
    command = [sys.executable, "-m", "crawler.fixture_server", "--root", str(root)]
    if access_log is not None:
        command += ["--access-log", str(access_log)]
    if replicate:
        command += ["--replicate", str(replicate)]
    if latency:
        command += ["--latency", str(latency)]
    process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            raise FixtureServerError(f"the fixture server did not start (it printed {url!r})")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.fixture_server", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="folder with routes.toml and pages/")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--replicate", type=int, default=0, help="also serve N benchmark article URLs")
    parser.add_argument("--access-log", type=Path, help="append 'METHOD TARGET STATUS' lines here")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds to wait before each answer (benchmarks)")
    args = parser.parse_args(argv)
    if not (args.root / "routes.toml").is_file():
        print(f"fixture_server: error: no routes.toml in {args.root}", file=sys.stderr)
        return 2
    try:
        server = serve(
            args.root, port=args.port, replicate=args.replicate, access_log=args.access_log, latency=args.latency
        )
    except ValueError as exc:  # --replicate on a site whose guide pages cannot take an article note
        print(f"fixture_server: error: {exc}", file=sys.stderr)
        return 2
    port = server.server_address[1]
    print(f"http://127.0.0.1:{port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
