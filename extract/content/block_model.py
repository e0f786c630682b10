"""A learned second look at the article block: candidates around the weightiest subtree, described by what the
line walk already measured, scored by a small model shipped as data (`extract/data/block_model.json`, trained by
`benchmarks/block_model_train.py` on public pages outside every evaluation set).

`content()` calls it through `blocks.article_block` for an article's body (docs/content.md, "Learned block
choice", has what it changed on the first-sight and dev halves). The model predicts, for
each other candidate, how much better its text would be than the weightiest subtree's (the gain, in F1); the
candidate with the best prediction replaces it only when that gain clears the model's margin and the candidate keeps
enough of the subtree's unlinked text (`min_text_kept`: a fragment of the text is never the body). Pages whose
subtree holds less text than the training pages' bodies (`min_choice_text`) keep it. Inference is plain Python over
a few dozen candidates: prefix sums over the lines make the features cheap per candidate.
"""

from __future__ import annotations

import functools
import json
import math
import operator
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import lxml.etree

from extract.content.lines import SENTENCE_PUNCT, Extent, Line, class_tokens, is_prose_counted, line_extents

_DATA = Path(__file__).parent.parent / "data"
MODEL_PATH = _DATA / "block_model.json"
HINTS_PATH = _DATA / "block_hints.toml"

TOP_K = 8  # the weightiest subtrees taken as candidates
UP_LEVELS = 3  # ancestors of the weightiest subtree taken as candidates
DOWN_LEVELS = 2  # levels of its children taken as candidates
DOWN_SHARE = 0.1  # a child holding less of the chosen block's characters than this is no candidate
HEADLINE_GAP = 3  # a headline at most this many lines above a block is the block's own

_TABLE_TAGS = frozenset(("table", "tbody", "tr", "td", "th"))
_LIST_TAGS = frozenset(("ul", "ol", "li", "dl", "dd", "dt"))
_WORD = re.compile(r"\w+")
_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() or "_"

FEATURES = (
    "log_chars",
    "link_share",
    "log_lines",
    "depth",
    "depth_vs_choice",
    "page_share",
    "first_pos",
    "last_pos",
    "punct_per_100",
    "prose_line_share",
    "prose_share",
    "negative_share",
    "holds_headline",
    "headline_above",
    "title_overlap_start",
    "tag_article",
    "tag_main",
    "tag_section",
    "tag_table",
    "tag_list",
    "tag_body",
    "marked_body",
    "hint_content_own",
    "hint_noise_own",
    "hint_content_up",
    "hint_noise_up",
    "weight_ratio",
    "weight_rank",
    "is_choice",
    "is_ancestor_of_choice",
    "is_inside_choice",
    "choice_share",
    "log_chars_vs_choice",
    "log_children",
    "log_prose_vs_choice",
    "log_weight_vs_parent",
    "prose_siblings",
    "log_twin_prose",
    "log_text_vs_choice",
    "log_text_vs_choice_unnamed",
)


_AT_ANCESTOR = FEATURES.index("is_ancestor_of_choice")
_AT_INSIDE = FEATURES.index("is_inside_choice")
_AT_TEXT_RATIO = FEATURES.index("log_text_vs_choice_unnamed")


@dataclass(frozen=True, slots=True)
class Hints:
    content: frozenset[str]
    noise: frozenset[str]


@functools.cache
def hints() -> Hints:
    data = tomllib.loads(HINTS_PATH.read_text(encoding="utf-8"))["hints"]
    return Hints(frozenset(data["content"]), frozenset(data["noise"]))


@dataclass(frozen=True, slots=True)
class Tree:
    feature: tuple[int, ...]  # -1 at a leaf
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def predict(self, row: list[float]) -> float:
        node = 0
        while self.feature[node] >= 0:
            node = self.left[node] if row[self.feature[node]] <= self.threshold[node] else self.right[node]
        return self.value[node]

    def expression(self, node: int = 0) -> str:
        """The tree as one Python conditional expression over `row`: the same comparisons, the same leaf. Only
        numbers reach the source (int() and float() of the model file's values; repr() of a float reads back
        exactly)."""
        if self.feature[node] < 0:
            return repr(float(self.value[node]))
        left, right = self.expression(self.left[node]), self.expression(self.right[node])
        return f"({left} if row[{int(self.feature[node])}] <= {float(self.threshold[node])!r} else {right})"


