"""benchmarks/content_dragnet.py: the Dragnet pages' gold is read as its main text (the comments after the marker
line left out), an L3S-GN1 page's as the blocks its assessors labelled full text, the pages are split by the
project's id rule, and the runner scores a half as a subprocess — here on a small git repository of the sets'
layout built by the test (the sets themselves are read from a clone, never copied into this repository)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.content_dragnet import SETS, full_text_blocks, main_text
from benchmarks.splits import split_of

ROOT = Path(__file__).resolve().parents[3]
ARTICLE = (
    "<html><head><title>Slow carb diet</title></head><body><div class='post'><h1>Slow carb diet</h1>"
    "<p>Readers have lost well over a hundred pounds on the diet, and this post shows how they did it.</p>"
    "<p>Rule one: avoid white starchy carbohydrates, which means bread, pasta, rice and potatoes.</p>"
    "</div></body></html>"
)
GOLD = (
    "Slow carb diet\n\nReaders have lost well over a hundred pounds on the diet, and this post shows how they did it."
    "\n\nRule one: avoid white starchy carbohydrates, which means bread, pasta, rice and potatoes.\n"
    "!@#$%^&*()  COMMENTS\nGreat post, thanks!\n"
)


def test_the_gold_main_text_ends_at_the_comments_marker_whatever_its_typing() -> None:
    assert main_text("Article text.\n!@#$%^&*()  COMMENTS\nA comment.") == "Article text.\n"
    assert main_text("Article text.\n!@ $%^&*()  COMMENTS\nA comment.") == "Article text.\n"
    # A line that only mentions comments is text.
    assert main_text("Read the COMMENTS below.\nMore text.") == "Read the COMMENTS below.\nMore text."


# An L3S-GN1 gold page: the page itself with every text block wrapped in a span naming its label.
ANNOTATED = (
    "<html><body><span class='x-nc-sel1'>Slow carb diet</span><div><span class='x-nc-sel0'>Home | News</span>"
    "<p><span class='x-nc-sel2'>Readers have lost well over a hundred pounds on the diet.</span></p>"
    "<p><span class='x-nc-sel3'>Photo: a plate of beans</span></p><span class='x-nc-sel2'>"
    "<p><span class='x-nc-sel2'>Rule one: avoid white starchy carbohydrates, which means bread, pasta, rice and "
    "potatoes.</span></p></span><span class='x-nc-sel4'>Related: ten diets compared</span>"
    "<span class='x-nc-sel5'>Great post, thanks!</span></div></body></html>"
)


def test_an_l3s_page_s_main_text_is_the_blocks_labelled_full_text() -> None:
    assert full_text_blocks(ANNOTATED) == (
        "Readers have lost well over a hundred pounds on the diet.\n"
        "Rule one: avoid white starchy carbohydrates, which means bread, pasta, rice and potatoes."
    )
    # The headline, the caption, the related link and the comment are other labels; the paragraph inside a second
    # full-text span counts once.
    assert "Slow carb" not in full_text_blocks(ANNOTATED) and "Photo" not in full_text_blocks(ANNOTATED)
    assert SETS["l3s-gn1"].page_id("01ccc7c5-a1d1-46e1-a5f7-43310df16575") == "gn-01ccc7c5"
    assert SETS["dragnet"].page_id("R12") == "dn-R12"


def clone_of(tmp_path: Path, folder: str, pages: dict[str, tuple[str, str]]) -> Path:
    """A git repository of the clone's layout: `folder`/input/NAME.html and `folder`/GoldStandard/NAME.txt."""
    repo = tmp_path / "merged"
    for name, (html, gold) in pages.items():
        for kind, file, text in (("input", f"{name}.html", html), ("GoldStandard", f"{name}.txt", gold)):
            path = repo / folder / kind / file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for args in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "p"]):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)
    return repo


def test_the_benchmark_scores_a_split_of_a_clone(tmp_path: Path) -> None:
    numbers = [n for n in ("1", "2", "3", "4", "5", "6", "R1", "T1") if split_of(f"dn-{n}") == "dev"][:3]
    assert numbers
    repo = clone_of(tmp_path, "dragnet_data", {number: (ARTICLE, GOLD) for number in numbers})
    command = [sys.executable, "benchmarks/content_dragnet.py", "--pages", str(repo / ".git"), "--commit", "HEAD"]
    result = subprocess.run(
        [*command, "--split", "dev", "--only", "guidecrawl"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert f"split: dev ({len(numbers)} pages" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("| guidecrawl |"))
    assert float(row.split("|")[2]) > 0.9  # the article's two paragraphs, without the headline and the comment
    # The first-sight half is scored, never listed page by page.
    refused = subprocess.run([*command, "--per-page"], cwd=ROOT, capture_output=True, text=True)
    assert refused.returncode == 2 and "first-sight" in refused.stderr


def test_the_benchmark_scores_the_l3s_set_of_a_clone(tmp_path: Path) -> None:
    uuids = [f"{n:08x}-0000-4000-8000-000000000000" for n in range(40)]
    dev = [u for u in uuids if split_of(SETS["l3s-gn1"].page_id(u)) == "dev"][:2]
    assert dev
    repo = clone_of(tmp_path, "page-signal-master", {uuid: (ARTICLE, ANNOTATED) for uuid in dev})
    command = [sys.executable, "benchmarks/content_dragnet.py", "--pages", str(repo / ".git"), "--commit", "HEAD"]
    result = subprocess.run(
        [*command, "--set", "l3s-gn1", "--split", "dev", "--only", "guidecrawl"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert f"split: dev ({len(dev)} pages" in result.stdout and "L3S-GN1" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("| guidecrawl |"))
    assert float(row.split("|")[2]) > 0.8  # the two full-text paragraphs, which is what the article holds
