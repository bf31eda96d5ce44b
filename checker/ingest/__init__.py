"""Read inputs into :class:`~checker.model.Document` objects.

Only this package and the CLI touch the file system. Each reader is a pure
function from (path, decoded text) to documents, so a corpus can be read on
any worker.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from checker.errors import InputError
from checker.ingest.html import read_html
from checker.ingest.jsonl import read_jsonl
from checker.ingest.markdown import read_markdown
from checker.ingest.plaintext import read_text
from checker.limits import DEFAULT_MAX_FILE_BYTES, file_too_big
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

# Leading bytes of the binary formats most often saved, renamed or scraped by mistake
# into a folder of articles: (magic, what the file looks like).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx, .xlsx, .odt or .epub file)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc, .xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"MZ", "a Windows executable"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg audio or video file"),
    (b"\x00\x00\x00\x0cjP  ", "a JPEG 2000 image"),
)
_RIFF = {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}
# Bytes that do not occur in text in any encoding read here: C0 controls but tab, newline,
# vertical tab, form feed, carriage return and escape.
_CONTROL = frozenset(range(0x09)) | frozenset(range(0x0E, 0x1B)) | frozenset(range(0x1C, 0x20))
_BINARY_SHARE = 0.03  # more than 3% control bytes in the first 8 KiB: not text
_HINT_BINARY = "pass only .txt, .md, .html or .jsonl articles"
_WEAK_MAGIC = (b"BZh", b"MZ", b"ID3")  # could begin a line of text


def sniff_binary(data: bytes) -> str | None:
    """What ``data`` looks like when it is not text (``"a PNG image"``), else None."""
    head = data[:_BINARY_SNIFF]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            # "BZh", "MZ" and "ID3" can begin an article: trust them only with control bytes after them.
            if magic in _WEAK_MAGIC and not any(b in _CONTROL for b in head[:64]):
                continue
            return what
    if head.startswith(b"RIFF") and head[8:12] in _RIFF:
        return _RIFF[head[8:12]]
    if _utf16_without_bom(head) is None and _mostly_control(head):
        return "binary data"
    return None


def _mostly_control(head: bytes) -> bool:
    if not head:
        return False
    count = sum(1 for b in head if b in _CONTROL)
    return count > max(_BINARY_SHARE * len(head), 2)


def _utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when ``head`` is text in UTF-16 saved without a byte-order mark."""
    if len(head) < 4:
        return None
    head = head[: len(head) - len(head) % 2]
    even, odd = head[0::2], head[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.05 * len(other):
            return codec
    return None


def decode(data: bytes, path: str, *, html: bool = False) -> tuple[str, list[InputProblem]]:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16 (with BOM, or plainly without); else cp1252.

    A binary file (by its magic number, or by its share of control bytes) raises
    :class:`InputError` saying what it looks like. Reading as Windows-1252, as
    UTF-16 without a BOM, or with a few stray NUL bytes (read as spaces, so
    columns stay right) comes with a warning naming the byte offset. An HTML
    page (``html``) that declares its encoding in a ``<meta>`` tag is read in
    that encoding, as a browser reads it; a byte-order mark still wins.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            warning = InputProblem(path, None, f"not valid UTF-16 at byte {exc.start}; bad bytes read as U+FFFD",
                                   "save the file as UTF-8", level="warning")
            return data.decode("utf-16", errors="replace"), [warning]
    what = sniff_binary(data)
    if what is not None:
        raise InputError(path, f"is not text: it looks like {what} (binary file)", hint=_HINT_BINARY)
    problems: list[InputProblem] = []
    label, declared = (declared_charset(data) if html else None) or ("", None)
    if declared is not None and declared != "utf-8":
        if not data.isascii() and _is_utf8(data):
            # Scraped pages are often re-saved as UTF-8 with the old declaration left in; the
            # bytes say which is true (a page in a legacy encoding is hardly ever valid UTF-8).
            problems.append(InputProblem(path, None, f"declares {label} in a <meta> tag but is valid UTF-8; "
                                         "read as UTF-8", "correct the <meta charset>", level="warning"))
            return _without_nuls(data.decode("utf-8-sig"), data, path, problems)
        try:
            text = data.decode(declared)
        except UnicodeDecodeError as exc:
            text = data.decode(declared, errors="replace")
            problems.append(InputProblem(path, None, f"not valid {label} (as its <meta> tag declares) at byte "
                                         f"{exc.start}; bad bytes read as U+FFFD", "save the file as UTF-8",
                                         level="warning"))
        return _without_nuls(text, data, path, problems)
    codec = _utf16_without_bom(data[:_BINARY_SNIFF])
    if codec is not None:
        text = data.decode(codec, errors="replace")
        name = "UTF-16 LE" if codec == "utf-16-le" else "UTF-16 BE"
        problems.append(InputProblem(path, None, f"has no byte-order mark; read as {name}",
                                     "save the file as UTF-8", level="warning"))
        return text, problems
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        message = f"not valid UTF-8 at byte {exc.start}; read as Windows-1252"
        undefined = _CP1252_UNDEFINED.search(data)
        if undefined:
            count = len(_CP1252_UNDEFINED.findall(data))
            message += (f"; {count} byte{'s' if count != 1 else ''} undefined in Windows-1252 "
                        f"(first at byte {undefined.start()}) read as U+FFFD")
        problems.append(InputProblem(path, None, message, "save the file as UTF-8", level="warning"))
    return _without_nuls(text, data, path, problems)


def _without_nuls(text: str, data: bytes, path: str, problems: list[InputProblem]
                  ) -> tuple[str, list[InputProblem]]:
    if "\x00" in text:
        first = data.find(b"\x00")
        count = text.count("\x00")
        problems.append(InputProblem(path, None, f"{count} NUL byte{'s' if count != 1 else ''} (first at byte {first}) "
                                     "read as spaces", "remove the NUL bytes", level="warning"))
        text = text.replace("\x00", " ")
    return text, problems


_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_PRESCAN = 1024  # the HTML standard looks for the <meta> declaration in the first 1024 bytes
_META_CHARSET = re.compile(
    rb"<meta\s[^>]*?(?:charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)"
    rb"|content\s*=\s*[\"'][^\"'>]*?charset\s*=\s*([A-Za-z0-9_.:-]+))", re.IGNORECASE)
# Labels the HTML standard reads as another encoding than their name says (WHATWG Encoding):
# pages labelled Latin-1 or ASCII are Windows-1252 in every browser, and a page cannot declare UTF-16
# in ASCII bytes, so that label means UTF-8.
_HTML_LABELS = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252",
                "iso8859-1": "cp1252", "utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8"}


