"""Decide which claims are about the same thing and may be compared.

Two claims are aligned when the same rule gave them their measure, they count the
same class of thing, and nothing says they are about different events: no two
different places, no two different days or years, no past-event cue on one side
only. Claims in one sentence are never aligned ("the toll rose to 18 from 15").
Across articles, the articles must also share a place and have compatible dates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from checker import units
from checker.model import Article, Claim, Qualifier
from checker.rulepack import RuleSet

MAX_DAYS_APART = 3  # articles further apart than this report different occasions


@dataclass(frozen=True, slots=True)
class Alignment:
    """Claims that may be compared, and which pairs of them (indexes into ``claims``)."""

    rule: str
    scope: str  # "within" | "across"
    claims: tuple[Claim, ...]
    pairs: tuple[tuple[int, int], ...]


def _key(claim: Claim) -> tuple:
    unit = claim.quantity.unit
    return claim.rule, claim.counted_class, units.dimension(unit) if unit else None


def comparable(claim: Claim) -> bool:
    """Whether a claim states a level of a measure (not a change, not unmeasured)."""
    return (claim.measure is not None and claim.note is None
            and claim.quantity.qualifier not in (Qualifier.INCREASE, Qualifier.DECREASE))


def same_event(a: Claim, b: Claim) -> bool:
    """Nothing in the two sentences says they report different events."""
    if a.context.places and b.context.places and not set(a.context.places) & set(b.context.places):
        return False
    times_a: dict[str, set[str]] = defaultdict(set)
    times_b: dict[str, set[str]] = defaultdict(set)
    for kind, value in a.context.times:
        times_a[kind].add(value)
    for kind, value in b.context.times:
        times_b[kind].add(value)
    for kind in times_a.keys() & times_b.keys():
        if not times_a[kind] & times_b[kind]:
            return False
    return a.context.past_cue == b.context.past_cue


def _parse_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def same_story(a: Article, a_places: frozenset[str], b: Article, b_places: frozenset[str]) -> bool:
    """Two articles report the same event: a shared place and dates no more than a few days apart."""
    if not a_places & b_places:
        return False
    da, db = _parse_date(a.published), _parse_date(b.published)
    return da is None or db is None or abs((da - db).days) <= MAX_DAYS_APART


def align_within(claims: tuple[Claim, ...], rules: RuleSet) -> list[Alignment]:
    """Alignments inside one article: same measure, same counted class, same event."""
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    roundup = any(c.counted in rules.lexicon.roundup_nouns and (c.quantity.low or 0) >= 2 for c in claims)
    for claim in claims:
        if comparable(claim) and not roundup:
            groups[_key(claim)].append(claim)
    result = []
    for key in sorted(groups, key=repr):
        members = groups[key]
        pairs = tuple(
            (i, j) for i in range(len(members)) for j in range(i + 1, len(members))
            if not (members[i].segment_index == members[j].segment_index and members[i].sentence == members[j].sentence)
            and same_event(members[i], members[j])
        )
        if pairs:
            result.append(Alignment(key[0], "within", tuple(members), pairs))
    result += _part_whole(claims, rules)
    return result


def _part_whole(claims: tuple[Claim, ...], rules: RuleSet) -> list[Alignment]:
    rule = next((r for r in rules.rules if r.kind == "part-whole"), None)
    if rule is None:
        return []
    parts: dict[int, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.part_of is not None:
            parts[claim.part_of].append(claim)
    result = []
    for whole_index in sorted(parts):
        whole = claims[whole_index]
        members = (whole, *parts[whole_index])
        result.append(Alignment(rule.code, "within", members, tuple((0, k) for k in range(1, len(members)))))
    return result


def align_across(articles: tuple[Article, ...], claims: tuple[tuple[Claim, ...], ...],
                 places: tuple[frozenset[str], ...]) -> list[Alignment]:
    """Alignments between articles about the same event."""
    groups: dict[tuple, list[tuple[int, Claim]]] = defaultdict(list)
    for n, article_claims in enumerate(claims):
        for claim in article_claims:
            if comparable(claim):
                groups[_key(claim)].append((n, claim))
    result = []
    for key in sorted(groups, key=repr):
        members = groups[key]
        pairs = tuple(
            (i, j) for i, j in _candidate_pairs(members, places)
            if same_story(articles[members[i][0]], places[members[i][0]], articles[members[j][0]], places[members[j][0]])
            and same_event(members[i][1], members[j][1])
        )
        if pairs:
            result.append(Alignment(key[0], "across", tuple(c for _, c in members), pairs))
    return result


def _candidate_pairs(members: list[tuple[int, Claim]], places: tuple[frozenset[str], ...]) -> list[tuple[int, int]]:
    """Pairs of claims from different articles that share a place: blocked by place, never all pairs."""
    by_place: dict[str, list[int]] = defaultdict(list)
    for k, (article, _) in enumerate(members):
        for place in places[article]:
            by_place[place].append(k)
    pairs: set[tuple[int, int]] = set()
    for place in sorted(by_place):
        block = by_place[place]
        for x in range(len(block)):
            for y in range(x + 1, len(block)):
                i, j = block[x], block[y]
                if members[i][0] != members[j][0]:
                    pairs.add((i, j))
    return sorted(pairs)
