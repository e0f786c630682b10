"""Amounts and percents against other parsers' public test cases (run by hand, not in `make test`).

    .venv/bin/python benchmarks/amount_specs.py [--split first_sight|dev] [--kind amount|percent]

Scores guidecrawl and JioNLP (amounts; bench extra, imported lazily) on the spec tables built by
`benchmarks/build_amount_specs.py`, value precision/recall/F1 per kind. Prints a table and writes nothing.
The first-sight split is the headline; the dev split is the one the parsers may be fixed against.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "extract" / "entities"))

from amount_percent_specs import Prediction, guidecrawl, load_cases, score  # noqa: E402

# JioNLP's currency names → ISO 4217
JIONLP_CURRENCIES = {
    "元": "CNY",
    "人民币": "CNY",
    "港元": "HKD",
    "港币": "HKD",
    "美元": "USD",
    "日元": "JPY",
    "新台币": "TWD",
    "韩元": "KRW",
    "欧元": "EUR",
    "英镑": "GBP",
    "澳门元": "MOP",
}


# The optional fields JioNLP's money parser produces (an anchor is held only to those).
JIONLP_MONEY_FIELDS = frozenset({"currency", "low", "high"})


def jionlp_money(text: str) -> list[Prediction]:
    """JioNLP's money extractor with parsing, in the spec tables' terms (imported on first use)."""
    with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner on import
        import jionlp

    out: list[Prediction] = []
    try:
        found = jionlp.ner.extract_money(text, with_parsing=True)
    except Exception:  # an anchor's crash is its miss, not ours
        return out
    for item in found:
        detail = item.get("detail") or {}
        num = detail.get("num")
        try:
            values = [float(x) for x in num] if isinstance(num, list) else [float(num)]
        except (TypeError, ValueError):
            continue
        prediction: Prediction = {"value": values[0], "currency": JIONLP_CURRENCIES.get(detail.get("case"))}
        if len(values) == 2:
            prediction["low"], prediction["high"] = values
        out.append(prediction)
    return out


def _jionlp_installed() -> bool:
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import jionlp  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("first_sight", "dev"), default="first_sight")
    parser.add_argument("--kind", choices=("amount", "percent"))
    args = parser.parse_args(argv)
    print(f"split: {args.split}")
    print(f"{'kind':8} {'parser':10} {'cases':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for kind in [args.kind] if args.kind else ["amount", "percent"]:
        cases = load_cases(kind, args.split)
        parsers: dict[str, Callable[[str], list[Prediction]] | None] = {"guidecrawl": guidecrawl(kind)}
        if kind == "amount":
            parsers["jionlp"] = jionlp_money if _jionlp_installed() else None
        for name, predict in parsers.items():
            if predict is None:
                print(f"{kind:8} {name:10} (not installed)")
                continue
            s = score(cases, predict)
            print(f"{kind:8} {name:10} {len(cases):5d} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
