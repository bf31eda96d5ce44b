"""The people, organisations and other names an article mentions, with the titles people carry.

"Russian Foreign Minister Sergey Lavrov", "General Keith Kellogg, presidential
envoy for Ukraine", "the Prime Minister, Keir Starmer": each is one
:class:`EntityMention` with the name's span in its segment's text, the name's
words (given name, surname), and the role it is given, with where the role is
written and whether it is a past one ("former", "then", "the late").

Everything is read offline from capitalisation and the rule packs' title
lexicon (``[lexicon.titles] roles`` and ``honorifics``): runs of capitalised
words are names, a role from the lexicon at the start of a run, just before it
("foreign minister Sergey Lavrov"), or in apposition on either side of a comma
is the name's title. Organisations are told by their last word ("Court",
"Ministry", "Police") where that is cheap; the rest are names of people or
places, which the checks keep apart by other means (given names, the gazetteer).

The functions are pure over an :class:`~checker.model.Article`; results are
cached per article and lexicon so the name and title checks share one reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from checker.extract.subjects import _NAME_SUFFIXES, _PARTICLES, _TITLES, name_word
from checker.extract.tokens import POSSESSIVE, Token, tokenize
from checker.model import Article, Role, Segment

PERSON, ORGANISATION, PLACE, NAME = "person", "organisation", "place", "name"

# Last words that make a run of capitalised words an organisation ("International Criminal Court").
ORGANISATION_HEADS = frozenset(
    "court council ministry commission agency department police office party union bank company corporation "
    "corp inc ltd plc llc group university college school hospital church committee parliament congress senate "
    "assembly government administration authority service services force forces army navy guard fund foundation "
    "institute association federation organisation organization news times post press network club team board "
    "bureau center centre kremlin pentagon nato".split())
# Words before a role that make it a past one: "former Foreign Minister", "then-President", "the late".
PAST_MARKERS = frozenset({"former", "then", "ex", "late", "erstwhile", "onetime", "one-time", "previous"})
_PAST_PREFIXES = ("ex-", "then-", "former-")
# Words that may stand before a role in apposition: "Russia's foreign minister", "the presidential envoy".
_APPOSITION_LEAD = frozenset("the a an his her their its our who is was also now currently".split())
_STOPS = frozenset(",.;:!?()[]\"“”—–")
_QUOTES = frozenset("\"“‘'(")


@dataclass(frozen=True, slots=True)
class NameWord:
    """One word of a name as written, without a possessive ending: "Zelenskyy" of "Zelenskyy’s"."""

    start: int  # offsets in the segment text
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A name as written in one segment, with the role it is given there."""

    segment_index: int
    role: Role  # which part of the article: headline, caption, body
    start: int  # the name's span in the segment text (no title, no possessive)
    end: int
    text: str
    words: tuple[NameWord, ...]  # the name's words, particles and initials left out
    sentence: tuple[int, int]
    kind: str = NAME  # person, organisation, place or name (a person or place we cannot tell)
    title: str | None = None  # the role as written: "Russian Foreign Minister", "presidential envoy"
    title_span: tuple[int, int] | None = None
    role_key: str | None = None  # the lexicon role it holds, lower case: "foreign minister"
    past: bool = False  # "former", "then", "the late": not a current role
    honorific: str | None = None  # "mr", "dr"
    sentence_initial: bool = False  # the name opens its sentence (a capital that may not be a name's)
    title_case: bool = False  # in a headline whose long words are all capitalised

    @property
    def surname(self) -> NameWord:
        return self.words[-1]

    @property
    def given(self) -> str | None:
        """The word before the surname ("Sergey" of "Sergey Lavrov"), when the name has one."""
        return self.words[-2].text if len(self.words) > 1 else None


@dataclass(frozen=True, slots=True)
class _Roles:
    """The lexicon's roles as token sequences, longest first, and its honorifics."""

    roles: tuple[tuple[str, ...], ...]
    honorifics: frozenset[str]
    first_words: frozenset[str]


@lru_cache(maxsize=16)
def _roles(lexicon) -> _Roles:
    roles = tuple(sorted({tuple(r.lower().replace("-", " ").split()) for r in lexicon.titles},
                         key=lambda r: (-len(r), r)))
    return _Roles(roles, frozenset(h.lower().rstrip(".") for h in lexicon.honorifics),
                  frozenset(r[0] for r in roles))


def role_key(words: tuple[str, ...]) -> str:
    """The role's words as one key, with US and British spellings made one: "defense minister" -> "defence minister"."""
    return " ".join(words).replace("defense", "defence")


