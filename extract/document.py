"""The Document a page becomes: metadata plus its records (article body, listing entries, posts, Q&A)."""

from __future__ import annotations

from dataclasses import dataclass, field

from normalize.offsets import OffsetMap

# Between two records in a document's text (and in its served text): every offset into a page's text assumes it.
RECORD_SEPARATOR = "\n\n"

# Page families (DESIGN.md): what `Document.kind` may be.
FAMILIES = ("article", "listing", "forum", "qa")


@dataclass(slots=True)
class Record:
    """One unit of main content: an article body, one listing entry, one forum post, a question or answer."""

    text: str
    role: str = "body"  # body | entry | post | question | answer
    title: str | None = None
    author: str | None = None
    published_at: str | None = None  # ISO 8601 as found on the page
    url: str | None = None
    # After normalize: `text` is the normalized text, `served` the content stage's text it came from, and
    # `offsets` maps spans of `text` back to `served`. Both None before normalize (text is then as served).
    served: str | None = None
    offsets: OffsetMap | None = None


@dataclass(slots=True)
class Document:
    url: str | None
    title: str | None = None
    published_at: str | None = None  # ISO 8601 (date or datetime), as precise as the page says
    author: str | None = None
    site: str | None = None
    kind: str = "article"  # one of FAMILIES
    records: list[Record] = field(default_factory=list)
    lang: str | None = None  # zh | en
    encoding: str | None = None  # from extract.decode
    encoding_source: str | None = None  # bom | header | meta | sniffed | fallback

    @property
    def text(self) -> str:
        """The main text: records separated by a blank line (the `guidecrawl content` output)."""
        return RECORD_SEPARATOR.join(r.text for r in self.records if r.text)

    @property
    def served_text(self) -> str:
        """The records as the content stage gave them, before normalize, joined like `text`."""
        return RECORD_SEPARATOR.join(r.text if r.served is None else r.served for r in self.records if r.text)
