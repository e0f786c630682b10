"""extract/content/qa.py: a question record and one record per answer."""

from __future__ import annotations

import time

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


FAQ = [
    ("Which insurer has the largest market share?", "UnitedHealth Group, with revenue of about $450 billion in 2025."),
    ("Are national carriers better than regional ones?", "Not necessarily: regional insurers may cover a town better."),
    ("What trends shape health insurance this year?", "High medical costs and a growing share of virtual care."),
]
ARTICLE = (
    "<p>Selecting the right health insurance provider requires careful thought about networks, premiums and the "
    "out-of-pocket costs that shape how you use care.</p><p>The market in 2025 shows growth among its leaders, and "
    "the twenty-five companies below cover most of the insured population of the country.</p>"
)


def test_an_faq_closing_an_article_is_part_of_the_article_not_a_qa_page() -> None:
    # Each answer right under a question of its own (an accordion item): the answers answer different questions.
    items = "".join(
        f"<div class='faq1_accordion'><div class='faq1_question'><div>{q}</div></div>"
        f"<div class='faq1_answer'><p>{a}</p></div></div>"
        for q, a in FAQ
    )
    html = (
        "<html><head><title>Best Health Insurance Companies 2025</title></head><body><article>"
        f"<h1>Best Health Insurance Companies 2025</h1>{ARTICLE}<h2>FAQ</h2><div class='faq1_list'>{items}</div>"
        "</article></body></html>"
    )
    root = parse_html(html)
    assert root is not None
    assert qa_records(root, "Best Health Insurance Companies 2025", vocabulary()) == []
    document = content(html)
    assert document.kind == "article"
    assert "Selecting the right health insurance provider" in document.text
    assert all(q in document.text and a in document.text for q, a in FAQ)


def test_one_question_with_answers_under_it_stays_a_qa_page_beside_related_questions() -> None:
    # Question blocks that are not each an answer's own (a related question between answers) leave a Q&A page.
    related = "<div class='question-related'><p>医保卡丢了在哪里补办比较快</p></div>"
    answers = "".join(f"<div class='answer'><p>{text}</p></div>" for text in ANSWERS)
    answers += f"{related}<div class='answer'><p>{ANSWERS[0]}</p></div>"
    html = (
        f"<html><body><div class='question'><h1>{QUESTION}</h1><p>想了解办理流程，需要哪些材料？</p></div>"
        f"<div class='answers'>{answers}</div></body></html>"
    )
    assert [role for role, _ in records(html)] == ["question", "answer", "answer", "answer"]


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


# Quora's markup (as stored in magic-html's benchmark, Apache-2.0): the answer's text sits in a span whose utility
# class "qu-userSelect--text" splits into the word "user"; the answerer's card beside it is named "author".
QUORA_ANSWER = (
    '<div class="q-box spacing_log_answer_content puppeteer_test_answer_content">'
    '<div class="q-box"><span class="q-box qu-userSelect--text"><p class="q-text">No. They are for the people in '
    "the top levels to make money off the people in the middle and lower levels.</p></span></div>"
    '<div class="author-card"><span>Dick Thiebaud</span> · 4y</div></div>'
)


def test_answer_text_in_a_utility_class_that_names_a_user_is_kept() -> None:
    answers = [text for role, text in records(qa_page(QUORA_ANSWER)) if role == "answer"]
    assert "They are for the people in the top levels" in answers[-1]
    assert "Dick Thiebaud" not in answers[-1]


# A Stack Exchange answer: the answerer's card ("user-info") is furniture, the comments under the answer are the
# exchange about it and stay; the "Your Answer" block is a form, not an answer.
SE_ANSWER = (
    '<div class="answer js-answer" id="answer-1"><div class="s-prose js-post-body"><p>Consider role model: a person '
    "whose behavior, example, or success is emulated by others.</p></div>"
    '<div class="user-info"><div class="user-action-time">answered Jul 28, 2016 at 13:05</div>'
    '<div class="user-details"><a href="/users/1/tim">Tim</a> 4,344 bronze badges</div></div>'
    '<div class="comments"><ul class="comments-list"><li class="comment"><div class="comment-body">'
    '<span class="comment-copy">Unlike mentor, it does not suggest that they know it.</span></div></li></ul></div>'
    "</div>"
    '<div class="answer-form" id="post-form"><h2>Your Answer</h2><form><textarea name="post-text"></textarea>'
    "<p>Thanks for contributing an answer!</p></form></div>"
    '<form id="post-editor"><aside class="js-answer-help"><p>Please be sure to answer the question. Provide details '
    "and share your research!</p></aside></form>"
)


