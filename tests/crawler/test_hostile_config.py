"""Hostile configuration and input: registry entries, `-a url_file=` lines, `--base-url` and `--out` values that
Scrapy would choke on or silently drop. Each is either a configuration mistake (one line, exit 2, nothing
fetched or written) or, for a URL the crawl was given, exactly one `documents` or `errors` row.

Crawls are real: `scrapy crawl` and `guidecrawl crawl` processes against servers on 127.0.0.1 (port 0)."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from crawler.offsite import Origins
from crawler.outcome import Exit
from crawler.sites import load_sites
from tests.crawler.conftest import REPO, Served, final_stats, scrapy_crawl
from tests.hostile.conftest import rows

GUIDECRAWL = str(Path(sys.executable).with_name("guidecrawl"))  # the console script, as users run it
LONG = 2100  # characters of padding: past Scrapy's URLLENGTH_LIMIT (2083)


def guidecrawl(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([GUIDECRAWL, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr[-2000:]
    return lines[0]


def registry(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "my_sites.toml"
    path.write_text(text, encoding="utf-8")
    return path


def crawl_rows(out: Path) -> dict[str, list[tuple[str, ...]]]:
    """Every row a crawl wrote, by URL: ("document",) or ("errors", stage, error)."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for row in rows(out, "documents"):
        found.setdefault(row["url"], []).append(("document",))
    for row in rows(out, "errors"):
        found.setdefault(row["url"], []).append(("errors", row["stage"], row["error"]))
    return found


def crawl_url_file(tmp_path: Path, lines: list[str]) -> tuple[subprocess.CompletedProcess[str], Path]:
    url_file = tmp_path / "urls.txt"
    url_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = scrapy_crawl("-a", f"url_file={url_file}", "-s", f"OUTPUT_DIR={out}", timeout=90)
    return proc, out


# 1. URLs Scrapy cannot make a request of: a port out of range, another scheme, an unclosed IPv6 bracket.

BAD_START_URLS = [
    ("port out of range", "http://127.0.0.1:99999/x", "(the port must be a number from 1 to 65535)"),
    ("port zero", "http://127.0.0.1:0/x", "(the port must be a number from 1 to 65535)"),
    ("port not a number", "http://127.0.0.1:8o/x", "(the port must be a number from 1 to 65535)"),
    ("unclosed IPv6 bracket", "http://[::1/x", "(Invalid IPv6 URL)"),
]


@pytest.mark.parametrize(("case", "url", "why"), BAD_START_URLS, ids=[c[0] for c in BAD_START_URLS])
def test_start_url_scrapy_cannot_request_is_a_registry_mistake(case: str, url: str, why: str, tmp_path: Path) -> None:
    path = registry(tmp_path, f'[cityyb]\nstart_urls = ["http://a.example.cn/", "{url}"]\n')
    proc = guidecrawl("sites", "--sites", str(path))
    assert proc.returncode == Exit.CONFIG
    assert one_line(proc.stderr).endswith(f"{path}: site 'cityyb': start_urls[1]: not an http(s) URL: {url!r} {why}")


def test_a_start_url_with_an_explicit_valid_port_is_accepted(tmp_path: Path) -> None:
    path = registry(tmp_path, '[cityyb]\nstart_urls = ["http://a.example.cn:65535/", "https://a.example.cn:1/"]\n')
    assert guidecrawl("sites", "--sites", str(path)).returncode == 0


def test_guidecrawl_crawl_refuses_a_registry_start_url_with_a_bad_port_before_fetching(tmp_path: Path) -> None:
    path = registry(tmp_path, '[cityyb]\nstart_urls = ["http://127.0.0.1:1/a", "http://127.0.0.1:99999/x"]\n')
    proc = guidecrawl("crawl", "cityyb", "--out", str(tmp_path / "out"), "--sites", str(path), "--profile", "test")
    assert proc.returncode == Exit.CONFIG
    assert "site 'cityyb': start_urls[1]: not an http(s) URL" in one_line(proc.stderr)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("base_url", ["http://127.0.0.1:99999", "ftp://x", "http://[::1", "127.0.0.1:8080"])
def test_base_url_scrapy_cannot_request_is_a_usage_error_of_guidecrawl_crawl(base_url: str, tmp_path: Path) -> None:
    proc = guidecrawl("crawl", "fixture", "--out", str(tmp_path / "out"), "--base-url", base_url)
    assert proc.returncode == Exit.CONFIG
    assert one_line(proc.stderr).startswith(f"guidecrawl crawl: error: --base-url: not an http(s) URL: {base_url!r}")
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
@pytest.mark.parametrize("base_url", ["http://127.0.0.1:99999", "ftp://x"])
def test_base_url_scrapy_cannot_request_is_a_usage_error_of_scrapy_crawl(base_url: str) -> None:
    proc = scrapy_crawl("-a", "site=fixture", "-a", f"base_url={base_url}", "-s", "LOG_LEVEL=ERROR")
    assert proc.returncode == Exit.CONFIG
    assert proc.stderr.strip().splitlines()[-1] == f"scrapy: error: base URL: not an http(s) URL: {base_url!r}" + (
        " (the port must be a number from 1 to 65535)" if base_url.endswith("99999") else ""
    )
    assert "Error while reading start" not in proc.stderr


