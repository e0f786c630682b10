"""Main-content extraction benchmark: bag-of-bigram F1 against gold, per family, guidecrawl vs the anchors.

The pages: every fixture page with a gold text (`tests/fixtures/pages/<family>/<name>/gold.txt`, read through
tests/fixture_pages.py), scored per family (the folder: article, forum, listing).

Metric (the same as ../shared/corpus/score_content.py): both texts NFKC-normalized, format characters dropped,
OpenCC t2s, lower-cased; Chinese pages → character bigrams without whitespace and punctuation, English pages
→ \\w+ words; P/R/F1 over token multisets per page, macro-averaged per family and overall.

guidecrawl gets the raw bytes (decoding is part of its job and of its time); the anchors get the page
already decoded by the harness (UTF-8, then GB18030, then Big5-HKSCS), so they are not charged for it.
Anchors are imported lazily from the `bench` extra: `.venv/bin/pip install -e '.[bench]'`.

    .venv/bin/python benchmarks/content.py [--pages DIR] [--per-page] [--only guidecrawl,trafilatura]
        [--rounds N] [--no-speed] [--hostile]

Speed: guidecrawl against trafilatura, in this process, on every fixture page (with or without gold),
interleaved — each round visits the pages in a new (seeded) order and runs the two extractors back to back on each
page, which goes first alternating — so that a load spike on this shared machine hits both. A page's time is
its fastest round. Reported: pages/s over all pages, the median page, and the ratios.

Exits 1 if guidecrawl falls below a pinned floor (FLOORS, SPEED_FLOORS): lower one only on purpose, never silently.
"""

from __future__ import annotations

import argparse
import itertools
import random
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

from tests.fixture_pages import PAGES, gold_pages, saved_pages  # noqa: E402

FLOORS = {"overall": 0.95, "article": 0.95, "forum": 0.95, "listing": 0.93}
# guidecrawl ÷ trafilatura: pages per second over all pages, and the median page's speed (its time inverted).
SPEED_FLOORS = {"pages_per_s": 2.0, "median_page": 1.0}
SPEED_ANCHOR = "trafilatura"


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


def load(root: Path = PAGES) -> list[dict]:
    """The gold pages under `root` (the fixture layout), as the scorer takes them."""
    return [
        {
            "id": page.id,
            "family": page.family,
            "language": page.lang,
            "raw": page.body,
            "html": harness_decode(page.body),
            "gold": page.gold,
        }
        for page in gold_pages(root)
    ]


def run(name: str, pages: list[dict], t2s: Callable[[str], str]) -> dict:
    function, takes_bytes = EXTRACTORS[name]
    rows = []
    for page in pages:
        argument = page["raw"] if takes_bytes else page["html"]
        try:
            text, error = function(argument), None
        except Exception as exc:  # an anchor failing on a page scores 0 there
            text, error = "", f"{type(exc).__name__}: {exc}"[:100]
        p, r, f = f1(tokens(text, page["language"], t2s), tokens(page["gold"], page["language"], t2s))
        rows.append(
            {
                "id": page["id"],
                "family": page["family"],
                "p": p,
                "r": r,
                "f1": f,
                "error": error,
            }
        )
    families = sorted({row["family"] for row in rows})
    return {
        "rows": rows,
        "overall": statistics.fmean(row["f1"] for row in rows),
        "families": {fam: statistics.fmean(row["f1"] for row in rows if row["family"] == fam) for fam in families},
    }


# ----------------------------------------------------------------------------- speed


def speed_pages(root: Path = PAGES) -> list[dict]:
    """Every fixture page under `root` once (raw bytes, and decoded by the harness for the anchor)."""
    return [{"id": page.name, "raw": page.body, "html": harness_decode(page.body)} for page in saved_pages(root)]


def speed(pages: list[dict], names: tuple[str, str], rounds: int) -> dict[str, list[float]]:
    """Seconds per page (fastest round) of each extractor, the two run back to back on every page."""
    runs = {name: EXTRACTORS[name] for name in names}
    for page in pages:  # warm-up: imports, vocabularies, regex caches
        for function, takes_bytes in runs.values():
            function(page["raw"] if takes_bytes else page["html"])
    best = {name: [float("inf")] * len(pages) for name in names}
    order = list(range(len(pages)))
    for round_number in range(rounds):
        random.Random(round_number).shuffle(order)
        for position, index in enumerate(order):
            page = pages[index]
            for name in names if (round_number + position) % 2 == 0 else names[::-1]:
                function, takes_bytes = runs[name]
                argument = page["raw"] if takes_bytes else page["html"]
                start = time.perf_counter()
                function(argument)
                best[name][index] = min(best[name][index], time.perf_counter() - start)
    return best


