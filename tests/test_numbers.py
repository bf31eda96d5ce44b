"""The number grammar, one test per failure class found on labelled news sentences.

Sentences are written for the tests; each test names the class it guards.
"""

from __future__ import annotations

import pytest

from checker.extract.numbers import find_numbers
from checker.model import Qualifier
from checker.rulepack import load_rules

LEXICON = load_rules().lexicon


def read(sentence: str) -> list[tuple[str, str, float | None, float | None, str | None]]:
    """(surface, kind, low, high, unit or currency) of every expression."""
    return [(sentence[m.start:m.end], m.kind, m.low, m.high, m.unit or m.currency)
            for m in find_numbers(sentence, LEXICON)]


@pytest.mark.parametrize("sentence,expected", [
    ("The boat sold for USD12m last week.", ("USD12m", "currency", 12e6, 12e6, "USD")),
    ("Shares closed at RM4.15 on Friday.", ("RM4.15", "currency", 4.15, 4.15, "MYR")),
    ("The flat is worth $US2,300,000 today.", ("$US2,300,000", "currency", 2.3e6, 2.3e6, "USD")),
])
def test_currency_codes_written_against_the_digits(sentence, expected) -> None:
    assert read(sentence) == [expected]


@pytest.mark.parametrize("sentence,unit", [
    ("The engine makes 510bhp.", "horsepower"), ("Hearing fades above 16kHz.", "kilohertz"),
    ("Bake it for 35min.", "minute"), ("The plan offers 50Mbps.", "megabit / second"),
    ("Rates rose to 4.5pc.", "percent"), ("It has a 1.5l engine.", "liter"),
])
def test_units_written_against_the_digits(sentence: str, unit: str) -> None:
    [(_, kind, _, _, got)] = read(sentence)
    assert (kind, got) in (("quantity", unit), ("percent", unit))


def test_minus_makes_a_negative() -> None:
    assert read("Nights fell to minus 12 degrees.") == [("minus 12 degrees", "quantity", -12, -12, "degree")]
    assert read("The team lost minus-8 yards.")[0][2] == -8


def test_a_or_b_is_a_range_when_the_two_are_close() -> None:
    assert read("It took two or three weeks.") == [("two or three weeks", "quantity", 2, 3, "week")]
    assert [r[0] for r in read("Choose 5 or 50 seats.")] == ["5", "50"]


@pytest.mark.parametrize("sentence", ["They said 20 or so-30 people came.", "They said 20 or so to 30 people came.",
                                      "They said 20 or so - 30 people came.", "They said 20 or so−30 people came."])
def test_a_postfix_hedge_ends_the_figure_and_starts_no_range(sentence: str) -> None:
    # Found by the span property ("0 OR SO-1"): "or so" was read as the inside of a range 20-30.
    got = [(surface, low, high) for surface, _, low, high, _ in read(sentence)]
    assert got == [("20 or so", 20, 20), ("30", 30, 30)]
    [first, second] = find_numbers(sentence, LEXICON)
    assert (first.qualifier, second.qualifier) == (Qualifier.APPROX, Qualifier.EXACT)


def test_from_a_to_b_falling_is_the_span_it_moved_over() -> None:
    assert read("The index fell from 420 to 395 points.")[0][2:4] == (395, 420)


def test_scores_count_nothing() -> None:
    assert [r[1] for r in read("The match ended 3-1 after a 2-2 draw last week.")] == ["score", "score"]


def test_labels_and_addresses_are_not_figures() -> None:
    kinds = [r[1] for r in read("A category 3 storm hit 17 Harbour Road and the 400 block of Elm Street.")]
    assert kinds == ["identifier", "identifier", "identifier"]
    assert read("The new Pixel 9 Pro sold out.")[0][1] == "identifier"
    assert read("In Lowport 5 people died.")[0][1] == "count"


