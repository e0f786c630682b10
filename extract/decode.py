"""bytes + headers → str: the declared charset is checked against the bytes, never trusted alone.

Order of evidence (the first that holds wins, and `Decoded.source` says which):
  1. a byte-order mark (``bom``): it beats any declaration, as in browsers;
  2. valid UTF-8 with non-ASCII bytes: real GBK/Big5 text is almost never valid UTF-8, so a page that
     declares gb2312 but is UTF-8 (common in re-saved pages) is read as UTF-8 (``header``/``meta`` when
     declared so, else ``sniffed``);
  3. the HTTP ``Content-Type`` charset (``header``), then ``<meta charset>``/http-equiv or the XML
     declaration (``meta``), each only if it decodes the bytes strictly into plausible text;
  4. trial decodes of the CJK legacy codecs scored by how common their ideographs are (``sniffed``); a
     reading whose ideographs mostly stand alone between ASCII is a Western page's sparse high bytes
     (UTF-8 no-break spaces, cp1252 quotes), never Chinese — it is not a candidate;
  5. bytes that are mostly well-formed UTF-8 with a few stray bytes stay UTF-8 (``fallback``); else
     charset-normalizer, then the least-damaged lossy decode (``fallback``); lone high bytes between ASCII
     try windows-1252 first, as browsers do for an undeclared Western page.

Label mapping: gb2312/gbk/cp936 → gb18030 (its superset), big5/cp950 → big5hkscs, latin-1/ascii → cp1252.
May: choose a codec other than the declared one. Must never: return text decoded with a codec that
failed on most of the bytes — binary garbage raises `StageError("undecodable", ...)`.
"""

from __future__ import annotations

import codecs
import functools
import itertools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from extract.errors import StageError


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the codec that won, e.g. gb18030, big5hkscs, utf-8
    source: str  # why: bom | header | meta | sniffed | fallback
    confidence: float


# Superset codecs: decoding with the superset never loses a character the declared label could encode.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "ascii": "cp1252",
    "utf_8_sig": "utf-8",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CJK_LEGACY = ("gb18030", "big5hkscs")