def speed_report(pages: list[dict], times: dict[str, list[float]], per_page: bool) -> dict[str, float]:
    ours, anchor = times["guidecrawl"], times[SPEED_ANCHOR]
    summary = {
        "pages_per_s": (len(pages) / sum(ours)) / (len(pages) / sum(anchor)),
        "median_page": statistics.median(anchor) / statistics.median(ours),
    }
    print(f"\nspeed, {len(pages)} fixture pages, fastest of the interleaved rounds:\n")
    print("| extractor | pages/s | median page ms | mean page ms |")
    print("|---|---|---|---|")
    for name, seconds in times.items():
        cells = [f"{len(pages) / sum(seconds):.1f}", f"{statistics.median(seconds) * 1000:.1f}"]
        print(f"| {name} | " + " | ".join([*cells, f"{statistics.fmean(seconds) * 1000:.1f}"]) + " |")
    slower = sum(o > a for o, a in zip(ours, anchor, strict=True))
    ratios = f"pages/s ×{summary['pages_per_s']:.2f}, median page ×{summary['median_page']:.2f}"
    floors = f"floors ×{SPEED_FLOORS['pages_per_s']}, ×{SPEED_FLOORS['median_page']}"
    print(f"\nguidecrawl ÷ {SPEED_ANCHOR}: {ratios} ({floors}); slower on {slower} of {len(pages)} pages")
    if per_page:
        for page, o, a in zip(pages, ours, anchor, strict=True):
            print(
                f"speed {page['id']:<45} guidecrawl {o * 1000:7.1f} ms  {SPEED_ANCHOR} {a * 1000:7.1f} ms  ×{a / o:.2f}"
            )
    return summary


# ----------------------------------------------------------------------------- hostile pages

HOSTILE_SENTENCE = "参保人可以在网上办理医保业务，不必再到服务大厅排队。"


def hostile_pages() -> list[tuple[str, str, int]]:
    """(name, html, characters of text the page holds): pages built to break parsers or to cost super-linear time."""
    s = HOSTILE_SENTENCE
    huge = s * (10_000_000 // len(s.encode()) + 1)

    def nested(opening: str, closing: str, depth: int) -> str:
        return f"<html><body>{opening * depth}<p>{s}</p>{closing * depth}<p>{s}</p></body></html>"

    def paragraphs(count: int) -> str:
        return "<html><body><div class='main'>" + f"<p>{s}</p>" * count + "</div></body></html>"

    def levels(count: int) -> str:
        return "<html><body>" + f"<div><p>{s}</p>" * count + "</div>" * count + "</body></html>"

    return [
        ("5,000 nested <div>", nested("<div>", "</div>", 5000), 2 * len(s)),
        ("1,500 nested <table>", nested("<table><tr><td>", "</td></tr></table>", 1500), 2 * len(s)),
        ("one 10 MB text node", f"<html><body><div><p>{huge}</p></div></body></html>", len(huge)),
        ("10,000 paragraphs", paragraphs(10_000), 10_000 * len(s)),
        ("40,000 paragraphs", paragraphs(40_000), 40_000 * len(s)),
        ("text at 250 levels", levels(250), 250 * len(s)),
        ("text at 1,000 levels", levels(1000), 1000 * len(s)),
    ]


def hostile() -> None:
    from extract.content import content

    print("\nhostile pages (CPU seconds of content(), characters kept of the page's text):\n")
    print("| page | seconds | kept |")
    print("|---|---|---|")
    for name, html, chars in hostile_pages():
        start = time.process_time()
        text = content(html).text
        kept = len(text.replace("\n", ""))
        print(f"| {name} | {time.process_time() - start:.2f} | {kept:,} of {chars:,} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=Path, default=PAGES, help="a folder of <family>/<name>/ fixture pages")
    parser.add_argument("--only", default=",".join(EXTRACTORS))
    parser.add_argument("--per-page", action="store_true")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved speed rounds (default 5)")
    parser.add_argument("--no-speed", action="store_true", help="F1 only")
    parser.add_argument("--hostile", action="store_true", help="also time deep, huge and long pages")
    args = parser.parse_args(argv)
    pages = load(args.pages)
    t2s = _t2s()
    results = {}
    for name in args.only.split(","):
        try:
            results[name] = run(name, pages, t2s)
        except ImportError as exc:
            print(f"skip {name}: {exc} (install the bench extra)", file=sys.stderr)
    families = sorted({page["family"] for page in pages})
    counts = {fam: sum(page["family"] == fam for page in pages) for fam in families}
    header = ["extractor", "overall"] + [f"{fam} (n={counts[fam]})" for fam in families]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name, res in results.items():
        cells = [name, f"{res['overall']:.3f}"] + [f"{res['families'][fam]:.3f}" for fam in families]
        print("| " + " | ".join(cells) + " |")
    if args.per_page:
        for name, res in results.items():
            for row in res["rows"]:
                scores = f"F1 {row['f1']:.3f} P {row['p']:.3f} R {row['r']:.3f}"
                print(f"{name:<12} {row['id']:<18} {row['family']:<8} {scores} {row['error'] or ''}")
    ours = results.get("guidecrawl")
    if ours is None:
        return 0
    summary = {"overall": ours["overall"], **ours["families"]}
    below = {key: round(summary[key], 3) for key, floor in FLOORS.items() if key in summary and summary[key] < floor}
    if not args.no_speed and SPEED_ANCHOR in results:
        pages = speed_pages(args.pages)
        ratios = speed_report(pages, speed(pages, ("guidecrawl", SPEED_ANCHOR), args.rounds), args.per_page)
        below |= {f"speed {key}": round(ratios[key], 2) for key, floor in SPEED_FLOORS.items() if ratios[key] < floor}
    if args.hostile:
        hostile()
    if below:
        print(f"below the pinned floors {FLOORS} {SPEED_FLOORS}: {below}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