def test_comments_under_an_answer_stay_and_the_answerers_card_goes() -> None:
    answers = [text for role, text in records(qa_page(SE_ANSWER)) if role == "answer"]
    assert "Consider role model" in answers[-1]
    assert "Unlike mentor, it does not suggest that they know it." in answers[-1]
    assert "bronze badges" not in answers[-1]
    assert "answered Jul 28" not in answers[-1]


def test_an_answer_form_is_no_answer() -> None:
    answers = [text for role, text in records(qa_page(SE_ANSWER)) if role == "answer"]
    assert len(answers) == 3  # the two of qa_page and the Stack Exchange one
    assert not any("Thanks for contributing" in text or "Provide details" in text for text in answers)


# DW Q&A (a WordPress Q&A plugin): the only "answers" block is the login form, and the sidebar widgets of popular
# questions are named "question" too.
DWQA = (
    "<html><body><main><article class='dwqa-question'><h1>Can I custom the page template of single question?</h1>"
    "<div class='dwqa-question-item'><div class='dwqa-question-content'><p>Is there a way to create a custom "
    "template that displays the single question instead of the theme default single.php?</p></div></div>"
    "<div class='dwqa-answers'><div class='dwqa-answers-login'><p>Please login or Register to submit your answer</p>"
    "<form id='loginform'><label>Username or Email Address</label><input type='text' name='log'>"
    "<label>Password</label><input type='password' name='pwd'></form></div></div></article></main>"
    "<aside class='widget dwqa-popular-question'><h2>Popular Questions</h2><ul><li><a href='/q/2'>How to remove the "
    "Tags?</a> asked by admin, 6 years ago</li></ul></aside></body></html>"
)


def test_a_login_form_named_answers_makes_no_qa_page_and_the_question_stays() -> None:
    document = content(DWQA)
    assert document.kind != "qa"
    assert "Is there a way to create a custom template" in document.text
    assert "submit your answer" not in document.text


def test_a_question_block_after_the_answers_is_a_sidebar_not_the_question() -> None:
    sidebar = (
        "<aside class='widget popular-question'><h2>Popular Questions</h2><div class='question-item'>"
        "<p>How to remove the tags? asked by admin, six years ago, in General.</p></div></aside>"
    )
    question = records(qa_page(sidebar))[0][1]
    assert "想了解办理流程" in question
    assert "How to remove the tags" not in question


# Apache Answer (meta.answer.dev): the question's text sits in an unnamed block between the headline and the first
# answer; only the page wrapper ("questionDetailPage") is named, and it holds the answers.
APACHE_ANSWER = (
    "<html><body><div class='questionDetailPage row'><div class='page-main'><div><h1>How to add new API？</h1>"
    "<div class='small'><div>Asked Feb 22</div><div>Viewed 121</div></div>"
    "<div class='img-viewer'><article class='fmt'><p>Sorry for my "
    "English. I am interested in adding some new APIs and would appreciate guidance.</p></article></div></div>"
    "<div class='answer-item' id='E1RI2'><article class='fmt'><p>For most APIs the flow is simple: router, "
    "middleware, controller, service, repo.</p></article></div></div></div></body></html>"
)


def test_without_a_question_block_the_prose_above_the_first_answer_is_the_question() -> None:
    root = parse_html(APACHE_ANSWER)
    assert root is not None
    found = qa_records(root, "How to add new API？", vocabulary())
    assert [record.role for record in found] == ["question", "answer"]
    assert "I am interested in adding some new APIs" in found[0].text
    assert "Asked Feb 22" not in found[0].text
    assert "router, middleware" in found[1].text


