"""extract/content/listing.py: a run of repeated sibling entries with title links, and one record per entry."""

from __future__ import annotations

import itertools

import lxml.etree

from extract.content import content
from extract.content.blocks import best_subtree
from extract.content.lines import cut_page
from extract.content.listing import group_outweighs, listing_group, listing_records, similar_siblings, title_link
from extract.content.parse import parse_html
from extract.content.vocabulary import vocabulary

TITLES = [
    "城镇职工基本医疗保险参保登记办事指南",
    "灵活就业人员医疗保险缴费办事指南",
    "异地就医备案办理流程及所需材料",
    "门诊慢特病待遇认定申请办事指南",
    "生育保险待遇申领办事指南及常见问题",
]


def tree(body: str):
    root = parse_html(f"<html><body>{body}</body></html>")
    assert root is not None
    return root


ENTRY = "<li class='item'><a href='/zn/{i}.html'>{title}</a><span class='date'>2024-0{m}-15</span></li>"
MENU = (
    "<ul class='menu'>"
    + "".join(f"<li><a href='/{i}'>{name}</a></li>" for i, name in enumerate(["首页", "政策"]))
    + "</ul>"
)


def column(entry: str = ENTRY):
    items = "".join(entry.format(i=i, m=i + 1, title=title) for i, title in enumerate(TITLES))
    nav = MENU
    return tree(f"{nav}<div class='list'><h2>办事指南</h2><ul>{items}</ul></div>")


def test_repeated_entries_with_title_links_are_the_listing() -> None:
    root = column()
    group = listing_group(root, cut_page(root))
    assert group is not None and [member.findtext("a") for member in group.members] == TITLES


def test_a_navigation_menu_of_short_links_is_no_listing() -> None:
    root = tree("<ul>" + "".join(f"<li><a href='/{i}'>栏目{i}</a></li>" for i in range(8)) + "</ul>")
    assert listing_group(root, cut_page(root)) is None


def test_each_entry_is_a_record_with_title_date_and_absolute_url() -> None:
    root = column()
    group = listing_group(root, cut_page(root))
    assert group is not None
    first = listing_records(group, "https://ybj.fuzhou.gov.cn/zn/", vocabulary())[0]
    assert (first.role, first.title, first.published_at, first.url, first.text) == (
        "entry",
        TITLES[0],
        "2024-01-15",
        "https://ybj.fuzhou.gov.cn/zn/0.html",
        f"{TITLES[0]}\n2024-01-15",
    )


def test_an_entry_link_no_url_can_be_made_of_is_kept_as_written_and_the_listing_stays() -> None:
    # An unclosed IPv6 bracket makes urljoin raise: that entry keeps its href, the others are made absolute.
    broken = ENTRY.replace("/zn/{i}.html", "http://[::1/zn/{i}.html")
    items = "".join((broken if i == 2 else ENTRY).format(i=i, m=i + 1, title=t) for i, t in enumerate(TITLES))
    root = tree(f"<div class='list'><ul>{items}</ul></div>")
    group = listing_group(root, cut_page(root))
    assert group is not None
    urls = [record.url for record in listing_records(group, "https://ybj.fuzhou.gov.cn/zn/", vocabulary())]
    assert urls[2] == "http://[::1/zn/2.html"
    assert urls[:2] == ["https://ybj.fuzhou.gov.cn/zn/0.html", "https://ybj.fuzhou.gov.cn/zn/1.html"]


def test_entry_furniture_is_not_in_its_text() -> None:
    entry = (
        "<li class='thread'><a class='title' href='/p/{i}'>{title}</a>"
        "<div class='abs'>想问一下这个怎么办理，需要哪些材料？</div>"
        "<span class='author'>参保人{i}</span><span class='reply-num'>23</span></li>"
    )
    root = column(entry)
    group = listing_group(root, cut_page(root))
    assert group is not None
    assert listing_records(group, None, vocabulary())[1].text.split("\n") == [
        TITLES[1],
        "想问一下这个怎么办理，需要哪些材料？",
    ]


def test_an_entrys_category_label_goes_and_its_title_and_date_stay_whatever_the_titles_length() -> None:
    # "[办事指南]灵活就业人员医疗保险缴费办事指南2024-02-15" on one line: a short title leaves the line mostly
    # unlinked, a long one mostly linked; either way the record is the title, then the date.
    short = ["异地就医备案办理", "医保卡补办流程", "生育津贴申领指南", "参保登记须知", "慢特病认定办法"]
    labelled = "<li><span>[{label}]</span><a href='/zn/{i}.html'>{title}</a><span>2024-0{m}-15</span></li>"
    for titles in (short, TITLES):
        items = "".join(
            labelled.format(label=["办事指南", "通知公告"][i % 2], i=i, m=i + 1, title=title)
            for i, title in enumerate(titles)
        )
        root = tree(f"{MENU}<div class='list'><ul>{items}</ul></div>")
        group = listing_group(root, cut_page(root))
        assert group is not None
        records = listing_records(group, None, vocabulary())
        assert [record.text for record in records] == [f"{t}\n2024-0{i + 1}-15" for i, t in enumerate(titles)]
    # A Discuz! thread list's "New" link beside a labelled title is no line of the entry.
    new = "<li><span>[活动]</span> <a href='/t/{i}.html'>{title}</a> <a class='xi1' href='/t/{i}.html#new'>New</a></li>"
    root = column(new)
    group = listing_group(root, cut_page(root))
    assert group is not None
    assert [record.text for record in listing_records(group, None, vocabulary())] == TITLES
    # A link inside a sentence is no title line: the sentence stays whole.
    sentence = "<li><a href='/zn/{i}.html'>{title}</a><p>参保人可按《{title}》到窗口办理，材料齐全的当场办结。</p></li>"
    root = column(sentence)
    group = listing_group(root, cut_page(root))
    assert group is not None
    assert listing_records(group, None, vocabulary())[0].text.split("\n")[1] == (
        f"参保人可按《{TITLES[0]}》到窗口办理，材料齐全的当场办结。"
    )


