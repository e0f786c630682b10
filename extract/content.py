"""HTML → Document: metadata (title, time, author, site, lang), the page family, and its records.

How: the page is parsed with lxml and cut into *lines* (the text between block boundaries and <br>),
each owned by its nearest block element. Every line gets a weight — positive for sentence text, negative
for link lists, boilerplate phrases and injected spam — and the article body is the element whose subtree
has the largest summed weight (a maximum-subtree search, so noise inside a wrapper costs it). Forums are
recognised by their post-body markup (Discuz! `postmessage_*` and the other engines in the vocabulary),
Q&A pages by question/answer markup, listings by a group of repeated sibling entries (title link + text)
that outweighs any article body. Vocabularies live in `extract/data/content_boilerplate.toml`.

May: drop any text it judges boilerplate, reorder nothing, join nothing across records.
Must never: change the characters of a line it keeps (normalization is a later stage), invent text,
or raise on malformed HTML (an unparsable page yields an empty Document).
"""

from __future__ import annotations

import copy
import functools
import re
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.etree

from extract.document import Document, Record

_DATA = Path(__file__).parent / "data" / "content_boilerplate.toml"

_BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
))  # fmt: skip
_REMOVED_TAGS = (
    "script", "style", "noscript", "template", "iframe", "select", "option", "textarea", "button", "input",
    "svg", "canvas", "object", "embed", "map", "video", "audio", "head", "link", "meta",
)  # fmt: skip
_SENTENCE_PUNCT = re.compile(r"[，。！？；：、,.!?;:“”\"]")
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u3000\u2002\u2003\u2009\u200b]+")
_ANY_SPACE = re.compile(r"[\s\u00a0\u3000\u2002\u2003\u2009\u200b]+")
_SPAM_SEPARATORS = re.compile(r"[_|｜]")
_TOKEN_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")
_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?"
    r"(?:\s*T?\s*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?"
)
_SIGNING_DATE = re.compile(
    r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*日"
)
_TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜]|\s[-–—·•]\s|--|——|(?<!\d)-(?!\d))\s*")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:release_date", "published_time", "publishdate",
    "publish_date", "pubdate", "datepublished", "dc.date.issued", "dc.date", "dcterms.created", "date",
    "sailthru.date", "article.published", "release_date", "createdate", "firstpublishedtime", "publishtime",
)  # fmt: skip
_AUTHOR_META = ("author", "article:author", "dc.creator", "byl", "sailthru.author")
_USER_LINK = re.compile(r"(uid=|space-uid-|/u/|/user/|/users/|/member/|/people/|/home/)", re.I)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    boilerplate_tokens: frozenset[str]
    strong_boilerplate_tokens: frozenset[str]
    content_tokens: frozenset[str]
    forum_body_ids: re.Pattern[str]
    forum_body_classes: frozenset[str]
    forum_author_classes: frozenset[str]
    forum_fingerprints: tuple[str, ...]
    forum_drop_lines: re.Pattern[str]
    floor_tokens: frozenset[str]
    floor_mark: re.Pattern[str]
    actions: frozenset[str]
    engine_authors: tuple[str, ...]
    buttons: re.Pattern[str]
    question_classes: frozenset[str]
    question_tokens: frozenset[str]
    answer_classes: frozenset[str]
    answer_tokens: frozenset[str]
    qa_other_tokens: frozenset[str]
    answer_headings: frozenset[str]
    followup_labels: frozenset[str]
    answer_count: re.Pattern[str]  # "2 个回答", "共3条回答": the page lists answers to one question
    entry_meta_tokens: frozenset[str]
    gov_label: re.Pattern[str]  # a 信息公开 metadata label opening a line, spaces removed ("索引号：", "标题")
    gov_generic_labels: frozenset[str]  # metadata labels other pages use too (标题, 来源)
    issuer_labels: frozenset[str]  # the labels that name the issuing agency (发布机构)
    date_labels: tuple[str, ...]  # the labels that date the document (发布日期, 成文日期), preferred first
    attachment_line: re.Pattern[str]  # "附件：…", "相关附件", "….docx": the notice's own attachment list
    more_links: frozenset[str]  # bare texts of "read more" links ("更多内容点击阅读"), never an entry's title
    file_badge: re.Pattern[str]  # an entry line that is only a file-type badge ("PDF", "[DOC]")
    lead_tokens: frozenset[str]
    lead_label: re.Pattern[str]
    author_tokens: frozenset[str]
    reply_words: frozenset[str]
    related_headings: frozenset[str]
    comment_headings: frozenset[str]
    drop_lines: re.Pattern[str]
    owner_line: re.Pattern[str]
    byline: re.Pattern[str]
    credit: re.Pattern[str]  # a credit label (责任编辑：, 文/, 来源：) not glued to a preceding word
    byline_start: re.Pattern[str]  # "本报记者 王乐文": a reporter line without a label colon
    spam_keywords: tuple[str, ...]  # CJK keywords, matched as substrings
    spam_words: re.Pattern[str]  # Latin keywords, matched as whole words ("av" is not in "have")


@functools.cache
def vocabulary() -> Vocabulary:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    forum, qa, lines = data["forum"], data["qa"], data["lines"]
    labels = "|".join(sorted(map(re.escape, lines["byline_labels"]), key=len, reverse=True))
    return Vocabulary(
        boilerplate_tokens=frozenset(data["tokens"]["boilerplate"]) | frozenset(data["tokens"]["strong_boilerplate"]),
        strong_boilerplate_tokens=frozenset(data["tokens"]["strong_boilerplate"]),
        content_tokens=frozenset(data["tokens"]["content"]),
        forum_body_ids=re.compile("|".join(f"(?:{p})" for p in forum["body_ids"]), re.I),
        forum_body_classes=frozenset(c.lower() for c in forum["body_classes"]),
        forum_author_classes=frozenset(c.lower() for c in forum["author_classes"]),
        forum_fingerprints=tuple(forum["fingerprints"]),
        forum_drop_lines=re.compile("|".join(f"(?:{p})" for p in forum["drop_lines"]), re.I),
        floor_tokens=frozenset(forum["floor_tokens"]),
        actions=frozenset(forum["actions"]),
        engine_authors=tuple(forum["engine_authors"]),
        buttons=re.compile(r"^\s*(?:[【\[]\s*(?:" + "|".join(map(re.escape, lines["buttons"])) + r")\s*[】\]]\s*)+"),
        floor_mark=re.compile(r"\s*(?:" + "|".join(forum["floor_marks"]) + r")\s*"),
        question_classes=frozenset(qa["question_classes"]),
        question_tokens=frozenset(qa["question_tokens"]),
        answer_classes=frozenset(qa["answer_classes"]),
        answer_tokens=frozenset(qa["answer_tokens"]),
        qa_other_tokens=frozenset(qa["other_tokens"]),
        answer_headings=frozenset(qa["answer_headings"]),
        followup_labels=frozenset(qa["followup_labels"]),
        answer_count=re.compile(r"^\s*(?:" + "|".join(qa["answer_count"]) + r")\s*$"),
        entry_meta_tokens=frozenset(data["listing"]["entry_meta_tokens"]),
        gov_label=re.compile(
            r"[【\[]?("
            + "|".join(
                map(
                    re.escape,
                    sorted(
                        data["gov"]["metadata_labels"] + data["gov"]["metadata_generic_labels"], key=len, reverse=True
                    ),
                )
            )
            + r")[】\]]?(?:[:：]|$)"
        ),
        gov_generic_labels=frozenset(data["gov"]["metadata_generic_labels"]),
        issuer_labels=frozenset(data["gov"]["issuer_labels"]),
        date_labels=tuple(data["gov"]["date_labels"]),
        attachment_line=re.compile(
            r"^\s*(?:"
            + "|".join(
                r"\s*".join(map(re.escape, label.rstrip(":：")))
                for label in sorted(data["gov"]["attachment_labels"], key=len, reverse=True)
            )
            + r")\s*\d*\s*(?:[:：]|$)|\.(?:"
            + "|".join(data["listing"]["file_badges"])
            + r")\s*[)）]?\s*$",
            re.I,
        ),
        more_links=frozenset(map(_link_key, data["listing"]["more_links"])),
        file_badge=re.compile(
            r"^\s*[\[【(（]?\s*(?:" + "|".join(data["listing"]["file_badges"]) + r")\s*[\]】)）]?\s*$", re.I
        ),
        lead_tokens=frozenset(data["lead"]["tokens"]),
        lead_label=re.compile(
            r"^\s*[【\[]?(?:"
            + "|".join(sorted(map(re.escape, data["lead"]["labels"]), key=len, reverse=True))
            + r")[】\]]?\s*[:：]"
        ),
        author_tokens=frozenset(data["listing"]["author_tokens"]),
        reply_words=frozenset(data["listing"]["reply_words"]),
        related_headings=frozenset(qa["related_headings"]) | frozenset(lines["related_headings"]),
        comment_headings=frozenset(lines["comment_headings"]),
        drop_lines=re.compile("|".join(f"(?:{p})" for p in lines["drop"]), re.I),
        owner_line=re.compile("|".join(f"(?:{p})" for p in lines["owner_line"]), re.I),
        byline=re.compile(rf"(?:{labels})\s*[:：]"),
        byline_start=re.compile(
            r"^\s*(?:" + "|".join(sorted(map(re.escape, lines["byline_starts"]), key=len, reverse=True)) + r")\s*\S"
        ),
        credit=re.compile(
            r"(?<![\u4e00-\u9fff])(?:"
            + "|".join(sorted(map(re.escape, lines["credit_labels"]), key=len, reverse=True))
            + r")\s*[:：/／]"
        ),
        spam_keywords=tuple(dict.fromkeys(k.lower() for k in data["spam"]["keywords"] if not k.isascii())),
        spam_words=re.compile(
            r"(?<![a-z])("
            + "|".join(re.escape(k.lower()) for k in data["spam"]["keywords"] if k.isascii())
            + r")(?![a-z])"
        ),
    )