def community_post(text: str, box: str = "post") -> str:
    """community.kaspersky.com (inSided): every post a box with its text in `post__content`, its poster's card and
    a footer with the poster's signature, longer than a short reply."""
    return (
        f"<div class='{box}'><div class='post__author'><a href='/members/flood'>Flood</a> 14 May 2020</div>"
        f"<div class='post__content'><p>{text}</p></div><div class='post__footer'><div class='signature'>Edgar's "
        "Mission: if we could live happy and healthy lives without harming others, why wouldn't we? Forum "
        "moderator, volunteer since 2012.</div></div></div>"
    )


COMMUNITY_REPLIES = [
    "Thanks for the feedback. I re-installed and the rootkit scan is working now.",
    "Same here: today my daily rootkit scan did not start at all, even after waiting forty minutes.",
    "Excellent, thank you for letting us know.",
]


def test_replies_printed_as_the_named_answer_is_are_answers_too() -> None:
    # A community's Q&A names only its best answer; the other replies are printed as it is.
    question = community_post("I noticed that no rootkit scan runs. Any idea how to get this working?", "post first")
    best = community_post("Please clean install the application, then reboot.", "post post--bestanswer")
    html = (
        f"<html><body><h1>Rootkit scan not executed</h1>{question}<div id='comments'>{best}"
        f"{''.join(community_post(text) for text in COMMUNITY_REPLIES)}</div></body></html>"
    )
    root = parse_html(html)
    assert root is not None
    found = qa_records(root, "Rootkit scan not executed", vocabulary())
    assert [record.role for record in found] == ["question", "answer", "answer", "answer", "answer"]
    assert "no rootkit scan runs" in found[0].text
    assert "clean install" in found[1].text
    assert [record.text for record in found[2:]] == COMMUNITY_REPLIES
    # The question, printed alike before the first answer, is no answer; a signature is no part of an answer.
    assert not any("no rootkit scan runs" in record.text for record in found[1:])
    assert not any("Edgar's Mission" in record.text for record in found[1:])


def test_texts_printed_as_the_answers_in_another_box_are_no_answers() -> None:
    # quora.com: one utility class marks every text, the answers' and the related questions' beside them.
    answers = "".join(f"<div class='answer'><div class='q-text'>{text}</div></div>" for text in COMMUNITY_REPLIES)
    related = "".join(
        f"<div class='q-box'><a href='/q/{n}'><div class='q-text'>{question}</div></a></div>"
        for n, question in enumerate(["What is sports participation?", "Why do people like sports so much?"])
    )
    # In the answers' list too: a box of links to other questions, an advertisement printed as an answer.
    answers += "<div class='q-box'><a href='/q/9'><div class='q-text'>Can Christians play sports?</div></a></div>"
    answers += "<div class='q-box ad'><div class='q-text'>This tool is ten times better and works anywhere.</div></div>"
    sponsored = (
        "<div class='ad'><div class='q-text'>This tool is ten times better and can be used anywhere.</div></div>"
    )
    html = (
        "<html><body><h1>What is the value of sport in school?</h1><div class='q-text'>Asking for a school essay "
        f"about the value of sport.</div><div class='answers'>{answers}</div><div class='related'>{related}</div>"
        f"<div class='side'>{sponsored}</div></body></html>"
    )
    root = parse_html(html)
    assert root is not None
    found = qa_records(root, "What is the value of sport in school?", vocabulary())
    assert [record.text for record in found if record.role == "answer"] == COMMUNITY_REPLIES


def test_vote_counts_post_menus_and_asked_answered_times_are_not_the_posts_text() -> None:
    # meta.answer.dev, demo.sabaidiscuss.com, english.stackexchange.com: lines a Q&A engine prints around every post,
    # in markup that does not name them.
    html = (
        "<html><body><div class='question'><h1>How to add new API</h1>"
        "<p>I want to add a new API to the answer project, where do I start?</p>"
        "<p>Asked Feb 22Modified Apr 8</p><p>Arthur asked 16 years ago</p><p>1,136</p></div>"
        "<div class='answer'><p>Best answer</p><p>5</p><p>Start from the handler package and register a route.</p>"
        "<p>I asked my doctor about it yesterday, and he agreed.</p>"
        "<p>Share</p><p>answered Feb 22</p><p>•Feb 22</p><p>You must login to post comments</p></div>"
        "<div class='answer'><p>Read the swagger docs first.</p><p>answered 15 years ago</p><p>–</p></div>"
        "</body></html>"
    )
    root = parse_html(html)
    assert root is not None
    assert [(r.role, r.text) for r in qa_records(root, "How to add new API", vocabulary())] == [
        ("question", "How to add new API\nI want to add a new API to the answer project, where do I start?"),
        (
            "answer",
            "Start from the handler package and register a route.\n"
            "I asked my doctor about it yesterday, and he agreed.",
        ),
        ("answer", "Read the swagger docs first."),
    ]


