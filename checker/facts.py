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
    found: list[Discrepancy] = []
    for kind in sorted(CHECKERS):
        for rule in rules.of_kind(kind):
            within = _function(kind, "check_within") if rule.within else None
            if within is not None:
                for article, article_claims in zip(articles, claims):
                    found += within(article, article_claims, rule, rules)
            between = _function(kind, "check_across") if rule.across and across and len(articles) > 1 else None
            if between is not None:
                found += between(articles, claims, rule, rules)
    return found
