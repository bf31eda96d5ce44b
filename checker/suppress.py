"""Inline suppressions: directives in the checked text that silence findings.

Directives are HTML comments in an article's input text (Markdown, HTML, plain
text, and the text of a JSON Lines record), and the ``claimcheck`` field of a
JSON Lines record (read by :mod:`checker.ingest.jsonl` into ``Article.suppress``)::

    <!-- claimcheck-disable CAS001,CAS002 -- reason -->   lines from here to the matching enable
    <!-- claimcheck-enable CAS001 -->                     (no codes: everything still disabled)
    <!-- claimcheck-disable-next-line CAS001 -->          the next line with text
    {"body": "...", "claimcheck": {"disable": ["CAS001"], "reason": "..."}}   the whole record

No codes means every rule. Codes and directive names are case-insensitive; codes
are separated by commas and/or spaces; an optional reason follows `` -- ``.

A finding is suppressed when any location of any of its sides lies on a line a
directive of its article covers for the finding's rule: a directive beside either
side silences the finding, so an editor can mark the caption or the body.

Directives that are wrong come back as warnings (``InputProblem`` level
"warning"): an unknown code (with a did-you-mean), a directive that suppressed
nothing in this run, and a malformed directive (an unknown ``claimcheck-``
word, an unclosed comment, an enable with nothing to enable, a next-line
directive with no line after it). See docs/suppressions.md.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass

from checker.config import did_you_mean
from checker.model import Article, Discrepancy, InputProblem, RunResult

DISABLE = "claimcheck-disable"
ENABLE = "claimcheck-enable"
NEXT_LINE = "claimcheck-disable-next-line"
DIRECTIVES = (DISABLE, ENABLE, NEXT_LINE)
ALL = "*"  # a region's code when it covers every rule
_END = 1 << 60  # the end of a disable that is never enabled again

_MARK = "<!--"  # cheap test before any regex: most articles hold no comment at all
# The opening of a comment meant as a directive: "<!--" then a word starting "claimcheck"
# ("claimcheck-disable", or a misspelling to report). A hyphen must be followed by a
# letter, so "<!-- claimcheck-enable-->" stops before the "-->".
_OPEN = re.compile(r"<!--\s*(claimcheck(?:-\w+)*)", re.IGNORECASE)
_CLOSE = "-->"
_REASON = re.compile(r"(?:^|\s)--(?:\s|$)")
_SEPARATORS = re.compile(r"[,\s]+")
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_LIST_HINT = "`claimcheck rules list` shows every code"


@dataclass(frozen=True, slots=True)
class Directive:
    """One directive as written: where it is, what it says."""

    path: str
    line: int  # the line it is reported at (its first line; a JSONL record's line)
    label: str  # how messages name it: "claimcheck-disable CAS001" or the JSONL field
    codes: tuple[str, ...]  # upper-cased known codes; empty: every rule


@dataclass(slots=True)
class _Region:
    """Lines of one article where a directive's code is off."""

    directive: Directive
    code: str  # a rule code, or ALL
    start: int
    end: int
    excluded: frozenset[str] = frozenset()  # codes re-enabled inside an ALL region


def apply_suppressions(result: RunResult, known_codes: Iterable[str]) -> RunResult:
    """``result`` without the findings its articles' directives suppress, plus warnings about the directives.

    The warnings are appended to ``result.problems`` after the problems already
    there, ordered by path, line and message.
    """
    known = frozenset(c.upper() for c in known_codes)
    regions: dict[str, list[_Region]] = {}
    directives: list[Directive] = []
    warnings: list[InputProblem] = []
    for article in result.articles:
        found, problems = _article_regions(article, known)
        warnings += problems
        if found:
            regions[article.id] = found
            directives += list(dict.fromkeys(r.directive for r in found))
    if not regions:
        if not warnings:
            return result
        return dataclasses.replace(result, problems=(*result.problems, *_ordered(warnings)))
    used: dict[Directive, set[str]] = {}
    kept: list[Discrepancy] = []
    for finding in result.discrepancies:
        covering = _covering(finding, regions)
        if not covering:
            kept.append(finding)
            continue
        for region in covering:
            used.setdefault(region.directive, set()).add(region.code)
    warnings += _unused(directives, regions, used)
    return dataclasses.replace(result, discrepancies=tuple(kept),
                               problems=(*result.problems, *_ordered(warnings)))


