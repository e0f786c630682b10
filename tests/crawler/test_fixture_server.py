"""The fixture site is served with the real bytes and the (sometimes wrong) headers routes.toml declares."""

from __future__ import annotations

from tests.crawler.conftest import SITE, Served


def test_misdeclared_page_is_served_with_the_wrong_charset(site: Served) -> None:
    status, headers, body = site.get("/news/2007/fuzhou_guide.html")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert body == (SITE / "pages" / "fuzhou_guide.gb18030.html").read_bytes()
    assert "受理地址福州市古田路128號" in body.decode("gb18030")


def test_page_without_charset_has_a_bare_content_type(site: Served) -> None:
    _, headers, body = site.get("/qa/1001.html")
    assert headers["Content-Type"] == "text/html"
    assert b"charset" not in body.lower()


def test_thread_query_parameters_match_in_any_order(site: Served) -> None:
    status, _, body = site.get("/bbs/viewthread.php?page=2&extra=page%3D1&tid=2811")
    assert status == 200
    assert "postmessage_" in body.decode("big5")


def test_etag_answers_304_until_the_version_changes(site: Served) -> None:
    site.set_version(1)
    _, headers, _ = site.get("/news/notice.html")
    etag = headers["ETag"]
    assert site.get("/news/notice.html", {"If-None-Match": etag})[0] == 304
    site.set_version(2)
    try:
        status, headers2, body = site.get("/news/notice.html", {"If-None-Match": etag})
    finally:
        site.set_version(1)
    assert status == 200
    assert headers2["ETag"] != etag
    assert "恢复医保服务大厅现场办理" in body.decode("utf-8")


def test_last_modified_answers_304_to_if_modified_since(site: Served) -> None:
    _, headers, _ = site.get("/news/2007/fuzhou_guide.html")
    status, _, _ = site.get("/news/2007/fuzhou_guide.html", {"If-Modified-Since": headers["Last-Modified"]})
    assert status == 304


def test_robots_txt_disallows_the_preview_folder(site: Served) -> None:
    status, _, body = site.get("/robots.txt")
    assert status == 200
    assert b"Disallow: /news/preview/" in body


def test_unknown_path_is_404(site: Served) -> None:
    assert site.get("/news/missing.html")[0] == 404
    assert site.get("/no/such/page.html")[0] == 404


def test_unparsable_if_modified_since_gets_the_full_page(site: Served) -> None:
    assert site.get("/news/2007/fuzhou_guide.html", {"If-Modified-Since": "yesterday"})[0] == 200
