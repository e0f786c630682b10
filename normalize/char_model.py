"""A character trigram language model (Kneser-Ney style) for choosing among repair candidates.

The counts come from `normalize/data/char_model.npz`, built by `python -m tools.build_char_model`
(sources in `normalize/data/README.md`). Text is scored in folded form (`fold`): simplified script, full-width
ASCII folded, digits → 0, Latin letters → a, so a candidate is judged by its characters, not its script.
The model is loaded lazily, once per process, through the array cache (`normalize.array_cache`: derived once per
user, then memory-mapped). This module only scores; it never changes text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from importlib import resources

import numpy as np

from normalize.array_cache import derived_arrays

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
    if len(text) <= 8:
        return _short_codes(text)  # contexts and candidate slots repeat: convert each once
    return np.array([ord(c) for c in fold(text)], dtype=np.uint64)


@lru_cache(maxsize=1 << 16)
def _short_codes(text: str) -> np.ndarray:
    array = np.array([ord(c) for c in fold(text)], dtype=np.uint64)
    array.setflags(write=False)
    return array


_DENSE = 0x10000  # unigram tables are dense over the BMP; the last slot stands for every other code point


@dataclass(frozen=True, slots=True)
class CharModel:
    """Interpolated absolute discounting over char trigrams with a continuation-count unigram (Kneser-Ney):

        P(c | a b) = alpha(a b c) + gamma(a b) P(c | b),  P(c | b) = alpha(b c) + gamma(b) P(c)

    with alpha = max(n - D, 0) / n(history ·) and gamma = D N(history ·) / n(history ·) (1 for an unseen
    history), all precomputed when the model is loaded.
    """

    unigram_p: np.ndarray  # P(c), dense by code point
    unigram_gamma: np.ndarray  # gamma(b), dense by code point
    bigram_keys: np.ndarray  # sorted key2
    bigram_alpha: np.ndarray  # alpha(b c)
    bigram_gamma: np.ndarray  # gamma(a b) as a trigram history
    trigram_keys: np.ndarray  # sorted key3
    trigram_alpha: np.ndarray  # alpha(a b c)

    def known(self, char: str) -> bool:
        """Whether the model saw `char` (after folding) in its text."""
        code = min(ord(fold(char)), _DENSE)
        return bool(self.unigram_p[code] > self.unigram_p[_DENSE])

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
        ones = np.ones(len(candidates), dtype=np.uint64)
        triples = []  # the (a, b, c) of each trigram touching the slot, scored in one lookup
        if len(before) == 2:
            triples.append((ones * before[0], ones * before[1], candidates))
        if len(before) >= 1 and len(after) >= 1:
            triples.append((ones * before[-1], candidates, ones * after[0]))
        if len(after) == 2:
            triples.append((candidates, ones * after[0], ones * after[1]))
        if not triples:
            return np.zeros(len(candidates))
        a, b, c = (np.concatenate(parts) for parts in zip(*triples, strict=True))
        return self._trigram_logp(a, b, c).reshape(len(triples), len(candidates)).sum(axis=0)

    def score_slots(self, lefts: Sequence[str], candidates: np.ndarray, right: str) -> np.ndarray:
        """`score_slot` for several left contexts at once: a (len(lefts), len(candidates)) array."""
        rows, width = len(lefts), len(candidates)
        before = [codes(left)[-2:] for left in lefts]
        if any(len(b) < 2 for b in before):
            return np.stack([self.score_slot(left, candidates, right) for left in lefts])
        after = codes(right)[:2]
        first = np.repeat(np.array([b[0] for b in before], dtype=np.uint64), width)
        second = np.repeat(np.array([b[1] for b in before], dtype=np.uint64), width)
        tiled = np.tile(candidates, rows)
        ones = np.ones(rows * width, dtype=np.uint64)
        triples = [(first, second, tiled)]
        if len(after) >= 1:
            triples.append((second, tiled, ones * after[0]))
        if len(after) == 2:
            triples.append((tiled, ones * after[0], ones * after[1]))
        a, b, c = (np.concatenate(parts) for parts in zip(*triples, strict=True))
        return self._trigram_logp(a, b, c).reshape(len(triples), rows * width).sum(axis=0).reshape(rows, width)

    @staticmethod
    def _find(keys: np.ndarray, table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if len(keys) > 64:
            # Binary search is about twice as fast over sorted queries (the table stays in cache).
            order = np.argsort(keys, kind="stable")
            index = np.empty(len(keys), dtype=np.intp)
            index[order] = np.searchsorted(table, keys[order])
        else:
            index = np.searchsorted(table, keys)
        index = np.minimum(index, len(table) - 1)
        return index, table[index] == keys

    def _trigram_logp(self, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
        shift = np.uint64(BITS)
        k_ab = (a << shift) | b
        k_bc = (b << shift) | c
        dense = np.uint64(_DENSE)
        p = self.unigram_p[np.minimum(c, dense)]
        i_bc, found = self._find(k_bc, self.bigram_keys)
        p = np.where(found, self.bigram_alpha[i_bc], 0.0) + self.unigram_gamma[np.minimum(b, dense)] * p
        i_ab, found = self._find(k_ab, self.bigram_keys)
        gamma = np.where(found, self.bigram_gamma[i_ab], 1.0)
        i_abc, found = self._find((k_ab << shift) | c, self.trigram_keys)
        return np.log10(np.where(found, self.trigram_alpha[i_abc], 0.0) + gamma * p)


MODEL_VERSION = 1  # of `from_counts`: a change to the smoothing must bump it (the cache keys on it)


@cache
def load() -> CharModel:
    """The shipped model, on first use: mapped from the user's array cache (`normalize.array_cache`), or derived
    from the shipped counts (≈ 0.35 s) and cached for the next process."""
    source = resources.files("normalize").joinpath("data", "char_model.npz").read_bytes()
    names = [field.name for field in fields(CharModel)]
    return CharModel(**derived_arrays("char_model", source, MODEL_VERSION, _derive, names))


def _derive(source: bytes) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(source)) as counts:
        model = from_counts({name: counts[name] for name in counts.files})
    return {field.name: getattr(model, field.name) for field in fields(CharModel)}


def _alpha_gamma(counts: np.ndarray, history: np.ndarray, successors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    seen = history > 0
    safe = np.where(seen, history, 1).astype(np.float64)
    alpha = np.where(seen, np.maximum(counts - _DISCOUNT, 0) / safe, 0.0)
    gamma = np.where(seen, _DISCOUNT * successors / safe, 1.0)
    return alpha, gamma


def from_counts(data: dict[str, np.ndarray]) -> CharModel:
    """The model from the count arrays `build_char_model` writes."""
    unigram_keys = data["unigram_keys"].astype(np.int64)
    predecessors = data["unigram_predecessors"].astype(np.float64) + 0.5
    total = predecessors.sum()
    in_bmp = unigram_keys < _DENSE
    unigram_p = np.full(_DENSE + 1, 0.5 / total)
    unigram_p[unigram_keys[in_bmp]] = predecessors[in_bmp] / total
    _, unigram_gamma_values = _alpha_gamma(
        np.zeros(len(unigram_keys)), data["unigram_history"], data["unigram_successors"]
    )
    unigram_gamma = np.ones(_DENSE + 1)
    unigram_gamma[unigram_keys[in_bmp]] = unigram_gamma_values[in_bmp]

    bigram_keys = data["bigram_keys"]
    # alpha(b c) divides by n(b ·), the history count of the bigram's first char.
    first = (bigram_keys >> np.uint64(BITS)).astype(np.int64)
    history_of_first = np.zeros(_DENSE + 1)
    successors_of_first = np.zeros(_DENSE + 1)
    history_of_first[unigram_keys[in_bmp]] = data["unigram_history"][in_bmp]
    successors_of_first[unigram_keys[in_bmp]] = data["unigram_successors"][in_bmp]
    first = np.minimum(first, _DENSE)
    bigram_alpha, _ = _alpha_gamma(
        data["bigram_counts"].astype(np.float64), history_of_first[first], successors_of_first[first]
    )
    _, bigram_gamma = _alpha_gamma(np.zeros(len(bigram_keys)), data["bigram_history"], data["bigram_successors"])

    trigram_keys = data["trigram_keys"]
    prefix = trigram_keys >> np.uint64(BITS)
    index = np.minimum(np.searchsorted(bigram_keys, prefix), len(bigram_keys) - 1)
    found = bigram_keys[index] == prefix
    history = np.where(found, data["bigram_history"][index], 0)
    successors = np.where(found, data["bigram_successors"][index], 0)
    trigram_alpha, _ = _alpha_gamma(data["trigram_counts"].astype(np.float64), history, successors)
    return CharModel(
        unigram_p=unigram_p,
        unigram_gamma=unigram_gamma,
        bigram_keys=bigram_keys,
        bigram_alpha=bigram_alpha,
        bigram_gamma=bigram_gamma,
        trigram_keys=trigram_keys,
        trigram_alpha=trigram_alpha,
    )
