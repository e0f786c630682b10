"""Money amounts, from real guide snippets (normalized text)."""

from __future__ import annotations

import datetime as dt

from extract.amount import find_amounts


def one(text: str):
    found = find_amounts(text)
    assert len(found) == 1, found
    return found[0]


def test_wan_multiplier() -> None:
    assert one("支付限额由原来的3.5万元").value == 35000


def test_per_person_after_slash() -> None:
    amount = one("政府补助260元/人")
    assert (amount.value, amount.fields["per"], amount.fields["label"]) == (260, "人", "政府补助")


def test_thousands_separator_and_person_year() -> None:
    amount = one("个人缴费1,200元/人·年")
    assert (amount.value, amount.fields["per"]) == (1200, "人·年")


def test_chinese_numerals() -> None:
    assert one("最高可获三十五万元").value == 350000


def test_per_prefix_and_qualifier() -> None:
    amount = one("财政补助标准:每人每年不低于670元")
    assert (amount.value, amount.fields["per"], amount.fields["qualifier"]) == (670, "人·年", "不低于")


def test_per_prefix_year_then_person() -> None:
    assert one("按每年每人800元标准拨付").fields["per"] == "人·年"


def test_range() -> None:
    amount = one("补助2000—5000元")
    assert (amount.fields["low"], amount.fields["high"]) == (2000, 5000)


def test_label_from_preceding_words() -> None:
    assert one("其他居民起付标准为200元").fields["label"] == "起付标准"


def test_label_does_not_reach_past_an_earlier_number() -> None:
    assert one("将原执行的2010年度职工月平均工资3212元").fields["label"] == "月平均工资"


def test_qualifier_after() -> None:
    assert find_amounts("起付标准为200元,200元以上的部分")[1].fields["qualifier"] == "以上"


def test_vague_magnitude() -> None:
    amount = one("购买了价值上万元的违禁药品")
    assert (amount.value, amount.fields["vague"]) == (10000, True)


def test_per_item_fee() -> None:
    amount = one("收费标准(0.6元/条)")
    assert (amount.value, amount.fields["per"]) == (0.6, "条")


def test_words_holding_yuan_or_wan_are_not_amounts() -> None:
    assert find_amounts("元旦期间 万元户 元月") == []
    assert [a.value for a in find_amounts("元旦期间每人100元")] == [100]


def test_yuan_sign() -> None:
    assert [a.value for a in find_amounts("挂号费¥1,200.50,押金￥3万")] == [1200.5, 30000]


def test_range_with_one_multiplier() -> None:
    amount = one("年收入15-18万元")
    assert (amount.fields["low"], amount.fields["high"]) == (150000, 180000)


def test_yuan_inside_other_words_is_not_money() -> None:
    assert [a.value for a in find_amounts("打破城乡二元结构,推进医保一元化管理,元旦前每人1元")] == [1]


def test_verb_between_per_prefix_and_number() -> None:
    amounts = find_amounts("一档每人每年缴纳280元、二档每人每年缴纳580元")
    assert [(a.value, a.fields["per"]) for a in amounts] == [(280, "人·年"), (580, "人·年")]


def test_more_than_after_the_number() -> None:
    amount = one("补缴金额约为1.2万余元")
    assert (amount.value, amount.fields["qualifier"]) == (12000, "余")


def test_inclusive_bound() -> None:
    assert one("医疗费用在1000元(含)以上的部分").fields["qualifier"] == "(含)以上"


def test_spaces_between_number_and_unit() -> None:
    # PDF-extracted guide text: 每人每年 420 元, 最高 20 万元
    first, second = find_amounts("个人缴费标准为每人每年 420 元，单次奖励最高 20 万元")
    assert (first.value, first.fields["per"], second.value) == (420, "人·年", 200000)


def test_range_of_two_whole_amounts() -> None:
    (amount,) = find_amounts("一次性丧葬补助金为2万元至3万元")
    assert (amount.value, amount.fields["low"], amount.fields["high"]) == (20000, 20000, 30000)


def test_a_fall_between_two_amounts_is_no_range() -> None:
    assert [a.value for a in find_amounts("大病保险起付线由2万元降低至1.5万元")] == [20000, 15000]


def test_hundred_millions_with_decimals_are_exact_yuan() -> None:
    # 德清县发改局 news: 生产性服务业完成投资39.66亿元 (39.66 × 10⁸ is not exact in binary floating point)
    (amount,) = find_amounts("生产性服务业完成投资39.66亿元")
    assert amount.value == 3966000000


