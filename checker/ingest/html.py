"""HTML articles, read with the standard library's tolerant parser.

Headline from the first <h1> (else <title>), captions from <figcaption>, body
from paragraphs and other blocks; scripts, styles, navigation and forms are
dropped. Every piece of text keeps its offset in the HTML source, entities
included, so claims point at the right column of the file.
"""

from __future__ import annotations

import bisect
import html
import re
from html.parser import HTMLParser

from checker.model import Block, Document, Role, SourceMap

_SKIP = frozenset({"script", "style", "nav", "form", "noscript", "template", "svg", "iframe", "button",
                   "select", "textarea", "object", "canvas", "aside", "footer", "head"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "blockquote", "td", "th",
                    "dt", "dd", "pre", "section", "article", "header", "main", "tr", "table", "ul", "ol", "figure",
                    "title", "br", "hr", "body", "html", "caption", "address", "summary", "details"})
_TAG_OPEN = re.compile(r"</?[a-zA-Z]")
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"})


class _Reader(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.source = text
        self.line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.line_starts.append(i + 1)
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.anchors: list[tuple[int, int]] = []
        self.length = 0
        self.skip_stack: list[str] = []
        self.depth = {"h1": 0, "figcaption": 0, "title": 0}
        self.title: Block | None = None
        self.seen_h1 = False

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _role(self) -> Role | None:
        if self.depth["figcaption"]:
            return Role.CAPTION
        if self.depth["h1"] and not self.seen_h1:
            return Role.HEADLINE
        return Role.BODY

    def flush(self) -> None:
        text = "".join(self.parts)
        if text.strip():
            lead = len(text) - len(text.lstrip())
            anchors = _shift(self.anchors, lead)
            block = Block(text.strip(), SourceMap(anchors), self._role())
            if self.depth["title"]:
                self.title = Block(block.text, block.source_map, Role.HEADLINE)
            else:
                self.blocks.append(block)
                if block.role == Role.HEADLINE:
                    self.seen_h1 = True
        self.parts, self.anchors, self.length = [], [], 0

    def _add(self, text: str, source_offset: int) -> None:
        if self.skip_stack or not text:
            return
        self.anchors.append((self.length, source_offset))
        self.parts.append(text)
        self.length += len(text)

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.skip_stack:
            if tag == self.skip_stack[-1] or tag in _SKIP and tag not in _VOID:
                self.skip_stack.append(tag)
            return
        if tag in _SKIP:
            self.skip_stack.append(tag)
            return
        if tag in _BLOCK:
            self.flush()
        if tag in self.depth and tag not in _VOID:
            self.depth[tag] += 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK and not self.skip_stack:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if self.skip_stack:
            if tag in self.skip_stack:
                while self.skip_stack and self.skip_stack.pop() != tag:
                    pass
            return
        if tag in _BLOCK:
            self.flush()
        if tag in self.depth and self.depth[tag]:
            self.depth[tag] -= 1

    def handle_data(self, data: str) -> None:
        if data.startswith(("<!", "<?")) and not self.cdata_elem:
            # Markup the parser gave up on (an unterminated "<![CDATA[" or "<!x"): a browser
            # reads it as a bogus comment up to the next ">", and so does this reader.
            return
        self._add(data, self._offset())

    def close(self) -> None:
        # The file ends inside a comment or a tag: a browser drops the rest; the standard
        # parser would hand it over as text ("<!-- 99 killed ..." read as a claim).
        if self.rawdata.startswith("<!--") or _TAG_OPEN.match(self.rawdata):
            self.rawdata = ""
        super().close()

    def handle_entityref(self, name: str) -> None:
        self._add(html.unescape(f"&{name};"), self._offset())

    def handle_charref(self, name: str) -> None:
        self._add(html.unescape(f"&#{name};"), self._offset())


def _shift(anchors: list[tuple[int, int]], lead: int) -> tuple[tuple[int, int], ...]:
    """Anchors for the text with ``lead`` leading characters removed."""
    if not anchors:
        return ((0, 0),)
    keys = [a[0] for a in anchors]
    i = max(bisect.bisect_right(keys, lead) - 1, 0)
    first = (0, anchors[i][1] + (lead - anchors[i][0]))
    rest = tuple((t - lead, s) for t, s in anchors[i + 1:])
    return (first, *rest)


def read_html(path: str, text: str) -> list[Document]:
    """An HTML file is one article."""
    reader = _Reader(text)
    reader.feed(text)
    reader.close()
    reader.flush()
    blocks = reader.blocks
    if not reader.seen_h1 and reader.title is not None:
        blocks = [reader.title, *blocks]
    return [Document(id=path, path=path, text=text, blocks=tuple(blocks))]
