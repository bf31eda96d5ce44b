"""The reviewed table from claimcheck's unit names to NewsQuant's ``normalized_unit``.

claimcheck names physical units as pint does (``kilometer``) and currencies by
ISO code (``USD``); NewsQuant spells them out in British English (``kilometre``,
``dollar``). Units not listed map to themselves with ``_`` read as a space.
Counts have no unit in claimcheck: their counted noun stands in for one, as it
does in NewsQuant ("200 people" has unit ``people``); a bare number is ``-``.
"""

from __future__ import annotations

CLAIMCHECK_TO_NEWSQUANT = {
    "percent": "percentage",
    "basis_point": "basis point",
    "USD": "dollar",
    "AUD": "australian dollar",
    "CAD": "canadian dollar",
    "HKD": "hong kong dollar",
    "NZD": "new zealand dollar",
    "SGD": "singapore dollar",
    "GBP": "pound sterling",
    "EUR": "euro",
    "JPY": "japanese yen",
    "CNY": "chinese yuan",
    "INR": "indian rupee",
    "RUB": "russian ruble",
    "UAH": "ukrainian hryvnia",
    "ILS": "shekel",
    "CHF": "swiss franc",
    "MYR": "malaysian ringgit",
    "KRW": "south korean won",
    "DKK": "danish krone",
    "SEK": "swedish krona",
    "NOK": "norwegian krone",
    "MXN": "mexican peso",
    "THB": "thai baht",
    "IDR": "indonesian rupiah",
    "NGN": "nigerian naira",
    "PLN": "polish zloty",
    "BRL": "brazilian real",
    "TRY": "turkish lira",
    "HRK": "croatian kuna",
    "ZAR": "south african rand",
    "cent": "cent",
    # NewsQuant normalises the pence of share prices ("118.5p") to "point".
    "penny": "point",
    "kilometer": "kilometre",
    "meter": "metre",
    "centimeter": "centimetre",
    "millimeter": "millimetre",
    "liter": "litre",
    "kilometer ** 2": "square kilometre",
    "mile ** 2": "square mile",
    "meter ** 2": "square metre",
    "foot ** 2": "square foot",
    "mile / hour": "mile per hour",
    "kilometer / hour": "kilometre per hour",
    "degree_Celsius": "celsius",
    "degree_Fahrenheit": "fahrenheit",
    "pound": "pound-mass",
    "short_ton": "ton",
    "oil_barrel": "barrel",
    "revolutions_per_minute": "revolutions per minute",
    "kilowatt_hour": "kilowatt hour",
    "megawatt_hour": "megawatt hour",
    "gigawatt_hour": "gigawatt hour",
    "terawatt_hour": "terawatt hour",
    "milliampere * hour": "milliampere-hour",
    "ppm": "part per million",
    "ppb": "parts-per-billion",
    "metric_ton": "metric ton",
    "megabit / second": "megabit per second",
    "gigabit / second": "gigabit per second",
    "mile / gallon": "mile per gallon",
    "micrometer": "micrometre",
    "nanometer": "nanometre",
    "kip / inch ** 2": "kilopound per square inch",
    # NewsQuant names torque both "foot pound-force" and "pound-foot"; the first is the more frequent.
    "pound_force * foot": "foot pound-force",
    "newton * meter": "newton metre",
    # NewsQuant has no metric horsepower: "300 PS" is labelled horsepower.
    "metric_horsepower": "horsepower",
}

# NewsQuant calls an age "year of age"; claimcheck reads it as kind "age" in years.
AGE = "year of age"

# quantulum3's unit names, where they differ from NewsQuant's.
QUANTULUM3_TO_NEWSQUANT = {
    "dimensionless": "-",
    "percentage": "percentage",
    "United States dollar": "dollar",
    "pound sterling": "pound sterling",
}


def newsquant_unit(unit: str | None, kind: str, counted: str | None) -> str:
    """NewsQuant's name for what a claimcheck claim counts or measures."""
    if kind == "age":
        return AGE
    if unit is None:
        if counted == "time":
            return "count"  # "6.5 times earnings", "orbited 3,200 times": NewsQuant's multiplier unit
        return counted or "-"
    if unit in CLAIMCHECK_TO_NEWSQUANT:
        return CLAIMCHECK_TO_NEWSQUANT[unit]
    base, _, per = unit.replace(" / ", " per ", 1).partition(" per ")  # rates: "USD per month", "kilometer / hour"
    name = _name(base)
    return f"{name} per {_name(per)}" if per else name


def _name(unit: str) -> str:
    return CLAIMCHECK_TO_NEWSQUANT.get(unit, unit.replace("_", " "))
