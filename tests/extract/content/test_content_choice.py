"""Block choice that holds across sites: the second opinion on article text, a page that prints its article twice,
and answer cards that answer many questions (a listing, not a Q&A page)."""

from __future__ import annotations

import dataclasses
import gzip
import subprocess
import sys
import time
from pathlib import Path

from extract.content import content
from extract.content.arbitration import (
    article_over_reading,
    choose,
    has_sentence,
    many_blocks,
    second_opinion,
    sentence_count,
    thresholds,
)
from extract.decode import decode

REPO = Path(__file__).resolve().parents[3]

ARTICLE_EN = (
    "Medicare Part B covers outpatient care, preventive services and durable medical equipment for people over 65.",
    "You pay a monthly premium, and after the yearly deductible you usually pay 20 percent of the approved amount.",
    "If you have limited income, a Medicare Savings Program can help pay the premium and the deductible for you.",
    "Apply through your state Medicaid office; the office decides within 45 days and tells you in writing.",
)


def _english_page_with_feed() -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in ARTICLE_EN)
    feed = "".join(
        f"<div class='card'><h3><a href='/story/{n}'>Story number {n} about something else</a></h3>"
        f"<p>This is the teaser sentence of another story, written to make readers click on item {n}.</p></div>"
        for n in range(12)
    )
    return (
        "<html lang='en'><head><title>Medicare Part B costs | Health guide</title></head><body>"
        "<div class='page'><div class='main'><h1>Medicare Part B costs</h1>"
        f"<div class='story'>{paragraphs}</div>"
        f"<div class='more'><h2>More from the guide</h2>{feed}</div></div></div></body></html>"
    )


# ----------------------------------------------------------------------------- the second opinion, as a rule
def test_theirs_inside_ours_and_ours_much_larger_gives_theirs_on_english_pages() -> None:
    ours = "\n".join([*ARTICLE_EN, "Story one teaser sentence, about a thing.", "Story two teaser, about another."])
    theirs = "\n".join(ARTICLE_EN)
    assert choose(ours, theirs, english=True) == theirs


def test_the_same_nesting_keeps_ours_on_other_pages() -> None:
    ours = "\n".join([*ARTICLE_EN, "Story one teaser sentence, about a thing.", "Story two teaser, about another."])
    assert choose(ours, "\n".join(ARTICLE_EN), english=False) == ours


def test_ours_barely_larger_than_theirs_stays_ours() -> None:
    ours = "\n".join([*ARTICLE_EN, "Photo:"])  # one word more in 72: tokenisation noise, not chrome
    theirs = "\n".join(ARTICLE_EN)
    assert choose(ours, theirs, english=True) == ours


def test_a_byline_and_a_caption_around_the_same_article_give_theirs() -> None:
    ours = "\n".join(["Author:", "The Water Coolest", "Publish date:", "Nov 18, 2019", *ARTICLE_EN])
    theirs = "\n".join(ARTICLE_EN)
    assert choose(ours, theirs, english=True) == theirs


def test_theirs_not_inside_ours_stays_ours() -> None:
    ours = "\n".join(ARTICLE_EN)
    theirs = "\n".join([*ARTICLE_EN[:2], "An entirely different paragraph about the weather and the tides today."])
    assert choose(ours, theirs, english=True) == ours


SECTION_EN = (
    "Who can get Extra Help: people whose income is below 150 percent of the federal poverty level qualify for it.",
    "What it pays: the plan premium, the yearly deductible and most of the copayments for covered drugs at pharmacies.",
    "How to apply: fill in the online form, call the helpline, or visit a local office with your benefit letter.",
    "What happens next: you get a decision letter within four weeks, and the help starts on the first of the month.",
    "If your income changes, tell the office within ten days; you may have to pay back help you should not have had.",
)


def test_theirs_that_stops_before_a_section_of_ours_gives_ours() -> None:
    # The second extractor stopped at an inline box: the five paragraphs after it are the article's, not chrome.
    ours = "\n".join([*ARTICLE_EN, "SUBSCRIBE", *SECTION_EN])
    theirs = "\n".join(ARTICLE_EN)
    assert choose(ours, theirs, english=True) == ours