def test_an_answers_buttons_printed_inline_without_separators_are_not_its_text() -> None:
    # <span>赞同 10</span><span>评论</span><a>举报</a>: the buttons run together into one line "赞同 10评论举报".
    answers = "".join(
        f"<div class='answer'><p>{text}</p><div class='ops'><span>赞同 {9 - i}</span><span>评论</span><a>举报</a>"
        "</div></div>"
        for i, text in enumerate(ANSWERS)
    )
    html = (
        f"<html><body><div class='question'><h1>{QUESTION}</h1></div><div class='answers'>{answers}</div></body></html>"
    )
    assert records(html) == [("question", QUESTION), ("answer", ANSWERS[0]), ("answer", ANSWERS[1])]


def test_who_vouched_for_an_answer_and_its_rating_bar_are_not_its_text() -> None:
    # Baidu Zhidao prints both under every answer.
    answers = "".join(
        f"<div class='answer'><p>{text}</p><p>本回答由网友推荐</p>"
        "<div class='eva'><span>已赞过</span><span>已踩过</span><span>&lt;</span><span>你对这个回答的评价是？</span>"
        "<span>评论</span><span>收起</span></div></div>"
        for text in ANSWERS
    )
    html = (
        f"<html><body><div class='question'><h1>{QUESTION}</h1></div><div class='answers'>{answers}</div></body></html>"
    )
    assert records(html) == [("question", QUESTION), ("answer", ANSWERS[0]), ("answer", ANSWERS[1])]
    kept = "<p>本回答参考了2024年医保政策文件。</p>"
    assert records(html.replace("<p>本回答由网友推荐</p>", kept, 1))[1] == (
        "answer",
        f"{ANSWERS[0]}\n本回答参考了2024年医保政策文件。",
    )


DWQA_QUESTION = "Can I custom the page template of single question?"
DWQA_TEXT = (
    "is there a way to create a custom template that displays the single question instead of the theme default "
    "single.php ? I would like to show the question with its own sidebar and a different header."
)


def dwqa_page(sidebar: str = "") -> str:
    """DW Question & Answer (WordPress): an unanswered question, its block named dwqa-question."""
    return (
        f"<html><head><title>{DWQA_QUESTION} – DWQA</title></head><body><div id='content'>"
        f"<article class='post-1858 dwqa-question type-dwqa-question status-publish' id='post-1858'>"
        f"<h1>{DWQA_QUESTION}</h1><div class='dwqa-breadcrumbs'>Questions › Category: General</div>"
        f"<div class='dwqa-question-content'><p>{DWQA_TEXT}</p></div>"
        "<div class='dwqa-question-meta'>Asked 2 years ago</div></article></div>"
        f"{sidebar}</body></html>"
    )


def test_a_question_nobody_answered_yet_is_a_qa_page_with_its_question() -> None:
    document = content(dwqa_page())
    assert document.kind == "qa"
    assert [(r.role, r.text) for r in document.records] == [("question", f"{DWQA_QUESTION}\n{DWQA_TEXT}")]


def test_an_ask_box_beside_an_article_does_not_make_a_qa_page() -> None:
    # The same page shape, but the page's body is an article and the one question-named block is an "ask" widget.
    article = "".join(f"<p>{DWQA_TEXT} Paragraph {n} of the article.</p>" for n in range(4))
    html = (
        f"<html><head><title>{DWQA_QUESTION}</title></head><body><div class='article'><h1>{DWQA_QUESTION}</h1>"
        f"{article}</div><div class='ask'><p>Have a question about templates? Ask our editors here.</p></div>"
        "</body></html>"
    )
    document = content(html)
    assert document.kind == "article"
    assert "Paragraph 3 of the article." in document.text


