"""extract/content/vocabulary.py: the boilerplate vocabulary, loaded once from content_boilerplate.toml."""

from __future__ import annotations

import re
import time
import tomllib
from pathlib import Path

from extract.content.lines import split_lines
from extract.content.parse import parse_html, strip_furniture
from extract.content.vocabulary import AnyPattern, VerdictCache, link_key, vocabulary
from extract.decode import decode
from tests.fixture_pages import saved_pages

ROOT = Path(__file__).resolve().parents[3]
DATA = tomllib.loads((ROOT / "extract" / "data" / "content_boilerplate.toml").read_text(encoding="utf-8"))


def test_vocabulary_is_loaded_once() -> None:
    assert vocabulary() is vocabulary()


def test_vocabulary_words_come_from_the_data_file() -> None:
    vocab = vocabulary()
    assert (
        set(DATA["tokens"]["strong_boilerplate"]) <= vocab.boilerplate_tokens,
        set(DATA["tokens"]["content"]) == vocab.content_tokens,
    ) == (True, True)


def test_drop_lines_match_furniture_and_not_prose() -> None:
    drop = vocabulary().drop_lines
    lines = [
        "您当前的位置：首页 > 社会保险",
        "A+A- | 举报纠错",
        "版权所有：福州市医疗保障局",
        "参保人可以在网上办理医保业务。",
    ]
    assert [drop.search(line) for line in lines] == [True, True, True, False]


def test_a_licence_number_line_is_furniture_in_any_case() -> None:
    drop = vocabulary().drop_lines
    lines = ["鲁ICP备19000000号", "京icp证 050897号", "粤Icp备 11027090号-1", "ICP是内容服务商的缩写", "icp备案须知"]
    assert [drop.search(line) for line in lines] == [True, True, True, False, False]


def test_an_attachment_line_opens_with_a_label_or_ends_with_a_document_name() -> None:
    attachment = vocabulary().attachment_line
    lines = ["附件：1.登记表.docx", "相 关 附 件", "附件2", "参保登记表.PDF）", "登记表.pdf 下载", "附件是申请表"]
    assert [attachment.search(line) for line in lines] == [True, True, True, True, False, False]


def test_anchored_pattern_matches_at_the_start_only() -> None:
    pattern = AnyPattern([r"^\s*分享到", "版权所有"])
    assert [pattern.search(text) for text in ("分享到：微信", "点击分享到微信", "本站版权所有")] == [True, False, True]


def test_pattern_with_a_top_level_alternative_is_searched_everywhere() -> None:
    # "^a|b": only the first alternative is anchored.
    pattern = AnyPattern([r"^首页|主办单位"])
    assert [pattern.search(text) for text in ("首页 > 新闻", "本网主办单位：市医保局", "回到首页")] == [
        True,
        True,
        False,
    ]


def test_any_pattern_agrees_with_one_alternation_on_real_lines() -> None:
    patterns = DATA["lines"]["drop"] + DATA["forum"]["drop_lines"] + DATA["lines"]["owner_line"]
    together = re.compile("|".join(f"(?:{p})" for p in patterns), re.I)
    split = AnyPattern(patterns, re.I)
    lines = []
    for page in saved_pages():
        root = parse_html(decode(page.body).text)
        assert root is not None
        strip_furniture(root)
        lines += [line.text for line in split_lines(root)]
    disagree = [line for line in lines if split.search(line) != bool(together.search(line))]
    assert (len(lines) > 1000, sum(map(split.search, lines)) > 20, disagree) == (True, True, [])


def test_link_key_keeps_the_words_of_a_link_only() -> None:
    assert (link_key("[详细>>]"), link_key("Read  More »")) == ("详细", "readmore")


def test_verdict_cache_empties_when_full_and_keeps_the_last_long_text() -> None:
    cache = VerdictCache()
    for index in range(VerdictCache.SIZE):
        cache[f"第{index}行"] = index % 2 == 0
    first_long, second_long = "医" * (VerdictCache.LONGEST + 1), "保" * (VerdictCache.LONGEST + 1)
    cache[first_long] = True
    full = (len(cache), cache.get("第0行"), cache.get(first_long))
    cache["再一行"] = False
    cache[second_long] = False
    after = (len(cache), cache.get("第0行"), cache.get("再一行"), cache.get(first_long), cache.get(second_long))
    assert (full, after) == ((VerdictCache.SIZE + 1, True, True), (2, None, False, None, False))


def test_a_cached_verdict_is_the_pattern_verdict() -> None:
    drop = vocabulary().drop_lines
    lines = ["版权所有：福州市医疗保障局", "参保人可以在网上办理医保业务。"] * 3
    assert [drop.search(line) for line in lines] == [True, False] * 3


def _regex_lists(table: object) -> list[str]:
    """Every string of every list in the vocabulary file (word lists included: they compile as literals)."""
    if isinstance(table, dict):
        return [pattern for value in table.values() for pattern in _regex_lists(value)]
    if isinstance(table, list):
        return [item for item in table if isinstance(item, str)] + [
            pattern for item in table if not isinstance(item, str) for pattern in _regex_lists(item)
        ]
    return []


def test_no_pattern_of_the_vocabulary_backtracks_exponentially_on_a_line_of_its_own_words() -> None:
    """A toolbar line of 打印 repeated, a counter line repeated: a pattern whose repeated items can split the spaces
    between them two ways takes twice as long per extra item (seconds at 15). Each pattern is run on lines that
    repeat its own words 5 and 10 times (with one, two or no spaces, a separator, a digit); twice the items may cost
    about twice the time, never the 32-fold of a doubling per item."""

    def seconds(pattern: re.Pattern[str], line: str, runs: int) -> float:
        best = float("inf")
        for _ in range(runs):
            start = time.process_time()
            pattern.search(line)
            best = min(best, time.process_time() - start)
        return best

    slow = []
    for source in _regex_lists(DATA):
        try:
            pattern = re.compile(source, re.IGNORECASE)
        except re.error:
            continue
        words = re.findall(r"[\u4e00-\u9fff]{1,6}|[A-Za-z]{3,}", source)[:6] or ["a"]
        for word, separator in ((w, s) for w in words for s in (" ", "  ", "", " | ", "1 ")):
            small = seconds(pattern, (word + separator) * 5 + "\x00zz", 3)
            large = seconds(pattern, (word + separator) * 10 + "\x00zz", 1)
            if large > 8 * small + 0.005:
                slow.append(source)
                break
    assert slow == []
