"""Entity parsers on held-out real passages with hand-made gold (run by hand, not in `make test`).

    .venv/bin/python benchmarks/entity_passages.py                       # first-sight split (the headline)
    .venv/bin/python benchmarks/entity_passages.py --split dev --errors  # the dev split and its errors
    .venv/bin/python benchmarks/entity_passages.py --json scores.json    # also write the scores

Reads `benchmarks/passages/passages.jsonl` and `gold.jsonl` (built from `labels.txt`; selection rule, split and
labelling guidelines in `benchmarks/passages/README.md`). Every passage is run through guidecrawl as
`guidecrawl entities` runs it (`extract.pipeline.process_text`: normalize, page context from the text, every
finder) and through the anchors — JioNLP (phones, money, times, emails) and phonenumbers' PhoneNumberMatcher
(phones) — on the same normalized text, their spans mapped back to the passage through normalize's offset map
(`benchmarks/entities.py` does the same for the seed gold).

Scores: value precision / recall / F1 per kind, matching with the gold's own scorer
(`tests/fixtures/gold/score_entities.py`, value mode: one-to-one per passage; phones as digits, amounts and
percents as numbers, a yearless gold date matches any year, addresses without their leading province and city).
A label marked `uncertain` is neither a hit nor a miss: it is left out of the gold, and a prediction that overlaps
it or equals its value is left out of the predictions. Passages without labels still count: every prediction
on them is a false hit.

`--errors` lists misses and false hits; on the first-sight split only with `--i-know` (the first-sight split is
scored when a change is finished, never read to find the next rule).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # before benchmarks/, whose normalize.py would shadow the package

from benchmarks.entities import place_on_text, predict_guidecrawl, predict_jionlp, predict_phonenumbers  # noqa: E402
from benchmarks.entity_specs import Score  # noqa: E402
from benchmarks.scoring import load_scorer  # noqa: E402

PASSAGES = ROOT / "benchmarks" / "passages" / "passages.jsonl"
GOLD = ROOT / "benchmarks" / "passages" / "gold.jsonl"
KINDS = ("phone", "date", "amount", "percent", "address", "email")
SPLITS = ("dev", "first_sight")
# The anchors and the kinds they read (JioNLP has no address finder for running text: its parse_location
# parses a string already known to be an address).
ANCHOR_KINDS = {"jionlp": ("phone", "date", "amount", "email"), "phonenumbers": ("phone",)}


class PassageError(ValueError):
    """A passage or gold file that does not follow the format (one line, names the file and the line)."""


def load(split: str) -> tuple[dict[str, str], dict[str, dict[str, list[dict]]]]:
    """The passages of `split` ("all": both) and their gold, by passage id."""
    texts: dict[str, str] = {}
    for where, record in _records(PASSAGES):
        if not isinstance(record.get("text"), str) or record.get("split") not in SPLITS:
            raise PassageError(f"{where}: a passage needs a text and a split of {SPLITS}")
        if split in (record["split"], "all"):
            texts[record["id"]] = record["text"]
    gold: dict[str, dict[str, list[dict]]] = {}
    for where, record in _records(GOLD):
        if record.get("id") not in texts and split == "all":
            raise PassageError(f"{where}: gold for an unknown passage {record.get('id')!r}")
        if record.get("id") in texts:
            gold[record["id"]] = record.get("expected", {})
    unlabelled = sorted(set(texts) - set(gold))
    if unlabelled:
        raise PassageError(f"{GOLD.name}: {len(unlabelled)} passages have no labels (first: {unlabelled[0]})")
    return texts, gold


def _records(path: Path) -> list[tuple[str, dict]]:
    if not path.is_file():
        raise PassageError(f"{path.relative_to(ROOT)} is missing")
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PassageError(f"{where}: not JSON ({exc.msg})") from None
        if not isinstance(record, dict) or "id" not in record:
            raise PassageError(f"{where}: a record is a JSON object with an id")
        out.append((where, record))
    return out


def predictions(texts: dict[str, str]) -> dict[str, list[dict] | str]:
    """Every system's predictions in the gold scorer's format, spans in passage offsets (or why none)."""
    from extract.pipeline import normalize_text

    processed = {pid: normalize_text(text) for pid, text in texts.items()}
    maps = {pid: p.offsets for pid, p in processed.items()}
    normalized = {pid: p.text for pid, p in processed.items()}
    systems: dict[str, list[dict] | str] = {"guidecrawl": predict_guidecrawl(texts)}
    logging.disable(logging.CRITICAL)  # JioNLP logs its dictionary loading
    with contextlib.suppress(ImportError), contextlib.redirect_stdout(io.StringIO()):
        import jionlp  # noqa: F401  (prints a banner on import)
    try:
        systems["jionlp"] = predict_jionlp(normalized)
    except Exception as exc:  # an anchor's failure is reported, not ours
        systems["jionlp"] = f"failed: {type(exc).__name__}"
    try:
        systems["phonenumbers"] = predict_phonenumbers(normalized)
    except ImportError:
        systems["phonenumbers"] = "not installed (pip install -e '.[bench]')"
    for preds in systems.values():
        if isinstance(preds, list):
            place_on_text(preds, maps)
    return systems


def score_kind(
    kind: str, gold: dict[str, dict[str, list[dict]]], preds: list[dict], texts: dict[str, str]
) -> tuple[Score, int]:
    """Value P/R/F1 of one system on one kind over every passage; also the number of uncertain labels."""
    scorer = load_scorer()
    total = Score()
    uncertain_count = 0
    by_passage: dict[str, list[dict]] = {}
    for p in preds:
        if p["kind"] == kind:
            by_passage.setdefault(p["doc"], []).append(p)
    for pid in sorted(gold):
        labels = [_in_scorer_terms(g, pid, kind) for g in gold[pid].get(kind, [])]
        certain = [g for g in labels if not g.get("uncertain")]
        uncertain = [g for g in labels if g.get("uncertain")]
        uncertain_count += len(uncertain)
        found = [p for p in by_passage.get(pid, []) if not any(_touches(u, p, scorer) for u in uncertain)]
        gold_hit, pred_hit = scorer.match(certain, found, "value")
        total.tp += len(gold_hit)
        total.fn += len(certain) - len(gold_hit)
        total.fp += len(found) - len(pred_hit)
        context = texts[pid][:60].replace("\n", " ")
        for i, g in enumerate(certain):
            if i not in gold_hit:
                total.errors.append(f"MISS  {kind:8} {pid:44} {g['text']!r} → {_show(g['value'])}   | {context}")
        for i, p in enumerate(found):
            if i not in pred_hit:
                total.errors.append(f"FALSE {kind:8} {pid:44} {p['text']!r} → {_show(p['value'])}   | {context}")
    return total, uncertain_count


def _in_scorer_terms(label: dict, pid: str, kind: str) -> dict:
    """A gold label in the gold scorer's terms: a date range `a/b` as {start, end} (the scorer reads a string
    that starts with `-` as one date, so a yearless range `--05-12/--05-18` must be split here)."""

    def convert(value: object) -> object:
        if kind == "date" and isinstance(value, str) and "/" in value:
            start, end = value.split("/", 1)
            return {"start": start, "end": end}
        return value

    converted = {**label, "doc": pid, "kind": kind, "value": convert(label["value"])}
    if "alt" in label:
        converted["alt"] = [convert(v) for v in label["alt"]]
    return converted


def _touches(label: dict, prediction: dict, scorer: Any) -> bool:
    """A prediction on an uncertain label: its span overlaps the label's, or its value equals the label's."""
    if scorer.overlap(label, prediction) > 0:
        return True
    return any(scorer.values_equal(label["kind"], v, prediction.get("value")) for v in scorer.gold_values(label))


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def run(split: str) -> tuple[dict[str, Any], list[str], int]:
    """Scores by kind and system (as JSON-ready dicts), guidecrawl's errors, and the number of passages."""
    texts, gold = load(split)
    systems = predictions(texts)
    results: dict[str, Any] = {}
    errors: list[str] = []
    for kind in KINDS:
        row: dict[str, Any] = {}
        for system, preds in systems.items():
            if system != "guidecrawl" and kind not in ANCHOR_KINDS[system]:
                continue
            if isinstance(preds, str):
                row[system] = {"unavailable": preds}
                continue
            result, uncertain = score_kind(kind, gold, preds, texts)
            gold_count = result.tp + result.fn
            row["gold"], row["uncertain"] = gold_count, uncertain
            row[system] = {
                "P": round(result.precision, 3),
                "R": round(result.recall, 3),
                "F1": round(result.f1, 3),
                "tp": result.tp,
                "fp": result.fp,
                "fn": result.fn,
            }
            if system == "guidecrawl":
                errors.extend(result.errors)
        results[kind] = row
    return results, errors, len(texts)


