"""`guidecrawl report`: two real demo runs in, one static HTML page out, looked at in a real headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from output.report import stacked_bars, table
from output.views import connect
from tests.report.browser import Chromium, find_chromium

pytestmark = pytest.mark.slow


def guidecrawl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli", *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def two_demo_runs(demo_twice: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make demo` twice into one folder (the fixture site served on a new port each time), copied for this module."""
    out = tmp_path_factory.mktemp("demo") / "demo"
    shutil.copytree(demo_twice[0] / "out" / "demo", out)
    return out


@pytest.fixture(scope="module")
def report(two_demo_runs: Path) -> Path:
    target = two_demo_runs.parent / "report.html"
    proc = guidecrawl("report", str(two_demo_runs), "--html", str(target))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"report: {target}"
    return target


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    if find_chromium() is None:
        pytest.skip("chromium not installed (Debian: apt-get install chromium)")
    pytest.importorskip("websocket", reason="websocket-client not installed (the dev extra)")
    with Chromium() as chromium:
        yield chromium


# -- the two runs, through the views -------------------------------------------------------------------------------


def test_two_demo_runs_give_each_page_once_through_the_views(two_demo_runs: Path) -> None:
    con = connect(two_demo_runs)
    assert con.sql("select count(*), count(distinct doc_id) from documents").fetchone() == (18, 9)
    assert con.sql("select count(*), count(distinct site) from latest_documents").fetchone() == (9, 1)
    assert con.sql("select any_value(site) from latest_documents").fetchone() == ("fixture",)
    per_run = con.sql("select count(*) from phones group by run_id").fetchall()
    assert con.sql("select count(*) from latest_phones").fetchone() == per_run[0]
    assert con.sql("select count(*) from entities where url is null or sentence is null").fetchone() == (0,)


# -- the page as written -------------------------------------------------------------------------------------------


def test_the_report_loads_nothing_from_elsewhere(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert "<script" not in html
    assert re.findall(r'(?:src|href)="(?!#)[^"]*"', html) == []
    assert "default-src 'none'" in html  # and the browser is told so


def test_the_report_has_every_section(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    for title in ("Per site", "Over runs", "Errors", "Encodings and repairs", "Most frequent phones per site"):
        assert f"<h2>{title}</h2>" in html
    assert "<td>fixture</td>" in html


def test_report_on_a_folder_without_tables_is_one_line(tmp_path: Path) -> None:
    proc = guidecrawl("report", str(tmp_path))
    assert proc.returncode == 2
    assert (
        proc.stderr.strip()
        == f"guidecrawl report: error: no guidecrawl tables in {tmp_path} (expected documents/crawl_date=*/*.parquet)"
    )


def test_report_on_a_damaged_parquet_file_is_one_line_and_a_sound_folder_still_reports(
    two_demo_runs: Path, tmp_path: Path
) -> None:
    damaged = tmp_path / "out"
    shutil.copytree(two_demo_runs, damaged)
    (part,) = sorted((damaged / "documents").glob("crawl_date=*/*.parquet"))[:1]
    part.write_bytes(b"not parquet")
    proc = guidecrawl("report", str(damaged))
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    assert proc.stderr.startswith("guidecrawl report: error: cannot read the tables: ")
    assert "Parquet" in proc.stderr
    sound = guidecrawl("report", str(two_demo_runs), "--html", str(tmp_path / "sound.html"))
    assert sound.returncode == 0, sound.stderr


def test_report_into_a_folder_or_an_unwritable_place_is_one_line_naming_it(two_demo_runs: Path, tmp_path: Path) -> None:
    folder = guidecrawl("report", str(two_demo_runs), "--html", str(tmp_path))
    assert folder.returncode == 2
    assert folder.stderr.strip() == f"guidecrawl report: error: --html {tmp_path} is a folder: name the file to write"
    unwritable = tmp_path / "not-a-folder"
    unwritable.write_text("a file")
    nested = guidecrawl("report", str(two_demo_runs), "--html", str(unwritable / "report.html"))
    assert nested.returncode == 2
    assert nested.stderr.startswith(f"guidecrawl report: error: cannot write {unwritable / 'report.html'}: ")
    assert len(nested.stderr.strip().splitlines()) == 1


def test_report_writes_into_the_folder_by_default(two_demo_runs: Path) -> None:
    proc = guidecrawl("report", str(two_demo_runs))
    assert proc.returncode == 0, proc.stderr
    assert (two_demo_runs / "report.html").read_text(encoding="utf-8").startswith("<!doctype html>")


# -- the page in a browser -----------------------------------------------------------------------------------------


def test_the_report_renders_without_console_errors_or_network(browser: Chromium, report: Path) -> None:
    visit = browser.open(report)
    assert visit.console_errors == []
    assert visit.exceptions == []
    assert visit.requests and all(url.startswith("file://") for url in visit.requests)
    assert browser.evaluate("document.title") == "guidecrawl report: demo"


def test_every_chart_in_the_browser_has_data(browser: Chromium, report: Path) -> None:
    browser.open(report)
    counts = browser.evaluate(
        "[...document.querySelectorAll('figure.chart svg')].map(s => s.querySelectorAll('rect[data-value]').length)"
    )
    assert len(counts) == 5
    assert all(n > 0 for n in counts)
    drawn = browser.evaluate(
        "[...document.querySelectorAll('figure.chart svg rect')].every(r => r.getBBox().width > 0)"
    )
    assert drawn is True


def test_the_entities_chart_adds_up_to_the_entities_view(browser: Chromium, report: Path, two_demo_runs: Path) -> None:
    browser.open(report)
    chart_total = browser.evaluate(
        """[...document.querySelectorAll('figure.chart')]
             .find(f => f.querySelector('figcaption').textContent.startsWith('Entities per site'))
             .querySelectorAll('rect[data-value]').values().reduce((sum, r) => sum + Number(r.dataset.value), 0)"""
    )
    (expected,) = connect(two_demo_runs).sql("select count(*) from entities").fetchone()  # type: ignore[misc]
    assert chart_total == expected > 0


def test_the_per_site_table_shows_the_latest_pages(browser: Chromium, report: Path) -> None:
    browser.open(report)
    first_row = browser.evaluate(
        "[...document.querySelector('#s0 table tbody tr').cells].slice(0, 2).map(c => c.textContent)"
    )
    assert first_row == ["fixture", "9"]


# -- the drawing, on its own ---------------------------------------------------------------------------------------


def test_bar_segments_are_proportional_to_their_counts() -> None:
    svg = stacked_bars("c", [("a", {"x": 30, "y": 10}), ("b", {"x": 20})], ["x", "y"])
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert widths == pytest.approx([390.0, 130.0, 260.0])  # 520 px for the longest bar (40)


def test_labels_and_series_names_are_escaped() -> None:
    svg = stacked_bars("<c>", [("<a&b>", {"<x>": 1})], ["<x>"])
    assert "<a&b>" not in svg
    assert "&lt;a&amp;b&gt;" in svg
    assert 'data-series="&lt;x&gt;"' in svg


def test_nothing_to_draw_says_so() -> None:
    assert stacked_bars("Errors", [], []) == '<p class="empty">Errors: nothing to show.</p>'
    assert table(["a"], []) == '<p class="empty">none</p>'