def _match_role(tokens: list[Token], i: int, roles: _Roles) -> tuple[int, tuple[str, ...]] | None:
    """The longest lexicon role starting at token ``i``: (end token, its words), or None."""
    if i >= len(tokens) or tokens[i].low.rstrip(".") not in roles.first_words:
        return None
    for role in roles.roles:
        j, ok = i, True
        for word in role:
            while j < len(tokens) and tokens[j].text == "." and j > i:
                j += 1  # "Gen. Kellogg": the abbreviation's full stop
            if j >= len(tokens) or tokens[j].low != word:
                ok = False
                break
            j += 1
        if ok:
            if j < len(tokens) and tokens[j].text == "." and len(tokens[j - 1].text) <= 4:
                j += 1  # "Gen." "Sgt."
            return j, role
    return None


def _role_ending(tokens: list[Token], end: int, roles: _Roles) -> tuple[int, tuple[str, ...]] | None:
    """The longest lexicon role ending just before token ``end``: (first token, its words), or None."""
    best = None
    for start in range(max(0, end - 4), end):
        got = _match_role(tokens, start, roles)
        if got is not None and got[0] == end and (best is None or start < best[0]):
            best = (start, got[1])
    return best


def _is_name_token(tok: Token) -> bool:
    """A capitalised word, or a particle glued to one ("al-Safadi", "bin-Salman")."""
    if name_word(tok):
        return True
    head, _, rest = tok.text.partition("-")
    return bool(rest) and head.lower() in _PARTICLES and rest[:1].isupper()


def _is_initial(tokens: list[Token], i: int) -> bool:
    return len(tokens[i].text) == 1 and tokens[i].text.isupper() and i + 1 < len(tokens) and tokens[i + 1].text == "."


def _name_tokens(tokens: list[Token]) -> list[bool]:
    """:func:`_is_name_token` of every token (a word with no capital is a name token only with a hyphen)."""
    return [_is_name_token(tok) if tok.text[:1].isupper() or "-" in tok.text else False for tok in tokens]


_CALENDAR: dict[int, tuple[object, frozenset[str]]] = {}


def _calendar(lex) -> frozenset[str]:
    entry = _CALENDAR.get(id(lex))
    if entry is None or entry[0] is not lex:
        if len(_CALENDAR) >= 8:
            _CALENDAR.clear()
        entry = _CALENDAR[id(lex)] = (lex, frozenset(lex.weekdays | lex.months))
    return entry[1]


def _runs(tokens: list[Token], lex, roles: _Roles) -> list[tuple[int, int]]:
    """Token ranges of runs of capitalised words, with initials, particles and roles ("Secretary of State") inside."""
    calendar = _calendar(lex)
    named = _name_tokens(tokens)
    runs, i = [], 0
    n = len(tokens)
    while i < n:
        if not named[i] or tokens[i].low.rstrip(".") in calendar:
            i += 1
            continue
        j = i
        while j < n:
            tok = tokens[j]
            if tok.text[:1].isupper():
                got = _match_role(tokens, j, roles)
                if got is not None and got[0] > j + 1:
                    j = got[0]  # "Secretary of State", "Minister for Foreign Affairs"
                    continue
            if _is_initial(tokens, j):
                j += 2
                continue
            if named[j] and _bare(tok.low) not in calendar and tok.low.rstrip(".") not in calendar:
                j += 1
                if POSSESSIVE.search(tok.text):
                    break
                continue
            if tok.text == "." and j > i and len(tokens[j - 1].text) <= 4 and tokens[j - 1].low in _ABBREVIATIONS:
                j += 1  # "Gen. Keith Kellogg", "Dr. Smith"
                continue
            if tok.low in _PARTICLES and j > i:
                k = j
                while k < len(tokens) and tokens[k].low in _PARTICLES and k - j < 3:
                    k += 1  # "von der Leyen", "de la Cruz"
                if k < n and named[k]:
                    j = k
                    continue
            break
        runs.append((i, j))
        i = max(j, i + 1)
    return runs


# Abbreviated titles and honorifics that a full stop may follow inside a name run.
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "gen", "lt", "sgt", "col", "capt", "maj", "cpl", "pvt", "det",
                            "gov", "sen", "rep", "rev", "prof", "st", "jr", "sr", "adm", "cmdr", "insp", "supt"})


def _bare(word: str) -> str:
    return POSSESSIVE.sub("", word)


