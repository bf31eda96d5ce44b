"""Compare aligned claims as intervals and report the conflicts as discrepancies."""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, replace

from checker import units
from checker.align import Alignment, ReferenceMatch
from checker.extract.numbers import interval_text
from checker.model import Article, Claim, Discrepancy, Evidence, Mention, Qualifier, Quantity, Role, Severity
from checker.rulepack import ReferencePolicy, Rule, RuleSet, Tolerance

INF = math.inf


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed or half-open interval of values in one unit."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def disjoint(self, other: Interval) -> bool:
        """No value lies in both."""
        return _before(self, other) or _before(other, self)


def _before(a: Interval, b: Interval) -> bool:
    return a.high < b.low or (a.high == b.low and (a.high_open or b.low_open))


def interval_of(claim: Claim, rule: Rule, unit: str | None, cross_unit: bool) -> Interval:
    """The values a claim allows, in ``unit``, widened by the rule's tolerance and by rounding."""
    return tolerant_interval(claim.quantity, rule.tolerance, unit, cross_unit)


def tolerant_interval(q: Quantity, tol: Tolerance, unit: str | None, cross_unit: bool) -> Interval:
    """The values a quantity allows, in ``unit``, widened by ``tol`` and by the rounding of its digits."""
    low = q.low if q.low is not None else -INF
    high = q.high if q.high is not None else INF
    low_open, high_open = q.low_open, q.high_open
    if q.qualifier == Qualifier.APPROX:
        # "about 40", "~25-40": the written span, widened by the rule's share at each end.
        low_value = q.low if q.low is not None else q.value
        high_value = q.high if q.high is not None else q.value
        low = low_value - abs(low_value) * tol.approx
        high = high_value if high_open else high_value + abs(high_value) * tol.approx
    slack = max(tol.absolute, tol.relative * abs(q.value), q.precision)
    if cross_unit and not q.precision:
        slack = max(slack, 0.5)  # "5 km" was rounded to the kilometre when converted
    if q.precision and slack == q.precision and not high_open and q.qualifier == Qualifier.EXACT:
        # Rounding half up: "£2m" is at least £1.5m and under £2.5m, so "£2m" and "£3m" disagree.
        high_open = True
    low, high = low - slack, high + slack
    if q.unit and unit and q.unit != unit:
        f = units.factor(q.unit, unit) or 1.0
        low, high = low * f, high * f
    # Counts are whole: "more than 20" is 21 or more.
    if q.unit is None and low_open and not math.isinf(low) and float(low).is_integer():
        low, low_open = low + 1, False
    return Interval(low, high, low_open, high_open)


def _conflict(a: Claim, b: Claim, rule: Rule) -> bool:
    unit = a.quantity.unit
    cross = a.quantity.unit != b.quantity.unit
    return interval_of(a, rule, unit, cross).disjoint(interval_of(b, rule, unit, cross))


