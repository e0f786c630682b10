"""The compositions every entry point calls: read_page (decode + content + site overrides) and process_text
(normalize + entities), and the one lookup of a page's registry site."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from crawler.sites import content_options, load_sites, registry_site
from extract.pipeline import process_page, process_text, read_page
from tests.fixture_pages import PAGES

PAGE = PAGES / "article" / "sohu-finance-gb2312"
NOTICE = """<html><head><meta charset="utf-8"><title>通知</title></head><body>
<div class="nav">首页 | 政策法规 | 办事指南 | 联系我们</div>
<div class="notice">系统维护通知：本周六暂停网上办理业务，咨询电话：0591-87842560。</div>
<div class="article"><p>参保人员可在工作日到窗口办理异地就医备案，办理时请携带社会保障卡和身份证原件。</p>
<p>办理地点：福州市鼓楼区古田路128号。</p></div></body></html>""".encode()


def _info() -> tuple[dict[str, str], str | None]:
    info = json.loads((PAGE / "info.json").read_text(encoding="utf-8"))
    return info.get("headers") or {}, info.get("url")


def test_guidecrawl_content_prints_what_read_page_reads(tmp_path: Path) -> None:
    headers, url = _info()
    args = [sys.executable, "-m", "cli", "content", str(PAGE / "body.html"), "--url", url or ""]
    if headers.get("Content-Type"):
        args += ["--content-type", headers["Content-Type"]]
    proc = subprocess.run(args, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    document = read_page((PAGE / "body.html").read_bytes(), headers, url)
    assert document.text
    assert proc.stdout.decode("utf-8") == document.text + "\n"


def test_guidecrawl_entities_prints_what_process_text_finds() -> None:
    text = "咨询电话：０５９１－８７８４２５６０，报销比例为７０％，2024年9月3日起施行。"
    proc = subprocess.run(
        [sys.executable, "-m", "cli", "entities"], input=text.encode(), capture_output=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    printed = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    found = process_text(text).entities
    assert {e["kind"] for e in printed} >= {"phone", "percent", "date"}
    assert printed == [json.loads(json.dumps(e.to_json(), ensure_ascii=False)) for e in found]


def test_process_page_records_are_read_page_records_normalized() -> None:
    headers, url = _info()
    body = (PAGE / "body.html").read_bytes()
    served = [r.text for r in read_page(body, headers, url).records if r.text.strip()]
    result = process_page(body, headers, url)
    assert result.document is not None
    assert [r.served for r in result.document.records] == served


def test_a_body_css_override_picks_the_main_element_in_read_page_and_process_page() -> None:
    overridden = read_page(NOTICE, None, None, body_css="div.notice")
    assert overridden.text == "系统维护通知：本周六暂停网上办理业务，咨询电话：0591-87842560。"
    generic = read_page(NOTICE, None, None)
    assert "古田路128号" in generic.text
    result = process_page(NOTICE, None, None, body_css="div.notice")
    assert result.text == overridden.text


def test_the_registry_site_of_a_page_is_found_by_name_then_by_host(tmp_path: Path) -> None:
    registry = tmp_path / "sites.toml"
    registry.write_text(
        '[fzyb]\nstart_urls = ["http://ybj.fuzhou.gov.cn/zwgk/"]\ncss = { body = "div.TRS_Editor" }\n',
        encoding="utf-8",
    )
    sites = load_sites([registry])
    assert registry_site("fzyb", None, sites) is sites["fzyb"]
    assert registry_site(None, "http://ybj.fuzhou.gov.cn/zwgk/t1.htm", sites) is sites["fzyb"]
    assert registry_site(None, "http://example.org/a.html", sites) is None
    assert registry_site(None, "http://[::1/a.html", sites) is None  # no host to read: no site, no crash
    assert content_options(sites["fzyb"]) == {"body_css": "div.TRS_Editor"}
    assert content_options(sites["fixture"]) == {}
    assert content_options(None) == {}
