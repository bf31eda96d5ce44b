"""The regression suites of ``bench/eval_suites.py``: no case that passed when the
kept failure lists (``bench/suites/*.failures.txt``) were written may fail now.

The suites read ../shared/data (Recognizers-Text specs, quantulum3's tests); the
tests that need it skip when that folder is absent. The scoring helpers are
tested on hand-made cases, with no data.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import eval_suites
from eval_suites import (
    SCOPES,
    Case,
    Expected,
    Interval,
    Reading,
    claim_interval,
    judge,
    parse_range,
)

from checker.model import Qualifier, Quantity

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="module")
def suite_results() -> dict[str, eval_suites.FileResult]:
    """Every suite file scored once (under a second)."""
    if not DATA.exists():
        pytest.skip(f"suite data not available ({DATA} is missing: it exists beside the project checkout in CI)")
    return {r.spec.stem: r for r in eval_suites.run_all(DATA)}


@pytest.mark.parametrize("stem", [spec.stem for spec in eval_suites.SUITE_FILES])
def test_no_regression_against_kept_failures(stem: str, suite_results) -> None:
    result = suite_results[stem]
    assert result.kept is not None, f"no kept list for {stem}: run {eval_suites.UPDATE_COMMAND}"
    regressions = [o.line() for o in result.regressions]
    assert not regressions, (
        f"{len(regressions)} case(s) of {stem} passed when bench/suites/{stem}.failures.txt was written and fail now "
        f"(if the change is intended, run {eval_suites.UPDATE_COMMAND} and read the diff):\n" + "\n".join(regressions)
    )


# -- the scoring, on hand-made cases ----------------------------------------------------


def _reading(value: float, *, low=None, high=None, qualifier=Qualifier.EXACT, unit=None, kind="count",
             low_open=False, high_open=False) -> Reading:
    q = Quantity(value, value if low is None else low, value if high is None else high, qualifier,
                 low_open=low_open, high_open=high_open, unit=unit, kind=kind)
    return Reading(str(value), claim_interval(q), q)


def test_range_notation_is_parsed_with_its_open_ends() -> None:
    assert parse_range("(20,)") == Interval(20, None, low_open=True, high_open=True)
    assert parse_range("[194,)") == Interval(194, None, high_open=True)
    assert parse_range("(,12]") == Interval(None, 12, low_open=True)
    assert parse_range("[20,30)") == Interval(20, 30, high_open=True)
    assert parse_range("20") is None


def test_a_bound_is_read_from_the_qualifier_not_from_the_floor_at_zero() -> None:
    # claimcheck closes "less than 10" at 0 below; the text states no lower end.
    reading = _reading(10, low=0, high=10, qualifier=Qualifier.LESS_THAN, high_open=True)
    assert reading.interval == Interval(None, 10, high_open=True)


def test_bounds_must_agree_on_openness() -> None:
    case = Case("k", "more than 20", (Expected(Interval(20, None, low_open=True)),))
    at_least = _reading(20, high=None, qualifier=Qualifier.AT_LEAST)
    more_than = _reading(20, high=None, qualifier=Qualifier.MORE_THAN, low_open=True)
    assert not judge(case, [at_least], SCOPES["range"]).passed
    assert judge(case, [more_than], SCOPES["range"]).passed


def test_two_sided_ranges_match_by_ends_only() -> None:
    case = Case("k", "between 20 and 30", (Expected(Interval(20, 30, high_open=True)),))
    assert judge(case, [_reading(20, low=20, high=30, qualifier=Qualifier.RANGE)], SCOPES["range"]).passed


def test_a_range_claim_may_hold_two_expected_numbers_only_where_the_suite_labels_numbers() -> None:
    case = Case("k", "from 200 to 300", (Expected(Interval.point(200)), Expected(Interval.point(300))))
    reading = _reading(200, low=200, high=300, qualifier=Qualifier.RANGE)
    assert judge(case, [reading], SCOPES["number"]).passed
    assert not judge(case, [reading], SCOPES["quantulum3"]).passed


def test_an_extra_claim_of_the_files_kind_fails_the_case() -> None:
    case = Case("k", "1 $", (Expected(Interval.point(1), "USD"),))
    one = _reading(1, unit="USD", kind="currency")
    assert judge(case, [one], SCOPES["currency"]).passed
    assert not judge(case, [one, _reading(10, unit="USD", kind="currency")], SCOPES["currency"]).passed
    assert judge(case, [one, _reading(10)], SCOPES["currency"]).passed  # a count is not the currency model's


def test_units_match_through_conversion_and_rates_only_where_unlabelled() -> None:
    ml = Case("k", "44 ml", (Expected(Interval.point(44), "centimeter ** 3"),))
    assert judge(ml, [_reading(44, unit="milliliter", kind="quantity")], SCOPES["quantulum3"]).passed
    share = Case("k", "$98 a share", (Expected(Interval.point(98), "USD"),))
    per_share = _reading(98, unit="USD per share", kind="currency")
    assert judge(share, [per_share], SCOPES["currency"]).passed
    assert not judge(share, [per_share], SCOPES["quantulum3"]).passed


def test_kept_lists_round_trip(tmp_path: Path) -> None:
    spec = eval_suites.SUITE_FILES[0]
    failing = judge(Case("an input", "an input", (Expected(Interval.point(5)),)), [], SCOPES["number"])
    result = eval_suites.FileResult(spec, [failing], 0, None)
    path = eval_suites.kept_path(spec, tmp_path)
    eval_suites.write_kept(result, path)
    assert eval_suites.read_kept(path) == {"an input"}
    assert path.read_text(encoding="utf-8").splitlines()[-1] == "an input\texpected 5 | got nothing"


def test_long_inputs_get_short_stable_keys() -> None:
    text = "word " * 40
    key = eval_suites.case_key(text)
    assert len(key) < 90 and key == eval_suites.case_key(text.replace(" ", "  "))
