"""TTL001 and the entity mentions it reads: one person, two incompatible roles."""

from __future__ import annotations

import pytest

from checker.extract.entities import PERSON, entity_mentions
from checker.ingest import read_file
from checker.ingest.plaintext import read_text
from checker.pipeline import analyse, check_documents
from checker.titles import compatible
from conftest import seed


def _titles(text: str, rules):
    return [d for d in check_documents(read_text("a.txt", text), rules).discrepancies if d.rule == "TTL001"]


def _mentions(text: str, rules):
    article, _ = analyse(read_text("a.txt", text)[0], rules)
    return article, entity_mentions(article, rules)


# -- entity mentions -------------------------------------------------------------------


def test_titles_before_in_and_after_the_name_with_offsets(rules) -> None:
    text = ("Russian Foreign Minister Sergey Lavrov met General Keith Kellogg, presidential envoy for Ukraine, "
            "and the Prime Minister, Keir Starmer, in Geneva.\n")
    article, found = _mentions(text, rules)
    people = {m.text: m for m in found if m.kind == PERSON}
    assert set(people) >= {"Sergey Lavrov", "Keith Kellogg", "Keir Starmer"}
    lavrov = people["Sergey Lavrov"]
    seg = article.segments[lavrov.segment_index].text
    assert seg[lavrov.start:lavrov.end] == "Sergey Lavrov"
    assert lavrov.title == "Russian Foreign Minister" and lavrov.role_key == "foreign minister"
    assert people["Keith Kellogg"].role_key == "general"
    assert people["Keir Starmer"].title == "Prime Minister" and people["Keir Starmer"].role_key == "prime minister"
    assert (lavrov.given, lavrov.surname.text) == ("Sergey", "Lavrov")


def test_appositions_and_past_roles(rules) -> None:
    _, found = _mentions("Ukraine's president, Volodymyr Zelenskyy, met former Defense Secretary Mark Esper. "
                         "Sergey Lavrov, Russia's foreign minister, said then-President Joe Biden agreed.\n", rules)
    by_name = {m.text: m for m in found}
    assert by_name["Volodymyr Zelenskyy"].role_key == "president" and not by_name["Volodymyr Zelenskyy"].past
    assert by_name["Mark Esper"].role_key == "defence secretary" and by_name["Mark Esper"].past
    assert by_name["Sergey Lavrov"].role_key == "foreign minister"
    assert by_name["Joe Biden"].past


def test_a_role_alone_is_no_name(rules) -> None:
    _, found = _mentions("The Prime Minister said the Foreign Minister would travel.\n", rules)
    assert not [m for m in found if m.kind == PERSON]


# -- compatibility ---------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b", "ok"), [
    ("foreign minister", "defence minister", False),
    ("foreign minister", "minister", True),
    ("defence minister", "defence minister", True),
    ("president", "vice president", False),
    ("president", "prime minister", False),
    ("general", "special envoy", True),
    ("general", "president", True),
    ("secretary of state", "secretary", True),
])
def test_compatible_roles(a: str, b: str, ok: bool) -> None:
    assert compatible(a, b) is ok


# -- findings ----------------------------------------------------------------------------


def test_two_portfolios_for_one_minister_is_one_finding(rules) -> None:
    (finding,) = _titles("Russian Foreign Minister Sergey Lavrov met his Turkish counterpart.\n\n"
                         "Later, Defence Minister Sergey Lavrov said talks would go on. Lavrov left.\n", rules)
    assert finding.kind == "title" and finding.measure == "Sergey Lavrov"
    assert [e.claim.text for e in finding.evidence] == ["Russian Foreign Minister Sergey Lavrov",
                                                        "Defence Minister Sergey Lavrov"]
    assert "“Russian Foreign Minister” and “Defence Minister”" in finding.message


def test_a_surname_takes_the_one_full_name(rules) -> None:
    (finding,) = _titles("Vice President JD Vance spoke first.\n\nPresident Vance then left for Ohio.\n", rules)
    assert finding.measure == "JD Vance"


@pytest.mark.parametrize("text", [
    "Russian Foreign Minister Sergey Lavrov spoke. Foreign Minister Lavrov left, and the minister, Sergey Lavrov, said no.\n",
    "Defense Minister Jane Doe and Defence Minister Jane Doe are the same spelling twice.\n",
    "Former Defence Minister Sergey Lavrov is now Foreign Minister Sergey Lavrov.\n",
    "General Keith Kellogg, presidential envoy for Ukraine, met President Donald Trump. Kellogg said it went well.\n",
    "Prime Minister John Smith met Defence Minister Jane Smith. Smith said the budget was agreed.\n",
    "Then Secretary of State Mike Pompeo and Secretary of State Marco Rubio spoke. Pompeo later became President Pompeo of the club.\n",
])
def test_consistent_roles_are_not_flagged(rules, text: str) -> None:
    assert _titles(text, rules) == [], text


@pytest.mark.seeds
@pytest.mark.parametrize("name", ["002_7aab08db0e928fb1.txt", "000_ddccb80f46c1cdc6.txt"])
def test_seeds_have_no_title_finding(rules, name: str) -> None:
    docs, _ = read_file(str(seed(name)))
    assert [d for d in check_documents(docs, rules).discrepancies if d.rule == "TTL001"] == []
