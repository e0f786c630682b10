"""Select the real-passage set from licensed Chinese pages with hand-made main text (deterministic).

    .venv/bin/python benchmarks/passages/build.py                        # writes passages.jsonl
    .venv/bin/python benchmarks/passages/build.py --import-magic-html GITDIR   # refresh the vendored source 2

The rule below was fixed before any passage of a source was read; the labels (`labels.txt` → `gold.jsonl`,
`labels.py`) are made by hand afterwards.

1. Sources, in this order:
   1. every folder of `benchmarks/pages/firstsight/` whose `info.json` says `lang: zh`; the text is its
      `gold.txt` (hand-made main text, MIT or Apache-2.0 as `info.json` records); page id = the folder name;
   2. the article benchmark of opendatalab/magic-html (`benchmark/data/article/base.json`, Apache-2.0, commit
      `MAGIC_HTML_COMMIT`): the hand-made `content` of every page whose text is Chinese (CJK characters at least
      30 % of the non-space characters, kana under 1 %) and that is neither among the fixture pages
      (`tests/fixtures/pages/`, `mh-<hash>`) nor in the content dev set of `benchmarks/devset.py`
      (`mha-`/`mhf-<hash>`); page id = `mha-` + the first 10 hex digits of its key. Vendored as
      `sources/magic-html-article-zh.jsonl.gz`.
2. Paragraphs: the text split on line breaks, each stripped of surrounding (also full-width) spaces; the
   paragraph number `k` counts the non-empty lines from 0, so the passage id is `<page-id>-p<k>`.
3. Length: 20 to 400 characters.
4. Entity-rich ("cue") paragraphs: a digit (ASCII or full-width) or a Chinese numeral right before 年 月 日 号 號
   元 圆 % ％ ‰, or one of the words 电话 電話 地址 邮箱 郵箱 热线 熱線 传真 傳真, or an `@`.
   Negative-rich paragraphs: no cue, but at least two runs of digits (numbers that are not entities: counts,
   durations, IDs, versions, scores).
5. Per page: the cue paragraphs with the 4 lowest `sha1(id)`, and the negative-rich one with the lowest
   `sha1(id)`; a paragraph whose text was already taken (from any page, in source order) is skipped.
6. Negative-rich passages are capped at 15 % of the set: the lowest `sha1(id)` win.
7. Split: `sha1(id)` as an integer, even → `dev`, odd → `first_sight` (`split_of`).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PAGES = ROOT / "benchmarks" / "pages" / "firstsight"
OUT = HERE / "passages.jsonl"
sys.path.insert(0, str(ROOT))

from benchmarks.splits import split_of  # noqa: E402  (the split rule of every evaluation set)

MAGIC_HTML_SOURCE = HERE / "sources" / "magic-html-article-zh.jsonl.gz"
MAGIC_HTML_REPO = "opendatalab/magic-html"
MAGIC_HTML_PATH = "benchmark/data/article/base.json"
MAGIC_HTML_COMMIT = "47d4a7fed12030e906a093b074637f178cb46ef2"

MIN_CHARS, MAX_CHARS = 20, 400
CUES_PER_PAGE, NEGATIVES_PER_PAGE = 4, 1
NEGATIVE_SHARE = 0.15
_NUMERAL = "0-9０-９〇零一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟"
CUE = re.compile(rf"[{_NUMERAL}][年月日号號元圆%％‰]|电话|電話|地址|邮箱|郵箱|热线|熱線|传真|傳真|@")
DIGIT_RUN = re.compile(r"[0-9０-９]+")
CJK = re.compile(r"[\u4e00-\u9fff]")
KANA = re.compile(r"[\u3040-\u30ff]")
USED_MAGIC_HTML = re.compile(r"\bmh[af]?-([0-9a-f]{10})\b")


def sha1_int(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of a gold text, stripped; their index is the passage number."""
    return [line.strip(" \t\u3000\xa0") for line in text.splitlines() if line.strip(" \t\u3000\xa0")]


def is_cue(paragraph: str) -> bool:
    return CUE.search(paragraph) is not None


def is_negative_rich(paragraph: str) -> bool:
    return not is_cue(paragraph) and len(DIGIT_RUN.findall(paragraph)) >= 2


def is_chinese(text: str) -> bool:
    visible = len("".join(text.split())) or 1
    return len(CJK.findall(text)) >= 0.3 * visible and len(KANA.findall(text)) < 0.01 * visible


