"""`normalize.offsets.OffsetMap`: spans of normalized text mapped back to the text normalize was given."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extract.pipeline import normalize_text


def served_slice(text: str, part: str) -> str:
    processed = normalize_text(text)
    start = processed.text.index(part)
    served_start, served_end = processed.offsets.span(start, start + len(part))
    return processed.served[served_start:served_end]


def test_full_width_digits_map_to_their_full_width_span() -> None:
    assert served_slice("电话：０５９１－８７８４２５６０。", "0591-87842560") == "０５９１－８７８４２５６０"


def test_a_removed_pinyin_reading_stays_inside_the_span_it_was_in() -> None:
    text = "到醫(yī)保中心办理"
    assert normalize_text(text).text == "到医保中心办理"
    assert served_slice(text, "医保中心") == "醫(yī)保中心"


def test_a_span_next_to_a_removed_reading_does_not_take_it() -> None:
    assert served_slice("到醫(yī)保中心办理", "中心办理") == "中心办理"


def test_traditional_script_maps_one_for_one() -> None:
    assert served_slice("請撥打醫療保險熱線12393", "热线12393") == "熱線12393"


def test_a_zero_width_space_inside_a_number_is_covered() -> None:
    text = "电话：0591-8784\u200b2560"
    assert served_slice(text, "0591-87842560") == "0591-8784\u200b2560"


@given(st.text(alphabet="abc 123電話熱線：", max_size=40))
def test_text_without_repairs_maps_to_itself(text: str) -> None:
    processed = normalize_text(text)
    if processed.repairs:
        return
    assert processed.offsets.identity
    assert processed.offsets.span(0, len(processed.text)) == (0, len(text))


@given(st.text(alphabet="０１２３４５６７８９ａｂ醫療保險(yī)\u200b 12ab：", max_size=60))
def test_the_whole_normalized_text_maps_to_the_whole_served_text(text: str) -> None:
    processed = normalize_text(text)
    start, end = processed.offsets.span(0, len(processed.text))
    assert 0 <= start <= end <= len(text)
    assert normalize_text(text[start:end]).text.strip() == processed.text.strip()


def test_an_offset_map_crosses_a_pickle_and_maps_as_before() -> None:
    """The crawl's extraction workers send each record's map to the crawl process pickled."""
    import pickle

    processed = normalize_text("到醫(yī)保中心辦理，電話：０５９１－８７８４２５６０。")
    again = pickle.loads(pickle.dumps(processed.offsets, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == processed.offsets and len(again.steps) >= 3  # pinyin, script and width steps
    start = processed.text.index("0591")
    assert again.span(start, start + 13) == processed.offsets.span(start, start + 13) != (start, start + 13)
