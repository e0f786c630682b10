"""Phone numbers, from real guide snippets (normalized text)."""

from __future__ import annotations

from extract.entity import PageContext
from extract.phone import find_phones

FUZHOU = PageContext(province="福建省", city="福州市")


def one(text: str, context: PageContext | None = None):
    found = find_phones(text, context)
    assert len(found) == 1, found
    return found[0]


def test_landline_with_area_code_keeps_it_in_the_value() -> None:
    phone = one("福州市医保中心投诉电话:0591-87842560")
    assert (phone.value, phone.fields["line"], phone.fields["label"]) == ("059187842560", "landline", "投诉电话")


def test_bracketed_area_code() -> None:
    assert one("电话:(0591)87842560").value == "059187842560"


def test_em_dash_separator() -> None:
    assert one("联系电话:0535—6785673").value == "05356785673"


def test_e164_for_a_valid_landline() -> None:
    assert one("投诉电话:0591-87842560").fields["e164"] == "+8659187842560"


def test_trailing_parenthesis_labels_a_fax() -> None:
    phone = one("电话:(010)83172488 (传真)")
    assert (phone.value, phone.fields["label"]) == ("01083172488", "传真")


def test_extension_after_zhuan() -> None:
    phone = one("咨询电话:(0591)87842560转8001")
    assert (phone.value, phone.fields["ext"]) == ("059187842560", "8001")


def test_two_landlines_glued_together_are_split() -> None:
    phones = find_phones("福州市医保中心电话:0591-8787649087802528")
    assert [p.value for p in phones] == ["059187876490", "059187802528"]
    assert phones[1].fields["area_inferred"] is True


def test_slash_list_shares_the_label() -> None:
    phones = find_phones("咨询电话:87876490/87802528", FUZHOU)
    assert [p.value for p in phones] == ["059187876490", "059187802528"]
    assert [p.fields["label"] for p in phones] == ["咨询电话", "咨询电话"]


def test_bare_local_number_takes_the_area_code_of_the_nearest_city() -> None:
    phone = one("地址:沈阳市东陵区长青街105号\n  • 电话:62162046", FUZHOU)
    assert (phone.value, phone.fields["area_inferred"]) == ("02462162046", True)


def test_bare_local_number_falls_back_to_the_page_city() -> None:
    assert one("可通过电话办理:6096338,需邮件办理", PageContext(city="烟台市")).value == "05356096338"


def test_bare_local_number_without_a_phone_word_is_not_a_phone() -> None:
    assert find_phones("参保人数达到87876490", FUZHOU) == []


def test_mobile() -> None:
    phone = one("联系人手机:17085340457")
    assert (phone.value, phone.fields["line"]) == ("17085340457", "mobile")


def test_toll_free_with_dashes() -> None:
    phone = one("产品咨询或紧急问题,可联系在线客服或拨打4009-789-789")
    assert (phone.value, phone.fields["line"]) == ("4009789789", "toll_free")


def test_service_numbers() -> None:
    phones = find_phones("记者向北京市人力资源与社会保障局医保热线96102核实;也可拨打12333咨询")
    assert [(p.value, p.fields["line"]) for p in phones] == [("96102", "service"), ("12333", "service")]
    assert phones[0].fields["label"] == "医保热线"


def test_service_number_with_area_code() -> None:
    assert one("福州市医疗保险中心统一查询电话:(0591)12333,同时").value == "059112333"


def test_sms_number_glued_to_the_next_list_number() -> None:
    text = "移动、联通发送到1062665533。2、 缴费记录查询:移动、联通发送到10626655333、 个人帐户提醒"
    assert [p.value for p in find_phones(text)] == ["1062665533", "1062665533"]


def test_wechat_id_that_is_a_mobile_number_is_a_phone() -> None:
    assert one("也可通过微信联络沟通(微信号:17085340457)").fields["label"] == "微信号"


