"""Percentages, from real guide snippets (normalized text)."""

from __future__ import annotations

from extract.percent import find_percents


def values(text: str) -> list:
    return [p.value for p in find_percents(text)]


def test_percent_sign_with_label() -> None:
    (p,) = find_percents("符合居民医保支付范围的费用报销比例为70%")
    assert (p.value, p.fields["label"]) == (70, "报销比例")


def test_decimal_and_permille() -> None:
    assert values("工资总额的8.6%(含生育保险6‰)") == [8.6, 0.6]


def test_chinese_baifenzhi() -> None:
    assert values("报销百分之五十") == [50]


def test_percentage_points_are_a_change() -> None:
    (p,) = find_percents("基本医保基金支付比例提高5个百分点")
    assert (p.value, p.fields["unit"], p.fields["change"]) == (5, "百分点", True)


def test_increase_is_a_change() -> None:
    (p,) = find_percents("每增加一个缴费年度,基本医保基金支付比例增加2%")
    assert p.fields["change"] is True


def test_level_is_not_a_change() -> None:
    (p,) = find_percents("本市二代身份证的换证率已经高达98%以上")
    assert p.fields["change"] is False


def test_range_gives_both_ends() -> None:
    assert values("门诊报销60%-70%") == [60, 70]


def test_per_ten_thousand() -> None:
    (rate,) = find_percents("逾期按日加收万分之五的滞纳金")
    assert (rate.value, rate.fields["unit"]) == (0.05, "‱")


# Families of writing: each test pins one way pages write a share.


def test_tenths_written_with_cheng() -> None:
    assert values("住院费用报销七成，门诊报销2.5成，自付半成") == [70, 25, 5]


def test_cheng_inside_a_word_is_no_share() -> None:
    assert values("由三部分组成，一成不变，建成三成立") == []
    assert values("建成后报销三成") == [30]


def test_discounts_written_with_zhe() -> None:
    assert values("药品九折，耗材75折，五五折，八点五折") == [90, 75, 55, 85]


def test_zhe_inside_a_word_or_with_ten_is_no_discount() -> None:
    assert values("三折算为，十折，10折") == []


def test_negative_after_fu() -> None:
    assert values("同比增长负3.9%") == [-3.9]


def test_a_range_dash_is_no_minus_sign() -> None:
    assert values("报销60%-70%") == [60, 70]


def test_other_powers_of_ten() -> None:
    assert values("误差不超过百万分之五") == [0.0005]


def test_text_spaced_out_by_pdf_extraction() -> None:
    assert values("比例为百 分 之 2.4，提高四点 五个百分点") == [2.4, 4.5]


def test_an_estimate_between_two_numbers_is_no_percentage() -> None:
    assert values("约百分之二三十") == []
    assert values("约百分之二十") == [20]


def test_a_long_numeral_run_is_no_percentage() -> None:
    assert values("一" * 40 + "个百分点") == []


def test_chinese_numerals_with_a_percent_sign() -> None:
    assert values("比例为五十%，三十五％，二十点五%") == [50, 35, 20.5]


def test_tenths_with_a_hundredth_digit() -> None:
    assert values("报销八成五") == [85]


def test_the_other_end_of_a_range_written_once_with_baifenzhi() -> None:
    assert values("报销比例为百分之三十至四十") == [30, 40]
    assert values("滞纳金千分之三到五") == [0.3, 0.5]


def test_a_number_after_a_range_word_without_baifenzhi_before_is_no_percentage() -> None:
    assert values("第三至四十条") == []


def test_a_justified_pdf_line_leaves_a_wide_gap_before_the_unit() -> None:
    assert values("比上年提高一百五十    个百分点，报销比例50    %") == [150, 50]


def test_a_gap_wider_than_a_justified_line_parts_number_and_unit() -> None:
    assert values("共50" + " " * 12 + "%") == []
    assert values("共50" + " " * 8 + "%") == [50]


def test_discount_digits_spaced_out_by_pdf_extraction() -> None:
    assert values("会员价7 2 折，打7 5折") == [72, 75]


def test_spaced_digits_of_a_longer_run_or_tenths_of_more_than_ten_are_no_share() -> None:
    assert values("编号1 7 2 折，7 2 成") == []
    assert values("七成") == [70]


def test_thousands_grouped_by_a_thin_space() -> None:
    assert values("增长1 000%，比例12 %") == [1000, 12]
    assert values("编号12345 000%") == []


# --- negative percentages ---------------------------------------------------------------------------------------


def test_a_minus_sign_against_the_digits_is_negative() -> None:
    assert values("创业板指下降了-3.8%") == [-3.8]


def test_negative_inside_a_fraction_in_words() -> None:
    assert values("下降了百分之负三点八") == [-3.8]


def test_a_dash_after_a_percent_sign_is_no_minus_sign() -> None:
    assert values("个人负担5%-10%") == [5, 10]
    assert values("负担-10%") == [-10]


# --- ranges whose unit is written once -------------------------------------------------------------------------


def test_the_low_end_takes_the_unit_written_after_the_high_end() -> None:
    assert values("个人自付比例5-10%") == [5, 10]
    assert values("自付1.5~2.5%") == [1.5, 2.5]
    assert values("降低2到3个百分点") == [2, 3]
    assert values("费率3-5‰") == [0.3, 0.5]


def test_the_low_end_in_numerals_of_tenths() -> None:
    found = find_percents("报销约二至三成")
    assert [(p.text, p.value, p.fields["unit"]) for p in found] == [("二", 20, "成"), ("三成", 30, "成")]
    assert values("八至九折") == [80, 90]


def test_no_low_end_when_the_number_before_the_dash_is_no_share() -> None:
    assert values("2023-10%") == [10]
    assert values("第1-3页，比例10%") == [10]


def test_two_whole_fractions_in_words_are_two_percentages() -> None:
    found = find_percents("百分之五到百分之十")
    assert [(p.text, p.value) for p in found] == [("百分之五", 5), ("百分之十", 10)]


# --- tenths and estimates --------------------------------------------------------------------------------------


def test_half_a_tenth_after_cheng() -> None:
    assert values("自付两成半") == [25]
    assert values("九折半价") == [90]


def test_two_consecutive_digit_words_are_an_estimate_not_a_share() -> None:
    assert values("增速下降了两三个百分点") == []
    assert values("约三四成") == []
    assert values("下降二十三个百分点") == [23]


def test_two_digit_words_of_a_discount_are_its_hundredths() -> None:
    assert values("七五折优惠") == [75]


def test_a_decimal_written_without_its_zero_is_no_share() -> None:
    assert values("报销比例为.85%") == []
    assert values("报销比例为0.85%") == [0.85]
