"""Street addresses written the ways company and office lists write them (normalized text): short county-level
city names, regions written as provinces, details with brackets, quotes and number lists."""

from __future__ import annotations

from extract.address import find_addresses


def values(text: str) -> list[str]:
    return [a.value for a in find_addresses(text)]


# --- short names of county-level cities -------------------------------------------------------------------


def test_short_county_level_city_after_a_label_before_a_township() -> None:
    (address,) = find_addresses("地址：昆山玉山镇牧野路2号")
    assert (address.value, address.fields["city"], address.fields["district"], address.fields["adcode"]) == (
        "苏州市昆山市玉山镇牧野路2号",
        "苏州市",
        "昆山市",
        "320583",
    )


def test_short_county_level_city_after_a_label_before_a_road() -> None:
    assert values("地址：义乌稠城街道工人北路1号") == ["金华市义乌市稠城街道工人北路1号"]


def test_short_county_level_city_needs_a_street_or_township_after_it() -> None:
    # 合作 is 甘肃's 合作市 and a word: before no street it names no place
    assert values("地点：合作医疗办公室") == []
    assert values("地址：合作医疗办公室") == []
    assert values("地址：合作路5号") == ["合作路5号"]  # the road's name, not the city


def test_short_county_level_city_needs_a_label() -> None:
    assert values("昆山玉山镇牧野路2号") == []
    assert values("地址：昆山玉山镇牧野路2号") != []


def test_short_city_name_inside_a_zone_name_is_the_zone() -> None:
    (address,) = find_addresses("地址：杭州经济技术开发区白杨街道6号")
    assert (address.value, address.fields["city"]) == ("杭州经济技术开发区白杨街道6号", None)


# --- regions and renamed divisions --------------------------------------------------------------------------


def test_region_written_as_a_province() -> None:
    (address,) = find_addresses("地址：广西省柳州市柳东新区花岭片区C区15、16栋标准厂房")
    assert (address.value, address.fields["province"], address.fields["adcode"]) == (
        "广西省柳州市柳东新区花岭片区C区15、16栋标准厂房",
        "广西壮族自治区",
        "450200",
    )


def test_merged_district_gives_the_code_of_its_successor() -> None:
    (address,) = find_addresses("地址：杭州市江干区九环路63号2幢")
    assert (address.value, address.fields["district"], address.fields["adcode"]) == (
        "杭州市江干区九环路63号2幢",
        "江干区",
        "330102",  # 上城区 since 2021
    )


# --- what the detail may hold -------------------------------------------------------------------------------


def test_floor_in_brackets_is_part_of_the_detail() -> None:
    text = "地址：河南省郑州市郑东新区商务外环路1号民生银行大厦H层（18层）"
    assert values(text) == ["河南省郑州市郑东新区商务外环路1号民生银行大厦H层（18层）"]
    assert values("地址：福州市鼓楼区古田路128号(3楼)") == ["福州市鼓楼区古田路128号(3楼)"]


def test_building_and_floor_in_brackets_are_part_of_the_detail() -> None:
    assert values("地址：福州市鼓楼区古田路128号（劳动大厦一层）") == ["福州市鼓楼区古田路128号（劳动大厦一层）"]
    # a place in brackets with no floor or room is a note
    assert values("地址：广州市越秀区东风中路445号（市政府大院内）") == ["广州市越秀区东风中路445号"]


def test_note_in_brackets_ends_the_address() -> None:
    assert values("福州市鼓楼区古田路128号(受理城镇居民、灵活就业人员医保)") == ["福州市鼓楼区古田路128号"]
    assert values("地址：宁波市鄞州区学院路118号（506路至何家站下车）") == ["宁波市鄞州区学院路118号"]


def test_quoted_building_name_inside_the_detail() -> None:
    assert values("地址：深圳市福田区石厦北二街“新天CBC”A座2106") == ["深圳市福田区石厦北二街“新天CBC”A座2106"]


def test_quoted_words_after_the_address_end_it() -> None:
    assert values("地址：福州市鼓楼区古田路128号“一站式”") == ["福州市鼓楼区古田路128号"]


def test_list_of_building_numbers_is_one_detail() -> None:
    assert values("地址：福州市鼓楼区古田路128号3、4号楼") == ["福州市鼓楼区古田路128号3、4号楼"]
    # a list of two house numbers is two addresses
    assert values("地址：福州市鼓楼区古田路128号、八一七中路100号") == [
        "福州市鼓楼区古田路128号",
        "福州市鼓楼区八一七中路100号",
    ]


# --- an address inside a sentence ---------------------------------------------------------------------------


def test_detail_ends_before_the_verb_of_the_sentence() -> None:
    assert values("请到福州市鼓楼区古田路128号劳动大厦一层办理") == ["福州市鼓楼区古田路128号劳动大厦一层"]
    assert values("于福州市鼓楼区古田路128号举行") == ["福州市鼓楼区古田路128号"]


def test_detail_ends_before_de_in_a_sentence() -> None:
    assert values("位于福州市鼓楼区古田路128号的医保中心") == ["福州市鼓楼区古田路128号"]


def test_verb_before_a_venue_word_is_part_of_the_place() -> None:
    assert values("地址：福州市鼓楼区古田路128号市民中心办理大厅") == ["福州市鼓楼区古田路128号市民中心办理大厅"]
    assert values("办理地点：福州市鼓楼区古田路128号咨询窗口") == ["福州市鼓楼区古田路128号咨询窗口"]


# --- words that look like addresses and are not -------------------------------------------------------------


def test_address_bar_and_form_fields_are_no_addresses() -> None:
    assert values("请在浏览器地址栏输入网址后访问") == []
    assert values("请填写详细地址（省市区街道门牌号）") == []
    assert values("通讯地址、邮政编码、联系电话") == []
    assert values("通讯地址：福州市鼓楼区古田路128号") == ["福州市鼓楼区古田路128号"]


def test_office_and_city_names_in_prose_are_no_addresses() -> None:
    assert values("参保人可到福州市医疗保障局办理") == []
    assert values("在北京市朝阳区工作的人员") == []
    assert values("参保人可到福州市鼓楼区古田路128号办理") == ["福州市鼓楼区古田路128号"]
