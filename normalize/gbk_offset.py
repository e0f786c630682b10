"""GBK text decoded one byte off: `醫(yī)?;\ue2ae鹬Ц堕T診` → `醫(yī)保基金支付門診`.

The damage (reconstructed in tests/fixtures/mojibake/README.md): a chunk of GBK bytes was decoded starting one
byte late. Its first lead byte became `?`; every following character is (trail byte of one char, lead byte
of the next); the run stops at a trail byte read on its own — an ASCII letter or symbol (0x40–0x7E), `€`
(0x80), or `?` (an orphan byte, which may have swallowed the `(` of a following pinyin reading).
Full-width ASCII in a run was later folded to ASCII, and a converter may have put an orphan reading (`?qū)`)
right after the first `?`.

Repair: the middle bytes are known (unfold ASCII to full-width, encode GBK); re-pair them; choose the lost
first lead byte (and, for a `?` ending, the lost last trail byte) with the character model, scored against
the context; keep the repair only if the model prefers it to the text as it is by a clear margin.

May change: a `?` (or U+FFFD) and the run of characters after it, up to and including its end byte, on one line.
Must never change: a real `?` (followed by text that does not re-pair into characters the model prefers by the
margin), a full-width `？` (no decoder writes it for a lost byte), a `?` after a Latin letter or URL char, the
`?`s a lossy conversion wrote after every character or two (`医?保?经?办?`),
anything on a line without ideographs, anything across a line break.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from normalize import char_model, word_evidence
from normalize.cjk import IDEOGRAPH, is_ideograph
from normalize.pinyin_readings import syllable_pattern
from normalize.repair import Repair, apply_edits

# A lost byte reads as U+FFFD, or `?` once a page folded it; a full-width `？` is a real question mark.
_STARTS = "?\ufffd"
_IDEOGRAPH = re.compile(f"[{IDEOGRAPH}]")
_MAX_RUN = 20  # characters between the start `?` and the end byte; the seed runs are 3-16
# Runs a text may have repaired: a floor, and so many a character. Damaged text tries few runs (0.04 a character
# in the benchmark's text where every sentence is damaged, 0.01 in seed 000), each costing a few scorings of the
# model; text whose question marks are no lost bytes (a lossy conversion's `医?保?`, a row of `?`) tries up to
# _MAX_RUN at each of them, ≈ 2 ms a `?`. Past the budget the remaining `?`s are left as they are.
_RUN_BUDGET_FLOOR = 1000
_RUN_BUDGET_PER_CHAR = 0.1
_CONTEXT = 3  # characters of context each side the model scores a choice with
_MARGIN = 3.0  # log10: a repair must be this much more probable than the text as it is
# A run with no mark of damage but its `?`s (see _marked) may well be text between two real question marks
# (`怎么办?医保?`): its repair must clear a wider margin, the wider the shorter it is, and wider still when
# both of its end characters were guessed.
_UNMARKED_RUN = 3
_UNMARKED_MARGIN = 9.0  # fewer than _UNMARKED_RUN middle chars
_LONG_MARGIN = 6.0  # _UNMARKED_RUN middle chars or more
_SECOND_GUESS = 2.0
_SCRIPT_PENALTY = 6.0  # log10: a candidate of the other script than its line's (楊 among simplified text)
_BEAM = 8  # first-character candidates kept when the last character must be chosen too
# The model's best few candidates for a lost char are re-ranked with word evidence (word_evidence.py): a
# dictionary word across the slot (门诊, 驻守) that the trigram counts weigh too little.
_RERANK = 8
_WORD_CREDIT = 1.0  # log10 of margin per log10 of word gain
_WORD_CREDIT_CAP = 2.0  # at most this much (log10) of an unmarked margin; 4 repairs a real `?` in the tests
_RERANK_GAP = 3.0  # log10
_WORD_WEIGHT = 0.5  # chosen on generated sentences (seeds 0-2 of benchmarks/normalize.py), not the repair cases
_SENTENCE_MARKS = set("，。、；：？！,.;:?!")
_PUNCTUATION = set("。，、；：？！“”‘’（）《》〈〉【】〔〕…—·「」『』％．")


@dataclass(frozen=True, slots=True)
class _Run:
    start: int  # index of the starting `?`
    middle: int  # index of the first middle character (after an orphan reading)
    end: int  # index of the end byte character
    swallowed_reading: bool  # a `?` end followed by `syllable)`: put the `(` back
    marked: bool  # shows damage besides its `?`s (see _marked)
    end_byte: int  # the last trail byte: known (0x40-0xFE), or -1 when lost
    suffix: str = ""  # an ASCII char the end character also held (a pair end), kept after the repair


@cache
def _orphan_reading() -> re.Pattern[str]:
    return re.compile(f"{syllable_pattern()}\\)", re.IGNORECASE)


@cache
def _reading() -> re.Pattern[str]:
    return re.compile(f"\\(?{syllable_pattern()}\\)", re.IGNORECASE)


@cache
def _middle_bytes(char: str) -> bytes | None:
    """The two GBK bytes a middle character stands for, or None if it cannot be one (a byte below 0x81)."""
    code = ord(char)
    if char == " ":
        char = "\u3000"  # hygiene made the ideographic space (A1A1) an ASCII space
    elif 0x21 <= code <= 0x7E:
        char = chr(code + 0xFEE0)  # full-width ASCII was folded
    try:
        encoded = char.encode("gb18030")
    except UnicodeEncodeError:
        return None
    if len(encoded) != 2 or encoded[0] < 0x81 or encoded[1] < 0x81:
        return None
    return encoded


def _end_byte(char: str) -> int | None:
    """The trail byte an end character stands for; -1 for an orphan (`?`, unknown byte); None if not an end."""
    code = ord(char)
    if 0x40 <= code <= 0x7E:
        return code
    if char == "€":
        return 0x80
    if char in _STARTS:
        return -1
    return None


@cache
def _plausible(pair: bytes) -> str | None:
    """The character two GBK bytes decode to, if it is one a text of these pages would contain."""
    try:
        char = pair.decode("gb18030")
    except UnicodeDecodeError:
        return None
    if len(char) != 1:
        return None
    if is_ideograph(char) or char in _PUNCTUATION or 0xFF01 <= ord(char) <= 0xFF5E or 0x2460 <= ord(char) <= 0x249B:
        return char
    return None


def _candidate(pair: bytes) -> str | None:
    """A character a lost byte may be guessed into: an ideograph or Chinese punctuation, not a wide letter,
    and one the model has seen (a char it never saw could only win by mistake)."""
    char = _plausible(pair)
    if char is None or (char.isalnum() and not is_ideograph(char)) or 0x2460 <= ord(char) <= 0x249B:
        return None
    return char if char_model.load().known(char) else None


@cache
def _with_trail(trail: int) -> tuple[str, ...]:
    """Every candidate character whose second GBK byte is `trail` (for a lost lead byte)."""
    found = (_candidate(bytes((lead, trail))) for lead in range(0x81, 0xFF))
    return tuple(c for c in found if c is not None)


@cache
def _with_lead(lead: int) -> tuple[str, ...]:
    """Every candidate character whose first GBK byte is `lead` (for a lost trail byte)."""
    trails = [*range(0x40, 0x7F), *range(0x80, 0xFF)]
    found = (_candidate(bytes((lead, trail))) for trail in trails)
    return tuple(c for c in found if c is not None)


def _without_readings(text: str) -> str:
    return _reading().sub("", text)


def _left(line: str, start: int) -> str:
    """Up to _CONTEXT characters before `start`, readings removed; a line feed marks the line start."""
    window = start - 4 * _CONTEXT
    left = _without_readings(line[max(0, window) : start])
    return ("\n" + left if window <= 0 else left)[-_CONTEXT:]


def _right(line: str, after: int) -> str:
    """Up to _CONTEXT characters from `after`, readings removed; a line feed marks the line end."""
    window = after + 4 * _CONTEXT
    right = _without_readings(line[after:window])
    return (right + "\n" if window >= len(line) else right)[:_CONTEXT]


def _find_runs(line: str, start: int) -> list[_Run]:
    """The possible runs starting at the `?` at `start`, shortest first."""
    middle = start + 1
    orphan = _orphan_reading().match(line, middle)
    if orphan is not None:
        middle = orphan.end()
    runs = []
    index = middle
    while index < len(line) and index - middle <= _MAX_RUN:
        char = line[index]
        if char == "(" and _reading().match(line, index) is not None:
            break  # a reading follows a whole character: the run ended before it
        end = _end_byte(char)
        if end is not None and not (end == -1 and index == middle):
            swallowed = end == -1 and _orphan_reading().match(line, index + 1) is not None
            marked = orphan or swallowed or _marked(line[middle:index], char)
            runs.append(_Run(start, middle, index, swallowed, bool(marked), end))
        if _middle_bytes(char) is None:
            pair = _pair_end(char)
            if pair is not None:
                # The last trail byte paired with an ASCII letter after it (`华?狿40` is 华为P40).
                marked = orphan or _marked(line[middle:index], "")
                runs.append(_Run(start, middle, index, False, bool(marked), pair[0], pair[1]))
            break
        index += 1
    return runs


@cache
def _pair_end(char: str) -> tuple[int, str] | None:
    """(trail byte, ASCII letter) if `char` is a GBK pair whose second byte is an ASCII letter or symbol."""
    try:
        encoded = char.encode("gb18030")
    except UnicodeEncodeError:
        return None
    if len(encoded) == 2 and encoded[0] >= 0x81 and 0x40 <= encoded[1] <= 0x7E:
        return encoded[0], chr(encoded[1])
    return None


def _marked(middle: str, end: str) -> bool:
    """Whether a run shows damage besides its `?`s: a char real text rarely has (private-use, Cyrillic,
    bopomofo, box drawing ...), folded ASCII punctuation, or a byte end. Letters, digits and spaces after a
    real `?` are common, so they are no mark."""
    return (end != "" and end not in _STARTS) or any(
        not (is_ideograph(c) or c in _PUNCTUATION or c == " " or (c.isascii() and c.isalnum())) for c in middle
    )


@lru_cache(maxsize=1 << 16)
def _choose(left: str, candidates: tuple[str, ...], right: str, script: str, keep: int = 1) -> tuple[str, ...]:
    """The `keep` best candidates for one lost character, by the model with the line's script as tie-break.

    Cached: the runs ending at different places after one `?` ask the same questions.
    """
    if (left and left[-1] in _SENTENCE_MARKS) or (right and right[0] in _SENTENCE_MARKS):
        candidates = _without_marks(candidates)  # no `、。` or `。，`: two sentence marks never meet
    if not candidates:
        return ()
    model = char_model.load()
    scores = model.score_slot(left, _candidate_codes(candidates), right) - _penalties(candidates, script)
    scores = _with_words(scores, left, candidates, right)
    order = np.argsort(-scores)[:keep] if keep > 1 else [int(scores.argmax())]
    return tuple(candidates[int(i)] for i in order)


def _with_words(scores: np.ndarray, left: str, candidates: tuple[str, ...], right: str) -> np.ndarray:
    """`scores` with word evidence added to the _RERANK best; the rest drop below every one of them."""
    if _WORD_WEIGHT == 0 or len(candidates) < 2:
        return scores
    top = np.argsort(-scores)[:_RERANK]
    # A candidate this far below the best would need a word no window of a few chars can give.
    top = top[scores[top] >= scores[top[0]] - _RERANK_GAP]
    before = char_model.fold(left.rsplit("\n", 1)[-1])
    after = char_model.fold(right.split("\n", 1)[0])
    folded = _candidate_codes(candidates)  # the candidates as the model folded them
    reranked = np.full(len(scores), -np.inf)
    for i in top:
        words = word_evidence.cohesion(before, chr(int(folded[i])), after)
        reranked[i] = scores[i] + _WORD_WEIGHT * words
    return reranked


def _choose_after_each(lefts: list[str], candidates: tuple[str, ...], right: str, script: str) -> list[str | None]:
    """The best candidate after each of several left contexts, scored in one batch."""
    if right and right[0] in _SENTENCE_MARKS:
        candidates = _without_marks(candidates)
    if not candidates:
        return [None] * len(lefts)
    model = char_model.load()
    scores = model.score_slots(lefts, _candidate_codes(candidates), right) - _penalties(candidates, script)
    chosen: list[str | None] = []
    for row, left in zip(scores, lefts, strict=True):
        allowed = _allowed_after(left, candidates)
        if not allowed.any():
            chosen.append(None)
            continue
        kept = _with_words(np.where(allowed, row, -np.inf), left, candidates, right)
        chosen.append(candidates[int(kept.argmax())])
    return chosen


def _allowed_after(left: str, candidates: tuple[str, ...]) -> np.ndarray:
    if left and left[-1] in _SENTENCE_MARKS:
        return np.array([c not in _SENTENCE_MARKS for c in candidates])
    return np.ones(len(candidates), dtype=bool)


@cache
def _without_marks(candidates: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c for c in candidates if c not in _SENTENCE_MARKS)


@cache
def _candidate_codes(candidates: tuple[str, ...]) -> np.ndarray:
    return char_model.codes("".join(candidates))


@cache
def _penalties(candidates: tuple[str, ...], script: str) -> np.ndarray:
    return _SCRIPT_PENALTY * np.array([_other_script(c, script) for c in candidates], dtype=np.float64)


@cache
def _script_of(char: str) -> str:
    """'hant' for a traditional-only character, 'hans' for a simplified-only one, '' for either."""
    if not is_ideograph(char):
        return ""
    if char_model.fold(char) != char:
        return "hant"
    if _opencc("s2t").convert(char) != char:
        return "hans"
    return ""


@cache
def _opencc(config: str):  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC(f"{config}.json")


def _line_script(line: str) -> str:
    """'hant' if more of the line's chars are traditional-only than simplified-only, 'hans' if fewer."""
    hant = sum(a != b for a, b in zip(line, _opencc("t2s").convert(line), strict=False))
    hans = sum(a != b for a, b in zip(line, _opencc("s2t").convert(line), strict=False))
    return "hant" if hant > hans else "hans" if hans > hant else ""


