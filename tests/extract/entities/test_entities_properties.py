"""Invariants of the entity parsers over generated text (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.amount import find_amounts
from extract.entities import find_entities
from extract.entity import PageContext
from extract.phone import find_phones

CONTEXT = PageContext(province="福建省", city="福州市")
# Pieces of real guide text, so generated strings hit the parsers' paths, plus arbitrary characters.
PIECES = st.sampled_from(
    [
        "电话:",
        "传真",
        "(0591)",
        "0591-",
        "转",
        "/",
        "、",
        "元",
        "万元",
        "%",
        "‰",
        "年",
        "月",
        "日",
        "至",
        "每年",
        "周一至周五",
        "8:30-17:30",
        "福州市",
        "鼓楼区",
        "古田路",
        "128号",
        "〔2007〕",
        "号",
        "身份证号码",
        "http://",
        ".gov.cn",
        "@",
        " ",
        "\n",
        "百分之",
        "五十",
        "二〇二五",
        "-",
        "—",
        ".",
        ",",
    ]
)
DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=20)
TEXT = st.lists(st.one_of(PIECES, DIGITS, st.text(max_size=5)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_offsets_point_at_the_text(text: str) -> None:
    for entity in find_entities(text, CONTEXT):
        assert text[entity.start : entity.end] == entity.text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_parsing_never_raises_on_arbitrary_text(text: str) -> None:
    find_entities(text)
    find_entities(text, CONTEXT)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_spans_of_different_kinds_never_overlap(text: str) -> None:
    entities = find_entities(text, CONTEXT)
    for i, a in enumerate(entities):
        for b in entities[i + 1 :]:
            assert a.end <= b.start or b.end <= a.start or a.kind == b.kind, (a, b)


@st.composite
def id_numbers(draw) -> str:
    region = draw(st.sampled_from(["350102", "110104", "210112", "370602", "440305"]))
    birth = draw(st.dates(min_value=__import__("datetime").date(1930, 1, 1))).strftime("%Y%m%d")
    serial = draw(st.text(alphabet="0123456789", min_size=3, max_size=3))
    check = draw(st.sampled_from("0123456789X"))
    return region + birth + serial + check


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["电话:", "咨询电话", "身份证号码:", "", "拨打", "联系方式 "]), id_numbers(), TEXT)
def test_a_number_inside_an_id_never_becomes_a_phone(before: str, id_number: str, after: str) -> None:
    text = before + id_number + ("," + after if after else "")
    start, end = len(before), len(before) + len(id_number)
    for phone in find_phones(text, CONTEXT):
        assert phone.end <= start or phone.start >= end, phone


@given(st.integers(min_value=1, max_value=10**9))
def test_whole_yuan_amount_round_trips(n: int) -> None:
    (amount,) = find_amounts(f"补助{n}元")
    assert amount.value == n


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=0, max_value=9))
def test_wan_yuan_is_ten_thousand_yuan(whole: int, tenth: int) -> None:
    (amount,) = find_amounts(f"限额{whole}.{tenth}万元")
    assert abs(amount.value - (whole + tenth / 10) * 10_000) < 1e-6


MONEY_PIECES = st.sampled_from(
    [
        "元",
        "万元",
        "港币",
        "美元",
        "US$",
        "¥",
        "RMB ",
        "几",
        "数",
        "多",
        "余",
        "至",
        "到",
        "-",
        "(含)",
        "角",
        "分",
        "块",
    ]
)
MONEY_TEXT = st.lists(st.one_of(MONEY_PIECES, DIGITS, st.sampled_from(["一百二十", "三五", "肆佰", "十"])), max_size=12)


@settings(max_examples=300, deadline=None)
@given(MONEY_TEXT.map("".join))
def test_every_amount_has_an_iso_currency_and_ordered_bounds(text: str) -> None:
    for amount in find_amounts(text):
        assert len(amount.fields["currency"]) == 3 and amount.fields["currency"].isupper(), amount
        if "high" in amount.fields:
            assert amount.fields["low"] == amount.value <= amount.fields["high"], amount
        assert text[amount.start : amount.end] == amount.text


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=9))
def test_a_shared_place_word_scales_a_bare_low_end(low: int, high: int) -> None:
    if low >= high:
        return
    (amount,) = find_amounts(f"补助{low}到{high}万元")
    assert (amount.fields["low"], amount.fields["high"]) == (low * 10_000, high * 10_000)


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_full_width_and_ascii_thousands_commas_read_the_same(thousands: int, units: int) -> None:
    ascii_value = find_amounts(f"共{thousands},{units:03d}元")[0].value
    assert find_amounts(f"共{thousands}，{units:03d}元")[0].value == ascii_value == thousands * 1000 + units


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=999))
def test_a_percentage_and_its_chinese_spelling_agree(n: int) -> None:
    import cn2an

    from extract.percent import find_percents

    spelled = cn2an.an2cn(n)
    assert [p.value for p in find_percents(f"比例{n}%，比例百分之{spelled}")] == [n, n], spelled
