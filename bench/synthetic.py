"""Synthetic news corpora with planted disagreements, for ``claimcheck audit`` at scale.

A deterministic generator (one seeded :class:`random.Random`) of short news
articles about incidents (shootings, fires, crashes, stabbings). Every event has
a date, a town with an invented name ("Marlow Creek"), invented people (victims,
an official who speaks for the police or fire service) and its counts (killed,
injured). Two to six outlets (``outlet17.example``) report each event, 0-3 days
after it, each in words drawn from varied templates: a headline ("3 killed, 2
hurt in Marlow Creek shooting") and a body of 3-6 sentences.

Planted disagreements, with the truth known (see :data:`PLANTS`):

``error``
    an outlet reports a wrong number killed, in headline and body alike (one
    outlet of an event with at least three outlets, so the others outvote it).
``update``
    an outlet's first article, on the day of the event, gives a lower number
    killed; the same outlet's follow-up a day or two later gives the true one
    (half the time as a new version of the same URL, half under a new URL).
``stale``
    the headline gives one number killed and the body another (the headline
    was not updated with the body).

Events come in date order at a fixed rate (:data:`EVENTS_PER_DAY`), so a larger
corpus covers more days rather than packing more events into each day: the
work of the audit per article should not depend on the corpus size. Articles
are written in publication order.

Everything streams: :func:`generate` yields one article (and its truth) at a
time, so a corpus of a million articles is written without holding it.

Run from the repository root::

    python bench/synthetic.py 10000 bench/.cache/synthetic_10000.jsonl
    # writes the corpus and its truth beside it (synthetic_10000.truth.tsv)
"""

from __future__ import annotations

import argparse
import heapq
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SEED = 20261121
START = date(2015, 1, 1)
EVENTS_PER_DAY = 40
OUTLETS = 60
# Share of events with each planted disagreement (an event may have several).
P_ERROR = 0.08
P_UPDATE = 0.08
P_STALE = 0.06
PLANTS = ("error", "update", "stale")
TRUTH_COLUMNS = ("id", "event", "plant", "killed_true", "killed_headline", "killed_body")

# -- names ----------------------------------------------------------------------------

# Syllables that make plausible English-looking names when joined: "Mar" + "low", "Ash" + "ford".
_SYLLABLES = (
    "ab", "al", "an", "ash", "bar", "bel", "ben", "bram", "brook", "cal", "car", "cor", "craw", "dal", "den",
    "dor", "drum", "el", "em", "fair", "fen", "fal", "gar", "glen", "gor", "hal", "har", "hart", "hol", "kel",
    "ken", "kin", "lan", "lar", "lin", "lock", "low", "mar", "mel", "mer", "mil", "mor", "nor", "nel", "oak",
    "or", "pem", "per", "ran", "red", "ros", "sal", "sel", "sher", "stan", "tal", "tam", "ter", "thorn", "tor",
    "val", "ven", "ver", "wal", "wen", "wil", "win", "wick", "york", "zel", "quin", "rad", "bry", "cas", "dun",
    "ew", "gil", "ives", "jar", "lev",
)
_TOWN_ENDINGS = ("", "", "ton", "ville", "burg", "field", "wood", "ford", "dale", "mont", "land", "worth", "by",
                 "ham", "stead", "moor", "ley", "more", "bridge", "port")
_TOWN_SUFFIXES = ("", "", "", "", " Creek", " Falls", " Hills", " Springs", " Park", " Heights", " Valley",
                  " Junction", " Grove", " Lake", " Ridge", " Harbor", " Crossing")
_SURNAME_ENDINGS = ("", "", "", "s", "son", "er", "el", "ez", "ski", "man", "ley", "ton", "ard", "ett", "ow",
                    "ic", "berg", "ner", "ing", "ey")
_FIRST_NAMES = (
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
    "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
    "Christopher", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Sandra", "Mark", "Ashley",
    "Donald", "Kimberly", "Steven", "Emily", "Andrew", "Donna", "Joshua", "Michelle", "Kevin", "Carol",
    "Brian", "Amanda", "Dana", "Jordan", "Taylor", "Morgan", "Casey", "Jamie", "Alex", "Riley", "Avery",
    "Luis", "Maria", "Carlos", "Ana", "Jose", "Sofia", "Tyrone", "Keisha", "Darnell", "Aaliyah",
)
_STREETS = ("Main Street", "Oak Avenue", "Elm Street", "Maple Drive", "Washington Boulevard", "Park Road",
            "Lincoln Avenue", "Church Street", "Mill Road", "River Road", "Highland Avenue", "Cedar Lane")
