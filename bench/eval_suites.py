"""Section 2 of ``bench/evaluate.py``: regression suites, pass rate per file.

Two public suites of labelled sentences are read, each input as a one-paragraph
article (``record_document`` -> ``segment`` -> ``extract``, as in section 1):

- Microsoft Recognizers-Text specs, ``DATA/recognizers_text_specs/[Specs/]Number/English``
  and ``NumberWithUnit/English``. A case whose ``NotSupported`` names ``dotnet``
  is skipped: .NET is the reference implementation the specs are written
  against, so such a case's ``Results`` are a wish nobody meets. Cases not
  supported by the Python, Java or JavaScript ports are kept: their ``Results``
  are still the reference output, and claimcheck is none of those ports.
- quantulum3's test sentences, ``DATA/quantulum3_tests/quantities.json`` and
  ``quantities.ambiguity.json``. An expected value with an ``uncertainty`` u is
  the range [value - u, value + u] (that is how quantulum3 writes "3 to 4 L").

What "pass" means for one case:

1. Every expected result with a numeric value is matched by its own claim:
   - a single number by the claim's value (a hedged claim, "more than 20",
     matches 20, since these suites do not label hedges; the range suite does);
   - a range by both ends; Recognizers writes "between 20 and 30" as the
     half-open [20,30), a convention, so openness of two-sided ranges is not
     compared;
   - a one-sided bound ("more than 20" = (20,)) by its side, value and
     openness: "more than" and "at least" are different claims;
   - in suites whose results are single numbers (Recognizers' number,
     percent and unit models), one range claim may match the numbers at its two
     ends ("from 200 to 300" holds 200 and 300);
   - in unit suites, with the same unit: the suite's unit name goes through one
     reviewed table (``SUITE_UNITS``) to claimcheck's canonical unit (pint names
     such as ``kilometer``, ISO codes such as ``USD``; docs/units.md); pint
     units equal after conversion (``milliliter``, ``centimeter ** 3``) match.
     Recognizers' currency and dimension models never label rates ("$98 a
     share" is labelled $98), so there a claim in ``USD per share`` matches on
     its base unit.
2. No claim of the kind the file measures is left over (``SCOPES``): the number
   models expect every number without a unit ("180ml" is the dimension
   model's), the range model every bound or range, the currency model every
   amount of money, quantulum3 every quantity, and so on. A case that expects
   nothing passes only if claimcheck reads nothing of that kind. Results
   without a value ("dollar" alone, "next" as a relative ordinal) expect no figure.

Failing cases are kept in ``bench/suites/<file stem>.failures.txt``, one line a
case: its key (the input, whitespace collapsed; long inputs cut and suffixed
with a hash) and what was expected against what was read. Each run compares the
failures with the kept lists: a failing case not kept is a regression, a kept
case now passing is a fix. ``--update-suite-failures`` rewrites the lists.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pint

from checker import units
from checker.extract import extract
from checker.ingest.jsonl import record_document
from checker.model import Quantity
from checker.rulepack import load_rules
from checker.segment import segment

TITLE = "2. Regression suites"
ROOT = Path(__file__).resolve().parents[1]
KEPT_DIR = ROOT / "bench" / "suites"
UPDATE_COMMAND = "python bench/evaluate.py --only suites --update-suite-failures"

# -- the unit table ------------------------------------------------------------------

# Each suite's unit name -> (claimcheck's canonical unit, how many of it one suite
# unit is). None is a count: no unit. Generic currency names map to the currency
# claimcheck reads for the bare word or symbol (docs/units.md: "$" and "dollars" are
# USD, "francs" CHF, "rupees" INR). Units claimcheck does not know still get their
# pint name, so the case fails as a missing unit rather than vanishing.
SUITE_UNITS: dict[str, dict[str, tuple[str | None, float]]] = {
    "recognizers-currency": {
        "Dollar": ("USD", 1), "Pound": ("GBP", 1), "Franc": ("CHF", 1), "Rupee": ("INR", 1),
        "Cent": ("cent", 1), "Pence": ("penny", 1), "Penny": ("penny", 1), "Sen": ("sen", 1),
        "Bitcoin": ("BTC", 1), "Satoshi": ("satoshi", 1), "Finnish markka": ("FIM", 1), "Peseta": ("ESP", 1),
        "Netherlands guilder": ("NLG", 1),
    },
    "recognizers-dimension": {
        "Foot": ("foot", 1), "Meter": ("meter", 1), "Mile": ("mile", 1), "Inch": ("inch", 1),
        "Kilometer": ("kilometer", 1), "Millimeter": ("millimeter", 1), "Decimeter": ("decimeter", 1),
        "Picometer": ("picometer", 1), "Pound": ("pound", 1), "Ounce": ("ounce", 1), "Dram": ("dram", 1),
        "Gram": ("gram", 1), "Kilogram": ("kilogram", 1), "Microgram": ("microgram", 1),
        "Ton": ("short_ton", 1), "Metric ton": ("metric_ton", 1), "Gallon": ("gallon", 1),
        "Barrel": ("oil_barrel", 1), "Milliliter": ("milliliter", 1), "Cubic foot": ("foot ** 3", 1),
        "Tablespoon": ("tablespoon", 1), "Teaspoon": ("teaspoon", 1), "Cup": ("cup", 1),
        "Acre": ("acre", 1), "Square meter": ("meter ** 2", 1), "Square kilometer": ("kilometer ** 2", 1),
        "Kilometer per hour": ("kilometer / hour", 1), "Mile per hour": ("mile / hour", 1),
        "Meter per millisecond": ("meter / millisecond", 1),
        "Centimeter per millisecond": ("centimeter / millisecond", 1),
        "Kilometer per millisecond": ("kilometer / millisecond", 1),
        "Bit": ("bit", 1), "Megabit": ("megabit", 1), "Megabyte": ("megabyte", 1),
        "Degree": ("degree", 1), "Radian": ("radian", 1), "Turn": ("turn", 1),
    },
    # "age 87" is labelled unit "Age": years, as claimcheck reads it.
    "recognizers-age": {"Year": ("year", 1), "Age": ("year", 1), "Month": ("month", 1), "Week": ("week", 1),
                        "Day": ("day", 1)},
    # A bare "degrees" is claimcheck's plain `degree`.
    "recognizers-temperature": {"C": ("degree_Celsius", 1), "F": ("degree_Fahrenheit", 1), "K": ("kelvin", 1),
                                "Degree": ("degree", 1)},
    "quantulum3": {
        "dimensionless": (None, 1), "dozen": (None, 12), "baker's dozen": (None, 13), "gross": (None, 144),
        "percentage": ("percent", 1),
        "dollar": ("USD", 1), "euro": ("EUR", 1), "pound sterling": ("GBP", 1), "penny": ("penny", 1),
        "cent": ("cent", 1), "dime": ("cent", 10),
        "dollar per hour": ("USD per hour", 1), "dollar per kilogram": ("USD per kilogram", 1),
        "metre": ("meter", 1), "kilometre": ("kilometer", 1), "mile": ("mile", 1), "inch": ("inch", 1),
        "nanometre": ("nanometer", 1), "picometre": ("picometer", 1), "attometre": ("attometer", 1),
        "square kilometre": ("kilometer ** 2", 1), "square mile": ("mile ** 2", 1),
        "cubic kilometre": ("kilometer ** 3", 1), "cubic centimetre": ("centimeter ** 3", 1),
        "litre": ("liter", 1), "centilitre": ("centiliter", 1), "gallon": ("gallon", 1), "cup": ("cup", 1),
        "tablespoon": ("tablespoon", 1),
        "milligram": ("milligram", 1), "kilogram": ("kilogram", 1), "pound-mass": ("pound", 1),
        "tonne": ("metric_ton", 1), "ton per day": ("short_ton / day", 1),
        "year": ("year", 1), "month": ("month", 1), "week": ("week", 1), "day": ("day", 1), "hour": ("hour", 1),
        "minute": ("minute", 1), "gigayear": ("gigayear", 1), "megayear": ("megayear", 1),
        "count per week": ("1 / week", 1), "inverse second": ("1 / second", 1),
        "degree Celsius": ("degree_Celsius", 1), "degree fahrenheit": ("degree_Fahrenheit", 1),
        "degree Fahrenheit": ("degree_Fahrenheit", 1), "kelvin": ("kelvin", 1),
        "kilometre per hour": ("kilometer / hour", 1), "kilometre per square second": ("kilometer / second ** 2", 1),
        "litre per kilometre": ("liter / kilometer", 1), "kilogram per cubic centimetre": ("kilogram / centimeter ** 3", 1),
        "electronvolt": ("electron_volt", 1), "teraelectronvolt": ("teraelectron_volt", 1),
        "watt": ("watt", 1), "watt per minute": ("watt / minute", 1), "watt hour": ("watt_hour", 1),
        "megawatt hour": ("megawatt_hour", 1), "british thermal unit": ("british_thermal_unit", 1),
        "joule second": ("joule * second", 1), "joule per square metre per year": ("joule / meter ** 2 / year", 1),
        "candela second": ("candela * second", 1), "gigahertz": ("gigahertz", 1),
        "bit": ("bit", 1), "byte": ("byte", 1), "kibibyte": ("kibibyte", 1), "megabyte": ("megabyte", 1),
        "exabyte": ("exabyte", 1), "kilobit per second": ("kilobit / second", 1),
        "milligray": ("milligray", 1), "gray": ("gray", 1), "inverse femtobarn": ("1 / femtobarn", 1),
        "barn": ("barn", 1), "minute of arc": ("arcminute", 1), "second of arc": ("arcsecond", 1),
    },
}


# -- intervals and what was read -------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """A value or range; None is an unbounded end."""

    low: float | None
    high: float | None
    low_open: bool = False
    high_open: bool = False

    @staticmethod
    def point(value: float) -> Interval:
        return Interval(value, value)

    @property
    def is_point(self) -> bool:
        return self.low is not None and self.low == self.high

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high is not None and self.low != self.high

    def show(self) -> str:
        if self.is_point:
            return f"{self.low:g}"
        if self.is_range:
            return f"{self.low:g}..{self.high:g}"
        if self.low is not None:
            return f"{'>' if self.low_open else '>='}{self.low:g}"
        return f"{'<' if self.high_open else '<='}{self.high:g}"


@dataclass(frozen=True)
class Expected:
    """One labelled result: its interval and, in unit suites, its canonical unit."""

    interval: Interval
    unit: str | None = None
    suite_unit: str = ""  # the suite's own name, kept for the failure line
    unit_known: bool = True  # False: the name is missing from SUITE_UNITS, so it cannot match

    def show(self) -> str:
        unit = self.unit if self.unit_known else f"unmapped unit {self.suite_unit!r}"
        return f"{self.interval.show()} {unit}" if unit else self.interval.show()


@dataclass(frozen=True)
class Reading:
    """One claim claimcheck extracted, as compared here."""

    surface: str
    interval: Interval
    quantity: Quantity

    def show(self) -> str:
        unit = f" {self.quantity.unit}" if self.quantity.unit else ""
        return f"{self.surface!r}={self.interval.show()}{unit}"


@dataclass(frozen=True)
class Case:
    key: str
    text: str
    expected: tuple[Expected, ...]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def claim_interval(q: Quantity) -> Interval:
    """The interval a claim states, from its qualifier.

    The qualifier, not ``low``/``high``, says which end is a bound: claimcheck
    closes "less than 10" at 0 below because counts are never negative, which
    is a reading of the world, not of the text.
    """
    kind = q.qualifier.value
    if kind == "more_than":
        return Interval(q.value, None, low_open=True)
    if kind == "at_least":
        return Interval(q.value, None)
    if kind == "less_than":
        return Interval(None, q.value, high_open=True)
    if kind == "at_most":
        return Interval(None, q.value)
    # Ranges, and hedged or changing spans ("around 10-15", "from $350 to $680").
    if q.low is not None and q.high is not None and q.low != q.high:
        return Interval(min(q.low, q.high), max(q.low, q.high))
    return Interval.point(q.value)


@lru_cache(maxsize=1)
def _rules():
    return load_rules()


def read(text: str) -> list[Reading]:
    """claimcheck's claims for one input read as a one-paragraph article."""
    rules = _rules()
    doc, _ = record_document("suites", 1, {"id": "case", "body": text})
    if doc is None:  # an input with no text at all
        return []
    return [Reading(c.text, claim_interval(c.quantity), c.quantity) for c in extract(segment(doc, rules), rules)]


