"""Checks of facts that are not figures: the rule kinds each module answers for.

Numeric rules go through align and compare; the other kinds (spellings, names,
titles, places and dates of events) each have a module with one or both of

    check_within(article, claims, rule, rules) -> list[Discrepancy]
    check_across(articles, claims, rule, rules) -> list[Discrepancy]

``claims`` are the article's (or each article's) extracted figures, for the
checks that need their context. Every function is pure over the data model, so
it can run on a worker like the rest of the pipeline. The modules are imported
when a rule of their kind is enabled, so a run pays only for what it checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib import import_module

from checker.model import Article, Claim, Discrepancy
from checker.rulepack import RuleSet

# rule kind -> the module that checks it
CHECKERS = {
    "house-spelling": "checker.house_style",
    "name-variant": "checker.names",
    "title": "checker.titles",
    "location": "checker.events",
    "date": "checker.events",
}


def _function(kind: str, name: str) -> Callable | None:
    return getattr(import_module(CHECKERS[kind]), name, None)


def fact_discrepancies(articles: Iterable[Article], claims: Iterable[tuple[Claim, ...]], rules: RuleSet, *,
                       across: bool) -> list[Discrepancy]:
    """Findings of every enabled fact rule, within each article and (``across``) between articles."""
    articles, claims = tuple(articles), tuple(claims)
    enabled = [(kind, rule) for kind in sorted(CHECKERS) for rule in rules.of_kind(kind)]
    within = [(rule, f) for kind, rule in enabled if rule.within and (f := _function(kind, "check_within"))]
    between = [(rule, f) for kind, rule in enabled if rule.across and (f := _function(kind, "check_across"))]
    found: list[Discrepancy] = []
    # Article by article, every rule: the checks share what they read of an article (its names,
    # places and events, cached per article), so each article is read once, not once per rule.
    for article, article_claims in zip(articles, claims):
        for rule, check in within:
            found += check(article, article_claims, rule, rules)
    if across and len(articles) > 1:
        for rule, check in between:
            found += check(articles, claims, rule, rules)
    return found
