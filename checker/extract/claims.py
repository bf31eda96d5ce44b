"""Turn the numbers of an article into claims: what each measures, of what, where, when, on whose word.

A number gets a measure only from a trigger the rule packs list ("killed",
"shot down") that it is linked to: next to it, or separated only by linking
words, hedges and other numbers of the same list ("fired 600 drones, two
Kinzhal and nine Iskander-M missiles"). Numbers without such a link are kept
for ``claimcheck extract`` but never compared.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from checker import units
from checker.extract.nouns import singular
from checker.extract.numbers import (AGE, COUNT, CURRENCY, DATE, PERCENT, QUANTITY, QUANTITY_KINDS, SMALL, TIME, YEAR,
                                     NumberMatch, find_numbers, read_number_words)
from checker.model import Article, Claim, Context, Quantity, Role, Segment
from checker.rulepack import Rule, RuleSet

_TOKEN = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)*(?:-[A-Za-z0-9]+)*|\d+(?:[.,]\d+)*|[^\w\s]")
_FUNCTION_WORDS = frozenset(
    "in on at for from with by to into across after before during near over under since as than per and or but "
    "who which that while when where including said says the a an this these those its their his her "
    "last next ago earlier".split()
)
_LOCATIVE = frozenset("in on at near outside inside across around throughout into towards toward over".split())
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*")
_POSSESSIVE = re.compile(r"['’]s$")
_ATTRIBUTION_END = re.compile(r"[,.;:!?]|\s+(?:said|says|on|in|that)\b")
_MAX_LINK_GAP = 5  # linking words allowed between a number and its trigger
_MAX_SCAN = 24
_CROSSING_COST = 2


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    low: str


@dataclass(slots=True)
class _Number:
    match: NumberMatch
    first: int  # token index range of the number
    last: int
    noun_first: int  # token range of the counted noun phrase
    noun_last: int
    counted: str | None = None
    rule: Rule | None = None
    part_of: int | None = None  # index into the sentence's numbers
    trigger: _Found | None = None  # the trigger phrase that gave the rule


BOTH, BEFORE, AFTER = "both", "before", "after"  # where a trigger may stand relative to its number


@dataclass(frozen=True, slots=True)
class _Triggers:
    by_first: dict[str, tuple[tuple[tuple[str, ...], Rule, str], ...]]
    words: frozenset[str]


@lru_cache(maxsize=8)
def _triggers(rules: RuleSet) -> _Triggers:
    table: dict[str, list[tuple[tuple[str, ...], Rule, str]]] = {}
    words: set[str] = set()
    for rule in rules.rules:
        for phrases, side in ((rule.triggers, BOTH), (rule.triggers_before, BEFORE), (rule.triggers_after, AFTER)):
            for phrase in phrases:
                toks = tuple(phrase.split())
                table.setdefault(toks[0], []).append((toks, rule, side))
                words.update(toks)
    return _Triggers({k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in table.items()}, frozenset(words))


@dataclass(frozen=True, slots=True)
class _Phrases:
    relative: re.Pattern[str]
    past: re.Pattern[str]
    subset: re.Pattern[str]
    inclusive: re.Pattern[str]
    dead_included: re.Pattern[str]
    hypothetical: re.Pattern[str]


def _phrase_regex(phrases) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True)) or "(?!)"
    return re.compile(rf"\b(?:{alternatives})\b")


@lru_cache(maxsize=8)
def _phrase_patterns(rules: RuleSet) -> _Phrases:
    lex = rules.lexicon
    return _Phrases(_phrase_regex(lex.relative_times), _phrase_regex(lex.past_cues), _phrase_regex(lex.subset_cues),
                    _phrase_regex(lex.inclusive_cues), _phrase_regex(lex.dead_included_cues),
                    _phrase_regex(lex.hypothetical_cues))


@dataclass(frozen=True, slots=True)
class _WordSets:
    skippable: frozenset[str]  # may stand between a number and its trigger
    phrase_stops: frozenset[str]  # end a counted-noun phrase


@lru_cache(maxsize=8)
def _word_sets(rules: RuleSet) -> _WordSets:
    """Word sets fixed for a rule set, built once rather than per sentence."""
    hedges = frozenset(w for phrase in rules.lexicon.qualifiers for w in phrase.split())
    return _WordSets(rules.lexicon.linking | hedges, _FUNCTION_WORDS | rules.lexicon.linking)


def _tokens(text: str) -> list[_Token]:
    low = text.lower()
    tokens = []
    append = tokens.append
    for m in _TOKEN.finditer(text):  # a plain loop: this runs for every sentence with a figure
        s, e = m.span()
        append(_Token(s, e, m.group(), low[s:e]))
    return tokens


def _token_range(ends: list[int], starts: list[int], start: int, end: int) -> tuple[int, int]:
    """Token indexes [first, last) covering the characters [start, end)."""
    return bisect.bisect_right(ends, start), bisect.bisect_left(starts, end)


def extract(article: Article, rules: RuleSet) -> tuple[Claim, ...]:
    """Every quantity claim in an article, in reading order."""
    claims: list[Claim] = []
    body_capitals = _body_capitals(article)
    names = _Names(article, rules, body_capitals)
    for seg in article.segments:
        for sentence in seg.sentences:
            claims += _sentence_claims(article, seg, sentence, rules, body_capitals, len(claims), names)
    return tuple(claims)


def _body_capitals(article: Article) -> frozenset[str]:
    """Words written capitalised mid-sentence in the body: proper nouns, not title case."""
    seen: set[str] = set()
    for seg in article.segments:
        if seg.role == Role.BODY:
            for m in re.finditer(r"(?<=[a-z,;] )[A-Z][\w'’-]*", seg.text):
                seen.add(_POSSESSIVE.sub("", m.group()).lower())
    return frozenset(seen)


def _sentence_claims(article: Article, seg: Segment, span: tuple[int, int], rules: RuleSet,
                     body_capitals: frozenset[str], first_index: int, names: _Names | None = None) -> list[Claim]:
    s_start, s_end = span
    text = seg.text[s_start:s_end]
    title_case = seg.role == Role.HEADLINE
    matches = [m for m in find_numbers(text, rules.lexicon, title_case=title_case)]
    matches = _word_durations(text, matches, rules)
    if not matches:
        return []
    tokens = _tokens(text)
    ends = [t.end for t in tokens]
    starts = [t.start for t in tokens]
    lex = rules.lexicon
    numbers: list[_Number] = []
    years: list[str] = []
    dates: list[str] = []
    clocks: list[str] = []
    for m in matches:
        if m.kind == YEAR:
            years.append(text[m.core_start:m.core_end][:4])
        elif m.kind == DATE:
            dates.append(re.sub(r"\s+", " ", text[m.start:m.end].lower()))
        elif m.kind == TIME:
            clocks.append(re.sub(r"[\s.]+", "", text[m.start:m.end].lower()))
        if m.kind not in QUANTITY_KINDS:
            continue
        first, last = _token_range(ends, starts, m.start, m.end)
        numbers.append(_Number(m, first, last, last, last))
    if not numbers:
        return []
    trig = _triggers(rules)
    found_triggers = [f for f in _find_triggers(tokens, trig) if not _names_another_noun(f, tokens, rules)]
    # Only a trigger that matched ends a counted-noun phrase: "homes" ends
    # "500 forced from their homes" but not "435 homes".
    trigger_tokens = frozenset(i for f in found_triggers for i in range(f.start, f.end))
    for num in numbers:
        _read_counted(num, tokens, lex.counted, rules, trigger_tokens)
    _fill_elided_units(numbers, tokens, text)
    taken = _number_tokens(numbers)
    _attach_all(numbers, tokens, found_triggers, taken, _word_sets(rules).skippable, lex.part_of)
    _link_parts(numbers, tokens, lex.part_of)
    phrases = _phrase_patterns(rules)
    low_text = text.lower()
    subset_at = [m.start() for m in phrases.subset.finditer(low_text)]
    hypothetical_at = [m.start() for m in phrases.hypothetical.finditer(low_text)]
    # "seven died, including the gunman": the cue widens the count just before it.
    inclusive_numbers = {max((k for k, n in enumerate(numbers) if n.match.end <= m.start()), default=None)
                         for m in phrases.inclusive.finditer(low_text)}
    # "six wounded, two mortally": the cue follows a part; the figure before the part counts the dead too.
    parts_before = [max((k for k, n in enumerate(numbers) if n.match.end <= m.start()), default=None)
                    for m in phrases.dead_included.finditer(low_text)]
    dead_included = {k - 1 for k in parts_before if k}
    context = None
    claims = []
    names = names or _Names(None, None, body_capitals)
    who = _Who(tokens, numbers, _number_tokens(numbers), names, title_case, lex, trig.words, found_triggers,
               _word_sets(rules).skippable)
    compound = _compound_durations(numbers, tokens)
    for k, num in enumerate(numbers):
        rule = num.rule
        subject = None
        if num.match.kind == AGE:
            # An age is measured only when it is said of a named person ("Smith, 45,").
            rule, subject = None, None
            age_rule = _age_rule(rules, num, tokens)
            if age_rule is not None:
                subject = who.person_of_age(k)
                rule = age_rule if subject is not None else None
        if rule is not None and not _kind_fits(rule, num.match):
            rule = None
        if context is None and rule is not None:
            context = _context(text, tokens, rules, years, dates, title_case, body_capitals, trig.words, clocks)
        m = num.match
        counted_class = None
        note = None
        if rule is not None:
            counted_class = _counted_class(num.counted, lex.counted) or rule.default_counted
            if rule.counted_classes and counted_class not in rule.counted_classes:
                rule, counted_class = None, None  # "fired 212 rounds" is not a missile count
        if rule is not None and m.kind == AGE:
            counted_class = subject.split()[-1]  # ages are grouped by surname: "age (Smith): 45 vs 46"
        if rule is not None and m.kind != AGE:
            subject = who.subject_of(k)
            if m.kind != COUNT:
                # "core inflation", "the maximum fine": a noun trigger's modifier names a
                # narrower measure, compared only with figures of the same modifier.
                modifier = who.modifier_of(k)
                if modifier is not None:
                    counted_class = modifier
        elif rule is None:
            subject = None
        if rule is not None:
            if k in inclusive_numbers and counted_class:
                counted_class += " (perpetrator counted)"
            if k in dead_included and counted_class:
                counted_class += " (dead included)"
            # "killed 12 people and injured 40 others": the others are everyone not
            # killed, so 40 is the injured total.
            others_total = any(o.rule is not None and o.rule is not rule for o in numbers[:k])
            if m.kind == COUNT:
                note = _note(num, tokens, lex.reference_words, _in_clause(text, m, subset_at), lex.counted, others_total)
            elif m.kind != AGE and _in_clause(text, m, subset_at):
                note = "subset"  # "fined £300 each"
            if others_total and counted_class == "others":
                counted_class = rule.default_counted or counted_class
            if note is None and m.kind != AGE and _in_clause(text, m, hypothetical_at):
                note = "hypothetical"  # "planned to kill hundreds"
            if note is None and m.kind not in (COUNT, AGE) and num.first > 0 and tokens[num.first - 1].low == "by":
                note = "change"  # "raised interest rates by 0.25%": how much the rate moved, not its level
            if note is None and k in compound:
                note = "compound"  # "12 years and six months": one duration written in two figures
            if note is None and m.kind in (CURRENCY, QUANTITY) and _PER_CHARGE.search(text):
                # "sentenced to 20 years on the murder charge", "for the tampering charge, a
                # $5,000 fine": one of several penalties, not the whole of one.
                note = "subset"
        quantity = Quantity(
            value=m.value, low=m.low, high=m.high, qualifier=m.qualifier, low_open=m.low_open,
            high_open=m.high_open, unit=m.unit or m.currency, precision=m.precision, vague=m.vague, kind=m.kind,
        )
        claims.append(Claim(
            article_id=article.id, segment_index=seg.index, role=seg.role, start=s_start + m.start,
            end=s_start + m.end, text=seg.text[s_start + m.start:s_start + m.end], quantity=quantity,
            sentence=span, measure=rule.measure if rule else None, rule=rule.code if rule else None,
            counted=num.counted, counted_class=counted_class, context=context or Context(),
            part_of=None, index=first_index + len(claims), note=note, subject=subject,
        ))
    # Part-of links point at article-level claim indexes.
    for i, num in enumerate(numbers):
        if num.part_of is not None:
            claims[i] = replace(claims[i], part_of=first_index + num.part_of)
    return claims


_PER_CHARGE = re.compile(
    r"\b(?:for|on|of) (?:the|each|one|a|that|this|his|her) (?:[\w-]+ ){0,6}?(?:charge|count|offen[cs]e|conviction)s?\b"
    r"|\bfor the crime of\b|\bconcurrent(?:ly)?\b|\bconsecutive(?:ly)?\b|\bper (?:charge|count)\b", re.IGNORECASE)
_WORD_DURATION = re.compile(
    rf"(?<![\w-])(?P<n>(?:{'|'.join(sorted(SMALL, key=len, reverse=True))})(?:-(?:{'|'.join(sorted(SMALL, key=len, reverse=True))}))?)"
    r"-(?P<u>second|minute|hour|day|week|month|year)(?![\w-])\s+", re.IGNORECASE)


@lru_cache(maxsize=8)
def _duration_nouns(rules: RuleSet) -> re.Pattern[str] | None:
    """The trigger words a duration may stand before: "ceasefire", "prison sentence"."""
    words = {p for r in rules.rules if r.figure == "quantity" and r.dimension == units.canonical_dimension("[time]")
             for p in (*r.triggers, *r.triggers_after) if "..." not in p}
    if not words:
        return None
    return re.compile(r"(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b",
                      re.IGNORECASE)


def _word_durations(text: str, matches: list[NumberMatch], rules: RuleSet) -> list[NumberMatch]:
    """ "a three-day ceasefire", "a two-year sentence": a duration in words, read before a duration rule's noun.

    The number grammar reads "a five-year grant" as no figure (a modifier of the grant);
    before a noun a duration rule measures, the same words are the figure it measures.
    """
    nouns = _duration_nouns(rules)
    if nouns is None or "-" not in text:
        return matches
    low = text.lower()
    if not any(unit in low for unit in ("-year", "-day", "-month", "-week", "-hour", "-minute", "-second")):
        return matches
    added = []
    for m in _WORD_DURATION.finditer(text):
        if not nouns.match(text, m.end()) or any(x.start < m.end() and m.start() < x.end for x in matches):
            continue
        value, used = read_number_words(m.group("n").replace("-", " "))
        unit = rules.lexicon.units.get(m.group("u").lower())
        if value is None or unit is None or used != len(m.group("n")):
            continue
        end = m.end() - len(m.group()) + len(m.group().rstrip())
        added.append(NumberMatch(m.start(), end, m.start(), end, float(value), float(value), float(value),
                                 unit=unit, kind=QUANTITY))
    return sorted([*matches, *added], key=lambda x: x.start) if added else matches


_DATED_EVENT = re.compile(r"\b(?:in|during|after|since) (?:a|an|the|last) ([a-z]+\.?) (?:\d+ )?"
                          r"(?:shooting|attack|incident|strike|blast|bombing|crash|fire|storm|quake|earthquake|raid)")
_CLAUSE_BREAK = re.compile(r"[,;:()–—]")


def _in_clause(text: str, m: NumberMatch, positions: list[int]) -> bool:
    """Whether any position lies in the comma-delimited clause holding the number."""
    if not positions:
        return False
    left = max((b.end() for b in _CLAUSE_BREAK.finditer(text, 0, m.start)), default=0)
    nxt = _CLAUSE_BREAK.search(text, m.end)
    right = nxt.start() if nxt else len(text)
    return any(left <= p < right for p in positions)


_PARTITIVE_HEADS = frozenset({"the", "them", "whom", "those", "these", "their", "which", "his", "her", "its", "our",
                              "my", "your", "us"})


def _note(num: _Number, tokens: list[_Token], reference_words: frozenset[str], subset: bool,
          counted: dict[str, str], others_total: bool) -> str | None:
    """Why a figure is not a total: a part of a group, a reference back to one, or a subset."""
    after = num.last
    if after + 1 < len(tokens) and tokens[after].low == "of" and (
            tokens[after + 1].low in _PARTITIVE_HEADS or tokens[after + 1].text[:1].isdigit()
            or tokens[after + 1].low in SMALL):
        return "partitive"  # "one of the dead", "two of them", "one of three people"
    if num.counted is not None and counted.get(num.counted) == "others" and not others_total:
        # "Vikings player, 8 others hurt": the rest of a group whose size is not given.
        return "others"
    before = num.first - 1
    if before >= 0 and tokens[before].low in reference_words and num.match.qualifier.value == "exact":
        return "reference"  # "the four wounded were taken to hospital"
    if subset:
        return "subset"  # "two died at the scene"
    return None


def _kind_fits(rule: Rule, m: NumberMatch) -> bool:
    """Whether a number is the kind of figure the rule measures (``figure`` in its pack)."""
    if rule.figure == "count":
        # People and objects come whole: "19.3 deaths per 100,000" is a rate.
        return m.kind == COUNT and (float(m.value).is_integer() or m.scale > 1)
    if rule.figure == "quantity":
        return m.kind == QUANTITY and m.unit is not None and units.dimension(m.unit) == rule.dimension
    return m.kind == _FIGURE_KINDS[rule.figure]


_FIGURE_KINDS = {"money": CURRENCY, "percent": PERCENT, "age": AGE}


def _read_counted(num: _Number, tokens: list[_Token], counted: dict[str, str], rules: RuleSet,
                  trigger_tokens: frozenset[int]) -> None:
    """The counted noun after a number: "18 people", "26 of the missiles", "nine Iskander-M missiles"."""
    i = num.last
    if i < len(tokens) and tokens[i].low == "of" and num.match.kind == COUNT:
        i += 1
        if i < len(tokens) and tokens[i].low in ("the", "them", "these", "those", "their"):
            i += 1
    if i < len(tokens) and tokens[i].low == "more" and num.match.kind == COUNT:
        i += 1  # "five more people": more of the same noun
    words: list[int] = []
    stop = _word_sets(rules).phrase_stops
    while i < len(tokens) and len(words) < 5:
        tok = tokens[i]
        plural_ahead = not any(_is_plural_noun(tokens[w].low, counted) for w in words) and _plural_ahead(
            tokens, i + 1, counted, stop, trigger_tokens)
        # Before the plural noun it counts, a modifier may hold a model number or a
        # coordination: "two new 737 Max jets", "460 Kia and Hyundai vehicles".
        if plural_ahead and (tok.text.isdigit() or (tok.low in ("and", "or") and words)):
            i += 1
            continue
        if not tok.text[:1].isalpha() or tok.low in stop or i in trigger_tokens:
            break
        # "18 dying", "three injured", "a document labeled X": a verb ends the phrase;
        # before a plural noun the same word is an adjective ("400 charging stations",
        # "20 newly built plants").
        if tok.low.endswith(("ed", "ing", "ly")) and tok.low not in counted and not (
                (not tok.low.endswith("ly") or not words) and plural_ahead):
            break
        words.append(i)
        i += 1
    if not words or num.match.kind != COUNT:
        return
    # Prefer a known noun, two words ("cruise missiles") before one.
    for j in range(len(words) - 1, -1, -1):
        two = f"{tokens[words[j - 1]].low} {tokens[words[j]].low}" if j > 0 else None
        if two and two in counted:
            num.counted, num.noun_last = two, words[j] + 1
            break
        if tokens[words[j]].low in counted:
            num.counted, num.noun_last = tokens[words[j]].low, words[j] + 1
            break
    else:
        # No known noun: the first plural ("25 engines fought" counts engines),
        # else the last word if it is a word at all ("Model S" counts nothing).
        plural = next((w for w in words if len(tokens[w].low) > 3 and singular(tokens[w].low) != tokens[w].low), None)
        first = tokens[words[0]]
        if (plural is None and len(words) > 1 and num.match.value != 1 and not first.text[:1].isupper()
                and not first.low.endswith(("ly", "ed", "ing"))):
            # "a 3 cylinder engine", "the 12 page report": the number counts the
            # first noun of a singular compound, not the thing it describes.
            plural = words[0]
        if plural is None and len(tokens[words[-1]].low) > 2:
            plural = words[-1]
        if plural is None:
            return
        num.counted, num.noun_last = tokens[plural].low, plural + 1
    num.noun_first = num.last
    num.counted = rules.lexicon.abbreviations.get(num.counted, num.counted)  # "15.3 ppg": points per game


def _plural_ahead(tokens: list[_Token], i: int, counted: dict[str, str], stop: frozenset[str],
                  trigger_tokens: frozenset[int]) -> bool:
    """A plural noun within the next four words, before anything that ends a noun phrase."""
    for j, tok in enumerate(tokens[i:i + 4], i):
        if j in trigger_tokens or (tok.low in stop and tok.low not in ("and", "or")):
            return False
        if tok.text[:1].isalpha() and _is_plural_noun(tok.low, counted):
            return True
    return False


_ELLIPSIS_LINKS = frozenset({"and", "or", "to", "while", "whereas", "but", "including", "versus", "vs", "against",
                             "from", "than", ",", ";"})


def _fill_elided_units(numbers: list[_Number], tokens: list[_Token], text: str) -> None:
    """A bare figure written like the figure before it shares its unit or counted noun.

    "435 homes by sale and 187 by tender", "84.75 cents, while the lowest is
    74.07", "6 million homes, including 1.5 million in the city": English leaves
    the noun out the second time. Only a figure of the same written shape (both
    scaled, or the same decimals) and, for plain integers, of a like size takes
    it, and only across a coordinating word or comma.
    """
    for k in range(1, len(numbers)):
        num = numbers[k]
        m = num.match
        if m.kind != COUNT or m.vague or num.counted is not None or m.unit or m.currency:
            continue
        if text[m.end:].lstrip()[:1] == ")":
            continue  # "and 3) predicts": a list item's number
        back = k - 1
        while back > 0 and (text[numbers[back].match.start - 1:numbers[back].match.start] == "("
                            or _measured_unlike(numbers[back], text, m)):
            # "2,435,000 yen ($22,480) ... and 2,380,000": skip the conversion;
            # "1,463.87 points, while it climbed 0.1% to 1,333.18": skip a figure
            # of another shape with a unit of its own.
            back -= 1
        source = numbers[back]
        s = source.match
        if s.vague or s.qualifier.value == "range" or not (s.unit or s.currency or source.counted):
            continue
        if not _same_shape(text[s.core_start:s.core_end], s, text[m.core_start:m.core_end], m):
            continue
        gap = tokens[source.noun_last if source.counted else source.last:num.first]
        if not gap or len(gap) > 12 or not any(t.low in _ELLIPSIS_LINKS for t in gap):
            continue
        if source.counted:
            num.counted = source.counted
        else:
            m.unit, m.currency, m.kind = s.unit, s.currency, s.kind


def _measured_unlike(num: _Number, text: str, bare: NumberMatch) -> bool:
    m = num.match
    return bool(m.unit or m.currency) and not _same_shape(text[m.core_start:m.core_end], m,
                                                           text[bare.core_start:bare.core_end], bare)


def _same_shape(a_text: str, a: NumberMatch, b_text: str, b: NumberMatch) -> bool:
    if (a.scale > 1) != (b.scale > 1):
        return False
    if a.scale > 1:
        return True
    a_dec = len(a_text.rsplit(".", 1)[1]) if "." in a_text else 0
    b_dec = len(b_text.rsplit(".", 1)[1]) if "." in b_text else 0
    if a_dec != b_dec:
        return False
    if a_dec:
        return True  # "1,463.87 points ... to 1,333.18": two decimals each
    return a.value > 0 and b.value > 0 and max(a.value, b.value) / min(a.value, b.value) <= 10


def _is_plural_noun(word: str, counted: dict[str, str]) -> bool:
    return word in counted or (word.isalpha() and len(word) > 3 and singular(word) != word)


def _counted_class(noun: str | None, counted: dict[str, str]) -> str | None:
    if noun is None:
        return None
    if noun in counted:
        return counted[noun]
    if noun.startswith("other ") and noun[6:] in counted:
        return "others"
    stem = singular(noun)
    return counted.get(stem, stem)


def _number_tokens(numbers: list[_Number]) -> dict[int, int]:
    """Token index -> index of the number whose expression or counted noun covers it."""
    taken: dict[int, int] = {}
    for n, num in enumerate(numbers):
        for i in range(num.first, max(num.noun_last, num.last)):
            taken[i] = n
    return taken


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int  # token after the phrase
    rule: Rule
    side: str
    phrase: tuple[str, ...] = ()  # the trigger's words as the pack lists them


_GAP = "..."
_MAX_PHRASE_GAP = 6


def _match_phrase(tokens: list[_Token], i: int, phrase: tuple[str, ...]) -> int | None:
    """End token of ``phrase`` matched at ``i``; "..." in a phrase skips up to six words."""
    if _GAP not in phrase:
        n = len(phrase)
        return i + n if tuple(t.low for t in tokens[i:i + n]) == phrase else None
    cut = phrase.index(_GAP)
    head, tail = phrase[:cut], phrase[cut + 1:]
    end = _match_phrase(tokens, i, head)
    if end is None:
        return None
    for j in range(end, min(end + _MAX_PHRASE_GAP + 1, len(tokens))):
        if tokens[j].text in ".;:":
            return None
        found = _match_phrase(tokens, j, tail)
        if found is not None:
            return found
    return None


def _find_triggers(tokens: list[_Token], trig: _Triggers) -> list[_Found]:
    """Every trigger phrase in the sentence: at each token the longest that matches.

    Phrases may overlap ("death toll" and "toll ... rose to" in "the death toll
    from the storm rose to 18"); each is looked up from its own end or start.
    """
    found: list[_Found] = []
    n = len(tokens)
    for i, tok in enumerate(tokens):
        for phrase, rule, side in trig.by_first.get(tok.low, ()):
            if len(phrase) > 1 and phrase[1] != _GAP and (i + 1 >= n or tokens[i + 1].low != phrase[1]):
                continue  # the second word settles most phrases without building a tuple
            end = _match_phrase(tokens, i, phrase)
            if end is not None:
                found.append(_Found(i, end, rule, side, phrase))
                break
    return found


def _names_another_noun(found: _Found, tokens: list[_Token], rules: RuleSet) -> bool:
    """A rate's or amount's noun trigger followed by another noun modifies it: "the 2% inflation TARGET", "a budget DEFICIT of $5bn"."""
    if found.rule.figure == "count" or _is_verb(found) or found.end >= len(tokens):
        return False
    nxt = tokens[found.end]
    low = nxt.low
    if not nxt.text.isalpha() or not nxt.text[:1].islower():
        return False
    lex = rules.lexicon
    words = _word_sets(rules)
    return not (low in words.skippable or low in words.phrase_stops or low in _SUBJECT_SKIP or low in _AFTER_NAME
                or low in _IRREGULAR_VERBS or low in _VERBS_AFTER_NOUN or low in lex.attribution_verbs
                or low in lex.weekdays or low in lex.months or any(t.startswith(low) for t in lex.relative_times)
                or low.endswith(("ed", "s", "ing", "ly")))


@dataclass(frozen=True, slots=True)
class _Link:
    gap: int
    rule: Rule
    start: int  # the trigger's first token
    found: _Found | None = None  # the trigger itself


def _attach_all(numbers: list[_Number], tokens: list[_Token], found: list[_Found], taken: dict[int, int],
                skippable: frozenset[str], part_cues: tuple[str, ...]) -> None:
    """Give each number the rule of the trigger linked to it.

    A trigger standing after one number and before the next ("One person is dead
    and four others are injured") belongs to the number before it when that number
    chose it: it is not offered again to the one after.
    """
    # Of two phrases ending on one word, the longer: "interest rates", not "rates".
    by_end = {f.end - 1: f for f in reversed(found) if f.side != AFTER}
    by_start = {f.start: f for f in found if f.side != BEFORE}

    def differ(num: _Number):
        return lambda other: num.counted is not None and numbers[other].counted != num.counted

    def left(num: _Number, claimed: frozenset[int]) -> _Link | None:
        return _scan(num.first - 1, -1, tokens, by_end, taken, skippable, taken.get(num.first), part_cues, claimed,
                     differ(num))

    # "Two were killed and seven more people shot": a figure opening its own
    # clause after "and" has its own verb; the trigger before "and" is not its.
    lefts = [None if _opens_clause(n, tokens) else left(n, frozenset()) for n in numbers]
    for k, num in enumerate(numbers):
        if lefts[k] is None and num.match.kind not in (COUNT, AGE):
            lefts[k] = _across_object(num, tokens, by_end, taken, skippable, part_cues)
    rights = [_scan(max(n.noun_last, n.last), 1, tokens, by_start, taken, skippable, taken.get(n.first), part_cues,
                    frozenset(), differ(n)) for n in numbers]
    chosen = [_choose(lt, rt) for lt, rt in zip(lefts, rights)]
    claimed = frozenset(c.start for c, rt in zip(chosen, rights) if c is not None and c is rt)
    for k, num in enumerate(numbers):
        if num.match.kind == AGE:
            continue
        pick = chosen[k]
        if pick is not None and pick is lefts[k] and pick.start in claimed:
            pick = _choose(left(num, claimed), rights[k])
        num.rule = pick.rule if pick is not None else None
        num.trigger = pick.found if pick is not None else None


def _across_object(num: _Number, tokens: list[_Token], by_end: dict[int, _Found], taken: dict[int, int],
                   skippable: frozenset[str], part_cues: tuple[str, ...]) -> _Link | None:
    """A verb's object between it and an amount: "fines Acme $10m", "fined the company £2m", "fined him £300".

    Only for amounts, rates and durations (a count's noun says what it counts; "killed
    the gunman 3 days later" is no toll), and only a verb right before the object.
    """
    i = num.first - 1
    if i < 1:
        return None
    if tokens[i].low in ("him", "her", "them", "it", "us"):
        start = i
    elif _name_word(tokens[i]) and not _POSSESSIVE.search(tokens[i].text):
        j = i
        while j - 1 >= 0 and i - j < 3 and _name_word(tokens[j - 1]):
            j -= 1
        start = j
    else:
        j = i
        while j >= 0 and i - j < 3 and tokens[j].text.isalpha() and tokens[j].text[:1].islower() \
                and tokens[j].low not in _DETERMINERS and tokens[j].low not in _FUNCTION_WORDS:
            j -= 1
        if j < 0 or j == i or tokens[j].low not in _DETERMINERS:
            return None
        start = j
    if any(k in taken for k in range(start, i + 1)):
        return None
    link = _scan(start - 1, -1, tokens, by_end, taken, skippable, taken.get(num.first), part_cues, frozenset())
    if link is None or link.gap or not _is_verb(link.found) or link.found.rule.figure == "count":
        return None
    return link


_CLAUSE_JOINS = frozenset({"and", "but", "while", "whereas"})
_AFTER_SUBJECT_SKIP = frozenset({"more", "other", "others", "people", "of", "them", "those"})
_VERBS_AFTER_SUBJECT = frozenset({"was", "were", "is", "are", "has", "have", "had", "remain", "remains", "remained",
                                  "died", "shot", "hurt", "suffered", "sustained", "got", "went"})


def _opens_clause(num: _Number, tokens: list[_Token]) -> bool:
    """The figure follows "and" and is the subject of a verb of its own."""
    if num.first == 0 or tokens[num.first - 1].low not in _CLAUSE_JOINS:
        return False
    i = max(num.noun_last, num.last)
    while i < len(tokens) and tokens[i].low in _AFTER_SUBJECT_SKIP:
        i += 1
    if i >= len(tokens):
        return False
    word = tokens[i].low
    return word in _VERBS_AFTER_SUBJECT or (word.endswith("ed") and len(word) > 4)


def _choose(left: _Link | None, right: _Link | None) -> _Link | None:
    if left and right:
        return left if left.gap <= right.gap else right
    return left or right


_COORDINATORS = frozenset({"and", "or", ",", "nor"})


def _scan(i: int, step: int, tokens: list[_Token], triggers: dict[int, _Found], taken: dict[int, int],
          skippable: frozenset[str], me: int | None, part_cues: tuple[str, ...], claimed: frozenset[int],
          nouns_differ=lambda other: True) -> _Link | None:
    """Walk from a number over linking words to the nearest trigger on one side."""
    gap = 0
    scanned = 0
    crossed = None
    previous = None  # the token scanned just before this one
    while 0 <= i < len(tokens) and scanned < _MAX_SCAN:
        scanned += 1
        trigger = triggers.get(i)
        if trigger is not None and trigger.start not in claimed and taken.get(i) in (None, me):
            return _Link(gap, trigger.rule, trigger.start, trigger)
        tok = tokens[i]
        owner = taken.get(i)
        if owner is not None and owner != me:
            # Another number of the same list ("fired 600 drones and 20 missiles"): the
            # trigger may be shared, but one linked directly to this number is nearer.
            # Numbers side by side with no "and", "or" or comma are not a list.
            if owner != crossed:
                if previous not in _COORDINATORS:
                    return None
                crossed = owner
                gap += _CROSSING_COST
            previous = tok.low
            i += step
            continue
        if tok.text == ",":
            nxt = i + step
            if step > 0 and nxt < len(tokens) and _cue_at(tokens, nxt, part_cues):
                # "18 people, including four children, were killed": skip the aside.
                j = nxt
                while j < len(tokens) and tokens[j].text != ",":
                    j += 1
                i = j + 1
                continue
            if 0 <= nxt < len(tokens) and taken.get(nxt) is not None and taken.get(nxt) != me \
                    and nouns_differ(taken.get(nxt)):
                # "600 drones, two Kinzhal": a list of different things shares its verb;
                # "11 people, eight from one family" is a part of the first figure.
                previous = ","
                i = nxt
                continue
            return None
        previous = tok.low
        if tok.low in skippable:
            gap += 1
            if gap > _MAX_LINK_GAP + _CROSSING_COST * (crossed is not None):
                return None
            i += step
            continue
        return None
    return None


def _cue_at(tokens: list[_Token], i: int, cues: tuple[str, ...]) -> str | None:
    if i >= len(tokens):
        return None
    for cue, words in _cue_words(cues).get(tokens[i].low, ()):
        if len(words) == 1 or tuple(t.low for t in tokens[i:i + len(words)]) == words:
            return cue
    return None


@lru_cache(maxsize=8)
def _cue_words(cues: tuple[str, ...]) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """Cues by their first word, each with its words: one dictionary look-up per token."""
    table: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for cue in cues:
        words = tuple(cue.split())
        table.setdefault(words[0], []).append((cue, words))
    return {first: tuple(entries) for first, entries in table.items()}


def _link_parts(numbers: list[_Number], tokens: list[_Token], cues: tuple[str, ...]) -> None:
    """Mark "18 people, including four children" as four part of 18, and inherit the measure."""
    for n, num in enumerate(numbers):
        if n == 0 or num.match.kind != COUNT or num.counted is None:
            continue  # a part names what it counts: "including four CHILDREN"
        for back in range(1, 6):
            i = num.first - back
            if i < 0 or tokens[i].text == ",":
                break
            if _cue_at(tokens, i, cues):
                whole = max((k for k in range(n) if numbers[k].last <= i and numbers[k].match.kind == COUNT), default=None)
                # The whole stands just before the cue: "18 people, including four children".
                if whole is not None and i - max(numbers[whole].noun_last, numbers[whole].last) <= 1:
                    num.part_of = whole
                break
            if any(numbers[k].first <= i < max(numbers[k].noun_last, numbers[k].last) for k in range(n)):
                prev = next(k for k in range(n) if numbers[k].first <= i < max(numbers[k].noun_last, numbers[k].last))
                # "including 11 women and nine children": coordinated parts share the whole.
                if numbers[prev].part_of is not None and all(t.low in ("and", ",", "or") for t in tokens[i + 1:num.first]):
                    num.part_of = numbers[prev].part_of
                break
        if num.part_of is not None and num.rule is None:
            num.rule = numbers[num.part_of].rule


def _context(text: str, tokens: list[_Token], rules: RuleSet, years: list[str], dates: list[str], title_case: bool,
             body_capitals: frozenset[str], trigger_words: frozenset[str], clocks: list[str] = ()) -> Context:
    lex = rules.lexicon
    low = text.lower()
    times: set[tuple[str, str]] = set()
    for n, tok in enumerate(tokens):
        if tok.low in lex.weekdays or _POSSESSIVE.sub("", tok.low) in lex.weekdays:
            times.add(("weekday", _POSSESSIVE.sub("", tok.low)))
        elif tok.text[:1].isupper() and tok.low.rstrip(".") in lex.months and (tok.low != "may" or _month_may(tokens, n)):
            times.add(("month", tok.low.rstrip(".")[:3]))
    phrases = _phrase_patterns(rules)
    for m in phrases.relative.finditer(low):
        times.add(("relative", m.group()))
    for year in years:
        times.add(("year", year))
    for day in dates:
        times.add(("date", day))
    for clock in clocks:
        times.add(("clock", clock))  # "by 3pm": a rate read at a time of day is a snapshot
    for m in _CLOCK_WORDS.finditer(low):
        times.add(("clock", m.group()))
    past_match = phrases.past.search(low)
    past = past_match.group() if past_match else None
    if past is None:
        dated = _DATED_EVENT.search(low)
        if dated and dated.group(1).rstrip(".") in lex.months:
            past = dated.group(0)  # "in a December shooting"
    if past is None and years:
        past = f"in {years[0]}"
    return Context(
        places=_places(tokens, lex, title_case, body_capitals, trigger_words),
        times=tuple(sorted(times)), past_cue=past, attribution=_attribution(text, rules),
    )


_BEFORE_MONTH = frozenset({"in", "of", "since", "until", "till", "by", "early", "late", "mid", "last", "next", "this",
                           "from", "to", "through", "during"})


def _month_may(tokens: list[_Token], n: int) -> bool:
    """ "in May", "May 5", "May 2024" is the month; "May" opening a clause is a verb."""
    return (n > 0 and tokens[n - 1].low in _BEFORE_MONTH) or (n + 1 < len(tokens) and tokens[n + 1].text[:1].isdigit())


def _places(tokens: list[_Token], lex, title_case: bool, body_capitals: frozenset[str],
            trigger_words: frozenset[str]) -> tuple[str, ...]:
    """Capitalised names after a locative preposition: "in Kyiv", "on Ukraine's Sumy and Odesa regions"."""
    places: set[str] = set()
    i = 0
    n = len(tokens)
    while i < n:
        if tokens[i].low not in _LOCATIVE:
            i += 1
            continue
        j = i + 1
        if j < n and tokens[j].low == "the":
            j += 1
        run: list[str] = []
        while j < n:
            tok = tokens[j]
            word = _POSSESSIVE.sub("", tok.text)
            lw = word.lower()
            if (_CAPITALISED.fullmatch(word) and lw not in lex.weekdays and lw not in lex.months
                    and lw not in trigger_words and lw not in lex.qualifiers
                    and (not title_case or lw in body_capitals)):
                run.append(word)
                j += 1
                if _POSSESSIVE.search(tok.text):
                    places.add(" ".join(run).lower())
                    run = []
                continue
            if tok.low in ("and", ",") and run:
                places.add(" ".join(run).lower())
                run = []
                j += 1
                continue
            break
        if run:
            places.add(" ".join(run).lower())
        i = max(j, i + 1)
    return tuple(sorted(places))


def _attribution(text: str, rules: RuleSet) -> str | None:
    lex = rules.lexicon
    low = text.lower()
    for cue in lex.according:
        idx = low.find(cue + " ")
        if idx >= 0 and (idx == 0 or not low[idx - 1].isalnum()):
            rest = text[idx + len(cue) + 1:]
            end = _ATTRIBUTION_END.search(rest)
            who = rest[: end.start() if end else len(rest)].strip()
            if who and len(who.split()) <= 8:
                return who
    verbs = "|".join(sorted(lex.attribution_verbs, key=len, reverse=True))
    m = re.search(rf",\s*([^,;]{{2,80}}?)\s+(?:{verbs})\s*[.!?]?[\"”]?$", text)
    if m:
        return m.group(1).strip()
    m = re.search(rf"[.!?\"”]\s*,?[\"”]?\s*(?:{verbs})\s+([^,.;]{{2,80}})[.!?]?$", text)
    if m:
        return m.group(1).strip()
    m = re.match(rf"^([A-Z][^,;]{{2,60}}?)\s+(?:{verbs})\s", text)
    if m:
        return m.group(1).strip()
    return None


def article_places(claims: tuple[Claim, ...]) -> frozenset[str]:
    """Places an article is about: those named in the sentences of its measured claims.

    Not of its ages: "Smith, 45, of Leeds" says where Smith lives, not where the news happened.
    """
    places: set[str] = set()
    for claim in claims:
        if claim.measure is not None and claim.quantity.kind != AGE:
            places.update(claim.context.places)
    return frozenset(places)


# -- who or what a figure is said of ------------------------------------------------
#
# "Smith was jailed for 12 years" and "Jones was jailed for eight years" are two
# sentences, not one sentence told twice; "Jane Smith, 45," and "the 46-year-old
# John Smith" are two people. A measured figure's subject is the name or noun the
# sentence says it of; an age's subject is the person whose age it is, and an age
# with no named person is not measured at all. Names are read from the words
# around the figure only: capitalised runs ("Jane Smith", "Acme"), a surname
# resolved to the one full name the article gives it ("Smith" -> "Jane Smith").

_CLAUSE_TOKENS = frozenset(",;:()[]—–\"“”")
_SENTENCE_OPENERS = frozenset(".!?:\"“‘'")
_DETERMINERS = frozenset("the a an its his her their this that these those our my your whose".split())
_PRONOUNS = frozenset("he she they it we i you him them us one".split())
_RELATIVES = frozenset({"who", "which", "that", "whose"})
_PREPOSITIONS = _LOCATIVE | frozenset({"of", "for", "from", "with", "by", "about", "between", "against", "during",
                                       "after", "before", "behind", "beyond", "within", "without", "under", "among"})
# Words that may stand between a subject and its verb: auxiliaries and adverbs.
_SUBJECT_SKIP = frozenset(
    "was were is are be been being has have had will would could should may might must can shall did does do "
    "not never also then later reportedly allegedly initially originally eventually finally only just already now "
    "still both all to".split())
# Capitalised words that open sentences and are not names.
_NOT_NAMES = frozenset(
    "the a an this that these those it he she they we i you his her their its our my your in on at by for from with "
    "after before when while but and or if as so yet then there here what who which where why how all some many most "
    "both each every no not one two three four five six seven eight nine ten last next meanwhile however also "
    "police officials authorities prosecutors".split())
_TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame lady lord judge justice officer detective det sgt sergeant constable "
    "pc lt lieutenant capt captain col colonel gen general maj major cpl corporal pvt sheriff deputy chief inspector "
    "superintendent commissioner president senator sen rep representative gov governor mayor councillor councilman "
    "councilwoman alderman rev reverend pastor rabbi imam king queen prince princess pope mp".split())
_MALE_TITLES = frozenset({"mr", "sir", "lord", "king", "prince"})
_FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "dame", "lady", "queen", "princess"})
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "del", "della", "di", "du", "la", "le", "bin", "ibn",
                        "al", "el", "mac"})
# After "the 46-year-old Smith": what may follow a name (a verb, a clause), not a noun ("Chicago man").
_AFTER_NAME = frozenset(
    "was is has had who and or but said says told of from in at on with will would could did does also then later "
    "when after before while to for by appeared pleaded remains remained died lives lived faces faced".split())
_IRREGULAR_VERBS = frozenset({"sold", "bought", "paid", "won", "went", "held", "set", "spent", "cost", "took", "drew",
                              "gave", "got", "lost", "kept", "put", "ran", "saw", "met", "brought", "fetched", "given",
                              "taken", "drawn", "sent", "left", "made", "passed", "voted", "cut", "hit", "came",
                              "stood", "begun", "began", "fell", "rose", "grew", "shrank", "keep", "hold", "leave"})
# Present-tense verbs a rate's noun is the subject of: "inflation hit 3%", "turnout stays at 40%".
_VERBS_AFTER_NOUN = frozenset({"hit", "stay", "remain", "reach", "top", "touch", "exceed", "near", "ease", "edge",
                               "come", "climb", "jump", "dip", "slow", "cool", "peak", "soar", "surge", "sink"})
# Words before a trigger that do not narrow what it measures: "FINAL turnout", "the OFFICIAL inflation rate".
_NEUTRAL_MODIFIERS = frozenset({"final", "overall", "official", "total", "latest", "current", "actual", "headline",
                                "annual", "annualised", "annualized", "national", "record", "new", "whole", "full",
                                "confirmed", "reported", "eventual", "general", "same", "agreed"})
# Who rules on an amount or reports a figure is not who it is said of: "a judge set
# bail at $50,000", "the tribunal awarded her £16,000".
_AUTHORITIES = frozenset(
    "judge justice magistrate court jury tribunal regulator watchdog prosecutor authority official police officer "
    "government ministry department agency panel commission inquiry coroner sheriff spokesman spokeswoman "
    "spokesperson statement report survey poll analyst economist".split())
# A figure said of "he", "she", "they" or "it" has the pronoun as its subject: someone
# the sentence does not name. It is compared with no figure said of a named subject or
# of another pronoun ("Smith was jailed for 20 years on the murder charge. He was also
# jailed for five years for assault" are two sentences of one man).
PRONOUNS = _PRONOUNS
# Words that may follow a determiner but name nothing a figure is said of.
_NOT_HEADS = frozenset({"north", "south", "east", "west", "other", "others", "same", "first", "last", "latest", "total",
                        "rest", "most", "majority", "number", "amount", "figure", "way", "time", "day", "year", "week",
                        "month", "end", "start", "beginning", "middle", "one", "two", "three", "inside", "outside"})
_CLOCK_WORDS = re.compile(r"\b(?:noon|midday|midnight)\b")


@dataclass(frozen=True, slots=True)
class _Person:
    title: str | None  # lower case: "mr"
    given: str | None  # as written: "Jane"
    surname: str  # as written: "Smith"

    def render(self) -> str:
        first = self.given or (self.title.capitalize() if self.title else None)
        return f"{first} {self.surname}" if first else self.surname


class _Names:
    """The full names an article gives: surname (lower case) -> given names (as written), read when first needed."""

    def __init__(self, article: Article | None, rules: RuleSet | None, confirmed: frozenset[str]):
        self.confirmed = confirmed  # words capitalised mid-sentence in the body: proper nouns
        self._article, self._rules = article, rules
        self._given: dict[str, frozenset[str]] | None = None if article is not None else {}

    @property
    def given(self) -> dict[str, frozenset[str]]:
        if self._given is None:
            self._given = _article_names(self._article, self._rules, self)
        return self._given

    def known(self, word: str) -> bool:
        return word in self.confirmed or word in self.given

    def resolve(self, person: _Person) -> _Person | None:
        """A surname alone takes the one given name the article gives it; None when it gives several."""
        if person.given is not None:
            return person
        givens = self.given.get(person.surname.lower(), frozenset())
        if len(givens) > 1:
            return None
        return _Person(person.title, next(iter(givens)), person.surname) if givens else person


def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word)


def _name_word(tok: _Token) -> bool:
    word = _bare(tok.text)
    return bool(word) and word[0].isupper() and word[0].isalpha() and word.lower() not in _NOT_NAMES


def _is_initial(tokens: list[_Token], i: int) -> bool:
    """ "F" of "John F. Smith"."""
    return len(tokens[i].text) == 1 and tokens[i].text.isupper() and i + 1 < len(tokens) and tokens[i + 1].text == "."


def _run_left(tokens: list[_Token], i: int, lex) -> int | None:
    """First token of the run of name words ending at ``i``, or None when ``i`` is no name word."""
    if not _name_word(tokens[i]) or _calendar_word(tokens[i], lex):
        return None
    j = i
    while j - 1 >= 0 and i - j < 6:
        prev = tokens[j - 1]
        if _name_word(prev) and not _POSSESSIVE.search(prev.text) and not _calendar_word(prev, lex):
            j -= 1
        elif prev.text == "." and j - 2 >= 0 and _is_initial(tokens, j - 2):
            j -= 2
        elif prev.low in _PARTICLES and j - 2 >= 0 and _name_word(tokens[j - 2]):
            j -= 1
        else:
            break
    return j


def _run_right(tokens: list[_Token], i: int, lex) -> int | None:
    """End (exclusive) of the run of name words starting at ``i``, or None when ``i`` is no name word."""
    if not _name_word(tokens[i]) or _calendar_word(tokens[i], lex):
        return None
    j = i
    while j < len(tokens) and j - i < 6:
        tok = tokens[j]
        if _is_initial(tokens, j):
            j += 2
            continue
        if _name_word(tok) and not _calendar_word(tok, lex):
            j += 1
            if _POSSESSIVE.search(tok.text):
                break
            continue
        if tok.low in _PARTICLES and j + 1 < len(tokens) and _name_word(tokens[j + 1]) and j > i:
            j += 1
            continue
        break
    return j


def _calendar_word(tok: _Token, lex) -> bool:
    word = _bare(tok.low).rstrip(".")
    return word in lex.weekdays or word in lex.months


def _opens_sentence(tokens: list[_Token], i: int) -> bool:
    return i == 0 or tokens[i - 1].text in _SENTENCE_OPENERS and not (i >= 2 and _is_initial(tokens, i - 2))


def _person(tokens: list[_Token], first: int, end: int, names: _Names, title_case: bool,
            strict: bool = True) -> _Person | None:
    """The person a run of name words names, or None when it is no person's name we can trust."""
    words = [tokens[k] for k in range(first, end) if tokens[k].text != "." and not _is_initial(tokens, k)]
    if not words:
        return None
    texts = [_bare(t.text).rstrip(".") for t in words]
    while texts and texts[-1].lower() in _NAME_SUFFIXES:
        texts.pop()
    if (len(texts) == 1 and _opens_sentence(tokens, first) and not names.known(texts[0].lower())
            and (strict or not _POSSESSIVE.search(tokens[end - 1].text)
                 and not _verb_follows(tokens, end))):
        # "Man, 45, held": a capitalised word opening a sentence may be a common noun; but a
        # possessive ("Morgan's") or a word before a verb ("Jones was", "Moscow declared",
        # "Marchers walked") is read as a name (align.py compares "Marchers" with "the march").
        # In "Jane Smith" the opener is kept as the given name: a wrong given name
        # ("Yesterday Smith") only keeps two people apart.
        return None
    title = None
    if not texts:
        return None
    if all(t.lower() in _TITLES for t in texts):
        return _Person(None, None, texts[-1])  # "the Constable sold for £1.2m", "the President"
    while texts and texts[0].lower() in _TITLES:
        title = title if title in _MALE_TITLES | _FEMALE_TITLES else texts[0].lower()
        texts = texts[1:]
    if title_case and not all(names.known(t.lower()) for t in texts):
        return None  # a title-case headline capitalises every word: only names the body confirms
    # The given name is the word before the surname, past any particle: "Larissa Frasao de
    # Almeida" is Frasao (de) Almeida to the article's other mentions.
    before = [t for t in texts[:-1] if t.lower() not in _PARTICLES]
    given = before[-1] if before else None
    return _Person(title, given, texts[-1])


def _verb_follows(tokens: list[_Token], i: int) -> bool:
    """ "Smith was", "Acme faces", "Jones pleaded": a verb after a sentence's first word makes it a subject."""
    if i >= len(tokens):
        return False
    low = tokens[i].low
    return ((low in _SUBJECT_SKIP and low != "to") or low in _IRREGULAR_VERBS or low in _PRESENT_VERBS
            or low.endswith(("ed", "s")) or low in ("said", "told", "has", "had", "who"))


_NAME_RUN = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*\.?(?:\s+(?:(?:" + "|".join(sorted(_PARTICLES)) +
                       r")\s+)?[A-Z][\w'’-]*\.?)+")


def _article_names(article: Article, rules: RuleSet, names: _Names) -> dict[str, frozenset[str]]:
    """Every "Given Surname" of the article's body and captions, by surname."""
    found: dict[str, set[str]] = {}
    bare = _Names(None, None, names.confirmed)
    lex = rules.lexicon
    for seg in article.segments:
        if seg.role == Role.HEADLINE:
            continue
        for run in _NAME_RUN.finditer(seg.text):
            # The run and the characters before it, to tell a sentence opener.
            tokens = _tokens(seg.text[max(0, run.start() - 2):run.end()])
            i = 0
            while i < len(tokens):
                end = _run_right(tokens, i, lex) if tokens[i].text[:1].isupper() else None
                if end is None or end - i < 2:
                    i += 1 if end is None else end - i
                    continue
                person = _person(tokens, i, end, bare, False)
                if person is not None and person.given is not None:
                    found.setdefault(person.surname.lower(), set()).add(person.given)
                i = end
    return {k: frozenset(v) for k, v in found.items()}


def _age_rule(rules: RuleSet, num: _Number, tokens: list[_Token]) -> Rule | None:
    """The rule measuring ages: the one whose trigger the age is written with, else the first."""
    age_rules = [r for r in rules.rules if r.figure == "age"]
    if len(age_rules) < 2:
        return age_rules[0] if age_rules else None
    around = " ".join(t.low for t in tokens[max(0, num.first - 2):num.last])
    for rule in age_rules:
        if any(p in around for p in (*rule.triggers, *rule.triggers_before, *rule.triggers_after)):
            return rule
    return age_rules[0]


# Present-tense verbs of headlines that triggers open with ("5,000 attend vigil", "MPs back bill").
_PRESENT_VERBS = frozenset({"attend", "attends", "turn", "turns", "gather", "gathers", "show", "shows", "pass",
                            "passes", "back", "backs", "approve", "approves", "sell", "sells", "buy", "buys",
                            "jail", "jails", "fetch", "fetches", "last", "lasts", "settle", "settles", "acquire",
                            "acquires", "value", "values", "award", "awards", "demand", "demands",
                            "carry", "carries", "adopt", "adopts", "gets", "get", "given", "sentence", "sentences"})


def _is_verb(found: _Found | None) -> bool:
    """Whether a trigger is a verb ("fined", "lasted", "sold for"), whose subject comes before it, or a noun ("turnout")."""
    if found is None or not found.phrase:
        return False
    first = found.phrase[0]
    if first in ("sentence", "sentences", "fine", "fines"):
        # "sentence of", "fines of" are nouns; "sentence ... to", "fines Acme £2m" verbs.
        return len(found.phrase) == 1 and first.startswith("fine") or len(found.phrase) > 1 and found.phrase[1] in ("to", "...")
    return first.endswith(("ed", "ing")) or first in _IRREGULAR_VERBS or first in _PRESENT_VERBS


def _compound_durations(numbers: list[_Number], tokens: list[_Token]) -> set[int]:
    """ "12 years and six months", "5 feet 10 inches": one measurement in two figures of falling units."""
    found: set[int] = set()
    for k in range(len(numbers) - 1):
        a, b = numbers[k].match, numbers[k + 1].match
        if a.kind != QUANTITY or b.kind != QUANTITY or not a.unit or not b.unit or a.unit == b.unit:
            continue
        gap = tokens[numbers[k].last:numbers[k + 1].first]
        if len(gap) > 2 or any(t.low not in ("and", ",") for t in gap):
            continue
        factor = units.factor(b.unit, a.unit)
        if factor is not None and factor < 1:
            found.update((k, k + 1))
    return found


@lru_cache(maxsize=8)
def _trend_words(lex) -> frozenset[str]:
    """Words of rises and falls ("raised", "cut"): before a trigger they are verbs, not modifiers."""
    return frozenset(w for phrase, shapes in lex.qualifiers.items() if {"increase", "decrease"} & set(shapes)
                     for w in phrase.split())


class _Who:
    """Subjects of one sentence's figures, read in order (a figure may share the one before it)."""

    def __init__(self, tokens: list[_Token], numbers: list[_Number], taken: dict[int, int], names: _Names,
                 title_case: bool, lex, trigger_words: frozenset[str], found: list[_Found],
                 skippable: frozenset[str]):
        self.tokens, self.numbers, self.taken, self.names = tokens, numbers, taken, names
        self.title_case, self.lex, self.trigger_words = title_case, lex, trigger_words
        self.found = found  # every trigger of the sentence
        self.trigger_at = frozenset(i for f in found for i in range(f.start, f.end) if tokens[i].low in f.phrase)
        self._shouting: bool | None = None
        self.exclude: frozenset[int] = frozenset()  # the trigger of the figure being read: no subject of its own
        self.skippable = skippable
        self.subjects: dict[int, str | None] = {}
        self.pronoun = "he"  # the last pronoun a scan stopped at

    @property
    def shouting(self) -> bool:
        """ "5 DEAD, INCLUDING GUNMAN", "1 Killed, 4 Wounded In Uptown Shooting": in a sentence in
        capitals or title case no word is known to be a name."""
        if self._shouting is None:
            words = [t.text for t in self.tokens if len(t.text) > 1 and t.text.isalpha()]
            capitals = sum(w.isupper() for w in words)
            long_words = [w for w in words if len(w) > 3]
            self._shouting = (capitals >= 3 and capitals * 2 >= len(words)) or (
                not self.title_case and len(long_words) >= 3 and all(w[0].isupper() for w in long_words))
        return self._shouting

    # -- ages -----------------------------------------------------------------------

    def person_of_age(self, k: int) -> str | None:
        """ "Jane Smith, 45,", "Smith (45)", "Smith, aged 45", "Smith, a 45-year-old", "the 46-year-old Jane Smith"."""
        tokens, num = self.tokens, self.numbers[k]
        if self.shouting:
            return None
        # "the 46-year-old Smith", "25-year-old Dominique Garrett, 23-year-old Jessie Kelly": an
        # age written before a noun is of the name after it, when one follows.
        attributive = num.last - 1 > num.first and tokens[num.last - 1].low.endswith("-old")
        if attributive and num.last < len(tokens):
            end = _run_right(tokens, num.last, self.lex)
            if end is not None:
                after = tokens[end] if end < len(tokens) else None
                if (after is None or not after.text[:1].isalpha() or after.low in _AFTER_NAME
                        or after.low.endswith(("ed", "s"))):
                    return self._render(_person(tokens, num.last, end, self.names, self.title_case), strict=True)
                return None  # "the 46-year-old Chicago man": the capitals describe someone unnamed
        # "Smith, 45,", "Smith (45)", "Smith, aged 45", "Smith, a 45-year-old teacher".
        i = num.first - 1
        if i >= 0 and tokens[i].low in ("aged", "age"):
            i -= 1
        if i >= 0 and tokens[i].low in ("a", "an"):
            i -= 1
        elif attributive:
            return None  # "Garrett, 23-year-old Kelly": without "a" the age starts another name
        if i >= 1 and tokens[i].text in (",", "("):
            first = _run_left(tokens, i - 1, self.lex)
            if first is None or _POSSESSIVE.search(tokens[i - 1].text) or self._place_ending(i - 1) is not None:
                return None  # "a friend of Bonner's, a 14-year-old", "on the Southwest Side, a 17-year-old"
            return self._render(_person(tokens, first, i, self.names, self.title_case), strict=True)
        return None

    def _render(self, person: _Person | None, *, strict: bool) -> str | None:
        if person is None:
            return None
        resolved = self.names.resolve(person)
        if resolved is None:
            return None if strict else person.render()
        return resolved.render()

    # -- other figures ----------------------------------------------------------------

    def subject_of(self, k: int) -> str | None:
        """The name or noun the sentence says figure ``k`` of, or None when it does not say."""
        if k not in self.subjects:
            if self.numbers[k].match.kind == AGE:
                self.subjects[k] = self.person_of_age(k)  # "Smith, 45, was jailed": the figure before says
            else:
                self.subjects[k] = self._subject(k)
        return self.subjects[k]

    def _subject(self, k: int) -> str | None:
        tokens, num, found = self.tokens, self.numbers[k], self.numbers[k].trigger
        self.exclude = frozenset(i for i in range(found.start, found.end)
                                 if tokens[i].low in found.phrase) if found is not None else frozenset()
        if found is not None and found.end <= num.first:
            # Inside a trigger's gap or between it and the figure: "passed the bill by 312
            # votes", "fined Acme £2m", "jailed Smith for six years".
            inside = [i for i in range(found.start, found.end) if tokens[i].low not in found.phrase]
            for i in [*inside, *range(found.end, num.first)]:
                if tokens[i].low in _PRONOUNS:
                    return tokens[i].low  # "a judge fined him £300": he is who paid, and he is not named
                got = self._noun_phrase_at(i)
                if got is not None:
                    return got
            left = found.start - 1
        else:
            left = num.first - 1
            if found is not None and not _is_verb(found) and found.end + 1 < len(tokens) \
                    and tokens[found.end].low in ("of", "for"):
                # "the £10m sale of its headquarters", "a $5bn acquisition of Beta", "a £2m
                # fine for Acme": the noun's complement names what the amount is of ("a
                # budget for new schools" says what it is for, not whose it is).
                i = found.end + 1
                if tokens[i].low in _DETERMINERS and i + 1 < len(tokens):
                    i += 1
                got = None
                if _name_word(tokens[i]):
                    got = self._noun_phrase_at(i)
                elif tokens[found.end].low == "of" and self._noun_like(i):
                    j = i
                    while j + 1 < len(tokens) and j - i < 2 and self._noun_like(j + 1):
                        j += 1
                    got = self._head(j)
                if got is not None:
                    return got
        got, stop = self._scan_left(left, verbs=2)
        if got is not None:
            return got
        if stop == "pronoun":
            return self.pronoun
        if isinstance(stop, int):
            return self.subject_of(stop)  # "by 312 votes to 98": the figure before says
        verb = found if found is not None and found.start >= num.last and _is_verb(found) else next(
            (f for f in self.found if f.rule is num.rule and _is_verb(f)
             and max(num.noun_last, num.last) <= f.start <= max(num.noun_last, num.last) + 1), None)
        if verb is not None:
            # "5,000 people attended the rally", "dozens turned out for a memorial service", "a
            # crowd of 300 gathered at a counter-protest": what the verb is done to, or for.
            # Only a direct object or one after "for": "wounded in a hail of bullets",
            # "gathered at the square" say how and where, not what.
            i = verb.end
            purpose = i < len(tokens) and tokens[i].low == "for"
            i += purpose
            if i < len(tokens) and tokens[i].low in _DETERMINERS:
                got = self._noun_phrase_at(i + 1) if i + 1 < len(tokens) else None
                if got is not None:
                    return got
            elif purpose:
                words = []
                while (i < len(tokens) and len(words) < 3 and tokens[i].text.isalpha() and tokens[i].text[:1].islower()
                       and tokens[i].low not in _FUNCTION_WORDS and tokens[i].low not in _SUBJECT_SKIP
                       and tokens[i].low not in _PREPOSITIONS):
                    words.append(i)
                    i += 1
                if words:
                    return self._head(words[-1])  # "turned out for memorial service"
        if stop == "comma":
            # "John Smith, 34, of Leeds, was jailed": the sentence opens with its subject.
            end = _run_right(tokens, 0, self.lex) if tokens else None
            if end is not None and end < len(tokens) and tokens[end].text == ",":
                return self._render(_person(tokens, 0, end, self.names, self.title_case), strict=False)
        return None

    def _scan_left(self, i: int, verbs: int) -> tuple[str | None, str | int | None]:
        """Walk left over auxiliaries and up to ``verbs`` other words to a subject.

        Returns (subject, why it stopped): "pronoun", "comma", "break", the index of
        another figure reached, or None.
        """
        tokens = self.tokens
        relative = False
        while i >= 0:
            tok = tokens[i]
            if tok.text in _CLAUSE_TOKENS:
                if tok.text == "," and relative:
                    relative = False  # "Smith, who was jailed": the name before the comma
                    i -= 1
                    continue
                if tok.text == "," and i > 0:
                    # "His accomplice, Dean Walsh, was jailed": a name in apposition is the subject.
                    place = self._place_ending(i - 1)
                    got = None if place is not None else self._noun_phrase_at(i - 1, ending=True)
                    if got is not None and got[:1].isupper():
                        return got, None
                    if self.taken.get(i - 1) is not None:
                        return None, self.taken[i - 1]  # "Smith, 45, was jailed"
                return None, "comma" if tok.text == "," else "break"
            owner = self.taken.get(i)
            if owner is not None:
                other = self.numbers[owner]
                if other.match.kind == COUNT and other.counted and other.rule is None:
                    return singular(other.counted.split()[-1]), None  # "four other members were jailed"
                return None, owner
            place = self._place_ending(i)
            if place is None:
                place = self._phrase_after_preposition(i)
            if place is not None:
                i = place - 1  # "attack on Kyiv killing 15", "the siege at the bank lasted": not the subject
                continue
            got = self._noun_phrase_at(i, ending=True)
            if got is not None:
                return got, None
            low = tok.low
            if low in _PRONOUNS:
                self.pronoun = low
                return None, "pronoun"
            if low in self.lex.attribution_verbs:
                return None, "break"  # "police said 5,000 attended": the speaker is no subject
            if low in _RELATIVES:
                relative = True
            elif low in _SUBJECT_SKIP or low in _DETERMINERS or low in self.skippable or low.endswith("ly"):
                pass
            elif (verbs > 0 and tok.text[:1].isalpha() and tok.text[:1].islower()
                  and (low.endswith(("ed", "s")) or low in _IRREGULAR_VERBS)):
                verbs -= 1  # "Acme faces a £2m fine", "Russia declared a three-day truce"
            else:
                return self._head_before(i), "break"
            i -= 1
        return None, None

    def _noun_phrase_at(self, i: int, *, ending: bool = False) -> str | None:
        """A name ("Jane Smith", "Acme's") or a noun after a determiner ("the company") at token ``i``.

        With ``ending``, ``i`` is the last word of the phrase (scanning leftwards); else its first.
        """
        tokens = self.tokens
        tok = tokens[i]
        if _name_word(tok) and not _calendar_word(tok, self.lex) and i not in self.exclude:
            if self.shouting or i in self.trigger_at or (len(tok.text) > 4 and tok.text.isupper()):
                return None  # "1 Killed, 4 Wounded", a dateline "LAFAYETTE, La.": no names
            first, end = (_run_left(tokens, i, self.lex), i + 1) if ending else (i, _run_right(tokens, i, self.lex))
            if first is None or end is None:
                return None
            if first > 0 and tokens[first - 1].low in _LOCATIVE:
                return None  # "in Leeds": a place
            person = _person(tokens, first, end, self.names, self.title_case, strict=False)
            if person is not None and person.title in _AUTHORITIES:
                return None  # "Judge Brown set bail at $50,000": who decided, not who pays
            return self._render(person, strict=False)
        if self.title_case or not tok.text[:1].isalpha() or not tok.text[:1].islower():
            return None
        low = _bare(tok.low)
        if (low in _DETERMINERS or low in _PRONOUNS or low in _SUBJECT_SKIP or low in self.skippable
                or i in self.exclude or low in _FUNCTION_WORDS or low in _IRREGULAR_VERBS
                or low.endswith(("ed", "ing"))):
            return None  # "the council approved": a verb is no head noun
        if not ending:
            # Reading rightwards from a determiner: "the company", "a vigil", "the memorial service at".
            if i == 0 or tokens[i - 1].low not in _DETERMINERS:
                return None
            j = i
            while j + 1 < len(tokens) and j - i < 2 and self._noun_like(j + 1):
                j += 1
            return self._head(j)
        # A determiner or possessive before the noun, perhaps over two modifiers:
        # "the company", "its director", "the first meeting", "the Russian attack".
        for j in range(i - 1, max(i - 4, -1), -1):
            before = tokens[j]
            if before.low in _DETERMINERS or _POSSESSIVE.search(before.text):
                return self._head(i)
            if not before.text[:1].isalpha() or before.low in _SUBJECT_SKIP or before.low in _FUNCTION_WORDS:
                return None
        return None

    def _place_ending(self, i: int) -> int | None:
        """The preposition starting "in Leeds", "on Kyiv" when a place name ends at token ``i``."""
        tok = self.tokens[i]
        if not _name_word(tok):
            return None
        first = _run_left(self.tokens, i, self.lex)
        if first is None or first == 0:
            return None
        before = self.tokens[first - 1].low
        if before == "the" and first > 1:
            first, before = first - 1, self.tokens[first - 2].low
        return first - 1 if before in _LOCATIVE or before in ("of", "from", "to") else None

    def _noun_like(self, i: int) -> bool:
        tok = self.tokens[i]
        low = tok.low
        return (tok.text.isalpha() and tok.text[:1].islower() and low not in _FUNCTION_WORDS and low not in _PREPOSITIONS
                and low not in _SUBJECT_SKIP and low not in _DETERMINERS and low not in self.skippable
                and low not in _IRREGULAR_VERBS and not low.endswith(("ed", "ing", "ly")) and i not in self.trigger_at)

    def _phrase_after_preposition(self, i: int) -> int | None:
        """The preposition starting "at the bank", "of the new stadium" when its noun ends at token ``i``."""
        tokens = self.tokens
        if not tokens[i].text[:1].islower():
            return None
        for j in range(i - 1, max(i - 4, 0), -1):
            if tokens[j].low in _DETERMINERS:
                return j - 1 if tokens[j - 1].low in _PREPOSITIONS else None
            if not tokens[j].text.isalpha() or tokens[j].low in _SUBJECT_SKIP:
                return None
        return None

    def _head_before(self, i: int) -> str | None:
        """ "An amendment on library funding was approved": the noun after the determiner a few words back."""
        tokens = self.tokens
        for j in range(i, max(i - 6, -1), -1):
            tok = tokens[j]
            if tok.low in _DETERMINERS and j < i:
                if any(t.low in _PREPOSITIONS for t in tokens[j + 1:i]):
                    return self._noun_phrase_at(j + 1)  # the noun before "on library funding"
                return self._head(i)  # "a drone and missile attack": the last noun
            if not tok.text.isalpha() or not tok.text[:1].islower() or j in self.exclude or j in self.taken:
                return None
        return None

    def _head(self, i: int) -> str | None:
        # "the company's" names the company; a noun is compared in its singular.
        low = _bare(self.tokens[i].low)
        if low in self.lex.weekdays or any(low in t.split() for t in self.lex.relative_times):
            return None  # "a shooting overnight": a time, no subject ("the march" is a march)
        head = singular(low)
        return None if head in _AUTHORITIES or low in _PREPOSITIONS or low in _NOT_HEADS else head

    def modifier_of(self, k: int) -> str | None:
        """A word narrowing a noun trigger: "CORE inflation of 3%", "a RECORD £2m fine", "the MAXIMUM sentence of"."""
        tokens, num, found = self.tokens, self.numbers[k], self.numbers[k].trigger
        if found is None or _is_verb(found):
            return None
        if found.end <= num.first:
            i = found.start - 1
        else:
            i = num.first - 1
            if i < 1 or tokens[i - 1].low not in _DETERMINERS:
                return None
        if i < 0:
            return None
        tok = tokens[i]
        low = tok.low
        if tok.text[:1].isupper() and not (_opens_sentence(tokens, i) and not self.names.known(low)):
            return None  # a name: "Britain's", "US unemployment" say whose rate it is (the subject)
        if i > 0 and tokens[i - 1].end == tok.start and tokens[i - 1].text[:1].isdigit():
            return None  # "at 3pm turnout was": a word glued to digits is theirs
        if (not tok.text.replace("-", "").isalpha() or _POSSESSIVE.search(tok.text)
                or low in _DETERMINERS or low in _PRONOUNS or low in _SUBJECT_SKIP or low in self.lex.linking
                or low in _trend_words(self.lex)
                or low in _FUNCTION_WORDS or low in self.lex.attribution_verbs or low in _RELATIVES
                or low in SMALL or low in self.trigger_words or low in _NEUTRAL_MODIFIERS or low in _IRREGULAR_VERBS):
            return None
        if low.endswith(("ed", "s", "ing")) and i > 0 and tokens[i - 1].text.isalpha() and not (
                tokens[i - 1].low in _DETERMINERS or tokens[i - 1].low in _FUNCTION_WORDS or tokens[i - 1].low in self.lex.linking):
            return None  # "the bank raises rates": a verb; "the proposed budget", "and services inflation" modify
        return low
