"""The generated GB/T 2260 table, the area-code table and page context."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from extract.build_divisions import build_divisions, short_name
from extract.divisions import gazetteer
from extract.entities import page_context

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