# -- what each file measures -------------------------------------------------------------

BOUNDS = frozenset({"more_than", "at_least", "less_than", "at_most", "range"})


def _dimension(q: Quantity) -> str:
    return units.dimension(q.unit) if q.unit else ""


@dataclass(frozen=True)
class Scope:
    """What one file measures: which claims may match, which count as extra, and how."""

    candidate: Callable[[Quantity], bool]  # may match an expected result
    extra: Callable[[Quantity], bool]  # left unmatched, fails the case
    check_unit: bool
    range_ends: bool  # a range claim may match the single numbers at its ends
    hedge_matters: bool = False  # a bound claim cannot match a single number
    # The file never labels rates: "$98 a share" is labelled $98, so a claim in
    # "USD per share" matches on its base unit.
    rates_unlabelled: bool = False


def _any(q: Quantity) -> bool:
    return True


def _is_bound(q: Quantity) -> bool:
    return q.qualifier.value in BOUNDS


def _is_dimension(q: Quantity) -> bool:
    # Recognizers' dimension model has no durations and no temperatures (they have models of their own).
    return q.kind == "quantity" and _dimension(q) not in ("", "[time]", "[temperature]")


def _is_count(q: Quantity) -> bool:
    # A number with a unit ("180ml", "29km") is the unit models' business: Recognizers'
    # number model labels no number there.
    return q.unit is None


