"""One audit run: digest every article (or take its stored digest), cluster events, judge figures, score outlets.

The run streams: documents are read one at a time, digests go to the store in
batches (each batch one transaction, so a killed run loses at most the batch in
hand), and the later passes read digests back from the store in day order.
What stays in memory is one row per article (its store row and day), the
corpus statistics, and the pairs of articles that passed the link threshold.

The engine (:mod:`checker.audit.engines`) decides where the per-article work
and the pairing run: in this process, or on a Dask cluster. The rest is the
same code, so both give the same result, byte for byte.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from checker.audit import cluster
from checker.audit.consensus import Event, build_event
from checker.audit.digest import ArticleDigest, content_hash, rules_key
from checker.audit.scores import SourceScore, source_scores
from checker.audit.store import Store
from checker.model import Document, InputProblem
from checker.rulepack import RuleSet

BATCH = 200  # digests per store transaction


@dataclass
class AuditResult:
    """What one run found. Events and digests are read back from the store when iterated."""

    store: Store
    run_id: int
    articles: int
    extracted: int
    reused: int
    event_count: int
    several_count: int  # events with several articles
    sources: list[SourceScore]
    problems: list[InputProblem] = field(default_factory=list)

    def groups(self) -> Iterator[list[int]]:
        """Each event's digest row ids (in day order), events in the order of their first article."""
        return self.store.events(self.run_id)

    def events(self) -> Iterator[Event]:
        """Every event, in the order of its first article."""
        for group in self.groups():
            yield build_event(list(self.store.digests(group)))

    def digests(self) -> Iterator[ArticleDigest]:
        for group in self.groups():
            yield from self.store.digests(group)


class Progress:
    """Counts articles through a callback (a progress bar, or nothing)."""

    def __init__(self, tick: Callable[[int], None] | None = None):
        self._tick = tick

    def __call__(self, n: int = 1) -> None:
        if self._tick is not None:
            self._tick(n)


def _digest_inputs(items: Iterable[Document | InputProblem], rules: RuleSet, key: str, store: Store, run_id: int,
                   engine, progress: Progress, problems: list[InputProblem]
                   ) -> tuple[int, int, cluster.CorpusStats]:
    """Store a digest of every document and list it in the run; (extracted, reused, statistics)."""
    stored = 0
    stats = cluster.CorpusStats()
    extracted = reused = 0
    pending: list[Document] = []

    def flush() -> None:
        nonlocal extracted, reused, stored
        if not pending:
            return
        known = [store.known(content_hash(doc), key) for doc in pending]
        fresh = [doc for doc, row in zip(pending, known) if row is None]
        digests = engine.digest_documents(fresh, rules) if fresh else []
        made = iter(zip(store.add(digests, key), digests))
        ids = []
        for row in known:
            # A digest just made is counted as it is; a stored one is read back once.
            row, d = (row, store.digest(row)) if row is not None else next(made)
            ids.append(row)
            stats.add(d.source, d.terms, d.lower_words)
        store.add_run_articles(run_id, stored, ids)
        extracted += len(fresh)
        reused += len(pending) - len(fresh)
        progress(len(pending))
        stored += len(ids)
        pending.clear()

    for item in items:
        if isinstance(item, InputProblem):
            problems.append(item)
            continue
        pending.append(item)
        if len(pending) >= engine.batch_size:
            flush()
    flush()
    return extracted, reused, stats


def audit(items: Iterable[Document | InputProblem], rules: RuleSet, store: Store, *, inputs: list[str],
          engine=None, progress: Progress | None = None) -> AuditResult:
    """Audit a corpus into ``store``; see the module's description."""
    from checker.audit.engines import LocalEngine

    engine = engine or LocalEngine()
    progress = progress or Progress()
    key = rules_key(rules)
    run_id = store.start_run(key, inputs)
    problems: list[InputProblem] = []
    extracted, reused, stats = _digest_inputs(items, rules, key, store, run_id, engine, progress,
                                                       problems)
    # Day order, from the store's columns; the same article given twice (same content) counts once.
    rows, days = array("q"), []
    for row, day in store.day_order(run_id):
        rows.append(row)
        days.append(day)
    weigher = stats.weigher()
    weighted = (cluster.Weighted(i, day, weigher.weights(d.source, d.terms))
                for i, (day, d) in enumerate(zip(days, store.digests(rows))))
    grouped = bytearray(len(rows))

    def events() -> Iterator[tuple[int, list[int]]]:
        for group in cluster.linked_groups(engine.pair_scores(weighted, weigher.one_term_floor), days):
            for i in group:
                grouped[i] = 1
            yield group[0], [rows[i] for i in group]

    store.add_events(run_id, events())
    store.add_events(run_id, ((i, [rows[i]]) for i in range(len(rows)) if not grouped[i]))
    event_count, several = store.event_counts(run_id)
    result = AuditResult(store=store, run_id=run_id, articles=len(rows), extracted=extracted, reused=reused,
                         event_count=event_count, several_count=several, sources=[], problems=problems)
    result.sources = source_scores(result.events(), result.digests(), store.repeated_url_keys(run_id))
    store.finish_run(run_id, articles=len(rows), extracted=extracted, reused=reused, events=event_count,
                     scores=result.sources)
    return result