def test_teasers_between_titles_are_chrome_however_many() -> None:
    # Prose that comes one paragraph at a time between titles (a feed) is no section of the article.
    teasers = [line for n, text in enumerate(SECTION_EN) for line in (f"Story number {n} about something else", text)]
    ours = "\n".join([*ARTICLE_EN, *teasers])
    theirs = "\n".join(ARTICLE_EN)
    assert choose(ours, theirs, english=True) == theirs


def test_a_notice_after_other_chrome_theirs_left_out_is_chrome_however_long() -> None:
    # A consent notice in five long paragraphs, printed after a menu line the second extractor also left out.
    ours = "\n".join([*ARTICLE_EN, "Report an error in this article", *SECTION_EN])
    theirs = "\n".join(ARTICLE_EN)
    assert choose(ours, theirs, english=True) == theirs


def test_ours_without_a_sentence_gives_way_to_prose_in_any_language() -> None:
    ours = "首页\n政务公开\nwww.gov.cn"
    theirs = (
        "国务院办公厅关于进一步做好城乡居民基本医疗保险工作的通知，各省、自治区、直辖市人民政府：现将有关事项通知如下。"
    )
    assert choose(ours, theirs, english=False) == theirs
    assert choose(theirs, ours, english=False) == theirs


def test_a_sentence_is_a_long_line_with_a_sentence_end() -> None:
    assert has_sentence("参保人员可在每年1月1日至12月31日期间到户籍所在地的社区服务中心办理城乡居民医保参保登记手续。")
    assert not has_sentence("首页\n政务公开\n办事服务\n互动交流")


# ----------------------------------------------------------------------------- content() on whole pages
def test_an_english_article_loses_the_feed_of_teasers_under_it() -> None:
    text = content(_english_page_with_feed()).text
    assert all(paragraph in text for paragraph in ARTICLE_EN)
    assert "teaser sentence of another story" not in text


def test_the_second_opinions_text_loses_the_lines_our_vocabulary_drops() -> None:
    # The second extractor keeps a sign-up box's consent line and a "follow" line inside the story; taken, its text
    # is cleaned of them as ours is.
    page = _english_page_with_feed().replace(
        "</div><div class='more'>",
        "<p>Follow Jane Doe on Twitter @janedoe</p>"
        "<p>By entering your email address you agree to our Terms of Use and Privacy Policy.</p></div>"
        "<div class='more'>",
    )
    text = content(page).text
    assert all(paragraph in text for paragraph in ARTICLE_EN)
    assert "teaser sentence of another story" not in text  # the second opinion's text, taken
    assert "Follow Jane Doe" not in text and "By entering your email" not in text


def test_an_article_printed_twice_is_read_once_without_the_menus_between_the_copies() -> None:
    body = "".join(
        f"<p>{text}</p>"
        for text in (
            "自治区财政厅传出最新消息：2022年伊始，决定延续2021年底到期的涉及4个税种的税收优惠政策，预计为纳税人减负。",
            "2018年，自治区出台《关于促进民营经济高质量发展若干措施》，在自治区权限范围内加大减税力度，惠及广大纳税人。",
            "上述政策执行期满后，为进一步优化营商环境，更好地服务“六稳”“六保”大局，决定延续执行至2025年底。",
        )
    )
    menu = "".join(f"<li><a href='/c{n}'>栏目{n}</a></li>" for n in range(30))
    html = (
        "<html><head><title>延续税收优惠政策</title></head><body>"
        f"<div class='pc'><h1>延续税收优惠政策</h1><div class='article'>{body}</div></div>"
        f"<div class='footer'><p>主办单位：自治区人民政府办公厅，承办单位：自治区政务服务局。</p></div>"
        f"<div class='m-menu'><ul>{menu}</ul></div>"
        f"<div class='m-article'>{body}</div></body></html>"
    )
    text = content(html).text
    assert text.count("自治区财政厅传出最新消息") == 1
    assert "上述政策执行期满后" in text
    assert "栏目7" not in text
    assert "承办单位" not in text


