"""The amount grammar: the vocabulary of `data/amount_labels.toml` and `data/amount_currencies.toml` compiled into
one regex (and a second one for Cantonese dollars counted with 个), with the tables that read its groups.

Used by extract/amount.py, which reads the matches. Every numeral is taken whole (see extract/numerals.py), so
the regex is linear in its input.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from extract.labels import DATA
from extract.numerals import (
    ARABIC,
    CAPITALS,
    CHINESE,
    CHINESE_NUMERAL_CHARS,
    FORMAL_MYRIADS,
    MAX_CHINESE_CHARS,
)

_NUM = rf"(?:{ARABIC}|{CHINESE})"
# A Chinese numeral must hold a digit word: 万元 alone is no amount.
DIGIT_WORDS = frozenset("〇零一二两三四五六七八九十" + CAPITALS[:10])
MULT_CHARS = "十百千万亿" + FORMAL_MYRIADS
_CN_CHARS = CHINESE_NUMERAL_CHARS
_MULT = rf"[{MULT_CHARS}]{{0,3}}+"
RANGE_DASH = r"(?:[-—–~～－]{1,2}|至|到)"
INCLUDED = r"(?:\(含\)|（含）)"  # 1万(含)-5万元: the low end is included
# one digit word of a tenth or a hundredth: 1角1分, 两毛五, 陆角柒分
_DIGIT = rf"[0-9〇零一二两三四五六七八九{CAPITALS[:9]}]"
DIGIT_VALUES = (
    {c: i for i, c in enumerate("0123456789")}
    | {c: i for i, c in enumerate("零一二三四五六七八九")}
    | {c: i for i, c in enumerate(CAPITALS[:9], start=1)}
    | {"〇": 0, "两": 2}
)
_CJK = r"\u4e00-\u9fff"
MORE_PART = re.compile(rf"(\d+)([{MULT_CHARS}]+)")
FORMAL_DIGITS = frozenset(CAPITALS[:9])
FORMAL_PLACES = frozenset(CAPITALS[9:] + FORMAL_MYRIADS)


@dataclass(frozen=True, slots=True)
class AmountRules:
    pattern: re.Pattern[str]
    per_prefix: dict[str, str]
    per_suffix: dict[str, str]
    per_english: dict[str, str]  # month → 月: a rate written in English after a signed amount
    range_end: frozenset[str]  # qualifiers that may close a range: (含)
    currency_after: dict[str, str]
    currency_before: dict[str, str]
    tenth: frozenset[str]
    cents_alone: dict[str, str]
    spoken: dict[str, str]
    classifier: dict[str, str]
    counted: re.Pattern[str]  # Cantonese dollars counted with a classifier (个)
    reach: int  # how far before its classifier such an amount may start
    vague_some: frozenset[str]  # 几, 数: 几十万 spans one order of magnitude
    periods: frozenset[str]  # 年, 月 …: a period and a person make one rate (每月300元/人 → 人·月)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def first_test(words: list[str], numeral_chars: str) -> str:
    """The cheap test every position passes before the grammar is tried there: every match starts with a numeral
    character or with one of `words` (qualifiers, per-words, currencies, estimates).

    Most positions fail its one character class. Two further tests pass over the candidates that cannot start a
    match, each of which would otherwise go through the whole alternation (≈ 1 µs): a digit right after a digit
    (every number is taken whole, so none starts inside a digit run) and the first character of words only, when
    the next character is not one of those words' second (人 starts only 人民币 and 人均)."""
    first = "".join(sorted({w[0] for w in words} | set(numeral_chars)))
    test = f"(?=[{re.escape(first)}])"
    if not any(w[0] in "0123456789" for w in words):
        test += "(?!(?<=[0-9])[0-9])"
    seconds: dict[str, set[str]] = {}
    for word in words:
        if word[0] not in numeral_chars:
            seconds.setdefault(word[0], set()).add(word[1:2])
    word_heads = [
        f"{re.escape(head)}(?![{re.escape(''.join(sorted(after)))}])"
        for head, after in sorted(seconds.items())
        if "" not in after  # a one-character word: any character may follow it
    ]
    return test + (f"(?!{'|'.join(word_heads)})" if word_heads else "")


