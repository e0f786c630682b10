"""Incremental state (crawler/state.py): conditional headers, staged rows, commits shared by processes."""

from __future__ import annotations

from pathlib import Path

from crawler.state import CrawlState

URL = "http://ybj.yantai.gov.cn/art/2020/2/3/art_1.html"


def test_new_page_gets_no_conditional_headers(tmp_path: Path) -> None:
    assert CrawlState(tmp_path / "s.sqlite").conditional_headers(URL) == {}


def test_seen_page_gets_if_none_match_and_if_modified_since(tmp_path: Path) -> None:
    state = CrawlState(tmp_path / "s.sqlite")
    state.stage(URL, "h1", '"abc"', "Mon, 03 Feb 2020 09:35:00 GMT")
    state.commit_run()
    assert state.conditional_headers(URL) == {
        "If-None-Match": '"abc"',
        "If-Modified-Since": "Mon, 03 Feb 2020 09:35:00 GMT",
    }


def test_staged_rows_are_invisible_until_the_run_commits(tmp_path: Path) -> None:
    state = CrawlState(tmp_path / "s.sqlite")
    state.stage(URL, "h1", None, None)
    assert not state.unchanged(URL, "h1")
    state.commit_run()
    assert state.unchanged(URL, "h1")


def test_a_discarded_run_leaves_the_state_as_it_was(tmp_path: Path) -> None:
    state = CrawlState(tmp_path / "s.sqlite")
    state.stage(URL, "h1", None, None)
    state.discard_run()
    assert state.commit_run() == 0
    assert state.get(URL) is None


def test_two_processes_share_one_state_file(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    a, b = CrawlState(path, run_id="a"), CrawlState(path, run_id="b")
    a.stage(URL, "from-a", None, None)
    b.stage(URL + "?2", "from-b", None, None)
    assert a.commit_run() == 1
    assert b.commit_run() == 1
    fresh = CrawlState(path)
    assert fresh.unchanged(URL, "from-a") and fresh.unchanged(URL + "?2", "from-b")


def test_a_later_run_overwrites_the_hash(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    first = CrawlState(path)
    first.stage(URL, "v1", '"e1"', None)
    first.commit_run()
    second = CrawlState(path)
    second.stage(URL, "v2", '"e2"', None)
    second.commit_run()
    assert CrawlState(path).get(URL).content_hash == "v2"


def test_links_of_a_page_are_kept_for_a_304(tmp_path: Path) -> None:
    state = CrawlState(tmp_path / "s.sqlite")
    page2 = ("http://bbs.example/viewthread.php?tid=2811&page=2", "guide")
    state.stage(URL, "h1", '"e1"', None, [page2])
    state.commit_run()
    assert CrawlState(tmp_path / "s.sqlite").get(URL).links == (page2,)


def staged_in_file(path: Path) -> list[tuple[str, str | None]]:
    """(url, part) of the staged rows another process reading the file sees."""
    import sqlite3

    with sqlite3.connect(path) as db:
        return db.execute("SELECT url, part FROM staged ORDER BY url").fetchall()


def test_staged_rows_are_written_in_batches_not_one_transaction_a_page(tmp_path: Path) -> None:
    from crawler.state import STAGE_BATCH

    path = tmp_path / "s.sqlite"
    state = CrawlState(path)
    for i in range(STAGE_BATCH - 1):
        state.stage(f"{URL}?p={i}", f"h{i}", None, None)
    assert staged_in_file(path) == []
    state.stage(f"{URL}?p=last", "h", None, None)
    assert len(staged_in_file(path)) == STAGE_BATCH


def test_pages_staged_before_their_part_is_marked_are_in_the_file_with_their_part(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    state = CrawlState(path)
    state.stage(URL + "?1", "h1", None, None)
    state.stage(URL + "?2", "h2", None, None)
    state.stage(URL + "?3", "h3", None, None)
    state.mark_part([URL + "?1", URL + "?2"], "run-part1")
    assert staged_in_file(path) == [(URL + "?1", "run-part1"), (URL + "?2", "run-part1"), (URL + "?3", None)]
    assert state.commit_part("run-part1") == 2
    assert state.unchanged(URL + "?1", "h1") and state.get(URL + "?3") is None


def test_a_page_staged_again_in_the_same_batch_keeps_its_last_hash(tmp_path: Path) -> None:
    state = CrawlState(tmp_path / "s.sqlite")
    state.stage(URL, "first", None, None)
    state.stage(URL, "second", '"e2"', None)
    assert state.commit_run() == 1
    assert state.unchanged(URL, "second") and state.conditional_headers(URL) == {"If-None-Match": '"e2"'}
