"""The benchmark site (`fixture_server --replicate N`): N distinct articles, so a full crawl does the bare crawl's
work — one document per page fetched, no page taken for a duplicate or a trap."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from crawler.extraction_pool import MOST_WAITING_STAT
from crawler.fixture_server import BenchNotes, NoteSlot, Route, bench_routes, load_routes, route_key
from crawler.outcome import Exit
from crawler.traps import url_shape
from extract.pipeline import PageResult, process_page
from tests.crawler.conftest import SITE, Served, final_stats, scrapy_crawl, serve

GUIDE_PAGES = 7  # the demo site's guide pages (routes with an ETag), which the articles cycle through
ARTICLES = 3 * GUIDE_PAGES
NOTES = BenchNotes.load(SITE)


@pytest.fixture(scope="module")
def site_routes() -> dict[tuple[str, tuple[tuple[str, str], ...]], Route]:
    return load_routes(SITE)


@pytest.fixture(scope="module")
def articles(site_routes: dict[tuple[str, tuple[tuple[str, str], ...]], Route]) -> dict[int, Route]:
    routes = bench_routes(site_routes, ARTICLES)
    return {i: routes[route_key(f"/bench/a{i}.html")] for i in range(ARTICLES)}


def extracted(article: Route, i: int) -> PageResult:
    headers = {"Content-Type": article.content_type or ""}
    return process_page(article.body(1), headers, f"http://127.0.0.1/bench/a{i}.html", site="fixture-bench")


def note_phone(i: int) -> str:
    """The phone number of article i's note, digits only (the entity value: area code included)."""
    area, number = re.search(r"(0\d{2,3})-(\d{8})", NOTES.sentence(i, "zh")).groups()  # type: ignore[union-attr]
    return area + number


# --- every article is a page of its own ------------------------------------------------------------------------


def test_no_two_articles_have_the_same_main_text(articles: dict[int, Route]) -> None:
    hashes = {extracted(article, i).content_hash for i, article in articles.items()}
    assert len(hashes) == ARTICLES


def test_each_articles_note_is_in_its_main_text_where_the_parsers_find_its_phone(articles: dict[int, Route]) -> None:
    for i, article in articles.items():
        result = extracted(article, i)
        assert not result.errors, (i, result.errors)
        phones = {entity.value for entity in result.entities if entity.kind == "phone"}
        assert note_phone(i) in phones, (i, sorted(phones))


def test_an_article_is_its_guide_page_byte_for_byte_plus_its_note(
    site_routes: dict[tuple[str, tuple[tuple[str, str], ...]], Route], articles: dict[int, Route]
) -> None:
    guide = site_routes[route_key("/news/2020/0203/art_yantai.html")]  # GBK
    first, again = articles[0].body(1), articles[GUIDE_PAGES].body(1)
    assert articles[0].content_type == guide.content_type == "text/html; charset=gbk"
    note = NOTES.sentence(0, "zh").encode("gb18030")
    assert note in first and first.replace(note, b"") == guide.body(1)
    assert first != again and again.replace(NOTES.sentence(GUIDE_PAGES, "zh").encode("gb18030"), b"") == guide.body(1)


def test_a_big5_page_takes_its_note_in_big5_with_character_references_for_simplified_characters(
    articles: dict[int, Route],
) -> None:
    big5 = next(i for i, article in articles.items() if "big5" in (article.content_type or ""))
    body = articles[big5].body(1)
    assert "提醒".encode("big5") in body  # 提醒 is in Big5
    assert "报销".encode("big5hkscs", "xmlcharrefreplace") == b"&#25253;&#38144;" and b"&#25253;&#38144;" in body
    assert body.decode("big5hkscs")  # the page stays valid Big5


def test_an_english_page_takes_an_english_note(articles: dict[int, Route]) -> None:
    english = next(i for i, article in articles.items() if b'lang="en"' in article.body(1)[:500].lower())
    assert NOTES.sentence(english, "en").encode() in articles[english].body(1)
    assert "提醒".encode() not in articles[english].body(1)


def test_notes_differ_in_words_not_only_in_numbers() -> None:
    words = {re.sub(r"\d+", "#", NOTES.sentence(i, "zh")) for i in range(ARTICLES)}
    assert len(words) == ARTICLES


def test_all_article_urls_fall_into_one_url_shape() -> None:
    """So the duplicate trap limit watches them as one path: the crawl below shows it never stops them."""
    assert url_shape("http://127.0.0.1/bench/a1.html") == url_shape("http://127.0.0.1/bench/a977.html")


# --- where a note can go ------------------------------------------------------------------------------------------


def test_the_note_goes_at_the_end_of_the_longest_run_of_main_text_not_in_a_sidebar() -> None:
    page = (
        '<html><head><meta charset="utf-8"><title>医保报销指南</title></head><body>'
        '<div class="sidebar"><ul><li>友情链接：国家医疗保障局官方网站、各省医疗保障局官方网站、'
        "各市医疗保障局官网</li></ul></div>"
        '<div class="article"><h1>职工医保报销指南</h1><p>参保职工在定点医疗机构住院发生的医疗费用，'
        "起付标准以上的部分由统筹基金按比例支付，退休人员支付比例提高五个百分点。</p>"
        "<p>办理时须携带医保电子凭证或社会保障卡。</p></div></body></html>"
    ).encode()
    slot = NoteSlot.find(page, "text/html; charset=utf-8", "http://127.0.0.1/a.html")
    assert page[: slot.offset].endswith("退休人员支付比例提高五个百分点。".encode())
    assert (slot.codec, slot.lang) == ("utf-8", "zh")


def test_a_page_without_main_text_cannot_take_a_note() -> None:
    with pytest.raises(ValueError, match="main text"):
        NoteSlot.find(b"<html><body></body></html>", "text/html; charset=utf-8", "http://127.0.0.1/empty.html")


# --- a full crawl writes one document per page, as the bare crawl fetches --------------------------------------


@pytest.fixture(scope="module")
def bench_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve(tmp_path_factory.mktemp("bench"), replicate=60)


@pytest.mark.slow
def test_a_full_crawl_of_the_bench_site_writes_every_page_and_no_duplicate(bench_site: Served, tmp_path: Path) -> None:
    proc = scrapy_crawl(
        "-a", "site=fixture-bench", "-a", f"base_url={bench_site.url}", "-s", f"OUTPUT_DIR={tmp_path}",
        "-s", "GUIDECRAWL_MAX_PATH_DUPLICATES=10",  # the production trap limit: one repeated text too many stops it
        # One executed worker: it imports the stages and warms them before its first page (most of a second) while
        # the crawl process fetches, so pages pile up to the bound however fast extraction is (a forked, warm
        # worker can keep up with this small site).
        "-s", "GUIDECRAWL_EXTRACT_WORKERS=1", "-s", "GUIDECRAWL_EXTRACT_FORK=False",
    )  # fmt: skip
    assert proc.returncode == Exit.OK, proc.stderr[-2000:]
    documents = pd.read_parquet(tmp_path / "documents")
    assert len(documents) == 60 + 2  # 60 articles and 2 listing pages
    assert documents["url"].str.contains("/bench/a").sum() == 60
    assert len(pd.read_parquet(tmp_path / "errors")) == 0
    stats = final_stats(proc.stderr)
    assert "guidecrawl/duplicates/content" not in stats
    # pages held for the workers: the bound (CONCURRENT_REQUESTS, 8 in the test profile) plus the pages that were
    # in flight or already downloaded when downloads paused — not the 60 a fast server would otherwise deliver
    assert 8 <= stats[MOST_WAITING_STAT] <= 3 * 8  # type: ignore[operator]
