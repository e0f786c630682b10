"""extract/content/qa.py: a question record and one record per answer."""

from __future__ import annotations

from extract.content import content
from extract.content.parse import parse_html
from extract.content.qa import announces_answers, qa_records
from extract.content.vocabulary import vocabulary

QUESTION = "职工医保统筹怎么办理"
ANSWERS = [
    "到参保地医保经办机构窗口办理，带上身份证和社保卡即可，当场可以办结。",
    "也可以在国家医保服务平台APP上办理，选择职工参保登记，按提示填写信息。",
]


def qa_page(other: str = "") -> str:
    answers = "".join(f"<div class='answer'><p>{text}</p></div>" for text in ANSWERS)
    return (
        f"<html><body><div class='question'><h1>{QUESTION}</h1><p>想了解办理流程，需要哪些材料？</p></div>"
        f"<div class='answers'>{answers}</div>{other}</body></html>"
    )


def records(html: str) -> list[tuple[str, str]]:
    root = parse_html(html)
    assert root is not None
    return [(record.role, record.text) for record in qa_records(root, QUESTION, vocabulary())]


def test_blocks_named_answers_give_a_question_and_its_answers() -> None:
    assert records(qa_page()) == [
        ("question", f"{QUESTION}\n想了解办理流程，需要哪些材料？"),
        ("answer", ANSWERS[0]),
        ("answer", ANSWERS[1]),
    ]


def test_a_box_of_related_questions_gives_no_answers() -> None:
    other = "<p><a href='/q/2'>灵活就业人员医保怎么交？</a>已有三个回答，点击查看详情。</p>"
    related = f"<div class='answer related'>{other}</div>"  # without "related" it would be a third answer
    assert [role for role, _ in records(qa_page(related))] == ["question", "answer", "answer"]


def test_a_page_without_answer_blocks_is_no_qa_page() -> None:
    assert records(f"<html><body><h1>{QUESTION}</h1><p>{ANSWERS[0]}</p></body></html>") == []


def test_answer_counts_and_best_answer_headings_announce_answers() -> None:
    vocab = vocabulary()
    assert [announces_answers(t, vocab) for t in ("2 个回答", "共3条回答", "最佳答案", "回答问题赢积分")] == [
        True,
        True,
        True,
        False,
    ]


# The markup of Stack Exchange sites (stackoverflow.com, as stored in magic-html's benchmark, Apache-2.0): the page's
# <body> carries the class "question-page", so the outermost block named "question" holds the answers too.
STACK_EXCHANGE = (
    "<html><head><title>Hello World in Python - Stack Overflow</title></head>"
    '<body class="question-page unified-theme"><div id="content"><h1>Hello World in Python</h1>'
    '<div class="question js-question" id="question"><div class="s-prose js-post-body" itemprop="text">'
    "<p>I tried running a python script with a print statement, and I get a syntax error.</p>"
    "<p>What is going on with the print statement in my first script?</p></div></div>"
    '<div id="answers"><div class="answer js-answer accepted-answer" id="answer-1077349">'
    '<div class="s-prose js-post-body" itemprop="text"><p>You are probably using Python 3.0, where print is now a '
    "function (hence the parenthesis) instead of a statement.</p></div></div></div></div></body></html>"
)


def test_a_question_page_whose_body_is_named_question_keeps_the_question_text() -> None:
    document = content(STACK_EXCHANGE)
    question, answer = document.records[0], document.records[-1]
    assert (document.kind, question.role, answer.role) == ("qa", "question", "answer")
    assert "What is going on with the print statement" in question.text
    assert "where print is now a function" in answer.text
    assert "where print is now a function" not in question.text