def _title_case(seg: Segment, tokens: list[Token]) -> bool:
    if seg.role != Role.HEADLINE:
        return False
    long_words = [t.text for t in tokens if len(t.text) > 3 and t.text.isalpha()]
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words)


def _opens_sentence(tokens: list[Token], i: int, sentence_start: int) -> bool:
    k = i - 1
    while k >= 0 and tokens[k].text in _QUOTES and tokens[k].start >= sentence_start:
        k -= 1
    return k < 0 or tokens[k].end <= sentence_start or tokens[k].text in (".", "!", "?", ":", "•", "|", "-", "–", "—")


def _past_before(tokens: list[Token], i: int) -> bool:
    """ "former", "then", "the late" just before token ``i`` (or "ex-" glued to it)."""
    if any(tokens[i].low.startswith(p) for p in _PAST_PREFIXES):
        return True
    k = i - 1
    if k >= 0 and tokens[k].text == "-":
        k -= 1
    return k >= 0 and tokens[k].low in PAST_MARKERS


def segment_mentions(seg: Segment, lex) -> tuple[EntityMention, ...]:
    """Every name in one segment, in text order, with the role each is given."""
    roles = _roles(lex)
    tokens = tokenize(seg.text)
    if not tokens:
        return ()
    title_case = _title_case(seg, tokens)
    sentences = seg.sentences or ((0, len(seg.text)),)
    found = []
    for first, end in _runs(tokens, lex, roles):
        mention = _mention(seg, tokens, first, end, roles, sentences, title_case)
        if mention is not None:
            found.append(mention)
    return tuple(found)


def _sentence_of(sentences, offset: int) -> tuple[int, int]:
    for s, e in sentences:
        if s <= offset < e:
            return s, e
    return sentences[-1]


def _mention(seg: Segment, tokens: list[Token], first: int, end: int, roles: _Roles, sentences,
             title_case: bool) -> EntityMention | None:
    sentence = _sentence_of(sentences, tokens[first].start)
    initial = _opens_sentence(tokens, first, sentence[0])
    # Titles and honorifics at the start of the run: "Russian Foreign Minister", "US Special Envoy", "Mr".
    title_first = title_end = None
    role_words: tuple[str, ...] | None = None
    honorific = None
    past = False
    k = first
    while k < end:
        got = _match_role(tokens, k, roles)
        if got is not None and got[0] >= end and role_words is None:
            return None  # "the Russian Foreign Minister", "Prime Minister": a role, no name
        if got is not None and got[0] < end:
            title_first = first if title_first is None else title_first
            title_end, role_words = got
            k = got[0]
            continue
        low = tokens[k].low.rstrip(".")
        prefixed = (next((low[len(p):] for p in _PAST_PREFIXES if low.startswith(p)), None)
                    if low.startswith(_PAST_PREFIXES) else None)
        if prefixed is not None and (prefixed,) in roles.roles and k + 1 < end and role_words is None:
            title_first, title_end, role_words = k, k + 1, (prefixed,)  # "Ex-President", "Then-Governor"
            k += 1
            continue
        if low in roles.honorifics and k + 1 < end:
            honorific = low
            k += 1
            while k < end and tokens[k].text == ".":
                k += 1
            continue
        if role_words is None and k + 1 < end and (low in PAST_MARKERS or tokens[k].text[:1].isupper()):
            k += 1  # "Russian" of "Russian Foreign Minister", "Former": look further for a role
            continue
        break
    if role_words is None:
        name_first = first
        if honorific is not None:
            name_first = next(i for i in range(first, end) if tokens[i].low.rstrip(".") == honorific) + 1
            while name_first < end and tokens[name_first].text == ".":
                name_first += 1
    else:
        name_first = k
        past = any(tokens[i].low in PAST_MARKERS or any(tokens[i].low.startswith(p) for p in _PAST_PREFIXES)
                   for i in range(title_first, title_end)) or _past_before(tokens, title_first)
    words = _words(tokens, name_first, end)
    if not words:
        return None
    if len(words) == 1 and all(w.text.lower() in _TITLES or w.text.lower() in roles.first_words for w in words):
        return None  # "the President", "the General": a role, no name
    title = span = None
    if role_words is not None:
        span = (tokens[title_first].start, tokens[title_end - 1].end)
    else:
        got = _role_before(tokens, first, roles) or _role_after(tokens, end, roles)
        if got is not None:
            span, role_words, past = got
    if span is not None:
        title = seg.text[span[0]:span[1]]
    name_start, name_end = words[0].start, words[-1].end
    kind = NAME
    last = words[-1].text.lower()
    if role_words is not None or honorific is not None:
        kind = PERSON
    elif last in ORGANISATION_HEADS and len(words) > 1 or last in ("kremlin", "pentagon", "nato"):
        kind = ORGANISATION
    return EntityMention(
        segment_index=seg.index, role=seg.role, start=name_start, end=name_end, text=seg.text[name_start:name_end],
        words=words, sentence=sentence, kind=kind, title=title, title_span=span,
        role_key=role_key(role_words) if role_words is not None else None, past=past, honorific=honorific,
        sentence_initial=initial and name_first == first, title_case=title_case)