@pytest.mark.slow
def test_url_file_line_scrapy_cannot_request_is_its_own_row_and_every_other_line_is_crawled(
    site: Served, tmp_path: Path
) -> None:
    good = [f"{site.url}/qa/1001.html", f"{site.url}/en/insurance-in-different-places.html"]
    bad = {
        "http://127.0.0.1:99999/x": ("errors", "fetch", "invalid_url"),  # line 2: used to end the start requests
        "ftp://127.0.0.1/guide.html": ("errors", "fetch", "unsupported_scheme"),
        "http://[::1/y": ("errors", "fetch", "invalid_url"),
    }
    proc, out = crawl_url_file(tmp_path, [good[0], *bad, good[1]])
    assert "Error while reading start" not in proc.stderr and "Traceback" not in proc.stderr
    assert proc.returncode == Exit.PAGES_FAILED  # the bad lines are failed pages, not a failed run
    assert crawl_rows(out) == {good[0]: [("document",)], good[1]: [("document",)], **{u: [r] for u, r in bad.items()}}


@pytest.mark.slow
def test_url_option_scrapy_cannot_request_stays_a_usage_error() -> None:
    proc = scrapy_crawl("-a", "url=http://127.0.0.1:99999/x", "-s", "LOG_LEVEL=ERROR")
    assert proc.returncode == Exit.CONFIG
    assert proc.stderr.strip().splitlines()[-1].startswith("scrapy: error: not an http(s) URL: ")
    assert "Traceback" not in proc.stderr


# 2. and 3. Host names are case-insensitive, and `host.` is `host`.


def test_allowed_domains_are_stored_lower_case_without_a_trailing_dot(tmp_path: Path) -> None:
    path = registry(
        tmp_path,
        '[upper]\nstart_urls = ["http://LOCALHOST./a.html"]\nallowed_domains = ["LocalHost", "Example.CN."]\n',
    )
    site = load_sites([path])["upper"]
    assert site.allowed_domains == ("localhost", "example.cn")
    assert site.start_urls == ("http://LOCALHOST/a.html",)  # the trailing dot dropped, the rest as written


def test_offsite_check_reads_a_trailing_dot_and_any_case_as_the_same_host() -> None:
    origins = Origins.of(["http://localhost.:8080/a.html"], ["localhost"])
    assert origins.on_site("http://LOCALHOST.:8080/b.html") and origins.on_site("http://localhost:8080/b.html")
    assert not origins.on_site("http://localhost:8081/b.html")  # still host AND port
    assert not origins.on_site("http://localhost.example:8080/b.html")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case", "start_host", "domain"),
    [("upper-case domain", "LOCALHOST", "LOCALHOST"), ("trailing dot", "localhost.", "localhost")],
)
def test_start_url_on_an_allowed_domain_written_differently_is_crawled(
    case: str, start_host: str, domain: str, site: Served, tmp_path: Path
) -> None:
    port = site.url.rsplit(":", 1)[1]
    path = registry(
        tmp_path,
        f'[hosts]\nstart_urls = ["http://{start_host}:{port}/qa/1001.html"]\nallowed_domains = ["{domain}"]\n'
        'guide_links = ["/qa/"]\nfollow = false\n',
    )
    out = tmp_path / "out"
    proc = scrapy_crawl("-a", "site=hosts", "-s", f"GUIDECRAWL_SITES={path}", "-s", f"OUTPUT_DIR={out}")
    assert proc.returncode == Exit.OK, proc.stderr[-2000:]
    assert crawl_rows(out) == {f"http://localhost:{port}/qa/1001.html": [("document",)]}
    assert "offsite/filtered" not in final_stats(proc.stderr)


# 4. A url_file's URLs on several hosts: each is fetched on its own host.


@pytest.mark.slow
def test_url_file_urls_on_other_hosts_than_the_first_are_each_crawled_on_their_own_host(
    site: Served, tmp_path: Path
) -> None:
    port = site.url.rsplit(":", 1)[1]
    fixture_url = f"{site.url}/qa/1001.html"  # 127.0.0.1: the bundled `fixture` site
    other_host = f"http://localhost:{port}/en/insurance-in-different-places.html"
    unknown = "http://nonexistent.invalid/"
    proc, out = crawl_url_file(tmp_path, [fixture_url, other_host, unknown])
    assert crawl_rows(out) == {
        fixture_url: [("document",)],
        other_host: [("document",)],
        unknown: [("errors", "fetch", "dns_error")],  # fetched, not refused as offsite
    }
    assert proc.returncode == Exit.PAGES_FAILED
    assert "offsite/filtered" not in final_stats(proc.stderr)