def _other_script(char: str, script: str) -> bool:
    found = _script_of(char)
    return bool(found and script and found != script)


def _repair_run(line: str, run: _Run, script: str) -> str | None:
    """The repaired text of one run (ASCII kept from a pair end), or None if its bytes do not re-pair."""
    repaired = _rebuild(line, run, script)
    return None if repaired is None else repaired + run.suffix


def _rebuild(line: str, run: _Run, script: str) -> str | None:
    model = char_model.load()
    middle = b"".join(_middle_bytes(c) or b"" for c in line[run.middle : run.end])
    end = run.end_byte
    left = _left(line, run.start)
    after = run.end + 1
    if run.swallowed_reading:
        reading = _orphan_reading().match(line, after)
        assert reading is not None
        after = reading.end()
    right = _right(line, after)
    if not middle:
        # One character: (lost lead, end byte).
        found = _choose(left, _with_trail(end), right, script)
        return found[0] if found else None
    inner = []
    for i in range(1, len(middle) - 1, 2):
        char = _plausible(middle[i : i + 2])
        if char is None:
            return None
        inner.append(char)
    known = "".join(inner)
    if end != -1:
        last = _plausible(bytes((middle[-1], end)))
        if last is None:
            return None
        found = _choose(left, _with_trail(middle[0]), (known + last + right)[:_CONTEXT], script)
        return found[0] + known + last if found else None
    if len(known) >= 2:
        # A trigram model: with two known characters between them, the two choices do not interact.
        firsts = _choose(left, _with_trail(middle[0]), known[:_CONTEXT], script)
        lasts = _choose(known[-_CONTEXT:], _with_lead(middle[-1]), right, script)
        return firsts[0] + known + lasts[0] if firsts and lasts else None
    # Both ends lost and close together: the best last char after every first char, then the best pair.
    firsts = _choose(left, _with_trail(middle[0]), known[:_CONTEXT], script, keep=_BEAM)
    lefts = [(left + first + known)[-_CONTEXT:] for first in firsts]
    after_each = _choose_after_each(lefts, _with_lead(middle[-1]), right, script)
    options = [first + known + last for first, last in zip(firsts, after_each, strict=True) if last is not None]
    if not options:
        return None
    scores = model.score([left + option + right for option in options])
    if _WORD_WEIGHT:
        left_line = char_model.fold(left.rsplit("\n", 1)[-1])
        right_line = char_model.fold(right.split("\n", 1)[0])
        words = [word_evidence.cohesion(left_line, char_model.fold(option), right_line) for option in options]
        scores = scores + _WORD_WEIGHT * np.array(words)
    return options[int(scores.argmax())]


