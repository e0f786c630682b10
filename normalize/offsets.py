"""Positions in normalized text → positions in the text as it was given (the served text).

Every normalize stage run records its repairs as ascending, non-overlapping `(offset, before, after)` edits of
the text it was given (`Normalized.steps`). Between edits the two texts agree character for character, so a
position maps back by the length difference of the edits before it. Inside a same-length replacement (script
conversion, width folding) characters correspond one for one; inside any other a position maps to the edge of
what it replaced (a span's start to the start, its end to the end), so a mapped span always covers the whole
served text its characters came from. Maps compose stage by stage, last stage first.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, fields
from itertools import accumulate
from operator import add, attrgetter, sub

from normalize.repair import Repair

_offset_of, _before_of, _after_of = attrgetter("offset"), attrgetter("before"), attrgetter("after")


@dataclass(frozen=True, slots=True)
class _StepMap:
    """One stage run: for each edit, its span in the output and in the input of that run."""

    out_starts: tuple[int, ...]
    out_ends: tuple[int, ...]
    in_starts: tuple[int, ...]
    in_ends: tuple[int, ...]

    @classmethod
    def of(cls, repairs: Sequence[Repair]) -> _StepMap:
        # Built column by column with C-level maps: script conversion alone records hundreds of repairs a record.
        in_starts = tuple(map(_offset_of, repairs))
        before_lengths = list(map(len, map(_before_of, repairs)))
        after_lengths = list(map(len, map(_after_of, repairs)))
        in_ends = tuple(map(add, in_starts, before_lengths))
        # output position − input position before each edit: the length differences of the edits before it
        shifts = accumulate(map(sub, after_lengths, before_lengths), initial=0)
        out_starts = tuple(map(add, in_starts, shifts))
        out_ends = tuple(map(add, out_starts, after_lengths))
        return cls(out_starts, out_ends, in_starts, in_ends)

    def __reduce__(self) -> tuple[type[_StepMap], tuple[tuple[int, ...], ...]]:
        # Pickled as a constructor call: a frozen dataclass's own pickling reads its fields() in Python for every
        # object, and a traditional page's records carry hundreds of edits to the crawl process.
        return type(self), _step_map_arguments(self)

    def _one_for_one(self, index: int) -> bool:
        return self.out_ends[index] - self.out_starts[index] == self.in_ends[index] - self.in_starts[index]

    def start(self, position: int) -> int:
        index = bisect_right(self.out_starts, position) - 1
        if index < 0:
            return position
        if position < self.out_ends[index]:
            if self._one_for_one(index):  # a same-length replacement (script, width) maps char for char
                return self.in_starts[index] + position - self.out_starts[index]
            return self.in_starts[index]
        return position - self.out_ends[index] + self.in_ends[index]

    def end(self, position: int) -> int:
        index = bisect_left(self.out_starts, position) - 1
        if index < 0:
            return position
        if position <= self.out_ends[index]:
            if self._one_for_one(index):
                return self.in_starts[index] + position - self.out_starts[index]
            return self.in_ends[index]
        return position - self.out_ends[index] + self.in_ends[index]


# Every field, in the constructor's order (a field added later is carried too).
_step_map_arguments = attrgetter(*(f.name for f in fields(_StepMap)))


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps spans of a normalized text back to the text normalize was given."""

    steps: tuple[_StepMap, ...] = ()

    @classmethod
    def from_steps(cls, steps: Sequence[Sequence[Repair]]) -> OffsetMap:
        return cls(tuple(_StepMap.of(step) for step in steps if step))

    def __reduce__(self) -> tuple[type[OffsetMap], tuple[tuple[_StepMap, ...]]]:
        return type(self), tuple(getattr(self, f.name) for f in fields(self))  # as `_StepMap`; one a record

    @property
    def identity(self) -> bool:
        return not self.steps

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The served span `[start', end')` that normalized `[start, end)` came from."""
        for step in reversed(self.steps):
            start, end = step.start(start), step.end(end)
            end = max(end, start)
        return start, end

    def touched(self, start: int, end: int) -> bool:
        """Whether any repair falls inside or at the edge of normalized `[start, end)`."""
        for step in reversed(self.steps):
            low = bisect_left(step.out_ends, start)
            if low < len(step.out_starts) and step.out_starts[low] <= end:
                return True
            start, end = step.start(start), step.end(end)
        return False
