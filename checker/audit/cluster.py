"""Group articles into events: which articles report the same shooting, strike or meeting.

No pair of articles is compared unless they share a rare word and were published
within :data:`MAX_GAP_DAYS` of each other, so the work grows with the corpus,
not with its square:

1. **Corpus statistics** (:class:`CorpusStats`, one streaming pass): how many
   articles use each term (a capitalised word or word pair, or an age), which
   words are names (written with a capital nearly everywhere they occur, unlike
   "Police" or "Privacy"), and each outlet's page furniture (terms in a quarter
   of its articles).
2. **Candidate pairs** (:func:`pair_scores`): articles in day order; each term's
   recent articles are kept in a sliding window, so an article meets only the
   articles of the last ``MAX_GAP_DAYS`` days that share a term with it. A pair
   needs two shared terms, or one very rare term (in at most
   ``ONE_TERM_MAX_ARTICLES`` articles) and at most a day between them; a pair
   more than ``FOLLOW_UP_DAYS`` apart needs two shared full names. Its score
   is the cosine similarity of the two articles' rare terms weighted by inverse
   document frequency. A term is a name ("Salas", "Nelven Salas") or a name and a
   street, county or similar ("Brook Street"), which is a name though "street" is not.
3. **Linking** (:func:`linked_groups`, :func:`average_linkage`): a pair is an
   edge when its score passes a threshold that rises with the days between the
   articles (a follow-up weeks later must share more); edges are merged by
   average linkage, so one strong link between two large groups does not chain
   unrelated events together. Each connected component is linked once no later
   article can reach it, so memory holds only the components still open.

Every function is pure and every result sorted, so the same digests give the
same events on any engine. Scores are summed with :func:`math.fsum` over sorted
contributions: the order in which workers deliver them cannot change a bit.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

MAX_GAP_DAYS = 120
# The cosine a pair needs, by the days between the two articles: the same story on the
# same days shares fewer rare words than a trial report shares with the shooting.
LINK_THRESHOLDS = ((3, 0.15), (14, 0.25), (MAX_GAP_DAYS, 0.35))
# A follow-up more than this many days later (an arrest, a trial, a sentencing) must share
# full names with the first reports, not just the neighbourhood and the hospital: two
# stories from one district months apart share place names, while a trial report names
# the victim and the accused as the first reports did.
FOLLOW_UP_DAYS = 60
FOLLOW_UP_FULL_NAMES = 2
UNDATED_THRESHOLD = 0.35  # an article without a date links only as a late follow-up would
AVERAGE_LINK = 0.15  # two groups merge when their mean pairwise score (missing pairs 0) reaches this
MIN_SHARED_TERMS = 2  # one shared word is a coincidence; a name is a first name, a surname and the pair
# ...unless the word is rare in the whole corpus and the two articles are a day apart at most:
# "Burkett" in two reports of a Houston shooting on one morning.
ONE_TERM_MAX_ARTICLES = 5
ONE_TERM_MAX_GAP_DAYS = 1
MAX_TERM_ARTICLES = 30  # a term in more articles than this, in one window, tells no event apart
NAME_LOWER_SHARE = 0.25  # a word is no name when it is written lower case in a quarter as many articles
# Second words that make a name a place: "Brook Street" is a name although "street" is not.
PLACE_HEADS = frozenset({"street", "avenue", "road", "drive", "boulevard", "lane", "court", "place", "way",
                         "highway", "parkway", "county", "township", "ward", "park", "square", "terrace", "circle"})
BOILERPLATE_SHARE = 0.25  # a term in this share of an outlet's articles is its page furniture
BOILERPLATE_MIN_ARTICLES = 4
BOILERPLATE_SAMPLE = 200  # articles per outlet the page furniture is judged on (keeps memory bounded)


@dataclass(slots=True)
class CorpusStats:
    """Counts over the whole corpus that weigh an article's terms. Built with :meth:`add`, merged with :meth:`merge`."""

    articles: int = 0
    term_articles: Counter = field(default_factory=Counter)
    capital_articles: Counter = field(default_factory=Counter)  # word -> articles writing it capitalised
    lower_articles: Counter = field(default_factory=Counter)  # word -> articles writing it in lower case
    outlet_articles: Counter = field(default_factory=Counter)
    outlet_terms: dict = field(default_factory=lambda: defaultdict(Counter))  # over each outlet's sample

    def add(self, source: str | None, terms: Iterable[str], lower_words: Iterable[str]) -> None:
        terms = tuple(terms)
        self.articles += 1
        self.term_articles.update(terms)
        self.capital_articles.update(t for t in terms if " " not in t and not t.startswith("#"))
        self.lower_articles.update(lower_words)
        outlet = source or ""
        self.outlet_articles[outlet] += 1
        if self.outlet_articles[outlet] <= BOILERPLATE_SAMPLE:
            self.outlet_terms[outlet].update(terms)

    def merge(self, other: CorpusStats) -> CorpusStats:
        """Both counts together (for partial statistics from workers); the outlet samples are taken in turn."""
        merged = CorpusStats(self.articles + other.articles, self.term_articles + other.term_articles,
                             self.capital_articles + other.capital_articles,
                             self.lower_articles + other.lower_articles,
                             self.outlet_articles + other.outlet_articles)
        for part in (self, other):
            for outlet, counts in part.outlet_terms.items():
                merged.outlet_terms[outlet].update(counts)
        return merged

    def weigher(self) -> TermWeights:
        return TermWeights(self)