def compiled_leaves(trees: tuple[Tree, ...]) -> Callable[[list[float]], tuple[float, ...]] | None:
    """One function giving every tree's leaf value for a row, in tree order; None when the trees do not read as
    Python literals (a non-finite number) or nest too deep to compile (`Tree.predict` walks them then). Walking 300
    trees node by node in Python is most of a page's inference; compiled once, each tree is three comparisons."""
    try:
        if not all(math.isfinite(n) for tree in trees for n in (*tree.threshold, *tree.value)):
            return None
        source = "lambda row: (" + "".join(f"{tree.expression()}, " for tree in trees) + ")"
        function: Callable[[list[float]], tuple[float, ...]] = eval(compile(source, "<block_model>", "eval"), {})
    except (TypeError, ValueError, IndexError, SyntaxError, RecursionError, MemoryError):
        return None
    return function


@dataclass(frozen=True, slots=True)
class BlockModel:
    """Gradient-boosted regression trees, or a linear model when `trees` is empty."""

    features: tuple[str, ...]
    init: float
    learning_rate: float
    trees: tuple[Tree, ...]
    coefficients: tuple[float, ...]
    margin: float
    min_text_kept: (
        float  # a candidate must hold this share of the weightiest subtree's unlinked text (0: any candidate)
    )
    min_choice_text: int  # pages whose weightiest subtree holds less unlinked text are outside the training pages
    leaves: Callable[[list[float]], tuple[float, ...]] | None = field(default=None, compare=False, repr=False)

    def predict(self, row: list[float]) -> float:
        if self.trees:
            # The leaves summed in tree order either way: the same float.
            leaves = self.leaves(row) if self.leaves is not None else [tree.predict(row) for tree in self.trees]
            return self.init + self.learning_rate * sum(leaves)
        return self.init + sum(c * x for c, x in zip(self.coefficients, row, strict=True))


def parse_model(data: dict) -> BlockModel:
    trees = tuple(
        Tree(
            tuple(tree["feature"]),
            tuple(tree["threshold"]),
            tuple(tree["left"]),
            tuple(tree["right"]),
            tuple(tree["value"]),
        )
        for tree in data.get("trees", [])
    )
    return BlockModel(
        features=tuple(data["features"]),
        init=float(data["init"]),
        learning_rate=float(data.get("learning_rate", 1.0)),
        trees=trees,
        coefficients=tuple(data.get("coefficients", [])),
        margin=float(data["margin"]),
        min_text_kept=float(data.get("min_text_kept", 0.0)),
        min_choice_text=int(data.get("min_choice_text", 0)),
        leaves=compiled_leaves(trees),
    )


@functools.cache
def block_model() -> BlockModel | None:
    """The shipped model; None when the file is missing or was trained for other features (the weightiest subtree
    stands then)."""
    if not MODEL_PATH.exists():
        return None
    model = parse_model(json.loads(MODEL_PATH.read_text(encoding="utf-8")))
    return model if model.features == FEATURES else None


def _lowered_words(text: str) -> tuple[str, list[str] | None]:
    """The text lowered, and its words when it reads as Latin (ASCII words hold half its characters but spaces);
    None for a Chinese text, which is compared by character bigrams."""
    lowered = text.lower()
    words = _WORD.findall(lowered)
    latin = sum(map(len, filter(str.isascii, words))) >= len(lowered.replace(" ", "")) / 2
    return lowered, words if latin else None


def _title_units(text: str) -> set[str]:
    """Words of a Latin title, character bigrams of a Chinese one (of its letters and digits: str.isalnum)."""
    lowered, words = _lowered_words(text)
    if words is not None:
        return {w for w in words if len(w) > 2}
    alnum = _NOT_ALNUM.sub("", lowered)
    return set(map(operator.add, alnum, alnum[1:]))


