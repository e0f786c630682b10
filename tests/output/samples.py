"""Page results built by hand from a real seed passage, so writer tests do not depend on parser quality."""

from __future__ import annotations

import datetime as dt

from extract.document import Document, Record
from extract.entity import Entity
from extract.errors import PageError
from extract.pipeline import PageResult

# From seed 000 (福州医保中心 guide), normalized by hand; offsets below index this text.
PASSAGE = (
    "受理地址：福州市古田路128号劳动大厦一层医保中心受理大厅。咨询电话：(0591)87842560。"
    "个人缴费最高3.5万元/人·年，报销比例50%，2012年6月20日开始至7月13日集中缴费。"
    "依据榕政综〔2007〕249号。邮箱 fzyb@fuzhou.gov.cn"
)
FETCHED = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)


def span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def entity(kind: str, needle: str, value: object, text: str = PASSAGE, **fields: object) -> Entity:
    start, end = span(text, needle)
    return Entity(kind, needle, start, end, value, {"record": 0, **fields})


def seed_entities() -> list[Entity]:
    return [
        entity(
            "address",
            "福州市古田路128号劳动大厦一层医保中心受理大厅",
            "福州市古田路128号劳动大厦一层医保中心受理大厅",
            province="福建省",
            city="福州市",
            district="鼓楼区",
            adcode="350102",
        ),
        entity("phone", "(0591)87842560", "059187842560", e164="+8659187842560", line="landline", label="咨询电话"),
        entity("amount", "最高3.5万元/人·年", 35000, unit="CNY", per="人·年", qualifier="最高"),
        entity("percent", "50%", 50, label="报销比例"),
        entity(
            "date",
            "2012年6月20日开始至7月13日",
            "2012-06-20/2012-07-13",
            range_start="2012-06-20",
            range_end="2012-07-13",
            subkind="range",
        ),
        entity("docref", "榕政综〔2007〕249号", "榕政综〔2007〕249号", issuer="榕政综", year=2007, number=249),
        entity("email", "fzyb@fuzhou.gov.cn", "fzyb@fuzhou.gov.cn"),
    ]


def make_result(
    url: str | None = "http://ybj.fuzhou.gov.cn/bszn/t20240903_1.htm",
    text: str = PASSAGE,
    entities: list[Entity] | None = None,
    errors: list[PageError] | None = None,
    title: str = "福州市城镇居民基本医疗保险办事指南",
) -> PageResult:
    document = Document(
        url=url,
        title=title,
        published_at="2024-09-03T16:23:22",
        site="fzyb",
        kind="article",
        records=[Record(text=text)],
        lang="zh",
        encoding="gb18030",
        encoding_source="meta",
    )
    return PageResult(
        url=url,
        document=document,
        text=text,
        entities=seed_entities() if entities is None else entities,
        errors=errors or [],
        repairs=2,
        fetched_at=FETCHED,
        site="fzyb",
    )
