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

from collections import OrderedDict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
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


# -- what the checks read of an article, read once --------------------------------------
#
# Several rules read the same things of an article (its names, spellings, events). They are
# kept per article, keyed by the article's and the rules' identity (both kept alive in the
# entry, so an id is never reused for another object while its entry lives): hashing a frozen
# Article hashes its whole text. Outside a run of :func:`fact_discrepancies` only the few
# most recent articles are kept; during one, what a check asks to keep for the run (the
# spellings NAM002 compares across articles) is kept until the run ends, and dropped then.

_RECENT: OrderedDict[tuple, tuple] = OrderedDict()
_RECENT_SIZE = 32
_RUN: dict[tuple, tuple] | None = None


def per_article(name: str, article, rules, compute: Callable, *, whole_run: bool = False):
    """``compute(article, rules)``, computed once per article and rules (see above)."""
    key = (name, id(article), id(rules))
    store = _RUN if whole_run and _RUN is not None else _RECENT
    entry = store.get(key)
    if entry is not None and entry[0] is article and entry[1] is rules:
        if store is _RECENT:
            _RECENT.move_to_end(key)
        return entry[2]
    value = compute(article, rules)
    store[key] = (article, rules, value)
    if store is _RECENT and len(_RECENT) > _RECENT_SIZE:
        _RECENT.popitem(last=False)
    return value


@contextmanager
def _run(keep: bool):
    global _RUN
    outer = _RUN
    _RUN = {} if keep else None
    try:
        yield
    finally:
        _RUN = outer
        _RECENT.clear()


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
    with _run(keep=across and len(articles) > 1):
        # Article by article, every rule: the checks share what they read of an article (its names,
        # places and events, cached per article), so each article is read once, not once per rule.
        for article, article_claims in zip(articles, claims):
            for rule, check in within:
                found += check(article, article_claims, rule, rules)
        if across and len(articles) > 1:
            for rule, check in between:
                found += check(articles, claims, rule, rules)
    return found