def test_wechat_id_that_is_not_a_mobile_is_not_a_phone() -> None:
    assert find_phones("微信号:68686868") == []


def test_not_phones_ids_postcodes_unit_numbers_prices() -> None:
    text = (
        "添加好友时请备注单位社保编号,如:3706001234。邮编:350001 身份证号码“AF+210104590321132”"
        "QQ:12345678 价格12345元 共65438+0"
    )
    assert find_phones(text) == []


def test_eighteen_digit_id_number_is_never_a_phone() -> None:
    assert find_phones("电话:350102199001011234") == []


def test_dates_and_times_are_not_phones() -> None:
    assert find_phones("电话 2024-09-03 16:23:22 发布") == []


def test_international_form_restores_the_trunk_zero() -> None:
    assert one("Tel:+86-10-64629100").value == "01064629100"


def test_international_mobile() -> None:
    assert one("Tel: +86 138 1234 5678").value == "13812345678"


def test_list_keeps_the_area_code_of_its_first_number() -> None:
    phones = find_phones("咨询电话:0591-87842560、87842561", PageContext(city="北京市"))
    assert [p.value for p in phones] == ["059187842560", "059187842561"]


def test_emergency_number_needs_a_call_word() -> None:
    assert [p.value for p in find_phones("遇到紧急情况请拨打110报警")] == ["110"]
    assert find_phones("包括我们可爱的110也能站出来") == []


def test_two_numbers_separated_by_a_space_stay_two() -> None:
    phones = find_phones("电话 87842560 87842561", FUZHOU)
    assert [p.value for p in phones] == ["059187842560", "059187842561"]


def test_number_written_in_short_groups() -> None:
    assert one("咨询电话 0591 8784 2560").value == "059187842560"


def test_round_carrier_numbers_need_a_call_word() -> None:
    assert find_phones("全年服务参保群众10000,满意率高") == []
    assert [p.value for p in find_phones("可拨打10086查询")] == ["10086"]


def test_hotline_named_by_the_words_after_it() -> None:
    text = "参保人员需要查询个人账户信息的,必须通过962218自助语音服务系统进行查询"
    assert [p.value for p in find_phones(text)] == ["962218"]


def test_bare_five_digit_count_is_not_a_hotline() -> None:
    assert find_phones("全市参保人数达96000,比上年增长") == []


def test_number_at_the_end_of_a_line_does_not_join_the_next_line() -> None:
    text = "3、拨打沈阳医保语音电话024-62167890\n2024-09-03 16:23:22"
    assert [p.value for p in find_phones(text)] == ["02462167890"]


def test_dash_extension_after_a_written_area_code() -> None:
    # a museum's visitor line, as published: （027）67883347－8666 (normalized: full-width dash folded)
    phone = one("游客服务咨询电话:（027）67883347-8666")
    assert (phone.value, phone.fields["ext"], phone.text) == ("02767883347", "8666", "（027）67883347-8666")


def test_two_landlines_joined_by_a_dash_leave_the_dash_out_of_both_spans() -> None:
    first, second = find_phones("电话0591-87842560-87842561")
    assert (first.text, second.text, second.value) == ("0591-87842560", "87842561", "059187842561")


def test_bracketed_area_code_then_a_dash() -> None:
    assert one("电话：（0591）-87842560").value == "059187842560"


# Round 3, batch g (real passages): the general causes of the first-sight misses.


def test_city_name_of_a_street_gives_no_area_code() -> None:
    text = "拱墅区受理点：杭州市北城街55号（湖州街与杭行路交叉口向南约500米）   咨询电话：58237045"
    phone = one(text)
    assert (phone.value, phone.fields["area_inferred"]) == ("057158237045", True)


def test_labelled_local_number_without_a_known_area_is_kept_as_written() -> None:
    phone = one("受理地点：致远楼516，联系人：郭志平，电话：3326160")
    assert (phone.value, phone.fields.get("area_inferred")) == ("3326160", None)


