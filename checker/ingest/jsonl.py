"""JSON Lines corpora: one article a line."""

from __future__ import annotations

import json
import re

from checker.config import did_you_mean
from checker.ingest.plaintext import text_blocks
from checker.model import Block, Document, InputProblem, Role, SourceMap

FIELDS = ("id", "title", "body", "text", "captions", "source", "published", "url", "claimcheck")
# The keys of a record's "claimcheck" object (see docs/suppressions.md).
SUPPRESS_KEYS = ("disable", "reason")


def read_jsonl(path: str, text: str) -> tuple[list[Document], list[InputProblem]]:
    """Every good record becomes an article; a bad line is reported and skipped."""
    docs: list[Document] = []
    problems: list[InputProblem] = []
    for number, line in enumerate(text.splitlines(), 1):
        doc, problem = _line(path, number, line)
        if doc is not None:
            docs.append(doc)
        if problem is not None:
            problems.append(problem)
    return docs, problems


def line_document(path: str, number: int, line: str) -> Document | InputProblem | None:
    """One line of a JSONL file as a document, or the problem with it; None for a blank line.

    A record read with only a warning (a bad "claimcheck" field) is returned as its
    document; the warning is left out here (streamed reads feed the audit, which
    applies no suppressions). :func:`read_jsonl` reports it.
    """
    doc, problem = _line(path, number, line)
    return doc if doc is not None else problem


def _line(path: str, number: int, line: str) -> tuple[Document | None, InputProblem | None]:
    if not line.strip():
        return None, None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, InputProblem(path, number, f"not valid JSON ({exc.msg} at column {exc.colno})",
                                  "each line must be one JSON object")
    return record_document(path, number, record)


def _string(record: dict, key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) and value.strip() else None


def record_document(path: str, line: int, record: object) -> tuple[Document | None, InputProblem | None]:
    """One JSONL record as a document, or the problem with it.

    Both are returned when the record is read but its "claimcheck" field is not
    understood: the document (with no suppression) and a warning.
    """
    if not isinstance(record, dict):
        return None, InputProblem(path, line, "record is not a JSON object", 'write {"body": "..."} on each line')
    body = _string(record, "body") or _string(record, "text")
    if body is None:
        return None, InputProblem(path, line, "record has no 'body' or 'text' string",
                                  'add a "body" field holding the article text')
    captions = record.get("captions") or []
    if not isinstance(captions, list) or not all(isinstance(c, str) for c in captions):
        return None, InputProblem(path, line, "'captions' must be a list of strings")
    # The record's article text: title, captions and body joined by blank lines;
    # offsets (and so columns) count into this text.
    parts: list[tuple[str, Role | None]] = []
    title = _string(record, "title")
    if title:
        parts.append((title.strip(), Role.HEADLINE))
    parts += [(c.strip(), Role.CAPTION) for c in captions if c.strip()]
    blocks: list[Block] = []
    text = ""
    for part, role in parts:
        blocks.append(Block(part, SourceMap.identity(len(text)), role))
        text += part + "\n\n"
    blocks += text_blocks(body, base=len(text))
    text += body
    suppress, warning = record_suppressions(path, line, record)
    ident = record.get("id")
    doc = Document(
        id=str(ident) if ident is not None and str(ident) else f"{path}:{line}", path=path, text=text,
        blocks=tuple(blocks), source=_string(record, "source"), published=_string(record, "published"),
        url=_string(record, "url"), record_line=line, suppress=suppress,
    )
    return doc, warning


_SHAPE_HINT = ('write "claimcheck": {"disable": ["CAS001"]} for some rules or {"disable": "all"} for every rule; '
               "see docs/suppressions.md")


def record_suppressions(path: str, line: int, record: dict) -> tuple[tuple[str, ...] | None, InputProblem | None]:
    """The codes a record's "claimcheck" field disables (empty: every rule; None: no field), or a warning.

    The shape is checked here; whether the codes name rules is checked when the
    suppressions are applied (checker/suppress.py), where the rules are known.
    """
    if "claimcheck" not in record:
        return None, None
    spec = record["claimcheck"]

    def bad(message: str, hint: str = _SHAPE_HINT) -> tuple[None, InputProblem]:
        return None, InputProblem(path, line, f"'claimcheck' field ignored: {message}", hint, level="warning")

    if not isinstance(spec, dict):
        return bad(f"it must be an object, not {_json_type(spec)}")
    unknown = sorted(k for k in spec if k not in SUPPRESS_KEYS)
    if unknown:
        guess = did_you_mean(unknown[0], SUPPRESS_KEYS)
        hint = f"did you mean {guess!r}? " if guess else ""
        return bad(f"unknown key {unknown[0]!r} (valid keys: {', '.join(SUPPRESS_KEYS)})", hint + _SHAPE_HINT)
    if "reason" in spec and not isinstance(spec["reason"], str):
        return bad(f"'reason' must be a string, not {_json_type(spec['reason'])}")
    if "disable" not in spec:
        return bad("it has no 'disable' key")
    disable = spec["disable"]
    if isinstance(disable, str):
        codes = [c for c in re.split(r"[,\s]+", disable) if c]
    elif isinstance(disable, list) and all(isinstance(c, str) for c in disable):
        codes = [c.strip() for c in disable if c.strip()]
    else:
        return bad(f"'disable' must be a list of rule codes or the string \"all\", not {_json_type(disable)}")
    if not codes:
        return bad("'disable' is empty, so it disables nothing",
                   'list the codes to disable, write "all" to disable every rule, or remove the field')
    if any(c.lower() == "all" for c in codes):
        if len(codes) > 1:
            return bad('"all" cannot be listed with other codes', 'write "disable": "all" on its own')
        return (), None
    return tuple(codes), None


def _json_type(value: object) -> str:
    """The JSON name of a value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list of non-strings" if value else "a list"
    return "an object"
