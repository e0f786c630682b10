"""Parser set-up: HTML str → lxml tree, without scripts, styles, comments and hidden furniture."""

from __future__ import annotations

import re

import lxml.etree

from extract.content.lines import holds_prose, text_stats

_REMOVED_TAGS = (
    "script", "style", "noscript", "template", "iframe", "select", "option", "textarea", "button", "input",
    "svg", "canvas", "object", "embed", "map", "video", "audio", "head", "link", "meta",
)  # fmt: skip


def parse_html(html: str) -> lxml.etree._Element | None:
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


def strip_furniture(root: lxml.etree._Element) -> None:
    for element in list(root.iter(*_REMOVED_TAGS)):
        drop_element(element)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            drop_element(element)
    stats = text_stats(root)
    for element in list(root.iter()):
        style = (element.get("style") or "").replace(" ", "").lower()
        hidden = "display:none" in style or "visibility:hidden" in style or element.get("hidden") is not None
        # Some CMSs hide the article until a script shows it: hidden prose stays.
        if hidden and not holds_prose(element, stats):
            drop_element(element)


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