def _is_percent(q: Quantity) -> bool:
    return q.kind == "percent"


def _is_currency(q: Quantity) -> bool:
    return q.kind == "currency"


def _is_age(q: Quantity) -> bool:
    return q.kind == "age"


def _is_temperature(q: Quantity) -> bool:
    return q.kind == "quantity" and (_dimension(q) == "[temperature]" or q.unit == "degree")


SCOPES = {
    "number": Scope(_any, _is_count, check_unit=False, range_ends=True),
    "range": Scope(_any, _is_bound, check_unit=False, range_ends=False, hedge_matters=True),
    "percent": Scope(_is_percent, _is_percent, check_unit=False, range_ends=True),
    "currency": Scope(_is_currency, _is_currency, check_unit=True, range_ends=True, rates_unlabelled=True),
    "dimension": Scope(_is_dimension, _is_dimension, check_unit=True, range_ends=True, rates_unlabelled=True),
    "age": Scope(_is_age, _is_age, check_unit=True, range_ends=True),
    "temperature": Scope(_is_temperature, _is_temperature, check_unit=True, range_ends=True),
    "quantulum3": Scope(_any, _any, check_unit=True, range_ends=False),
}


@dataclass(frozen=True)
class SuiteFile:
    """One file of a suite: where it is, what it measures, whether claimcheck aims at it."""

    stem: str
    relative: str  # under the data folder
    scope: str
    aimed: bool = True
    units: str = ""  # the SUITE_UNITS table of its unit names


