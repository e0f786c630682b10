"""Main-content benchmark on other extractors' test suites: guidecrawl vs the anchors, per family and language.

The set is `benchmarks/pages/extractor_suites/` (built by `benchmarks/suites_import.py` from the regression test
pages of codelucas/newspaper and AndyTheFactory/newspaper4k, MIT, and mozilla/readability, Apache-2.0; source of
every page in its `info.json`), split before any page was read by the project's rule (sha1 of the page id,
even → dev, odd → first_sight). Everything else — loading, scoring, extractors, the table, `--per-page` — is
`benchmarks/content_firstsight.py`'s, run on this folder. Default: the first-sight half.

    .venv/bin/python benchmarks/content_suites.py [--split first_sight|dev|all] [--per-page]
        [--only guidecrawl,trafilatura,readability,resiliparse] [--below 0.5] [--set DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.content_firstsight import main as firstsight_main  # noqa: E402

SUITES_SET = ROOT / "benchmarks" / "pages" / "extractor_suites"


def main(argv: list[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    return firstsight_main(["--set", str(SUITES_SET), *arguments])


if __name__ == "__main__":
    sys.exit(main())
