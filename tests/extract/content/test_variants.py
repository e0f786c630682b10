"""extract/content/variants.py: a block printed once per screen width, side by side, is read once; text a page
repeats on purpose stays."""

from __future__ import annotations

from extract.content import content
from extract.content.lines import cut_page
from extract.content.parse import parse_html
from extract.content.variants import drop_repeated_variants

STORY = (
    "<h2>Average Remodeling Costs Across California</h2>"
    "<p>The cost of home remodeling in California varies widely based on the type of renovation and the region "
    "within the state, from cosmetic updates to comprehensive renovations.</p>"
    "<p>Labor constitutes approximately 60% of most remodeling budgets, making it one of the most significant "
    "factors influencing the final price of a project.</p>"
)


def page(body: str) -> str:
    return (
        "<html><head><title>How Much Does a Home Remodel Cost in California?</title></head><body>"
        f"<h1>How Much Does a Home Remodel Cost in California?</h1>{body}</body></html>"
    )


def test_a_story_printed_once_per_screen_width_is_read_once() -> None:
    # A site builder's variants: one per breakpoint, the stylesheet shows one of them.
    variants = "".join(f"<div class='ssr-variant hidden-{name}'>{STORY}</div>" for name in ("bnz77l", "12t0irv", "q1w"))
    document = content(page(f"<main><div class='framer-17t5wmu'>{variants}</div></main>"))
    assert document.text.count("Labor constitutes approximately 60%") == 1
    assert document.text.count("Average Remodeling Costs Across California") == 1
    # Desktop and mobile copies of one paragraph, with markup of their own.
    paragraph = "The board meets on the first Monday of each month at the county office, and the public may attend."
    html = page(
        f"<main>{STORY}<p class='d-none d-md-block'>{paragraph}</p><div class='d-md-none'>{paragraph}</div></main>"
    )
    assert content(html).text.count("The board meets") == 1


def test_text_a_page_repeats_on_purpose_stays() -> None:
    code = (
        "<pre>IF score >= 90.0:\n  PRINT 'Reading level of 5th Grade'\nELSE:\n  PRINT 'Reading level of College'</pre>"
    )
    # The same erratum under two pages' headings: the heading between the copies is text of the page.
    errata = f"<h4>p.249</h4><div class='code'>{code}</div><h4>p.279</h4><div class='code'>{code}</div>"
    assert content(page(f"<main>{STORY}{errata}</main>")).text.count("Reading level of 5th Grade") == 2
    # Side by side but not the same: the wrong and the right line of an erratum.
    wrong, right = code, code.replace("score >=", "scores >=")
    assert content(page(f"<main>{STORY}<div>{wrong}</div><div>{right}</div></main>")).text.count("90.0") == 2
    # Short entries printed twice in a row ("Read more") are labels, not a block.
    root = parse_html(page(f"<main>{STORY}<div>Read more</div><div>Read more</div></main>"))
    assert root is not None
    assert not drop_repeated_variants(cut_page(root))