def _word_credit(line: str, run: _Run, repaired: str) -> float:
    """How much of an unmarked run's margin word evidence earns back: the repair joins dictionary words
    (额度, 补缴) that the text as it is (`?疃?`) does not. Real text between two real question marks is words
    already, so a repair of it earns nothing."""
    if _WORD_CREDIT == 0:
        return 0.0
    before = char_model.fold(_left(line, run.start).rsplit("\n", 1)[-1])
    after = char_model.fold(_right(line, run.end + 1).split("\n", 1)[0])
    gain = word_evidence.cohesion(before, char_model.fold(repaired), after) - word_evidence.cohesion(
        before, char_model.fold(line[run.start : run.end + 1]), after
    )
    return min(max(_WORD_CREDIT * gain, 0.0), _WORD_CREDIT_CAP)


def _after_latin(line: str, position: int) -> bool:
    return position > 0 and (
        line[position - 1].isascii() and (line[position - 1].isalpha() or line[position - 1] in "/.=&_%")
    )


def _render(line: str, start: int, stop: int, edits: list[tuple[int, int, str]]) -> str:
    """line[start:stop] with `edits` (ascending, inside the span) applied, readings removed."""
    parts = []
    position = start
    for edit_start, edit_end, replacement in edits:
        parts.append(line[position:edit_start])
        parts.append(replacement)
        position = edit_end
    parts.append(line[position:stop])
    return _without_readings("".join(parts))


