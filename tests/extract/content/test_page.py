"""extract/content/page.py: content() composes the modules — one page → one Document — in time linear in the page."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from extract.content import content

SENTENCE = "参保人可以在网上办理医保业务，不必再到服务大厅排队。"
PARAGRAPHS = [
    "医疗保障服务大厅是办理医保业务的重要场所，属于人群聚集区，也是当前疫情防控重点区域。",
    "市医疗保障服务中心将对当前医保业务的经办方式和途径进行临时性调整，积极采取不见面、少见面的经办模式。",
]
DISCUZ_HEAD = (
    "<head><title>缴费问题 - 医保论坛 - Powered by Discuz!</title><meta name='generator' content='Discuz! X3.4'>"
)


def discuz_thread() -> str:
    posts = "".join(
        f"<div id='post_{i}'><a href='home.php?mod=space&amp;uid={i}'>用户{i}</a><em>发表于 2024-5-1{i} 10:00</em>"
        f"<td class='t_f' id='postmessage_{i}'>{text}</td></div>"
        for i, text in enumerate(PARAGRAPHS)
    )
    return f"<html>{DISCUZ_HEAD}</head><body><h1>缴费问题</h1><div class='notice'>{SENTENCE}</div>{posts}</body></html>"


def test_forum_markup_makes_one_post_record_each_and_the_subject_opens_the_thread() -> None:
    document = content(discuz_thread())
    assert (document.kind, [r.text for r in document.records], document.published_at) == (
        "forum",
        [f"缴费问题\n{PARAGRAPHS[0]}", PARAGRAPHS[1]],
        "2024-05-10T10:00",
    )


def test_a_site_override_wins_over_the_generic_rules() -> None:
    document = content(discuz_thread(), body_css="div.notice")
    assert (document.kind, document.text) == ("article", SENTENCE)


def test_the_document_text_is_its_records_separated_by_a_blank_line() -> None:
    assert content(discuz_thread()).text == f"缴费问题\n{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}"


def test_the_page_url_is_the_document_url_and_makes_entry_urls_absolute() -> None:
    entries = "".join(f"<li><a href='/zn/{i}.html'>城镇职工基本医疗保险参保登记办事指南{i}</a></li>" for i in range(5))
    document = content(f"<html><body><ul>{entries}</ul></body></html>", "https://ybj.example.gov.cn/zn/")
    assert (document.url, document.kind, document.records[0].url) == (
        "https://ybj.example.gov.cn/zn/",
        "listing",
        "https://ybj.example.gov.cn/zn/0.html",
    )


# ----------------------------------------------------------------------------- no step super-linear in the page
# CPU time of content() on n and 4n repeated blocks (paragraphs, listing entries, answers, nesting levels): 4× for
# linear work, 16× for quadratic. The margin (8×) is wide because the machine is shared; the text must come out
# whole too, so the test cannot pass on an empty result.


def cpu_seconds(html: str) -> tuple[float, int]:
    gc.collect()
    start = time.process_time()
    document = content(html)
    return time.process_time() - start, len(document.text)


def growth(page: Callable[[int], str], small: int) -> tuple[float, int, int]:
    (small_seconds, small_chars), (large_seconds, large_chars) = cpu_seconds(page(small)), cpu_seconds(page(4 * small))
    return large_seconds / small_seconds, small_chars, large_chars


def article_page(blocks: int) -> str:
    return "<html><body><div class='main'>" + f"<p>{SENTENCE}</p>" * blocks + "</div></body></html>"


def listing_page(blocks: int) -> str:
    entries = "".join(f"<li><a href='/{i}'>医保办事指南第{i}条</a> 2024-01-01</li>" for i in range(blocks))
    return f"<html><body><ul>{entries}</ul></body></html>"


def answers_page(blocks: int) -> str:
    answers = "".join(f"<div class='answer'><p>{SENTENCE}第{i}条</p></div>" for i in range(blocks))
    return f"<html><body><div class='question'><h1>医保怎么办理</h1></div>{answers}</body></html>"


def nested_page(levels: int) -> str:
    return "<html><body>" + f"<div><p>{SENTENCE}</p>" * levels + "</div>" * levels + "</body></html>"


def test_article_of_12k_paragraphs_costs_about_four_times_3k() -> None:
    ratio, small_chars, large_chars = growth(article_page, 3_000)
    assert (ratio < 8, small_chars, large_chars) == (True, 3_000 * 27 - 1, 12_000 * 27 - 1)


def test_listing_of_10k_entries_costs_about_four_times_2500() -> None:
    ratio, small_chars, large_chars = growth(listing_page, 2_500)
    assert (ratio < 8, large_chars > 3.9 * small_chars > 0) == (True, True)


def test_qa_page_of_10k_answers_costs_about_four_times_2500() -> None:
    # A set of all answer blocks built once per answer cost answers × blocks: 16× here.
    ratio, small_chars, large_chars = growth(answers_page, 2_500)
    assert (ratio < 8, large_chars > 3.9 * small_chars > 0) == (True, True)


def test_text_at_1000_nesting_levels_costs_about_four_times_250() -> None:
    # Walking up from every line to the root cost lines × depth: 16× here.
    ratio, small_chars, large_chars = growth(nested_page, 250)
    assert (ratio < 8, small_chars, large_chars) == (True, 250 * 27 - 1, 1000 * 27 - 1)
