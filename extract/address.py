"""Street addresses: `福州市古田路128号劳动大厦一层`, `北京市宣武区永内西街5号`, `皇姑区崇山路百鸟公园东侧`.

An address is a run of division names (province, city, district; or an address label such as 地址:) followed
by a thoroughfare (路, 街, 巷 …, see `data/address_words.toml`) and the detail up to the end of the clause or the
next field label (受理时间, 电话 …). A division name without a street is a place, never an address, except after
an address label when a building, hall, floor or window follows (办理地点：XX市政务服务中心二楼4号窗口). A place
named for many (海口市各区政务服务中心…, …大厅及各区…) ends before the word that makes it many. Right after a label, a
short city name is the city (受理地点：杭州解放东路18号), unless it names a zone (杭州经济技术开发区) or the
road (长治路); a named township or subdistrict stands for the division (地点：姜山镇便民服务中心多功能厅), and after a
label and a division a name with a house number is enough (地址：南京市玄武区估衣廊38号, …劲松三区甲302号). 街道 is a
subdistrict, never the road 街; a common-word district name inside a longer name (南岸西区) starts no address.

Value is the full address, simplified, with the city put in front when only the district was written and the
city is known from the page. Fields: `province`, `city`, `district` (as written, renamed ones included),
`street`, `detail`, `adcode` (finest known division), and `*_from: "context"` when a level came from the page.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from extract.address_divisions import (
    chain_mentions,
    district_in,
    districts_from_same_street,
    resolve,
    short_county_city_at,
)
from extract.divisions import Division, Mention, gazetteer
from extract.entity import Entity, PageContext
from extract.labels import DATA

_JOINTS = (" ", "-", "—", "－")
_HOUSE_NUMBER = re.compile(r"\d ?[号弄]")
_ENDS = r"[,，。;；:：!！?？、\s\"“”《》【】<>|()（）\[\]]"


@dataclass(frozen=True, slots=True)
class AddressRules:
    street: re.Pattern[str]  # thoroughfare (+ house number) right after a label
    street_after_divisions: re.Pattern[str]  # the same, or a residential quarter with a house number
    label: re.Pattern[str]  # 地址: before a street without divisions
    stop: re.Pattern[str]
    max_detail: int  # characters of building/floor/hall detail after the street, at most
    venue: re.Pattern[str]  # a building, hall, floor or window: a labelled place without a street
    numbered_venue: re.Pattern[str]  # …中心2号楼: an unlabelled place after two or more divisions
    sentence: re.Pattern[str]  # 办理, 举行, 的 …: a word of the sentence an address stands in
    inside_detail: re.Pattern[str]  # ` 1 楼`, `15、16栋`, `“新天CBC”A座`, `（18层）`: a stop that is part of the detail
    locality: re.Pattern[str]  # below-district divisions: 街道, 镇, 开发区 …
    zone: re.Pattern[str]  # 经济技术开发区, 工业园区: a zone named after its city (杭州经济技术开发区)
    road_start: re.Pattern[str]  # a thoroughfare word: 路, 街, 大道 …
    compound_start: re.Pattern[str]  # 小区, 新村 …: after a short city name, the name of a compound
    landmark: re.Pattern[str]  # 兴福佳苑东门北100米: a landmark, a direction and a distance, after a label
    numbered_compound: re.Pattern[str]  # 标山小区7号楼: a compound and a numbered building, after a label
    labelled_locality: re.Pattern[str]  # 地点：姜山镇便民服务中心…: a named township or subdistrict after a label
    inside_words: frozenset[str]  # 西区, 城区: district names that are also words inside longer names
    named_house: re.Pattern[str]  # 估衣廊38号: a name and a house number, after a label and a division
    road_word: re.Pattern[str]  # 大道, 路 … (not 街道): after a district name, the road is named after it
    joiner: re.Pattern[str]  # 和, 及, 、 …: between two addresses of one sentence
    divisions_alone: re.Pattern[str]  # 地址：天津市: labels after which the divisions alone are an address
    generic: frozenset[str]  # 各, 及各 …: a place named for many
    place_name: re.Pattern[str]  # 解放碑, 蒋村花园小区管局农贸市场: a name with no word of a sentence in it


@cache
def rules() -> AddressRules:
    with open(DATA / "address_words.toml", "rb") as f:
        data = tomllib.load(f)
    s = data["street"]
    alt = lambda ws: "|".join(map(re.escape, sorted(ws, key=len, reverse=True)))  # noqa: E731
    # 博云路 2 号: a space may stand around the number (PDF text, some CMSs)
    # 甲302号: Beijing numbers a house added between two others with 甲/乙/丙/丁
    house = rf" ?[甲乙丙丁]?(?:\d+|[一二三四五六七八九十百]+)(?:-\d+)? ?(?:{alt(s['numbers'])})"
    # a road's name never holds a function word of a sentence (服务网点将设在各街道…: no 将设在各街)
    name = rf"(?:(?![{s['not_in_names']}])[\u4e00-\u9fff0-9]){{1,8}}?"
    # 凤城街道便民服务中心 is a subdistrict, not 凤城街: a road word that begins a locality word is no road there
    not_road = alt(
        [loc[len(road) :] for loc in s["localities"] for road in s["roads"] if loc.startswith(road) != (loc == road)]
    )
    roads = rf"(?:{alt(s['roads'])})(?!{not_road})" if not_road else f"(?:{alt(s['roads'])})"
    street_source = (
        rf"(?:[\u4e00-\u9fffA-Za-z0-9]{{0,8}}?(?:{alt(s['localities'])}))?"
        rf"(?:{name}{roads}(?:{house})?"
        rf"|{name}(?:{alt(s['weak_roads'])}){house}"
    )
    street = re.compile(street_source + ")")
    street_after_divisions = re.compile(street_source + rf"|{name}(?:{alt(s['quarters'])}){house})")
    # 地址分别为…: 分别 (respectively) before the colon or copula of a label that lists several
    label = re.compile(rf"(?:{alt(data['labels']['words'])})\s*(?:分别)?[:：为是在]?\s*")
    stop = re.compile(
        rf"{_ENDS}|{alt(data['stop']['words'] + data['stop']['generic'])}"
        rf"|(?:{alt(data['stop']['sentence'])})(?!{alt(data['venues']['words'])})"
    )
    venue = re.compile(alt(data["venues"]["words"]))
    # what may stand at a stop and still be detail: a number between spaces (政务服务中心 1 楼), numbers in a list
    # (15、16栋), a short quoted name the detail goes on after (“新天CBC”A座2106), a floor or room in brackets, with
    # its building (（18层）, （B座1201室）, （劳动大厦一层）; a note in brackets — 北行200米, 受理城镇居民医保 —
    # ends the address)
    unit = rf"(?:[A-Za-z0-9\-]+|[一二三四五六七八九十]+)(?:{alt(s['numbers'])})"
    inside_detail = re.compile(
        rf" ?\d+ ?(?:{alt(s['numbers'])})|(?<=\d)、(?=\d)"
        rf"|“[^”{_ENDS[1:-1]}]{{1,12}}”(?=[\u4e00-\u9fffA-Za-z0-9])"
        rf"|[(（](?:[\u4e00-\u9fffA-Za-z0-9]{{0,10}}?(?:{alt(data['venues']['words'])}))?(?:{unit})+[)）]"
    )
    locality = re.compile(alt(s["localities"]))
    road_start = re.compile(alt(s["roads"]))
    # 户籍所在地街道…, 居住地社区…: a word of a sentence before the locality makes it no name
    township = rf"(?:(?!{alt(data['venues']['not_names'])})(?![{s['not_in_names']}])[\u4e00-\u9fff]){{1,6}}?"
    labelled_locality = re.compile(rf"{township}(?:{alt(s['localities'])})")
    return AddressRules(
        street,
        street_after_divisions,
        label,
        stop,
        int(data["stop"]["max_detail"]),
        venue,
        # the whole place: name, number, building — and nothing after (…中心3楼举行… is a sentence)
        re.compile(rf"(?:[^\d\s{s['not_in_names']}有]{{0,12}}?\d+\s?(?:{alt(data['venues']['numbered'])}))+"),
        re.compile(alt(data["stop"]["sentence"])),
        inside_detail,
        locality,
        re.compile(rf"[\u4e00-\u9fff]{{0,6}}?(?:{alt(s['zones'])})"),
        road_start,
        re.compile(alt(s["compounds"])),
        re.compile(
            rf"(?!{alt(s['not_landmarks'])})"
            rf"(?:(?![{s['not_in_names']}])[\u4e00-\u9fff]){{2,12}}?(?:[{s['directions']}](?:门|侧)?){{1,2}}"
            rf"\d+米(?:{alt(s['after_distance'])})?"
        ),
        re.compile(
            rf"(?:(?![{s['not_in_names']}])[\u4e00-\u9fff]){{2,8}}?(?:{alt(s['compounds'])})内?\d+(?:号楼|栋|幢|号院)"
        ),
        labelled_locality,
        frozenset(data["divisions"]["inside_words"]),
        re.compile(rf"{name}[甲乙丙丁]?\d+(?:-\d+)?号(?![\d])"),
        re.compile(roads),
        re.compile(alt(data["joiners"]["words"])),
        re.compile(rf"(?:{alt(data['labels']['divisions_alone'])})\s*(?:分别)?[:：为是在]?\s*\Z"),
        frozenset(data["stop"]["generic"]),
        re.compile(rf"(?:(?![{s['not_in_names']}])[\u4e00-\u9fffA-Za-z0-9#\-]){{1,{int(data['stop']['max_detail'])}}}"),
    )


def find_addresses(text: str, context: PageContext | None = None) -> list[Entity]:
    """Every street address in `text`, in order."""
    r = rules()
    gaz = gazetteer()
    mentions = chain_mentions(gaz.mentions(text))
    ends = {m.end for m in mentions}
    mentions = [
        m
        for m in mentions
        # 南岸西区永安路: a common-word district name glued to other characters (not to a division: 攀枝花市西区) is
        # part of their name
        if not (
            text[m.start : m.end] in r.inside_words
            and m.start not in ends
            and m.start
            and "\u4e00" <= text[m.start - 1] <= "\u9fff"
        )
        # 西区大道, 城区路: a district's name before a road word is the road's name
        and not (all(d.level == "district" for d in m.divisions) and r.road_word.match(text, m.end))
    ]
    found: list[Entity] = []
    taken_to = -1
    starts: list[tuple[int, list]] = []
    i = 0
    while i < len(mentions):
        chain = [mentions[i]]
        # 广东省 广州市 天河区: one space may stand between the names of a chain
        while i + 1 < len(mentions) and text[chain[-1].end : mentions[i + 1].start] in ("", " "):
            i += 1
            chain.append(mentions[i])
        short_district = _short_district_after(text, chain[-1])
        if short_district is not None:
            chain.append(short_district)
        starts.append((chain[0].start, chain))
        i += 1
    # addresses that start with a label and no division: 地址:古田路128号
    chain_starts = {s for s, _ in starts}
    # 受理地点：杭州解放东路18号: right after a label, a short city name is the city (alone it is too often a word)
    short_cities = {
        m.start: m
        for m in gaz.mentions(text)
        # a prefecture city, or a municipality (上海上川路995号)
        if m.short and any(d.level == "city" or (d.level == "province" and d.name.endswith("市")) for d in m.divisions)
    }
    labelled: set[int] = set()
    for m in r.label.finditer(text):
        labelled.add(m.end())
        if m.end() not in chain_starts:
            # 受理地点：杭州解放东路18号, 地址：昆山玉山镇牧野路2号: a short prefecture or county-level city name
            short = short_cities.get(m.end())
            county = None if short else short_county_city_at(text, m.end())
            if county and (r.street.match(text, county.end) or r.locality.match(text, county.end)):
                short = county  # only before a street or a township: 地点：合作医疗办公室 is no place in 合作市
            if short and (r.road_start.match(text, short.end) or r.compound_start.match(text, short.end)):
                short = None  # 长治路与南中环交叉口, 乐山小区: the city's name is the road's or the compound's
            starts.append((m.end(), [short] if short else []))
    starts.sort(key=lambda t: t[0])
    for start, chain in starts:
        if start < taken_to:
            continue
        body_start = chain[-1].end if chain else start
        if chain and text[body_start : body_start + 1] in _JOINTS:
            body_start += 1  # 乌兰浩特市-长青街…, 广州市 天河路…: a separator between the divisions and the street
        street = (r.street_after_divisions if chain else r.street).match(text, body_start)
        if street and len(chain) == 1 and chain[0].short and r.zone.match(street.group()):
            # 杭州经济技术开发区, 苏州工业园区: the short city name is part of a zone's name, not the city (a
            # township after it is the city's: 昆山玉山镇)
            chain, body_start = [], start
            street = r.street.match(text, body_start)
        venue_from = body_start
        numbered = False
        if street and street.end() > body_start:
            street_end = street.end()
        elif chain and start in labelled and (named := r.named_house.match(text, body_start)):
            street_end = named.end()  # 地址：南京市玄武区估衣廊38号: a lane whose name has no road word
        elif chain and start in labelled:
            street_end = body_start  # 办理地点：XX市政务服务中心二楼: a labelled place with no street
        elif start in labelled and not chain and (landmark := r.landmark.match(text, body_start)):
            street_end = landmark.end()  # 地址：党家立交桥西700米南, 柳埠镇政府东150米: a landmark and where from it
        elif start in labelled and not chain and (compound := r.numbered_compound.match(text, body_start)):
            street_end = compound.end()  # 地址：标山小区7号楼西侧: a compound and a numbered building in it
        elif start in labelled and (township := r.labelled_locality.match(text, body_start)):
            # 地点：姜山镇便民服务中心多功能厅: a township or subdistrict stands for the division
            street_end, venue_from = body_start, township.end()
        elif len(chain) >= 2 and not any(c.short for c in chain):
            street_end = body_start  # 昆明市呈贡区市级行政中心2号楼: checked for a numbered building below
            numbered = True
        else:
            continue
        end, stop = _extent(text, street_end)
        end, next_street = _before_second_address(text, street_end, end, chain_starts)
        if street_end == body_start and not r.venue.search(text, venue_from, end):
            rest = text[body_start:end].strip()
            # 地址：天津市, 地址：云南省…元阳县黄茅岭乡, 地址：重庆解放碑: after an address label, the divisions and
            # whatever place name fills the rest of the field are the address — when the field ends there (not cut
            # by the length limit) and holds no word of a sentence
            field_ends = end == len(text) or bool(stop and stop.start() == end)
            alone = (
                chain
                and r.divisions_alone.search(text, max(0, start - 12), start)
                and not _in_sentence(stop)  # 地址：福州市的各个服务网点均可办理
                and (not rest or (field_ends and r.place_name.fullmatch(rest)))
                and not (stop and stop.group() in r.generic)  # 地址：海口市各区…: a place named for many
            )
            if not alone:
                continue
            if not rest:
                end = body_start
        # 海口市美兰区政务服务中心3楼举行签约仪式: a place a sentence goes on from is named, not given as an address
        if numbered and (_in_sentence(stop) or not r.numbered_venue.fullmatch(text, venue_from, end)):
            continue
        entity = _entity(text, start, body_start, street_end, end, chain, context)
        if entity is not None:
            found.append(entity)
            taken_to = end
            # 地址：古田路128号和八一七中路100号: the next street of the sentence lies in the same divisions
            prefix = entity.value.removesuffix(_value_text(text[body_start:end]))
            while entity is not None and next_street is not None:
                second_end, _ = _extent(text, next_street.end())
                second_end, following = _before_second_address(text, next_street.end(), second_end, chain_starts)
                fields = {
                    **entity.fields,
                    "street": next_street.group(),
                    "detail": text[next_street.end() : second_end] or None,
                }
                value = prefix + _value_text(text[next_street.start() : second_end])
                found.append(
                    Entity(
                        "address",
                        text[next_street.start() : second_end],
                        next_street.start(),
                        second_end,
                        value,
                        fields,
                    )
                )
                taken_to, next_street = second_end, following
    return districts_from_same_street(found)


def _in_sentence(stop: re.Match[str] | None) -> bool:
    """The stop is a word of a sentence (办理, 举行, 的), not a field's end."""
    return bool(stop and rules().sentence.fullmatch(stop.group()))


