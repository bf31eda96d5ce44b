"""Read numbers out of a sentence: digits, words, scales, units, currencies, hedges.

:func:`find_numbers` returns every numeric expression with its interval and a
``kind`` that says whether it is a count or quantity worth comparing, or a year,
date, clock time, age, ordinal or identifier that must never be compared as one.
The grammar is English; the words (qualifiers, vague amounts, units,
currencies) come from the rule packs' lexicon.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from checker import units
from checker.extract.nouns import singular
from checker.model import Qualifier
from checker.rulepack import Lexicon, qualifier_of

SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
ABBREVIATED_SCALES = {"mn": 1e6, "mln": 1e6, "mil": 1e6, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12, "k": 1e3,
                      "m": 1e6, "b": 1e9}
def trie_pattern(words) -> str:
    """A regex alternation of literal words factored into a trie.

    Python's ``re`` tries alternatives one by one; sharing prefixes
    ("f(?:our(?:teen|ty)?|ive|ifteen|ifty)") makes long word lists cheap to scan.
    """
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        if ends:
            body = body if body.startswith("(?:") else "(?:" + body + ")"
            return body + "?"
        return body

    return build(trie)


_WORD = trie_pattern([*SMALL, *SCALES, "dozen"])
_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+"
)
# The longest number written in words has fewer words than this ("nine hundred and ninety-nine
# trillion nine hundred and ninety-nine billion ..." has 27): a run of number words is matched
# no further, so a page of "one one one ..." is scanned in linear time, not quadratic.
_MAX_WORDS = 40
# A number core: digits (not glued to a letter or hyphen before, as in "Kh-101"),
# or a run of number words ("twenty-one", "one hundred and five", "a dozen").
_WORDS_PATTERN = (rf"(?P<words>\b(?:an?\s+(?:dozen|hundred|thousand|million|billion)|{_WORD})"
                  rf"(?:(?:[\s-]+|\s+and\s+)(?:{_WORD})){{0,{_MAX_WORDS}}}\b)")
# The second end of a range may follow a hyphen directly ("18-25").
_RANGE_END = re.compile(rf"(?P<digits>{_DIGITS})|(?P<words>\b(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD})){{0,{_MAX_WORDS}}}\b)",
                        re.IGNORECASE)
_SCALE_AFTER = re.compile(
    r"\s*(?P<scale>(?:hundred\s+)?(?:thousand|million|billion|trillion)|hundred)\b"
    r"|(?P<abbr>\s?(?:mln|mn|mil|bln|bn|trn|tn)\b|(?:m|b|k)\b)",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(r"\s*(?:a\.?m\b\.?|p\.?m\b\.?|o'clock|gmt\b|bst\b|utc\b|cet\b|edt\b|est\b|local time)", re.IGNORECASE)
_HOURS_AFTER = re.compile(r"\s*hrs\b", re.IGNORECASE)
_GLUED_AFTER = re.compile(r"[:/⁄]\d|\d|[a-z]", re.IGNORECASE)
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_DECADE_SUFFIX = re.compile(r"'?s\b")
_AGE_AFTER = re.compile(r"[-\s](?:year|yr)s?[-\s]old\b|\s+years?\s+old\b|\s+years?\s+of\s+age\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)(?:\s+of)?(?:\s+between)?\s+$", re.IGNORECASE)
_AGE_NAME_COMMA = re.compile(r"[A-Z][\w'’-]+,\s$")
# "Jane Smith (45)", "Smith (45)": a name, then the age in brackets.
_AGE_NAME_PAREN = re.compile(r"\b[A-Z][\w'’-]+\s?\($")
_AFTER_COMMA_CLOSE = re.compile(r",|\)|\s+(?:and|was|is|who|had|has)\b")
_IDENT_BEFORE = re.compile(r"(?:\bno\.|\bnumber|#|\bnos?\.)\s*$", re.IGNORECASE)
_ASCII_POUND = re.compile(r"(?<![\w$£€¥])PS$")
_PHONE = re.compile(r"\(?\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}\b|\+\d{1,3}[\s-]\d")
_SUFFIX_QUALIFIER = re.compile(r"\s*(?:(?P<more>or more|or over|or above|\+|-plus\b|plus\b|and counting|and rising)|(?P<approx>or so\b))",
                               re.IGNORECASE)
# A postfix hedge written last in a number phrase ("20 or so", "20 or more"): it ends the phrase.
_SUFFIX_HEDGE_END = re.compile(r"(?:\bor\s+(?:so|more|over|above)|\band\s+(?:counting|rising)|\bplus|\+)$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|up to|to|and|or)\s*", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\b(?:between|from)\s+(?:\S+\s+)?$", re.IGNORECASE)
_PLURAL_AFTER = re.compile(r"\s+([a-z]{2,}s)\b")
_NOT_PLURALS = frozenset({"was", "has", "this", "plus", "does", "its", "thus", "yes", "less", "across", "is"})
_NEXT_WORD = re.compile(r"\W*?([A-Za-z][\w'’-]*)")

# Kinds: what a number is. Only COUNTABLE kinds are compared as figures.
COUNT, QUANTITY, CURRENCY, PERCENT = "count", "quantity", "currency", "percent"
YEAR, DATE, TIME, AGE, ORDINAL, IDENTIFIER, PHONE = "year", "date", "time", "age", "ordinal", "identifier", "phone"
SCORE = "score"
COUNTABLE = frozenset({COUNT, QUANTITY, CURRENCY, PERCENT})
QUANTITY_KINDS = frozenset({COUNT, QUANTITY, CURRENCY, PERCENT, AGE})


@dataclass(slots=True)
class NumberMatch:
    """A numeric expression found in a sentence (offsets relative to it)."""

    start: int  # the whole expression, qualifier to unit
    end: int
    core_start: int  # the number itself
    core_end: int
    value: float
    low: float | None
    high: float | None
    qualifier: Qualifier = Qualifier.EXACT
    low_open: bool = False
    high_open: bool = False
    unit: str | None = None
    currency: str | None = None
    precision: float = 0.0
    vague: bool = False
    kind: str = COUNT
    scale: float = 1.0  # the written scale word's factor ("million" -> 1e6)


@dataclass(frozen=True, slots=True)
class Grammar:
    """Regexes compiled from a lexicon; built once per lexicon."""

    currency_before: re.Pattern[str]
    currency_glued: re.Pattern[str]  # a code written against the digits: "USD10m", "RM23.50"
    currency_start: re.Pattern[str]  # a symbol opening the second end of a range: "$5 to $10"
    currency_after: re.Pattern[str]
    unit_after: re.Pattern[str]
    month_near: frozenset[str]
    # Every word any number or vague amount is spelt with: a sentence with no
    # digit and none of these holds no figure, and is skipped without a scan.
    number_words: frozenset[str] | None  # None: a phrase without letters, so no skipping
    # One pass finds vague amounts ("dozens"), digits and number words; the
    # vague alternative comes first so "hundreds" is not read as "hundred".
    scan: re.Pattern[str]


def _alternation(phrases) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True))


@lru_cache(maxsize=8)
def grammar_for(lexicon: Lexicon) -> Grammar:
    """Compile the lexicon's phrases into the regexes the scanner uses."""
    # Before a number: symbols ("$", "us$", "rs.") and ISO codes ("USD 5"); words
    # such as "won" or "yen" only after it ("the party won 200 seats").
    prefix_cur = [s for s, code in lexicon.currencies.items() if not s.isalpha() or s == code.lower()]
    # After a number: words and codes ("5 euros"), and bare signs as European style writes them ("1.200 €").
    suffix_cur = [s for s in lexicon.currencies if any(c.isalpha() for c in s) or len(s) == 1]
    # Written against the digits, short codes are currencies ("RM23.50", "Rs500", "USD10m").
    glued_cur = [s.upper() for s in lexicon.currencies if len(s.replace("$", "")) <= 3 and any(c.isalpha() for c in s)]
    unit_words = [u for u in lexicon.units if u not in lexicon.currencies] + [s.lower() for s in lexicon.symbols]
    return Grammar(
        currency_before=re.compile(rf"(?:^|(?<![\w$£€¥]))(?P<c>{_alternation(prefix_cur)})\s?$", re.IGNORECASE),
        currency_start=re.compile(rf"(?P<c>{_alternation(prefix_cur + glued_cur)})\s?(?=\d)", re.IGNORECASE),
        currency_glued=re.compile(rf"(?:^|(?<![\w$£€¥]))(?P<c>{_alternation(glued_cur)})$", re.IGNORECASE),
        currency_after=re.compile(rf"\s*(?P<c>{_alternation(suffix_cur)})(?![\w])", re.IGNORECASE),
        unit_after=re.compile(rf"(?:\s*|-)(?P<u>{_alternation(unit_words)})(?![\w])", re.IGNORECASE),
        month_near=frozenset(lexicon.months),
        number_words=_spelling_words([*SMALL, *SCALES, "dozen", "minus", *lexicon.vague]),
        # Digits match wherever they stand; what is glued before them (a currency
        # code, "sub-", a model name's letters) is judged in code, once per number.
        # The lookahead lets the engine pass over most positions (mid-word, spaces,
        # other initials) with one test instead of trying every alternative there.
        scan=re.compile(rf"(?=\b[{_initials([*SMALL, *SCALES, 'dozen', 'a', 'minus', *lexicon.vague])}]|[\d.\-−])"
                        rf"(?:\b(?P<v>{trie_pattern(lexicon.vague) or '(?!)'})\b"
                        rf"|(?P<digits>(?<![\d.,])[-−]?(?:{_DIGITS}))|{_WORDS_PATTERN}"
                        rf"|\bminus\s+(?P<minus>{_DIGITS}))", re.IGNORECASE),
    )


