"""extract/content/letters.py: a letter to an office and its answer (市长信箱, 12345) as a question and an answer."""

from __future__ import annotations

from extract.content import content

SUBJECT = "灵活就业人员医保每月缴多少钱？"
LETTER = "我是灵活就业人员，去年开始自己交医保，想问一下每月缴费多少，可以按年交吗？"
ANSWER = "您好！灵活就业人员2024年每月缴费412元，可以按月或按年缴纳。感谢您的来信。"


def letter_page(body: str) -> str:
    return (
        f"<html><head><title>{SUBJECT}_市长信箱</title></head><body><div class='nav'><a href='/'>首页</a>"
        f"<a href='/hd'>互动交流</a></div><div class='main'><h1>{SUBJECT}</h1>{body}</div></body></html>"
    )


TABLE = (
    "<table class='xjxx'>"
    + "".join(
        f"<tr><th>{label}</th><td>{value}</td></tr>"
        for label, value in [
            ("信件标题", SUBJECT),
            ("来信人", "张**"),
            ("来信时间", "2024-03-01"),
            ("信件内容", LETTER),
            ("回复单位", "市医疗保障局"),
            ("回复时间", "2024-03-05"),
            ("回复内容", ANSWER),
        ]
    )
    + "</table>"
)


def test_a_letter_table_is_a_question_and_the_offices_answer_each_with_its_author_and_time() -> None:
    document = content(letter_page(TABLE))
    assert document.kind == "qa"
    assert [(r.role, r.text, r.author, r.published_at) for r in document.records] == [
        ("question", f"{SUBJECT}\n{LETTER}", "张**", "2024-03-01"),
        ("answer", ANSWER, "市医疗保障局", "2024-03-05"),
    ]


def test_a_letter_in_blocks_takes_the_answers_author_and_time_from_a_line_of_fields() -> None:
    body = (
        f"<div class='ask'><span>留言内容：</span><p>{LETTER}</p><span>留言时间：2024-03-01</span></div>"
        f"<div class='reply'><span>回复内容：</span><p>{ANSWER}</p>"
        "<span>回复时间：2024-03-05 回复单位：市医疗保障局</span></div>"
    )
    records = content(letter_page(body)).records
    assert [(r.role, r.text) for r in records] == [("question", f"{SUBJECT}\n{LETTER}"), ("answer", ANSWER)]
    assert (records[0].published_at, records[1].author, records[1].published_at) == (
        "2024-03-01",
        "市医疗保障局",
        "2024-03-05",
    )


def test_a_letter_nobody_answered_and_a_guide_that_names_a_result_are_articles() -> None:
    unanswered = content(letter_page(f"<p>留言内容：</p><p>{LETTER}</p><p>办理状态：待回复</p>"))
    assert unanswered.kind == "article" and LETTER in unanswered.text
    guide = content(letter_page(f"<p>{LETTER}</p><p>审核通过后，办理结果将以短信方式告知申请人，请注意查收。</p>"))
    assert guide.kind == "article" and "办理结果将以短信方式告知申请人" in guide.text


def test_a_column_of_several_letters_and_answers_stays_an_article() -> None:
    pair = f"<p>留言内容：{LETTER}</p><p>回复内容：{ANSWER}</p>"
    document = content(letter_page(pair * 2))
    assert document.kind == "article" and document.text.count(ANSWER) == 2


def test_a_letters_line_that_opens_with_a_fields_word_is_its_text() -> None:
    opening = "主题教育活动开展以来，我想了解退休人员的医保待遇有没有调整？"
    body = f"<p>来信人：张**</p><p>留言内容：</p><p>{opening}</p><p>{LETTER}</p><p>回复内容：{ANSWER}</p>"
    question = content(letter_page(body)).records[0]
    assert question.text == f"{SUBJECT}\n{opening}\n{LETTER}"
