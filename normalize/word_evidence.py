"""Word-level evidence for choosing a lost character: how much more probable a window is as dictionary words
of jieba (`dict.txt`, 349k words with frequencies) when the chosen characters join words with their neighbours
than when each stands alone (`cohesion`, log10, never negative).

The character trigram model sees two characters each side of a slot; a word of the dictionary spanning the
slot (门诊 against 门镇, 驻守 against 遵守) is evidence it weighs only through its counted n-grams. A char that
forms no word with its neighbours (a sentence mark, a rare char) gets 0, so the evidence only ever adds the
joined words, never the frequency of a char alone, which the character model already scored. This
module only scores; it never changes text.

The dictionary is loaded lazily, once per process. Its table (the words and word prefixes of up to four characters,
with their frequencies: what `segmentation_logp` looks up) is derived from `dict.txt` once per machine and kept in
the user's array cache (`normalize.array_cache`); a process builds its lookup table from the mapped arrays
(≈ 0.2 s) instead of importing jieba and loading its whole prefix dictionary (≈ 0.65 s), which matters in every
extraction worker of a crawl that meets damaged text.
"""

from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from normalize.array_cache import derived_arrays

_LONGEST_WORD = 4  # longer dictionary words add nothing to a window of a few characters
DICTIONARY_VERSION = 1  # of `derive_table`: a change to it must bump this (the cache keys on it)


@dataclass(frozen=True, slots=True)
class _Dictionary:
    frequencies: dict[str, int]
    log_total: float


def jieba_dictionary_file() -> Path:
    """jieba's `dict.txt`, found without importing jieba (its import alone costs ≈ 0.1 s)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed: the mojibake repair reads its dict.txt")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def derive_table(source: bytes) -> dict[str, np.ndarray]:
    """The part of jieba's prefix dictionary that windows of a few characters reach, from the bytes of its
    `dict.txt` (`word frequency [tag]` a line): every word and every word prefix of up to `_LONGEST_WORD` characters
    (a prefix that is no word of its own has frequency 0, as in jieba's table; a word listed twice keeps its last
    frequency), and the total of all frequencies, longer words included, as jieba sums them."""
    frequencies: dict[str, int] = {}
    total = 0
    for line in source.decode("utf-8").splitlines():
        if not line.strip():
            continue
        word, frequency = line.strip().split(" ")[:2]
        count = int(frequency)
        total += count
        if len(word) <= _LONGEST_WORD:
            frequencies[word] = count
        for end in range(1, min(len(word), _LONGEST_WORD + 1)):
            frequencies.setdefault(word[:end], 0)
    return {
        "words": np.array(list(frequencies), dtype=f"<U{_LONGEST_WORD}"),
        "frequencies": np.fromiter(frequencies.values(), dtype=np.int64, count=len(frequencies)),
        "total": np.array([total], dtype=np.int64),
    }


@cache
def _dictionary() -> _Dictionary:
    table = derived_arrays(
        "word_dictionary",
        jieba_dictionary_file().read_bytes(),
        DICTIONARY_VERSION,
        derive_table,
        ("words", "frequencies", "total"),
    )
    frequencies = dict(zip(table["words"].tolist(), table["frequencies"].tolist(), strict=True))
    return _Dictionary(frequencies=frequencies, log_total=math.log10(int(table["total"][0])))


@lru_cache(maxsize=1 << 16)
def segmentation_logp(text: str) -> float:
    """log10 probability of the most probable split of `text` into dictionary words (an unknown char counts
    as a word of frequency 1), the unigram word model jieba segments with."""
    dictionary = _dictionary()
    frequencies, log_total = dictionary.frequencies, dictionary.log_total
    unknown = -log_total
    best = [0.0] + [-math.inf] * len(text)
    for start in range(len(text)):
        base = best[start]
        if base + unknown > best[start + 1]:
            best[start + 1] = base + unknown
        # jieba's table holds every prefix of a word (frequency 0), so a miss ends the words from `start`.
        for end in range(start + 1, min(len(text), start + _LONGEST_WORD) + 1):
            frequency = frequencies.get(text[start:end])
            if frequency is None:
                break
            if frequency > 0:
                score = base + math.log10(frequency) - log_total
                if score > best[end]:
                    best[end] = score
    return best[-1]


def cohesion(left: str, middle: str, right: str) -> float:
    """log10 gain of segmenting `left + middle + right` as a whole over `left`, `right` and each char of
    `middle` apart (the context strings are segmented on their own in both)."""
    apart = segmentation_logp(left) + segmentation_logp(right) + sum(map(segmentation_logp, middle))
    return segmentation_logp(left + middle + right) - apart
