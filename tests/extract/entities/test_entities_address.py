"""Street addresses, from real guide snippets (normalized text)."""

from __future__ import annotations

from extract.address import find_addresses
from extract.entity import PageContext

SHENYANG = PageContext(province="辽宁省", city="沈阳市")
FUZHOU = PageContext(province="福建省", city="福州市")


def one(text: str, context: PageContext | None = None):
    found = find_addresses(text, context)
    assert len(found) == 1, found
    return found[0]


def test_city_street_and_building_detail() -> None:
    address = one("受理地址:福州市古田路128号劳动大厦一层医保中心受理大厅受理时间:星期一至星期五")
    assert address.value == "福州市古田路128号劳动大厦一层医保中心受理大厅"
    assert (address.fields["province"], address.fields["city"], address.fields["street"]) == (
        "福建省",
        "福州市",
        "古田路128号",
    )


def test_district_gives_the_finest_adcode() -> None:
    address = one("福州市鼓楼区古田路128号(受理城镇居民、灵活就业人员医保)")
    assert (address.value, address.fields["district"], address.fields["adcode"]) == (
        "福州市鼓楼区古田路128号",
        "鼓楼区",
        "350102",
    )


def test_merged_district_is_kept_as_written_with_its_successors_code() -> None:
    address = one("  • 北京市宣武区永内西街5号 对外办公时间:周一至周五")
    assert (address.value, address.fields["district"], address.fields["adcode"]) == (
        "北京市宣武区永内西街5号",
        "宣武区",
        "110102",  # 西城区, which 宣武区 became in 2010: a code in force
    )


def test_renamed_county_level_city_gives_the_code_of_the_district_it_became() -> None:
    address = one("地址：即墨市大信镇")
    assert (address.value, address.fields["district"], address.fields["adcode"]) == (
        "青岛市即墨市大信镇",
        "即墨市",
        "370215",  # 即墨区 since 2017
    )


def test_abolished_district_without_one_successor_keeps_its_own_code() -> None:
    address = one("地址：河北省石家庄市桥东区向阳路2号昆仑盛阳门B座24层")
    assert (address.fields["district"], address.fields["adcode"]) == ("桥东区", "130103")
    # the same name in another city of the province is that city's district
    assert one("地址：河北省邢台市桥东区钢铁北路8号").fields["adcode"] == "130502"  # 襄都区 since 2020


def test_district_only_gets_its_city_in_front() -> None:
    address = one("具体地址是:皇姑区岐山中路66号(北行国美西走200米路北)", SHENYANG)
    assert (address.value, address.fields["city"]) == ("沈阳市皇姑区岐山中路66号", "沈阳市")


def test_landmark_without_house_number() -> None:
    assert one("沈阳市医保中心位于皇姑区崇山路百鸟公园东侧,43中西侧", SHENYANG).fields["detail"] == "百鸟公园东侧"


def test_address_label_without_divisions_uses_the_page_city() -> None:
    address = one("地址:五四北路157号新天地大厦4-5层", PageContext(province="福建省", city="福州市"))
    assert (address.fields["city"], address.fields["street"]) == ("福州市", "五四北路157号")


def test_place_names_without_a_street_are_not_addresses() -> None:
    text = "《福州市城镇居民基本医疗保险试行办法》沈阳市社保局表示,北京市人力资源和社会保障局"
    assert find_addresses(text) == []


def test_same_street_elsewhere_in_the_text_gives_the_district() -> None:
    text = "受理地址:福州市古田路128号劳动大厦一层。\n  • 福州市鼓楼区古田路128号(受理城镇居民医保)"
    first, second = find_addresses(text)
    assert (first.fields["district"], first.fields["adcode"], first.fields["district_from"]) == (
        "鼓楼区",
        "350102",
        "text",
    )
    assert second.fields["district"] == "鼓楼区"


def test_address_ends_at_a_closing_bracket() -> None:
    address = one("请到市医保局(地址:环市东路338号)办理", PageContext(province="广东省", city="广州市"))
    assert (address.text, address.fields["city"]) == ("环市东路338号", "广州市")