def _initials(words) -> str:
    """The first characters of ``words`` as the body of a regex character class."""
    return "".join(re.escape(c) for c in sorted({w[0] for w in words if w}))


def _spelling_words(phrases: list[str]) -> frozenset[str] | None:
    """One word of each phrase, its longest: a phrase cannot match where that word is absent."""
    words = set()
    for phrase in phrases:
        parts = _ASCII_WORD.findall(phrase.casefold())
        if not parts:
            return None
        words.add(max(parts, key=len))
    return frozenset(words)


_WORD_SPLIT = re.compile(r"[A-Za-z]+")
_ASCII_WORD = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")


def read_number_words(text: str, *, and_ends: bool = False) -> tuple[float | None, int]:
    """The value of the longest well-formed number at the start of ``text``, and its length.

    Stops where the words stop making one number: "fourteen and forty" is 14,
    "four five" is 4, "one hundred and two hundred" is 100 (a second number
    follows the "and"), but "one hundred and five" is 105 and "twenty-one" 21.
    With ``and_ends`` ("between one hundred and one thousand") an "and" always
    ends the number.
    """
    total, group = 0.0, 0.0  # group: the part below the last scale word
    smallest_scale = float("inf")
    total_used = 0
    last = None  # "unit", "teen", "ten", "hundred", "scale", "article"
    used = 0
    value = None
    after_and: tuple[float | None, int] | None = None  # what to return if the words after "and" fail
    for m in _WORD_SPLIT.finditer(text):
        word = m.group().lower()
        if word == "and":
            if last not in ("hundred", "scale") or and_ends:
                break
            after_and = (value, used)  # "one hundred and one thousand and one" has two
            continue
        if word in ("a", "an") and last is None:
            group, last = 1.0, "article"
            continue
        if word == "dozen":
            if last not in (None, "unit", "article", "ten", "teen"):
                break
            group, kind = (group or 1) * 12, "scale"
        elif word in SMALL:
            n = SMALL[word]
            kind = "ten" if n >= 20 and n % 10 == 0 else "teen" if n >= 10 else "unit"
            if last in ("unit", "teen", "ten", "article") and not (last == "ten" and kind == "unit"):
                break
            group += n
        elif word == "hundred":
            if last not in (None, "unit", "teen", "ten", "article") or group >= 100:
                break
            group, kind = (group or 1) * 100, "hundred"
        elif word in SCALES:
            if last == "scale" and group == 0:
                break
            if SCALES[word] >= smallest_scale:
                # "one million and two million": scales only fall within one number.
                if after_and is not None:
                    return after_and
                return (total or None, total_used) if total else (value, used)
            total += (group or 1) * SCALES[word]
            smallest_scale = SCALES[word]
            total_used = m.end()
            group, kind = 0.0, "scale"
        else:
            break
        last = kind
        used = m.end()
        value = total + group
    else:
        return value, used
    # Broken off by another number word after an "and": if what follows the "and"
    # is a number of its own ("one hundred and two hundred"), the first ends before it.
    grammar_break = word in SMALL or word in SCALES or word in ("hundred", "dozen", "and")
    if after_and is not None and (used <= after_and[1] or grammar_break and _and_started_new_number(text, after_and[1])):
        return after_and
    return value, used