def pages() -> Iterator[tuple[str, str, dict]]:
    """(page id, text, source) of every page, in source order."""
    for info_path in sorted(PAGES.glob("*/info.json")):
        info = json.loads(info_path.read_text(encoding="utf-8"))
        if info.get("lang") != "zh":
            continue
        source = {
            "repo": info["source_repo"],
            "path": info.get("gold_path") or info["source_path"],
            "commit": info["source_commit"],
            "licence": info["licence"],
            "page": info["id"],
        }
        yield info["id"], (info_path.parent / "gold.txt").read_text(encoding="utf-8"), source
    for record in magic_html_pages():
        page_id = f"mha-{record['key'][:10]}"
        source = {
            "repo": MAGIC_HTML_REPO,
            "path": f"{MAGIC_HTML_PATH} [{record['key']}]",
            "commit": MAGIC_HTML_COMMIT,
            "licence": "Apache-2.0",
            "page": page_id,
            "url": record["url"],
        }
        yield page_id, record["content"], source


def magic_html_pages() -> list[dict]:
    """The vendored Chinese article pages of magic-html's benchmark, less those used in development."""
    used = used_magic_html_pages()
    with gzip.open(MAGIC_HTML_SOURCE, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    return [r for r in records if r["key"][:10] not in used]


def used_magic_html_pages() -> set[str]:
    """Hash prefixes of the magic-html pages in the fixture pages and the content dev set."""
    infos = (
        json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "tests" / "fixtures" / "pages").glob("*/*/info.json")
    )
    used = {str(info["id"]).split("-", 1)[1] for info in infos if str(info.get("id", "")).startswith("mh-")}
    used.update(USED_MAGIC_HTML.findall((ROOT / "benchmarks" / "devset.py").read_text(encoding="utf-8")))
    return used


def select() -> list[dict]:
    seen: set[str] = set()
    cues: list[dict] = []
    negatives: list[dict] = []
    for page_id, text, source in pages():
        found_cues, found_negatives = [], []
        for k, paragraph in enumerate(paragraphs(text)):
            if not MIN_CHARS <= len(paragraph) <= MAX_CHARS:
                continue
            passage_id = f"{page_id}-p{k}"
            if is_cue(paragraph):
                found_cues.append((sha1_int(passage_id), passage_id, paragraph))
            elif is_negative_rich(paragraph):
                found_negatives.append((sha1_int(passage_id), passage_id, paragraph))
        for pool, cap, out in ((found_cues, CUES_PER_PAGE, cues), (found_negatives, NEGATIVES_PER_PAGE, negatives)):
            taken = 0
            for _, passage_id, paragraph in sorted(pool):
                if taken == cap:
                    break
                if paragraph in seen:
                    continue
                seen.add(paragraph)
                out.append(_record(passage_id, paragraph, source))
                taken += 1
    limit = round(NEGATIVE_SHARE * len(cues) / (1 - NEGATIVE_SHARE))
    negatives = sorted(negatives, key=lambda r: sha1_int(r["id"]))[:limit]
    return sorted(cues + negatives, key=lambda r: r["id"])


def _record(passage_id: str, paragraph: str, source: dict) -> dict:
    return {
        "id": passage_id,
        "split": split_of(passage_id),
        "text": paragraph,
        "selected_as": "cue" if is_cue(paragraph) else "negative",
        "source": source,
    }


def import_magic_html(git_dir: str) -> int:
    """Vendor the Chinese pages of magic-html's article benchmark (key, url, hand-made content) at the commit."""
    try:
        raw = subprocess.run(
            ["git", "--git-dir", git_dir, "show", f"{MAGIC_HTML_COMMIT}:{MAGIC_HTML_PATH}"],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"build: cannot read {MAGIC_HTML_PATH} at {MAGIC_HTML_COMMIT[:7]} from {git_dir}: {exc}", file=sys.stderr)
        return 1
    base = json.loads(raw)
    records = [
        {"key": key, "url": page["url"], "content": page["content"]}
        for key, page in sorted(base.items())
        if is_chinese(page.get("content") or "")
    ]
    MAGIC_HTML_SOURCE.parent.mkdir(exist_ok=True)
    with gzip.GzipFile(MAGIC_HTML_SOURCE, "wb", mtime=0) as f:  # mtime 0: the same bytes on every run
        for record in records:
            f.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
    print(f"{len(records)} Chinese pages → {MAGIC_HTML_SOURCE.relative_to(ROOT)}")
    return 0


def main() -> int:
    if sys.argv[1:2] == ["--import-magic-html"] and len(sys.argv) == 3:
        return import_magic_html(sys.argv[2])
    records = select()
    with open(OUT, "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    by = {(r["selected_as"], r["split"]) for r in records}
    counts = {key: sum(1 for r in records if (r["selected_as"], r["split"]) == key) for key in sorted(by)}
    print(f"{len(records)} passages → {OUT.relative_to(ROOT)}  {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
