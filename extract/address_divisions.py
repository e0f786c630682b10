"""Which divisions an address names: the chain of division names, resolved to province, city, district and code.

The grammar of an address (where it starts and ends) is `extract/address.py`; this module only decides what the
division names of one address stand for. A name is looked up under the city or province written before it, a
renamed or merged division gives the code of the division it became (`data/division_renames.csv`, column `now`),
and a district written elsewhere in the text with the same street lends its district to an address without one.
"""

from __future__ import annotations

import csv
from functools import cache

from extract.divisions import Division, Mention, gazetteer
from extract.entity import Entity, PageContext
from extract.labels import DATA


@cache
def _successors() -> dict[tuple[str, str], Division]:
    """(old name, old code) → the current division it became: 江干区 → 上城区, 即墨市 → 即墨区, 宣武区 → 西城区."""
    gaz = gazetteer()
    table: dict[tuple[str, str], Division] = {}
    with open(DATA / "division_renames.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            now = [
                d for d in gaz.by_name.get(row["now"], ()) if (d.province, d.level) == (row["province"], row["level"])
            ]
            # a successor in the old city first (宣武区 → 北京's 西城区), else the province's only one (莱城区 → 莱芜区)
            same_city = [d for d in now if d.city == row["city"]]
            if row["now"] != row["name"] and (same_city or len(now) == 1):
                table[(row["name"], row["adcode"])] = (same_city or now)[0]
    return table


def current_division(division: Division) -> Division:
    """The division as it is now: a renamed or merged one gives its successor, whose code is in force."""
    return _successors().get((division.name, division.adcode), division)


def chain_mentions(mentions: list[Mention]) -> list[Mention]:
    """Full division names, and a short one (内蒙古, 宁夏, 广西) only right before a full one (内蒙古呼和浩特市).

    A short name alone (福州, 山东) is too often a word of its own to start an address.
    """
    kept = []
    for index, mention in enumerate(mentions):
        if mention.short:
            following = mentions[index + 1] if index + 1 < len(mentions) else None
            if following is None or following.short or following.start != mention.end:
                continue
        kept.append(mention)
    return kept


def districts_from_same_street(found: list[Entity]) -> list[Entity]:
    """福州市古田路128号 and, elsewhere in the text, 福州市鼓楼区古田路128号: the first lies in 鼓楼区 too."""
    known = {
        (e.fields["city"], e.fields["street"]): e.fields for e in found if e.fields["district"] and e.fields["city"]
    }
    out = []
    for e in found:
        same = known.get((e.fields["city"], e.fields["street"]))
        if same and not e.fields["district"]:
            fields = {**e.fields, "district": same["district"], "adcode": same["adcode"], "district_from": "text"}
            e = Entity(e.kind, e.text, e.start, e.end, e.value, fields)
        out.append(e)
    return out


def resolve(chain: list, context: PageContext | None) -> tuple[str | None, str | None, str | None, Division | None]:
    """province, city, district written in the chain, and the finest division they name."""
    gaz = gazetteer()
    province = city = district = None
    finest: Division | None = None
    for mention in chain:
        options = list(mention.divisions)
        # a name is looked up under the city, else the province, the text names (鼓楼区 after 江苏省南京市 is
        # Nanjing's; 西区 after 中山市 is none of 攀枝花's); only without either does the page's city choose
        if city:
            options = [d for d in options if d.city == city or d.name == city]
        elif province:
            options = [d for d in options if d.province == province]
        elif len(options) > 1 and context and context.city:
            options = [d for d in options if d.city == context.city or d.name == context.city] or options
        if not options:
            continue  # a division of another city or province: it names no code here
        d = options[0]
        if d.level == "province":
            province = gaz.by_code.get(d.adcode, d).name  # 广西省 → 广西壮族自治区: the region written as a province
            if d.name.endswith("市"):
                city = d.name
        elif d.level == "city":
            city = gaz.by_code.get(d.adcode, d).name  # 襄樊市 → 襄阳市: the current name of a renamed city
            province = province or d.province
        else:
            district = d.name
            if len(options) == 1 or city:
                city = city or d.city or None
                province = province or d.province
        if len(options) == 1 or d.level != "district" or city:
            finest = current_division(d)
    if finest is None and city:
        finest = next((x for x in gaz.by_name.get(city, ()) if x.level in ("city", "province")), None)
    return province, city, district, finest


def district_in(district: str, city: str) -> bool:
    """The district name is one of the city's (its current or former districts)."""
    return any(d.city == city for d in gazetteer().by_name.get(district, ()))


@cache
def _short_county_cities() -> dict[str, Division]:
    """Short name → county-level city (昆山 for 昆山市, 建德 for 建德市): two characters at least, one city each."""
    found: dict[str, list[Division]] = {}
    for divisions in gazetteer().by_name.values():
        for d in divisions:
            if d.level == "district" and d.name.endswith("市") and len(d.name) >= 3 and d.city:
                found.setdefault(d.name[:-1], []).append(d)
    return {short: ds[0] for short, ds in found.items() if len({d.adcode for d in ds}) == 1}


def short_county_city_at(text: str, start: int) -> Mention | None:
    """A county-level city written without 市 at `start` (地址：昆山玉山镇…): only after a label, where the caller
    looks; a full name there is a mention of its own."""
    table = _short_county_cities()
    for length in (4, 3, 2):
        division = table.get(text[start : start + length])
        if division is not None and text[start + length : start + length + 1] != "市":
            return Mention(start, start + length, (division,), True)
    return None