def medical_answer(doctor: str, title: str, hospital: str, text: str, followup: str = "") -> str:
    card = (
        f"<div class='b_answertl'><span class='b_sp1'><a href='/doctor/1'>{doctor}</a> {title}</span>"
        f"<span class='b_sp2'>{hospital}</span><span class='b_sp2'>擅长: 医保政策咨询、异地就医结算</span></div>"
    )
    body = f"<div class='b_anscont_cont'><div class='crazy_new'><p>{text}</p></div></div>{followup}"
    votes = "<div class='b_anscont_btn'><a href='#'>有帮助(12)</a> <a href='#'>举报</a></div>"
    return f"<div class='b_answerli'>{card}<div class='b_anscontc'>{body}{votes}</div></div>"


def test_answers_named_in_compound_class_words_with_their_cards_out_make_a_medical_qa_page() -> None:
    followup = "<div class='b_ansaddbox'><span>追问</span><p>补办备案有时间限制吗？</p></div>"
    answers = medical_answer(
        "张建华", "主治医师", "福州市第一医院", "可以在出院后回参保地补办备案并手工报销。", followup
    ) + medical_answer(
        "李敏", "副主任医师", "某市中心医院", "建议先拨打医保服务热线12393咨询，主任医师门诊也可以开具证明。"
    )
    question = "<div class='b_askcont'><p>我在外地住院花了两万多，请问回老家能报销吗？需要准备什么材料？</p></div>"
    html = (
        "<html><head><title>异地就医住院费用怎么报销？_有问必答</title></head><body>"
        f"<div class='b_askti'><h1>异地就医住院费用怎么报销？</h1></div>{question}"
        f"<div class='b_answerbox'>{answers}</div></body></html>"
    )
    document = content(html)
    assert document.kind == "qa"
    assert [record.role for record in document.records] == ["question", "answer", "answer"]
    assert "请问回老家能报销吗" in document.records[0].text
    first, second = document.records[1].text, document.records[2].text
    assert first.startswith("可以在出院后回参保地补办备案") and "补办备案有时间限制吗？" in first
    assert "建议先拨打医保服务热线12393咨询，主任医师门诊也可以开具证明。" in second
    for card in ("张建华", "福州市第一医院", "擅长", "李敏", "有帮助"):
        assert card not in first + second, card


def test_an_answerers_card_printed_a_field_to_a_line_is_out_hospital_and_all() -> None:
    # A card of utility-class paragraphs (name / title / hospital) beside the answer, inside the answer's block.
    def answer(doctor: str, title: str, hospital: str, text: str) -> str:
        return (
            f"<div class='answer clearfix'><div class='fl Doc_lef'><p class='fb'>{doctor}</p>"
            f"<p class='gray'>{title}</p><p class='gray'>{hospital}</p></div>"
            f"<div class='fr Doc_rig'><div class='pt15 f14'>{text}</div></div></div>"
        )

    html = (
        "<html><head><title>糖尿病门诊慢特病怎么申请</title></head><body><h1>糖尿病门诊慢特病怎么申请</h1>"
        "<div class='question'>母亲有2型糖尿病，请问门诊慢特病怎么申请？</div>"
        + answer(
            "王建国", "副主任医师", "福州市第一医院", "您好，糖尿病属于门诊慢特病病种，可以到参保地医保经办机构申请。"
        )
        + answer("李芳", "主治医师", "厦门大学附属中山医院", "建议先去就诊医院的医保办咨询。")
        + "</body></html>"
    )
    answers = [record.text for record in content(html).records if record.role == "answer"]
    assert answers == [
        "您好，糖尿病属于门诊慢特病病种，可以到参保地医保经办机构申请。",
        "建议先去就诊医院的医保办咨询。",
    ]