class TermWeights:
    """Which of an article's terms tell its event apart, and how much each weighs."""

    def __init__(self, stats: CorpusStats):
        self._n = max(stats.articles, 1)
        # The weight product (idf squared) of a term in ONE_TERM_MAX_ARTICLES articles.
        self.one_term_floor = math.log(max(self._n / ONE_TERM_MAX_ARTICLES, 1.0)) ** 2
        self._df = stats.term_articles
        self._capital = stats.capital_articles
        self._lower = stats.lower_articles
        self._furniture: dict[str, frozenset[str]] = {}
        for outlet, counts in stats.outlet_terms.items():
            sampled = min(stats.outlet_articles[outlet], BOILERPLATE_SAMPLE)
            if sampled >= BOILERPLATE_MIN_ARTICLES:
                floor = max(3, BOILERPLATE_SHARE * sampled)
                self._furniture[outlet] = frozenset(t for t, c in counts.items() if c >= floor)

    def _is_name(self, word: str) -> bool:
        return self._lower[word] <= NAME_LOWER_SHARE * self._capital[word]

    def _is_name_term(self, term: str) -> bool:
        words = term.split()
        if len(words) == 2 and words[1] in PLACE_HEADS:  # "Rittenhouse Street", "Paulding County"
            return self._is_name(words[0])
        return all(self._is_name(w) for w in words)

    def weights(self, source: str | None, terms: Iterable[str]) -> dict[str, float]:
        """term -> inverse document frequency, for the article's rare name terms that are not page furniture."""
        furniture = self._furniture.get(source or "", frozenset())
        found = {}
        for term in terms:
            df = self._df[term]
            if df < 2 or df > MAX_TERM_ARTICLES or term in furniture:
                continue
            if not term.startswith("#") and not self._is_name_term(term):
                continue
            found[term] = math.log(self._n / df)
        return found


@dataclass(frozen=True, slots=True)
class Weighted:
    """One article ready for pairing: its position in day order, day, weighted terms and their norm."""

    index: int
    day: int | None
    weights: dict[str, float]
    norm: float = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "norm", math.sqrt(math.fsum(w * w for w in sorted(self.weights.values()))))


