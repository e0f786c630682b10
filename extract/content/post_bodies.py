"""Which elements of a page are a thread's post bodies, and whether an engine prints the thread: bodies an engine
marks by id, attribute or class word (without feed entries, blog teasers and signatures, and none when they are
comments under an article); the box around each post; a page that names its engine or prints its first post as
it prints the replies.
"""

from __future__ import annotations

import re

import lxml.etree

from extract.content.lines import class_tokens, class_words, text_of
from extract.content.marks import marks_article_body
from extract.content.vocabulary import Vocabulary

_LETTER_RUN = re.compile(r"[^\W\d_]+")
_FEED_LINK_SHARE = 0.8  # share of a body's letters inside links that makes it a feed entry, not a written post
_PASTED = re.compile(r"@|://|^\s*www\.", re.I)  # an address or a URL as a link's own text
_ALIKE_POSTS = 3  # posts in one kind of box that make the thread an engine's


def post_bodies(root: lxml.etree._Element, vocab: Vocabulary) -> list[lxml.etree._Element]:
    """The post bodies of a thread, outermost only (a quote box marked up like a post belongs to its post), or []:
    elements an engine's id or attribute marks, else those its class words do, without feed entries, blog
    teasers and signatures, and none when they are comments under an article."""
    names = {name for name, _, _ in vocab.forum_body_attributes}
    marked = [
        e
        for e in root.iter()
        if isinstance(e.tag, str) and (e.get("id") or e.get("class") or any(e.get(name) for name in names))
    ]
    by_id = [e for e in marked if vocab.forum_body_ids.fullmatch(e.get("id") or "")]
    bodies = by_id or [e for e in marked if class_words(e) & vocab.forum_body_classes or _marked_body(e, vocab)]
    if bodies and comments_under_article(root, bodies, vocab):
        return []
    # Feed widgets reuse the post classes of blog themes: a "post" that is a headline link and a date is an entry,
    # and one inside a blog post's wrapper is that post's teaser.
    bodies = [
        body
        for body in bodies
        if not _is_feed_entry(body) and not _in_blog_entry(body, vocab) and not _in_signature(body, vocab)
    ]
    body_set = set(bodies)
    outer = [b for b in bodies if not any(a in body_set for a in b.iterancestors())]
    if len(outer) == 1 and not _looks_like_forum(root, vocab):
        return []
    return outer


def _marked_body(element: lxml.etree._Element, vocab: Vocabulary) -> bool:
    """An engine's own attribute names the element a post body (NodeBB's `component="post/content"`)."""
    return any(
        element.get(name) == value and (not word or word in class_words(element))
        for name, value, word in vocab.forum_body_attributes
    )


def _is_feed_entry(body: lxml.etree._Element) -> bool:
    """A block whose letters are nearly all headline links (a headline, a date beside it): an entry of a related
    or popular-posts feed, not a post someone wrote. A post that is an address or a link someone pasted
    ("lxs5945@gmail.com", "https://…") is a post: such links are no headlines."""
    linked = sum(_letters(text_of(link)) for link in body.iter("a") if _is_headline_link(link))
    if not linked:
        return False  # no headline letters: a post (its own letters are not even counted)
    letters = _letters(text_of(body))
    return letters > 0 and linked >= _FEED_LINK_SHARE * letters


def _letters(text: str) -> int:
    """The letters of a text (no digits, no "_"), counted by runs: a match per letter would build a string each."""
    return len(text) - len(_LETTER_RUN.sub("", text))


def _is_headline_link(link: lxml.etree._Element) -> bool:
    text = text_of(link)
    href = (link.get("href") or "").strip().lower()
    return not href.startswith("mailto:") and not _PASTED.search(text)


def _in_blog_entry(body: lxml.etree._Element, vocab: Vocabulary) -> bool:
    return any(class_words(ancestor) & vocab.blog_entry_classes for ancestor in body.iterancestors())


def marked_by_an_engine(root: lxml.etree._Element, vocab: Vocabulary) -> bool:
    """The page names its forum engine (`<meta name="generator" content="Discourse …">`), marks a post body by an
    engine's own id or attribute (`postmessage_123`, `component="post/content"`), or prints its first post in the
    same box as its replies: a thread whatever another extractor makes of it, where a body found by a class word
    alone (`post-content`) may be a blog theme's."""
    if _looks_like_forum(root, vocab):
        return True
    if any(
        isinstance(element.tag, str)
        and (vocab.forum_body_ids.fullmatch(element.get("id") or "") or _marked_body(element, vocab))
        for element in root.iter()
    ):
        return True
    return _printed_alike(post_containers(post_bodies(root, vocab)))


def _printed_alike(containers: list[lxml.etree._Element]) -> bool:
    """Three or more posts whose boxes are one tag with a class word in common: the first post is printed as the
    replies are (XenForo's `article.message`, WoltLab's `li.anchorFixedHeader`), as an engine prints a thread. A
    blog theme prints its article in another box than the comments under it."""
    if len(containers) < _ALIKE_POSTS or len({box.tag for box in containers}) > 1:
        return False
    return bool(frozenset.intersection(*(class_words(box) for box in containers)))


def _in_signature(body: lxml.etree._Element, vocab: Vocabulary) -> bool:
    return any(class_tokens(ancestor) & vocab.signature_tokens for ancestor in body.iterancestors())


def _looks_like_forum(root: lxml.etree._Element, vocab: Vocabulary) -> bool:
    generator = " ".join(m.get("content") or "" for m in root.iter("meta")).lower()
    return any(f in generator for f in vocab.forum_fingerprints)


def post_containers(bodies: list[lxml.etree._Element]) -> list[lxml.etree._Element]:
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


def comments_under_article(root: lxml.etree._Element, bodies: list[lxml.etree._Element], vocab: Vocabulary) -> bool:
    """Post (or answer) bodies beside an element the page marks as its article body (a blog's entry-content, a
    news CMS's article-content, itemprop="articleBody") that holds more text than all of them: comments under an
    article."""
    in_posts: set[lxml.etree._Element] | None = None  # measured when a marked article body is met (rarely)
    posted = 0
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if not marks_article_body(element, vocab.article_body_classes):
            continue
        if in_posts is None:
            in_posts = {e for body in bodies for e in body.iter()}
            posted = sum(len(text_of(body)) for body in bodies)
        if element in in_posts or any(descendant in in_posts for descendant in element.iterdescendants()):
            continue
        if len(text_of(element)) > posted:
            return True
    return False
