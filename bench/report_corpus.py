"""A synthetic corpus whose check gives about 5,000 findings, for the HTML report benchmark.

A deterministic generator (one seeded :class:`random.Random`) of short news
articles, each about one event in an invented town (names from
:mod:`synthetic`). Every event is reported by one to three outlets (so outlets
meet in cross-article findings), each article with a headline, one or two
captions and a body of several paragraphs whose figures are attributed to
different sources: police, hospitals, officials. Some of the figures disagree,
within an article (a caption or a later paragraph gives another count) and
across the outlets of an event:

* disasters (explosions, floods, fires, collapses, landslides): killed,
  injured, missing, displaced;
* protests: arrested, injured, the size of the crowd;
* court cases: the fine, the prison sentence, the bail;
* council votes: votes for and against, the budget;

and, as other kinds of finding, a spokesperson whose surname is spelt two ways
in one article (a name finding) and a weekday that does not match the date
written with it.

With the default 1,000 articles and seed, ``claimcheck check`` reports about
5,000 findings of several severities, kinds, rules and outlets: what an
editor's report of a big batch looks like, and enough for the report's list to
have to page.

Run from the repository root::

    python bench/report_corpus.py 1000 bench/.cache/report_corpus_1000.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import synthetic

SEED = 20261122
START = date(2026, 1, 5)
OUTLETS = tuple(f"{name} {kind}" for name, kind in zip(
    ("Northgate", "Eastbrook", "Harbour", "Valley", "Capital", "Riverside", "Lakeland", "Westfield", "Coastal",
     "Midland", "Highland", "Southport", "Ironbridge", "Greenhill", "Stonegate", "Fairview", "Redcliff",
     "Oakmont", "Silverton", "Bayview"),
    ("Tribune", "Courier", "Gazette", "Herald", "Post", "Chronicle", "Observer", "Times", "Star", "Echo",
     "Sentinel", "Record", "Mercury", "Express", "Journal", "Ledger", "Advocate", "Bulletin", "Dispatch",
     "Examiner")))
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
P_WITHIN = 0.9  # chance that a measure of an article disagrees with itself
P_ACROSS = 0.5  # chance that an outlet's figure for a measure differs from the event's
P_NAME = 0.45  # chance of a spokesperson's surname spelt two ways
P_WEEKDAY = 0.2  # chance of a wrong weekday beside a date
STEPS = {"displaced": 10}  # the figures that differ by tens


def _other(n: int, rng: random.Random, step: int = 1) -> int:
    """A different count near ``n`` (by a multiple of ``step``)."""
    if n > 3 * step:
        return n + step * rng.choice((-3, -2, -1, 1, 2, 3, 5))
    return n + step * rng.choice((1, 2, 3))


def _misspelt(name: str, rng: random.Random) -> str:
    """A surname with one letter doubled or dropped: "Korbel" -> "Korbell"."""
    i = rng.randrange(1, len(name) - 1)
    return name[:i] + name[i] + name[i:] if rng.random() < 0.5 else name[:i] + name[i + 1:]


class _Article:
    """One outlet's article about an event: the parts as they are written."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.title = ""
        self.captions: list[str] = []
        self.paragraphs: list[str] = []

    def figure(self, value: int, within: bool, step: int = 1) -> tuple[int, int]:
        """The value an article gives first, and the one a later paragraph gives (different when ``within``)."""
        return value, (_other(value, self.rng, step) if within else value)


