"""Word-level evidence for choosing a lost character: how much more probable a window is as dictionary words
of jieba (`dict.txt`, 349k words with frequencies) when the chosen characters join words with their neighbours
than when each stands alone (`cohesion`, log10, never negative).

The character trigram model sees two characters each side of a slot; a word of the dictionary spanning the
slot (门诊 against 门镇, 驻守 against 遵守) is evidence it weighs only through its counted n-grams. A char that
forms no word with its neighbours (a sentence mark, a rare char) gets 0, so the evidence only ever adds the
joined words, never the frequency of a char alone, which the character model already scored. This
module only scores; it never changes text. The dictionary is loaded lazily, once per process (about 0.5 s).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache

_LONGEST_WORD = 4  # longer dictionary words add nothing to a window of a few characters


@dataclass(frozen=True, slots=True)
class _Dictionary:
    frequencies: dict[str, int]
    log_total: float


@cache
def _dictionary() -> _Dictionary:
    import jieba

    jieba.setLogLevel(60)
    jieba.dt.initialize()
    return _Dictionary(frequencies=jieba.dt.FREQ, log_total=math.log10(jieba.dt.total))


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
