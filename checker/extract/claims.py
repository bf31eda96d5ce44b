"""Turn the numbers of an article into claims: what each measures, of what, where, when, on whose word.

A number gets a measure only from a trigger the rule packs list ("killed",
"shot down") that it is linked to: next to it, or separated only by linking
words, hedges and other numbers of the same list ("fired 600 drones, two
Kinzhal and nine Iskander-M missiles"). Numbers without such a link are kept
for ``claimcheck extract`` but never compared.

Who or what a measured figure is said of, and the people an article names, are
read by :mod:`checker.extract.subjects`, and only for figures a rule measures
(for an age, to learn whether one does): most figures have none, and names are
costly to read.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from checker import units
from checker.extract.nouns import singular
from checker.extract.numbers import (AGE, COUNT, CURRENCY, DATE, PERCENT, QUANTITY, QUANTITY_KINDS, SMALL, TIME, YEAR,
                                     NumberMatch, find_numbers, read_number_words, trie_pattern)
from checker.extract.subjects import (AFTER_NAME, DETERMINERS, IRREGULAR_VERBS, SUBJECT_SKIP, Names, Who, is_verb,
                                      name_word)
from checker.extract.tokens import (FUNCTION_WORDS, LOCATIVE, POSSESSIVE, Found, Number, Token, tokenize,
                                    without_possessive)
from checker.model import Article, Claim, Context, Quantity, Role, Segment
from checker.rulepack import Rule, RuleSet

_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*")
_ATTRIBUTION_END = re.compile(r"[,.;:!?]|\s+(?:said|says|on|in|that)\b")
_MAX_LINK_GAP = 5  # linking words allowed between a number and its trigger
_MAX_SCAN = 24
_CROSSING_COST = 2


BOTH, BEFORE, AFTER = "both", "before", "after"  # where a trigger may stand relative to its number


_Entry = tuple[tuple[str, ...], Rule, str]  # a trigger phrase's words, its rule, its side


@dataclass(frozen=True, slots=True)
class _FirstWord:
    """The phrases opening with one word, longest first, as they can match before a given next word."""

    by_second: dict[str, tuple[_Entry, ...]]  # before this next word: the phrases it continues and the rest below
    any_second: tuple[_Entry, ...]  # before any other next word (or none): one-word phrases and those with a gap


@dataclass(frozen=True, slots=True)
class _Triggers:
    by_first: dict[str, _FirstWord]
    words: frozenset[str]


@lru_cache(maxsize=8)
def _triggers(rules: RuleSet) -> _Triggers:
    table: dict[str, list[_Entry]] = {}
    words: set[str] = set()
    for rule in rules.rules:
        for phrases, side in ((rule.triggers, BOTH), (rule.triggers_before, BEFORE), (rule.triggers_after, AFTER)):
            for phrase in phrases:
                toks = tuple(phrase.split())
                table.setdefault(toks[0], []).append((toks, rule, side))
                words.update(toks)
    by_first = {}
    for first, entries in table.items():
        entries.sort(key=lambda e: -len(e[0]))
        # The second word settles most phrases: file them under it once, not test it at every token.
        seconds = {e[0][1] for e in entries if not _may_follow(e, None)}
        by_first[first] = _FirstWord({second: tuple(e for e in entries if _may_follow(e, second)) for second in seconds},
                                     tuple(e for e in entries if _may_follow(e, None)))
    return _Triggers(by_first, frozenset(words))


def _may_follow(entry: _Entry, second: str | None) -> bool:
    """Whether the entry's phrase may match where ``second`` is the next word (None: no next word we know)."""
    phrase = entry[0]
    return len(phrase) == 1 or phrase[1] == _GAP or phrase[1] == second


@dataclass(frozen=True, slots=True)
class _Phrases:
    relative: re.Pattern[str]
    past: re.Pattern[str]
    subset: re.Pattern[str]
    inclusive: re.Pattern[str]
    dead_included: re.Pattern[str]
    hypothetical: re.Pattern[str]


def _phrase_regex(phrases) -> re.Pattern[str]:
    # A trie tries the longest phrase first, as a longest-first alternation would, in fewer steps.
    alternatives = trie_pattern(phrases) or "(?!)"
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
    return _WordSets(rules.lexicon.linking | hedges, FUNCTION_WORDS | rules.lexicon.linking)


