"""English news and blog articles with hand-extracted gold: the Dragnet project's 2012 training pages.

The pages and their gold are read from a bare clone of j-szulc/html-cleaning-dataset-merged given as an argument
(`dragnet_data/input/N.html`, gold `dragnet_data/GoldStandard/N.txt`, at the commit below); that repository
gathers seomoz/dragnet_data, which states no licence, so nothing of the set is copied into this repository. The
gold holds the article's text, then, on some pages, the readers' comments after a marker line: only the text
before the marker is the main content scored here. Gold lines that repeat the page's `<h1>`/`<h2>` or the words of
its `<title>`, or hold only a date, are left out for every extractor alike (as in `content_study.py`): no
extractor here outputs the headline as body text.

The set is split by page id alone (`dn-N`, the project's one rule, `benchmarks/splits.py`), fixed before any page
was read: `dev` to read and fix against, `first_sight` scored when a change is finished. Scoring is
benchmarks/content.py's (bag-of-words F1 for English); guidecrawl gets the raw bytes, the anchors the harness's
decoding.

    python benchmarks/content_dragnet.py --pages GITDIR [--split dev|first_sight|all]
        [--only guidecrawl,trafilatura] [--per-page]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.content import _t2s, harness_decode  # noqa: E402
from benchmarks.content_study import git_show, gold_without_headline, score  # noqa: E402
from benchmarks.firstsight_import import git  # noqa: E402
from benchmarks.splits import split_of  # noqa: E402

REPO = "j-szulc/html-cleaning-dataset-merged"
COMMIT = "46e01a04b47051838a228bf23631430b2c9de375"
ORIGIN = "seomoz/dragnet_data (no licence stated; pages read from a clone, not copied)"
INPUT, GOLD = "dragnet_data/input", "dragnet_data/GoldStandard"
# The marker line before the comments, typed by hand on each page: "!@#$%^&*()  COMMENTS" and a dozen variants.
COMMENTS_MARKER = re.compile(r"^[!@#$%^&*() \t]*COMMENTS\s*$", re.MULTILINE)


def main_text(gold: str) -> str:
    """The gold's article text: what comes before the comments marker line, where there is one."""
    return COMMENTS_MARKER.split(gold, maxsplit=1)[0]


def page_numbers(gitdir: str, commit: str = COMMIT) -> list[str]:
    names = git(Path(gitdir), "ls-tree", "--name-only", f"{commit}:{GOLD}").decode().split()
    # Three batches: N.txt, RN.txt and TN.txt.
    numbered = [name[:-4] for name in names if re.fullmatch(r"[RT]?\d+\.txt", name)]
    return sorted(numbered, key=lambda n: (n.rstrip("0123456789"), int(n.lstrip("RT"))))


def load_one(gitdir: str, number: str, commit: str = COMMIT) -> dict:
    """One page: its raw bytes, the harness's decoding of them and its gold main text."""
    raw = git_show(gitdir, f"{commit}:{INPUT}/{number}.html")
    html = harness_decode(raw)
    gold = main_text(git_show(gitdir, f"{commit}:{GOLD}/{number}.txt").decode("utf-8", "replace"))
    path = f"{INPUT}/{number}.html"
    return {
        "id": f"dn-{number}",
        "repo": REPO,
        "path": path,
        "raw": raw,
        "html": html,
        "gold": gold_without_headline(gold, html),
        "lang": "en",
    }


def load(gitdir: str, split: str, commit: str = COMMIT) -> list[dict]:
    """The set's pages in the requested half, without those whose gold holds no main text."""
    pages = []
    for number in page_numbers(gitdir, commit):
        if split != "all" and split_of(f"dn-{number}") != split:
            continue
        page = load_one(gitdir, number, commit)
        if page["gold"].strip():
            pages.append(page)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", required=True, help=f"bare git dir of {REPO}")
    parser.add_argument("--commit", default=COMMIT, help="the clone's commit to read (default: the set's own)")
    parser.add_argument("--split", choices=("dev", "first_sight", "all"), default="first_sight")
    parser.add_argument("--only", default="guidecrawl,trafilatura")
    parser.add_argument("--per-page", action="store_true", help="one line a page (dev only)")
    args = parser.parse_args(argv)
    if args.per_page and args.split != "dev":
        parser.error("--per-page lists dev pages only: the first-sight half is scored, never read")
    try:
        pages = load(args.pages, args.split, args.commit)
    except (OSError, subprocess.CalledProcessError, ValueError) as error:
        print(f"cannot read the Dragnet pages: {error}", file=sys.stderr)
        return 2
    t2s = _t2s()
    results = {name: score(name, pages, t2s) for name in args.only.split(",")}
    print(f"split: {args.split} ({len(pages)} pages of {REPO} at {args.commit[:7]}; from {ORIGIN})")
    print("| extractor | F1 | median | pages < 0.5 |")
    print("|---|---|---|---|")
    for name, rows in results.items():
        values = [row["f1"] for row in rows]
        low = sum(value < 0.5 for value in values)
        print(f"| {name} | {statistics.fmean(values):.3f} | {statistics.median(values):.3f} | {low} |")
    if args.per_page:
        names = list(results)
        for i in sorted(range(len(pages)), key=lambda i: results[names[0]][i]["f1"]):
            scored = [(name[:5], results[name][i]) for name in names]
            cells = "  ".join(f"{name} F1 {row['f1']:.3f} P {row['p']:.3f} R {row['r']:.3f}" for name, row in scored)
            print(f"{pages[i]['id']:<8} {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