# ----------------------------------------------------------------------------- answers to many questions
def _answer_card(question: str, answer: str) -> str:
    return (
        "<div class='Card'><div class='ContentItem AnswerItem'>"
        f"<h2 class='ContentItem-title'><a href='/question/{abs(hash(question)) % 1000}'>{question}</a></h2>"
        f"<div class='RichContent'><span class='RichText'>{answer}</span></div></div></div>"
    )


def test_answer_cards_each_under_their_own_linked_question_are_a_listing() -> None:
    cards = "".join(
        _answer_card(question, answer)
        for question, answer in (
            ("异地就医怎么备案？", "张医生：在国家医保服务平台APP上选择异地备案，填写参保地和就医地即可。"),
            ("门诊费用能报销吗？", "李律师：职工医保的门诊费用在起付线以上按比例报销，具体比例看参保地政策规定。"),
            ("灵活就业怎么交医保？", "王会计：到户籍所在地的社保经办机构办理参保登记，按年或按月缴费都可以。"),
            ("生育津贴怎么领取？", "赵老师：由用人单位向医保经办机构申请，津贴按单位上年度职工月平均工资计发。"),
            ("医保卡丢了怎么补办？", "孙经理：带身份证到合作银行网点挂失补办，新卡激活后原卡余额自动转入。"),
            ("退休后医保还要交吗？", "周律师：累计缴费满规定年限的，退休后不再缴费，按规定享受退休人员医保待遇。"),
        )
    )
    page = f"<html><head><title>医保 - 搜索结果</title></head><body><div class='List'>{cards}</div></body></html>"
    document = content(page)
    assert document.kind == "listing"
    assert "门诊费用能报销吗？" in document.text
    assert "到户籍所在地的社保经办机构办理参保登记" in document.text


def test_answers_under_one_question_heading_stay_a_qa_page() -> None:
    answers = "".join(
        f"<div class='answer'><div class='answer-text'>{text}</div></div>"
        for text in (
            "在国家医保服务平台APP上选择异地备案，填写参保地和就医地即可，一般当天生效。",
            "也可以打参保地医保经办机构的电话办理备案，备案后在就医地直接结算。",
        )
    )
    html = (
        "<html><head><title>异地就医怎么备案？</title></head><body>"
        f"<div class='question'><h1>异地就医怎么备案？</h1></div><div class='answers'>{answers}</div></body></html>"
    )
    document = content(html)
    assert document.kind == "qa"
    assert "一般当天生效" in document.text


# ----------------------------------------------------------------------------- comments and boxes around an article
POST = (
    "一波波接续性低温寒流报到，已将新竹尖石乡后山一带层层山峦披上嫣红的彩衣。",
    "玉峰道路一路上云气山岚滞留山头，顺路下切蜿蜒道路后不久即抵达来到玉峰国小。",
    "美树营地美如其名，偌大枫香树早已呈现金黄，泛红色彩也是爱摄人士所喜爱造访之地。",
    "第二次造访美树发现营区变了，印象中以前生冷的招牌换成了原木招牌，可谓匠心独运。",
)


def _blog_page(post_class: str) -> str:
    article = "".join(f"<p>{text}</p>" for text in POST)
    comments = "".join(
        f"<li class='{post_class}'>{who}：照片拍得真美，明年也想去看看！<span>2014/01/01 20:{n}1</span></li>"
        for n, who in enumerate(("小凤", "大雄", "青草", "茜妈咪"))
    )
    return (
        "<html><head><title>新竹尖石 美树营地赏枫</title></head><body>"
        f"<h1>新竹尖石 美树营地赏枫</h1><div class='article-content'>{article}</div>"
        f"<ul class='comment-list'>{comments}</ul></body></html>"
    )


