"""`scrapy crawl guides` as a real process against the served fixture site; the written tables read back."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tests.crawler.conftest import Served, final_stats, scrapy_crawl

pytestmark = pytest.mark.slow

# What each linked page of the fixture site must become (tests/fixtures/site/routes.toml).
DOCUMENTS = {
    "/news/list.html": "listing",
    "/news/list_2.html": "listing",
    "/news/2020/0203/art_yantai.html": "article",  # GBK
    "/news/2007/fuzhou_guide.html": "article",  # GB18030 bytes, header says utf-8
    "/news/notice.html": "article",  # also reached through the 301 of /news/old_notice.html
    "/qa/1001.html": "qa",  # no charset anywhere
    "/en/insurance-in-different-places.html": "article",
    "/bbs/viewthread.php?tid=2811&extra=page%3D1": "forum",  # Big5, Discuz! page 1
    "/bbs/viewthread.php?tid=2811&extra=page%3D1&page=2": "forum",  # page 2
}
ERRORS = {
    "/news/missing.html": ("fetch", "http_404"),
    "/bbs/forumdisplay.php?fid=12": ("fetch", "http_404"),  # a dead breadcrumb link in the thread
    "/news/preview/draft.html": ("robots", "robots_disallowed"),
}


def read(out: Path, table: str, run_id: str) -> pd.DataFrame:
    frame = pd.read_parquet(out / table)
    return frame[frame["run_id"] == run_id] if "run_id" in frame.columns else frame


def crawl(site: Served, out: Path, run_id: str, *extra: str) -> dict[str, object]:
    """Runs the crawl; returns Scrapy's final stats."""
    proc = scrapy_crawl(
        "-a", "site=fixture", "-a", f"base_url={site.url}",
        "-s", f"OUTPUT_DIR={out}", "-s", f"GUIDECRAWL_RUN_ID={run_id}", *extra,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    return final_stats(proc.stderr)


@pytest.fixture(scope="module")
def first_run(site: Served, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Served]:
    out = tmp_path_factory.mktemp("crawl")
    site.set_version(1)
    site.clear_log()
    stats = crawl(site, out, "run1")
    (out / "stats.json").write_text(json.dumps(stats), encoding="utf-8")
    return out, site


def test_every_error_is_counted_in_the_stats(first_run: tuple[Path, Served]) -> None:
    out, _ = first_run
    stats = json.loads((out / "stats.json").read_text(encoding="utf-8"))
    assert stats["guidecrawl/errors/fetch/http_404"] == 2
    assert stats["guidecrawl/errors/robots/robots_disallowed"] == 1
    assert stats["guidecrawl/output/rows/errors"] == 3


def test_every_linked_page_is_a_document_of_its_family(first_run: tuple[Path, Served]) -> None:
    out, site = first_run
    documents = read(out, "documents", "run1")
    kinds = {url.removeprefix(site.url): kind for url, kind in zip(documents["url"], documents["kind"], strict=True)}
    assert kinds == DOCUMENTS


def test_every_failed_page_is_an_error_row_with_its_reason(first_run: tuple[Path, Served]) -> None:
    out, site = first_run
    errors = read(out, "errors", "run1")
    reasons = {
        u.removeprefix(site.url): (s, e)
        for u, s, e in zip(errors["url"], errors["stage"], errors["error"], strict=True)
    }
    assert reasons == ERRORS


def test_robots_disallowed_page_is_never_requested(first_run: tuple[Path, Served]) -> None:
    _, site = first_run
    assert not [target for _, target, _ in site.requests() if target.startswith("/news/preview/")]


def test_misdeclared_gb18030_page_is_decoded_from_its_bytes(first_run: tuple[Path, Served]) -> None:
    out, site = first_run
    documents = read(out, "documents", "run1").set_index("url")
    page = documents.loc[site.url + "/news/2007/fuzhou_guide.html"]
    assert page["encoding"] == "gb18030"
    assert "受理地址福州市古田路128号" in page["text"]
    assert "\ufffd" not in page["text"]


def test_big5_thread_pages_are_decoded_and_simplified(first_run: tuple[Path, Served]) -> None:
    out, site = first_run
    documents = read(out, "documents", "run1").set_index("url")
    page1 = documents.loc[site.url + "/bbs/viewthread.php?tid=2811&extra=page%3D1"]
    assert page1["encoding"] in ("big5", "big5hkscs", "cp950")
    assert "持卡就医、实时结算" in page1["text"]


def test_page_without_any_charset_is_sniffed(first_run: tuple[Path, Served]) -> None:
    out, site = first_run
    page = read(out, "documents", "run1").set_index("url").loc[site.url + "/qa/1001.html"]
    assert page["encoding"] == "utf-8"
    assert "办理职工医保统筹的步骤如下" in page["text"]


def test_entities_land_in_their_tables_keyed_by_document(first_run: tuple[Path, Served]) -> None:
    out, site = first_run
    doc_ids = read(out, "documents", "run1").set_index("url")["doc_id"]
    emails = read(out, "emails", "run1")
    docrefs = read(out, "docrefs", "run1")
    yantai = doc_ids[site.url + "/news/2020/0203/art_yantai.html"]
    fuzhou = doc_ids[site.url + "/news/2007/fuzhou_guide.html"]
    assert "ylbxzhk@126.com" in set(emails[emails["doc_id"] == yantai]["value"])
    assert "榕政综〔2007〕249号" in set(docrefs[docrefs["doc_id"] == fuzhou]["value"])


def test_second_run_emits_only_the_changed_page(first_run: tuple[Path, Served]) -> None:
    out, site = first_run
    site.set_version(2)
    site.clear_log()
    try:
        crawl(site, out, "run2")
    finally:
        site.set_version(1)
    documents = read(out, "documents", "run2")
    assert [u.removeprefix(site.url) for u in documents["url"]] == ["/news/notice.html"]
    assert "恢复医保服务大厅现场办理" in documents["text"].iloc[0]
    served = {target: status for _, target, status in site.requests()}
    assert served["/news/2020/0203/art_yantai.html"] == 304
    assert served["/news/2007/fuzhou_guide.html"] == 304  # If-Modified-Since (no ETag on this page)
    assert served["/news/notice.html"] == 200
    # page 1 of the thread answered 304, and still led the crawl to page 2 (its stored links)
    assert served["/bbs/viewthread.php?tid=2811&extra=page%3D1&page=2"] == 304
    fetched_in_full = {t for t, s in served.items() if s == 200 and t != "/robots.txt"}
    assert fetched_in_full == {"/news/list.html", "/news/list_2.html", "/news/notice.html"}


def test_url_mode_fetches_the_page_and_its_own_pagination_only(site: Served, tmp_path: Path) -> None:
    thread = "/bbs/viewthread.php?tid=2811&extra=page%3D1"
    proc = scrapy_crawl("-a", f"url={site.url}{thread}", "-s", f"OUTPUT_DIR={tmp_path}", "-s", "GUIDECRAWL_RUN_ID=url")
    assert proc.returncode == 0, proc.stderr[-2000:]
    urls = sorted(u.removeprefix(site.url) for u in read(tmp_path, "documents", "url")["url"])
    assert urls == [thread, thread + "&page=2"]
    assert read(tmp_path, "errors", "url").empty  # the dead forum-list link is not this page's pagination


def test_since_window_skips_documents_published_before_it(site: Served, tmp_path: Path) -> None:
    site.set_version(1)
    crawl(site, tmp_path, "since", "-a", "since=2021-01-01")
    documents = read(tmp_path, "documents", "since")
    dated = documents.dropna(subset=["published_at"])
    assert len(documents) < len(DOCUMENTS)  # the 2020 notices and the 2009 thread are out
    assert (dated["published_at"].astype(str).str[:10] >= "2021-01-01").all()


def test_parquet_feed_holds_documents_and_errors(site: Served, tmp_path: Path) -> None:
    feed = tmp_path / "pages.parquet"
    proc = scrapy_crawl("-a", "site=fixture", "-a", f"base_url={site.url}", "-O", str(feed))
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = pd.read_parquet(feed)
    assert len(rows) == len(DOCUMENTS) + len(ERRORS)
    assert "Disabled crawler.pipelines.DatasetPipeline" not in proc.stderr


def test_unreachable_server_is_an_error_row_not_a_crash(tmp_path: Path) -> None:
    feed = tmp_path / "pages.jsonl"
    proc = scrapy_crawl("-a", "url=http://127.0.0.1:9/news/list.html", "-O", str(feed))  # port 9: discard, closed
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    errors = [(r["url"], r["ok"], e["stage"], e["error"]) for r in rows for e in r["error_list"]]  # docs/output.md
    assert errors == [("http://127.0.0.1:9/news/list.html", False, "fetch", "connection_refused")]