def _ordered(problems: list[InputProblem]) -> list[InputProblem]:
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))


def _covering(finding: Discrepancy, regions: dict[str, list[_Region]]) -> list[_Region]:
    """Every region that covers a location of a side of ``finding`` for its rule."""
    code = finding.rule.upper()
    out: list[_Region] = []
    for side in finding.evidence:
        for region in regions.get(side.article_id, ()):
            if region.code != code and (region.code != ALL or code in region.excluded):
                continue
            if any(region.start <= line <= region.end for line, _ in side.locations) and region not in out:
                out.append(region)
    return out


def _unused(directives: list[Directive], regions: dict[str, list[_Region]],
            used: dict[Directive, set[str]]) -> list[InputProblem]:
    """A warning for each directive, or code of one, that suppressed no finding."""
    spans: dict[Directive, list[tuple[int, int]]] = {}
    for article_regions in regions.values():
        for region in article_regions:
            spans.setdefault(region.directive, []).append((region.start, region.end))
    warnings = []
    for directive in directives:
        done = used.get(directive, set())
        unused = [c for c in directive.codes if c not in done] if directive.codes else ([] if done else [ALL])
        if not unused:
            continue
        where = _span_text(spans[directive])
        if unused == [ALL] or len(unused) == len(directive.codes):
            what, fix = directive.label, "remove it, or correct its codes or move it"
        else:
            what = f"{', '.join(unused)} in {directive.label}"
            fix = f"remove {', '.join(unused)} from it"
        warnings.append(InputProblem(
            directive.path, directive.line, f"unused suppression: {what} suppresses no finding ({where})",
            f"{fix}; it silences a finding when a figure of either side of the finding is on a line it covers",
            level="warning"))
    return warnings


def _span_text(spans: list[tuple[int, int]]) -> str:
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    if end >= _END:
        return f"it covers line {start} to the end of the file"
    return f"it covers line {start}" if start == end else f"it covers lines {start}-{end}"



def _article_regions(article: Article, known: frozenset[str]) -> tuple[list[_Region], list[InputProblem]]:
    """The regions an article's directives disable, and warnings about the directives."""
    regions: list[_Region] = []
    warnings: list[InputProblem] = []
    if article.suppress is not None:
        line = article.record_line or 1
        codes = _known(article.suppress, known, article.path, line, '"claimcheck" field', warnings)
        if codes is not None:
            label = ('"claimcheck": {"disable": "all"}' if not codes
                     else '"claimcheck": {"disable": [' + ", ".join(f'"{c}"' for c in codes) + "]}")
            directive = Directive(article.path, line, label, codes)
            regions += [_Region(directive, c, line, line) for c in codes or (ALL,)]
    if _MARK in article.text:
        _comment_regions(article, known, regions, warnings)
    return regions, warnings


def _known(tokens: Iterable[str], known: frozenset[str], path: str, line: int, label: str,
           warnings: list[InputProblem]) -> tuple[str, ...] | None:
    """The known codes of ``tokens``, upper-cased (empty: every rule); None when every one is unknown.

    Each unknown code is reported.
    """
    tokens = list(tokens)
    codes: list[str] = []
    for token in tokens:
        code = token.upper()
        if code in known:
            if code not in codes:
                codes.append(code)
            continue
        guess = did_you_mean(code, sorted(known))
        hint = f"did you mean {guess!r}? {_LIST_HINT}" if guess else _LIST_HINT
        warnings.append(InputProblem(path, line, f"unknown rule code {token!r} in {label}", hint, level="warning"))
    if tokens and not codes:
        return None
    return tuple(codes)


