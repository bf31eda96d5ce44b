"""JSON Lines: one JSON object a line, for streaming into log pipelines and ``jq``.

Each finding is ``{"type": "finding", "schema": "claimcheck/finding", "version": 1, ...}``
with the fields of a discrepancy in the JSON report (docs/json-schema.md); each
input problem is ``{"type": "problem", "schema": "claimcheck/problem", "version": 1,
"path", "line", "level", "message", "hint"}``. Findings come first, then problems;
nothing else is printed (no summary line), so every line is one record.
"""

from __future__ import annotations

import json
from typing import Any

from checker.reports import DEFAULT_OPTIONS, ReportOptions
from checker.reports.records import discrepancy_record

from checker.model import Discrepancy, InputProblem, RunResult

FINDING_SCHEMA = "claimcheck/finding"
PROBLEM_SCHEMA = "claimcheck/problem"
# Bumped when a field is removed or changes meaning; fields may be added within a version.
LINES_SCHEMA_VERSION = 1
# Compact separators; ensure_ascii=False keeps text readable, as in the JSON report.
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
# Characters that end a line for str.splitlines but that json leaves unescaped (see encode_line).
_LINE_SEPARATORS = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}


def render(result: RunResult, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    """Every finding, then every input problem, one JSON object a line."""
    records = [finding_record(d) for d in result.discrepancies] + [problem_record(p) for p in result.problems]
    return "".join(encode_line(r) + "\n" for r in records)


def finding_record(d: Discrepancy) -> dict[str, Any]:
    """A finding as one self-describing record."""
    return {"type": "finding", "schema": FINDING_SCHEMA, "version": LINES_SCHEMA_VERSION, **discrepancy_record(d)}


def problem_record(p: InputProblem) -> dict[str, Any]:
    """An input problem as one self-describing record."""
    return {"type": "problem", "schema": PROBLEM_SCHEMA, "version": LINES_SCHEMA_VERSION,
            "path": p.path, "line": p.line, "level": p.level, "message": p.message, "hint": p.hint}


def encode_line(record: dict[str, Any]) -> str:
    """One record as one line of JSON.

    json escapes every control character below U+0020 but leaves NEL (U+0085),
    U+2028 and U+2029 raw, and str.splitlines (like some readers) ends a line at
    them: they are escaped here, which JSON allows for any character.
    """
    return _ENCODER.encode(record).translate(_LINE_SEPARATORS)
