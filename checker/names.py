"""Names spelt two ways: within one article (NAM001) and across outlets (NAM002).

"Zelenskiy" in a caption and "Zelenskyy" everywhere else is one person spelt
two ways; no list of pairs is needed to see it. The candidates are the
surnames and one-word names of :mod:`checker.extract.entities`; two spellings
are one name only when every guard below lets them be:

* **alike**: rapidfuzz ``ratio`` of the folded spellings at least the rule's
  ``similarity`` (85 by default), and both at least five letters long, so
  "Iran" and "Iraq", "Jon" and "John" never meet;
* **a transliteration's difference**: the same first letter, and the letters
  that differ are vowels, ``y``, ``h``, ``j`` or a doubled letter
  ("Zelenskiy"/"Zelenskyy", "Mohammed"/"Muhammad", "Zelensky"/"Zelenskyy"),
  or only accents ("Erdoğan"/"Erdogan"). A consonant that differs makes another
  name ("Johnson"/"Johnston", "Austria"/"Australia"), and a spelling that only
  adds letters to the other is a derived word ("Iraq"/"Iraqi",
  "German"/"Germany", "Russia"/"Russian"), unless it doubles the last letter;
* **first names**: when both spellings come with given names and no given name
  is shared ("Jane Smith", "John Smyth"), they are two people;
* **places**: two spellings the gazetteer (:mod:`checker.gazetteer`) reads as
  places are one name only when they share a place ("Kiev"/"Kyiv") and never
  when they do not ("Austria"/"Australia", "Sumy"/"Sumatra"); a place and a
  word the gazetteer does not know are not merged either;
* **common words and capitals**: a spelling written in lower case anywhere in
  the article is a word, not a name; and at least one spelling must be seen as
  a name (mid-sentence, with a given name, a title or an honorific), not only
  as a sentence's or a title-case headline's first capital.

A cluster holds spellings every pair of which passes (complete linkage), so
"A"~"B" and "B"~"C" never join "A" and "C" on their own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from rapidfuzz import fuzz

from checker.extract.entities import EntityMention, NameWord, entity_mentions
from checker.extract.subjects import _NOT_NAMES, _TITLES
from checker.extract.tokens import _TOKEN, FUNCTION_WORDS
from checker.model import Article, Discrepancy, Mention, Severity

from checker import gazetteer as _gazetteer

# Two spellings the gazetteer gives as names of one place are one name from this likeness
# (or the rule's similarity, when lower): "Kiev"/"Kyiv" (75) and "Odessa"/"Odesa" are other
# spellings; "Holland"/"Netherlands", "Burma"/"Myanmar" (under 40) are other names, and an
# editor may use both on purpose.
ALIAS_SIMILARITY = 70.0
_COMPASS = frozenset({"northeast", "northwest", "southeast", "southwest", "northern", "southern", "eastern",
                      "western"})
_SIC = re.compile(r"\s*[(\[]sic[)\]]", re.IGNORECASE)
MIN_LENGTH = 5  # shorter names are too alike by chance ("Iran"/"Iraq", "Jon"/"John")
_SOFT = frozenset("aeiouyhj")
# Look-alike places kept apart even without the gazetteer.
_DISTINCT = frozenset(frozenset(p) for p in (
    ("austria", "australia"), ("iran", "iraq"), ("sumy", "sumatra"), ("columbia", "colombia"),
    ("slovenia", "slovakia"), ("niger", "nigeria"), ("gambia", "zambia"), ("mali", "malawi"),
    ("guinea", "guyana"), ("dominica", "dominican"), ("georgia", "georgian")))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: the form spellings are compared in."""
    if text.isascii():
        return text.casefold()  # nothing to decompose or straighten
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@dataclass
class Spelling:
    """One spelling of a name in one article: where it is written and what comes with it."""

    text: str
    words: list[tuple[EntityMention, NameWord]] = field(default_factory=list)
    given: set[str] = field(default_factory=set)  # given names written with it, folded
    confirmed: bool = False  # seen as a name, not only as a capital opening a sentence or headline