def test_wan_without_yuan_after_an_amount_label() -> None:
    (amount,) = find_amounts("一次性生育补贴2.5万。")
    assert (amount.value, amount.fields["label"]) == (25000, "补贴")


def test_wan_without_yuan_or_label_is_a_count() -> None:
    assert find_amounts("全市新增参保12.3万人，比上年增长2.5万。") == []


def test_capital_numerals_of_a_fee_schedule() -> None:
    assert [a.value for a in find_amounts("收费标准：人民币贰仟元整，壹佰伍拾元")] == [2000, 150]


# Round 3, batch i (real passages).


def test_range_closed_by_an_inclusive_mark_is_one_amount() -> None:
    found = find_amounts("2万元至5万元(含)部分，由大病保险资金支付50%；5万元至10万元(含)部分，由大病保险资金支付55%")
    assert [(a.value, a.fields["high"]) for a in found] == [(20000, 50000), (50000, 100000)]


# Round 4, batch q (real passage).


def test_colloquial_kuai_at_the_end_of_a_clause_is_yuan() -> None:
    amounts = find_amounts("在职：33～34元/月（一年约400块）")
    assert [(a.text, a.value) for a in amounts] == [("33～34元/月", 33), ("约400块", 400)]


def test_kuai_before_a_noun_counts_pieces() -> None:
    assert find_amounts("每人领取3块肥皂和2块毛巾") == []


# Round 6, batch x (real passage).


def test_wan_without_yuan_bounded_by_yixia_after_an_amount_label() -> None:
    amounts = find_amounts("低保户单次总费用3万以下70%、单次总费用3万以上的80%")
    assert [(a.text, a.value, a.fields["qualifier"]) for a in amounts] == [
        ("3万以下", 30000, "以下"),
        ("3万以上", 30000, "以上"),
    ]


def test_wan_bounded_by_yixia_without_an_amount_label_is_no_amount() -> None:
    assert find_amounts("人口3万以下的乡镇") == []


# Families of writing: each test pins one way guide pages (and receipts, notices) write money.


def fields_of(text: str, *keys: str) -> tuple:
    amount = one(text)
    return (amount.value, *(amount.fields.get(k) for k in keys))


def test_a_place_word_written_once_applies_to_a_chinese_low_end() -> None:
    assert fields_of("补偿标准一百二十到一百五十万元", "low", "high") == (1_200_000, 1_200_000, 1_500_000)
    assert fields_of("两到三千元", "low", "high") == (2000, 2000, 3000)
    assert fields_of("七千到九千亿元", "low", "high") == (700_000_000_000, 700_000_000_000, 900_000_000_000)


def test_a_low_end_with_its_own_place_word_keeps_it() -> None:
    assert fields_of("报账金额在1万(含)-5万元之间", "low", "high") == (10000, 10000, 50000)
    assert fields_of("一千元到两千万元", "low", "high") == (1000, 1000, 20_000_000)


def test_full_width_thousands_commas() -> None:
    assert fields_of("合计82，225.00元") == (82225,)


def test_a_full_width_comma_between_clauses_is_no_thousands_comma() -> None:
    assert [a.value for a in find_amounts("补助200元，300元以上的部分")] == [200, 300]


def test_tenths_and_hundredths_after_the_yuan() -> None:
    assert fields_of("工本费123元1角1分") == (123.11,)
    assert fields_of("每张一块二") == (1.2,)
    assert fields_of("每份5角6分") == (0.56,)


def test_a_fen_alone_is_a_score_or_a_minute_not_money() -> None:
    assert find_amounts("考核得分5分，8点20分开始") == []


def test_capital_numerals_with_yuan_written_as_yuan_coin() -> None:
    assert fields_of("金额：肆佰叁拾萬圆整", "currency") == (4_300_000, "CNY")
    assert fields_of("大写：壹仟玖佰") == (1900,)


def test_yuan_coin_inside_a_word_is_no_money() -> None:
    assert find_amounts("工作三年圆满完成") == []


def test_currency_words_after_the_number() -> None:
    assert fields_of("兑换3.5美元", "currency") == (3.5, "USD")
    assert fields_of("月薪25481港元", "currency") == (25481, "HKD")
    assert fields_of("资产8亿元人民币", "currency") == (800_000_000, "CNY")
    assert fields_of("约300欧元", "currency") == (300, "EUR")