def gap_threshold(gap: int | None) -> float | None:
    """The score a pair needs, by days apart; None when too far apart to be one event."""
    if gap is None:
        return UNDATED_THRESHOLD
    for days, threshold in LINK_THRESHOLDS:
        if gap <= days:
            return threshold
    return None


def _gap(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else abs(a - b)


def pairable(a: int | None, b: int | None) -> bool:
    """Whether articles of these days may report one event: both dated and close enough, or both undated."""
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= MAX_GAP_DAYS


def is_full_name(term: str) -> bool:
    """Whether a weighted term is a two-word name ("nelven salas"), not a name and a street or county word."""
    words = term.split()
    return len(words) == 2 and words[1] not in PLACE_HEADS


def enough_shared(parts: list[float], day_a: int | None, day_b: int | None, one_term_floor: float,
                  full_names: int = 0) -> bool:
    """Whether the terms two articles share are enough to score them as a pair.

    ``parts`` are the shared terms' weight products; ``full_names`` counts the
    shared terms that are full names (:func:`is_full_name`).
    """
    gap = _gap(day_a, day_b)
    if gap is not None and gap > FOLLOW_UP_DAYS and full_names < FOLLOW_UP_FULL_NAMES:
        return False
    if len(parts) >= MIN_SHARED_TERMS:
        return True
    return len(parts) == 1 and gap is not None and gap <= ONE_TERM_MAX_GAP_DAYS and parts[0] >= one_term_floor


def pair_scores(articles: Iterable[Weighted], one_term_floor: float = math.inf) -> Iterator[tuple[int, int, float]]:
    """(i, j, cosine) of every pair of articles that share a weighted term and are close enough in time.

    ``articles`` must come in day order (undated ones last); each term keeps the
    articles of the last MAX_GAP_DAYS days only, so memory follows the window.
    An undated article is paired only with other undated ones (:func:`pairable`):
    nothing says which dated articles it is near.
    """
    recent: dict[str, deque[Weighted]] = defaultdict(deque)
    swept = None  # the day of the last sweep of every window
    for art in articles:
        if art.day is not None and (swept is None or art.day - swept > MAX_GAP_DAYS):
            _sweep(recent, art.day)  # terms not seen again would keep their old articles forever
            swept = art.day
        shared: dict[int, list[float]] = defaultdict(list)
        full_names: Counter = Counter()
        by_index: dict[int, Weighted] = {}
        for term, weight in art.weights.items():
            window = recent[term]
            while art.day is not None and _expired(window, art.day):
                window.popleft()
            full_name = is_full_name(term)
            for other in window:
                shared[other.index].append(weight * other.weights[term])
                full_names[other.index] += full_name
                by_index[other.index] = other
            window.append(art)
        for j in sorted(shared):
            other = by_index[j]
            if not pairable(art.day, other.day) or not enough_shared(shared[j], art.day, other.day, one_term_floor,
                                                                     full_names[j]):
                continue
            score = math.fsum(sorted(shared[j])) / ((other.norm * art.norm) or 1.0)
            yield (j, art.index, score) if j < art.index else (art.index, j, score)


def _expired(window: deque[Weighted], day: int) -> bool:
    return bool(window) and window[0].day is not None and day - window[0].day > MAX_GAP_DAYS


def _sweep(recent: dict[str, deque[Weighted]], day: int) -> None:
    """Drop the articles too old to pair with ``day`` from every window, and the windows left empty."""
    for term in list(recent):
        window = recent[term]
        while _expired(window, day):
            window.popleft()
        if not window:
            del recent[term]


def average_linkage(edges: dict[tuple[int, int], float], threshold: float = AVERAGE_LINK) -> list[list[int]]:
    """Groups of linked articles (indexes, each group sorted, groups by first index); unlinked ones left out.

    Sparse average linkage: the two groups with the highest mean score between
    them (pairs without an edge count as 0) merge first, while that mean reaches
    ``threshold``. Ties break on the smaller indexes, so the result is unique.
    """
    members: dict[int, list[int]] = {}
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), score in sorted(edges.items()):
        members.setdefault(i, [i])
        members.setdefault(j, [j])
        links[i][j] = links[i].get(j, 0.0) + score
        links[j][i] = links[j].get(i, 0.0) + score
    heap = [(-score, i, j) for (i, j), score in edges.items()]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members or b not in links[a]:
            continue
        mean = links[a][b] / (len(members[a]) * len(members[b]))
        if mean != -negative:
            continue  # an entry from before one of the groups grew
        if mean < threshold:
            break
        keep, gone = min(a, b), max(a, b)
        members[keep] = sorted(members[keep] + members.pop(gone))
        for other, total in links.pop(gone).items():
            del links[other][gone]
            if other != keep:
                links[keep][other] = links[keep].get(other, 0.0) + total
                links[other][keep] = links[keep][other]
        links[keep].pop(gone, None)
        for other, total in links[keep].items():
            heapq.heappush(heap, (-(total / (len(members[keep]) * len(members[other]))), min(keep, other),
                                  max(keep, other)))
    return sorted(members.values())


