"""Q&A pages: a question record and one record per answer, from blocks named as questions/answers or from
an answer count ("2 个回答") over a run of replies.
"""

from __future__ import annotations

import copy
import functools
import itertools
import re
from collections import Counter

import lxml.etree

from extract.content.article import clean_lines
from extract.content.discussion import text_mark
from extract.content.entries import META_ONLY
from extract.content.forum import is_action_bar, post_lines, post_time
from extract.content.lines import (
    BLOCK_TAGS,
    SENTENCE_END,
    SENTENCE_PUNCT,
    SPACE,
    Line,
    SubtreeStats,
    bare_text,
    class_tokens,
    class_words,
    cut_page,
    headline_index,
    holds_most_of_the_page,
    is_prose,
    same_text,
    sentence_chars_outside,
    split_lines,
    text_length,
    text_of,
)
from extract.content.listing import SiblingRun
from extract.content.parse import drop_element
from extract.content.post_bodies import comments_under_article
from extract.content.vocabulary import Vocabulary, link_key
from extract.document import Record

_MANY_QUESTIONS = 3  # answer blocks with their own question headings that make a page a listing of questions


def announces_answers(text: str, vocab: Vocabulary) -> bool:
    return bool(vocab.answer_count.match(text)) or is_answer_heading(text, vocab)


def is_answer_heading(text: str, vocab: Vocabulary) -> bool:
    """ "最佳答案", "Best answer": compared without spaces and brackets, spelt as the vocabulary spells it."""
    bare = bare_text(text)
    return len(bare) <= _LONGEST_HEADING and bare in _bare_headings(vocab.answer_headings)


@functools.cache
def _bare_headings(headings: frozenset[str]) -> frozenset[str]:
    return frozenset(bare_text(heading) for heading in headings)


_LONGEST_HEADING = 12  # characters of the longest answer heading, spaces out


_CJK = re.compile(r"[\u3400-\u9fff]")
_STAT = re.compile(r"\d+\s*\S{1,4}")


def _is_stat_line(text: str, vocab: Vocabulary) -> bool:
    """ "45 人浏览 | 2 个回答 | 收藏问题": counters and buttons only."""
    parts = [p.strip() for p in re.split(r"[|｜·•/]", text) if p.strip()]
    return bool(parts) and all(
        _STAT.fullmatch(p) or announces_answers(p, vocab) or is_action_bar(p, vocab) for p in parts
    )


def answered_question_lines(
    lines: list[Line], replies: SiblingRun | list[lxml.etree._Element], title: str, vocab: Vocabulary
) -> list[str]:
    """The question's description: prose between the headline and the first answer. Asker, time, view and
    answer counts and the buttons there ("收藏问题", "提交回答") are short lines without sentence text."""
    answers = replies.members if isinstance(replies, SiblingRun) else replies
    members = {e for member in answers for e in member.iter()}
    first = next((i for i, line in enumerate(lines) if line.owner in members), len(lines))
    start = next((i + 1 for i, line in enumerate(lines[:first]) if same_text(line.text, title)), None)
    if start is None:
        return []
    kept = []
    for text in clean_lines(lines[start:first], title, vocab):
        if announces_answers(text, vocab) or META_ONLY.fullmatch(text) or _is_stat_line(text, vocab):
            continue
        if vocab.qa_furniture_lines.fullmatch(text):
            continue
        # A sentence, or a longer phrase: Chinese in 10 characters, English in four words ("Asked Feb 22" is
        # the asker's time, not the question).
        if SENTENCE_PUNCT.search(text) or (
            len(SPACE.sub("", text)) >= 10 and (_CJK.search(text) or len(text.split()) >= 4)
        ):
            kept.append(text)
    return kept