_ROUTES = ("Interstate 80", "Route 9", "Highway 41", "State Route 12", "Interstate 95", "Route 30", "Highway 7",
           "County Road 18")
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _stem(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


def town_name(rng: random.Random) -> str:
    """ "Marlow Creek", "Ashford", "Kelwood Heights": two syllables, an ending, and now and then a suffix."""
    return (_stem(rng, 2) + rng.choice(_TOWN_ENDINGS)).capitalize() + rng.choice(_TOWN_SUFFIXES)


def surname(rng: random.Random) -> str:
    """ "Korbel", "Dalwicker": two syllables (now and then three) and an ending."""
    return (_stem(rng, rng.choice((2, 2, 2, 3))) + rng.choice(_SURNAME_ENDINGS)).capitalize()


def person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST_NAMES)} {surname(rng)}"


def number(n: int, rng: random.Random, *, sentence_start: bool = False) -> str:
    """A count as news writes it: words up to nine ("three"), digits from 10, sometimes digits anyway."""
    if n < 10 and (sentence_start or rng.random() < 0.8):
        word = _NUMBER_WORDS[n] if n else "no"
        return word.capitalize() if sentence_start else word
    return str(n)


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


# -- events ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Event:
    number: int
    kind: str  # shooting, fire, crash, stabbing
    day: date
    town: str
    street: str
    killed: int
    injured: int
    victims: tuple[tuple[str, int], ...]  # (name, age) of the named dead
    official: tuple[str, str]  # (title, name): "Sheriff", "Dana Korbel"
    agency: str
    suspect: str | None

    @property
    def id(self) -> str:
        return f"ev{self.number:07d}"


_KINDS = ("shooting", "shooting", "shooting", "fire", "crash", "stabbing")
_OFFICIALS = {
    "shooting": ("Sheriff", "Police Chief", "Lieutenant", "Sergeant", "Detective"),
    "stabbing": ("Police Chief", "Lieutenant", "Sergeant", "Detective"),
    "fire": ("Fire Chief", "Battalion Chief", "Fire Marshal"),
    "crash": ("Trooper", "Sergeant", "Captain"),
}
_AGENCIES = {
    "shooting": ("police", "the sheriff's office", "investigators"),
    "stabbing": ("police", "investigators"),
    "fire": ("fire officials", "firefighters", "the fire department"),
    "crash": ("state police", "troopers", "the highway patrol"),
}


def make_event(number: int, day: date, rng: random.Random) -> Event:
    kind = rng.choice(_KINDS)
    killed = rng.choice((1, 1, 1, 2, 2, 3, 4, 5)) if kind != "fire" else rng.choice((1, 1, 2, 3))
    injured = rng.choice((0, 0, 1, 2, 3, 4, 6))
    victims = tuple((person(rng), rng.randint(16, 84)) for _ in range(min(killed, rng.choice((0, 1, 2)))))
    official = (rng.choice(_OFFICIALS[kind]), person(rng))
    suspect = person(rng) if kind in ("shooting", "stabbing") and rng.random() < 0.5 else None
    street = rng.choice(_ROUTES) if kind == "crash" else rng.choice(_STREETS)
    return Event(number, kind, day, town_name(rng), street, killed, injured, victims, official,
                 rng.choice(_AGENCIES[kind]), suspect)


# -- articles -------------------------------------------------------------------------

def _headline(ev: Event, killed: int, rng: random.Random) -> str:
    town, inj = ev.town, ev.injured
    hurt = rng.choice(("hurt", "injured", "wounded")) if ev.kind in ("shooting", "stabbing") else \
        rng.choice(("hurt", "injured"))
    choices = [
        f"{killed} killed, {inj} {hurt} in {town} {ev.kind}" if inj else f"{killed} killed in {town} {ev.kind}",
        f"{killed} dead after {ev.kind} in {town}",
        f"{town} {ev.kind} leaves {killed} dead" + (f", {inj} {hurt}" if inj else ""),
    ]
    if ev.kind == "crash":
        choices.append(f"{killed} killed in crash on {ev.street} near {town}")
    if ev.kind == "fire":
        choices.append(f"{killed} {_plural(killed, 'dies', 'die')} in {town} house fire")
    return rng.choice(choices)


