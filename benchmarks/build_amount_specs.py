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
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.splits import split_of  # noqa: E402

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


def recognizers_cases(gitdir: str, path: str, prefix: str, kind: str, english: bool = False) -> list[dict[str, Any]]:
    commit, source = git_show(gitdir, path)
    src = {"repo": "microsoft/Recognizers-Text", "path": path, "commit": commit, "licence": "MIT"}
    cases = []
    for n, item in enumerate(json.loads(source), start=1):
        expected: list[dict[str, Any]] | None = []
        out = None
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
            if english and not written_with_digits(result.get("Text", "")):
                out = "out: English words for the number"
            assert expected is not None
            expected.append(entry)
        if english and expected == [] and not re.search(r"\d", item["Input"]):
            out = "out: English without a digit"
        case = _case(f"{prefix}-{n}", item["Input"], expected, src)
        if english:
            case["_scope"] = out or "in scope"
        cases.append(case)
    return cases


def written_with_digits(result_text: str) -> bool:
    """`$ 75`, `5 %`, `US$12.99`: a digit and, besides the currency codes and prefixes, no Latin letter."""
    rest = ALLOWED_LATIN.sub("", result_text)
    return bool(re.search(r"\d", rest)) and not re.search(r"[A-Za-z]", rest)


# Negative cases: what they may not hold (decided before reading them; see the module docstring)
MONEY_MARKS = re.compile(r"[元圆块钱币角¥￥$€£]|" + ALLOWED_LATIN.pattern, re.IGNORECASE)
PERCENT_MARKS = re.compile(r"[%％‰成折]|分之|百分点")
NUMERAL = re.compile(r"[\d〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億]")


def negative_scope(text: str, kind: str) -> str:
    if not chinese_writing(text):
        return "out: not Chinese writing"
    if not NUMERAL.search(text):
        return "out: no number"
    marks = MONEY_MARKS if kind == "amount" else PERCENT_MARKS
    return "out: a money or percent mark" if marks.search(text) else "in scope"


NEGATIVE_MODELS = {
    "number": "Specs/Number/Chinese/NumberModel.json",
    "numberrange": "Specs/Number/Chinese/NumberRangeModel.json",
    "ordinal": "Specs/Number/Chinese/OrdinalModel.json",
    "age": "Specs/NumberWithUnit/Chinese/AgeModel.json",
    "dimension": "Specs/NumberWithUnit/Chinese/DimensionModel.json",
    "temperature": "Specs/NumberWithUnit/Chinese/TemperatureModel.json",
}
NEGATIVE_DIMENSIONS = ("Numeral", "Ordinal", "Duration", "Distance", "Quantity", "Temperature", "Volume")


def recognizers_negatives(gitdir: str, kind: str) -> list[dict[str, Any]]:
    cases = []
    for model, path in NEGATIVE_MODELS.items():
        commit, source = git_show(gitdir, path)
        src = {"repo": "microsoft/Recognizers-Text", "path": path, "commit": commit, "licence": "MIT"}
        for n, item in enumerate(json.loads(source), start=1):
            case = _case(f"msrt-negative-{model}-{n}", item["Input"], [], src)
            case["_scope"] = negative_scope(item["Input"], kind)
            cases.append(case)
    return cases


def duckling_negatives(gitdir: str, kind: str) -> list[dict[str, Any]]:
    cases = []
    for dimension in NEGATIVE_DIMENSIONS:
        path = f"Duckling/{dimension}/ZH/Corpus.hs"
        commit, source = git_show(gitdir, path)
        src = {"repo": "facebook/duckling", "path": path, "commit": commit, "licence": "BSD-3-Clause"}
        n = 0
        for block in re.findall(r"examples\b[^\[]*\[(.*?)\]", source, re.S):
            for text in re.findall(r'"((?:[^"\\]|\\.)*)"', block):
                n += 1
                case = _case(f"duckling-zh-negative-{dimension.lower()}-{n}", text, [], src)
                case["_scope"] = negative_scope(text, kind)
                cases.append(case)
    return cases


_CN2AN_AMOUNT = re.compile(r"(-?\d+(?:\.\d+)?)([万亿]?)(?:元|块钱|块)")
_CN2AN_PERCENT = re.compile(r"(-?\d+(?:\.\d+)?)%")