def test_currency_words_before_the_number_outrank_yuan() -> None:
    assert fields_of("新台币 177.1 亿元", "currency") == (17_710_000_000, "TWD")
    assert fields_of("补助港币两千九百六十元", "currency") == (2960, "HKD")
    assert fields_of("人民币8500元", "currency") == (8500, "CNY")


def test_signs_and_codes_before_the_number() -> None:
    found = find_amounts("RMB 5,000；HK$1,000；US$20；NT$300；¥50；$12")
    assert [(a.value, a.fields["currency"]) for a in found] == [
        (5000, "CNY"),
        (1000, "HKD"),
        (20, "USD"),
        (300, "TWD"),
        (50, "CNY"),
        (12, "USD"),
    ]


def test_a_code_inside_a_latin_word_is_no_currency() -> None:
    assert find_amounts("USDT100") == []


def test_estimates_are_approximate_ranges() -> None:
    assert fields_of("价值几十万元", "approximate", "low", "high") == (100_000, True, 100_000, 1_000_000)
    assert fields_of("大约三五百元", "approximate", "low", "high") == (300, True, 300, 500)
    assert fields_of("花了数千元", "approximate", "low", "high") == (1000, True, 1000, 10_000)
    assert fields_of("共3000多元", "approximate", "low", "high") == (3000, True, 3000, 4000)
    assert fields_of("十几块钱", "approximate", "low", "high") == (10, True, 10, 20)


def test_an_exact_amount_is_not_approximate() -> None:
    assert one("起付标准为800元").fields.get("approximate") is None


def test_no_amount_in_ids_phones_dates_durations_or_versions() -> None:
    text = "身份证号码350102199001011234，电话13800138000，2024年1月5日，270天，版本V2.0，二十七点三"
    assert find_amounts(text) == []
    assert [a.value for a in find_amounts(text + "，押金300元")] == [300]


def test_a_row_of_numerals_longer_than_any_number_is_no_amount() -> None:
    assert find_amounts("十" * 30 + "元") == []
    assert find_amounts("十" * 30 + "，补助五十元")[0].value == 50


def test_currency_and_estimate_reach_the_amounts_table(tmp_path) -> None:
    import pandas as pd

    from output.dataset import DatasetWriter
    from tests.output.samples import make_result

    text = "补助港币两千九百六十元，另有几十万元，起付标准800元"
    writer = DatasetWriter(tmp_path, run_id="run1", crawl_date=dt.date(2026, 12, 6))
    writer.write_page(make_result(text=text, entities=find_amounts(text)), source="saved/page.html")
    writer.close()
    rows = pd.read_parquet(tmp_path / "amounts").sort_values("start")
    assert list(rows["currency"]) == ["HKD", "CNY", "CNY"]
    assert list(rows["approximate"].fillna(False)) == [False, True, False]
    assert list(rows["high"].fillna(0)) == [0, 1_000_000, 0]


def test_hundredths_alone_only_with_a_money_word() -> None:
    assert [(a.value, a.fields["currency"]) for a in find_amounts("每条短信5分钱，邮费三美分")] == [
        (0.05, "CNY"),
        (0.03, "USD"),
    ]
    assert find_amounts("考核得分5分") == []


def test_ge_between_the_number_and_yi() -> None:
    assert fields_of("投资两个亿元") == (200_000_000,)


def test_less_common_currencies_from_the_table() -> None:
    assert fields_of("折合100新西兰元", "currency") == (100, "NZD")


def test_hundredths_after_a_whole_amount_complete_it() -> None:
    assert fields_of("邮费两美元又三美分", "currency") == (2.03, "USD")


def test_capital_tenths_and_hundredths_of_an_amount_in_words() -> None:
    assert fields_of("金额：人民币陆仟零柒元壹角肆分") == (6007.14,)
    assert fields_of("大写：叁角肆分") == (0.34,)


def test_digits_and_place_words_again_after_a_place_word() -> None:
    assert fields_of("补助3万5千元") == (35000,)
    assert fields_of("投资1亿2千万元") == (120_000_000,)
    assert find_amounts("参保3万5千人") == []


def test_yuan_of_an_equation_is_no_money() -> None:
    assert find_amounts("一元二次方程") == []
    assert [a.value for a in find_amounts("一元二次方程课本一元")] == [1]


def test_hong_kong_spoken_dollars_and_tenths() -> None:
    assert fields_of("车费五蚊六毫至五蚊七毫八", "currency", "low", "high") == (5.6, "HKD", 5.6, 5.78)
    assert fields_of("找回两毫") == (0.2,)


