"""Entity parsers against the anchors on the seed gold, and our throughput (run by hand, not in `make test`).

    .venv/bin/python benchmarks/entities.py [--main-only] [--repeat 20]

Scores guidecrawl, JioNLP (phones, money, times; bench extra) and phonenumbers' PhoneNumberMatcher on the
same normalized seed text with the gold's own scorer (value mode), then times `find_entities` over the seeds
repeated. Anchors are imported lazily; a missing one is reported, not fatal.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.scoring import load_scorer, scorer_value  # noqa: E402
from extract.entities import find_entities, page_context  # noqa: E402
from extract.pipeline import normalize_text, process_text  # noqa: E402
from normalize.offsets import OffsetMap  # noqa: E402

GOLD = ROOT / "tests" / "fixtures" / "gold"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
# value-F1 floors for guidecrawl (all gold); the benchmark fails loudly if a change drops below them
FLOORS = {"phone": 0.98, "address": 0.95, "amount": 0.97, "percent": 0.98, "date": 0.98, "docref": 0.95}
MIN_MB_PER_S = 2.0


def predict_guidecrawl(raws: dict[str, str]) -> list[dict]:
    out = []
    for name, raw in raws.items():
        for e in process_text(raw).entities:
            value = scorer_value(e)
            out.append({"doc": name, "kind": e.kind, "text": e.text, "value": value, "nstart": e.start, "nend": e.end})
    return out


def place_on_text(preds: list[dict], maps: dict[str, OffsetMap]) -> None:
    """Give predictions that carry normalized offsets (`nstart`/`nend`) their raw-seed offsets, through the
    offset map normalize's repairs give (`extract.pipeline.normalize_text`): surface scores and --main-only
    (which drops boilerplate by span) then work on every system's predictions."""
    for p in preds:
        if p.get("nstart") is None:
            p["start"] = p["end"] = None
            continue
        p["start"], p["end"] = maps[p["doc"]].span(p["nstart"], p["nend"])


def _iso_from_span(start: str, end: str) -> object:
    """JioNLP's [start, end] datetimes → the gold's ISO forms (year, month, day, datetime or a range)."""
    if " " not in start or " " not in end:  # open-ended spans ("inf")
        return {"start": start.split(" ")[0], "end": end.split(" ")[0]}
    s_date, s_time = start.split(" ")
    e_date, e_time = end.split(" ")
    whole_days = s_time == "00:00:00" and e_time == "23:59:59"
    if start == end:
        return f"{s_date}T{s_time}"
    if whole_days and s_date == e_date:
        return s_date
    if whole_days and s_date.endswith("-01-01") and e_date.endswith("-12-31") and s_date[:4] == e_date[:4]:
        return s_date[:4]
    if whole_days and s_date.endswith("-01") and s_date[:7] == e_date[:7]:
        return s_date[:7]
    return {"start": s_date, "end": e_date}


def _span(found: dict) -> dict:
    start, end = found["offset"]
    return {"nstart": start, "nend": end}


def predict_jionlp(docs: dict[str, str]) -> list[dict] | str:
    try:
        import jionlp as jio
    except ImportError:
        return "not installed (pip install -e '.[bench]')"
    logging.disable(logging.CRITICAL)
    out = []
    for name, text in docs.items():
        for p in jio.extract_phone_number(text, detail=True):
            out.append({"doc": name, "kind": "phone", "text": p["text"], "value": p["text"], **_span(p)})
        for m in jio.ner.extract_money(text, with_parsing=True):
            try:
                value = float(m["detail"]["num"])
            except (KeyError, TypeError, ValueError):
                continue
            out.append({"doc": name, "kind": "amount", "text": m["text"], "value": value, **_span(m)})
        base = time.mktime((2024, 9, 3, 0, 0, 0, 0, 0, -1))
        for t in jio.ner.extract_time(text, time_base=base, with_parsing=True):
            span = t.get("detail", {}).get("time")
            if isinstance(span, list) and len(span) == 2 and all(isinstance(x, str) for x in span):
                out.append({"doc": name, "kind": "date", "text": t["text"], "value": _iso_from_span(*span), **_span(t)})
        for u in jio.extract_url(text, detail=True):
            out.append({"doc": name, "kind": "url", "text": u["text"], "value": u["text"], **_span(u)})
        for e in jio.extract_email(text, detail=True):
            out.append({"doc": name, "kind": "email", "text": e["text"], "value": e["text"], **_span(e)})
    return out


def predict_phonenumbers(docs: dict[str, str]) -> list[dict]:
    import phonenumbers

    out = []
    for name, text in docs.items():
        for match in phonenumbers.PhoneNumberMatcher(text, "CN", leniency=phonenumbers.Leniency.POSSIBLE):
            national = str(match.number.national_number)
            digits = national if national.startswith("1") and len(national) == 11 else "0" + national
            if national.startswith(("400", "800")):
                digits = national
            out.append(
                {
                    "doc": name,
                    "kind": "phone",
                    "text": match.raw_string,
                    "value": digits,
                    "nstart": match.start,
                    "nend": match.end,
                }
            )
    return out


def _throughput(docs: dict[str, str], repeat: int) -> tuple[float, float]:
    texts = list(docs.values())
    size = sum(len(t.encode("utf-8")) for t in texts) * repeat
    from extract.divisions import _mentions

    started = time.process_time()  # CPU time: the machine is shared, wall time measures the neighbours
    for _ in range(repeat):
        _mentions.cache_clear()  # no credit for having seen the same text in the previous pass
        for text in texts:
            find_entities(text, page_context(None, text))
    seconds = time.process_time() - started
    return size / 1e6 / seconds, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--main-only", action="store_true", help="drop gold marked boilerplate")
    parser.add_argument("--repeat", type=int, default=20, help="passes over the seeds for the throughput")
    args = parser.parse_args(argv)
    score = load_scorer()
    gold = score.load_jsonl(GOLD / "seeds_entities.jsonl")
    seeds = {p.name: normalize_text(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))}
    docs = {name: seed.text for name, seed in seeds.items()}
    find_entities("预热 2025年1月5日 0591-87842560 福州市古田路128号")  # load tables before timing
    raws = {name: seed.served for name, seed in seeds.items()}
    systems = {
        "guidecrawl": predict_guidecrawl(raws),
        "jionlp": predict_jionlp(docs),
        "phonenumbers": predict_phonenumbers(docs),
    }
    ours = None
    for system, preds in systems.items():
        if isinstance(preds, str):
            print(f"\n{system}: {preds}")
            continue
        place_on_text(preds, {name: seed.offsets for name, seed in seeds.items()})
        kinds = sorted({p["kind"] for p in preds}, key=score.KINDS.index) if system != "guidecrawl" else None
        results = score.evaluate(gold, preds, kinds, args.main_only)
        title = f"{system} (offsets mapped back to the raw seed through the repairs)"
        print("\n" + score.format_table(results, title))
        if system == "guidecrawl":
            ours = results
    mb_per_s, seconds = _throughput(docs, args.repeat)
    size = sum(len(t.encode("utf-8")) for t in docs.values()) * args.repeat / 1e6
    print(f"\nthroughput: {mb_per_s:.2f} MB/s of normalized text ({size:.2f} MB in {seconds:.2f} CPU s, all parsers)")
    failed = [k for k, floor in FLOORS.items() if ours and ours[k]["value"]["F1"] < floor]
    if failed or mb_per_s < MIN_MB_PER_S:
        print(f"BELOW FLOOR: {failed or ''} {'' if mb_per_s >= MIN_MB_PER_S else 'throughput'}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
