"""What each figure measures: one test per failure class found on real news text.

Every sentence here is written for the test; each names the class of mistake it
guards against.
"""

from __future__ import annotations

import pytest

from checker.ingest.plaintext import read_text
from checker.pipeline import check_documents
from checker.segment import segment
from checker.align import comparable
from checker.extract import extract


def claims_of(text: str, rules):
    article = segment(read_text("t.txt", "Headline\n\n" + text + "\n")[0], rules)
    return {c.text: c for c in extract(article, rules)}


def findings(text: str, rules):
    return check_documents(read_text("t.txt", text), rules).discrepancies


def test_trigger_after_a_number_belongs_to_it_not_to_the_next(rules) -> None:
    c = claims_of("One man died and four others were hurt in the crash.", rules)
    assert c["One"].measure == "killed"
    assert c["four"].measure == "injured"


def test_noun_triggers_do_not_reach_forward(rules) -> None:
    c = claims_of("The driver suffered serious injuries and two passengers walked away.", rules)
    assert c["two"].measure is None


def test_a_trigger_reached_across_a_list_loses_to_a_direct_one(rules) -> None:
    c = claims_of("The army launched 90 drones, and 70 drones were shot down.", rules)
    assert c["90"].measure == "launched"
    assert c["70"].measure == "intercepted"


def test_partitive_figures_are_not_totals(rules) -> None:
    c = claims_of("One of the dead was a nurse, and two of three people wounded were students.", rules)
    assert c["One"].note == "partitive"
    assert c["two"].note == "partitive"


def test_definite_references_are_not_totals(rules) -> None:
    c = claims_of("The five wounded were taken to the city hospital.", rules)
    assert c["five"].note == "reference"


def test_subset_cues_apply_to_their_own_clause_only(rules) -> None:
    c = claims_of("Six people were wounded, one critically, in the attack.", rules)
    assert comparable(c["Six"])
    assert not comparable(c["one"])
    c = claims_of("Two people died at the scene and a third in hospital.", rules)
    assert c["Two"].note == "subset"


def test_counts_that_include_the_perpetrator_are_kept_apart(rules) -> None:
    c = claims_of("Five people died, including the gunman, police said.", rules)
    assert c["Five"].counted_class == "people (perpetrator counted)"
    assert not findings("Gunman kills four\n\nFive people died, including the gunman, police said.\n", rules)


def test_intentions_are_not_events(rules) -> None:
    c = claims_of("Police said he had planned to kill dozens at the concert.", rules)
    assert c["dozens"].note == "hypothetical"


def test_rates_are_not_counts(rules) -> None:
    c = claims_of("The region recorded 12.5 deaths per 100,000 residents.", rules)
    assert c["12.5"].measure is None


def test_numbers_side_by_side_are_not_a_list(rules) -> None:
    c = claims_of("Photo 4 of 9 3 killed in the blast.", rules)
    assert c["9"].measure is None
    assert c["3"].measure == "killed"


def test_apposition_after_a_comma_is_not_a_list_item(rules) -> None:
    c = claims_of("The blast injured 14 people, nine from one village.", rules)
    assert c["14"].measure == "injured"
    assert c["nine"].measure is None


def test_others_after_another_measure_are_a_total(rules) -> None:
    c = claims_of("The fire killed 3 people and injured 17 others.", rules)
    assert (c["17"].measure, c["17"].counted_class, c["17"].note) == ("injured", "people", None)
    lone = claims_of("A teacher and 8 others were hurt.", rules)
    assert lone["8"].note == "others"


def test_rules_limited_to_counted_classes(rules) -> None:
    c = claims_of("Officers fired 40 rounds at the car.", rules)
    assert c["40"].measure is None


def test_verb_particles_are_not_changes(rules) -> None:
    c = claims_of("Air defences shot down 30 drones overnight.", rules)
    assert (c["30"].measure, c["30"].quantity.qualifier.value) == ("intercepted", "exact")


def test_dated_past_event_is_another_occasion(rules) -> None:
    c = claims_of("Three people were wounded in a March shooting nearby.", rules)
    assert c["Three"].context.past_cue is not None


def test_roundup_articles_are_not_compared_within(rules) -> None:
    text = ("Weekend violence: 6 dead\n\nSix people were killed in 9 shootings across the city.\n\n"
            "On the east side, 2 people were killed outside a bar.\n")
    assert not findings(text, rules)


@pytest.mark.parametrize("sentence", [
    "The storm killed 4 people.", "Four people were killed by the storm.", "The storm left four dead.",
    "The death toll from the storm rose to four.",
])
def test_ways_of_saying_a_death_toll(rules, sentence: str) -> None:
    [claim] = [c for c in claims_of(sentence, rules).values() if c.measure]
    assert (claim.measure, claim.quantity.value) == ("killed", 4)


def test_counted_noun_phrases_may_hold_ing_words(rules) -> None:
    c = claims_of("The city owns 1,100 public housing units and 3 Model S cars.", rules)
    assert c["1,100"].counted == "units"
    assert c["3"].counted != "s"


def test_participles_before_a_plural_noun_are_adjectives(rules) -> None:
    c = claims_of("The city built 40 charging stations and found a 12 page report labeled Secret.", rules)
    assert c["40"].counted == "stations"
    assert c["12"].counted != "labeled"