def format_table(results: dict[str, Any], split: str, passages: int) -> str:
    lines = [
        f"split: {split} ({passages} passages)   value P / R / F1; matched/false/missed",
        f"{'kind':<9}{'gold':>5}{'unc.':>5}  {'system':<13}{'P':>6}{'R':>6}{'F1':>7}  tp/fp/fn",
    ]
    for kind, row in results.items():
        for system, result in row.items():
            if system in ("gold", "uncertain"):
                continue
            head = f"{kind:<9}{row['gold']:>5}{row['uncertain']:>5}  {system:<13}"
            if "unavailable" in result:
                lines.append(f"{head}{result['unavailable']}")
            elif row["gold"] == 0 and result["fp"] == 0:
                lines.append(f"{head}{'—':>6}{'—':>6}{'—':>7}  0/0/0 (nothing to score)")
            elif row["gold"] == 0:  # no recall without gold: only the false hits count
                lines.append(f"{head}{result['P']:>6.2f}{'—':>6}{'—':>7}  0/{result['fp']}/0 (false hits only)")
            else:
                lines.append(
                    f"{head}{result['P']:>6.2f}{result['R']:>6.2f}{result['F1']:>7.2f}  "
                    f"{result['tp']}/{result['fp']}/{result['fn']}"
                )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="first_sight")
    parser.add_argument("--errors", action="store_true", help="list guidecrawl's misses and false hits")
    parser.add_argument("--i-know", action="store_true", help="allow --errors on the first-sight split")
    parser.add_argument("--json", metavar="OUT", help="also write the scores as JSON to OUT")
    args = parser.parse_args(argv)
    if args.errors and args.split != "dev" and not args.i_know:
        print(
            "entity_passages: --errors reads the first-sight split, which is scored, not read for rules "
            "(use --split dev, or add --i-know)",
            file=sys.stderr,
        )
        return 2
    try:
        results, errors, passages = run(args.split)
    except PassageError as exc:
        print(f"entity_passages: {exc}", file=sys.stderr)
        return 2
    print(format_table(results, args.split, passages))
    if args.errors:
        print()
        print("\n".join(errors) if errors else "no errors")
    if args.json:
        payload = {"split": args.split, "passages": passages, "kinds": results}
        Path(args.json).write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
