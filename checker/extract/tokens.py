"""A sentence as tokens, and the spans over them that both readers of a sentence share.

claims.py finds a sentence's numbers and trigger phrases over its tokens;
subjects.py reads the words around the same spans for who or what a figure is
said of. Both work on the types and the few word classes kept here, so neither
needs the other's module to name them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.extract.numbers import NumberMatch
from checker.rulepack import Rule

_TOKEN = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)*(?:-[A-Za-z0-9]+)*|\d+(?:[.,]\d+)*|[^\w\s]")
FUNCTION_WORDS = frozenset(
    "in on at for from with by to into across after before during near over under since as than per and or but "
    "who which that while when where including said says the a an this these those its their his her "
    "last next ago earlier".split()
)
LOCATIVE = frozenset("in on at near outside inside across around throughout into towards toward over".split())
POSSESSIVE = re.compile(r"['’]s$")
_POSSESSIVE_ENDINGS = ("'s", "’s")


def without_possessive(word: str) -> str:
    """A token's text without its possessive "'s": ``POSSESSIVE.sub("", word)`` without a regex call.

    A token holds no newline, so ``$`` can only stand at its end.
    """
    return word[:-2] if word.endswith(_POSSESSIVE_ENDINGS) else word


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    low: str


def tokenize(text: str) -> list[Token]:
    low = text.lower()
    # Spans first, then one comprehension: this runs for every sentence with a figure.
    return [Token(s, e, text[s:e], low[s:e]) for s, e in [m.span() for m in _TOKEN.finditer(text)]]


@dataclass(slots=True)
class Number:
    match: NumberMatch
    first: int  # token index range of the number
    last: int
    noun_first: int  # token range of the counted noun phrase
    noun_last: int
    counted: str | None = None
    rule: Rule | None = None
    part_of: int | None = None  # index into the sentence's numbers
    trigger: Found | None = None  # the trigger phrase that gave the rule


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int  # token after the phrase
    rule: Rule
    side: str
    phrase: tuple[str, ...] = ()  # the trigger's words as the pack lists them
