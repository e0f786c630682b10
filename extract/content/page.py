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

import lxml.etree

from extract.content.arbitration import arbitrate, article_over_reading
from extract.content.article import clean_lines, lead_lines
from extract.content.blocks import article_block, best_subtree, headline_column, holds_headline_story
from extract.content.boilerplate import drop_boilerplate, drop_metadata_blocks
from extract.content.discussion import comment_thread, printed_by_a_news_desk
from extract.content.forum import forum_posts, open_with_subject, opening_author
from extract.content.letters import letter_records
from extract.content.lines import PROSE_CHARS, Line, bare_text_of, cut_page, split_lines
from extract.content.listing import SiblingRun, group_outweighs, listing_group, listing_records
from extract.content.marks import within_marked_body
from extract.content.metadata import (
    byline_author,
    byline_date,
    fill_metadata,
    first_heading,
    heading_texts,
    text_lang,
    title_line,
)
from extract.content.parse import (
    parse_html,
    select_css,
    strip_furniture,
    with_script_records,
    within_attribute_limit,
)
from extract.content.post_bodies import marked_by_an_engine
from extract.content.qa import (
    announces_answers,
    answered_question_lines,
    holds_question_body,
    qa_records,
    question_record,
    unanswered_question,
)
from extract.content.replies import (
    holds_whole_thread,
    is_thread,
    replies_outweigh,
    reply_group,
    reply_records,
    without_signatures,
)
from extract.content.variants import drop_repeated_variants
from extract.content.vocabulary import Vocabulary, vocabulary
from extract.document import Document, Record


