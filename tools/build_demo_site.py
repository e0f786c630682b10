"""Build the fixture site's pages (`crawler/demo_site/pages/`) from the seed texts (run by hand, output committed).

    python -m tools.build_demo_site [--out DIR]

The seeds (`tests/fixtures/seeds`, read through tests/fixture_pages.py) are text dumps of real guide pages; this
script writes page markup around their text, each page in the encoding its route serves it in
(`crawler/demo_site/routes.toml`). The output bytes are the fixture: re-running the script must reproduce them.
It lives here, not in the package, so the wheel ships the pages and not their builder.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.fixture_pages import DEMO_SITE, seed_texts  # noqa: E402

escape = html.escape
NAV = (
    '<div class="nav"><a href="/">首页</a> | <a href="/news/list.html">医保动态</a> | <a href="/qa/">问答</a> | '
    '<a href="/bbs/">论坛</a></div>'
)
FOOT = (
    '<div class="footer">版权所有 医保服务指南网 &nbsp; 联系电话:0535-6785673 &nbsp; <a href="/about.html">关于我们</a>'
    "</div>"
)
LISTING_DATE = re.compile(r"\d{4}-\d\d-\d\d \d")
DISCUZ_POSTED = re.compile(r"\s*(?:樓主\|\s*)?(\S+) 發表於 (\S+ \S+)")
THREAD_POSTS = 12  # two pages of six


def paragraphs(lines: Iterable[str]) -> str:
    return "\n".join(f"<p>{escape(line.strip())}</p>" for line in lines if line.strip())


def page(title: str, body: str, charset_meta: str | None) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset_meta}" />\n' if charset_meta else ""
    return f"""<!DOCTYPE html>
<html>
<head>
{meta}<title>{escape(title)}</title>
</head>
<body>
{NAV}
{body}
{FOOT}
</body>
</html>
"""


def seed(seeds: dict[str, str], number: str) -> str:
    return next(text for name, text in seeds.items() if name.startswith(f"{number}_"))


# ----------------------------------------------------------------------------- portal listing (seed 000)


def listing_entries(lines: Sequence[str]) -> list[tuple[str, str, str]]:
    """(title, summary, date) of the seed's 认识保险 entries."""
    entries = []
    for i, line in enumerate(lines):
        if line.startswith("認識保險 "):
            title = line[len("認識保險 ") :]
            summary = lines[i + 1][3:] if lines[i + 1].startswith("摘要:") else ""
            date = next((x for x in lines[i + 1 : i + 30] if LISTING_DATE.match(x)), "2024-09-03 16:23:22")
            entries.append((title, summary, date))
    return entries


def listing(
    entries_links: Sequence[tuple[tuple[str, str, str], str]], next_href: str | None, prev_href: str | None, pageno: int
) -> str:
    items = "\n".join(
        f'<li><h3><a href="{href}">{escape(t)}</a></h3><p class="summary">摘要:{escape(s)}</p>'
        f'<span class="date">{escape(d)}</span></li>'
        for (t, s, d), href in entries_links
    )
    pager = '<div class="pages">'
    if prev_href:
        pager += f'<a href="{prev_href}">上一页</a> '
    pager += f'<span class="current">{pageno}</span> '
    if next_href:
        pager += f'<a href="{next_href}">下一页</a>'
    pager += "</div>"
    position = '<div class="position">您当前的位置 : 首页 &gt; 医保动态</div>'
    body = f'{position}\n<div class="list"><ul>\n{items}\n</ul></div>\n{pager}'
    return page(f"医保动态 第{pageno}页 - 医保服务指南网", body, "utf-8")


FIRST_LISTING_LINKS = [
    "/news/2020/0203/art_yantai.html",
    "/news/2007/fuzhou_guide.html",
    "/news/old_notice.html",
    "/news/missing.html",
]
SECOND_LISTING_LINKS = [
    "/news/notice.html",
    "/news/preview/draft.html",  # disallowed by robots.txt: never fetched
    "/qa/1001.html",
    "/en/insurance-in-different-places.html",
    "/bbs/viewthread.php?tid=2811&extra=page%3D1",
]


# ----------------------------------------------------------------------------- articles (seeds 001, 000)


