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
    for block in text_blocks(mask_comments(text)[body_start:], base=body_start):
        start = block.source_map.anchors[0][1]
        line = block.text
        heading = _HEADING.match(line)
        if heading:
            offset = heading.start(2)
            role = Role.HEADLINE if len(heading.group(1)) == 1 and not seen_h1 else Role.BODY
            seen_h1 |= role == Role.HEADLINE
            blocks.append(Block(heading.group(2), SourceMap.identity(start + offset), role))
            continue
        images = list(_IMAGE.finditer(line))
        for image in images:
            blocks.append(Block(image.group(1), SourceMap.identity(start + image.start(1)), Role.CAPTION))
        rest = _IMAGE.sub(lambda m: " " * len(m.group(0)), line)
        if images and not rest.strip():
            continue
        emphasis = _EMPHASIS_LINE.match(line)
        if emphasis:
            blocks.append(Block(emphasis.group(2), SourceMap.identity(start + emphasis.start(2)), Role.CAPTION))
            continue
        blocks.append(Block(rest if images else line, block.source_map))
    return [Document(id=path, path=path, text=text, blocks=tuple(blocks))]