def spellings(article: Article, rules) -> dict[str, Spelling]:
    """The article's candidate spellings (surnames and one-word names), by spelling as written.

    Read once per article (NAM001 and NAM002 share it); each call gets its own copies to change."""
    return {t: Spelling(s.text, list(s.words), set(s.given), s.confirmed) for t, s in _read(article, rules).items()}


def _read(article: Article, rules) -> dict[str, Spelling]:
    """The spellings as read once for this article: not to be changed (:func:`spellings` gives copies)."""
    from checker.facts import per_article

    return per_article("spellings", article, rules, _spellings, whole_run=True)


def _spellings(article: Article, rules) -> dict[str, Spelling]:
    found: dict[str, Spelling] = {}
    roles = _role_words(rules.lexicon)
    for mention in entity_mentions(article, rules):
        word = mention.surname
        text = word.text
        if not _candidate(text) or fold(text) in roles or fold(text) in _COMPASS:
            continue
        seg = article.segments[mention.segment_index].text
        if seg[max(0, word.start - 1):word.start] in ("@", "#") or _SIC.match(seg, word.end):
            continue  # "@IlliniAlert" is a handle; "Lyster (sic)" is quoted as written on purpose
        # "Ta'Niyah" and "Ta’Niyah" are one spelling in two typefaces, not two spellings.
        spelling = found.setdefault(text.replace("’", "'"), Spelling(text.replace("’", "'")))
        spelling.words.append((mention, word))
        if mention.given is not None:
            spelling.given.add(fold(mention.given))
        if (len(mention.words) > 1 or mention.role_key is not None or mention.honorific is not None
                or not (mention.sentence_initial or mention.title_case)):
            spelling.confirmed = True
    lower = _lower_words(article)
    return {t: s for t, s in found.items() if fold(t) not in lower}


