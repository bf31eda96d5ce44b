"""Plain, sorted, JSON-ready records of a run: the one source every reporter formats."""

from __future__ import annotations

from collections import Counter
from typing import Any

from checker import __version__
from checker.model import Article, Claim, Discrepancy, Evidence, RunResult

CHECK_SCHEMA_VERSION = 1
EXTRACT_SCHEMA_VERSION = 1


def _number(x: float | None) -> float | int | None:
    """Integers as ints, so 18 prints as 18 and not 18.0; infinity as null."""
    if x is None or x != x or x in (float("inf"), float("-inf")):
        return None
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else round(x, 6)


def evidence_record(ev: Evidence) -> dict[str, Any]:
    """One side of a discrepancy."""
    c = ev.claim
    line, column = ev.locations[0]
    record = {
        "path": ev.path,
        "article": ev.article_id,
        "source": ev.source,
        "segment": c.role.value,
        "line": line,
        "column": column,
        "locations": [{"line": ln, "column": col} for ln, col in ev.locations],
        "text": c.text,
        "sentence": ev.sentence_text,
        # A name or place (a Mention) has no value: these keys are null for it.
        "value": None,
        "unit": None,
        "qualifier": None,
        "counted": None,
        "attribution": c.context.attribution,
        "subject": None,
    }
    if isinstance(c, Claim):
        q = c.quantity
        record.update(value={"low": _number(q.low), "high": _number(q.high)}, unit=q.unit,
                      qualifier=q.qualifier.value, counted=c.counted, subject=c.subject)
    return record


def discrepancy_record(d: Discrepancy) -> dict[str, Any]:
    """One finding."""
    return {
        "rule": d.rule,
        "rule_name": d.rule_name,
        "kind": d.kind,
        "measure": d.measure,
        "severity": d.severity.value,
        "scope": d.scope,
        "message": d.message,
        "fingerprint": d.fingerprint,
        "evidence": [evidence_record(e) for e in d.evidence],
    }


def check_record(result: RunResult) -> dict[str, Any]:
    """The whole check as documented in docs/json-schema.md."""
    severities = Counter(d.severity.value for d in result.discrepancies)
    claims = sum(len(c) for c in result.claims)
    measured = sum(1 for cs in result.claims for c in cs if c.measure)
    return {
        "schema": "claimcheck/check",
        "version": CHECK_SCHEMA_VERSION,
        "tool": {"name": "claimcheck", "version": __version__},
        "summary": {
            "articles": len(result.articles),
            "claims": claims,
            "measured_claims": measured,
            "discrepancies": len(result.discrepancies),
            "by_severity": {s: severities.get(s, 0) for s in ("error", "warning", "info")},
        },
        "articles": [article_record(a) for a in result.articles],
        # check --reference: the source article's id and path; null otherwise.
        "reference": _reference_record(result),
        "discrepancies": [discrepancy_record(d) for d in result.discrepancies],
        "problems": [
            {"path": p.path, "line": p.line, "level": p.level, "message": p.message, "hint": p.hint}
            for p in result.problems
        ],
    }


def _reference_record(result: RunResult) -> dict[str, str] | None:
    if result.reference is None:
        return None
    source = next(a for a in result.articles if a.id == result.reference)
    return {"id": source.id, "path": source.path}


def article_record(a: Article) -> dict[str, Any]:
    """What the report says about an article."""
    roles = Counter(s.role.value for s in a.segments)
    return {
        "id": a.id, "path": a.path, "source": a.source, "published": a.published, "url": a.url,
        "segments": {r: roles.get(r, 0) for r in ("headline", "caption", "body")},
    }


def _input_span(article: Article, claim: Claim) -> tuple[int, int]:
    seg = article.segments[claim.segment_index]
    start = seg.occurrences[0].to_input(claim.start)
    end = seg.occurrences[0].to_input(claim.end - 1) + 1 if claim.end > claim.start else start
    return start, end


def claim_record(article: Article, claim: Claim, whole: Claim | None = None) -> dict[str, Any]:
    """One extracted claim, offsets into the article's input text."""
    seg = article.segments[claim.segment_index]
    start, end = _input_span(article, claim)
    line, column = article.locate(start)
    q = claim.quantity
    s, e = claim.sentence
    return {
        "article": article.id,
        "path": article.path,
        "segment": claim.role.value,
        "line": line,
        "column": column,
        "start": start,
        "end": end,
        "text": claim.text,
        "value": _number(q.value),
        "low": _number(q.low),
        "high": _number(q.high),
        "unit": q.unit,
        "kind": q.kind,
        "qualifier": q.qualifier.value,
        "measure": claim.measure,
        "counted": claim.counted,
        "attribution": claim.context.attribution,
        "note": claim.note,
        "subject": claim.subject,
        "part_of": None if whole is None else {"text": whole.text, "start": _input_span(article, whole)[0]},
        "places": list(claim.context.places),
        "times": [{"kind": kind, "value": value} for kind, value in claim.context.times],
        "sentence": seg.text[s:e],
    }


def extract_records(result: RunResult) -> list[dict[str, Any]]:
    """Every claim of every article, in reading order."""
    return [claim_record(a, c, cs[c.part_of] if c.part_of is not None else None)
            for a, cs in zip(result.articles, result.claims) for c in cs]