def test_counted_classes_are_singular_by_spelling_rules() -> None:
    from checker.extract.nouns import singular

    assert [singular(w) for w in ("horses", "countries", "boxes", "buses", "glass", "people")] == [
        "horse", "country", "box", "bus", "glass", "people"]


def test_irregular_plurals() -> None:
    from checker.extract.nouns import singular

    assert [singular(w) for w in ("feet", "women", "teeth")] == ["foot", "woman", "tooth"]


@pytest.mark.parametrize("sentence,figure,noun", [
    ("The airline parked three new 320 Neo planes.", "three", "planes"),
    ("Thieves took about 75 Ford and Toyota trucks.", "about 75", "trucks"),
    ("It matches roughly 12 newly built wind farms.", "roughly 12", "farms"),
    ("The port serves about 90 licensed fishermen.", "about 90", "fishermen"),
])
def test_counted_noun_after_modifiers(rules, sentence: str, figure: str, noun: str) -> None:
    assert claims_of(sentence, rules)[figure].counted == noun


def test_singular_compound_counts_its_first_noun(rules) -> None:
    c = claims_of("The council read a 40 page memo about a 6 cylinder truck.", rules)
    assert (c["40"].counted, c["6"].counted) == ("page", "cylinder")


def test_only_a_matched_trigger_ends_the_counted_noun(rules) -> None:
    # "homes" belongs to a displacement trigger ("forced from their homes") but counts here.
    assert claims_of("The builder will sell 240 homes this year.", rules)["240"].counted == "homes"


@pytest.mark.parametrize("sentence,figure,unit,noun", [
    ("The firm sold 310 flats at auction and 95 by private treaty.", "95", None, "flats"),
    ("The top target is 61.25 cents, while the lowest is 52.80.", "52.80", "cent", None),
    ("About 4 million homes, including 1.2 million in the north, lost power.", "1.2 million", None, "homes"),
    ("It lists at 3,150,000 yen ($21,300) for the base car and 3,420,000 ($23,100) for the top one.",
     "3,420,000", "JPY", None),
])
def test_a_bare_figure_takes_the_unit_english_left_out(rules, sentence, figure, unit, noun) -> None:
    claim = claims_of(sentence, rules)[figure]
    assert (claim.quantity.unit, claim.counted) == (unit, noun)


@pytest.mark.parametrize("sentence,figure", [
    ("The squad won 4 games, scoring 96 in the last one.", "96"),  # not a like size
    ("It does three things: 1) it fits 2 feet of snow; and 3) it folds.", "3"),  # a list item
    ("Rents rose 2.5%, and 40 tenants left.", "40"),
])
def test_unlike_figures_keep_their_own_unit(rules, sentence: str, figure: str) -> None:
    claim = claims_of(sentence, rules)[figure]
    assert claim.quantity.unit is None and claim.counted in (None, "tenants")


@pytest.mark.parametrize("sentence,figure,measure", [
    ("Three men were killed and eight more people shot near the bar.", "eight", None),
    ("One guard was killed and two were wounded at the gate.", "two", "injured"),
    ("A boy died and at least six more people were hurt.", "at least six", "injured"),
])
def test_a_figure_opening_its_own_clause_after_and_keeps_its_own_verb(rules, sentence, figure, measure) -> None:
    assert claims_of(sentence, rules)[figure].measure == measure


def test_mortally_marks_the_figure_before_it_as_counting_the_dead(rules) -> None:
    c = claims_of("The blast left nine people wounded, three mortally, officials said.", rules)
    assert c["nine"].counted_class.endswith("(dead included)")
    assert c["three"].measure is None


def test_an_age_range_after_ages_of_is_no_count(rules) -> None:
    c = claims_of("Three other boys, between the ages of 13-15, were also hurt.", rules)
    assert c["13-15"].quantity.kind == "age" and c["13-15"].measure is None


def test_abbreviated_counted_nouns_read_as_their_phrase(rules) -> None:
    c = claims_of("The guard averaged 21.4 ppg and threw 3 TDs in the final.", rules)
    assert (c["21.4"].counted, c["3"].counted) == ("points per game", "touchdowns")


def test_last_year_ends_a_counted_noun_phrase(rules) -> None:
    assert claims_of("Output was 14 last year.", rules)["14"].counted is None


def test_an_elided_unit_skips_a_figure_of_another_shape(rules) -> None:
    c = claims_of("The index shut at 2,210.45 points, while the small-cap gauge added 0.4% to 1,118.62.", rules)
    assert c["1,118.62"].counted == "points"


def test_a_sentence_of_thousands_of_figures_is_read_in_linear_time(rules) -> None:
    # Found by fuzzing (tests/fuzz_crashers/02b11b20b3b3ab15.md): linking parts to wholes
    # passed over every figure before each one, 28 s for "one one one ..." 5,000 times.
    import time

    started = time.perf_counter()
    article = segment(read_text("t.txt", "Headline\n\n" + "one " * 5000 + "people were killed.\n")[0], rules)
    extract(article, rules)
    assert time.perf_counter() - started < 10


def test_coordinated_parts_share_the_whole_after_the_lookup_rewrite(rules) -> None:
    claims = claims_of("The blast killed 18 people, including 11 women and nine children.", rules)
    whole = claims["18"]
    assert claims["11"].part_of == whole.index and claims["nine"].part_of == whole.index
