"""English noun forms: plurals to singulars, for counted nouns and rate denominators."""

from __future__ import annotations

_IRREGULAR_PLURALS = {"feet": "foot", "men": "man", "women": "woman", "children": "child", "teeth": "tooth",
                      "mice": "mouse", "geese": "goose", "people": "people", "police": "police"}
# Singular nouns that merely end like a "-men" plural.
_MEN_SINGULARS = frozenset({"specimen", "abdomen", "regimen", "acumen", "stamen", "hymen", "yemen", "omen", "amen"})


def singular(noun: str) -> str:
    """A plural noun's singular by English spelling rules ("horses", "countries", "boxes", "fishermen")."""
    if noun in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[noun]
    if noun.endswith("men") and len(noun) > 5 and noun not in _MEN_SINGULARS:
        return noun[:-3] + "man"  # "fishermen", "congresswomen"
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("sses", "shes", "ches", "xes", "zes", "uses")):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is")) and len(noun) > 3:
        return noun[:-1]
    return noun
