"""Every shipped rule's embedded examples: fail examples are flagged by that rule, pass examples by nothing.

The examples run through :func:`checker.ruleinfo.run_examples`, the code behind
``claimcheck rules test``; tests/test_cli.py runs the command itself.
"""

from __future__ import annotations

import pytest

from checker.ruleinfo import run_examples
from checker.rulepack import ReferenceRule, load_rules

RULES = load_rules()
RESULTS = run_examples(RULES)


@pytest.mark.parametrize("result", RESULTS, ids=[f"{r.code}::{r.name}" for r in RESULTS])
def test_rule_example(result) -> None:
    assert result.ok, f"{result.where}: {result.code} example {result.name!r} ({result.expected}): {result.problem}"


def test_every_rule_has_a_passing_and_a_failing_example() -> None:
    for rule in RULES.described():
        kinds = {r.expected for r in RESULTS if r.code == rule.code}
        assert kinds == {"flags", "passes"}, f"{rule.code} needs at least one fail and one pass example"


def test_rule_codes_and_names_are_unique_and_documented() -> None:
    described = RULES.described()
    codes = [r.code for r in described]
    names = [r.name for r in described]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    for rule in described:
        assert rule.summary.strip() and rule.rationale.strip(), rule.code
        if not isinstance(rule, ReferenceRule):
            assert rule.examples, rule.code


def test_a_wrong_example_is_reported_as_failed() -> None:
    rule = RULES.by_code("CAS001")
    from dataclasses import replace

    from checker.rulepack import Example

    broken = replace(rule, examples=(Example("agreeing_text_marked_fail", "Fire kills 12\n\nTwelve people died.\n", True),))
    rules = replace(RULES, rules=tuple(broken if r.code == "CAS001" else r for r in RULES.rules), _by_code=None)
    (result,) = run_examples(rules, {"CAS001"})
    assert not result.ok and "expected a finding of this rule, got none" in result.problem


def test_an_example_of_several_articles_is_checked_across_them(tmp_path) -> None:
    from checker.rulepack import builtin_pack_paths

    pack = tmp_path / "across.toml"
    pack.write_text('''
[pack]
id = "across"

[[rule]]
code = "ACR001"
name = "across.evacuated"
kind = "numeric-agreement"
measure = "evacuated"
summary = "Outlets give different evacuation counts."
rationale = "Two outlets' counts of one evacuation should agree or be attributed."
severity = "error"
triggers = ["evacuated"]
default_counted = "people"
scope = { within = false }

[[rule.example]]
name = "two_outlets"
fail = ["""
Flood in Marrow Vale

Officials evacuated 300 people in Marrow Vale on Monday.
""", """
Marrow Vale flood

Police evacuated 450 people in Marrow Vale on Monday.
"""]

[[rule.example]]
name = "one_outlet"
pass = """
Flood in Marrow Vale

Officials evacuated 300 people in Marrow Vale on Monday.
"""
''', encoding="utf-8")
    rules = load_rules([*builtin_pack_paths(), pack])
    results = {r.name: r for r in run_examples(rules, {"ACR001"})}
    assert results["two_outlets"].ok and results["one_outlet"].ok
    assert len(rules.by_code("ACR001").examples[0].articles) == 2
