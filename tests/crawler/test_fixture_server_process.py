"""`crawler.fixture_server.fixture_server`: the one way tests, the demo and the benchmark start the fixture site."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from crawler.fixture_server import FixtureServerError, fixture_server


def test_it_serves_the_site_on_a_free_local_port_while_open() -> None:
    with fixture_server() as url:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + "/robots.txt", timeout=10) as response:
            assert b"Disallow: /news/preview/" in response.read()


def test_it_stops_serving_on_exit() -> None:
    with fixture_server() as url:
        pass
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url + "/robots.txt", timeout=10)


def test_a_root_without_routes_is_an_error_not_a_hang(tmp_path: Path) -> None:
    with pytest.raises(FixtureServerError, match="did not start"), fixture_server(tmp_path):
        pass


def test_replicate_serves_the_benchmark_listing_and_a_plain_run_does_not() -> None:
    with fixture_server(replicate=3) as url, urllib.request.urlopen(url + "/bench/list_1.html", timeout=10) as page:
        assert b'href="/bench/a2.html"' in page.read()
    with fixture_server() as url, pytest.raises(urllib.error.HTTPError, match="404"):
        urllib.request.urlopen(url + "/bench/list_1.html", timeout=10)
