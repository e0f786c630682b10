"""decode(): the declared charset is checked against the bytes; every case names the codec and the reason."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.decode import decode
from extract.errors import StageError
from tests.fixture_pages import PAGES, FixturePage, real_pages

# Each real page's info.json records the codec its bytes really are; we read GBK with its superset.
SUPERSET = {"gbk": "gb18030", "gb2312": "gb18030"}

TEXT = "社保卡信息采集是否准确与及时，直接关系参保群众能否顺利拿到社保卡。参保人员可到街道社保所办理。"
TRADITIONAL = "社保卡信息採集是否準確與及時，直接關係參保群眾能否順利拿到社保卡。參保人員可到街道社保所辦理。"


def page(text: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>guide</title></head><body><p>{text}</p></body></html>"


# GB2312 level 1: the 3755 common hanzi that real Chinese text is made of.
COMMON_HANZI = sorted(
    {
        bytes((lead, trail)).decode("gb2312", errors="ignore")
        for lead in range(0xB0, 0xD8)
        for trail in range(0xA1, 0xFF)
    }
    - {""}
)


@pytest.mark.parametrize("page", real_pages(), ids=lambda page: page.name)
def test_a_real_page_without_headers_decodes_as_its_real_encoding(page: FixturePage) -> None:
    real = page.info["encoding"]
    assert decode(page.body).encoding == SUPERSET.get(real, real)


def test_gb2312_declared_page_with_gb18030_only_bytes_is_read_whole() -> None:
    body = (PAGES / "article" / "sohu-finance-gb2312" / "body.html").read_bytes()
    assert "\ufffd" not in decode(body, {"Content-Type": "text/html; charset=gb2312"}).text


def test_gbk_bytes_served_as_utf8_are_re_decoded() -> None:
    body = page(TEXT).encode("gbk")
    result = decode(body, {"Content-Type": "text/html; charset=utf-8"})
    assert (result.encoding, result.source, TEXT in result.text) == ("gb18030", "sniffed", True)


def test_utf8_bytes_with_a_gb2312_meta_are_read_as_utf8() -> None:
    body = page(TEXT, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">').encode("utf-8")
    result = decode(body)
    assert (result.encoding, result.source, TEXT in result.text) == ("utf-8", "sniffed", True)


def test_meta_declaration_wins_when_the_bytes_agree() -> None:
    body = page(TEXT, '<meta charset="gbk">').encode("gbk")
    assert (decode(body).encoding, decode(body).source) == ("gb18030", "meta")


def test_header_key_case_does_not_matter() -> None:
    body = page(TEXT).encode("gb18030")
    assert decode(body, {"CONTENT-TYPE": "text/html; charset=GBK"}).source == "header"


def test_scrapy_style_bytes_headers_are_read() -> None:
    body = page(TRADITIONAL).encode("big5")
    assert decode(body, {b"Content-Type": [b"text/html; charset=big5"]}).encoding == "big5hkscs"


def test_big5_without_declaration_is_sniffed() -> None:
    body = page(TRADITIONAL).encode("big5hkscs")
    result = decode(body)
    assert (result.encoding, TRADITIONAL in result.text) == ("big5hkscs", True)


def test_big5_bytes_declared_gbk_are_not_left_as_mojibake() -> None:
    body = page(TRADITIONAL).encode("big5")
    assert TRADITIONAL in decode(body, {"Content-Type": "text/html; charset=gbk"}).text


def test_bom_beats_a_disagreeing_header() -> None:
    body = codecs.BOM_UTF8 + page(TEXT).encode("utf-8")
    result = decode(body, {"Content-Type": "text/html; charset=gbk"})
    assert (result.encoding, result.source, result.text.startswith("<html>")) == ("utf-8", "bom", True)


def test_utf16_bom_is_honoured() -> None:
    body = codecs.BOM_UTF16_LE + page(TEXT).encode("utf-16-le")
    assert TEXT in decode(body).text


def test_latin1_label_over_gbk_bytes_is_overruled() -> None:
    body = page(TEXT).encode("gbk")
    assert TEXT in decode(body, {"Content-Type": "text/html; charset=iso-8859-1"}).text


def test_truncated_multibyte_tail_keeps_the_text_before_it() -> None:
    body = page(TEXT).encode("gbk")[:-30] + TEXT.encode("gbk")[:3]
    result = decode(body)
    assert (result.encoding, TEXT[:20] in result.text) == ("gb18030", True)


def test_mixed_bytes_give_best_effort_text() -> None:
    body = page(TEXT).encode("gbk") + "尾部一段UTF-8文字".encode()
    result = decode(body)
    assert TEXT in result.text and result.source == "fallback"


def test_empty_body_is_empty_text() -> None:
    assert decode(b"").text == ""


def test_binary_garbage_is_undecodable() -> None:
    body = bytes(range(256)) * 40 + b"\x00\x01\x02\x03" * 500
    with pytest.raises(StageError) as info:
        decode(body)
    assert info.value.error == "undecodable"


def test_ascii_page_uses_its_declaration() -> None:
    body = page("Medical insurance guide", '<meta charset="windows-1252">').encode("ascii")
    assert (decode(body).encoding, decode(body).source) == ("cp1252", "meta")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_give_text_or_undecodable(body: bytes) -> None:
    try:
        result = decode(body)
    except StageError as exc:
        assert exc.error == "undecodable"
    else:
        assert isinstance(result.text, str) and 0.0 <= result.confidence <= 1.0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(COMMON_HANZI), min_size=12, max_size=80).map("".join))
def test_any_common_chinese_text_round_trips_whatever_the_header_says(text: str) -> None:
    body = page(text).encode("gb18030")
    assert text in decode(body, {"Content-Type": "text/html; charset=utf-8"}).text


def test_big5_page_with_a_broken_character_keeps_the_rest() -> None:
    body = page(TRADITIONAL, '<meta charset="big5">').encode("big5").replace("採集".encode("big5"), b"\xff\xfe")
    result = decode(body)
    assert (result.encoding, TRADITIONAL[-20:] in result.text) == ("big5hkscs", True)


def test_gbk_page_with_a_broken_character_keeps_the_rest() -> None:
    body = page(TEXT, '<meta charset="gbk">').encode("gbk").replace("采集".encode("gbk"), b"\xff\x30")
    result = decode(body)
    assert (result.encoding, TEXT[-20:] in result.text) == ("gb18030", True)


def test_gbk_bytes_with_a_utf8_meta_are_re_decoded() -> None:
    body = page(TEXT, '<meta charset="utf-8">').encode("gbk")
    result = decode(body)
    assert (result.encoding, TEXT in result.text) == ("gb18030", True)


def test_web_only_label_x_gbk_is_understood() -> None:
    body = page(TEXT).encode("gbk")
    assert decode(body, {"Content-Type": "text/html; charset=x-gbk"}).source == "header"


# Sparse high bytes: a Western page's few non-ASCII bytes also pair up into "valid" GB/Big5 characters
# (UTF-8 no-break space C2 A0 reads as 聽 in GBK), but each pair stands alone among ASCII letters.
# Real bytes of an English blog post (scrapinghub article-extraction-benchmark, MIT): the article
# separates its photos with <span>C2 A0</span> and has no other non-ASCII byte.
NBSP_SPAN = b'<div style="text-align: center;"><span style="font-size: small;">\xc2\xa0</span></div>\n'
ENGLISH_POST = (
    b'<html><head><meta content="text/html; charset=UTF-8" http-equiv="Content-Type">'
    b"<title>Kate Henshaw</title></head><body>"
    b'<span style="font-size: small;">Photos which were released online and are making the rounds on social '
    b"media, show Nigerian actress, Kate Henshaw, looking absolutely stunning in new make-up photos.</span>\n"
    + NBSP_SPAN * 9
    + b"</body></html>"
)
CP1252_TEXT = (
    "Renée Zellweger’s “Chief Daddy” co-star, José Nnaji, said Geneviève’s café scene was “fantastic” — "
    "Ñandú Müller’s crew agreed, and the Señora’s daughter’s naïve line got the biggest laugh."
)


def test_english_utf8_page_with_lone_no_break_spaces_stays_utf8() -> None:
    result = decode(ENGLISH_POST)
    assert (result.encoding, result.source, "\xa0" in result.text, "聽" in result.text) == (
        "utf-8",
        "meta",
        True,
        False,
    )


def test_english_utf8_page_with_lone_no_break_spaces_and_no_declaration_stays_utf8() -> None:
    body = ENGLISH_POST.replace(b'<meta content="text/html; charset=UTF-8" http-equiv="Content-Type">', b"")
    assert decode(body).encoding == "utf-8"


@pytest.mark.parametrize(
    "headers",
    [{}, {"Content-Type": "text/html; charset=windows-1252"}, {"Content-Type": "text/html; charset=iso-8859-1"}],
    ids=["undeclared", "windows-1252", "latin-1"],
)
def test_cp1252_english_page_with_curly_quotes_and_accented_names_decodes_as_cp1252(headers: dict) -> None:
    body = page(CP1252_TEXT).encode("cp1252")
    result = decode(body, headers)
    assert (result.encoding, CP1252_TEXT in result.text) == ("cp1252", True)


def test_gbk_page_without_declaration_still_decodes_as_gb18030() -> None:
    body = page(TEXT).encode("gbk")
    result = decode(body)
    assert (result.encoding, result.source, TEXT in result.text) == ("gb18030", "sniffed", True)


def test_gbk_page_with_english_words_between_the_hanzi_still_decodes_as_gb18030() -> None:
    text = "参保人员可登录 Social Security 网上服务平台，选择 Online 办理，或拨打 12333 咨询社保卡业务。"
    body = page(text).encode("gbk")
    assert (decode(body).encoding, text in decode(body).text) == ("gb18030", True)


def test_common_hanzi_share_counts_exactly_the_common_ideographs_at_every_code_point() -> None:
    from extract.decode import _cjk_plausibility, _common_ideographs

    common = _common_ideographs()
    ideographs = [chr(c) for c in range(0x3400, 0xA000)]  # every BMP ideograph, common and rare
    for start in range(0, len(ideographs), 4000):
        sample = ideographs[start : start + 4000]
        expected = sum(char in common for char in sample) / len(sample)
        assert _cjk_plausibility("".join(sample)) == expected
    assert _cjk_plausibility(TEXT) == 1.0  # everyday simplified text: all common
    assert _cjk_plausibility("㐀㐁㐂㐃㐄㐅㐆㐇") == 0.0  # extension A only: none common


POLISH_TEXT = "Sprzeciw wobec ataków na lekarzy: pacjenci i personel szpitala żądają ochrony, zgłoszeń i kar."


def test_utf8_page_with_a_few_stray_bytes_stays_utf8() -> None:
    # A Polish UTF-8 page whose footer holds one byte of another codec: every byte is some letter in mac-latin2 or
    # cp1250, so the least-damaged decode alone would misread each accented letter to spare one stray byte.
    footer = "<p>Stopka: kontakt \udcb9</p></body>"  # \udcb9: the stray byte B9
    body = page(POLISH_TEXT * 2).replace("</body>", footer).encode(errors="surrogateescape")
    result = decode(body)
    assert (result.encoding, result.source, POLISH_TEXT in result.text) == ("utf-8", "fallback", True)


def test_chinese_utf8_page_with_a_stray_gbk_fragment_stays_utf8() -> None:
    body = page(TEXT * 3).encode() + "页脚".encode("gbk")
    result = decode(body)
    assert (result.encoding, TEXT in result.text) == ("utf-8", True)


def test_gbk_page_with_a_few_accidental_utf8_sequences_is_not_read_as_utf8() -> None:
    body = page(TEXT * 3).encode("gbk") + "尾部".encode()  # GBK text forms some well-formed UTF-8 pairs by accident
    result = decode(body)
    assert (result.encoding, TEXT in result.text) == ("gb18030", True)


KOREAN = "국민건강보험 신청은 주민센터에서 하실 수 있습니다. 문의 전화 02-1234-5678 로 연락 주십시오."
JAPANESE = "健康保険の申請は市役所で行います。お問い合わせは03-1234-5678までご連絡ください。"


@pytest.mark.parametrize(
    ("text", "label", "codec"),
    [(KOREAN, "euc-kr", "euc-kr"), (JAPANESE, "euc-jp", "euc-jp"), (JAPANESE, "x-euc-jp", "euc-jp")],
    ids=["euc-kr", "euc-jp", "x-euc-jp"],
)
def test_a_korean_or_japanese_page_declared_so_is_read_so_though_its_pairs_read_as_hanzi_too(
    text: str, label: str, codec: str
) -> None:
    body = page(text, f"<meta charset='{label}'>").encode(codec)
    assert body.decode("gb18030", errors="strict")  # the same bytes are valid GB18030 …
    decoded = decode(body)
    assert (decoded.encoding, decoded.source) == (codec, "meta") and text in decoded.text  # … and read as declared
    # a single-byte label over the bytes of a Chinese page is still overruled
    chinese = decode(page(TEXT, "<meta charset='iso-8859-1'>").encode("gbk"))
    assert chinese.encoding == "gb18030" and TEXT in chinese.text


@pytest.mark.parametrize("label", ["undefined", "unicode_escape", "rot13", "base64", "idna"])
def test_a_label_that_names_no_page_encoding_counts_as_no_label(label: str) -> None:
    body = page(TEXT, f"<meta charset='{label}'>").encode("gbk")
    decoded = decode(body)
    assert (decoded.encoding, decoded.source) == ("gb18030", "sniffed") and TEXT in decoded.text
    assert decode(body, {"Content-Type": f"text/html; charset={label}"}).encoding == "gb18030"


def test_an_hz_page_is_read_through_its_escapes() -> None:
    # HZ writes GB2312 in 7-bit ASCII between `~{` and `~}`: its bytes are ASCII, the text is Chinese.
    body = page(TEXT, "<meta charset='hz-gb-2312'>").encode("hz")
    assert body.isascii() and b"~{" in body
    decoded = decode(body)
    assert decoded.encoding == "hz" and TEXT in decoded.text
