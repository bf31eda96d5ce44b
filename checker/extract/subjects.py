"""Who or what a figure is said of (``Claim.subject``), and the people an article names.

"Smith was jailed for 12 years" and "Jones was jailed for eight years" are two
sentences, not one sentence told twice; "Jane Smith, 45," and "the 46-year-old
John Smith" are two people. A measured figure's subject is the name or noun the
sentence says it of; an age's subject is the person whose age it is, and an age
with no named person is not measured at all. Names are read from the words
around the figure only: capitalised runs ("Jane Smith", "Acme"), a surname
resolved to the one full name the article gives it ("Smith" -> "Jane Smith").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from checker.extract.nouns import singular
from checker.extract.numbers import AGE, COUNT, SMALL
from checker.extract.tokens import FUNCTION_WORDS, LOCATIVE, POSSESSIVE, Found, Number, Token, tokenize
from checker.model import Article, Role
from checker.rulepack import RuleSet

_CLAUSE_TOKENS = frozenset(",;:()[]—–\"“”")
_SENTENCE_OPENERS = frozenset(".!?:\"“‘'")
DETERMINERS = frozenset("the a an its his her their this that these those our my your whose".split())
_PRONOUNS = frozenset("he she they it we i you him them us one".split())
_RELATIVES = frozenset({"who", "which", "that", "whose"})
_PREPOSITIONS = LOCATIVE | frozenset({"of", "for", "from", "with", "by", "about", "between", "against", "during",
                                      "after", "before", "behind", "beyond", "within", "without", "under", "among"})
# Words that may stand between a subject and its verb: auxiliaries and adverbs.
SUBJECT_SKIP = frozenset(
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
AFTER_NAME = frozenset(
    "was is has had who and or but said says told of from in at on with will would could did does also then later "
    "when after before while to for by appeared pleaded remains remained died lives lived faces faced".split())
IRREGULAR_VERBS = frozenset({"sold", "bought", "paid", "won", "went", "held", "set", "spent", "cost", "took", "drew",
                             "gave", "got", "lost", "kept", "put", "ran", "saw", "met", "brought", "fetched", "given",
                             "taken", "drawn", "sent", "left", "made", "passed", "voted", "cut", "hit", "came",
                             "stood", "begun", "began", "fell", "rose", "grew", "shrank", "keep", "hold", "leave"})
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


@dataclass(frozen=True, slots=True)
class _Person:
    title: str | None  # lower case: "mr"
    given: str | None  # as written: "Jane"
    surname: str  # as written: "Smith"

    def render(self) -> str:
        first = self.given or (self.title.capitalize() if self.title else None)
        return f"{first} {self.surname}" if first else self.surname


class Names:
    """The people an article names, read only as far as its claims ask.

    Most articles have no figure whose subject is a name; those that do ask about
    one or two surnames. So the body's proper nouns are collected on first use, and
    the given names of a surname only when that surname is asked about, from the
    paragraphs that hold it.
    """

    def __init__(self, article: Article | None, rules: RuleSet | None, confirmed: frozenset[str] | None = None):
        self._article, self._rules = article, rules
        if confirmed is None and article is None:
            confirmed = frozenset()
        self._confirmed = confirmed  # None: read from the article when first asked
        self._texts: list[tuple[str, str]] | None = None  # body and captions, as written and in lower case
        self._runs: dict[int, list[tuple[str, str]]] = {}  # by index into _texts
        self._given: dict[str, frozenset[str]] = {}

    @property
    def confirmed(self) -> frozenset[str]:
        """Words capitalised mid-sentence in the body: proper nouns."""
        if self._confirmed is None:
            self._confirmed = _body_capitals(self._article)
        return self._confirmed

    def given(self, surname: str) -> frozenset[str]:
        """The given names (as written) the article gives a surname (lower case)."""
        if self._article is None:
            return frozenset()
        got = self._given.get(surname)
        if got is None:
            got = self._given[surname] = self._read_given(surname)
        return got

    def _read_given(self, surname: str) -> frozenset[str]:
        """The given names of every "Given Surname" of the article's body and captions with this surname."""
        found: set[str] = set()
        bare = None
        lex = self._rules.lexicon
        for text in self._runs_holding(surname):
            if bare is None:
                bare = Names(None, None, self.confirmed)
            tokens = tokenize(text)
            i = 0
            while i < len(tokens):
                end = _run_right(tokens, i, lex) if tokens[i].text[:1].isupper() else None
                if end is None or end - i < 2:
                    i += 1 if end is None else end - i
                    continue
                person = _person(tokens, i, end, bare, False)
                if person is not None and person.given is not None and person.surname.lower() == surname:
                    found.add(person.given)
                i = end
        return frozenset(found)

    def _runs_holding(self, word: str) -> Iterator[str]:
        """The runs of capitalised words in the body and captions whose text holds ``word`` (lower case).

        A run that does not hold a surname cannot name it, and a paragraph that does not
        cannot hold such a run: only those that do are read.
        """
        if self._texts is None:
            self._texts = [(seg.text, seg.text.lower()) for seg in self._article.segments
                           if seg.role != Role.HEADLINE]
        for n, (text, low) in enumerate(self._texts):
            if word not in low:
                continue
            runs = self._runs.get(n)
            if runs is None:
                runs = self._runs[n] = _name_runs(text)
            for run, run_low in runs:
                if word in run_low:
                    yield run

    def known(self, word: str) -> bool:
        return word in self.confirmed or bool(self.given(word))

    def resolve(self, person: _Person) -> _Person | None:
        """A surname alone takes the one given name the article gives it; None when it gives several."""
        if person.given is not None:
            return person
        givens = self.given(person.surname.lower())
        if len(givens) > 1:
            return None
        return _Person(person.title, next(iter(givens)), person.surname) if givens else person


