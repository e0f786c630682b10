"""The boilerplate vocabulary: class/id tokens, forum and Q&A marks, line patterns, spam keywords,
loaded once from `extract/data/content_boilerplate.toml` into a frozen dataclass.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

_DATA = Path(__file__).parent.parent / "data" / "content_boilerplate.toml"


class VerdictCache:
    """Yes/no answers about line texts: every family asks again about the same lines (weight, cleaning, entries).
    Bounded: emptied when full; of the texts longer than LONGEST only the last one is kept (a page that is one
    10 MB line is asked about that line several times, and each answer reads all of it)."""

    __slots__ = ("_long", "_short")
    SIZE = 4096  # a page has a few hundred lines: enough for one page and the boilerplate shared by a site
    LONGEST = 1000  # so at most SIZE × LONGEST characters are kept

    def __init__(self) -> None:
        self._short: dict[str, bool] = {}
        self._long: tuple[str, bool] | None = None

    def __len__(self) -> int:
        return len(self._short) + (self._long is not None)

    def get(self, text: str) -> bool | None:
        if len(text) <= self.LONGEST:
            return self._short.get(text)
        return self._long[1] if self._long is not None and self._long[0] == text else None

    def __setitem__(self, text: str, verdict: bool) -> None:
        if len(text) > self.LONGEST:
            self._long = (text, verdict)
            return
        if len(self._short) >= self.SIZE:
            self._short.clear()
        self._short[text] = verdict


class AnyPattern:
    """A list of regexes of which any may match a line. Those anchored at the start ("^…") are tried there only:
    in one alternation with the others they would be tried again at every character of every line."""

    __slots__ = ("_anywhere", "_at_start", "_seen")

    def __init__(self, patterns: list[str], flags: int = 0) -> None:
        at_start = [p for p in patterns if _anchored(p)]
        anywhere = [p for p in patterns if not _anchored(p)]
        self._at_start = re.compile("|".join(f"(?:{p})" for p in at_start), flags) if at_start else None
        self._anywhere = re.compile("|".join(f"(?:{p})" for p in anywhere), flags) if anywhere else None
        self._seen = VerdictCache()

    def search(self, text: str) -> bool:
        found = self._seen.get(text)
        if found is None:
            found = self._seen[text] = self._search(text)
        return found

    def _search(self, text: str) -> bool:
        return bool(
            (self._at_start is not None and self._at_start.match(text))
            or (self._anywhere is not None and self._anywhere.search(text))
        )


def _anchored(pattern: str) -> bool:
    """Whether a regex can only match at the start of a line: it opens with ^ and has no top-level alternative."""
    if not pattern.startswith("^"):
        return False
    depth, escaped, in_class = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return False
    return True


@dataclass(frozen=True, slots=True)
class Vocabulary:
    boilerplate_tokens: frozenset[str]
    strong_boilerplate_tokens: frozenset[str]
    consent_platform_tokens: frozenset[str]  # a cookie notice's platform, wherever the part stands in a word
    never_wrapping_tokens: frozenset[str]  # strong tokens of elements that never wrap the article (a dialog)
    app_root_ids: frozenset[str]  # a web framework's root element ("__next"): never furniture by its id
    content_tokens: frozenset[str]
    side_column_tokens: frozenset[str]  # a side column's class/id tokens (sidebar, right …)
    alone_boilerplate_tokens: frozenset[str]  # furniture only as a whole class word ("copy", not "hero-copy")
    container_words: frozenset[str]  # a box's kind after a region's word ("commentsDiv": the comments)
    hidden_classes: frozenset[str]  # utility classes that hide an element ("hide", "d-none")
    building_block_tokens: frozenset[str]  # furniture unless the elements so named hold most of the page
    block_only_tokens: frozenset[str]  # furniture only on a block ("head"; a span so named is a heading)
    style_properties: frozenset[str]  # a CSS property's name: with a value after it, a class word that styles
    style_values: frozenset[str]  # ... the values ("position-relative")
    forum_body_ids: re.Pattern[str]
    forum_body_classes: frozenset[str]
    # (name, value, class word or "") of an engine's post-body attribute; with a class word, both must be there
    forum_body_attributes: frozenset[tuple[str, str, str]]
    blog_entry_classes: frozenset[str]  # a blog post's wrapper ("type-post"): post bodies in it are no thread's
    forum_reply_classes: frozenset[str]  # a forum CMS's reply ("type-reply"): comments so marked are a thread's
    blog_comment_classes: frozenset[str]  # a blog CMS's comment reply link ("comment-reply-link")
    blog_comment_forms: tuple[str, ...]  # the end of its comment form's action ("wp-comments-post.php")
    signature_tokens: frozenset[str]  # a poster's signature: a post body inside one is the signature
    article_body_classes: frozenset[str]  # a CMS's own mark of an article body (entry-content, articleBody)
    forum_author_classes: frozenset[str]
    post_comment_classes: frozenset[str]  # a comment's text inside a post's box, under its body (Discuz! 点评)
    forum_fingerprints: tuple[str, ...]
    forum_drop_lines: AnyPattern
    reply_subject: re.Pattern[str]  # "Re: " before a reply's subject (match at a line's start)
    comment_item_words: frozenset[str]  # last part of a class/id/tag word naming one comment ("GalleryComment")
    comment_item_suffixes: frozenset[str]  # … or first part a comment word, last part one of these ("comment-item")
    comment_list_words: frozenset[str]  # … naming the block of all comments ("j-l-comments", "#comments")
    reply_actions: frozenset[str]  # a reply button's whole text, lower-cased ("reply", "回复")
    reply_slot_words: frozenset[str]  # last part of the class/id of an empty reply action's place
    article_types: frozenset[str]  # schema.org types of an article page (NewsArticle, BlogPosting)
    floor_tokens: frozenset[str]
    floor_mark: re.Pattern[str]
    actions: frozenset[str]
    action_run: re.Pattern[str]  # action words and counts run together ("10评论举报", "31 条评论分享": inline buttons,
    # no separator; a count is matched whole, one way only: a run of digits split every way would take exponential time)
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
    qa_furniture_lines: re.Pattern[str]  # a post's vote count, "Share", "answered Feb 22" (whole line)
    answerer_card: re.Pattern[str]  # a line naming an answerer's title or opening with a card label ("擅长：")
    entry_meta_tokens: frozenset[str]
    gov_label: re.Pattern[str]  # a 信息公开 metadata label opening a line, spaces removed ("索引号：", "标题")
    gov_label_starts: frozenset[str]  # the characters `gov_label` can start with: a bracket or a label's first
    gov_generic_labels: frozenset[str]  # metadata labels other pages use too (标题, 来源)
    issuer_labels: frozenset[str]  # the labels that name the issuing agency (发布机构)
    date_labels: tuple[str, ...]  # the labels that date the document (发布日期, 成文日期), preferred first
    attachment_line: AnyPattern  # "附件：…", "相关附件", "….docx": the notice's own attachment list
    answer_label: re.Pattern[str]  # "回复内容：", "办理结果" opening an office's answer to a letter
    more_links: frozenset[str]  # bare texts of "read more" links ("更多内容点击阅读"), never an entry's title
    file_badge: re.Pattern[str]  # an entry line that is only a file-type badge ("PDF", "[DOC]")
    lead_tokens: frozenset[str]
    lead_label: re.Pattern[str]
    author_tokens: frozenset[str]
    reply_words: frozenset[str]
    related_headings: frozenset[str]
    comment_headings: frozenset[str]
    drop_lines: AnyPattern
    datelines: AnyPattern  # English datelines and bylines above an article's prose
    owner_line: AnyPattern
    byline: re.Pattern[str]
    credit: re.Pattern[str]  # a credit label (责任编辑：, 文/, 来源：) not glued to a preceding word
    news_credit: re.Pattern[str]  # a news desk's label (来源：, 责任编辑：) not glued to a preceding word
    closing_credit: re.Pattern[str]  # a line opening with the responsible editor's label ("（责任编辑：周雁）")
    byline_start: re.Pattern[str]  # "本报记者 王乐文": a reporter line without a label colon
    spam_keywords: tuple[str, ...]  # CJK keywords, matched as substrings
    spam_words: re.Pattern[str]  # Latin keywords, matched as whole words ("av" is not in "have")
    spam_seen: VerdictCache = field(default_factory=VerdictCache, compare=False, hash=False)  # see lines.is_spam


def _with_compounds(stems: list[str], suffixes: list[str]) -> frozenset[str]:
    """The stems and each stem written together with a block suffix ("answer" → "answerli", "answerbox")."""
    return frozenset(stems) | frozenset(stem + suffix for stem in stems for suffix in suffixes)


@functools.cache
def vocabulary() -> Vocabulary:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    forum, qa, lines = data["forum"], data["qa"], data["lines"]
    labels = "|".join(sorted(map(re.escape, lines["byline_labels"]), key=len, reverse=True))
    gov_labels = data["gov"]["metadata_labels"] + data["gov"]["metadata_generic_labels"]
    return Vocabulary(
        boilerplate_tokens=frozenset(data["tokens"]["boilerplate"]) | frozenset(data["tokens"]["strong_boilerplate"]),
        strong_boilerplate_tokens=frozenset(data["tokens"]["strong_boilerplate"]),
        consent_platform_tokens=frozenset(data["tokens"]["consent_platforms"]),
        never_wrapping_tokens=frozenset(data["tokens"]["never_wrapping"]),
        app_root_ids=frozenset(data["tokens"]["app_roots"]),
        content_tokens=frozenset(data["tokens"]["content"]),
        side_column_tokens=frozenset(data["tokens"]["side_columns"]),
        alone_boilerplate_tokens=frozenset(data["tokens"].get("alone", ())),
        container_words=frozenset(data["tokens"]["container_words"]),
        hidden_classes=frozenset(data["tokens"]["hidden_classes"]),
        building_block_tokens=frozenset(data["tokens"]["building_blocks"]),
        block_only_tokens=frozenset(data["tokens"].get("block_only", ())),
        style_properties=frozenset(data["tokens"]["style_properties"]),
        style_values=frozenset(data["tokens"]["style_values"]),
        forum_body_ids=re.compile("|".join(f"(?:{p})" for p in forum["body_ids"]), re.I),
        forum_body_classes=frozenset(c.lower() for c in forum["body_classes"]),
        forum_body_attributes=frozenset(
            (mark[0], mark[1], mark[2] if len(mark) > 2 else "") for mark in forum.get("body_attributes", ())
        ),
        blog_entry_classes=frozenset(c.lower() for c in forum["blog_entry_classes"]),
        forum_reply_classes=frozenset(c.lower() for c in forum["reply_classes"]),
        blog_comment_classes=frozenset(c.lower() for c in forum["blog_comment_classes"]),
        blog_comment_forms=tuple(forum["blog_comment_forms"]),
        signature_tokens=frozenset(forum["signature_tokens"]),
        article_body_classes=frozenset(c.lower() for c in forum["article_body_classes"]),
        forum_author_classes=frozenset(c.lower() for c in forum["author_classes"]),
        post_comment_classes=frozenset(c.lower() for c in forum["post_comment_classes"]),
        forum_fingerprints=tuple(forum["fingerprints"]),
        forum_drop_lines=AnyPattern(forum["drop_lines"], re.I),
        reply_subject=re.compile(
            r"\s*(?:" + "|".join(map(re.escape, forum["reply_subject_prefixes"])) + r")\s*[:：]\s*", re.I
        ),
        comment_item_words=frozenset(forum["comment_item_words"]),
        comment_item_suffixes=frozenset(forum["comment_item_suffixes"]),
        comment_list_words=frozenset(forum["comment_list_words"]),
        reply_actions=frozenset(word.lower() for word in forum["reply_actions"]),
        reply_slot_words=frozenset(forum["reply_slot_words"]),
        article_types=frozenset(forum["article_types"]),
        floor_tokens=frozenset(forum["floor_tokens"]),
        actions=frozenset(forum["actions"]),
        action_run=re.compile(
            r"(?:"
            + "|".join(map(re.escape, sorted(forum["actions"], key=len, reverse=True)))
            + r"|[(（]?\d+(?!\d)\s*[条個个人次位]?[)）]?)+"
        ),
        engine_authors=tuple(forum["engine_authors"]),
        buttons=re.compile(r"^\s*(?:[【\[]\s*(?:" + "|".join(map(re.escape, lines["buttons"])) + r")\s*[】\]]\s*)+"),
        floor_mark=re.compile(r"\s*(?:" + "|".join(forum["floor_marks"]) + r")\s*"),
        question_classes=frozenset(qa["question_classes"]),
        question_tokens=_with_compounds(qa["question_tokens"], qa["compound_suffixes"]),
        answer_classes=frozenset(qa["answer_classes"]),
        answer_tokens=_with_compounds(qa["answer_tokens"], qa["compound_suffixes"]),
        qa_other_tokens=frozenset(qa["other_tokens"]) | frozenset(qa.get("other_tokens_furniture", [])),
        answer_headings=frozenset(qa["answer_headings"]),
        followup_labels=frozenset(qa["followup_labels"]),
        answer_count=re.compile(r"^\s*(?:" + "|".join(qa["answer_count"]) + r")\s*$"),
        qa_furniture_lines=re.compile(r"\s*(?:" + "|".join(qa["furniture_lines"]) + r")\s*", re.I),
        answerer_card=re.compile(
            "|".join(map(re.escape, qa["answerer_titles"]))
            + r"|^\s*(?:"
            + "|".join(map(re.escape, qa["answerer_labels"]))
            + r")\s*[:：]"
        ),
        entry_meta_tokens=frozenset(data["listing"]["entry_meta_tokens"]),
        gov_label=re.compile(
            r"[【\[]?(" + "|".join(map(re.escape, sorted(gov_labels, key=len, reverse=True))) + r")[】\]]?(?:[:：]|$)"
        ),
        gov_label_starts=frozenset("【[") | {label[0] for label in gov_labels},
        gov_generic_labels=frozenset(data["gov"]["metadata_generic_labels"]),
        issuer_labels=frozenset(data["gov"]["issuer_labels"]),
        date_labels=tuple(data["gov"]["date_labels"]),
        attachment_line=AnyPattern(
            [
                r"^\s*(?:"
                + "|".join(
                    r"\s*".join(map(re.escape, label.rstrip(":：")))
                    for label in sorted(data["gov"]["attachment_labels"], key=len, reverse=True)
                )
                + r")\s*\d*\s*(?:[:：]|$)",
                r"\.(?:" + "|".join(data["listing"]["file_badges"]) + r")\s*[)）]?\s*$",
            ],
            re.I,
        ),
        answer_label=re.compile(
            r"\s*[【\[]?(?:"
            + "|".join(map(re.escape, sorted(data["letters"]["answer_labels"], key=len, reverse=True)))
            + r")[】\]]?\s*[:：]?"
        ),
        more_links=frozenset(map(link_key, data["listing"]["more_links"])),
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
        drop_lines=AnyPattern(lines["drop"], re.I),
        datelines=AnyPattern(lines["datelines"], re.I),
        owner_line=AnyPattern(lines["owner_line"], re.I),
        byline=re.compile(rf"(?:{labels})\s*[:：]"),
        byline_start=re.compile(
            r"^\s*(?:" + "|".join(sorted(map(re.escape, lines["byline_starts"]), key=len, reverse=True)) + r")\s*\S"
        ),
        credit=re.compile(
            r"(?<![\u4e00-\u9fff])(?:"
            + "|".join(sorted(map(re.escape, lines["credit_labels"]), key=len, reverse=True))
            + r")\s*[:：/／]"
        ),
        news_credit=re.compile(
            r"(?<![\u4e00-\u9fff])(?:"
            + "|".join(sorted(map(re.escape, lines["news_credit_labels"]), key=len, reverse=True))
            + r")\s*[:：]"
        ),
        closing_credit=re.compile(
            r"[\s(（\[【]*(?:"
            + "|".join(sorted(map(re.escape, lines["closing_credit_labels"]), key=len, reverse=True))
            + r")\s*[:：]"
        ),
        spam_keywords=tuple(dict.fromkeys(k.lower() for k in data["spam"]["keywords"] if not k.isascii())),
        spam_words=re.compile(
            r"(?<![a-z])("
            + "|".join(re.escape(k.lower()) for k in data["spam"]["keywords"] if k.isascii())
            + r")(?![a-z])"
        ),
    )


def link_key(text: str) -> str:
    """A link's words without punctuation, arrows or spaces, lower-cased ("[详细>>]" → "详细")."""
    return re.sub(r"[\W_]+", "", text).lower()