def test_post_bodies_beside_a_marked_article_body_are_its_comments() -> None:
    document = content(_blog_page("post-text"))
    assert document.kind == "article"
    assert all(text in document.text for text in POST)
    assert "明年也想去看看" not in document.text


def test_post_bodies_without_an_article_beside_them_stay_a_thread() -> None:
    posts = "".join(
        f"<div class='post-text'>{text}</div>" for text in (*POST, "顶一下，楼主的照片拍得真美，明年也想去看看！")
    )
    html = f"<html><head><title>美树营地赏枫</title></head><body><h1>美树营地赏枫</h1>{posts}</body></html>"
    document = content(html)
    assert document.kind == "forum"
    assert "明年也想去看看" in document.text


def test_a_related_box_above_an_article_does_not_swallow_it() -> None:
    article = "".join(f"<p>{text}（第{n}天）</p>" for n in range(1, 4) for text in POST)
    related = "<h5>相关文章</h5><ul>" + "".join(f"<li><a href='/a{n}'>其他游记{n}</a></li>" for n in range(5)) + "</ul>"
    html = (
        "<html><head><title>美树营地赏枫</title></head><body><div class='blog'>"
        "<h2>这是我们的共同天地，喜欢碧海蓝天，喜欢悠闲生活，爱好大自然的一切，也爱好摄影，用镜头记录旅行中的美好时光，"
        "分享给所有喜欢户外活动的朋友们，欢迎常来坐坐。</h2>"
        f"<div class='main'><div class='box'>{related}</div><div class='body'>{article}</div></div>"
        "</div></body></html>"
    )
    text = content(html).text
    assert all(line in text for line in POST)
    assert "其他游记3" not in text


def test_a_related_box_opening_the_article_body_does_not_take_its_paragraphs() -> None:
    # msn.com's layout (goose3's saved page test_msn1.html): the headline and its abstract in a head block, then
    # the body, which opens with a "相关阅读" box of links before the article's own paragraphs.
    paragraphs = "".join(f"<p>{text}{text}</p>" for text in POST)
    titles = "".join(f"<li><a href='/a{n}'>其他游记{n}：尖石乡后山秋季赏枫路线</a></li>" for n in range(8))
    html = (
        "<html><head><title>美树营地赏枫</title></head><body><div class='article1'><div class='articlehead'>"
        "<h1>美树营地赏枫</h1><p class='abstract'>新竹尖石乡后山的枫叶红了，营地主人分享赏枫路线。</p></div>"
        f"<div class='articlebody'><div class='relatedlinks'><h3>相关阅读</h3><ul>{titles}</ul></div>{paragraphs}"
        "</div></div></body></html>"
    )
    text = content(html).text
    assert text.startswith("新竹尖石乡后山的枫叶红了")
    assert all(line in text for line in POST)
    assert "其他游记3" not in text


def test_a_legal_notice_under_the_article_is_not_its_text() -> None:
    article = "".join(f"<p>{text}</p>" for text in POST)
    notice = (
        "<p>反侵权公告：</p><p>根据《中华人民共和国著作权法》等法律法规，未经书面许可，擅自转载本报作品的，"
        "本报将依法追究其法律责任。</p>"
    )
    html = f"<html><head><title>赏枫</title></head><body><div class='content'>{article}{notice}</div></body></html>"
    text = content(html).text
    assert POST[-1] in text
    assert "擅自转载" not in text


# ----------------------------------------------------------------------------- listing entries with their dates
def test_a_feed_entry_keeps_the_age_it_prints_for_a_date() -> None:
    items = "".join(
        f"<li class='item'><h3><a href='/a{n}'>{title}</a></h3>"
        f"<div class='binfo'><a class='source'>新华社</a><span class='time'>{n + 1}小时前</span>"
        "<div class='share'><a>QQ空间</a><a>新浪微博</a></div></div></li>"
        for n, title in enumerate(
            (
                "国家医保局：2025年城乡居民医保集中缴费期开始",
                "异地就医直接结算覆盖所有统筹地区",
                "门诊共济改革落地，个人账户可为家属缴费",
                "医保药品目录新增一批肿瘤和罕见病用药",
                "长期护理保险试点扩大到更多城市",
            )
        )
    )
    html = f"<html><head><title>要闻</title></head><body><ul class='list'>{items}</ul></body></html>"
    document = content(html)
    assert document.kind == "listing"
    assert "异地就医直接结算覆盖所有统筹地区\n2小时前" in document.text
    assert "新浪微博" not in document.text


