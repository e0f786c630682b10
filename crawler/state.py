"""Incremental crawl state: url → content hash, ETag, Last-Modified (and the links the page led to, so a
page answered 304 still leads the crawl to them), in one SQLite file.

Read at request time (conditional headers), staged when a document is emitted, and committed per published
part (`commit_urls`, right after the part's files are renamed into place) and at a clean close (`commit_run`):
a killed run leaves the state of every page it published and nothing else, so the next run skips exactly what
was written. A file that is not a readable SQLite state is moved aside (`state.sqlite.corrupt-<time>`) with a
one-line warning, and the run starts as a first run.

Safe for several crawl processes sharing one file: WAL journal, a busy timeout, short transactions, and upserts
keyed by the canonical URL (no row is read-modify-written across transactions). It never stores page bodies.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)
STALE_DAYS = 7  # staged rows of a run dead this long are dropped
STAGE_BATCH = 500  # staged rows held in memory at most before they are written (`CrawlState.stage`)

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,          -- canonical URL (crawler.platforms.canonical_url)
    content_hash TEXT,             -- sha256 of the normalized text (PageResult.content_hash)
    etag TEXT,
    last_modified TEXT,
    fetched_at TEXT,
    run_id TEXT,
    links TEXT                     -- JSON [[url, role], ...] followed from the page: replayed after a 304
);
CREATE TABLE IF NOT EXISTS staged (
    run_id TEXT NOT NULL,
    url TEXT NOT NULL,
    content_hash TEXT,
    etag TEXT,
    last_modified TEXT,
    fetched_at TEXT,
    links TEXT,
    part TEXT,                     -- the output part holding the page, once the part is being published
    PRIMARY KEY (run_id, url)
);
"""


@dataclass(frozen=True, slots=True)
class PageState:
    url: str
    content_hash: str | None
    etag: str | None
    last_modified: str | None
    links: tuple[tuple[str, str], ...] = ()  # (url, role) the page led to when last fetched in full