def test_wen_and_hao_inside_words_are_no_money() -> None:
    assert find_amounts("灭蚊，三只蚊子，五蚊香，5毫升，0.5毫克，毫无") == []


def test_cantonese_dollars_counted_with_ge_before_a_half_or_their_tenths() -> None:
    # 個 is normalized to 个; in spoken Cantonese it counts dollars: 五個半 = 5.5, 個九 = 1.9
    assert fields_of("车费五个半", "currency") == (5.5, "HKD")
    assert fields_of("个半") == (1.5,)
    assert fields_of("一个半。") == (1.5,)
    assert fields_of("个九") == (1.9,)
    assert fields_of("港币三个一毫四", "currency") == (3.14, "HKD")


def test_ge_counting_things_or_months_is_no_money() -> None:
    assert find_amounts("一个半月内，共三个，每周两个半天，个十百千，第五个半，一个一个来，买了两个。") == []
    assert find_amounts("做到三个一。十个九") == []
    assert fields_of("港币三个一", "currency") == (3.1, "HKD")


def test_a_currency_word_before_a_dollar_sign_names_the_dollar() -> None:
    assert fields_of("可获资助港币$500", "currency") == (500, "HKD")
    assert fields_of("报名费港币 $ 500元", "currency") == (500, "HKD")
    assert fields_of("费用$500", "currency") == (500, "USD")


def test_an_inclusive_mark_between_the_amount_and_its_bound() -> None:
    # full-width brackets as half-width ones: the bound keeps its inclusive mark
    assert fields_of("2万元（含）以下的部分", "qualifier") == (20000, "（含）以下")
    assert fields_of("年度累计2万元(含)以上", "qualifier") == (20000, "(含)以上")
    assert fields_of("年度累计2万元", "qualifier") == (20000, None)
    assert fields_of("年收入20万元及以上", "qualifier") == (200000, "及以上")
    assert fields_of("年收入2万元及以下", "qualifier") == (20000, "及以下")
    assert fields_of("费用5万元以上（含）", "qualifier") == (50000, "以上（含）")


def test_a_period_before_the_number_and_a_person_after_it_are_one_rate() -> None:
    assert fields_of("补贴每月300元/人", "per") == (300, "人·月")
    assert fields_of("补贴每人300元/月", "per") == (300, "人·月")
    assert fields_of("挂号费每年500元/次", "per") == (500, "次")


def test_thousands_grouped_by_a_thin_space() -> None:
    # GB/T 15835 groups the digits of long numbers by a thin space, which normalizing turns into a space
    assert fields_of("一次性补助1 500元") == (1500,)
    assert fields_of("最高50 000元") == (50000,)
    assert fields_of("合计1 000 000.50元") == (1000000.5,)


def test_a_digit_group_is_never_an_amount_by_itself() -> None:
    assert [a.value for a in find_amounts("12345 000元，2023 500元，05元")] == [500]


def test_rates_per_bed_day_person_time_hour_term_and_weight() -> None:
    assert fields_of("床位费300元/床/日", "per") == (300, "床日")
    assert fields_of("诊查费50元/人/次", "per") == (50, "人·次")
    assert fields_of("最低小时工资标准为22元/小时", "per") == (22, "小时")
    assert fields_of("学费1500元/学期", "per") == (1500, "学期")
    assert fields_of("收购价2.5元/公斤", "per") == (2.5, "公斤")
    assert fields_of("工本费每本5元", "per") == (5, "本")


def test_a_rate_word_with_no_amount_is_no_amount() -> None:
    assert find_amounts("每周一至周五，每人次限一张，按小时计") == []


def test_a_rate_before_a_currency_sign_with_no_unit_after() -> None:
    assert fields_of("每月发放港币$3,000", "currency", "per") == (3000, "HKD", "月")
    assert fields_of("长者每人每年HK$2,000", "currency", "per") == (2000, "HKD", "人·年")
    assert fields_of("费用HK$2,000", "per") == (2000, None)


# --- currency signs and codes after the number ---------------------------------------------------------------


def test_a_sign_after_the_number_names_its_currency() -> None:
    assert [(a.value, a.fields["currency"]) for a in find_amounts("押金2000￥，门票18 €，酒店3,500円")] == [
        (2000, "CNY"),
        (18, "EUR"),
        (3500, "JPY"),
    ]