def qa_records(
    root: lxml.etree._Element, title: str | None, vocab: Vocabulary, page_lines: list[Line] | None = None
) -> list[Record]:
    """The question and its answers, or []. `page_lines`: the page's lines as cut already (`cut_page` of this tree)."""
    blocks = _answer_blocks(root, vocab)
    if not blocks and title and _QUESTION.search(title):
        page_lines = cut_page(root) if page_lines is None else page_lines
        blocks = card_answers(page_lines, vocab)
    answers = _answers(blocks)
    if not answers or _answers_to_many_questions(_outermost(blocks)) or comments_under_article(root, answers, vocab):
        return []
    inside_answers = {e for answer in answers for e in answer.iter()}
    around_answers = {e for answer in answers for e in answer.iterancestors()}
    order = {element: index for index, element in enumerate(root.iter())}
    first_answer = min(order[answer] for answer in answers)
    # A question-named block that holds the answers is a wrapper (`<body class="question-page">`): the question
    # is the outermost named block inside it that holds no answer. It stands above the answers: a question-named
    # block after them is a sidebar of other questions ("Popular Questions"), as is a block of links.
    question_blocks = [
        q
        for q in _qa_blocks(root, vocab.question_classes, vocab.question_tokens, vocab)
        if q not in inside_answers and q not in around_answers and not _mostly_links(q)
    ]
    if _each_under_its_question(question_blocks, answers):
        return []
    questions = _outermost([q for q in question_blocks if order[q] < first_answer])
    answers += _printed_like_an_answer(root, answers, questions, order, vocab)
    if len(answers) == 1:
        page_lines = cut_page(root) if page_lines is None else page_lines
        inside_box = inside_answers.union(*(set(question.iter()) for question in questions))
        if _a_widget_beside_prose(inside_box, page_lines, title):
            return []
    question_lines: list[str] = []
    for question in questions[:2]:
        question_lines += _post_text(question, vocab)
    if not questions and title:
        # No block named as the question: it is the prose between the headline and the first answer.
        lines = cut_page(root) if page_lines is None else page_lines
        question_lines = answered_question_lines(lines, answers, title, vocab)
    if title and not any(same_text(q, title) for q in question_lines):
        question_lines.insert(0, title)
    records = [Record(text="\n".join(question_lines), role="question", title=title)]
    block_set = set(blocks)  # once: a set per answer cost answers × blocks
    for answer in answers:
        kept = _post_text(answer, vocab) + _follow_ups(answer, block_set, vocab)
        if kept:
            records.append(Record(text="\n".join(kept), role="answer", published_at=post_time(answer)))
    return records if len(records) > 1 else []


def _a_widget_beside_prose(inside_box: set[lxml.etree._Element], lines: list[Line], title: str | None) -> bool:
    """One answer (and its question, if a block is named so) under a headline printed outside them, with sentences
    outside them many times their size: a site's Q&A box ("Answers allows you to tap the knowledge of Community
    members") beside the story the headline names. A question page prints its headline in the box: however long
    the related questions' abstracts beside it, it stays a Q&A page."""
    headline = headline_index(lines, title)
    if headline is None or lines[headline].owner in inside_box:
        return False
    box_chars = sum(line.chars for line in lines if line.owner in inside_box)
    return sentence_chars_outside(lines, inside_box) > _PROSE_AGAINST_A_WIDGET * box_chars


_PROSE_AGAINST_A_WIDGET = 4  # how many times the box's size the sentences outside it must hold


# A headline that asks: a question mark, or a question word of Chinese Q&A titles (医保卡丢了怎么补办).
_QUESTION = re.compile(r"[?？]|怎么|怎样|如何|什么|哪些|哪里|哪个|多少|能否|是否|可以吗|能不能|吗$")


def card_answers(lines: list[Line], vocab: Vocabulary) -> list[lxml.etree._Element]:
    """Answers known by their answerers' cards, whatever the site names them: sibling blocks of one tag and class
    attribute, two or more, each holding an answerer's card line (a professional title, `主治医师`; a card label,
    `擅长：`) and a sentence of its own — how medical Q&A sites print each doctor's answer. [] when there are none.
    Linear in the page's lines (each climbs a bounded number of ancestors)."""
    cards: Counter[lxml.etree._Element] = Counter()
    sentences: Counter[lxml.etree._Element] = Counter()
    first_line: dict[lxml.etree._Element, int] = {}
    for index, line in enumerate(lines):
        is_card = _is_card(line.text, vocab)
        if not is_card and not (SENTENCE_END.search(line.text) and len(SPACE.sub("", line.text)) >= _ANSWER_CHARS):
            continue
        counts = cards if is_card else sentences
        for element in itertools.islice(itertools.chain((line.owner,), line.owner.iterancestors()), _CARD_LEVELS):
            counts[element] += 1
            first_line.setdefault(element, index)
    answers = {element for element in cards if sentences[element]}
    by_kind: Counter[tuple[lxml.etree._Element | None, object, str | None]] = Counter(
        (element.getparent(), element.tag, element.get("class")) for element in answers
    )
    grouped = [e for e in answers if by_kind[(e.getparent(), e.tag, e.get("class"))] >= 2]
    # The innermost such blocks: an answer's wrapper, one per answer, would repeat too (its list of two).
    inner = set(grouped)
    kept = sorted((e for e in grouped if not any(d in inner for d in e.iterdescendants())), key=first_line.__getitem__)
    return kept if len(kept) >= 2 else []


