"""The audit's SQLite store: article digests, their figures and findings, runs and score history.

SQLite (the standard library's) in write-ahead-log mode: a reader never blocks
the writer, and a run killed mid-way keeps every batch it committed. Digests are
keyed by the article's content hash and the rules' key
(:func:`checker.audit.digest.rules_key`), so an unchanged article checked under
unchanged rules is read from here instead of being extracted again.

Tables (``docs/audit.md`` documents the columns):

``digests``   one row per (content hash, rules key): the digest as JSON, with its
              article id, outlet, day and URL key as columns for queries.
``figures``   the main figure of each measure of each digest (the audited claims).
``findings``  the check's findings within each article, as check JSON records.
``runs``      one row per audit run: when, what it read, what it reused.
``run_articles`` the digests each run audited, in input order.
``run_events`` each run's events: the digests of each, in day order.
``scores``    per-outlet scores of each run: the history of an outlet across runs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from checker.audit.digest import ArticleDigest
from checker.audit.scores import SourceScore, url_key
from checker.errors import CheckerError

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS digests (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL, rules_key TEXT NOT NULL,
    article_id TEXT NOT NULL, source TEXT, day INTEGER, url_key TEXT, digest TEXT NOT NULL,
    UNIQUE (content_hash, rules_key));
CREATE TABLE IF NOT EXISTS figures (
    digest_id INTEGER NOT NULL REFERENCES digests(id), measure TEXT NOT NULL, value REAL NOT NULL,
    low REAL, high REAL, qualifier TEXT, text TEXT, segment TEXT, attribution TEXT, line INTEGER, col INTEGER);
CREATE TABLE IF NOT EXISTS findings (
    digest_id INTEGER NOT NULL REFERENCES digests(id), rule TEXT NOT NULL, severity TEXT NOT NULL,
    fingerprint TEXT NOT NULL, message TEXT NOT NULL, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, rules_key TEXT NOT NULL, inputs TEXT NOT NULL,
    articles INTEGER, extracted INTEGER, reused INTEGER, events INTEGER, status TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS run_articles (
    run_id INTEGER NOT NULL REFERENCES runs(id), position INTEGER NOT NULL, digest_id INTEGER NOT NULL,
    PRIMARY KEY (run_id, position));
CREATE TABLE IF NOT EXISTS run_events (
    run_id INTEGER NOT NULL REFERENCES runs(id), first INTEGER NOT NULL, size INTEGER NOT NULL,
    members TEXT NOT NULL, PRIMARY KEY (run_id, first));
CREATE TABLE IF NOT EXISTS scores (
    run_id INTEGER NOT NULL REFERENCES runs(id), source TEXT NOT NULL, articles INTEGER, checked INTEGER,
    disagreements INTEGER, rate REAL, rate_low REAL, rate_high REAL, source_disagreements INTEGER,
    stale INTEGER, stale_rate REAL, versions INTEGER, corrections INTEGER, median_correction_days REAL,
    PRIMARY KEY (run_id, source));
CREATE INDEX IF NOT EXISTS figures_digest ON figures (digest_id);
CREATE INDEX IF NOT EXISTS findings_digest ON findings (digest_id);
"""


