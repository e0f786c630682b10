"""Main-content extraction: HTML → Document (metadata, page family, records).

One module per job; `page.content()` composes them:

- `parse`       HTML str → lxml tree without scripts, styles, comments and hidden furniture
- `lines`       the line model (text between block boundaries) and per-element text statistics
- `vocabulary`  the boilerplate vocabulary, loaded from `extract/data/content_boilerplate.toml`
- `dates`       dates as pages print them, and their ISO 8601 form
- `metadata`    title, site, published_at, author, lang
- `boilerplate` containers dropped by class/id, 信息公开 metadata tables
- `blocks`      the block choice: which subtree is the main content
- `article`     an article body's lines without their furniture
- `forum`       forum threads and runs of replies
- `qa`          question and answer records
- `listing`     runs of repeated entries and their records
"""

from extract.content.page import content

__all__ = ["content"]
