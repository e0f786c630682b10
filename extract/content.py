"""HTML → Document. PLACEHOLDER: the real boilerplate removal and record splitting is issue 5."""

from __future__ import annotations

import lxml.html

from extract.document import Document, Record


def content(html: str, url: str | None = None) -> Document:
    tree = lxml.html.fromstring(html or "<html></html>")
    title = tree.findtext(".//title")
    return Document(url=url, title=title, records=[Record(text=tree.text_content().strip())])
