"""content() on government portal article pages (round 4): snippets of real 部委/政府网 pages, one behaviour each."""

from __future__ import annotations

from extract.content import content

# div.TRS_Editor of www.mee.gov.cn's weekly digest (2022-04-17, TRS WCM): each item is a bold heading <div> and a
# paragraph <div> ending in a "read more" link; some items add link lines of their own.
DIGEST_ITEMS = [
    (
        "1.生态环境部召开部常务会议",
        "4月12日，生态环境部部长黄润秋主持召开部常务会议，审议并原则通过《六氟化铀运输容器》和"
        "《放射性固体废物近地表处置场辐射环境监测要求》2项国家标准。生态环境部党组书记孙金龙出席会议。",
    ),
    (
        "2.中国环境科学学会第九次全国会员代表大会召开",
        "4月10日，中国环境科学学会第九次全国会员代表大会在京召开。生态环境部部长黄润秋，中国科学技术协会党组书记、"
        "分管日常工作副主席、书记处第一书记张玉卓出席会议并致辞。",
    ),
    (
        "3.第二轮第六批中央生态环境保护督察全面进入下沉工作阶段",
        "经党中央、国务院批准，第二轮第六批5个中央生态环境保护督察组于2022年3月23日至25日陆续进驻河北、江苏、内蒙古、"
        "西藏、新疆五个省（区）和新疆生产建设兵团开展督察。截至目前，各督察组全面进入下沉工作阶段。",
    ),
    (
        "4.大气环境监测卫星成功发射 减污降碳协同增效再添利器",
        "4月16日2时16分，我国在太原卫星发射中心成功将大气环境监测卫星发射升空。该卫星将在国际上首次实现CO2的主动激光"
        "探测和大气细颗粒物的主被动结合探测，能够对气态污染物、云和气溶胶以及水生态、自然生态等环境要素进行大范围、"
        "全天时综合监测。",
    ),
]
MORE = (
    "&gt;&gt;&gt;<a href='http://www.mee.gov.cn/ywdt/hjywnews/202204/t2022041{n}_97442{n}.shtml'>更多内容，点击阅读</a>"
)
CASES = (
    "<div>　　▶ 典型案例丨<a href='/ywgz/zysthjbhdc/dcjl/202204/t20220414_974700.shtml'>"
    "河北邯郸钢铁行业去产能存在乱象 产业结构调整落实不力</a></div>"
    "<div>　　▶ 典型案例丨<a href='/ywgz/zysthjbhdc/dcjl/202204/t20220414_974699.shtml'>"
    "江苏宿迁生态保护不到位 大运河宿迁段环境问题突出</a></div>"
)


def digest(cases_after: int | None = None, tail: str = "") -> str:
    items = []
    for n, (heading, paragraph) in enumerate(DIGEST_ITEMS):
        items.append(f"<div>　　<b>{heading}</b></div><div>　　{paragraph}{MORE.format(n=n)}</div>")
        if n == cases_after:
            items.append(CASES)
    return (
        "<html><head><title>生态环境部一周要闻（4.10-4.16）_中华人民共和国生态环境部</title>"
        "<meta name='PubDate' content='2022-04-17 14:46:00'></head><body>"
        "<div class='crumbsNav'>当前位置：<a href='../../../'>首页</a>&nbsp;>&nbsp;<a href='../'>环境要闻</a></div>"
        "<div class='neiright_Box'><h2 class='neiright_Title'>生态环境部一周要闻（4.10-4.16）</h2>"
        "<div class='neiright_JPZ_GK'><span class='time'>2022-04-17</span><span>来源：生态环境部</span>"
        "<span class='zzjgLdPrint'><a href='javascript:void(1)'>[打印]</a></span>"
        "<span class='zzjgLdFont'>字号：<a>[大]</a> <a class='active'>[中]</a> <a>[小]</a></span></div>"
        f"<div class=TRS_Editor><div class='Custom_UnionStyle'>{''.join(items)}{tail}</div></div></div>"
        "<div class='footer'><p>版权所有：中华人民共和国生态环境部 | 京ICP备05009132号</p>"
        "<p>网站标识码：bm17000009</p></div></body></html>"
    )


def test_digest_whose_paragraphs_end_in_read_more_links_is_an_article() -> None:
    document = content(digest(cases_after=1))
    assert (document.kind, len(document.records)) == ("article", 1)


def test_digest_keeps_every_heading_and_paragraph_with_its_read_more_link() -> None:
    lines = content(digest()).text.split("\n")
    expected = []
    for heading, paragraph in DIGEST_ITEMS:
        expected += [heading, paragraph + ">>>更多内容，点击阅读"]
    assert lines == expected