def _lead(ev: Event, killed: int, rng: random.Random) -> str:
    k = number(killed, rng)
    people = _plural(killed, "person was", "people were")
    inj = number(ev.injured, rng)
    injured = f" and {inj} {_plural(ev.injured, 'was', 'were')} injured" if ev.injured else ""
    where = {
        "shooting": f"in a shooting on {ev.street} in {ev.town}",
        "stabbing": f"in a stabbing on {ev.street} in {ev.town}",
        "fire": f"in a house fire on {ev.street} in {ev.town}",
        "crash": f"in a crash on {ev.street} near {ev.town}",
    }[ev.kind]
    when = ev.day.strftime("%A")
    agency = ev.agency[0].upper() + ev.agency[1:]
    return rng.choice((
        f"{agency} said {k} {people} killed{injured} {where} on {when}.",
        f"{k.capitalize()} {people} killed{injured} {where} {when}, {ev.agency} said.",
        f"{k.capitalize()} {_plural(killed, 'person', 'people')} died{injured} {where} late {when}.",
    ))


def _official(ev: Event, killed: int, rng: random.Random) -> str:
    title, name = ev.official
    k = number(killed, rng)
    return rng.choice((
        f"According to {title} {name}, {k} {_plural(killed, 'victim', 'victims')} died at the scene.",
        f"\"This is a tragedy for {ev.town},\" {title} {name} told reporters.",
        f"{title} {name} said the investigation was in its early stages.",
        f"{title} {name} asked anyone with information to come forward.",
    ))


def _victims(ev: Event, rng: random.Random) -> str | None:
    if not ev.victims:
        return None
    named = [f"{name}, {age}" for name, age in ev.victims]
    if len(ev.victims) == 1 and rng.random() < 0.5:
        name, age = ev.victims[0]
        return f"The victim was identified as {age}-year-old {name}."
    return f"The {_plural(len(named), 'victim was', 'dead were')} identified as {' and '.join(named)}."


def _detail(ev: Event, rng: random.Random) -> str:
    if ev.kind in ("shooting", "stabbing"):
        if ev.suspect:
            return rng.choice((f"A suspect, {ev.suspect}, was taken into custody.",
                               f"{ev.suspect} was later arrested and faces charges."))
        return rng.choice(("No arrests have been made.", "Police have not identified a suspect.",
                           "The motive remains unclear."))
    if ev.kind == "fire":
        return rng.choice(("The cause of the fire is under investigation.",
                           "Crews needed about an hour to bring the blaze under control."))
    return rng.choice((f"Traffic on {ev.street} was closed for several hours.",
                       "The cause of the crash is under investigation."))


def _closing(ev: Event, rng: random.Random) -> str:
    return rng.choice((
        f"The {ev.kind} was the latest of several incidents in the area this year.",
        "Neighbors described the area as usually quiet.",
        f"A vigil is planned for this weekend in {ev.town}.",
        "This story will be updated.",
    ))


def _body(ev: Event, killed: int, rng: random.Random) -> str:
    sentences = [_lead(ev, killed, rng), _official(ev, killed, rng)]
    optional = [s for s in (_victims(ev, rng), _detail(ev, rng), _closing(ev, rng)) if s]
    rng.shuffle(optional)
    sentences += optional[:rng.randint(1, len(optional))]
    if rng.random() < 0.3:
        sentences.append(f"Anyone with information is asked to call the {ev.town} tip line.")
    return " ".join(sentences[:6])


@dataclass(frozen=True, slots=True)
class Article:
    record: dict  # the JSONL record
    event: str
    plant: str  # "", "error", "update", "update-followup" or "stale"
    killed_true: int
    killed_headline: int
    killed_body: int

    def line(self) -> str:
        return json.dumps(self.record, ensure_ascii=False, separators=(",", ":"))

    def truth(self) -> str:
        return "\t".join(map(str, (self.record["id"], self.event, self.plant, self.killed_true,
                                   self.killed_headline, self.killed_body)))