def test_unlabelled_local_number_without_a_known_area_is_no_phone() -> None:
    assert find_phones("受理地点：致远楼516，共3326160") == []


def test_service_number_naming_an_app_is_no_phone() -> None:
    assert find_phones("办理流程：掌上12333或国家社会保险服务平台提交转移申请，3分钟") == []


def test_service_number_to_dial_is_still_a_phone() -> None:
    assert one("可拨打12333咨询").value == "12333"


def test_country_and_area_code_in_one_bracket() -> None:
    phone = one("住房公积金热线：(86-574)12329 受理时间：周一至周五 8:30~17:00")
    assert (phone.text, phone.value) == ("(86-574)12329", "057412329")


def test_city_name_of_a_street_with_a_direction_gives_no_area_code() -> None:
    text = "南京市医保经办受理点一览\n鼓楼区受理点：鼓楼区中山北路58号区政务服务中心二楼   咨询电话：83271234"
    assert one(text).value == "02583271234"


# Round 4, batch p (real passages).


def test_bare_country_code_with_dashes_and_a_shortened_second_number() -> None:
    phones = find_phones("电话：86-10-56385301/56385348")
    assert [p.value for p in phones] == ["01056385301", "01056385348"]


def test_five_digit_extension_after_an_area_code() -> None:
    phone = find_phones("咨询电话：（010）87730641-80003")[0]
    assert (phone.value, phone.fields["ext"]) == ("01087730641", "80003")


def test_number_after_86_without_area_code_shape_is_not_international() -> None:
    assert [p.value for p in find_phones("编号86-2024 电话：0511-88619092")] == ["051188619092"]


def test_disability_services_hotline() -> None:
    phone = one("机关总机该年报未写，请拨12385。")
    assert (phone.value, phone.fields["line"]) == ("12385", "service")


def test_doubled_dash_after_the_area_code() -> None:
    assert one("地址：南京市玄武区估衣廊38号 电话：025--84701931").value == "02584701931"


# Round 6, batch x (real passages).


def test_labelled_local_number_with_a_dash_extension() -> None:
    phone = one("儿童计划免疫咨询（中心）  周一~周五 13:30~17:00\n   电话：54113581—8112")
    assert (phone.text, phone.value, phone.fields["ext"]) == ("54113581—8112", "54113581", "8112")


def test_unlabelled_local_number_with_an_extension_is_no_phone() -> None:
    assert find_phones("登记序号54113581-8112") == []


# --- numbers written with a country code: every region keeps its own ------------------------------------------


def test_shared_cost_400_number_with_the_country_code() -> None:
    phone = one("全国统一客服热线：+86 400 123 4567")
    assert (phone.value, phone.fields["region"], phone.fields["e164"]) == ("4001234567", "CN", "+864001234567")
    assert phone.fields["line"] == "toll_free"


def test_hong_kong_number_with_the_country_code_in_brackets() -> None:
    phone = one("香港办事处电话：(852) 2123 4567")
    assert (phone.value, phone.fields["region"], phone.fields["e164"]) == ("21234567", "HK", "+85221234567")


def test_macau_number_with_a_plus() -> None:
    phone = one("澳门卫生局 +853 2882 1234")
    assert (phone.value, phone.fields["region"], phone.fields["e164"]) == ("28821234", "MO", "+85328821234")


def test_taiwan_number_keeps_its_trunk_zero_in_the_value() -> None:
    phone = one("台北联络处：+886 2 2123 4567")
    assert (phone.value, phone.fields["region"], phone.fields["e164"]) == ("0221234567", "TW", "+886221234567")


def test_international_prefix_00_and_a_bare_country_code() -> None:
    assert one("国际长途：00852-2123-4567").fields["e164"] == "+85221234567"
    assert one("联系方式：852-2123-4567").fields["region"] == "HK"