def test_a_date_printed_inside_the_title_link_is_the_entrys_date_not_part_of_its_title() -> None:
    entry = "<li><a href='/zn/{i}.html'><span class='t'>{title}</span><span class='d'>2024-0{m}-15</span></a></li>"
    root = column(entry)
    group = listing_group(root, cut_page(root))
    assert group is not None
    first = listing_records(group, None, vocabulary())[0]
    assert (first.title, first.published_at, first.text) == (TITLES[0], "2024-01-15", f"{TITLES[0]}\n2024-01-15")
    # A date that is part of the title's words stays in it.
    dated_title = "<li><a href='/zn/{i}.html'>{title}（2024年修订）</a><span>2024-0{m}-15</span></li>"
    group = listing_group(root := column(dated_title), cut_page(root))
    assert group is not None
    assert listing_records(group, None, vocabulary())[0].title == f"{TITLES[0]}（2024年修订）"


def test_a_calendar_box_printing_the_day_apart_from_the_year_and_month_dates_the_entry() -> None:
    entry = (
        "<div class='item'><div class='time'><span class='day'>{m}5</span><span class='ym'>2024-0{m}</span></div>"
        "<div class='txt'><a href='/zn/{i}.html'>{title}</a><p>请参保人按时办理，逾期影响待遇。</p></div></div>"
    )
    root = tree(
        "<div class='list'>" + "".join(entry.format(i=i, m=i + 1, title=t) for i, t in enumerate(TITLES)) + "</div>"
    )
    group = listing_group(root, cut_page(root))
    assert group is not None
    first = listing_records(group, None, vocabulary())[0]
    assert (first.published_at, first.text.splitlines()[-1]) == ("2024-01-15", "2024-01-15")
    # Two numbers that are no day and year-month (a count and a rank) date nothing.
    counts = entry.replace("{m}5</span>", "{m}5 次</span>").replace("2024-0{m}</span>", "第{m}名</span>")
    root = tree(
        "<div class='list'>" + "".join(counts.format(i=i, m=i + 1, title=t) for i, t in enumerate(TITLES)) + "</div>"
    )
    group = listing_group(root, cut_page(root))
    assert group is not None
    assert listing_records(group, None, vocabulary())[0].published_at is None


def test_title_link_is_the_longest_link_outside_the_furniture() -> None:
    entry = tree(
        "<li><span class='author'><a href='/u/1'>一个很长很长的用户名字在这里</a></span>"
        "<a href='/p/1'>医保缴费指南</a></li>"
    )
    found = title_link(entry.find(".//li"), skip=vocabulary().entry_meta_tokens)
    assert found is not None and found.text == "医保缴费指南"


def test_siblings_of_one_tag_with_mostly_the_same_classes_are_one_run() -> None:
    root = tree(
        "<ul><li class='entry item'>一</li><li class='entry item top'>二</li><li class='ad'>三</li>"
        "<p class='entry item'>四</p></ul>"
    )
    runs = similar_siblings(list(root.find(".//ul")))
    assert [[member.text for member in run] for run in runs] == [["一", "二"], ["三"], ["四"]]


def submenu(name: str, items: list[str]) -> str:
    links = "".join(f"<li><a href='/{name}/{i}'>{item}</a></li>" for i, item in enumerate(items))
    return f"<li class='has-sub'><a href='javascript:'>{name}</a><ul class='level-2'>{links}</ul></li>"


def test_menu_entries_with_their_submenus_are_no_listing() -> None:
    # A mega menu: each entry opens a list of bare links, long enough together to look like listing entries.
    menu = (
        "<ul class='main'>"
        + "".join(
            submenu(name, ["Übersicht", "News", "Spiele & Ergebnisse", "Kader", "Länderspielarchiv"])
            for name in ("Nationalteams Männer", "Nationalteams Frauen", "U-Teams männlich", "U-Teams weiblich")
        )
        + "</ul>"
    )
    root = tree(menu)
    group = listing_group(root, cut_page(root))
    assert group is None or all(member.get("class") != "has-sub" for member in group.members)
    # The same entries as titles with a date each are a listing.
    listing = column()
    assert listing_group(listing, cut_page(listing)) is not None


def test_the_long_links_of_a_submenu_are_no_listing() -> None:
    items = [
        "Ausschuss für Vereins- und Verbandsentwicklung",
        "Stadiondurchsage und Aushänge (Download)",
        "Informationen und Pflichten für Vereine",
        "Mitarbeiterinnen und Mitarbeiter der Geschäftsstelle",
        "Schiedsrichter-Aktuell auf der Seite des Verbands",
    ]
    root = tree("<ul class='main'>" + submenu("Der Verband", items) + "</ul>")
    assert listing_group(root, cut_page(root)) is None
    # The same titles, a date after each, in a list of their own are a listing.
    entries = "".join(f"<li><a href='/{i}'>{t}</a> 2024-01-1{i}</li>" for i, t in enumerate(items))
    listing = tree(f"<ul>{entries}</ul>")
    assert listing_group(listing, cut_page(listing)) is not None


# ----------------------------------------------------------------------------- a run that is no listing page
# Real text of a lostiempos.com story page (trafilatura's evaluation pages, tests/eval/lostiempos.com-juicio.html):
# the page grid's rows repeat like entries, and the first row holds the story.
STORY_ES = [
    'El juicio por el caso denominado "golpe II" ingresó a su fase final. El Tribunal Primero de Sentencia '
    "Anticorrupción de La Paz fijó la próxima audiencia para este miércoles 4 de mayo.",
    "En la audiencia de este martes, el Tribunal rechazó que se presenten pericias de cargo y descargos. Asimismo, "
    "se descartaron inspecciones técnico oculares que se habían pedido.",
    "El fiscal Mejillones informó que el Ministerio Público está solicitando la pena de 12 a 15 de cárcel para "
    "todos los acusados, por los delitos de incumplimiento de deberes.",
]
TEASERS_ES = [
    (
        "Semapa inspecciona los avances del trabajo del alcantarillado en la rotonda Melchor Pérez",
        "Una comisión de Semapa inspeccionó este martes los avances de los trabajos de mejoramiento "
        "del alcantarillado.",
    ),
    (
        "Comité Interinstitucional confirmará organización de Urkupiña",
        "El Comité Interinstitucional conformado por la Alcaldía de Quillacollo y la Gobernación "
        "se reunió este martes.",
    ),
    (
        "Cartagena destaca lucha contra la Covid-19 en su primer año de gestión",
        "El alcalde de Quillacollo, Héctor Cartagena, cumplió este martes un año de gestión al frente del municipio.",
    ),
]