def test_link_lines_between_paragraphs_of_the_body_stay() -> None:
    lines = content(digest(cases_after=1)).text.split("\n")
    assert lines[4:6] == [
        "▶ 典型案例丨河北邯郸钢铁行业去产能存在乱象 产业结构调整落实不力",
        "▶ 典型案例丨江苏宿迁生态保护不到位 大运河宿迁段环境问题突出",
    ]


def test_link_lines_after_the_last_paragraph_are_still_dropped() -> None:
    related = "<div><a href='/a.shtml'>生态环境部通报2022年3月全国“12369”环保举报办理情况</a></div>" * 2
    lines = content(digest(tail=related)).text.split("\n")
    assert lines[-1] == DIGEST_ITEMS[-1][1] + ">>>更多内容，点击阅读"


def column_page(entry_template: str, titles: list[str]) -> str:
    entries = "".join(entry_template.format(n=n, title=title) for n, title in enumerate(titles))
    return (
        "<html><head><title>通知公告_烟台市医疗保障局</title></head><body>"
        f"<div class='list'><ul>{entries}</ul></div>"
        "<div class='footer'>主办单位：烟台市医疗保障局 网站标识码：3706000061</div></body></html>"
    )


NOTICES = [
    "关于2024年度城乡居民基本医疗保险集中征缴工作的通知",
    "烟台市医疗保障局关于调整部分医疗服务价格项目的公告",
    "关于做好2024年职工基本医疗保险门诊共济保障工作的通知",
    "烟台市医疗保障局关于公布定点医药机构名单的公告",
]


def test_listing_entries_with_a_read_more_link_beside_the_title_stay_a_listing() -> None:
    entry = (
        "<li><a href='/art/2024/{n}.html'>{title}</a><p>为进一步做好参保缴费工作，现将有关事项通知如下。</p>"
        "<a class='more' href='/art/2024/{n}.html'>[详细]</a><span>2024-05-1{n}</span></li>"
    )
    document = content(column_page(entry, NOTICES))
    assert (document.kind, [r.title for r in document.records]) == ("listing", NOTICES)


def test_listing_whose_long_titles_repeat_stays_a_listing() -> None:
    # Periodic notices cut with "..." repeat word for word (a fund company's 信息披露 column).
    titles = NOTICES[:2] + ["关于城乡居民基本医疗保险集中征缴工作延期的..."] * 2
    entry = "<li><a href='/art/2024/{n}.html'>{title}</a><span>2024-05-1{n}</span></li>"
    assert content(column_page(entry, titles)).kind == "listing"


# www.gov.cn 2016 article template (2021-08-01): date and 来源 in div.pages-date with the 【字体：大 中 小】/打印 tools,
# body in div.pages_content#UCAP-CONTENT, 【我要纠错】 and the 责任编辑 credit in div.editor, a QR-code line after it.
GOVCN = (
    "<html><head><title>王勇在河北检查指导防汛减灾工作_国务委员王勇_中国政府网</title>"
    "<meta name='author' content='宋岩'><meta name='firstpublishedtime' content='2021-08-01-06:08:00'></head><body>"
    "<div class='BreadcrumbNav'><a href='/index.htm'>首页</a>&nbsp;>&nbsp;"
    "<a href='/guowuyuan/index.htm'>国务院</a></div>"
    "<div class='article oneColumn pub_border'><h1>王勇在河北检查指导防汛减灾工作</h1>"
    "<div class='pages-date'>2021-08-01 06:59 <span class='font'>来源： 新华社</span><div class='pages_print'>"
    "<span class='font index_switchsize'>【字体：<span class='bigger'>大</span> <span class='medium'>中</span> "
    "<span class='smaller'>小</span>】</span><span class='font printIco'>打印</span></div></div>"
    "<div class='pages_content' id='UCAP-CONTENT'><p>新华社石家庄7月31日电 国务委员、国家防总总指挥王勇31日在河北"
    "检查指导防汛减灾工作。他强调，要进一步提高认识、强化责任、完善措施，加强防范应对和应急联动。</p>"
    "<p>王勇在河北张家口详细检查冬奥会、冬残奥会场馆及配套设施防汛应急工作，现场查看海河堤防建设、防汛治理工程"
    "和城区低洼易涝点防汛排涝措施落实情况。</p></div>"
    "<div class='editor'><span><a href='http://www.gov.cn/fuwu/jiucuo.htm'>【我要纠错】</a> </span>"
    "责任编辑：宋岩 </div>"
    "<div id='div_div'><div id='qr_container'>扫一扫在手机打开当前页</div></div>"
    "<div class='xg-list related'><div class='pannel-title'>相关稿件</div><ul class='list01'>"
    "<li><a href='/guowuyuan/2021-07/21/content_5626412.htm'>王勇指挥部署河南防汛抢险救灾工作</a></li></ul></div>"
    "</div></body></html>"
)


