"""A compressed body cut short is an errors row, never a document of the part that arrived.

Scrapy's HttpCompressionMiddleware decodes gzip, deflate, br and zstd "as much as possible": a stream that stops
before its end (the connection closed early, a proxy truncated it) is decoded up to the cut and handed on as if
it were the page, so a third of an article becomes a document, or `empty_content`. This subclass decodes with
Scrapy's own decoders (same leniency about CRCs and trailing bytes, same DOWNLOAD_MAXSIZE guard) and then asks
whether each layer reached the end of its stream; one that did not raises `CutShortEncodingError`, which
`crawler/failures.py` makes `fetch` / `bad_content_encoding`.

The check costs nearly nothing: a gzip member ends with the length of its data (ISIZE) and a zlib stream with its
Adler-32, so a decoded body whose trailer matches is complete. Otherwise (several gzip members, raw deflate, a
mismatch) the stream is walked once more without keeping its output. gzip and deflate only, read with the standard
library's zlib: br and zstd bodies (rare on the sites crawled) are handed on as Scrapy decodes them.
An empty body is left alone: a 204, a 304 or a redirect often says `Content-Encoding: gzip` and sends nothing.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware

CHUNK = 1 << 16  # output per step while walking a stream: memory stays flat whatever the body expands to
GZIP_MAGIC = b"\x1f\x8b"


class CutShortEncodingError(ValueError):
    """A body whose Content-Encoding stream stops before its end."""

    def __init__(self, encoding: str, received: int) -> None:
        super().__init__(
            f"the body ends inside its compressed stream ({encoding}, {received} bytes received): cut short"
        )


def _zlib_stream_ends(data: bytes, wbits: int) -> tuple[bool, bytes]:
    """Whether one zlib/gzip/raw-deflate stream at the start of `data` reaches its end, and the bytes after it.
    A stream that is corrupt rather than short is not this check's business (Scrapy already refuses or keeps it)."""
    decompressor = zlib.decompressobj(wbits)
    pending = data
    try:
        while not decompressor.eof:
            out = decompressor.decompress(pending, CHUNK)
            pending = decompressor.unconsumed_tail
            if not out and not pending:
                break  # every byte taken, nothing more to give, no end marker: cut short
    except zlib.error:
        return True, b""
    return decompressor.eof, decompressor.unused_data


def gzip_ends(body: bytes, decoded: bytes) -> bool:
    if len(body) >= 18 and int.from_bytes(body[-4:], "little") == len(decoded) & 0xFFFFFFFF:
        return True  # the last member's ISIZE matches: one member, whole (a false match is one in 2**32)
    rest = body
    while rest[:2] == GZIP_MAGIC:  # members follow one another; anything else after one is trailing bytes
        ended, rest = _zlib_stream_ends(rest, 16 + zlib.MAX_WBITS)
        if not ended:
            return False
    return True


def deflate_ends(body: bytes, decoded: bytes) -> bool:
    zlib_header = len(body) >= 6 and body[0] & 0x0F == 8 and (body[0] << 8 | body[1]) % 31 == 0
    if zlib_header and int.from_bytes(body[-4:], "big") == zlib.adler32(decoded):
        return True
    # Scrapy reads a zlib stream, or raw deflate when that fails (some servers send it): the same two tries.
    try:
        zlib.decompressobj().decompress(body[:CHUNK], 1)
        wbits = zlib.MAX_WBITS
    except zlib.error:
        wbits = -zlib.MAX_WBITS
    return _zlib_stream_ends(body, wbits)[0]


# Content-Encoding token → whether a body in it reached the end of its stream (given what Scrapy decoded).
STREAM_ENDS: dict[bytes, Callable[[bytes, bytes], bool]] = {
    b"gzip": gzip_ends,
    b"x-gzip": gzip_ends,
    b"deflate": deflate_ends,
}


class CompleteStreamCompressionMiddleware(HttpCompressionMiddleware):
    """Scrapy's HttpCompressionMiddleware, refusing a body whose compressed stream was cut short."""

    def _handle_encoding(self, body: bytes, content_encoding: list[bytes], max_size: int) -> tuple[bytes, list[bytes]]:
        # Scrapy's loop over the layers (the last one applied is decoded first), with each layer's end checked.
        to_decode, to_keep = self._split_encodings(content_encoding)
        for encoding in to_decode:
            decoded = self._decode(body, encoding, max_size)
            ends = STREAM_ENDS.get(encoding)
            if body and ends is not None and not ends(body, decoded):
                raise CutShortEncodingError(encoding.decode("latin-1"), len(body))
            body = decoded
        return body, to_keep
