"""Generated documentation stays in step with the rule packs."""

from __future__ import annotations

from pathlib import Path

from checker import ruleinfo, unitsdoc
from checker.rulepack import RULE_KINDS

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_units_doc_is_current(rules) -> None:
    expected = unitsdoc.render(rules)
    assert (DOCS / "units.md").read_text(encoding="utf-8") == expected, \
        "docs/units.md is out of date: run python -m checker.unitsdoc > docs/units.md"


def test_units_doc_names_every_unit_and_currency(rules) -> None:
    text = unitsdoc.render(rules)
    for unit in set(rules.lexicon.units.values()) | set(rules.lexicon.currencies.values()):
        assert f"`{unit}`" in text


def test_rules_doc_is_current(rules) -> None:
    expected = ruleinfo.rules_markdown(rules)
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == expected, \
        "docs/rules.md is out of date: run python -m checker.rulesdoc > docs/rules.md"


def test_rules_doc_documents_every_rule_and_kind(rules) -> None:
    text = ruleinfo.rules_markdown(rules)
    for rule in rules.described():
        assert f"## {rule.code}" in text and rule.summary in text and rule.rationale in text
    for kind in RULE_KINDS:
        assert f"- `{kind}`:" in text


def test_pack_guide_documents_every_key_a_pack_may_use() -> None:
    from checker import rulepack

    guide = (DOCS / "rule-packs.md").read_text(encoding="utf-8")
    keys = (set(rulepack._PACK_KEYS) | set(rulepack._RULE_KEYS) | set(rulepack._EXAMPLE_KEYS)
            | set(rulepack._TOLERANCE_KEYS) | set(rulepack._SCOPE_KEYS) | set(rulepack._LEXICON_TABLES)
            | set(rulepack._BOILERPLATE_KEYS) | set(rulepack.FIGURES) | set(rulepack.RULE_KINDS)
            | set(rulepack.MESSAGE_FIELDS) | set(rulepack._TOP_KEYS) - {"lexicon", "rule"})
    for table, schema in rulepack._LEXICON_TABLES.items():
        keys |= set(schema)
    missing = sorted(k for k in keys if f"`{k}`" not in guide and f"`[{k}]`" not in guide
                     and f"[lexicon.{k}]" not in guide and f"`{{{k}}}`" not in guide)
    assert not missing, f"docs/rule-packs.md does not explain: {missing}"