def cn2an_cases(gitdir: str, kind: str) -> list[dict[str, Any]]:
    path = "cn2an/transform_test.py"
    commit, source = git_show(gitdir, path)
    src = {"repo": "Ailln/cn2an", "path": path, "commit": commit, "licence": "MIT"}
    pairs: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            target = node.targets[0]
            if isinstance(target, ast.Attribute) and target.attr in ("strict_data_dict", "smart_data_dict"):
                pairs.extend(ast.literal_eval(node.value).items())
    cases = []
    for n, pair in enumerate(pairs, start=1):
        arabic, chinese = sorted(pair, key=lambda side: -len(re.findall(r"\d", side)))
        if kind == "amount":
            found = [
                {"value": number(str(float(v) * {"": 1, "万": 10**4, "亿": 10**8}[m])), "currency": "CNY"}
                for v, m in _CN2AN_AMOUNT.findall(arabic)
            ]
        else:
            found = [{"value": number(v)} for v in _CN2AN_PERCENT.findall(arabic)]
        sides = [("an", arabic)] + ([("cn", chinese)] if chinese != arabic else [])
        for side, text in sides:
            case = _case(f"cn2an-transform-{side}-{n}", text, found, src)
            case["_scope"] = (
                ("in scope" if chinese_writing(text) else "out: not Chinese writing")
                if found
                else (negative_scope(text, kind))
            )
            cases.append(case)
    return cases


def price_parser_cases(gitdir: str) -> list[dict[str, Any]]:
    path = "tests/test_price_parsing.py"
    commit, source = git_show(gitdir, path)
    src = {"repo": "scrapinghub/price-parser", "path": path, "commit": commit, "licence": "BSD-3-Clause"}
    calls = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Example"
    ]
    calls.sort(key=lambda node: (node.lineno, node.col_offset))
    cases = []
    for n, call in enumerate(calls, start=1):
        _, price_raw, currency, amount_text, amount = (_literal(arg) for arg in call.args[:5])
        expected = [{"value": number(str(amount))}] if amount is not None else []
        case = _case(f"price-parser-{n}", price_raw or "", expected, src)
        case["_scope"] = _price_scope(price_raw, currency, amount_text, amount)
        cases.append(case)
    return cases


def _literal(node: ast.expr) -> Any:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Decimal":
        return float(ast.literal_eval(node.args[0]))
    return ast.literal_eval(node)


def _price_scope(price_raw: str | None, currency: str | None, amount_text: str | None, amount: Any) -> str:
    if not price_raw or not chinese_writing(price_raw) or not re.search(r"\d", price_raw):
        return "out: not Chinese writing with a digit"
    if amount is None or amount_text is None or not currency or currency not in price_raw:
        return "out: no amount or no written currency"
    try:
        stated = float(re.sub(r"[,\s]", "", amount_text))
    except ValueError:
        return "out: not the Chinese decimal convention"
    if abs(stated - float(amount)) > 1e-9:
        return "out: not the Chinese decimal convention"
    return "in scope"


def _case(case_id: str, text: str, expected: list[dict[str, Any]] | None, source: dict[str, str]) -> dict[str, Any]:
    return {"id": case_id, "split": split_of(case_id), "text": text, "expected": expected, "source": source}


def scope(case: dict[str, Any]) -> str:
    """Why a case is in or out (the rule of its source)."""
    if case["expected"] is None:
        return "out: answer not expressible"
    if "_scope" in case:
        return str(case["_scope"])
    return "in scope" if chinese_writing(case["text"]) else "out: not Chinese writing"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("jionlp", "duckling", "recognizers", "cn2an", "price-parser"):
        parser.add_argument(f"--{name}", required=True, metavar="GITDIR")
    args = parser.parse_args(argv)
    msrt = args.recognizers
    tables = {
        "amount": jionlp_cases(args.jionlp)
        + duckling_cases(args.duckling)
        + recognizers_cases(msrt, "Specs/NumberWithUnit/Chinese/CurrencyModel.json", "msrt-currency", "amount")
        + recognizers_cases(
            msrt, "Specs/NumberWithUnit/English/CurrencyModel.json", "msrt-en-currency", "amount", english=True
        )
        + cn2an_cases(args.cn2an, "amount")
        + price_parser_cases(args.price_parser)
        + recognizers_negatives(msrt, "amount")
        + duckling_negatives(args.duckling, "amount"),
        "percent": recognizers_cases(msrt, "Specs/Number/Chinese/PercentModel.json", "msrt-percent", "percent")
        + recognizers_cases(msrt, "Specs/Number/English/PercentModel.json", "msrt-en-percent", "percent", english=True)
        + cn2an_cases(args.cn2an, "percent")
        + recognizers_negatives(msrt, "percent")
        + duckling_negatives(args.duckling, "percent"),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    for kind, cases in tables.items():
        counts: Counter[tuple[str, str, str]] = Counter()
        kept = []
        seen_texts: set[str] = set()
        for case in cases:
            source = re.sub(r"-\d+$", "", case["id"])
            decision = scope(case)
            if decision == "in scope" and case["text"] in seen_texts:
                decision = "out: same text as an earlier case"
            counts[(source, case["split"], decision)] += 1
            if decision == "in scope":
                seen_texts.add(case["text"])
                case.pop("_scope", None)
                kept.append(case)
        with open(OUT / f"{kind}.jsonl", "w", encoding="utf-8") as f:
            for case in kept:
                f.write(json.dumps(case, ensure_ascii=False) + "\n")
        for key, count in sorted(counts.items()):
            print(kind, *key, count, sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main())
