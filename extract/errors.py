"""A page that fails at any stage becomes a PageError, which lands in the `errors` table; never a silent drop."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Stages a failure can come from (the `stage` column of `errors`).
STAGES = ("fetch", "robots", "decode", "content", "normalize", "entities", "output")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class PageError:
    url: str | None
    stage: str  # one of STAGES
    error: str  # a short machine-readable reason: http_404, timeout, robots_disallowed, undecodable, ...
    message: str  # one human-readable line
    at: dt.datetime = field(default_factory=_now)


class StageError(Exception):
    """Raised by a stage function for a page it cannot handle; `error` is the short reason code."""

    def __init__(self, error: str, message: str) -> None:
        super().__init__(message)
        self.error = error
        self.message = message
