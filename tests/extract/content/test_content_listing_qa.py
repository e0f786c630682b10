"""content() rules for listing/portal column pages and Q&A pages, on snippets of real pages of those families
(fund 信息披露 columns, a small Q&A site): one behaviour per test."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.content import content

# Entries of a 信息披露 column (rtfund.com: date first, then the title link).
DISCLOSURES = [
    ("2020-07-09", "关于融通新趋势灵活配置混合型证券投资基金调整大额申购限制金额的公告"),
    ("2020-07-08", "关于融通创业板交易型开放式指数证券投资基金新增网下销售机构的公告"),
    ("2020-07-07", "融通汇财宝货币市场基金关于新增销售机构的公告"),
    ("2020-07-06", "融通岁岁添利定期开放债券型证券投资基金第三十三次分红公告"),
    ("2020-07-06", "融通产业趋势股票型证券投资基金在直销柜台开放日常申购业务的公告"),
]


def column_page(entries: str) -> str:
    return (
        "<html><head><title>信息披露_融通基金管理有限公司</title></head><body>"
        "<div class='nav'><ul><li><a href='/'>首页</a></li><li><a href='/fund/'>基金产品</a></li></ul></div>"
        f"<div class='main_sub'><h2>信息披露</h2><div class='info_ne'><ul>{entries}</ul>"
        "<div class='wbPaging'><span class='prev'>上一页</span><a class='on'>1</a><a>2</a><a class='next'>下一页</a>"
        "</div></div></div><div class='footer_copyright'><p>融通基金管理有限公司 粤ICP备11027090号</p></div>"
        "</body></html>"
    )


def test_listing_entry_keeps_its_date_as_a_line() -> None:
    entries = "".join(
        f"<li><span>{date} </span><a href='/main/a/{i}.shtml'>{title}</a></li>"
        for i, (date, title) in enumerate(DISCLOSURES)
    )
    document = content(column_page(entries))
    assert document.kind == "listing"
    assert [record.text for record in document.records] == [f"{title}\n{date}" for date, title in DISCLOSURES]


def test_listing_date_in_a_date_classed_part_is_kept_too() -> None:
    entries = "".join(
        f"<li class='clearfix'><span class='ic'>·</span><a href='/c/{i}.html'>{title}</a>"
        f"<span class='date'>{date}</span></li>"
        for i, (date, title) in enumerate(DISCLOSURES)
    )
    records = content(column_page(entries)).records
    assert [record.text.split("\n")[-1] for record in records] == [date for date, _ in DISCLOSURES]
    assert records[0].published_at == "2020-07-09"


def test_date_inside_the_title_is_not_the_entry_date() -> None:
    titles = [f"关于2020年{month}月1日起调整融通基金直销柜台业务办理时间的公告" for month in range(3, 8)]
    entries = "".join(
        f"<li><a href='/a/{i}.html'>{title}</a><span class='date'>2020-0{i + 2}-28</span></li>"
        for i, title in enumerate(titles)
    )
    records = content(column_page(entries)).records
    assert records[0].text.split("\n") == ["关于2020年3月1日起调整融通基金直销柜台业务办理时间的公告", "2020-02-28"]


def test_file_type_badge_of_an_entry_is_dropped() -> None:
    # hr-fund.com.cn: <span>PDF</span> before every attachment title.
    entries = "".join(
        f"<li><div class='inner'><span class='fnt_20'>PDF</span><h2><a href='/Upload/{i}.pdf'>{title}</a></h2>"
        f"<i>{date}</i></div></li>"
        for i, (date, title) in enumerate(DISCLOSURES)
    )
    texts = [record.text for record in content(column_page(entries)).records]
    assert texts[0] == f"{DISCLOSURES[0][1]}\n{DISCLOSURES[0][0]}"
    assert not any("PDF" in text for text in texts)


# A question page of a small Q&A site (studyseo.net): two answers numbered #1 #2 in "q-comment-list" blocks,
# an answer count over them, a related-questions box beside them.
ANSWERS = [
    "1、最近好多网站索引都极速下降，可能是百度算法大更，可能会波及\n2、如果你的站点无过度优化、采集、快排操作，可以去百度反馈一下",
    "大家淡定 保持更新 稳定外链 慢慢会好的",
]
QUESTION = "百度索引掉的厉害有什么办法可以让他不要掉了？急死人"


def qa_page(count_label: str = "2 个回答", description: str = "") -> str:
    answers = "".join(
        f"<div class='q-comment-list clearfix'><div class='cq-zan'><div>0</div></div>"
        f"<div class='cq-head row'><span class='cq-head-name'><a href='/member/{i}'>用户{i}</a></span>"
        f"<div class='cq-head-right'>#{i + 1}</div><div class='col-12 q-comment-text'>"
        + "".join(f"<p>{line}</p>" for line in answer.split("\n"))
        + "<div class='q-comment-text-bottom'><span class='_time'>2天前</span> <span>|</span>"
        "<span class='_reply'>回复</span> <span>|</span><span class='_view_reply'>暂无评论</span> <span>|</span>"
        "<span>举报</span></div></div></div></div>"
        for i, answer in enumerate(ANSWERS)
    )
    return (
        f"<html><head><title>{QUESTION} - studyseo问答</title></head><body>"
        f"<div class='data-info'><header><h1>{QUESTION}</h1>"
        "<div class='q-name'><a href='/member/76'>我们的时光</a><span class='q-name-time'>2天前</span></div>"
        f"<div class='q-description'><p>{description}</p></div>"
        "<div class='q-meta'><span>45 人浏览</span> | <span>2 个回答</span></div></header>"
        f"<section class='q-comment'><div class='q-comment-size'>{count_label}</div>"
        f"<div class='q-comment-body'>{answers}</div></section></div>"
        "<div class='slide-box'><div class='slide-box-title'>相关问题</div><ul>"
        "<li><a href='/q/1'><span class='reply_size'>(0 回答) </span>关于百度收录方法</a></li>"
        "<li><a href='/q/2'><span class='reply_size'>(5 回答) </span>现在百度站内搜索还有用吗？</a></li></ul></div>"
        "</body></html>"
    )


def test_two_numbered_answers_under_an_answer_count_make_a_qa_page() -> None:
    document = content(qa_page())
    assert document.kind == "qa"
    assert [record.role for record in document.records] == ["question", "answer", "answer"]
    assert [record.text for record in document.records] == [QUESTION, *ANSWERS]


def test_answer_keeps_its_author() -> None:
    assert [record.author for record in content(qa_page()).records[1:]] == ["用户0", "用户1"]


def test_question_description_is_part_of_the_question() -> None:
    description = "最近一周网站的百度索引从三千多掉到了八百，没有改过模板，也没有删过文章。"
    assert content(qa_page(description=description)).records[0].text == f"{QUESTION}\n{description}"


def test_without_an_answer_count_the_numbered_blocks_are_a_thread() -> None:
    document = content(qa_page(count_label="").replace("2 个回答", "45 个收藏"))
    assert document.kind == "forum"
    assert [record.text for record in document.records][-2:] == ANSWERS


def test_floor_number_and_action_bar_are_not_the_reply_text() -> None:
    texts = "\n".join(record.text for record in content(qa_page()).records)
    assert ANSWERS[1] in texts
    assert "#1" not in texts and "举报" not in texts and "回复" not in texts


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["回复", "举报", "赞", "分享", "收藏", "评论"]),
    st.lists(st.sampled_from(["回复", "举报", "赞", "分享", "2天前", "12:30", "(3)", "|", "·"])),
)
def test_any_bar_of_action_words_is_dropped_from_replies(action: str, parts: list[str]) -> None:
    bar = " ".join([action, *parts])
    page = qa_page().replace("<span>举报</span>", f"<span>{bar}</span>")
    texts = "\n".join(record.text for record in content(page).records)
    assert ANSWERS[1] in texts and bar not in texts


# zhidao.baidu.com (2013 template): the best answer, then 追问/回答 inside the same answer box, then the asker's rating.
ZHIDAO_BEST = (
    "<html><body><div class='question'><h1>git add 之后怎么撤销</h1></div>"
    "<div class='wgt-best' id='best-answer-1388104447'><div class='hd line'>"
    "<span class='pos-time'>2013-05-16 09:43</span>"
    "<span class='answer-title h2 grid'>提问者采纳</span></div><div class='bd answer' id='answer-1388104447'>"
    "<div class='line content'><pre class='best-text mb-10'>如果还没有提交执行git checkout -- [文件名]，"
    "如果已经提交执行git reset [前一个提交]，再重新提一次。</pre>"
    "<dl class='replyask line'><dt class='ask f-12 grid'>追问</dt><dd class='replyask-content'>"
    "<pre>git checkout是删除仓库中文件的意思吗?</pre></dd></dl>"
    "<dl class='replyask line'><dt class='reply f-12 grid'>回答</dt><dd class='replyask-content'>"
    "<pre>因为还没有提交，所以刚刚提交的文件还在暂存区，checkout是把这个文件从暂存区中拿出来。</pre></dd></dl>"
    "<dl class='thank line'><dt class='thank-title grid f-12'>提问者评价</dt><dd><pre>您很专业, 谢谢</pre></dd></dl>"
    "</div></div></div></body></html>"
)


def test_follow_up_exchange_continues_the_answer() -> None:
    answer = content(ZHIDAO_BEST).records[1]
    assert answer.role == "answer"
    assert answer.text.split("\n")[1:] == [
        "git checkout是删除仓库中文件的意思吗?",
        "因为还没有提交，所以刚刚提交的文件还在暂存区，checkout是把这个文件从暂存区中拿出来。",
    ]


def test_title_segment_named_by_the_copyright_line_is_the_site() -> None:
    page = (
        "<html><head><title>公司公告 - 东方阿尔法基金管理有限公司</title></head><body>"
        "<div class='content-address'>当前位置：<a href='/'>首页</a> &gt; <span class='current-address'>公司公告</span>"
        "</div><p>本公司旗下基金的各类公告均在此栏目发布，投资者可按时间查阅。</p>"
        "<p>Copyright ©2019 东方阿尔法基金管理有限公司 版权所有</p></body></html>"
    )
    document = content(page)
    assert (document.title, document.site) == ("公司公告", "东方阿尔法基金管理有限公司")


def test_site_first_title_last_names_the_site() -> None:
    page = (
        "<html><head><title>恒生前海基金|信息披露</title></head><body><p>本栏目发布基金的定期报告与临时公告。</p>"
        "<p>恒生前海基金管理有限公司 版权所有(C)2020</p></body></html>"
    )
    document = content(page)
    assert (document.title, document.site) == ("信息披露", "恒生前海基金")


def test_entry_date_is_the_element_holding_only_a_date_not_a_date_in_the_abstract() -> None:
    entries = "".join(
        f"<li><a href='/a/{i}.html'>{title}</a><p>本办法自2021年1月1日起施行，原办法同时废止，请各单位遵照执行。</p>"
        f"<span>[{date}]</span></li>"
        for i, (date, title) in enumerate(DISCLOSURES)
    )
    record = content(column_page(entries)).records[0]
    assert record.text.split("\n")[-1] == f"[{DISCLOSURES[0][0]}]"  # as printed
    assert record.published_at == "2020-07-09"