_POSSESSIVE_ENDINGS = ("'s", "’s")


def _bare(word: str) -> str:
    # POSSESSIVE.sub("", word) without a regex call: this runs for most words of a sentence with a figure.
    return word[:-2] if word.endswith(_POSSESSIVE_ENDINGS) else word


def name_word(tok: Token) -> bool:
    if not tok.text[:1].isupper():
        return False  # most words: stripping a possessive leaves the first letter as it is
    word = _bare(tok.text)
    return bool(word) and word[0].isupper() and word[0].isalpha() and word.lower() not in _NOT_NAMES


def _is_initial(tokens: list[Token], i: int) -> bool:
    """ "F" of "John F. Smith"."""
    return len(tokens[i].text) == 1 and tokens[i].text.isupper() and i + 1 < len(tokens) and tokens[i + 1].text == "."


def _run_left(tokens: list[Token], i: int, lex) -> int | None:
    """First token of the run of name words ending at ``i``, or None when ``i`` is no name word."""
    if not name_word(tokens[i]) or _calendar_word(tokens[i], lex):
        return None
    j = i
    while j - 1 >= 0 and i - j < 6:
        prev = tokens[j - 1]
        if name_word(prev) and not POSSESSIVE.search(prev.text) and not _calendar_word(prev, lex):
            j -= 1
        elif prev.text == "." and j - 2 >= 0 and _is_initial(tokens, j - 2):
            j -= 2
        elif prev.low in _PARTICLES and j - 2 >= 0 and name_word(tokens[j - 2]):
            j -= 1
        else:
            break
    return j


def _run_right(tokens: list[Token], i: int, lex) -> int | None:
    """End (exclusive) of the run of name words starting at ``i``, or None when ``i`` is no name word."""
    if not name_word(tokens[i]) or _calendar_word(tokens[i], lex):
        return None
    j = i
    while j < len(tokens) and j - i < 6:
        tok = tokens[j]
        if _is_initial(tokens, j):
            j += 2
            continue
        if name_word(tok) and not _calendar_word(tok, lex):
            j += 1
            if POSSESSIVE.search(tok.text):
                break
            continue
        if tok.low in _PARTICLES and j + 1 < len(tokens) and name_word(tokens[j + 1]) and j > i:
            j += 1
            continue
        break
    return j


def _calendar_word(tok: Token, lex) -> bool:
    word = _bare(tok.low).rstrip(".")
    return word in lex.weekdays or word in lex.months


def _opens_sentence(tokens: list[Token], i: int) -> bool:
    return i == 0 or tokens[i - 1].text in _SENTENCE_OPENERS and not (i >= 2 and _is_initial(tokens, i - 2))