def test_a_scale_written_once_applies_to_both_ends_only_when_it_fits() -> None:
    assert read("It will cost 2.5 to 3 billion euros.")[0][2:4] == (2.5e9, 3e9)
    assert read("Savings from $300,000 to $2 million are expected.")[0][2:4] == (300000, 2e6)


def test_millions_is_a_decade_of_magnitude() -> None:
    assert read("Millions of people watched.")[0][2:4] == (1e6, 1e7)


def test_rates_keep_what_they_are_per() -> None:
    assert read("Rent is RM900 a month.") == [("RM900 a month", "currency", 900, 900, "MYR per month")]
    assert read("The train runs at 80 km per hour.")[0][4] == "kilometer / hour"


def test_a_trend_word_makes_a_change_even_through_by_or_a_hedge() -> None:
    assert find_numbers("Profits grew by 12 per cent.", LEXICON)[0].qualifier.value == "increase"
    assert find_numbers("Shares are up almost 40% this year.", LEXICON)[0].qualifier.value == "increase"
    assert find_numbers("Prices fell by 2 to 3 per cent.", LEXICON)[0].qualifier.value == "decrease"


def test_signs_and_tildes() -> None:
    [plus, minus] = find_numbers("Markets: Nikkei +0.4% Hang Seng -1.1%", LEXICON)
    assert (plus.qualifier.value, plus.value) == ("increase", 0.4)
    assert (minus.qualifier.value, minus.value) == ("decrease", -1.1)
    [about] = find_numbers("Each sample weighed ~30g.", LEXICON)
    assert (about.qualifier.value, about.unit) == ("approx", "gram")


def test_fractions_are_numbers_not_dates() -> None:
    assert read("Add 1/4 cup of sugar.")[0][2] == 0.25
    assert read("Use 3⁄4 of a pint of milk.")[0][2:5] == (0.75, 0.75, "pint")
    assert read("It opened on 12/05/2024.")[0][1] == "date"


def test_scales_written_in_words_or_chained() -> None:
    assert read("Between two and three thousand people came.")[0][2:4] == (2000, 3000)
    assert read("Some 6 hundred thousand fans watched.")[0][2] == 600000
    assert read("They raised RM2.5mil for the school.")[0][2] == 2.5e6


def test_sub_prefix_is_an_upper_bound() -> None:
    [(surface, _, low, high, unit)] = read("Demand for sub-200 sq m flats grew.")
    assert (surface, low, high, unit) == ("sub-200 sq m", 0, 200, "meter ** 2")


def test_a_change_then_to_gives_a_new_level_not_a_range() -> None:
    assert [r[0] for r in read("The stock rose 4.2 percent to 55.10 yuan.")] == ["rose 4.2 percent", "55.10 yuan"]
    assert read("He went from 95 kilos to 88.")[0][2:5] == (88, 95, "kilogram")


def test_number_words_joined_to_a_noun_are_modifiers() -> None:
    assert [r[0] for r in read("She won a five-year grant of $50,000 for a six-speed car.")] == ["$50,000"]


def test_index_names_are_labels() -> None:
    assert [r[1] for r in read("The S&P 500 and the FTSE 100 fell.")] == ["identifier", "identifier"]


def test_age_ranges_and_from_up_to_ranges() -> None:
    assert read("Women aged 25 to 40 were asked.") == [("25 to 40", "age", 25, 40, "year")]
    assert read("Flats from 50 sq m up to 90 sq m are planned.")[0][2:4] == (50, 90)
    assert read("Homes cost from RM200,000 to RM450,000.")[0][2:5] == (200000, 450000, "MYR")


def test_years_run_past_2100() -> None:
    assert read("Seas will be higher in 2150.")[0][1] == "year"
    assert read("In 2019 protests spread.")[0][1] == "year"
    assert read("Officials said 2019 people were evacuated.")[0][1] == "count"