def _comment_regions(article: Article, known: frozenset[str], regions: list[_Region],
                     warnings: list[InputProblem]) -> None:
    """Add the regions of the article's comment directives, in the order they are written."""
    text, path = article.text, article.path
    jsonl = article.record_line is not None
    last_line = len(article.line_starts)

    def line_of(offset: int) -> int:
        return article.locate(offset)[0]

    def warn(line: int, message: str, hint: str) -> None:
        warnings.append(InputProblem(path, line, message, hint, level="warning"))

    open_regions: list[_Region] = []
    pos = 0
    while True:
        m = _OPEN.search(text, pos)
        if m is None:
            break
        line = line_of(m.start())
        word = m.group(1).lower()
        close = text.find(_CLOSE, m.end())
        reopen = text.find("<!--", m.end())
        if close < 0 or 0 <= reopen < close:
            warn(line, f"{word} comment is not closed", "end the directive with -->")
            pos = m.end()
            continue
        pos = close + len(_CLOSE)
        if word not in DIRECTIVES:
            guess = did_you_mean(word, DIRECTIVES)
            hint = f"did you mean {guess!r}? " if guess else ""
            warn(line, f"unknown directive {m.group(1)!r}; it suppresses nothing",
                 f"{hint}the directives are {', '.join(DIRECTIVES)}")
            continue
        rest = text[m.end():close]
        reason = _REASON.search(rest)
        if reason:
            rest = rest[:reason.start()]
        tokens = [t for t in _SEPARATORS.split(rest) if t]
        if rest[:1] not in ("", " ", "\t", "\n", "\r"):  # "claimcheck-disable:CAS001"
            warn(line, f"{word} must be followed by a space before its codes", f"write <!-- {word} CODE -->")
            continue
        codes = _known(tokens, known, path, line, word, warnings)
        if codes is None:
            continue
        label = f"{word} {','.join(codes)}" if codes else word
        directive = Directive(path, line, label, codes)
        if word == NEXT_LINE:
            target = line if jsonl else _next_text_line(article, line_of(close), last_line)
            if target is None:
                warn(line, f"{word} has no line with text after it", "remove it, or put it above the line to silence")
                continue
            regions += [_Region(directive, c, target, target) for c in codes or (ALL,)]
        elif word == DISABLE:
            new = [_Region(directive, c, line, line if jsonl else _END) for c in codes or (ALL,)]
            regions += new
            open_regions += new
        else:
            end = line_of(close)
            _enable(word, codes, end, open_regions, regions, lambda msg, hint, at=line: warn(at, msg, hint))


def _enable(word: str, codes: tuple[str, ...], end: int, open_regions: list[_Region], regions: list[_Region],
            warn) -> None:
    """Close what ``claimcheck-enable [codes]`` at line ``end`` re-enables."""
    if not open_regions:
        warn(f"{word} without a claimcheck-disable before it", "remove it, or add the claimcheck-disable it ends")
        return
    if not codes:
        for region in open_regions:
            region.end = end
        open_regions.clear()
        return
    for code in codes:
        closed = False
        for region in list(open_regions):
            if region.code == code:
                region.end = end
                open_regions.remove(region)
                closed = True
            elif region.code == ALL and code not in region.excluded:
                # Every rule stays off but this one: end the region here and go on without the code.
                region.end = end
                open_regions.remove(region)
                rest = _Region(region.directive, ALL, end + 1, _END, region.excluded | {code})
                regions.append(rest)
                open_regions.append(rest)
                closed = True
        if not closed:
            warn(f"{word} {code}: {code} is not disabled here",
                 f"remove {code} from it, or add a claimcheck-disable {code} before it")


def _next_text_line(article: Article, after: int, last_line: int) -> int | None:
    """The first line after line ``after`` with text on it (not only blanks, tags or comments)."""
    starts, text = article.line_starts, article.text
    for line in range(after + 1, last_line + 1):
        begin = starts[line - 1]
        end = starts[line] if line < len(starts) else len(text)
        if _TAG.sub("", text[begin:end]).strip():
            return line
    return None
