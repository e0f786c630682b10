"""Snippet benchmark: trafilatura's evaluation pages, scored by the sentences each page must and must not give.

The pages are adbar/trafilatura's evaluation set (Apache-2.0): `tests/evaldata.json` names, for each of 990
pages (`tests/eval/<file>`), up to a few text snippets the main text must hold ("with") and snippets of page
chrome it must not hold ("without"). The pages are news articles, blog posts, shop, recipe, sports and
institution pages, mostly German and English, some French, Spanish, Polish and others. Read from a bare clone
given as an argument, at the commit pinned below; nothing is copied into the repository.

trafilatura's authors tune their extractor on these very pages: its score here is an upper reference, not an
anchor on unseen pages. The set is split by the page's file name alone, fixed before any page was read (the
project's split rule, `benchmarks/splits.split_of`): `dev` is read and fixed against, `first_sight` is scored
when a change is finished.

Scoring follows the set's own: each "with" snippet found in the text is a true positive, each one missing a
false negative, each "without" snippet found a false positive (at most 6 snippets a side and page;
whitespace-normalised substring match). Precision, recall and F1 are summed over all pages.

    python benchmarks/content_snippets.py --trafilatura GITDIR [--split dev|first_sight|all]
        [--only guidecrawl,trafilatura] [--per-page]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.content import EXTRACTORS, harness_decode  # noqa: E402
from benchmarks.firstsight_import import git  # noqa: E402
from benchmarks.splits import split_of  # noqa: E402

REPO = "adbar/trafilatura"
COMMIT = "e90b0ef51ab026fdb905fb6c5b3c84dd3d784fd5"
LICENCE = "Apache-2.0"
ANNOTATIONS = "tests/evaldata.json"
PAGES = "tests/eval/"
MAX_SNIPPETS = 6  # per side and page, as the set's own scorer counts them


@dataclass
class Counts:
    found: int = 0  # "with" snippets in the text
    missed: int = 0  # "with" snippets not in the text
    leaked: int = 0  # "without" snippets in the text

    def add(self, other: Counts) -> None:
        self.found += other.found
        self.missed += other.missed
        self.leaked += other.leaked

    def scores(self) -> tuple[float, float, float]:
        precision = self.found / (self.found + self.leaked) if self.found + self.leaked else 0.0
        recall = self.found / (self.found + self.missed) if self.found + self.missed else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def count(text: str, item: dict) -> Counts:
    text = normalised(text)
    wanted = [normalised(s) for s in item.get("with", [])[:MAX_SNIPPETS]]
    unwanted = [normalised(s) for s in item.get("without", [])[:MAX_SNIPPETS]]
    found = sum(1 for snippet in wanted if snippet in text)
    return Counts(found, len(wanted) - found, sum(1 for snippet in unwanted if snippet in text))


def load(gitdir: Path, split: str) -> list[dict]:
    """The annotated pages of the requested half, with their raw bytes."""
    annotations = json.loads(git(gitdir, "show", f"{COMMIT}:{ANNOTATIONS}"))
    # Some annotated pages are not in the repository: only those present are scored.
    listing = git(gitdir, "ls-tree", "-z", "--name-only", f"{COMMIT}:{PAGES}").decode("utf-8")
    present = set(listing.split("\0"))
    pages = []
    for url, item in annotations.items():
        name = item["file"]
        if name not in present or (split != "all" and split_of(name) != split):
            continue
        raw = git(gitdir, "show", f"{COMMIT}:{PAGES}{name}")
        if raw:
            pages.append({"url": url, "file": name, "item": item, "raw": raw})
    return pages


def run(name: str, pages: list[dict]) -> tuple[Counts, list[Counts]]:
    function, takes_bytes = EXTRACTORS[name]
    total, rows = Counts(), []
    for page in pages:
        try:
            text = function(page["raw"] if takes_bytes else harness_decode(page["raw"]))
        except Exception:  # an extractor failing on a page finds none of its snippets there
            text = ""
        counts = count(text or "", page["item"])
        total.add(counts)
        rows.append(counts)
    return total, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trafilatura", required=True, type=Path, help=f"bare clone of {REPO}")
    parser.add_argument("--split", default="first_sight", choices=("dev", "first_sight", "all"))
    parser.add_argument("--only", default="guidecrawl,trafilatura", help="extractors, comma-separated")
    parser.add_argument("--per-page", action="store_true", help="every page's counts")
    args = parser.parse_args(argv)
    names = [name for name in args.only.split(",") if name]
    unknown = [name for name in names if name not in EXTRACTORS]
    if unknown:
        parser.error(f"unknown extractor(s): {', '.join(unknown)} (choose from {', '.join(EXTRACTORS)})")
    pages = load(args.trafilatura, args.split)
    print(f"{REPO}@{COMMIT[:10]} ({LICENCE}), split {args.split}: {len(pages)} pages")
    print("| extractor | precision | recall | F1 | snippets found / wanted | chrome snippets kept |")
    print("|---|---|---|---|---|---|")
    for name in names:
        total, rows = run(name, pages)
        precision, recall, f1 = total.scores()
        wanted = total.found + total.missed
        print(f"| {name} | {precision:.3f} | {recall:.3f} | {f1:.3f} | {total.found} / {wanted} | {total.leaked} |")
        if args.per_page:
            for page, counts in zip(pages, rows, strict=True):
                print(
                    f"  {name:12s} {page['file'][:60]:60s} found {counts.found} missed {counts.missed} "
                    f"leaked {counts.leaked}"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
