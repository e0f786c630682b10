"""benchmarks/content_dragnet.py: the Dragnet pages' gold is read as its main text (the comments after the marker
line left out), the pages are split by the project's id rule, and the runner scores a half as a subprocess — here
on a small git repository of the set's layout built by the test (the set itself is read from a clone, never
copied into this repository)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.content_dragnet import main_text
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


def test_the_benchmark_scores_a_split_of_a_clone(tmp_path: Path) -> None:
    repo = tmp_path / "merged"
    numbers = [n for n in ("1", "2", "3", "4", "5", "6", "R1", "T1") if split_of(f"dn-{n}") == "dev"][:3]
    assert numbers
    for number in numbers:
        for folder, name, text in (("input", f"{number}.html", ARTICLE), ("GoldStandard", f"{number}.txt", GOLD)):
            path = repo / "dragnet_data" / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "pages")
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
