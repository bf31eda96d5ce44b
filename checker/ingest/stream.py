"""Documents one at a time, for corpora too large to hold: JSON Lines files are read line by line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from checker.ingest import expand_paths, read_file
from checker.ingest.jsonl import line_document
from checker.limits import DEFAULT_MAX_FILE_BYTES, file_too_big
from checker.model import Document, InputProblem


def _bounded_lines(handle: BinaryIO, max_bytes: int) -> Iterator[bytes | int]:
    """Each line's bytes; for a line over ``max_bytes``, its size instead (the line is skipped, never held)."""
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        if len(line) <= max_bytes or (len(line) == max_bytes + 1 and line.endswith(b"\n")):
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = handle.readline(_SKIP_CHUNK)
            if not line:
                break
            size += len(line)
        yield size


_SKIP_CHUNK = 1 << 20


def _jsonl_records(path: str, max_bytes: int) -> Iterator[Document | InputProblem]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below; lines decoded one by one)
    except OSError as exc:
        yield InputProblem(path, None, f"cannot be read ({exc.strerror or exc})")
        return
    with handle:
        for number, raw in enumerate(_bounded_lines(handle, max_bytes), 1):
            if isinstance(raw, int):
                yield file_too_big(path, raw, max_bytes, line=number)
                continue
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield InputProblem(path, number, f"not valid UTF-8 at byte {exc.start} of the line",
                                   "save the file as UTF-8")
                continue
            item = line_document(path, number, line)
            if item is not None:
                yield item


def iter_documents(paths: list[str], max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
                   ) -> Iterator[Document | InputProblem]:
    """Every document of the inputs in order, and every problem where it arises; duplicate ids are problems.

    JSON Lines files stream, so ``max_file_bytes`` limits each record's line there; other files are read whole.
    """
    seen: set[str] = set()
    for path in expand_paths(paths):
        if path != "-" and Path(path).suffix.lower() == ".jsonl":
            items: Iterator[Document | InputProblem] = _jsonl_records(path, max_file_bytes)
        else:
            docs, problems = read_file(path, max_file_bytes)
            items = iter([*problems, *docs])
        for item in items:
            if isinstance(item, Document):
                if item.id in seen:
                    yield InputProblem(item.path, item.record_line, f"duplicate article id {item.id!r}",
                                       "give every record a unique id")
                    continue
                seen.add(item.id)
            yield item
