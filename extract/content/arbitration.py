"""A second opinion on an article's main text: our block choice against an independent extractor's.

Why: our article rule picks the element with the largest summed line weight. On pages whose chrome is written in
sentences (related-story abstracts, comment-badge blurbs, feeds under the article) that element is too large and
the text carries a tail. trafilatura (a well-kept extractor, strongest on English pages) cuts those tails but
often loses whole sections of Chinese pages. The two errors have different shapes, which is what the choice
reads:

- on English pages, theirs lies inside ours (nearly all of its tokens are ours) and ours is clearly larger → the
  surplus is page chrome around the same article: theirs. Not on Chinese pages, where the second extractor also
  drops lead boxes, captions and closing credits, and a second extraction of every article would double the time;
- ours holds no sentence at all (a link list, a site address) while theirs is prose and larger → ours picked
  the wrong block: theirs;
- anything else (they disagree, or theirs is the shorter one of a page it cut) → ours.

Tokens are those of the benchmark's metric: character bigrams for Chinese text, words for the rest.
Thresholds are data (`[arbitration]` in `extract/data/content_boilerplate.toml`).

May: replace the text of an article with the other extractor's (without the lines our vocabulary drops from ours);
on English pages, replace a thread or listing reading with the other extractor's article when that article lies
inside it, or when it is a story above the thread that a third extractor reads too (`story_above_discussion`, the
only way a thread a forum engine marks is overruled). Must never: touch Q&A records or Chinese threads and
listings, or raise (a failing or missing second or third extractor leaves our text).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from extract.content.vocabulary import vocabulary

_DATA = Path(__file__).parents[1] / "data" / "content_boilerplate.toml"
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SENTENCE_END = re.compile(r"[。！？；.!?;]")


@dataclass(frozen=True, slots=True)
class Thresholds:
    nested: float  # share of their tokens found in ours for "theirs lies inside ours"
    surplus: float  # ours is "clearly larger" when at most this share of ours is theirs
    reading_surplus: float  # the same, to overrule a thread or listing reading (post authors are no chrome)
    larger: float  # "theirs is larger": their token count over ours, for the no-sentence case
    section_paragraphs: int  # consecutive paragraphs of ours missing from theirs that make a dropped section
    fallback_blocks: int  # on a page with more block tags, the second opinion runs without its fallbacks
    opinion_blocks: int  # ... and on a page with more than this many, it does not run
    unspaced_languages: tuple[str, ...]  # ... and on pages in these languages (codes or their prefixes)
    story_shared: float  # a thread sharing less than this (token F1) with the second opinion's article ...
    story_smaller: float  # ... and this many times its size ...
    story_agree: float  # ... whose article a third extractor reads too (token F1 at least this) is a story


@functools.cache
def thresholds() -> Thresholds:
    table = tomllib.loads(_DATA.read_text(encoding="utf-8")).get("arbitration", {})
    return Thresholds(
        nested=float(table.get("nested", 0.9)),
        surplus=float(table.get("surplus", 0.98)),
        reading_surplus=float(table.get("reading_surplus", 0.9)),
        larger=float(table.get("larger", 2.0)),
        section_paragraphs=int(table.get("section_paragraphs", 4)),
        fallback_blocks=int(table.get("fallback_blocks", 10000)),
        opinion_blocks=int(table.get("opinion_blocks", 20000)),
        unspaced_languages=tuple(str(code).lower() for code in table.get("unspaced_languages", ["zh", "ja"])),
        story_shared=float(table.get("story_shared", 0.2)),
        story_smaller=float(table.get("story_smaller", 10.0)),
        story_agree=float(table.get("story_agree", 0.6)),
    )


def tokens(text: str) -> Counter[str]:
    """Character bigrams of a Chinese text (spaces and punctuation out), words of any other."""
    text = unicodedata.normalize("NFKC", text).lower()
    if len(_CJK.findall(text)) * 4 < len(text.replace(" ", "")):
        return Counter(_WORD.findall(text))
    chars = [ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith(("P", "S", "C"))]
    return Counter(a + b for a, b in itertools.pairwise(chars))


def has_sentence(text: str) -> bool:
    """At least one line that reads as a sentence: 40+ characters (or 12+ words) with a sentence end."""
    for line in text.splitlines():
        words = len(line.split())
        if (len(line) >= 40 or words >= 12) and _SENTENCE_END.search(line):
            return True
    return False


_SENTENCE_PIECE = re.compile(r"[^。！？；.!?;]+[。！？；.!?;]+")


def sentence_count(text: str) -> int:
    """Sentences of 40+ characters (or 12+ words) in the text, counted across line breaks: extractors keep the
    source's hard wraps ("has taken\n to her Instagram page"), which cut one sentence over several lines."""
    flat = " ".join(text.split())
    return sum(1 for piece in _SENTENCE_PIECE.findall(flat) if has_sentence(piece.strip()))


