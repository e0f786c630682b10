"""Study set for article-body cleaning: the block model's training pages, outside every evaluation set.

The pages are those listed in extract/data/block_model_pages.csv (repository, path, commit, licence of each; every
first-sight and fixture page is already left out there): opendatalab/magic-html `benchmark/data/article/`
(Apache-2.0; htmls/*.html, gold `content` in base.json) and scrapinghub/article-extraction-benchmark (MIT;
html/*.html.gz, gold `articleBody` in ground-truth.json), read from bare clones given as arguments.

magic-html's gold keeps the headline and sometimes the date line, which no extractor here outputs as body text: gold
lines that repeat a heading of the page (`<h1>`/`<h2>`, or a line the `<title>` contains) or hold only a date are
left out of that gold before scoring, for every extractor alike.

The set is split by page path alone, fixed before any page was read: sha1(path) even → `study` (read, fix against),
odd → `check` (scored when a change is finished). Scoring is benchmarks/content.py's (imported): bag-of-bigram F1
for Chinese, bag-of-words for English; guidecrawl gets raw bytes, trafilatura the harness's decoding.

    python benchmarks/content_study.py --magic-html GITDIR --scrapinghub GITDIR [--split study|check|all]
        [--only guidecrawl,trafilatura] [--per-page]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.block_model_train import language  # noqa: E402
from benchmarks.content import EXTRACTORS, _t2s, f1, harness_decode, tokens  # noqa: E402
from benchmarks.firstsight_import import git  # noqa: E402
from benchmarks.splits import split_of  # noqa: E402

MANIFEST_PATH = ROOT / "extract" / "data" / "block_model_pages.csv"
MAGIC_REPO = "opendatalab/magic-html"
MAGIC_GOLD = "benchmark/data/article/base.json"
SCRAPINGHUB_REPO = "scrapinghub/article-extraction-benchmark"
SCRAPINGHUB_GOLD = "ground-truth.json"
DATE_ONLY = re.compile(r"^[\s\d年月日时分秒:：/.\-,|·]*(?:\d{1,2}:\d{2})?[\s\d年月日时分秒:：/.\-,|·]*$")


def git_show(gitdir: str, spec: str) -> bytes:
    return git(Path(gitdir), "show", spec)


def study_half(path: str) -> str:
    """The project's one split rule, named for this set: `dev` → `study`, `first_sight` → `check`."""
    return "study" if split_of(path) == "dev" else "check"


def headings(html: str) -> tuple[set[str], str]:
    """The page's <h1>/<h2> texts and its <title>, to recognise the headline in a gold text."""
    from lxml import html as lh

    try:
        tree = lh.fromstring(html)
    except Exception:  # an unparsable page keeps its gold whole
        return set(), ""
    texts = {" ".join(el.text_content().split()) for el in tree.iter("h1", "h2")}
    title = " ".join((tree.findtext(".//title") or "").split())
    return {text for text in texts if text}, title


def gold_without_headline(gold: str, html: str) -> str:
    texts, title = headings(html)
    kept = []
    for line in gold.splitlines():
        flat = " ".join(line.split())
        if flat and (flat in texts or (len(flat) >= 6 and flat in title) or DATE_ONLY.match(flat)):
            continue
        kept.append(line)
    return "\n".join(kept)


def load(magic_dir: str, scrapinghub_dir: str, split: str) -> list[dict]:
    """The manifest's pages (at the manifest's commit) with their gold, in the requested half."""
    golds = {
        MAGIC_REPO: {
            f"benchmark/data/article/htmls/{key}.html": value["content"]
            for key, value in json.loads(git_show(magic_dir, f"HEAD:{MAGIC_GOLD}")).items()
        },
        SCRAPINGHUB_REPO: {
            f"html/{key}.html.gz": value["articleBody"]
            for key, value in json.loads(git_show(scrapinghub_dir, f"HEAD:{SCRAPINGHUB_GOLD}")).items()
        },
    }
    dirs = {MAGIC_REPO: magic_dir, SCRAPINGHUB_REPO: scrapinghub_dir}
    pages = []
    with MANIFEST_PATH.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if split != "all" and study_half(row["path"]) != split:
                continue
            raw = git_show(dirs[row["repo"]], f"{row['commit']}:{row['path']}")
            if row["path"].endswith(".gz"):
                raw = gzip.decompress(raw)
            html = harness_decode(raw)
            gold = golds[row["repo"]][row["path"]]
            if row["repo"] == MAGIC_REPO:
                gold = gold_without_headline(gold, html)
            page_id = Path(row["path"]).name[:14]
            pages.append({"id": page_id, **row, "raw": raw, "html": html, "gold": gold, "lang": language(gold)})
    return pages


