"""The generated GB/T 2260 table, the area-code table and page context."""

from __future__ import annotations

import csv
import datetime as dt
import time
from pathlib import Path

from extract.address import find_addresses
from extract.divisions import gazetteer
from extract.entities import page_context
from tools.build_divisions import build_divisions, short_name

DATA = Path(__file__).parents[3] / "extract" / "data"


def test_generated_table_covers_every_province_and_thousands_of_counties() -> None:
    with open(DATA / "admin_divisions.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    levels = [r["level"] for r in rows]
    assert levels.count("province") == 34
    assert levels.count("district") > 2800


def test_ambiguous_district_name_lists_every_city() -> None:
    cities = {d.city for d in gazetteer().by_name["鼓楼区"]}
    assert {"福州市", "南京市", "徐州市", "开封市"} <= cities


def test_renamed_district_is_known() -> None:
    (old,) = gazetteer().by_name["东陵区"]
    assert (old.city, old.adcode) == ("沈阳市", "210112")


def test_municipality_districts_have_the_municipality_as_city() -> None:
    rows = build_divisions([("110000", "北京市"), ("110100", "市辖区"), ("110102", "西城区")])
    assert [(r["name"], r["city"], r["level"]) for r in rows] == [
        ("北京市", "", "province"),
        ("西城区", "北京市", "district"),
    ]


def test_short_names() -> None:
    assert [short_name("福建省", ("省",)), short_name("福州市", ("市",)), short_name("沙市", ("市",))] == [
        "福建",
        "福州",
        "沙市",
    ]


def test_area_codes_from_phonenumbers() -> None:
    g = gazetteer()
    assert [g.area_code(c) for c in ("北京市", "福州市", "沈阳市", "烟台市")] == ["010", "0591", "024", "0535"]


def test_page_context_city_from_the_title_and_date_from_the_text() -> None:
    context = page_context(
        "防控疫情 烟台医保业务“网上办 电话办 邮件办”", "来源:胶东在线  2020-02-03 09:35:00 市医保中心"
    )
    assert (context.province, context.city, context.published) == ("山东省", "烟台市", dt.date(2020, 2, 3))


def test_page_context_prefers_the_given_publication_date() -> None:
    assert page_context(None, "2020-02-03", "2024-09-03T16:23:22").published == dt.date(2024, 9, 3)


def test_divisions_set_up_after_2018_are_current() -> None:
    by_name = gazetteer().by_name
    found = {name: (by_name[name][0].city, by_name[name][0].adcode) for name in ("米林市", "襄都区", "龙港市")}
    assert found == {"米林市": ("林芝市", "540481"), "襄都区": ("邢台市", "130502"), "龙港市": ("温州市", "330383")}


def test_counties_set_up_in_2024_are_known() -> None:
    assert {d.city for name in ("和康县", "和安县") for d in gazetteer().by_name[name]} == {"和田地区"}


def test_a_reused_code_names_the_current_division() -> None:
    assert [gazetteer().by_code[code].name for code in ("210112", "130502")] == ["浑南区", "襄都区"]


def test_old_county_names_still_resolve_to_their_city() -> None:
    (old,) = gazetteer().by_name["宜宾县"]
    assert (old.city, old.adcode) == ("宜宾市", "511521")


def test_address_in_a_county_level_city_made_in_2023() -> None:
    address = find_addresses("办公地址：西藏自治区林芝市米林市米林镇雅江路8号 联系电话：0894-5821234", None)[0]
    assert (address.fields["district"], address.fields["adcode"]) == ("米林市", "540481")


def test_taiwan_and_hong_kong_stay_provinces_and_statistical_rows_are_dropped() -> None:
    rows = build_divisions(
        [
            ("710000", "台湾省"),
            ("710101", "中山区"),
            ("810000", "香港特别行政区"),
            ("810102", "东区"),
            ("999900", "海域"),
        ]
    )
    assert [r["name"] for r in rows] == ["台湾省", "香港特别行政区"]


def test_chongqing_districts_missing_from_the_source_are_kept() -> None:
    address = find_addresses("地址：重庆市江北区建新北路二支路2号", None)[0]
    assert (address.fields["district"], address.fields["adcode"]) == ("江北区", "500105")


def test_mentions_are_found_wherever_they_sit_in_the_text() -> None:
    # names at the very start and end, between digits and punctuation, and run together with other names
    text = "福州市鼓楼区八一七北路68号，电话0591-1234，山东省济南市历下区"
    found = [(text[m.start : m.end], m.start) for m in gazetteer().mentions(text, short=False)]
    assert found == [("福州市", 0), ("鼓楼区", 3), ("山东省", 27), ("济南市", 30), ("历下区", 33)]


def test_mentions_match_a_lookup_of_every_substring() -> None:
    gaz = gazetteer()
    text = "关于福建省福州市、厦门、漳州及山东济南市历下区的医保经办机构地址：鼓楼区八一七北路，台江区"
    substrings = {(start, text[start:end]) for start in range(len(text)) for end in range(start + 1, len(text) + 1)}
    every_hit = sorted((start, -len(name), name) for start, name in substrings if name in gaz.by_name)
    assert {name for _, _, name in every_hit} >= {"福建省", "福州市", "厦门", "漳州", "山东", "济南市", "鼓楼区"}
    mentions = [(m.start, text[m.start : m.end]) for m in gaz.mentions(text)]
    greedy, reach = [], -1
    for start, negative_length, name in every_hit:
        if start >= reach:
            greedy.append((start, name))
            reach = start - negative_length
    assert mentions == greedy


def test_mentions_in_a_long_record_are_found_at_their_places() -> None:
    sentence = "参保人到福州市鼓楼区办理，"
    text = sentence * 3
    found = [(m.start, m.end) for m in gazetteer().mentions(text)]
    starts = [i * len(sentence) + sentence.index("福州市") for i in range(3)]
    assert [(start, end) for start, end in found if text[start:end] == "福州市"] == [(s, s + 3) for s in starts]
    assert [text[start:end] for start, end in found if start > starts[-1]] == ["鼓楼区"]


def test_scanning_a_record_for_division_names_is_linear_in_its_length() -> None:
    # A page-long paragraph of one repeated sentence: 4x the text is about 4x the work, not 16x.
    def cpu_seconds(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.thread_time()
            gazetteer()._scan(text)
            best = min(best, time.thread_time() - started)
        return best

    sentence = "医疗保险报销比例为百分之八十，"
    short, long = sentence * 4_000, sentence * 16_000
    gazetteer()._scan(sentence)  # built outside the timed runs
    assert cpu_seconds(long) / max(cpu_seconds(short), 0.001) <= 10.0


def test_names_found_record_by_record_are_the_names_of_the_whole_page() -> None:
    page = "福州市鼓楼区五四路158号\n\n厦门市思明区湖滨南路\n\n咨询电话：12345"
    gaz = gazetteer()
    whole = [(m.divisions, m.end - m.start) for m in gaz.mentions(page)]
    by_record = [(m.divisions, m.end - m.start) for m in gaz.mentions_by_part(page, "\n\n")]
    assert by_record == whole
    assert [d[0].name for d, _ in whole] == ["福州市", "鼓楼区", "厦门市", "思明区"]


def test_names_at_both_ends_and_overlapping_names_are_found() -> None:
    # 山东省 at the very start (the short name 山东 inside it gives way to it), 济南 at the very end
    found = [(m.start, m.end, m.short) for m in gazetteer().mentions("山东省东营市与济南")]
    assert found == [(0, 3, False), (3, 6, False), (7, 9, True)]


def test_a_separator_that_can_be_part_of_a_name_scans_the_whole_text() -> None:
    gaz = gazetteer()
    spans = [(m.start, m.end) for m in gaz.mentions_by_part("福州市鼓楼区", "州")]
    assert spans == [(0, 3), (3, 6)]


def test_page_context_counts_the_city_named_in_every_record() -> None:
    text = "厦门市思明区\n\n福州市鼓楼区\n\n福州市台江区"
    assert page_context(None, text).city == "福州市"
