"""Parser set-up: HTML str → lxml tree, without scripts, styles, comments and hidden furniture."""

from __future__ import annotations

import functools
import re
from collections import Counter
from urllib.parse import unquote

import lxml.etree

from extract.content.disclosure import (
    closed_tabs,
    controlled_ids,
    folded_answers,
    is_disclosed_panel,
    labels_a_section,
)
from extract.content.lines import (
    BLOCK_TAGS,
    holds_most_of_the_page,
    holds_prose,
    text_length,
    text_stats,
)
from extract.content.marks import marks_article_body

_REMOVED_TAGS = (
    "script", "style", "noscript", "template", "iframe", "select", "option", "textarea", "button", "input",
    "svg", "canvas", "object", "embed", "map", "video", "audio", "head", "link", "meta",
    # Ruby annotations: the reading printed over a character (pinyin, furigana) and the parentheses shown around it
    # where ruby is not supported; the text is the characters themselves (<ruby>漢<rt>かん</rt></ruby> → 漢).
    "rt", "rp",
)  # fmt: skip


# libxml2 gives up at 256 nested elements (2,048 with XML_PARSE_HUGE) and drops the rest of the page; a page nested
# deeper is parsed again with its elements below this depth unwrapped (their text stays where it was).
MAX_DEPTH = 1_000
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:_-]*)[^<>]*>")  # [^<>]: a stray "<" never makes a scan to the end
_VOID_TAGS = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track",
    "wbr",
))  # fmt: skip
# Tags the parser closes by itself when a sibling opens (<p><p>, <li><li>): they add no depth to count.
_IMPLIED_END_TAGS = frozenset((
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt",
    "rp",
))  # fmt: skip


_REMOVED = frozenset(_REMOVED_TAGS)
# WAI-ARIA roles of text that only shows on hover ("This answer is useful" over a vote arrow): never content.
_REMOVED_ROLES = frozenset(("tooltip",))
# The text of a heading's permalink (`<h2>前言<a href="#df3688">#</a></h2>`): a mark to click, not a word.
_PERMALINK_MARKS = frozenset(("#", "¶", "§", "🔗"))
_HIDDEN = re.compile(r"display:none|visibility:hidden", re.I)


_DOCUMENT_END = re.compile(r"</(?:html|body)\s*>", re.I)

# libxml2 checks each attribute of a tag against the ones before it: a start tag with 200,000 attributes (2 MB)
# took minutes to parse, in our parser, trafilatura's and the crawl's link extraction alike. Real tags have a few
# dozen; only a long tag can have many, so only tags of `_LONG_TAG_CHARS` or more are counted.
MAX_ATTRIBUTES = 256
_LONG_TAG_CHARS = 4096
_LONG_TAG = re.compile(rf"<[A-Za-z][^<>]{{{_LONG_TAG_CHARS},}}>?")  # a tag cut off before its ">" counts too
_TAG_NAME = re.compile(r"<[^\s/>]+")
_ATTRIBUTE = re.compile(r"""[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?""")


def within_attribute_limit(html: str) -> str:
    """The page with every start tag cut to its first MAX_ATTRIBUTES attributes (the same page, nearly always)."""
    if _LONG_TAG.search(html) is None:
        return html
    return _LONG_TAG.sub(_first_attributes, html)


def _first_attributes(tag: re.Match[str]) -> str:
    text = tag.group()
    name = _TAG_NAME.match(text)
    start = name.end() if name is not None else 1
    for count, attribute in enumerate(_ATTRIBUTE.finditer(text, start)):
        if count == MAX_ATTRIBUTES:
            return text[: attribute.start()].rstrip() + ">"
    return text


def with_script_records(html: str) -> str:
    """The page with each script that carries a list's records as data replaced by the records' markup.

    Hanweb-built portals (国家医保局 and many provincial sites) print a column's first page of entries inside
    `<script type="text/xml"><datastore><recordset><record><![CDATA[<li><a …>…</a><span>2024-05-20</span></li>]]>
    </record>…</recordset></datastore></script>` for a script to page through: an HTML parser sees none of it, and
    the page reads as its footer. The records, in order, take the script's place (its `<nextgroup>` pager link
    does not)."""
    if "<recordset" not in html:
        return html
    pieces, kept_until, end = [], 0, 0
    for script in _SCRIPT_START.finditer(html):
        if script.start() < end:
            continue  # a "<script" written inside the script just read: its text, not a tag
        end = html.find("</script", script.end())
        if end < 0:
            break
        body = html[script.end() : end]
        if "<recordset" not in body:
            continue
        close = html.find(">", end)
        close = len(html) if close < 0 else close + 1
        pieces += [html[kept_until : script.start()], *_RECORD.findall(body)]
        kept_until = close
    if not pieces:
        return html
    pieces.append(html[kept_until:])
    return "".join(pieces)


