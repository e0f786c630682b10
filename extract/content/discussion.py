"""Discussions under a post: a comment tree whose readers answer one another (LiveJournal, reddit, imgur, small
forum engines) makes the page a thread, the post its opening and every comment a reply.

Why: a community post and a news article with a comment box have the same shape — one long text, then short
signed texts. Three things tell them apart. A news or blog CMS marks its article (`itemprop="articleBody"`,
`entry-content`, a schema.org `NewsArticle`/`BlogPosting`) and its comment box is a list of reader notes that
weighs less than the article; a discussion nests replies inside the comments they answer, puts a reply action on
most comments, prints the post's text in the box it prints each comment's text in (a forum engine's `Message
userContent`), or names its comments as a forum's replies (`type-reply`); a news desk prints the story's source or
its responsible editor (`来源：`, `责任编辑：`) beside it. The comments are found by their names (class, id or tag
words ending in `comment`, `cmt`, `reply`, or starting with one and ending in an item word:
`comment-item-container`), or, inside a block named as the comments (`#comments`), as its largest run of repeated
blocks.

May: return the comments (copies, each without the replies nested in it) for page.py to print after the post, and
the post's own box where the engine marks it as it marks the comments.
Must never: read comments under a page that marks a longer article, or a flat list of notes without reply actions
printed apart from the post;
cost more than linear time in the page (a reply tree 1,000 levels deep is copied once, comment by comment).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import lxml.etree

from extract.content.forum import copy_without
from extract.content.lines import SPACE, PageLines, class_tokens, class_words, text_of, word_parts
from extract.content.listing import SiblingRun, similar_siblings
from extract.content.marks import marks_article_body
from extract.content.parse import REPLY_ACTION
from extract.content.vocabulary import Vocabulary

_MIN_COMMENTS = 3  # comments that make a discussion
_REPLY_SHARE = 0.6  # share of comments carrying a reply action, when no reply nests in another comment


def comment_thread(root: lxml.etree._Element, html: str, lines: PageLines, vocab: Vocabulary) -> SiblingRun | None:
    """The comments of a discussion under the page's post, in page order (copies without nested replies), or None
    when the page marks its article or its comments do not answer one another."""
    extents = lines.extents
    items: list[lxml.etree._Element] = []
    lists: list[lxml.etree._Element] = []
    for element in extents:
        named = _comment_name(element, vocab)
        if named == "item":
            items.append(element)
        elif named == "list":
            lists.append(element)
    # A reply button is named like a comment ("j-c-nav-item-reply"): a comment holds more than the button's word.
    items = [item for item in items if not _is_reply_button(item, extents[item].chars, vocab)]
    item_set = set(items)
    items = [item for item in items if _own_chars(item, item_set) > 0]
    item_set = set(items)
    holders = _ancestors_of(items)
    for block in lists:
        if block not in holders:
            items += _largest_run(block, extents)
    item_set = set(items)
    if not items:
        return None
    # Evidence as strong as a reply nested in another: the replies are printed as the post is, or named as a forum's.
    opening = _printed_like_the_post(root, items, item_set, extents, vocab)
    alike = opening is not None or (
        2 * sum(bool(class_words(item) & vocab.forum_reply_classes) for item in items) >= len(items)
    )
    if len(items) < _MIN_COMMENTS and not alike:
        return None
    replies = _nested_replies(items, item_set)
    nested = any(replies.values())
    actions = [_reply_action(item, item_set, vocab) for item in items]
    if not nested and not alike and sum(map(bool, actions)) < _REPLY_SHARE * len(items):
        return None
    if _holds_a_blog_entry(root, item_set, vocab):
        return None
    talk = sum(_own_chars(item, item_set) for item in items)
    if not nested and not alike and "shown" not in actions and _chars(root) - talk >= talk:
        # Reply slots left empty are weaker evidence than a reply link: a blog's comment form prints them too.
        # The thread must then outweigh the rest of the page, as a discussion does and a long post does not.
        return None
    if _article_chars(root, html, item_set, talk, vocab) >= talk:
        return None
    order = {element: index for index, element in enumerate(root.iter())}
    items.sort(key=order.__getitem__)
    # Each comment without the replies nested in it: they are records of their own.
    copies = [copy_without(item, replies[item]) for item in items]
    return SiblingRun(items, talk, copies, opening)


_LONGEST_BUTTON = 8  # characters of the longest reply button text


def _printed_like_the_post(
    root: lxml.etree._Element,
    items: list[lxml.etree._Element],
    item_set: set[lxml.etree._Element],
    extents: dict,
    vocab: Vocabulary,
) -> lxml.etree._Element | None:
    """The text above the comments marked as most comments mark their text (same tag, same class words), or None:
    the engine prints the opening post and its replies alike (Vanilla's `Message userContent`, inSided's
    `post__content`), as a forum does and a news or blog CMS, whose article body and comment texts are marked apart,
    does not. A text inside a block named as comments is a comment the count left out, not the post; a mark made
    only of content words (`body`, `text`) says nothing of the engine."""
    if len(items) < _ALIKE_COMMENTS:
        return None
    marks: Counter[tuple[str, frozenset[str]]] = Counter()
    for item in items:
        mark = text_mark(item, item_set, lambda element: extents[element].chars if element in extents else 0, vocab)
        if mark is not None:
            marks[mark] += 1
    if not marks:
        return None
    (tag, words), count = marks.most_common(1)[0]
    if 2 * count < len(items) or words <= vocab.content_tokens:
        return None  # a mark as plain as `body` or `text` is any CMS's, an article's as well as a comment's
    around = _ancestors_of(items)
    for element in root.iter():
        if element in item_set:
            return None  # the post comes before its replies
        if (
            element.tag == tag
            and element not in around
            and class_words(element) == words
            and element in extents
            and extents[element].chars >= _POST_CHARS
            and not any(_comment_name(ancestor, vocab) for ancestor in element.iterancestors())
        ):
            return element
    return None


_ALIKE_COMMENTS = 2  # comments that, printed as the post is, make a thread


def text_mark(
    block: lxml.etree._Element,
    skip: set[lxml.etree._Element],
    chars: Callable[[lxml.etree._Element], int],
    vocab: Vocabulary,
) -> tuple[str, frozenset[str]] | None:
    """(tag, class words) of the innermost classed box (`_TEXT_BOXES`) holding most of the block's own text, or None:
    how the engine marks a post's text. Not counted: the `skip` elements below the block (replies nested in it) and the
    poster's signature, which can be longer than a short reply."""
    own = _own_chars(block, skip, vocab.signature_tokens)
    if own == 0:
        return None
    found = None
    stack = list(block)
    while stack:
        element = stack.pop()
        if element in skip or not isinstance(element.tag, str) or class_tokens(element) & vocab.signature_tokens:
            continue
        if chars(element) < _MARK_SHARE * own:
            continue
        if class_words(element) and element.tag in _TEXT_BOXES:
            found = (element.tag, class_words(element))  # deeper ones come later on this path
        stack.extend(element)
    return found


