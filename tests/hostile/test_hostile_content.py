"""Pages whose text would silently vanish are errors rows: empty, binary or undecodable pages never become a
document marked ok. A real page next to them still becomes its document."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.pipeline import process_page
from tests.hostile.conftest import GUIDE_TEXT, errors_by_source, guide_page, guidecrawl, rows

UTF8 = {"Content-Type": "text/html; charset=utf-8"}


def mixed_encoding_page(gbk_share: int) -> bytes:
    """Declared UTF-8; one paragraph of `gbk_share` copies of the guide text saved in GBK (a pasted fragment)."""
    return (
        b"<html><head><meta charset='utf-8'><title>\xe5\x8c\xbb\xe4\xbf\x9d</title></head><body><div><p>"
        + (GUIDE_TEXT * 6).encode()
        + b"</p><p>"
        + (GUIDE_TEXT * gbk_share).encode("gbk")
        + b"</p></div></body></html>"
    )


def errors(body: bytes, headers: dict[str, str] | None = None) -> list[tuple[str, str]]:
    result = process_page(body, headers or UTF8, "http://127.0.0.1/page.html")
    assert (result.document is None) == bool(result.errors), "an errors row or a document, never both or none"
    return [(e.stage, e.error) for e in result.errors]


# -- empty ------------------------------------------------------------------------------------------------------


def test_an_empty_file_is_empty_content() -> None:
    assert errors(b"") == [("content", "empty_content")]


def test_a_page_of_scripts_and_markup_only_is_empty_content() -> None:
    body = b"<html><head><script>var a = 1;</script></head><body><script>document.write(a)</script></body></html>"
    assert errors(body) == [("content", "empty_content")]


def test_whitespace_only_body_is_empty_content() -> None:
    assert errors(b"<html><body>\n\t \xe3\x80\x80 </body></html>") == [("content", "empty_content")]


# -- binary -----------------------------------------------------------------------------------------------------


def test_every_byte_value_saved_as_html_is_binary_content() -> None:
    assert errors(bytes(range(256)) * 40, {}) == [("decode", "binary_content")]


def test_a_png_served_as_text_html_is_binary_content() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    assert errors(png, {"Content-Type": "text/html"}) == [("decode", "binary_content")]


@pytest.mark.parametrize(
    ("body", "named"),
    [
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" * 40, "a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml" + b"<w:t>text</w:t>" * 40, "a ZIP archive"),
        (b"\x1f\x8b\x08\x00" + b"<html><body>compressed</body></html>", "gzip-compressed bytes"),
        (b"\n{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Hello}" * 10, "an RTF document"),
    ],
)
def test_a_file_of_another_format_is_named_in_its_errors_row(body: bytes, named: str) -> None:
    result = process_page(body, {"Content-Type": "text/html"}, "http://127.0.0.1/page.html")
    assert [(e.stage, e.error) for e in result.errors] == [("decode", "binary_content")]
    assert named in result.errors[0].message


def test_a_page_that_mentions_a_pdf_is_still_a_document() -> None:
    body = guide_page().replace(b"<h1>", b"<h1>%PDF-1.4 ", 1)
    assert errors(body) == []


def test_a_page_with_one_stray_control_character_is_still_a_document() -> None:
    body = guide_page().replace(b"</p>", b"\x07</p>", 1)
    assert errors(body) == []


@pytest.mark.parametrize("control", ["\x01", "\x0b", "\x0c", "\x1f", "\ufffe"])
def test_a_control_character_next_to_a_dropped_script_keeps_the_page(control: str) -> None:
    # Dropping the script moves its tail, which holds the character, into the parent's text.
    body = guide_page().replace(b"<h1>", b"<script>var a = 1;</script>" + control.encode() + b"<h1>", 1)
    result = process_page(body, UTF8, "http://127.0.0.1/page.html")
    assert result.errors == []
    assert result.text.count(GUIDE_TEXT) == 2
    assert control not in result.text


# -- undecodable ------------------------------------------------------------------------------------------------


def test_a_utf8_page_with_a_gbk_paragraph_is_undecodable() -> None:
    result = process_page(mixed_encoding_page(1), UTF8, "http://127.0.0.1/mixed.html")
    assert [(e.stage, e.error) for e in result.errors] == [("decode", "undecodable")]
    assert "U+FFFD" in result.errors[0].message
    assert result.document is None


def test_a_page_with_one_unreadable_character_is_still_a_document() -> None:
    body = guide_page(GUIDE_TEXT.replace("报销", "@@", 1)).replace(b"@@", b"\xff\xfe", 1)
    result = process_page(body, UTF8, "http://127.0.0.1/ok.html")
    assert result.ok
    assert "\ufffd" in result.text


def test_a_clean_page_is_a_document_marked_ok() -> None:
    result = process_page(guide_page(), UTF8, "http://127.0.0.1/ok.html")
    assert result.ok
    assert GUIDE_TEXT in result.text


# -- through `guidecrawl extract` -------------------------------------------------------------------------------


def test_extract_gives_each_bad_page_its_errors_row_and_keeps_the_good_one(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "empty.html").write_bytes(b"")
    (pages / "binary.html").write_bytes(bytes(range(256)) * 40)
    (pages / "mixed.html").write_bytes(mixed_encoding_page(1))
    (pages / "good.html").write_bytes(guide_page())
    done = guidecrawl("extract", pages, "--out", tmp_path / "out", "--format", "parquet")
    assert done.returncode == 0, done.stderr
    found = {Path(source).name: error for source, (error, _) in errors_by_source(tmp_path / "out").items()}
    assert found == {"empty.html": "empty_content", "binary.html": "binary_content", "mixed.html": "undecodable"}
    documents = rows(tmp_path / "out", "documents")
    assert [Path(d["source"]).name for d in documents] == ["good.html"]
    assert documents[0]["ok"] is True
