"""The one rule that splits every evaluation set into the half we may study and the half we only score.

Fixed before any case is read, from the case's id alone: sha1 of the id as an integer, even → `dev`, odd →
`first_sight`. Spec tables, real passages, first-sight pages and hostile cases all use it. A first-sight case that
was read after all is dev from then on (`READ_AFTER_SPLIT`, with the date and why it was read).
"""

from __future__ import annotations

import hashlib

# First-sight cases read after the split: dev from then on.
READ_AFTER_SPLIT = {
    # 2026-12-07: scored 1.00 → 0.00 after the newsletter prompt became a drop line; read to find why. A video page
    # with no article: the source project's expected text is the page's newsletter sign-up box.
    "np-architecturaldigest.com2",
}


def split_of(case_id: str) -> str:
    """`dev` or `first_sight` for a case, page or passage id."""
    if case_id in READ_AFTER_SPLIT:
        return "dev"
    return "dev" if int(hashlib.sha1(case_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "first_sight"
