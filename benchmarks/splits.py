"""The one rule that splits every evaluation set into the half we may study and the half we only score.

Fixed before any case is read, from the case's id alone: sha1 of the id as an integer, even → `dev`, odd →
`first_sight`. Spec tables, real passages, first-sight pages and hostile cases all use it.
"""

from __future__ import annotations

import hashlib


def split_of(case_id: str) -> str:
    """`dev` or `first_sight` for a case, page or passage id."""
    return "dev" if int(hashlib.sha1(case_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "first_sight"