def yantai_article(s001: str) -> str:
    """Seed 001 (traditional script with pinyin noise and an injected spam line), served as GBK."""
    lines = s001.splitlines()
    title = lines[6].strip()
    start = next(i for i, line in enumerate(lines) if "膠東在線2月2日訊" in line)
    end = next(i for i, line in enumerate(lines) if line.startswith("敬請關(guān)注"))
    body = f"""<div class="ad">{escape(lines[0])}</div>
<div class="position">您當(dāng)前的位置 : 膠東在線 &gt; 財經(jīng) &gt; 保險 &gt; 社會保險</div>
<div class="article">
<h1>{escape(title)}</h1>
<div class="info">來源:膠東在線  2020-02-03 09:35:00 <span>A+A- |舉報糾錯</span></div>
<div class="content" id="article_content">
{paragraphs(lines[start:end])}
</div>
<div class="editor">[ 責(zé)任編輯: 于瑩慧 ]</div>
</div>
<div class="related"><h4>相關(guān)新聞</h4><ul>\
<li><a href="/news/list.html">關(guān)注煙臺財知道</a></li></ul></div>"""
    return page(title + "_膠東在線", body, "gbk")


def fuzhou_guide(lines: Sequence[str]) -> str:
    """The detail page of seed 000 (the Fuzhou guide), written in GB18030 (its route's header claims UTF-8)."""
    first = next(i for i, line in enumerate(lines) if line.startswith("城鎮(zhèn)居民基本醫(yī)療保險登記"))
    last = next(i for i, line in enumerate(lines) if line.startswith("2024-09-03") and i > first)
    title = "福州醫(yī)保中心網(wǎng)站:醫(yī)保辦理指南"
    body = f"""<div class="article">
<h1>{escape(title)}</h1>
<div class="info">發(fā)布時間:2024-09-03 16:23:22 來源:認識保險</div>
<div class="content">
<p>{escape(lines[2])}</p>
{paragraphs(lines[first:last])}
</div>
</div>"""
    return page(title, body, "gb2312")


# ----------------------------------------------------------------------------- Q&A (seed 003), English (seed 004)


def qa_page(s003: str) -> str:
    """Seed 003, UTF-8 with no charset anywhere."""
    lines = s003.splitlines()
    question = lines[0]
    answer_end = next(i for i, line in enumerate(lines) if i > 2 and line.strip() and "健康新闻" in line) - 2
    related = "".join(f"<li>{escape(line.strip())}</li>" for line in lines[answer_end:] if line.strip())
    body = f"""<div class="question"><h1>{escape(question)}</h1><div class="q-info">提问时间:2025-03-13</div></div>
<div class="answer"><div class="answer-author">医保小助手 回答</div>
<div class="answer-content">{paragraphs(lines[2:answer_end])}</div></div>
<div class="related"><h4>相关问答</h4><ul>{related}</ul></div>"""
    return page(question + " - 医保问答", body, None)


def english_page(s004: str) -> str:
    lines = [line for line in s004.splitlines() if line.strip()]
    body = f'<div class="article"><h1>{escape(lines[0])}</h1><div class="content">{paragraphs(lines[1:])}</div></div>'
    return page(lines[0], body, "utf-8").replace("<html>", '<html lang="en">')


# ----------------------------------------------------------------------------- the notice that changes between runs

NOTICE_V1 = [
    "市医疗保障服务中心将对当前医保业务的经办方式和途径进行临时性调整,积极采取“不见面”、“少见面”的经办模式。",
    "参保职工可将医疗保险参保凭证照片或扫描件发送至邮箱:ylbxzhk@126.com,符合转移接续条件的即时办理。",
    "咨询电话:0535-6785673。",
]
NOTICE_V2 = [
    "自2020年2月10日起,市医疗保障服务中心恢复医保服务大厅现场办理,同时继续提供“网上办、电话办、邮件办”服务。",
    *NOTICE_V1[1:],
]
NOTICE_TITLE = "关于调整医保业务经办方式的通知"


def notice(lines: Sequence[str]) -> str:
    body = (
        f'<div class="article"><h1>{NOTICE_TITLE}</h1><div class="info">发布时间:2020-02-03</div>'
        f'<div class="content">{paragraphs(lines)}</div></div>'
    )
    return page(NOTICE_TITLE, body, "utf-8")


# ----------------------------------------------------------------------------- Discuz! X thread in Big5 (seed 002)


def thread_posts(s002: str) -> list[tuple[str, str, list[str]]]:
    """(author, posted at, lines) of the seed's posts."""
    lines = s002.splitlines()
    starts = [i for i, line in enumerate(lines) if "發表於" in line]
    posts = []
    for n, i in enumerate(starts):
        posted = DISCUZ_POSTED.match(lines[i])
        assert posted is not None, lines[i]
        stop = starts[n + 1] if n + 1 < len(starts) else len(lines)
        body = []
        for line in lines[i + 1 : stop]:
            if line.startswith(("回復 支持 反對", "使用道具")) or re.fullmatch(r"\d+", line.strip()):
                break
            body.append(line)
        posts.append((posted.group(1), posted.group(2), body))
    return posts[:THREAD_POSTS]


