"""Main-content benchmark on pages of the modern web: guidecrawl vs the anchors, per family.

The set is `benchmarks/pages/modern_web/` (built by `benchmarks/modern_web_import.py` from
tiptopjaw/web-content-extraction-benchmark, Apache-2.0: English articles and forum threads fetched in 2025–2026, with
a main text written by a language model and checked by a person; source of every page in its `info.json`), split
before any page was read by the project's rule (sha1 of the page id, even → dev, odd → first_sight). Everything
else — loading, scoring, extractors, the table, `--per-page` — is `benchmarks/content_firstsight.py`'s, run on this
folder. Default: the first-sight half.

    .venv/bin/python benchmarks/content_modern.py [--split first_sight|dev|all] [--per-page]
        [--only guidecrawl,trafilatura,readability,resiliparse] [--below 0.5]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.content_firstsight import main as firstsight_main  # noqa: E402

MODERN_SET = ROOT / "benchmarks" / "pages" / "modern_web"


def main(argv: list[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    return firstsight_main(["--set", str(MODERN_SET), *arguments])


if __name__ == "__main__":
    sys.exit(main())