_AND_NUMBER = re.compile(rf"\s+and\s+(?:\d|(?:{_WORD})\b)", re.IGNORECASE)


def _between_split(text: str) -> int | None:
    """Where "between A and B" splits when the words hold several "and"s.

    Of the "and"s, the range's is the one that leaves two whole numbers with
    A < B: "between one thousand and one hundred and one thousand" is 1,000 to
    101,000. None when no split, or more than one, works.
    """
    clause = re.split(r"[,;.](?=\s|$)", text, maxsplit=1)[0]
    ands = [m for m in re.finditer(r"\s+and\s+", clause, re.IGNORECASE)]
    if len(ands) < 2:
        return None
    valid = []
    for m in ands:
        head = clause[:m.start()]
        low, used = read_number_words(head)
        if low is None or used != len(head):
            continue
        tail = clause[m.end():]
        digits = re.match(r"[\d,]+(?:\.\d+)?", tail)
        if digits:
            high, used = float(digits.group().replace(",", "")), digits.end()
        else:
            high, used = read_number_words(tail)
        # B must end the range: "one thousand and 101001" is not one number.
        if high is not None and low < high and not _AND_NUMBER.match(tail, used):
            valid.append(m.start())
    return valid[0] if len(valid) == 1 else None


def _and_started_new_number(text: str, cut: int) -> bool:
    """Whether the words after "and" at ``cut`` read as a whole number with its own scale."""
    rest = re.match(r"\s+and\s+(.*)", text[cut:], re.IGNORECASE | re.DOTALL)
    if not rest:
        return False
    # An "and" ends the words read here: what stands before it already says whether they
    # reach 100 (an "and" only goes on after "hundred" or a scale), and reading on would
    # recurse once per "and" ("one hundred and one hundred and ..." overflowed the stack).
    value, _ = read_number_words(rest.group(1), and_ends=True)
    return value is not None and value >= 100


def _digits_value(text: str) -> tuple[float, int]:
    """Value and number of decimals of a digit string with separators."""
    clean = re.sub(r"[,\u00a0\u202f\u2009]", "", text).replace("−", "-")
    decimals = len(clean.split(".", 1)[1]) if "." in clean else 0
    return float(clean), decimals


def find_numbers(sentence: str, lexicon: Lexicon, *, title_case: bool = False) -> list[NumberMatch]:
    """Every numeric expression in ``sentence``, in order, ranges merged."""
    g = grammar_for(lexicon)
    if (g.number_words is not None and not _DIGIT.search(sentence)
            and g.number_words.isdisjoint(_ASCII_WORD.findall(sentence.casefold()))):
        return []
    found: list[NumberMatch] = []
    pos = 0
    n = len(sentence)
    while pos < n:
        core = g.scan.search(sentence, pos)
        if core is None:
            break
        if core.group("v"):
            match = _read_vague(sentence, core, g, lexicon)
            _keep_apart(match, found, g, sentence)
            found.append(match)
            pos = match.end
            continue
        minus_at = core.start() if core.group("minus") else None
        sub_at = None
        if core.group("minus"):
            core = _RANGE_END.match(sentence, core.start("minus"))
        elif core.group("digits"):
            attached = _attached_before(sentence, core.start("digits"), g)
            if attached == "skip" and _dash_after_hedge(sentence, core.start("digits"), found):
                # "20 or so-30": the hyphen after a hedged figure is a dash, not a sign or a model name.
                core = _RANGE_END.match(sentence, core.start("digits") + 1)
            elif attached == "skip":
                pos = core.end()
                continue
            if attached in ("sub", "minus"):
                sub_at, minus_at = (core.start() - 3, None) if attached == "sub" else (None, core.start() - 5)
                core = _RANGE_END.match(sentence, core.start("digits") + 1)
        match = _read_core(sentence, core, g, lexicon, title_case)
        if match is not None and minus_at is not None:
            _negate(match, minus_at)
        if match is not None and sub_at is not None and match.qualifier == Qualifier.EXACT:
            # "sub-300 sq m": under 300.
            match.start, match.low, match.high_open = sub_at, 0.0, True
            match.qualifier = Qualifier.LESS_THAN
        # A run of number words may hold two numbers ("fourteen and forty"): go on after the first.
        pos = max(match.end, core.start() + 1) if match else core.end()
        if match is None:
            continue
        match = _merge_range(sentence, match, g, lexicon, title_case, found)
        pos = max(pos, match.end)
        _keep_apart(match, found, g, sentence)
        found.append(match)
    return found


def _attached_before(sentence: str, start: int, g: Grammar) -> str | None:
    """What is written against the digits at ``start``.

    None when nothing is ("18", " -5"); "sub" or "minus" for "sub-300" and
    "minus-5"; "skip" for a model name, an identifier or the second half of a
    date ("Kh-101", "G7", "COVID-19", "08" in "28/08"); a currency code glued
    to the digits ("USD10m") is fine and read as the currency.
    """
    prev = sentence[start - 1:start]
    signed = sentence[start:start + 1] in "-−"
    if signed and start:
        word = re.search(r"([A-Za-z]+)$", sentence[max(0, start - 8):start])
        if word is None:
            return None if not sentence[start - 1].isalnum() else "skip"
        return {"sub": "sub", "minus": "minus"}.get(word.group(1).lower(), "skip")
    if not prev:
        return None
    if prev in "./−-" or prev == "_":
        return "skip"
    if prev.isalpha():
        window = sentence[max(0, start - 6):start]
        return None if g.currency_glued.search(window) or _ASCII_POUND.search(window) else "skip"
    return None


def _ends_with_suffix_hedge(sentence: str, match: NumberMatch) -> bool:
    """Whether ``match`` ends with a postfix hedge ("20 or so", "5 or more", "40-plus")."""
    return match.end > match.core_end and _SUFFIX_HEDGE_END.search(sentence, match.core_end, match.end) is not None


def _dash_after_hedge(sentence: str, hyphen: int, found: list[NumberMatch]) -> bool:
    """Whether the hyphen at ``hyphen`` directly follows a figure that a postfix hedge ended."""
    return bool(found) and found[-1].end == hyphen and sentence[hyphen:hyphen + 1] in "-−" \
        and _ends_with_suffix_hedge(sentence, found[-1])


