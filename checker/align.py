"""Decide which claims are about the same thing and may be compared.

Two claims are aligned when the same rule gave them their measure, they count the
same class of thing, and nothing says they are about different events: no two
different places, no two different days or years, no past-event cue on one side
only. Claims in one sentence are never aligned ("the toll rose to 18 from 15").
Across articles, the articles must also share a place and have compatible dates.
Against a reference (a source article and a text derived from it), figures are
matched by measure, or by kind and the words around them: see
:func:`align_reference`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from checker import units
from checker.extract.subjects import PRONOUNS
from checker.figure_context import FigureContext, figure_context, similarity
from checker.model import Article, Claim, Qualifier
from checker.rulepack import ReferencePolicy, RuleSet

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
    if claim.quantity.kind == "currency":
        # Currencies are never converted into each other: "$5,000" and "£5,000" are two
        # amounts, and so are "£300" and "300p" (pence are no pounds to pint).
        return claim.rule, claim.counted_class, "currency", unit
    return claim.rule, claim.counted_class, units.dimension(unit) if unit else None


def comparable(claim: Claim) -> bool:
    """Whether a claim states a level of a measure (not a change, not unmeasured)."""
    return (claim.measure is not None and claim.note is None
            and claim.quantity.qualifier not in (Qualifier.INCREASE, Qualifier.DECREASE))


def same_event(a: Claim, b: Claim) -> bool:
    """Nothing in the two sentences says they report different events, or different people or things."""
    if a.context.places and b.context.places and not set(a.context.places) & set(b.context.places):
        return False
    if not same_subject(a, b):
        return False
    times_a: dict[str, set[str]] = defaultdict(set)
    times_b: dict[str, set[str]] = defaultdict(set)
    for kind, value in a.context.times:
        times_a[kind].add(value)
    for kind, value in b.context.times:
        times_b[kind].add(value)
    rates = a.quantity.kind == "percent" and b.quantity.kind == "percent"
    if not rates:
        times_a.pop("clock", None)
        times_b.pop("clock", None)
    elif ("clock" in times_a) != ("clock" in times_b):
        return False  # "turnout was 45% by 3pm" is a reading on the way to the final "64%"
    for kind in times_a.keys() & times_b.keys():
        if not times_a[kind] & times_b[kind]:
            return False
    return a.context.past_cue == b.context.past_cue


def _same_stem(a: str, b: str) -> bool:
    """ "marchers" and "march", "protesters" and "protester": one word and a word made from it."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and len(short) >= 4 and len(long) - len(short) <= 3


def _several_subjects(claims: list[Claim]) -> bool:
    """Whether the claims name two subjects that cannot be one ("Smith" and "Jones", "the bill" and "the amendment").

    Then a figure whose sentence names no one ("he was jailed for eight years") could be
    either's, and is compared with none.
    """
    named = [c for c in claims if c.subject is not None and c.subject not in PRONOUNS]
    return any(not same_subject(a, b) for k, a in enumerate(named) for b in named[k + 1:])


_TITLES_MALE = frozenset({"mr", "sir", "lord", "king", "prince"})
_TITLES_FEMALE = frozenset({"mrs", "ms", "miss", "dame", "lady", "queen", "princess"})


def _name(subject: str) -> tuple[str | None, str | None, str]:
    """(gender from a title, given name, surname) of a name as claims render it: "Jane Smith", "Mr Smith", "Smith"."""
    words = subject.lower().split()
    gender = "m" if words[0] in _TITLES_MALE else "f" if words[0] in _TITLES_FEMALE else None
    if gender is not None:
        return gender, None, words[-1]
    return None, (words[0] if len(words) > 1 else None), words[-1]


def same_subject(a: Claim, b: Claim) -> bool:
    """Whether two figures may be said of one subject.

    An age is compared only with ages of the same person: the same surname and, when
    both give one, the same given name ("Jane Smith, 45," and "Smith, 46,", but never
    "Jane Smith" and "John Smith"). Other figures are kept apart only when both
    sentences name who or what they are said of and the names differ ("Smith was
    jailed for 12 years", "Jones was jailed for eight"); a figure whose sentence names
    no one may be compared with any.
    """
    if a.quantity.kind == "age" or b.quantity.kind == "age":
        if a.subject is None or b.subject is None:
            return False
    elif a.subject is None or b.subject is None:
        return True
    if a.subject in PRONOUNS or b.subject in PRONOUNS:
        return False  # "he was jailed for five years": not said of any named man, nor of another "he"
    named_a, named_b = a.subject[:1].isupper(), b.subject[:1].isupper()
    if named_a != named_b:
        # "Acme" and "the company" may be one, "Smith" and "his accomplice" are not: precision
        # first, not compared; unless the name is the noun's word ("Marchers", "the march").
        name, noun = (a.subject, b.subject) if named_a else (b.subject, a.subject)
        return " " not in name and _same_stem(name.lower(), noun)
    if not named_a:
        return a.subject == b.subject
    gender_a, given_a, surname_a = _name(a.subject)
    gender_b, given_b, surname_b = _name(b.subject)
    if surname_a != surname_b:
        return False
    if given_a and given_b and given_a != given_b:
        return False
    return not (gender_a and gender_b and gender_a != gender_b)


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