def _person(tokens: list[Token], first: int, end: int, names: Names, title_case: bool,
            strict: bool = True) -> _Person | None:
    """The person a run of name words names, or None when it is no person's name we can trust."""
    words = [tokens[k] for k in range(first, end) if tokens[k].text != "." and not _is_initial(tokens, k)]
    if not words:
        return None
    texts = [_bare(t.text).rstrip(".") for t in words]
    while texts and texts[-1].lower() in _NAME_SUFFIXES:
        texts.pop()
    if (len(texts) == 1 and _opens_sentence(tokens, first) and not names.known(texts[0].lower())
            and (strict or not POSSESSIVE.search(tokens[end - 1].text)
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


def _verb_follows(tokens: list[Token], i: int) -> bool:
    """ "Smith was", "Acme faces", "Jones pleaded": a verb after a sentence's first word makes it a subject."""
    if i >= len(tokens):
        return False
    low = tokens[i].low
    return ((low in SUBJECT_SKIP and low != "to") or low in IRREGULAR_VERBS or low in _PRESENT_VERBS
            or low.endswith(("ed", "s")) or low in ("said", "told", "has", "had", "who"))


_NAME_RUN = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*\.?(?:\s+(?:(?:" + "|".join(sorted(_PARTICLES)) +
                       r")\s+)?[A-Z][\w'’-]*\.?)+")


def _name_runs(text: str) -> list[tuple[str, str]]:
    runs = []
    for run in _NAME_RUN.finditer(text):
        # The run and the characters before it, to tell a sentence opener.
        found = text[max(0, run.start() - 2):run.end()]
        runs.append((found, found.lower()))
    return runs


_BODY_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][\w'’-]*")


def _body_capitals(article: Article) -> frozenset[str]:
    """Words written capitalised mid-sentence in the body: proper nouns, not title case."""
    seen: set[str] = set()
    for seg in article.segments:
        if seg.role == Role.BODY:
            for m in _BODY_CAPITAL.finditer(seg.text):
                seen.add(POSSESSIVE.sub("", m.group()).lower())
    return frozenset(seen)


# Present-tense verbs of headlines that triggers open with ("5,000 attend vigil", "MPs back bill").
_PRESENT_VERBS = frozenset({"attend", "attends", "turn", "turns", "gather", "gathers", "show", "shows", "pass",
                            "passes", "back", "backs", "approve", "approves", "sell", "sells", "buy", "buys",
                            "jail", "jails", "fetch", "fetches", "last", "lasts", "settle", "settles", "acquire",
                            "acquires", "value", "values", "award", "awards", "demand", "demands",
                            "carry", "carries", "adopt", "adopts", "gets", "get", "given", "sentence", "sentences"})


def is_verb(found: Found | None) -> bool:
    """Whether a trigger is a verb ("fined", "lasted", "sold for"), whose subject comes before it, or a noun ("turnout")."""
    if found is None or not found.phrase:
        return False
    first = found.phrase[0]
    if first in ("sentence", "sentences", "fine", "fines"):
        # "sentence of", "fines of" are nouns; "sentence ... to", "fines Acme £2m" verbs.
        return len(found.phrase) == 1 and first.startswith("fine") or len(found.phrase) > 1 and found.phrase[1] in ("to", "...")
    return first.endswith(("ed", "ing")) or first in IRREGULAR_VERBS or first in _PRESENT_VERBS


@lru_cache(maxsize=8)
def _trend_words(lex) -> frozenset[str]:
    """Words of rises and falls ("raised", "cut"): before a trigger they are verbs, not modifiers."""
    return frozenset(w for phrase, shapes in lex.qualifiers.items() if {"increase", "decrease"} & set(shapes)
                     for w in phrase.split())


@lru_cache(maxsize=8)
def _relative_time_words(lex) -> frozenset[str]:
    """Words of the lexicon's relative times ("overnight", "last night"): a time, never a subject's head."""
    return frozenset(w for t in lex.relative_times for w in t.split())


class Who:
    """Subjects of one sentence's figures, read in order (a figure may share the one before it)."""

    def __init__(self, tokens: list[Token], numbers: list[Number], taken: dict[int, int], names: Names,
                 title_case: bool, lex, trigger_words: frozenset[str], found: list[Found],
                 skippable: frozenset[str]):
        self.tokens, self.numbers, self.taken, self.names = tokens, numbers, taken, names
        self.title_case, self.lex, self.trigger_words = title_case, lex, trigger_words
        self.found = found  # every trigger of the sentence
        self._trigger_at: frozenset[int] | None = None
        self._shouting: bool | None = None
        self.exclude: frozenset[int] = frozenset()  # the trigger of the figure being read: no subject of its own
        self.skippable = skippable
        self.subjects: dict[int, str | None] = {}
        self.pronoun = "he"  # the last pronoun a scan stopped at

    @property
    def trigger_at(self) -> frozenset[int]:
        """Tokens of the sentence's trigger words: no names or nouns of a subject."""
        if self._trigger_at is None:
            tokens = self.tokens
            self._trigger_at = frozenset(i for f in self.found for i in range(f.start, f.end)
                                         if tokens[i].low in f.phrase)
        return self._trigger_at

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
        # In capitals or title case no word is known to be a name (``shouting``); that is
        # asked only once a name stands where an age's person would, as most ages have none.
        # "the 46-year-old Smith", "25-year-old Dominique Garrett, 23-year-old Jessie Kelly": an
        # age written before a noun is of the name after it, when one follows.
        attributive = num.last - 1 > num.first and tokens[num.last - 1].low.endswith("-old")
        if attributive and num.last < len(tokens):
            end = _run_right(tokens, num.last, self.lex)
            if end is not None:
                after = tokens[end] if end < len(tokens) else None
                if (after is None or not after.text[:1].isalpha() or after.low in AFTER_NAME
                        or after.low.endswith(("ed", "s"))):
                    if self.shouting:
                        return None
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
            if first is None or POSSESSIVE.search(tokens[i - 1].text) or self._place_ending(i - 1) is not None:
                return None  # "a friend of Bonner's, a 14-year-old", "on the Southwest Side, a 17-year-old"
            if self.shouting:
                return None
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
            if found is not None and not is_verb(found) and found.end + 1 < len(tokens) \
                    and tokens[found.end].low in ("of", "for"):
                # "the £10m sale of its headquarters", "a $5bn acquisition of Beta", "a £2m
                # fine for Acme": the noun's complement names what the amount is of ("a
                # budget for new schools" says what it is for, not whose it is).
                i = found.end + 1
                if tokens[i].low in DETERMINERS and i + 1 < len(tokens):
                    i += 1
                got = None
                if name_word(tokens[i]):
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
        verb = found if found is not None and found.start >= num.last and is_verb(found) else next(
            (f for f in self.found if f.rule is num.rule and is_verb(f)
             and max(num.noun_last, num.last) <= f.start <= max(num.noun_last, num.last) + 1), None)
        if verb is not None:
            # "5,000 people attended the rally", "dozens turned out for a memorial service", "a
            # crowd of 300 gathered at a counter-protest": what the verb is done to, or for.
            # Only a direct object or one after "for": "wounded in a hail of bullets",
            # "gathered at the square" say how and where, not what.
            i = verb.end
            purpose = i < len(tokens) and tokens[i].low == "for"
            i += purpose
            if i < len(tokens) and tokens[i].low in DETERMINERS:
                got = self._noun_phrase_at(i + 1) if i + 1 < len(tokens) else None
                if got is not None:
                    return got
            elif purpose:
                words = []
                while (i < len(tokens) and len(words) < 3 and tokens[i].text.isalpha() and tokens[i].text[:1].islower()
                       and tokens[i].low not in FUNCTION_WORDS and tokens[i].low not in SUBJECT_SKIP
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
            elif low in SUBJECT_SKIP or low in DETERMINERS or low in self.skippable or low.endswith("ly"):
                pass
            elif (verbs > 0 and tok.text[:1].isalpha() and tok.text[:1].islower()
                  and (low.endswith(("ed", "s")) or low in IRREGULAR_VERBS)):
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
        if name_word(tok) and not _calendar_word(tok, self.lex) and i not in self.exclude:
            if self.shouting or i in self.trigger_at or (len(tok.text) > 4 and tok.text.isupper()):
                return None  # "1 Killed, 4 Wounded", a dateline "LAFAYETTE, La.": no names
            first, end = (_run_left(tokens, i, self.lex), i + 1) if ending else (i, _run_right(tokens, i, self.lex))
            if first is None or end is None:
                return None
            if first > 0 and tokens[first - 1].low in LOCATIVE:
                return None  # "in Leeds": a place
            person = _person(tokens, first, end, self.names, self.title_case, strict=False)
            if person is not None and person.title in _AUTHORITIES:
                return None  # "Judge Brown set bail at $50,000": who decided, not who pays
            return self._render(person, strict=False)
        if self.title_case or not tok.text[:1].isalpha() or not tok.text[:1].islower():
            return None
        low = _bare(tok.low)
        if (low in DETERMINERS or low in _PRONOUNS or low in SUBJECT_SKIP or low in self.skippable
                or i in self.exclude or low in FUNCTION_WORDS or low in IRREGULAR_VERBS
                or low.endswith(("ed", "ing"))):
            return None  # "the council approved": a verb is no head noun
        if not ending:
            # Reading rightwards from a determiner: "the company", "a vigil", "the memorial service at".
            if i == 0 or tokens[i - 1].low not in DETERMINERS:
                return None
            j = i
            while j + 1 < len(tokens) and j - i < 2 and self._noun_like(j + 1):
                j += 1
            return self._head(j)
        # A determiner or possessive before the noun, perhaps over two modifiers:
        # "the company", "its director", "the first meeting", "the Russian attack".
        for j in range(i - 1, max(i - 4, -1), -1):
            before = tokens[j]
            if before.low in DETERMINERS or POSSESSIVE.search(before.text):
                return self._head(i)
            if not before.text[:1].isalpha() or before.low in SUBJECT_SKIP or before.low in FUNCTION_WORDS:
                return None
        return None

    def _place_ending(self, i: int) -> int | None:
        """The preposition starting "in Leeds", "on Kyiv" when a place name ends at token ``i``."""
        tok = self.tokens[i]
        if not name_word(tok):
            return None
        first = _run_left(self.tokens, i, self.lex)
        if first is None or first == 0:
            return None
        before = self.tokens[first - 1].low
        if before == "the" and first > 1:
            first, before = first - 1, self.tokens[first - 2].low
        return first - 1 if before in LOCATIVE or before in ("of", "from", "to") else None

    def _noun_like(self, i: int) -> bool:
        tok = self.tokens[i]
        low = tok.low
        return (tok.text.isalpha() and tok.text[:1].islower() and low not in FUNCTION_WORDS and low not in _PREPOSITIONS
                and low not in SUBJECT_SKIP and low not in DETERMINERS and low not in self.skippable
                and low not in IRREGULAR_VERBS and not low.endswith(("ed", "ing", "ly")) and i not in self.trigger_at)

    def _phrase_after_preposition(self, i: int) -> int | None:
        """The preposition starting "at the bank", "of the new stadium" when its noun ends at token ``i``."""
        tokens = self.tokens
        if not tokens[i].text[:1].islower():
            return None
        for j in range(i - 1, max(i - 4, 0), -1):
            if tokens[j].low in DETERMINERS:
                return j - 1 if tokens[j - 1].low in _PREPOSITIONS else None
            if not tokens[j].text.isalpha() or tokens[j].low in SUBJECT_SKIP:
                return None
        return None

    def _head_before(self, i: int) -> str | None:
        """ "An amendment on library funding was approved": the noun after the determiner a few words back."""
        tokens = self.tokens
        for j in range(i, max(i - 6, -1), -1):
            tok = tokens[j]
            if tok.low in DETERMINERS and j < i:
                if any(t.low in _PREPOSITIONS for t in tokens[j + 1:i]):
                    return self._noun_phrase_at(j + 1)  # the noun before "on library funding"
                return self._head(i)  # "a drone and missile attack": the last noun
            if not tok.text.isalpha() or not tok.text[:1].islower() or j in self.exclude or j in self.taken:
                return None
        return None

    def _head(self, i: int) -> str | None:
        # "the company's" names the company; a noun is compared in its singular.
        low = _bare(self.tokens[i].low)
        if low in self.lex.weekdays or low in _relative_time_words(self.lex):
            return None  # "a shooting overnight": a time, no subject ("the march" is a march)
        head = singular(low)
        return None if head in _AUTHORITIES or low in _PREPOSITIONS or low in _NOT_HEADS else head

    def modifier_of(self, k: int) -> str | None:
        """A word narrowing a noun trigger: "CORE inflation of 3%", "a RECORD £2m fine", "the MAXIMUM sentence of"."""
        tokens, num, found = self.tokens, self.numbers[k], self.numbers[k].trigger
        if found is None or is_verb(found):
            return None
        if found.end <= num.first:
            i = found.start - 1
        else:
            i = num.first - 1
            if i < 1 or tokens[i - 1].low not in DETERMINERS:
                return None
        if i < 0:
            return None
        tok = tokens[i]
        low = tok.low
        if tok.text[:1].isupper() and not (_opens_sentence(tokens, i) and not self.names.known(low)):
            return None  # a name: "Britain's", "US unemployment" say whose rate it is (the subject)
        if i > 0 and tokens[i - 1].end == tok.start and tokens[i - 1].text[:1].isdigit():
            return None  # "at 3pm turnout was": a word glued to digits is theirs
        if (not tok.text.replace("-", "").isalpha() or POSSESSIVE.search(tok.text)
                or low in DETERMINERS or low in _PRONOUNS or low in SUBJECT_SKIP or low in self.lex.linking
                or low in _trend_words(self.lex)
                or low in FUNCTION_WORDS or low in self.lex.attribution_verbs or low in _RELATIVES
                or low in SMALL or low in self.trigger_words or low in _NEUTRAL_MODIFIERS or low in IRREGULAR_VERBS):
            return None
        if low.endswith(("ed", "s", "ing")) and i > 0 and tokens[i - 1].text.isalpha() and not (
                tokens[i - 1].low in DETERMINERS or tokens[i - 1].low in FUNCTION_WORDS or tokens[i - 1].low in self.lex.linking):
            return None  # "the bank raises rates": a verb; "the proposed budget", "and services inflation" modify
        return low