def grid_row(inner: str) -> str:
    return f"<div class='panels-flexible-row noticia-panel-row'><div class='inside'>{inner}</div></div>"


def teaser_row(n: int) -> str:
    title, abstract = TEASERS_ES[n % len(TEASERS_ES)]
    return grid_row(
        f"<div class='views-field-title'><a href='/noticia/{n}'>{title}</a></div>"
        f"<div class='sin-sumario'>{abstract}</div><div class='date-section'>03/05/2022</div>"
    )


def etree_html(root) -> str:
    return lxml.etree.tostring(root, encoding="unicode", method="html")


def outweighs(root) -> bool:
    lines = cut_page(root)
    group = listing_group(root, lines)
    assert group is not None
    body_root, _ = best_subtree(lines, vocabulary())
    return group_outweighs(group, lines, body_root)


def test_a_run_whose_member_holds_paragraphs_in_a_row_is_the_page_layout_not_a_listing() -> None:
    story = grid_row(
        "<div class='field-item'><a href='/autor/erbol'>ERBOL</a></div>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in STORY_ES)
    )
    root = tree(f"<div class='panel-flexible-inside'>{story}{teaser_row(1)}{teaser_row(2)}{teaser_row(3)}</div>")
    assert not outweighs(root)
    assert content(etree_html(root)).kind == "article"
    # The teaser rows alone, an abstract under each title, are a listing.
    listing = tree(f"<div class='panel-flexible-inside'>{''.join(teaser_row(n) for n in range(4))}</div>")
    assert outweighs(listing)


# Real titles and text of a forsal.pl story page (tests/eval/Ile jest warta godzina pracy_ W tych krajach …): a feed
# of bare headline links beside a short story printed under the page's headline.
HEADLINE_PL = "Ile jest warta godzina pracy? W tych krajach praca popłaca"
STORY_PL = (
    "Oto kraje, w których średnia godzina pracy wnosi najwięcej do PKB. Bez względu na to, jak ciężko pracuje "
    "przeciętny pracownik w Meksyku, nie będzie on tak produktywny (w kategoriach PKB) jak przeciętna osoba "
    "pracująca w Irlandii."
)
FEED_PL = [
    "Demograficzna przyszłość Polski. Gdzie ubędzie najwięcej mieszkańców? [MAPA]",
    "Uważaj, czym się szczepisz. Nie każdy preparat da równe prawa do podróżowania",
    "Militarne potęgi. Te państwa wydają na wojsko najwięcej na świecie [RANKING]",
    "Odmrażanie gospodarki. Jest kalendarz luzowania obostrzeń",
    "Oto polski region, w którym odnotowano najniższe bezrobocie w całej UE",
    "Francji grozi wojna domowa? Polityczne zamieszanie wokół odezwy wojskowych",
]


def story_beside_feed(headline: str, dated: bool = False) -> str:
    date = "<span class='date'>05.05.2021</span>" if dated else ""
    feed = "".join(
        f"<div class='streamLine'><a href='/artykuly/{n}'>{FEED_PL[n % len(FEED_PL)]} {n}</a>{date}</div>"
        for n in range(48)
    )
    return (
        f"<html><head><title>{HEADLINE_PL} - Forsal.pl</title></head><body>"
        f"<article class='articleDetail'><h1>{headline}</h1><div class='lead'>{STORY_PL}</div></article>"
        f"<div class='container'>{feed}</div></body></html>"
    )


def test_bare_headline_links_beside_a_headed_story_are_its_feed_not_a_listing() -> None:
    assert content(story_beside_feed(HEADLINE_PL)).kind == "article"
    # Without the headline above the prose, the same feed, many times the story's size, is the page.
    assert content(story_beside_feed("Dane OECD")).kind == "listing"


def test_a_headline_printed_with_curly_quotes_is_the_title_typed_with_straight_ones() -> None:
    plain, printed = 'W tych krajach "praca" popłaca', "W tych krajach „praca” popłaca"
    html = story_beside_feed(printed).replace(f"<title>{HEADLINE_PL}", f"<title>{plain}")
    assert content(html).kind == "article"
    assert (
        content(story_beside_feed("W tych krajach „praca” nie popłaca").replace(HEADLINE_PL, plain)).kind == "listing"
    )


# A blog post page whose <title> is the blog's name (no headline says it): a short post of sentences, and beside it
# the blog's "recent posts" module, bare undated links longer than the post.
POST_SENTENCES = (
    "Worth remembering the next time a member calls about a reimbursement that took six weeks.",
    "Or when a new rule punishes every applicant to stop the few who abuse the scheme.",
    "Tell me again why the card you issue expires after one year?",
)
RECENT_POSTS = [
    "It could be one of two things",
    "The theater of the mind",
    "Improving your forms",
    "Unanimous is not an option",
    "Two kinds of unique",
    "Feet on the street",
    "The circles of service",
    "Risk, fear and worry",
    "The school for claims (and an audio)",
    "Strategy matters more than ever",
]


def blog_post_beside_recent_posts(entries: int) -> str:
    recent = "".join(
        f"<li class='module-list-item'><a href='/posts/{n}.html'>{title}, part {n}</a></li>"
        for n, title in zip(range(entries), itertools.cycle(RECENT_POSTS), strict=False)
    )
    post = "".join(f"<p>{sentence}</p>" for sentence in POST_SENTENCES)
    return (
        "<html><head><title>Claims Blog</title></head><body><div class='content'>"
        f"<div class='entry-body'>{post}</div></div><div class='module-typelist'>"
        f"<h2 class='module-header'>Recent Posts</h2><ul class='module-list'>{recent}</ul></div></body></html>"
    )


