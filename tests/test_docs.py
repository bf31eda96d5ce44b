"""Generated documentation stays in step with the rule packs."""

from __future__ import annotations

from pathlib import Path

from checker import unitsdoc

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_units_doc_is_current(rules) -> None:
    expected = unitsdoc.render(rules)
    assert (DOCS / "units.md").read_text(encoding="utf-8") == expected, \
        "docs/units.md is out of date: run python -m checker.unitsdoc > docs/units.md"


def test_units_doc_names_every_unit_and_currency(rules) -> None:
    text = unitsdoc.render(rules)
    for unit in set(rules.lexicon.units.values()) | set(rules.lexicon.currencies.values()):
        assert f"`{unit}`" in text
