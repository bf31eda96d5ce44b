"""One person given two incompatible roles in one article (TTL001).

"Foreign Minister Sergey Lavrov" and later "Defence Minister Sergey Lavrov" is
a copy-desk error; "Russian Foreign Minister Sergey Lavrov" and "Foreign
Minister Lavrov" are one role, and "former Defence Minister Lavrov" is no
current role at all. The roles are read by :mod:`checker.extract.entities`
from the rule packs' title lexicon; here they are compared.

**Who.** A mention with a given name is keyed by given name and surname ("Sergey
Lavrov"); a bare surname ("Foreign Minister Lavrov") takes the one full name the
article gives that surname, and is left out when it gives several or none that
differ ("Melania Trump" and "Donald Trump" make "Trump" nobody's).

**Which roles conflict.** Only offices, of which a person holds one at a time in
a story: heads of state and government, ministers and secretaries of a
portfolio, chancellors, governors, mayors, senators, ambassadors, monarchs,
speakers. Ranks and appointments ("General", "envoy", "spokesman", "Officer")
sit beside an office ("General Keith Kellogg, presidential envoy") and never
conflict. Two offices agree when they are the same after US and British
spellings are made one ("defense"/"defence") or when one is the other without
a portfolio ("Minister" and "Foreign Minister"); an office with "vice",
"deputy", "shadow" and the like is another office ("Vice President" is not
"President"). Past roles ("former", "then", "ex-", "the late") are not compared.
"""

from __future__ import annotations

from checker.extract.entities import EntityMention, entity_mentions
from checker.model import Article, Discrepancy, Mention
from checker.names import fold

# Words that make a role an office (a person holds one at a time in a story).
OFFICE_WORDS = frozenset({"president", "minister", "secretary", "chancellor", "governor", "mayor", "senator",
                          "ambassador", "king", "queen", "pope", "speaker", "premier", "gov", "sen"})
# Words that make an office another office: "Vice President" is not "President".
OTHER_OFFICE = frozenset({"vice", "deputy", "shadow", "assistant", "under", "junior", "lieutenant", "crown",
                          "acting", "interim", "elect"})
# Abbreviations read as the office they stand for.
_SPELLED = {"gov": "governor", "sen": "senator", "rep": "representative"}


def is_office(role: str) -> bool:
    return any(w in OFFICE_WORDS for w in role.split())


def _words(role: str) -> tuple[str, ...]:
    return tuple(_SPELLED.get(w, w) for w in role.replace("-", " ").split())


def compatible(a: str, b: str) -> bool:
    """Whether one person may hold both roles at once in a story (see the module's doc)."""
    if not (is_office(a) and is_office(b)):
        return True  # a rank or an appointment sits beside any office
    wa, wb = _words(a), _words(b)
    if wa == wb:
        return True
    short, long = sorted((wa, wb), key=len)
    if len(short) == 1 and short[0] in long:
        extra = [w for w in long if w != short[0]]
        return not any(w in OTHER_OFFICE for w in extra)  # "minister" of "foreign minister"
    return False


def _person_keys(mentions: list[EntityMention]) -> dict[int, tuple[str, str]]:
    """Each mention's person, keyed (given, surname) folded; bare surnames resolved where the article allows."""
    full: dict[str, set[str]] = {}
    for m in mentions:
        if m.given is not None:
            full.setdefault(fold(m.surname.text), set()).add(fold(m.given))
    keys = {}
    for n, m in enumerate(mentions):
        surname = fold(m.surname.text)
        if m.given is not None:
            keys[n] = (fold(m.given), surname)
        elif len(full.get(surname, ())) == 1:
            keys[n] = (next(iter(full[surname])), surname)
    return keys


def _evidence_mention(article: Article, m: EntityMention) -> Mention:
    seg = article.segments[m.segment_index]
    start, end = m.start, m.end
    if m.title_span is not None:
        start, end = min(start, m.title_span[0]), max(end, m.title_span[1])
    return Mention(article.id, m.segment_index, m.role, start, end, seg.text[start:end], m.sentence)


def check_within(article: Article, claims, rule, rules) -> list[Discrepancy]:
    """TTL001: one finding per person the article gives two incompatible current roles."""
    from checker.compare import evidence_for, fingerprint, render_message

    mentions = [m for m in entity_mentions(article, rules) if m.role in rule.segments]
    keys = _person_keys(mentions)
    by_person: dict[tuple[str, str], list[EntityMention]] = {}
    for n, m in enumerate(mentions):
        if m.role_key is not None and not m.past and n in keys:
            by_person.setdefault(keys[n], []).append(m)
    found = []
    for person, held in sorted(by_person.items()):
        roles = sorted({m.role_key for m in held})
        clash = [(a, b) for i, a in enumerate(roles) for b in roles[i + 1:] if not compatible(a, b)]
        if not clash:
            continue
        involved = {r for pair in clash for r in pair}
        shown = [m for m in held if m.role_key in involved]
        name = next((f"{m.given} {m.surname.text}" for m in held if m.given), shown[0].surname.text)
        titles = []
        for m in shown:
            if m.title not in titles:
                titles.append(m.title)
        details = f"{name} is given {len(involved)} roles: " + " and ".join(f"“{t}”" for t in titles)
        evidence = [_evidence_mention(article, m) for m in shown]
        found.append(Discrepancy(
            rule=rule.code, rule_name=rule.name, kind="title", measure=name,
            severity=rule.severity_body if all(m.role.value == "body" for m in evidence) else rule.severity,
            scope="within", message=render_message(rule, details),
            evidence=tuple(evidence_for(m, article) for m in evidence),
            fingerprint=fingerprint(rule.code, "within", evidence),
        ))
    return found