def test_bare_undated_links_do_not_outweigh_sentences_half_their_size() -> None:
    document = content(blog_post_beside_recent_posts(10))
    assert document.kind == "article"
    assert "card you issue expires" in document.text and "Feet on the street" not in document.text
    # A run of such links many times the sentences' size is still the page (a column with a line of introduction).
    assert content(blog_post_beside_recent_posts(40)).kind == "listing"
    # Sentences printed between the links, in the element holding them, are no post beside a module: the cards a
    # diary sets between its lines are read as they were before the rule.
    diary = "".join(
        f"<div class='card'><a href='/shop/{n}.html'>{title}: open the shop's page in the app and see its menu and "
        f"prices, part {n}</a></div><p>Day {n + 1}: a long lunch there with two colleagues from the office, good.</p>"
        for n, title in zip(range(10), RECENT_POSTS, strict=True)
    )
    html = f"<html><head><title>Claims Blog</title></head><body><div class='entry-body'>{diary}</div></body></html>"
    assert content(html).kind == "listing"


# Real text of a peta.de ranking (trafilatura's evaluation pages, tests/eval/peta.de-veterinärämter.html): the
# ranked offices are accordion items between the story's introduction and its closing call.
INTRO_DE = (
    "Jeden Monat gehen bei uns von PETA Deutschland zahlreiche Meldungen über Tierquälerei ein, die wir an das "
    "zuständige Veterinäramt melden. Die Behörden sind für die Überwachung und den Vollzug des Tierschutzgesetzes "
    "zuständig und müssen Missstandsmeldungen nachgehen."
)
OFFICES_DE = [
    (
        "1. Kreisveterinäramt Sömmerda",
        "Im März 2021 wurde uns gemeldet, dass etwa ein Dutzend große Berner "
        "Sennenhunde unter mangelhaften Bedingungen in einem Haus im Landkreis Sömmerda gehalten würden. Aufnahmen "
        "bestätigten die prekären Zustände. Einige Hunde hatten ein verfilztes Fell und litten teils unter "
        "Ohrenentzündungen und anderen Erkrankungen.",
    ),
    (
        "2. Veterinäramt Stadt Karlsruhe",
        "Anfang September wurden uns Videos aus einem Mastbetrieb in Karlsruhe "
        "zugespielt, auf denen ein verletztes Schwein zu sehen ist, das verzweifelt versucht, sich vor den "
        "schmerzhaften Bissen seiner Artgenossen zu schützen. Das schockierende Videomaterial wurde umgehend an das "
        "zuständige Veterinäramt weitergeleitet.",
    ),
    (
        "3. Veterinäramt Kreis Heinsberg",
        "Im Oktober 2020 wurden uns Videos aus einem Milchbetrieb in Heinsberg "
        "zugespielt. Diese zeigen, wie eine offenbar laufunfähige Kuh mit einem Traktor-Frontlader transportiert "
        "werden soll. Die Kuh wird über längere Zeit mit dem Frontlader traktiert und mehrfach von einer Person "
        "heftig getreten.",
    ),
    (
        "4. Veterinäramt Stadt Erfurt",
        "Wir konnten im Juni 2021 gemeinsam mit einem Fernsehteam, der örtlichen "
        "Polizeibehörde und dem Veterinäramt einen illegalen Handel mit Lisztaffen in Erfurt aufdecken.",
    ),
    (
        "5. Veterinäramt Stadt Brandenburg",
        "Am 28. März 2021 erreichte uns eine Whistleblower-Meldung, wonach in "
        "Brandenburg an der Havel eine Kuh seit über einem Jahr allein in einem Stall stand.",
    ),
]
CLOSING_DE = (
    "Unterschreiben Sie unsere Petition und fordern Sie ein Verbandsklagerecht für Tierschutzorganisationen, "
    "damit Behörden, die Tierquälerei dulden, endlich zur Verantwortung gezogen werden können."
)


def ranking(closing: bool) -> str:
    items = "".join(
        f"<li class='accordion-item'><a href='#'>{office}</a><p>{text}</p></li>" for office, text in OFFICES_DE
    )
    after_list = f"<p>{CLOSING_DE}</p>" if closing else ""
    return (
        "<html><body><section class='post-content'>"
        f"<p>{INTRO_DE}</p><h2>Die Top 5 der deutschen Veterinärämter</h2>"
        f"<ul class='accordion'>{items}</ul>{after_list}</section></body></html>"
    )


def test_a_list_set_between_paragraphs_of_an_article_is_part_of_it() -> None:
    page = content(ranking(closing=True))
    assert page.kind == "article"
    assert "Jeden Monat gehen" in page.text and "Unterschreiben Sie unsere Petition" in page.text
    # With nothing after it, the same list under a short introduction reads as the page's listing.
    assert content(ranking(closing=False)).kind == "listing"


# Real sentences of a travel article (codelucas/newspaper tests/data/html/about.com1.html): each paragraph links a few
# words in the middle of a sentence.
LINKED_PARAGRAPHS = [
    ("But generals aren't the only ones who like this ", "quinetessential small town",
     '. "Forbes" Magazine listed it one of the prettiest towns of America.'),
    ("One historic landmark not to be missed is the ", "DeSoto House Hotel",
     " on Main Street, the oldest operating hotel in Illinois."),
    ("When visiting Galena, book a table at the ", "Stone House Pottery and Gallery",
     ", where a master potter teaches you to decorate, glaze and fire your own dinnerware."),
    ("Galena boasts many vineyards and wineries. Join the ", "Blackhawk Wine Tour",
     " to swirl, sniff and sip the best wines in Illinois at three different wineries."),
]  # fmt: skip


def linked_paragraphs(title_first: bool) -> str:
    """The paragraphs as printed (the link inside a sentence), or as a feed prints entries (the link first)."""
    paragraphs = []
    for n, (before, link, after) in enumerate(LINKED_PARAGRAPHS):
        anchor = f"<a href='https://example.com/{n}'>{link}</a>"
        paragraphs.append(f"<p>{anchor} {before}{after}</p>" if title_first else f"<p>{before}{anchor}{after}</p>")
    return f"<div class='article-body'>{''.join(paragraphs)}</div>"