_SCRIPT_START = re.compile(r"<script\b[^<>]*>", re.I)
_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)


def without_document_end(html: str) -> str:
    """The page without its `</html>` and `</body>` tags. libxml2 drops everything after a `</html>` and puts
    what follows a `</body>` outside the body; templates that include a whole header page print both mid-page, and
    browsers keep parsing into the body: so do we (the crawl's links too)."""
    return _DOCUMENT_END.sub("", html)


def ends_before_its_end(html: str) -> bool:
    """A `</html>` or `</body>` with more markup after it: a page libxml2 would cut short."""
    return _MARKUP_AFTER_END.search(html) is not None


# Characters XML forbids (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF). libxml2's HTML
# parser keeps them in text nodes, but lxml refuses to set such a text: the first element dropped next to one (a
# script before a stray form feed) sank the whole page. They are never text: the form feed, whitespace in HTML,
# becomes a space, the others go.
_NOT_XML_TEXT = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\ufffe\uffff]")
_MARKUP_AFTER_END = re.compile(r"</(?:html|body)\s*>\s*(?:<!--.*?-->\s*)*<(?!/(?:html|body)\b)", re.I | re.S)


def parse_html(html: str, *, within_limit: bool = False) -> lxml.etree._Element | None:
    """The page as an lxml tree (plain etree elements), or None when there is nothing to parse.

    `huge_tree` lifts libxml2's 10 MB limit on one text node; nesting deeper than libxml2 allows is unwrapped; tags
    are cut to MAX_ATTRIBUTES attributes unless `within_limit` says the caller has done so."""
    if not html or not html.strip():
        return None
    if not within_limit:
        html = within_attribute_limit(html)
    # lxml refuses str input that carries an XML encoding declaration.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    if _NOT_XML_TEXT.search(html) is not None:
        html = _NOT_XML_TEXT.sub(lambda found: " " if found.group() == "\x0c" else "", html)
    html = without_document_end(html)
    root, too_deep = _parse(html)
    limit = MAX_DEPTH
    while too_deep and limit >= 16:
        # Tags counted as one level may build several (<table> opens tbody, tr, td): unwrap more until it fits.
        root, too_deep = _parse(unwrap_deep_nesting(html, limit))
        limit //= 4
    return root