def test_dash_between_city_and_street() -> None:
    (address,) = find_addresses("办理地点：乌兰浩特市-长青街与代钦路30号五一派出所户籍窗口")
    assert address.value == "兴安盟乌兰浩特市长青街与代钦路30号五一派出所户籍窗口"
    assert address.text.startswith("乌兰浩特市-长青街")


def test_spaces_between_division_names() -> None:
    (address,) = find_addresses("地址：广东省 广州市 天河区 天河路123号")
    assert (address.value, address.fields["district"]) == ("广东省广州市天河区天河路123号", "天河区")


def test_spaces_around_the_house_number() -> None:
    (address,) = find_addresses("联系地址：上海市浦东新区博云路 2 号")
    assert (address.text, address.fields["street"]) == ("上海市浦东新区博云路 2 号", "博云路 2 号")


def test_short_province_name_before_a_city() -> None:
    (address,) = find_addresses("地址：内蒙古呼和浩特市赛罕区敕勒川大街1号市民服务中心C座")
    assert address.value == "内蒙古呼和浩特市赛罕区敕勒川大街1号市民服务中心C座"
    assert (address.fields["province"], address.fields["city"]) == ("内蒙古自治区", "呼和浩特市")


def test_short_name_alone_starts_no_address() -> None:
    assert [a.text for a in find_addresses("山东人民路上的店")] == []


def test_labelled_place_with_a_building_and_no_street() -> None:
    # a 办事指南's 办理地点 field: a division, then a hall, floor and window, no road
    (address,) = find_addresses("办理地点：乌兰浩特市政务服务中心二楼公安4号窗口")
    assert (address.text, address.fields["street"]) == ("乌兰浩特市政务服务中心二楼公安4号窗口", None)
    assert address.value == "兴安盟乌兰浩特市政务服务中心二楼公安4号窗口"


def test_labelled_division_alone_is_no_address() -> None:
    assert find_addresses("签订地点：上海市浦东新区") == []


def test_building_without_label_or_division_is_no_address() -> None:
    assert find_addresses("请到2号楼3层第12号窗口办理") == []


def test_zhusuo_labels_an_address() -> None:
    (address,) = find_addresses("住所：福州市鼓楼区古田路128号")
    assert address.value == "福州市鼓楼区古田路128号"


def test_a_sentence_after_a_place_word_is_no_street() -> None:
    # seed 003: 本市社保卡服务网点将设在各街道社保所 — 将设在各街 is no road
    assert find_addresses("缴费地点将设在各街道社保所，户籍所在地社区或街道办理") == []


def test_common_road_names_keep_their_words() -> None:
    assert [a.text for a in find_addresses("地址：建设路8号；地址：和平路1号")] == ["建设路8号", "和平路1号"]


# Round 3, batch g (real passages): the general causes of the first-sight misses.


def test_spaced_floor_number_stays_in_the_detail() -> None:
    address = one("地址：抚州市迎宾大道 128 号政务服务中心 1 楼")
    assert (address.text, address.value) == (
        "抚州市迎宾大道 128 号政务服务中心 1 楼",
        "抚州市迎宾大道128号政务服务中心1楼",
    )


def test_short_city_name_after_a_label_is_written_out() -> None:
    address = one("13. 受理地点：杭州解放东路18号，市行政服务中心规划窗口   咨询电话：85085216")
    assert (address.text, address.value, address.fields["city"]) == ("杭州解放东路18号", "杭州市解放东路18号", "杭州市")


def test_short_city_name_inside_a_zone_name_stays_as_written() -> None:
    address = one("开发区受理点：杭州经济技术开发区幸福南路1116号经济技术开发区行政服务中心      咨询电话：89898543")
    assert address.value == "杭州经济技术开发区幸福南路1116号经济技术开发区行政服务中心"


def test_acceptance_point_is_an_address_label() -> None:
    assert one("之江受理点：五云中路1号，之江管委会B楼                咨询电话86653020").value == "五云中路1号"


# Round 3, batch h (real passages).


def test_place_named_for_every_district_is_no_address() -> None:
    assert find_addresses("办理地点：海口市各区政务服务中心公安办证中心窗口") == []


def test_labelled_place_ends_before_and_every_district() -> None:
    text = "办理地点：海口市公安局出入境管理支队接待大厅及各区公安办证中心出入境窗口"
    assert one(text).value == "海口市公安局出入境管理支队接待大厅"


