"""The hand-made labels of the real-passage set: `labels.txt` (written by hand) → `gold.jsonl` (with offsets).

    .venv/bin/python benchmarks/passages/labels.py           # labels.txt → gold.jsonl

`labels.txt` holds one block per passage (format in its header and in README.md); `gold.jsonl` holds one record
per passage, `{"id", "split", "expected": {kind: [{"text", "value", "start", "end", "uncertain"?, "alt"?}]}}`,
each label placed, in the order written, on the first occurrence of its text that overlaps no label of its kind
placed before (so `第一季度` after `2005年第一季度` lands on the next bare one).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PASSAGES = HERE / "passages.jsonl"
LABELS = HERE / "labels.txt"
GOLD = HERE / "gold.jsonl"
KINDS = ("phone", "date", "amount", "percent", "address", "email")
JSON_VALUED = ("amount", "percent")


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
    """One gold record per labelled passage: `expected` by kind, each label placed (in the order written) on
    the first occurrence of its text that overlaps no label of its kind placed before."""
    texts = {p["id"]: p for p in passages}
    out = []
    for passage_id, entries in labels.items():
        if passage_id not in texts:
            raise LabelError(f"labels.txt: no passage {passage_id}")
        text = texts[passage_id]["text"]
        used: dict[str, list[tuple[int, int]]] = {}
        expected: dict[str, list[dict]] = {}
        for entry in entries:
            taken = used.setdefault(entry["kind"], [])
            start = text.find(entry["text"])
            while start != -1 and any(a < start + len(entry["text"]) and start < b for a, b in taken):
                start = text.find(entry["text"], start + 1)
            if start == -1:
                raise LabelError(f"labels.txt: {passage_id}: {entry['text']!r} not in the passage (or used up)")
            taken.append((start, start + len(entry["text"])))
            placed = {k: v for k, v in entry.items() if k != "kind"}
            placed.update(start=start, end=start + len(entry["text"]))
            expected.setdefault(entry["kind"], []).append(placed)
        out.append({"id": passage_id, "split": texts[passage_id]["split"], "expected": expected})
    return sorted(out, key=lambda r: r["id"])


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_gold() -> int:
    try:
        gold = build_gold(load_jsonl(PASSAGES), parse_labels(LABELS.read_text(encoding="utf-8")))
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
    return write_gold()


if __name__ == "__main__":
    sys.exit(main())
