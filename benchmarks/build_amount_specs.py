"""Build the amount and percent spec tables from other parsers' public test suites (run by hand).

    .venv/bin/python benchmarks/build_amount_specs.py --jionlp GITDIR --duckling GITDIR --recognizers GITDIR \
        --cn2an GITDIR --price-parser GITDIR

Each GITDIR is a clone (bare is fine) of the source repository; the file is read at its HEAD commit, which is
recorded in every case. Writes tests/fixtures/entity_specs/amount.jsonl and percent.jsonl and prints how many
cases each source gave, per split and scope decision — never the cases themselves.

Sources (case id prefix):
- `jionlp-money`: dongrixinyu/JioNLP test/test_money_parser.py (Apache-2.0): money strings and their parse.
- `duckling-zh`: facebook/duckling Duckling/AmountOfMoney/ZH/Corpus.hs (BSD): Chinese money examples.
- `msrt-currency`: microsoft/Recognizers-Text Specs/NumberWithUnit/Chinese/CurrencyModel.json (MIT): sentences.
- `msrt-percent`: microsoft/Recognizers-Text Specs/Number/Chinese/PercentModel.json (MIT): sentences.
- `msrt-en-currency`, `msrt-en-percent`: the same repository's Specs/NumberWithUnit/English/CurrencyModel.json and
  Specs/Number/English/PercentModel.json (MIT): English sentences, kept only for amounts and percentages written
  with digits (see the scope rule).
- `cn2an-transform-an`, `cn2an-transform-cn`: Ailln/cn2an cn2an/transform_test.py (MIT): the pairs of its
  `strict_data_dict` and `smart_data_dict` (one sentence with Arabic numbers, the same with Chinese numerals); each
  side is a case, and both take their expected entities from the Arabic side: a number directly followed by
  元/块钱/块 (with 万/亿 before the unit) is an amount in CNY, a number followed by % a percentage; a pair whose
  Arabic side has neither is a negative case of both tables.
- `price-parser`: scrapinghub/price-parser tests/test_price_parsing.py (BSD-3-Clause): every `Example(...)`, in
  file order; the text is its `price_raw`.
- `msrt-negative-<model>`, `duckling-zh-negative-<dimension>`: inputs of Recognizers-Text's Chinese Number,
  NumberRange, Ordinal, Age, Dimension and Temperature models and examples of Duckling's ZH Numeral, Ordinal,
  Duration, Distance, Quantity, Temperature and Volume corpora: numbers, counts, durations and measures that are
  neither money nor a share, as negative cases (`expected: []`).

Split, fixed before any case was read: the id is `<prefix>-<n>` (n = 1-based position of the case in its
source file); sha1(id) even → `dev`, odd → `first_sight`.

Scope, also fixed before reading, applied alike to both splits (a case is kept only if all hold):
- the input is Chinese writing: it holds a CJK character or a currency sign, and no Latin letters other than
  the currency codes and prefixes a guide page prints (RMB, CNY, USD, HKD, US$, HK$, NT$, MOP …);
- every expected amount is in a currency with an ISO 4217 code, or (Duckling's `Dollar`/`Cent`, which stand for
  元/分 in its Chinese corpus) in an unnamed currency, whose value is then checked without the currency;
- every expected percentage resolves to a plain number of percent;
- an English case (`msrt-en-*`) is kept when every result's text, without the currency codes and prefixes above,
  has a digit and no Latin letter (`$ 75`, `5 %`; not `five dollars`, `75 million`), and a case without results
  when its input has a digit;
- a `price-parser` example is kept when its `price_raw` is Chinese writing (as above) with a digit, its `currency`
  is written inside `price_raw`, and its `amount_float` is the number `amount_text` states with commas and spaces
  as thousands separators and a dot as the decimal point (the convention of Chinese pages: `1.200,00` is out); its
  value is checked without a currency (price-parser names the sign as written, `¥` or `$`, not a currency);
- a negative case (`*-negative-*`, or a cn2an pair without money or a percentage) is Chinese writing, holds a
  digit or a Chinese numeral, and is kept as an amount negative only when it holds none of
  元 圆 块 钱 币 角 ¥ ￥ $ € £ nor a currency code, as a percent negative only when it holds none of
  % ％ ‰ 分之 成 折 百分点.
Value in the main unit: 分/cents are divided by 100. A range's value is its low end, with `low`/`high`.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "entity_specs"

# The source's currency names → ISO 4217 (the sources' labels, not our parser's vocabulary).
ISO_BY_SOURCE_NAME = {
    "元": "CNY",
    "人民币": "CNY",
    "港元": "HKD",
    "港币": "HKD",
    "美元": "USD",
    "日元": "JPY",
    "新台币": "TWD",
    "台币": "TWD",
    "韩元": "KRW",
    "欧元": "EUR",
    "英镑": "GBP",
    "澳门元": "MOP",
    "澳元": "AUD",
    "加元": "CAD",
    "卢布": "RUB",
    "泰铢": "THB",
    "新加坡元": "SGD",
    "瑞士法郎": "CHF",
    "CNY": "CNY",
    "HKD": "HKD",
    "USD": "USD",
    "EUR": "EUR",
}
ALLOWED_LATIN = re.compile(r"RMB|CNY|USD|HKD|EUR|GBP|JPY|TWD|MOP|US\$|HK\$|NT\$|MOP\$", re.IGNORECASE)
CJK_OR_SIGN = re.compile(r"[\u4e00-\u9fff¥￥$€£]")


def split_of(case_id: str) -> str:
    return "dev" if int(hashlib.sha1(case_id.encode()).hexdigest(), 16) % 2 == 0 else "first_sight"


def chinese_writing(text: str) -> bool:
    return bool(CJK_OR_SIGN.search(text)) and not re.search(r"[A-Za-z]", ALLOWED_LATIN.sub("", text))


def git_show(gitdir: str, path: str) -> tuple[str, str]:
    commit = subprocess.run(
        ["git", "--git-dir", gitdir, "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    text = subprocess.run(
        ["git", "--git-dir", gitdir, "show", f"{commit}:{path}"], check=True, capture_output=True, text=True
    ).stdout
    return commit, text


def number(text: str) -> int | float:
    value = float(text.replace(",", ""))
    return int(value) if value.is_integer() else value


def jionlp_cases(gitdir: str) -> list[dict[str, Any]]:
    path = "test/test_money_parser.py"
    commit, source = git_show(gitdir, path)
    listing = source[source.index("money_string_list = [") + len("money_string_list = ") :]
    listing = listing[: listing.index("\n        ]\n") + len("\n        ]")]
    cases = []
    for n, (text, parsed) in enumerate(ast.literal_eval(listing), start=1):
        iso = ISO_BY_SOURCE_NAME.get(parsed["case"])
        expected: dict[str, Any] | None = None
        if iso is not None:
            if isinstance(parsed["num"], list):
                low, high = (number(x) for x in parsed["num"])
                expected = {"value": low, "low": low, "high": high, "currency": iso}
            else:
                expected = {"value": number(parsed["num"]), "currency": iso}
        src = {"repo": "dongrixinyu/JioNLP", "path": path, "commit": commit, "licence": "Apache-2.0"}
        cases.append(_case(f"jionlp-money-{n}", text, [expected] if expected else None, src))
    return cases


_DUCKLING_GROUP = re.compile(r"examples \((\w+) (\w+) (\(([\d.]+), ([\d.]+)\)|[\d.]+)\)\s*\[(.*?)\]", re.S)


def duckling_cases(gitdir: str) -> list[dict[str, Any]]:
    path = "Duckling/AmountOfMoney/ZH/Corpus.hs"
    commit, source = git_show(gitdir, path)
    src = {"repo": "facebook/duckling", "path": path, "commit": commit, "licence": "BSD-3-Clause"}
    cases = []
    n = 0
    for m in _DUCKLING_GROUP.finditer(source):
        kind, currency, amount, low, high, texts = m.groups()
        scale = 100 if currency == "Cent" else 1
        iso = {"Dollar": None, "Cent": None}.get(currency, ISO_BY_SOURCE_NAME.get(currency, "?"))
        if kind == "between":
            lo, hi = number(low) / scale, number(high) / scale
            expected: dict[str, Any] | None = {"value": lo, "low": lo, "high": hi}
        else:
            expected = {"value": number(amount) / scale}
        if expected is not None and iso is not None:
            expected["currency"] = iso
        for text in re.findall(r'"((?:[^"\\]|\\.)*)"', texts):
            n += 1
            cases.append(_case(f"duckling-zh-{n}", text, None if iso == "?" else [expected], src))
    return cases


def recognizers_cases(gitdir: str, path: str, prefix: str, kind: str) -> list[dict[str, Any]]:
    commit, source = git_show(gitdir, path)
    src = {"repo": "microsoft/Recognizers-Text", "path": path, "commit": commit, "licence": "MIT"}
    cases = []
    for n, item in enumerate(json.loads(source), start=1):
        expected: list[dict[str, Any]] | None = []
        for result in item.get("Results", []):
            resolution = result.get("Resolution") or {}
            value = str(resolution.get("value", ""))
            if kind == "percent":
                ok = re.fullmatch(r"-?[\d.]+ ?%", value)
                entry = {"value": number(value.rstrip(" %"))} if ok else None
            else:
                iso = resolution.get("isoCurrency")
                ok = re.fullmatch(r"-?[\d.]+", value) and iso
                entry = {"value": number(value), "currency": iso} if ok else None
            if entry is None:
                expected = None
                break
            assert expected is not None
            expected.append(entry)
        cases.append(_case(f"{prefix}-{n}", item["Input"], expected, src))
    return cases


def _case(case_id: str, text: str, expected: list[dict[str, Any]] | None, source: dict[str, str]) -> dict[str, Any]:
    return {"id": case_id, "split": split_of(case_id), "text": text, "expected": expected, "source": source}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jionlp", required=True)
    parser.add_argument("--duckling", required=True)
    parser.add_argument("--recognizers", required=True)
    args = parser.parse_args(argv)
    tables = {
        "amount": jionlp_cases(args.jionlp)
        + duckling_cases(args.duckling)
        + recognizers_cases(
            args.recognizers, "Specs/NumberWithUnit/Chinese/CurrencyModel.json", "msrt-currency", "amount"
        ),
        "percent": recognizers_cases(
            args.recognizers, "Specs/Number/Chinese/PercentModel.json", "msrt-percent", "percent"
        ),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    for kind, cases in tables.items():
        counts: Counter[tuple[str, str, str]] = Counter()
        kept = []
        for case in cases:
            source = case["id"].rsplit("-", 1)[0]
            if case["expected"] is None:
                counts[(source, case["split"], "out: answer not expressible")] += 1
            elif not chinese_writing(case["text"]):
                counts[(source, case["split"], "out: not Chinese writing")] += 1
            else:
                counts[(source, case["split"], "in scope")] += 1
                kept.append(case)
        with open(OUT / f"{kind}.jsonl", "w", encoding="utf-8") as f:
            for case in kept:
                f.write(json.dumps(case, ensure_ascii=False) + "\n")
        for key, count in sorted(counts.items()):
            print(kind, *key, count, sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main())