def test_city_name_that_names_the_road_is_not_written_out() -> None:
    address = one("梦田Live house 地址：长治路与南中环交叉口东北角APM中环广场2层")
    assert (address.value, address.fields["city"]) == ("长治路与南中环交叉口东北角APM中环广场2层", None)


# Round 3, batch k (real passage).


def test_site_label_and_short_municipality_name() -> None:
    address = one("院址：上海上川路995号  邮编：201209   |   总机：021-50218899")
    assert (address.text, address.value) == ("上海上川路995号", "上海市上川路995号")


def test_site_label_with_a_road_section() -> None:
    assert one("遥感监测，雅安、甘孜，一级，院址：成都人民北路一段25号").value == "成都市人民北路一段25号"


# Round 4, batch m (real passages).


def test_subdistrict_is_no_street_named_jie() -> None:
    # 凤城街道 is a subdistrict, not 凤城街 + 道: an unlabelled hall of a subdistrict in news text is no address
    text = "中新网济南10月4日电 (刘驰原)在济南市莱芜区凤城街道便民服务中心，65岁的王秀花指尖轻触政务服务自助终端"
    assert find_addresses(text) == []


def test_street_ending_in_jie_dao_with_a_number_is_still_a_street() -> None:
    assert one("社区卫生服务中心地址：健康街道12号").value == "健康街道12号"


def test_labelled_township_hall_is_an_address() -> None:
    text = "姜山镇农业植保无人机安全交流会 地点：姜山镇便民服务中心多功能厅 联系方式：农技咨询 0574-****-2290"
    assert one(text).value == "姜山镇便民服务中心多功能厅"


def test_labelled_subdistrict_hall_is_an_address() -> None:
    text = "潘火街道飞行计划填报实操课 地点：潘火街道便民服务中心二楼教室 联系方式：培训咨询 0574-****-3381"
    assert one(text).value == "潘火街道便民服务中心二楼教室"


def test_labelled_hall_of_the_applicants_own_subdistrict_is_no_address() -> None:
    assert find_addresses("办理地点：户籍所在地街道便民服务中心") == []
    assert find_addresses("办理地点：居住地社区服务中心") == []


# Round 4, batch p (real passages).


def test_residential_quarter_with_a_jia_number_after_divisions() -> None:
    assert one("地址：北京市朝阳区劲松三区甲302号").value == "北京市朝阳区劲松三区甲302号"


def test_residential_quarter_without_divisions_is_no_address() -> None:
    assert find_addresses("老张家电维修 营业时间：8:00-21:00 地址：西二区3号院底商") == []


# Round 4, batch s (real passages: county and district offices).


def test_hall_after_a_ban_zheng_label_is_an_address() -> None:
    text = "办证大厅：雨润大街99号三号楼1102室，电话025-87778447。"
    assert one(text).value == "雨润大街99号三号楼1102室"


def test_county_window_after_ban_zheng_is_an_address() -> None:
    text = (
        "东安县残疾人联合会 地址：东安县白牙市镇建设北路23号 电话：0746-4223180 办证：东安县政务中心一楼27号办证窗口。"
    )
    values = [a.value for a in find_addresses(text)]
    assert values == ["永州市东安县白牙市镇建设北路23号", "永州市东安县政务中心一楼27号办证窗口"]


def test_renamed_county_is_a_division() -> None:
    # 宜宾县 became 叙州区 in 2018; without the new name 南岸西区 was read as 攀枝花市西区
    address = one("地址：宜宾市叙州区南岸西区永安路6号（市残疾人康复中心8楼）")
    assert (address.value, address.fields["district"]) == ("宜宾市叙州区南岸西区永安路6号", "叙州区")


def test_common_word_district_inside_a_longer_name_starts_no_address() -> None:
    assert find_addresses("市残疾人服务中心在南岸西区永安路6号") == []


def test_common_word_district_after_its_city_is_kept() -> None:
    address = one("四川省攀枝花市西区永安路6号")
    assert address.fields["district"] == "西区"


# Round 4, batch t (real passages).


def test_labelled_lane_without_a_road_word() -> None:
    address = one("玄武区民政局婚姻登记处 地址：南京市玄武区估衣廊38号 电话：025--84701931")
    assert (address.value, address.fields["street"]) == ("南京市玄武区估衣廊38号", "估衣廊38号")