class CrawlState:
    def __init__(self, path: str | Path, run_id: str | None = None) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.run_id = run_id or uuid.uuid4().hex
        self._staged: list[tuple[str | None, ...]] = []  # rows `stage` has not written yet
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as exc:  # not a database, or a damaged one
            aside = self.path.with_name(f"{self.path.name}.corrupt-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}")
            self.path.replace(aside)
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            logger.warning("state file %s unreadable (%s): moved to %s, this run starts afresh", self.path, exc, aside)
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(SCHEMA)
            if "part" not in {row[1] for row in db.execute("PRAGMA table_info(staged)")}:
                db.execute("ALTER TABLE staged ADD COLUMN part TEXT")  # a state file from before parts
            db.execute("SELECT count(*) FROM pages").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def get(self, url: str) -> PageState | None:
        row = self._db.execute(
            "SELECT url, content_hash, etag, last_modified, links FROM pages WHERE url = ?", (url,)
        ).fetchone()
        if not row:
            return None
        links = tuple((u, r) for u, r in json.loads(row[4])) if row[4] else ()
        return PageState(row[0], row[1], row[2], row[3], links)

    def conditional_headers(self, url: str) -> dict[str, str]:
        """If-None-Match / If-Modified-Since for a page seen before (empty for a new page)."""
        known = self.get(url)
        headers: dict[str, str] = {}
        if known and known.etag:
            headers["If-None-Match"] = known.etag
        if known and known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        return headers

    def unchanged(self, url: str, content_hash: str) -> bool:
        known = self.get(url)
        return known is not None and known.content_hash == content_hash

    def stage(
        self,
        url: str,
        content_hash: str,
        etag: str | None,
        last_modified: str | None,
        links: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Remember what this run saw of a page; it becomes the state at `commit_run`.

        Rows are written in batches (`STAGE_BATCH`, and before anything reads or moves staged rows): one
        transaction a page cost the crawl process more than the page's other bookkeeping. A row not yet written
        when the process dies is lost with its page's unpublished part, as a written one would be."""
        self._staged.append(
            (
                self.run_id,
                url,
                content_hash,
                etag,
                last_modified,
                dt.datetime.now(dt.UTC).isoformat(),
                json.dumps([list(link) for link in links], ensure_ascii=False) if links else None,
            )
        )
        if len(self._staged) >= STAGE_BATCH:
            self._write_staged()

    def _write_staged(self) -> None:
        if not self._staged:
            return
        rows, self._staged = self._staged, []
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany(
                "INSERT INTO staged (run_id, url, content_hash, etag, last_modified, fetched_at, links)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (run_id, url) DO UPDATE SET content_hash = excluded.content_hash,"
                " etag = excluded.etag, last_modified = excluded.last_modified, fetched_at = excluded.fetched_at,"
                " links = excluded.links",
                rows,
            )

    def commit_run(self) -> int:
        """Move this run's staged rows into `pages`; returns how many pages were recorded."""
        self._write_staged()
        with self._db:  # one short transaction
            self._db.execute("BEGIN IMMEDIATE")
            cursor = self._db.execute(
                "INSERT INTO pages (url, content_hash, etag, last_modified, fetched_at, run_id, links)"
                " SELECT url, content_hash, etag, last_modified, fetched_at, run_id, links FROM staged"
                " WHERE run_id = ?"
                " ON CONFLICT (url) DO UPDATE SET content_hash = excluded.content_hash, etag = excluded.etag,"
                " last_modified = excluded.last_modified, fetched_at = excluded.fetched_at,"
                " run_id = excluded.run_id, links = excluded.links",
                (self.run_id,),
            )
            count = cursor.rowcount
            self._db.execute("DELETE FROM staged WHERE run_id = ?", (self.run_id,))
        return count

    def commit_urls(self, urls: Sequence[str]) -> int:
        """Move this run's staged rows of these pages into `pages` (the pages of a published part)."""
        self._write_staged()
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            count = 0
            for url in urls:
                cursor = self._db.execute(
                    "INSERT INTO pages (url, content_hash, etag, last_modified, fetched_at, run_id, links)"
                    " SELECT url, content_hash, etag, last_modified, fetched_at, run_id, links FROM staged"
                    " WHERE run_id = ? AND url = ?"
                    " ON CONFLICT (url) DO UPDATE SET content_hash = excluded.content_hash, etag = excluded.etag,"
                    " last_modified = excluded.last_modified, fetched_at = excluded.fetched_at,"
                    " run_id = excluded.run_id, links = excluded.links",
                    (self.run_id, url),
                )
                count += cursor.rowcount
                self._db.execute("DELETE FROM staged WHERE run_id = ? AND url = ?", (self.run_id, url))
        return count

    def mark_part(self, urls: Sequence[str], part: str) -> None:
        """Before a part is published: these staged pages are in `part` (see `resolve_parts`)."""
        self._write_staged()
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany(
                "UPDATE staged SET part = ? WHERE run_id = ? AND url = ?", [(part, self.run_id, u) for u in urls]
            )

    def commit_part(self, part: str, run_id: str | None = None) -> int:
        """After a part is published: its pages' staged rows become the state."""
        self._write_staged()
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            cursor = self._db.execute(
                "INSERT INTO pages (url, content_hash, etag, last_modified, fetched_at, run_id, links)"
                " SELECT url, content_hash, etag, last_modified, fetched_at, run_id, links FROM staged"
                " WHERE run_id = ? AND part = ?"
                " ON CONFLICT (url) DO UPDATE SET content_hash = excluded.content_hash, etag = excluded.etag,"
                " last_modified = excluded.last_modified, fetched_at = excluded.fetched_at,"
                " run_id = excluded.run_id, links = excluded.links",
                (run_id or self.run_id, part),
            )
            self._db.execute("DELETE FROM staged WHERE run_id = ? AND part = ?", (run_id or self.run_id, part))
        return int(cursor.rowcount)

    def resolve_parts(
        self, tag: str, published: Callable[[str], bool], roll_back: Callable[[str], None]
    ) -> tuple[int, int]:
        """At start, for the parts a killed run of this site (part names holding `tag`) was publishing: a part
        whose files all made it under their final names is committed; a part cut short is rolled back (its
        files already renamed are removed) and forgotten, so its pages are fetched and written again, once.
        Only rows staged more than STALE_DAYS ago are deleted otherwise (another site's run may be using this
        file right now). Returns (parts committed, parts rolled back)."""
        pending = self._db.execute(
            "SELECT DISTINCT run_id, part FROM staged WHERE run_id != ? AND part IS NOT NULL", (self.run_id,)
        ).fetchall()
        committed = rolled_back = 0
        for run_id, part in pending:
            if tag not in part:
                continue
            if published(part):
                self.commit_part(part, run_id)
                committed += 1
            else:
                roll_back(part)
                self._db.execute("DELETE FROM staged WHERE run_id = ? AND part = ?", (run_id, part))
                rolled_back += 1
        cutoff = (dt.datetime.now(dt.UTC) - dt.timedelta(days=STALE_DAYS)).isoformat()
        self._db.execute("DELETE FROM staged WHERE run_id != ? AND fetched_at < ?", (self.run_id, cutoff))
        return committed, rolled_back

    def discard_run(self) -> None:
        self._staged.clear()
        self._db.execute("DELETE FROM staged WHERE run_id = ?", (self.run_id,))

    def close(self) -> None:
        self._write_staged()
        self._db.close()