Edit = tuple[int, int, str]
# The edits of a line from some start on, ascending, as a chain (first edit, the chain of the rest): a choice
# at one `?` extends the chain chosen for the later ones without copying it (a copy made long lines quadratic).
EditChain = tuple[Edit, "EditChain"] | None


def _edits_before(chain: EditChain, stop: int) -> list[Edit]:
    """The chain's edits that begin before `stop` (a prefix: the chain is ascending)."""
    edits = []
    while chain is not None and chain[0][0] < stop:
        edits.append(chain[0])
        chain = chain[1]
    return edits


class _Budget:
    """How many more runs this text may have repaired (see _RUN_BUDGET_PER_CHAR)."""

    def __init__(self, text: str) -> None:
        self.runs = max(_RUN_BUDGET_FLOOR, int(len(text) * _RUN_BUDGET_PER_CHAR))

    def runs_at(self, line: str, start: int) -> list[_Run]:
        """The runs starting at `start` that are still within the budget (none are looked for past it)."""
        if self.runs <= 0:
            return []
        granted = _find_runs(line, start)[: self.runs]
        self.runs -= len(granted)
        return granted


def _repair_line(model: char_model.CharModel, line: str, budget: _Budget) -> list[Edit]:
    """The edits for one line: at each `?`, keep it or repair one of its runs, whichever the model prefers.

    Decided from the line end backwards, so each choice is judged with the later runs already repaired
    (a short run's rest may hold the next run; a long run would swallow clean text between them).
    """
    # Not after a Latin letter or a URL char: `index.php?id=3`, `What?`. After a digit it may well be (`10000?`).
    lossy = [range(m.start(), m.end()) for m in _lossy_stretch().finditer(line)]
    starts = [
        m.start()
        for m in re.finditer(f"[{_STARTS}]", line)
        if not _after_latin(line, m.start()) and not any(m.start() in stretch for stretch in lossy)
    ]
    if not starts:
        return []
    script: str | None = None
    # best[i]: the edits chosen for line[starts[i]:], given the decision at each later start.
    best: list[EditChain] = [None] * (len(starts) + 1)

    def after(position: int) -> EditChain:
        return best[bisect.bisect_left(starts, position)]

    for i in range(len(starts) - 1, -1, -1):
        start = starts[i]
        keep = best[i + 1]
        best[i] = keep
        choices: list[EditChain] = [keep]
        margins = [0.0]
        for run in budget.runs_at(line, start):
            if script is None:
                script = _line_script(line)
            repaired = _repair_run(line, run, script)
            if repaired is None:
                continue
            if run.swallowed_reading:
                repaired += "("
            choices.append(((start, run.end + 1, repaired), after(run.end + 1)))
            if run.marked:
                margins.append(_MARGIN)
            else:
                margin = _UNMARKED_MARGIN if run.end - run.middle < _UNMARKED_RUN else _LONG_MARGIN
                # With both ends chosen from ~60 candidates each, the best pair looks better by chance alone.
                margin += _SECOND_GUESS if run.end_byte == -1 else 0.0
                margins.append(margin - _word_credit(line, run, repaired))
        if len(choices) == 1:
            continue
        stop = max(choice[0][1] for choice in choices[1:] if choice is not None)
        reading = _reading().match(line, stop)
        stop = reading.end() if reading is not None else stop
        # Edits of later runs that begin inside the window are part of what is compared.
        for choice in choices:
            while choice is not None and choice[0][0] < stop:
                stop = max(stop, choice[0][1])
                choice = choice[1]
        left, tail = _left(line, start), _right(line, stop)
        texts = [left + _render(line, start, stop, _edits_before(choice, stop)) + tail for choice in choices]
        if keep is not None and keep[0][0] == start + 1:
            # `??...` with a run repaired from the second `?`: the first is then the lost lead byte of a run
            # whose repair was not found, not a question mark; score it as an unknown char.
            texts[0] = left + "\ufffd" + texts[0][len(left) + 1 :]
        scores = model.score(texts)
        gains = scores - scores[0] - np.array(margins)
        pick = int(gains[1:].argmax()) + 1
        if gains[pick] >= 0:
            best[i] = choices[pick]
    return _edits_before(best[0], len(line) + 1)