def content(html: str, url: str | None = None, *, body_css: str | None = None) -> Document:
    """Extract the Document of one page. `body_css` (a per-site override) names the main-content element."""
    document = Document(url=url)
    html = with_script_records(within_attribute_limit(html))  # the second opinion parses the page too
    root = parse_html(html, within_limit=True)
    if root is None:
        return document
    vocab = vocabulary()
    page_title = fill_metadata(root, document, vocab)
    strip_furniture(root, vocab.article_body_classes, vocab.reply_actions, vocab.hidden_classes)
    page_lines = cut_page(root)
    if drop_repeated_variants(page_lines):
        page_lines = cut_page(root)
    if page_title and document.title and document.title not in heading_texts(root, vocab):
        # No <h1>/<h2> matched the <title>: a styled block often carries the headline instead.
        document.title = title_line(page_lines, page_title, document.title)
    if not document.title:
        document.title = first_heading(root)
    document.lang = text_lang(root, page_lines) or document.lang
    if document.published_at is None:
        document.published_at = byline_date(page_lines, document.title, vocab)
    if document.author is None:
        document.author = byline_author(page_lines)

    override = select_css(root, body_css) if body_css else None
    if override is not None:
        document.records = [Record(text="\n".join(clean_lines(split_lines(override), document.title, vocab)))]
        return _finish(document)

    posts = forum_posts(root, vocab, url, page_lines)
    if posts:
        document.kind = "forum"
        document.records = posts
        open_with_subject(posts, document.title)
        if document.author is None:
            document.author = posts[0].author
        # The thread starts with its first post: its time beats any other date on the page.
        document.published_at = posts[0].published_at or document.published_at
        # A second opinion's article that is the first post does not overrule an engine's own marks; a story the
        # thread leaves out, which two other extractors read, does.
        return _finish(document, html, story_only=marked_by_an_engine(root, vocab))

    qa = qa_records(root, document.title, vocab, page_lines)
    if qa:
        document.kind = "qa"
        document.records = qa
        return _finish(document)
    unanswered = unanswered_question(root, document.title, vocab)

    replies = reply_group(page_lines, vocab)  # before boilerplate drop: comment lists are named "comment"
    discussion = comment_thread(root, html, page_lines, vocab)
    if (
        discussion is not None
        and discussion.opening is not None
        and (replies is None or len(discussion.members) >= len(replies.members))
    ):
        replies = None  # the engine prints the post as its replies: the discussion knows both, a run only replies
    issuer, dated = drop_metadata_blocks(root, vocab)
    document.author = document.author or issuer
    document.published_at = document.published_at or dated
    drop_boilerplate(root, vocab)
    lines = cut_page(root)
    body_root, body_score = best_subtree(lines, vocab, title=document.title)
    group = listing_group(root, lines)
    if group is not None and group_outweighs(group, lines, body_root, document.title, vocab.article_body_classes):
        document.kind = "listing"
        document.records = listing_records(group, url, vocab)
        return _finish(document, html)
    if replies is not None and replies_outweigh(replies, lines, body_root):
        if document.title and any(announces_answers(line.text, vocab) for line in page_lines):
            # "2 个回答" over the blocks: they answer the headline's question (a Q&A site without answer markup).
            document.kind = "qa"
            question = answered_question_lines(lines, replies, document.title, vocab)
            answers = reply_records(replies, url, vocab)
            for answer in answers:
                answer.role = "answer"
            document.records = [
                Record(text="\n".join([document.title, *question]), role="question", title=document.title),
                *[answer for answer in answers if answer.text],
            ]
            return _finish(document)
        document.kind = "forum"
        document.records = reply_records(replies, url, vocab)
        document.published_at = document.published_at or document.records[0].published_at
        # The run holds the opening post too, printed as its replies are: an article inside that post is the post.
        return _finish(document, html, story_only=True)
    if (
        replies is not None
        and body_root is not None
        and body_score > 0
        and is_thread(replies, body_root, vocab)
        and not printed_by_a_news_desk(page_lines, replies, vocab)
    ):
        # A thread of an engine we do not know: the opening post is the body, the numbered replies follow it.
        document.kind = "forum"
        opening = _opening_post(body_root, lines, document, vocab, replies)
        document.records = [opening, *reply_records(replies, url, vocab)]
        open_with_subject(document.records, document.title)
        return _finish(document, html)
    if (
        discussion is not None
        and body_root is not None
        and body_score > 0
        and not printed_by_a_news_desk(page_lines, discussion, vocab)
    ):
        # A post whose comments answer one another: the post opens the thread, the comments are its replies.
        document.kind = "forum"
        opening = _opening_post(body_root, lines, document, vocab, discussion, page_lines)
        document.records = [opening, *reply_records(discussion, url, vocab)]
        open_with_subject(document.records, document.title)
        return _finish(document, html, story_only=True)
    if replies is not None and body_root is not None and holds_whole_thread(replies, body_root, vocab):
        # The chosen block holds the numbered posts with the page's chrome around them: the posts are the thread.
        document.kind = "forum"
        document.records = reply_records(replies, url, vocab)
        open_with_subject(document.records, document.title)
        return _finish(document, html)
    if (
        unanswered is not None
        and body_root is not None
        and document.title
        and holds_question_body(unanswered, body_root)
    ):
        # A question nobody has answered yet: the body is its text.
        inside = set(body_root.iter())
        body_text = clean_lines([line for line in lines if line.owner in inside], document.title, vocab)
        document.kind = "qa"
        document.records = [question_record(document.title, body_text, vocab)]
        return _finish(document)
    if body_root is not None and body_score > 0:
        weightiest = body_root
        body_root = _article_root(body_root, lines, document.title, vocab)
        inside = set(body_root.iter())
        body = [line for line in lines if line.owner in inside]
        heading = bare_text_of(vocab.answer_headings)
        answer_at = next((i for i, line in enumerate(body) if heading.fullmatch(line.text)), None)
        letter = letter_records(body, document.title, vocab) if document.title else None
        if letter is not None:
            # A letter to an office and its answer (市长信箱): a question and an answer with its office and time.
            document.kind = "qa"
            document.records = letter
        elif answer_at is not None and document.title:
            # A Q&A page without answer markup: "最佳答案" heads the answer, the headline is the question.
            document.kind = "qa"
            question_lines = clean_lines(body[:answer_at], document.title, vocab)
            answer_lines = clean_lines(body[answer_at + 1 :], document.title, vocab)
            document.records = [
                Record(text="\n".join([document.title, *question_lines]), role="question", title=document.title),
                Record(text="\n".join(answer_lines), role="answer"),
            ]
        else:
            lead = lead_lines(body_root, lines, vocab)
            text = "\n".join(clean_lines(lead + body, document.title, vocab))
            text = _without_prose_itemized(text, lines, document, weightiest)
            # The headline and the sentences under it: the article however short; the second extractor would take the
            # prose beside it (a sidebar's, related reading's abstracts) for the article.
            story = holds_headline_story(text, lines, document.title)
            document.records = [Record(text=arbitrate(text, html, document.lang, short_ok=story))]
    else:
        # No block reads as content: a page whose main text is short still has one.
        text = _without_prose_itemized("", lines, document, body_root)
        document.records = [Record(text=arbitrate(text, html, document.lang))]
    return _finish(document)