@lru_cache(maxsize=65536)
def _candidate(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return (len(letters) >= 4 and text[:1].isupper() and not text.isupper()
            and text.lower() not in _NOT_NAMES and text.lower() not in FUNCTION_WORDS
            and text.lower() not in _TITLES and not any(c.isdigit() for c in text))


@lru_cache(maxsize=16)
def _role_words(lexicon) -> frozenset[str]:
    return frozenset(w for role in lexicon.titles for w in role.lower().split()) | frozenset(lexicon.honorifics)


def _lower_words(article: Article) -> frozenset[str]:
    """Words the article writes in lower case: common words, whatever capital they open a sentence with."""
    words: set[str] = set()
    for seg in article.segments:
        words.update(_TOKEN.findall(seg.text))  # the pattern has no groups: whole tokens
    return frozenset(fold(w) for w in words if w[:1].islower())


# -- are two spellings one name? ---------------------------------------------------


def _places(text: str, rules) -> frozenset[str]:
    return frozenset(p.key for p in _gazetteer.lookup(text, rules))


def _transliteration(a: str, b: str) -> bool:
    """Whether folded spellings differ only as transliterations do (see the module's doc)."""
    if a[0] != b[0]:
        return False
    short, long = sorted((a, b), key=len)
    if long.startswith(short):
        extra = long[len(short):]
        return len(extra) == 1 and extra == short[-1]  # "Zelensky"/"Zelenskyy": a doubled letter only
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        for text, other, k in ((a[i1:i2], b, j1), (b[j1:j2], a, i1)):
            for n, c in enumerate(text):
                if c in _SOFT:
                    continue
                # A doubled consonant: "Mathews"/"Matthews" ("t" next to a "t").
                neighbours = {other[k - 1] if k > 0 else "", other[k] if k < len(other) else "",
                              text[n - 1] if n > 0 else "", text[n + 1] if n + 1 < len(text) else ""}
                if c not in neighbours:
                    return False
    return True


def same_name(a: Spelling, b: Spelling, rules, similarity: float) -> bool:
    """Whether two spellings are one name spelt two ways (every guard of the module's doc)."""
    fa, fb = fold(a.text), fold(b.text)
    if a.text.casefold() == b.text.casefold():
        return False  # a case difference ("al-Safadi"/"Al-Safadi") is no spelling
    if a.given and b.given and not (a.given & b.given):
        return False  # "Jane Smith" and "John Smyth"
    if frozenset((fa, fb)) in _DISTINCT:
        return False
    if not (a.confirmed or b.confirmed):
        return False
    plain_a, plain_b = "".join(c for c in fa if c.isalpha()), "".join(c for c in fb if c.isalpha())
    ratio = fuzz.ratio(plain_a, plain_b)
    pa, pb = _places(a.text, rules), _places(b.text, rules)
    if pa or pb:
        # "Kiev"/"Kyiv" share Kyiv; "Austria"/"Australia", "Sumy"/"Sumatra" do not; a place
        # and a word the gazetteer does not know ("Germany"/"German") are not merged.
        return bool(pa and pb and pa & pb) and ratio >= min(similarity, ALIAS_SIMILARITY)
    if min(len(plain_a), len(plain_b)) < MIN_LENGTH:
        return False
    if plain_a == plain_b:
        return True  # "Erdoğan"/"Erdogan", "al-Safadi"/"al Safadi"
    return ratio >= similarity and _transliteration(plain_a, plain_b)


def _skeleton(text: str) -> str:
    """The letters transliterations keep: the first, then the consonants other than y, h, j, undoubled."""
    plain = "".join(c for c in fold(text) if c.isalpha())
    out = plain[:1]
    for c in plain[1:]:
        if c not in _SOFT and c != out[-1:]:
            out += c
    return out


def _blocks(s: Spelling, rules) -> set[str]:
    # Two spellings can be one name only through a transliteration (same skeleton) or the
    # gazetteer (a shared place): comparing within these blocks is comparing every pair that
    # could pass :func:`same_name`, without comparing all pairs of a corpus.
    return {"s:" + _skeleton(s.text)} | {"p:" + key for key in _places(s.text, rules)}


def clusters(spelt: Iterable[Spelling], rules, similarity: float) -> list[list[Spelling]]:
    """Groups of two or more spellings of one name: every pair in a group is one name."""
    ordered = sorted(spelt, key=lambda s: (-len(s.words), s.text))
    by_block: dict[str, list[int]] = {}
    for i, s in enumerate(ordered):
        for key in _blocks(s, rules):
            by_block.setdefault(key, []).append(i)
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for members in by_block.values():
        for i in members[1:]:
            parent[root(i)] = root(members[0])
    components: dict[int, list[Spelling]] = {}
    for i, s in enumerate(ordered):  # each component keeps the order above
        components.setdefault(root(i), []).append(s)
    found = []
    for component in components.values():
        if len(component) < 2:
            continue
        groups: list[list[Spelling]] = []
        for s in component:
            for group in groups:
                if all(same_name(s, t, rules, similarity) for t in group):
                    group.append(s)
                    break
            else:
                groups.append([s])
        found += [g for g in groups if len(g) > 1]
    return sorted(found, key=lambda g: (-len(g[0].words), g[0].text))


# -- findings ----------------------------------------------------------------------


def _mention(article: Article, mention: EntityMention, word: NameWord) -> Mention:
    return Mention(article.id, mention.segment_index, mention.role, word.start, word.end, word.text, mention.sentence)


def _house(group: list[Spelling], rules) -> str | None:
    style = rules.house_style
    if style is None:
        return None
    preferred = {p for p, _ in style.spellings}
    for s in group:
        if s.text in preferred:
            return s.text
        if s.text in style.preferred_of:
            return style.preferred_of[s.text]
    return None


def _house_covers(group: list[Spelling], rules) -> bool:
    """Whether the house-style rule (STY001) already reports this name: every spelling is the house's or its variant."""
    style = rules.house_style
    if style is None or not rules.of_kind("house-spelling"):
        return False
    preferred = {p for p, _ in style.spellings}
    houses = {s.text if s.text in preferred else style.preferred_of.get(s.text) for s in group}
    return len(houses) == 1 and None not in houses


def _times(n: int) -> str:
    return f"{n} time{'s' if n != 1 else ''}"


def check_within(article: Article, claims, rule, rules) -> list[Discrepancy]:
    """NAM001: one finding per name the article spells two or more ways, with every mention as evidence."""
    from checker.compare import evidence_for, fingerprint, render_message

    spelt = spellings(article, rules)
    for s in spelt.values():
        s.words = [(m, w) for m, w in s.words if m.role in rule.segments]
    found = []
    for group in clusters([s for s in spelt.values() if s.words], rules, rule.similarity):
        if _house_covers(group, rules):
            continue  # one error, one finding: the house-style rule names every variant already
        group.sort(key=lambda s: (-len(s.words), s.text))
        counts = [len(s.words) for s in group]
        majority = group[0].text if counts[0] > counts[1] else None
        house = _house(group, rules)
        written = " and ".join(f"“{s.text}” ({_times(len(s.words))})" for s in sorted(group, key=lambda s: s.text))
        details = f"one name spelt {len(group)} ways: {written}"
        details += f"; most mentions write “{majority}”" if majority else "; no spelling is in the majority"
        if house:
            details += f"; house style spells it “{house}”"
        mentions = sorted((_mention(article, m, w) for s in group for m, w in s.words),
                          key=lambda m: (m.segment_index, m.start))
        found.append(Discrepancy(
            rule=rule.code, rule_name=rule.name, kind="name", measure=house or majority or group[0].text,
            severity=rule.severity_body if all(m.role.value == "body" for m in mentions) else rule.severity,
            scope="within", message=render_message(rule, details),
            evidence=tuple(evidence_for(m, article) for m in mentions),
            fingerprint=fingerprint(rule.code, "within", mentions),
        ))
    return found


def check_across(articles, claims, rule, rules) -> list[Discrepancy]:
    """NAM002: a name spelt one way by one outlet and another way by another, grouped as one name."""
    from checker.compare import evidence_for, fingerprint, render_message

    by_id = {a.id: a for a in articles}
    merged: dict[str, Spelling] = {}
    used: dict[str, list[tuple[Article, EntityMention, NameWord]]] = {}  # spelling -> first mention per article
    for article in articles:
        for text, s in _read(article, rules).items():  # only read here
            words = [(m, w) for m, w in s.words if m.role in rule.segments]
            if not words:
                continue
            into = merged.setdefault(text, Spelling(text))
            into.words += words
            into.given |= s.given
            into.confirmed |= s.confirmed
            used.setdefault(text, []).append((article, *words[0]))
    found = []
    for group in clusters(merged.values(), rules, rule.similarity):
        sides = [(s.text, a) for s in group for a, _, _ in used[s.text]]
        if not any(x != y and _outlets_differ(a, b) for x, a in sides for y, b in sides):
            continue  # every outlet writes the same spelling, or only one outlet writes them
        group.sort(key=lambda s: s.text)
        parts = []
        for s in group:
            where = ", ".join(_outlet(a) for a, _, _ in used[s.text])
            parts.append(f"“{s.text}” ({where})")
        details = "one name in each outlet's spelling: " + "; ".join(parts)
        house = _house(group, rules)
        if house:
            details += f"; house style spells it “{house}”"
        mentions = [_mention(a, m, w) for s in group for a, m, w in used[s.text]]
        found.append(Discrepancy(
            rule=rule.code, rule_name=rule.name, kind="name", measure=house or group[0].text,
            severity=min(rule.severity_across, Severity.WARNING, key=lambda s: s.rank), scope="across",
            message=render_message(rule, details),
            evidence=tuple(evidence_for(m, by_id[m.article_id]) for m in mentions),
            fingerprint=fingerprint(rule.code, "across", mentions),
        ))
    return found


def _outlet(article: Article) -> str:
    return article.source or article.path


def _outlets_differ(a: Article, b: Article) -> bool:
    return a.id != b.id and (a.source is None or b.source is None or a.source != b.source)
