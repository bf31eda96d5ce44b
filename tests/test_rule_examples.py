"""Every shipped rule's embedded examples: fail examples are flagged by that rule, pass examples by nothing."""

from __future__ import annotations

import pytest

from checker.ingest.plaintext import read_text
from checker.pipeline import check_documents
from checker.rulepack import load_rules

RULES = load_rules()
EXAMPLES = [(rule, ex) for rule in RULES.rules for ex in rule.examples]


@pytest.mark.parametrize("rule,example", EXAMPLES, ids=[f"{r.code}::{e.name}" for r, e in EXAMPLES])
def test_rule_example(rule, example) -> None:
    result = check_documents(read_text(f"{rule.code}-{example.name}.txt", example.text), RULES)
    flagged = [d.rule for d in result.discrepancies]
    if example.should_flag:
        assert rule.code in flagged, f"{rule.code} should flag its example {example.name!r}"
    else:
        assert flagged == [], f"pass example {example.name!r} of {rule.code} was flagged"


def test_every_rule_has_a_passing_and_a_failing_example() -> None:
    for rule in RULES.rules:
        kinds = {ex.should_flag for ex in rule.examples}
        assert kinds == {True, False}, f"{rule.code} needs at least one fail and one pass example"


def test_rule_codes_and_names_are_unique_and_documented() -> None:
    codes = [r.code for r in RULES.rules]
    names = [r.name for r in RULES.rules]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    for rule in RULES.rules:
        assert rule.summary and rule.rationale, rule.code