_CARD_LEVELS = 7  # a card line's element and the six above it: how far above it its answer's block may be
_ANSWER_CHARS = 10  # a sentence of an answer: at least this many characters


def unanswered_question(root: lxml.etree._Element, title: str | None, vocab: Vocabulary) -> lxml.etree._Element | None:
    """The block of a question nobody has answered yet: the page's one block named as the question, and no answer
    block. page.py reads the page as that question when the body it chooses lies in the block."""
    if not title:
        return None
    if _answer_blocks(root, vocab):
        return None
    questions = _outermost(
        [q for q in _qa_blocks(root, vocab.question_classes, vocab.question_tokens, vocab) if not _mostly_links(q)]
    )
    return questions[0] if len(questions) == 1 else None


def holds_question_body(question: lxml.etree._Element, body_root: lxml.etree._Element) -> bool:
    """The body chosen for the page lies in the question block (or is it)."""
    return body_root is question or any(ancestor is question for ancestor in body_root.iterancestors())


def question_record(title: str, lines: list[str], vocab: Vocabulary) -> Record:
    """The question: its headline, then its text without the post's furniture (vote counts, asked/edited times)."""
    text = [line for line in lines if not vocab.qa_furniture_lines.fullmatch(line) and not same_text(line, title)]
    return Record(text="\n".join([title, *text]), role="question", title=title)


def _post_text(block: lxml.etree._Element, vocab: Vocabulary) -> list[str]:
    """A question's or an answer's own lines: without its card and vote bar (named so by class, or a card line by
    its words) and without the lines that are furniture however they are marked up (a vote count, "Share",
    "answered Feb 22", "Best answer")."""
    raw = post_lines(block, _furniture(vocab), vocab.content_tokens, vocab.signature_tokens)
    card = _card_lines([line.text for line in raw], vocab)
    lines = clean_lines(raw, None, vocab)
    while lines and lines[0] in card:
        lines.pop(0)
    return [
        _without_read_more(text, vocab)
        for text in lines
        if not vocab.qa_furniture_lines.fullmatch(text)
        and not is_answer_heading(text, vocab)
        and not _is_card(text, vocab)
        and not is_action_bar(text, vocab)
    ]


def _card_lines(lines: list[str], vocab: Vocabulary) -> frozenset[str]:
    """The post's opening lines that are its author's card: the short lines before its first sentence, when one of
    them is a card line ("王建国" / "副主任医师" / "福州市第一医院": the hospital names no title itself)."""
    for index, text in enumerate(lines):
        if len(text) > _CARD_LINE_CHARS or SENTENCE_END.search(text):
            opening = lines[:index]
            break
    else:
        return frozenset()
    return frozenset(opening) if any(_is_card(text, vocab) for text in opening) else frozenset()


_CARD_LINE_CHARS = 30  # the longest line of a card printed a field to a line (a hospital's or a department's name)


def _without_read_more(text: str, vocab: Vocabulary) -> str:
    """A post's line without the read-more button after the ellipsis that cuts it short ("……详细", "...展开全部")."""
    cut = _READ_MORE_TAIL.search(text)
    if cut is None or link_key(cut.group("button")) not in vocab.more_links:
        return text
    return text[: cut.start("button")].rstrip(" [【(（")


_READ_MORE_TAIL = re.compile(
    r"(?:…+|\.{3,}|。{2,})\s*[\[【(（]?(?P<button>[^…。.\[【(（]{1,8}?)[\]】)）]?\s*(?:>>|»|>)?\s*$"
)


def _is_card(text: str, vocab: Vocabulary) -> bool:
    """An answerer's card printed as a line of the post ("张建华 主治医师 福州市第一医院", "擅长: 医保政策咨询"): it
    names a professional title or opens with a card label, and ends no sentence (a doctor's sentence may name one)."""
    return len(text) <= _CARD_CHARS and vocab.answerer_card.search(text) is not None and not SENTENCE_END.search(text)


_CARD_CHARS = 80


def _furniture(vocab: Vocabulary) -> frozenset[str]:
    """A question's or an answer's furniture: the poster's card (name, title, reputation), the time and the vote
    bar, named so by class; the comments under the post are the exchange about it and stay."""
    return (vocab.entry_meta_tokens | vocab.author_tokens) - vocab.reply_words