def test_country_code_and_area_code_each_in_brackets() -> None:
    phone = one("广州代表处 (86)(20) 8388-1234")
    assert (phone.value, phone.fields["region"]) == ("02083881234", "CN")


def test_north_american_toll_free_number() -> None:
    phone = one("美国免费电话(1-800) 555-0100")
    assert (phone.value, phone.fields["region"], phone.fields["line"]) == ("8005550100", "US", "toll_free")


def test_trunk_zero_shown_in_brackets_is_dropped() -> None:
    assert one("伦敦办事处电话+44 (0)113 496 0009").fields["e164"] == "+441134960009"


def test_international_number_keeps_its_extension_and_label() -> None:
    phone = one("电话：+86-591-87842560转8001")
    assert (phone.value, phone.fields["ext"], phone.fields["label"]) == ("059187842560", "8001", "电话")


def test_a_country_code_in_brackets_is_no_list_marker() -> None:
    assert find_phones("第三节(2)2023年收入") == []


# --- Taiwan numbers written domestically -----------------------------------------------------------------------


def test_taiwan_two_digit_area_code_in_brackets() -> None:
    phone = one("台湾总机(02)2345-678")
    assert (phone.value, phone.fields["region"]) == ("022345678", "TW")


def test_taiwan_toll_free_0800() -> None:
    phone = one("免付费专线0800-011-765")
    assert (phone.value, phone.fields["region"], phone.fields["line"]) == ("0800011765", "TW", "toll_free")


def test_taiwan_070_number_is_not_a_mainland_0701_number() -> None:
    phone = one("网络电话070-1234-5678")
    assert (phone.value, phone.fields["region"]) == ("07012345678", "TW")
    assert one("电话：0701-2345678").fields["region"] == "CN"


# --- spaced groups ----------------------------------------------------------------------------------------------


def test_area_code_and_two_spaced_groups() -> None:
    phone = one("北京市医保中心电话 010 6512 3456")
    assert (phone.value, phone.fields["e164"]) == ("01065123456", "+861065123456")


def test_local_number_in_two_spaced_groups_takes_the_city_code() -> None:
    assert one("福州市医保中心咨询电话：6218 7730").value == "059162187730"


def test_spaced_mobile_before_a_full_stop() -> None:
    assert one("My phone: 189 1111 1111.").value == "18911111111"


# --- short numbers a guide lists ---------------------------------------------------------------------------------


def test_list_of_emergency_numbers() -> None:
    phones = find_phones("常用电话：报警110、火警119、急救120、交通事故122")
    assert [(p.value, p.fields["line"]) for p in phones] == [
        ("110", "emergency"),
        ("119", "emergency"),
        ("120", "emergency"),
        ("122", "emergency"),
    ]


def test_national_public_service_lines_when_called() -> None:
    assert [p.value for p in find_phones("价格举报请拨打12358，网络举报12377")] == ["12358", "12377"]
    assert [p.value for p in find_phones("请拨打95518或12333")] == ["95518", "12333"]


def test_a_123xx_count_is_no_phone() -> None:
    assert find_phones("全市共有12358人参保，今年共接听12388个来电") == []
    assert find_phones("遇到事情他总是想到110这个数字") == []


def test_every_phone_has_a_region() -> None:
    phones = find_phones("电话：0591-87842560，手机13812345678，热线12333")
    assert [p.fields["region"] for p in phones] == ["CN", "CN", "CN"]


# --- never a phone ------------------------------------------------------------------------------------------------


def test_id_and_bank_numbers_are_not_phones() -> None:
    assert find_phones("身份证号：110101199003071234，银行账号6222 0210 0112 3456 789") == []


def test_versions_dates_and_amounts_are_not_phones() -> None:
    assert find_phones("版本V2.3.1于2024-09-03发布，金额12,345,678元，版本号1.0.20240101") == []