@cache
def rules() -> AmountRules:
    with open(DATA / "amount_labels.toml", "rb") as f:
        data = tomllib.load(f)
    with open(DATA / "amount_currencies.toml", "rb") as f:
        currencies = tomllib.load(f)
    after, before = dict(currencies["after"]), dict(currencies["before"])
    tenth, hundredth = currencies["subunits"]["tenth"], currencies["subunits"]["hundredth"]
    cents_alone = dict(currencies["hundredths_alone"])
    per_prefix = dict(data["per"]["prefix"])
    per_suffix = dict(data["per"]["suffix"])
    per_english = dict(data["per"]["english"])
    english_rate = rf"(?i: (?:per|a|an|each|every) (?P<p5>{_alternation(list(per_english))})(?![A-Za-z]))"
    qual_before = _alternation(data["qualifiers"]["before"])
    qual_after = _alternation(data["qualifiers"]["after"])
    verbs = _alternation(data["qualifiers"]["verbs"])
    prefix = _alternation(list(per_prefix))
    suffix = _alternation(list(per_suffix))
    generic = _alternation(data["units"]["money"])
    not_money = _alternation(data["not_money"]["after"])
    spoken = dict(currencies["spoken"])
    classifier = dict(currencies["spoken_classifier"])
    clause_end = f"(?:{_alternation(data['units']['clause_end'] + list(spoken))})"
    # a code or sign is never the tail of a Latin word (USDT, AUSD), nor a code the head of one
    latin_before = [w for w in before if w[0].isascii() and w[0].isalpha()]
    latin_after = [w for w in after if w.isascii() and w[0].isalpha()]
    before_alt = (
        rf"(?<![A-Za-z])(?:{_alternation(latin_before)})|{_alternation([w for w in before if w not in latin_before])}"
    )
    # a one-character sign after the number (2000￥, 3,500円, 18 €) is that number's when written against it or
    # when no number follows: in `$100 $200` the second $ is 200's, in `1250€ 600` the € is 1250's
    signs_after = [w for w in after if len(w) == 1 and not w.isalpha()] + ["円"]
    words_after = [w for w in after if w not in latin_after and w not in signs_after]
    sign_class = "".join(map(re.escape, signs_after))
    after_alt = (
        rf"(?:{_alternation(latin_after)})(?![A-Za-z])|{_alternation(words_after)}"
        rf"|[{sign_class}](?:(?<=[0-9].)|(?! ?[0-9]))"
    )
    cn_digits = "〇零一二两三四五六七八九"
    vague = data["qualifiers"]["vague_before"] + data["qualifiers"]["vague_some"]
    words = data["qualifiers"]["before"] + list(per_prefix) + list(before) + vague
    first = first_test(words, "0123456789" + cn_digits + MULT_CHARS + CAPITALS + _CN_CHARS)
    # 元1角1分, 块二, 块零四: tenths and hundredths after the main unit
    tail = (
        rf"(?P<tail>零?(?P<t_tenth>{_DIGIT})(?:{_alternation(tenth)})(?:(?P<t_hundredth>{_DIGIT})(?:{_alternation(hundredth)})?)?"
        rf"|零(?P<t_only_hundredth>{_DIGIT})(?:{_alternation(hundredth)})?(?![{_CJK}])"
        rf"|(?P<t_only_hundredth2>{_DIGIT})(?:{_alternation(hundredth)})(?!钟)"
        rf"|(?<=块)(?P<t_spoken_tenth>{_DIGIT})(?=[^{_CJK}{cn_digits}0-9]|[到至钱]|\Z))?"
    )
    unit = (
        rf"(?P<unit>(?P<cur_after>{after_alt})"
        rf"|(?:{generic})(?!{not_money})(?P<cur_after2>人民币|{after_alt})?"
        r"|圆(?=整|[^\u4e00-\u9fff]|\Z)"
        # 一年约400块: the colloquial 块 only where the clause ends (3块电池 counts pieces), or before its tenths
        rf"|{clause_end}(?![{_CJK}A-Za-z0-9])"
        rf"|{clause_end}(?=零?{_DIGIT}(?:{_alternation(tenth + hundredth)}|[^{_CJK}0-9]|[到至钱]|\Z))"
        ")"
    )
    pattern = re.compile(
        rf"{first}(?:"
        rf"(?:(?P<q1>{qual_before})(?P<p1>{prefix})?|(?P<p2>{prefix})(?:的)?(?:{verbs}){{0,2}}(?P<q2>{qual_before})?)?"
        # one space may stand between the parts (text from PDFs and some CMSs: 每人每年 420 元, 20 万元)
        # a currency word before a dollar sign names the dollar: 港币$500 is HKD
        rf"(?:(?P<cur_before>{before_alt}) {{0,2}}(?:[$＄] ?)?)? ?"
        rf"(?<!\d)(?<!\d[.,，])(?!0\d)(?P<num>{_NUM}) ?(?:个(?=亿))?(?P<mult>{_MULT})"
        # 3万5千元, 1亿2千万元: digits and place words again, after a place word
        rf"(?P<more>(?<=[{MULT_CHARS}])(?:\d{{1,4}}+[{MULT_CHARS}]{{1,2}}+){{1,3}}+)?"
        rf"(?P<approx>{_alternation(data['qualifiers']['estimate_after'])})?(?P<mult_after>{_MULT})"
        rf"(?: ?{INCLUDED}? ?(?P<dash>{RANGE_DASH}) ?(?P<num2>{_NUM}) ?(?P<mult2>{_MULT}))? ?"
        rf"{unit}{tail}整?"
        rf"(?:(?:/|每)(?P<p3>{suffix}))?"
        rf"(?P<q3>{qual_after})?"
        # estimates without digits: 上万元, 近千元, 几十万元, 数千元
        rf"|(?P<vague>{_alternation(vague)})(?P<vmult>[{MULT_CHARS}]{{1,3}}+)(?:多|余)?(?P<vague_unit>(?:{generic})(?!{not_money})(?:人民币)?|{after_alt}|{clause_end}(?![{_CJK}A-Za-z0-9]))"
        # a sign, code or currency word before a number and no unit after it: ¥500, HK$1,000, 港币3.14
        rf"|(?:(?P<p4>{prefix})(?:{verbs}){{0,2}})?(?P<sign>{before_alt}) ?(?:(?<![$＄])[$＄] ?)?"
        rf"(?P<sign_num>{ARABIC})(?P<sign_mult>[万亿]?)"
        # the sign written once for a range: $100-200, HK$100至200, ¥100～200
        rf"(?: ?{RANGE_DASH} ?(?P<sign_num2>{ARABIC})(?P<sign_mult2>[万亿]?)(?![-.]?\d))?(?:元)?(?:{english_rate})?"
        # tenths alone: 2角, 两毛五, 5角6分 (not after 个: 三个一毫四 is Cantonese dollars, read below)
        rf"|(?<![0-9〇零一二两三四五六七八九十百千万亿个個])(?P<tenth_num>{_DIGIT})(?:{_alternation(tenth)})(?:(?P<tenth_hundredth>{_DIGIT})(?:{_alternation(hundredth)})?)?(?:钱|(?![{_CJK}]))"
        # hundredths alone, only with a word that makes them money: 5分钱, 三美分
        rf"|(?<![0-9〇零一二两三四五六七八九十百千万亿])(?P<cents>\d{{1,2}}+|[〇零一二两三四五六七八九十]{{1,3}}+)"
        rf"(?P<cents_unit>{_alternation(list(cents_alone))})"
        # an amount in capitals with no unit (肆佰叁拾萬): capitals are written for money only
        rf"|(?=[{_CN_CHARS}]{{0,20}}?[{CAPITALS[:9]}])(?=[{_CN_CHARS}]{{0,20}}?[{CAPITALS[9:]}{FORMAL_MYRIADS}])"
        rf"(?P<formal>{CHINESE})整?"
        # 元 left out after 万/亿 (一次性生育补贴2.5万): money only after an amount label, at the end of a clause
        rf"|(?<!\d)(?<!\d[.,，])(?P<bare_num>{ARABIC})(?P<bare_mult>[万亿])"
        rf"(?:(?P<bare_q>{_alternation(data['qualifiers']['bare_after'])})|(?![{_CJK}A-Za-z0-9%％‰]))"
        ")"
    )
    # spoken Cantonese dollars counted with 个: 五个半, 个九, 港币三个一毫四 (a whole numeral or none before it).
    # A pattern of its own, tried only around a 个 followed by 半 or a digit word: 个 is among the most frequent
    # characters of Chinese text, and an alternative of the main pattern made every amount search a third slower.
    counted = re.compile(
        rf"(?:(?P<cl_cur>{before_alt}) ?)?"
        rf"(?:(?<![第0-9〇零一二两三四五六七八九十百千万亿])(?P<cl_num>{CHINESE}|\d{{1,4}}+)|(?<![{_CJK}0-9]))"
        rf"(?P<cl>{_alternation(list(classifier))})"
        rf"(?:(?P<cl_half>半)|(?P<cl_tenth>[一二三四五六七八九])(?P<cl_tenth_unit>{_alternation(tenth)})?"
        rf"(?:(?P<cl_hundredth>[一二三四五六七八九])(?:{_alternation(hundredth)})?)?)"
        rf"(?![{_CJK}A-Za-z0-9])"
    )
    reach = max(map(len, before)) + 1 + MAX_CHINESE_CHARS  # currency word, space, numeral before the classifier
    return AmountRules(
        pattern,
        per_prefix,
        per_suffix,
        {word.lower(): value for word, value in per_english.items()},
        frozenset(data["qualifiers"]["range_end"]),
        after,
        before,
        frozenset(tenth),
        cents_alone,
        spoken,
        classifier,
        counted,
        reach,
        frozenset(data["qualifiers"]["vague_some"]),
        frozenset(data["per"]["periods"]),
    )
