"""Build benchmarks/pages/firstsight/ from local git snapshots of the source repositories (data only).

Each page becomes one folder `<id>/` with `body.html.gz` (the raw bytes exactly as stored in the source),
`gold.txt` (UTF-8 main text) and `info.json` (url, source repository/path/commit, licence, family, lang,
split, how the gold was made). The split is decided here, from the page id alone, before any page is read:
sha1(id) as an integer, even → dev, odd → first_sight.

    python benchmarks/firstsight_import.py --cwced GITDIR --scrapinghub GITDIR --readability GITDIR [--out DIR]

The git directories are bare clones of immortal-autumn/Chinese-Web-Content-Extraction-Dataset (MIT),
scrapinghub/article-extraction-benchmark (MIT) and mozilla/readability (Apache-2.0). Listing pages with
hand-made gold are added by `benchmarks/firstsight_listing.py`.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.splits import split_of  # noqa: E402

DEFAULT_OUT = ROOT / "benchmarks" / "pages" / "firstsight"
# Pages of the shared development corpus: never part of the evaluation set.
ALREADY_USED = {"7c6d2080", "8baa71e3", "9890f458", "ecbe8d49"}
SCRAPINGHUB_PAGES = 40  # the 40 lowest sha1(id): English news, kept a minority beside the Chinese pages
# mozilla/readability test pages of real sites in Chinese or English (the feature tests are synthetic);
# English ones chosen for guidance/help/health/reference pages first, then news sites.
READABILITY_PAGES = {
    "zh": ["gmw", "qq", "youth", "pixnet"],
    "en": [
        "webmd-1", "webmd-2", "medicalnewstoday", "ehow-1", "ehow-2", "mozilla-1", "mozilla-2", "ietf-1",
        "google-sre-book-1", "wikipedia", "wikipedia-2", "wikipedia-3", "wikipedia-4", "gitlab-blog",
        "dropbox-blog", "v8-blog", "firefox-nightly-blog", "mercurial", "ebb-org", "lwn-1", "spiceworks",
        "iab-1", "aclu", "bbc-1", "guardian-1", "nytimes-1", "cnn", "seattletimes-1", "wapo-1", "telegraph",
    ],
}  # fmt: skip


def git(git_dir: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(git_dir), *args], check=True, capture_output=True).stdout


def write_page(out: Path, page_id: str, body: bytes, gold: str, info: dict) -> None:
    folder = out / page_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "body.html.gz").write_bytes(gzip.compress(body, mtime=0))
    (folder / "gold.txt").write_text(gold.strip() + "\n", encoding="utf-8")
    info = {"id": page_id, **info, "split": split_of(page_id)}
    (folder / "info.json").write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def import_cwced(git_dir: Path, out: Path) -> int:
    commit = git(git_dir, "rev-parse", "HEAD").decode().strip()
    names = git(git_dir, "ls-tree", "--name-only", "HEAD", "original/").decode().split()
    count = 0
    for path in names:
        uuid = Path(path).stem
        if uuid[:8] in ALREADY_USED:
            continue
        gold = git(git_dir, "show", f"HEAD:cleaned/{uuid}.txt").decode("utf-8-sig")
        info = {
            "url": None,
            "headers": {},
            "source_repo": "immortal-autumn/Chinese-Web-Content-Extraction-Dataset",
            "source_path": path,
            "gold_path": f"cleaned/{uuid}.txt",
            "source_commit": commit,
            "licence": "MIT",
            "family": "article",
            "lang": "zh",
            "gold_by": "source dataset, hand-made (content area copied, headline/byline/date left out)",
        }
        write_page(out, f"cwced-{uuid[:8]}", git(git_dir, "show", f"HEAD:{path}"), gold, info)
        count += 1
    return count


def import_scrapinghub(git_dir: Path, out: Path) -> int:
    commit = git(git_dir, "rev-parse", "HEAD").decode().strip()
    truth = json.loads(git(git_dir, "show", "HEAD:ground-truth.json"))
    chosen = sorted(truth, key=lambda key: hashlib.sha1(key.encode()).hexdigest())[:SCRAPINGHUB_PAGES]
    for key in chosen:
        body = gzip.decompress(git(git_dir, "show", f"HEAD:html/{key}.html.gz"))
        info = {
            "url": truth[key].get("url"),
            "headers": {},
            "source_repo": "scrapinghub/article-extraction-benchmark",
            "source_path": f"html/{key}.html.gz",
            "gold_path": f"ground-truth.json[{key}].articleBody",
            "source_commit": commit,
            "licence": "MIT",
            "family": "article",
            "lang": "en",
            "gold_by": "source dataset, hand-made articleBody (headline left out)",
        }
        write_page(out, f"sh-{key[:10]}", body, truth[key]["articleBody"], info)
    return len(chosen)


def html_text(markup: str) -> str:
    from lxml import html as lh

    node = lh.fromstring(markup)
    for element in node.iter("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"):
        element.tail = "\n" + (element.tail or "")
    return "\n".join(line.strip() for line in node.text_content().splitlines() if line.strip())


def import_readability(git_dir: Path, out: Path) -> int:
    commit = git(git_dir, "rev-parse", "HEAD").decode().strip()
    count = 0
    for lang, names in READABILITY_PAGES.items():
        for name in names:
            base = f"test/test-pages/{name}"
            body = git(git_dir, "show", f"HEAD:{base}/source.html")
            gold = html_text(git(git_dir, "show", f"HEAD:{base}/expected.html").decode("utf-8"))
            info = {
                "url": None,
                "headers": {},
                "source_repo": "mozilla/readability",
                "source_path": f"{base}/source.html",
                "gold_path": f"{base}/expected.html",
                "source_commit": commit,
                "licence": "Apache-2.0",
                "family": "article",
                "lang": lang,
                "gold_by": "source project's expected output (maintainer-reviewed reader view, headline left out)",
            }
            write_page(out, f"moz-{name}", body, gold, info)
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cwced", type=Path, required=True)
    parser.add_argument("--scrapinghub", type=Path, required=True)
    parser.add_argument("--readability", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    counts = {
        "cwced": import_cwced(args.cwced, args.out),
        "scrapinghub": import_scrapinghub(args.scrapinghub, args.out),
        "readability": import_readability(args.readability, args.out),
    }
    print(counts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
