"""Build benchmarks/pages/extractor_suites/ from the test suites of other article extractors (data only).

Sources (bare git clones given as arguments; every page keeps its repository, path, commit and licence):

- codelucas/newspaper (MIT): `tests/data/html/<name>.html` with the expected text `tests/data/text/<name>.txt`;
- AndyTheFactory/newspaper4k (MIT): `tests/data/html/<name>.html` with `tests/data/txt/<name>.txt`;
- mozilla/readability (Apache-2.0): the real-site test pages `test/test-pages/<name>/source.html` that the first-sight
  set does not hold, with the text of `expected.html` (the project's reviewed reader view).

The expected texts are the article text (no headline) that each project's regression tests compare its output
with. Rules fixed before any page was read:

- id: `np-<name>` (newspaper), `np4k-<name>` (newspaper4k) or `moz-<name>` (readability, as in the first-sight
  set); split by `split_of` (sha1 of the id as an integer,
  even → dev, odd → first_sight), the rule of every other set;
- lang: `lang_of` of the first-sight forum import (zh when ideographs are ≥ 30 % of the gold's letters, en when
  ≥ 3 % of its words are common English function words); a gold with kana in ≥ 5 % of its letters (Japanese) or in
  no language the metric tokenizes is left out;
- a page whose expected text is shorter than 100 characters is left out (a stub or a note, not an article);
- readability's test pages: only those whose `source.html` has 20,000 bytes or more (a real site's page; the
  smaller ones are feature tests written for the project) and that the first-sight set does not already hold;
- a page already in another set or a fixture is left out: same body (git blob id of the raw bytes) or same URL
  (`og:url` / canonical link of the page, the URL list of trafilatura's evaluation set); a newspaper4k page whose
  body is a newspaper page's is the newspaper page.

    python benchmarks/suites_import.py --newspaper GITDIR --newspaper4k GITDIR --readability GITDIR \
        --trafilatura GITDIR [--out DIR]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.firstsight_forum import lang_of  # noqa: E402
from benchmarks.firstsight_import import READABILITY_PAGES, git, html_text, write_page  # noqa: E402

DEFAULT_OUT = ROOT / "benchmarks" / "pages" / "extractor_suites"
FIRSTSIGHT = ROOT / "benchmarks" / "pages" / "firstsight"
FIXTURES = ROOT / "tests" / "fixtures" / "pages"
MIN_GOLD = 100
READABILITY_DIR = "test/test-pages/"
MIN_READABILITY_SOURCE = 20_000  # bytes of a readability test page taken for a real site's page
SOURCES = {  # prefix → (repository, html folder, text folder, text suffix)
    "np": ("codelucas/newspaper", "tests/data/html/", "tests/data/text/", ".txt"),
    "np4k": ("AndyTheFactory/newspaper4k", "tests/data/html/", "tests/data/txt/", ".txt"),
}
_URL = re.compile(
    rb"""<(?:meta[^>]+property=["']og:url["'][^>]+content|link[^>]+rel=["']canonical["'][^>]+href)=["']([^"']+)""",
    re.IGNORECASE,
)


def blob_id(body: bytes) -> str:
    """The body's git blob id: how a page is told apart from every page of a repository without reading it."""
    return hashlib.sha1(b"blob %d\0" % len(body) + body).hexdigest()


def page_url(body: bytes) -> str | None:
    found = _URL.search(body)
    return found.group(1).decode("utf-8", "replace").strip() if found else None


