"""Every entity finder runs in time linear in its input, whatever the input repeats.

A crawl meets pages holding a row of 800 × 十, an ID-number table, a column of dashes: a finder whose regex
backtracks over such a run freezes the crawl (the regex engine does not even see SIGINT). Each finder is
timed on a long repeat of each character class it reads, at 5,000 and at 20,000 characters: linear work
grows 4×, quadratic work 16×. The limit (10×) sits between them, and the timing is the best of several runs,
retried with more runs before failing, so a loaded machine does not make it flake. No test here has a
wall-clock limit.
"""

from __future__ import annotations

import gc
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.address import find_addresses
from extract.amount import find_amounts
from extract.date import find_dates
from extract.docref import find_docrefs
from extract.email import find_emails
from extract.entities import find_entities
from extract.entity import Entity, PageContext
from extract.percent import find_percents
from extract.phone import find_phones
from extract.url import find_urls

CONTEXT = PageContext(province="福建省", city="福州市")
# At 5,000 characters a quadratic scan is already far above the noise floor, and 4× that input tells linear
# from quadratic growth (test_the_measure_tells_quadratic_from_linear_growth checks it on known regexes).
SHORT, LONG = 5_000, 20_000
GROWTH_LIMIT = 10.0  # linear: 4×; n·log n: ~4.6×; quadratic: 16×
# Below this, a timing is scheduler noise, not work: a quadratic scan of 5,000 chars takes longer.
NOISE_FLOOR_S = 0.001

FINDERS: dict[str, Callable[[str], list[Entity]]] = {
    "phone": lambda text: find_phones(text, CONTEXT),
    "address": lambda text: find_addresses(text, CONTEXT),
    "amount": find_amounts,
    "percent": find_percents,
    "date": lambda text: find_dates(text, CONTEXT),
    "email": find_emails,
    "url": find_urls,
    "docref": find_docrefs,
    "all": lambda text: find_entities(text, CONTEXT),
}

# The character classes the finders read, each as a unit repeated to the input's length.
CHARACTER_CLASSES = {
    "chinese ten": "十",
    "chinese one": "一",
    "chinese numerals": "一二三四五六七八九十百千万亿两零〇",
    "chinese numerals with 点": "三点五",
    "formal numerals": "壹贰叁肆伍陆柒捌玖拾佰仟萬億圆",
    "digits": "1234567890",
    "one digit": "1",
    "full-width digits": "１２３４５６７８９０",
    "thousands separators": "1,",
    "full-width separators": "1，",
    "decimal points": "1.",
    "dashes": "1-",
    "range words": "一至",
    "slashes and colons": "1/1:",
    "units": "元",
    "numeral and unit": "十元",
    "percent signs": "5%",
    "percent words": "百分之",
    "spaces": " \u3000\t",
    "newlines": "1\n",
    "phone-like": "0591-8784256",
    "date-like": "2024年1月5日",
    "docref-like": "〔2007〕",
    "address-like": "福州市鼓楼区古田路128号",
    "url-like": "http://a.",
    "email-like": "a@b.",
    "latin letters": "ab",
    "currency signs": "¥$HK$US$NT$",
    "currency words": "港币美元人民币",
    "tenths words": "七成九折",
    "sub-units": "1角1分",
    "counted dollars": "五个半",
    "signs after numbers": "1€ 2円",
    "a sign before a range": "$1-2",
    "percent ranges and minus signs": "5-10%-",
    "hedged magnitudes": "近万百余元",
    "mixed": "一百二十到一百五十万元,1,200.5元 百分之五十 电话0591-87842560 2024-01-05 ",
}