def test_govcn_article_keeps_the_body_and_its_closing_credit() -> None:
    lines = content(GOVCN).text.split("\n")
    assert (lines[0][:10], lines[-1]) == ("新华社石家庄7月31", "责任编辑：宋岩")


def test_govcn_article_title_and_date() -> None:
    document = content(GOVCN)
    assert (document.title, document.published_at[:10]) == ("王勇在河北检查指导防汛减灾工作", "2021-08-01")


# A 信息公开 article of a city 医保局 in the layout of TRS/Hanweb 集约化 templates (constructed: metadata table above
# the headline, byline with 【字体：大 中 小】/打印本页/关闭窗口, #zoom body ending in an attachment and the 落款).
NOTICE = [
    "为进一步做好我市城乡居民基本医疗保险参保缴费工作，根据省医保局有关文件精神，结合我市实际，现将有关事项通知如下。",
    "一、参保范围。除职工基本医疗保险应参保人员以外的其他所有城乡居民，均可参加城乡居民基本医疗保险。",
    "二、缴费标准。2024年度城乡居民基本医疗保险个人缴费标准为每人每年380元，可通过银行柜台、手机银行等渠道缴费。",
]
METADATA = (
    "<table class='xxgk_table'><tr><td>索 引 号：</td><td>11370600MB28575370/2024-00012</td>"
    "<td>发布机构：</td><td>烟台市医疗保障局</td></tr>"
    "<tr><td>生成日期：</td><td>2024-05-13</td><td>文号：</td><td>烟医保发〔2024〕12号</td></tr>"
    "<tr><td>标  题：</td><td colspan='3'>关于做好2024年度城乡居民基本医疗保险参保缴费工作的通知</td></tr></table>"
)


def notice_page(metadata: str = METADATA, tail: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in NOTICE)
    return (
        "<html><head><title>关于做好2024年度城乡居民基本医疗保险参保缴费工作的通知_烟台市医疗保障局</title></head><body>"
        "<div class='position'>当前位置：<a>首页</a> &gt; <a>政务公开</a> &gt; <a>通知公告</a></div>"
        f"{metadata}<div class='article'><h1>关于做好2024年度城乡居民基本医疗保险参保缴费工作的通知</h1>"
        "<div class='info'>发布时间：2024-05-13 10:20 【字体：<a>大</a> <a>中</a> <a>小</a>】 <a>打印本页</a>"
        f" <a>关闭窗口</a></div><div id='zoom'>{body}{tail}</div>"
        "<div class='ewm'>扫一扫在手机打开当前页</div></div>"
        "<div class='footer'><p>主办单位：烟台市医疗保障局</p><p>网站标识码：3706000061 鲁ICP备19000000号</p></div>"
        "</body></html>"
    )


def test_metadata_table_above_the_headline_is_not_the_body() -> None:
    assert content(notice_page()).text.split("\n") == NOTICE


def test_issuing_agency_of_the_metadata_table_is_the_author() -> None:
    assert content(notice_page()).author == "烟台市医疗保障局"


def test_hanweb_metadata_list_is_dropped_too() -> None:
    hanweb = (
        "<div class='xxgk_info'><ul><li><span>索引号：</span>11370600MB28575370/2024-00012</li>"
        "<li><span>发文机关：</span>烟台市医疗保障局</li><li><span>成文日期：</span>2024年05月10日</li>"
        "<li><span>主题分类：</span>卫生、体育</li></ul></div>"
    )
    document = content(notice_page(metadata=hanweb))
    assert (document.text.split("\n"), document.author) == (NOTICE, "烟台市医疗保障局")


def test_service_guide_table_with_other_labels_stays() -> None:
    # A 办事指南 is label/value cells too, but its labels are the guide's content, not 信息公开 metadata.
    guide = (
        "<table><tr><td>事项名称：</td><td>城乡居民基本医疗保险参保登记</td></tr>"
        "<tr><td>办理时限：</td><td>即时办结</td></tr><tr><td>收费标准：</td><td>不收费</td></tr>"
        "<tr><td>来源：</td><td>烟台市医疗保障局</td></tr></table>"
    )
    assert "办理时限：" in content(notice_page(tail=guide)).text


def test_attachment_line_after_the_last_paragraph_stays() -> None:
    tail = "<p>附件：<a href='./P020240513.docx'>1.城乡居民基本医疗保险参保登记表.docx</a></p>"
    assert content(notice_page(tail=tail)).text.split("\n")[-1] == "附件：1.城乡居民基本医疗保险参保登记表.docx"