# Boxes that hold a post's text: a paragraph's class marks every paragraph, the post's first one as a comment's only.
_TEXT_BOXES = frozenset(("div", "section", "article", "td", "li", "dd", "blockquote"))
_MARK_SHARE = 0.6  # share of a post's own text its text element holds
_POST_CHARS = 20  # characters of the shortest opening post


def _is_reply_button(item: lxml.etree._Element, chars: int, vocab: Vocabulary) -> bool:
    return chars <= _LONGEST_BUTTON and " ".join(text_of(item).split()).lower() in vocab.reply_actions


def _ancestors_of(elements: list[lxml.etree._Element]) -> set[lxml.etree._Element]:
    """Every ancestor of the elements; each is visited once, so a deep tree costs its size, not size × depth."""
    seen: set[lxml.etree._Element] = set()
    for element in elements:
        for ancestor in element.iterancestors():
            if ancestor in seen:
                break
            seen.add(ancestor)
    return seen


def _nested_replies(
    items: list[lxml.etree._Element], item_set: set[lxml.etree._Element]
) -> dict[lxml.etree._Element, list[lxml.etree._Element]]:
    """Each comment → the comments nested in it directly (the nearest comment above them is it)."""
    replies: dict[lxml.etree._Element, list[lxml.etree._Element]] = {item: [] for item in items}
    nearest: dict[lxml.etree._Element, lxml.etree._Element | None] = {}  # element → nearest comment above it
    for item in items:
        path = []
        parent = item.getparent()
        while parent is not None and parent not in item_set and parent not in nearest:
            path.append(parent)
            parent = parent.getparent()
        above = parent if parent is None or parent in item_set else nearest[parent]
        for element in path:
            nearest[element] = above
        if above is not None:
            replies[above].append(item)
    return replies


def printed_by_a_news_desk(lines: PageLines, comments: SiblingRun, vocab: Vocabulary) -> bool:
    """A short line outside the comments names the story's source or its responsible editor ("来源：新京报",
    "责任编辑：姚立伟"): the page is a news article, and the comments under it, nested or numbered by floor as
    news sites print them too, are readers' notes rather than a thread."""
    inside = {element for member in comments.members for element in member.iter()}
    return any(
        line.chars <= _CREDIT_LINE and line.owner not in inside and vocab.news_credit.search(line.text)
        for line in lines
    )


_CREDIT_LINE = 80  # characters of the longest line read as a byline or credit line


_LD_TYPE = re.compile(r'"@type"\s*:\s*\[?\s*"([A-Za-z]+)"')
_ITEM_TYPE = re.compile(r"https?://(?:www\.)?schema\.org/([A-Za-z]+)")


def _article_chars(
    root: lxml.etree._Element, html: str, items: set[lxml.etree._Element], talk: int, vocab: Vocabulary
) -> int:
    """How much text the page marks as its article: the largest element marked so (an article-body class,
    itemprop="articleBody", a schema.org article itemtype), less the comments inside it; with only a JSON-LD article
    type, the whole page's text less the comments; 0 for a page that marks no article."""
    marked = 0
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        item_type = _ITEM_TYPE.match(element.get("itemtype") or "")
        if marks_article_body(element, vocab.article_body_classes) or (
            item_type and item_type.group(1) in vocab.article_types
        ):
            inside = sum(_own_chars(e, items) for e in element.iter() if e in items)
            marked = max(marked, _chars(element) - inside)
    if marked == 0 and vocab.article_types.intersection(_LD_TYPE.findall(html)):
        return _chars(root) - talk
    return marked


