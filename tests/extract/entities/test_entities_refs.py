"""Policy document numbers, emails and URLs, from real guide snippets (normalized text)."""

from __future__ import annotations

from extract.docref import find_docrefs
from extract.email import find_emails
from extract.url import find_urls


def test_docref_with_square_brackets() -> None:
    (ref,) = find_docrefs("受理时限按榕政综[2007]249号《福州市人民政府关于印发")
    assert (ref.value, ref.fields) == ("榕政综〔2007〕249号", {"issuer": "榕政综", "year": 2007, "number": 249})


def test_docref_in_parentheses_after_a_title() -> None:
    (ref,) = find_docrefs("《关于调整参保单位社会保险缴费期及有关事项的通知》(烟社保函〔2020〕1号)执行")
    assert ref.value == "烟社保函〔2020〕1号"


def test_docref_with_full_width_parentheses() -> None:
    assert find_docrefs("根据人社部发（2019）12号文件")[0].value == "人社部发〔2019〕12号"


def test_email_lower_cased() -> None:
    (email,) = find_emails("发送至郵箱:YLBXZHK@126.com,符合转移接续条件的即时办理")
    assert email.value == "ylbxzhk@126.com"


def test_url_ends_at_chinese_text() -> None:
    (url,) = find_urls("请关注烟台市医疗保障局官网:http://ybj.yantai.gov.cn/和微信公众号")
    assert url.value == "http://ybj.yantai.gov.cn/"


def test_url_drops_trailing_sentence_punctuation() -> None:
    assert find_urls("详见www.SI.gov.cn.")[0].value == "www.si.gov.cn"


def test_decree_without_year() -> None:
    (ref,) = find_docrefs("《社会保险经办条例》(国务院令第765号)")
    assert (ref.value, ref.fields) == ("国务院令第765号", {"issuer": "国务院令", "year": None, "number": 765})


def test_a_command_is_not_a_decree_number() -> None:
    assert find_docrefs("按上级命令第5号执行") == []


def test_url_keeps_the_case_of_its_path_and_query() -> None:
    (url,) = find_urls("办事指南见HTTPS://Www.Hrss.GOV.cn/Guide/Index.aspx?ItemID=A7b#Top，请按步骤申报")
    assert url.value == "https://www.hrss.gov.cn/Guide/Index.aspx?ItemID=A7b#Top"


def test_url_lower_cases_a_host_written_without_scheme() -> None:
    (url,) = find_urls("登录WWW.GDHRSS.GOV.CN/SBCX查询")
    assert url.value == "www.gdhrss.gov.cn/SBCX"


def test_url_keeps_a_port_and_lower_cases_the_host_only() -> None:
    (url,) = find_urls("内网地址http://Ybj.Local:8080/Api/Query?Name=Li")
    assert url.value == "http://ybj.local:8080/Api/Query?Name=Li"
