"""What the outlets reported about one event, measure by measure, against the consensus.

Figures change while a story develops, so a difference is not always an error.
For each measure of an event, every outlet's *latest* figure votes; the value
most outlets end on is the consensus (a tie goes to the value reported last,
then the higher one: tolls rise more often than they fall). A figure attributed
to an authority ("police said") that is newer than every report of that value
supersedes it: the consensus is then the official figure. Each article's
figure is then one of:

``agrees``
    its range holds the consensus ("at least 3" agrees with 4).
``update``
    lower than the consensus and published before the consensus was first
    reported, or on the same day when the times are not known: an early toll
    that later rose. Not held against the outlet.
``superseded``
    published before the official figure that superseded the majority: it was
    the story then. Not held against the outlet.
``lowered``
    lower than a figure the same outlet gave earlier, without the consensus
    explaining it: flagged.
``source-disagreement``
    attributed to an authority that none of the consensus reports cite: two
    named sources disagree, which is news, not an editorial error.
``disagrees``
    none of the above.

With one outlet reporting a measure there is no consensus to hold it to; its
figures are listed with the status ``single``.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from checker.audit.digest import ArticleDigest, ReportedFigure

AGREES, UPDATE, SUPERSEDED, LOWERED, SOURCE_DISAGREEMENT, DISAGREES, SINGLE = (
    "agrees", "update", "superseded", "lowered", "source-disagreement", "disagrees", "single")
HELD_AGAINST = frozenset({LOWERED, DISAGREES})  # statuses counted as the outlet's disagreement


@dataclass(frozen=True, slots=True)
class Report:
    """One article's figure for a measure of an event, and how it stands against the consensus."""

    article: str
    source: str
    published: str | None
    figure: ReportedFigure
    status: str


@dataclass(frozen=True, slots=True)
class Consensus:
    value: float
    basis: str  # "majority" | "latest" (a tie broken by recency) | "official" (a newer attributed figure) | "single"
    outlets: int  # outlets whose latest figure is the consensus
    reporting: int  # outlets reporting the measure


@dataclass(frozen=True, slots=True)
class MeasureView:
    measure: str
    consensus: Consensus
    reports: tuple[Report, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """Articles about one event, with every measure's figures by outlet."""

    id: str
    articles: tuple[ArticleDigest, ...]  # by publication, then id
    measures: tuple[MeasureView, ...]


def outlet(digest: ArticleDigest) -> str:
    """The outlet an article is credited to: its source, else the unnamed outlet."""
    return digest.source or "(unknown)"


def event_id(article_ids: list[str]) -> str:
    """A stable id for the event: a hash of its sorted article ids."""
    return "ev-" + hashlib.sha256("\n".join(sorted(article_ids)).encode("utf-8")).hexdigest()[:12]


def _when(d: ArticleDigest) -> tuple:
    return (d.day is None, d.day or 0, d.published or "", d.id)


def _holds(figure: ReportedFigure, value: float) -> bool:
    low = figure.low if figure.low is not None else float("-inf")
    high = figure.high if figure.high is not None else float("inf")
    return low <= value <= high


def _before(a: ArticleDigest, b: ArticleDigest) -> bool | None:
    """Whether ``a`` was published before ``b``: None when the dates cannot tell (same day, no time)."""
    if a.day is None or b.day is None:
        return None
    if a.day != b.day:
        return a.day < b.day
    pa, pb = a.published or "", b.published or ""
    if len(pa) > 10 and len(pb) > 10 and pa != pb:
        return pa < pb  # ISO-8601 times in one zone sort as text
    return None


def _consensus(latest: dict[str, tuple[ArticleDigest, ReportedFigure]]) -> Consensus:
    votes = Counter(fig.value for _, fig in latest.values())
    newest = {}
    for digest, fig in latest.values():
        if fig.value not in newest or _when(digest) > _when(newest[fig.value]):
            newest[fig.value] = digest
    top = max(votes.values())
    tied = sorted(v for v in votes if votes[v] == top)
    if len(latest) == 1:
        basis = "single"
    elif len(tied) == 1:
        basis = "majority"
    else:
        basis = "latest"
    value = max(tied, key=lambda v: (_when(newest[v]), v))
    attributed = [d for d, fig in latest.values() if fig.attribution]
    if basis != "single" and attributed:
        official = max(attributed, key=_when)
        official_value = next(fig.value for d, fig in latest.values() if d is official)
        if official_value != value and _before(newest[value], official):
            return Consensus(value=official_value, basis="official", outlets=votes[official_value],
                             reporting=len(latest))
    return Consensus(value=value, basis=basis, outlets=votes[value], reporting=len(latest))


def _status(digest: ArticleDigest, fig: ReportedFigure, consensus: Consensus,
            earlier_same_outlet: list[tuple[ArticleDigest, ReportedFigure]],
            first_consensus: ArticleDigest, consensus_sources: set[str], official: ArticleDigest) -> str:
    if consensus.basis == "single":
        return SINGLE
    if _holds(fig, consensus.value):
        return AGREES
    if any(prev.value > fig.value for _, prev in earlier_same_outlet):
        return LOWERED
    if consensus.basis == "official" and _before(digest, official) is True:
        return SUPERSEDED
    if fig.value < consensus.value and _before(first_consensus, digest) is not True:
        return UPDATE
    if fig.attribution and consensus_sources and fig.attribution.lower() not in consensus_sources:
        return SOURCE_DISAGREEMENT
    return DISAGREES


def measure_view(measure: str, reported: list[tuple[ArticleDigest, ReportedFigure]]) -> MeasureView:
    """Every report of one measure of an event, judged against the consensus of the outlets' latest figures."""
    reported = sorted(reported, key=lambda pair: _when(pair[0]))
    latest: dict[str, tuple[ArticleDigest, ReportedFigure]] = {}
    for digest, fig in reported:
        latest[outlet(digest)] = (digest, fig)
    consensus = _consensus(latest)
    supporting = [(d, f) for d, f in reported if _holds(f, consensus.value)]
    first_consensus = supporting[0][0] if supporting else reported[-1][0]
    consensus_sources = {f.attribution.lower() for _, f in supporting if f.attribution}
    by_outlet: dict[str, list[tuple[ArticleDigest, ReportedFigure]]] = defaultdict(list)
    reports = []
    for digest, fig in reported:
        source = outlet(digest)
        status = _status(digest, fig, consensus, by_outlet[source], first_consensus, consensus_sources,
                         official=supporting[-1][0] if supporting else first_consensus)
        by_outlet[source].append((digest, fig))
        reports.append(Report(article=digest.id, source=source, published=digest.published, figure=fig,
                              status=status))
    return MeasureView(measure=measure, consensus=consensus, reports=tuple(reports))


def build_event(digests: list[ArticleDigest]) -> Event:
    """One event from its articles' digests."""
    digests = sorted(digests, key=_when)
    by_measure: dict[str, list[tuple[ArticleDigest, ReportedFigure]]] = defaultdict(list)
    for digest in digests:
        for fig in digest.figures:
            by_measure[fig.measure].append((digest, fig))
    measures = tuple(measure_view(m, by_measure[m]) for m in sorted(by_measure))
    return Event(id=event_id([d.id for d in digests]), articles=tuple(digests), measures=measures)
