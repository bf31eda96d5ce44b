"""Turn a document's blocks into headline, caption and body segments with sentences."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from checker.model import Article, Block, Document, Role, Segment
from checker.patterns import Pattern, combine
from checker.rulepack import RuleSet

_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col sgt capt cpl maj adm gov sen rep st jr sr prof rev hon no nos vs etc inc corp co ltd "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m fig approx est dept ft mt".split()
)
_SENTENCE_CLOSE = re.compile(r"[.!?:\"”’]\s*$")
_LAST_WORD = re.compile(r"([\w.]+)[.!?]+[\"”’')\]]*\s+$")
_SHORT_CAPTION_MAX = 100
_CAPTION_MAX = 400  # longer blocks are paragraphs, whatever they end with
_FURNITURE_MAX = 200  # furniture lines are short; long paragraphs are never tested


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence in a paragraph."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        word = _LAST_WORD.search(text[max(start, m.start() - 20):m.end()])
        if word:
            w = word.group(1).lower()
            if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                continue  # "Mr. Smith", "John F. Kennedy"
        end = m.start() + len(m.group(0).rstrip())
        spans.append((start, end))
        start = m.end()
    if start < len(text):
        end = len(text.rstrip())
        if end > start:
            spans.append((start, end))
    return tuple(spans)


def _line_starts(text: str) -> tuple[int, ...]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return tuple(starts)


def _is_caption(block: Block, rules: RuleSet) -> bool:
    text = block.text
    # Caption marks open or close a line ("WATCH:", "/ Credit: AP"): look at its ends only.
    ends = text if len(text) <= 200 else text[:80] + "\n" + text[-120:]
    if len(text) <= _CAPTION_MAX and _combined(rules.boilerplate.caption).search(ends):
        return True
    # A short line that does not end a sentence, among body paragraphs.
    return len(text) <= _SHORT_CAPTION_MAX and len(text.split()) >= 3 and not _SENTENCE_CLOSE.search(text)


@lru_cache(maxsize=32)
def _combined(patterns: tuple[Pattern, ...]) -> Pattern:
    return combine(patterns)


def _is_furniture(text: str, patterns: tuple[Pattern, ...]) -> bool:
    return len(text) <= _FURNITURE_MAX and _combined(patterns).fullmatch(text) is not None


def segment(doc: Document, rules: RuleSet) -> Article:
    """Segment a document: drop page furniture, find roles, merge repeated captions."""
    kept: list[Block] = []
    stop = rules.boilerplate.stop
    # Most blocks are no furniture of either kind: one test says so; which kind, only for those that are.
    any_furniture = stop + rules.boilerplate.drop
    for block in doc.blocks:
        if block.role != Role.HEADLINE and _is_furniture(block.text, any_furniture):
            if _is_furniture(block.text, stop) and block.role is None:
                break
            continue
        kept.append(block)
    has_headline = any(b.role == Role.HEADLINE for b in kept) or doc.record_line is not None
    # Texts that occur more than once are captions (scrapers repeat them), unless a headline.
    counts: dict[str, int] = {}
    for block in kept:
        counts[block.text] = counts.get(block.text, 0) + 1
    segments: list[Segment] = []
    by_text: dict[str, int] = {}
    for i, block in enumerate(kept):
        role = block.role
        if role is None:
            if not has_headline and i == 0:
                role = Role.HEADLINE
            elif counts[block.text] > 1 or _is_caption(block, rules):
                role = Role.CAPTION
            else:
                role = Role.BODY
        if block.text in by_text and counts[block.text] > 1:
            first = segments[by_text[block.text]]
            segments[by_text[block.text]] = Segment(first.role, first.index, first.text,
                                                    (*first.occurrences, block.source_map), first.sentences)
            continue
        by_text[block.text] = len(segments)
        segments.append(Segment(role, len(segments), block.text, (block.source_map,), split_sentences(block.text)))
    return Article(
        id=doc.id, path=doc.path, text=doc.text, segments=tuple(segments), source=doc.source,
        published=doc.published, url=doc.url, record_line=doc.record_line, suppress=doc.suppress,
        line_starts=_line_starts(doc.text), checked_until=doc.checked_until,
    )


def sentence_of(seg: Segment, offset: int) -> tuple[int, int]:
    """The sentence span containing ``offset``."""
    starts = [s for s, _ in seg.sentences]
    i = max(bisect.bisect_right(starts, offset) - 1, 0)
    return seg.sentences[i] if seg.sentences else (0, len(seg.text))


__all__ = ["segment", "split_sentences", "sentence_of"]