class StoreError(CheckerError):
    """The store file cannot be used."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """One SQLite file. Use as a context manager; every method commits its own work."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            # Killing the process at any moment keeps every committed transaction and
            # loses the one in hand: a commit is in the log file (the OS's page cache)
            # before COMMIT returns, and SQLite rolls an unfinished one back on the
            # next open. synchronous=NORMAL does not sync the log at each commit, so a
            # power cut or OS crash may lose the last few commits, never the file's
            # integrity; a digest lost that way is extracted again by the next run.
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a claimcheck audit store ({exc}); pass another --db file, "
                             "or delete this one to start afresh") from None
        if row is None:
            self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        elif row[0] != str(SCHEMA_VERSION):
            raise StoreError(f"{self.path}: written by another claimcheck (store schema {row[0]}, this one "
                             f"reads {SCHEMA_VERSION}); pass another --db file, or delete this one to start afresh")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # -- digests -----------------------------------------------------------------------

    def known(self, content_hash: str, rules_key: str) -> int | None:
        """The row id of a stored digest of this content under these rules, or None."""
        row = self._db.execute("SELECT id FROM digests WHERE content_hash = ? AND rules_key = ?",
                               (content_hash, rules_key)).fetchone()
        return row[0] if row else None

    def add(self, digests: Iterable[ArticleDigest], rules_key: str) -> list[int]:
        """Store digests (one transaction: all of them or, if the process dies, none); their row ids."""
        ids = []
        with closing(self._db.cursor()) as cur:
            cur.execute("BEGIN IMMEDIATE")
            try:
                for d in digests:
                    cur.execute(
                        "INSERT OR IGNORE INTO digests (content_hash, rules_key, article_id, source, day, url_key,"
                        " digest) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (d.content_hash, rules_key, d.id, d.source, d.day, url_key(d.url), d.to_json()))
                    inserted = cur.rowcount == 1
                    row_id = cur.execute("SELECT id FROM digests WHERE content_hash = ? AND rules_key = ?",
                                         (d.content_hash, rules_key)).fetchone()[0]
                    if inserted:
                        cur.executemany(
                            "INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [(row_id, f.measure, f.value, f.low, f.high, f.qualifier, f.text, f.segment,
                              f.attribution, f.line, f.column) for f in d.figures])
                        cur.executemany(
                            "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?)",
                            [(row_id, r["rule"], r["severity"], r["fingerprint"], r["message"],
                              json.dumps(r, sort_keys=True, ensure_ascii=False)) for r in d.findings])
                    ids.append(row_id)
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
        return ids

    def digest(self, row_id: int) -> ArticleDigest:
        row = self._db.execute("SELECT digest FROM digests WHERE id = ?", (row_id,)).fetchone()
        return ArticleDigest.from_json(row[0])

    def digests(self, row_ids: Iterable[int]) -> Iterator[ArticleDigest]:
        """The digests of these rows, in the order given."""
        for row_id in row_ids:
            yield self.digest(row_id)

    def day_order(self, run_id: int) -> Iterator[tuple[int, int | None]]:
        """(digest row, day) of each distinct digest of a run, by day (undated last), article id, row."""
        cur = self._db.execute(
            "SELECT DISTINCT d.id, d.day, d.article_id FROM run_articles r JOIN digests d ON d.id = r.digest_id "
            "WHERE r.run_id = ? ORDER BY d.day IS NULL, d.day, d.article_id, d.id", (run_id,))
        for row, day, _ in cur:
            yield row, day

    def add_events(self, run_id: int, groups: Iterable[tuple[int, list[int]]]) -> None:
        """Store a run's events: (position of the first article in day order, digest rows in day order)."""
        with closing(self._db.cursor()) as cur:
            cur.execute("BEGIN IMMEDIATE")
            cur.executemany("INSERT INTO run_events VALUES (?, ?, ?, ?)",
                            ((run_id, first, len(rows), json.dumps(rows)) for first, rows in groups))
            cur.execute("COMMIT")

    def events(self, run_id: int) -> Iterator[list[int]]:
        """Each event of a run as its digest rows, events in the order of their first article."""
        cur = self._db.execute("SELECT members FROM run_events WHERE run_id = ? ORDER BY first", (run_id,))
        for (members,) in cur:
            yield json.loads(members)

    def event_counts(self, run_id: int) -> tuple[int, int]:
        """(events, events with several articles) of a run."""
        row = self._db.execute("SELECT COUNT(*), COALESCE(SUM(size > 1), 0) FROM run_events WHERE run_id = ?",
                               (run_id,)).fetchone()
        return row[0], row[1]

    def repeated_url_keys(self, run_id: int) -> set[str]:
        """URL keys of the run's articles that more than one digest shares (pages seen in several versions)."""
        return {key for (key,) in self._db.execute(
            "SELECT d.url_key FROM run_articles r JOIN digests d ON d.id = r.digest_id "
            "WHERE r.run_id = ? AND d.url_key IS NOT NULL GROUP BY d.url_key HAVING COUNT(DISTINCT d.id) > 1",
            (run_id,))}

    # -- runs ---------------------------------------------------------------------------

    def start_run(self, rules_key: str, inputs: list[str]) -> int:
        """A new run, marked ``running``: it becomes ``finished`` only with its scores, in one transaction.

        A run whose process was killed keeps status ``running``, no ``finished``
        time and no scores; score history reads finished runs only, and a later
        run gets a new id and reuses the digests the killed one committed.
        """
        cur = self._db.execute("INSERT INTO runs (started, rules_key, inputs, status) VALUES (?, ?, ?, 'running')",
                               (_now(), rules_key, json.dumps(inputs)))
        return cur.lastrowid

    def add_run_articles(self, run_id: int, first_position: int, digest_ids: list[int]) -> None:
        with closing(self._db.cursor()) as cur:
            cur.execute("BEGIN IMMEDIATE")
            cur.executemany("INSERT OR REPLACE INTO run_articles VALUES (?, ?, ?)",
                            [(run_id, first_position + k, d) for k, d in enumerate(digest_ids)])
            cur.execute("COMMIT")

    def finish_run(self, run_id: int, *, articles: int, extracted: int, reused: int, events: int,
                   scores: list[SourceScore]) -> None:
        with closing(self._db.cursor()) as cur:
            cur.execute("BEGIN IMMEDIATE")
            cur.execute("UPDATE runs SET finished = ?, articles = ?, extracted = ?, reused = ?, events = ?, "
                        "status = 'finished' WHERE id = ?", (_now(), articles, extracted, reused, events, run_id))
            cur.executemany(
                "INSERT OR REPLACE INTO scores VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(run_id, s.source, s.articles, s.checked, s.disagreements, s.rate,
                  s.interval[0] if s.interval else None, s.interval[1] if s.interval else None,
                  s.source_disagreements, s.stale, s.stale_rate, s.versions, s.corrections,
                  s.median_correction_days) for s in scores])
            cur.execute("COMMIT")

    def score_history(self, source: str) -> list[tuple[int, str, float | None]]:
        """(run id, run finished, disagreement rate) of an outlet in every finished run, oldest first."""
        return self._db.execute(
            "SELECT r.id, r.finished, s.rate FROM scores s JOIN runs r ON r.id = s.run_id "
            "WHERE s.source = ? AND r.status = 'finished' ORDER BY r.id", (source,)).fetchall()

    def earlier_scores(self, run_id: int) -> dict[str, list[dict]]:
        """Each outlet's scores in the finished runs before ``run_id``, oldest first: its history in this store."""
        history: dict[str, list[dict]] = {}
        for run, finished, source, checked, disagreements, rate in self._db.execute(
                "SELECT r.id, r.finished, s.source, s.checked, s.disagreements, s.rate FROM scores s "
                "JOIN runs r ON r.id = s.run_id WHERE r.status = 'finished' AND r.id < ? ORDER BY s.source, r.id",
                (run_id,)):
            history.setdefault(source, []).append({"run": run, "finished": finished, "checked": checked,
                                                   "disagreements": disagreements, "disagreement_rate": rate})
        return history

    def table_rows(self, table: str) -> tuple[list[str], Iterator[tuple]]:
        """Column names and rows of one table, for export."""
        if table not in EXPORTABLE:
            raise StoreError(f"no table {table!r} to export; choose one of {', '.join(EXPORTABLE)}")
        cur = self._db.execute(f"SELECT * FROM {table} ORDER BY rowid")
        return [c[0] for c in cur.description], iter(cur)


EXPORTABLE = ("digests", "figures", "findings", "runs", "run_articles", "run_events", "scores")
