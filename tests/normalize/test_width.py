"""Width: full-width digits, letters and symbols → ASCII; Chinese sentence punctuation stays full-width."""

from __future__ import annotations

from normalize.width import fold


def test_full_width_amount_becomes_ascii() -> None:
    assert fold("最高支付限额为２０万元，比例８５％")[0] == "最高支付限额为20万元，比例85%"


def test_full_width_url_and_decimal_become_ascii() -> None:
    assert fold("ｗｗｗ．ｆｚｓｂ．ｇｏｖ．ｃｎ　３．５万元")[0] == "www.fzsb.gov.cn　3.5万元"


def test_chinese_sentence_punctuation_is_kept() -> None:
    text = "电话：（0591）87842560；怎么办？好！一、二。《通知》〔2020〕“持卡就医”"
    assert fold(text) == (text, [])


def test_ascii_punctuation_is_never_widened() -> None:
    text = "区别?2月20日,10:20 (0591) 1,000元"
    assert fold(text) == (text, [])


def test_folded_runs_are_reported() -> None:
    _, repairs = fold("第１２条")
    assert [(r.kind, r.offset, r.before, r.after) for r in repairs] == [("width", 1, "１２", "12")]
