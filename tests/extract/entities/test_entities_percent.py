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
