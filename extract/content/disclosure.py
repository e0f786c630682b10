"""Disclosure widgets: accordions and tabs, the way guidance pages fold their sections.

Why: a guidance page (who can apply, what it costs, how to claim …) often prints each section as an accordion
item or a tab. The section's heading is then a `<button>` (inside a heading element in the WAI-ARIA accordion
pattern, `role="tab"` in the tab pattern) and its body a panel the page hides until the reader opens it (`hidden`,
`display: none`). Form controls and hidden text are stripped before the body is chosen: without this module such a
page loses every section but the open one, headings and all.

Many Chinese portals script their tabs without ARIA (`<li onclick="tab(2)">申请材料</li>` over
`<div class="tab_con" style="display:none">`): there the panels are known by their shape, siblings of one tag and
class of which one is shown and the others hidden; and their FAQ pages (常见问题) fold each answer under its question
(`<dt>` over a hidden `<dd>`): answers of one tag and class, each right after its shown question.

May: keep a button's text when it labels a section; keep a hidden panel that a control opens, a hidden sibling
of a shown panel of its tag and class that is text, not links, and two or more folded answers under their
questions. Must never: keep other buttons (`Show more`, `Menu`, `Print`) or hidden text that no control names, no
shown sibling matches and no question heads (a closed spoiler is judged in its post, a hidden template by the
parser), or the hidden slides of a carousel (images and headline links).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import lxml.etree

from extract.content.lines import HEADINGS, TextStats, holds_most_of_the_page, text_of

_TAB_ROLES = frozenset(("tab",))
_LEAST_ANSWER = 20  # characters of the block under a question button that make it the question's answer
# What else a control opens is no section: a menu, a dialog, a search box, a list of choices.
_POPUP_ROLES = frozenset(("menu", "menubar", "dialog", "alertdialog", "navigation", "listbox", "search", "tooltip"))
_POPUP_TAGS = frozenset(("nav", "dialog", "form", "menu"))


def labels_a_section(button: lxml.etree._Element) -> bool:
    """A `<button>` whose text is a section's heading: a tab (`role="tab"`), or the toggle of an accordion item,
    which the WAI-ARIA pattern nests in a heading element (`<h3><button aria-expanded="false">Eligibility</button>
    </h3>`) and an FAQ prints as the question right above its answer (`<button>How much should I tip movers?
    </button><div class="faq-answer">…`)."""
    if button.get("role") in _TAB_ROLES:
        return True
    parent = button.getparent()
    while parent is not None and parent.tag in ("span", "strong", "b"):
        parent = parent.getparent()
    return (parent is not None and parent.tag in HEADINGS) or _asks_above_its_answer(button)


def _asks_above_its_answer(button: lxml.etree._Element) -> bool:
    answer = button.getnext()
    if answer is None or not isinstance(answer.tag, str):
        return False
    question = " ".join(text_of(button).split())
    return question.endswith(("?", "？")) and len(" ".join(text_of(answer).split())) >= _LEAST_ANSWER


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


_PANEL_LINK_SHARE = 0.5  # a closed tab's text is mostly not links (a carousel slide is a headline link)


def closed_tabs(
    root: lxml.etree._Element, hidden: Sequence[lxml.etree._Element], stats: Mapping[lxml.etree._Element, TextStats]
) -> set[lxml.etree._Element]:
    """The hidden panels of tab sets scripted without ARIA: a sibling of the panel's tag and class attribute is shown
    and holds text (the rows of a form are emptied of their controls), and the panel's own text is mostly not links.
    Each parent's children are read once, however many of them are hidden."""
    hidden_set, page = set(hidden), stats[root]
    shown_kinds: dict[lxml.etree._Element, set[tuple[object, str | None]]] = {}
    panels = set()
    for element in hidden:
        measured = stats.get(element)
        if measured is None or not measured.chars or measured.link_chars >= _PANEL_LINK_SHARE * measured.chars:
            continue
        classes, parent = element.get("class"), element.getparent()
        if not classes or parent is None:
            continue
        if parent not in shown_kinds:
            shown_kinds[parent] = {
                (child.tag, child.get("class"))
                for child in parent
                if child not in hidden_set and _has_text(stats.get(child))
            }
        if (element.tag, classes) not in shown_kinds[parent]:
            continue
        if any(_is_widget(above, stats, page) for above in element.iterancestors()):
            continue  # the hidden rows of a form are its messages and steps, a menu's are its submenus
        panels.add(element)
    return panels


def folded_answers(
    root: lxml.etree._Element, hidden: Sequence[lxml.etree._Element], stats: Mapping[lxml.etree._Element, TextStats]
) -> set[lxml.etree._Element]:
    """The hidden answers of an FAQ scripted without ARIA (`<dt onclick="toggle(1)">问题</dt><dd style="display:none">
    答案</dd>`, a `div.q` over a hidden `div.a`): a hidden element of text with a sentence mark, mostly not links,
    right after a shown sibling of short text that asks or toggles it (its question), two or more of one tag and
    class on the page (one alone may be any hidden box after a label), outside menus, dialogs and small forms."""
    hidden_set, page = set(hidden), stats[root]
    groups: dict[tuple[object, str | None], list[lxml.etree._Element]] = {}
    for element in hidden:
        measured = stats.get(element)
        if measured is None or not _has_text(measured) or measured.link_chars >= _PANEL_LINK_SHARE * measured.chars:
            continue
        question = element.getprevious()
        while question is not None and not isinstance(question.tag, str):
            question = question.getprevious()  # a comment between them
        if question is None or question in hidden_set:
            continue
        asked = stats.get(question)
        if not _has_text(asked) or asked is None or asked.chars > _QUESTION_CHARS or not measured.punct:
            continue  # an answer says something: a sentence mark at least
        if not _asks(question):
            continue
        groups.setdefault((element.tag, element.get("class")), []).append(element)
    return {
        element
        for group in groups.values()
        if len(group) >= 2
        for element in group
        if not any(_is_widget(above, stats, page) for above in element.iterancestors())
    }


_QUESTION_CHARS = 120  # characters of the longest question or heading over a folded answer
_TOGGLE_TAGS = frozenset(("dt", "summary", "button", *HEADINGS))


def _asks(question: lxml.etree._Element) -> bool:
    """A question over its folded answer: it asks (ends with a question mark) or it is the answer's toggle (a
    `<dt>`, a heading, a button, an element with `onclick`); a menu's label over its hidden submenu is neither."""
    if question.tag in _TOGGLE_TAGS or question.get("onclick") is not None:
        return True
    return text_of(question).rstrip().endswith(("?", "？"))


def _is_widget(element: lxml.etree._Element, stats: Mapping[lxml.etree._Element, TextStats], page: TextStats) -> bool:
    """A menu, a dialog or a form, but not a form that wraps the page (ASP.NET wraps every page in one): a form
    holding more than half of the page's text outside links is the page."""
    if element.tag not in _POPUP_TAGS:
        return False
    measured = stats.get(element)
    if element.tag != "form" or measured is None:
        return True
    return not holds_most_of_the_page(measured, page)


def _has_text(measured: TextStats | None) -> bool:
    return measured is not None and measured.chars > measured.link_chars