def _answer_blocks(root: lxml.etree._Element, vocab: Vocabulary) -> list[lxml.etree._Element]:
    """The blocks named as answers that are no answer form. The forms that wrap the page are looked for only on a
    page with such blocks."""
    blocks = _qa_blocks(root, vocab.answer_classes, vocab.answer_tokens, vocab)
    wrappers = page_forms(root) if blocks else frozenset()
    return [block for block in blocks if not _is_form(block, wrappers)]


def page_forms(root: lxml.etree._Element) -> frozenset[lxml.etree._Element]:
    """The forms that wrap the page rather than a widget of it (ASP.NET wraps every page in one): they hold most of
    the page's text. One walk of the page measures them all."""
    forms = list(root.iter("form"))
    if not forms:
        return frozenset()
    stats = SubtreeStats()
    page = stats[root]
    return frozenset(form for form in forms if holds_most_of_the_page(stats[form], page))


def _is_form(block: lxml.etree._Element, page_forms: frozenset[lxml.etree._Element] = frozenset()) -> bool:
    """An answer form ("Your Answer", "Please login or Register to submit your answer"), not an answer: a block
    holding a <form> (its fields are gone with the page's form controls) whose text outside the form is no prose,
    or a part of a form (the answer editor's help box). A form that wraps the page (`page_forms`) is neither.
    """
    if any(form not in page_forms for form in block.iterancestors("form")):
        return True
    forms = [form for form in block.iter("form") if form not in page_forms]
    if not forms:
        return False
    in_forms = sum(text_length(form) for form in forms)
    if 2 * in_forms >= text_length(block):
        return True
    outside = copy.deepcopy(block)
    for form in list(outside.iter("form")):
        drop_element(form)
    text = text_of(outside)
    return not is_prose(text, len(SPACE.sub("", text)))


def _mostly_links(block: lxml.etree._Element) -> bool:
    text = len(SPACE.sub("", text_of(block)))
    links = sum(len(SPACE.sub("", text_of(a))) for a in block.iter("a"))
    return 2 * links >= text


def _answers_to_many_questions(answers: list[lxml.etree._Element]) -> bool:
    """Answer blocks that each carry their own linked heading answer different questions: a search result or a
    feed (a listing of questions), not one question's page, whose heading stands above all its answers."""
    headings = []
    for answer in answers:
        heading = next((h for h in answer.iter("h1", "h2", "h3", "h4") if h.find(".//a") is not None), None)
        if heading is not None:
            headings.append(SPACE.sub("", text_of(heading)))
    return len(headings) >= _MANY_QUESTIONS and len(set(headings)) >= 0.6 * len(answers)


def _each_under_its_question(questions: list[lxml.etree._Element], answers: list[lxml.etree._Element]) -> bool:
    """Most answers follow a question block of their own as their previous sibling (`<div class="faq-question">`
    then `<div class="faq-answer">` in each item): an FAQ, often closing an article, not one question's page with
    its answers (whose other question blocks, "Related questions", stand apart from the answers)."""
    if len(answers) < _MANY_QUESTIONS:
        return False
    question_set = set(questions)
    paired = sum(1 for answer in answers if answer.getprevious() in question_set)
    return paired >= _FAQ_SHARE * len(answers)


_FAQ_SHARE = 0.8  # share of answers right under a question of their own that makes the page an FAQ


def _follow_ups(answer: lxml.etree._Element, blocks: set[lxml.etree._Element], vocab: Vocabulary) -> list[str]:
    """The follow-up exchange under an answer (追问 … 追答/回答 …) inside the same answer box: it continues the
    answer. A short label of anything else (提问者评价, 评论) ends it; the labels themselves are not text."""
    outer = next((a for a in answer.iterancestors() if a in blocks), None)
    if outer is None:
        return []
    inside = set(answer.iter())
    after = False
    kept: list[str] = []
    on = False
    for line in split_lines(outer):
        if line.owner in inside:
            after = True
            continue
        if not after:
            continue
        bare = bare_text(line.text)
        if bare in vocab.followup_labels:
            on = True
        elif len(bare) <= 6 and not SENTENCE_PUNCT.search(line.text):
            on = False
        elif on and line.link_density <= 0.5:
            kept.append(line.text)
    return kept