def _disaster(ev: dict, a: _Article, figures: dict[str, int]) -> None:
    rng, town, kind, day = a.rng, ev["town"], ev["kind"], ev["day"]
    killed, killed2 = a.figure(figures["killed"], rng.random() < P_WITHIN)
    injured, injured2 = a.figure(figures["injured"], rng.random() < P_WITHIN)
    missing, missing2 = a.figure(figures["missing"], rng.random() < P_WITHIN)
    displaced, displaced2 = a.figure(figures["displaced"], rng.random() < P_WITHIN, 10)
    arrested, arrested2 = a.figure(figures["arrested"] // 10 + 1, rng.random() < P_WITHIN)
    a.title = rng.choice((f"{kind.capitalize()} in {town} kills {killed}",
                          f"{killed} killed, {injured} injured in {town} {kind}",
                          f"{town} {kind} leaves {killed} dead and {missing} missing"))
    a.captions.append(f"Rescuers search the rubble in {town}, where {killed2} people were killed in the {kind}.")
    if rng.random() < 0.6:
        a.captions.append(f"Families wait outside the {town} hospital, where {injured2} people were treated.")
    a.paragraphs += [
        f"The {kind} killed {killed} people in {town} on {day}, police said.",
        f"Doctors said {injured} people were injured and treated at the regional hospital.",
        f"{missing} people were still missing on {day} evening, the fire service said.",
        f"Officials said {displaced} people were displaced from their homes.",
        f"By {day} night, rescue workers said {killed2} people had been killed and {missing2} were missing.",
        f"The regional council said {displaced2} people had been displaced and {injured2} people were injured.",
        f"Police arrested {arrested} people in connection with the {kind}.",
        f"Prosecutors said {arrested2} people had been arrested.",
    ]


def _protest(ev: dict, a: _Article, figures: dict[str, int]) -> None:
    rng, town, day = a.rng, ev["town"], ev["day"]
    arrested, arrested2 = a.figure(figures["arrested"], rng.random() < P_WITHIN)
    injured, injured2 = a.figure(figures["injured"], rng.random() < P_WITHIN)
    crowd, crowd2 = a.figure(figures["crowd"] * 100, rng.random() < P_WITHIN, 100)
    a.title = rng.choice((f"Police arrest {arrested} at {town} protest",
                          f"{arrested} arrested as thousands march in {town}"))
    a.captions.append(f"Protesters in {town}, where police arrested {arrested2} people.")
    a.paragraphs += [
        f"{crowd} people attended the protest in {town} on {day}, organisers said.",
        f"Police arrested {arrested} people after clashes near the town hall.",
        f"Paramedics said {injured} people were injured in the clashes.",
        f"Police later said {arrested2} people had been arrested and {injured2} people were injured.",
        f"A police spokesperson said {crowd2} people attended the protest.",
    ]


def _court(ev: dict, a: _Article, figures: dict[str, int]) -> None:
    rng, town, day = a.rng, ev["town"], ev["day"]
    fine, fine2 = a.figure(figures["fine"] * 1000, rng.random() < P_WITHIN, 1000)
    years, years2 = a.figure(figures["years"], rng.random() < P_WITHIN)
    bail, bail2 = a.figure(figures["bail"] * 1000, rng.random() < P_WITHIN, 1000)
    name = ev["defendant"]
    a.title = rng.choice((f"{town} builder fined ${fine:,} over collapse",
                          f"{name} jailed for {years} years in {town} fraud case"))
    a.captions.append(f"{name} leaves {town} court, where he was fined ${fine2:,}.")
    a.paragraphs += [
        f"A court in {town} on {day} sentenced {name} to {years} years in prison for fraud.",
        f"The court also ordered him to pay a fine of ${fine:,}.",
        f"He had been released on bail of ${bail:,} before the trial.",
        f"Prosecutors said the fine of ${fine2:,} was the largest in the county this year.",
        f"His lawyer said the sentence of {years2} years in prison would be appealed, and that bail of "
        f"${bail2:,} had been paid in full.",
    ]


def _council(ev: dict, a: _Article, figures: dict[str, int]) -> None:
    rng, town, day = a.rng, ev["town"], ev["day"]
    yes, yes2 = a.figure(figures["for"], rng.random() < P_WITHIN)
    no, no2 = a.figure(figures["against"], rng.random() < P_WITHIN)
    budget, budget2 = a.figure(figures["budget"], rng.random() < P_WITHIN)
    a.title = rng.choice((f"{town} council approves ${budget} million budget",
                          f"{town} budget passes by {yes} votes to {no}"))
    a.captions.append(f"{town} councillors voted {yes2} to {no2} on the budget.")
    a.paragraphs += [
        f"The {town} council on {day} approved a budget of ${budget} million for next year.",
        f"The motion passed with {yes} votes in favour and {no} votes against.",
        f"The mayor said the ${budget2} million budget would fund two new schools.",
        f"The minutes record {yes2} votes in favour and {no2} votes against the motion.",
    ]


_KINDS = ((_disaster, ("explosion", "flood", "fire", "building collapse", "landslide")),
          (_disaster, ("explosion", "flood", "fire")),
          (_protest, ("protest",)), (_court, ("court case",)), (_council, ("council vote",)))


def _event(number: int, rng: random.Random) -> dict:
    write, kinds = rng.choice(_KINDS)
    day = START + timedelta(days=number // 8)
    return {
        "number": number, "write": write, "kind": rng.choice(kinds), "town": synthetic.town_name(rng),
        "date": day, "day": WEEKDAYS[day.weekday()], "defendant": synthetic.person(rng),
        "spokesperson": synthetic.person(rng),
        "figures": {"killed": rng.randint(3, 60), "injured": rng.randint(5, 200), "missing": rng.randint(2, 40),
                    "displaced": rng.randint(50, 5000), "arrested": rng.randint(3, 80), "crowd": rng.randint(5, 90),
                    "fine": rng.randint(5, 900), "years": rng.randint(2, 20), "bail": rng.randint(10, 500),
                    "for": rng.randint(5, 30), "against": rng.randint(1, 20), "budget": rng.randint(10, 900)},
        "outlets": rng.sample(OUTLETS, rng.choice((1, 1, 2, 2, 3))),
    }


def _record(ev: dict, outlet: str, serial: int, rng: random.Random) -> dict:
    figures = {k: (_other(v, rng, STEPS.get(k, 1)) if rng.random() < P_ACROSS else v)
               for k, v in ev["figures"].items()}
    a = _Article(rng)
    ev["write"](ev, a, figures)
    first, last = ev["spokesperson"].split(" ", 1)
    second = _misspelt(last, rng) if rng.random() < P_NAME else last
    a.paragraphs.insert(1, f"\"We are doing everything we can,\" said {first} {last}, a spokesperson for the "
                           f"{ev['town']} authorities.")
    a.paragraphs.append(f"{second} said more details would be given at a briefing.")
    published = ev["date"]
    if rng.random() < P_WEEKDAY:
        wrong = WEEKDAYS[(published.weekday() + rng.randint(1, 6)) % 7]
        a.paragraphs.append(f"The inquiry will open on {wrong}, {published:%B} {published.day + 7}, officials said.")
    slug = f"{ev['town'].lower().replace(' ', '-')}-{ev['number']}"
    host = outlet.lower().replace(" ", "")
    return {"id": f"rep-{serial:05d}", "title": a.title, "captions": a.captions, "body": "\n".join(a.paragraphs),
            "source": outlet, "published": published.isoformat(), "url": f"https://{host}.example/news/{slug}"}


def generate(n: int, seed: int = SEED) -> Iterator[dict]:
    """``n`` JSONL records, deterministic for a seed."""
    rng = random.Random(seed)
    made, number = 0, 0
    while made < n:
        ev = _event(number, rng)
        number += 1
        for outlet in ev["outlets"]:
            if made == n:
                return
            made += 1
            yield _record(ev, outlet, made, rng)


def write_corpus(n: int, path: Path, seed: int = SEED) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    with open(tmp, "w", encoding="utf-8") as out:
        for record in generate(n, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=int, help="how many articles")
    parser.add_argument("output", type=Path, help="the JSONL file to write")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    write_corpus(args.articles, args.output, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