def _shared_units(text: str, units: set[str]) -> int:
    """len(_title_units(text) & units), without building the text's units: a candidate's first lines are long, the
    title's units few."""
    lowered, words = _lowered_words(text)
    if words is not None:
        return sum(1 for word in units.intersection(words) if len(word) > 2)
    alnum = _NOT_ALNUM.sub("", lowered)
    return sum(1 for unit in units if len(unit) == 2 and unit in alnum)  # a bigram of the text: a substring


class PageMeasures:
    """Per-line prefix sums and the headline's line: what every candidate's features read in O(1)."""

    def __init__(self, lines: list[Line], weights: list[float], title: str | None) -> None:
        self.lines = lines
        self.extents: dict[lxml.etree._Element, Extent] = line_extents(lines)
        self.title_units = _title_units(title) if title else set()
        punct, prose, negative = [0], [0], [0.0]
        self.headline: int | None = None
        for index, line in enumerate(lines):
            marks = len(SENTENCE_PUNCT.findall(line.text))
            punct.append(punct[-1] + marks)
            prose.append(prose[-1] + (line.chars if is_prose_counted(line.chars, marks) else 0))
            negative.append(negative[-1] + min(weights[index], 0.0))
            if self.headline is None and self.title_units and line.chars <= 3 * len(title or ""):
                units = _title_units(line.text)
                if units and len(units & self.title_units) >= 0.8 * len(self.title_units):
                    self.headline = index
        self.punct, self.prose, self.negative = punct, prose, negative
        self.page_chars = max(1, sum(line.chars for line in lines))
        self.named_noise = self._named_noise()
        self._overlaps: dict[tuple[int, int], float] = {}

    def _named_noise(self) -> list[Extent]:
        """The extents of the outermost elements whose class/id names furniture (comment boxes, sidebars …)."""
        noise = hints().noise
        found: list[Extent] = []
        covered_to = -1
        for element, extent in sorted(self.extents.items(), key=lambda item: (item[1].first, item[1].depth)):
            if extent.first > covered_to and class_tokens(element) & noise:
                found.append(extent)
                covered_to = extent.last
        return found

    def named_text_outside(self, inner: Extent, outer: Extent) -> int:
        """Unlinked text of furniture-named elements inside `outer` and outside `inner`."""
        total = 0
        for extent in self.named_noise:
            inside_outer = outer.first <= extent.first and extent.last <= outer.last and extent.depth > outer.depth
            outside_inner = extent.last < inner.first or extent.first > inner.last
            if inside_outer and outside_inner:
                total += extent.chars - extent.link_chars
        return total

    def overlap_at_start(self, first: int, last: int) -> float:
        """Share of the title's units in the candidate's first lines (up to three); nested candidates share their
        first lines, so each span is measured once."""
        if not self.title_units:
            return 0.0
        span = (first, min(last, first + 2))
        overlap = self._overlaps.get(span)
        if overlap is None:
            text = " ".join(line.text for line in self.lines[span[0] : span[1] + 1])
            overlap = self._overlaps[span] = _shared_units(text, self.title_units) / len(self.title_units)
        return overlap


def candidates(
    choice: lxml.etree._Element, totals: dict[lxml.etree._Element, float], extents: dict[lxml.etree._Element, Extent]
) -> list[lxml.etree._Element]:
    """The weightiest subtrees, the chosen one's ancestors and its larger children and grandchildren, once each."""
    found = dict.fromkeys(sorted(totals, key=totals.__getitem__, reverse=True)[:TOP_K])
    found[choice] = None
    parent = choice.getparent()
    for _ in range(UP_LEVELS):
        if parent is None or parent not in extents:
            break
        found[parent] = None
        parent = parent.getparent()
    level = [choice]
    least = DOWN_SHARE * extents[choice].chars
    for _ in range(DOWN_LEVELS):
        level = [child for element in level for child in element if child in extents and extents[child].chars >= least]
        found.update(dict.fromkeys(level))
    return list(found)