_NUMBER = "recognizers_text_specs/Number/English"
_UNIT = "recognizers_text_specs/NumberWithUnit/English"
SUITE_FILES = (
    SuiteFile("NumberModel", f"{_NUMBER}/NumberModel.json", "number"),
    SuiteFile("NumberRangeModel", f"{_NUMBER}/NumberRangeModel.json", "range"),
    SuiteFile("PercentModel", f"{_NUMBER}/PercentModel.json", "percent"),
    SuiteFile("CurrencyModel", f"{_UNIT}/CurrencyModel.json", "currency", units="recognizers-currency"),
    SuiteFile("DimensionModel", f"{_UNIT}/DimensionModel.json", "dimension", units="recognizers-dimension"),
    SuiteFile("AgeModel", f"{_UNIT}/AgeModel.json", "age", units="recognizers-age"),
    SuiteFile("quantities", "quantulum3_tests/quantities.json", "quantulum3", units="quantulum3"),
    SuiteFile("quantities.ambiguity", "quantulum3_tests/quantities.ambiguity.json", "quantulum3", units="quantulum3"),
    # Not claimcheck's aim: temperatures are not compared in news checks; the
    # experimental and percent modes are options of Recognizers' own API
    # ("one in two" as 50%, "two hundred point zero three").
    SuiteFile("TemperatureModel", f"{_UNIT}/TemperatureModel.json", "temperature", False, "recognizers-temperature"),
    SuiteFile("NumberModelExperimentalMode", f"{_NUMBER}/NumberModelExperimentalMode.json", "number", False),
    SuiteFile("NumberModelPercentMode", f"{_NUMBER}/NumberModelPercentMode.json", "number", False),
    SuiteFile("NumberRangeModelExperimentalMode", f"{_NUMBER}/NumberRangeModelExperimentalMode.json", "range", False),
    SuiteFile("PercentModelPercentMode", f"{_NUMBER}/PercentModelPercentMode.json", "percent", False),
)
# OrdinalModel*.json are not scored: claimcheck reads ordinals ("the third") so as
# never to compare them, and extracts no claim for them.
NOT_SCORED = "OrdinalModel and OrdinalModelSuppressExtendedTypes (claimcheck extracts no ordinals, by design)"


