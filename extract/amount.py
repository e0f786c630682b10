"""Money amounts: `3.5万元`, `1,200元/人·年`, `三十五万元`, `每人每年不低于580元`, `2000—5000元`, `HK$1,000`.

Value is the amount in the currency's main unit (a range's value is its low end, with `low`/`high`). Fields:
`currency` (ISO 4217: CNY unless the text names another — 港币, 美元, US$, NT$ …; `unit` repeats it for the
tables' older column), `per`, `qualifier`, `label`; `approximate` with `low`/`high` for amounts written as an
estimate (几十万, 三五百, 3000多元, 十几块钱) and `vague` for a magnitude without digits (上万元, 数千元).
This module never reads words like 元旦/元月 as money and never takes a number glued to a longer digit run.
The grammar is one regex whose numerals are taken whole (extract/amount_grammar.py, extract/numerals.py): linear
in its input. This module reads its matches into entities.
"""

from __future__ import annotations

import re
from typing import Any

from extract.amount_grammar import (
    DIGIT_VALUES,
    DIGIT_WORDS,
    FORMAL_DIGITS,
    FORMAL_PLACES,
    INCLUDED,
    MORE_PART,
    MULT_CHARS,
    RANGE_DASH,
    AmountRules,
    rules,
)
from extract.entity import Entity
from extract.labels import vocabulary
from extract.numerals import FORMAL_MYRIADS, MULTIPLIERS, as_int_or_float, parse_number


def _multiplier(chars: str) -> float:
    value = 1.0
    for char in chars:
        value *= MULTIPLIERS[char.translate(_FORMAL)]
    return value


_FORMAL = str.maketrans(FORMAL_MYRIADS + "拾佰仟", "万亿十百千")


def _value(num: str, mult: str = "") -> float | None:
    if not num[0].isdigit() and not DIGIT_WORDS.intersection(num):
        return None
    value = parse_number(num)
    if value is None:
        return None
    value *= _multiplier(mult)
    # 39.66亿 is 3965999999.9999995 in binary floating point: amounts are kept to the hundredth
    return round(value, 2) if mult else value


# 三五百, 八九亿, 两三千: two neighbouring digit words before the place words are an estimate between them
_NEIGHBOURS = re.compile(rf"([一二两三四五六七八九])([二两三四五六七八九])([{MULT_CHARS}拾佰仟]+)")
# 近万元, 百余元: place words with no digit before them
_PLACES_ONLY = re.compile(rf"[{MULT_CHARS}拾佰仟]+")
_BIG_UNITS = "万亿" + FORMAL_MYRIADS


def _neighbour_estimate(num: str, mult: str) -> tuple[float, float] | None:
    m = _NEIGHBOURS.fullmatch(num)
    if not m:
        return None
    first, second = (parse_number(m.group(i)) for i in (1, 2))
    if first is None or second is None or second <= first:
        return None
    scale = _multiplier(m.group(3) + mult)
    return first * scale, second * scale


def _step_of(value: float) -> float:
    """The place of the last significant digit: 3000 → 1000, 20 → 10, 3500 → 100 (3000多 is 3000 to 4000)."""
    if value <= 0 or not float(value).is_integer():
        return 1.0
    step = 1.0
    number = int(value)
    while number % 10 == 0:
        number //= 10
        step *= 10
    return step


def _shared_scale(low_written: str, high_written: str) -> str:
    """The place words the low end shares with the high end: 一百二十到一百五十万 → 万, 两到三千 → 千, 3-5万 → 万.

    Only the myriads (万, 亿) the low end lacks; a bare digit also takes the small places before them (八到九百亿).
    """
    trailing = re.search(rf"[{MULT_CHARS}拾佰仟]*\Z", high_written)
    places = trailing.group() if trailing else ""
    if not places or low_written[-1:] in _BIG_UNITS:
        return ""
    if not re.search(rf"[{MULT_CHARS}拾佰仟]", low_written):
        return places
    big = re.search(rf"[{_BIG_UNITS}]+\Z", places)
    return big.group() if big else ""