def _negate(match: NumberMatch, start: int) -> None:
    """ "minus 5 degrees": the figure is below zero."""
    low, high = match.low, match.high
    match.value = -match.value
    match.low = None if high is None else -high
    match.high = None if low is None else -low
    match.low_open, match.high_open = match.high_open, match.low_open
    match.start = min(match.start, start)


def _keep_apart(match: NumberMatch, found: list[NumberMatch], g: Grammar, sentence: str) -> None:
    """Trim a match that starts inside the one before: expressions never overlap.

    "5 USD 10 years": the code belongs to the 5; "5 or over 6": the "or over"
    hedges the 5, not the 6.
    """
    if not found or match.start >= found[-1].end:
        return
    if match.currency is not None and match.core_start >= found[-1].end and match.unit is None \
            and not g.currency_after.match(sentence, match.core_end):
        match.currency, match.kind = None, COUNT
    if match.qualifier not in (Qualifier.EXACT, Qualifier.RANGE) and match.core_start >= found[-1].end:
        if match.vague:
            match.qualifier, match.low, match.high, match.low_open = Qualifier.RANGE, match.value, match.high, False
        else:
            match.qualifier, match.low, match.high = Qualifier.EXACT, match.value, match.value
            match.low_open = match.high_open = False
    match.start = max(match.core_start, found[-1].end)


def _read_vague(sentence: str, m: re.Match[str], g: Grammar, lexicon: Lexicon) -> NumberMatch:
    low, high = lexicon.vague[re.sub(r"\s+", " ", m.group("v").lower())]
    result = NumberMatch(m.start(), m.end(), m.start(), m.end(), low, low, high, Qualifier.RANGE,
                         high_open=True, vague=True)
    _apply_qualifier_before(sentence, result, g, lexicon)
    _apply_unit_after(sentence, result, g, lexicon)
    return result


_GLUED_DATE_OR_TIME = re.compile(r"[:/⁄]\d")  # "28/08", "10:30"
_GROUP_SEPARATOR = re.compile("[,\u00a0\u202f\u2009]")
_BETWEEN_ENDING = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_HYPHEN_WORD = re.compile(r"-[a-z]", re.IGNORECASE)
_LOWER_WORD = re.compile(r"[a-z]+")
_LETTER = re.compile(r"[a-z]", re.IGNORECASE)


def _read_core(sentence: str, core: re.Match[str], g: Grammar, lexicon: Lexicon, title_case: bool) -> NumberMatch | None:
    start, end = core.span()
    scale = 1.0
    precision_unit = 0.0
    digits = core.group("digits")
    if digits:
        text = digits
        value, decimals = _digits_value(text)
        nxt = sentence[end:end + 1]
        after = sentence[end:end + 12]
        if nxt and _GLUED_AFTER.match(sentence, end):
            fraction = _FRACTION.match(sentence, start)
            if fraction and float(fraction.group(1)) < float(fraction.group(2)):
                # "1/2 pound", "1⁄16 of a pint": a fraction, not a date.
                value = float(fraction.group(1)) / float(fraction.group(2))
                end = fraction.end()
                result = NumberMatch(start, end, start, end, value, value, value, precision=0.0)
                _apply_unit_after(sentence, result, g, lexicon)
                if result.unit is None and result.currency is None:
                    _apply_unit_after_of(sentence, result, g, lexicon)
                result.kind = result.kind if result.unit or result.currency else COUNT
                return result
            if _GLUED_DATE_OR_TIME.match(sentence, end):
                return _skip_kind(start, _span_of_glued(sentence, end), TIME if ":" in after[:1] else DATE)
            if nxt.isdigit():
                return None
            if _ORDINAL_SUFFIX.match(sentence, end):
                return _skip_kind(start, end + 2, ORDINAL)
            if _DECADE_SUFFIX.match(sentence, end) and 1000 <= value <= 2100:
                return _skip_kind(start, end + 1, YEAR)
        precision_unit = 0.5 * 10 ** -decimals if decimals else 0.0
        is_plain_integer = decimals == 0 and _GROUP_SEPARATOR.search(text) is None
    else:
        text = core.group("words")
        lowered = text.lower()
        if lowered == "one" and _is_pronoun_one(sentence, start, end):
            return None
        between = _BETWEEN_ENDING.search(sentence[max(0, start - 10):start])
        split = _between_split(sentence[start:start + 160]) if between else None
        if split is not None:
            value, used = read_number_words(sentence[start:start + split])
        else:
            value, used = read_number_words(text, and_ends=bool(between))
        if value is None:
            return None
        end = start + used
        text = sentence[start:end]
        if _HYPHEN_WORD.match(sentence, end):
            return None  # "a five-year award", "a six-speed gearbox": a modifier, not a figure
        is_plain_integer = False
        scale = max((SCALES[w] for w in _LOWER_WORD.findall(text.lower()) if w in SCALES and w != "hundred"),
                    default=1.0)
    result = NumberMatch(start, end, start, end, value, value, value)
    result.scale = scale
    scale = 1.0

    # Number words take their scale words themselves ("two million").
    scale_m = _SCALE_AFTER.match(sentence, end) if digits else None
    currency = _currency_before(sentence, start, g, lexicon)
    if currency is None and digits and _ASCII_POUND.search(sentence, max(0, start - 3), start):
        # Text passed through an ASCII transliteration writes "£2.7m" as "PS2.7m";
        # "PS5" (a console) is a plain integer with no scale: a label, not money.
        if is_plain_integer and not (scale_m and scale_m.start() == end):
            return None
        currency = ("GBP", start - 2)
    if scale_m:
        word = (scale_m.group("scale") or scale_m.group("abbr")).strip().lower()
        glued_letter = word in ("m", "b", "k")
        # "m" is a million after a currency or before a plural noun ("$5m", "1.2m people"),
        # otherwise metres; "k" and "b" only ever scale money or glue to digits.
        if word.split()[-1] in SCALES:
            scale = 1.0
            for part in word.split():  # "4 hundred million"
                scale *= SCALES[part]
        elif not glued_letter:
            scale = ABBREVIATED_SCALES[word]
        elif currency or (word != "m" and digits) or (word == "m" and _followed_by_noun(sentence, scale_m.end(), lexicon)):
            scale = ABBREVIATED_SCALES[word]
        if scale != 1.0:
            result.end = scale_m.end()
            result.core_end = scale_m.end()
            is_plain_integer = False
    if digits and scale == 1.0 and _LETTER.match(sentence, end):
        # Digits glued to letters that are not a unit ("4G", "3D", "10am") are not figures.
        glued_unit = g.unit_after.match(sentence, end)
        if glued_unit and lexicon_unit(lexicon, glued_unit.group("u")) is None:
            glued_unit = None
        if not glued_unit and not g.currency_after.match(sentence, end):
            if _TIME_AFTER.match(sentence, end):
                return _skip_kind(start, _TIME_AFTER.match(sentence, end).end(), TIME)
            return None
    result.value = value * scale
    result.scale = max(scale, result.scale)
    result.low = result.high = result.value
    result.precision = (precision_unit * scale) if precision_unit else (0.5 * scale if scale >= 1000 else 0.0)

    if currency:
        code, cur_start = currency
        result.currency = code
        result.start = cur_start
        result.kind = CURRENCY
    # Classify what the number is before reading units after it.
    kind = _classify(sentence, result, g, lexicon, is_plain_integer, title_case)
    if kind is not None:
        result.kind = kind
        if kind == AGE:
            result.unit = "year"
            age = _AGE_AFTER.match(sentence, result.end)
            if age:
                result.end = age.end()
        return result
    _apply_unit_after(sentence, result, g, lexicon)
    _apply_qualifier_before(sentence, result, g, lexicon)
    _apply_suffix_qualifier(sentence, result)
    _apply_sign(sentence, result)
    return result


