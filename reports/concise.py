"""Concise: one line a finding, ``path:line:col: CODE [severity] message``.

The shape editors and CI problem matchers parse (the compiler-error convention),
with nothing else printed: no evidence lines, no summary. Input problems read
``path:line:1: input [error] message``.
"""

from __future__ import annotations

import re

from checker.reports import DEFAULT_OPTIONS, ReportOptions, colour

from checker.model import Discrepancy, InputProblem, RunResult, Severity

# Every line break str.splitlines knows: a finding must stay one line for line-based tools.
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def render(result: RunResult, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    """Every finding, then every input problem, one line each."""
    lines = [finding_line(d, options.color) for d in result.discrepancies]
    lines += [problem_line(p, options.color) for p in result.problems]
    return "".join(line + "\n" for line in lines)


def one_line(text: str) -> str:
    """``text`` with every line break replaced by a space."""
    return _LINE_BREAKS.sub(" ", text)


def finding_line(d: Discrepancy, color: bool = False) -> str:
    """``path:line:col: CODE [severity] message`` at the finding's first side."""
    first = d.evidence[0]
    line, column = first.locations[0]
    return f"{one_line(first.path)}:{line}:{column}: {_code(d.rule, color)} {_level(d.severity, color)} {one_line(d.message)}"


def problem_line(problem: InputProblem, color: bool = False) -> str:
    """``path:line:1: input [error] message (hint)``; line 1 when the problem is the whole file."""
    level = Severity.ERROR if problem.level == "error" else Severity.WARNING
    hint = f" ({problem.hint})" if problem.hint else ""
    return (f"{one_line(problem.path)}:{problem.line or 1}:1: {_code('input', color)} {_level(level, color)} "
            f"{one_line(problem.message + hint)}")


def _code(code: str, color: bool) -> str:
    return colour.bold(code) if color else code


def _level(level: Severity, color: bool) -> str:
    return colour.severity(level, f"[{level.value}]") if color else f"[{level.value}]"