def _components(n: int, edges: list[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i, j in edges:
        for k in (i, j):
            groups.setdefault(find(k), [])
            if k not in groups[find(k)]:
                groups[find(k)].append(k)
    return [sorted(g) for g in groups.values()]


def compare(alignments: list[Alignment], articles: dict[str, Article], rules: RuleSet) -> list[Discrepancy]:
    """Discrepancies among aligned claims, one for each set of mutually conflicting claims."""
    found: list[Discrepancy] = []
    for alignment in alignments:
        rule = rules.by_code(alignment.rule)
        if rule.kind == "part-whole":
            found += _part_whole(alignment, rule, articles)
            continue
        edges = [(i, j) for i, j in alignment.pairs if _conflict(alignment.claims[i], alignment.claims[j], rule)]
        for component in _components(len(alignment.claims), edges):
            members = [alignment.claims[k] for k in component]
            # Add claims that agree with a side, so the evidence shows every mention.
            for i, j in alignment.pairs:
                for a, b in ((i, j), (j, i)):
                    if a in component and b not in component and alignment.claims[b] not in members \
                            and not _conflict(alignment.claims[a], alignment.claims[b], rule):
                        members.append(alignment.claims[b])
            named = articles if alignment.scope == "across" else None
            found.append(_discrepancy(rule, alignment.scope, members, articles, _numeric_message(rule, members, named)))
    return found


def _part_whole(alignment: Alignment, rule: Rule, articles: dict[str, Article]) -> list[Discrepancy]:
    whole, parts = alignment.claims[0], list(alignment.claims[1:])
    if whole.quantity.unit is not None or whole.quantity.high is None:
        return []
    high = whole.quantity.high
    over = [p for p in parts if p.quantity.low is not None and p.quantity.low > high]
    if over:
        msg = (f"{_quote(over[0])} is part of {_quote(whole)} but larger than it "
               f"({interval_text(over[0].quantity.low, over[0].quantity.high)} > {interval_text(whole.quantity.low, high)})")
        return [_discrepancy(rule, "within", [whole, over[0]], articles, msg)]
    total = sum(p.quantity.low or 0 for p in parts)
    if len(parts) > 1 and total > high:
        listed = " + ".join(_quote(p) for p in parts)
        msg = f"the parts {listed} add up to {interval_text(total, total)}, more than the whole {_quote(whole)}"
        return [_discrepancy(rule, "within", [whole, *parts], articles, msg)]
    return []


def _quote(claim: Claim) -> str:
    noun = f" {claim.counted}" if claim.counted and claim.counted not in claim.text.lower() else ""
    return f"“{claim.text}{noun}”"


def _numeric_message(rule: Rule, members: list[Claim], articles: dict[str, Article] | None) -> str:
    """"killed: 15 in the caption, 18 in the headline and body"."""
    sides: dict[str, list[Claim]] = {}
    for claim in members:
        q = claim.quantity
        # An exact count prints as its value ("four" and "4" are one side); the rest as written.
        label = interval_text(q.low, q.high) if q.qualifier == Qualifier.EXACT and not q.unit else claim.text
        sides.setdefault(label, []).append(claim)
    parts = []
    for label, claims in sorted(sides.items(), key=lambda kv: _order(kv[1])):
        where = _where(claims, articles)
        parts.append(f"{label} {where}")
    counted = next((c.counted_class for c in members if c.counted_class), None)
    what = f"{rule.measure} ({counted})" if counted and counted != rule.measure else rule.measure
    return f"{what}: " + " vs ".join(parts)


def _order(claims: list[Claim]) -> tuple:
    return min((_ROLE_ORDER[c.role], c.article_id, c.segment_index, c.start) for c in claims)


_ROLE_ORDER = {Role.HEADLINE: 0, Role.CAPTION: 1, Role.BODY: 2}


def _where(claims: list[Claim], articles: dict[str, Article] | None = None) -> str:
    """"in the headline and body", or across articles "in the body of wire-1 (Example Wire)"."""
    roles = sorted({c.role for c in claims}, key=lambda r: _ROLE_ORDER[r])
    names = [r.value for r in roles]
    text = f"in the {_join(names)}"
    if articles is not None:
        ids = sorted({c.article_id for c in claims})
        labels = [f"{i} ({articles[i].source})" if articles[i].source else i for i in ids]
        text += f" of {_join(labels)}"
    return text


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _severity(rule: Rule, scope: str, members: list[Claim]) -> Severity:
    if scope == "across":
        return rule.severity_across
    if all(c.role == Role.BODY for c in members):
        return rule.severity_body
    return rule.severity


def normalised_text(text: str) -> str:
    """A claim's text as fingerprints compare it: lower case, runs of whitespace as one space."""
    return re.sub(r"\s+", " ", text.strip().lower())


def fingerprint(rule: str, scope: str, claims: list[Claim] | list[Mention]) -> str:
    """A hash of what the finding is about, not where: stable when unrelated text moves."""
    keys = sorted(f"{c.article_id}|{c.role.value}|{normalised_text(c.text)}|{value_key(c)}" for c in claims)
    return hashlib.sha256("\n".join([rule, scope, *keys]).encode("utf-8")).hexdigest()[:20]


def value_key(c: Claim | Mention) -> str:
    """A claim's interval as fingerprints compare it; names and places have none."""
    return f"{c.quantity.low}|{c.quantity.high}" if isinstance(c, Claim) else "mention"


def evidence_for(claim: Claim | Mention, article: Article) -> Evidence:
    """Locate a claim in its input for reporting: every occurrence of its segment."""
    seg = article.segments[claim.segment_index]
    locations = tuple(article.locate(m.to_input(claim.start)) for m in seg.occurrences)
    s, e = claim.sentence
    return Evidence(claim=claim, path=article.path, article_id=article.id, locations=locations,
                    sentence_text=seg.text[s:e], claim_start_in_sentence=claim.start - s, source=article.source)


def render_message(rule: Rule, details: str) -> str:
    """The rule's message template (``message`` in its pack) filled in for one finding."""
    return rule.message.format(details=details, measure=rule.measure, code=rule.code, name=rule.name,
                               summary=rule.summary)


def _discrepancy(rule: Rule, scope: str, members: list[Claim], articles: dict[str, Article], details: str) -> Discrepancy:
    message = render_message(rule, details)
    members = sorted(set(members), key=lambda c: (c.article_id, c.segment_index, c.start))
    evidence = tuple(evidence_for(c, articles[c.article_id]) for c in members)
    return Discrepancy(
        rule=rule.code, rule_name=rule.name, kind="age" if rule.figure == "age" else "numeric", measure=rule.measure,
        severity=_severity(rule, scope, members), scope=scope, message=message, evidence=evidence,
        fingerprint=fingerprint(rule.code, scope, members),
    )


# -- reference check ---------------------------------------------------------------

REFERENCE_SCOPE = "reference"
_BOUNDS = (Qualifier.AT_LEAST, Qualifier.MORE_THAN, Qualifier.AT_MOST, Qualifier.LESS_THAN)
_MAX_SOURCE_EVIDENCE = 4  # the most alike source figures shown; more would bury the finding
def supports(source: Claim, derived: Claim, tol: Tolerance) -> bool:
    """Whether a source figure agrees with a derived one about the same thing.

    Intervals that overlap agree ("at least 10" and "12"), as within an article.
    Two figures with the same hedge state the same bound, so the bounds must
    agree: "at least three" does not restate "at least two".
    """
    a, b = derived.quantity, source.quantity
    if a.qualifier == b.qualifier and a.qualifier in _BOUNDS:
        a = replace(a, low=a.value, high=a.value, low_open=False, high_open=False, qualifier=Qualifier.EXACT)
        b = replace(b, low=b.value, high=b.value, low_open=False, high_open=False, qualifier=Qualifier.EXACT)
    unit = a.unit
    cross = a.unit != b.unit
    return not tolerant_interval(a, tol, unit, cross).disjoint(tolerant_interval(b, tol, unit, cross))


def compare_reference(matches: list[ReferenceMatch], articles: dict[str, Article],
                      policy: ReferencePolicy) -> list[Discrepancy]:
    """A discrepancy for every derived figure that a counterpart in the source contradicts and
    no source figure as close to it supports (:func:`_contradicting`).

    A figure with no counterpart is not reported: the source may just not say.
    """
    found = []
    for match in matches:
        against = _contradicting(match, policy.tolerance, policy.support_tie)
        if against:
            found.append(_reference_discrepancy(policy, match.derived, against, articles))
    return found


def _contradicting(match: ReferenceMatch, tol: Tolerance, tie: float) -> list[Claim]:
    """The counterparts that contradict the derived figure, nearest first, or none when it is supported.

    Support must be at least as specific as the contradiction: an agreeing source
    figure supports only when it is as close to the derived figure as the nearest
    disagreeing counterpart ("as close" allows ``tie`` points, ``support_tie`` in the pack). So "more
    than a billion dollars" in a loosely related sentence does not support "$1.5
    billion" when the sentence the summary restates says "$1.8 billion". The
    evidence is the disagreeing counterparts within ``tie`` of the nearest.
    """
    closeness = dict(zip(map(id, match.supporters), match.closeness))
    against = [c for c in match.candidates if not supports(c, match.derived, tol)]
    if not match.candidates or not against:
        return []
    nearest = max(closeness.get(id(c), 0.0) for c in against)
    if any(supports(s, match.derived, tol) and closeness.get(id(s), 0.0) >= nearest - tie
           for s in match.supporters):
        return []
    shown = [c for c in against if closeness.get(id(c), 0.0) >= nearest - tie]
    shown.sort(key=lambda c: (-closeness.get(id(c), 0.0), c.segment_index, c.start))
    return shown[:_MAX_SOURCE_EVIDENCE]


def _reference_discrepancy(policy: ReferencePolicy, derived: Claim, sources: list[Claim],
                           articles: dict[str, Article]) -> Discrepancy:
    rule = policy.contradiction
    said: list[str] = []
    for claim in sources:
        if _said(claim) not in said:
            said.append(_said(claim))
    message = f"the text says {_said(derived)}; the source says {' or '.join(said)}"
    ordered = [derived, *sorted(sources, key=lambda c: (c.segment_index, c.start))]
    evidence = tuple(evidence_for(c, articles[c.article_id]) for c in ordered)
    return Discrepancy(
        rule=rule.code, rule_name=rule.name, kind="numeric", measure=derived.measure or _measure_of(derived),
        severity=rule.severity, scope=REFERENCE_SCOPE, message=message, evidence=evidence,
        fingerprint=fingerprint(rule.code, REFERENCE_SCOPE, ordered),
    )


def _said(claim: Claim) -> str:
    """How a figure was written, with its counted noun: "“32 years”", "“three Romanian women”"."""
    noun = claim.counted if claim.counted and claim.quantity.kind not in ("date", "year") else None
    tail = f" {noun}" if noun and noun.lower() not in claim.text.lower() else ""
    return f"“{claim.text}{tail}”"


def _measure_of(claim: Claim) -> str:
    """What an unmeasured figure is, for the ``measure`` field: its unit, counted noun or kind."""
    q = claim.quantity
    if q.kind in ("year", "date", "percent", "age"):
        return q.kind
    return q.unit or claim.counted_class or (claim.counted.lower() if claim.counted else q.kind)
