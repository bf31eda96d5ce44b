"""NAM001 and NAM002: one name spelt two ways, found without pairs, and the guards that keep names apart."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from checker.extract.subjects import _NOT_NAMES, _PARTICLES, _TITLES
from checker.extract.tokens import FUNCTION_WORDS
from checker.house_style import house_style_from_table
from checker.ingest import read_file
from checker.ingest.plaintext import read_text
from checker.model import Severity
from checker.names import Spelling, clusters, same_name
from checker.pipeline import check_documents
from conftest import seed

OURS = ("NAM", "TTL")


def _ours(found):
    return [d for d in found if d.rule.startswith(OURS)]


def _check(text: str, rules):
    return _ours(check_documents(read_text("a.txt", text), rules).discrepancies)


def _across_rules(rules):
    """The shipped rules with NAM002 as the pack will ship it (across articles only, info)."""
    nam = rules.by_code("NAM001")
    across = replace(nam, code="NAM002", name="names.variant_across", within=False, across=True,
                     severity=Severity.INFO, severity_body=Severity.INFO, severity_across=Severity.INFO)
    if rules.rule_of("NAM002") is not None:
        return rules
    return replace(rules, rules=(*rules.rules, across), _by_code=None)


# -- the seeds -----------------------------------------------------------------------


@pytest.mark.seeds
def test_seed_002_one_finding_zelenskiy_in_the_caption_with_every_mention(rules) -> None:
    docs, _ = read_file(str(seed("002_7aab08db0e928fb1.txt")))
    found = _ours(check_documents(docs, rules).discrepancies)
    assert [d.rule for d in found] == ["NAM001"], [d.message for d in found]
    (finding,) = found
    texts = [e.claim.text for e in finding.evidence]
    assert sorted(set(texts)) == ["Zelenskiy", "Zelenskyy"]
    assert texts.count("Zelenskiy") == 1 and texts.count("Zelenskyy") == 8
    caption = next(e for e in finding.evidence if e.claim.text == "Zelenskiy")
    assert caption.claim.role.value == "caption" and "2019" in caption.sentence_text
    assert finding.measure == "Zelenskyy" and "most mentions write “Zelenskyy”" in finding.message
    assert finding.severity == Severity.WARNING and finding.kind == "name"


@pytest.mark.seeds
def test_seed_000_no_name_or_title_finding(rules) -> None:
    docs, _ = read_file(str(seed("000_ddccb80f46c1cdc6.txt")))
    assert _ours(check_documents(docs, rules).discrepancies) == []


@pytest.mark.seeds
def test_both_seeds_group_zelenskiy_and_zelenskyy_as_one_person_reported_as_info(rules) -> None:
    docs = read_file(str(seed("000_ddccb80f46c1cdc6.txt")))[0] + read_file(str(seed("002_7aab08db0e928fb1.txt")))[0]
    found = _ours(check_documents(docs, _across_rules(rules)).discrepancies)
    across = [d for d in found if d.scope == "across"]
    assert [d.rule for d in across] == ["NAM002"], [d.message for d in found]
    (finding,) = across
    assert finding.severity == Severity.INFO
    assert {e.claim.text for e in finding.evidence} == {"Zelenskiy", "Zelenskyy"}
    assert {e.article_id for e in finding.evidence} == {d.id for d in docs}
    assert all(d.severity != Severity.ERROR for d in found)


# -- fixtures: flagged ---------------------------------------------------------------------


def test_a_surname_spelt_two_ways_is_one_finding_with_every_mention(rules) -> None:
    text = ("Ocasio trial delayed\n\nDevonte Ocasio requested a speedy trial.\n\n"
            "Now Ocasio waits, and Oocasio will remain in jail until a new date is set.\n")
    (finding,) = _check(text, rules)
    assert finding.rule == "NAM001" and [e.claim.text for e in finding.evidence] == ["Ocasio", "Ocasio", "Ocasio", "Oocasio"]
    assert finding.measure == "Ocasio"


def test_the_house_style_spelling_is_named(rules) -> None:
    style = house_style_from_table({"Zelenskyy": ["Zelensky"]})
    text = "President Volodymyr Zelenskiy met envoys.\n\nZelenskyy said the talks went well. Zelenskyy left.\n"
    (finding,) = _check(text, rules.configured(house_style=style))
    assert "house style spells it “Zelenskyy”" in finding.message and finding.measure == "Zelenskyy"


def test_a_house_style_listing_every_spelling_leaves_the_finding_to_sty001(rules) -> None:
    style = house_style_from_table({"Zelenskyy": ["Zelenskiy"]})
    text = "President Volodymyr Zelenskiy met envoys.\n\nZelenskyy said the talks went well.\n"
    found = check_documents(read_text("a.txt", text), rules.configured(house_style=style)).discrepancies
    assert [d.rule for d in found] == ["STY001"]


def test_accents_only_are_a_variant(rules) -> None:
    (finding,) = _check("Recep Tayyip Erdoğan spoke on Monday.\n\nPresident Erdogan said more later.\n", rules)
    assert {e.claim.text for e in finding.evidence} == {"Erdoğan", "Erdogan"}


# -- fixtures: never merged --------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Jane Smith and John Smyth were praised.\n\nSmith said she was proud. Smyth declined to comment.\n",
    "Officer Mark Johnson and Sergeant Paul Johnston were first at the scene.\n\nJohnson and Johnston said little.\n",
    "Australia and Austria signed the accord, as did Iran and Iraq.\n\nThe Iraqi and Australian delegates agreed.\n",
    "Strikes hit Sumy overnight.\n\nThe storm hit Sumatra on Tuesday, and Sumy was quiet.\n",
    "Russia and Russian officials met Germany and German officials in Ukraine with Ukrainian envoys.\n",
    "Later, the council met. Latter-day plans were discussed.\n",
    "The Northeast Side and the Northwest Side saw shootings, police in the Southeast said.\n",
    "Follow @IlliniAlert for updates from Illini-Alert, police said.\n",
    "She wrote: \"pretty sure Brent Lyster (sic) Luyster shot me.\" Luyster, 35, denied it.\n",
])
def test_different_names_are_never_merged(rules, text: str) -> None:
    assert _check(text, rules) == []


def test_a_word_written_in_lower_case_is_no_name(rules) -> None:
    assert _check("Marshes flooded.\n\nResidents said the marshes and the Marsh family farm flooded.\n", rules) == []


def test_places_the_gazetteer_tells_apart_and_one_place_two_ways(rules) -> None:
    spelt = {t: Spelling(t, confirmed=True) for t in ("Austria", "Australia", "Kiev", "Kyiv", "Sumy", "Sumatra")}
    assert not same_name(spelt["Austria"], spelt["Australia"], rules, 50)
    assert not same_name(spelt["Sumy"], spelt["Sumatra"], rules, 10)
    assert same_name(spelt["Kiev"], spelt["Kyiv"], rules, 70), "one place in the gazetteer, alike enough"
    assert same_name(spelt["Kiev"], spelt["Kyiv"], rules, 85), "other spellings of one place: the alias likeness"
    other_names = [("Holland", "Netherlands"), ("Burma", "Myanmar"), ("Bombay", "Mumbai")]
    for a, b in other_names:  # other names of one place, which an editor may use on purpose
        assert not same_name(Spelling(a, confirmed=True), Spelling(b, confirmed=True), rules, 85), (a, b)


def test_clusters_need_every_pair_alike(rules) -> None:
    spelt = [Spelling(t, confirmed=True) for t in ("Zelensky", "Zelenskyy", "Zelenskiy")]
    (group,) = clusters(spelt, rules, 85)
    assert sorted(s.text for s in group) == ["Zelenskiy", "Zelensky", "Zelenskyy"]


# -- across outlets ----------------------------------------------------------------------


def test_across_one_outlet_each_spelling_is_info(rules) -> None:
    a = read_text("a.txt", "President Volodymyr Zelenskiy spoke in Kyiv on Monday.\n")
    b = read_text("b.txt", "President Volodymyr Zelenskyy spoke in Kyiv on Monday.\n")
    found = _ours(check_documents(a + b, _across_rules(rules)).discrepancies)
    assert [(d.rule, d.severity, d.scope) for d in found] == [("NAM002", Severity.INFO, "across")]


def test_across_different_first_names_are_two_people(rules) -> None:
    a = read_text("a.txt", "Jane Smith, 45, was arrested on Monday.\n")
    b = read_text("b.txt", "John Smyth, 45, was arrested on Monday.\n")
    assert _ours(check_documents(a + b, _across_rules(rules)).discrepancies) == []


# -- property ----------------------------------------------------------------------------

_NAME = st.text(alphabet="abcdefghijklmnoprstuvwyz", min_size=2, max_size=9).map(str.capitalize)


@given(first=_NAME, other=_NAME, surname=_NAME, mutation=st.sampled_from(["", "y", "e", "h", "i"]))
def test_a_name_never_clusters_with_a_name_whose_first_name_differs(rules, first, other, surname, mutation) -> None:
    if first.lower() == other.lower():
        other = other + "o"
    variant = surname + mutation if mutation else surname[:-1] + "y"
    lex = rules.lexicon
    # Particles ("da", "van") are part of a surname, so a name opening with one has no given name.
    not_given = (_NOT_NAMES | FUNCTION_WORDS | _TITLES | _PARTICLES | lex.weekdays | lex.months | lex.honorifics
                 | {w for role in lex.titles for w in role.split()})
    assume(not {first.lower(), other.lower(), surname.lower(), variant.lower()} & not_given)  # words, not names
    text = (f"Police named {first} {surname} and {other} {variant} on Monday.\n\n"
            f"Officers said {first} {surname} and {other} {variant} were both held.\n")
    found = [d for d in _check(text, rules) if d.rule == "NAM001"]
    assert found == [], (text, [d.message for d in found])
