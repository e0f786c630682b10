"""Forum threads with hand-marked posts, read from a clone: the gold documents of fhgr/harvest (Apache-2.0).

102 thread pages of 51 boards (two pages each; English, German and French; phpBB, vBulletin, XenForo, Vanilla,
Discourse-like, Invision and home-made boards, health-support forums among them), saved in 2019–2020 by the
authors of the Harvest forum-post extractor (Weichselbraun et al.). Each `corpus/goldDocuments/*.json` holds the
page's HTML and, for every post, the span of its text (`gold_standard_annotation[].post_text`): the main content
scored here is the posts' texts, one after the other. The thread's title, the posters' names and the posts' dates are
not in the gold, for every extractor alike. Nothing of the set is copied into this repository: the pages are read
from a bare clone of fhgr/harvest given as an argument (at the commit below).

The split is the project's one rule (`benchmarks/splits.py`) applied to the board's id (`hv-` and the host of the
thread's URL), so that both pages of a board fall in the same half and no board is studied and scored: `dev` to
read and fix against, `first_sight` scored when a change is finished. A page's id is the board's id and its number
on the board (1 or 2, in the order of the file names). Scoring is benchmarks/content.py's (bag-of-words F1 for
these languages); guidecrawl gets the page as UTF-8 bytes, the anchors the text.

    python benchmarks/content_forums.py --pages GITDIR [--split dev|first_sight|all]
        [--only guidecrawl,trafilatura] [--per-page]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.content import _t2s  # noqa: E402
from benchmarks.content_study import git_show, print_scores, score  # noqa: E402
from benchmarks.firstsight_import import git  # noqa: E402
from benchmarks.splits import split_of  # noqa: E402

REPO = "fhgr/harvest"
COMMIT = "f778b0a4112259ad246c8ac57e9d51eb149ab9ef"
FOLDER = "corpus/goldDocuments"
ORIGIN = "fhgr/harvest corpus/goldDocuments (Apache-2.0; pages read from a clone, not copied)"


def board_id(url: str) -> str:
    return "hv-" + (urlsplit(url).hostname or "unknown").removeprefix("www.")


def gold_posts(document: dict) -> str:
    """The posts' texts, one a line, in the order the annotation gives them."""
    posts = [" ".join(post["post_text"]["surface_form"].split()) for post in document["gold_standard_annotation"]]
    return "\n".join(post for post in posts if post)


def load(gitdir: str, split: str, commit: str = COMMIT) -> list[dict]:
    """The set's pages in the requested half, without those whose gold holds no post."""
    full = git(Path(gitdir), "rev-parse", f"{commit}^{{commit}}").decode().strip()
    names = sorted(git(Path(gitdir), "ls-tree", "--name-only", f"{full}:{FOLDER}").decode().split())
    seen: defaultdict[str, int] = defaultdict(int)
    pages = []
    for name in names:
        if not name.endswith(".json"):
            continue
        document = json.loads(git_show(gitdir, f"{full}:{FOLDER}/{name}"))
        board = board_id(document["url"])
        seen[board] += 1
        if split != "all" and split_of(board) != split:
            continue
        gold = gold_posts(document)
        if not gold:
            continue
        html = document["html"]
        pages.append(
            {
                "id": f"{board}-{seen[board]}",
                "repo": REPO,
                "path": f"{FOLDER}/{name}",
                "url": document["url"],
                "raw": html.encode("utf-8"),
                "html": html,
                "gold": gold,
                "lang": "en",
            }
        )
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
    except (OSError, subprocess.CalledProcessError, ValueError, KeyError) as error:
        print(f"cannot read the forum pages: {error}", file=sys.stderr)
        return 2
    t2s = _t2s()
    results = {name: score(name, pages, t2s) for name in args.only.split(",")}
    boards = len({page["id"].rsplit("-", 1)[0] for page in pages})
    print(f"split: {args.split} ({len(pages)} pages of {boards} boards, {REPO} at {args.commit[:7]}; from {ORIGIN})")
    print_scores(pages, results, args.per_page, 34)
    return 0


if __name__ == "__main__":
    sys.exit(main())