def find_amounts(text: str) -> list[Entity]:
    """Every money amount in `text`, in order."""
    r = rules()
    labels = vocabulary("amount_labels")
    found: list[Entity] = []
    formal_cues = vocabulary("amount_labels", "formal_cues")
    for m in r.pattern.finditer(text):
        # the label is looked up only for a match that is an amount (a bare 万 needs one to be)
        label = labels.before(text, m.start(), stop_at_digits=True) if m.group("bare_num") else None
        if m.group("formal") and not m.group(0).endswith("整"):
            # capitals with no unit: money after a label or a receipt's field word (大写：壹仟玖佰), else a number
            label = labels.before(text, m.start(), stop_at_digits=True)
            if label is None and formal_cues.before(text, m.start(), stop_at_digits=True) is None:
                continue
        entity = _entity(m, r, label)
        if entity is None:
            continue
        if label is None:
            entity.fields["label"] = labels.before(text, m.start(), stop_at_digits=True)
        prev = found[-1] if found else None
        if m.group("cents") and prev is not None and _cents_join(text, prev, entity):
            # 两美元又三美分: the hundredths complete the amount before them
            fields = prev.fields
            value = as_int_or_float(round(prev.value + entity.value, 2))
            found[-1] = Entity("amount", text[prev.start : entity.end], prev.start, entity.end, value, fields)
            continue
        found.append(entity)
    counted = _counted_amounts(text, r, labels)
    if counted:
        found = sorted(
            found + [c for c in counted if not any(c.start < f.end and f.start < c.end for f in found)],
            key=lambda e: e.start,
        )
    return _ranges_of_whole_amounts(text, found)


_AFTER_CLASSIFIER = frozenset("半一二三四五六七八九")
_COUNTED_TAIL = 4  # 个 then at most 一毫四分


def _counted_amounts(text: str, r: AmountRules, labels: Any) -> list[Entity]:
    """Cantonese dollars counted with 个 (五个半, 港币三个一毫四): looked for only where 个 is followed by 半 or a
    digit word, in a window of bounded reach around it (linear: each 个 costs a bounded search)."""
    out: list[Entity] = []
    for word in r.classifier:
        at = text.find(word)
        while at != -1:
            after = at + len(word)
            if text[after : after + 1] in _AFTER_CLASSIFIER:
                window_end = min(len(text), after + _COUNTED_TAIL + 1)
                for m in r.counted.finditer(text, max(0, at - r.reach), window_end):
                    if m.start("cl") == at:
                        entity = _spoken_classifier(m, r, labels.before(text, m.start(), stop_at_digits=True))
                        if entity is not None and (not out or out[-1].end <= entity.start):
                            out.append(entity)
                        break
            at = text.find(word, after)
    return out


def _cents_join(text: str, prev: Entity, cents: Entity) -> bool:
    return (
        text[prev.end : cents.start] in ("", "又", "零")
        and prev.fields["currency"] == cents.fields["currency"]
        and "high" not in prev.fields
        and float(prev.value).is_integer()
    )


def _fields(currency: str, **fields: Any) -> dict[str, Any]:
    return {"unit": currency, "currency": currency, "per": None, "qualifier": None, **fields}