def _apply_sign(sentence: str, r: NumberMatch) -> None:
    """ "~45g" is about 45 g; "+0.3%" and "-1.6%" in market reports are changes."""
    if r.qualifier != Qualifier.EXACT or r.start != r.core_start:
        return
    sign = sentence[r.start - 1:r.start] if r.start else ""
    text = sentence[r.core_start:r.core_end]
    if sign == "~":
        r.qualifier, r.start = Qualifier.APPROX, r.start - 1
    elif r.kind == PERCENT and sign == "+" and (r.start < 2 or not sentence[r.start - 2].isalnum()):
        r.qualifier, r.start = Qualifier.INCREASE, r.start - 1
    elif r.kind == PERCENT and text[:1] in "-−" and r.value < 0:
        r.qualifier = Qualifier.DECREASE  # the value keeps its sign, as written


def _skip_kind(start: int, end: int, kind: str) -> NumberMatch:
    return NumberMatch(start, end, start, end, 0.0, None, None, kind=kind)


def _span_of_glued(sentence: str, end: int) -> int:
    m = re.compile(r"[:/.]?[\d:/.]*\d(?:\s*[ap]\.?m\.?)?", re.IGNORECASE).match(sentence, end)
    return m.end() if m else end


def _is_pronoun_one(sentence: str, start: int, end: int) -> bool:
    before = sentence[max(0, start - 12):start].lower()
    after = sentence[end:end + 10].lower()
    return bool(re.search(r"\b(?:no|any|every|some|the|this|that|which|each|little|last|only)\s+$", before)
                or re.match(r"\s*(?:another|'s|’s)\b", after) or re.match(r"-(?:off|time|way|sided)\b", after))


def _followed_by_plural(sentence: str, pos: int) -> bool:
    m = _PLURAL_AFTER.match(sentence, pos)
    return bool(m) and m.group(1).lower() not in _NOT_PLURALS


_RANGE_TAIL = re.compile(r"\s*(?:-|–|to)\s*[\d,]+")


def _counts_people(sentence: str, pos: int, lexicon: Lexicon) -> bool:
    """A counted noun of the lexicon follows, directly or after a range's end ("1500-2000 people")."""
    m = _NEXT_WORD.match(sentence, pos)
    if m and m.start(1) - pos <= 1 and m.group(1).lower() in lexicon.counted:
        return True
    tail = _RANGE_TAIL.match(sentence, pos)
    if tail:
        m = _NEXT_WORD.match(sentence, tail.end())
        return bool(m and m.start(1) - tail.end() <= 1 and m.group(1).lower() in lexicon.counted)
    return False


def _followed_by_noun(sentence: str, pos: int, lexicon: Lexicon) -> bool:
    m = _NEXT_WORD.match(sentence, pos)
    return _followed_by_plural(sentence, pos) or bool(m and m.group(1).lower() in lexicon.counted)


def _currency_before(sentence: str, start: int, g: Grammar, lexicon: Lexicon) -> tuple[str, int] | None:
    window = sentence[max(0, start - 6):start]
    m = g.currency_before.search(window)
    if not m and window[-1:].isalpha():
        m = g.currency_glued.search(window)
    if not m:
        return None
    return lexicon.currencies[m.group("c").lower()], start - (len(window) - m.start("c"))


