"""Events, places and days: rule kinds ``location`` and ``date`` (see :mod:`checker.facts`).

An event is named by a noun of the rule packs' ``[lexicon.events]`` ("meeting",
"summit", "talks", "shooting") or by "met"/"meets" (a meeting), and keyed by
its day: a possessive day before it ("Monday's meeting", "yesterday's
summit") or the nearest day after it in its sentence ("a meeting … on
Monday"), else before it. Its place is a place name before it ("a White House
meeting", "the Geneva talks") or one after "in", "at", "near", "outside" or
"inside" within a few words ("Monday's meeting in Alaska"), looked up in
:mod:`checker.gazetteer` with the packs' landmarks.

* ``location``: the same event (one noun, one day) placed in two places that
  are apart: neither contains the other ("in Alaska" and "at the White
  House"; Anchorage and Alaska agree).
* ``date``: the same event (one noun at one city or landmark) on two days,
  reckoned from the publication date for "yesterday" and weekdays; and a
  weekday that does not match the date written with it ("Tuesday, 3 March
  2025") or, for "yesterday", "today" and "tomorrow", the publication date.

Precision first: a mention is left out when its sentence is hypothetical
("could happen in Geneva"), names a year other than the publication's ("in
2019"), or says the event is another one ("another shooting", "the previous
summit"); plural nouns ("strikes") are many events and never compared; two
mentions that are both indefinite ("a meeting", "a meeting") may be two
events; a day is compared with another only when both can be reckoned.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from checker import gazetteer
from checker.model import Article, Discrepancy, Mention, Role

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {m: i + 1 for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                          "september", "october", "november", "december"))}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
# Relative days, as days from the publication date.
RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "this morning": 0, "last night": -1, "tomorrow": 1}
# Words that make a sentence a possibility rather than a report.
MODALS = ("could", "would", "might", "may", "should", "if", "unless", "proposed", "possible",
          "possibly", "potential", "hopes", "expected to")
# Words before the noun that make it another event than the story's.
OTHER_EVENT = {"another", "previous", "earlier", "prior", "last", "next", "first", "second", "third", "separate",
               "future", "upcoming", "planned", "proposed", "possible", "potential", "similar"}
PREPOSITIONS = {"in", "at", "near", "outside", "inside"}
# Lower-case words a place may follow the noun across ("a summit between Putin and Trump in Alaska");
# any other lower-case word ("talks on the war in Ukraine") stops the search.
_BRIDGE = {"between", "and", "with", "the", "a", "an", "of", "by", "his", "her", "their", "its", "on", "last", "this",
           "week", "weekend", "night", "morning", "afternoon", "evening", "held", "virtually", "counterpart",
           "leaders", "officials", "president", "minister"}
_TIME_OF_DAY = re.compile(r"\b(?:night|overnight|early|late|morning|evening|midnight|a\.?m\.?|p\.?m\.?)\b", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\w$£€.,])(1[89]\d\d|20\d\d)(?![\w%])")
_WD = "|".join(w.capitalize() for w in WEEKDAYS)
_MON = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_DATE_DMY = rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MON})\.?(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
_DATE_MDY = rf"(?P<m2>{_MON})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y2>(?:19|20)\d\d))?"
_DATE = re.compile(rf"\b(?:{_DATE_DMY}|{_DATE_MDY})\b")
_WEEKDAY = re.compile(rf"\b(?:(?P<mod>last|this|next|on|On)\s+)?(?P<wd>{_WD})(?P<pos>['’]s)?\b")
_RELATIVE = re.compile(r"\b(?P<rel>yesterday|today|tonight|tomorrow|this morning|last night|last week|this week|"
                       r"last weekend)(?P<pos>['’]s)?\b", re.IGNORECASE)
# "Monday, 3 March 2025", "Monday (March 3)", "yesterday, Monday,": a weekday stated with a date or a relative day.
_WD_DATE = re.compile(rf"\b(?P<wd>{_WD}),?\s+\(?(?:{_DATE_DMY}|{_DATE_MDY})")
_REL_WD = re.compile(rf"\b(?P<rel>[Yy]esterday|[Tt]oday|[Tt]omorrow)\s*(?:,|\(|–|—|-)\s*(?P<wd>{_WD})\b(?!,?\s+(?:\d|{_MON}))")


@dataclass(frozen=True)
class Day:
    """When an event happened, as written: a weekday, a date, a relative day or a week."""

    kind: str  # "weekday" | "date" | "relative" | "week"
    value: object  # weekday index 0-6; (year or None, month, day); days from publication; weeks from publication
    start: int  # offsets in the segment text
    end: int


@dataclass(frozen=True)
class EventMention:
    noun: str
    plural: bool
    definite: bool
    day: Day | None
    places: tuple[tuple[int, int, tuple[gazetteer.Place, ...]], ...]  # (start, end, readings) in the segment
    segment: int
    role: Role
    sentence: tuple[int, int]
    start: int
    end: int


def _published(article: Article) -> dt.date | None:
    if not article.published:
        return None
    try:
        return dt.date.fromisoformat(article.published.strip()[:10])
    except ValueError:
        return None


def trusted_published(article: Article) -> dt.date | None:
    """The publication date, unless the text writes a full date after it or two months before it (a feed, an
    archive or an updated page whose metadata date is not when its text was written): then neither relative
    days nor dates without a year are reckoned from it."""
    from checker.facts import per_article

    return per_article("published", article, None, _trusted_published)


def _trusted_published(article: Article, _rules=None) -> dt.date | None:
    published = _published(article)
    if published is None:
        return None
    for seg in article.segments:
        for m in _DATE.finditer(seg.text):
            year = m.group("y1") or m.group("y2")
            if year:
                date = _date(int(year), MONTHS[(m.group("m1") or m.group("m2")).lower()], int(m.group("d1") or m.group("d2")))
                if date is not None and not -60 <= (date - published).days <= 1:
                    return None
    return published


def _date(year, month, day) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except (TypeError, ValueError):
        return None


def resolve(day: Day, published: dt.date | None) -> dt.date | tuple[dt.date, dt.date] | int | None:
    """A day as a date (or a week's first and last date) when it can be reckoned; a weekday index when it
    cannot; None when neither."""
    if day.kind == "date":
        year, month, mday = day.value
        if year is None and published is not None:
            # A date without a year is the publication's year only when that puts it in the weeks around
            # publication (news of last week); an older page's date is not guessed.
            year = published.year
            for candidate in (published.year, published.year - 1, published.year + 1):
                guess = _date(candidate, month, mday)
                if guess is not None and -60 <= (guess - published).days <= 7:
                    year = candidate
                    break
            else:
                return None
        return _date(year, month, mday) if year else None
    if day.kind == "relative":
        return published + dt.timedelta(days=day.value) if published else None
    if day.kind == "week":
        if published is None:
            return None
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=day.value)
        return (monday, monday + dt.timedelta(days=6))
    if day.kind == "weekday":
        if published is None:
            return day.value
        back = (published.weekday() - day.value) % 7  # the latest such weekday on or before publication
        return published - dt.timedelta(days=back)
    return None


def same_day(a: Day, b: Day, published: dt.date | None) -> bool | None:
    """True or False when two days can be told to be one or two; None when they cannot."""
    if a.kind == b.kind and a.kind in ("weekday", "relative", "week") and published is None:
        return a.value == b.value
    ra, rb = resolve(a, published), resolve(b, published)
    if ra is None or rb is None:
        if a.kind == b.kind == "date":  # dates with a year missing: same month and day, or not
            return a.value[1:] == b.value[1:] and (a.value[0] == b.value[0] or None in (a.value[0], b.value[0]))
        return None
    if isinstance(ra, tuple) or isinstance(rb, tuple):
        if isinstance(ra, tuple) and isinstance(rb, tuple):
            return ra == rb
        week, single = (ra, rb) if isinstance(ra, tuple) else (rb, ra)
        if isinstance(single, int):
            return None
        return week[0] <= single <= week[1]
    if isinstance(ra, int) or isinstance(rb, int):  # a weekday with no publication date against a date
        wa = ra if isinstance(ra, int) else ra.weekday()
        wb = rb if isinstance(rb, int) else rb.weekday()
        return wa == wb
    return ra == rb


# -- reading ------------------------------------------------------------------------


def _days(text: str, lo: int, hi: int) -> list[tuple[Day, bool]]:
    """(day, possessive) for every day written in text[lo:hi]."""
    found = []
    for m in _WEEKDAY.finditer(text, lo, hi):
        mod = (m.group("mod") or "").lower()
        if mod == "next":
            continue
        found.append((Day("weekday", WEEKDAYS.index(m.group("wd").lower()), m.start("wd"), m.end("wd")),
                      bool(m.group("pos"))))
    for m in _DATE.finditer(text, lo, hi):
        month = MONTHS[(m.group("m1") or m.group("m2")).lower()]
        mday = int(m.group("d1") or m.group("d2"))
        year = m.group("y1") or m.group("y2")
        if 1 <= mday <= 31:
            found.append((Day("date", (int(year) if year else None, month, mday), m.start(), m.end()), False))
    for m in _RELATIVE.finditer(text, lo, hi):
        rel = m.group("rel").lower()
        if rel in RELATIVE_DAYS:
            day = Day("relative", RELATIVE_DAYS[rel], m.start("rel"), m.end("rel"))
        else:
            day = Day("week", -1 if rel.startswith("last") else 0, m.start("rel"), m.end("rel"))
        found.append((day, bool(m.group("pos"))))
    # A weekday inside a date phrase ("Monday, 3 March") is the date's: keep the date.
    dates = [d for d, _ in found if d.kind == "date"]
    return sorted((d for d in found if not (d[0].kind == "weekday" and any(0 <= x.start - d[0].end <= 3 for x in dates))),
                  key=lambda d: d[0].start)


def _noun_pattern(nouns: frozenset[str], verbs: frozenset[str]) -> re.Pattern[str] | None:
    forms = set()
    for noun in nouns:
        forms |= {noun, noun + "s", noun + "es"}
    forms |= verbs  # "met … on Monday" is a meeting ([lexicon.events] verbs)
    if not forms:
        return None
    # The lookahead matches nothing the alternatives would not: it only spares a search trying every
    # alternative at each word boundary of the text.
    first_letters = "".join(sorted({re.escape(form[0]) for form in forms}))
    return re.compile(rf"\b(?=[{first_letters}])(" + "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
                      + r")\b", re.IGNORECASE)


_PATTERNS: dict[tuple[frozenset[str], frozenset[str]], re.Pattern[str] | None] = {}


def _events_pattern(rules) -> re.Pattern[str] | None:
    key = (rules.lexicon.event_nouns, frozenset(rules.lexicon.event_verbs))
    if key not in _PATTERNS:
        _PATTERNS[key] = _noun_pattern(*key)
    return _PATTERNS[key]


_WORDS: dict[int, tuple[object, tuple[str, ...] | None]] = {}


def _lexicon_words(rules) -> tuple[str, ...] | None:
    """The lexicon's event nouns and verbs in lower case (None unless all are ASCII): every match of
    :func:`_events_pattern` starts with one of them ("meetings" with "meeting")."""
    lexicon = rules.lexicon
    entry = _WORDS.get(id(lexicon))
    if entry is None or entry[0] is not lexicon:
        if len(_WORDS) >= 8:
            _WORDS.clear()
        words = {w.lower() for w in (*lexicon.event_nouns, *lexicon.event_verbs)}
        entry = _WORDS[id(lexicon)] = (lexicon, tuple(sorted(words)) if all(w.isascii() for w in words) else None)
    return entry[1]


def _names_event(text: str, pattern: re.Pattern[str], starts: list[int] | None) -> bool:
    """``pattern.search(text)``, tried only where a match can start when :func:`_word_starts` tells where: a
    search would try every offset of the text."""
    if starts is None:
        return pattern.search(text) is not None
    return any(pattern.match(text, at) for at in starts)


def _word_starts(text: str, rules) -> list[int] | None:
    """Sorted offsets where a noun or verb of the lexicon starts in ASCII text (lower case); None when they cannot
    be told this way."""
    words = _lexicon_words(rules)
    if words is None or not text.isascii():
        return None
    lower = text.lower()
    starts = set()
    for word in words:
        at = lower.find(word)
        while at >= 0:
            starts.add(at)
            at = lower.find(word, at + 1)
    return sorted(starts)


def _words_before(text: str, pos: int, lo: int, n: int) -> list[str]:
    return re.findall(r"[\w'’.-]+", text[lo:pos])[-n:]


_CUES: dict[int, tuple[object, re.Pattern[str]]] = {}


def _cue_pattern(lexicon) -> re.Pattern[str]:
    """Any hypothetical cue as a whole word: the modals and the packs' cues, less those naming an event ("talks
    on" a ceasefire is not a hypothetical talk). Kept by the lexicon's identity (the lexicon kept in the entry)."""
    entry = _CUES.get(id(lexicon))
    if entry is None or entry[0] is not lexicon:
        nouns = lexicon.event_nouns
        cues = [c for c in lexicon.hypothetical_cues if not any(w in nouns for w in c.split())]
        pattern = re.compile("|".join(rf"\b{re.escape(cue)}\b" for cue in (*MODALS, *cues)))
        if len(_CUES) >= 8:
            _CUES.clear()
        entry = _CUES[id(lexicon)] = (lexicon, pattern)
    return entry[1]


def _excluded(sentence: str, rules, published: dt.date | None) -> bool:
    lower = sentence.lower()
    if _cue_pattern(rules.lexicon).search(lower):
        return True
    for m in _YEAR.finditer(sentence):
        if published is None or int(m.group(1)) != published.year:
            return True
    return False


def event_mentions(article: Article, rules) -> list[EventMention]:
    """Every event named in an article, with its day and place when the sentence gives them."""
    from checker.facts import per_article

    return list(per_article("events", article, rules, _event_mentions))


def _event_mentions(article: Article, rules) -> tuple[EventMention, ...]:
    pattern = _events_pattern(rules)
    if pattern is None:
        return ()
    starts_in = [_word_starts(seg.text, rules) for seg in article.segments]
    named_segments = [n for n, seg in enumerate(article.segments) if _names_event(seg.text, pattern, starts_in[n])]
    if not named_segments:
        return ()  # no event is named: no place need be read
    published = trusted_published(article)
    nouns = rules.lexicon.event_nouns
    found = []
    in_segments: dict[int, list] = {}

    def places_in(n: int) -> list:
        if n not in in_segments:
            in_segments[n] = gazetteer.find_places(article.segments[n].text, rules)
        return in_segments[n]

    named = _Named(lambda: _named_keys(places_in(n) for n in range(len(article.segments))))
    for n in named_segments:
        seg = article.segments[n]
        text = seg.text
        places = [p for p in places_in(n) if _reliable(text, p, named)]
        starts = starts_in[n]
        for lo, hi in seg.sentences:
            if starts is not None and bisect.bisect_left(starts, lo) == bisect.bisect_left(starts, hi):
                continue  # no noun or verb of the lexicon starts in the sentence: no event is named in it
            hits = list(pattern.finditer(text, lo, hi))
            if not hits or _excluded(text[lo:hi], rules, published):
                continue
            days = _days(text, lo, hi)
            for i, m in enumerate(hits):
                written = m.group(1).lower()
                if written in rules.lexicon.event_verbs:
                    noun, plural, verb = rules.lexicon.event_verbs[written], False, True
                else:
                    noun = written if written in nouns else (written[:-2] if written[:-2] in nouns and written.endswith("es")
                                                              else written[:-1])
                    plural, verb = written not in nouns, False
                before = [w.lower() for w in _words_before(text, m.start(), lo, 4)]
                if OTHER_EVENT & set(before[-3:]):
                    continue
                nxt = hits[i + 1].start() if i + 1 < len(hits) else hi
                prev = hits[i - 1].end() if i > 0 else lo
                day = _day_of(text, m, days, prev, nxt, verb)
                where = _places_of(text, m, places, prev, nxt, verb)
                determiner = next((w for w in reversed(before) if w in ("a", "an", "the", "this", "that")), None)
                definite = not verb and (determiner in ("the", "this", "that") or (day is not None and _possessive(day, days)))
                found.append(EventMention(noun, plural, definite, day, tuple(where), seg.index, seg.role, (lo, hi),
                                          m.start(), m.end()))
    return tuple(found)


class _Named:
    """The keys of :func:`_named_keys`, read only when first asked (most places are told without them)."""

    def __init__(self, read):
        self._read, self._keys = read, None

    def __contains__(self, key: str) -> bool:
        if self._keys is None:
            self._keys = self._read()
        return key in self._keys


def _named_keys(in_segments) -> set[str]:
    """Keys of every place named in the article (each reading), to tell a city the story is in from a namesake."""
    keys = set()
    for found in in_segments:
        for _, _, readings in found:
            keys |= {p.key for p in readings}
    return keys


def _reliable(text: str, found, named: set[str]) -> bool:
    """Whether a place name surely names a place the gazetteer knows: a country, division or landmark, a city
    of 100,000 or more, or a city whose division or country the article names too. "the West End" and a
    small town's name are as likely a neighbourhood the gazetteer does not hold."""
    start, _, readings = found
    if re.search(r"\bthe\s+$", text[max(0, start - 4):start], re.IGNORECASE) and not any(
            p.kind == "landmark" or p.name.startswith("The ") for p in readings):
        return False
    for p in readings:
        if p.kind != "city" or p.population >= 100_000 or any(k in named for k in p.within):
            return True
    return False


def _possessive(day: Day, days) -> bool:
    return any(d is day and pos for d, pos in days)


def _day_of(text: str, m: re.Match, days, prev: int, nxt: int, verb: bool) -> Day | None:
    # "Monday's meeting", "Monday’s White House meeting"
    for d, pos in days:
        if pos and d.end <= m.start() and len(re.findall(r"\S+", text[d.end:m.start()])) <= 3 and d.start >= prev:
            return d
    after = [d for d, pos in days if m.end() <= d.start < nxt and not pos]
    if after:
        return after[0]
    before = [d for d, pos in days if prev <= d.start and d.end <= m.start() and not pos]
    return before[-1] if before else None


def _places_of(text: str, m: re.Match, places, prev: int, nxt: int, verb: bool):
    found = []
    if not verb:  # "a White House meeting", "the Alaska summit"
        for s, e, readings in places:
            gap = text[e:m.start()]
            if e <= m.start() and s >= prev and re.fullmatch(r"(?:['’]s)?\s+", gap):
                found.append((s, e, readings))
    for s, e, readings in places:
        if not (m.end() <= s < nxt):
            continue
        between = re.findall(r"[\w'’.-]+", text[m.end():s])
        if not between or between[-1].lower() not in PREPOSITIONS and not (
                len(between) >= 2 and between[-1].lower() == "the" and between[-2].lower() in PREPOSITIONS):
            continue
        head = between[:-2] if between[-1].lower() == "the" else between[:-1]
        if len(head) > 8 or any(w[0].islower() and w.lower() not in _BRIDGE and w.lower() not in WEEKDAYS for w in head):
            break
        if any(w.lower() == "on" and (k + 1 >= len(head) or head[k + 1].lower() not in WEEKDAYS)
               for k, w in enumerate(head)):
            break
        found.append((s, e, readings))
        # "at the Elysée Palace, Paris": a place right after, joined by a comma, is the same place narrowed.
        rest = [(s2, e2, r2) for s2, e2, r2 in places if s2 > e and s2 < nxt and re.fullmatch(r",\s*", text[e:s2])]
        found += rest[:1]
        break
    return found


# -- findings ------------------------------------------------------------------------


def _mention(article: Article, seg_index: int, start: int, end: int, sentence) -> Mention:
    seg = article.segments[seg_index]
    return Mention(article.id, seg_index, seg.role, start, end, seg.text[start:end], sentence)


def _where(roles: list[str]) -> str:
    return ", ".join(dict.fromkeys(roles))


def _severity(rule, mentions: list[Mention]):
    return rule.severity_body if all(m.role == Role.BODY for m in mentions) else rule.severity


def _finding(rule, article: Article, kind_measure: str, mentions: list[Mention], details: str) -> Discrepancy:
    from checker.compare import evidence_for, fingerprint, render_message

    mentions = sorted(set(mentions), key=lambda x: (x.segment_index, x.start))
    return Discrepancy(rule=rule.code, rule_name=rule.name, kind=rule.kind, measure=kind_measure,
                       severity=_severity(rule, mentions), scope="within", message=render_message(rule, details),
                       evidence=tuple(evidence_for(x, article) for x in mentions),
                       fingerprint=fingerprint(rule.code, "within", mentions))


def _day_text(article: Article, ev: EventMention) -> str:
    return article.segments[ev.segment].text[ev.day.start:ev.day.end]


def _line(article: Article, seg_index: int, start: int) -> int:
    seg = article.segments[seg_index]
    return article.locate(seg.occurrences[0].to_input(start))[0]


def check_within(article: Article, claims, rule, rules) -> list[Discrepancy]:
    """Findings of one ``location`` or ``date`` rule in one article."""
    if rule.kind == "location":
        return _locations(article, rule, rules)
    if rule.kind == "date":
        return _dates(article, rule, rules)
    return []


def _in_scope(rule, ev: EventMention) -> bool:
    return ev.role in rule.segments


def _locations(article: Article, rule, rules) -> list[Discrepancy]:
    published = trusted_published(article)
    events = [e for e in event_mentions(article, rules) if _in_scope(rule, e) and not e.plural and e.day and e.places]
    found, done = [], set()
    for i, a in enumerate(events):
        if i in done:
            continue
        group = [i] + [j for j in range(i + 1, len(events)) if events[j].noun == a.noun
                       and same_day(a.day, events[j].day, published) is True]
        sides = [events[k] for k in group]
        clash = [(x, y) for x in range(len(sides)) for y in range(x + 1, len(sides))
                 if (sides[x].definite or sides[y].definite) and _apart(sides[x], sides[y])]
        if not clash:
            continue
        done |= set(group)
        involved = sorted({k for pair in clash for k in pair})
        groups: list[list[EventMention]] = []  # sides whose places agree, in text order
        mentions = []
        for k in involved:
            ev = sides[k]
            home = next((g for g in groups if not _apart(g[0], ev)), None)
            if home is None:
                groups.append([ev])
            else:
                home.append(ev)
            for s2, e2, _ in ev.places:
                mentions.append(_mention(article, ev.segment, s2, e2, ev.sentence))
        day = _day_text(article, a)
        parts = []
        for evs in groups:
            where = ", ".join(dict.fromkeys(
                ev.role.value + (f" line {_line(article, ev.segment, ev.places[0][0])}" if ev.role == Role.BODY else "")
                for ev in evs))
            parts.append(f"{_place_label(article, evs[0])} ({where})")
        details = f"{a.noun} on {day}: " + " vs ".join(parts)
        found.append(_finding(rule, article, f"{a.noun} on {day.lower()}", mentions, details))
    return found


def _place_label(article: Article, ev: EventMention) -> str:
    """The place as the sentence puts it: "in Alaska", "at the White House", "White House" (attributive)."""
    text = article.segments[ev.segment].text
    s, e, _ = ev.places[0]
    lead = re.search(r"\b(in|at|near|outside|inside)\s+(the\s+)?$", text[max(ev.sentence[0], s - 16):s], re.IGNORECASE)
    if lead:
        return f"{lead.group(1).lower()} {'the ' if lead.group(2) else ''}{text[s:e]}"
    if ev.places[0][2] and ev.places[0][2][0].kind == "landmark":
        return f"at the {text[s:e]}"
    return f"in {text[s:e]}"


def _apart(a: EventMention, b: EventMention) -> bool:
    ra = [rs for _, _, rs in a.places]
    rb = [rs for _, _, rs in b.places]
    # Every place of one mention apart from every place of the other (a mention's places narrow each other).
    return all(gazetteer.all_apart(x, y) for x in ra for y in rb)


def _specific(ev: EventMention) -> bool:
    return all(p.kind in ("city", "landmark") for _, _, rs in ev.places for p in rs)


def _dates(article: Article, rule, rules) -> list[Discrepancy]:
    """A rule measuring ``weekday`` checks weekdays against dates; any other date rule, one event's days."""
    return _weekday_mismatches(article, rule) if rule.measure == "weekday" else _same_event_days(article, rule, rules)


def _same_event_days(article: Article, rule, rules) -> list[Discrepancy]:
    published = trusted_published(article)
    all_events = event_mentions(article, rules)
    events = [e for e in all_events if _in_scope(rule, e) and not e.plural and e.day and e.places and _specific(e)]
    plural_nouns = {e.noun for e in all_events if e.plural}
    found, done = [], set()
    for i, a in enumerate(events):
        if i in done or a.noun in plural_nouns:
            continue
        same = [j for j in range(i + 1, len(events)) if events[j].noun == a.noun and not _apart(a, events[j])]
        clash = [j for j in same if same_day(a.day, events[j].day, published) is False
                 and (a.definite or events[j].definite) and not _night(article, a, events[j], published)]
        if not clash:
            continue
        group = [i, *same]
        days = {}
        for k in group:
            ev = events[k]
            days.setdefault(_day_text(article, ev), []).append(ev)
        if len(days) < 2:
            continue
        done |= set(group)
        mentions = [_mention(article, events[k].segment, events[k].day.start, events[k].day.end, events[k].sentence)
                    for k in group]
        place = article.segments[a.segment].text[a.places[0][0]:a.places[0][1]]
        parts = [f"{d} ({_where([ev.role.value for ev in evs])})" for d, evs in days.items()]
        details = f"{a.noun} in {place}: " + " vs ".join(parts)
        found.append(_finding(rule, article, f"{a.noun} in {place}", mentions, details))
    return found


def _night(article: Article, a: EventMention, b: EventMention, published) -> bool:
    """Adjacent days with a time of night or early morning near either: one late event may span both."""
    ra, rb = resolve(a.day, published), resolve(b.day, published)
    if isinstance(ra, dt.date) and isinstance(rb, dt.date):
        gap = abs((ra - rb).days)
    elif a.day.kind == b.day.kind == "weekday":
        gap = min((a.day.value - b.day.value) % 7, (b.day.value - a.day.value) % 7)
    else:
        gap = 1
    if gap > 1:
        return False
    for ev in (a, b):
        text = article.segments[ev.segment].text
        if _TIME_OF_DAY.search(text[max(ev.sentence[0], ev.day.start - 25):min(ev.sentence[1], ev.day.end + 25)]):
            return True
    return False


def _weekday_mismatches(article: Article, rule) -> list[Discrepancy]:
    """A weekday written with a date ("Tuesday, 3 March 2025") or a relative day ("yesterday, Monday") that
    it is not."""
    published = trusted_published(article)
    found = []
    for seg in article.segments:
        if seg.role.value not in rule.segments:
            continue
        text = seg.text
        for m in _WD_DATE.finditer(text):
            month = MONTHS[(m.group("m1") or m.group("m2")).lower()]
            mday = int(m.group("d1") or m.group("d2"))
            year = m.group("y1") or m.group("y2")
            day = Day("date", (int(year) if year else None, month, mday), m.start(), m.end())
            date = resolve(day, published)
            if not isinstance(date, dt.date):
                continue
            stated = WEEKDAYS.index(m.group("wd").lower())
            if date.weekday() != stated:
                sentence = next(((s, e) for s, e in seg.sentences if s <= m.start() < e), (0, len(text)))
                mention = _mention(article, seg.index, m.start(), m.end(), sentence)
                details = (f"“{m.group(0)}”: {date.day} {date.strftime('%B %Y')} is a {WEEKDAYS[date.weekday()].capitalize()}"
                           f", not a {m.group('wd')}" + ("" if year else f" (year from the publication date {published})"))
                found.append(_finding(rule, article, "weekday", [mention], details))
        if published is None:
            continue
        for m in _REL_WD.finditer(text):
            date = published + dt.timedelta(days=RELATIVE_DAYS[m.group("rel").lower()])
            stated = WEEKDAYS.index(m.group("wd").lower())
            if date.weekday() != stated:
                sentence = next(((s, e) for s, e in seg.sentences if s <= m.start() < e), (0, len(text)))
                mention = _mention(article, seg.index, m.start(), m.end(), sentence)
                details = (f"“{m.group(0)}”: published {published.isoformat()}, so {m.group('rel').lower()} was a "
                           f"{WEEKDAYS[date.weekday()].capitalize()}, not a {m.group('wd')}")
                found.append(_finding(rule, article, "weekday", [mention], details))
    return found
