"""The report's numbers and its safety, on small outputs written by the real dataset writer."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from extract.entity import Entity
from extract.errors import PageError
from output.dataset import RUNS_DIR, DatasetWriter
from output.report import render
from tests.output.samples import FETCHED, make_result


def write_run(out: Path, run_id: str, *, site: str = "fzyb", entities: list[Entity] | None = None) -> None:
    result = make_result(url=f"http://ybj.example.cn/{run_id}.htm", entities=entities)
    result.site = site
    with DatasetWriter(out, run_id=run_id, run_metadata={"site": site}) as writer:
        writer.write_page(result)
        writer.write_error(PageError("http://ybj.example.cn/missing.htm", "fetch", "http_404", "HTTP 404", FETCHED))


def test_the_report_counts_pages_per_site_once(tmp_path: Path) -> None:
    write_run(tmp_path, "run1")
    write_run(tmp_path, "run2")
    html = render(tmp_path, now=dt.datetime(2026, 12, 6, tzinfo=dt.UTC))
    assert "pages 2 (latest version of each), sites 1, entities 14, runs 2" in html
    assert "generated 2026-12-06 00:00 UTC" in html


def test_a_failure_without_a_page_is_put_under_the_site_its_run_crawled(tmp_path: Path) -> None:
    write_run(tmp_path, "run1", site="fzyb")
    html = render(tmp_path)
    assert "<tr><td>fzyb</td><td>fetch</td><td>http_404</td><td class=num>1</td></tr>" in html


def test_without_run_manifests_a_failure_is_put_under_its_host(tmp_path: Path) -> None:
    write_run(tmp_path, "run1")
    shutil.rmtree(tmp_path / RUNS_DIR)
    html = render(tmp_path)
    assert "<tr><td>ybj.example.cn</td><td>fetch</td><td>http_404</td><td class=num>1</td></tr>" in html


def test_an_output_without_entities_still_reports(tmp_path: Path) -> None:
    write_run(tmp_path, "run1", entities=[])
    html = render(tmp_path)
    assert "pages 1 (latest version of each), sites 1, entities 0, runs 1" in html
    assert "Entities per site (latest version of each page): nothing to show." in html


def test_text_from_pages_cannot_inject_markup(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script>"
    phone = Entity("phone", "12345", 0, 5, "12345", {"record": 0, "label": hostile, "line": "service"})
    write_run(tmp_path, "run1", site=hostile, entities=[phone])
    html = render(tmp_path)
    assert hostile not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pages_without_a_site_are_counted_and_listed_as_none(tmp_path: Path) -> None:
    write_run(tmp_path, "run1")
    result = make_result(url=None)
    result.site = None
    with DatasetWriter(tmp_path, run_id="saved") as writer:
        writer.write_page(result)
    html = render(tmp_path)
    assert "pages 2 (latest version of each), sites 2," in html
    assert "<tr><td>(none)</td><td>059187842560</td>" in html
