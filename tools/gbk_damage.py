"""The GBK-one-byte-off damage, simulated: for tests and the accuracy benchmark, never used by normalize().

`damage(text, start, length)` does to `text` what happened to seed 000: full-width punctuation, encoded as GBK,
decoded from one byte past the lead byte of character `start`, misaligned for `length` byte pairs or until a
lone trail byte resynchronises it, then full-width ASCII folded back to ASCII.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

_FOLDABLE = range(0x21, 0x7F)


def _unfold(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if ord(c) in _FOLDABLE and not c.isalnum() else c for c in text)


def _fold(text: str) -> str:
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)


def damage(text: str, start: int, length: int) -> str | None:
    """`text` with the run damaged from char `start` (a two-byte char); None if it cannot be damaged there."""
    wide = _unfold(text)
    try:
        encoded = [c.encode("gbk") for c in wide]
    except UnicodeEncodeError:
        return None
    if len(encoded[start]) != 2:
        return None
    data = b"".join(encoded)
    position = sum(len(e) for e in encoded[:start]) + 1
    out = [b"".join(encoded[:start]).decode("gbk"), "?"]
    pairs = 0
    while position < len(data):
        byte = data[position]
        if byte < 0x80:
            out.append(chr(byte))
            position += 1
            break
        if byte == 0x80:
            out.append("€")
            position += 1
            break
        if pairs >= length or position + 1 >= len(data):
            out.append("?")  # the chunk ended on this byte: an orphan
            position += 1
            break
        pair = data[position : position + 2]
        try:
            out.append(pair.decode("gb18030"))
        except UnicodeDecodeError:
            out.append("?")
            position += 1
            break
        position += 2
        pairs += 1
    out.append(data[position:].decode("gbk", errors="replace"))
    return _fold("".join(out))


def damaged_sentences(sentences: list[str], seed: int = 0) -> Iterator[tuple[str, str]]:
    """(clean, damaged) pairs: each sentence damaged once at a random two-byte char, 2-12 pairs long."""
    rng = random.Random(seed)
    for sentence in sentences:
        starts = [i for i, c in enumerate(sentence[:-1]) if ord(c) > 0x7F]
        if not starts:
            continue
        damaged = damage(sentence, rng.choice(starts), rng.randint(2, 12))
        if damaged is not None and damaged != _fold(sentence):
            yield _fold(sentence), damaged