def test_paragraphs_that_each_link_words_inside_a_sentence_are_no_listing() -> None:
    assert not outweighs(tree(linked_paragraphs(title_first=False)))
    # The same members, each opening with its link as a feed entry opens with its title, are a listing.
    assert outweighs(tree(linked_paragraphs(title_first=True)))


# Paragraphs of a celebrity news story (the layout of people.com's and usmagazine.com's pages in the Mercury parser's
# saved pages): each links a name or a phrase that opens its sentence, or the show that ends it.
OPENING_OR_CLOSING_LINKS = [
    ("", "The “Perfect Illusion” songstress", ", 30, took to Instagram on Monday to share a photo of the actor with "
     "her mother. The duo smiled as they dropped letters into an orange mailbox for her charity."),
    ("", "Gaga and Kinney ended their engagement in July", " after five years together, but the singer has said "
     "that the exes are amicable. Fans have hoped for a reunion ever since."),
    ("The actress set the record straight about the jacket and its tags on Thursday night’s ", "Jimmy Kimmel Live!",
     ""),
    ("During the interview, the host asked her about a photo from the screening of her new movie, and she laughed "
     "about it. She then told the story of ", "Office Christmas Party", "."),
]  # fmt: skip


def test_paragraphs_whose_links_open_or_close_their_sentence_are_no_listing() -> None:
    paragraphs = "".join(
        f"<p>{before}<a href='https://example.com/{n}'>{link}</a>{after}</p>"
        for n, (before, link, after) in enumerate(OPENING_OR_CLOSING_LINKS)
    )
    assert not outweighs(tree(f"<div class='article-body'>{paragraphs}</div>"))
    # A feed's entries open with their title and go on with a sentence of their own, or print a label first.
    feed = "".join(
        f"<p>{'RELATED: ' if n % 2 else ''}<a href='https://example.com/{n}'>{link}</a> {(before + after).strip()}</p>"
        for n, (before, link, after) in enumerate(LINKED_PARAGRAPHS)
    )
    assert outweighs(tree(f"<div class='article-body'>{feed}</div>"))


VIDEO_STORY = (
    "灵活就业人员可以在户籍地或居住地以个人身份参加职工基本医疗保险，本期视频讲解参保登记需要准备的材料、网上办理的入口、"
    "缴费基数的选择和待遇享受的等待期，帮助大家少跑腿、快办事。"
)


def video_page(marked: bool) -> str:
    """A video page (the layout of globalnews.ca's, codelucas/newspaper tests/data/html/globalnews.ca2.html): the
    headline and a one-sentence story, then the channel's playlist of 30 clips, each a duration, a programme and a
    linked title."""
    playlist = "".join(
        f"<li><span class='duration'>0{n % 10}:1{n % 6}</span><span class='show'>医保政策解读 第{n}期</span>"
        f"<a href='/video/{n}'>{TITLES[n % len(TITLES)]}（视频第{n}集）</a></li>"
        for n in range(30)
    )
    story = f"<h1>灵活就业人员参保视频讲解</h1><div class='story'><p>{VIDEO_STORY}</p></div>"
    story = f"<article>{story}</article>" if marked else f"<div class='top-story'>{story}</div>"
    return (
        "<html><head><title>灵活就业人员参保视频讲解 | 医保视频</title></head><body>"
        f"<div class='main'>{story}<div class='playlist'><ul>{playlist}</ul></div></div></body></html>"
    )


def test_a_playlist_outside_the_article_that_holds_headline_and_story_is_no_listing() -> None:
    page = content(video_page(marked=True))
    assert page.kind == "article"
    assert page.text.strip() == VIDEO_STORY
    # Without the page's mark of its article, the playlist that dwarfs the one sentence is the page.
    assert content(video_page(marked=False)).kind == "listing"


FEED = (
    (
        "医保电子凭证全面推广应用",
        "医保电子凭证是全国统一的医保身份凭证，参保人可以通过手机激活使用，在定点医药机构扫码就医购药。",
    ),
    (
        "门诊共济改革落地见效",
        "职工医保门诊共济保障机制改革实施以来，参保人员门诊费用负担明显减轻，普通门诊统筹待遇逐步提高。",
    ),
    (
        "长护险试点扩大范围",
        "长期护理保险制度试点城市进一步扩大，失能人员可以申请评估，经评估符合条件的按规定享受护理待遇。",
    ),
    (
        "异地就医直接结算提速",
        "跨省异地就医直接结算定点医疗机构数量持续增加，门诊慢特病跨省直接结算病种范围扩大，办事更便利。",
    ),
)
NOTICE = ("春节期间医保服务大厅暂停对外办公，2月18日起恢复正常。", "期间可通过国家医保服务平台办理相关业务。")


def notice_beside_a_feed(feed_first: bool) -> str:
    entries = "".join(
        f"<li><a href='/n/{i}.html'>{title}</a><p>{text}</p></li>" for i, (title, text) in enumerate(FEED)
    )
    feed = f"<div class='right-box'><h3>热点新闻</h3><ul>{entries}</ul></div>"
    story = "".join(f"<p>{line}</p>" for line in NOTICE)
    article = f"<div class='article'><h1>关于春节期间医保服务安排的通知</h1><div class='text'>{story}</div></div>"
    columns = feed + article if feed_first else article + feed
    return (
        "<html><head><title>关于春节期间医保服务安排的通知_某市医保局</title></head>"
        f"<body><div class='wrap'>{columns}</div></body></html>"
    )


def test_a_short_notice_under_the_headline_is_the_page_and_a_feed_of_abstracts_beside_it_is_not() -> None:
    for feed_first in (True, False):
        document = content(notice_beside_a_feed(feed_first))
        assert document.kind == "article" and document.text.splitlines() == list(NOTICE), feed_first


def test_a_column_page_with_a_sentence_under_its_heading_is_still_a_listing() -> None:
    entries = "".join(
        f"<li><a href='/zcjd/{i}.html'>关于调整城乡居民医保缴费标准的政策问答第{i}期</a><span>2024-08-0{i}</span></li>"
        for i in range(1, 9)
    )
    html = (
        "<html><head><title>政策解读_某市医疗保障局</title></head><body><h1>政策解读</h1>"
        f"<p>本栏目发布医保政策解读。</p><ul class='list'>{entries}</ul></body></html>"
    )
    document = content(html)
    assert document.kind == "listing" and len(document.records) == 8


