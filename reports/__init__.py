"""Report renderers: every format is a function of a :class:`~checker.model.RunResult`.

Each check reporter is called as ``render(result, options)``; :class:`ReportOptions`
carries what the result alone does not say (the rules the run could report, for
SARIF's rule table; whether to colour a terminal format).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from checker.model import RunResult


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """How to render a check, beyond the result itself."""

    # Every rule the run could report (RuleSet.described() of each configuration
    # in force, by code): SARIF lists them in tool.driver.rules.
    rules: tuple[Any, ...] = ()
    color: bool = False  # ANSI colours by severity (text and concise formats)
    timestamps: bool = False  # SARIF: the invocation's start and end times (off: byte-identical output)


DEFAULT_OPTIONS = ReportOptions()

# Imported here, after ReportOptions and DEFAULT_OPTIONS, which the reporters import.
from checker.reports import (
    checkstyle,
    concise,
    github,
    html,
    json_lines,
    json_report,
    junit,
    sarif,
    text,
)


def _plain(render: Callable[[RunResult], str]) -> Callable[[RunResult, ReportOptions], str]:
    return lambda result, options=DEFAULT_OPTIONS: render(result)


REPORTERS: dict[str, Callable[..., str]] = {
    "text": text.render,
    "json": _plain(json_report.render),
    "html": _plain(html.render),
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "checkstyle": checkstyle.render,
    "concise": concise.render,
    "json-lines": json_lines.render,
}
EXTRACT_REPORTERS: dict[str, Callable[[RunResult], str]] = {
    "json": json_report.render_extract,
    "jsonl": json_report.render_extract_lines,
}