def _token_range(ends: list[int], starts: list[int], start: int, end: int) -> tuple[int, int]:
    """Token indexes [first, last) covering the characters [start, end)."""
    return bisect.bisect_right(ends, start), bisect.bisect_left(starts, end)


def extract(article: Article, rules: RuleSet) -> tuple[Claim, ...]:
    """Every quantity claim in an article, in reading order."""
    claims: list[Claim] = []
    names = Names(article, rules)
    for seg in article.segments:
        for sentence in seg.sentences:
            claims += _sentence_claims(article, seg, sentence, rules, len(claims), names)
    return tuple(claims)


def _sentence_claims(article: Article, seg: Segment, span: tuple[int, int], rules: RuleSet,
                     first_index: int, names: Names) -> list[Claim]:
    s_start, s_end = span
    text = seg.text[s_start:s_end]
    title_case = seg.role == Role.HEADLINE
    matches = _word_durations(text, find_numbers(text, rules.lexicon, title_case=title_case), rules)
    if not any(m.kind in QUANTITY_KINDS for m in matches):
        return []  # years, dates and times of day only date the claims of a sentence that has some
    tokens = tokenize(text)
    ends = [t.end for t in tokens]
    starts = [t.start for t in tokens]
    lex = rules.lexicon
    numbers: list[Number] = []
    years: list[str] = []
    dates: list[str] = []
    clocks: list[str] = []
    for m in matches:
        if m.kind == YEAR:
            years.append(text[m.core_start:m.core_end][:4])
        elif m.kind == DATE:
            dates.append(_SPACES.sub(" ", text[m.start:m.end].lower()))
        elif m.kind == TIME:
            clocks.append(_CLOCK_SPACING.sub("", text[m.start:m.end].lower()))
        if m.kind not in QUANTITY_KINDS:
            continue
        first, last = _token_range(ends, starts, m.start, m.end)
        numbers.append(Number(m, first, last, last, last))
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
    context = None
    cues = None
    claims = []
    who = Who(tokens, numbers, taken, names, title_case, lex, trig.words, found_triggers, _word_sets(rules).skippable)
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
            # Only a headline's places need the body's proper nouns: spare reading them otherwise.
            context = _context(text, tokens, rules, years, dates, title_case,
                               names.confirmed if title_case else frozenset(), trig.words, clocks)
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
            if cues is None:
                cues = _cues(text, numbers, tokens, rules)
            if k in cues.inclusive and counted_class:
                counted_class += " (perpetrator counted)"
            if k in cues.dead_included and counted_class:
                counted_class += " (dead included)"
            # "killed 12 people and injured 40 others": the others are everyone not
            # killed, so 40 is the injured total.
            others_total = any(o.rule is not None and o.rule is not rule for o in numbers[:k])
            if m.kind == COUNT:
                note = _note(num, tokens, lex.reference_words, _in_clause(text, m, cues.subset_at), lex.counted,
                             others_total)
            elif m.kind != AGE and _in_clause(text, m, cues.subset_at):
                note = "subset"  # "fined £300 each"
            if others_total and counted_class == "others":
                counted_class = rule.default_counted or counted_class
            if note is None and m.kind != AGE and _in_clause(text, m, cues.hypothetical_at):
                note = "hypothetical"  # "planned to kill hundreds"
            if note is None and m.kind not in (COUNT, AGE) and num.first > 0 and tokens[num.first - 1].low == "by":
                note = "change"  # "raised interest rates by 0.25%": how much the rate moved, not its level
            if note is None and k in cues.compound:
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


_SPACES = re.compile(r"\s+")
_CLOCK_SPACING = re.compile(r"[\s.]+")


@dataclass(frozen=True, slots=True)
class _Cues:
    """Where a sentence's cues stand. Read only for a sentence with a measured figure: most have none."""

    subset_at: list[int]
    hypothetical_at: list[int]
    inclusive: set[int | None]  # numbers whose count the cue widens
    dead_included: set[int]
    compound: set[int]


