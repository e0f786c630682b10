"""Letter pages: a citizen's letter to an office and the office's answer (市长信箱, 12345 热线, 网上咨询, 局长信箱).

Why: government portals publish every answered letter as a page of labelled parts, in a table or in blocks:
信件标题, 来信人, 来信时间, 留言内容, then 回复单位, 回复时间, 回复内容. Read as an article, the page is one text with
its labels and fields in it; read as what it is, it is a question (the letter) and an answer with its author (the
office) and its time, as on a Q&A site.

May: read an article's lines as a letter and its answer when a letter label opens a line and an answer label opens a
later one (`[letters]` in `extract/data/content_boilerplate.toml`). Must never: read a page as a letter without
both labels, or keep a field (来信人, 回复时间) as either text.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from extract.content.article import clean_lines
from extract.content.dates import iso_date
from extract.content.lines import Line
from extract.content.vocabulary import Vocabulary
from extract.document import Record

_DATA = Path(__file__).parents[1] / "data" / "content_boilerplate.toml"


@dataclass(frozen=True, slots=True)
class LetterLabels:
    letter: re.Pattern[str]  # opens the letter's text ("留言内容：")
    field: re.Pattern[str]  # a field's label (fullmatch: a label alone on its line, "回复时间")
    field_line: re.Pattern[str]  # a field's label with its colon opening a line ("来信人：张**")
    asker: re.Pattern[str]  # the field naming the letter's writer ("来信人")
    letter_time: re.Pattern[str]  # the field dating the letter ("来信时间")
    answerer: re.Pattern[str]  # the field naming the answer's author ("回复单位")
    answer_time: re.Pattern[str]  # the field dating the answer ("回复时间")
    next_field: re.Pattern[str]  # where the next field of a line of fields starts (" 回复单位：")


def _alternatives(labels: list[str]) -> str:
    """The labels as one regex alternation, the longest first (回复内容 before 回复)."""
    return "|".join(map(re.escape, sorted(labels, key=len, reverse=True)))


def _opening(labels: list[str], colon: str = "?") -> re.Pattern[str]:
    """A label opening a line, in brackets or not; its colon optional (`colon="?"`) or required (`colon=""`)."""
    return re.compile(r"\s*[【\[]?(?:" + _alternatives(labels) + r")[】\]]?\s*[:：]" + colon + r"\s*")


@functools.cache
def letter_labels() -> LetterLabels:
    table = tomllib.loads(_DATA.read_text(encoding="utf-8"))["letters"]
    fields = table["field_labels"]
    return LetterLabels(
        letter=_opening(table["letter_labels"]),
        field=_opening(fields),
        field_line=_opening(fields, colon=""),
        asker=_opening(table["asker_labels"]),
        letter_time=_opening(table["letter_time_labels"]),
        answerer=_opening(table["answerer_labels"]),
        answer_time=_opening(table["answer_time_labels"]),
        next_field=re.compile(r"\s+[【\[]?(?:" + _alternatives(fields) + ")"),
    )


_VALUE_CHARS = 40  # characters of the longest field value printed on the line after its label
_TEXT_CHARS = 10  # characters a letter's or an answer's text has at least


def letter_records(body: list[Line], title: str, vocab: Vocabulary) -> list[Record] | None:
    """The letter (the headline and the letter's text, its writer and time) and the office's answer (its author and
    time), each's fields read from `body`, when a letter label opens one line of `body` and an answer label one later
    line; None otherwise."""
    labels = letter_labels()
    letters = [i for i, line in enumerate(body) if labels.letter.match(line.text)]
    answers = [i for i, line in enumerate(body) if vocab.answer_label.match(line.text)]
    if len(letters) != 1 or len(answers) != 1 or answers[0] < letters[0]:
        return None  # no letter, or a column of several letters and answers: an article
    letter_at, answer_at = letters[0], answers[0]
    question = _text(body[letter_at:answer_at], labels.letter, title, vocab)
    answer = _text(body[answer_at:], vocab.answer_label, title, vocab)
    if len("".join(question)) < _TEXT_CHARS or len("".join(answer)) < _TEXT_CHARS:
        return None
    texts = [line.text for line in body]
    return [
        Record(
            text="\n".join([title, *question]),
            role="question",
            title=title,
            author=_field_value(texts, labels.asker),
            published_at=iso_date(_field_value(texts, labels.letter_time)),
        ),
        Record(
            text="\n".join(answer),
            role="answer",
            author=_field_value(texts, labels.answerer),
            published_at=iso_date(_field_value(texts, labels.answer_time)),
        ),
    ]


def _text(part: list[Line], opening: re.Pattern[str], title: str, vocab: Vocabulary) -> list[str]:
    """A part's cleaned lines without its opening label and without the fields printed in it."""
    labels = letter_labels()
    kept: list[str] = []
    after_label = False  # the previous line was a field's label alone: this one may be its value
    for index, text in enumerate(clean_lines(part, title, vocab)):
        if index == 0 and (label := opening.match(text)):
            text = text[label.end() :]
        if not text.strip():
            continue
        value_of_label, after_label = after_label, labels.field.fullmatch(text) is not None
        if after_label or labels.field_line.match(text) or (value_of_label and len(text) <= _VALUE_CHARS):
            continue
        kept.append(text)
    return kept


def _field_value(texts: list[str], label: re.Pattern[str]) -> str | None:
    """The value printed after a field's label: on its line, up to the next field of a line of fields ("回复时间：
    2024-03-05 回复单位：市医疗保障局"), or, for a label alone, on the next line."""
    labels = letter_labels()
    for index, text in enumerate(texts):
        found = label.match(text) or (label.search(text) if len(text) <= _FIELDS_LINE_CHARS else None)
        if found is None:
            continue
        value = text[found.end() :]
        if after := labels.next_field.search(value):
            value = value[: after.start()]
        if value.strip():
            return value.strip()
        following = texts[index + 1].strip() if index + 1 < len(texts) else ""
        if following and len(following) <= _VALUE_CHARS and not labels.field.match(following):
            return following
    return None


_FIELDS_LINE_CHARS = 80  # a line of several fields is short; a label inside a longer line is part of a sentence