# -- reading the suites ------------------------------------------------------------------


def case_key(text: str) -> str:
    """A stable one-line key: the input, whitespace collapsed; long inputs cut and hashed."""
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= 80:
        return flat
    return f"{flat[:72]}… #{hashlib.sha1(flat.encode()).hexdigest()[:8]}"


def _number(text: object) -> float | None:
    try:
        value = float(str(text).rstrip("%"))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


_RANGE_NOTATION = re.compile(r"([\[(])\s*([^,]*),\s*([^\])]*)([\])])")


def parse_range(text: str) -> Interval | None:
    """Recognizers' interval notation: "(20,)", "[194,)", "(,12]", "[20,30)"."""
    m = _RANGE_NOTATION.fullmatch(text.strip())
    if not m:
        return None
    low, high = _number(m.group(2)) if m.group(2) else None, _number(m.group(3)) if m.group(3) else None
    if low is None and high is None:
        return None
    return Interval(low, high, low_open=m.group(1) == "(", high_open=m.group(4) == ")")


def _unit(table: str, name: str | None) -> tuple[str | None, float, bool]:
    """(canonical unit, factor, known) of a suite's unit name."""
    if not table:
        return None, 1.0, True
    mapped = SUITE_UNITS[table].get(name or "")
    if mapped is None:
        return None, 1.0, False
    return mapped[0], mapped[1], True


def _scaled(interval: Interval, factor: float) -> Interval:
    if factor == 1:
        return interval
    scale = (lambda v: None if v is None else v * factor)
    return Interval(scale(interval.low), scale(interval.high), interval.low_open, interval.high_open)


def _recognizers_expected(result: dict, spec: SuiteFile) -> Expected | None:
    resolution = result.get("Resolution") or {}
    value = resolution.get("value")
    if value is None:
        return None
    interval = parse_range(str(value)) if spec.scope == "range" else None
    if interval is None:
        number = _number(value)
        if number is None:
            return None  # "null", "current+1": not a figure
        interval = Interval.point(number)
    name = resolution.get("unit")
    if resolution.get("isoCurrency"):  # an ISO code is already claimcheck's name
        return Expected(interval, resolution["isoCurrency"], name)
    unit, factor, known = _unit(spec.units, name)
    return Expected(_scaled(interval, factor), unit, name or "", known)