def _words(tokens: list[Token], first: int, end: int) -> tuple[NameWord, ...]:
    """The name's words: no particles, initials, full stops or suffixes ("Jr"); no possessive ending."""
    words = []
    for i in range(first, end):
        tok = tokens[i]
        if tok.text == "." or _is_initial(tokens, i) or tok.low in _PARTICLES:
            continue
        text = _bare(tok.text)
        words.append(NameWord(tok.start, tok.start + len(text), text))
    while words and words[-1].text.lower().rstrip(".") in _NAME_SUFFIXES:
        words.pop()
    return tuple(words)


def _role_before(tokens: list[Token], first: int, roles: _Roles):
    """ "foreign minister Sergey Lavrov", "the Prime Minister, Keir Starmer", "Ukraine's president, Volodymyr Zelenskyy"."""
    end = first
    if end > 0:
        low = tokens[end - 1].low
        for prefix in _PAST_PREFIXES:
            if low.startswith(prefix) and (low[len(prefix):],) in roles.roles:
                return (tokens[end - 1].start, tokens[end - 1].end), (low[len(prefix):],), True  # "then-President"
    comma = end > 0 and tokens[end - 1].text == ","
    if comma:
        end -= 1
    got = _role_ending(tokens, end, roles)
    if got is None:
        return None
    start, words = got
    if comma:
        # An apposition before the name needs a determiner or a possessive before its role.
        k = start - 1
        while k >= 0 and tokens[k].text[:1].isupper() and not POSSESSIVE.search(tokens[k].text) and start - k < 3:
            k -= 1  # "the Russian foreign minister"
        if k < 0 or not (tokens[k].low in ("the", "his", "her", "their", "its") or POSSESSIVE.search(tokens[k].text)):
            return None
    past = _past_before(tokens, start)
    return (tokens[start].start, tokens[end - 1].end), words, past


def _role_after(tokens: list[Token], end: int, roles: _Roles):
    """ "General Keith Kellogg, presidential envoy for Ukraine,", "Lavrov, Russia's foreign minister,"."""
    if end >= len(tokens) or tokens[end].text != ",":
        return None
    k = end + 1
    past = False
    for _ in range(4):
        if k >= len(tokens) or tokens[k].text in _STOPS:
            return None
        got = _match_role(tokens, k, roles)
        if got is not None:
            stop, words = got
            if stop < len(tokens) and not (tokens[stop].text in _STOPS or tokens[stop].low in ("for", "of", "to", "at")):
                return None  # "Smith, president Jones said": no apposition we can trust
            return (tokens[k].start, tokens[stop - 1].end), words, past or _past_before(tokens, k)
        tok = tokens[k]
        if tok.low in PAST_MARKERS or any(tok.low.startswith(p) for p in _PAST_PREFIXES):
            past = True
        elif not (tok.low in _APPOSITION_LEAD or POSSESSIVE.search(tok.text) or tok.text[:1].isupper()
                  or tok.low in _ROLE_ADJECTIVES):
            return None
        k += 1
    return None


# Lower-case words that may qualify a role in apposition: "presidential envoy", "acting defence minister".
_ROLE_ADJECTIVES = frozenset({"presidential", "acting", "interim", "incoming", "outgoing", "newly", "appointed",
                              "current", "serving", "longtime", "long-time", "veteran", "senior", "junior",
                              "country's", "nation's", "kremlin's", "russian", "ukrainian", "british", "american"})


def _read(article: Article, rules) -> tuple[EntityMention, ...]:
    return tuple(m for seg in article.segments for m in segment_mentions(seg, rules.lexicon))


def entity_mentions(article: Article, rules) -> tuple[EntityMention, ...]:
    """Every name the article mentions, in segment and text order."""
    from checker.facts import per_article

    return per_article("entities", article, rules, _read)


__all__ = ["EntityMention", "NameWord", "entity_mentions", "segment_mentions", "role_key",
           "PERSON", "ORGANISATION", "PLACE", "NAME", "PAST_MARKERS"]
