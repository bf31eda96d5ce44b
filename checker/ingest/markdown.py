"""Markdown articles: '#' heading, image alt text and emphasised lines as captions."""

from __future__ import annotations

import re

from checker.ingest.plaintext import mask_comments, text_blocks
from checker.model import Block, Document, Role, SourceMap

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_IMAGE = re.compile(r"!\[([^\]\n]+)\]\([^)\n]*\)")
_EMPHASIS_LINE = re.compile(r"^(\*{1,2}|_{1,2})([^*_\n].*?)\1$")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def read_markdown(path: str, text: str) -> list[Document]:
    """A Markdown file is one article."""
    blocks: list[Block] = []
    seen_h1 = False
    skip = _FRONT_MATTER.match(text)
    body_start = skip.end() if skip else 0
    for wrapped in text_blocks(mask_comments(text)[body_start:], base=body_start):
        for block in _apart_from_headings(wrapped):
            line = block.text
            heading = _HEADING.match(line)
            if heading:
                role = Role.HEADLINE if len(heading.group(1)) == 1 and not seen_h1 else Role.BODY
                seen_h1 |= role == Role.HEADLINE
                blocks.append(Block(heading.group(2), _from(block.source_map, heading.start(2)), role))
                continue
            images = list(_IMAGE.finditer(line))
            for image in images:
                blocks.append(Block(image.group(1), _from(block.source_map, image.start(1)), Role.CAPTION))
            rest = _IMAGE.sub(lambda m: " " * len(m.group(0)), line)
            if images and not rest.strip():
                continue
            emphasis = _EMPHASIS_LINE.match(line)
            if emphasis:
                blocks.append(Block(emphasis.group(2), _from(block.source_map, emphasis.start(2)), Role.CAPTION))
                continue
            blocks.append(Block(rest if images else line, block.source_map))
    return [Document(id=path, path=path, text=text, blocks=tuple(blocks))]


def _from(source_map: SourceMap, offset: int) -> SourceMap:
    """The map of a block's text from ``offset`` on.

    A wrapped paragraph joins its lines with one space where the input may have
    trailing spaces and a line break, so a piece after the first line is placed
    by the anchors, not by counting characters from the block's start (found by
    fuzzing: a figure on the line after a long heading was reported one column
    early).
    """
    anchors = [(0, source_map.to_input(offset))]
    anchors += [(t - offset, i) for t, i in source_map.anchors if t > offset]
    return SourceMap(tuple(anchors))


def _apart_from_headings(block: Block) -> list[Block]:
    """A '#' heading is one line: a wrapped block is split before and after each heading line in it."""
    anchors = block.source_map.anchors
    if len(anchors) == 1:
        return [block]
    ends = [t - 1 for t, _ in anchors[1:]] + [len(block.text)]
    lines = [(t, block.text[t:end]) for (t, _), end in zip(anchors, ends, strict=True)]
    if not any(_HEADING.match(line) for _, line in lines):
        return [block]
    pieces: list[list[tuple[int, str]]] = []
    for t, line in lines:
        if _HEADING.match(line) or not pieces or _HEADING.match(pieces[-1][-1][1]):
            pieces.append([])
        pieces[-1].append((t, line))
    return [Block(" ".join(line for _, line in piece),
                  SourceMap(tuple((t - piece[0][0], block.source_map.to_input(t)) for t, _ in piece)))
            for piece in pieces]
