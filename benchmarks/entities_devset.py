"""Entity parsers on passages they were not developed on: the generalisation dev set (run by hand).

    .venv/bin/python benchmarks/entities_devset.py [--errors] [--kinds phone,address] [--json OUT]
    .venv/bin/python benchmarks/entities_devset.py --build-gold   # annotations → gold JSONL with offsets

The passages and their labels live in `benchmarks/.cache/` (git-ignored: the real passages come from public
repositories whose licences we did not check, so neither they nor our labels are committed):

- `passages/<name>.txt` — one passage per file; `passages/sources.json` says where each came from
  (`real: …` with the index id of the public file, or `constructed: …`);
- `devset_annotations.py` — the hand labels (batch 1: passages `r*`, `c*`, `n*`; later batches, each labelled
  before the parsers were run on it: `b*`, `d*`, `e*`, `f*` (round 2), `g*`, `h*`, `i*`, `j*`, `k*` (round 3),
  `m*`, `p*`, `q*`, `s*`, `t*`, `u*`, `v*`, `w*` (round 4), `x*`, `y*` (round 6); `--prefix g` scores one batch),
  `A[name] = [(kind, text, value[, extra fields]), …]`;
- `devset_gold.jsonl` — the same in the gold format of `tests/fixtures/gold/` (written by `--build-gold`,
  which places each label on the first unused occurrence of its text, in order).

`--export-constructed` copies the passages we wrote ourselves (not the real ones) with their gold to
`tests/extract/entities/devset/`, where `test_entities_devset.py` pins floors on them.

Scores with the gold's own scorer (value mode, as `benchmarks/entities.py` does for the seeds); `--errors`
lists every missed gold entity and every prediction that matched none. Exits 2 when the cache is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"
PASSAGES = CACHE / "passages"
ANNOTATIONS = CACHE / "devset_annotations.py"
GOLD = CACHE / "devset_gold.jsonl"
FIXTURE = ROOT / "tests" / "extract" / "entities" / "devset"
sys.path.insert(0, str(ROOT))


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _raw_docs() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(PASSAGES.glob("*.txt"))}


def build_gold() -> int:
    """`devset_annotations.py` → `devset_gold.jsonl`, each label placed on its text in order of writing."""
    labels = _module("devset_annotations", ANNOTATIONS).A
    docs = _raw_docs()
    rows = []
    for doc, entries in labels.items():
        if doc not in docs:
            print(f"no passage {doc}.txt", file=sys.stderr)
            return 1
        used: set[tuple[str, int]] = set()
        for kind, text, value, *extra in entries:
            start = docs[doc].find(text)
            while start != -1 and (kind, start) in used:
                start = docs[doc].find(text, start + 1)
            if start == -1:
                print(f"{doc}: {text!r} not found (or every occurrence already used)", file=sys.stderr)
                return 1
            used.add((kind, start))
            row = {"doc": doc, "kind": kind, "text": text, "value": value, "start": start, "end": start + len(text)}
            row.update(extra[0] if extra else {})
            rows.append(row)
    with open(GOLD, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} gold entities over {len(labels)} passages → {GOLD.relative_to(ROOT)}")
    return 0


def export_constructed() -> int:
    """The passages we wrote ourselves (sources.json: `constructed: …`) and their gold → the committed fixture.

    Only those: the real passages stay in the cache (their licences are unchecked).
    """
    sources = json.loads((PASSAGES / "sources.json").read_text(encoding="utf-8"))
    docs = _raw_docs()
    keep = sorted(name for name, source in sources.items() if source.startswith("constructed") and name in docs)
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    FIXTURE.mkdir(parents=True, exist_ok=True)
    with open(FIXTURE / "passages.jsonl", "w", encoding="utf-8") as f:
        for name in keep:
            f.write(json.dumps({"id": name, "source": sources[name], "text": docs[name]}, ensure_ascii=False) + "\n")
    rows = [g for g in gold if g["doc"] in keep]
    with open(FIXTURE / "gold.jsonl", "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} gold entities over {len(keep)} constructed passages → {FIXTURE.relative_to(ROOT)}")
    return 0


def _errors(score, gold: list[dict], preds: list[dict], kinds: list[str]) -> None:
    by_doc: dict[tuple[str, str], tuple[list, list]] = defaultdict(lambda: ([], []))
    for g in gold:
        by_doc[(g["doc"], g["kind"])][0].append(g)
    for p in preds:
        by_doc[(p["doc"], p["kind"])][1].append(p)
    for (doc, kind), (gs, ps) in sorted(by_doc.items()):
        if kind not in kinds:
            continue
        gm, pm = score.match(gs, ps, "value")
        for i, g in enumerate(gs):
            if i not in gm:
                print(f"MISS {kind:8} {doc:28} {g['text']!r} → {json.dumps(g['value'], ensure_ascii=False)}")
        for i, p in enumerate(ps):
            if i not in pm:
                print(f"FP   {kind:8} {doc:28} {p['text']!r} → {json.dumps(p['value'], ensure_ascii=False)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-gold", action="store_true", help="write devset_gold.jsonl from the annotations")
    parser.add_argument(
        "--export-constructed", action="store_true", help=f"write our own passages and their gold to {FIXTURE.name}/"
    )
    parser.add_argument("--errors", action="store_true", help="list misses and unmatched predictions")
    parser.add_argument("--kinds", help="comma-separated kinds to score (default: all in gold or predictions)")
    parser.add_argument("--json", help="also write the scores as JSON to this file")
    parser.add_argument("--anchors", action="store_true", help="also score JioNLP and phonenumbers (bench extra)")
    parser.add_argument("--prefix", help="score only passages whose names start with one of these (comma-separated)")
    args = parser.parse_args(argv)
    if not PASSAGES.is_dir() or not ANNOTATIONS.exists():
        print(f"no dev set in {CACHE.relative_to(ROOT)} (it is not committed; see the docstring)", file=sys.stderr)
        return 2
    if args.export_constructed:
        return export_constructed()
    if args.build_gold or not GOLD.exists():
        status = build_gold()
        if status or args.build_gold:
            return status
    bench = _module("entities_benchmark", ROOT / "benchmarks" / "entities.py")
    from normalize import normalize

    score = bench.load_scorer()
    gold = score.load_jsonl(GOLD)
    raws = _raw_docs()
    raws = {name: text for name, text in raws.items() if any(g["doc"] == name for g in gold)}
    docs = {name: normalize(text).text for name, text in raws.items()}
    preds = bench.predict_guidecrawl(docs)
    bench.place_on_text(preds, raws, docs)
    kinds = args.kinds.split(",") if args.kinds else None
    prefixes: tuple[str, ...] = ()
    if args.prefix:
        prefixes = tuple(args.prefix.split(","))
        gold = [g for g in gold if g["doc"].startswith(prefixes)]
        preds = [p for p in preds if p["doc"].startswith(prefixes)]
    results = score.evaluate(gold, preds, kinds)
    passages = len({g["doc"] for g in gold})
    title = f"guidecrawl on the dev set ({passages} passages, {len(gold)} gold entities; value and surface P/R/F1)"
    print(score.format_table(results, title))
    if args.errors:
        print()
        _errors(score, gold, preds, kinds or list(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.anchors:
        for system, anchor in (
            ("jionlp", bench.predict_jionlp(docs)),
            ("phonenumbers", bench.predict_phonenumbers(docs)),
        ):
            if isinstance(anchor, str):
                print(f"\n{system}: {anchor}")
                continue
            bench.place_on_text(anchor, raws, docs)
            anchor = [p for p in anchor if not args.prefix or p["doc"].startswith(prefixes)]
            anchor_kinds = sorted({p["kind"] for p in anchor}, key=score.KINDS.index)
            print("\n" + score.format_table(score.evaluate(gold, anchor, anchor_kinds), system))
    return 0


if __name__ == "__main__":
    sys.exit(main())
