"""Build benchmarks/pages/modern_web/ from tiptopjaw/web-content-extraction-benchmark (Apache-2.0, data only).

The source holds 1,000 English pages fetched from the live web in 2025–2026 (`release/html/NNNN.html.gz`), each with
an annotation (`benchmark/ground-truth/NNNN.json`: the page's URL, its type, and a `main_content` written by a
language model and checked by a person, with `with`/`without` sentences). Rules fixed before any page was read:

- page types taken: `article` (news, blogs, guides, health and finance explainers) and `forum` (threads; a thread
  whose URL names a question, or on a Q&A host, is family `qa`, the first-sight forum import's rule `family_of`);
  the other types (product, service, documentation, collection, listing pages) are not families guidecrawl reads;
- at most ARTICLES article pages, those with the lowest sha1 of their id (the set stays a size the repository
  carries), every forum page;
- id `mw-NNNN`; split by `split_of` (sha1 of the id as an integer, even → dev, odd → first_sight);
- lang by `lang_of` (a page in neither English nor Chinese is left out), a gold under 100 characters is left out,
  and a page already in another set or a fixture (same body or same URL) is left out.

The gold is `main_content` as the source gives it (its convention: the page's main text, headline usually left
out; the `with`/`without` sentences are kept in `info.json` for reading, not scored).

    python benchmarks/modern_web_import.py --source GITDIR --trafilatura GITDIR [--out DIR]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.firstsight_forum import family_of, lang_of  # noqa: E402
from benchmarks.firstsight_import import git, write_page  # noqa: E402
from benchmarks.suites_import import MIN_GOLD, blob_id, normal_url, page_url, used_elsewhere  # noqa: E402

DEFAULT_OUT = ROOT / "benchmarks" / "pages" / "modern_web"
SUITES = ROOT / "benchmarks" / "pages" / "extractor_suites"
REPO = "tiptopjaw/web-content-extraction-benchmark"
ARTICLES = 200
TAKEN_TYPES = ("article", "forum")


def _sha1(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)


def suites_used(bodies: set[str], urls: set[str]) -> None:
    """Add the extractor-suite set's bodies and URLs to those already used."""
    for info_path in SUITES.glob("*/info.json"):
        body = gzip.decompress((info_path.parent / "body.html.gz").read_bytes())
        bodies.add(blob_id(body))
        if url := json.loads(info_path.read_text(encoding="utf-8")).get("url") or page_url(body):
            urls.add(normal_url(url))


def import_modern_web(git_dir: Path, out: Path, bodies: set[str], urls: set[str]) -> dict[str, int]:
    commit = git(git_dir, "rev-parse", "HEAD").decode().strip()
    annotations = {}
    for path in git(git_dir, "ls-tree", "--name-only", "HEAD", "benchmark/ground-truth/").decode().split():
        annotation = json.loads(git(git_dir, "show", f"HEAD:{path}"))
        kind = annotation.get("_internal", {}).get("page_type", {}).get("primary")
        if kind in TAKEN_TYPES:
            annotations[f"mw-{annotation['file_id']}"] = (path, kind, annotation)
    articles = sorted((key for key, (_, kind, _) in annotations.items() if kind == "article"), key=_sha1)
    chosen = set(articles[:ARTICLES]) | {key for key, (_, kind, _) in annotations.items() if kind == "forum"}
    counts = {"written": 0, "short gold": 0, "language": 0, "already used": 0}
    for page_id in sorted(chosen):
        gold_path, kind, annotation = annotations[page_id]
        gold = annotation["ground_truth"]["main_content"] or ""
        lang = lang_of(gold)
        if len(gold.strip()) < MIN_GOLD:
            counts["short gold"] += 1
            continue
        if lang is None:
            counts["language"] += 1
            continue
        path = f"release/html/{annotation['file_id']}.html.gz"
        body = gzip.decompress(git(git_dir, "show", f"HEAD:{path}"))
        url = annotation.get("url") or page_url(body)
        if blob_id(body) in bodies or (url and normal_url(url) in urls):
            counts["already used"] += 1
            continue
        bodies.add(blob_id(body))
        if url:
            urls.add(normal_url(url))
        info = {
            "url": url,
            "headers": {},
            "source_repo": REPO,
            "source_path": path,
            "gold_path": f"{gold_path} (ground_truth.main_content)",
            "source_commit": commit,
            "licence": "Apache-2.0",
            "family": "article" if kind == "article" else family_of(url or ""),
            "lang": lang,
            "gold_by": "source benchmark: main text written by a language model, checked by a person",
            "with": annotation["ground_truth"].get("with", []),
            "without": annotation["ground_truth"].get("without", []),
        }
        write_page(out, page_id, body, gold, info)
        counts["written"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, required=True, help=f"bare git dir of {REPO}")
    parser.add_argument("--trafilatura", type=Path, required=True, help="bare git dir of adbar/trafilatura")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    bodies, urls = used_elsewhere(args.trafilatura)
    suites_used(bodies, urls)
    print(import_modern_web(args.source, args.out, bodies, urls))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