# 5. URLs over Scrapy's URLLENGTH_LIMIT.


@pytest.mark.slow
def test_given_url_over_the_length_limit_is_a_url_too_long_row(site: Served, tmp_path: Path) -> None:
    long_url = f"{site.url}/qa/1001.html?pad=" + "x" * LONG
    short_url = f"{site.url}/en/insurance-in-different-places.html"
    site.clear_log()
    proc, out = crawl_url_file(tmp_path, [long_url, short_url])
    assert crawl_rows(out) == {long_url: [("errors", "fetch", "url_too_long")], short_url: [("document",)]}
    assert proc.returncode == Exit.PAGES_FAILED
    assert not any("pad=" in target for _, target, _ in site.requests())  # refused before it was requested


class LinkPage(BaseHTTPRequestHandler):
    """A listing linking one guide page with a short URL and one with a URL over URLLENGTH_LIMIT."""

    requested: ClassVar[list[str]] = []  # paths asked for, in order (reset by the fixture)

    def do_GET(self) -> None:
        type(self).requested.append(self.path)
        links = ["/page/short.html", "/page/long.html?pad=" + "x" * LONG]
        bodies = {
            "/start.html": "".join(f"<a href='{href}'>医保指南</a>" for href in links),
            "/page/short.html": "<h1>异地就医备案指南</h1><p>" + "参保人员在定点医疗机构就医，按规定比例报销。" * 4,
        }
        body = bodies.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(f"<html><body>{body or ''}</body></html>".encode())

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def link_server() -> Iterator[str]:
    LinkPage.requested = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), LinkPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_followed_link_over_the_length_limit_is_counted_and_not_fetched(link_server: str, tmp_path: Path) -> None:
    path = registry(tmp_path, f'[links]\nstart_urls = ["{link_server}/start.html"]\nguide_links = ["/page/"]\n')
    out = tmp_path / "out"
    proc = scrapy_crawl("-a", "site=links", "-s", f"GUIDECRAWL_SITES={path}", "-s", f"OUTPUT_DIR={out}")
    stats = final_stats(proc.stderr)
    assert stats.get("guidecrawl/links/too_long") == 1
    assert "/page/short.html" in LinkPage.requested
    assert not any(p.startswith("/page/long.html") for p in LinkPage.requested)
    assert f"{link_server}/page/short.html" in crawl_rows(out)


# 6. An empty --out is no output folder.


def test_guidecrawl_crawl_with_an_empty_out_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    proc = guidecrawl("crawl", "fixture", "--out", "", cwd=tmp_path)
    assert proc.returncode == Exit.CONFIG
    assert one_line(proc.stderr) == "guidecrawl crawl: error: --out is empty: name the output folder"
    assert list(tmp_path.iterdir()) == []


def test_guidecrawl_crawl_with_an_out_folder_is_not_refused_for_it(tmp_path: Path) -> None:
    # the same command with a named folder gets past the check (and fails on the unknown site instead)
    proc = guidecrawl("crawl", "no-such-site", "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert proc.returncode == Exit.CONFIG
    assert "--out" not in one_line(proc.stderr) and "unknown site 'no-such-site'" in proc.stderr


# 7. Site names: the message says exactly what is allowed.

NAME_RULE = "name must be ASCII letters, digits, '.', '_' or '-', starting with a letter or digit"


@pytest.mark.parametrize("name", ["测试站", "..", ".", "a/b", "-x", "a b"])
def test_site_name_that_could_not_name_a_file_is_refused_saying_what_is_allowed(name: str, tmp_path: Path) -> None:
    path = registry(tmp_path, f'["{name}"]\nstart_urls = ["http://a.example.cn/"]\n')
    proc = guidecrawl("sites", "--sites", str(path))
    assert proc.returncode == Exit.CONFIG
    assert one_line(proc.stderr).endswith(f"{path}: site {name!r}: {NAME_RULE}")


def test_site_name_of_ascii_letters_digits_dots_underscores_and_dashes_is_accepted(tmp_path: Path) -> None:
    path = registry(tmp_path, '["Fz.yb_2-b"]\nstart_urls = ["http://a.example.cn/"]\n')
    proc = guidecrawl("sites", "--sites", str(path))
    assert proc.returncode == 0, proc.stderr
    assert any(line.startswith("Fz.yb_2-b ") for line in proc.stdout.splitlines())
