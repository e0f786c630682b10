"""English news and blog articles with hand-marked gold, read from a clone: the Dragnet project's 2012 training
pages and the L3S-GN1 Google News set of 2008.

Both sets are read from a bare clone of j-szulc/html-cleaning-dataset-merged given as an argument (at the commit
below); nothing of them is copied into this repository.
- `--set dragnet` (default): seomoz/dragnet_data, no licence stated (`dragnet_data/input/N.html`, gold
  `dragnet_data/GoldStandard/N.txt`). The gold holds the article's text, then, on some pages, the readers'
  comments after a marker line: only the text before the marker is the main content scored here. Ids `dn-N`.
- `--set l3s-gn1`: L3S-GN1 (Kohlschütter, Fankhauser, Nejdl, WSDM 2010; L3S Research Center's licence: research
  use only), 621 news articles from 408 sites found through six English Google News portals in 2008, as mirrored
  by geodrome/page-signal (`page-signal-master/input/UUID.html`, gold `page-signal-master/GoldStandard/UUID.txt`).
  The gold is the page with each text block marked by seven assessors' label; the main content scored here is the
  blocks labelled full text (`x-nc-sel2`), without the headline, supplemental text (captions, datelines),
  related links and comments. Ids `gn-` and the first 8 characters of the UUID.
Gold lines that repeat the page's `<h1>`/`<h2>` or the words of its `<title>`, or hold only a date, are left out for
every extractor alike (as in `content_study.py`): no extractor here outputs the headline as body text.

Each set is split by page id alone (the project's one rule, `benchmarks/splits.py`), fixed before any page was
read: `dev` to read and fix against, `first_sight` scored when a change is finished. Scoring is
benchmarks/content.py's (bag-of-words F1 for English); guidecrawl gets the raw bytes, the anchors the harness's
decoding.

    python benchmarks/content_dragnet.py --pages GITDIR [--set dragnet|l3s-gn1] [--split dev|first_sight|all]
        [--only guidecrawl,trafilatura] [--per-page]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import html as lh

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.content import _t2s, harness_decode  # noqa: E402
from benchmarks.content_study import git_show, gold_without_headline, print_scores, score  # noqa: E402
from benchmarks.firstsight_import import git  # noqa: E402
from benchmarks.splits import split_of  # noqa: E402

REPO = "j-szulc/html-cleaning-dataset-merged"
COMMIT = "46e01a04b47051838a228bf23631430b2c9de375"
# The marker line before the comments, typed by hand on each page: "!@#$%^&*()  COMMENTS" and a dozen variants.
COMMENTS_MARKER = re.compile(r"^[!@#$%^&*() \t]*COMMENTS\s*$", re.MULTILINE)
FULL_TEXT = "x-nc-sel2"  # L3S-GN1's label of an article's full text
LABEL = re.compile(r"\bx-nc-sel\d\b")


def main_text(gold: str) -> str:
    """The gold's article text: what comes before the comments marker line, where there is one."""
    return COMMENTS_MARKER.split(gold, maxsplit=1)[0]


def full_text_blocks(annotated: str) -> str:
    """The text of the blocks an L3S-GN1 page labels full text, one a line, in page order. A label's span may
    hold others (the same label, or another one for part of it): each piece of text counts once, under the
    innermost label around it."""
    root = lh.fromstring(annotated)
    lines: list[list[str]] = []
    last_label = None
    for piece in root.xpath("//text()"):
        element = piece.getparent()
        if piece.is_tail:
            element = element.getparent()
        while element is not None and not (element.tag == "span" and LABEL.search(element.get("class", ""))):
            element = element.getparent()
        if element is None or FULL_TEXT not in element.get("class", "").split():
            continue
        if element is not last_label:
            lines.append([])
            last_label = element
        lines[-1].append(piece)
    return "\n".join(text for line in lines if (text := " ".join("".join(line).split())))


