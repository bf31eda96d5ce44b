"""Per-outlet scores over a corpus: how often each outlet's figures part from the consensus.

For each outlet:

* ``checked``: its figures compared with a consensus of two or more outlets;
* ``disagreements``: those ``disagrees`` or ``lowered`` (see
  :mod:`checker.audit.consensus`), and the rate with a 95% Wilson interval, so
  that 1 of 2 and 50 of 100 are not read as the same evidence;
* ``source_disagreements``: figures whose named authority differs from the
  consensus's (not counted against the outlet);
* ``stale``: articles whose headline or a caption disagrees with their own body;
* ``versions`` and ``corrections``: URLs seen in more than one version, and those
  where a later version changed a figure, with the median days to the change;
* ``periods``: figures checked and disagreements by the quarter the article was
  published in, so that an outlet's record over time shows (undated figures
  are counted in the totals only).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

from checker.audit.consensus import (
    HELD_AGAINST,
    SINGLE,
    SOURCE_DISAGREEMENT,
    Event,
    outlet,
)
from checker.audit.digest import ArticleDigest

Z_95 = 1.959963984540054


@dataclass(frozen=True, slots=True)
class SourceScore:
    source: str
    articles: int
    checked: int
    disagreements: int
    rate: float | None
    interval: tuple[float, float] | None
    source_disagreements: int
    stale: int
    stale_rate: float
    versions: int
    corrections: int
    median_correction_days: float | None
    periods: tuple[tuple[str, int, int], ...] = ()  # (quarter "2016-Q3", checked, disagreements), oldest first


def quarter(published: str | None) -> str | None:
    """The calendar quarter an ISO-8601 date falls in ("2016-Q3"); None when there is no date."""
    if not published or len(published) < 7 or not (published[:4].isdigit() and published[5:7].isdigit()):
        return None
    month = int(published[5:7])
    return f"{published[:4]}-Q{(month - 1) // 3 + 1}" if 1 <= month <= 12 else None


def wilson(successes: int, trials: int, z: float = Z_95) -> tuple[float, float] | None:
    """The Wilson score interval of a proportion; None for no trials."""
    if trials == 0:
        return None
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


_ARCHIVE = re.compile(r"^https?://web\.archive\.org/web/\d+[a-z_]*/", re.IGNORECASE)


def url_key(url: str | None) -> str | None:
    """A URL as one page whatever the copy: no archive prefix, scheme, "www.", port, query or trailing slash."""
    if not url:
        return None
    url = _ARCHIVE.sub("", url.strip())
    url = re.sub(r"^[a-z]+://", "", url, flags=re.IGNORECASE)
    url = url.split("#", 1)[0].split("?", 1)[0]
    host, _, path = url.partition("/")
    host = host.lower().removeprefix("www.").split(":", 1)[0]
    return f"{host}/{path.rstrip('/')}"


@dataclass(frozen=True, slots=True)
class _Version:
    """What the corrections count keeps of one copy of a page."""

    day: int | None
    published: str
    id: str
    content_hash: str
    source: str
    figures: dict[str, float]


def _corrections(pages: dict[str, list[_Version]]) -> dict[str, tuple[int, int, list[int]]]:
    """outlet -> (URLs with several versions, of them with a changed figure, days to each change)."""
    found: dict[str, tuple[int, int, list[int]]] = {}
    for key in sorted(pages):
        versions = sorted(pages[key], key=lambda v: (v.day is None, v.day or 0, v.published, v.id))
        if len({v.content_hash for v in versions}) < 2:
            continue
        source = versions[0].source
        seen, changed, days = found.get(source, (0, 0, []))
        first = versions[0].figures
        change_day = None
        for later in versions[1:]:
            if any(m in first and v != first[m] for m, v in later.figures.items()):
                change_day = later.day
                break
        if change_day is not None:
            changed += 1
            if versions[0].day is not None:
                days.append(change_day - versions[0].day)
        found[source] = (seen + 1, changed, days)
    return found


def source_scores(events: Iterable[Event], digests: Iterable[ArticleDigest],
                  repeated_urls: set[str] | None = None) -> list[SourceScore]:
    """Every outlet's scores, by outlet name (one pass over each argument).

    ``repeated_urls``, when known (the store knows), are the URL keys seen more
    than once: only their versions are kept for the corrections count.
    """
    articles: dict[str, int] = defaultdict(int)
    stale: dict[str, int] = defaultdict(int)
    pages: dict[str, list[_Version]] = defaultdict(list)
    for d in digests:
        articles[outlet(d)] += 1
        stale[outlet(d)] += bool(d.stale)
        key = url_key(d.url)
        if key and (repeated_urls is None or key in repeated_urls):
            pages[key].append(_Version(d.day, d.published or "", d.id, d.content_hash, outlet(d),
                                       {f.measure: f.value for f in d.figures}))
    checked: dict[str, int] = defaultdict(int)
    against: dict[str, int] = defaultdict(int)
    named: dict[str, int] = defaultdict(int)
    by_period: dict[str, dict[str, list[int]]] = defaultdict(dict)  # outlet -> quarter -> [checked, against]
    for event in events:
        for view in event.measures:
            for report in view.reports:
                if report.status == SINGLE:
                    continue
                held = report.status in HELD_AGAINST
                checked[report.source] += 1
                against[report.source] += held
                named[report.source] += report.status == SOURCE_DISAGREEMENT
                period = quarter(report.published)
                if period is not None:
                    counts = by_period[report.source].setdefault(period, [0, 0])
                    counts[0] += 1
                    counts[1] += held
    corrections = _corrections(pages)
    scores = []
    for source in sorted(articles):
        n = checked[source]
        versions, changed, days = corrections.get(source, (0, 0, []))
        scores.append(SourceScore(
            source=source, articles=articles[source], checked=n, disagreements=against[source],
            rate=against[source] / n if n else None, interval=wilson(against[source], n),
            source_disagreements=named[source], stale=stale[source], stale_rate=stale[source] / articles[source],
            versions=versions, corrections=changed, median_correction_days=median(days) if days else None,
            periods=tuple((p, *by_period[source][p]) for p in sorted(by_period.get(source, {})))))
    return scores