def choose(ours: str, theirs: str, *, english: bool, limits: Thresholds | None = None, short_ok: bool = False) -> str:
    """The better main text of an article page, ours or theirs (see the module docstring). The nested case is
    for English pages, where the second extractor is strong; `short_ok`: ours is the article however short."""
    limits = limits or thresholds()
    mine, other = tokens(ours), tokens(theirs)
    size_mine, size_other = sum(mine.values()), sum(other.values())
    if not size_other:
        return ours
    if not short_ok and not has_sentence(ours) and has_sentence(theirs) and size_other >= limits.larger * size_mine:
        return theirs
    shared = sum((mine & other).values())
    if english and shared / size_other >= limits.nested and shared / size_mine <= limits.surplus:
        return ours if drops_a_section(ours, theirs, limits.section_paragraphs) else theirs
    return ours


_SHINGLE = 4  # words: a paragraph of ours is in theirs when most of its 4-word runs are


def drops_a_section(ours: str, theirs: str, paragraphs: int) -> bool:
    """Whether theirs stops inside the article: right after a paragraph of ours that theirs has, it leaves out a run
    of `paragraphs` consecutive paragraphs of ours, each a sentence (an extractor that stops at an inline box loses
    the rest of the story). Chrome is not such a run: its prose (teasers, comments, captions, a consent notice)
    comes a paragraph at a time between titles, names and links, or after other lines theirs does not have. Linear
    in the two texts: their 4-word runs are hashed once."""
    their_words = _WORD.findall(unicodedata.normalize("NFKC", theirs).lower())
    known = {tuple(their_words[i : i + _SHINGLE]) for i in range(len(their_words) - _SHINGLE + 1)}
    run = 0
    anchored = False  # the last line before the run that can be compared is theirs
    for line in ours.splitlines():
        words = _WORD.findall(unicodedata.normalize("NFKC", line).lower())
        shingles = [tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)]
        if not shingles:
            continue  # too short to compare ("SUBSCRIBE", a heading): neither theirs nor a paragraph
        missing = sum(shingle in known for shingle in shingles) < 0.5 * len(shingles)
        if missing and has_sentence(line) and (run or anchored):
            run += 1
            if run >= paragraphs:
                return True
        else:
            run = 0
            anchored = not missing
    return False


_BLOCK_TAG = re.compile(r"<(?:p|div|li|td|tr|br|h[1-6])[\s/>]", re.IGNORECASE)


def block_count(html: str, cap: int) -> int:
    """The page's block tags, counted up to `cap` only."""
    return sum(1 for _ in itertools.islice(_BLOCK_TAG.finditer(html), cap))


def many_blocks(html: str, limit: int) -> bool:
    """More than `limit` block tags in the page (counted up to the limit only)."""
    return block_count(html, limit + 1) > limit


def second_opinion(html: str, limits: Thresholds | None = None, *, spaced: bool = True) -> str | None:
    """trafilatura's main text of the page, or None when it is not installed, finds nothing, fails, or the page has
    more than `opinion_blocks` block tags: its main pass is not linear in a page's paragraphs either (100,000 short
    paragraphs: 9 s, twice as many: four times as long).

    It runs without its fallback extractors on a page of more than `fallback_blocks` block tags (jusText, the last
    of them, compares each paragraph with its neighbours by a scan, quadratic in a page's paragraphs), and on a
    page whose language does not space its words (`spaced=False`): jusText tells text from chrome by the stop words
    between spaces, and loads the stop lists of its 100 languages to do it (≈ 0.13 s, ≈ 25 MB a process)."""
    limits = limits or thresholds()
    blocks = block_count(html, max(limits.opinion_blocks, limits.fallback_blocks) + 1)  # one scan for both limits
    if blocks > limits.opinion_blocks:
        return None
    try:
        import trafilatura
    except ImportError:
        return None
    try:
        fast = not spaced or blocks > limits.fallback_blocks
        return trafilatura.extract(html, include_comments=False, fast=fast) or None
    except Exception:  # a third-party failure on odd markup must not cost us the page
        return None