_NO_SPACE = re.compile(r"\s+")


def _holds_a_blog_entry(root: lxml.etree._Element, items: set[lxml.etree._Element], vocab: Vocabulary) -> bool:
    """The page prints a blog CMS's entry (WordPress's `type-post` wrapper) with a text of its own, or its comments
    come from a blog CMS's comment system (its reply links, its comment form): the comments are readers' notes under
    a blog post however many they are, not a community's thread."""
    return any(
        class_words(element) & vocab.blog_entry_classes and _own_chars(element, items) >= _ENTRY_CHARS
        for element in root.iter("article", "div", "section", "main")
    ) or _blog_comment_system(root, vocab)


def _blog_comment_system(root: lxml.etree._Element, vocab: Vocabulary) -> bool:
    """A blog CMS's comment reply link or comment form anywhere on the page (`[forum] blog_comment_*`)."""
    for element in root.iter("a", "form"):
        if element.tag == "form":
            if (element.get("action") or "").split("?", 1)[0].endswith(vocab.blog_comment_forms):
                return True
        elif class_words(element) & vocab.blog_comment_classes:
            return True
    return False


_ENTRY_CHARS = 200  # characters of a blog entry's own text (a teaser in a feed is shorter)


def _chars(element: lxml.etree._Element) -> int:
    return len(_NO_SPACE.sub("", text_of(element)))


def _comment_name(element: lxml.etree._Element, vocab: Vocabulary) -> str | None:
    """ "item" when a class, id or tag word ends in a comment word ("GalleryComment") or starts with one and ends in
    an item word ("comment-item-container"), "list" when it ends in a comments word ("j-l-comments")."""
    if not isinstance(element.tag, str):
        return None
    names = f"{element.get('class') or ''} {element.get('id') or ''} {element.tag}".split()
    found = None
    for name in names:
        parts = word_parts(name)
        if not parts:
            continue
        if parts[-1] in vocab.comment_item_words or (
            len(parts) >= 2 and parts[0] in vocab.comment_item_words and parts[-1] in vocab.comment_item_suffixes
        ):
            return "item"
        if parts[-1] in vocab.comment_list_words:
            found = "list"
    return found


def _own_chars(item: lxml.etree._Element, items: set[lxml.etree._Element], unless: frozenset[str] = frozenset()) -> int:
    """Characters of the item's text outside the comments nested in it (and outside elements named by a token of
    `unless`)."""
    count = len(SPACE.sub("", (item.text or "").strip()))
    stack = list(item)
    while stack:
        child = stack.pop()
        count += len(SPACE.sub("", (child.tail or "").strip()))
        if child in items or not isinstance(child.tag, str) or (unless and class_tokens(child) & unless):
            continue
        count += len(SPACE.sub("", (child.text or "").strip()))
        stack.extend(child)
    return count


def _largest_run(block: lxml.etree._Element, extents: dict) -> list[lxml.etree._Element]:
    """Inside a block named as the comments, its largest run of repeated blocks that hold text."""
    best: list[lxml.etree._Element] = []
    best_chars = 0
    for element in block.iter():
        children = [child for child in element if child in extents]
        if len(children) < _MIN_COMMENTS:
            continue
        for run in similar_siblings(children):
            chars = sum(extents[member].chars for member in run)
            if len(run) >= _MIN_COMMENTS and chars > best_chars:
                best, best_chars = run, chars
    return best


def _reply_action(item: lxml.etree._Element, items: set[lxml.etree._Element], vocab: Vocabulary) -> str | None:
    """ "shown" for a reply button or link in the comment's own part (not in a reply nested in it; a button's place
    is marked, `REPLY_ACTION`, the button itself went with the page's other form controls), "slot" for only an
    empty element named as the reply (`<div class="reply"></div>`: a page saved by a reader not signed in)."""
    if item.get(REPLY_ACTION) is not None:
        return "shown"
    found = None
    stack = list(item)
    while stack:
        element = stack.pop()
        if element in items or not isinstance(element.tag, str):
            continue
        if element.get(REPLY_ACTION) is not None:
            return "shown"
        text = " ".join(text_of(element).split()).lower()
        if text in vocab.reply_actions:
            return "shown"
        if not text and _is_reply_slot(element, vocab):
            found = "slot"
        stack.extend(element)
    return found


def _is_reply_slot(element: lxml.etree._Element, vocab: Vocabulary) -> bool:
    """An empty element named as a reply (`<div class="reply"></div>`): where a signed-in reader's reply link is."""
    names = f"{element.get('class') or ''} {element.get('id') or ''}".split()
    return any((parts := word_parts(name)) and parts[-1] in vocab.reply_slot_words for name in names)
