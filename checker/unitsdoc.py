"""Render docs/units.md: the unit and currency vocabulary of ``extract`` output.

Run ``python -m checker.unitsdoc > docs/units.md`` after changing rules/units.toml;
tests/test_docs.py fails while the file is out of date.
"""

from __future__ import annotations

import sys
from collections import defaultdict

from checker.rulepack import RuleSet, load_rules


def render(rules: RuleSet) -> str:
    """The units document for a rule set, deterministic."""
    units: dict[str, list[str]] = defaultdict(list)
    for surface, unit in rules.lexicon.units.items():
        units[unit].append(f"`{surface}`")
    for surface, unit in rules.lexicon.symbols.items():
        units[unit].append(f"`{surface}` (this case only)")
    currencies: dict[str, list[str]] = defaultdict(list)
    for surface, code in rules.lexicon.currencies.items():
        currencies[code].append(surface)
    lines = [
        "# Units in claimcheck output",
        "",
        "Generated from `rules/units.toml` by `python -m checker.unitsdoc > docs/units.md`; do not edit by hand.",
        "",
        "The `unit` of a figure in `claimcheck extract` and `check` output is one of:",
        "",
        "- `null`: a count (`18 people`); what is counted is in `counted`.",
        "- a [pint](https://pint.readthedocs.io) unit expression, below (`kilometer`, `percent`); a ratio of two",
        "  units joins them with ` / ` (`kilometer / hour`, `kilovolt / centimeter`).",
        "- an ISO 4217 currency code, below (`USD`), or `cent` / `penny`; money per something adds",
        "  ` per ` and the thing (`MYR per month`, `USD per share`). Currencies are never converted.",
        "- a unit followed by ` per ` and a period or thing when pint has no such ratio (`percent per year`).",
        "",
        "A one-letter currency (`p` for pence) counts only when written against its figure (`118.5p`).",
        "",
        "The `kind` field says which of these a figure is: `count`, `quantity`, `currency`, `percent` or `age`",
        "(an age is in `year`).",
        "",
        "## Physical units",
        "",
        "| unit | written as |",
        "|---|---|",
    ]
    for unit in sorted(units):
        lines.append(f"| `{unit}` | {', '.join(sorted(units[unit]))} |")
    lines += ["", "## Currencies", "", "| code | written as |", "|---|---|"]
    for code in sorted(currencies):
        lines.append(f"| `{code}` | {', '.join(f'`{s}`' for s in sorted(currencies[code]))} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render(load_rules()))
