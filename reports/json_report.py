"""JSON report: the documented, versioned schema (docs/json-schema.md)."""

from __future__ import annotations

import json

from checker.model import RunResult
from checker.reports.records import EXTRACT_SCHEMA_VERSION, check_record, extract_records


def dumps(data: object) -> str:
    """Deterministic JSON: sorted keys, fixed indentation, UTF-8 text kept readable."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render(result: RunResult) -> str:
    """The check result as JSON."""
    return dumps(check_record(result))


def render_extract(result: RunResult) -> str:
    """Extracted claims as one JSON document."""
    return dumps({"schema": "claimcheck/extract", "version": EXTRACT_SCHEMA_VERSION, "claims": extract_records(result)})


def render_extract_lines(result: RunResult) -> str:
    """Extracted claims as JSON Lines, one claim a line."""
    encode = _LINE_ENCODER.encode  # one encoder for every line: json.dumps would build one per call
    return "".join(encode(r) + "\n" for r in extract_records(result))


_LINE_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False)
