"""How much a better arbiter between our English article text and the second opinion's could gain, and whether a
small learned one gets it.

`extract/content/arbitration.py` takes trafilatura's text instead of ours on English article pages by hand-set
thresholds. This script measures, on dev data only, what any choice between the two texts could reach:

1. the pairs: the real pipeline runs (`extract.pipeline.read_page`); where it arbitrates an English article
   (`extract.content.page.arbitrate`), ours (the cleaned article block), theirs (`arbitration.second_opinion`) and
   the rule's verdict are recorded. Pages: the study set's `study` half (benchmarks/content_study.py:
   opendatalab/magic-html, Apache-2.0, and scrapinghub/article-extraction-benchmark, MIT; bare clones as arguments)
   and the first-sight set's `dev` half (benchmarks/pages/firstsight/, sources in each page's info.json). No frozen
   half is read.
2. the headroom: mean F1 (benchmarks/content.py's scoring) of ours always, theirs always, the rule, and the
   oracle (per page the better text); also for English pages read as a thread, a listing or a Q&A page against the
   second opinion's article.
3. learned arbiters, 5-fold cross-validation over the pairs: gradient-boosted regression trees on 24 signals of the
   two texts (FEATURES) predicting the F1 gain of theirs over ours, either *replacing* the rule (theirs when the
   predicted gain clears a margin) or *correcting* it (the rule's verdict flipped when the predicted gain of
   flipping clears a margin).
4. with --trafilatura, the snippet set's `dev` half (benchmarks/content_snippets.py): the rule and always-theirs
   scored there, and a correcting model trained on its snippet counts, checked on the gold pairs of step 1
   (trafilatura is tuned on the snippet pages, so what it learns there need not hold elsewhere).

    python benchmarks/arbiter_headroom.py --magic-html GITDIR --scrapinghub GITDIR [--trafilatura GITDIR]

Needs the `bench` extra (scikit-learn, numpy). Writes nothing.
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import extract.content.page as page_module  # noqa: E402
from benchmarks import content_firstsight, content_snippets, content_study  # noqa: E402
from benchmarks.content import _t2s, f1, tokens  # noqa: E402
from extract.content import arbitration  # noqa: E402
from extract.document import Document  # noqa: E402
from extract.pipeline import read_page  # noqa: E402

FOLDS = 5
FORMS = [(depth, trees) for depth in (1, 2, 3) for trees in (25, 50, 100)]
REPLACE_MARGINS = (-0.02, 0.0, 0.01, 0.02, 0.05)
CORRECT_MARGINS = (0.0, 0.01, 0.02, 0.05, 0.1)
SNIPPET_MARGINS = (0.0, 0.25, 0.5, 1.0)  # snippet counts: found minus chrome kept

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?;。！？；]")
_SENTENCE = re.compile(r"[^.!?;。！？；]+[.!?;。！？；]+")
_SHINGLE = 4  # words: a line is in the other text when half its 4-word runs are
_PARAGRAPH_WORDS = 12  # a line of 12+ words with a sentence end is a paragraph, not a heading, a button or a name

FEATURES = (
    "log_ours", "log_theirs", "log_ratio", "nested", "surplus", "ours_sentences", "theirs_sentences", "ours_lines",
    "theirs_lines", "ours_words_per_line", "theirs_words_per_line", "missing_share", "missing_head",
    "missing_middle", "missing_tail", "missing_paragraphs", "missing_paragraph_share", "extra_share",
    "extra_paragraphs", "longest_missing_run", "missing_short_lines", "first_line_found", "last_line_found",
    "rule_takes_theirs",
)  # fmt: skip


@dataclass
class Pair:
    source: str  # study, firstsight-dev, snippets-dev
    ours: str
    theirs: str
    rule_theirs: bool
    row: list[float] = field(default_factory=list)
    f1_ours: float = 0.0
    f1_theirs: float = 0.0
    snippets: dict | None = None  # a snippet page's annotation, scored instead of a gold

    @property
    def gain(self) -> float:
        return self.f1_theirs - self.f1_ours

    def picked(self, theirs: bool) -> float:
        return self.f1_theirs if theirs else self.f1_ours


# ----------------------------------------------------------------------------- features
def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower())


def _shingles(words: list[str]) -> list[tuple[str, ...]]:
    return [tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)]


def _lines(text: str, other: set[tuple[str, ...]]) -> list[tuple[list[str], bool, bool | None]]:
    """Each line's words, whether it is a paragraph, and whether the other text holds it (None: too short)."""
    lines = []
    for raw in text.splitlines():
        words = _words(raw)
        if words:
            shingles = _shingles(words)
            found = sum(s in other for s in shingles) >= 0.5 * len(shingles) if shingles else None
            lines.append((words, len(words) >= _PARAGRAPH_WORDS and bool(_SENTENCE_END.search(raw)), found))
    return lines


