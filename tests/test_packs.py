"""The money, rates, votes, ages and durations packs: what keeps their figures apart.

Every article here is written for the test. Each test names the false alarm (or
the finding) it guards; the packs' own examples are run by test_rule_examples.py.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.align import _key, same_subject
from checker.extract import extract
from checker.ingest.plaintext import read_text
from checker.pipeline import check_documents, extract_documents
from checker.reports import json_report
from checker.reports.records import extract_records
from checker.segment import segment


def claims(text: str, rules) -> list:
    return [c for c in extract(segment(read_text("t.txt", text)[0], rules), rules) if c.rule]


def measured(text: str, rules) -> dict:
    return {c.text: c for c in claims(text, rules)}


def flags(text: str, rules) -> list[str]:
    return [d.rule for d in check_documents(read_text("t.txt", text), rules).discrepancies]


def flags_across(texts: list[str], rules) -> list[str]:
    docs = [read_text(f"a{n}.txt", t)[0] for n, t in enumerate(texts)]
    return [d.rule for d in check_documents(docs, rules, across=True).discrepancies]


# -- ages: one person, one age ----------------------------------------------------------


def test_ages_of_two_people_are_never_compared(rules) -> None:
    text = ("Two hurt in crash\n\nTom Harris, 23, was taken to hospital.\n\n"
            "Dean Morris, 31, was treated at the scene.\n")
    assert flags(text, rules) == []


def test_a_surname_alone_is_the_full_name_the_article_gave(rules) -> None:
    text = "Teacher cleared\n\nJane Smith, 45, was cleared on Tuesday.\n\nSmith, 46, said she was relieved.\n"
    ages = claims(text, rules)
    assert [c.subject for c in ages] == ["Jane Smith", "Jane Smith"]
    assert flags(text, rules) == ["AGE001"]


def test_jane_and_john_smith_are_two_people(rules) -> None:
    text = ("Couple rescued\n\nJane Smith, 45, was rescued by firefighters.\n\n"
            "Her husband, John Smith, 47, was treated for hypothermia.\n")
    assert [c.subject for c in claims(text, rules)] == ["Jane Smith", "John Smith"]
    assert flags(text, rules) == []


def test_a_surname_two_people_share_is_nobody_in_particular(rules) -> None:
    text = ("Couple rescued\n\nJane Smith and John Smith were rescued on Sunday.\n\n"
            "Smith, 46, was treated for hypothermia. The 45-year-old Jane Smith was unhurt.\n")
    ages = measured(text, rules)
    assert "46" not in ages, "'Smith' could be either Smith: not measured"
    assert ages["45-year-old"].subject == "Jane Smith"
    assert flags(text, rules) == []


def test_mr_and_mrs_smith_are_two_people(rules) -> None:
    text = "Couple in court\n\nMr Smith, 45, denied the charge.\n\nMrs Smith, 43, also denied it.\n"
    assert flags(text, rules) == []


def test_an_age_with_no_name_beside_it_is_not_measured(rules) -> None:
    text = "Crash\n\nA 45-year-old man was hurt. The driver, 52, was unhurt. Man, 30, held.\n"
    assert claims(text, rules) == []


@pytest.mark.parametrize("sentence,age", [
    ("Jane Smith (45) was fined.", "45"),
    ("Smith, aged 45, was fined.", "45"),
    ("Smith, a 45-year-old teacher, was fined.", "45-year-old"),
    ("The 45-year-old Jane Smith was fined.", "45-year-old"),
])
def test_the_ways_an_age_is_given_to_a_name(rules, sentence, age) -> None:
    text = f"Fined\n\nJane Smith spoke on Monday. {sentence}\n"
    assert measured(text, rules)[age].subject == "Jane Smith"


@pytest.mark.parametrize("sentence", [
    "A close friend of Bonner's, a 14-year-old boy, was the shooter.",  # the friend's age, not Bonner's
    "On the Southwest Side, a 17-year-old boy was shot.",  # a place
    "The 46-year-old Chicago man was arrested.",  # "Chicago" describes the man
    "JOHN SMITH, 45, AND JANE DOE, 43, WERE HURT.",  # in capitals no word is known to be a name
])
def test_a_name_beside_an_age_that_is_not_its_person(rules, sentence) -> None:
    assert claims(f"Shooting\n\n{sentence}\n", rules) == []


def test_ages_across_articles_key_by_person(rules) -> None:
    a = "Man charged in Leeds stabbing\n\nPolice in Leeds charged Dean Walsh, 27, on Monday.\n"
    b = "Leeds stabbing\n\nDean Walsh, 28, appeared in court in Leeds.\n"
    c = "Leeds stabbing\n\nMark Walsh, 28, appeared in court in Leeds.\n"
    assert flags_across([a, b], rules) == ["AGE001"]
    assert flags_across([a, c], rules) == []


# -- money: currencies and payers ------------------------------------------------------


def test_usd_and_gbp_fines_are_never_compared(rules) -> None:
    text = "Bank fined\n\nThe bank was fined $5m in New York.\n\nThe bank was also fined £4m on Friday.\n"
    usd, gbp = claims(text, rules)
    assert (usd.rule, gbp.rule) == ("MON001", "MON001")
    assert _key(usd) != _key(gbp)
    assert flags(text, rules) == []


def test_same_currency_fines_are_compared(rules) -> None:
    text = "Bank fined £5m\n\nThe bank was fined £3m on Friday.\n"
    assert flags(text, rules) == ["MON001"]


def test_rounded_amounts_round_half_up(rules) -> None:
    # "£2m" covers £1.5m up to (not including) £2.5m: "£3m" disagrees, "£2.4m" rounds to it.
    assert flags("Bank fined £2m\n\nThe bank was fined £3m on Friday.\n", rules) == ["MON001"]
    assert flags("Bank fined £2m\n\nThe bank was fined £2.4m on Friday.\n", rules) == []
    # £2.47m is written "£2.5m" to one decimal and "£2m" to none: both roundings of one amount.
    assert flags("Bank fined £2m\n\nThe bank was fined £2.5m on Friday.\n", rules) == []


def test_pounds_and_pence_are_not_compared(rules) -> None:
    text = "Price\n\nThe shop was fined £300.\n\nIt was later fined 300p for a second offence.\n"
    assert flags(text, rules) == []


def test_fines_of_two_named_people(rules) -> None:
    text = "Two fined\n\nGary Fenton was fined £300.\n\nLee Barker was fined £500.\n"
    assert flags(text, rules) == []


def test_an_unnamed_figure_is_not_compared_when_the_story_names_two_payers(rules) -> None:
    text = ("Two fined\n\nGary Fenton was fined £300.\n\nLee Barker was fined £500.\n\n"
            "The £400 fine was paid on Monday.\n")
    assert flags(text, rules) == []


def test_a_pronoun_is_not_compared_with_a_named_payer(rules) -> None:
    text = ("Jailed\n\nDevon Ash was sentenced to 20 years in prison on Friday.\n\n"
            "He was also sentenced to five years for assault.\n")
    assert flags(text, rules) == []


def test_each_and_per_charge_penalties_are_parts(rules) -> None:
    c = measured("Fined\n\nFour drivers were fined £100 each. Berry paid a $5,000 fine for the tampering charge.\n",
                 rules)
    assert c["£100"].note == "subset" and c["$5,000"].note == "subset"


def test_a_word_in_front_of_the_trigger_names_another_amount(rules) -> None:
    c = measured("Budget\n\nThe defence budget of $80bn rises. The maximum fine of £5,000 applies.\n", rules)
    assert (c["$80bn"].counted_class, c["£5,000"].counted_class) == ("defence", "maximum")


# -- rates: time, change, narrower rates ----------------------------------------------


def test_rates_in_march_and_april_are_not_compared(rules) -> None:
    text = "Jobless rate\n\nUnemployment rose to 4.3% in April.\n\nIn March the unemployment rate was 4.1%.\n"
    assert [c.rule for c in claims(text, rules)] == ["RAT002", "RAT002"]
    assert flags(text, rules) == []


def test_may_the_month_is_a_time(rules) -> None:
    text = "Jobless rate\n\nUnemployment rose to 4.3% in May.\n\nIn April the unemployment rate was 4.1%.\n"
    assert flags(text, rules) == []


def test_the_old_level_after_from_is_not_measured(rules) -> None:
    c = claims("Inflation\n\nInflation fell to 3% from 4% last month.\n", rules)
    assert [x.text for x in c] == ["3%"]


def test_a_rate_read_at_a_time_of_day_is_a_snapshot(rules) -> None:
    text = "Polls close\n\nTurnout was 41% by 3pm.\n\nTurnout was 64%, officials said.\n"
    assert flags(text, rules) == []
    text = "Polls close\n\nTurnout was 41% by 3pm.\n\nAt 3pm turnout was 44%, another count said.\n"
    assert flags(text, rules) == ["RAT001"]


def test_by_gives_the_change_not_the_level(rules) -> None:
    c = measured("Rates\n\nThe bank raised interest rates by 0.25 percentage points on Thursday.\n", rules)
    assert c["0.25 percentage points"].note == "change"


def test_a_rate_noun_before_another_noun_names_that_noun(rules) -> None:
    c = measured("Inflation\n\nInflation was 3%, above the bank's 2% inflation target.\n", rules)
    assert list(c) == ["3%"]


def test_core_inflation_is_another_rate(rules) -> None:
    text = "Inflation\n\nInflation fell to 3%.\n\nCore inflation was 3.8%.\n"
    assert flags(text, rules) == []


def test_two_central_banks(rules) -> None:
    text = "Rates held\n\nThe Fed kept interest rates at 5.5%.\n\nThe ECB kept interest rates at 4%.\n"
    assert [c.subject for c in claims(text, rules)] == ["Fed", "ECB"]
    assert flags(text, rules) == []


# -- votes ---------------------------------------------------------------------------


def test_a_division_gives_votes_for_and_against(rules) -> None:
    c = measured("Vote\n\nMPs passed the bill by 312 votes to 98.\n", rules)
    assert (c["312"].rule, c["98"].rule) == ("VOT001", "VOT002")
    assert c["312"].subject == c["98"].subject == "bill"


def test_votes_on_two_motions_are_not_compared(rules) -> None:
    text = "Vote\n\nThe bill passed by 68 votes to 32.\n\nThe amendment was defeated by 51 votes to 49.\n"
    assert flags(text, rules) == []


def test_evacuated_is_left_to_users(rules) -> None:
    assert all("evacuat" not in " ".join((*r.triggers, *r.triggers_before, *r.triggers_after)) for r in rules.rules)


# -- durations -------------------------------------------------------------------------


def test_co_defendants_sentences_are_not_compared(rules) -> None:
    text = ("Two jailed\n\nLee Carter was jailed for 12 years on Friday.\n\n"
            "His accomplice, Dean Walsh, was jailed for eight years.\n")
    assert [c.subject for c in claims(text, rules)] == ["Lee Carter", "Dean Walsh"]
    assert flags(text, rules) == []


def test_years_and_months_are_one_duration(rules) -> None:
    c = claims("Jailed for 12 years\n\nHe was jailed for 12 years and six months.\n", rules)
    assert [x.note for x in c if x.role.value == "body"] == ["compound", "compound"]
    assert flags("Jailed for 12 years\n\nHe was jailed for 12 years and six months.\n", rules) == []


def test_a_duration_in_words_is_read_before_a_duration_noun_only(rules) -> None:
    c = measured("Truce\n\nA three-day ceasefire began, under a five-year plan.\n", rules)
    assert list(c) == ["three-day"] and c["three-day"].quantity.value == 3
    assert flags("Truce agreed\n\nA 72-hour ceasefire began.\n\nThe three-day ceasefire held.\n", rules) == []


def test_a_possible_sentence_is_not_the_sentence(rules) -> None:
    c = measured("Jailed\n\nHe faces up to 14 years in prison, and prosecutors sought a sentence of 10 years.\n",
                 rules)
    assert all(x.note == "hypothetical" for x in c.values())


# -- subjects --------------------------------------------------------------------------


def test_subjects_compare_names_by_surname_and_given_name(rules) -> None:
    [fine] = claims("Fined\n\nAcme was fined £5.\n", rules)

    def said_of(subject: str):
        return replace(fine, subject=subject)

    assert same_subject(said_of("Jane Smith"), said_of("Smith"))
    assert not same_subject(said_of("Jane Smith"), said_of("John Smith"))
    assert not same_subject(said_of("Mr Smith"), said_of("Mrs Smith"))
    assert not same_subject(said_of("Acme"), said_of("company"))
    assert not same_subject(said_of("he"), said_of("Smith"))
    assert not same_subject(said_of("he"), said_of("he"))
    assert same_subject(said_of("company"), replace(fine, subject=None))


def test_subject_is_in_the_json_records(rules) -> None:
    result = extract_documents(read_text("t.txt", "Fined\n\nGary Fenton was fined £300.\n"), rules)
    assert [r["subject"] for r in extract_records(result)] == ["Gary Fenton"]
    checked = check_documents(read_text("t.txt", "Fenton fined £500\n\nGary Fenton was fined £300.\n"), rules)
    evidence = json.loads(json_report.render(checked))["discrepancies"][0]["evidence"]
    assert [e["subject"] for e in evidence] == ["Gary Fenton", "Gary Fenton"]  # the headline's name is the body's


_WORDS = ["Smith", "Jane", "Mr", "Mrs", "The", ",", "45", "(45)", "46-year-old", "aged", "a", "was", "fined",
          "£300", "$5m", "jailed for", "12 years", "and", "six months", "by", "turnout", "64%", "3pm", "votes to",
          "312", "passed the bill by", "He", "'s", ".", ":", "JOHN", "SMITH", "Constable", "three-day", "ceasefire",
          "of", "in", "Leeds", "the", "inflation", "target", "on the murder charge", "each", "who"]


@given(st.lists(st.sampled_from(_WORDS), max_size=40))
def test_extraction_never_raises_on_name_like_text(rules, words: list[str]) -> None:
    text = "Headline " + " ".join(words[:5]) + "\n\n" + " ".join(words) + "\n"
    extract(segment(read_text("t.txt", text)[0], rules), rules)