def _cues(text: str, numbers: list[Number], tokens: list[Token], rules: RuleSet) -> _Cues:
    phrases = _phrase_patterns(rules)
    low_text = text.lower()
    # "seven died, including the gunman": the cue widens the count just before it.
    inclusive = {max((k for k, n in enumerate(numbers) if n.match.end <= m.start()), default=None)
                 for m in phrases.inclusive.finditer(low_text)}
    # "six wounded, two mortally": the cue follows a part; the figure before the part counts the dead too.
    parts_before = [max((k for k, n in enumerate(numbers) if n.match.end <= m.start()), default=None)
                    for m in phrases.dead_included.finditer(low_text)]
    return _Cues([m.start() for m in phrases.subset.finditer(low_text)],
                 [m.start() for m in phrases.hypothetical.finditer(low_text)],
                 inclusive, {k - 1 for k in parts_before if k}, _compound_durations(numbers, tokens))


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
    if "-" not in text:
        return matches
    nouns = _duration_nouns(rules)
    if nouns is None:
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


def _note(num: Number, tokens: list[Token], reference_words: frozenset[str], subset: bool,
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


def _read_counted(num: Number, tokens: list[Token], counted: dict[str, str], rules: RuleSet,
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


def _plural_ahead(tokens: list[Token], i: int, counted: dict[str, str], stop: frozenset[str],
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


def _fill_elided_units(numbers: list[Number], tokens: list[Token], text: str) -> None:
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


def _measured_unlike(num: Number, text: str, bare: NumberMatch) -> bool:
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


def _number_tokens(numbers: list[Number]) -> dict[int, int]:
    """Token index -> index of the number whose expression or counted noun covers it."""
    taken: dict[int, int] = {}
    for n, num in enumerate(numbers):
        for i in range(num.first, max(num.noun_last, num.last)):
            taken[i] = n
    return taken


_GAP = "..."
_MAX_PHRASE_GAP = 6


def _match_phrase(tokens: list[Token], i: int, phrase: tuple[str, ...]) -> int | None:
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


def _find_triggers(tokens: list[Token], trig: _Triggers) -> list[Found]:
    """Every trigger phrase in the sentence: at each token the longest that matches.

    Phrases may overlap ("death toll" and "toll ... rose to" in "the death toll
    from the storm rose to 18"); each is looked up from its own end or start.
    """
    found: list[Found] = []
    last = len(tokens) - 1
    by_first = trig.by_first
    for i, tok in enumerate(tokens):
        opening = by_first.get(tok.low)
        if opening is None:
            continue
        candidates = opening.by_second.get(tokens[i + 1].low, opening.any_second) if i < last else opening.any_second
        for phrase, rule, side in candidates:
            end = _match_phrase(tokens, i, phrase)
            if end is not None:
                found.append(Found(i, end, rule, side, phrase))
                break
    return found


# Present-tense verbs a rate's noun is the subject of: "inflation hit 3%", "turnout stays at 40%".
_VERBS_AFTER_NOUN = frozenset({"hit", "stay", "remain", "reach", "top", "touch", "exceed", "near", "ease", "edge",
                               "come", "climb", "jump", "dip", "slow", "cool", "peak", "soar", "surge", "sink"})


def _names_another_noun(found: Found, tokens: list[Token], rules: RuleSet) -> bool:
    """A rate's or amount's noun trigger followed by another noun modifies it: "the 2% inflation TARGET", "a budget DEFICIT of $5bn"."""
    if found.rule.figure == "count" or is_verb(found) or found.end >= len(tokens):
        return False
    nxt = tokens[found.end]
    low = nxt.low
    if not nxt.text.isalpha() or not nxt.text[:1].islower():
        return False
    lex = rules.lexicon
    words = _word_sets(rules)
    return not (low in words.skippable or low in words.phrase_stops or low in SUBJECT_SKIP or low in AFTER_NAME
                or low in IRREGULAR_VERBS or low in _VERBS_AFTER_NOUN or low in lex.attribution_verbs
                or low in lex.weekdays or low in lex.months or any(t.startswith(low) for t in lex.relative_times)
                or low.endswith(("ed", "s", "ing", "ly")))


@dataclass(frozen=True, slots=True)
class _Link:
    gap: int
    rule: Rule
    start: int  # the trigger's first token
    found: Found | None = None  # the trigger itself


def _attach_all(numbers: list[Number], tokens: list[Token], found: list[Found], taken: dict[int, int],
                skippable: frozenset[str], part_cues: tuple[str, ...]) -> None:
    """Give each number the rule of the trigger linked to it.

    A trigger standing after one number and before the next ("One person is dead
    and four others are injured") belongs to the number before it when that number
    chose it: it is not offered again to the one after.
    """
    # Of two phrases ending on one word, the longer: "interest rates", not "rates".
    by_end = {f.end - 1: f for f in reversed(found) if f.side != AFTER}
    by_start = {f.start: f for f in found if f.side != BEFORE}

    def differ(num: Number):
        return lambda other: num.counted is not None and numbers[other].counted != num.counted

    def left(num: Number, claimed: frozenset[int]) -> _Link | None:
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


def _across_object(num: Number, tokens: list[Token], by_end: dict[int, Found], taken: dict[int, int],
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
    elif name_word(tokens[i]) and not POSSESSIVE.search(tokens[i].text):
        j = i
        while j - 1 >= 0 and i - j < 3 and name_word(tokens[j - 1]):
            j -= 1
        start = j
    else:
        j = i
        while j >= 0 and i - j < 3 and tokens[j].text.isalpha() and tokens[j].text[:1].islower() \
                and tokens[j].low not in DETERMINERS and tokens[j].low not in FUNCTION_WORDS:
            j -= 1
        if j < 0 or j == i or tokens[j].low not in DETERMINERS:
            return None
        start = j
    if any(k in taken for k in range(start, i + 1)):
        return None
    link = _scan(start - 1, -1, tokens, by_end, taken, skippable, taken.get(num.first), part_cues, frozenset())
    if link is None or link.gap or not is_verb(link.found) or link.found.rule.figure == "count":
        return None
    return link


_CLAUSE_JOINS = frozenset({"and", "but", "while", "whereas"})
_AFTER_SUBJECT_SKIP = frozenset({"more", "other", "others", "people", "of", "them", "those"})
_VERBS_AFTER_SUBJECT = frozenset({"was", "were", "is", "are", "has", "have", "had", "remain", "remains", "remained",
                                  "died", "shot", "hurt", "suffered", "sustained", "got", "went"})


def _opens_clause(num: Number, tokens: list[Token]) -> bool:
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


def _scan(i: int, step: int, tokens: list[Token], triggers: dict[int, Found], taken: dict[int, int],
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


def _cue_at(tokens: list[Token], i: int, cues: tuple[str, ...]) -> str | None:
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


def _link_parts(numbers: list[Number], tokens: list[Token], cues: tuple[str, ...]) -> None:
    """Mark "18 people, including four children" as four part of 18, and inherit the measure."""
    # The first number whose words (figure to counted noun) cover each token: one look-up
    # instead of a pass over the numbers before, which made a sentence of thousands of
    # figures quadratic (found by fuzzing: 28 s for "one one one ...", 5,000 times).
    covering: dict[int, int] = {}
    for k, number in enumerate(numbers):
        for i in range(number.first, max(number.noun_last, number.last)):
            covering.setdefault(i, k)
    for n, num in enumerate(numbers):
        if n == 0 or num.match.kind != COUNT or num.counted is None:
            continue  # a part names what it counts: "including four CHILDREN"
        for back in range(1, 6):
            i = num.first - back
            if i < 0 or tokens[i].text == ",":
                break
            if _cue_at(tokens, i, cues):
                whole = next((k for k in range(n - 1, -1, -1)
                              if numbers[k].last <= i and numbers[k].match.kind == COUNT), None)
                # The whole stands just before the cue: "18 people, including four children".
                if whole is not None and i - max(numbers[whole].noun_last, numbers[whole].last) <= 1:
                    num.part_of = whole
                break
            prev = covering.get(i, n)
            if prev < n:
                # "including 11 women and nine children": coordinated parts share the whole.
                if numbers[prev].part_of is not None and all(t.low in ("and", ",", "or") for t in tokens[i + 1:num.first]):
                    num.part_of = numbers[prev].part_of
                break
        if num.part_of is not None and num.rule is None:
            num.rule = numbers[num.part_of].rule


_CLOCK_WORDS = re.compile(r"\b(?:noon|midday|midnight)\b")


def _context(text: str, tokens: list[Token], rules: RuleSet, years: list[str], dates: list[str], title_case: bool,
             body_capitals: frozenset[str], trigger_words: frozenset[str], clocks: list[str] = ()) -> Context:
    lex = rules.lexicon
    low = text.lower()
    times: set[tuple[str, str]] = set()
    for n, tok in enumerate(tokens):
        if tok.low in lex.weekdays or without_possessive(tok.low) in lex.weekdays:
            times.add(("weekday", without_possessive(tok.low)))
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


def _month_may(tokens: list[Token], n: int) -> bool:
    """ "in May", "May 5", "May 2024" is the month; "May" opening a clause is a verb."""
    return (n > 0 and tokens[n - 1].low in _BEFORE_MONTH) or (n + 1 < len(tokens) and tokens[n + 1].text[:1].isdigit())


def _places(tokens: list[Token], lex, title_case: bool, body_capitals: frozenset[str],
            trigger_words: frozenset[str]) -> tuple[str, ...]:
    """Capitalised names after a locative preposition: "in Kyiv", "on Ukraine's Sumy and Odesa regions"."""
    places: set[str] = set()
    i = 0
    n = len(tokens)
    while i < n:
        if tokens[i].low not in LOCATIVE:
            i += 1
            continue
        j = i + 1
        if j < n and tokens[j].low == "the":
            j += 1
        run: list[str] = []
        while j < n:
            tok = tokens[j]
            word = without_possessive(tok.text)
            lw = word.lower()
            if (_CAPITALISED.fullmatch(word) and lw not in lex.weekdays and lw not in lex.months
                    and lw not in trigger_words and lw not in lex.qualifiers
                    and (not title_case or lw in body_capitals)):
                run.append(word)
                j += 1
                if word != tok.text:  # a possessive ends the name: "on Ukraine's Sumy region"
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
    after, quoted, before = _attribution_patterns(lex)
    m = after.search(text)
    if m:
        return m.group(1).strip()
    m = quoted.search(text)
    if m:
        return m.group(1).strip()
    m = before.match(text)
    if m:
        return m.group(1).strip()
    return None


@lru_cache(maxsize=8)
def _attribution_patterns(lex) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """ "..., police said", '"...," said the sheriff', "Police said ...": built once per lexicon, not per sentence."""
    verbs = "|".join(sorted(lex.attribution_verbs, key=len, reverse=True))
    return (re.compile(rf",\s*([^,;]{{2,80}}?)\s+(?:{verbs})\s*[.!?]?[\"”]?$"),
            re.compile(rf"[.!?\"”]\s*,?[\"”]?\s*(?:{verbs})\s+([^,.;]{{2,80}})[.!?]?$"),
            re.compile(rf"^([A-Z][^,;]{{2,60}}?)\s+(?:{verbs})\s"))


def article_places(claims: tuple[Claim, ...]) -> frozenset[str]:
    """Places an article is about: those named in the sentences of its measured claims.

    Not of its ages: "Smith, 45, of Leeds" says where Smith lives, not where the news happened.
    """
    places: set[str] = set()
    for claim in claims:
        if claim.measure is not None and claim.quantity.kind != AGE:
            places.update(claim.context.places)
    return frozenset(places)


def _age_rule(rules: RuleSet, num: Number, tokens: list[Token]) -> Rule | None:
    """The rule measuring ages: the one whose trigger the age is written with, else the first."""
    age_rules = [r for r in rules.rules if r.figure == "age"]
    if len(age_rules) < 2:
        return age_rules[0] if age_rules else None
    around = " ".join(t.low for t in tokens[max(0, num.first - 2):num.last])
    for rule in age_rules:
        if any(p in around for p in (*rule.triggers, *rule.triggers_before, *rule.triggers_after)):
            return rule
    return age_rules[0]


def _compound_durations(numbers: list[Number], tokens: list[Token]) -> set[int]:
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