def test_a_sign_between_two_numbers_belongs_to_the_one_it_touches() -> None:
    assert [a.text for a in find_amounts("单价1250€ 600件")] == ["1250€"]
    assert [a.text for a in find_amounts("原价$100 $200")] == ["$100", "$200"]


def test_a_grouped_number_with_a_sign_after_it() -> None:
    assert one("团费2 390 €").value == 2390


def test_currency_codes_in_lower_case() -> None:
    assert [(a.value, a.fields["currency"]) for a in find_amounts("报名费500rmb，资料费20 usd")] == [
        (500, "CNY"),
        (20, "USD"),
    ]


def test_an_english_word_is_no_currency_code() -> None:
    assert find_amounts("500 mop heads") == []
    assert one("500 MOP").fields["currency"] == "MOP"


# --- estimates ------------------------------------------------------------------------------------------------


def test_lai_after_a_number_is_an_estimate() -> None:
    amount = one("一次性补助10来万元")
    assert (amount.value, amount.fields["low"], amount.fields["high"], amount.fields["approximate"]) == (
        100000,
        100000,
        200000,
        True,
    )
    assert one("每次十来块钱").fields["high"] == 20


# --- capitals without a unit ------------------------------------------------------------------------------------


def test_capitals_without_a_unit_are_a_number_outside_an_amount_field() -> None:
    assert find_amounts("编号肆拾肆") == []
    assert find_amounts("肆佰陆拾") == []


def test_capitals_without_a_unit_are_money_after_a_receipt_word_or_label() -> None:
    assert one("合计：肆佰陆拾").value == 460
    assert one("补助标准：壹仟元").value == 1000
    assert one("肆佰叁拾萬整").value == 4_300_000


def test_a_magnitude_without_digits_hedged_by_a_word_is_an_estimate() -> None:
    near = one("人均医疗费用近万元")
    assert (near.value, near.fields["qualifier"], near.fields["approximate"]) == (10000, "近", True)
    some = one("每次自付百余元")
    assert (some.value, some.fields["low"], some.fields["high"]) == (100, 100, 200)
    assert one("累计报销万余元").fields["high"] == 20000


def test_a_magnitude_without_digits_or_hedge_is_no_amount() -> None:
    assert find_amounts("每万元医疗费用") == []
    assert find_amounts("万元户") == []


def test_one_or_two_hundred_is_an_estimate_between_them() -> None:
    amount = one("每月一两百元")
    assert (amount.fields["low"], amount.fields["high"], amount.fields["approximate"]) == (100, 200, True)


def test_a_sign_written_once_before_a_range() -> None:
    amount = one("门票HK$100-200")
    assert (amount.value, amount.fields["low"], amount.fields["high"], amount.fields["currency"]) == (
        100,
        100,
        200,
        "HKD",
    )
    assert one("¥100～200").fields["high"] == 200


def test_a_smaller_number_after_the_dash_is_no_high_end() -> None:
    amount = one("$500-100")
    assert (amount.text, amount.value, "high" in amount.fields) == ("$500", 500, False)


def test_a_period_then_a_person_after_slashes() -> None:
    assert one("补助300元/月/人").fields["per"] == "人·月"
    assert one("500元/年/人").fields["per"] == "人·年"


def test_drug_prices_per_package() -> None:
    amount = one("药品限价12.5元/盒")
    assert (amount.value, amount.fields["per"]) == (12.5, "盒")
    assert one("支付标准为每支不超过50元").fields["per"] == "支"


def test_an_english_rate_after_a_signed_amount_is_its_per() -> None:
    cases = {
        "The standard Part B premium is $174.70 each month.": ("$174.70 each month", 174.7, "USD", "月"),
        "Prescriptions cost £9.90 per item in England.": ("£9.90 per item", 9.9, "GBP", "件"),
        "The subsidy is HK$260 per dose.": ("HK$260 per dose", 260, "HKD", "剂"),
        "The deductible is $1,632 per benefit period.": ("$1,632 per benefit period", 1632, "USD", "次"),
        "Membership costs $20 a Year.": ("$20 a Year", 20, "USD", "年"),
    }
    for text, (written, value, currency, per) in cases.items():
        amount = one(text)
        assert (amount.text, amount.value, amount.fields["currency"], amount.fields["per"]) == (
            written,
            value,
            currency,
            per,
        ), text


def test_a_word_that_only_starts_like_a_period_is_no_rate() -> None:
    amount = one("You pay a $5 a monthly fee.")
    assert (amount.text, amount.fields["per"]) == ("$5", None)