def _entity(m: re.Match[str], r: AmountRules, label: str | None) -> Entity | None:
    span = (m.start(), m.end())
    if m.group("vague"):
        return _vague(m, r, label)
    if m.group("bare_num"):
        bare = _value(m.group("bare_num"), m.group("bare_mult"))
        if label is None or bare is None:
            return None
        fields = _fields("CNY", qualifier=m.group("bare_q"), label=label, unit_written=False)
        return Entity("amount", m.group(0), *span, as_int_or_float(bare), fields)
    if m.group("sign_num"):
        signed = _value(m.group("sign_num"), m.group("sign_mult"))
        if signed is None:
            return None
        per = r.per_prefix[m.group("p4")] if m.group("p4") else None
        if m.group("p5"):
            per = r.per_english[" ".join(m.group("p5").lower().split())]
        fields = _fields(r.currency_before[m.group("sign")], per=per, label=label)
        if m.group("sign_num2"):
            high = _value(m.group("sign_num2"), m.group("sign_mult2"))
            if high is None or high <= signed:  # no range after all: the amount ends at its own number
                span = (m.start(), m.end("sign_mult"))
            else:
                fields.update(low=as_int_or_float(signed), high=as_int_or_float(high))
        return Entity("amount", m.string[slice(*span)], *span, as_int_or_float(signed), fields)
    if m.group("formal"):
        formal = m.group("formal")
        if not (FORMAL_DIGITS.intersection(formal) and FORMAL_PLACES.intersection(formal)):
            return None
        value = _value(formal)
        if value is None:
            return None
        return Entity("amount", m.group(0), *span, as_int_or_float(value), _fields("CNY", label=label))
    if m.group("cents"):
        cents = parse_number(m.group("cents"))
        if not cents or cents >= 100:
            return None
        currency = r.cents_alone[m.group("cents_unit")]
        return Entity("amount", m.group(0), *span, round(cents / 100, 2), _fields(currency, label=label))
    if m.group("tenth_num"):
        tenths = DIGIT_VALUES[m.group("tenth_num")] / 10
        if m.group("tenth_hundredth"):
            tenths += DIGIT_VALUES[m.group("tenth_hundredth")] / 100
        if not tenths:
            return None
        return Entity("amount", m.group(0), *span, round(tenths, 2), _fields("CNY", label=label))
    return _main(m, r, label)


def _spoken_classifier(m: re.Match[str], r: AmountRules, label: str | None) -> Entity | None:
    """五个半 → 5.5, 个九 → 1.9, 三个一毫四 → 3.14: the dollars before the classifier (one if none), then a half or
    the tenths and hundredths after it."""
    if m.group("cl_num") and m.group("cl_tenth") and not (m.group("cl_tenth_unit") or m.group("cl_cur")):
        return None  # 三个一, 十个九: counted things (a slogan's 三个一) unless 毫 or a currency word says money
    dollars = _value(m.group("cl_num")) if m.group("cl_num") else 1
    if dollars is None:
        return None
    if m.group("cl_half"):
        cents = 0.5
    else:
        cents = DIGIT_VALUES[m.group("cl_tenth")] / 10
        if m.group("cl_hundredth"):
            cents += DIGIT_VALUES[m.group("cl_hundredth")] / 100
    currency = r.currency_before[m.group("cl_cur")] if m.group("cl_cur") else r.classifier[m.group("cl")]
    value = as_int_or_float(round(dollars + cents, 2))
    return Entity("amount", m.group(0), m.start(), m.end(), value, _fields(currency, label=label))


def _vague(m: re.Match[str], r: AmountRules, label: str | None) -> Entity:
    magnitude = _multiplier(m.group("vmult"))
    unit_word = m.group("vague_unit")
    currency = r.currency_after.get(unit_word, "CNY")
    fields = _fields(currency, qualifier=m.group("vague"), vague=True, approximate=True, label=label)
    if m.group("vague") in r.vague_some:
        # 几十万: some tens of ten-thousands, 10万 to 100万
        fields.update(qualifier=None, low=as_int_or_float(magnitude), high=as_int_or_float(magnitude * 10))
    return Entity("amount", m.group(0), m.start(), m.end(), as_int_or_float(magnitude), fields)