def _classify(sentence: str, r: NumberMatch, g: Grammar, lexicon: Lexicon, plain_integer: bool, title_case: bool) -> str | None:
    """YEAR, DATE, TIME, AGE, IDENTIFIER or PHONE when the number is not a figure, else None."""
    start, end = r.core_start, r.core_end
    before = sentence[max(0, start - 40):start]
    after = sentence[end:end + 40]
    phone = _PHONE.match(sentence, start)
    if phone:
        r.end = r.core_end = max(r.end, _span_of_glued(sentence, phone.end()))
        return PHONE
    if _TIME_AFTER.match(sentence, end) and r.currency is None and r.value <= 24:
        return TIME
    if (_HOURS_AFTER.match(sentence, end) and end - start == 4 and sentence[start:end].isdigit()
            and r.value < 2400 and r.value % 100 < 60):
        r.end = _HOURS_AFTER.match(sentence, end).end()
        return TIME  # "at 1400 hrs": a clock time, not a duration
    if _AGE_AFTER.match(sentence, end) or _AGE_BEFORE.search(before):
        return AGE
    if (plain_integer and r.value <= 120 and _AGE_NAME_COMMA.search(before)
            and _AFTER_COMMA_CLOSE.match(sentence, end) and not re.search(r"\b(?:of|in|on|at|from)\s+[A-Z][\w'’-]*,\s$", before)):
        # "Jane Smith, 45, was ..." - a name, a comma and a small number.
        return AGE
    if (plain_integer and 1 <= r.value <= 110 and sentence[end:end + 1] == ")" and _AGE_NAME_PAREN.search(before)
            and not re.search(r"\b(?:of|in|on|at|from|The|A|An)\s+[A-Z][\w'’-]+\s?\($", before)):
        return AGE  # "Jane Smith (45) was ..."
    prev = _previous_word(before)
    prev_word = prev[0].lower().rstrip(".") if prev else None
    nxt = _NEXT_WORD.match(after)
    next_word = nxt.group(1).lower() if nxt else None
    if r.currency is None and plain_integer and (prev_word in g.month_near or next_word in g.month_near) and r.value <= 31:
        return DATE
    if r.currency is None and plain_integer and 1000 <= r.value <= 2199 and len(str(int(r.value))) == 4:
        # "in 2019 protests erupted" is a year; "2019 people were evacuated" a count.
        dated = prev_word in _YEAR_PREPOSITIONS
        qualifier = hedge_before(before, lexicon)
        # "between 2101 and 2102 people": the first end counts what the second counts.
        counted_at = end
        if prev_word == "between":
            second = _BETWEEN_SECOND.match(sentence, end)
            counted_at = second.end() if second else end
        if not qualifier and not g.unit_after.match(sentence, end) and (
                dated or not _counts_people(sentence, counted_at, lexicon)):
            return YEAR
    if _IDENT_BEFORE.search(before):
        return IDENTIFIER
    if (r.currency is None and prev_word in lexicon.label_words and before[prev[1]:].strip() in ("", "#")
            and sentence[start:start + 1].isdigit() and not g.unit_after.match(sentence, end)):
        return IDENTIFIER  # "category 4", "flight 370"; not "FTSE -0.6%"
    if r.currency is None and plain_integer and _is_address(sentence, end, lexicon):
        return IDENTIFIER  # "49 Zorro Ranch Road"
    sentence_initial = prev is not None and not sentence[:max(0, start - 40) + prev[1] - len(prev[0])].strip()
    if (r.currency is None and prev and prev[1] == len(before) - 1 and before.endswith(" ")
            and not title_case and not sentence_initial and any(c.isupper() for c in prev[0])):
        word = prev[0].lower()
        known = word in lexicon.linking or word in g.month_near or word in lexicon.qualifiers or word in lexicon.counted
        if not known and not g.unit_after.match(sentence, end) and (
                not _followed_by_noun(sentence, end, lexicon) or _followed_by_capital(sentence, end)):
            # "Route 66", "Boeing 737", "iPhone 11 Pro": a label, not a figure.
            return IDENTIFIER
    return None


_BETWEEN_SECOND = re.compile(r"\s+and\s+[\d,]+")
_WORD_CHARS = frozenset("'’.-_&")
_YEAR_PREPOSITIONS = frozenset({"in", "since", "until", "till", "from", "of", "during", "before", "after", "circa",
                                "c", "early", "late", "mid", "spring", "summer", "autumn", "fall", "winter"})


def _previous_word(before: str) -> tuple[str, int] | None:
    """The last word in ``before`` (starting with a letter) and the index just after it."""
    end = len(before)
    while end and not (before[end - 1].isalnum() or before[end - 1] == "_"):
        end -= 1
    start = end
    while start and (before[start - 1].isalnum() or before[start - 1] in _WORD_CHARS):
        start -= 1
    while start < end and not before[start].isalpha():
        start += 1
    if start >= end or not before[start].isascii():
        return None
    return before[start:end], end


_FRACTION = re.compile(r"(\d{1,3})[/⁄](\d{1,3})(?![\d/⁄])")
_OF_A = re.compile(r"\s+of\s+an?\s+", re.IGNORECASE)


def _apply_unit_after_of(sentence: str, r: NumberMatch, g: Grammar, lexicon: Lexicon) -> None:
    """ "1/16 of a US pint": the unit a fraction is of."""
    m = _OF_A.match(sentence, r.end)
    if not m:
        return
    for pos in (m.end(), _skip_word(sentence, m.end())):
        probe = NumberMatch(r.start, pos, r.core_start, r.core_end, r.value, r.low, r.high)
        _read_unit_after(sentence, probe, g, lexicon)
        if probe.unit:
            r.unit, r.end, r.kind = probe.unit, probe.end, probe.kind
            return


def _skip_word(sentence: str, pos: int) -> int:
    m = re.compile(r"\w+").match(sentence, pos)
    return m.end() if m else pos


_CAPITAL_AFTER = re.compile(r"\s+[A-Z]")
_ADDRESS_WORDS = re.compile(r"\s+([A-Za-z0-9][\w'’-]*)\.?")


def _followed_by_capital(sentence: str, pos: int) -> bool:
    return _CAPITAL_AFTER.match(sentence, pos) is not None


def _is_address(sentence: str, pos: int, lexicon: Lexicon) -> bool:
    """A house number: capitalised words then a street word ("49 Zorro Ranch Road", "9 E 71st St")."""
    if sentence[pos:pos + 10].lower().startswith(" block of"):
        return True
    start = pos
    for _ in range(4):
        m = _ADDRESS_WORDS.match(sentence, pos)
        if not m or not (m.group(1)[:1].isupper() or m.group(1)[:1].isdigit()):
            return False
        if m.group(1).lower() in lexicon.street_words and pos > start:
            return True
        pos = m.end()
    return False


# "a"/"an" make a rate only before words that are units of time or of sale:
# "$9 a month", "52,000 barrel-a-day"; "5 a piece of" and "10 a side" stay plain.
_RATE_A = re.compile(r"(?:\s+|-)an?[\s-](year|month|week|day|hour|hr|night|game|share|barrel|person|capita|head|"
                     r"gallon|litre|liter|kilo|kilogram|tonne|ton|unit)\b", re.IGNORECASE)
_RATE_PER = re.compile(r"\s*(?:per|/)\s*(?=[A-Za-z])", re.IGNORECASE)
_RATE_NOUN = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]")
# After "per" these do not name what a price or amount is divided by.
_NOT_DENOMINATORS = frozenset({"the", "a", "an", "cent", "centum", "se", "his", "her", "its", "their", "our", "this",
                               "that", "which", "annum"})


_ASIDE = re.compile(r"\s*\([^()]{1,40}\)")


def _rate_denominator(sentence: str, pos: int, g: Grammar, lexicon: Lexicon) -> tuple[str, int] | None:
    """What follows "per", "/" or "a" at ``pos`` after a figure, and where it ends: ("gram", end)."""
    m = _RATE_A.match(sentence, pos)
    if m:
        return {"hr": "hour"}.get(m.group(1).lower(), m.group(1).lower()), m.end()
    m = _RATE_PER.match(sentence, pos)
    if not m:
        return None
    unit = g.unit_after.match(sentence, m.end())
    if unit:  # "$80 per sq m": the lexicon's name for the unit
        name = lexicon_unit(lexicon, re.sub(r"\s+", " ", unit.group("u")))
        if name is not None:
            return name, unit.end()
    word = _RATE_NOUN.match(sentence, m.end())
    if word is None or word.group(0).lower() in _NOT_DENOMINATORS:
        return None
    if "per" not in sentence[pos:m.end()].lower() and len(word.group(0)) > 12:
        return None  # "10/hourly-paid" is no rate: "/" takes short unit words only
    return singular(word.group(0).lower()), word.end()