@dataclass(slots=True)
class Line:
    """Text between two block boundaries, owned by its nearest block element."""

    owner: lxml.etree._Element
    text: str
    chars: int  # non-space characters
    link_chars: int

    @property
    def link_density(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0


def content(html: str, url: str | None = None, *, body_css: str | None = None) -> Document:
    """Extract the Document of one page. `body_css` (a per-site override) names the main-content element."""
    document = Document(url=url)
    root = _parse(html)
    if root is None:
        return document
    vocab = vocabulary()
    page_title = _metadata(root, document, vocab)
    _strip(root)
    page_lines = list(_lines(root))
    if page_title and document.title and document.title not in _heading_texts(root, vocab):
        # No <h1>/<h2> matched the <title>: a styled block often carries the headline instead.
        document.title = _title_line(page_lines, page_title, document.title)
    if not document.title:
        document.title = _first_heading(root)
    document.lang = _lang(root, page_lines) or document.lang
    if document.published_at is None:
        document.published_at = _byline_date(page_lines, document.title, vocab)
    if document.author is None:
        document.author = _byline_author(page_lines)

    override = _select(root, body_css) if body_css else None
    if override is not None:
        document.records = [Record(text="\n".join(_clean_lines(_lines(override), document.title, vocab)))]
        return _finish(document)

    posts = _forum_posts(root, vocab, url)
    if posts:
        document.kind = "forum"
        document.records = posts
        _open_with_subject(posts[0], document.title)
        if document.author is None:
            document.author = posts[0].author
        # The thread starts with its first post: its time beats any other date on the page.
        document.published_at = posts[0].published_at or document.published_at
        return _finish(document)

    qa = _qa_records(root, document.title, vocab)
    if qa:
        document.kind = "qa"
        document.records = qa
        return _finish(document)

    replies = _reply_group(page_lines, vocab)  # before boilerplate drop: comment lists are named "comment"
    issuer, dated = _drop_metadata_blocks(root, vocab)
    document.author = document.author or issuer
    document.published_at = document.published_at or dated
    _drop_boilerplate(root, vocab)
    lines = list(_lines(root))
    body_root, body_score = _best_subtree(lines, vocab)
    group = _listing_group(root, lines)
    if group is not None and _group_outweighs(group, lines, body_root):
        document.kind = "listing"
        document.records = _listing_records(group, url, vocab)
        return _finish(document)
    if replies is not None and _replies_outweigh(replies, lines, body_root):
        if document.title and any(_announces_answers(line.text, vocab) for line in page_lines):
            # "2 个回答" over the blocks: they answer the headline's question (a Q&A site without answer markup).
            document.kind = "qa"
            question = _question_lines(lines, replies, document.title, vocab)
            answers = _reply_records(replies, url, vocab)
            for answer in answers:
                answer.role = "answer"
            document.records = [
                Record(text="\n".join([document.title, *question]), role="question", title=document.title),
                *[answer for answer in answers if answer.text],
            ]
            return _finish(document)
        document.kind = "forum"
        document.records = _reply_records(replies, url, vocab)
        document.published_at = document.published_at or document.records[0].published_at
        return _finish(document)
    if replies is not None and body_root is not None and body_score > 0 and _is_thread(replies, body_root, vocab):
        # A thread of an engine we do not know: the opening post is the body, the numbered replies follow it.
        inside = set(body_root.iter())
        opening = Record(
            text="\n".join(_clean_lines([line for line in lines if line.owner in inside], document.title, vocab)),
            role="post",
            author=document.author or _opening_author(body_root, vocab),
            published_at=document.published_at,
            url=url,
        )
        document.kind = "forum"
        document.records = [opening, *_reply_records(replies, url, vocab)]
        _open_with_subject(document.records[0], document.title)
        return _finish(document)
    if body_root is not None and body_score > 0:
        inside = set(body_root.iter())
        body = [line for line in lines if line.owner in inside]
        answer_at = next((i for i, line in enumerate(body) if _bare(line.text) in vocab.answer_headings), None)
        if answer_at is not None and document.title:
            # A Q&A page without answer markup: "最佳答案" heads the answer, the headline is the question.
            document.kind = "qa"
            question_lines = _clean_lines(body[:answer_at], document.title, vocab)
            answer_lines = _clean_lines(body[answer_at + 1 :], document.title, vocab)
            document.records = [
                Record(text="\n".join([document.title, *question_lines]), role="question", title=document.title),
                Record(text="\n".join(answer_lines), role="answer"),
            ]
        else:
            lead = _lead(body_root, lines, vocab)
            document.records = [Record(text="\n".join(_clean_lines(lead + body, document.title, vocab)))]
    return _finish(document)


def _lead(body_root: lxml.etree._Element, lines: list[Line], vocab: Vocabulary) -> list[Line]:
    """The article's summary box ("核心提示：…") when it sits right above the body: the first block with text
    before the body (at its level or its parent's), short, prose, and named or labelled as a summary."""
    owned: dict[lxml.etree._Element, list[Line]] = {}
    for line in lines:
        element = line.owner
        while element is not None:
            owned.setdefault(element, []).append(line)
            element = element.getparent()
    for anchor in (body_root, body_root.getparent()):
        if anchor is None:
            return []
        previous = anchor.getprevious()
        while previous is not None and previous not in owned:
            previous = previous.getprevious()
        if previous is None:
            continue
        box = owned[previous]
        chars = sum(line.chars for line in box)
        links = sum(line.link_chars for line in box)
        named = bool(_tokens(previous) & vocab.lead_tokens) or vocab.lead_label.match(box[0].text) is not None
        if named and 10 <= chars <= 400 and links < 0.3 * chars and _SENTENCE_PUNCT.search(box[0].text):
            return box
        return []
    return []


# ----------------------------------------------------------------------------- parsing and lines


def _parse(html: str) -> lxml.etree._Element | None:
    if not html or not html.strip():
        return None
    # lxml refuses str input that carries an XML encoding declaration.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    # Plain etree elements: lxml.html's element classes cost a lookup per node and we use none of their methods.
    parser = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, recover=True)
    try:
        root = lxml.etree.fromstring(html, parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return None
    return root


def _text(element: lxml.etree._Element) -> str:
    return "".join(element.itertext())


def _strip(root: lxml.etree._Element) -> None:
    for element in list(root.iter(*_REMOVED_TAGS)):
        _drop(element)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            _drop(element)
    stats = _text_stats(root)
    for element in list(root.iter()):
        style = (element.get("style") or "").replace(" ", "").lower()
        hidden = "display:none" in style or "visibility:hidden" in style or element.get("hidden") is not None
        # Some CMSs hide the article until a script shows it: hidden prose stays.
        if hidden and not _holds_prose(element, stats):
            _drop(element)


def _drop(element: lxml.etree._Element) -> None:
    """Remove an element but keep its tail text (it belongs to the parent)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _lines(root: lxml.etree._Element) -> Iterator[Line]:
    """Cut the subtree into lines in document order (block elements, <br> and newlines in <pre> end a line)."""
    owners = [root]
    pieces: list[str] = []
    link_pieces: list[str] = []
    ready: list[Line] = []
    link_depth = 0
    pre_depth = 0

    def flush() -> None:
        if not pieces:
            return
        joined = "".join(pieces)
        pieces.clear()
        link_text = "".join(link_pieces) if link_pieces else ""
        link_pieces.clear()
        if joined.isspace():
            return
        text = _SPACE.sub(" ", joined).strip()
        if text:
            chars = len(text) - text.count(" ")
            link_chars = len(link_text) - sum(map(link_text.count, " \t\r\n\f\u00a0\u3000")) if link_text else 0
            ready.append(Line(owners[-1], text, chars, max(0, min(chars, link_chars))))

    def add(text: str | None) -> None:
        if not text:
            return
        parts = text.split("\n") if pre_depth else [text.replace("\n", " ")]
        for index, part in enumerate(parts):
            if index:
                flush()
            pieces.append(part)
            if link_depth:
                link_pieces.append(part)

    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCK_TAGS or tag == "br":
                flush()
            if tag in _BLOCK_TAGS:
                owners.append(element)
            link_depth += tag == "a"
            pre_depth += tag == "pre"
            add(element.text)
        else:
            link_depth -= tag == "a"
            pre_depth -= tag == "pre"
            if tag in _BLOCK_TAGS:
                flush()
                owners.pop()
            if element is not root:
                add(element.tail)
        if ready:
            yield from ready
            ready.clear()
    flush()
    yield from ready


def _tokens(element: lxml.etree._Element) -> set[str]:
    return {t for word in f"{element.get('class') or ''} {element.get('id') or ''}".split() for t in _word_parts(word)}


@functools.lru_cache(maxsize=8192)
def _word_parts(word: str) -> tuple[str, ...]:
    """ "relatedNews-box" → ("related", "news", "box"): class and id words repeat, so this is cached."""
    return tuple(t.lower() for t in _TOKEN_SPLIT.split(word) if t)


def _class_words(element: lxml.etree._Element) -> set[str]:
    return {w.lower() for w in (element.get("class") or "").split()}


# ----------------------------------------------------------------------------- line judgement


def _is_spam(text: str, vocab: Vocabulary) -> bool:
    lowered = text.lower()
    hits = sum(1 for keyword in vocab.spam_keywords if keyword in lowered)
    hits += len(set(vocab.spam_words.findall(lowered)))
    segments = len(_SPAM_SEPARATORS.split(text))
    return hits >= 3 or (hits >= 2 and segments >= 3)


def _is_byline(line: Line, vocab: Vocabulary) -> bool:
    if line.chars > 80:
        return False
    if line.chars <= 40 and _DATE.match(line.text.strip()):
        return True  # "2024-05-13 06:16 发布于北京": a dateline, not a sentence
    labelled = len(vocab.byline.findall(line.text))
    return labelled >= 2 or (labelled == 1 and (_DATE.search(line.text) is not None or line.chars <= 25))


def _is_credit(line: Line, vocab: Vocabulary) -> bool:
    """A short credit line ("责任编辑：孙重远", "文/栗思"): one role, no date, no counter. A line naming several
    roles ("[作者: 刘满仓 责任编辑: 杨丹宇]") is a byline block, not the article's closing credit."""
    return (
        line.chars <= 60
        and len(vocab.credit.findall(line.text)) == 1
        and not _DATE.search(line.text)
        and not _CLOCK.search(line.text)
        and not _COUNTER.search(line.text)
    )


_COUNTER = re.compile(r"(浏览|点击|阅读|瀏覽|點擊|閱讀)[^:：]{0,3}[:：]?\s*\d")


def _weight(line: Line, vocab: Vocabulary) -> float:
    """How much a line speaks for the element that holds it being the main content."""
    if vocab.drop_lines.search(line.text) or _is_spam(line.text, vocab):
        return -float(line.chars)
    if line.link_density > 0.5:
        return -0.75 * line.chars
    nonlink = line.chars - line.link_chars
    punct = len(_SENTENCE_PUNCT.findall(line.text))
    if punct == 0 and nonlink < 25:
        return -min(nonlink, 10) * 0.5
    return nonlink * (1.0 - line.link_density)


def _best_subtree(lines: list[Line], vocab: Vocabulary) -> tuple[lxml.etree._Element | None, float]:
    weights = [_weight(line, vocab) for line in lines]
    # The abstracts of a "推荐阅读" block are prose too: they must not lift the body up to a page-wide wrapper.
    for start, end in _related_blocks(lines, weights, vocab):
        for i in range(start, end):
            weights[i] = min(weights[i], 0.0)
    own: dict[lxml.etree._Element, float] = {}
    for line, weight in zip(lines, weights, strict=True):
        own[line.owner] = own.get(line.owner, 0.0) + weight
    total: dict[lxml.etree._Element, float] = {}
    for owner, weight in own.items():
        element = owner
        while element is not None:
            total[element] = total.get(element, 0.0) + weight
            element = element.getparent()
    if not total:
        return None, 0.0
    best = max(total.values())
    # The deepest element reaching the best score: wrappers that add nothing are not the content.
    candidates = [e for e, score in total.items() if score >= best - 1e-6]
    return max(candidates, key=_depth), best


def _related_blocks(lines: list[Line], weights: list[float], vocab: Vocabulary) -> list[tuple[int, int]]:
    """Line ranges of the sections a related-reading heading opens: the highest element whose first line is the
    heading and that does not hold the page's weightiest line (the article's, not a 60-character abstract)."""
    if not lines:
        return []
    top = max(range(len(lines)), key=weights.__getitem__)
    first: dict[lxml.etree._Element, int] = {}
    last: dict[lxml.etree._Element, int] = {}
    for i, line in enumerate(lines):
        element = line.owner
        while element is not None:
            first.setdefault(element, i)
            last[element] = i
            element = element.getparent()
    blocks = []
    for i, line in enumerate(lines):
        if _bare(line.text) not in vocab.related_headings:
            continue
        block, parent = line.owner, line.owner.getparent()
        while parent is not None and first.get(parent) == i and not first[parent] <= top <= last[parent]:
            block, parent = parent, parent.getparent()
        if last[block] > i:
            blocks.append((i, last[block] + 1))
    return blocks


def _depth(element: lxml.etree._Element) -> int:
    depth = 0
    while element is not None:
        element = element.getparent()
        depth += 1
    return depth


def _clean_lines(lines: Iterator[Line] | list[Line], title: str | None, vocab: Vocabulary) -> list[str]:
    """The lines of a chosen main-content element, without its furniture."""
    kept: list[str] = []
    owners: list[lxml.etree._Element] = []
    in_related = False
    prose_seen = False  # bylines sit above the prose; credit lines after it belong to the article
    headline: lxml.etree._Element | None = None  # the element that printed the title, once met
    lines = list(lines)
    last_prose = max((i for i, line in enumerate(lines) if _is_prose(line.text, line.chars)), default=-1)
    for index, line in enumerate(lines):
        text = vocab.buttons.sub("", line.text)
        if not text:
            continue
        if _is_tail_heading(text, vocab):
            # Related lists and comment threads follow the body: from there on only prose survives.
            if len(kept) >= 3:
                break
            in_related = True
            continue
        if in_related:
            punct = len(_SENTENCE_PUNCT.findall(text))
            if line.link_density > 0.5 or (punct <= 1 and line.chars < 40):
                continue
            in_related = False
        if vocab.drop_lines.search(text) or vocab.forum_drop_lines.search(text) or _is_spam(text, vocab):
            continue
        attachment = prose_seen and vocab.attachment_line.search(text) is not None
        if line.link_density > 0.6 and line.chars < 120 and not (prose_seen and index < last_prose) and not attachment:
            # Link lines between two paragraphs of the body are the article's own ("▶ 典型案例丨…" under an
            # item of a digest); above the prose or after its last paragraph they are menus and related lists.
            continue
        if title and _same_text(text, title):
            if kept and _is_kicker(owners[-1], line.owner):
                kept.pop()
                owners.pop()
            headline = line.owner
            continue
        if headline is not None and _is_subtitle(headline, line.owner):
            continue
        signed = prose_seen and _SIGNING_DATE.fullmatch(text.strip()) is not None
        if _is_byline(line, vocab) and not (prose_seen and _is_credit(line, vocab)) and not signed:
            # After the prose a bare "2024年5月13日" is the date a notice was signed (its 落款), not a dateline.
            continue
        if not prose_seen and _is_reporter_line(line, vocab):
            continue
        kept.append(text)
        owners.append(line.owner)
        prose_seen = prose_seen or _is_prose(text, line.chars)
    # Stray buttons and captions ("+1", "图集") at the edges of the body; a table's short cells ("中", "风险等级")
    # are the body's own.
    while kept and len(kept[0].replace(" ", "")) <= 4 and owners[0].tag not in _CELLS:
        kept.pop(0)
        owners.pop(0)
    while kept and len(kept[-1].replace(" ", "")) <= 4 and owners[-1].tag not in _CELLS:
        kept.pop()
        owners.pop()
    return kept


def _is_prose(text: str, chars: int) -> bool:
    return chars >= 40 and len(_SENTENCE_PUNCT.findall(text)) >= 2


def _is_kicker(previous: lxml.etree._Element, headline: lxml.etree._Element) -> bool:
    """A heading right above the headline heading (h3.pre "河南着力培育新动能塑造新优势" over the h1): the
    kicker (引题) belongs to the headline, which the metadata keeps, not to the body."""
    return (
        isinstance(previous.tag, str)
        and previous.tag in _HEADINGS
        and headline.tag in _HEADINGS
        and previous.getnext() is headline
    )


_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_CELLS = frozenset(("td", "th"))


def _is_subtitle(headline: lxml.etree._Element, element: lxml.etree._Element) -> bool:
    """A heading after the headline in a block of headings only (div.detail-article-title > h3 + h2 + h3 "成功举办…
    推介会"): the 副题 belongs to the headline, as the kicker does, not to the body."""
    parent = headline.getparent()
    return (
        isinstance(element.tag, str)
        and element.tag in _HEADINGS
        and headline.tag in _HEADINGS
        and parent is not None
        and element.getparent() is parent
        and all(child.tag in _HEADINGS for child in parent if isinstance(child.tag, str))
    )


def _is_reporter_line(line: Line, vocab: Vocabulary) -> bool:
    return (
        line.chars <= 30 and not _SENTENCE_PUNCT.search(line.text) and vocab.byline_start.match(line.text) is not None
    )


def _bare(text: str) -> str:
    return re.sub(r"[\s:：>＞»\[\]【】]+", "", text)


def _is_tail_heading(text: str, vocab: Vocabulary) -> bool:
    bare = _bare(text)
    return bare in vocab.related_headings or bare in vocab.comment_headings


def _same_text(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


# ----------------------------------------------------------------------------- boilerplate containers


def _drop_boilerplate(root: lxml.etree._Element, vocab: Vocabulary) -> None:
    """Drop nav/footer/share/related containers named so by their class or id, unless they hold prose.

    Comment threads and related-article boxes hold prose too: their tokens drop them whatever they hold,
    unless the element holds most of the page (a wrapper that happens to carry such a class)."""
    doomed = []
    stats = _text_stats(root)
    for element in root.iter(*_BLOCK_TAGS, "span", "a"):
        if element.tag in ("html", "body"):
            continue
        words = [w for w in (element.get("class") or "").split() + (element.get("id") or "").split() if w]
        if not words:
            continue
        bad = strong = False
        for word in words:
            parts = _word_parts(word)
            if not parts:
                continue
            if parts[-1] in vocab.boilerplate_tokens or (
                any(p in vocab.boilerplate_tokens for p in parts) and not any(p in vocab.content_tokens for p in parts)
            ):
                bad = True
                strong = strong or parts[-1] in vocab.strong_boilerplate_tokens
            elif any(p in vocab.content_tokens for p in parts):
                bad = strong = False
                break
        if not bad:
            continue
        if strong:
            if stats[element].chars < 0.5 * stats[root].chars:
                doomed.append(element)
        elif not _holds_prose(element, stats):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            _drop(element)


def _drop_metadata_blocks(root: lxml.etree._Element, vocab: Vocabulary) -> tuple[str | None, str | None]:
    """Drop the 信息公开 metadata blocks ("索引号：… 发布机构：… 文号：…"); return the issuing agency they name and
    the date they give (ISO), if any.

    A block is the outermost element holding three or more distinct labels (two of them specific to such blocks)
    whose labels and values make up most of
    its text (a wrapper that also holds the body does not qualify). Only text of the page may change: nothing is
    dropped on a page without such labels."""
    labels_under: dict[lxml.etree._Element, set[str]] = {}
    for node in root.iter():
        if not isinstance(node.tag, str):
            continue
        for text in (node.text, node.tail):
            if text and (found := _gov_label(text, vocab)):
                owner = node if text is node.text else node.getparent()
                label = found[0]
                while owner is not None:
                    labels_under.setdefault(owner, set()).add(label)
                    owner = owner.getparent()
    candidates = [
        element
        for element, labels in labels_under.items()
        if len(labels) >= 3 and len(labels - vocab.gov_generic_labels) >= 2 and element.tag not in ("html", "body")
    ]
    issuer = dated = None
    dropped: set[lxml.etree._Element] = set()
    for element in sorted(candidates, key=_depth):
        if any(ancestor in dropped for ancestor in element.iterancestors()):
            continue
        lines = list(_lines(element))
        total = sum(line.chars for line in lines)
        covered, value_of = 0, None
        pairs: dict[str, str] = {}
        for line in lines:
            found = _gov_label(line.text, vocab)
            if found:
                label, value = found
                covered += line.chars
                if value:
                    pairs.setdefault(label, value)
                    value_of = None
                else:
                    value_of = label
            elif value_of is not None and line.chars <= 60:
                covered += line.chars
                pairs.setdefault(value_of, line.text.strip())
                value_of = None
            else:
                value_of = None
        if not total or covered < 0.7 * total:
            continue
        issuer = issuer or next((pairs[label] for label in pairs if label in vocab.issuer_labels), None)
        dated = dated or next((iso for label in vocab.date_labels if (iso := _iso_date(pairs.get(label)))), None)
        dropped.add(element)
    for element in dropped:
        if element.getparent() is not None:
            _drop(element)
    return issuer, dated


def _gov_label(text: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """The metadata label that opens `text` ("索 引 号：" → "索引号") and the value after it, spaces removed."""
    compact = _ANY_SPACE.sub("", text[:200])
    match = vocab.gov_label.match(compact)
    return (match.group(1), compact[match.end() :]) if match else None


@dataclass(slots=True)
class _Stats:
    chars: int = 0  # characters of text (whitespace included, as lxml gives it)
    link_chars: int = 0
    punct: int = 0


def _text_stats(root: lxml.etree._Element) -> dict[lxml.etree._Element, _Stats]:
    """Text size, link text size and sentence punctuation of every subtree, in one pass."""
    stats: dict[lxml.etree._Element, _Stats] = {}
    stack: list[_Stats] = []
    links = 0

    def count(text: str | None, into: _Stats) -> None:
        if text:
            into.chars += len(text)
            into.punct += len(_SENTENCE_PUNCT.findall(text))
            if links:
                into.link_chars += len(text)

    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            links += element.tag == "a"
            stack.append(_Stats())
            count(element.text, stack[-1])
        else:
            links -= element.tag == "a"
            own = stack.pop()
            stats[element] = own
            if stack:
                parent = stack[-1]
                parent.chars += own.chars
                parent.link_chars += own.link_chars
                parent.punct += own.punct
                count(element.tail, parent)
    return stats


def _holds_prose(element: lxml.etree._Element, stats: dict[lxml.etree._Element, _Stats] | None = None) -> bool:
    measured = (stats or {}).get(element) or _text_stats(element)[element]
    chars, links = measured.chars, measured.link_chars
    return chars >= 150 and measured.punct >= 6 and links < 0.3 * chars and chars - links >= 200


# ----------------------------------------------------------------------------- metadata


def _metadata(root: lxml.etree._Element, document: Document, vocab: Vocabulary) -> str:
    """Fill title, site, published_at, author and lang from <head> and headings; return the <title> text."""
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = (meta.get("content") or "").strip()
        if key and value and key not in metas:
            metas[key] = value
    page_title = _SPACE.sub(" ", root.findtext(".//title") or "").strip()
    if _is_spam(page_title, vocab):
        page_title = ""
    owners = [
        _SPACE.sub("", text)
        for text in root.xpath("//body//text()")
        if len(text) <= 200 and vocab.owner_line.search(text)
    ]
    document.title = _title(page_title, metas.get("og:title"), _heading_texts(root, vocab), vocab, owners)
    document.site = (
        metas.get("og:site_name") or metas.get("application-name") or _site_from_title(page_title, document.title)
    )
    for key in _PUBLISHED_META:
        if key in metas and (iso := _iso_date(metas[key])):
            document.published_at = iso
            break
    else:
        for time in root.iter("time"):
            if iso := _iso_date(time.get("datetime") or _text(time)):
                document.published_at = iso
                break
    for key in _AUTHOR_META:
        value = metas.get(key)
        if value and len(value) <= 60 and not value.isdigit() and not re.search(r"https?:|www\.|\.(com|cn|net)", value):
            if any(engine in value.lower() for engine in vocab.engine_authors):
                continue  # the software's credit, not the author
            document.author = value
            break
    lang = (root.get("lang") or root.get("xml:lang") or "").lower()
    if lang.startswith(("zh", "en")):
        document.lang = lang[:2]
    return page_title


def _heading_texts(root: lxml.etree._Element, vocab: Vocabulary) -> list[str]:
    headings = [_SPACE.sub(" ", _text(h)).strip() for h in root.iter("h1", "h2")]
    return [h for h in headings if 2 <= len(h) <= 120 and not _is_spam(h, vocab)]


def _title_line(lines: list[Line], page_title: str, fallback: str) -> str:
    """The longest short line that the <title> contains and that is most of it (not the whole <title> with
    its site suffix: that is the page repeating its <title>, not the headline)."""
    bare_title = re.sub(r"\s+", "", page_title)
    bare_fallback = re.sub(r"\s+", "", fallback)
    whole_is_title = bare_fallback == bare_title
    # The other segments of the <title> ("Ruby China" in "Ruby：极致的脚本语言 · Ruby China") name the site.
    site_segments = {re.sub(r"\s+", "", s) for s in _TITLE_SEPARATORS.split(page_title)} - {bare_fallback}
    best, best_len = fallback, 0
    for line in lines:
        bare = re.sub(r"\s+", "", line.text)
        if not 6 <= len(bare) <= 120 or len(bare) < 0.4 * len(bare_title) or bare not in bare_title:
            continue
        if (bare == bare_title and not whole_is_title) or (bare in site_segments and len(bare) < len(bare_fallback)):
            continue
        if len(bare) > best_len:
            best, best_len = line.text, len(bare)
    return best


def _title(
    page_title: str, og_title: str | None, headings: list[str], vocab: Vocabulary, owners: list[str] | None = None
) -> str | None:
    if page_title and _is_spam(page_title, vocab):
        page_title = ""
    reference = og_title or page_title
    if reference:
        bare = re.sub(r"\s+", "", reference)
        # The longest heading the <title> contains: the site's logo heading is contained too, but shorter.
        matching = [h for h in headings if re.sub(r"\s+", "", h) in bare]
        if matching:
            return max(matching, key=len)
    if og_title and not _is_spam(og_title, vocab):
        return og_title.strip()
    if page_title:
        segments = [s.strip() for s in _TITLE_SEPARATORS.split(page_title) if s.strip()]
        # "公司公告 - 东方阿尔法基金管理有限公司": the segment a copyright line names is the site.
        owned = [s for s in segments[:2] if any(_SPACE.sub("", s) in owner for owner in owners or ())]
        if len(segments) >= 2 and len(owned) == 1:
            return next(s for s in segments[:2] if s is not owned[0])
        return max(segments[:2], key=len) if segments else page_title
    return None


def _first_heading(root: lxml.etree._Element) -> str | None:
    for heading in root.iter("h1", "h2"):
        text = _SPACE.sub(" ", _text(heading)).strip()
        if 2 <= len(text) <= 120:
            return text
    return None


def _site_from_title(page_title: str, title: str | None) -> str | None:
    segments = [s for s in _TITLE_SEPARATORS.split(page_title) if s.strip() and not s.lower().startswith("powered by")]
    if len(segments) >= 2 and segments[-1].strip() != title and len(segments[-1]) <= 30:
        return segments[-1].strip()
    # "恒生前海基金|信息披露": the site first, the title last.
    if len(segments) >= 2 and segments[-1].strip() == title and len(segments[0]) <= 30:
        return segments[0].strip()
    return None


def _iso_date(text: str | None) -> str | None:
    if not text:
        return None
    match = _DATE.search(text)
    if not match:
        return None
    year, month, day, hour, minute, second = match.groups()
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    iso = f"{year}-{int(month):02d}-{int(day):02d}"
    if hour is not None and int(hour) < 24 and int(minute) < 60:
        iso += f"T{int(hour):02d}:{minute}"
        if second is not None:
            iso += f":{second}"
    return iso


_DATE_LABEL = re.compile(r"(发布|發布|发表|發表|更新|日期|时间|時間|发文|成文)[^:：\d]{0,4}[:：]?\s*")


def _byline_date(lines: list[Line], title: str | None, vocab: Vocabulary) -> str | None:
    """The byline's date: a labelled date (发布时间：…) just under the title, else any date there, else a
    labelled date anywhere. Without a title line to anchor on, unlabelled dates are not trusted: page headers
    carry today's date."""
    start = None
    if title:
        for index, line in enumerate(lines):
            if _same_text(line.text, title) or (
                len(title) >= 6 and title in line.text and line.chars < len(title) + 20
            ):
                start = index
                break
    if start is not None:
        window = [line for line in lines[start : start + 12] if line.chars <= 160]
        for line in window:
            if (match := _DATE_LABEL.search(line.text)) and (iso := _iso_date(line.text[match.end() :][:40])):
                return iso
        for line in window:
            if iso := _iso_date(line.text):
                return iso
    for line in lines:
        if (match := _DATE_LABEL.search(line.text)) and (iso := _iso_date(line.text[match.end() :][:40])):
            return iso
    # "2005-01-14 17:02:30 来源: 21世纪经济报道": a date on a byline line.
    for line in lines:
        if line.chars <= 80 and vocab.byline.search(line.text) and (iso := _iso_date(line.text)):
            return iso
    return None


def _byline_author(lines: list[Line]) -> str | None:
    pattern = re.compile(r"(?:作者|撰文|(?<![\u4e00-\u9fff])文)\s*[:：／/]\s*([^\s|｜,，;；:：()（）]{2,20})")
    for line in lines[:400]:
        if line.chars <= 120 and (match := pattern.search(line.text)):
            return match.group(1)
    return None


def _lang(root: lxml.etree._Element, lines: list[Line]) -> str | None:
    sample = "".join(line.text for line in lines[:400])
    cjk, latin = len(_CJK.findall(sample)), len(_LATIN.findall(sample))
    if cjk == 0 and latin == 0:
        return None
    return "zh" if cjk * 3 >= latin * 0.5 else "en"


def _select(root: lxml.etree._Element, css: str) -> lxml.etree._Element | None:
    try:
        from lxml.cssselect import CSSSelector

        found = CSSSelector(css)(root)
    except Exception:  # a bad override must fall back to the generic rules, not sink the page
        return None
    return found[0] if found else None


def _finish(document: Document) -> Document:
    document.records = [r for r in document.records if r.text.strip()]
    return document


# ----------------------------------------------------------------------------- forum


def _forum_posts(root: lxml.etree._Element, vocab: Vocabulary, url: str | None) -> list[Record]:
    marked = [e for e in root.iter() if isinstance(e.tag, str) and (e.get("id") or e.get("class"))]
    by_id = [e for e in marked if vocab.forum_body_ids.fullmatch(e.get("id") or "")]
    bodies = by_id or [e for e in marked if _class_words(e) & vocab.forum_body_classes]
    # A body nested in another body (a quote box marked up like a post) belongs to the outer one.
    body_set = set(bodies)
    outer = [b for b in bodies if not any(a in body_set for a in b.iterancestors())]
    if len(outer) < 1 or (len(outer) == 1 and not _looks_like_forum(root, vocab)):
        return []
    containers = _post_containers(outer)
    records = []
    for body, container in zip(outer, containers, strict=True):
        lines = [line for line in _lines(body) if not vocab.forum_drop_lines.search(line.text)]
        lines = [line for line in lines if not vocab.drop_lines.search(line.text) and not _is_spam(line.text, vocab)]
        text = "\n".join(line.text for line in lines)
        records.append(
            Record(
                text=text,
                role="post",
                author=_post_author(container, body, vocab),
                published_at=_post_time(container),
                url=url,
            )
        )
    return records


def _open_with_subject(first: Record, subject: str | None) -> None:
    """A thread's subject line is its first post's heading (the thread is about it; its entities count)."""
    if not subject:
        return
    first.title = first.title or subject
    if not _same_text(first.text.split("\n", 1)[0], subject):
        first.text = f"{subject}\n{first.text}" if first.text else subject


def _looks_like_forum(root: lxml.etree._Element, vocab: Vocabulary) -> bool:
    generator = " ".join(m.get("content") or "" for m in root.iter("meta")).lower()
    return any(f in generator for f in vocab.forum_fingerprints)


def _post_containers(bodies: list[lxml.etree._Element]) -> list[lxml.etree._Element]:
    """For each post body, the largest ancestor holding no other post: where its author and time are."""
    count: dict[lxml.etree._Element, int] = {}
    for body in bodies:
        for ancestor in body.iterancestors():
            count[ancestor] = count.get(ancestor, 0) + 1
    containers = []
    for body in bodies:
        container = body
        for ancestor in body.iterancestors():
            if count[ancestor] > 1:
                break
            container = ancestor
        containers.append(container)
    return containers


def _post_author(container: lxml.etree._Element, body: lxml.etree._Element, vocab: Vocabulary) -> str | None:
    inside_body = set(body.iter())
    marked = [
        element
        for element in container.iter()
        if element not in inside_body
        and isinstance(element.tag, str)
        and (element.tag == "cite" or _class_words(element) & vocab.forum_author_classes)
    ]
    # The innermost marked element: a whole user panel is marked too, but the name sits inside it.
    marked_set = set(marked)
    for element in marked:
        if any(d in marked_set for d in element.iterdescendants()):
            continue
        text = " ".join(_text(element).split())
        if 1 <= len(text) <= 40:
            return text
    for link in container.iter("a"):
        if link in inside_body:
            continue
        text = _SPACE.sub(" ", _text(link)).strip()
        if _USER_LINK.search(link.get("href") or "") and 1 <= len(text) <= 30:
            return text
    return None


_POSTED = re.compile(r"发表于|发表時間|發表於|posted|发布于|回复于", re.I)


def _post_time(container: lxml.etree._Element) -> str | None:
    for time in container.iter("time"):
        if iso := _iso_date(time.get("datetime") or time.get("title") or _text(time)):
            return iso
    text = _text(container)
    posted = re.search(r"(发表于|发表時間|發表於|posted|发布于|回复于)\s*[:：]?\s*", text, re.I)
    if posted and (iso := _iso_date(text[posted.end() : posted.end() + 40])):
        return iso
    if posted:
        # "发表于 <span title="2024-5-21 11:01:32">6 天前</span>": the relative time keeps the date in its title.
        for element in container.iter():
            if isinstance(element.tag, str) and (title := element.get("title")) and (iso := _iso_date(title)):
                parent = element.getparent()
                if parent is not None and _POSTED.search(_text(parent)):
                    return iso
    return _iso_date(text[:2000])


# ----------------------------------------------------------------------------- forums without known marks

_POST_TAGS = frozenset(("div", "li", "article", "section", "table", "tr", "dl", "blockquote"))


def _reply_group(lines: list[Line], vocab: Vocabulary) -> _Group | None:
    """A run of repeated sibling blocks that each hold a short text by someone at some time: comments or
    replies on a page whose engine we do not know (douban comments, small forums). Entries with a title link
    are a listing's, not replies; single-line blocks are paragraphs, not posts."""
    nonlink: dict[lxml.etree._Element, int] = {}
    count: dict[lxml.etree._Element, int] = {}
    for line in lines:
        element = line.owner
        while element is not None:
            nonlink[element] = nonlink.get(element, 0) + line.chars - line.link_chars
            count[element] = count.get(element, 0) + 1
            element = element.getparent()
    best: _Group | None = None
    for parent in {e.getparent() for e in nonlink if e.getparent() is not None}:
        children = [c for c in parent if c.tag in _POST_TAGS and c in nonlink]
        if len(children) < 2:
            continue
        for members in _similar_siblings(children):
            posts = [
                m
                for m in members
                if nonlink[m] >= 15
                and count[m] >= 2
                # The replier's name is a link too: only a link outside the furniture makes a listing entry.
                and _title_link(m, 6, skip=vocab.entry_meta_tokens, fallback=False) is None
                and (_DATE.search(_text(m)) or _CLOCK.search(_text(m)) or _has_author(m, vocab))
            ]
            if len(posts) < 2 or len(posts) < 0.6 * len(members):
                continue
            # Two blocks are posts only when numbered by floor (#1, #2): two paragraphs with a date are not.
            if len(posts) < 3 and not all(_has_floor(m, vocab) for m in posts):
                continue
            total = sum(nonlink[m] for m in members)
            if best is None or total > best.chars:
                best = _Group(members, total)
    if best is not None:
        # Boilerplate removal runs next and may gut the originals ("comment" is a boilerplate word).
        best.copies = [copy.deepcopy(m) for m in best.members]
    return best


_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)|\d+\s*(分钟|小时|天)前|(昨天|前天|今天)")


def _attribute_date(element: lxml.etree._Element) -> str | None:
    """A date kept in an attribute (<abbr class="timeago" title="2024年04月24日">1 月前</abbr>)."""
    for child in element.iter():
        if isinstance(child.tag, str):
            for name in ("datetime", "title", "data-time"):
                if (value := child.get(name)) and (iso := _iso_date(value)):
                    return iso
    return None


def _has_author(element: lxml.etree._Element, vocab: Vocabulary) -> bool:
    return any(_tokens(e) & vocab.author_tokens for e in element.iter() if isinstance(e.tag, str))


def _is_thread(group: _Group, body_root: lxml.etree._Element, vocab: Vocabulary) -> bool:
    """Replies numbered by floor (#1, 2楼, 沙发) under a body that does not hold them: a forum thread whose
    opening post is long, not an article with a comment box (news comments carry no floor numbers)."""
    inside = set(body_root.iter())
    if any(member in inside for member in group.members):
        return False
    numbered = sum(1 for member in group.copies or group.members if _has_floor(member, vocab))
    return numbered >= 0.6 * len(group.members)


def _has_floor(member: lxml.etree._Element, vocab: Vocabulary) -> bool:
    for element in member.iter():
        if not isinstance(element.tag, str):
            continue
        if _tokens(element) & vocab.floor_tokens:
            return True
        text = element.text or ""
        if len(text) <= 8 and len(element) == 0 and vocab.floor_mark.fullmatch(text):
            return True
    return False


def _opening_author(body_root: lxml.etree._Element, vocab: Vocabulary) -> str | None:
    """The opening post's author: an author mark beside the body, in its card or post container."""
    container = body_root.getparent()
    for _ in range(2):
        if container is None:
            return None
        for element in container.iter():
            if element in set(body_root.iter()) or not isinstance(element.tag, str):
                continue
            text = " ".join(_text(element).split())
            if _tokens(element) & vocab.author_tokens and 1 <= len(text) <= 30:
                return text
        container = container.getparent()
    return None


def _replies_outweigh(group: _Group, lines: list[Line], body_root: lxml.etree._Element | None) -> bool:
    """Replies win over an article only when the article beside them is thin (a comment page, a thread)."""
    if body_root is None:
        return True
    members = {e for member in group.members for e in member.iter()}
    body = set(body_root.iter())
    outside = sum(line.chars - line.link_chars for line in lines if line.owner in body and line.owner not in members)
    return group.chars > 1.5 * outside and outside < 300


_ACTION_PARTS = re.compile(r"[|｜·•/\s]+")
_COUNT = re.compile(r"[(（]?\d+[)）]?")


def _is_action_bar(text: str, vocab: Vocabulary) -> bool:
    """ "| 回复 | | 举报", "2天前 · 赞 · 回复": only action words, counts, times and separators."""
    parts = [p for p in _ACTION_PARTS.split(text) if p]
    return bool(parts) and all(
        p.strip("()（）0123456789") in vocab.actions or _COUNT.fullmatch(p) or _CLOCK.fullmatch(p) for p in parts
    )


def _reply_records(group: _Group, url: str | None, vocab: Vocabulary) -> list[Record]:
    records = []
    for member in group.copies or group.members:
        kept = [
            line.text
            # A reply's text sits in "comment-content" or "reply-text": those words are not furniture here.
            for line in _entry_lines(member, None, vocab, vocab.entry_meta_tokens - vocab.reply_words)
            if line.link_density <= 0.5
            and not _META_ONLY.fullmatch(line.text)
            and not vocab.drop_lines.search(line.text)
            and not vocab.forum_drop_lines.search(line.text)
            and not vocab.floor_mark.fullmatch(line.text)
            and not _is_action_bar(line.text, vocab)
            and not _is_spam(line.text, vocab)
        ]
        author = next(
            (
                " ".join(_text(e).split())
                for e in member.iter()
                if isinstance(e.tag, str) and _tokens(e) & vocab.author_tokens and 1 <= len(_text(e).strip()) <= 30
            ),
            None,
        )
        records.append(
            Record(
                text="\n".join(kept),
                role="post",
                author=author,
                published_at=_iso_date(_text(member)) or _attribute_date(member),
                url=url,
            )
        )
    return records


# ----------------------------------------------------------------------------- Q&A


def _announces_answers(text: str, vocab: Vocabulary) -> bool:
    return bool(vocab.answer_count.match(text)) or _bare(text) in vocab.answer_headings


_STAT = re.compile(r"\d+\s*\S{1,4}")


def _is_stat_line(text: str, vocab: Vocabulary) -> bool:
    """ "45 人浏览 | 2 个回答 | 收藏问题": counters and buttons only."""
    parts = [p.strip() for p in re.split(r"[|｜·•/]", text) if p.strip()]
    return bool(parts) and all(
        _STAT.fullmatch(p) or _announces_answers(p, vocab) or _is_action_bar(p, vocab) for p in parts
    )


def _question_lines(lines: list[Line], replies: _Group, title: str, vocab: Vocabulary) -> list[str]:
    """The question's description: prose between the headline and the first answer. Asker, time, view and
    answer counts and the buttons there ("收藏问题", "提交回答") are short lines without sentence text."""
    members = {e for member in replies.members for e in member.iter()}
    first = next((i for i, line in enumerate(lines) if line.owner in members), len(lines))
    start = next((i + 1 for i, line in enumerate(lines[:first]) if _same_text(line.text, title)), None)
    if start is None:
        return []
    kept = []
    for text in _clean_lines(lines[start:first], title, vocab):
        if _announces_answers(text, vocab) or _META_ONLY.fullmatch(text) or _is_stat_line(text, vocab):
            continue
        if len(_SPACE.sub("", text)) >= 10 or len(_SENTENCE_PUNCT.findall(text)) >= 1:
            kept.append(text)
    return kept


def _qa_records(root: lxml.etree._Element, title: str | None, vocab: Vocabulary) -> list[Record]:
    blocks = _qa_blocks(root, vocab.answer_classes, vocab.answer_tokens, vocab)
    answers = _innermost(blocks)
    if not answers:
        return []
    inside_answers = {e for answer in answers for e in answer.iter()}
    questions = [
        q
        for q in _outermost(_qa_blocks(root, vocab.question_classes, vocab.question_tokens, vocab))
        if q not in inside_answers and not any(a in inside_answers for a in q.iterdescendants())
    ]
    question_lines: list[str] = []
    for question in questions[:2]:
        question_lines += _clean_lines(_lines(question), None, vocab)
    if title and not any(_same_text(title, q) for q in question_lines):
        question_lines.insert(0, title)
    records = [Record(text="\n".join(question_lines), role="question", title=title)]
    for answer in answers:
        kept = _clean_lines(_lines(answer), None, vocab) + _follow_ups(answer, set(blocks), vocab)
        if kept:
            records.append(Record(text="\n".join(kept), role="answer", published_at=_post_time(answer)))
    return records if len(records) > 1 else []


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
    for line in _lines(outer):
        if line.owner in inside:
            after = True
            continue
        if not after:
            continue
        bare = _bare(line.text)
        if bare in vocab.followup_labels:
            on = True
        elif len(bare) <= 6 and not _SENTENCE_PUNCT.search(line.text):
            on = False
        elif on and line.link_density <= 0.5:
            kept.append(line.text)
    return kept


def _qa_blocks(
    root: lxml.etree._Element, classes: frozenset[str], tokens: frozenset[str], vocab: Vocabulary
) -> list[lxml.etree._Element]:
    """Blocks named as questions/answers that hold some prose (not an "answer-count" or "write answer" button)."""
    found = []
    for element in root.iter(*_BLOCK_TAGS):
        if not (element.get("class") or element.get("id")):
            continue
        element_tokens = _tokens(element)
        if not (_tokens_match(element, classes) or element_tokens & tokens):
            continue
        if element_tokens & vocab.qa_other_tokens:
            continue  # "related-answers", "hot-questions": lists of other questions
        text = _SPACE.sub("", _text(element))
        link_text = sum(len(_SPACE.sub("", _text(a))) for a in element.iter("a"))
        if len(text) - link_text >= 10:
            found.append(element)
    return found


def _tokens_match(element: lxml.etree._Element, words: frozenset[str]) -> bool:
    names = _class_words(element) | {(element.get("id") or "").lower()}
    return bool(names & words)


def _outermost(elements: list[lxml.etree._Element]) -> list[lxml.etree._Element]:
    chosen = set(elements)
    return [e for e in elements if not any(a in chosen for a in e.iterancestors())]


def _innermost(elements: list[lxml.etree._Element]) -> list[lxml.etree._Element]:
    chosen = set(elements)
    return [e for e in elements if not any(d in chosen for d in e.iterdescendants())]


# ----------------------------------------------------------------------------- listing


@dataclass(slots=True)
class _Group:
    members: list[lxml.etree._Element]
    chars: int
    copies: list[lxml.etree._Element] | None = None  # members as they were before boilerplate removal


def _listing_group(root: lxml.etree._Element, lines: list[Line]) -> _Group | None:
    """The biggest run of repeated sibling entries that each carry a title link."""
    chars: dict[lxml.etree._Element, int] = {}
    for line in lines:
        element = line.owner
        while element is not None:
            chars[element] = chars.get(element, 0) + line.chars
            element = element.getparent()
    candidates: list[_Group] = []
    for parent in chars:
        children = [c for c in parent if isinstance(c.tag, str) and chars.get(c, 0) >= 8]
        if len(children) < 2:
            continue
        for members in _similar_siblings(children):
            entries = _entries(members)
            if len(entries) < 2 or len(entries) < 0.6 * len(members):
                continue
            total = sum(chars[m] for m in members)
            # Navigation menus repeat too, but their entries are a few characters each.
            if total / len(members) >= 12:
                candidates.append(_Group(members, total))
    runs = [c for c in candidates if len(c.members) >= 4]
    if not runs:
        return None
    best = max(runs, key=lambda group: group.chars)
    # Pinned or sticky entries often sit in a list of their own just before the others: same tag, same classes.
    words = _entry_words(best.members[0])
    if words:
        for other in candidates:
            if other is not best and other.members[0].tag == best.members[0].tag:
                other_words = _entry_words(other.members[0])
                if len(words & other_words) / len(words | other_words) > 0.5:
                    best.members += other.members
                    best.chars += other.chars
        order = {element: index for index, element in enumerate(root.iter())}
        best.members.sort(key=order.__getitem__)
    return best


def _entries(members: list[lxml.etree._Element]) -> list[lxml.etree._Element]:
    """The members that carry a title link. A "read more" link is no title, nor is a short link whose text
    repeats in another member ("更多内容，点击阅读", "详情>>" after each paragraph of a digest): that is a button.
    Long titles may repeat (periodic notices, titles cut with "..."), so only short texts count as buttons."""
    more = vocabulary().more_links
    links = {m: _title_link(m) for m in members}
    keys = {m: _link_key(_text(link)) for m, link in links.items() if link is not None}
    counts = Counter(keys.values())
    return [m for m, key in keys.items() if key not in more and (counts[key] == 1 or len(key) > _BUTTON_CHARS)]


_BUTTON_CHARS = 12  # a repeated link text this short is a button, not a title


def _link_key(text: str) -> str:
    """A link's words without punctuation, arrows or spaces, lower-cased ("[详细>>]" → "详细")."""
    return re.sub(r"[\W_]+", "", text).lower()


def _entry_words(element: lxml.etree._Element) -> set[str]:
    return {w for w in _class_words(element) if not re.search(r"\d", w)}


def _similar_siblings(children: list[lxml.etree._Element]) -> list[list[lxml.etree._Element]]:
    """Siblings of one tag whose class words mostly agree ("item" and "item top" are one run)."""
    groups: list[tuple[str, set[str], list[lxml.etree._Element]]] = []
    for child in children:
        words = _entry_words(child)
        for tag, group_words, members in groups:
            union = words | group_words
            if tag == child.tag and (not union or len(words & group_words) / len(union) > 0.5):
                members.append(child)
                break
        else:
            groups.append((child.tag, words, [child]))
    return [members for _, _, members in groups]


def _title_link(
    element: lxml.etree._Element, shortest: int = 6, skip: frozenset[str] = frozenset(), fallback: bool = True
) -> lxml.etree._Element | None:
    """The entry's longest link, not counting links inside parts whose class/id tokens are in `skip` (with
    `fallback`, any link when every link is in such a part: a listing entry whose title sits in a "name" box)."""
    best, best_len = None, 0
    furniture: dict[lxml.etree._Element, bool] = {}
    for link in element.iter("a"):
        if skip and any(_is_furniture(e, skip, furniture) for e in _ancestors_within(link, element)):
            continue
        text = _SPACE.sub("", _text(link))
        if len(text) > best_len:
            best, best_len = link, len(text)
    if best is None and skip and fallback:
        return _title_link(element, shortest)
    return best if best_len >= shortest else None


def _is_furniture(element: lxml.etree._Element, skip: frozenset[str], seen: dict[lxml.etree._Element, bool]) -> bool:
    if element not in seen:
        seen[element] = bool(_tokens(element) & skip)
    return seen[element]


def _ancestors_within(element: lxml.etree._Element, top: lxml.etree._Element) -> Iterator[lxml.etree._Element]:
    while element is not None and element is not top:
        yield element
        element = element.getparent()


def _group_outweighs(group: _Group, lines: list[Line], body_root: lxml.etree._Element | None) -> bool:
    in_group = set()
    for member in group.members:
        in_group.update(member.iter())
    if body_root is None:
        return True
    body = set(body_root.iter())
    outside = [line for line in lines if line.owner in body and line.owner not in in_group]
    outside_chars = sum(line.chars - line.link_chars for line in outside)
    # A real paragraph beside the list means an article with a list of links next to it: ask for more.
    prose = any(line.chars - line.link_chars >= 80 and len(_SENTENCE_PUNCT.findall(line.text)) >= 2 for line in outside)
    return group.chars > (2 if prose else 1) * outside_chars


_META_ONLY = re.compile(r"[\d\s:：/\-.,年月日时分秒点+]*")


def _entry_lines(
    member: lxml.etree._Element, title: str | None, vocab: Vocabulary, furniture: frozenset[str] | None = None
) -> list[Line]:
    """An entry's lines without its furniture (author, time, reply count …, named so by class)."""
    furniture = vocab.entry_meta_tokens if furniture is None else furniture
    entry = copy.deepcopy(member)
    bare_title = re.sub(r"\s+", "", title or "")
    for element in list(entry.iterdescendants()):
        if not isinstance(element.tag, str) or not _tokens(element) & furniture:
            continue
        if bare_title and bare_title in re.sub(r"\s+", "", _text(element)):
            continue  # the title's own container
        _drop(element)
    return list(_lines(entry))


def _printed_date(member: lxml.etree._Element, title: str | None) -> str | None:
    """The entry's date as the page prints it ("2020-04-30", "2024年9月3日 16:23"), if it is a real date: an
    element that holds only a date (<span>2020-07-09</span>, <td>[2024-05-13]</td>) first, since an abstract may
    quote other dates ("自2024年1月1日起施行"); else the first date outside the title."""
    for element in member.iter():
        if isinstance(element.tag, str) and len(element) == 0:
            bare = _SPACE.sub(" ", _text(element)).strip(" []【】()（）")
            match = _DATE.fullmatch(bare) if len(bare) <= 30 else None
            if match and _iso_date(bare):
                return bare
    text = _SPACE.sub(" ", _text(member))
    if title:
        text = text.replace(title, " ", 1)  # a date inside the title ("关于2024年5月1日起…") is not the entry's
    match = _DATE.search(text)
    return match.group(0).strip() if match and _iso_date(match.group(0)) else None


def _listing_records(group: _Group, url: str | None, vocab: Vocabulary) -> list[Record]:
    records = []
    for member in group.members:
        link = _title_link(member, shortest=1, skip=vocab.entry_meta_tokens)
        title = _SPACE.sub(" ", _text(link)).strip() if link is not None else None
        href = link.get("href") if link is not None else None
        published_at = _iso_date(_printed_date(member, title)) or _iso_date(_text(member))
        lines_text = []
        for line in _entry_lines(member, title, vocab):
            if title and _same_text(line.text, title):
                continue
            if line.link_density > 0.5 or _META_ONLY.fullmatch(line.text):
                continue
            if vocab.drop_lines.search(line.text) or _is_spam(line.text, vocab) or vocab.file_badge.match(line.text):
                continue
            lines_text.append(line.text)
        # The entry's date is part of the entry (title + abstract + date), wherever its markup puts it.
        date = _printed_date(member, title)
        if date and not any(date in part for part in [title or "", *lines_text]):
            lines_text.append(date)
        text = "\n".join([t for t in [title, *lines_text] if t])
        records.append(
            Record(
                text=text,
                role="entry",
                title=title,
                published_at=published_at,
                url=urljoin(url, href) if url and href and urlsplit(url).scheme else href,
            )
        )
    return records