def features(
    element: lxml.etree._Element,
    choice: lxml.etree._Element,
    totals: dict[lxml.etree._Element, float],
    rank: dict[lxml.etree._Element, int],
    measures: PageMeasures,
) -> list[float]:
    """The feature row of one candidate, in the order of FEATURES."""
    extents = measures.extents
    extent, chosen = extents[element], extents[choice]
    chars = max(1, extent.chars)
    first, last = extent.first, extent.last
    count = max(1, len(measures.lines))
    own = class_tokens(element)
    up: set[str] = set()
    parent = element.getparent()
    for _ in range(UP_LEVELS):
        if parent is None:
            break
        up.update(class_tokens(parent))
        parent = parent.getparent()
    tag = element.tag if isinstance(element.tag, str) else ""
    vocab = hints()
    inside_choice, holds_choice = _nesting(extent, chosen)
    shared = 0
    if holds_choice:
        shared = chosen.chars
    elif inside_choice:
        shared = extent.chars
    best = totals[choice]
    headline = measures.headline
    children = sum(1 for child in element if child in extents)
    prose = measures.prose[last + 1] - measures.prose[first]
    prose_chosen = measures.prose[chosen.last + 1] - measures.prose[chosen.first]
    parent = element.getparent()
    parent_weight = totals.get(parent, 0.0) if parent is not None else 0.0
    siblings = twins = 0  # siblings holding prose; the prose of siblings of the same tag and class (one text cut)
    if parent is not None:
        for sibling in parent:
            other = extents.get(sibling)
            if sibling is not element and other is not None:
                sibling_prose = measures.prose[other.last + 1] - measures.prose[other.first]
                siblings += sibling_prose > 0
                if sibling.tag == element.tag and sibling.get("class") == element.get("class"):
                    twins += sibling_prose
    return [
        math.log1p(extent.chars),
        extent.link_chars / chars,
        math.log1p(extent.lines),
        float(extent.depth),
        float(extent.depth - chosen.depth),
        extent.chars / measures.page_chars,
        first / count,
        (last + 1) / count,
        100.0 * (measures.punct[last + 1] - measures.punct[first]) / chars,
        (measures.prose[last + 1] - measures.prose[first]) / chars,
        (measures.prose[last + 1] - measures.prose[first]) / max(1, measures.prose[-1]),
        -(measures.negative[last + 1] - measures.negative[first]) / chars,
        float(headline is not None and first <= headline <= last),
        float(headline is not None and headline < first and first - headline <= HEADLINE_GAP),
        measures.overlap_at_start(first, last),
        float(tag == "article"),
        float(tag == "main"),
        float(tag == "section"),
        float(tag in _TABLE_TAGS),
        float(tag in _LIST_TAGS),
        float(tag == "body"),
        float(element.get("itemprop") == "articleBody" or element.get("role") == "main"),
        float(bool(own & vocab.content)),
        float(bool(own & vocab.noise)),
        float(bool(up & vocab.content)),
        float(bool(up & vocab.noise)),
        totals[element] / best if best > 0 else 0.0,
        float(min(rank.get(element, TOP_K), TOP_K)),
        float(element is choice),
        float(holds_choice and element is not choice),
        float(inside_choice and element is not choice),
        shared / max(1, chosen.chars),
        math.log((extent.chars + 1) / (chosen.chars + 1)),
        math.log1p(children),
        math.log((prose + 1) / (prose_chosen + 1)),
        math.log((max(parent_weight, 0.0) + 1) / (max(totals[element], 0.0) + 1)),
        math.log1p(siblings),
        math.log((twins + 1) / (prose + 1)),
        math.log((extent.chars - extent.link_chars + 1) / (chosen.chars - chosen.link_chars + 1)),
        _unnamed_text_ratio(extent, chosen, measures),
    ]


