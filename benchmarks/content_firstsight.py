"""First-sight main-content benchmark: pages nobody tuned to, guidecrawl vs the anchors, per family.

The set (`benchmarks/pages/firstsight/`, one folder per page: body.html.gz, gold.txt, info.json) was split
before any page was read, by page id alone: sha1(id) as an integer, even → dev, odd → first_sight
(`benchmarks/firstsight_import.py`). Rules are fitted against the dev half only; the first-sight half is
scored when a change is finished, never to find the next rule. Default: the first-sight half.

Scoring is benchmarks/content.py's (imported, not copied): bag-of-bigram F1 for Chinese, bag-of-words for
English, macro-averaged per family and overall; guidecrawl gets raw bytes, the anchors get the harness's
decoding. Families are reported with their language (article-zh, article-en, listing-zh …).

    .venv/bin/python benchmarks/content_firstsight.py [--split first_sight|dev|all] [--per-page]
        [--only guidecrawl,trafilatura,readability,resiliparse] [--below 0.5]

Speed: ms/page (best of 3 after a warm-up) and each anchor's mean time over guidecrawl's.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.content import EXTRACTORS, _t2s, f1, harness_decode, tokens  # noqa: E402

REPEATS = 3  # timing: best of three runs per page, after the scored run


def run(name: str, pages: list[dict], t2s: Callable[[str], str]) -> dict:
    """One extractor over the pages: benchmarks/content.py's scoring, plus the best of REPEATS timings."""
    function, takes_bytes = EXTRACTORS[name]
    rows = []
    for page in pages:
        argument = page["raw"] if takes_bytes else page["html"]
        try:
            text = function(argument)
            times = []
            for _ in range(REPEATS):
                start = time.perf_counter()
                function(argument)
                times.append(time.perf_counter() - start)
        except Exception:  # an anchor failing on a page scores 0 there
            text, times = "", [0.0]
        p, r, f = f1(tokens(text, page["language"], t2s), tokens(page["gold"], page["language"], t2s))
        rows.append({"id": page["id"], "family": page["family"], "p": p, "r": r, "f1": f, "ms": min(times) * 1000})
    families = sorted({row["family"] for row in rows})
    return {
        "rows": rows,
        "overall": statistics.fmean(row["f1"] for row in rows),
        "families": {fam: statistics.fmean(row["f1"] for row in rows if row["family"] == fam) for fam in families},
        "ms": statistics.fmean(row["ms"] for row in rows),
    }


DEFAULT_SET = ROOT / "benchmarks" / "pages" / "firstsight"


def load(folder: Path, split: str) -> list[dict]:
    pages = []
    for page_dir in sorted(path for path in folder.iterdir() if (path / "info.json").exists()):
        info = json.loads((page_dir / "info.json").read_text(encoding="utf-8"))
        if split != "all" and info["split"] != split:
            continue
        raw = gzip.decompress((page_dir / "body.html.gz").read_bytes())
        pages.append(
            {
                "id": info["id"],
                "family": f"{info['family']}-{info['lang']}",
                "language": info["lang"],
                "raw": raw,
                "html": harness_decode(raw),
                "gold": (page_dir / "gold.txt").read_text(encoding="utf-8"),
            }
        )
    return pages


def table(results: dict[str, dict], pages: list[dict]) -> list[str]:
    families = sorted({page["family"] for page in pages})
    counts = {family: sum(page["family"] == family for page in pages) for family in families}
    header = ["extractor", f"overall (n={len(pages)})"] + [f"{fam} (n={counts[fam]})" for fam in families]
    header += ["pages < 0.5", "ms/page mean", "× guidecrawl time"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    base = results.get("guidecrawl", {}).get("ms")
    for name, res in results.items():
        cells = [name, f"{res['overall']:.3f}"] + [f"{res['families'][fam]:.3f}" for fam in families]
        cells.append(str(sum(row["f1"] < 0.5 for row in res["rows"])))
        cells.append(f"{res['ms']:.1f}")
        cells.append(f"{res['ms'] / base:.1f}" if base else "-")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--split", choices=("first_sight", "dev", "all"), default="first_sight")
    parser.add_argument("--only", default=",".join(EXTRACTORS))
    parser.add_argument("--per-page", action="store_true")
    parser.add_argument("--below", type=float, default=0.5, help="list the pages under this F1 (dev, or --per-page)")
    args = parser.parse_args(argv)
    pages = load(args.set, args.split)
    if not pages:
        print(f"no pages in {args.set} for split {args.split}", file=sys.stderr)
        return 2
    t2s = _t2s()
    results = {}
    for name in args.only.split(","):
        try:
            results[name] = run(name, pages, t2s)
        except ImportError as exc:
            print(f"skip {name}: {exc} (install the bench extra)", file=sys.stderr)
    print(f"split: {args.split}")
    print("\n".join(table(results, pages)))
    for name, res in results.items():
        low = [row for row in res["rows"] if row["f1"] < args.below]
        if low and (args.per_page or (name == "guidecrawl" and args.split == "dev")):
            listed = ", ".join(f"{row['id']} {row['f1']:.2f}" for row in sorted(low, key=lambda row: row["f1"]))
            print(f"{name} below {args.below}: {listed}")
    if args.per_page:
        for name, res in results.items():
            for row in res["rows"]:
                scores = f"F1 {row['f1']:.3f} P {row['p']:.3f} R {row['r']:.3f}"
                print(f"{name:<12} {row['id']:<34} {row['family']:<11} {scores} {row['ms']:7.1f} ms")
    if "guidecrawl" in results and len(results) > 1:
        ours = results["guidecrawl"]
        best = {
            family: max(res["families"][family] for name, res in results.items() if name != "guidecrawl")
            for family in ours["families"]
        }
        behind = {fam: round(best[fam] - ours["families"][fam], 3) for fam in best if ours["families"][fam] < best[fam]}
        print(f"families where an anchor is ahead (by): {behind or 'none'}")
        print(f"guidecrawl median F1 {statistics.median(row['f1'] for row in ours['rows']):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
