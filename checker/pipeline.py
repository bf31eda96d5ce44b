"""The whole check: ingest -> segment -> extract -> align -> compare.

Every stage here is a pure function of its inputs; only :func:`check_paths`
reads files (through :mod:`checker.ingest`). :func:`check_against_reference`
checks derived texts (summaries, headline drafts, rewrites) against their
source article.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from checker.align import align_across, align_reference, align_within
from checker.calendar_figures import calendar_claims
from checker.compare import compare, compare_reference
from checker.errors import ConfigError
from checker.extract import extract
from checker.extract.claims import article_places
from checker.facts import fact_discrepancies
from checker.ingest import expand_paths, read_file
from checker.limits import DEFAULT_MAX_FILE_BYTES, limit_problems, within_claim_limit
from checker.model import Article, Claim, Discrepancy, Document, InputProblem, RunResult
from checker.rulepack import RuleSet
from checker.segment import segment


def analyse(doc: Document, rules: RuleSet) -> tuple[Article, tuple[Claim, ...]]:
    """Segment one document and extract its claims (at most ``rules.max_claims_per_article``: checker/limits.py)."""
    article = segment(within_claim_limit(doc, rules), rules)
    return article, extract(article, rules)


def cpu_count() -> int:
    """The CPUs this process may run on (its affinity mask where the platform has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def worker_count(jobs: int, documents: int) -> int:
    """How many processes analyse ``documents`` for ``--jobs jobs``: 0 is one per CPU, never more than documents.

    1 means no pool at all: the documents are analysed in this process.
    """
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (one per CPU) or more, not {jobs}")
    return max(1, min(jobs or cpu_count(), documents))


_worker_inputs: tuple[list[Document], RuleSet] | None = None


def _start_worker(docs: list[Document], rules: RuleSet) -> None:
    """A pool worker's initializer: the documents and rules reach each worker once, not once per task.

    Where processes are forked (Linux) they are inherited, not even pickled.
    """
    global _worker_inputs
    _worker_inputs = (docs, rules)


def _analyse_slice(bounds: tuple[int, int]) -> list[tuple[Article, tuple[Claim, ...]]]:
    assert _worker_inputs is not None, "_start_worker did not run"
    docs, rules = _worker_inputs
    return [analyse(doc, rules) for doc in docs[bounds[0]:bounds[1]]]


def analyse_documents(docs: list[Document], rules: RuleSet, *, jobs: int = 1,
                      wrap: Callable[[list[Document]], Iterable[Document]] | None = None
                      ) -> list[tuple[Article, tuple[Claim, ...]]]:
    """:func:`analyse` every document, in their order, in this process or in ``jobs`` processes.

    With more than one worker (:func:`worker_count`) a process pool analyses
    slices of the documents and the results are put back in the documents'
    order, so the result is equal, claim for claim, whatever ``jobs`` is:
    analysis reads nothing but the document and the rules. ``wrap`` still sees
    the documents and is advanced as their results arrive (a progress bar).
    """
    workers = worker_count(jobs, len(docs))
    if workers == 1:
        return [analyse(doc, rules) for doc in (wrap(docs) if wrap else docs)]
    from concurrent.futures import ProcessPoolExecutor

    # Several slices a worker even out articles of different lengths; each slice is one round trip.
    size = max(1, min(64, len(docs) // (workers * 8)))
    bounds = [(i, min(i + size, len(docs))) for i in range(0, len(docs), size)]
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(docs, rules)) as pool:
        # map submits every slice now, so the workers start before a progress bar's thread does.
        results = (r for done in pool.map(_analyse_slice, bounds) for r in done)
        return [result for _, result in zip(wrap(docs) if wrap else docs, results, strict=True)]


def extract_documents(docs: Iterable[Document], rules: RuleSet, *, problems: Iterable[InputProblem] = (),
                      wrap: Callable[[list[Document]], Iterable[Document]] | None = None,
                      jobs: int = 1) -> RunResult:
    """Segment documents and extract their claims, without comparing anything (``jobs``: :func:`analyse_documents`)."""
    analysed = analyse_documents(list(docs), rules, jobs=jobs, wrap=wrap)
    articles = tuple(a for a, _ in analysed)
    return RunResult(articles, tuple(c for _, c in analysed), (),
                     (*problems, *limit_problems(articles, rules)))


def check_documents(docs: Iterable[Document], rules: RuleSet, *, across: bool | None = None,
                    problems: Iterable[InputProblem] = (),
                    wrap: Callable[[list[Document]], Iterable[Document]] | None = None,
                    jobs: int = 1) -> RunResult:
    """Check documents against each other and themselves.

    ``across`` compares articles with each other; by default it is on when there
    is more than one article. ``wrap`` may wrap the documents' iteration, e.g. in
    a progress bar. ``jobs`` processes segment and extract the documents
    (:func:`analyse_documents`); alignment and comparison run in this process.
    """
    extracted = extract_documents(docs, rules, problems=problems, wrap=wrap, jobs=jobs)
    articles, claims = extracted.articles, extracted.claims
    by_id = _unique_ids(articles)
    alignments = []
    for article_claims in claims:
        alignments += align_within(article_claims, rules)
    if across is None:
        across = len(articles) > 1
    if across:
        places = tuple(article_places(c) for c in claims)
        alignments += align_across(articles, claims, places, rules)
    alignments = [a for a in alignments if a.rule not in rules.disabled]
    found = compare(alignments, by_id, rules) + fact_discrepancies(articles, claims, rules, across=across)
    discrepancies = sorted(found, key=discrepancy_order)
    return RunResult(articles, claims, tuple(discrepancies), extracted.problems)


def check_against_reference(docs: Iterable[Document], reference: Document, rules: RuleSet, *,
                            problems: Iterable[InputProblem] = (),
                            wrap: Callable[[list[Document]], Iterable[Document]] | None = None,
                            jobs: int = 1) -> RunResult:
    """Check every figure of each document against the ``reference`` (source) article.

    Each document is also checked within itself, but documents are not compared
    with each other, and the source is not checked on its own: it is the ground
    truth here. The result lists the source first, then the documents (analysed
    by ``jobs`` processes, as in :func:`check_documents`).
    """
    policy = rules.reference
    if policy is None:
        raise ConfigError("no rule pack has a [reference] table, so there is nothing to match figures with: "
                          "keep the shipped rules/reference.toml or add a pack with one")
    source_article, source_claims = analyse(reference, rules)
    source_figures = source_claims + calendar_claims(source_article, rules, len(source_claims))
    derived = extract_documents([d for d in docs if d.id != reference.id], rules, problems=problems, wrap=wrap,
                                jobs=jobs)
    articles = (source_article, *derived.articles)
    by_id = _unique_ids(articles)
    alignments = []
    matches = []
    for article, claims in zip(derived.articles, derived.claims):
        alignments += align_within(claims, rules)
        figures = claims + calendar_claims(article, rules, len(claims))
        matches += align_reference(article, figures, source_article, source_figures, policy)
    alignments = [a for a in alignments if a.rule not in rules.disabled]
    if policy.contradiction.code in rules.disabled:
        matches = []
    found = (compare(alignments, by_id, rules) + compare_reference(matches, by_id, policy)
             + fact_discrepancies(derived.articles, derived.claims, rules, across=False))
    return RunResult(articles, (source_claims, *derived.claims), tuple(sorted(found, key=discrepancy_order)),
                     derived.problems, reference=source_article.id)


def _unique_ids(articles: tuple[Article, ...]) -> dict[str, Article]:
    by_id: dict[str, Article] = {}
    for article in articles:
        by_id.setdefault(article.id, article)
    return by_id


def discrepancy_order(d: Discrepancy) -> tuple:
    """Sort by where the first side is, then rule, then fingerprint: a stable order."""
    first = d.evidence[0]
    line, col = first.locations[0]
    return (first.path, line, col, d.rule, d.fingerprint)


def read_documents(paths: list[str], on_file: Callable[[str], None] | None = None,
                   max_file_bytes: Callable[[str], int] | None = None) -> tuple[list[Document], list[InputProblem]]:
    """Read every input; problems are collected, never raised.

    ``max_file_bytes`` gives each file's size limit (its configuration's); by default
    :data:`~checker.limits.DEFAULT_MAX_FILE_BYTES`.
    """
    docs: list[Document] = []
    problems: list[InputProblem] = []
    seen: set[str] = set()
    for path in expand_paths(paths):
        if on_file:
            on_file(path)
        found, trouble = read_file(path, max_file_bytes(path) if max_file_bytes else DEFAULT_MAX_FILE_BYTES)
        problems += trouble
        for doc in found:
            if doc.id in seen:
                problems.append(InputProblem(doc.path, doc.record_line, f"duplicate article id {doc.id!r}",
                                             "give every record a unique id"))
                continue
            seen.add(doc.id)
            docs.append(doc)
    return docs, problems


def check_paths(paths: list[str], rules: RuleSet, *, across: bool | None = None) -> RunResult:
    """Read and check files and directories."""
    docs, problems = read_documents(paths)
    return check_documents(docs, rules, across=across, problems=problems)