def in_scope(claim: Claim, rules: RuleSet, scope: str) -> bool:
    """Whether the claim's rule compares figures in this scope ("within" or "across") and in the claim's segment."""
    rule = rules.rule_of(claim.rule) if claim.rule else None
    if rule is None:
        return False
    return (rule.within if scope == "within" else rule.across) and claim.role.value in rule.segments


def align_within(claims: tuple[Claim, ...], rules: RuleSet) -> list[Alignment]:
    """Alignments inside one article: same measure, same counted class, same event."""
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    roundup = any(c.counted in rules.lexicon.roundup_nouns and (c.quantity.low or 0) >= 2 for c in claims)
    for claim in claims:
        if comparable(claim) and not roundup and in_scope(claim, rules, "within"):
            groups[_key(claim)].append(claim)
    result = []
    for key in sorted(groups, key=repr):
        members = groups[key]
        named = _several_subjects(members)
        pairs = tuple(
            (i, j) for i in range(len(members)) for j in range(i + 1, len(members))
            if not (members[i].segment_index == members[j].segment_index and members[i].sentence == members[j].sentence)
            and same_event(members[i], members[j])
            and not (named and (members[i].subject is None or members[j].subject is None))
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
                 places: tuple[frozenset[str], ...], rules: RuleSet) -> list[Alignment]:
    """Alignments between articles about the same event."""
    groups: dict[tuple, list[tuple[int, Claim]]] = defaultdict(list)
    for n, article_claims in enumerate(claims):
        for claim in article_claims:
            if comparable(claim) and in_scope(claim, rules, "across"):
                groups[_key(claim)].append((n, claim))
    # An age's sentence names where its person lives ("Smith, 45, of Leeds"): not where the
    # news happened, so it is no place of the article, except for comparing ages.
    with_ages = tuple(p | frozenset(x for c in cs if c.measure is not None and c.quantity.kind == "age"
                                    for x in c.context.places) for p, cs in zip(places, claims))
    result = []
    for key in sorted(groups, key=repr):
        members = groups[key]
        named = _several_subjects([c for _, c in members])
        where = with_ages if members[0][1].quantity.kind == "age" else places
        pairs = tuple(
            (i, j) for i, j in _candidate_pairs(members, where)
            if same_story(articles[members[i][0]], where[members[i][0]], articles[members[j][0]], where[members[j][0]])
            and same_event(members[i][1], members[j][1])
            and not (named and (members[i][1].subject is None or members[j][1].subject is None))
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


# -- reference check ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReferenceMatch:
    """A derived text's figure, the source figures said of the same thing (most alike first), and those that may support it."""

    derived: Claim
    candidates: tuple[Claim, ...]  # counterparts: if none of these agrees, the figure is contradicted
    supporters: tuple[Claim, ...] = ()  # the candidates and weaker look-alikes, which may agree instead
    # How close each supporter's words are to the derived figure's (parallel to ``supporters``):
    # an agreeing figure supports only when it is as close as every disagreeing counterpart.
    closeness: tuple[float, ...] = ()


def figure_kind(claim: Claim) -> tuple:
    """What sort of figure a claim is, for matching: figures of different sorts never speak of one thing."""
    q = claim.quantity
    if q.kind == "currency":
        return "currency", q.unit
    if q.kind in ("percent", "age"):
        return (q.kind,)
    if q.kind == "date":
        return q.kind, claim.counted  # a date's month
    if q.kind == "year":
        return (q.kind,)  # a year's month, if written, is a word of its context (_context_of)
    if q.unit:
        return "quantity", units.dimension(q.unit)
    return ("count",)


def _is_change(claim: Claim) -> bool:
    return claim.quantity.qualifier in (Qualifier.INCREASE, Qualifier.DECREASE)


def _counted_noun(claim: Claim) -> str | None:
    if claim.counted_class:
        return claim.counted_class
    return claim.counted.lower().split()[-1] if claim.counted else None


def _same_measure(derived: Claim, source: Claim) -> bool:
    classes = {derived.counted_class, source.counted_class} - {None}
    return derived.rule == source.rule and len(classes) <= 1 and same_event(derived, source)


def _same_noun(a: str, b: str) -> bool:
    """"girls" and "schoolgirls" count the same thing; "women" and "men" do not."""
    return a == b or len(a) > 3 and len(b) > 3 and (a.endswith(b) or b.endswith(a)) and abs(len(a) - len(b)) > 2


def _context_score(derived: Claim, source: Claim, contexts: dict[int, FigureContext],
                   policy: ReferencePolicy, *, support: bool) -> float | None:
    """How alike the two figures' surroundings are, when they are of one kind, else None.

    Returns the similarity when it reaches the thresholds of a counterpart (or, with
    ``support``, the lower threshold a figure needs to support a derived one).
    """
    if figure_kind(derived) != figure_kind(source):
        return None
    bare = False
    if figure_kind(derived) == ("count",):
        nouns = (_counted_noun(derived), _counted_noun(source))
        if None not in nouns and not _same_noun(*nouns):
            return None  # "40 companies" and "12 countries"
        bare = None in nouns
        if bare and (derived.quantity.vague or source.quantity.vague):
            return None  # "hundreds" and "scores" of what?
    window_score, window_shared = similarity(contexts[id(derived)], contexts[id(source)])
    if support:
        enough = window_score >= policy.support_min_similarity and window_shared >= policy.min_shared_words
        return window_score if enough else None
    least_score = policy.bare_min_similarity if bare else policy.min_similarity
    least_shared = policy.bare_min_shared_words if bare else policy.min_shared_words
    if window_score >= least_score and window_shared >= least_shared:
        return window_score
    # A summary compresses a sentence: the figure's neighbours move, the sentence's words stay.
    sentence_score, sentence_shared = similarity(contexts[("sentence", id(derived))],
                                                 contexts[("sentence", id(source))])
    if sentence_score >= policy.sentence_min_similarity and sentence_shared >= policy.sentence_min_shared_words:
        return sentence_score
    return None


def align_reference(derived: Article, derived_claims: tuple[Claim, ...], source: Article,
                    source_claims: tuple[Claim, ...], policy: ReferencePolicy) -> list[ReferenceMatch]:
    """For every figure of ``derived``, the figures of ``source`` that speak of the same thing.

    The user says the two texts report one event, so nothing is blocked by place
    or date. Counterparts are the source figures measured by the same rule (and
    counting the same class), or, when no two rules differ, of the same kind with
    similar words around them. Supporters are the counterparts and, for a figure
    no rule measures, the source figures of its kind with weaker but real likeness:
    a figure agreeing with one of them is not contradicted if its words are as
    close to the derived figure's as those of every disagreeing counterpart
    (each supporter's closeness is kept for that; see
    :func:`checker.compare.compare_reference`). Thresholds are in
    rules/reference.toml.
    """
    contexts: dict = {}
    for article, claims in ((derived, derived_claims), (source, source_claims)):
        for c in claims:
            contexts[id(c)] = _context_of(c, article, policy)
            contexts[("sentence", id(c))] = _context_of(c, article, policy, whole_sentence=True)
    matches = []
    for d in derived_claims:
        scored: list[tuple[float, Claim]] = []
        weaker: list[Claim] = []
        for s in source_claims:
            if _is_change(d) != _is_change(s):
                continue
            if d.rule is not None and s.rule is not None:
                if _same_measure(d, s):
                    scored.append((100.0, s))
                continue
            score = _context_score(d, s, contexts, policy, support=False)
            if score is not None:
                scored.append((score, s))
            elif d.rule is None and _context_score(d, s, contexts, policy, support=True) is not None:
                weaker.append(s)
        scored.sort(key=lambda sc: (-sc[0], sc[1].segment_index, sc[1].start))
        counterparts = tuple(s for _, s in scored)
        supporters = counterparts + tuple(weaker)
        closeness = tuple(_closeness(d, s, contexts) for s in supporters)
        matches.append(ReferenceMatch(d, counterparts, supporters, closeness))
    return matches


def _closeness(derived: Claim, source: Claim, contexts: dict) -> float:
    """How specifically a source figure speaks of the derived one's thing, to weigh support against contradiction.

    Two figures one rule measures are as close as can be; otherwise the
    similarity of the words next to each figure (not of the whole sentences: a
    sentence holds several figures, and its words do not say which one is meant).
    """
    if derived.rule is not None and derived.rule == source.rule:
        return 100.0
    return similarity(contexts[id(derived)], contexts[id(source)])[0]


def _context_of(claim: Claim, article: Article, policy: ReferencePolicy, *, whole_sentence: bool = False) -> FigureContext:
    s, e = claim.sentence
    sentence = article.segments[claim.segment_index].text[s:e]
    window = len(sentence) if whole_sentence else policy.window
    context = figure_context(sentence, claim.start - s, claim.end - s, window, policy.stop_words)
    if claim.quantity.kind == "year" and claim.counted:
        # "in August 2021": the month is inside the figure's span, but it is a word about the figure.
        context = FigureContext((*context.before, claim.counted), context.after)
    return context