NOTICES = [f"关于做好第{i}批定点医药机构医保协议管理工作的通知" for i in range(1, 13)]


def split_column(cut: bool = False, tooltip: str | None = None) -> str:
    def entry(i: int, title: str) -> str:
        text = title[:12] + "…" if cut else title
        attribute = tooltip or title
        return (
            f"<li><a href='/tzgg/{i}.html' title='{attribute}'>{text}</a><span>2024-0{9 - i // 4}-1{i % 4}</span></li>"
        )

    lists = "<div class='line'></div>".join(
        "<ul class='list'>" + "".join(entry(i, NOTICES[i]) for i in range(start, start + 4)) + "</ul>"
        for start in (0, 4, 8)
    )
    menu = "".join(f"<li><a href='/{i}'>{name}</a></li>" for i, name in enumerate(("机构概况", "政策文件", "通知公告")))
    menu = f"<ul>{menu}</ul>"
    return (
        "<html><head><title>通知公告_某市医疗保障局</title></head><body>"
        f"<div class='left'>{menu}</div><div class='right'><h2>通知公告</h2><div class='box'>{lists}</div></div>"
        "</body></html>"
    )


def test_a_column_printed_a_few_entries_to_a_list_is_one_listing_and_the_menu_beside_it_is_not() -> None:
    document = content(split_column())
    assert document.kind == "listing"
    assert [record.title for record in document.records] == NOTICES
    assert "机构概况" not in document.text


def test_an_entry_title_cut_short_in_the_link_is_the_records_whole_title_from_its_title_attribute() -> None:
    document = content(split_column(cut=True))
    assert [record.title for record in document.records] == NOTICES
    # The entry's text is what the page prints.
    assert document.records[0].text.splitlines()[0] == NOTICES[0][:12] + "…"
    tooltips = content(split_column(cut=True, tooltip="点击查看详情"))
    assert [record.title for record in tooltips.records] == [title[:12] + "…" for title in NOTICES]


# A Hanweb-built column (国家医保局 and many provincial portals): the first page of entries is printed as records of a
# data script for the pager to show; beside it only the menus and the footer are markup.
HANWEB_ENTRIES = [
    ("关于做好2024年城乡居民基本医疗保障有关工作的通知", "2024-07-29", "/art/2024/7/29/art_104_13238.html"),
    ("关于进一步做好跨省异地就医直接结算工作的通知", "2024-06-20", "/art/2024/6/20/art_104_12990.html"),
    ("关于开展2024年医疗保障基金飞行检查工作的通知", "2024-05-20", "/art/2024/5/20/art_104_12700.html"),
    ("国家医保局关于加强医疗保障定点医疗机构管理的通知", "2024-05-08", "/art/2024/5/8/art_104_12650.html"),
]
HANWEB_COLUMN = (
    "<html><head><title>政策文件 国家医疗保障局</title></head><body>"
    "<div class='nav'><a href='/col/col1/index.html'>首页</a> <a href='/col/col104/index.html'>政策法规</a></div>"
    "<div class='list' id='4467'><script type='text/xml'><datastore>"
    "<nextgroup><![CDATA[<a href='/module/web/jpage/dataproxy.jsp?page=1&columnid=104'></a>]]></nextgroup>"
    "<recordset>\n"
    + "".join(
        f"<record><![CDATA[\n<li><a href='{url}' title='{title}'>{title}</a><span>{day}</span></li>]]></record>\n"
        for title, day, url in HANWEB_ENTRIES
    )
    + "</recordset></datastore></script><script>$('#4467').jpage({perPage:20,totalRecord:386});</script></div>"
    "<div class='footer'>主办单位：国家医疗保障局 地址：北京市西城区月坛北街甲2号 邮编：100830</div></body></html>"
)


def test_the_records_of_a_hanweb_columns_data_script_are_its_listing() -> None:
    document = content(HANWEB_COLUMN, url="http://www.nhsa.gov.cn/col/col104/index.html")
    assert document.kind == "listing"
    assert [(record.published_at, record.url) for record in document.records] == [
        ("2024-07-29", "http://www.nhsa.gov.cn/art/2024/7/29/art_104_13238.html"),
        ("2024-06-20", "http://www.nhsa.gov.cn/art/2024/6/20/art_104_12990.html"),
        ("2024-05-20", "http://www.nhsa.gov.cn/art/2024/5/20/art_104_12700.html"),
        ("2024-05-08", "http://www.nhsa.gov.cn/art/2024/5/8/art_104_12650.html"),
    ]
    assert document.records[0].title == "关于做好2024年城乡居民基本医疗保障有关工作的通知"
    assert "月坛北街" not in document.text and "dataproxy" not in document.text


def test_a_script_without_records_stays_a_script() -> None:
    page = HANWEB_COLUMN.replace("<recordset>", "<records>").replace("</recordset>", "</records>")
    document = content(page, url="http://www.nhsa.gov.cn/col/col104/index.html")
    assert "关于做好2024年城乡居民基本医疗保障有关工作的通知" not in document.text


# A TRS-built column: each entry's title is written by a script in its link (to cut long ones short), often with
# the whole title in the link's `title` attribute too.
TRS_ENTRIES = [
    ("关于做好2024年度城乡居民基本医疗保险参保缴费工作的通知", "2024-05-20"),
    ("关于调整职工基本医疗保险门诊共济保障待遇的通知", "2024-04-28"),
    ("关于公布2024年度医保定点医药机构名单的公告", "2024-04-10"),
    ("关于开展医疗保障基金违法违规问题专项整治的通知", "2024-03-22"),
]


def trs_column(with_title_attribute: bool) -> str:
    entries = "".join(
        f"<li><a href='./t{i}.html'{f' title={title!r}' if with_title_attribute else ''}><script>var t='{title}';"
        "if(t.length>20){document.write(t.substring(0,20)+'...');}else{document.write(t);}</script></a>"
        f"<span>{day}</span></li>"
        for i, (title, day) in enumerate(TRS_ENTRIES)
    )
    return (
        "<html><head><title>通知公告_某市医疗保障局</title></head><body><div class='nav'><a href='/'>首页</a></div>"
        f"<ul class='list'>{entries}</ul><div class='page'><script>createPageHTML(5, 0, 'index', 'html');</script>"
        "</div><div class='footer'>某市医疗保障局 地址：某市某区某路1号</div></body></html>"
    )