def _quantulum3_expected(result: dict, spec: SuiteFile) -> Expected | None:
    value = _number(result.get("value"))
    if value is None:
        return None
    spread = _number(result.get("uncertainty")) or 0.0
    interval = Interval(value - spread, value + spread) if spread else Interval.point(value)
    unit, factor, known = _unit(spec.units, result.get("unit"))
    return Expected(_scaled(interval, factor), unit, result.get("unit", ""), known)


def _keyed(cases: Iterable[tuple[str, tuple[Expected, ...]]]) -> list[Case]:
    """Cases with unique keys: a repeated input gets " #2", " #3" in file order."""
    seen: dict[str, int] = {}
    result = []
    for text, expected in cases:
        key = case_key(text)
        seen[key] = seen.get(key, 0) + 1
        result.append(Case(key if seen[key] == 1 else f"{key} #{seen[key]}", text, expected))
    return result


def _skipped_by_reference(item: dict) -> bool:
    return "dotnet" in str(item.get("NotSupported", "")).lower()


def load_cases(data: Path, spec: SuiteFile) -> tuple[list[Case], int]:
    """The file's cases and how many were skipped."""
    path = resolve(data, spec)
    items = json.loads(path.read_text(encoding="utf-8-sig"))
    if spec.scope == "quantulum3":
        pairs = [(item["req"], tuple(e for r in item["res"] if (e := _quantulum3_expected(r, spec)))) for item in items]
        return _keyed(pairs), 0
    kept = [item for item in items if not _skipped_by_reference(item)]
    pairs = [(item["Input"], tuple(e for r in item["Results"] if (e := _recognizers_expected(r, spec))))
             for item in kept]
    return _keyed(pairs), len(items) - len(kept)


def resolve(data: Path, spec: SuiteFile) -> Path:
    """The file under the data folder; the Recognizers specs may sit in a ``Specs/`` folder."""
    plain = data / spec.relative
    nested = data / spec.relative.replace("recognizers_text_specs/", "recognizers_text_specs/Specs/", 1)
    for path in (plain, nested):
        if path.exists():
            return path
    raise FileNotFoundError(f"{plain} not found: pass --data (the shared data folder)")


# -- matching ------------------------------------------------------------------------------


def units_equal(expected: str | None, got: str | None) -> bool:
    """Same canonical unit, or pint units that are the same after conversion."""
    if expected == got:
        return True
    if expected is None or got is None:
        return False
    try:
        factor = units.factor(expected, got)
    except (pint.errors.PintError, ValueError, TypeError, AttributeError):  # names pint cannot parse or combine
        return False
    return factor is not None and _close(factor, 1.0)


_RATE = re.compile(r" per | / ")


def _unit_fits(expected: str | None, got: str | None, scope: Scope) -> bool:
    if units_equal(expected, got):
        return True
    if not (scope.rates_unlabelled and expected and got) or _RATE.search(expected):
        return False
    return units_equal(expected, _RATE.split(got, maxsplit=1)[0])


def _fit(expected: Expected, reading: Reading, scope: Scope, free: set[str]) -> str | None:
    """Which part of the reading matches the expected result ("whole", "low", "high"), or None."""
    if scope.check_unit and not (expected.unit_known and _unit_fits(expected.unit, reading.quantity.unit, scope)):
        return None
    want, got = expected.interval, reading.interval
    if want.is_point:
        if "whole" in free and not got.is_range and (got.is_point or not scope.hedge_matters):
            value = reading.quantity.value
            return "whole" if _close(want.low, value) else None
        if scope.range_ends and got.is_range:
            return next((end for end in ("low", "high") if end in free and _close(want.low, getattr(got, end))), None)
        return None
    if "whole" not in free:
        return None
    if want.is_range:
        return "whole" if got.is_range and _close(want.low, got.low) and _close(want.high, got.high) else None
    same_bound = (_close(want.low, got.low) and _close(want.high, got.high)
                  and (want.low is None or want.low_open == got.low_open)
                  and (want.high is None or want.high_open == got.high_open))
    return "whole" if same_bound else None