def _apply_rate(sentence: str, r: NumberMatch, g: Grammar, lexicon: Lexicon) -> None:
    """ "RM79 a month", "$62 per share", "$10 per gram": money or a unit per something is a rate."""
    if not (r.currency or r.unit):
        return
    found = _rate_denominator(sentence, r.end, g, lexicon)
    aside = _ASIDE.match(sentence, r.end) if found is None else None
    if aside:
        # "C$6 (US$4.46) per share": the rate follows a converted amount in brackets;
        # the figure's own text stays where it ends.
        found = _rate_denominator(sentence, aside.end(), g, lexicon)
        if found is not None:
            found = (found[0], r.end)
    if found is None:
        return
    per, end = found
    if r.currency:
        r.currency = f"{r.currency} per {per}"
    elif units.is_unit(f"{r.unit} / {per}"):
        r.unit = f"{r.unit} / {per}"  # a physical rate stays a pint unit: km/hour converts
    else:
        r.unit = f"{r.unit} per {per}"
    r.end = end


_PER = re.compile(r"\s*(?:/|per\s+)(?=\S)", re.IGNORECASE)


def _apply_unit_after(sentence: str, r: NumberMatch, g: Grammar, lexicon: Lexicon) -> None:
    _read_unit_after(sentence, r, g, lexicon)
    if r.unit and "/" not in r.unit:
        # "10 kV/cm", "3 g per litre": a unit over a unit of the lexicon.
        per = _PER.match(sentence, r.end)
        below = g.unit_after.match(sentence, per.end()) if per else None
        if below:
            denominator = lexicon_unit(lexicon, re.sub(r"\s+", " ", below.group("u")))
            ratio = f"{r.unit} / {denominator}"
            if denominator is not None and units.is_unit(ratio):
                r.unit, r.end = ratio, below.end()
    _apply_rate(sentence, r, g, lexicon)


def _read_unit_after(sentence: str, r: NumberMatch, g: Grammar, lexicon: Lexicon) -> None:
    cur = g.currency_after.match(sentence, r.end)
    if cur and len(cur.group("c")) == 1 and cur.group("c").isalpha() and cur.start("c") != r.end:
        cur = None  # a one-letter currency is glued to its figure ("164p"); "5 p" is not pence
    if cur and r.currency is None:
        r.currency = lexicon.currencies[re.sub(r"\s+", " ", cur.group("c").lower())]
        r.end = cur.end()
        r.kind = CURRENCY
        return
    if r.currency is not None:
        return
    unit = g.unit_after.match(sentence, r.end)
    if unit:
        written = re.sub(r"\s+", " ", unit.group("u"))
        surface = written.lower()
        # A lone "m" or "g" glued after a word number is too ambiguous to be a unit.
        if surface in ("m", "g") and not sentence[r.core_end - 1:r.core_end].isdigit():
            return
        unit_name = lexicon_unit(lexicon, written)
        if unit_name is None:
            return
        r.unit = unit_name
        r.end = unit.end()
        r.kind = PERCENT if r.unit == "percent" else QUANTITY


def lexicon_unit(lexicon: Lexicon, written: str) -> str | None:
    """The unit a written surface names: case-sensitive symbols first ("Nm" is not "nm")."""
    if written in lexicon.symbols:
        return lexicon.symbols[written]
    if written.lower() in _folded_symbols(lexicon):
        return None  # "4G": a symbol in the wrong case is not that unit
    return lexicon.units.get(written.lower())