@dataclass(frozen=True)
class ClonedSet:
    """Where a set lies in the clone, how its pages are named and what of its gold is main text."""

    prefix: str  # page ids: PREFIX-NAME
    folder: str  # holds input/ and GoldStandard/
    origin: str
    name: re.Pattern[str]  # a gold file's name without .txt
    id_chars: int | None  # the name's characters an id keeps (None: all)
    gold_text: Callable[[str], str]
    order: Callable[[str], tuple[str, int]] | None = None

    def page_id(self, name: str) -> str:
        return f"{self.prefix}-{name[: self.id_chars]}"


SETS = {
    "dragnet": ClonedSet(
        "dn",
        "dragnet_data",
        "seomoz/dragnet_data (no licence stated; pages read from a clone, not copied)",
        re.compile(r"[RT]?\d+"),  # three batches: N, RN and TN
        None,
        main_text,
        lambda name: (name.rstrip("0123456789"), int(name.lstrip("RT"))),
    ),
    "l3s-gn1": ClonedSet(
        "gn",
        "page-signal-master",
        "L3S-GN1, L3S Research Center, research use only, via geodrome/page-signal (read from a clone, not copied)",
        re.compile(r"[0-9a-f]{8}-[0-9a-f-]{27}"),
        8,
        full_text_blocks,
    ),
}


def page_names(gitdir: str, commit: str = COMMIT, cloned: ClonedSet = SETS["dragnet"]) -> list[str]:
    names = git(Path(gitdir), "ls-tree", "--name-only", f"{commit}:{cloned.folder}/GoldStandard").decode().split()
    numbered = [name[:-4] for name in names if name.endswith(".txt") and cloned.name.fullmatch(name[:-4])]
    return sorted(numbered, key=cloned.order) if cloned.order else sorted(numbered)


def load_one(gitdir: str, name: str, commit: str = COMMIT, cloned: ClonedSet = SETS["dragnet"]) -> dict:
    """One page: its raw bytes, the harness's decoding of them and its gold main text."""
    path = f"{cloned.folder}/input/{name}.html"
    raw = git_show(gitdir, f"{commit}:{path}")
    html = harness_decode(raw)
    gold = cloned.gold_text(
        git_show(gitdir, f"{commit}:{cloned.folder}/GoldStandard/{name}.txt").decode("utf-8", "replace")
    )
    return {
        "id": cloned.page_id(name),
        "repo": REPO,
        "path": path,
        "raw": raw,
        "html": html,
        "gold": gold_without_headline(gold, html),
        "lang": "en",
    }


def load(gitdir: str, split: str, commit: str = COMMIT, cloned: ClonedSet = SETS["dragnet"]) -> list[dict]:
    """The set's pages in the requested half, without those whose gold holds no main text."""
    pages = []
    for name in page_names(gitdir, commit, cloned):
        if split != "all" and split_of(cloned.page_id(name)) != split:
            continue
        page = load_one(gitdir, name, commit, cloned)
        if page["gold"].strip():
            pages.append(page)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", required=True, help=f"bare git dir of {REPO}")
    parser.add_argument("--commit", default=COMMIT, help="the clone's commit to read (default: the sets' own)")
    parser.add_argument("--set", choices=sorted(SETS), default="dragnet", help="which set (default: dragnet)")
    parser.add_argument("--split", choices=("dev", "first_sight", "all"), default="first_sight")
    parser.add_argument("--only", default="guidecrawl,trafilatura")
    parser.add_argument("--per-page", action="store_true", help="one line a page (dev only)")
    args = parser.parse_args(argv)
    if args.per_page and args.split != "dev":
        parser.error("--per-page lists dev pages only: the first-sight half is scored, never read")
    try:
        cloned = SETS[args.set]
        pages = load(args.pages, args.split, args.commit, cloned)
    except (OSError, subprocess.CalledProcessError, ValueError) as error:
        print(f"cannot read the {args.set} pages: {error}", file=sys.stderr)
        return 2
    t2s = _t2s()
    results = {name: score(name, pages, t2s) for name in args.only.split(",")}
    print(f"split: {args.split} ({len(pages)} pages of {REPO} at {args.commit[:7]}; from {cloned.origin})")
    print_scores(pages, results, args.per_page, 11)
    return 0


if __name__ == "__main__":
    sys.exit(main())