def test_signing_agency_and_date_of_the_notice_stay() -> None:
    tail = "<p style='text-align:right'>烟台市医疗保障局</p><p style='text-align:right'>2024年5月13日</p>"
    assert content(notice_page(tail=tail)).text.split("\n")[-2:] == ["烟台市医疗保障局", "2024年5月13日"]


def test_dateline_above_the_body_is_still_dropped() -> None:
    page = notice_page().replace("<div id='zoom'>", "<div id='zoom'><p>2024年5月13日</p>")
    assert content(page).text.split("\n") == NOTICE


# www.shanxi.gov.cn (TRS, 2019; GeneralNewsExtractor tests/shanxi/1.html): the headline block holds an empty kicker
# <h3>, the <h2> headline and a subtitle <h3>; the toolbar prints 打印 / 字体：放大 正常 缩小 / 分享.
SHANXI_BODY = (
    "跨越千山万水，行程近两万公里，山西品牌丝路行首次登陆巴西，刷新“走出去”的最远纪录。当地时间9月16日下午，"
    "2019年山西品牌丝路行（南美站）活动在巴西圣保罗正式启动，并成功举办中国（山西）－巴西双向经贸投资推介会。",
    "当天下午，省贸促会分别与巴西华人协会、圣保罗商会、南共体市场工商协会签署合作协议，并正式设立驻巴西代表处。"
    "山西金兰化工有限公司与巴西佛罗伊特国际公司签署了贸易协议。",
)


def shanxi(title_block: str | None = None) -> str:
    block = title_block or (
        "<div class='detail-article-title'><h3></h3><h2>山西品牌丝路行（南美站）正式启动</h2>"
        "<h3>成功举办中国（山西）－巴西双向经贸投资推介会</h3></div>"
    )
    return (
        "<html><head><title>山西品牌丝路行（南美站）正式启动 - 山西省人民政府门户网站 </title></head><body>"
        "<ul class='breadcrumb'><li><a href='../../../'>首页</a></li><li><span>&gt;</span> 山西要闻 </li></ul>"
        f"<div class='common-detail-page-printer'>{block}"
        "<ul class='detail-article-infos'><li class='article-infos-source left'>"
        "<span><i>时间：</i>2019-09-18 06:23</span>"
        "<span><i>来源：</i> 山西日报 </span></li><li class='article-infos-func right'>"
        "<span id='myPrint' class='article-priter'>打印</span><span class='article-zoom'> <i>字体：</i>"
        "<a class='increaseFont'>放大</a> <a class='resetFont'>正常</a> <a class='decreaseFont'>缩小</a></span>"
        "<span class='article-share'><i></i>分享</span></li></ul>"
        "<div class='article-body'><div class='TRS_Editor'>"
        + "".join(f"<div>　　{p}</div>" for p in SHANXI_BODY)
        + "</div></div><dl class='affairs-detail-qcode'><dt>扫一扫在手机打开当前页面</dt></dl></div>"
        "<div class='footer'><span>主办：山西省人民政府办公厅 © 山西省人民政府网 版权所有</span></div></body></html>"
    )


def test_subtitle_in_the_headline_block_is_not_the_body() -> None:
    assert content(shanxi()).text.split("\n") == list(SHANXI_BODY)


def test_toolbar_line_with_font_words_is_dropped() -> None:
    # The same toolbar without the subtitle: only the tools could add a line.
    block = "<div class='detail-article-title'><h2>山西品牌丝路行（南美站）正式启动</h2></div>"
    assert content(shanxi(block)).text.split("\n") == list(SHANXI_BODY)


def test_heading_after_the_headline_outside_a_headline_block_stays() -> None:
    page = notice_page().replace("<div id='zoom'>", "<h3>一、总体要求</h3><div id='zoom'>")
    assert content(page).text.split("\n")[0] == "一、总体要求"


def test_table_cells_of_size_words_in_the_body_stay() -> None:
    table = "<table><tr><td>风险等级</td><td>中</td></tr><tr><td>影响范围</td><td>大</td></tr></table>"
    lines = content(notice_page(tail=table)).text.split("\n")
    assert lines[-4:] == ["风险等级", "中", "影响范围", "大"]


def test_date_of_the_metadata_table_dates_a_page_without_a_byline_date() -> None:
    page = notice_page().replace("发布时间：2024-05-13 10:20 ", "")
    page = page.replace("<td>生成日期：</td><td>2024-05-13</td>", "<td>成文日期：</td><td>2024年05月10日</td>")
    assert content(page).published_at == "2024-05-10"


def test_byline_date_beats_the_metadata_table() -> None:
    assert content(notice_page()).published_at == "2024-05-13T10:20"
