"""The composed normalize(): unicode hygiene → mojibake → pinyin readings → script → width → MT artefacts.

Each stage is one module that documents what it may and must never change; this module only orders them and
collects their repairs. `normalize` never raises on any str input (a stage that fails on some input leaves the
text as it was and the other stages still run), so every record of every page can go through it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from normalize import mojibake, mt_artifacts, pinyin_readings, unicode_hygiene, width
from normalize import script as script_stage
from normalize.repair import Repair

__all__ = ["Normalized", "Repair", "normalize"]

log = logging.getLogger(__name__)

_MAX_PASSES = 3


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    repairs: list[Repair] = field(default_factory=list)
    # The repairs again, one list per stage run, in order: each list's offsets index the text that run was
    # given, which is what `normalize.offsets.OffsetMap` needs to map positions back to the input.
    steps: list[list[Repair]] = field(default_factory=list)
    # Stages that raised, as "stage: ExceptionName: message"; the text went on without them.
    failures: list[str] = field(default_factory=list)


Stage = Callable[[str], tuple[str, list[Repair]]]


def _stages(target: str) -> tuple[tuple[str, Stage], ...]:
    def to_script(text: str) -> tuple[str, list[Repair]]:
        return script_stage.convert(text, target)

    # Mojibake runs before pinyin removal and before t2s: the readings after a damaged run mark where it stops,
    # and the damaged bytes are bytes of the traditional text. Script conversion follows pinyin removal (OpenCC
    # would otherwise see `醫(yī)`) and precedes width, which only touches non-Chinese forms.
    return (
        ("hygiene", unicode_hygiene.clean),
        ("mojibake", mojibake.repair),
        ("pinyin", pinyin_readings.remove_readings),
        ("script", to_script),
        ("width", width.fold),
        ("mt", mt_artifacts.repair),
    )


def normalize(text: str, script: str = "hans") -> Normalized:
    """Clean `text` for parsing; `script` is hans (simplified, default), hant (traditional) or keep.

    Repair offsets are positions in the text each stage was given (the output of the stage before it).
    """
    if script not in script_stage.SCRIPTS:
        raise ValueError(f"unknown script {script!r}; expected hans, hant or keep")
    repairs: list[Repair] = []
    steps: list[list[Repair]] = []
    failures: list[str] = []
    stages = _stages(script)
    for _ in range(_MAX_PASSES):
        before_mojibake = text
        for name, stage in stages:
            if name == "mojibake":
                before_mojibake = text
            try:
                text, found = stage(text)
            except Exception as exc:  # a bug in one repair must not cost the page its text
                log.exception("normalize stage %s failed; text left as it was", name)
                failures.append(f"{name}: {type(exc).__name__}: {exc}")
                continue
            repairs.extend(found)
            if found:
                steps.append(found)
        # A repaired run gives its neighbour a new left context, and readings, script and width change what a
        # `?` run re-pairs into: the output may hold a run the input did not. Go again until none is left,
        # which makes normalize idempotent.
        if not _new_mojibake(before_mojibake, text):
            break
    return Normalized(text, repairs, steps, failures)


def _new_mojibake(before: str, after: str) -> bool:
    """Whether a line changed by the mojibake stage or a later one now holds mojibake the stage would repair
    (no stage adds or removes a line break, so lines correspond)."""
    if before == after:
        return False
    changed = [new for old, new in zip(before.split("\n"), after.split("\n"), strict=True) if old != new]
    try:
        # The stage repairs line by line, so the changed lines go through it at once: one call, not one a line
        # (a traditional page changes nearly every line). Only a failing line needs them one by one (below).
        return bool(mojibake.repair("\n".join(changed))[1])
    except Exception:
        pass
    try:
        return any(mojibake.repair(line)[1] for line in changed)
    except Exception:
        return False