def _printed_like_an_answer(
    root: lxml.etree._Element,
    answers: list[lxml.etree._Element],
    questions: list[lxml.etree._Element],
    order: dict[lxml.etree._Element, int],
    vocab: Vocabulary,
) -> list[lxml.etree._Element]:
    """Texts after the first answer marked as the answers' texts are (same tag, same class words), in a box beside
    an answer's (a sibling of one) but in no block named as an answer: a community's Q&A names its best answer and
    prints every other reply alike (inSided's `post__content` in a plain post box). The question, printed so too,
    comes before the first answer; related questions are links, in the answers' list or in another box."""
    marks = Counter(mark for answer in answers if (mark := text_mark(answer, set(), _chars, vocab)) is not None)
    if not marks:
        return []
    (tag, words), _ = marks.most_common(1)[0]
    first_answer = min(order[answer] for answer in answers)
    taken = {e for block in answers + questions for e in block.iter()}
    taken |= {a for block in answers + questions for a in block.iterancestors()}
    beside = {answer.getparent() for answer in answers}
    found = [
        element
        for element in root.iter(tag)
        if order[element] > first_answer
        and element not in taken
        and class_words(element) == words
        and _chars(element) >= _REPLY_CHARS
        and not _mostly_links(element)
        and not any(ancestor.tag == "a" for ancestor in element.iterancestors())  # a teaser of another page
        and _in_a_reply_box(element, beside, vocab)
    ]
    return _outermost(found)


_REPLY_CHARS = 20  # characters of the shortest reply read as an answer


def _in_a_reply_box(element: lxml.etree._Element, beside: set[lxml.etree._Element], vocab: Vocabulary) -> bool:
    """The element lies in a box beside an answer's (its parent holds an answer), and no box on the way is named as
    furniture (an advertisement in the answers' list)."""
    for box in itertools.chain([element], element.iterancestors()):
        if class_tokens(box) & vocab.boilerplate_tokens:
            return False
        if box.getparent() in beside:
            return True
    return False


def _chars(element: lxml.etree._Element) -> int:
    return len(SPACE.sub("", text_of(element)))


def _qa_blocks(
    root: lxml.etree._Element, classes: frozenset[str], tokens: frozenset[str], vocab: Vocabulary
) -> list[lxml.etree._Element]:
    """Blocks named as questions/answers that hold some prose (not an "answer-count" or "write answer" button)."""
    found = []
    for element in root.iter(*BLOCK_TAGS):
        if not (element.get("class") or element.get("id")):
            continue
        element_tokens = class_tokens(element)
        if not (_tokens_match(element, classes) or element_tokens & tokens):
            continue
        if element_tokens & vocab.qa_other_tokens:
            continue  # "related-answers", "hot-questions": lists of other questions
        text = SPACE.sub("", text_of(element))
        link_text = sum(len(SPACE.sub("", text_of(a))) for a in element.iter("a"))
        if len(text) - link_text >= 10:
            found.append(element)
    return found


def _tokens_match(element: lxml.etree._Element, words: frozenset[str]) -> bool:
    names = class_words(element) | {(element.get("id") or "").lower()}
    return bool(names & words)


def _answers(blocks: list[lxml.etree._Element]) -> list[lxml.etree._Element]:
    """The answers among the answer-named blocks: the outermost of those that repeat (blocks of one tag sharing a
    class word: `div.answer`, `div.answer.accepted-answer`), so that the parts of one answer named after it
    (`answer-user`, `answer-text`, `answer-followup`) stay one answer; without repeats, the innermost blocks."""
    counts: Counter[tuple[str, str]] = Counter()
    for block in blocks:
        for word in class_words(block):
            counts[(block.tag, word)] += 1
    repeated = _outermost([b for b in blocks if any(counts[(b.tag, w)] >= 2 for w in class_words(b))])
    if len(repeated) < 2:
        return _innermost(blocks)
    # Answer-named blocks apart from the repeated answers (neither parts of one nor around them) are answers too.
    taken = {e for answer in repeated for e in answer.iter()} | {
        a for answer in repeated for a in answer.iterancestors()
    }
    others = _innermost([b for b in blocks if b not in taken])
    order = {element: index for index, element in enumerate(blocks)}
    return sorted(repeated + others, key=order.__getitem__)


def _outermost(elements: list[lxml.etree._Element]) -> list[lxml.etree._Element]:
    chosen = set(elements)
    return [e for e in elements if not any(a in chosen for a in e.iterancestors())]


def _innermost(elements: list[lxml.etree._Element]) -> list[lxml.etree._Element]:
    chosen = set(elements)
    return [e for e in elements if not any(d in chosen for d in e.iterdescendants())]
