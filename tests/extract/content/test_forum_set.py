"""benchmarks/content_forums.py: a Harvest gold document's main text is its posts' texts, both pages of a board fall
in the same half (the project's id rule on the board's id), and the runner scores a half as a subprocess — here on a
small git repository of the set's layout built by the test (the set is read from a clone, never copied)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.content_forums import board_id, gold_posts
from benchmarks.splits import split_of

ROOT = Path(__file__).resolve().parents[3]
POSTS = [
    "My laptop does not wake up from sleep since the last kernel update. Has anyone seen this?",
    "Try the LTS kernel: it fixed the same problem on my machine after the update broke it.",
]
THREAD = (
    "<html><head><title>Laptop does not wake up</title></head><body><div class='nav'><a href='/'>Board index</a>"
    "</div><h1>Laptop does not wake up</h1>"
    + "".join(
        f"<div class='post'><div class='postauthor'>user{n}</div><div class='postbody'><p>{text}</p></div></div>"
        for n, text in enumerate(POSTS)
    )
    + "</body></html>"
)


def document(url: str) -> dict:
    """A gold document as the set writes it: the page, and per post the span of its text."""
    return {
        "id": url,
        "url": url,
        "html": THREAD,
        "text": "",
        "gold_standard_annotation": [
            {"post_text": {"surface_form": f"  {text}\n", "start": 0, "end": 0}, "user": {"surface_form": f"user{n}"}}
            for n, text in enumerate(POSTS)
        ],
    }


def test_a_threads_gold_is_its_posts_texts_without_names_or_titles() -> None:
    assert gold_posts(document("https://bbs.example.org/t/1")) == "\n".join(POSTS)
    assert "user0" not in gold_posts(document("https://bbs.example.org/t/1"))
    # A board is named by its host: both of its pages fall in one half.
    assert board_id("https://www.example.org/forum/viewtopic.php?t=1") == "hv-example.org"


def test_the_benchmark_scores_a_split_of_a_clone(tmp_path: Path) -> None:
    hosts = [f"forum{n}.example.org" for n in range(30)]
    dev = [host for host in hosts if split_of(board_id(f"https://{host}/")) == "dev"][:2]
    first_sight = [host for host in hosts if split_of(board_id(f"https://{host}/")) == "first_sight"][:1]
    assert dev and first_sight
    repo = tmp_path / "harvest"
    folder = repo / "corpus" / "goldDocuments"
    folder.mkdir(parents=True)
    for host in dev + first_sight:
        for page in ("1", "2"):
            url = f"https://{host}/t/{page}"
            (folder / f"{host}.t.{page}.json").write_text(json.dumps(document(url)), encoding="utf-8")
    for args in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "p"]):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)
    command = [sys.executable, "benchmarks/content_forums.py", "--pages", str(repo / ".git"), "--commit", "HEAD"]
    result = subprocess.run(
        [*command, "--split", "dev", "--only", "guidecrawl", "--per-page"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert f"split: dev ({2 * len(dev)} pages of {len(dev)} boards" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("| guidecrawl |"))
    assert float(row.split("|")[2]) > 0.8  # the two posts, with the thread's title the gold leaves out
    assert f"hv-{dev[0]}-1 " in result.stdout and f"hv-{dev[0]}-2 " in result.stdout
    assert first_sight[0] not in result.stdout
    # The first-sight half is scored, never listed page by page.
    refused = subprocess.run([*command, "--per-page"], cwd=ROOT, capture_output=True, text=True)
    assert refused.returncode == 2 and "first-sight" in refused.stderr
