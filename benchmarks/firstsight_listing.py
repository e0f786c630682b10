"""Add the Gerapy/GerapyAutoExtractor sample pages (Apache-2.0) to benchmarks/pages/firstsight/.

These pages come without gold text; the gold is hand-made here: for each page a person chose, by reading
the page source, the XPath of the main list's entries (listing) or of the article body (article), and the
parts of an entry that belong to it (title, abstract, date). The rule is stored in the page's info.json, so
the gold can be checked and rebuilt. No extractor was run to make it.

    python benchmarks/firstsight_listing.py --gerapy GITDIR [--out DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from lxml import html as lh

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.firstsight_import import DEFAULT_OUT, git, html_text, write_page

DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?|\d+(?:分钟|小时|天)前")
# page → (family, entry XPath or body XPath, title XPath inside an entry, abstract XPath inside an entry)
RULES: dict[str, tuple[str, str, str, str]] = {
    "list/dfa66_announcement": ("listing", "//ul[@class='glist fxq']/li", ".//a", ""),
    "list/hrfund_announcement": ("listing", "//ul[@class='fixed']/li", ".//a[normalize-space()!='PDF']", ""),
    "list/hsqhfunds_announcement": ("listing", "//div[@id='dyContentMsgList']/*", ".//a", ""),
    "list/netease_international_news": ("listing", "//div[@class='ndi_main']/div", ".//h3//a", ""),
    "list/netease_leaderboard_news": ("listing", "//div[contains(@class,'areabg1')]//tbody/tr", ".//a", ""),
    "list/netease_rolling_news": ("listing", "//div[@id='instantPanel']//ul[@class='list_txt']/li", ".//a[last()]", ""),
    "list/rtfund_xxpl": ("listing", "/html/body/div[2]/div[3]/div[2]/div[2]/div/ul/li", ".//a", ""),
    "list/tencent_important_news": ("listing", "//ul[contains(@class,'list')]/li[contains(@class,'item')]",
                                    ".//h3/a", ".//a[@class='source']"),
    "list/zhihu_search_result": ("listing", "//div[contains(@class,'SearchResult-Card')]", ".//h2",
                                 ".//span[contains(@class,'RichText')]"),
    "detail/china_news1": ("article", "//div[@class='left_zw']", "", ""),
    "detail/ifeng_news1": ("article", "//div[starts-with(@class,'text-')]", "", ""),
    "detail/netease_news1": ("article", "//div[@id='endText']", "", ""),
}  # fmt: skip


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def squash(text: str) -> str:
    return " ".join(text.replace("\u200b", " ").split())


def listing_gold(doc: lh.HtmlElement, entries: str, title: str, abstract: str) -> str:
    lines = []
    for entry in doc.xpath(entries):
        titles = [squash(node.text_content()) for node in entry.xpath(title)]
        head = next((text for text in titles if len(text) >= 4), "")
        if not head:
            continue  # a header row or an empty slot, not an entry
        parts = [head]
        parts += [squash(node.text_content()) for node in entry.xpath(abstract)] if abstract else []
        parts += DATE.findall(squash(entry.text_content()))[:1]
        lines.append(" ".join(part for part in parts if part))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gerapy", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    commit = git(args.gerapy, "rev-parse", "HEAD").decode().strip()
    for name, (family, main_xpath, title, abstract) in RULES.items():
        path = f"samples/{name}.html"
        raw = git(args.gerapy, "show", f"HEAD:{path}")
        doc = lh.fromstring(decode(raw))
        for junk in doc.xpath("//script|//style"):
            junk.drop_tree()
        if family == "listing":
            gold = listing_gold(doc, main_xpath, title, abstract)
            rule = {"entries": main_xpath, "title": title, "abstract": abstract, "date": DATE.pattern}
        else:
            gold = "\n".join(html_text(lh.tostring(node, encoding="unicode")) for node in doc.xpath(main_xpath))
            rule = {"body": main_xpath}
        info = {
            "url": None,
            "headers": {},
            "source_repo": "Gerapy/GerapyAutoExtractor",
            "source_path": path,
            "source_commit": commit,
            "licence": "Apache-2.0",
            "family": family,
            "lang": "zh",
            "gold_by": "hand-made: XPath rule chosen by reading the page source (entry title + abstract + date)"
            if family == "listing"
            else "hand-made: XPath of the article body chosen by reading the page source",
            "gold_rule": rule,
        }
        write_page(args.out, "gerapy-" + name.replace("/", "-").replace("_", "-"), raw, gold, info)
    print(len(RULES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