def _extent(text: str, street_end: int) -> tuple[int, re.Match[str] | None]:
    """Where the detail after a street ends: the next stop (a space around a number of the detail is none), at
    most `max_detail` characters on; and the stop found."""
    r = rules()
    # the stop is only looked for within the detail's reach (+ a stop word's length): a search to the end of the
    # text from every address made a page of many addresses quadratic
    reach = street_end + r.max_detail + 16
    stop = r.stop.search(text, street_end, reach)
    # 政务服务中心 1 楼, 15、16栋, “新天CBC”A座, (18层): a stop inside the detail does not end the address
    inside_end = street_end
    while stop and (inside := r.inside_detail.match(text, stop.start())):
        inside_end = inside.end()
        stop = r.stop.search(text, inside_end, reach)
    end = min(stop.start() if stop else len(text), max(street_end + r.max_detail, inside_end))
    return max(end, street_end), stop


def _before_second_address(
    text: str, street_end: int, end: int, chain_starts: set[int]
) -> tuple[int, re.Match[str] | None]:
    """The end of an address's detail before a second address of the same sentence, and that second one's street
    when it has no divisions of its own (鼓楼区古田路1号和台江区八一七中路2号; 古田路128号、八一七中路100号).

    Only an address with a house number is complete enough to be followed by another: 长青街与代钦路30号 is a
    crossing, one place.
    """
    r = rules()
    for joint in r.joiner.finditer(text, street_end, min(len(text), end + 1)):
        if not _HOUSE_NUMBER.search(text, max(0, street_end - 12), joint.start()):
            break
        after = joint.end()
        if after in chain_starts:
            return joint.start(), None
        street = r.street.match(text, after)
        if street and _HOUSE_NUMBER.search(street.group()):
            return joint.start(), street
    return end, None