def test_answers_of_a_page_an_aspnet_form_wraps_whole_are_answers_and_its_answer_form_is_not() -> None:
    answers = medical_answer("张建华", "主治医师", "福州市第一医院", "可以在出院后回参保地补办备案并手工报销。")
    answers += medical_answer("李敏", "副主任医师", "某市中心医院", "建议先拨打医保服务热线12393咨询。")
    reply_form = (
        "<div class='b_answerli'><form action='/answer'><p>请登录后回答</p><textarea></textarea>"
        "<input type='submit' value='提交回答'></form></div>"
    )
    html = (
        "<html><head><title>异地就医住院费用怎么报销？</title></head><body><form id='aspnetForm' action='./ask.aspx'>"
        "<div class='b_askti'><h1>异地就医住院费用怎么报销？</h1></div>"
        "<div class='b_askcont'><p>我在外地住院花了两万多，请问回老家能报销吗？</p></div>"
        f"<div class='b_answerbox'>{answers}{reply_form}</div></form></body></html>"
    )
    document = content(html)
    assert document.kind == "qa"
    assert [record.text for record in document.records if record.role == "answer"] == [
        "可以在出院后回参保地补办备案并手工报销。",
        "建议先拨打医保服务热线12393咨询。",
    ]


def doctor_block(doctor: str, title: str, hospital: str, text: str) -> str:
    """A doctor's block as medical Q&A sites print it, under class names that say nothing of answers."""
    return (
        f"<div class='sele_all'><div class='doc_t'><p class='doc_name'><a href='/doctor/1/'>{doctor}</a></p>"
        f"<p class='doc_zc'>{title}</p><p class='doc_hos'>{hospital}</p></div><p class='sele_txt'>{text}</p></div>"
    )


DOCTOR_BLOCKS = doctor_block(
    "陈医生", "主治医师", "杭州市第一人民医院", "你好，医保卡丢失后可以先通过社保APP挂失，再带身份证到网点补办。"
) + doctor_block("刘医生", "执业医师", "某社区卫生服务中心", "建议尽快挂失，补办期间可以使用医保电子凭证结算。")


def test_answers_known_by_their_doctors_cards_make_a_qa_page_whatever_their_class_names() -> None:
    html = (
        "<html><head><title>医保卡丢了怎么补办？_问医生</title></head><body><div class='ask_cont'>"
        "<h1>医保卡丢了怎么补办？</h1><p class='txt_ms'>昨天把医保卡弄丢了，补办期间看病能报销吗？</p></div>"
        f"<div class='doctor_all'>{DOCTOR_BLOCKS}</div></body></html>"
    )
    document = content(html)
    assert document.kind == "qa"
    assert [(record.role, record.text) for record in document.records] == [
        ("question", "医保卡丢了怎么补办？\n昨天把医保卡弄丢了，补办期间看病能报销吗？"),
        ("answer", "你好，医保卡丢失后可以先通过社保APP挂失，再带身份证到网点补办。"),
        ("answer", "建议尽快挂失，补办期间可以使用医保电子凭证结算。"),
    ]


def test_doctors_cards_under_a_headline_that_asks_nothing_are_no_answers() -> None:
    html = (
        "<html><head><title>专家介绍_某市第一医院</title></head><body><h1>专家介绍</h1>"
        f"<div class='doctor_all'>{DOCTOR_BLOCKS}</div></body></html>"
    )
    assert content(html).kind != "qa"


def test_many_answers_known_by_cards_cost_linear_time() -> None:
    def cpu_seconds(count: int) -> float:
        blocks = "".join(
            doctor_block(f"医生{i}", "主治医师", "某医院", f"第{i}条回答：可以到参保地医保经办机构申请。")
            for i in range(count)
        )
        html = f"<html><head><title>怎么申请慢特病？</title></head><body><h1>怎么申请慢特病？</h1><div>{blocks}</div>"
        runs = []
        for _ in range(3):
            start = time.process_time()
            assert content(html).kind == "qa"
            runs.append(time.process_time() - start)
        return min(runs)

    small, large = cpu_seconds(200), cpu_seconds(800)
    assert large < 8 * small


