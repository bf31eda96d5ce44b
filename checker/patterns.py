"""Regular expressions from rule packs, run on RE2 so that no pattern can hang a run.

Rule packs are user input. Python's ``re`` backtracks, so a pattern such as
``(a+)+$`` takes exponential time on a long line of "a"s. RE2 matches in time
linear in the input whatever the pattern, at the price of backreferences and
look-around, which pack patterns do not need. Patterns are also linted when a
pack loads: a repetition nested in a repetition (``(a+)+``, ``(\\w*\\s?)*``) is
rejected. It would hang any backtracking tool a pack author tries it in, and it
can nearly always be written without the nesting.
"""

from __future__ import annotations

import re
import warnings
from typing import Protocol

import re2

try:  # the parser behind ``re``; moved in 3.11, kept under the old name before
    from re import _parser as sre_parse  # type: ignore[attr-defined]
    from re import _constants as sre_constants  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)}
_MAXREPEAT = sre_constants.MAXREPEAT


class Pattern(Protocol):
    """What the checker uses of a compiled pattern (RE2's and ``re``'s alike)."""

    pattern: str

    def search(self, text: str): ...  # noqa: D102, ANN201

    def fullmatch(self, text: str): ...  # noqa: D102, ANN201


class PatternError(ValueError):
    """A pack pattern that cannot be used; the message says why and how to fix it."""


def _options() -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # RE2 would print its own copy of every error on stderr
    return options


def compile_pattern(pattern: str) -> Pattern:
    """Compile a pack pattern, case-insensitive, on RE2; :class:`PatternError` when it is unusable."""
    nested = nested_repetition(pattern)
    if nested:
        raise PatternError(
            f"nested repetition {nested!r}: a repeated group that itself repeats can match the same text in "
            "exponentially many ways; repeat once, e.g. '(a+)+' -> 'a+', '(\\w+\\s?)*' -> '[\\w\\s]*'")
    try:
        return re2.compile(pattern, _options())
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(f"not a pattern RE2 can run ({reason}); pack patterns may not use backreferences "
                           "or look-around ((?=...), (?<=...))") from None


def combine(patterns: tuple[Pattern, ...]) -> Pattern:
    """One RE2 pattern matching any of ``patterns``: one pass over a line instead of one per pattern."""
    if not patterns:
        return re2.compile(r"[^\s\S]", _options())  # matches nothing
    return re2.compile("|".join(f"(?:{p.pattern})" for p in patterns), _options())


def nested_repetition(pattern: str) -> str | None:
    """The first unbounded repetition inside another repetition, as pattern text; None when there is none.

    Patterns Python's parser rejects are left to RE2 to report.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Python's own syntax warnings ("possible nested set") are not ours to show
            tree = sre_parse.parse(pattern)
    except (re.error, OverflowError, RecursionError):
        return None
    return _describe(pattern) if _find_nested(tree, inside_repeat=False) else None


def _find_nested(items, inside_repeat: bool):
    for op, arg in items:
        if op in _REPEATS:
            low, high, body = arg
            unbounded = high == _MAXREPEAT or high > 1_000
            if inside_repeat and unbounded:
                return True
            if _find_nested(body, inside_repeat or high > 1):
                return True
        elif op == sre_constants.SUBPATTERN:
            if _find_nested(arg[-1], inside_repeat):
                return True
        elif op == sre_constants.BRANCH:
            if any(_find_nested(branch, inside_repeat) for branch in arg[1]):
                return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            if _find_nested(arg[1], inside_repeat):
                return True
        elif op == getattr(sre_constants, "ATOMIC_GROUP", None):
            if _find_nested(arg, inside_repeat):
                return True
    return False


_GROUP_REPEATED = re.compile(r"\((?:\?:)?[^()]*[+*}][^()]*\)[+*{]")


def _describe(pattern: str) -> str:
    # sre_parse keeps no offsets; point at the first group that is repeated and holds
    # a repetition, or at the whole pattern when the nesting is deeper than one group.
    m = _GROUP_REPEATED.search(pattern)
    if m:
        end = m.end()
        if pattern[end - 1] == "{":
            end = pattern.find("}", end) + 1 or len(pattern)
        return pattern[m.start():end]
    return pattern
