"""Select the real-passage set from the Chinese pages of `benchmarks/pages/firstsight/` (deterministic).

    .venv/bin/python benchmarks/passages/build.py            # writes benchmarks/passages/passages.jsonl
    .venv/bin/python benchmarks/passages/build.py --gold     # labels.txt → gold.jsonl (with offsets)

The rule below was fixed before any passage was read; the labels (`gold.jsonl`) are made by hand afterwards.

1. Sources: every folder of `benchmarks/pages/firstsight/` whose `info.json` says `lang: zh`; the text is its
   `gold.txt` (the hand-made main text, MIT or Apache-2.0 as `info.json` records).
2. Paragraphs: the gold text split on line breaks, each stripped of surrounding (also full-width) spaces; the
   paragraph number `k` counts the non-empty lines from 0, so the passage id is `<page-id>-p<k>`.
3. Length: 20 to 400 characters.
4. Entity-rich ("cue") paragraphs: a digit (ASCII or full-width) or a Chinese numeral right before 年 月 日 号 號
   元 圆 % ％ ‰, or one of the words 电话 電話 地址 邮箱 郵箱 热线 熱線 传真 傳真, or an `@`.
   Negative-rich paragraphs: no cue, but at least two runs of digits (numbers that are not entities: counts,
   durations, IDs, versions, scores).
5. Per page: the cue paragraphs with the 4 lowest `sha1(id)`, and the negative-rich one with the lowest
   `sha1(id)`; a paragraph whose text was already taken (from any page) is skipped.
6. Negative-rich passages are capped at 15 % of the set: the lowest `sha1(id)` win.
7. Split: `sha1(id)` as an integer, even → `dev`, odd → `first_sight` (`split_of`).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "benchmarks" / "pages" / "firstsight"
HERE = Path(__file__).resolve().parent
OUT = HERE / "passages.jsonl"
LABELS = HERE / "labels.txt"
GOLD = HERE / "gold.jsonl"
KINDS = ("phone", "date", "amount", "percent", "address", "email")
JSON_VALUED = ("amount", "percent")

MIN_CHARS, MAX_CHARS = 20, 400
CUES_PER_PAGE, NEGATIVES_PER_PAGE = 4, 1
NEGATIVE_SHARE = 0.15
_NUMERAL = "0-9０-９〇零一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟"
CUE = re.compile(rf"[{_NUMERAL}][年月日号號元圆%％‰]|电话|電話|地址|邮箱|郵箱|热线|熱線|传真|傳真|@")
DIGIT_RUN = re.compile(r"[0-9０-９]+")


def sha1_int(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)


def split_of(passage_id: str) -> str:
    """The split, fixed by the id before the passage is read: sha1 even → dev, odd → first_sight."""
    return "dev" if sha1_int(passage_id) % 2 == 0 else "first_sight"


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of a gold text, stripped; their index is the passage number."""
    return [line.strip(" \t\u3000\xa0") for line in text.splitlines() if line.strip(" \t\u3000\xa0")]


def is_cue(paragraph: str) -> bool:
    return CUE.search(paragraph) is not None


def is_negative_rich(paragraph: str) -> bool:
    return not is_cue(paragraph) and len(DIGIT_RUN.findall(paragraph)) >= 2


def select() -> list[dict]:
    seen: set[str] = set()
    cues: list[dict] = []
    negatives: list[dict] = []
    for info_path in sorted(PAGES.glob("*/info.json")):
        info = json.loads(info_path.read_text(encoding="utf-8"))
        if info.get("lang") != "zh":
            continue
        gold = (info_path.parent / "gold.txt").read_text(encoding="utf-8")
        found_cues, found_negatives = [], []
        for k, paragraph in enumerate(paragraphs(gold)):
            if not MIN_CHARS <= len(paragraph) <= MAX_CHARS:
                continue
            passage_id = f"{info['id']}-p{k}"
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
                out.append(_record(passage_id, paragraph, info))
                taken += 1
    limit = round(NEGATIVE_SHARE * len(cues) / (1 - NEGATIVE_SHARE))
    negatives = sorted(negatives, key=lambda r: sha1_int(r["id"]))[:limit]
    return sorted(cues + negatives, key=lambda r: r["id"])


