"""Years and dates of an article as claims, for the reference check only.

The extractor deliberately makes no claim of "in 2018" or "since Jan. 18": they
are not counts, and inside one article they are never compared. A summary that
moves an event to 2017 or Jan. 19 does misreport its source, so the reference
check reads them too, through the extractor's own number reader
(:func:`checker.extract.numbers.find_numbers` classifies them as ``year`` and
``date``). A date's month is its ``counted`` word, so "Jan. 18" is compared only
with other January dates. A year written with its month ("August 2021",
"Aug. 17, 2021", "17 August 2021") is a month-year figure: its span takes in the
month and its ``counted`` word is the month, which the reference check reads as
a word next to the year, so "March 2019" finds "March 2018" more readily than a
year of another month.
"""

from __future__ import annotations

import re

from checker.extract.numbers import DATE, YEAR, find_numbers
from checker.model import Article, Claim, Quantity, Role
from checker.rulepack import RuleSet

_MONTH_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+$")
_MONTH_AFTER = re.compile(r"^\s+(?:of\s+)?([A-Za-z]+)")
_YEAR_DIGITS = re.compile(r"^\d{4}$")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# "August 2021", "Aug. 17, 2021", "August 17th 2021" / "17 August 2021", "17th of August, 2021"
_MONTH_YEAR_BEFORE = re.compile(r"\b([A-Z][a-z]+)\.?,?\s+(?:" + _DAY + r",?\s+)?$")
_DAY_MONTH_YEAR_BEFORE = re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?([A-Z][a-z]+)\.?,?\s+$")


def calendar_claims(article: Article, rules: RuleSet, first_index: int) -> tuple[Claim, ...]:
    """Every year ("in 2018") and day of a named month ("Jan. 18", "3 March") of an article, in reading order."""
    months = _month_names(rules)
    found: list[Claim] = []
    for seg in article.segments:
        for s_start, s_end in seg.sentences:
            sentence = seg.text[s_start:s_end]
            for m in find_numbers(sentence, rules.lexicon, title_case=seg.role == Role.HEADLINE):
                core = sentence[m.core_start:m.core_end]
                if m.kind == YEAR and _YEAR_DIGITS.match(core):
                    span, month = _month_year(sentence, m.core_start, m.core_end, months)
                elif m.kind == DATE:
                    located = _month_of(sentence, m.core_start, m.core_end, months)
                    if located is None:
                        continue
                    span, month = located
                else:
                    continue
                value = float(core)
                start, end = s_start + span[0], s_start + span[1]
                found.append(Claim(
                    article_id=article.id, segment_index=seg.index, role=seg.role, start=start, end=end,
                    text=seg.text[start:end], quantity=Quantity(value, value, value, kind=m.kind),
                    sentence=(s_start, s_end), counted=month, index=first_index + len(found),
                ))
    return tuple(found)


def _month_names(rules: RuleSet) -> dict[str, str]:
    """Month words of the lexicon ("jan", "january") -> one name per month (the longest)."""
    names = sorted(rules.lexicon.months, key=len, reverse=True)
    canonical: dict[str, str] = {}
    for name in names:
        full = next((n for n in names if n.startswith(name[:3]) and len(n) >= len(name)), name)
        canonical[name] = full
    return canonical


def _month_year(sentence: str, start: int, end: int, months: dict[str, str]) -> tuple[tuple[int, int], str | None]:
    """The span of "August 2021" / "Aug. 17, 2021" / "17 August 2021" around a year, and its month (None: a bare year)."""
    head = sentence[:start]
    for pattern in (_DAY_MONTH_YEAR_BEFORE, _MONTH_YEAR_BEFORE):
        found = pattern.search(head)
        if found and found.group(1).lower() in months:
            return (found.start(), end), months[found.group(1).lower()]
    return (start, end), None


def _month_of(sentence: str, start: int, end: int, months: dict[str, str]) -> tuple[tuple[int, int], str] | None:
    """The span of "Jan. 18" / "18 January" around a day number, and its month."""
    before = _MONTH_BEFORE.search(sentence[:start])
    if before and before.group(1).lower() in months:
        return (before.start(1), end), months[before.group(1).lower()]
    after = _MONTH_AFTER.match(sentence[end:])
    if after and after.group(1).lower() in months:
        return (start, end + after.end(1)), months[after.group(1).lower()]
    return None