def event_articles(ev: Event, rng: random.Random) -> list[tuple[date, str, int, int, str, str]]:
    """(published, outlet, headline killed, body killed, plant, URL slug) of every article about ``ev``."""
    outlets = rng.sample(range(1, OUTLETS + 1), rng.choice((2, 3, 3, 4, 4, 5, 6)))
    slug = f"{ev.town.lower().replace(' ', '-')}-{ev.kind}-{ev.number}"
    plan = []
    erring = outlets[-1] if len(outlets) >= 3 and rng.random() < P_ERROR else None
    updating = outlets[0] if ev.killed >= 2 and rng.random() < P_UPDATE else None
    stale = rng.choice(outlets) if rng.random() < P_STALE else None
    for o in outlets:
        delay = rng.choice((0, 0, 1, 1, 2, 3))
        if o == updating:
            early = rng.randint(1, ev.killed - 1)
            plan.append((ev.day, o, early, early, "update", f"{slug}"))
            later_slug = slug if rng.random() < 0.5 else f"{slug}-update"
            plan.append((ev.day + timedelta(days=rng.randint(1, 2)), o, ev.killed, ev.killed, "update-followup",
                         later_slug))
            continue
        killed = ev.killed
        plant = ""
        if o == erring:
            killed = ev.killed + rng.choice((-1, 1, 1)) if ev.killed > 1 else ev.killed + 1
            plant = "error"
        head = killed
        if o == stale:
            head = killed - 1 if killed > 1 else killed + 1
            plant = plant + "+stale" if plant else "stale"
        plan.append((ev.day + timedelta(days=delay), o, head, killed, plant, slug))
    return plan


def generate(n: int, seed: int = SEED) -> Iterator[Article]:
    """``n`` articles in publication order (then by id), with their planted truth; streams.

    Events are made day by day; each day's articles wait in a heap until their
    publication day comes (at most 3 days ahead), so only a few days of articles
    are held at any time.
    """
    rng = random.Random(seed)
    pending: list[tuple[date, int, Article]] = []
    made = 0
    serial = 0
    number_ = 0
    day = START
    while made < n:
        for _ in range(EVENTS_PER_DAY):
            number_ += 1
            ev = make_event(number_, day, rng)
            for published, o, head, body, plant, slug in event_articles(ev, rng):
                serial += 1
                article_id = f"syn-{serial:07d}"
                headline = _headline(ev, head, rng)
                text = _body(ev, body, rng)
                if plant == "update-followup":
                    text = text + f" The death toll rose to {number(ev.killed, rng)} on {published.strftime('%A')}."
                record = {"id": article_id, "title": headline, "body": text, "published": published.isoformat(),
                          "source": f"outlet{o}.example",
                          "url": f"https://outlet{o}.example/news/{ev.day.year}/{slug}"}
                heapq.heappush(pending, (published, serial, Article(record, ev.id, plant, ev.killed, head, body)))
        # Everything published by today is final: no later event is published before its own day.
        while pending and pending[0][0] <= day and made < n:
            yield heapq.heappop(pending)[2]
            made += 1
        day += timedelta(days=1)


def truth_path(corpus: Path) -> Path:
    return corpus.with_name(corpus.name.removesuffix(".jsonl") + ".truth.tsv")


def write_corpus(n: int, path: Path, seed: int = SEED) -> dict[str, int]:
    """Write ``n`` articles to ``path`` (JSONL) and their truth to :func:`truth_path`; counts of each plant."""
    path.parent.mkdir(parents=True, exist_ok=True)
    counts = {"articles": 0, "events": 0, **{p: 0 for p in PLANTS}}
    events: set[str] = set()  # a few hundred thousand short strings at most: this is not the audited process
    tmp, tmp_truth = path.with_suffix(".part"), truth_path(path).with_suffix(".part")
    with open(tmp, "w", encoding="utf-8") as out, open(tmp_truth, "w", encoding="utf-8") as truth:
        truth.write("\t".join(TRUTH_COLUMNS) + "\n")
        for art in generate(n, seed):
            out.write(art.line() + "\n")
            truth.write(art.truth() + "\n")
            counts["articles"] += 1
            events.add(art.event)
            for p in art.plant.split("+"):
                if p in counts:
                    counts[p] += 1
    counts["events"] = len(events)
    tmp.replace(path)
    tmp_truth.replace(truth_path(path))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=int, help="how many articles")
    parser.add_argument("output", type=Path, help="the JSONL file to write (the truth goes beside it)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    counts = write_corpus(args.articles, args.output, args.seed)
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
