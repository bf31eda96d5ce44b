"""Read inputs into :class:`~checker.model.Document` objects.

Only this package and the CLI touch the file system. Each reader is a pure
function from (path, decoded text) to documents, so a corpus can be read on
any worker.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from checker.errors import InputError
from checker.ingest.html import read_html
from checker.ingest.jsonl import read_jsonl
from checker.ingest.markdown import read_markdown
from checker.ingest.plaintext import read_text
from checker.model import Document, InputProblem

READERS = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
}
SUFFIXES = tuple(READERS)
_BINARY_SNIFF = 8192


def decode(data: bytes, path: str) -> tuple[str, list[InputProblem]]:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16 with BOM; else cp1252 with a warning."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), []
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise InputError(path, "looks like a binary file (it contains NUL bytes)",
                         hint="pass only .txt, .md, .html or .jsonl articles")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        warning = InputProblem(path, None, f"not valid UTF-8 at byte {exc.start}; read as Windows-1252",
                               "save the file as UTF-8", level="warning")
        return data.decode("cp1252", errors="replace"), [warning]


def read_path_text(path: str, text: str) -> list[Document] | tuple[list[Document], list[InputProblem]]:
    """Documents in ``text`` read as the format of ``path``'s suffix (plain text when unknown)."""
    reader = READERS.get(Path(path).suffix.lower(), read_text)
    return reader(path, text)


def read_file(path: str) -> tuple[list[Document], list[InputProblem]]:
    """Read one file; problems are returned, never raised, so a run goes on."""
    try:
        data = Path(path).read_bytes() if path != "-" else _stdin_bytes()
    except IsADirectoryError:
        return [], [InputProblem(path, None, "is a directory")]
    except OSError as exc:
        return [], [InputProblem(path, None, f"cannot be read ({exc.strerror or exc})")]
    label = "<stdin>" if path == "-" else path
    try:
        text, problems = decode(data, label)
    except InputError as exc:
        return [], [InputProblem(exc.path, exc.line, str(exc), exc.hint)]
    result = read_path_text(label, text)
    if isinstance(result, tuple):
        docs, more = result
        return docs, problems + more
    return result, problems


def _stdin_bytes() -> bytes:
    import sys

    return sys.stdin.buffer.read()


_PROJECT_FILES = ("readme", "license", "licence", "changelog", "contributing", "code_of_conduct", "authors")


def _is_project_file(name: str) -> bool:
    """README.md and friends describe a folder of articles; they are not articles."""
    return name.lower().split(".", 1)[0] in _PROJECT_FILES


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Files named, and the article files under directories named, in a stable order."""
    for path in paths:
        if path != "-" and os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(SUFFIXES) and not name.startswith(".") and not _is_project_file(name):
                        yield os.path.join(root, name)
        else:
            yield path
