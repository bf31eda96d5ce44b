"""How much of an input is read and checked, so one huge or runaway input cannot exhaust the machine.

Two limits, both configurable (docs/configuration.md):

``max_file_bytes``
    a file read whole (every input of ``check``, and the non-JSONL inputs of
    ``audit``) larger than this is skipped as an input error; ``audit`` streams
    JSON Lines corpora, so there the limit applies to each record's line.
``max_claims_per_article``
    an article with more figures than this is checked up to the sentence where
    the limit is reached, with a warning naming the line. Alignment inside an
    article compares figures pairwise, so an article of a hundred thousand
    figures (a concatenated dump, not a story) would take hours; the longest
    real reports have a few thousand.

Both are pure functions of their inputs, so they run wherever the stage runs.
"""

from __future__ import annotations

import re
from dataclasses import replace

from checker.extract.numbers import QUANTITY_KINDS, find_numbers
from checker.model import Article, Document, InputProblem, Role
from checker.rulepack import DEFAULT_MAX_CLAIMS_PER_ARTICLE, RuleSet
from checker.segment import split_sentences

DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024
DOC = "docs/configuration.md"


def size_text(size: int) -> str:
    """``size`` bytes for a message: "52.4 MB", "8,200 bytes"."""
    return f"{size / 1_000_000:,.1f} MB" if size >= 1_000_000 else f"{size:,} bytes"


def file_too_big(path: str, size: int, limit: int, line: int | None = None, *, stdin: bool = False) -> InputProblem:
    """The error for an input (or a JSONL record, at ``line``) over ``max_file_bytes``.

    ``stdin``: ``size`` is only what was read before the limit was passed.
    """
    what = "record is" if line is not None else "is"
    over = f"more than {size_text(limit)}" if stdin else size_text(size)
    return InputProblem(path, line, f"{what} {over}, over the limit max_file_bytes = {limit:,}; skipped",
                        f"raise max_file_bytes in the configuration ({DOC}); for a corpus, `claimcheck audit` "
                        "streams JSON Lines records")


_WORD_RUN = re.compile(r"\w+")


def _word_runs(text: str) -> int:
    return sum(1 for _ in _WORD_RUN.finditer(text))


def _figures_in(text: str, rules: RuleSet, *, title_case: bool) -> list[int]:
    """The offsets in ``text`` where each figure that becomes a claim begins."""
    return [m.start for m in find_numbers(text, rules.lexicon, title_case=title_case) if m.kind in QUANTITY_KINDS]


def within_claim_limit(doc: Document, rules: RuleSet) -> Document:
    """``doc`` cut before the sentence holding its ``max_claims_per_article + 1``-th figure, or as it is.

    The cut is made before segmentation, so a huge input is never segmented
    past it. The cut document keeps its text up to the cut (offsets and lines
    stay right) and records where checking stopped in ``checked_until``; every
    later stage sees only the part checked, so nothing reports on text not read.
    """
    limit = rules.max_claims_per_article
    if len(doc.text) <= 2 * limit or _word_runs(doc.text) <= limit:
        # Every figure holds a run of word characters of its own, so counting runs bounds the
        # figures cheaply; only an article that may be over the limit has its figures read twice.
        return doc
    count = 0
    for k, block in enumerate(doc.blocks):
        title_case = block.role == Role.HEADLINE or (k == 0 and block.role is None)
        for s_start, s_end in split_sentences(block.text):
            starts = _figures_in(block.text[s_start:s_end], rules, title_case=title_case)
            if count + len(starts) <= limit:
                count += len(starts)
                continue
            if count > 0:
                return _cut(doc, k, s_start)
            # No figure before this sentence, and it alone has too many (one endless
            # sentence): cutting before it would check nothing, so cut inside it.
            return _cut(doc, k, s_start + starts[limit])
    return doc


def _cut(doc: Document, index: int, cut: int) -> Document:
    """``doc`` with block ``index`` cut at offset ``cut`` of its text and every later block dropped."""
    block = doc.blocks[index]
    input_cut = block.source_map.to_input(cut)
    kept = list(doc.blocks[:index])
    text = block.text[:cut].rstrip()
    if text:
        kept.append(replace(block, text=text))
    return replace(doc, text=doc.text[:input_cut], blocks=tuple(kept), checked_until=input_cut)


def limit_problems(articles: tuple[Article, ...], rules: RuleSet) -> list[InputProblem]:
    """A warning for every article checked only in part."""
    found = []
    for article in articles:
        if article.checked_until is None:
            continue
        line, column = article.locate(article.checked_until)
        record = f"record {article.id!r} " if article.record_line is not None else ""
        found.append(InputProblem(
            article.path, line,
            f"{record}has more than {rules.max_claims_per_article:,} figures; the text from line {line}, "
            f"column {column} on was not checked", f"raise max_claims_per_article in the configuration ({DOC}), or split the article",
            level="warning"))
    return found


__all__ = ["DEFAULT_MAX_CLAIMS_PER_ARTICLE", "DEFAULT_MAX_FILE_BYTES", "file_too_big", "limit_problems", "size_text",
           "within_claim_limit"]