def score(name: str, pages: list[dict], t2s: Callable[[str], str]) -> list[dict]:
    function, takes_bytes = EXTRACTORS[name]
    rows = []
    for page in pages:
        try:
            text = function(page["raw"] if takes_bytes else page["html"])
        except Exception:  # an extractor failing on a page scores 0 there
            text = ""
        p, r, f = f1(tokens(text, page["lang"], t2s), tokens(page["gold"], page["lang"], t2s))
        rows.append({"id": page["id"], "repo": page["repo"], "lang": page["lang"], "p": p, "r": r, "f1": f})
    return rows


def print_scores(pages: list[dict], results: dict[str, list[dict]], per_page: bool, id_width: int) -> None:
    """The F1 table of a set read from a clone (mean, median, pages below 0.5 per extractor) and, with `per_page`,
    one line a page, the first extractor's worst first."""
    print("| extractor | F1 | median | pages < 0.5 |")
    print("|---|---|---|---|")
    for name, rows in results.items():
        values = [row["f1"] for row in rows]
        low = sum(value < 0.5 for value in values)
        print(f"| {name} | {statistics.fmean(values):.3f} | {statistics.median(values):.3f} | {low} |")
    if per_page:
        names = list(results)
        for i in sorted(range(len(pages)), key=lambda i: results[names[0]][i]["f1"]):
            scored = [(name[:5], results[name][i]) for name in names]
            cells = "  ".join(f"{name} F1 {row['f1']:.3f} P {row['p']:.3f} R {row['r']:.3f}" for name, row in scored)
            print(f"{pages[i]['id']:<{id_width}} {cells}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--magic-html", required=True, help="bare git dir of opendatalab/magic-html")
    parser.add_argument("--scrapinghub", required=True, help="bare git dir of scrapinghub/article-extraction-benchmark")
    parser.add_argument("--split", choices=("study", "check", "all"), default="study")
    parser.add_argument("--only", default="guidecrawl,trafilatura")
    parser.add_argument("--per-page", action="store_true")
    args = parser.parse_args(argv)
    try:
        pages = load(args.magic_html, args.scrapinghub, args.split)
    except (OSError, subprocess.CalledProcessError, KeyError, ValueError) as error:
        print(f"cannot read the study pages: {error}", file=sys.stderr)
        return 2
    t2s = _t2s()
    results = {name: score(name, pages, t2s) for name in args.only.split(",")}
    print(f"split: {args.split} ({len(pages)} pages)")
    print("| extractor | overall | zh | en | pages < 0.5 |")
    print("|---|---|---|---|---|")
    for name, rows in results.items():
        by_lang = {
            lang: statistics.fmean([row["f1"] for row in rows if row["lang"] == lang] or [0.0]) for lang in ("zh", "en")
        }
        overall = statistics.fmean(row["f1"] for row in rows)
        low = sum(row["f1"] < 0.5 for row in rows)
        print(f"| {name} | {overall:.3f} | {by_lang['zh']:.3f} | {by_lang['en']:.3f} | {low} |")
    if args.per_page:
        names = list(results)
        ordered = sorted(range(len(pages)), key=lambda i: results[names[0]][i]["f1"])
        for i in ordered:
            scores = [results[name][i] for name in names]
            cells = "  ".join(
                f"{name[:5]} F1 {row['f1']:.3f} P {row['p']:.3f} R {row['r']:.3f}"
                for name, row in zip(names, scores, strict=True)
            )
            print(f"{pages[i]['id']:<14} {pages[i]['lang']} {pages[i]['repo'][:11]:<11} {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
