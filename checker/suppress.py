"""Inline suppressions: directives in the checked text that silence findings.

Placeholder: the lead wires :func:`apply_suppressions` into ``claimcheck check``;
the implementation is being written (issue 7).
"""

from __future__ import annotations

from collections.abc import Iterable

from checker.model import RunResult


def apply_suppressions(result: RunResult, known_codes: Iterable[str]) -> RunResult:
    """``result`` without the findings its articles' directives suppress, plus warnings about the directives."""
    return result