def test_local_number_after_a_hong_kong_place_is_a_hong_kong_number() -> None:
    phone = one("香港特别行政区入境处电话：2824 6111")
    assert (phone.value, phone.fields["region"], phone.fields["e164"]) == ("28246111", "HK", "+85228246111")


def test_local_number_on_a_macau_page_is_a_macau_number() -> None:
    phone = one("咨询电话：2856 2211", PageContext(province="澳门特别行政区", city=None))
    assert (phone.fields["region"], phone.fields["e164"]) == ("MO", "+85328562211")


def test_many_international_numbers_take_linear_time() -> None:
    import time

    def cost(size: int) -> float:
        text = ("电话：(852) 2123 4567、87842560，" * (size // 25 + 1))[:size]
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            find_phones(text)
            best = min(best, time.process_time() - started)
        return max(best, 1e-3)

    # four times the text: about four times the work (quadratic would be sixteen)
    assert cost(40_000) / cost(10_000) < 9


def test_dash_extension_after_an_international_landline() -> None:
    phone = one("我的电话号是+86 20 6130-2222-8866.")
    assert (phone.value, phone.fields["ext"]) == ("02061302222", "8866")


def test_unseparated_digits_valid_only_in_taiwan_are_no_phone() -> None:
    assert find_phones("我的电话号是0551234567.") == []


def test_a_label_alone_on_the_line_above_labels_the_number_that_opens_the_next_line() -> None:
    # A table's label cell and its value cell are two lines of the page's text; so is "电话：<br>0591-…".
    for text in ("咨询电话\n0591-87842560", "咨询电话：\n0591-87842560", "咨询电话 \n 0591-87842560"):
        assert one(text).fields["label"] == "咨询电话", text
    # Not a whole line of label, or not right above: no label carried over.
    assert one("请拨打咨询电话了解\n0591-87842560").fields["label"] is None
    assert one("咨询电话\n\n0591-87842560").fields["label"] is None
    assert one("咨询电话\n地址在五四路 0591-87842560").fields["label"] is None


def test_north_american_numbers_written_domestically_in_english_text() -> None:
    cases = {
        "Call 1-800-633-4227 today.": "1-800-633-4227",
        "TTY users call 1-877-486-2048.": "1-877-486-2048",
        "Call (800) 633-4227 or visit the site.": "(800) 633-4227",
        "Call 800-633-4227 for help.": "800-633-4227",
        "Phone: 1.800.633.4227": "1.800.633.4227",
        "call 1-800-MEDICARE (1-800-633-4227)": "1-800-633-4227",
    }
    for text, written in cases.items():
        phone = one(text)
        assert (phone.text, phone.value, phone.fields["region"]) == (
            written,
            "8006334227" if "633" in written else "8774862048",
            "US",
        ), text
        assert phone.fields["e164"] == "+1" + phone.value and phone.fields["line"] == "toll_free"


def test_a_trunk_zero_number_no_mainland_number_in_english_text_is_read_in_the_uk_plan() -> None:
    phone = one("Call the prescription prepayment certificate helpline on 0300 330 1341. Monday to Friday.")
    assert (phone.text, phone.value, phone.fields["region"], phone.fields["e164"]) == (
        "0300 330 1341",
        "03003301341",
        "GB",
        "+443003301341",
    )
    london = one("Write to our London office or call 020 7972 2000.")  # 020 is also Guangzhou's: the mainland's
    assert (london.value, london.fields["region"]) == ("02079722000", "CN")


def test_the_same_number_in_chinese_text_is_no_uk_number() -> None:
    assert [p.fields["region"] for p in find_phones("咨询电话：0300 330 1341")] != ["GB"]


def test_the_same_grouping_in_chinese_text_is_a_mainland_number_and_other_groupings_are_no_phone() -> None:
    phone = one("请拨打800-820-8820咨询")
    assert (phone.value, phone.fields["region"]) == ("8008208820", "CN")
    assert find_phones("SSN 123-45-6789, part 123-456-7890x, ISBN 978-3-16-148410-0") == []