_SNIFF_BYTES = 16384
_META_CHARSET = re.compile(rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
# Below this share of common ideographs a CJK decode is taken for mojibake.
_PLAUSIBLE = 0.6
# Above this share of undecodable or control characters the body is not text.
_GARBAGE = 0.2


def decode(body: bytes, headers: Mapping[str, str] | None = None) -> Decoded:
    """Decode a page body; `headers` may use any key case and str/bytes/list values (Scrapy style)."""
    if not body:
        return Decoded("", "utf-8", "fallback", 1.0)
    for bom, codec in _BOMS:
        if body.startswith(bom):
            text, bad = _lossy(body[len(bom) :], codec)
            return Decoded(text, codec, "bom", 1.0 if bad == 0 else 0.8)

    declared = [
        (label, source)
        for label, source in ((_header_charset(headers), "header"), (_meta_charset(body), "meta"))
        if label
    ]
    utf8 = _strict(body, "utf-8")
    if utf8 is not None and not utf8.isascii() and not _scores_ideographs(utf8):
        # Short GBK runs can be valid UTF-8 by accident (一 = D2 BB = Cyrillic һ): no ideograph at all in the
        # UTF-8 reading, and real Chinese in the GB reading, means the bytes are GB.
        sniffed = _better_cjk(body)
        if sniffed is not None:
            return Decoded(sniffed[1], sniffed[0], "sniffed", round(sniffed[2], 3))
    if utf8 is not None:
        source = next((src for codec, src in declared if codec == "utf-8"), "sniffed")
        if utf8.isascii() and declared:
            codec, source = declared[0]
            return Decoded(body.decode(codec, errors="replace"), codec, source, 1.0)
        return Decoded(utf8, "utf-8", source, 1.0 if source != "sniffed" else 0.99)

    for codec, source in declared:
        if codec == "utf-8" or _is_utf16(codec):
            continue
        declared_text = _strict(body, codec)
        if declared_text is None:
            continue
        score = _cjk_plausibility(declared_text)
        if codec in _CJK_LEGACY and score is not None and score < _PLAUSIBLE:
            continue
        if codec not in _CJK_LEGACY and codec not in _OTHER_MULTIBYTE and _better_cjk(body) is not None:
            break  # a single-byte label over bytes that read as real Chinese: old sites do this
        return Decoded(declared_text, codec, source, 0.99)

    sniffed = _better_cjk(body) or _best_strict_cjk(body)
    if sniffed is not None:
        codec, text, score = sniffed
        return Decoded(text, codec, "sniffed", round(score, 3))
    for cut in (1, 2, 3):  # a body cut off inside a multi-byte character
        for codec in dict.fromkeys([*(c for c, _ in declared), "utf-8", *_CJK_LEGACY]):
            head = _strict(body[:-cut], codec)
            if head is None or (codec != "utf-8" and _isolated_ideographs(head)):
                continue
            if codec == "utf-8" or (_cjk_plausibility(head) or 1.0) >= _PLAUSIBLE:
                return Decoded(head + "\ufffd", codec, "sniffed", 0.9)
    nul_codec = _utf16_without_bom(body)
    if nul_codec is not None:
        text, bad = _lossy(body, nul_codec)
        if _damage(text, bad) < _GARBAGE:
            return Decoded(text, nul_codec, "sniffed", 0.7)
    return _fallback(body, [codec for codec, _ in declared])


# WHATWG Encoding labels that Python's codec registry does not know.
_WEB_LABELS = {
    "x-gbk": "gbk", "gb_2312-80": "gb2312", "csgb2312": "gb2312", "chinese": "gb2312", "iso-ir-58": "gb2312",
    "csiso58gb231280": "gb2312", "x-x-big5": "big5", "cn-big5": "big5", "csbig5": "big5", "x-euc-tw": "big5",
    "unicode-1-1-utf-8": "utf-8", "unicode20utf8": "utf-8", "x-unicode20utf8": "utf-8", "x-sjis": "shift_jis",
    "windows-31j": "cp932", "ms932": "cp932", "x-euc-jp": "euc_jp", "windows-874": "cp874", "dos-874": "cp874",
    "x-mac-cyrillic": "mac_cyrillic", "x-mac-ukrainian": "mac_cyrillic", "iso-8859-8-i": "iso8859_8",
    "windows-949": "cp949",
}  # fmt: skip


# The encodings of the WHATWG Encoding Standard, as Python's codec registry names them: a label naming any other
# codec (`undefined`, `unicode_escape`, `rot13`, `base64`…) is no page encoding and counts as no label.
_WEB_ENCODINGS = frozenset({
    "utf_8", "utf_16_le", "utf_16_be", "utf_16", "cp866", "koi8_r", "koi8_u", "mac_roman", "mac_cyrillic", "cp874",
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    *(f"iso8859_{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)), "latin_1", "ascii", "utf_8_sig",
    "gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950", "cp936",
    "euc_jp", "euc_jis_2004", "shift_jis", "cp932", "iso2022_jp", "euc_kr", "cp949",
})  # fmt: skip
# Multi-byte codecs of other scripts: a page that declares one and decodes strictly under it is read so, although
# its byte pairs may also read as ideographs (EUC-KR's Hangul, EUC-JP's kana are GB18030 pairs too).
_OTHER_MULTIBYTE = frozenset({"euc-jp", "euc-jis-2004", "shift-jis", "cp932", "iso2022-jp", "euc-kr", "cp949"})


def _normalize_label(label: str | bytes | None) -> str | None:
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", errors="ignore")
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(_WEB_LABELS.get(label, label)).name
    except LookupError:
        return None
    name = name.replace("-", "_")
    if name not in _WEB_ENCODINGS:
        return None
    codec = _SUPERSETS.get(name, name)
    return codec.replace("_", "-")


def _header_value(headers: Mapping[str, str] | None, key: str) -> str | None:
    if not headers:
        return None
    for name, value in headers.items():
        name_text = name.decode("latin-1") if isinstance(name, bytes) else str(name)
        if name_text.lower() != key:
            continue
        if isinstance(value, list | tuple):
            value = value[0] if value else ""
        return value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return None


def _header_charset(headers: Mapping[str, str] | None) -> str | None:
    value = _header_value(headers, "content-type")
    match = _HEADER_CHARSET.search(value or "")
    return _normalize_label(match.group(1)) if match else None


def _meta_charset(body: bytes) -> str | None:
    head = body[:_SNIFF_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return _normalize_label(match.group(1)) if match else None


def _is_utf16(codec: str) -> bool:
    # A <meta> cannot honestly declare UTF-16/32: the parser could not have read it (WHATWG says use UTF-8).
    return codec.startswith(("utf-16", "utf-32"))


def _strict(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _lossy(body: bytes, codec: str) -> tuple[str, int]:
    text = body.decode(codec, errors="replace")
    return text, text.count("\ufffd")


@functools.cache
def _common_ideographs() -> frozenset[str]:
    """The frequent hanzi: GB2312 level 1 (3755 simplified) and Big5 level 1 (5401 traditional).

    Text decoded with the wrong CJK codec lands mostly outside these sets (rare level-2 characters,
    private-use code points), so the share of ideographs inside them tells real text from mojibake.
    """
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            chars.update(bytes((lead, trail)).decode("gb2312", errors="ignore"))
    for lead in range(0xA4, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            chars.update(bytes((lead, trail)).decode("big5", errors="ignore"))
    return frozenset(chars)


# Ideographs (BMP, compatibility, supplementary planes) and private-use code points (where GBK user areas land).
_CJK_OR_PRIVATE = re.compile("[\u3400-\u9fff\ue000-\uf8ff\uf900-\ufaff\U00020000-\U0003ffff]")
_PLAUSIBILITY_SAMPLE = 4000


_NOT_CJK_OR_PRIVATE = re.compile("[^\u3400-\u9fff\ue000-\uf8ff\uf900-\ufaff\U00020000-\U0003ffff]+")
_PLAUSIBILITY_SPAN = 200_000  # characters of a page looked at
_FEWEST_SCORED = 8  # ideographs in the span below which there is no score


def _cjk_plausibility(text: str) -> float | None:
    """Share of ideographs (and private-use code points) that are common hanzi; None when there are few.

    The sample is the first `_PLAUSIBILITY_SAMPLE` ideographs of the first `_PLAUSIBILITY_SPAN` characters,
    taken by deleting the runs between them (one regex step a run, not a match object an ideograph) and
    counted by deleting the common ones (`str.translate`): about three times faster than finding each one.
    """
    sample = _NOT_CJK_OR_PRIVATE.sub("", text[:_PLAUSIBILITY_SPAN])[:_PLAUSIBILITY_SAMPLE]
    if len(sample) < _FEWEST_SCORED:
        return None
    return (len(sample) - len(sample.translate(_common_ideographs_deleted()))) / len(sample)


def _scores_ideographs(text: str) -> bool:
    """`_cjk_plausibility(text) is not None`: the span holds enough ideographs for a score. Found by a search that
    stops at the last one needed (near the top of a Chinese page), not by sampling the whole span."""
    found = _CJK_OR_PRIVATE.finditer(text, 0, _PLAUSIBILITY_SPAN)
    return next(itertools.islice(found, _FEWEST_SCORED - 1, None), None) is not None


@functools.cache
def _common_ideographs_deleted() -> dict[int, None]:
    """`str.translate` table deleting the common hanzi: what it leaves of a sample is the rare ones."""
    return dict.fromkeys(map(ord, _common_ideographs()))


def _isolated_ideographs(text: str) -> bool:
    """Most ideographs of the reading stand alone between ASCII: sparse high bytes, not Chinese text.

    Chinese is written in runs of hanzi; a Western page's few high bytes (UTF-8 no-break spaces C2 A0,
    cp1252 curly quotes or accented letters before a letter) also pair up into "valid" GB/Big5 characters,
    but each pair sits alone among ASCII letters, where no Chinese writer puts a single hanzi.
    """
    positions = [match.start() for match in _CJK_OR_PRIVATE.finditer(text, 0, 200_000)][:_PLAUSIBILITY_SAMPLE]
    if not positions:
        return False
    taken = set(positions)
    alone = sum(1 for at in positions if at - 1 not in taken and at + 1 not in taken)
    return alone * 2 > len(positions)


def _best_strict_cjk(body: bytes) -> tuple[str, str, float] | None:
    best: tuple[str, str, float] | None = None
    for codec in _CJK_LEGACY:
        text = _strict(body, codec)
        if text is None or _isolated_ideographs(text):
            continue
        score = _cjk_plausibility(text)
        score = 0.9 if score is None else score
        if score >= _PLAUSIBLE and (best is None or score > best[2]):
            best = (codec, text, score)
    return best


def _better_cjk(body: bytes) -> tuple[str, str, float] | None:
    """A CJK legacy decode that is clearly real Chinese (used to overrule single-byte labels)."""
    best = _best_strict_cjk(body)
    if best is None or _cjk_plausibility(best[1]) is None or best[2] < 0.85:
        return None
    return best


def _utf16_without_bom(body: bytes) -> str | None:
    sample = body[:4096]
    if sample.count(0) < len(sample) // 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    return "utf-16-be" if even_nuls > odd_nuls else "utf-16-le"


def _damage(text: str, bad: int) -> float:
    """Share of the text that is replacement or control characters (tab/newline excepted)."""
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ch not in "\t\n\r\f" and unicodedata.category(ch) in ("Cc", "Cs", "Co"))
    return (bad + controls) / len(text)


_HIGH_BYTE_RUN = re.compile(rb"[\x80-\xff]+")


def _lone_high_bytes(body: bytes) -> bool:
    """Most non-ASCII bytes stand alone between ASCII bytes, as single-byte Latin letters and quotes do.

    Greek, Cyrillic, Chinese or UTF-8 text puts its high bytes in runs of two or more.
    """
    runs = [len(run) for run in _HIGH_BYTE_RUN.findall(body, 0, 200_000)]
    return bool(runs) and runs.count(1) * 2 > sum(runs)


# A well-formed UTF-8 sequence of two to four bytes (no overlong forms, no surrogates).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_UTF8_SHARE = 0.8  # of the high bytes, in well-formed sequences: real GBK pages reach 0.35 by accident
_UTF8_MIN_SEQUENCES = 8


def _mostly_utf8(body: bytes) -> bool:
    """Most high bytes form well-formed UTF-8 sequences: a UTF-8 page with a few stray bytes (a legacy-encoded
    snippet pasted in, a cut character). Text of a single-byte or CJK legacy codec forms such sequences only by
    accident, for a small share of its high bytes."""
    sample = body[:200_000]
    high = sum(len(run) for run in _HIGH_BYTE_RUN.findall(sample))
    sequences = _UTF8_SEQUENCE.findall(sample)
    return len(sequences) >= _UTF8_MIN_SEQUENCES and sum(map(len, sequences)) >= _UTF8_SHARE * high


def _fallback(body: bytes, declared: list[str]) -> Decoded:
    """No codec decodes the bytes strictly: mixed or truncated bytes, or not text at all."""
    if _mostly_utf8(body):
        # A detector or a single-byte codec reads every byte as some letter, so it would win on damage alone and
        # misread every accented letter or hanzi of the page to spare a few stray bytes.
        text, bad = _lossy(body, "utf-8")
        damage = _damage(text, bad)
        if damage < _GARBAGE:
            return Decoded(text, "utf-8", "fallback", round(max(0.0, 1.0 - damage * 5), 3))
    candidates: list[str] = []
    try:
        from charset_normalizer import from_bytes

        guess = from_bytes(body[:200_000]).best()
        if guess is not None:
            label = _normalize_label(guess.encoding)
            if label:
                candidates.append(label)
    except Exception:  # the detector is advice only; a failure must not sink the page
        pass
    if _lone_high_bytes(body):
        # Accented letters and typographic quotes in Latin text: windows-1252 is what browsers assume for an
        # undeclared Western page; a detector's cp1250/iso-8859-x guess reads the same bytes as other letters.
        candidates.insert(0, "cp1252")
    for codec in [*declared, "utf-8", *_CJK_LEGACY]:
        if codec not in candidates:
            candidates.append(codec)
    scored = []
    for rank, codec in enumerate(candidates):
        try:
            text, bad = _lossy(body, codec)
        except LookupError:
            continue
        plausibility = _cjk_plausibility(text)
        # A decode that reads as real Chinese beats a slightly less damaged single-byte one (GBK bytes
        # are almost all "valid" cp1252); then least damage; then the detector's preference.
        chinese = plausibility is not None and plausibility >= _PLAUSIBLE and not _isolated_ideographs(text)
        scored.append((not chinese, round(_damage(text, bad), 4), rank, codec, text))
    _, damage, _, codec, text = min(scored)
    if damage >= _GARBAGE:
        raise StageError("undecodable", f"no text encoding fits the body ({damage:.0%} undecodable with {codec})")
    return Decoded(text, codec, "fallback", round(max(0.0, 1.0 - damage * 5), 3))