def test_entry_titles_a_script_writes_into_their_links_are_the_listings_titles() -> None:
    for with_title_attribute in (True, False):
        document = content(trs_column(with_title_attribute), url="http://ybj.example.gov.cn/tzgg/")
        assert document.kind == "listing"
        assert [(r.title, r.published_at) for r in document.records] == TRS_ENTRIES


def test_a_script_beside_a_links_own_text_or_outside_links_prints_nothing() -> None:
    page = (
        "<html><body><p><a href='/a' title='标题属性'>链接文字<script>document.write('脚本文字')</script></a>"
        "<script>document.write('页面脚本')</script>医保经办机构按规定办理参保登记。</p></body></html>"
    )
    text = content(page).text
    assert "链接文字" in text and "医保经办机构按规定办理参保登记。" in text
    assert "标题属性" not in text and "脚本文字" not in text and "页面脚本" not in text


THREE_DATED = (
    "<div class='box'><ul><li><a href='/1.html'>关于做好2024年度城乡居民基本医疗保险参保缴费工作的通知</a>"
    "<span>2024-05-20</span></li><li><a href='/2.html'>关于调整职工基本医疗保险门诊共济保障待遇的通知</a>"
    "<span>2024-04-28</span></li><li><a href='/3.html'>关于公布2024年度医保定点医药机构名单的公告</a>"
    "<span>2024-04-10</span></li></ul></div>"
)


def test_a_column_with_three_dated_notices_is_a_listing_of_three() -> None:
    page = f"<html><head><title>通知公告</title></head><body><h1>通知公告</h1>{THREE_DATED}</body></html>"
    document = content(page, url="http://ybj.example.gov.cn/tzgg/")
    assert document.kind == "listing"
    assert [r.published_at for r in document.records] == ["2024-05-20", "2024-04-28", "2024-04-10"]


def test_three_dated_links_beside_a_short_notice_are_not_the_page() -> None:
    page = (
        "<html><head><title>关于暂停办理医保业务的公告</title></head><body><h1>关于暂停办理医保业务的公告</h1>"
        f"<p>因系统升级，10月1日暂停办理医保业务。</p>{THREE_DATED}</body></html>"
    )
    document = content(page)
    assert document.kind == "article" and document.text == "因系统升级，10月1日暂停办理医保业务。"


SHORT_TITLES = ["生育保险待遇申领须知", "医保电子凭证激活问答", "异地就医备案指南", "慢特病认定须知", "护理保险问答"]


def column_page(entries: str) -> str:
    return f"<html><head><title>通知公告</title></head><body><h1>通知公告</h1><ul>{entries}</ul></body></html>"


def test_a_short_title_on_one_line_with_its_date_is_printed_once_with_the_date() -> None:
    entries = "".join(
        f"<li><a href='/{i}.html'>{title}</a><span>2024-05-1{i}</span></li>" for i, title in enumerate(SHORT_TITLES)
    )
    document = content(column_page(entries))
    assert document.kind == "listing"
    first, second = document.records[:2]
    assert (first.text, second.text) == ("生育保险待遇申领须知\n2024-05-10", "医保电子凭证激活问答\n2024-05-11")


def test_a_date_printed_without_its_year_stays_in_the_entry() -> None:
    entries = "".join(
        f"<li><span class='time'>[05-1{i}]</span><a href='/{i}.html'>{title}</a></li>" for i, title in enumerate(TITLES)
    )
    document = content(column_page(entries))
    assert document.kind == "listing"
    assert document.records[0].text == f"{TITLES[0]}\n05-10"
    assert document.records[0].published_at is None  # no year printed: no date to give


def test_a_bullet_cell_is_not_part_of_an_entry_and_its_title_and_date_are() -> None:
    rows = "".join(
        f"<tr><td>·</td><td><a href='/{i}.html'>{title}</a></td><td>[2024-05-1{i}]</td></tr>"
        for i, title in enumerate(TITLES)
    )
    page = f"<html><head><title>通知公告</title></head><body><h1>通知公告</h1><table>{rows}</table></body></html>"
    document = content(page)
    assert document.kind == "listing"
    assert document.records[0].text == f"{TITLES[0]}\n[2024-05-10]"


def test_an_entry_whose_link_sits_inside_its_sentence_keeps_the_sentence_whole() -> None:
    entries = "".join(
        f"<li><a href='/{i}.html'>{title}</a>"
        f"<p>参保人可按<a href='/{i}.html'>{title}</a>的要求准备材料并到窗口办理。</p>"
        f"<span>2024-05-1{i}</span></li>"
        for i, title in enumerate(TITLES)
    )
    document = content(column_page(entries))
    assert document.kind == "listing"
    assert f"参保人可按{TITLES[0]}的要求准备材料并到窗口办理。" in document.records[0].text.split("\n")


# ----------------------------------------------------------------------------- a news template's blocks
def news_template_page() -> str:
    """A portal's article template (163-like): unclassed sibling blocks for the dateline, the story (with a link to
    the reporter's column), the share plea and related articles, each holding a link."""
    story = "".join(
        f"<p>{p}</p>"
        for p in (
            "中国社会科学院金融研究所所长在北京表示，宏观政策应当保持相对稳定，但金融体制改革一定要加快推进，"
            "利率市场化、汇率形成机制和资本项目可兑换三项改革应当统筹安排、协调推进，不宜再拖。",
            "他说，当前经济运行总体平稳，物价水平温和上涨，货币政策的着力点应放在疏通传导机制上，"
            "让中小企业和民营企业真正得到实惠，同时防止资产价格过快上涨带来新的风险，保持流动性合理充裕。",
            "与会专家认为，医疗保险基金的投资运营也应在风险可控的前提下稳步放开，提高基金的保值增值能力，"
            "并建议先在结余较多的地区开展试点，再总结经验逐步推开，同时建立信息公开和第三方审计制度。",
            "会议还讨论了养老金全国统筹的时间表，多位学者建议在三年内完成省级统筹向全国统筹的过渡，"
            "以缓解地区之间基金结余和缺口并存的矛盾，并同步推进待遇确定和正常调整机制的建设。",
        )
    )
    return (
        "<html><head><title>专家：宏观政策应保持稳定</title></head><body><div class='main'>"
        "<div><a href='http://biz.example.com'>http://biz.example.com</a> 2005-04-25 08:24:06 来源: 第一财经日报</div>"
        f"<div><a href='/col/1.html'>中国国际金融</a>{story}</div>"
        "<div>如果您喜欢本站新闻，请告诉您的朋友。<a href='/fb'>给我们提意见</a></div>"
        "<div>相关文章 <a href='/r1.html'>·《经济学人》:美联储可能再次加息25基点至2.5%</a>"
        "<a href='/r2.html'>·《经济学人》:英国报纸存在三大弊病</a></div></div></body></html>"
    )


