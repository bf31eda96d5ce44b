"""Plain-text articles: one paragraph a line or a blank-line separated block."""

from __future__ import annotations

import re

from checker.model import Block, Document, SourceMap

# A line and its break, as str.splitlines(keepends=True) splits them; the last match is empty.
_LINE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029])?")
_TERMINAL = re.compile(r"[.!?:\"”’)]\s*$")
# A comment never closed hides only the rest of its line: hiding the rest of the
# article over a typo would silence it (the suppression check reports the typo).
_COMMENT = re.compile(r"<!--(?:.*?-->|[^\n]*)", re.DOTALL)


def mask_comments(text: str) -> str:
    """``text`` with HTML comments (``<!-- ... -->``) blanked out, keeping every offset and line break.

    A comment is not shown to readers, so its words are not article text: a figure
    in a suppression's reason must not become a claim. Blanking rather than
    deleting keeps the offsets into the input, so locations stay right.
    """
    if "<!--" not in text:
        return text
    return _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def text_blocks(text: str, base: int = 0) -> list[Block]:
    """Split text into paragraph blocks, each mapped to its place in the input.

    Lines of a blank-line separated block are kept as one paragraph only when
    they look hard-wrapped (no line but the last ends a sentence); otherwise
    every line is its own block, as scraped articles put one paragraph a line.
    """
    blocks: list[Block] = []
    group: list[tuple[int, str]] = []
    pos = 0
    for found in _LINE.finditer(text):  # str.splitlines without the list: a 50 MB file is not copied twice
        line = found.group()
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            group.append((base + pos + lead, stripped))
        elif group:
            blocks += _group_blocks(group)
            group = []
        pos += len(line)
    if group:
        blocks += _group_blocks(group)
    return blocks


def _group_blocks(group: list[tuple[int, str]]) -> list[Block]:
    texts = [t for _, t in group]
    wrapped = (len(group) > 1 and len(set(texts)) == len(texts)
               and all(not _TERMINAL.search(t) and len(t) > 40 for t in texts[:-1]))
    if not wrapped:
        return [Block(t, SourceMap.identity(start)) for start, t in group]
    # Join wrapped lines with spaces; each line keeps its own anchor.
    anchors, parts, offset = [], [], 0
    for start, t in group:
        anchors.append((offset, start))
        parts.append(t)
        offset += len(t) + 1
    return [Block(" ".join(parts), SourceMap(tuple(anchors)))]


def read_text(path: str, text: str) -> list[Document]:
    """A plain-text file is one article."""
    return [Document(id=path, path=path, text=text, blocks=tuple(text_blocks(mask_comments(text))))]
