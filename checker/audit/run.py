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
    groups: list[list[int]]  # each event's digest row ids, in day order
    sources: list[SourceScore]
    problems: list[InputProblem] = field(default_factory=list)

    def events(self) -> Iterator[Event]:
        """Every event, in the order of its first article."""
        for group in self.groups:
            yield build_event(list(self.store.digests(group)))

    def digests(self) -> Iterator[ArticleDigest]:
        for group in self.groups:
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
                   ) -> tuple[list[int], int, int, cluster.CorpusStats]:
    """Store a digest of every document; (digest row ids in input order, extracted, reused, statistics)."""
    row_ids: list[int] = []
    stats = cluster.CorpusStats()
    extracted = reused = 0
    pending: list[Document] = []

    def flush() -> None:
        nonlocal extracted, reused
        if not pending:
            return
        known = [store.known(content_hash(doc), key) for doc in pending]
        fresh = [doc for doc, row in zip(pending, known) if row is None]
        made = iter(store.add(engine.digest_documents(fresh, rules), key) if fresh else [])
        ids = [row if row is not None else next(made) for row in known]
        store.add_run_articles(run_id, len(row_ids), ids)
        for row in ids:
            d = store.digest(row)
            stats.add(d.source, d.terms, d.lower_words)
        extracted += len(fresh)
        reused += len(pending) - len(fresh)
        progress(len(pending))
        row_ids.extend(ids)
        pending.clear()

    for item in items:
        if isinstance(item, InputProblem):
            problems.append(item)
            continue
        pending.append(item)
        if len(pending) >= engine.batch_size:
            flush()
    flush()
    return row_ids, extracted, reused, stats


def _day_order(store: Store, row_ids: list[int]) -> list[tuple[int, int | None]]:
    """(digest row, day) of every audited article, by day (undated last), then article id."""
    keyed = sorted((day is None, day or 0, article, row) for row, day, article in store.order_keys(row_ids))
    return [(row, None if undated else day) for undated, day, _, row in keyed]


def audit(items: Iterable[Document | InputProblem], rules: RuleSet, store: Store, *, inputs: list[str],
          engine=None, progress: Progress | None = None) -> AuditResult:
    """Audit a corpus into ``store``; see the module's description."""
    from checker.audit.engines import LocalEngine

    engine = engine or LocalEngine()
    progress = progress or Progress()
    key = rules_key(rules)
    run_id = store.start_run(key, inputs)
    problems: list[InputProblem] = []
    row_ids, extracted, reused, stats = _digest_inputs(items, rules, key, store, run_id, engine, progress,
                                                       problems)
    # The same article given twice (same content) is audited once.
    unique = list(dict.fromkeys(row_ids))
    ordered = _day_order(store, unique)
    weigher = stats.weigher()
    weighted = (cluster.Weighted(i, day, weigher.weights(d.source, d.terms))
                for i, ((row, day), d) in enumerate(zip(ordered, store.digests(row for row, _ in ordered))))
    days = [day for _, day in ordered]
    edges = cluster.edges_of(engine.pair_scores(weighted), days)
    linked = cluster.average_linkage(edges, cluster.AVERAGE_LINK)
    seen = {i for group in linked for i in group}
    groups = sorted(linked + [[i] for i in range(len(ordered)) if i not in seen])
    row_groups = [[ordered[i][0] for i in group] for group in groups]
    result = AuditResult(store=store, run_id=run_id, articles=len(unique), extracted=extracted, reused=reused,
                         groups=row_groups, sources=[], problems=problems)
    result.sources = source_scores(result.events(), result.digests(), store.repeated_url_keys(run_id))
    store.finish_run(run_id, articles=len(unique), extracted=extracted, reused=reused, events=len(groups),
                     scores=result.sources)
    return result
