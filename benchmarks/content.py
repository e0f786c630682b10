"""Main-content extraction benchmark: bag-of-bigram F1 against gold, per family, guidecrawl vs the anchors.

Metric (the same as ../shared/corpus/score_content.py): both texts NFKC-normalized, format characters dropped,
OpenCC t2s, lower-cased; Chinese pages → character bigrams without whitespace and punctuation, English pages
→ \\w+ words; P/R/F1 over token multisets per page, macro-averaged per family and overall.

guidecrawl gets the raw bytes (decoding is part of its job and of its time); the anchors get the page
already decoded by the harness (UTF-8, then GB18030, then Big5-HKSCS), so they are not charged for it.
Anchors are imported lazily from the `bench` extra: `.venv/bin/pip install -e '.[bench]'`.

    .venv/bin/python benchmarks/content.py [--corpus DIR] [--per-page] [--only guidecrawl,trafilatura]

Exits 1 if guidecrawl falls below a pinned floor (FLOORS): lower one only on purpose, never silently.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = ROOT / "tests" / "fixtures" / "corpus" / "html"
FLOORS = {"overall": 0.95, "news": 0.95, "forum": 0.95, "listing": 0.93}
REPEATS = 3  # timing: best of three runs per page, after one warm-up run


def _t2s() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


def tokens(text: str, language: str, t2s: Callable[[str], str]) -> Counter[str]:
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = re.sub(r"\s+", " ", t2s(text).lower()).strip()
    if language == "en":
        return Counter(re.findall(r"\w+", text))
    chars = [ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith("P")]
    return Counter(a + b for a, b in itertools.pairwise(chars))


def f1(pred: Counter[str], gold: Counter[str]) -> tuple[float, float, float]:
    npred, ngold = sum(pred.values()), sum(gold.values())
    if not npred or not ngold:
        return 0.0, 0.0, 0.0
    overlap = sum((pred & gold).values())
    p, r = overlap / npred, overlap / ngold
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def harness_decode(raw: bytes) -> str:
    for codec in ("utf-8", "gb18030", "big5hkscs"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


# ----------------------------------------------------------------------------- extractors
def guidecrawl(raw: bytes) -> str:
    from extract.pipeline import read_page

    return read_page(raw).text


def trafilatura(html: str) -> str:
    import trafilatura as lib

    return lib.extract(html) or ""


def readability(html: str) -> str:
    from lxml import html as lh
    from readability import Document

    summary = Document(html).summary(html_partial=True)
    if not summary.strip():
        return ""
    node = lh.fromstring(summary)
    for element in node.iter("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "blockquote", "pre"):
        element.tail = "\n" + (element.tail or "")
    return node.text_content()


def resiliparse(html: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(html, main_content=True)


EXTRACTORS: dict[str, tuple[Callable, bool]] = {  # name → (function, takes raw bytes)
    "guidecrawl": (guidecrawl, True),
    "trafilatura": (trafilatura, False),
    "readability": (readability, False),
    "resiliparse": (resiliparse, False),
}


def load(corpus: Path) -> list[dict]:
    pages = []
    for folder in sorted(p for p in corpus.iterdir() if (p / "gold.txt").exists()):
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        raw = (folder / "page.html").read_bytes()
        pages.append(
            {
                "id": folder.name,
                "family": meta["family"],
                "language": meta.get("language", "zh"),
                "raw": raw,
                "html": harness_decode(raw),
                "gold": (folder / "gold.txt").read_text(encoding="utf-8"),
            }
        )
    return pages


def run(name: str, pages: list[dict], t2s: Callable[[str], str]) -> dict:
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
            error = None
        except Exception as exc:  # an anchor failing on a page scores 0 there
            text, times, error = "", [0.0], f"{type(exc).__name__}: {exc}"[:100]
        p, r, f = f1(tokens(text, page["language"], t2s), tokens(page["gold"], page["language"], t2s))
        rows.append(
            {
                "id": page["id"],
                "family": page["family"],
                "p": p,
                "r": r,
                "f1": f,
                "ms": min(times) * 1000,
                "error": error,
            }
        )
    families = sorted({row["family"] for row in rows})
    return {
        "rows": rows,
        "overall": statistics.fmean(row["f1"] for row in rows),
        "families": {fam: statistics.fmean(row["f1"] for row in rows if row["family"] == fam) for fam in families},
        "ms": statistics.fmean(row["ms"] for row in rows),
        "ms_median": statistics.median(row["ms"] for row in rows),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--only", default=",".join(EXTRACTORS))
    parser.add_argument("--per-page", action="store_true")
    args = parser.parse_args(argv)
    pages = load(args.corpus)
    t2s = _t2s()
    results = {}
    for name in args.only.split(","):
        try:
            results[name] = run(name, pages, t2s)
        except ImportError as exc:
            print(f"skip {name}: {exc} (install the bench extra)", file=sys.stderr)
    families = sorted({page["family"] for page in pages})
    counts = {fam: sum(page["family"] == fam for page in pages) for fam in families}
    header = ["extractor", "overall"] + [f"{fam} (n={counts[fam]})" for fam in families] + ["ms/page mean", "median"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name, res in results.items():
        cells = [name, f"{res['overall']:.3f}"] + [f"{res['families'][fam]:.3f}" for fam in families]
        cells += [f"{res['ms']:.1f}", f"{res['ms_median']:.1f}"]
        print("| " + " | ".join(cells) + " |")
    if args.per_page:
        for name, res in results.items():
            for row in res["rows"]:
                scores = f"F1 {row['f1']:.3f} P {row['p']:.3f} R {row['r']:.3f}"
                print(
                    f"{name:<12} {row['id']:<18} {row['family']:<8} {scores} {row['ms']:7.1f} ms {row['error'] or ''}"
                )
    ours = results.get("guidecrawl")
    if ours is None:
        return 0
    summary = {"overall": ours["overall"], **ours["families"]}
    below = {key: round(summary[key], 3) for key, floor in FLOORS.items() if key in summary and summary[key] < floor}
    if below:
        print(f"below the pinned floors {FLOORS}: {below}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
