"""The words around a figure, and how alike two figures' surroundings are.

The reference check matches a derived text's figure to a source figure of the
same kind only when they are said of the same thing; the content words around
each ("in the death 35 years ago of an American") are the evidence for that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)*")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class FigureContext:
    """Content words before and after a figure in its sentence, nearest last before and first after."""

    before: tuple[str, ...]
    after: tuple[str, ...]

    @property
    def words(self) -> tuple[str, ...]:
        return self.before + self.after


def _content_words(text: str, stop_words: frozenset[str]) -> list[str]:
    words = (_POSSESSIVE.sub("", m.group()).lower() for m in _WORD.finditer(text))
    return [w for w in words if len(w) > 1 and w not in stop_words]


def figure_context(sentence: str, start: int, end: int, window: int, stop_words: frozenset[str]) -> FigureContext:
    """The ``window`` content words either side of ``sentence[start:end]`` (offsets into the sentence)."""
    before = _content_words(sentence[:start], stop_words)[-window:]
    after = _content_words(sentence[end:], stop_words)[:window]
    return FigureContext(tuple(before), tuple(after))


def similarity(a: FigureContext, b: FigureContext) -> tuple[float, int]:
    """(rapidfuzz token-set ratio 0-100, number of shared words) of two figures' surroundings.

    The token-set ratio forgives words one side adds ("pool hall massacre" and
    "massacre"); the shared-word count stops two tiny windows from matching on one
    common word.
    """
    words_a, words_b = a.words, b.words
    if not words_a or not words_b:
        return 0.0, 0
    shared = len(set(words_a) & set(words_b))
    return fuzz.token_set_ratio(" ".join(words_a), " ".join(words_b)), shared