def test_short_opening_lines_of_an_answer_without_a_card_line_stay() -> None:
    html = (
        "<html><head><title>异地就医备案</title></head><body><h1>异地就医备案怎么办</h1>"
        "<div class='question'>异地就医备案怎么办？</div><div class='answer'><p>国家医保服务平台</p>"
        "<p>打开APP后选择异地备案，填写信息提交即可。</p></div><div class='answer'><p>打12393问一下。</p></div>"
        "</body></html>"
    )
    answers = [record.text for record in content(html).records if record.role == "answer"]
    assert answers[0].splitlines() == ["国家医保服务平台", "打开APP后选择异地备案，填写信息提交即可。"]


def zhidao_answer(user: str, text: str, extra: str = "") -> str:
    return (
        f"<div class='answer'><div class='answer-user'><a href='/u/1'>{user}</a><span>2023-05-01</span></div>"
        f"<div class='answer-text'><p>{text}</p></div>{extra}"
        "<div class='answer-tools'><a>赞(25)</a> <a>踩</a> <a>评论</a></div></div>"
    )


def test_the_parts_of_an_answer_named_after_it_are_one_answer_with_its_follow_ups() -> None:
    followup = (
        "<div class='answer-followup'><p>追问：那异地能用吗？</p><p>追答：开通异地就医备案后可以在异地使用。</p></div>"
    )
    answers = zhidao_answer(
        "热心网友",
        "一般情况下医保个人账户的钱不能直接取现，只能用于支付医疗费用。具体以当地政策为准……<a href='/q/1'>详细</a>",
    ) + zhidao_answer("医保小助手", "不能取现。家庭共济后可以给家人使用。", followup)
    html = (
        "<html><head><title>医保卡里的钱可以取出来吗？</title></head><body>"
        "<div class='question'><h1>医保卡里的钱可以取出来吗？</h1>"
        "<p>单位交的医保，卡里有三千多，想取出来用，可以吗？</p></div>"
        f"<div class='answers'>{answers}</div></body></html>"
    )
    document = content(html)
    assert [record.role for record in document.records] == ["question", "answer", "answer"]
    first, second = document.records[1].text, document.records[2].text
    assert first.endswith("具体以当地政策为准……")  # the read-more button after the cut is not the answer's
    assert second.splitlines() == [
        "不能取现。家庭共济后可以给家人使用。",
        "追问：那异地能用吗？",
        "追答：开通异地就医备案后可以在异地使用。",
    ]
    assert "热心网友" not in first and "赞(25)" not in first


# A news page with the site's "Community Answers" box beside its story: one question, one answer, a line of prompt.
STORY = [
    "EBay Inc.'s payments business has laid off 325 employees, and is ending contracts with another 120 contractors.",
    "The company expects to record a fourth-quarter pretax charge of $15 million in connection with the job cuts.",
    "Executives said earlier this month that they planned to streamline the business, without saying how many jobs.",
    "The payments unit posted 23% growth in revenue for the third quarter, to nearly $1.3 billion, the company said.",
    "The cuts mostly affect employees in the United States, and the company plans to hire in other areas next year.",
    "A spokesman said the company would keep investing in mobile payments, which grew faster than any other unit.",
]
COMMUNITY_BOX = (
    "<div class='communityBox'><div class='questionBox'>Should NBC be tape-delaying any part of the Olympics?</div>"
    "<div class='boxType-answerQ'>Answers allows you to tap the knowledge of Community members.</div></div>"
)


def test_one_question_and_answer_box_beside_a_story_many_times_its_size_is_no_qa_page() -> None:
    story = "".join(f"<p>{sentence}</p>" for sentence in STORY)
    headline = "<h1>PayPal Lays Off 325 Employees</h1>"
    html = f"<html><body>{headline}<div class='story'>{story}</div>{COMMUNITY_BOX}</body></html>"
    document = content(html)
    assert document.kind == "article"
    assert "pretax charge" in document.text and "tape-delaying" not in document.text
    # A question page prints its headline in the question's box: with one answer, beside related questions whose
    # abstracts are many times its size, it is still a Q&A page.
    related = "".join(f"<li>{sentence}</li>" for sentence in STORY * 3)
    one_answer = qa_page(f"<div class='related'><ul>{related}</ul></div>").replace(f"<p>{ANSWERS[1]}</p>", "")
    assert [role for role, _ in records(one_answer)] == ["question", "answer"]
    assert content(one_answer).kind == "qa"