def linked_groups(scores: Iterable[tuple[int, int, float]], days) -> Iterator[list[int]]:
    """The groups of :func:`average_linkage` over the edges among ``scores``, one connected component at a time.

    ``scores`` must come ordered by their later article (as :func:`pair_scores`
    yields them), articles indexed in day order. A component whose last day is
    more than MAX_GAP_DAYS before the current article's can gain no more edges,
    so it is linked and dropped then: memory holds the open components only, not
    the corpus's edges. Components are independent (groups without an edge
    between them never merge), so the groups are those of one global linkage.
    """
    parent: dict[int, int] = {}
    edges: dict[int, dict[tuple[int, int], float]] = {}
    last_day: dict[int, int | None] = {}
    closing: list[tuple[int, int]] = []  # (last day, root) of dated components, stale entries skipped

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def close(r: int) -> Iterator[list[int]]:
        del last_day[r]
        component = edges.pop(r)
        for pair in component:
            for x in pair:
                parent.pop(x, None)  # no later edge can reach a closed component's articles
        yield from average_linkage(component, AVERAGE_LINK)

    for i, j, score in scores:
        threshold = gap_threshold(_gap(days[i], days[j]))
        if threshold is None or score < threshold:
            continue
        day = days[j]
        while closing and (day is None or closing[0][0] < day - MAX_GAP_DAYS):
            when, r = heapq.heappop(closing)
            if last_day.get(r, -1) == when and parent.get(r) == r:
                yield from close(r)
        for x in (i, j):
            if x not in parent:
                parent[x] = x
                edges[x] = {}
                last_day[x] = days[x]
        a, b = root(i), root(j)
        if a != b:
            keep, gone = min(a, b), max(a, b)
            parent[gone] = keep
            edges[keep].update(edges.pop(gone))
            days_of = [d for d in (last_day.pop(gone), last_day[keep]) if d is not None]
            last_day[keep] = max(days_of) if days_of else None
        keep = root(i)
        edges[keep][(i, j)] = score
        if last_day[keep] is not None:
            heapq.heappush(closing, (last_day[keep], keep))
    for r in sorted(last_day):
        yield from close(r)


def cluster(days: list[int | None], weights: list[dict[str, float]], one_term_floor: float = math.inf
            ) -> list[list[int]]:
    """Every article's event: groups of indexes into ``days``/``weights`` (singletons too), sorted.

    The articles must be indexed in day order, undated ones last. (The audit runs
    the same steps streaming, its events kept in the store: checker/audit/run.py.)
    """
    scores = pair_scores((Weighted(i, d, w) for i, (d, w) in enumerate(zip(days, weights))), one_term_floor)
    grouped = list(linked_groups(scores, days))
    seen = {i for group in grouped for i in group}
    return sorted(grouped + [[i] for i in range(len(days)) if i not in seen])