# ----------------------------------------------------------------------------- Q&A answers without their furniture
ANSWERS = (
    (
        "王医生",
        "北京协和医院 主治医师",
        "可以在国家医保服务平台APP上办理异地就医备案，选择参保地和就医地，提交后一般当天生效。",
    ),
    (
        "李律师",
        "十年社保纠纷处理经验",
        "也可以拨打参保地医保经办机构的电话办理备案，备案后在就医地医院直接结算，不用垫付。",
    ),
)


def zhihu_like_question() -> str:
    answers = "".join(
        "<div class='List-item'><div class='ContentItem AnswerItem'>"
        f"<div class='ContentItem-meta'><div class='AuthorInfo'><span class='AuthorInfo-name'>{name}</span>"
        f"<div class='AuthorInfo-badge'>{bio}</div></div></div>"
        f"<div class='RichContent'><div class='RichContent-inner'><span class='RichText'>{text}</span></div></div>"
        "<div class='ContentItem-actions'><button class='VoteButton'>赞同 128</button>"
        "<button>添加评论</button><button>分享</button></div></div></div>"
        for name, bio, text in ANSWERS
    )
    return (
        "<html><head><title>异地就医怎么备案？ - 知乎</title></head><body>"
        "<div class='QuestionHeader'><h1 class='QuestionHeader-title'>异地就医怎么备案？</h1></div>"
        f"<div class='Question-main'><div class='List'>{answers}</div></div></body></html>"
    )


def test_an_answer_loses_its_answerers_card_and_voting_bar() -> None:
    document = content(zhihu_like_question())
    assert [record.role for record in document.records] == ["question", "answer", "answer"]
    assert document.records[1].text == ANSWERS[0][2]
    assert "主治医师" not in document.text
    assert "赞同" not in document.text


# ----------------------------------------------------------------------------- English threads and listings
POSTS = (
    "I moved to another state last month and my employer plan ended. Can I still keep my coverage for a while?",
    "Yes. COBRA lets you keep the same plan for up to 18 months, but you pay the full premium plus a fee.",
    "Check the marketplace too. Losing job-based coverage opens a special enrollment period of 60 days.",
    "Thanks, the marketplace plan was cheaper for us. We signed up within two weeks and it started next month.",
)


def english_thread() -> str:
    posts = "".join(
        f"<div class='post' id='p{n}'><div class='postauthor'><a href='/u/{n}'>user{n}</a></div>"
        f"<div class='postbody'><p>{text}</p></div></div>"
        for n, text in enumerate(POSTS)
    )
    return (
        "<html lang='en'><head><title>Keeping coverage after moving - Health Forum</title></head><body>"
        f"<h1>Keeping coverage after moving</h1><div class='thread'>{posts}</div></body></html>"
    )


def test_an_english_reading_as_replies_yields_to_the_article_inside_it() -> None:
    paragraphs = "".join(f"<p>{text}</p>" for text in ARTICLE_EN)
    page = f"<html lang='en'><head><title>Part B</title></head><body><h1>Part B</h1>{paragraphs}</body></html>"
    feed = [f"Story number {n} about something else, told in a few words\nNov {n + 1}, 2019" for n in range(12)]
    article = article_over_reading("\n".join([*ARTICLE_EN, *feed]), page, "en")
    assert article is not None
    assert all(paragraph in article for paragraph in ARTICLE_EN)
    assert "Story number 3" not in article


