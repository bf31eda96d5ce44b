"""Events, places and days (LOC001, DAT001, DAT002) on the seeds and on articles of our own."""

from __future__ import annotations

import json

from checker.events import event_mentions
from checker.ingest.plaintext import read_text, text_blocks
from checker.model import Document
from checker.pipeline import check_documents
from conftest import seed

KINDS = ("location", "date")


def findings(text: str, rules, published: str | None = None):
    docs = read_text("a.txt", text)
    if published:
        docs = [Document(id="a", path="a.jsonl", text=text, blocks=tuple(text_blocks(text)), published=published)]
    return [d for d in check_documents(docs, rules).discrepancies if d.kind in KINDS]


def codes(text: str, rules, published: str | None = None) -> list[str]:
    return [d.rule for d in findings(text, rules, published)]


def test_seed_002_one_location_finding_and_no_date_finding(rules) -> None:
    path = seed("002_7aab08db0e928fb1.txt")
    found = findings(path.read_text(encoding="utf-8"), rules)
    assert [d.rule for d in found] == ["LOC001"]
    (d,) = found
    assert "meeting on Monday" in d.message and "Alaska" in d.message and "White House" in d.message
    assert sorted(e.claim.text for e in d.evidence) == ["Alaska", "White House", "White House"]
    assert {e.claim.role.value for e in d.evidence} == {"caption", "body"}


def test_seed_000_no_location_or_date_finding(rules) -> None:
    assert findings(seed("000_ddccb80f46c1cdc6.txt").read_text(encoding="utf-8"), rules) == []


HEAD = "Leaders meet\n\n"


def test_location_in_both_directions(rules) -> None:
    assert codes(HEAD + "Monday's meeting in Alaska ended.\n\nThe leaders met on Monday at the White House.\n",
                 rules) == ["LOC001"]
    assert codes(HEAD + "Monday's meeting in Anchorage ended.\n\nThe meeting on Monday in Alaska was long.\n", rules) == []
    assert codes(HEAD + "The attack in Odesa on Tuesday killed two.\n\nTuesday's attack in Ukraine was condemned.\n",
                 rules) == []


def test_other_events_are_not_the_same_event(rules) -> None:
    # another day, another noun, a past year, a hypothetical, plural events, two indefinite mentions
    for text in ("The leaders met on Monday at the White House.\n\nA summit in Alaska last week set it up.\n",
                 "The leaders met on Monday at the White House.\n\nThe summit on Monday in Alaska was not held.\n",
                 "The leaders met on Monday at the White House.\n\nThey met on Monday in Paris in 2019.\n",
                 "The leaders met on Monday at the White House.\n\nThe next meeting could be on Monday in Geneva.\n",
                 "Strikes on Monday in Kyiv killed two.\n\nStrikes on Monday in Odesa killed three.\n",
                 "A meeting on Monday in Berlin was held.\n\nA meeting on Monday in Paris was held too.\n"):
        assert codes(HEAD + text, rules) == [], text


def test_look_alike_places_in_one_event(rules) -> None:
    assert codes(HEAD + "Monday's meeting in Austria ended.\n\nThe meeting on Monday in Australia began.\n",
                 rules) == ["LOC001"]
    assert codes(HEAD + "Monday's talks in Iran ended.\n\nThe talks on Monday in Iraq began.\n", rules) == ["LOC001"]


def test_same_event_on_two_days(rules) -> None:
    assert codes(HEAD + "The talks in Geneva on Monday ended.\n\nThe talks in Geneva on Wednesday were tense.\n",
                 rules) == ["DAT001"]
    assert codes(HEAD + "The talks in Geneva on Monday ended.\n\nMonday's talks in Geneva were tense.\n", rules) == []
    # two shootings are two events; a late-night event spans two days
    assert codes(HEAD + "Shootings in Denver on Monday and Wednesday left two hurt.\n\n"
                 "The shooting in Denver on Monday was the first.\n\nThe shooting in Denver on Wednesday followed.\n",
                 rules) == []
    assert codes(HEAD + "The shooting in Denver late on Saturday night hurt one.\n\n"
                 "Police went to the shooting in Denver early on Sunday.\n", rules) == []


def test_relative_days_are_reckoned_from_the_publication_date(rules) -> None:
    text = HEAD + "Yesterday's summit in Geneva ended.\n\nThe summit in Geneva on Monday was long.\n"
    assert codes(text, rules, published="2025-03-04") == []  # a Tuesday: yesterday was Monday
    assert codes(text, rules, published="2025-03-06") == ["DAT001"]  # a Thursday
    assert codes(text, rules) == []  # no publication date: not reckoned


def test_weekday_against_date(rules) -> None:
    assert codes(HEAD + "It opened on Monday, 3 March 2025.\n", rules) == []
    assert codes(HEAD + "It opened on Tuesday, 3 March 2025.\n", rules) == ["DAT002"]
    assert codes(HEAD + "It opened on Tuesday, March 3, 2025.\n", rules) == ["DAT002"]
    assert codes(HEAD + "It opened on Tuesday, March 3.\n", rules) == []  # no year, no publication date
    assert codes(HEAD + "It opened on Tuesday, March 3.\n", rules, published="2025-03-05") == ["DAT002"]
    assert codes(HEAD + "Police said Thursday the July 15 death was an accident.\n", rules, published="2025-07-18") == []


def test_relative_day_with_a_weekday(rules) -> None:
    text = HEAD + "The vote was held yesterday, Monday, in the capital.\n"
    assert codes(text, rules, published="2025-03-04") == []
    assert codes(text, rules, published="2025-03-05") == ["DAT002"]
    assert codes(text, rules) == []


def test_event_mentions_read_day_and_place(rules) -> None:
    docs = read_text("a.txt", HEAD + "The strikes follow a summit between Putin and Trump in Alaska last week, "
                                     "as well as a White House meeting on Monday.\n")
    from checker.segment import segment

    article = segment(docs[0], rules)
    seen = {(e.noun, e.plural, article.segments[e.segment].text[e.day.start:e.day.end] if e.day else None,
             tuple(article.segments[e.segment].text[s:x] for s, x, _ in e.places)) for e in event_mentions(article, rules)}
    assert ("summit", False, "last week", ("Alaska",)) in seen
    assert ("meeting", False, "Monday", ("White House",)) in seen
    assert json.dumps(sorted(map(str, seen)))  # plain values