def test_unlabelled_name_and_number_after_divisions_is_no_address() -> None:
    assert find_addresses("南京市玄武区估衣廊38号") == []


# Round 6, batch x (real passages).


def test_unlabelled_divisions_and_a_numbered_building_in_an_office_list() -> None:
    text = "昆明市医疗保险服务中心 昆明市呈贡区市级行政中心2号楼 0871-63610000 周一至周五 09:00-17:00"
    assert one(text).value == "昆明市呈贡区市级行政中心2号楼"


def test_unlabelled_divisions_and_a_floor_in_a_sentence_are_no_address() -> None:
    assert find_addresses("海口市美兰区政务服务中心3楼举行签约仪式") == []
    assert find_addresses("杭州市西湖区有3层楼") == []


# Round 6, batch z (real passage: 济南 街道人社中心 records).


def test_labelled_landmark_with_a_direction_and_a_distance() -> None:
    text = "党家街道人社中心 电话：0531-87591820 地址：党家立交桥西700米南"
    assert one(text).value == "党家立交桥西700米南"


def test_short_city_name_before_a_compound_word_is_not_the_city() -> None:
    # 乐山小区 is a residential compound in 济南, not a place in 乐山市
    assert find_addresses("杆石桥街道人社中心 电话：0531-82078259 地址：乐山小区南区6号院") == []


def test_generic_area_with_a_direction_and_a_distance_is_no_address() -> None:
    assert find_addresses("位于市区西北30米处") == []


# Round 6, batch z02 (real passage: more 济南 records).


def test_labelled_township_government_with_a_direction_and_a_distance() -> None:
    assert one("柳埠街道人社中心 电话：0531-82152718 地址：柳埠镇政府东150米").value == "柳埠镇政府东150米"


def test_labelled_township_government_seat_is_a_place() -> None:
    assert one("遥墙街道人社中心 电话：0531-88742942 地址：遥墙镇政府驻地").value == "遥墙镇政府驻地"


def test_labelled_compound_with_a_numbered_building() -> None:
    assert one("工人新村北村街道人社中心 电话：0531-85872771 地址：标山小区7号楼西侧").value == "标山小区7号楼西侧"


def test_township_government_in_a_sentence_is_no_address() -> None:
    assert find_addresses("办理地点：当地乡镇政府") == []


# --- the divisions alone after an address label ---------------------------------------------------------------


def test_municipality_alone_after_an_address_label() -> None:
    (address,) = find_addresses("地址：天津市")
    assert (address.value, address.fields["adcode"]) == ("天津市", "120000")


def test_division_chain_and_township_after_an_address_label() -> None:
    (address,) = find_addresses("住所：云南省红河哈尼族彝族自治州元阳县黄茅岭乡")
    assert (address.value, address.fields["district"], address.fields["adcode"]) == (
        "云南省红河哈尼族彝族自治州元阳县黄茅岭乡",
        "元阳县",
        "532528",
    )


def test_district_alone_after_an_address_label_gets_its_city() -> None:
    (address,) = find_addresses("地址：河北区")
    assert (address.value, address.fields["adcode"]) == ("天津市河北区", "120105")


def test_divisions_alone_after_a_place_label_or_before_every_district_are_no_address() -> None:
    assert find_addresses("地址：海口市各区政务服务中心") == []
    assert find_addresses("签订地点：上海市浦东新区") == []


# --- renamed prefectures -----------------------------------------------------------------------------------------


def test_renamed_prefecture_takes_its_current_name_and_code() -> None:
    (address,) = find_addresses("地址：湖北省襄樊市小水街222号")
    assert (address.value, address.fields["city"], address.fields["adcode"]) == (
        "湖北省襄樊市小水街222号",
        "襄阳市",
        "420600",
    )


def test_league_renamed_a_city_resolves_its_districts() -> None:
    (address,) = find_addresses("地址：内蒙古自治区伊克昭盟东胜区达拉特南路5号")
    assert (address.fields["city"], address.fields["adcode"]) == ("鄂尔多斯市", "150602")


# --- several addresses in one sentence ----------------------------------------------------------------------------