# A dev page of the first-sight set (scrapinghub article-extraction-benchmark, MIT; sources in its info.json):
# a blog theme marks the article like a post and the "related posts" feed under it like replies.
BLOG_PAGE = Path(__file__).resolve().parents[3] / "benchmarks" / "pages" / "firstsight" / "sh-34a7328535"


def test_an_english_blog_post_read_as_replies_yields_to_its_hard_wrapped_article() -> None:
    html = decode(gzip.decompress((BLOG_PAGE / "body.html.gz").read_bytes())).text
    document = content(html)
    assert document.kind == "article"
    assert "looking absolutely stunning" in document.text
    assert "BENUE GUBER APPEAL" not in document.text


def test_sentences_are_counted_across_hard_line_wraps() -> None:
    text = "Photos\n which were released online and are making the rounds on social media, \nshow Nigerian actress, "
    text += "Kate Henshaw, looking absolutely stunning in new \nmake-up photos.  \nKate Henshaw\nSee more photos:"
    assert (sentence_count(text), sentence_count("Home\nNews\nSports\nContact us.")) == (1, 0)


def test_the_same_reading_stays_on_a_chinese_page() -> None:
    page = _english_page_with_feed()
    assert article_over_reading("\n".join(ARTICLE_EN), page, "zh") is None


def test_an_english_thread_whose_posts_all_read_as_prose_stays_a_thread() -> None:
    document = content(english_thread())
    assert document.kind == "forum"
    assert len(document.records) == len(POSTS)
    assert all(post in record.text for post, record in zip(POSTS, document.records, strict=True))


STORY_EN = (
    "The state health department said on Monday that premiums for the basic plan will rise by four percent next year.",
    "Officials said the increase reflects higher hospital costs and a growing number of people enrolled in the plan.",
    "People with limited income can still apply for help with the premium through their county office before March.",
    "The department will mail a letter to every member explaining the new rates and the deadlines for changing plans.",
)


def _story_with_comments(comments: int) -> str:
    story = "".join(f"<p>{sentence}</p>" for sentence in STORY_EN)
    posts = "".join(
        f"<li class='comment' id='comment-{i}'><div class='comment-author'><a href='/user/{i}'>reader{i}</a></div>"
        f"<div class='comment-body'><p>Reader {i} thinks the plan should cover more dental care, and says that the "
        "premium went up last year as well, which made it hard to pay for the family of four.</p></div>"
        f"<a class='reply' href='/reply/{i}'>Reply</a></li>"
        for i in range(comments)
    )
    return (
        "<html lang='en'><head><title>Health plan premiums to rise | The Daily</title></head><body>"
        "<div class='nav'><a href='/'>Home</a> <a href='/news'>News</a></div>"
        f"<div class='main'><h1>Health plan premiums to rise</h1><div class='story'>{story}</div>"
        f"<div class='comments'><h3>{comments} comments</h3><ol class='commentlist'>{posts}</ol></div></div>"
        "</body></html>"
    )


def test_a_story_above_a_long_discussion_is_the_story() -> None:
    # Two other extractors read the same short story; the thread is more than ten times its size: a news page
    # with its readers' discussion, not a thread.
    document = content(_story_with_comments(40))
    assert document.kind == "article"
    assert all(sentence in document.text for sentence in STORY_EN)
    assert "dental care" not in document.text


def test_a_post_with_a_few_comments_stays_a_thread() -> None:
    document = content(_story_with_comments(3))
    assert document.kind == "forum"
    assert STORY_EN[0] in document.records[0].text and "dental care" in document.records[-1].text


def test_a_second_opinion_that_runs_on_into_the_replies_leaves_the_thread() -> None:
    # Their text holds the opening post and the replies after it: the same thread cut short, not an article.
    paragraphs = "".join(f"<p>{text}</p>" for text in ARTICLE_EN)
    page = f"<html lang='en'><head><title>Part B</title></head><body><h1>Part B</h1>{paragraphs}</body></html>"
    replies = [f"Reply number {n} from another member, a few words long\nNov {n + 1}, 2019" for n in range(12)]
    ours = "\n".join([*ARTICLE_EN, *replies])
    assert article_over_reading(ours, page, "en", opening="\n".join(ARTICLE_EN[:2])) is None
    article = article_over_reading(ours, page, "en", opening="\n".join(ARTICLE_EN))
    assert article is not None and ARTICLE_EN[3] in article