def repair(text: str) -> tuple[str, list[Repair]]:
    """Repair every GBK-offset run; each is a `mojibake` Repair (`?;\ue2ae鹬Ц堕T` → `保基金支付門`)."""
    if not any(start in text for start in _STARTS):
        return text, []
    model = char_model.load()
    budget = _Budget(text)
    edits: list[tuple[int, int, str]] = []
    line_end = -1
    for match in _start_pattern().finditer(text):
        if match.start() < line_end:
            continue  # this line was done
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.start())
        line_end = len(text) if line_end == -1 else line_end
        line = text[line_start:line_end]
        if _IDEOGRAPH.search(line) is not None:
            edits.extend((s + line_start, e + line_start, r) for s, e, r in _repair_line(model, line, budget))
    return apply_edits(text, "mojibake", edits)


@cache
def _lossy_stretch() -> re.Pattern[str]:
    """Three or more `?` each one or two ideographs after the last (`医?保?经?办?`): a lossy conversion wrote a `?`
    after every character, which no byte offset does (its runs hold the middle characters of several pairs, and
    two runs do not follow each other a character apart)."""
    return re.compile(f"(?:[{IDEOGRAPH}]{{1,2}}[{_STARTS}]){{{_LOSSY_MARKS},}}")


_LOSSY_MARKS = 3


@cache
def _start_pattern() -> re.Pattern[str]:
    return re.compile(f"[{_STARTS}]")