def _parse(html: str) -> tuple[lxml.etree._Element | None, bool]:
    """The tree, and whether libxml2 hit a resource limit (nesting depth) and dropped the rest of the page."""
    # Plain etree elements: lxml.html's element classes cost a lookup per node and we use none of their methods.
    parser = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, recover=True, huge_tree=True)
    try:
        root = lxml.etree.fromstring(html, parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return None, False
    return root, any(error.type == lxml.etree.ErrorTypes.ERR_RESOURCE_LIMIT for error in parser.error_log)


def unwrap_deep_nesting(html: str, limit: int) -> str:
    """The page without the tags of elements opened below `limit` levels: their text stays in place, and a block
    tag becomes a <br> so that its text stays a line of its own. Counting is by tag name, as a tokenizer sees
    it (no tree is built), in one pass."""
    pieces: list[str] = []
    depth = 0
    unwrapped: Counter[str] = Counter()
    kept_until = 0
    for match in _TAG.finditer(html):
        closing, name = match.group(1), match.group(2).lower()
        if name in _VOID_TAGS or name in _IMPLIED_END_TAGS or match.group(0).endswith("/>"):
            continue
        if not closing and depth < limit:
            depth += 1
            continue
        if closing and not unwrapped[name]:
            depth = max(0, depth - 1)
            continue
        unwrapped[name] += -1 if closing else 1
        pieces.append(html[kept_until : match.start()])
        pieces.append("<br>" if name in BLOCK_TAGS else "")
        kept_until = match.end()
    pieces.append(html[kept_until:])
    return "".join(pieces)


def strip_furniture(
    root: lxml.etree._Element,
    body_classes: frozenset[str] = frozenset(),
    reply_actions: frozenset[str] = frozenset(),
    hidden_classes: frozenset[str] = frozenset(),
) -> None:
    """Drop scripts, styles, form controls, media, tooltips and other text that is never content, then hidden
    elements (by attribute, inline style or a utility class of `hidden_classes`) unless they hold prose or are the
    article's body, marked so by the page (`itemprop="articleBody"`, a class word of `body_classes`: WeChat hides its
    `rich_media_content` until a script shows it, however short the article). One walk finds all three kinds. A
    button printing one of `reply_actions` ("Reply") goes too, and its parent keeps the attribute REPLY_ACTION: a
    comment that can be answered is told by it (discussion.py). The links of a table of contents become text
    (`contents_tables`); `<noscript>` goes unless it holds most of the page's text (`_without_scripts`)."""
    removed: list[lxml.etree._Element] = []
    hidden: list[lxml.etree._Element] = []
    fragment_links: list[lxml.etree._Element] = []
    noscripts: list[lxml.etree._Element] = []
    for element in root.iter():
        tag = element.tag
        if tag == "noscript":
            noscripts.append(element)  # weighed once the other furniture is out (`_without_scripts`)
            continue
        if not isinstance(tag, str) or tag in _REMOVED:
            if tag != "button" or not labels_a_section(element):  # a tab's or accordion item's heading stays
                removed.append(element)
                if tag == "button" and reply_actions and _printed_text(element).lower() in reply_actions:
                    parent = element.getparent()
                    if parent is not None:
                        parent.set(REPLY_ACTION, "")
            continue
        if tag == "dialog" and element.get("open") is None:
            removed.append(element)  # a <dialog> is drawn only once opened
            continue
        # Most elements carry no role, hidden or style attribute: one list of names answers for all three.
        names = element.keys()
        if not names:
            continue
        if tag in _INLINE_BOXES and "class" in names and _names_a_caption(element.get("class")):
            # An image's caption set inline in a paragraph ("<p><span class='caption'>© Getty</span>Nintendo and
            # Apple shocked…") is drawn as a box of its own: its line is not the paragraph's.
            element.tag = "div"
        if tag == "a" and (element.get("href") or "").startswith("#"):
            if _is_permalink_mark(element):
                removed.append(element)
                continue
            if len(element.get("href", "")) > 1:  # "#" alone leads to no place (a script's link)
                fragment_links.append(element)
        if "role" in names and element.get("role") in _REMOVED_ROLES:
            if tag != "button" or not labels_a_section(element):
                removed.append(element)
            continue
        if "popover" in names or _is_closed_dialog(element, names):
            # A popover (menu, dialog, tooltip, install prompt) or a closed dialog is not drawn until a control opens
            # it: never content.
            removed.append(element)
            continue
        if (("hidden" in names or "style" in names) and is_hidden(element)) or (
            "class" in names and hidden_by_class(element.get("class"), hidden_classes)
        ):
            hidden.append(element)
    for table in contents_tables(root, fragment_links):
        for link in list(table.iter("a")):
            link.tag = "span"  # a link to a place on the page leads nowhere else
    for element in removed:
        if element.tag == "script" and (printed := _printed_link_text(element)):
            element.tail = printed + (element.tail or "")  # drop_element keeps the tail where the script stood
        drop_element(element)
    _without_scripts(root, noscripts)
    if not hidden:
        return
    stats = text_stats(root)  # measured without the removed text
    opened, tabs = controlled_ids(root), closed_tabs(root, hidden, stats) | folded_answers(root, hidden, stats)
    page = stats[root]
    copies = shown_elsewhere(root, [element for element in hidden if element in stats])
    for element in hidden:
        # Some CMSs hide the article until a script shows it: hidden prose stays, and so do the closed tabs and
        # accordion items of a guidance page. An element under a removed one is out of the tree (not in `stats`).
        if element in tabs or element not in stats:
            continue
        if element in copies:
            drop_element(element)  # a hidden copy of prose the page shows (a schema.org block with the body again)
            continue
        if holds_prose(element, stats):
            continue
        if stats[element].chars and marks_article_body(element, body_classes):
            continue
        if holds_most_of_the_page(stats[element], page):
            continue  # the whole page hidden until a script has drawn it (a flash of unstyled content, a frame check)
        if not is_disclosed_panel(element, opened):
            drop_element(element)


def _is_closed_dialog(element: lxml.etree._Element, names: list[str]) -> bool:
    """A WAI-ARIA dialog hidden from readers (`role="dialog" aria-hidden="true"`: a consent plugin's settings, a
    sign-up form) until a control opens it."""
    return "role" in names and element.get("role") in _DIALOG_ROLES and element.get("aria-hidden") == "true"


_DIALOG_ROLES = frozenset(("dialog", "alertdialog"))


def _without_scripts(root: lxml.etree._Element, noscripts: list[lxml.etree._Element]) -> None:
    """What a reader without scripts sees: the `<noscript>` elements go, unless those holding text hold most of the
    page (a script-drawn app whose content for other readers is its noscript copy: Discourse's topic for crawlers);
    then they are the page's text."""
    noscripts = [element for element in noscripts if element.getparent() is not None]
    held = {element: text_length(element) for element in noscripts}
    kept = [element for element in noscripts if held[element] >= _NOSCRIPT_TEXT]
    if kept and sum(held[element] for element in kept) < _NOSCRIPT_SHARE * text_length(root):
        kept = []
    for element in noscripts:
        if element in kept:
            element.tag = "div"
        else:
            drop_element(element)


_NOSCRIPT_TEXT = 200  # characters of a noscript element that may be the page's text
_NOSCRIPT_SHARE = 0.5  # ... when those hold this share of the page's text


def contents_tables(root: lxml.etree._Element, fragment_links: list[lxml.etree._Element]) -> list[lxml.etree._Element]:
    """The blocks of links that all lead to places on the page (`href="#types-of-service"` where an element has that
    id), the links being most of their text: a table of contents, repeating the article's headings as links. They
    lead nowhere else: strip_furniture makes them text, so that they do not make the block holding the article
    read as navigation (a WordPress plugin's contents box inside the article's first section)."""
    if len(fragment_links) < _CONTENTS_LINKS:
        return []
    targets = {value for element in root.iter() for value in (element.get("id"), element.get("name")) if value}
    inward = {link for link in fragment_links if unquote(link.get("href", "")[1:]) in targets}
    if len(inward) < _CONTENTS_LINKS:
        return []
    # One walk: every subtree's links and inward links (text sizes from text_stats, one walk more).
    links: dict[lxml.etree._Element, tuple[int, int]] = {}
    for _, element in lxml.etree.iterwalk(root, events=("end",)):
        total = inward_count = 0
        if element.tag == "a" and element.get("href") is not None:
            total, inward_count = 1, int(element in inward)
        for child in element:
            child_total, child_inward = links.get(child, (0, 0))
            total, inward_count = total + child_total, inward_count + child_inward
        if total:
            links[element] = (total, inward_count)
    stats = text_stats(root)

    def leads_inward(element: lxml.etree._Element) -> bool:
        total, inward_count = links[element]
        measured = stats[element]
        return total == inward_count and measured.link_chars >= _CONTENTS_SHARE * measured.chars

    # The highest block above each inward link whose links all lead inward, each block climbed through once.
    top: dict[lxml.etree._Element, lxml.etree._Element] = {}
    for link in inward:
        path: list[lxml.etree._Element] = []
        found: lxml.etree._Element | None = None
        for ancestor in link.iterancestors():
            if ancestor in top:
                found = top[ancestor]
                break
            if ancestor.tag in ("body", "html") or not leads_inward(ancestor):
                break
            path.append(ancestor)
            found = ancestor
        if found is not None:
            top.update((element, found) for element in path)
    tables = {table for table in top.values() if links[table][1] >= _CONTENTS_LINKS}
    return [table for table in tables if not any(a in tables for a in table.iterancestors())]


_CONTENTS_LINKS = 3  # links to places on the page that make a block a table of contents
_CONTENTS_SHARE = 0.7  # share of the block's text in those links


def _is_permalink_mark(link: lxml.etree._Element) -> bool:
    """A link to a place on the same page whose whole text is a permalink mark ("#", "¶")."""
    return len(link) == 0 and (link.text or "").strip() in _PERMALINK_MARKS


REPLY_ACTION = "data-guidecrawl-reply"  # set on the element that held a reply button (`strip_furniture`)


def _printed_text(element: lxml.etree._Element) -> str:
    """The element's text as a page shows it: without what its icons (`svg` titles), comments and other removed
    tags hold. A walk with a stack, no recursion (a button may nest as deep as the page)."""
    pieces = [element.text or ""]
    stack: list[tuple[lxml.etree._Element, bool]] = [(child, False) for child in reversed(element)]
    while stack:
        node, done = stack.pop()
        if done:
            pieces.append(node.tail or "")  # after the node's own subtree
            continue
        stack.append((node, True))
        if isinstance(node.tag, str) and node.tag not in _REMOVED:
            pieces.append(node.text or "")
            stack.extend((child, False) for child in reversed(node))
    return " ".join("".join(pieces).split())


def shown_elsewhere(root: lxml.etree._Element, hidden: list[lxml.etree._Element]) -> set[lxml.etree._Element]:
    """The hidden elements whose longest text run the page also prints, as a run of its own, outside every hidden
    element: copies of shown text (a schema.org metadata block with the article body again), not text a script
    will show. Runs are compared by their first `_SAMPLE_CHARS` characters without spaces, through one set: linear
    in the page, however many hidden copies it holds."""
    if not hidden:
        return set()
    outermost, concealed = [], set()
    for element in hidden:  # in document order: an element's hidden ancestor comes first
        if element not in concealed:
            outermost.append(element)
            concealed.update(element.iter())
    # A copy goes with all it holds: only the outermost hidden elements are sampled, each once.
    samples = {}
    for element in outermost:
        longest = max((_SPACES.sub("", piece) for piece in element.itertext()), key=len, default="")
        if len(longest) >= _SAMPLE_CHARS:
            samples[element] = longest[:_SAMPLE_CHARS]
    if not samples:
        return set()  # hidden menus and hints only (most pages): no walk of the shown text
    shown: set[str] = set()
    for element in root.iter():
        if element not in concealed and isinstance(element.text, str):
            shown.add(_sample(element.text))
        parent = element.getparent()
        if element.tail and (parent is None or parent not in concealed):
            shown.add(_sample(element.tail))
    return {element for element, sample in samples.items() if sample in shown}


def _sample(text: str) -> str:
    return _SPACES.sub("", text)[:_SAMPLE_CHARS]


_SAMPLE_CHARS = 40
_SPACES = re.compile(r"\s+")


def _printed_link_text(script: lxml.etree._Element) -> str | None:
    """What a script inside an otherwise empty link prints: TRS-built column pages write each entry's title with
    `document.write` (to cut long ones short), `<a title="关于…的通知"><script>var t="关于…的通知"; …</script></a>`.
    The link's `title`, else the longest string the script writes out that reads as text (no markup, no code)."""
    link = script.getparent()
    if link is not None and link.tag != "a":
        link = link.getparent()
    if link is None or link.tag != "a" or _text_beside(link, script):
        return None
    title = (link.get("title") or "").strip()
    if title:
        return title
    code = script.text or ""
    if len(code) > _TITLE_SCRIPT_CHARS or "document.write" not in code:
        return None
    literals = [m.group(2).strip() for m in _STRING_LITERAL.finditer(code)]
    readable = [text for text in literals if _READABLE.search(text) and not _CODE_CHARS.search(text)]
    return max(readable, key=len) if readable else None


_TITLE_SCRIPT_CHARS = 2_000  # a script that writes a link's title is a line or two; a longer one writes more
_STRING_LITERAL = re.compile(r"""(["'])((?:(?!\1)[^\\\n]){1,300})\1""")
_READABLE = re.compile(r"[\u4e00-\u9fff]{2}|[A-Za-z]{3,}\s+[A-Za-z]{2,}")
_CODE_CHARS = re.compile(r"[<>(){};=]|^\s*(?:https?:|\.?/)")


def _text_beside(link: lxml.etree._Element, script: lxml.etree._Element) -> bool:
    """Whether a link shows text of its own besides the script's (its text, its other elements' text and tails)."""
    if (link.text or "").strip():
        return True
    for element in link.iterdescendants():
        shown = element is not script and isinstance(element.tag, str) and element.tag != "script"
        if (shown and (element.text or "").strip()) or (element.tail or "").strip():
            return True
    return False


_INLINE_BOXES = frozenset(("span", "small", "em", "i", "b", "font"))


@functools.lru_cache(maxsize=4096)
def _names_a_caption(classes: str) -> bool:
    return "caption" in classes.lower()


def is_hidden(element: lxml.etree._Element) -> bool:
    """Hidden by the `hidden` attribute or an inline style (display:none, visibility:hidden)."""
    style = element.get("style")
    return element.get("hidden") is not None or bool(style and _HIDDEN.search(style.replace(" ", "")))


@functools.lru_cache(maxsize=4096)
def hidden_by_class(classes: str | None, hidden_classes: frozenset[str]) -> bool:
    """A class word of `hidden_classes` hides the element ("siteurl hide", "d-none"), unless another class word
    shows it from some screen width on ("hidden md:block", "d-none d-md-block")."""
    if not classes or not hidden_classes:
        return False
    words = classes.lower().split()
    return not hidden_classes.isdisjoint(words) and not any(
        ":" in word or _SHOWN_FROM_A_WIDTH.match(word) for word in words
    )


_SHOWN_FROM_A_WIDTH = re.compile(r"d-(?:sm|md|lg|xl|xxl)-(?!none)")


def drop_element(element: lxml.etree._Element) -> None:
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


def select_css(root: lxml.etree._Element, css: str) -> lxml.etree._Element | None:
    try:
        from lxml.cssselect import CSSSelector

        found = CSSSelector(css)(root)
    except Exception:  # a bad override must fall back to the generic rules, not sink the page
        return None
    return found[0] if found else None
