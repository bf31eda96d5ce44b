"""What the rules are and whether their examples hold: ``claimcheck rules list|show|test`` and docs/rules.md.

Every rule documents itself in its pack (summary, rationale, examples); this
module only lays that out, for a terminal or as Markdown. ``rules test`` runs
each embedded example through the real pipeline: a ``fail`` example must be
flagged by its rule, a ``pass`` example by no rule at all.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace
from pathlib import Path

from checker.house_style import house_style_from_table
from checker.ingest.plaintext import read_text
from checker.rulepack import FIGURES, RULE_KINDS, SEGMENTS, ReferenceRule, Rule, RuleSet

REFERENCE_KIND = ("reference", "A figure of a derived text (summary, headline draft, rewrite) checked with "
                  "`check --reference` must agree with the source article's figure for the same thing.")


def _severities(rule: Rule | ReferenceRule) -> str:
    if isinstance(rule, ReferenceRule):
        return rule.severity.value
    levels = {rule.severity, rule.severity_body, rule.severity_across}
    if len(levels) == 1:
        return rule.severity.value
    return f"{rule.severity.value} (body only: {rule.severity_body.value}; across articles: {rule.severity_across.value})"


def rules_table(rules: RuleSet) -> str:
    """``rules list``: code, name, severity and summary of every rule, a line each."""
    described = rules.described()
    rows = [(r.code, r.name, r.severity.value + (" (disabled)" if r.code in rules.disabled else ""), r.summary)
            for r in described]
    widths = [max(len(row[i]) for row in rows) for i in range(3)] if rows else [0, 0, 0]
    lines = []
    for row in rows:
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3])
    return "\n".join(lines) + "\n"


def lookup(rules: RuleSet, code: str) -> Rule | ReferenceRule:
    """The rule with a code or dotted name (any case); KeyError when there is none."""
    for rule in rules.described():
        if code.upper() == rule.code or code.lower() == rule.name:
            return rule
    raise KeyError(code)


def _phrases(words: tuple[str, ...]) -> str:
    return ", ".join(f'"{w}"' for w in words)


def _scope_text(rule: Rule) -> str:
    where = "all parts of an article" if rule.segments == SEGMENTS else ", ".join(rule.segments) + " only"
    compares = [w for w, on in (("within one article", rule.within), ("across articles about one event", rule.across)) if on]
    return f"{where}; compared {' and '.join(compares)}"


def _tolerance_text(rule: Rule) -> str:
    t = rule.tolerance
    parts = []
    if t.absolute:
        parts.append(f"figures within {t.absolute:g} of each other agree")
    if t.relative:
        parts.append(f"figures within {t.relative:.0%} of each other agree")
    if not parts:
        parts.append("exact (after hedges, units and the rounding of the written digits)")
    parts.append(f'"about N" allows {t.approx:.0%} either side')
    return "; ".join(parts)


def _facts(rule: Rule | ReferenceRule) -> list[tuple[str, str]]:
    """(label, value) lines describing a rule, shared by the terminal and Markdown layouts."""
    if isinstance(rule, ReferenceRule):
        return [("Kind", f"reference: {REFERENCE_KIND[1]}"), ("Severity", _severities(rule)),
                ("Defined in", f"{Path(rule.path).name}:{rule.line}")]
    facts = [("Kind", f"{rule.kind}: {RULE_KINDS[rule.kind]}"), ("Severity", _severities(rule))]
    if rule.kind == "numeric-agreement":
        measured = FIGURES[rule.figure]
        if rule.dimension:
            measured += f" (dimension {rule.dimension})"
        facts.append(("Measure", f"{rule.measure}: {measured}"))
        if rule.counted_classes:
            facts.append(("Counts only", ", ".join(rule.counted_classes)))
        elif rule.default_counted:
            facts.append(("Counts", f"{rule.default_counted}, unless the text names something else"))
        for label, words in (("Triggers (either side)", rule.triggers), ("Triggers (before the figure)", rule.triggers_before),
                             ("Triggers (after the figure)", rule.triggers_after)):
            if words:
                facts.append((label, _phrases(words)))
        facts.append(("Tolerance", _tolerance_text(rule)))
    facts.append(("Scope", _scope_text(rule)))
    if rule.message != "{details}":
        facts.append(("Message", rule.message))
    facts.append(("Defined in", f"{Path(rule.path).name}:{rule.line}"))
    return facts


def _examples(rules: RuleSet, rule: Rule | ReferenceRule) -> list[tuple[str, str, str]]:
    """(verdict, name, text) of each example: "flags" or "passes"."""
    if isinstance(rule, ReferenceRule):
        out = []
        for ex in rules.reference.examples if rules.reference else ():
            verdict = "flags" if ex.flag == rule.code else "passes"
            out.append((verdict, ex.name, f"Source:\n{ex.source}\nDerived:\n{ex.derived}"))
        return out
    return [("flags" if ex.should_flag else "passes", ex.name, _style_note(ex.house_style, ex.published) + _articles_text(ex))
            for ex in rule.examples]


def _articles_text(ex) -> str:
    if not ex.articles:
        return ex.text
    return "\n".join(f"[article {n}]\n{text}" for n, text in enumerate(ex.articles, 1))


def _style_note(style: tuple[tuple[str, tuple[str, ...]], ...], published: str | None = None) -> str:
    if published:
        return f"[published {published}]\n\n" + _style_note(style)
    if not style:
        return ""
    entries = "; ".join(f"{preferred} (not {', '.join(variants)})" for preferred, variants in style)
    return f"[house style: {entries}]\n\n"


def rule_doc(rules: RuleSet, code: str) -> str:
    """``rules show CODE``: everything about one rule, with its examples, for a terminal."""
    rule = lookup(rules, code)
    lines = [f"{rule.code} {rule.name}" + ("  [disabled]" if rule.code in rules.disabled else ""), "",
             rule.summary, ""]
    width = max(len(label) for label, _ in _facts(rule))
    for label, value in _facts(rule):
        lines.append(textwrap.fill(f"{label + ':':<{width + 2}}{value}", 100, subsequent_indent=" " * (width + 2),
                                   break_on_hyphens=False))
    lines += ["", "Why:", textwrap.indent(textwrap.fill(rule.rationale, 88), "  "), ""]
    for verdict, name, text in _examples(rules, rule):
        lines.append(f"Example ({'flagged' if verdict == 'flags' else 'not flagged'}): {name}")
        lines += [f"  | {line}".rstrip() for line in text.rstrip("\n").split("\n")]
        lines.append("")
    return "\n".join(lines)


def rules_markdown(rules: RuleSet) -> str:
    """docs/rules.md: every rule with its documentation and examples, deterministic."""
    out = ["# Rules", "",
           "Generated from the rule packs in `rules/` by `python -m checker.rulesdoc > docs/rules.md`; "
           "do not edit by hand. `claimcheck rules show CODE` prints the same for one rule.", "",
           "Severities: a rule's first severity applies when a headline or caption is one side; `body only` "
           "when every side is body text; `across articles` when the sides are in different articles. "
           "[Configuration](configuration.md) can disable a rule or change its severity.", "",
           "## Kinds", "",
           "Every rule uses one of these comparators:", ""]
    for kind, text in sorted((*RULE_KINDS.items(), REFERENCE_KIND)):
        out.append(f"- `{kind}`: {text}")
    out += ["", "Numeric rules measure one kind of figure (`figure` in the pack):", ""]
    for figure, text in FIGURES.items():
        out.append(f"- `{figure}`: {text}")
    out += ["", "## Index", "", "| Code | Name | Severity | Summary |", "|---|---|---|---|"]
    for rule in rules.described():
        out.append(f"| [{rule.code}](#{rule.code.lower()}) | `{rule.name}` | {rule.severity.value} | {rule.summary} |")
    for rule in rules.described():
        out += ["", f"## {rule.code}", "", f"`{rule.name}`: {rule.summary}", ""]
        for label, value in _facts(rule):
            out.append(f"- **{label}:** {value}")
        out += ["", rule.rationale, ""]
        for verdict, name, text in _examples(rules, rule):
            out += [f"Example, {'flagged' if verdict == 'flags' else 'not flagged'} (`{name}`):", "", "```text",
                    text.rstrip("\n"), "```", ""]
        while out[-1] == "":
            out.pop()
    return "\n".join(out) + "\n"


# -- rules test ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExampleResult:
    """One embedded example run through the checker."""

    code: str
    name: str
    where: str  # pack file and line
    expected: str  # "flags" or "passes"
    ok: bool
    problem: str = ""  # what went wrong, when not ok


def run_examples(rules: RuleSet, codes: set[str] | None = None) -> list[ExampleResult]:
    """Run the examples of every rule (or of ``codes``) with every rule enabled."""
    from checker.pipeline import check_against_reference, check_documents  # the pipeline imports rule packs

    rules = replace(rules, disabled=frozenset())
    results = []
    for rule in rules.described():
        if codes is not None and rule.code not in codes:
            continue
        if isinstance(rule, ReferenceRule):
            for ex in rules.reference.examples if rules.reference else ():
                source = read_text(f"{rule.code}-{ex.name}-source.txt", ex.source)[0]
                derived = read_text(f"{rule.code}-{ex.name}-derived.txt", ex.derived)
                found = check_against_reference(derived, source, rules).discrepancies
                results.append(_verdict(rule.code, ex.name, f"{Path(rule.path).name}:{ex.line}", ex.flag == rule.code, found))
            continue
        for ex in rule.examples:
            style = house_style_from_table(dict(ex.house_style), f"{rule.code}-{ex.name}") if ex.house_style else None
            texts = ex.articles or (ex.text,)
            docs = [doc for n, text in enumerate(texts, 1)
                    for doc in read_text(f"{rule.code}-{ex.name}{'-' + str(n) if len(texts) > 1 else ''}.txt", text)]
            if ex.published:
                docs = [replace(doc, published=ex.published) for doc in docs]
            found = check_documents(docs, replace(rules, house_style=style)).discrepancies
            results.append(_verdict(rule.code, ex.name, f"{Path(rule.path).name}:{ex.line}", ex.should_flag, found))
    return results


def _verdict(code: str, name: str, where: str, should_flag: bool, found) -> ExampleResult:
    flagged = [d for d in found if d.rule == code]
    if should_flag:
        ok = bool(flagged)
        problem = "" if ok else "expected a finding of this rule, got " + (
            "none" if not found else "only " + "; ".join(f"{d.rule}: {d.message}" for d in found))
    else:
        ok = not found
        problem = "" if ok else "expected no finding, got " + "; ".join(f"{d.rule}: {d.message}" for d in found)
    return ExampleResult(code, name, where, "flags" if should_flag else "passes", ok, problem)


def format_results(results: list[ExampleResult], *, verbose: bool = False) -> str:
    """A test runner's report: a line per failure (per example with ``verbose``), then a summary."""
    lines = []
    for r in results:
        if verbose or not r.ok:
            status = "PASSED" if r.ok else "FAILED"
            line = f"{r.where}: {r.code}::{r.name} ({r.expected}) {status}"
            lines.append(line + (f"\n    {r.problem}" if r.problem else ""))
    failed = sum(not r.ok for r in results)
    lines.append(f"{len(results) - failed} passed, {failed} failed ({len(results)} examples)")
    return "\n".join(lines) + "\n"