def _sentences(text: str) -> int:
    return sum(1 for piece in _SENTENCE.findall(" ".join(text.split())) if len(piece.strip()) >= 40)


def features(ours: str, theirs: str, rule_theirs: bool) -> list[float]:
    """24 signals of a pair of texts (names in FEATURES), linear in the texts."""
    our_words, their_words = _words(ours), _words(theirs)
    size_ours, size_theirs = max(1, len(our_words)), max(1, len(their_words))
    shared = sum((Counter(our_words) & Counter(their_words)).values())
    mine = _lines(ours, set(_shingles(their_words)))
    other = _lines(theirs, set(_shingles(our_words)))
    total = sum(len(words) for words, _, _ in mine) or 1
    thirds = [0, 0, 0]
    missing = missing_paragraphs = missing_short = run = longest = seen = 0
    for words, paragraph, found in mine:
        third = min(2, 3 * seen // total)
        seen += len(words)
        if found is False:
            missing += len(words)
            thirds[third] += len(words)
            missing_paragraphs += paragraph
            missing_short += not paragraph
            run = run + 1 if paragraph else run
            longest = max(longest, run)
        elif found:
            run = 0
    comparable = [found for _, _, found in mine if found is not None]
    extra = [(words, paragraph) for words, paragraph, found in other if found is False]
    return [
        math.log1p(len(our_words)), math.log1p(len(their_words)), math.log(size_ours / size_theirs),
        shared / size_theirs, shared / size_ours, math.log1p(_sentences(ours)), math.log1p(_sentences(theirs)),
        math.log1p(len(mine)), math.log1p(len(other)), len(our_words) / max(1, len(mine)),
        len(their_words) / max(1, len(other)), missing / total, thirds[0] / total, thirds[1] / total,
        thirds[2] / total, float(missing_paragraphs),
        missing_paragraphs / max(1, sum(paragraph for _, paragraph, _ in mine)),
        sum(len(words) for words, _ in extra) / size_theirs, float(sum(paragraph for _, paragraph in extra)),
        float(longest), float(missing_short), float(bool(comparable and comparable[0])),
        float(bool(comparable and comparable[-1])), float(rule_theirs),
    ]  # fmt: skip


# ----------------------------------------------------------------------------- pairs
def english_pair(raw: bytes) -> tuple[tuple[str, str, bool] | None, Document | None]:
    """((ours, theirs, the rule took theirs) where the pipeline arbitrates an English article, else None; the
    Document, or None when the page cannot be read)."""
    seen: list[tuple[str, str, bool]] = []
    real = page_module.arbitrate

    def record(ours: str, html: str, lang: str | None) -> str:
        chosen = real(ours, html, lang)
        theirs = arbitration.second_opinion(html) if lang == "en" else None
        if theirs:
            seen.append((ours, theirs, chosen == theirs and chosen != ours))
        return chosen

    page_module.arbitrate = record
    try:
        document = read_page(raw)
    except Exception as error:  # a page the pipeline cannot read has no pair: skip it, say so
        print(f"skip: {error}", file=sys.stderr)
        return None, None
    finally:
        page_module.arbitrate = real
    return (seen[0] if seen and document.kind == "article" else None), document


def gold_pages(magic: str, scrapinghub: str) -> list[tuple[str, dict, str]]:
    """(source, page, language) of the study half and the first-sight dev half."""
    study = [("study", page, page["lang"]) for page in content_study.load(magic, scrapinghub, "study")]
    dev = content_firstsight.load(content_firstsight.DEFAULT_SET, "dev")
    return study + [("firstsight-dev", page, page["language"]) for page in dev]


def gold_pairs(pages: list[tuple[str, dict, str]], t2s: Callable[[str], str]) -> tuple[list[Pair], list[tuple]]:
    """The arbitrated English pairs, and (source, F1 of our reading, F1 of the second opinion) for English pages
    read as a thread, a listing or a Q&A page."""
    pairs, readings = [], []
    for source, page, lang in pages:
        got, document = english_pair(page["raw"])
        gold = tokens(page["gold"], lang, t2s)
        if got:
            pair = Pair(source, *got, row=features(*got))
            pair.f1_ours = f1(tokens(pair.ours, lang, t2s), gold)[2]
            pair.f1_theirs = f1(tokens(pair.theirs, lang, t2s), gold)[2]
            pairs.append(pair)
        elif document is not None and document.lang == "en" and document.kind != "article":
            theirs = arbitration.second_opinion(page["html"]) or ""
            ours = f1(tokens(document.text, lang, t2s), gold)[2]
            readings.append((source, ours, f1(tokens(theirs, lang, t2s), gold)[2]))
    return pairs, readings


def snippet_pairs(gitdir: Path) -> list[Pair]:
    pairs = []
    for page in content_snippets.load(gitdir, "dev"):
        got, _ = english_pair(page["raw"])
        if got:
            pairs.append(Pair("snippets-dev", *got, row=features(*got), snippets=page["item"]))
    return pairs


def snippet_f1(pairs: list[Pair], theirs: list[bool]) -> float:
    total = content_snippets.Counts()
    for pair, take in zip(pairs, theirs, strict=True):
        total.add(content_snippets.count(pair.theirs if take else pair.ours, pair.snippets or {}))
    return total.scores()[2]


def snippet_gain(pair: Pair) -> int:
    """Snippets found minus chrome kept: theirs against ours."""

    def net(text: str) -> int:
        counts = content_snippets.count(text, pair.snippets or {})
        return counts.found - counts.leaked

    return net(pair.theirs) - net(pair.ours)


def snippet_flip_gain(pair: Pair) -> float:
    return float(-snippet_gain(pair) if pair.rule_theirs else snippet_gain(pair))


# ----------------------------------------------------------------------------- models
def regressor(depth: int, trees: int) -> object:
    from sklearn.ensemble import GradientBoostingRegressor

    return GradientBoostingRegressor(
        n_estimators=trees, max_depth=depth, learning_rate=0.05, subsample=0.8, random_state=0
    )


def held_out(rows: list[list[float]], targets: list[float], depth: int, trees: int) -> list[float]:
    """Each row's prediction by a model fitted on the other folds (fold = index mod FOLDS)."""
    predicted = [0.0] * len(rows)
    for fold in range(FOLDS):
        train = [i for i in range(len(rows)) if i % FOLDS != fold]
        test = [i for i in range(len(rows)) if i % FOLDS == fold]
        model = regressor(depth, trees).fit([rows[i] for i in train], [targets[i] for i in train])  # type: ignore[attr-defined]
        for i, value in zip(test, model.predict([rows[i] for i in test]), strict=True):
            predicted[i] = float(value)
    return predicted


def flip_gain(pair: Pair) -> float:
    """What flipping the rule's verdict gains on the page."""
    return -pair.gain if pair.rule_theirs else pair.gain


def by_source(pairs: list[Pair], values: list[float]) -> str:
    cells = [f"{statistics.fmean(values):.4f}"]
    for source in sorted({p.source for p in pairs}):
        cells.append(f"{statistics.fmean(v for p, v in zip(pairs, values, strict=True) if p.source == source):.4f}")
    return "  ".join(cells)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--magic-html", required=True, help="bare git dir of opendatalab/magic-html")
    parser.add_argument("--scrapinghub", required=True, help="bare git dir of scrapinghub/article-extraction-benchmark")
    parser.add_argument("--trafilatura", type=Path, help="bare git dir of adbar/trafilatura (snippet set)")
    args = parser.parse_args(argv)
    t2s = _t2s()
    pairs, readings = gold_pairs(gold_pages(args.magic_html, args.scrapinghub), t2s)
    sources = sorted({p.source for p in pairs})
    counts = ", ".join(f"{source} {sum(p.source == source for p in pairs)}" for source in sources)
    print(f"English article pairs: {len(pairs)} ({counts})")
    print(f"mean F1: all, {', '.join(sources)}")
    rule = [p.picked(p.rule_theirs) for p in pairs]
    print(f"  ours always     {by_source(pairs, [p.f1_ours for p in pairs])}")
    print(f"  theirs always   {by_source(pairs, [p.f1_theirs for p in pairs])}")
    print(f"  hand-set rule   {by_source(pairs, rule)}")
    print(f"  oracle          {by_source(pairs, [max(p.f1_ours, p.f1_theirs) for p in pairs])}")
    wrong = [flip_gain(p) for p in pairs if flip_gain(p) > 0.02]
    print(f"  the rule picks the worse text by > 0.02 on {len(wrong)} pages (sum {sum(wrong):.3f})")
    for source in sorted({r[0] for r in readings}):
        group = [r for r in readings if r[0] == source]
        ours, theirs = statistics.fmean(r[1] for r in group), statistics.fmean(r[2] for r in group)
        best = statistics.fmean(max(r[1], r[2]) for r in group)
        print(f"English thread/listing/Q&A readings, {source} ({len(group)}): ours {ours:.4f} theirs {theirs:.4f} "
              f"oracle {best:.4f}")  # fmt: skip

    rows = [p.row for p in pairs]
    print(f"cross-validation ({FOLDS} folds), mean F1 of the picked text (all, {', '.join(sources)}):")
    for depth, trees in FORMS:
        gains = held_out(rows, [p.gain for p in pairs], depth, trees)
        flips = held_out(rows, [flip_gain(p) for p in pairs], depth, trees)
        replaced = {m: [p.picked(g > m) for p, g in zip(pairs, gains, strict=True)] for m in REPLACE_MARGINS}
        best = max(REPLACE_MARGINS, key=lambda m: statistics.fmean(replaced[m]))
        replace = replaced[best]
        cells = []
        for margin in CORRECT_MARGINS:
            picked = [p.picked(p.rule_theirs != (g > margin)) for p, g in zip(pairs, flips, strict=True)]
            cells.append(f"m={margin} {statistics.fmean(picked):.4f} ({sum(g > margin for g in flips)} flipped)")
        print(f"  d{depth}-n{trees:<3} replace (m={best}) {by_source(pairs, replace)} | correct {' | '.join(cells)}")

    if args.trafilatura:
        check = snippet_pairs(args.trafilatura)
        print(f"snippet set dev half, {len(check)} English article pairs, summed snippet F1:")
        choices = {
            "ours always": [False] * len(check), "theirs always": [True] * len(check),
            "rule": [p.rule_theirs for p in check], "oracle": [snippet_gain(p) > 0 for p in check],
        }  # fmt: skip
        print("  " + "  ".join(f"{name} {snippet_f1(check, picks):.4f}" for name, picks in choices.items()))
        targets = [snippet_flip_gain(p) for p in check]
        for depth, trees in FORMS:
            flips = held_out([p.row for p in check], targets, depth, trees)
            model = regressor(depth, trees).fit([p.row for p in check], targets)  # type: ignore[attr-defined]
            on_gold = [float(v) for v in model.predict(rows)]
            cells = []
            for margin in SNIPPET_MARGINS:
                snippet = snippet_f1(check, [p.rule_theirs != (g > margin) for p, g in zip(check, flips, strict=True)])
                gold = [p.picked(p.rule_theirs != (g > margin)) for p, g in zip(pairs, on_gold, strict=True)]
                cells.append(f"m={margin} snippets {snippet:.4f} gold {statistics.fmean(gold):.4f}")
            print(f"  trained on snippets d{depth}-n{trees:<3} " + " | ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