def repeat_to(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def growth(finder: Callable[[str], object], unit: str, attempts: int = 3, first_rounds: int = 1) -> float:
    """How much longer the finder takes on 20,000 chars of `unit` than on 5,000.

    CPU time of this thread (other processes on a loaded machine do not count), short and long runs
    interleaved, the best of each kept: the least disturbed measure of the work itself. One round first (a
    warm-up call has compiled the finder's patterns, so the short run is not inflated); only a ratio over the
    limit is measured again, with 3 and then 5 rounds. `first_rounds` more from the start: a ratio that must be over
    the limit is measured best of several rounds at once (one disturbed short run lowers it).
    """
    short, long = repeat_to(unit, SHORT), repeat_to(unit, LONG)
    finder(short[:100])  # compile and cache the patterns outside the timed runs
    ratio = float("inf")
    gc_was_enabled = gc.isenabled()
    gc.disable()  # a collection landing in one run is not the finder's work
    try:
        for attempt in range(attempts):
            best = {SHORT: float("inf"), LONG: float("inf")}
            for _ in range(first_rounds + 2 * attempt):
                for text in (short, long):
                    started = time.thread_time()
                    finder(text)
                    best[len(text)] = min(best[len(text)], time.thread_time() - started)
            ratio = best[LONG] / max(best[SHORT], NOISE_FLOOR_S)
            if ratio <= GROWTH_LIMIT:
                break
    finally:
        if gc_was_enabled:
            gc.enable()
    return ratio


def test_the_measure_tells_quadratic_from_linear_growth() -> None:
    # `a*b` restarts its scan at every `a` of a run with no `b`: quadratic; finding `b` alone is linear
    quadratic, linear = re.compile("a*b"), re.compile("b")
    assert growth(quadratic.findall, "a", attempts=1, first_rounds=5) > GROWTH_LIMIT  # best of 5, measured once
    assert growth(linear.findall, "a") <= GROWTH_LIMIT


@pytest.mark.parametrize("finder_name", sorted(FINDERS))
@pytest.mark.parametrize("class_name", sorted(CHARACTER_CLASSES))
def test_finder_is_linear_on_long_repeats(finder_name: str, class_name: str) -> None:
    ratio = growth(FINDERS[finder_name], CHARACTER_CLASSES[class_name])
    assert ratio <= GROWTH_LIMIT, f"{finder_name} on {class_name}: 4× the input took {ratio:.1f}× the time"


# Pieces the finders anchor on; hypothesis strings them into units no list above foresaw.
PIECES = [
    *"一二两三十百千万亿零壹贰拾佰萬圆0123456789１２,，.．-—~～至到/:：%‰()（） \n元角分号路市区年月日点@",
    "百分之",
    "个百分点",
    "人民币",
    "美元",
    "港币",
    "每人每年",
    "不超过",
    "以上",
    "电话",
    "转",
    "http://",
    "www.",
    "〔",
    "〕",
]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join))
def test_all_finders_together_are_linear_on_any_repeated_unit(unit: str) -> None:
    ratio = growth(FINDERS["all"], unit)
    assert ratio <= GROWTH_LIMIT, f"find_entities on {unit!r} × n: 4× the input took {ratio:.1f}× the time"


def test_a_long_numeral_run_is_no_amount_but_a_real_amount_after_it_is_found() -> None:
    text = "十" * 800 + "。补助标准为一百二十元"
    found = find_amounts(text)
    assert [(a.text, a.value) for a in found] == [("一百二十元", 120)]


def test_a_long_numeral_run_is_no_percent_but_a_real_percent_after_it_is_found() -> None:
    text = "一" * 20_000 + "个百分点,提高百分之五"
    assert [p.value for p in find_percents(text)] == [5]


def test_the_entities_command_reads_a_page_of_numeral_rows_and_finds_the_real_amount() -> None:
    # a page that froze a crawl: 十 × 800 (the amount parser) and 一 × 20,000 (the percent parser)
    page = "十" * 800 + "\n" + "一" * 20_000 + "\n起付标准为800元，报销比例70%"
    result = subprocess.run(
        [sys.executable, "-m", "cli", "entities"], input=page, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(e["kind"], e["value"]) for e in found if e["kind"] in ("amount", "percent")] == [
        ("amount", 800),
        ("percent", 70),
    ]
