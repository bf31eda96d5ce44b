"""Where an audit's heavy work runs: this process, or a Dask cluster.

An engine does two things for :func:`checker.audit.run.audit`:

``digest_documents(docs, rules)``
    the per-article check, one digest per document, in the documents' order;
``pair_scores(weighted, one_term_floor)``
    the candidate pairs of articles and their scores (see
    :mod:`checker.audit.cluster`), as ``(i, j, score)`` with ``i < j``, ordered by
    ``j`` then ``i``.

Both call the same pure functions, so the engines agree to the bit; the Dask
engine only spreads them: a bag of documents mapped to digests, and a bag of
(term, article) postings grouped by term with ``foldby``, each group's pairs
scored, and the contributions to each pair gathered by a second ``foldby``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

from checker.audit import cluster
from checker.audit.digest import ArticleDigest, digest_document
from checker.errors import CheckerError
from checker.model import Document
from checker.rulepack import RuleSet


class LocalEngine:
    """Everything in this process, streaming."""

    name = "local"
    batch_size = 200

    def digest_documents(self, docs: list[Document], rules: RuleSet) -> list[ArticleDigest]:
        return [digest_document(doc, rules) for doc in docs]

    def pair_scores(self, weighted: Iterable[cluster.Weighted], one_term_floor: float = math.inf
                    ) -> Iterator[tuple[int, int, float]]:
        return cluster.pair_scores(weighted, one_term_floor)

    def close(self) -> None:
        pass


class EngineError(CheckerError):
    """The engine cannot start or reach its cluster."""


def _postings(art: cluster.Weighted) -> list[tuple[str, tuple[int, int | None, float]]]:
    return [(term, (art.index, art.day, weight)) for term, weight in sorted(art.weights.items())]


def _pairs_of_term(term: str, postings: list[tuple[int, int | None, float]]
                   ) -> list[tuple[tuple[int, int], tuple[float, bool]]]:
    """The contributions one term makes to the pairs of articles that share it and are close enough in time:
    (pair, (weight product, whether the term is a full name))."""
    postings = sorted(postings)
    full_name = cluster.is_full_name(term)
    found = []
    for k, (i, day_i, w_i) in enumerate(postings):
        for j, day_j, w_j in postings[k + 1:]:
            if cluster.pairable(day_i, day_j):
                found.append(((i, j), (w_i * w_j, full_name)))
    return found


class DaskEngine:
    """The per-article work and the pairing on a Dask cluster (``pip install 'claimcheck[dask]'``)."""

    name = "dask"
    batch_size = 2000  # documents per bag: enough to keep every worker busy, few enough to hold

    def __init__(self, scheduler: str | None = None, workers: int = 2):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise EngineError("--engine dask needs Dask: pip install 'claimcheck[dask]'") from None
        self._cluster = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="20s")
            else:
                # Loopback only: a cluster started for one run serves no one else.
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             host="127.0.0.1", dashboard_address=None)
                self._client = Client(self._cluster)
        except OSError as exc:
            raise EngineError(f"cannot reach the Dask scheduler {scheduler!r} ({exc}); check the address "
                              "(tcp://HOST:PORT) and that the scheduler is running") from None
        self.workers = workers

    def digest_documents(self, docs: list[Document], rules: RuleSet) -> list[ArticleDigest]:
        import dask.bag as db

        partitions = max(1, min(len(docs), 4 * max(1, len(self._client.scheduler_info()["workers"]))))
        bag = db.from_sequence(docs, npartitions=partitions)
        return bag.map(digest_document, rules).compute()

    def pair_scores(self, weighted: Iterable[cluster.Weighted], one_term_floor: float = math.inf
                    ) -> Iterator[tuple[int, int, float]]:
        import dask.bag as db

        articles = list(weighted)
        norms = {a.index: a.norm for a in articles}
        days = {a.index: a.day for a in articles}
        terms = db.from_sequence(articles, npartitions=max(1, min(len(articles), 16))).map(_postings).flatten()
        by_term = terms.foldby(lambda p: p[0], lambda acc, p: acc + [p[1]], [],
                               lambda a, b: a + b, [])
        contributions = by_term.map(lambda kv: _pairs_of_term(kv[0], kv[1])).flatten()
        by_pair = contributions.foldby(lambda c: c[0], lambda acc, c: acc + [c[1]], [],
                                       lambda a, b: a + b, []).compute()
        # Ordered by the later article, as the local engine yields them (linked_groups needs it).
        for (i, j), shared in sorted(by_pair, key=lambda item: (item[0][1], item[0][0])):
            parts = [product for product, _ in shared]
            full_names = sum(full_name for _, full_name in shared)
            if not cluster.enough_shared(parts, days[i], days[j], one_term_floor, full_names):
                continue
            yield i, j, math.fsum(sorted(parts)) / ((norms[i] * norms[j]) or 1.0)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