@dataclass(frozen=True)
class Outcome:
    case: Case
    missing: tuple[Expected, ...]
    extra: tuple[Reading, ...]
    readings: tuple[Reading, ...]  # the candidate claims, for the failure line

    @property
    def passed(self) -> bool:
        return not self.missing and not self.extra

    def line(self) -> str:
        expected = "; ".join(e.show() for e in self.case.expected) or "nothing"
        got = "; ".join(r.show() for r in self.readings) or "nothing"
        return f"{self.case.key}\texpected {expected} | got {got}"


def judge(case: Case, readings: list[Reading], scope: Scope) -> Outcome:
    """Match expected results to claims one to one (greedy, in reading order)."""
    candidates = [r for r in readings if scope.candidate(r.quantity)]
    free = [{"whole", "low", "high"} for _ in candidates]
    missing = []
    for expected in case.expected:
        for k, reading in enumerate(candidates):
            part = _fit(expected, reading, scope, free[k])
            if part is not None:
                # Taking the whole claim uses both ends; taking an end uses the whole.
                free[k] -= {"whole", "low", "high"} if part == "whole" else {part, "whole"}
                break
        else:
            missing.append(expected)
    extra = [r for k, r in enumerate(candidates) if free[k] == {"whole", "low", "high"} and scope.extra(r.quantity)]
    return Outcome(case, tuple(missing), tuple(extra), tuple(candidates))


# -- running and the kept failure lists ------------------------------------------------------


@dataclass
class FileResult:
    spec: SuiteFile
    outcomes: list[Outcome]
    skipped: int
    kept: set[str] | None  # keys in the kept list; None when there is none

    @property
    def passed(self) -> int:
        return sum(o.passed for o in self.outcomes)

    @property
    def passed_empty(self) -> int:
        """Passes of cases that expect nothing: passing them only takes reading nothing."""
        return sum(o.passed and not o.case.expected for o in self.outcomes)

    @property
    def all_found(self) -> int:
        return sum(not o.missing for o in self.outcomes)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.passed]

    @property
    def regressions(self) -> list[Outcome]:
        """Failing now, not in the kept list: they passed when it was written."""
        if self.kept is None:
            return []
        return [o for o in self.failures if o.case.key not in self.kept]

    @property
    def fixes(self) -> list[str]:
        """Kept as failing, passing now (or gone from the data)."""
        if self.kept is None:
            return []
        failing = {o.case.key for o in self.failures}
        return sorted(self.kept - failing)


def kept_path(spec: SuiteFile, kept_dir: Path = KEPT_DIR) -> Path:
    return kept_dir / f"{spec.stem}.failures.txt"


def read_kept(path: Path) -> set[str] | None:
    if not path.exists():
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split("\t", 1)[0] for line in lines if line and not line.startswith("#")}


