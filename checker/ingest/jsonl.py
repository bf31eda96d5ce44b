"""JSON Lines corpora: one article a line."""

from __future__ import annotations

import json

from checker.ingest.plaintext import text_blocks
from checker.model import Block, Document, InputProblem, Role, SourceMap

FIELDS = ("id", "title", "body", "text", "captions", "source", "published", "url")


def read_jsonl(path: str, text: str) -> tuple[list[Document], list[InputProblem]]:
    """Every good record becomes an article; a bad line is reported and skipped."""
    docs: list[Document] = []
    problems: list[InputProblem] = []
    for number, line in enumerate(text.splitlines(), 1):
        item = line_document(path, number, line)
        if isinstance(item, Document):
            docs.append(item)
        elif item is not None:
            problems.append(item)
    return docs, problems


def line_document(path: str, number: int, line: str) -> Document | InputProblem | None:
    """One line of a JSONL file as a document, or the problem with it; None for a blank line."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputProblem(path, number, f"not valid JSON ({exc.msg} at column {exc.colno})",
                            "each line must be one JSON object")
    doc, problem = record_document(path, number, record)
    return problem if problem is not None else doc


def _string(record: dict, key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) and value.strip() else None


def record_document(path: str, line: int, record: object) -> tuple[Document | None, InputProblem | None]:
    """One JSONL record as a document, or the problem with it."""
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
    ident = record.get("id")
    doc = Document(
        id=str(ident) if ident is not None and str(ident) else f"{path}:{line}", path=path, text=text,
        blocks=tuple(blocks), source=_string(record, "source"), published=_string(record, "published"),
        url=_string(record, "url"), record_line=line,
    )
    return doc, None