def test_a_block_of_paragraphs_among_the_runs_members_makes_the_run_a_page_layout_not_a_listing() -> None:
    document = content(news_template_page())
    assert document.kind == "article"
    assert "金融体制改革一定要加快推进" in document.text and "养老金全国统筹" in document.text


def test_links_beside_the_one_post_a_blog_marks_are_no_listing_and_beside_an_index_of_marked_posts_they_stay() -> None:
    # A blog's post page titled with the blog's name: a column of 120 archive links beside one post whose body its
    # CMS marks (`entry-body`). An index page marks the body of every entry it shows.
    post = (
        "<p>I spent the morning catching up on the emails that piled up while I was away, and on the papers I had "
        "been collecting to read for the book, which is now three months late.</p><p>The program appears to have "
        "been a success: the participants rated it highly, but after all those lectures I wondered what they will "
        "remember a year from now, and what they will do differently at work.</p>"
    )
    links = "".join(
        f"<li class='module-list-item'><a href='/p/{i}'>An essay on management and work, part {i}</a></li>"
        for i in range(120)
    )

    def page(entries: str) -> str:
        return (
            "<html><head><title>Work Matters</title></head><body><div id='container'><div id='alpha'>"
            f"<div class='module'><ul class='module-list'>{links}</ul></div></div><div id='beta'>{entries}</div>"
            "</div></body></html>"
        )

    entry = f"<div class='entry'><h3>What will they remember?</h3><div class='entry-body'>{post}</div></div>"
    document = content(page(entry))
    assert document.kind == "article" and "I spent the morning catching up" in document.text
    assert "An essay on management" not in document.text
    index = content(page(entry + entry.replace("What will they remember?", "Another post")))
    assert index.kind == "listing"


def test_one_link_text_on_every_card_is_a_button_and_one_notice_title_on_every_dated_entry_a_listing() -> None:
    # A story's embedded shop cards, each with an "open in the app" link of 17 characters and nothing else linked.
    cards = "".join(
        f"<div class='embedded-shop'><p>{day}日 {shop}</p>"
        f"<a href='https://app.example/{i}'>tabelog-app アプリで開く</a></div>"
        for i, (day, shop) in enumerate(
            [("1", "とんかつ ぶぅたろう"), ("2", "みな美"), ("3", "オーク ドア"), ("5", "鮨 門わき")]
        )
    )
    intro = "<p>美食を求め全国を巡るマッキーさんの2月の「食スケジュール」を大公開！外食回数は年間600回以上。</p>"
    root = tree(f"<div class='entry-content'>{intro}{cards}</div>")
    assert listing_group(root, cut_page(root)) is None
    # A column of one periodic notice: the same title on every entry, each with its own date.
    notices = "".join(
        f"<li><a href='/tb/{i}.html'>城乡居民医保参保缴费情况每周通报</a><span>2024-05-{day:02d}</span></li>"
        for i, day in enumerate([6, 13, 20, 27])
    )
    root = tree(f"<ul>{notices}</ul>")
    group = listing_group(root, cut_page(root))
    assert group is not None and len(group.members) == 4


def discuz_row(tid: int, title: str, day: str, age: str) -> str:
    """A row of a Discuz! thread list: the title, the poster with the post's age, the last reply's age as a link;
    each age keeps its date in the `title` attribute."""
    return (
        f"<tbody id='normalthread_{tid}'><tr><th class='new'><a href='thread-{tid}-1-1.html' class='s xst'>{title}</a>"
        f"</th><td class='by'><cite><a href='home.php?uid={tid}'>yanhuo</a></cite><em><span><span title='{day}'>{age}"
        f"</span></span></em></td><td class='num'><a href='thread-{tid}-1-1.html'>1</a><em>82</em></td>"
        f"<td class='by'><em><a href='forum.php?tid={tid}&amp;goto=lastpost'><span title='{day} 17:50'>{age}</span>"
        "</a></em></td></tr></tbody>"
    )


def test_a_last_reply_time_that_links_is_no_title_and_an_age_keeps_its_date_in_its_title() -> None:
    rows = [
        discuz_row(1, "关于屏蔽功能", "2020-8-1", "昨天&nbsp;17:49"),
        discuz_row(2, "异地就医备案", "2020-7-31", "前天&nbsp;14:35"),
        discuz_row(3, "门诊报销问题", "2020-7-29", "3&nbsp;天前"),
        discuz_row(4, "医保卡丢了怎么补办", "2020-7-28", "4&nbsp;天前"),
    ]
    root = tree(f"<table summary='forum_9'>{''.join(rows)}</table>")
    group = listing_group(root, cut_page(root))
    assert group is not None
    records = listing_records(group, "https://bbs.example.cn/forum-9-1.html", vocabulary())
    assert [record.title for record in records] == [
        "关于屏蔽功能",
        "异地就医备案",
        "门诊报销问题",
        "医保卡丢了怎么补办",
    ]
    assert [record.published_at for record in records] == ["2020-08-01", "2020-07-31", "2020-07-29", "2020-07-28"]
    assert records[0].text.splitlines()[0] == "关于屏蔽功能" and "昨天 17:49" in records[0].text  # as printed
