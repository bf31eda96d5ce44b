"""What the audit keeps of one article: a digest, computed once and stored.

:func:`digest_document` runs the per-article check (segment, extract, the checks
within the article) and keeps only what the corpus stages need: the article's
identity and date, the words that tell its event apart (for clustering), its
main figure of each measure with the evidence for it (for the consensus), and
its findings (for the report). It is a pure function of the document and the
rules, so it runs the same on a Dask worker; its JSON form is what the store
keeps, so an unchanged article is never read twice.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from checker import __version__
from checker.align import comparable
from checker.compare import evidence_for
from checker.model import Article, Claim, Document, Role
from checker.pipeline import check_documents
from checker.reports.records import discrepancy_record
from checker.rulepack import RuleSet

# How much of an article's text is read for the words that identify its event: the
# headline and the top of the body name the people and places; the rest is mostly
# background, quotes and page furniture.
EVENT_WORDS_WINDOW = 3000
# Raise when what a digest holds, or how it is computed, changes: stored digests of
# another format are then made again instead of being reused.
DIGEST_FORMAT = 2
_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z'’]+(?:[ \t]+[A-Z][a-z'’]+)*")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’]{2,}")
_AGE = re.compile(r"\b(\d{1,3})-year-old\b")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class ReportedFigure:
    """An article's figure for one measure, with where it stands and on whose word."""

    measure: str
    value: float
    low: float | None
    high: float | None
    qualifier: str
    text: str
    segment: str  # headline, caption or body
    attribution: str | None
    sentence: str
    path: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class ArticleDigest:
    """One article as the corpus audit sees it."""

    id: str
    path: str
    content_hash: str
    source: str | None
    published: str | None
    day: int | None  # the publication date as a day number (date.toordinal), None when unknown
    url: str | None
    title: str
    terms: tuple[str, ...]  # capitalised words and word pairs, lower case, sorted
    lower_words: tuple[str, ...]  # words written in lower case, sorted (tells names from ordinary words)
    figures: tuple[ReportedFigure, ...]  # the main figure of each measure, by measure
    stale: tuple[str, ...]  # measures whose headline or caption figure disagrees with the body's
    claims: int  # claims extracted
    findings: tuple[dict[str, Any], ...]  # the check's findings within the article, as check JSON records

    def to_json(self) -> str:
        """The digest as one JSON text (what the store keeps); :meth:`from_json` reads it back."""
        return json.dumps(dataclasses.asdict(self), sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    @staticmethod
    def from_json(text: str) -> ArticleDigest:
        data = json.loads(text)
        data["figures"] = tuple(ReportedFigure(**f) for f in data["figures"])
        for key in ("terms", "lower_words", "stale", "findings"):
            data[key] = tuple(data[key])
        return ArticleDigest(**data)


def content_hash(doc: Document) -> str:
    """A hash of everything the audit reads of a document: its text, structure and metadata."""
    h = hashlib.sha256()
    for part in (doc.id, doc.path, doc.text, doc.source or "", doc.published or "", doc.url or ""):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    for block in doc.blocks:
        h.update(f"{block.role}|{block.source_map}".encode())
    return h.hexdigest()


def rules_key(rules: RuleSet) -> str:
    """A hash of the rules in force, claimcheck's version and the digest format: digests made otherwise are made again."""

    def plain(o: object) -> object:
        if isinstance(o, (set, frozenset)):
            return sorted(map(str, o))
        if dataclasses.is_dataclass(o) and not isinstance(o, type):
            return {f.name: getattr(o, f.name) for f in dataclasses.fields(o) if not f.name.startswith("_")}
        if hasattr(o, "pattern"):
            return f"pattern:{o.pattern}"  # compiled patterns (re and RE2) have no stable repr
        return repr(o)

    text = json.dumps([__version__, DIGEST_FORMAT, rules], default=plain, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def day_number(published: str | None) -> int | None:
    """The date an ISO-8601 ``published`` value starts with, as a day number; None when there is none."""
    if not published:
        return None
    m = _ISO_DATE.match(published.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).toordinal()
    except ValueError:
        return None


def event_words(text: str, calendar: frozenset[str] = frozenset()) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(terms, lower-case words) of ``text``: what tells one event's articles from another's.

    Terms are the capitalised words and adjacent pairs of them ("pine hills",
    "nelven salas"), lower-cased, and ages ("#age:16"); the lower-case words let
    the corpus tell names ("Salas") from ordinary words that open sentences or
    fill page furniture ("Police", "Privacy Policy"). Day and month names
    (``calendar``) are no terms: every event has a Tuesday.
    """
    window = text[:EVENT_WORDS_WINDOW]
    terms: set[str] = set()
    for m in _CAPITALISED_RUN.finditer(window):
        words = [w for w in m.group(0).lower().replace("’", "'").split() if w not in calendar]
        terms.update(words)
        terms.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    terms.update(f"#age:{n}" for n in _AGE.findall(window))
    lower = {w.replace("’", "'") for w in _LOWER_WORD.findall(window)}
    return tuple(sorted(terms)), tuple(sorted(lower))


def _main_figures(article: Article, claims: tuple[Claim, ...]) -> tuple[ReportedFigure, ...]:
    """The article's figure of each counted measure: its body's first plain total, else its headline's.

    News states an event's toll first; later figures are more often subsets,
    other incidents or background. The body is what the outlet reports (whether
    the headline and captions kept up with it is scored apart, as stale
    figures); an article with no figure in its body is taken at its headline or
    caption. Figures with a past cue ("last year"), vague ones ("dozens") and
    ones that are not totals (partitive, subset, change) are passed over.
    """
    first: dict[str, Claim] = {}
    for claim in sorted(claims, key=lambda c: (c.role != Role.BODY, c.index)):
        q = claim.quantity
        if (q.kind != "count" or not comparable(claim) or q.vague or claim.context.past_cue
                or claim.measure in first):
            continue
        first[claim.measure] = claim
    figures = []
    for measure in sorted(first):
        claim = first[measure]
        ev = evidence_for(claim, article)
        line, column = ev.locations[0]
        q = claim.quantity
        figures.append(ReportedFigure(
            measure=measure, value=q.value, low=q.low, high=q.high, qualifier=q.qualifier.value, text=claim.text,
            segment=claim.role.value, attribution=claim.context.attribution, sentence=ev.sentence_text,
            path=article.path, line=line, column=column))
    return tuple(figures)


def _stale_measures(findings) -> tuple[str, ...]:
    """Measures on which the headline or a caption disagrees with the body of the same article."""
    stale = set()
    for d in findings:
        if d.kind != "numeric" or d.scope != "within":
            continue
        roles = {ev.claim.role for ev in d.evidence}
        if Role.BODY in roles and roles & {Role.HEADLINE, Role.CAPTION}:
            stale.add(d.measure)
    return tuple(sorted(stale))


def _calendar(rules: RuleSet) -> frozenset[str]:
    return frozenset(w.lower() for w in (*rules.lexicon.weekdays, *rules.lexicon.months))


def digest_document(doc: Document, rules: RuleSet) -> ArticleDigest:
    """Check one article on its own and keep what the audit needs of it."""
    result = check_documents([doc], rules, across=False)
    article, claims = result.articles[0], result.claims[0]
    headline = next((s.text for s in article.segments if s.role == Role.HEADLINE), "")
    body = "\n".join(s.text for s in article.segments if s.role != Role.CAPTION)
    terms, lower = event_words(body, _calendar(rules))
    return ArticleDigest(
        id=doc.id, path=doc.path, content_hash=content_hash(doc), source=doc.source, published=doc.published,
        day=day_number(doc.published), url=doc.url, title=headline, terms=terms, lower_words=lower,
        figures=_main_figures(article, claims), stale=_stale_measures(result.discrepancies), claims=len(claims),
        findings=tuple(discrepancy_record(d) for d in result.discrepancies))
