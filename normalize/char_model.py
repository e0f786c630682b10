"""A character trigram language model (Kneser-Ney style) for choosing among repair candidates.

The counts come from `normalize/data/char_model.npz`, built by `python -m normalize.build_char_model`
(sources in `normalize/data/README.md`). Text is scored in folded form (`fold`): simplified script, full-width
ASCII folded, digits → 0, Latin letters → a, so a candidate is judged by its characters, not its script.
The model is loaded lazily, once per process. This module only scores; it never changes text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

BOUNDARY = 0x0A  # start / end of a sentence: the line feed
BITS = 21  # every code point fits in 21 bits
MASK = (1 << BITS) - 1
_DISCOUNT = 0.75


def key2(a: int, b: int) -> int:
    return (a << BITS) | b


def key3(a: int, b: int, c: int) -> int:
    return (((a << BITS) | b) << BITS) | c


@cache
def _fold_char(char: str) -> str:
    code = ord(char)
    if 0xFF01 <= code <= 0xFF5E:
        char = chr(code - 0xFEE0)
    if char.isascii():
        if char.isdigit():
            return "0"
        if char.isalpha():
            return "a"
        return char
    if code < 0x2E80:
        return char
    simplified: str = _t2s().convert(char)
    return simplified if len(simplified) == 1 else char


@cache
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s.json")


@cache
def _ascii_table() -> dict[int, str]:
    table = {code: _fold_char(chr(code)) for code in range(0x21, 0x7F)}
    table.update({code: _fold_char(chr(code)) for code in range(0xFF01, 0xFF5F)})
    return table


def fold(text: str) -> str:
    """`text` in the form the model was counted in (same length, character by character)."""
    folded = text.translate(_ascii_table())
    if folded.isascii():
        return folded
    simplified: str = _t2s().convert(folded)
    # OpenCC may map a phrase to one of another length; fall back to character by character then.
    return simplified if len(simplified) == len(folded) else "".join(map(_fold_char, folded))


def codes(text: str) -> np.ndarray:
    """The folded code points of `text` as the uint64 the model's keys are built from."""
    return np.array([ord(c) for c in fold(text)], dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class CharModel:
    """Interpolated absolute discounting over char trigrams, with a continuation-count unigram (Kneser-Ney)."""

    unigram_keys: np.ndarray  # sorted code points
    unigram_logp: np.ndarray  # log10 continuation probability of each char
    unigram_history: np.ndarray  # how often the char is followed by any char
    unigram_successors: np.ndarray  # by how many distinct chars
    bigram_keys: np.ndarray  # sorted key2
    bigram_counts: np.ndarray
    bigram_history: np.ndarray  # how often the pair is followed by any char
    bigram_successors: np.ndarray  # by how many distinct chars
    trigram_keys: np.ndarray  # sorted key3
    trigram_counts: np.ndarray
    unseen_logp: float

    def score(self, texts: Sequence[str]) -> np.ndarray:
        """log10 probability of each text (context included) from its third char on, scored after `fold`."""
        sequences = [codes(t) for t in texts]
        lengths = np.array([len(c) for c in sequences])
        if lengths.sum() == 0:
            return np.zeros(len(texts))
        a = np.concatenate([c[:-2] if len(c) >= 3 else c[:0] for c in sequences])
        b = np.concatenate([c[1:-1] if len(c) >= 3 else c[:0] for c in sequences])
        c3 = np.concatenate([c[2:] if len(c) >= 3 else c[:0] for c in sequences])
        owners = np.repeat(np.arange(len(texts)), np.maximum(lengths - 2, 0))
        logp = self._trigram_logp(a, b, c3)
        return np.bincount(owners, weights=logp, minlength=len(texts)).astype(np.float64)

    def score_slot(self, left: str, candidates: np.ndarray, right: str) -> np.ndarray:
        """log10 of the trigrams touching each candidate code point (`codes`) between `left` and `right`.

        Equal, up to a constant, to `score([left + c + right])` for each c, without building the strings.
        """
        before, after = codes(left)[-2:], codes(right)[:2]
        total = np.zeros(len(candidates))
        ones = np.ones(len(candidates), dtype=np.uint64)
        if len(before) == 2:
            total += self._trigram_logp(ones * before[0], ones * before[1], candidates)
        if len(before) >= 1 and len(after) >= 1:
            total += self._trigram_logp(ones * before[-1], candidates, ones * after[0])
        if len(after) == 2:
            total += self._trigram_logp(candidates, ones * after[0], ones * after[1])
        return total

    @staticmethod
    def _find(keys: np.ndarray, table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        index = np.minimum(np.searchsorted(table, keys), len(table) - 1)
        return index, table[index] == keys

    def _trigram_logp(self, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
        shift = np.uint64(BITS)
        k_ab = (a << shift) | b
        k_bc = (b << shift) | c
        k_abc = (k_ab << shift) | c
        # P1: continuation probability of c.
        i_c, has_c = self._find(c, self.unigram_keys)
        p1 = np.where(has_c, 10.0 ** self.unigram_logp[i_c], 10.0**self.unseen_logp)
        # P2(c | b) = max(n(bc) - D, 0) / n(b.) + D N(b.) / n(b.) P1, or P1 for an unseen history.
        i_b, has_b = self._find(b, self.unigram_keys)
        n_b = np.where(has_b, self.unigram_history[i_b], 0).astype(np.float64)
        s_b = np.where(has_b, self.unigram_successors[i_b], 0).astype(np.float64)
        i_bc, has_bc = self._find(k_bc, self.bigram_keys)
        n_bc = np.where(has_bc, self.bigram_counts[i_bc], 0).astype(np.float64)
        seen_b = n_b > 0
        safe_b = np.where(seen_b, n_b, 1.0)
        p2 = np.where(seen_b, np.maximum(n_bc - _DISCOUNT, 0) / safe_b + _DISCOUNT * s_b / safe_b * p1, p1)
        # P3(c | a b), the same over P2.
        i_ab, has_ab = self._find(k_ab, self.bigram_keys)
        n_ab = np.where(has_ab, self.bigram_history[i_ab], 0).astype(np.float64)
        s_ab = np.where(has_ab, self.bigram_successors[i_ab], 0).astype(np.float64)
        i_abc, has_abc = self._find(k_abc, self.trigram_keys)
        n_abc = np.where(has_abc, self.trigram_counts[i_abc], 0).astype(np.float64)
        seen_ab = n_ab > 0
        safe_ab = np.where(seen_ab, n_ab, 1.0)
        p3 = np.where(seen_ab, np.maximum(n_abc - _DISCOUNT, 0) / safe_ab + _DISCOUNT * s_ab / safe_ab * p2, p2)
        return np.log10(p3)


@cache
def load() -> CharModel:
    """The shipped model (loaded on first use)."""
    with resources.files("normalize").joinpath("data", "char_model.npz").open("rb") as handle:
        data = np.load(handle)
        predecessors = data["unigram_predecessors"].astype(np.float64) + 0.5
        total = predecessors.sum()
        return CharModel(
            unigram_keys=data["unigram_keys"],
            unigram_logp=np.log10(predecessors / total),
            unigram_history=data["unigram_history"],
            unigram_successors=data["unigram_successors"],
            bigram_keys=data["bigram_keys"],
            bigram_counts=data["bigram_counts"],
            bigram_history=data["bigram_history"],
            bigram_successors=data["bigram_successors"],
            trigram_keys=data["trigram_keys"],
            trigram_counts=data["trigram_counts"],
            unseen_logp=math.log10(0.5 / total),
        )