def _value_text(text: str) -> str:
    """文一西路 969 号 → 文一西路969号: the spaces PDF text leaves around numbers are no part of the value."""
    return re.sub(r" ?(\d+) ?", r"\1", text)


@cache
def _short_districts() -> dict[tuple[str, str], Division]:
    """(city, short name) → district: 科尔沁 for 通辽市科尔沁区, 樊城 for 襄阳市樊城区 (two characters at least)."""
    gaz = gazetteer()
    table: dict[tuple[str, str], Division] = {}
    for divisions in gaz.by_name.values():
        for d in divisions:
            short = d.name[:-1]
            if d.level == "district" and d.city and d.name[-1] in "区县市旗" and len(short) >= 2:
                table[(gaz.by_code.get(d.adcode, d).city or d.city, short)] = d
    return table


def _short_district_after(text: str, last: Mention) -> Mention | None:
    """通辽市科尔沁甘蓝子街98号: right after its city, a district's name without 区/县 before a street is the district.

    The street must have a name of its own (广州市天河北路: 天河 is the road's, since 北路 alone names none).
    """
    city = next((d for d in last.divisions if d.level == "city"), None)
    if city is None:
        return None
    r = rules()
    table = _short_districts()
    current = gazetteer().by_code.get(city.adcode, city).name
    for length in (4, 3, 2):
        district = table.get((current, text[last.end : last.end + length]))
        if district is None:
            continue
        after = last.end + length
        if r.road_start.match(text, after) or r.road_start.match(text, after + 1):
            return None
        street = r.street.match(text, after)
        if street and _HOUSE_NUMBER.search(street.group()):
            return Mention(last.end, after, (district,), True)
        return None
    return None