def test_a_unit_over_a_unit_is_a_ratio() -> None:
    assert read("Fields above 10 kV/cm were measured.")[0][4] == "kilovolt / centimeter"
    assert read("It holds 3 g per litre.")[0][4] == "gram / liter"
    assert read("The engine gives 300 lb-ft of torque.")[0][4] == "pound_force * foot"


@pytest.mark.parametrize("sentence,unit", [
    ("Heating oil sold at $3.10 per gallon.", "USD per gallon"),
    ("Saffron fetched $11 per gram at the market.", "USD per gram"),
    ("Desks rent for $95 per sq m downtown.", "USD per meter ** 2"),
    ("The club pays 4 million euros a year in rent.", "EUR per year"),
    ("It is a 30,000 barrel-a-day plant.", "oil_barrel / day"),
    ("Seas may rise 3 feet per century.", "foot / century"),
])
def test_money_and_units_per_anything_are_rates(sentence: str, unit: str) -> None:
    assert [got for *_, got in read(sentence)] == [unit]


def test_per_before_a_determiner_is_no_rate() -> None:
    assert [got for *_, got in read("He was paid $40 per the deal he signed.")] == ["USD"]


@pytest.mark.parametrize("sentence,code", [
    ("Tickets cost 45 Australian dollars each.", "AUD"),
    ("Deposits above 2 million Danish crowns pay a fee.", "DKK"),
    ("The fine was 900 Swiss francs.", "CHF"),
])
def test_currencies_named_with_their_country(sentence: str, code: str) -> None:
    assert [got for *_, got in read(sentence)] == [code]


def test_pence_only_when_written_against_the_figure() -> None:
    assert read("Shares slipped to 212.5p on Tuesday.") == [("212.5p", "currency", 212.5, 212.5, "penny")]
    assert "penny" not in [got for *_, got in read("See chapter 4, item 7 p 2.")]


def test_currency_signs_transliterated_to_ascii() -> None:
    got = read("The bonus of PS3.4m and a Y=12,500 fee; the PS4 console sold out.")
    assert [(surface, code) for surface, _, _, _, code in got] == [("PS3.4m", "GBP"), ("Y=12,500", "JPY")]


def test_symbols_whose_case_changes_their_meaning() -> None:
    got = read("The motor gives 320 Nm of torque, the chip is 5 nm wide and 300 PS strong; 5G phones sold.")
    assert [(surface, unit) for surface, _, _, _, unit in got] == [
        ("320 Nm", "newton * meter"), ("5 nm", "nanometer"), ("300 PS", "metric_horsepower")]


def test_currency_signs_after_the_figure() -> None:
    assert [(s, code) for s, _, _, _, code in read("A 15 € lunch and a 1,300€ laptop.")] == [
        ("15 €", "EUR"), ("1,300€", "EUR")]


def test_hrs_is_a_duration_unless_a_four_digit_clock_time() -> None:
    assert [(s, kind) for s, kind, *_ in read("The climb took 6 hrs; we left at 0530 hrs.")] == [
        ("6 hrs", "quantity"), ("0530 hrs", "time")]


def test_a_rate_after_a_bracketed_conversion() -> None:
    got = read("They bid NZ$9 (US$5.40) per share.")
    assert got[0][-1] == "NZD per share" and got[1][-1] == "USD"


def test_a_long_chain_of_hundreds_joined_by_and_does_not_overflow_the_stack() -> None:
    # Found by fuzzing (tests/fuzz_crashers/): each "and" recursed once, so 2,000 of them raised RecursionError.
    text = "They counted one hundred and " * 2000 + "five people."
    assert find_numbers(text, LEXICON)[0].value == 100
    assert read("one hundred and two hundred people came")[0][2] == 100


def test_a_page_of_number_words_is_read_in_linear_time() -> None:
    # Found by fuzzing: each "one" of a page of them rescanned the whole run after it (28 s for 5,000).
    import time

    started = time.perf_counter()
    assert len(find_numbers("one " * 5000, LEXICON)) == 5000
    assert time.perf_counter() - started < 5