JUSTEXT_LOADED = """
import sys
from extract.content import content
content(sys.argv[1])
print(getattr(sys.modules["trafilatura.external"], "JT_STOPLIST", None) is not None)
"""


def _loads_jusTexts_stop_lists(html: str) -> bool:
    proc = subprocess.run(
        [sys.executable, "-c", JUSTEXT_LOADED, html], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr[-1500:]
    return proc.stdout.strip() == "True"


def test_the_second_opinion_of_a_page_written_without_spaces_skips_the_stop_word_fallback() -> None:
    # A page with no sentence of its own asks the second extractor; its last fallback, jusText, tells text from
    # chrome by the stop words between spaces (and loads 100 languages' lists to do it): no evidence on Chinese.
    draft = (
        "<html><head><title>城乡居民医保</title></head><body><div class='nav'><a href='/'>首页</a> | "
        "<a href='/news'>医保动态</a></div><div class='main'><p>内部草稿，不应被抓取。</p></div></body></html>"
    )
    english = (
        "<html lang='en'><head><title>Medicare</title></head><body><div class='nav'><a href='/'>Home</a> | "
        "<a href='/news'>News</a></div><div class='main'><p>Draft, not for publication.</p></div></body></html>"
    )
    assert content(draft).text == "内部草稿，不应被抓取。"
    assert not _loads_jusTexts_stop_lists(draft)
    assert _loads_jusTexts_stop_lists(english)


def test_a_page_counts_as_many_blocks_only_past_the_limit() -> None:
    page = "<html><body>" + "<div><p>一段</p></div>" * 50 + "<br/><h2>小标题</h2></body></html>"  # 102 block tags
    assert many_blocks(page, 101)
    assert not many_blocks(page, 102)
    assert not many_blocks("<html><body><pre>一段</pre><span>x</span></body></html>", 0)


def test_a_page_of_more_paragraphs_than_the_second_extractor_reads_in_linear_time_gets_no_second_opinion() -> None:
    # trafilatura's main pass is not linear in a page's paragraphs either (100,000 short ones: 9 s, twice as many
    # four times as long): past `opinion_blocks` block tags our reading stands alone.
    limits = dataclasses.replace(thresholds(), fallback_blocks=50, opinion_blocks=100)

    def page(paragraphs: int) -> str:  # two block tags a paragraph
        paragraph = "<div><p>参保人员可以到医保经办机构办理异地就医备案手续。</p></div>"
        return "<html><body>" + paragraph * paragraphs + "</body></html>"

    assert "异地就医备案" in (second_opinion(page(50), limits) or "")
    assert second_opinion(page(51), limits) is None


def test_the_second_opinion_of_a_page_of_many_paragraphs_is_linear_in_them() -> None:
    # jusText, trafilatura's last fallback, is quadratic in a page's paragraphs: past `fallback_blocks` block tags
    # the second opinion runs without the fallbacks, so 4x the paragraphs is about 4x the work, not 16x.
    limits = dataclasses.replace(thresholds(), fallback_blocks=100)

    def page(paragraphs: int) -> str:
        return (
            "<html><body>"
            + "<div><p>参保人员可以到医保经办机构办理异地就医备案手续，</p></div>" * paragraphs
            + "</body></html>"
        )

    def cpu_seconds(html: str) -> float:
        best = float("inf")
        for _ in range(2):
            started = time.thread_time()
            text = second_opinion(html, limits)
            best = min(best, time.thread_time() - started)
        assert text is not None and "异地就医备案" in text
        return best

    short, long = page(1500), page(6000)
    assert cpu_seconds(long) / max(cpu_seconds(short), 0.001) <= 10.0
