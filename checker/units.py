"""The one pint unit registry claimcheck uses.

pint refuses to combine quantities from different registries, so every module
converts through :func:`convert` here.
"""

from __future__ import annotations

from functools import lru_cache

import pint


@lru_cache(maxsize=1)
def _registry() -> pint.UnitRegistry:
    # Building the registry parses pint's definitions file (~0.3 s), so it is
    # built on first use, not on import.
    registry = pint.UnitRegistry()
    # News writes rates in basis points; pint's own "bp" is a base pair.
    registry.define("basis_point = 0.0001 = bps_rate")
    registry.define("parts_per_billion = 1e-9 = ppb")
    return registry


def is_unit(name: str) -> bool:
    """Whether pint knows ``name`` as a unit."""
    try:
        _registry().Unit(name)
    except (pint.errors.UndefinedUnitError, ValueError, AttributeError, TypeError):
        return False
    return True


@lru_cache(maxsize=4096)
def factor(from_unit: str, to_unit: str) -> float | None:
    """Multiplier taking ``from_unit`` to ``to_unit``; None when incompatible."""
    try:
        return float(_registry().Quantity(1.0, from_unit).to(to_unit).magnitude)
    except (pint.errors.DimensionalityError, pint.errors.UndefinedUnitError):
        return None


@lru_cache(maxsize=1024)
def dimension(unit: str) -> str:
    """pint's dimensionality of a unit as text, e.g. ``[length]``; "" for a unit pint does not know."""
    try:
        return str(_registry().Unit(unit).dimensionality)
    except (pint.errors.UndefinedUnitError, ValueError, AttributeError, TypeError):
        return ""


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """``value`` in ``from_unit`` expressed in ``to_unit``; None when incompatible."""
    f = factor(from_unit, to_unit)
    return None if f is None else value * f


# The dimensions a rule pack names most; the full set is pint's (see :func:`canonical_dimension`).
DIMENSIONS = ("[area]", "[energy]", "[force]", "[length]", "[mass]", "[power]", "[pressure]", "[speed]",
              "[temperature]", "[time]", "[volume]")


def canonical_dimension(name: str) -> str | None:
    """pint's spelling of a dimension (``[area]`` -> ``[length] ** 2``); None when pint has no such dimension."""
    if not (name.startswith("[") and name.endswith("]")):
        return None
    try:
        return str(_registry().get_dimensionality(name))
    except (ValueError, pint.errors.UndefinedUnitError, KeyError):
        return None


def is_dimension(name: str) -> bool:
    """Whether pint knows ``name`` as a dimension, such as ``[length]`` or ``[area]``."""
    return canonical_dimension(name) is not None