def test_two_addresses_joined_by_he_are_two() -> None:
    found = find_addresses("地址分别为鼓楼区古田路1号和台江区八一七中路2号", FUZHOU)
    assert [a.value for a in found] == ["福州市鼓楼区古田路1号", "福州市台江区八一七中路2号"]


def test_two_addresses_in_a_list_are_two() -> None:
    found = find_addresses("受理点：福州市鼓楼区古田路128号、福州市台江区八一七中路100号")
    assert [a.fields["adcode"] for a in found] == ["350102", "350103"]


def test_a_building_after_he_stays_in_the_address() -> None:
    (address,) = find_addresses("地址：福州市鼓楼区古田路128号1号楼和2号楼")
    assert address.value == "福州市鼓楼区古田路128号1号楼和2号楼"


# --- a district under the city or province the text names ----------------------------------------------------------


def test_district_under_the_named_city() -> None:
    (address,) = find_addresses("办理地点：江苏省南京市鼓楼区中山路1号")
    assert address.fields["adcode"] == "320106"


def test_district_of_another_province_gives_no_code() -> None:
    (address,) = find_addresses("地址：广东省朝阳区人民路1号")
    assert (address.fields["district"], address.fields["adcode"]) == (None, "440000")


def test_page_city_does_not_override_the_named_province() -> None:
    (address,) = find_addresses("办理地点：江苏省鼓楼区中山路1号", FUZHOU)
    assert not address.fields["adcode"].startswith("35")


# --- a road named after a district ----------------------------------------------------------------------------


def test_road_named_after_a_district_is_a_road() -> None:
    (address,) = find_addresses("地址：中山市西区大道12号")
    assert (address.fields["district"], address.fields["street"], address.fields["adcode"]) == (
        None,
        "西区大道12号",
        "442000",
    )
    (district,) = find_addresses("地址：攀枝花市西区清香坪路8号")
    assert district.fields["adcode"] == "510403"


def test_streets_listed_after_one_chain_share_its_divisions() -> None:
    found = find_addresses("地址：福州市鼓楼区古田路128号、八一七中路100号及五四路3号")
    assert [a.value for a in found] == [
        "福州市鼓楼区古田路128号",
        "福州市鼓楼区八一七中路100号",
        "福州市鼓楼区五四路3号",
    ]
    assert [a.text for a in found] == ["福州市鼓楼区古田路128号", "八一七中路100号", "五四路3号"]


def test_two_labelled_streets_without_divisions_are_two() -> None:
    assert [a.value for a in find_addresses("地址：古田路128号和八一七中路100号")] == ["古田路128号", "八一七中路100号"]


def test_a_crossing_of_two_roads_is_one_place() -> None:
    (address,) = find_addresses("办理地点：乌兰浩特市-长青街与代钦路30号五一派出所户籍窗口")
    assert address.value == "兴安盟乌兰浩特市长青街与代钦路30号五一派出所户籍窗口"


def test_district_written_without_its_suffix_after_its_city() -> None:
    (address,) = find_addresses("地址：内蒙古自治区通辽市科尔沁甘蓝子街98号")
    assert (address.fields["district"], address.fields["street"], address.fields["adcode"]) == (
        "科尔沁区",
        "甘蓝子街98号",
        "150502",
    )


def test_district_name_that_begins_a_road_name_stays_the_road() -> None:
    (address,) = find_addresses("地址：广州市天河北路233号")
    assert (address.fields["district"], address.fields["street"]) == (None, "天河北路233号")


def test_address_field_with_a_division_and_a_place_name_is_the_address() -> None:
    (address,) = find_addresses("地址：重庆解放碑")
    assert (address.value, address.fields["adcode"]) == ("重庆市解放碑", "500000")
    (market,) = find_addresses("地址：西湖区蒋村花园小区管局农贸市场")
    assert (market.fields["district"], market.fields["detail"]) == ("西湖区", "蒋村花园小区管局农贸市场")


def test_address_field_that_runs_on_as_a_sentence_is_no_address() -> None:
    assert find_addresses("地址：福州市的各个服务网点均可办理") == []
    assert find_addresses("地址：杭州西湖边上的一个小房子里面还有很多很多很多人在排队等待着办理业务") == []