def arbitrate(ours: str, html: str, lang: str | None, short_ok: bool = False) -> str:
    """Our article text, or the second extractor's where it is the better choice. The second extraction runs on
    English pages and on pages where ours holds no sentence, unless `short_ok` (ours is the article however short)."""
    english = lang == "en"
    if not english and (short_ok or has_sentence(ours)):
        return ours
    theirs = second_opinion(html, spaced=not (lang or "").lower().startswith(thresholds().unspaced_languages))
    if theirs is None or choose(ours, theirs, english=english, short_ok=short_ok) == ours:
        return ours
    return without_drop_lines(theirs)


def without_drop_lines(text: str) -> str:
    """The second extractor's text without the lines our vocabulary drops from ours (a sign-up box's consent line,
    a feedback prompt, an affiliate disclosure): it keeps what its own rules do not know."""
    drop = vocabulary().drop_lines
    return "\n".join(line for line in text.split("\n") if not drop.search(line))


def article_over_reading(
    ours: str, html: str, lang: str | None, opening: str | None = None, *, story_only: bool = False
) -> str | None:
    """The article's text when an English page we read as a thread or a listing is an article: the second
    extractor's text is prose (several sentences), lies inside ours, and ours is clearly larger (blog themes
    mark their article body like a forum post; comments and dated feeds repeat under articles). For a thread,
    `opening` is its first post: an article lies inside it, and a text that runs on into the replies is the same
    thread cut short, not an article; or the thread is a story above its discussion (`story_above_discussion`),
    the one case that overrules a `story_only` reading (posts a forum engine marks, a post with its comments).
    None otherwise."""
    if lang != "en":
        return None
    theirs = second_opinion(html)
    if theirs is None or sentence_count(theirs) < _ARTICLE_SENTENCES:
        return None
    if opening is not None:
        if story_above_discussion(ours, theirs, html):
            return without_drop_lines(theirs)
        other = tokens(theirs)
        if story_only or sum((other & tokens(opening)).values()) < thresholds().nested * sum(other.values()):
            return None
    strict = dataclasses.replace(thresholds(), surplus=thresholds().reading_surplus)
    return without_drop_lines(theirs) if choose(ours, theirs, english=True, limits=strict) == theirs else None


_ARTICLE_SENTENCES = 3  # sentence lines that make the second extractor's text an article, not a few entries


def agreement(a: Counter[str], b: Counter[str]) -> float:
    """F1 of two token bags: 1 for the same text, 0 for texts that share no token."""
    shared = sum((a & b).values())
    return 2 * shared / (sum(a.values()) + sum(b.values())) if shared else 0.0


def third_opinion(html: str, limits: Thresholds | None = None) -> str | None:
    """readability's main text of the page, or None when it is not installed, finds nothing, fails, or the page has
    more than `fallback_blocks` block tags (it scores every paragraph's ancestors)."""
    limits = limits or thresholds()
    if many_blocks(html, limits.fallback_blocks):
        return None
    try:
        from lxml import html as lxml_html
        from readability import Document
    except ImportError:
        return None
    try:
        summary = Document(html).summary(html_partial=True)
        return lxml_html.fromstring(summary).text_content() if summary.strip() else None
    except Exception:  # a third-party failure on odd markup must not cost us the page
        return None


def story_above_discussion(thread: str, theirs: str, html: str, limits: Thresholds | None = None) -> bool:
    """Whether a page read as a thread is a story above its readers' discussion: the second extractor's article
    shares next to nothing with the thread (the story is no post of it), the thread is many times its size, and a
    third extractor (readability) reads the same article. Two independent extractors agreeing on a text the
    thread leaves out is what a forum's first post, which both also read, never gives."""
    limits = limits or thresholds()
    mine, other = tokens(thread), tokens(theirs)
    if agreement(mine, other) >= limits.story_shared or sum(mine.values()) < limits.story_smaller * sum(other.values()):
        return False
    third = third_opinion(html, limits)
    return third is not None and agreement(other, tokens(third)) >= limits.story_agree