def _without_prose_itemized(
    text: str, lines: list[Line], document: Document, weightiest: lxml.etree._Element | None
) -> str:
    """`text`, or when it is no more than a line of prose's length the larger text of the block chosen with the
    items of plain lists weighed as text, if that is another block than the `weightiest` subtree without them: a
    办事指南 of headed lists (documents to bring, steps, offices) has no sentence to choose it by. A text of that
    length or more stays, prose or not (verse is written in short lines)."""
    if len(text) >= PROSE_CHARS and len("".join(text.split())) >= PROSE_CHARS:
        return text
    vocab = vocabulary()
    body_root, score = best_subtree(lines, vocab, lists=True, title=document.title)
    if body_root is None or score <= 0 or body_root is weightiest:
        return text
    inside = set(body_root.iter())
    itemized = "\n".join(clean_lines([line for line in lines if line.owner in inside], document.title, vocab))
    return itemized if len(itemized) > len(text) else text


def _article_root(
    weightiest: lxml.etree._Element, lines: list[Line], title: str | None, vocab: Vocabulary
) -> lxml.etree._Element:
    """The weightiest subtree narrowed to the article's own block (`article_block`) and the headline's column in it
    (`headline_column`), widened to the article body the page marks around it (`within_marked_body`): what an
    article's body, and a thread's opening post, is read from."""
    column = headline_column(article_block(lines, weightiest, title, vocab), lines, title, vocab)
    return within_marked_body(column, vocab.article_body_classes)


def _opening_post(
    body_root: lxml.etree._Element,
    lines: list[Line],
    document: Document,
    vocab: Vocabulary,
    replies: SiblingRun,
    page_lines: list[Line] | None = None,
) -> Record:
    """The chosen body as a thread's opening post (its author from the card around it), narrowed as an article's
    body is (`article_block`, `headline_column`): the block the scoring chose may hold the page's side column, and
    it may hold the replies too (a comment tree inside the post's own container), which follow as records of their
    own and are left out of it. Where the replies name the post (`SiblingRun.opening`), it is that element's text,
    read from `page_lines`."""
    opening = replies.opening
    if opening is not None and page_lines is not None:
        # The engine marks the post as its replies: no block to choose, and its lines are the page's as cut before
        # the boilerplate went (a forum names the post's box as it names its comments).
        body_root = opening
        in_opening = set(opening.iter())
        lines = [line for line in page_lines if line.owner in in_opening]
    else:
        body_root = _article_root(body_root, lines, document.title, vocab)
    in_replies = {element for member in replies.members for element in member.iter()}
    inside = {element for element in body_root.iter() if element not in in_replies}
    text = clean_lines([line for line in lines if line.owner in inside], document.title, vocab)
    return Record(
        text="\n".join(without_signatures(text, body_root, vocab)),
        role="post",
        author=document.author or opening_author(body_root, vocab),
        published_at=document.published_at,
        url=document.url,
    )


def _finish(document: Document, html: str | None = None, *, story_only: bool = False) -> Document:
    """Drop empty records; with `html`, let the second opinion overrule a thread or listing reading; with
    `story_only` (posts a forum engine marks, a post with its discussion) only by a story above the thread (see
    `article_over_reading`)."""
    document.records = [r for r in document.records if r.text.strip()]
    if html is not None and document.kind in ("forum", "listing") and document.records:
        opening = document.records[0].text if document.kind == "forum" else None
        ours = "\n".join(r.text for r in document.records)
        article = article_over_reading(ours, html, document.lang, opening, story_only=story_only)
        if article is not None:
            document.kind = "article"
            document.records = [Record(text=article)]
    return document
