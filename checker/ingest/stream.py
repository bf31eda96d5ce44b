"""Documents one at a time, for corpora too large to hold: JSON Lines files are read line by line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from checker.ingest import expand_paths, read_file
from checker.ingest.jsonl import line_document
from checker.model import Document, InputProblem


def _jsonl_records(path: str) -> Iterator[Document | InputProblem]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below; lines decoded one by one)
    except OSError as exc:
        yield InputProblem(path, None, f"cannot be read ({exc.strerror or exc})")
        return
    with handle:
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield InputProblem(path, number, f"not valid UTF-8 at byte {exc.start} of the line",
                                   "save the file as UTF-8")
                continue
            item = line_document(path, number, line)
            if item is not None:
                yield item


def iter_documents(paths: list[str]) -> Iterator[Document | InputProblem]:
    """Every document of the inputs in order, and every problem where it arises; duplicate ids are problems."""
    seen: set[str] = set()
    for path in expand_paths(paths):
        if path != "-" and Path(path).suffix.lower() == ".jsonl":
            items: Iterator[Document | InputProblem] = _jsonl_records(path)
        else:
            docs, problems = read_file(path)
            items = iter([*problems, *docs])
        for item in items:
            if isinstance(item, Document):
                if item.id in seen:
                    yield InputProblem(item.path, item.record_line, f"duplicate article id {item.id!r}",
                                       "give every record a unique id")
                    continue
                seen.add(item.id)
            yield item