def normal_url(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/").lower()


def is_japanese(gold: str) -> bool:
    letters = [ch for ch in gold if ch.isalpha()]
    return bool(letters) and sum("\u3040" <= ch <= "\u30ff" for ch in letters) >= 0.05 * len(letters)


def used_elsewhere(trafilatura_dir: Path) -> tuple[set[str], set[str]]:
    """Body hashes and URLs of the pages of the other sets and the fixtures."""
    bodies: set[str] = set()
    urls: set[str] = set()
    for info_path in FIRSTSIGHT.glob("*/info.json"):
        body = gzip.decompress((info_path.parent / "body.html.gz").read_bytes())
        bodies.add(blob_id(body))
        url = json.loads(info_path.read_text(encoding="utf-8")).get("url") or page_url(body)
        if url:
            urls.add(normal_url(url))
    for body_path in FIXTURES.glob("*/*/body.html"):
        body = body_path.read_bytes()
        bodies.add(blob_id(body))
        if url := page_url(body):
            urls.add(normal_url(url))
    annotations = json.loads(git(trafilatura_dir, "show", "HEAD:tests/evaldata.json"))
    urls.update(normal_url(key) for key in annotations)
    listing = git(trafilatura_dir, "ls-tree", "-z", "HEAD", "tests/eval/").decode()
    bodies.update(entry.split()[2] for entry in listing.split("\0") if entry)  # git blob ids
    return bodies, urls


def import_suite(prefix: str, git_dir: Path, out: Path, bodies: set[str], urls: set[str]) -> dict[str, int]:
    repo, html_dir, text_dir, suffix = SOURCES[prefix]
    commit = git(git_dir, "rev-parse", "HEAD").decode().strip()
    texts = set(git(git_dir, "ls-tree", "--name-only", "HEAD", text_dir).decode().split())
    counts = {"written": 0, "no gold": 0, "short gold": 0, "language": 0, "already used": 0}
    for path in sorted(git(git_dir, "ls-tree", "--name-only", "HEAD", html_dir).decode().split()):
        name = Path(path).stem
        gold_path = f"{text_dir}{name}{suffix}"
        if not path.endswith(".html") or gold_path not in texts:
            counts["no gold"] += 1
            continue
        gold = git(git_dir, "show", f"HEAD:{gold_path}").decode("utf-8", "replace")
        source = {"repo": repo, "path": path, "gold_path": gold_path, "commit": commit, "licence": "MIT"}
        verdict = add_page(f"{prefix}-{name}", lambda path=path: git(git_dir, "show", f"HEAD:{path}"), gold, source,
                           out, bodies, urls)  # fmt: skip
        counts[verdict] += 1
    return counts


def import_readability(git_dir: Path, out: Path, bodies: set[str], urls: set[str]) -> dict[str, int]:
    commit = git(git_dir, "rev-parse", "HEAD").decode().strip()
    used = {name for names in READABILITY_PAGES.values() for name in names}
    counts = {"written": 0, "feature test": 0, "short gold": 0, "language": 0, "already used": 0}
    for row in git(git_dir, "ls-tree", "-r", "-l", "HEAD", READABILITY_DIR).decode().splitlines():
        meta, path = row.split("\t", 1)
        if not path.endswith("/source.html"):
            continue
        name = path[len(READABILITY_DIR) :].split("/")[0]
        if name in used:
            counts["already used"] += 1
            continue
        if int(meta.split()[3]) < MIN_READABILITY_SOURCE:
            counts["feature test"] += 1
            continue
        gold_path = f"{READABILITY_DIR}{name}/expected.html"
        gold = html_text(git(git_dir, "show", f"HEAD:{gold_path}").decode("utf-8"))
        source = {"repo": "mozilla/readability", "path": path, "gold_path": gold_path, "commit": commit,
                  "licence": "Apache-2.0"}  # fmt: skip
        verdict = add_page(f"moz-{name}", lambda path=path: git(git_dir, "show", f"HEAD:{path}"), gold, source,
                           out, bodies, urls)  # fmt: skip
        counts[verdict] += 1
    return counts


def add_page(
    page_id: str, read_body: Callable[[], bytes], gold: str, source: dict, out: Path, bodies: set[str], urls: set[str]
) -> str:
    """Write one page unless a rule leaves it out; the verdict names what happened."""
    if len(gold.strip()) < MIN_GOLD:
        return "short gold"
    lang = None if is_japanese(gold) else lang_of(gold)
    if lang is None:
        return "language"
    body = read_body()
    digest, url = blob_id(body), page_url(body)
    if digest in bodies or (url and normal_url(url) in urls):
        return "already used"
    bodies.add(digest)
    if url:
        urls.add(normal_url(url))
    info = {
        "url": url,
        "headers": {},
        "source_repo": source["repo"],
        "source_path": source["path"],
        "gold_path": source["gold_path"],
        "source_commit": source["commit"],
        "licence": source["licence"],
        "family": "article",
        "lang": lang,
        "gold_by": "source project's expected article text of its regression tests (headline left out)",
    }
    write_page(out, page_id, body, gold, info)
    return "written"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--newspaper", type=Path, required=True, help="bare git dir of codelucas/newspaper")
    parser.add_argument("--newspaper4k", type=Path, required=True, help="bare git dir of AndyTheFactory/newspaper4k")
    parser.add_argument("--readability", type=Path, required=True, help="bare git dir of mozilla/readability")
    parser.add_argument("--trafilatura", type=Path, required=True, help="bare git dir of adbar/trafilatura")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    bodies, urls = used_elsewhere(args.trafilatura)
    for prefix, git_dir in (("np", args.newspaper), ("np4k", args.newspaper4k)):
        print(prefix, import_suite(prefix, git_dir, args.out, bodies, urls))
    print("moz", import_readability(args.readability, args.out, bodies, urls))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
