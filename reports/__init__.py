"""Report renderers: every format is a function of a :class:`~checker.model.RunResult`."""

from __future__ import annotations

from collections.abc import Callable

from checker.model import RunResult
from checker.reports import html, json_report, text

REPORTERS: dict[str, Callable[[RunResult], str]] = {
    "text": text.render,
    "json": json_report.render,
    "html": html.render,
}
EXTRACT_REPORTERS: dict[str, Callable[[RunResult], str]] = {
    "json": json_report.render_extract,
    "jsonl": json_report.render_extract_lines,
}