def _main(m: re.Match[str], r: AmountRules, label: str | None) -> Entity | None:
    num_start = m.start("num")
    text = m.string
    if num_start > 0 and text[num_start - 1].isdigit():
        return None
    num, mult, mult_after = m.group("num"), m.group("mult"), m.group("mult_after")
    if mult_after and not m.group("approx"):
        mult, mult_after = mult + mult_after, ""
    low = _value(num, mult)
    magnitude_only = low is None and _PLACES_ONLY.fullmatch(num) is not None
    if magnitude_only and (m.group("approx") or m.group("q1") or m.group("q2")):
        low = _multiplier(num + mult)  # 近万元, 百余元: a magnitude with no digit, hedged by the word around it
    if low is None:
        return None
    if m.group("more"):
        for part in MORE_PART.finditer(m.group("more")):
            low += float(part.group(1)) * _multiplier(part.group(2))
    high: float | None = None
    approximate = False
    if m.group("num2"):
        num2, mult2 = m.group("num2"), m.group("mult2")
        high = _value(num2, mult2)
        shared = _shared_scale(num + mult, num2 + mult2)
        if high is not None and shared and (scaled := _value(num, mult + shared)) is not None and scaled < high:
            low = scaled  # 3-5万元, 一百二十到一百五十万元: the place words written once apply to both ends
        if high is None or high < low:
            return None
    elif m.group("approx"):
        # 3000多元 (3000 to 4000), 十几块钱 (10 to 20), 20多万元 (20万 to 30万)
        approximate = True
        scale = _multiplier(mult_after)
        high = round((low + _step_of(low)) * scale, 2)
        low = round(low * scale, 2)
    elif (estimate := _neighbour_estimate(num, mult)) is not None:
        approximate = True
        low, high = estimate
    low += _tail(m)
    per = None
    for key in ("p1", "p2"):
        if m.group(key):
            per = r.per_prefix[m.group(key)]
    if m.group("p3"):
        per = _per_both(per, r.per_suffix[m.group("p3")], r.periods)
    currency = "CNY"
    if m.group("cur_before"):
        currency = r.currency_before[m.group("cur_before")]
    elif m.group("cur_after") or m.group("cur_after2"):
        currency = r.currency_after.get(m.group("cur_after") or m.group("cur_after2"), "CNY")
    elif m.group("unit") in r.spoken:
        currency = r.spoken[m.group("unit")]
    qualifier = m.group("q1") or m.group("q2") or m.group("q3") or m.group("approx")
    fields = _fields(currency, per=per, qualifier=qualifier, label=label)
    if high is not None:
        fields["low"] = as_int_or_float(low)
        fields["high"] = as_int_or_float(high)
    if approximate or magnitude_only:
        fields["approximate"] = True
    if magnitude_only:
        fields["vague"] = True
    return Entity("amount", m.group(0), m.start(), m.end(), as_int_or_float(round(low, 6)), fields)


def _per_both(before: str | None, after: str, periods: frozenset[str]) -> str:
    """每月300元/人 → 人·月: a period before the number and a person after it are one rate, person first."""
    if before == "人" and after in periods:
        return f"人·{after}"
    if after == "人" and before in periods:
        return f"人·{before}"
    return after


def _tail(m: re.Match[str]) -> float:
    """The tenths and hundredths written after the main unit: 元1角1分 → 0.11, 块二 → 0.2, 块零四 → 0.04."""
    if not m.group("tail"):
        return 0.0
    tenth = m.group("t_tenth") or m.group("t_spoken_tenth")
    hundredth = m.group("t_hundredth") or m.group("t_only_hundredth") or m.group("t_only_hundredth2")
    return (DIGIT_VALUES[tenth] / 10 if tenth else 0.0) + (DIGIT_VALUES[hundredth] / 100 if hundredth else 0.0)


_BETWEEN_ENDS = re.compile(rf"\s?{INCLUDED}?\s?{RANGE_DASH}\s?\Z")


def _ranges_of_whole_amounts(text: str, found: list[Entity]) -> list[Entity]:
    """`2万元至3万元`, `2000元—5000元`: two whole amounts joined by a range word are one range."""
    out: list[Entity] = []
    for entity in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and 0 < entity.start - prev.end <= 6
            and _BETWEEN_ENDS.match(text, prev.end, entity.start)
            and "high" not in prev.fields
            and "high" not in entity.fields
            and not prev.fields.get("vague")
            and not entity.fields.get("vague")
            and prev.fields["currency"] == entity.fields["currency"]
            and entity.fields.get("qualifier") in (None, *rules().range_end)
            and prev.value < entity.value
        ):
            fields = {
                **prev.fields,
                "per": entity.fields["per"] or prev.fields["per"],
                "qualifier": prev.fields["qualifier"] or entity.fields["qualifier"],
                "low": prev.value,
                "high": entity.value,
            }
            out[-1] = Entity("amount", text[prev.start : entity.end], prev.start, entity.end, prev.value, fields)
            continue
        out.append(entity)
    return out