@lru_cache(maxsize=8)
def _folded_symbols(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(s.lower() for s in lexicon.symbols)


_HEDGE_WORD = re.compile(r"[^\s(\"“]+")


@lru_cache(maxsize=8)
def _longest_hedge(lexicon: Lexicon) -> int:
    return max((len(p.split()) for p in lexicon.qualifiers), default=0)


def hedge_before(before: str, lexicon: Lexicon) -> tuple[str, int] | None:
    """The hedge phrase ending ``before`` (followed by white space) and where it starts.

    Looks the last few words up in the lexicon, longest first: a dictionary
    lookup instead of a right-anchored regex tried at every position.
    """
    if not before or not before[-1].isspace():
        return None
    words = [(m.start(), m.group().lower()) for m in _HEDGE_WORD.finditer(before)]
    if words and words[-1][1] == "by" and len(words) > 1:
        # "grew by 35 per cent": the trend word stands before the "by".
        found = _hedge_phrase(words[:-1], lexicon)
        if found and lexicon.qualifiers[found[0]][0] in ("increase", "decrease"):
            return found
    found = _hedge_phrase(words, lexicon)
    if found and lexicon.qualifiers[found[0]][0] not in ("increase", "decrease"):
        # "up nearly 57%": a change hedged; that it is a change matters more.
        trend = _hedge_phrase(words[: -len(found[0].split())], lexicon)
        if trend and lexicon.qualifiers[trend[0]][0] in ("increase", "decrease"):
            return trend
    return found


def _hedge_phrase(words: list[tuple[int, str]], lexicon: Lexicon) -> tuple[str, int] | None:
    """The longest lexicon hedge made of the last words."""
    for n in range(min(len(words), _longest_hedge(lexicon)), 0, -1):
        phrase = " ".join(w for _, w in words[-n:])
        if phrase in lexicon.qualifiers:
            return phrase, words[-n][0]
    return None


def _apply_qualifier_before(sentence: str, r: NumberMatch, g: Grammar, lexicon: Lexicon) -> None:
    before = sentence[max(0, r.start - 30):r.start]
    hedge = hedge_before(before, lexicon)
    if hedge is None:
        return
    phrase, at = hedge
    shapes = lexicon.qualifiers[phrase]
    shape = shapes[0]
    if shape in ("increase", "decrease"):
        # "rose to 18" is a level, "rose 18%" or "up 5" a change.
        if re.search(r"\bto\s*$", before[at:]):
            return
        # A bare "up" or "down" before a count is a verb particle ("shot down 45"),
        # a change only before a measured amount ("down 3%", "up 19 cents").
        if phrase in ("up", "down") and r.unit is None and r.currency is None:
            return
    r.start -= len(before) - at
    _shape_interval(r, shape)


def _shape_interval(r: NumberMatch, shape: str) -> None:
    v = r.value
    r.qualifier = qualifier_of(shape)
    if shape == "at_least":
        r.low, r.high, r.low_open, r.high_open = v if not r.vague else r.low, None, False, False
    elif shape == "more_than":
        r.low, r.high, r.low_open, r.high_open = (r.high if r.vague and r.high is not None else v), None, not r.vague, False
    elif shape == "at_most":
        r.low, r.high = (0.0 if v >= 0 else None), (r.high if r.vague else v)
    elif shape == "less_than":
        r.low, r.high, r.high_open = (0.0 if v >= 0 else None), (r.low if r.vague else v), True
    elif shape == "approx":
        pass  # widened by the comparing rule's tolerance
    elif shape == "approx_below":
        r.high_open = True
    # increase / decrease keep the value; the qualifier marks it as a change.


def _apply_suffix_qualifier(sentence: str, r: NumberMatch) -> None:
    m = _SUFFIX_QUALIFIER.match(sentence, r.end)
    if not m or r.qualifier != Qualifier.EXACT:
        return
    r.end = m.end()
    if m.group("more"):
        r.qualifier, r.high = Qualifier.AT_LEAST, None
    else:
        r.qualifier = Qualifier.APPROX


def _merge_range(sentence: str, first: NumberMatch, g: Grammar, lexicon: Lexicon, title_case: bool,
                 found: list[NumberMatch]) -> NumberMatch:
    """Join "18 to 25", "18-25", "between 18 and 25", "$5 to $10 billion" into one range."""
    if first.kind not in COUNTABLE | {AGE} or first.vague or first.qualifier not in (
            Qualifier.EXACT, Qualifier.APPROX, Qualifier.INCREASE, Qualifier.DECREASE):
        return first
    if _ends_with_suffix_hedge(sentence, first):
        return first  # "20 or so-30", "20 or so to 30": a postfix hedge ends the phrase; no range starts inside it
    join = _RANGE_JOIN.match(sentence, first.end)
    if not join:
        return first
    word = re.sub(r"\s+", " ", join.group(0).strip().lower())
    if word == "up to" and not sentence[max(0, first.start - 5):first.start].lower().strip() == "from":
        return first  # "from 450 up to 900 sq ft" is a range; "5 up to 9" is two hedged figures
    between = bool(_BETWEEN_BEFORE.search(sentence[max(0, first.start - 20):first.start]))
    if word == "and" and not between:
        return first
    nxt_pos = join.end()
    cur = g.currency_start.match(sentence, nxt_pos)
    if cur and first.currency:
        nxt_pos = cur.end()
    core = _RANGE_END.match(sentence, nxt_pos)
    if not core:
        return first
    second = _read_core(sentence, core, g, lexicon, title_case)
    if second is not None and second.start < nxt_pos:
        # The joining words ("up to") were read as the second end's hedge: they join.
        second.qualifier, second.low, second.high, second.start = Qualifier.EXACT, second.value, second.value, nxt_pos
    if second is None or second.kind not in COUNTABLE or second.qualifier != Qualifier.EXACT:
        return first
    low = first.value
    same_script = sentence[first.core_start:first.core_start + 1].isdigit() == sentence[core.start():core.start() + 1].isdigit()
    last_word = re.findall(r"[a-z]+", sentence[second.core_start:second.core_end].lower())[-1:]
    # Only a scale that ends the second number carries over: not "two thousand five hundred".
    scale_last = bool(last_word) and second.scale == SCALES.get(last_word[0], ABBREVIATED_SCALES.get(last_word[0]))
    if first.scale == 1.0 and second.scale > 1.0 and same_script and scale_last \
            and first.value < second.value / second.scale:
        # "1.2 to 1.5 million": the scale written once applies to both ends
        # (but "$200,000 to $414 million" has its own on each).
        low = first.value * second.scale
    if first.unit and second.unit and first.unit != second.unit \
            or not (first.kind == second.kind or COUNT in (first.kind, second.kind)):
        return first  # a bare end takes the other's unit ("15 to 22 mph", "from 208 pounds to 193")
    if first.qualifier in (Qualifier.INCREASE, Qualifier.DECREASE) \
            and not sentence[first.start:first.core_start].lower().rstrip().endswith(" by"):
        return first  # "rose 8.1 percent to 99.20 yuan": the "to" gives the new level
    high = second.value
    if word in ("-", "–") and high <= low and first.currency is None and first.unit is None \
            and float(low).is_integer() and float(high).is_integer() and not between:
        # "ended 2-2", "a 9-2 lead": a score names a result, it counts nothing.
        return NumberMatch(first.start, second.end, first.core_start, second.core_end, 0.0, None, None, kind=SCORE)
    if word == "or" and not (low < high <= 2 * low + 1):
        return first  # "two or three" is a range; "5 or 50" two figures
    if high < low and between and sentence[max(0, first.start - 5):first.start].lower().strip() == "from":
        low, high = high, low  # "fell from 208 to 193": the span the figure moved over
    if not (low < high):
        return first
    # "dropped by 1 to 1.5 degrees", "~25 - 40 min": the hedge covers the range.
    qualifier = Qualifier.RANGE if first.qualifier == Qualifier.EXACT else first.qualifier
    if first.kind == AGE:
        second.kind, second.unit = AGE, "year"  # "aged 18 to 34"
    merged = NumberMatch(first.start, second.end, first.core_start, second.core_end, low, low, high,
                         qualifier, unit=second.unit or first.unit, currency=second.currency or first.currency,
                         precision=max(first.precision, second.precision), kind=second.kind)
    m = _BETWEEN_BEFORE.search(sentence[max(0, first.start - 20):first.start])
    if m and between:
        merged.start = first.start - (len(sentence[max(0, first.start - 20):first.start]) - m.start())
    return merged


def interval_text(low: float | None, high: float | None) -> str:
    """A short rendering of an interval for messages."""
    def fmt(x: float) -> str:
        return f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")
    if low is None and high is None:
        return "any"
    if high is None or math.isinf(high):
        return f"{fmt(low)} or more"
    if low is None or low == 0 and high != 0:
        return f"up to {fmt(high)}"
    return fmt(low) if low == high else f"{fmt(low)}-{fmt(high)}"
