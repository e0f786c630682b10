"""Disclosure widgets: accordions and tabs, the way guidance pages fold their sections.

Why: a guidance page (who can apply, what it costs, how to claim …) often prints each section as an accordion
item or a tab. The section's heading is then a `<button>` (inside a heading element in the WAI-ARIA accordion
pattern, `role="tab"` in the tab pattern) and its body a panel the page hides until the reader opens it (`hidden`,
`display: none`). Form controls and hidden text are stripped before the body is chosen: without this module such a
page loses every section but the open one, headings and all.

May: keep a button's text when it labels a section; keep a hidden panel that a control opens. Must never: keep
other buttons (`Show more`, `Menu`, `Print`) or hidden text that no control names (a closed spoiler is judged in
its post, a hidden template by the parser).
"""

from __future__ import annotations

import lxml.etree

from extract.content.lines import HEADINGS

_TAB_ROLES = frozenset(("tab",))
# What else a control opens is no section: a menu, a dialog, a search box, a list of choices.
_POPUP_ROLES = frozenset(("menu", "menubar", "dialog", "alertdialog", "navigation", "listbox", "search", "tooltip"))
_POPUP_TAGS = frozenset(("nav", "dialog", "form", "menu"))


def labels_a_section(button: lxml.etree._Element) -> bool:
    """A `<button>` whose text is a section's heading: a tab (`role="tab"`), or the toggle of an accordion item,
    which the WAI-ARIA pattern nests in a heading element (`<h3><button aria-expanded="false">Eligibility</button>
    </h3>`)."""
    if button.get("role") in _TAB_ROLES:
        return True
    parent = button.getparent()
    while parent is not None and parent.tag in ("span", "strong", "b"):
        parent = parent.getparent()
    return parent is not None and parent.tag in HEADINGS


def controlled_ids(root: lxml.etree._Element) -> frozenset[str]:
    """The ids that the page's controls open (`aria-controls`, which may name several)."""
    return frozenset(part for value in root.xpath("//@aria-controls") for part in str(value).split())


def is_disclosed_panel(element: lxml.etree._Element, opened_by_controls: frozenset[str]) -> bool:
    """A hidden element that is the body of a tab or an accordion item: a tab panel, an accordion's region labelled
    by its toggle (`role="region" aria-labelledby=…`), or the element a control names by `aria-controls` unless it
    is a menu, a dialog or a form (a hamburger menu, a search box)."""
    role = element.get("role")
    if role == "tabpanel" or (role == "region" and element.get("aria-labelledby")):
        return True
    if role in _POPUP_ROLES or element.tag in _POPUP_TAGS:
        return False
    identifier = element.get("id")
    return identifier is not None and identifier in opened_by_controls
