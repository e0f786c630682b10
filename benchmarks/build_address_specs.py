"""Builds the `cpca-addr-*` cases of `tests/fixtures/entity_specs/address.jsonl` (run by hand, not in `make test`).

    git clone https://github.com/DQinYuan/chinese_province_city_area_mapper cpca-src   # any clone or bare mirror
    git clone https://github.com/hhui64/wuhan2020map fever-src
    .venv/bin/python benchmarks/build_address_specs.py --cpca-git cpca-src/.git --fever-git fever-src/.git

Sources (MIT both; sample, scope and answer as `tests/fixtures/entity_specs/README.md` states them, fixed before
any case was read): cpca's `tests/addr.csv`, real addresses with no answer in the file — every row `n` (0-based,
header not counted) with `n % 80 == 0`, the answer cpca's own `transform` at the recorded commit, kept only when
JioNLP's `parse_location(change2new=True)` names the same province, city and district; wuhan2020map's
`hospital.js`, fever clinics listed under their province and city — every hospital `n % 3 == 0`, the answer the
list's own province and city. The other cases of the table (`jio-*`) are kept as they are. Prints counts only:
the first-sight cases are not to be read.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import logging
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.entity_specs import SPECS  # noqa: E402
from benchmarks.splits import split_of  # noqa: E402

SAMPLE_EVERY = 80
REPO = "DQinYuan/chinese_province_city_area_mapper"
PATH = "tests/addr.csv"
FEVER_EVERY = 3
FEVER_REPO = "hhui64/wuhan2020map"
FEVER_PATH = "src/assets/json/hospital.js"
# levels a parser fills with a placeholder, not a division: the municipality or province stands alone
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
OUTSIDE_MAINLAND = ("香港", "澳门", "台湾")
LONG_NUMBER = re.compile(r"\d{5,}")


def _git(git_dir: str, *args: str) -> bytes:
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], check=True, capture_output=True).stdout


def _current_names() -> dict[str, str]:
    """Old division name → its current name (extract/data/division_renames.csv)."""
    with open(ROOT / "extract" / "data" / "division_renames.csv", encoding="utf-8", newline="") as f:
        return {row["name"]: row["now"] for row in csv.DictReader(f) if row["now"]}


def _levels(province: Any, city: Any, district: Any, renames: dict[str, str]) -> tuple[str, str, str]:
    def clean(name: Any) -> str:
        name = name if isinstance(name, str) else ""
        return "" if name in PLACEHOLDERS else renames.get(name, name)

    p, c, d = clean(province), clean(city), clean(district)
    return p, ("" if c == p else c), d


def build(git_dir: str, commit: str) -> list[dict[str, Any]]:
    rows = list(csv.reader(io.StringIO(_git(git_dir, "show", f"{commit}:{PATH}").decode("utf-8"))))[1:]
    with tempfile.TemporaryDirectory() as tmp:
        archive = _git(git_dir, "archive", "--format=tar", commit, "cpca")
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        sys.path.insert(0, tmp)
        with contextlib.redirect_stdout(io.StringIO()):
            import cpca  # the source's parser at the recorded commit
            import jionlp
    renames = _current_names()
    picked = [(n, row[0]) for n, row in enumerate(rows) if n % SAMPLE_EVERY == 0 and row and row[0]]
    answers = cpca.transform([text for _, text in picked])
    cases: list[dict[str, Any]] = []
    for (n, text), (_, answer) in zip(picked, answers.iterrows(), strict=True):
        text = text.strip()
        if "\n" in text or LONG_NUMBER.search(text):
            continue
        province, city, district = _levels(answer["省"], answer["市"], answer["区"], renames)
        rest = answer["地址"].strip() if isinstance(answer["地址"], str) else ""  # a row's trailing blanks
        if not (province or city or district) or not rest or province.startswith(OUTSIDE_MAINLAND):
            continue
        with contextlib.redirect_stdout(io.StringIO()):
            other = jionlp.parse_location(text, change2new=True)
        if (province, city, district) != _levels(other["province"], other["city"], other["county"], renames):
            continue
        case_id = f"cpca-addr-{n}"
        cases.append(
            {
                "id": case_id,
                "split": split_of(case_id),
                "text": "地址：" + text,
                "expected": [{"value": province + city + district + rest}],
                "source": {"repo": REPO, "path": PATH, "commit": commit, "licence": "MIT"},
                "note": "cpca transform at the commit, JioNLP parse_location(change2new=True) agreeing on the "
                "divisions; text: the row after an address label",
            }
        )
    return cases


def _read_hospitals(script: str) -> list[tuple[str, str, str]]:
    """(province, city, address) of every hospital of hospital.js (a JS module: three keys unquoted), in order."""
    body = script[script.index("{") :].rstrip().rstrip(";")
    data = json.loads(re.sub(r"(\s)(provinceList|cityList|hospitalList):", r'\1"\2":', body))
    return [
        (province["province"], city["city"], str(hospital.get("address") or ""))
        for province in data["provinceList"]
        for city in province["cityList"]
        for hospital in city.get("hospitalList", [])
    ]


def _division_tables() -> tuple[dict[str, str], dict[str, list[str]]]:
    """Short name of every province and city; the district names (current and former) of every city."""
    shorts: dict[str, str] = {}
    districts: dict[str, list[str]] = {}
    for name in ("admin_divisions.csv", "division_renames.csv"):
        with open(ROOT / "extract" / "data" / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row["level"] in ("province", "city") and row.get("short"):
                    shorts[row["name"]] = row["short"]
                elif row["level"] == "district":
                    districts.setdefault(row["city"] or row["province"], []).append(row["name"])
    return shorts, districts


def build_fever(git_dir: str, commit: str) -> list[dict[str, Any]]:
    """The `fever-*` cases: the hospital's province and city from the list, the address as written after them."""
    hospitals = _read_hospitals(_git(git_dir, "show", f"{commit}:{FEVER_PATH}").decode("utf-8"))
    renames = _current_names()
    shorts, districts = _division_tables()
    cases: list[dict[str, Any]] = []
    for n, (province, city, address) in enumerate(hospitals):
        address = address.strip()
        if n % FEVER_EVERY or not address or "\n" in address or LONG_NUMBER.search(address):
            continue
        rest = address
        named = False
        for name in (province, city):
            for written in sorted({name, shorts.get(name, name)}, key=len, reverse=True):
                if rest.startswith(written):
                    rest, named = rest[len(written) :], True
                    break
        district = next((d for d in sorted(districts.get(city, ()), key=len, reverse=True) if rest.startswith(d)), "")
        rest = rest[len(district) :]
        if not (named or district) or not rest:
            continue
        p, c, d = _levels(province, city, district, renames)
        case_id = f"fever-{n}"
        cases.append(
            {
                "id": case_id,
                "split": split_of(case_id),
                "text": "地址：" + address,
                "expected": [{"value": p + c + d + rest}],
                "source": {"repo": FEVER_REPO, "path": FEVER_PATH, "commit": commit, "licence": "MIT"},
                "note": "province and city the hospital is listed under, district as written (current name), "
                "then the address; text: the address after an address label",
            }
        )
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cpca-git", required=True, help="git directory of a cpca clone")
    parser.add_argument("--commit", default="HEAD")
    parser.add_argument("--fever-git", required=True, help="git directory of a wuhan2020map clone")
    parser.add_argument("--fever-commit", default="HEAD")
    args = parser.parse_args(argv)
    logging.disable(logging.CRITICAL)
    built: dict[str, list[dict[str, Any]]] = {}
    try:
        commit = _git(args.cpca_git, "rev-parse", args.commit).decode().strip()
        built["cpca-addr"] = build(args.cpca_git, commit)
        fever_commit = _git(args.fever_git, "rev-parse", args.fever_commit).decode().strip()
        built["fever"] = build_fever(args.fever_git, fever_commit)
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        print(f"build_address_specs: cannot read a source clone: {exc}", file=sys.stderr)
        return 2
    table = SPECS / "address.jsonl"
    kept = [
        line
        for line in table.read_text(encoding="utf-8").splitlines()
        if not line.startswith(tuple(f'{{"id": "{prefix}-' for prefix in built))
    ]
    lines = kept + [json.dumps(case, ensure_ascii=False) for cases in built.values() for case in cases]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for prefix, cases in built.items():
        dev = sum(case["split"] == "dev" for case in cases)
        print(f"{prefix}: {len(cases)} cases ({dev} dev, {len(cases) - dev} first_sight)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