def write_kept(result: FileResult, path: Path) -> None:
    header = (f"# {result.spec.stem}: cases claimcheck fails, one a line: key<TAB>expected | got.\n"
              f"# Written by `{UPDATE_COMMAND}`; a failing case not listed here is a regression.\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "".join(o.line() + "\n" for o in result.failures), encoding="utf-8")


def run_file(data: Path, spec: SuiteFile, kept_dir: Path = KEPT_DIR) -> FileResult:
    cases, skipped = load_cases(data, spec)
    scope = SCOPES[spec.scope]
    outcomes = [judge(case, read(case.text), scope) for case in cases]
    return FileResult(spec, outcomes, skipped, read_kept(kept_path(spec, kept_dir)))


def run_all(data: Path, kept_dir: Path = KEPT_DIR) -> list[FileResult]:
    return [run_file(data, spec, kept_dir) for spec in SUITE_FILES]


# -- output -----------------------------------------------------------------------------------


def _table(results: list[FileResult]) -> str:
    lines = ["| file | cases | passed | % | of the passes, cases expecting nothing | all expected found | skipped (dotnet) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        n = len(r.outcomes)
        lines.append(f"| {r.spec.stem} | {n} | {r.passed} | {_pct(r.passed, n)} | {r.passed_empty} | {r.all_found} "
                     f"| {r.skipped} |")
    n = sum(len(r.outcomes) for r in results)
    passed = sum(r.passed for r in results)
    empty = sum(r.passed_empty for r in results)
    found = sum(r.all_found for r in results)
    skipped = sum(r.skipped for r in results)
    lines.append(f"| **total** | {n} | {passed} | {_pct(passed, n)} | {empty} | {found} | {skipped} |")
    return "\n".join(lines)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}" if whole else "-"


def changes(results: list[FileResult]) -> list[str]:
    """One line per regression and fix against the kept lists."""
    lines = []
    for r in results:
        if r.kept is None:
            lines.append(f"{r.spec.stem}: no kept list ({kept_path(r.spec).relative_to(ROOT)}); run {UPDATE_COMMAND}")
        lines += [f"REGRESSION {r.spec.stem}: {o.line()}" for o in r.regressions]
        lines += [f"fixed {r.spec.stem}: {key}" for key in r.fixes]
    return lines


def _changes_prose(results: list[FileResult]) -> str:
    regressions = sum(len(r.regressions) for r in results)
    fixes = sum(len(r.fixes) for r in results)
    missing = [r.spec.stem for r in results if r.kept is None]
    text = (f"Against the kept failure lists in `bench/suites/` (one `<file>.failures.txt` each, listing every "
            f"failing case with what was expected and read; `{UPDATE_COMMAND}` rewrites them): "
            f"**{regressions} regression(s)** (cases that passed when the lists were written and fail now), "
            f"{fixes} fix(es) (kept failures now passing).")
    if missing:
        text += f" No kept list yet for: {', '.join(missing)}."
    detail = [line for line in changes(results) if not line.endswith(UPDATE_COMMAND)]
    if detail:
        text += "\n\n```\n" + "\n".join(detail) + "\n```"
    return text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("regression suites")
    group.add_argument("--update-suite-failures", action="store_true",
                       help="rewrite the kept failure lists in bench/suites/ from this run")


def section(args: argparse.Namespace) -> str:
    """Score every suite file; return the section's Markdown body."""
    results = run_all(args.data)
    for line in changes(results):
        print(line, file=sys.stderr)
    if args.update_suite_failures:
        for r in results:
            write_kept(r, kept_path(r.spec))
        print(f"kept failure lists rewritten in {KEPT_DIR.relative_to(ROOT)}/", file=sys.stderr)
    aimed = [r for r in results if r.spec.aimed]
    other = [r for r in results if not r.spec.aimed]
    return f"""Microsoft Recognizers-Text's English number and unit specs and quantulum3's test
sentences, each input read as a one-paragraph article. A case **passes** when
every expected result with a value is matched by its own claim (a single number
by value; a range by both ends; a one-sided bound by side, value and openness;
in unit files with the same unit, through the reviewed table `SUITE_UNITS` in
`bench/eval_suites.py`) and no claim of the kind the file measures is left over
(every number without a unit for the number model, every bound or range for the
range model, every amount of money for the currency model, every quantity for
quantulum3...), so a case that expects nothing passes only if nothing of that
kind is read. "All expected found" counts the cases with nothing missing, extras
allowed. Recognizers cases that its .NET reference implementation marks as not
supported are skipped (their results are a wish no implementation meets); those
only the Python, Java or JavaScript ports do not support are kept. The module
docstring of `bench/eval_suites.py` has the full definition.

{_table(aimed)}

Files claimcheck does not aim at (temperatures; options of Recognizers' own API):

{_table(other)}

Not scored: {NOT_SCORED}.

{_changes_prose(results)}
"""
