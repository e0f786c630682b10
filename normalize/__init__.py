"""Text repair: unicode hygiene → mojibake → pinyin readings → script → width (→ MT artefacts).

`normalize(text, script="hans") -> Normalized(text, repairs)`; each module documents what it may change
and what it must never change.
"""

from normalize.pipeline import Normalized, Repair, normalize

__all__ = ["Normalized", "Repair", "normalize"]
