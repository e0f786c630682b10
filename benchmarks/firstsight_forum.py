"""Import the forum and Q&A pages of opendatalab/magic-html's benchmark into the first-sight set.

Source: `benchmark/data/forum/htmls/<sha256(url)>.html` (raw bytes) and the `content` of the matching entry of
`benchmark/data/forum/base.json` (the benchmark's hand-made gold: the thread's posts, or the question and its
answers), Apache-2.0. Rules fixed before any page was read:

- id: `mhf-` + the first 10 hex digits of the page key; split by `split_of` (sha1 of the id, even → dev);
- family: `qa` when the URL names a question (`question` in its path, or a Q&A host in QA_HOSTS), else `forum`;
- lang: `zh` when ideographs are at least 30 % of the gold's letters, `en` when at least 3 % of its words are
  common English function words, otherwise the page is left out (the metric has no tokenizer for it);
- pages already used in development (the corpus fixtures and `benchmarks/devset.py`) are left out, and so are
  pages whose gold is shorter than 50 characters (the set's rule: an attachment name is no main text).

    python benchmarks/firstsight_forum.py --magic-html GITDIR [--out benchmarks/pages/firstsight]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.firstsight_import import git, write_page  # noqa: E402

QA_HOSTS = {"zhidao.baidu.com", "www.quora.com", "meta.answer.dev", "stackoverflow.com", "superuser.com"}
_ENGLISH_WORDS = {"the", "and", "to", "of", "is", "a", "i", "you", "it", "that", "in", "for", "this"}
_KEY = re.compile(r"[0-9a-f]{64}")
_MIN_GOLD = 50


def used_in_development() -> set[str]:
    """Page keys of magic-html already in the corpus fixtures or the probe set."""
    texts = [(ROOT / "benchmarks" / "devset.py").read_text(encoding="utf-8")]
    texts += [path.read_text(encoding="utf-8") for path in (ROOT / "tests" / "fixtures").rglob("meta.json")]
    return {key for text in texts for key in _KEY.findall(text)}


def family_of(url: str) -> str:
    parsed = urlparse(url)
    return "qa" if parsed.netloc in QA_HOSTS or "question" in parsed.path.lower() else "forum"


def lang_of(gold: str) -> str | None:
    letters = [ch for ch in gold if ch.isalpha()]
    if letters and sum("\u3400" <= ch <= "\u9fff" for ch in letters) >= 0.3 * len(letters):
        return "zh"
    words = re.findall(r"[a-z]+", gold.lower())
    if words and sum(word in _ENGLISH_WORDS for word in words) >= 0.03 * len(words):
        return "en"
    return None


def import_forums(git_dir: Path, out: Path) -> int:
    commit = git(git_dir, "rev-parse", "HEAD").decode().strip()
    base = json.loads(git(git_dir, "show", "HEAD:benchmark/data/forum/base.json"))
    used = used_in_development()
    count = 0
    for key, entry in sorted(base.items()):
        if key in used or len(entry.get("content", "").strip()) < _MIN_GOLD:
            continue
        lang = lang_of(entry["content"])
        if lang is None:
            continue
        path = f"benchmark/data/forum/htmls/{key}.html"
        body = git(git_dir, "show", f"HEAD:{path}")
        info = {
            "url": entry["url"],
            "headers": {},
            "source_repo": "opendatalab/magic-html",
            "source_path": path,
            "gold_path": f"benchmark/data/forum/base.json[{key}].content",
            "source_commit": commit,
            "licence": "Apache-2.0",
            "family": family_of(entry["url"]),
            "lang": lang,
            "gold_by": "source benchmark, hand-made content (posts, or question and answers)",
        }
        write_page(out, f"mhf-{key[:10]}", body, entry["content"], info)
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--magic-html", type=Path, required=True, help="bare git dir of opendatalab/magic-html")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "pages" / "firstsight")
    args = parser.parse_args(argv)
    print(f"{import_forums(args.magic_html, args.out)} pages written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