def declared_charset(data: bytes) -> tuple[str, str] | None:
    """(the label, the Python codec) an HTML page's ``<meta charset>`` (or http-equiv content type) declares.

    None when there is no declaration or Python knows no codec by that label.
    """
    import codecs

    found = _META_CHARSET.search(data[:_PRESCAN])
    if found is None:
        return None
    label = (found.group(1) or found.group(2)).decode("ascii").strip().lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return label, _HTML_LABELS.get(name, name)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def read_path_text(path: str, text: str) -> list[Document] | tuple[list[Document], list[InputProblem]]:
    """Documents in ``text`` read as the format of ``path``'s suffix (plain text when unknown)."""
    reader = READERS.get(Path(path).suffix.lower(), read_text)
    return reader(path, text)


def read_file(path: str, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> tuple[list[Document], list[InputProblem]]:
    """Read one file of at most ``max_bytes``; problems are returned, never raised, so a run goes on."""
    if path != "-" and os.path.isdir(path):
        # expand_paths gives a directory only when it holds no articles (ruff and eslint warn alike).
        return [], [InputProblem(path, None, f"is a directory with no articles in it ({', '.join(SUFFIXES)})",
                                 level="warning")]
    label = "<stdin>" if path == "-" else path
    try:
        data, size = _read_at_most(path, max_bytes)
    except IsADirectoryError:
        return [], [InputProblem(path, None, "is a directory")]
    except OSError as exc:
        return [], [InputProblem(path, None, f"cannot be read ({exc.strerror or exc})")]
    if data is None:
        return [], [file_too_big(label, size, max_bytes, stdin=path == "-")]
    try:
        text, problems = decode(data, label, html=Path(path).suffix.lower() in (".html", ".htm"))
    except InputError as exc:
        return [], [InputProblem(exc.path, exc.line, str(exc), exc.hint)]
    del data  # the bytes are not needed once decoded: a big file is not held twice while it is read
    if not text.strip():
        # Nothing to check is not a failure (an empty file is a common placeholder); say so once.
        return [], [*problems, InputProblem(label, None, "is empty; nothing to check", level="warning")]
    result = read_path_text(label, text)
    if isinstance(result, tuple):
        docs, more = result
        return docs, problems + more
    return result, problems


def _read_at_most(path: str, max_bytes: int) -> tuple[bytes | None, int]:
    """(the bytes, their size); (None, size) for a file over ``max_bytes``, which is not read.

    Of standard input at most ``max_bytes + 1`` bytes are read: enough to know it is too big.
    """
    if path == "-":
        import sys

        data = sys.stdin.buffer.read(max_bytes + 1)
        return (data if len(data) <= max_bytes else None), len(data)
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        return (handle.read() if size <= max_bytes else None), size


_PROJECT_FILES = ("readme", "license", "licence", "changelog", "contributing", "code_of_conduct", "authors")


def _is_project_file(name: str) -> bool:
    """README.md and friends describe a folder of articles; they are not articles."""
    return name.lower().split(".", 1)[0] in _PROJECT_FILES


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Files named, and the article files under directories named, in a stable order.

    A directory named that holds no article file is given itself, so the reader can say so.
    """
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found = False
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(SUFFIXES) and not name.startswith(".") and not _is_project_file(name):
                        found = True
                        yield os.path.join(root, name)
            if not found:
                yield path
        else:
            yield path