def _record(passage_id: str, paragraph: str, info: dict) -> dict:
    return {
        "id": passage_id,
        "split": split_of(passage_id),
        "text": paragraph,
        "selected_as": "cue" if is_cue(paragraph) else "negative",
        "source": {
            "repo": info["source_repo"],
            "path": info.get("gold_path") or info["source_path"],
            "commit": info["source_commit"],
            "licence": info["licence"],
            "page": info["id"],
        },
    }


class LabelError(ValueError):
    """A label line that does not follow the format of labels.txt (one line, names the line)."""


def parse_labels(text: str) -> dict[str, list[dict]]:
    """labels.txt → {passage id: [{kind, text, value, uncertain?, alt?}, ...]} in the order written."""
    labels: dict[str, list[dict]] = {}
    current: list[dict] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("= "):
            passage_id = line[2:].strip()
            if passage_id in labels:
                raise LabelError(f"labels.txt:{number}: passage {passage_id} labelled twice")
            current = labels[passage_id] = []
            continue
        if current is None:
            raise LabelError(f"labels.txt:{number}: a label before the first '= <id>' line")
        current.append(_label(line, f"labels.txt:{number}"))
    return labels


def _label(line: str, where: str) -> dict:
    parts = [part.strip() for part in line.split(" | ")]
    if len(parts) < 3 or parts[0] not in KINDS:
        raise LabelError(f"{where}: expected '<kind> | <text> | <value> [| options]' with a kind of {KINDS}")
    kind, text, raw = parts[:3]
    try:
        value = json.loads(raw) if kind in JSON_VALUED or raw.startswith("{") else raw
    except json.JSONDecodeError:
        raise LabelError(f"{where}: the {kind} value {raw!r} is not JSON") from None
    label: dict = {"kind": kind, "text": text, "value": value}
    for option in parts[3:]:
        if option == "uncertain":
            label["uncertain"] = True
        elif option.startswith("alt="):
            label["alt"] = json.loads(option[4:])
        else:
            raise LabelError(f"{where}: unknown option {option!r}")
    return label


def build_gold(passages: list[dict], labels: dict[str, list[dict]]) -> list[dict]:
    """One gold record per labelled passage: `expected` by kind, each label placed on the first unused
    occurrence of its text (in the order written)."""
    texts = {p["id"]: p for p in passages}
    out = []
    for passage_id, entries in labels.items():
        if passage_id not in texts:
            raise LabelError(f"labels.txt: no passage {passage_id}")
        text = texts[passage_id]["text"]
        used: set[tuple[str, int]] = set()
        expected: dict[str, list[dict]] = {}
        for entry in entries:
            start = text.find(entry["text"])
            while start != -1 and (entry["kind"], start) in used:
                start = text.find(entry["text"], start + 1)
            if start == -1:
                raise LabelError(f"labels.txt: {passage_id}: {entry['text']!r} not in the passage (or used up)")
            used.add((entry["kind"], start))
            placed = {k: v for k, v in entry.items() if k != "kind"}
            placed.update(start=start, end=start + len(entry["text"]))
            expected.setdefault(entry["kind"], []).append(placed)
        out.append({"id": passage_id, "split": texts[passage_id]["split"], "expected": expected})
    return sorted(out, key=lambda r: r["id"])


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_gold() -> int:
    try:
        gold = build_gold(load_jsonl(OUT), parse_labels(LABELS.read_text(encoding="utf-8")))
    except LabelError as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 1
    with open(GOLD, "w", encoding="utf-8") as f:
        for record in gold:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    count = sum(len(v) for r in gold for v in r["expected"].values())
    print(f"{count} labels over {len(gold)} passages → {GOLD.relative_to(ROOT)}")
    return 0


def main() -> int:
    if sys.argv[1:] == ["--gold"]:
        return write_gold()
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