def _entity(
    text: str, start: int, body_start: int, street_end: int, end: int, chain: list, context: PageContext | None
) -> Entity | None:
    gaz = gazetteer()
    province, city, district, finest = resolve(chain, context)
    fields: dict = {}
    value_prefix = ""
    if (
        city is None
        and context
        and context.city
        and province in (None, context.province)  # 江苏省鼓楼区… on a Fuzhou page is still in Jiangsu
        and (district is None or district_in(district, context.city))
    ):
        city = context.city
        province = province or context.province
        fields["city_from"] = "context"
        if district:
            value_prefix = city
        if finest is None or finest.level != "district":
            finest = next((x for x in gaz.by_name.get(city, ()) if x.level in ("city", "province")), finest)
            if district:
                finest = next((x for x in gaz.by_name.get(district, ()) if x.city == city), finest)
    if district and city and not value_prefix and not any(m.divisions[0].level != "district" for m in chain):
        value_prefix = city
    if province is None and context and context.province and city == context.city:
        province = context.province
    surface = text[start:end]
    # the value drops the separators between divisions and street; the surface keeps them
    divisions = re.sub(r"[ \-—－]", "", text[start:body_start]) if chain else text[start:body_start]
    if len(chain) == 1 and chain[0].short and city:
        # 杭州解放东路18号 → 杭州市解放东路18号; 昆山玉山镇… → 昆山市玉山镇… (after its city, put in front)
        divisions = chain[0].divisions[0].name if district else city
    # 文一西路 969 号 → 文一西路969号: the spaces PDF text leaves around numbers are no part of the value
    value = re.sub(r" ?(\d+) ?", r"\1", value_prefix + divisions + text[body_start:end])
    fields.update(
        {
            "province": province,
            "city": city,
            "district": district,
            "street": text[body_start:street_end] or None,
            "detail": text[street_end:end] or None,
            "adcode": finest.adcode if finest else None,
        }
    )
    return Entity("address", surface, start, end, value, fields)