def _nesting(extent: Extent, chosen: Extent) -> tuple[bool, bool]:
    """Whether a candidate lies inside the chosen block, and whether it holds it (the chosen block does both)."""
    inside = chosen.first <= extent.first and extent.last <= chosen.last and extent.depth >= chosen.depth
    holds = extent.first <= chosen.first and chosen.last <= extent.last and extent.depth <= chosen.depth
    return inside, holds


def _unnamed_text_ratio(extent: Extent, chosen: Extent, measures: PageMeasures) -> float:
    """log_text_vs_choice_unnamed: unlinked text against the chosen block's, less its furniture-named text outside."""
    return math.log(
        (extent.chars - extent.link_chars + 1)
        / (max(0, chosen.chars - chosen.link_chars - measures.named_text_outside(extent, chosen)) + 1)
    )


def scored_candidates(
    choice: lxml.etree._Element,
    totals: dict[lxml.etree._Element, float],
    weights: list[float],
    lines: list[Line],
    title: str | None,
) -> list[tuple[lxml.etree._Element, list[float]]]:
    """Every candidate with its feature row (the training script and `rerank` read the same rows)."""
    return _rows(choice, totals, weights, lines, title, least_kept=None)


def _rows(
    choice: lxml.etree._Element,
    totals: dict[lxml.etree._Element, float],
    weights: list[float],
    lines: list[Line],
    title: str | None,
    least_kept: float | None,
) -> list[tuple[lxml.etree._Element, list[float]]]:
    """The candidates' feature rows; with `least_kept`, only those of candidates other than the weightiest subtree
    that keep that share of its text (`text_kept`, read before the row is built: the rest are never scored)."""
    measures = PageMeasures(lines, weights, title)
    chosen = candidates(choice, totals, measures.extents)
    order = sorted(totals, key=totals.__getitem__, reverse=True)[:TOP_K]
    rank = {element: index for index, element in enumerate(order)}
    if least_kept is not None:
        chosen = [
            element
            for element in chosen
            if element is not choice and _text_kept_of(element, choice, measures) >= least_kept
        ]
    return [(element, features(element, choice, totals, rank, measures)) for element in chosen]


def text_kept(row: list[float]) -> float:
    """The share of the weightiest subtree's unlinked text a candidate holds, text in elements named as furniture
    (a comment box, a sidebar) not counted (its ancestors hold all of it)."""
    if row[_AT_ANCESTOR]:
        return 1.0
    if row[_AT_INSIDE]:
        return min(1.0, math.exp(row[_AT_TEXT_RATIO]))
    return 0.0


def _text_kept_of(element: lxml.etree._Element, choice: lxml.etree._Element, measures: PageMeasures) -> float:
    """`text_kept` of the row `features` would build for a candidate other than `choice`, from the same values."""
    extent, chosen = measures.extents[element], measures.extents[choice]
    inside, holds = _nesting(extent, chosen)
    if holds:
        return 1.0
    if inside:
        return min(1.0, math.exp(_unnamed_text_ratio(extent, chosen, measures)))
    return 0.0


def worth_a_second_look(choice: lxml.etree._Element, lines: list[Line]) -> bool:
    """A model is loaded and the weightiest subtree holds as much unlinked text as the articles it learned from."""
    model = block_model()
    if model is None:
        return False
    extent = line_extents(lines)[choice]
    return extent.chars - extent.link_chars >= model.min_choice_text


def rerank(
    choice: lxml.etree._Element,
    totals: dict[lxml.etree._Element, float],
    weights: list[float],
    lines: list[Line],
    title: str | None,
) -> lxml.etree._Element:
    """The candidate the model prefers when it clears the margin over the weightiest subtree, else that subtree."""
    model = block_model()
    if model is None or not worth_a_second_look(choice, lines):
        return choice
    rows = _rows(choice, totals, weights, lines, title, least_kept=model.min_text_kept)
    predictions = [(model.predict(row), element) for element, row in rows]
    if not predictions:
        return choice
    gain, best = max(predictions, key=lambda pair: pair[0])
    return best if gain > model.margin else choice