def thread_page(title: str, posts: Sequence[tuple[str, str, list[str]]], pageno: int, first_floor: int) -> str:
    out = []
    for k, (author, date, lines) in enumerate(posts):
        pid = 100000 + first_floor + k
        lines_html = "<br />\n".join(escape(x) for x in lines if x.strip())
        uid = sum(map(ord, author)) % 9000 + 1000
        out.append(f"""<table id="pid{pid}" class="plhin" cellspacing="0" cellpadding="0"><tr>
<td class="pls"><div class="authi"><a href="space-uid-{uid}.html" class="xw1">{escape(author)}</a></div>
<dl class="pil cl"><dt>積分</dt><dd>6435</dd></dl><p><em>三級貝殼核心</em></p></td>
<td class="plc"><div class="pi"><strong><a href="forum.php?mod=redirect&amp;goto=findpost&amp;ptid=2811&amp;\
pid={pid}">{first_floor + k}#</a></strong>
<div class="authi"><em id="authorposton{pid}">發表於 {escape(date)}</em> | \
<a href="viewthread.php?tid=2811&amp;page={pageno}&amp;authorid=1">只看該作者</a></div></div>
<div class="pct"><div class="t_fsz"><table cellspacing="0" cellpadding="0"><tr><td class="t_f" id="postmessage_{pid}">
{lines_html}
</td></tr></table></div></div>
<div class="po"><a href="#">回復</a> <a href="#">支持</a> <a href="#">反對</a></div></td></tr></table>""")
    link = "viewthread.php?tid=2811&amp;extra=page%3D1&amp;page="
    if pageno == 2:
        pages = f'<a href="{link}1" class="prev">上一頁</a><a href="{link}1">1</a><strong>2</strong>'
    else:
        pages = f'<strong>1</strong><a href="{link}2">2</a><a href="{link}2" class="nxt">下一頁</a>'
    body = f"""<div id="pt" class="bm cl"><a href="index.php">倍可親</a> &rsaquo; \
<a href="forumdisplay.php?fid=12">社保醫保</a></div>
<div id="postlist" class="pl bm">
<div class="vwthd"><h1 class="ts"><span id="thread_subject">{escape(title)}</span></h1>\
<span class="xg1">回復: 24</span></div>
{"".join(out)}
</div>
<div class="pg">{pages}</div>"""
    text = page(f"{title} - 社保醫保 - 倍可親", body, "big5")
    return text.replace(NAV, "").replace(FOOT, '<div id="ft">Powered by Discuz! X3.2</div>')


# ----------------------------------------------------------------------------- all pages


def build(seeds: dict[str, str]) -> dict[str, bytes]:
    """File name under pages/ → bytes, in the encoding its route serves."""
    s000 = seed(seeds, "000").splitlines()
    entries = listing_entries(s000)
    first_links = list(zip(entries[:4], FIRST_LISTING_LINKS, strict=True))
    second_links = list(zip(entries[1:6], SECOND_LISTING_LINKS, strict=True))
    s002 = seed(seeds, "002")
    posts = thread_posts(s002)
    title = next(line for line in s002.splitlines() if line.startswith("社保卡發放7月"))
    half = THREAD_POSTS // 2
    return {
        "list_1.utf8.html": listing(first_links, "/news/list_2.html", None, 1).encode("utf-8"),
        "list_2.utf8.html": listing(second_links, None, "/news/list.html", 2).encode("utf-8"),
        "art_yantai.gbk.html": yantai_article(seed(seeds, "001")).encode("gb18030"),
        "fuzhou_guide.gb18030.html": fuzhou_guide(s000).encode("gb18030"),
        "qa_1001.utf8.html": qa_page(seed(seeds, "003")).encode("utf-8"),
        "en_insurance.utf8.html": english_page(seed(seeds, "004")).encode("utf-8"),
        "notice_v1.utf8.html": notice(NOTICE_V1).encode("utf-8"),
        "notice_v2.utf8.html": notice(NOTICE_V2).encode("utf-8"),
        "draft.utf8.html": page("草稿", "<p>内部草稿,不应被抓取。</p>", "utf-8").encode("utf-8"),
        "thread_2811_p1.big5.html": thread_page(title, posts[:half], 1, 1).encode("big5", errors="strict"),
        "thread_2811_p2.big5.html": thread_page(title, posts[half:], 2, half + 1).encode("big5", errors="strict"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEMO_SITE / "pages", help="default: crawler/demo_site/pages")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    pages = build(seed_texts())
    for name, data in pages.items():
        (args.out / name).write_bytes(data)
    print(f"wrote {len(pages)} pages to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
