"""The audit as records (documented in docs/audit.md), JSON and CSV.

Records are built from an :class:`~checker.audit.run.AuditResult` once and
every format is written from them, so JSON, CSV and HTML show the same data.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, TextIO

from checker.reports.json_report import dumps
from checker.reports.records import _number

from checker import __version__
from checker.audit.consensus import HELD_AGAINST, Event
from checker.audit.run import AuditResult
from checker.audit.scores import SourceScore

AUDIT_SCHEMA_VERSION = 1


def _rate(x: float | None) -> float | None:
    return None if x is None else round(x, 6)


def event_record(event: Event) -> dict[str, Any]:
    """One event: its articles, and each measure's figures by outlet with the consensus."""
    articles = event.articles
    dated = [a.published for a in articles if a.published]
    return {
        "id": event.id,
        "title": next((a.title for a in articles if a.title), ""),
        "articles": [a.id for a in articles],
        "outlets": sorted({a.source or "(unknown)" for a in articles}),
        "first_published": min(dated) if dated else None,
        "last_published": max(dated) if dated else None,
        "measures": [
            {
                "measure": view.measure,
                "consensus": {"value": _number(view.consensus.value), "basis": view.consensus.basis,
                              "outlets": view.consensus.outlets, "reporting": view.consensus.reporting},
                "flagged": sum(r.status in HELD_AGAINST for r in view.reports),
                "reports": [
                    {
                        "article": r.article, "source": r.source, "published": r.published,
                        "value": _number(r.figure.value),
                        "range": {"low": _number(r.figure.low), "high": _number(r.figure.high)},
                        "qualifier": r.figure.qualifier, "text": r.figure.text, "segment": r.figure.segment,
                        "attribution": r.figure.attribution, "status": r.status, "path": r.figure.path,
                        "line": r.figure.line, "column": r.figure.column, "sentence": r.figure.sentence,
                    }
                    for r in view.reports
                ],
            }
            for view in event.measures
        ],
    }


def source_record(s: SourceScore, earlier_runs: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """One outlet's scores, by quarter, and in the store's earlier runs."""
    return {
        "source": s.source, "articles": s.articles, "checked": s.checked, "disagreements": s.disagreements,
        "disagreement_rate": _rate(s.rate),
        "rate_interval": [_rate(s.interval[0]), _rate(s.interval[1])] if s.interval else None,
        "source_disagreements": s.source_disagreements, "stale": s.stale, "stale_rate": _rate(s.stale_rate),
        "versions": s.versions, "corrections": s.corrections,
        "median_correction_days": _number(s.median_correction_days),
        "periods": [{"period": p, "checked": n, "disagreements": k, "disagreement_rate": _rate(k / n)}
                    for p, n, k in s.periods],
        "earlier_runs": [dict(r, disagreement_rate=_rate(r["disagreement_rate"])) for r in earlier_runs or ()],
    }


def _finding_order(record: dict[str, Any]) -> tuple:
    first = record["evidence"][0]
    return first["path"], first["line"], first["column"], record["rule"], record["fingerprint"]


def _record_without_events(result: AuditResult) -> dict[str, Any]:
    findings = sorted((f for d in result.digests() for f in d.findings), key=_finding_order)
    earlier = result.store.earlier_scores(result.run_id)
    return {
        "schema": "claimcheck/audit",
        "version": AUDIT_SCHEMA_VERSION,
        "tool": {"name": "claimcheck", "version": __version__},
        "summary": {
            "articles": result.articles,
            "events": result.event_count,
            "events_with_several_articles": result.several_count,
            "sources": len(result.sources),
            "figures_checked": sum(s.checked for s in result.sources),
            "disagreements": sum(s.disagreements for s in result.sources),
            "discrepancies": len(findings),
        },
        "events": [],
        "sources": [source_record(s, earlier.get(s.source)) for s in result.sources],
        "discrepancies": findings,
        "problems": [{"path": p.path, "line": p.line, "level": p.level, "message": p.message, "hint": p.hint}
                     for p in result.problems],
    }


def audit_record(result: AuditResult) -> dict[str, Any]:
    """The whole audit in memory. Nothing in it depends on when or where it ran: the same corpus into the same
    store gives the same bytes (earlier runs come from the store; a temporary store has none)."""
    record = _record_without_events(result)
    record["events"] = [event_record(e) for e in result.events()]
    return record


def render_json(record: dict[str, Any]) -> str:
    return dumps(record)


_EVENTS_MARK = '"events": []'


def write_json(result: AuditResult, out: TextIO) -> None:
    """The same bytes as ``render_json(audit_record(result))``, written event by event.

    A corpus of a million articles has about as many events: their records are
    made, written and dropped one at a time instead of held together.
    """
    head, tail = dumps(_record_without_events(result)).split(_EVENTS_MARK, 1)
    out.write(head)
    out.write('"events": [')
    first = True
    for event in result.events():
        text = json.dumps(event_record(event), indent=2, sort_keys=True, ensure_ascii=False)
        out.write(("\n" if first else ",\n") + "\n".join("    " + line for line in text.split("\n")))
        first = False
    out.write("\n  ]" if not first else "]")
    out.write(tail)


SOURCE_COLUMNS = ("source", "articles", "checked", "disagreements", "disagreement_rate", "rate_low", "rate_high",
                  "source_disagreements", "stale", "stale_rate", "versions", "corrections",
                  "median_correction_days")
FIGURE_COLUMNS = ("event", "event_title", "measure", "consensus", "basis", "source", "article", "published",
                  "value", "qualifier", "text", "segment", "attribution", "status", "path", "line", "column")


def _cell(value: object) -> object:
    """A text cell a spreadsheet will not run: article text starting with = + - @ gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(header: tuple[str, ...], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue()


def render_csv(record: dict[str, Any]) -> str:
    """The per-outlet table, one outlet a row (``record`` needs no events: see :func:`sources_only`)."""
    rows = []
    for s in record["sources"]:
        low, high = s["rate_interval"] or (None, None)
        rows.append([s["source"], s["articles"], s["checked"], s["disagreements"], s["disagreement_rate"], low, high,
                     s["source_disagreements"], s["stale"], s["stale_rate"], s["versions"], s["corrections"],
                     s["median_correction_days"]])
    return _csv(SOURCE_COLUMNS, rows)


def sources_only(result: AuditResult) -> dict[str, Any]:
    """The audit record without its events (what the outlet table needs), without building any event."""
    return _record_without_events(result)


def write_csv_figures(result: AuditResult, out: TextIO) -> None:
    """Every reported figure of every event, one a row, with the event's consensus; written event by event."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIGURE_COLUMNS)
    for event in result.events():
        e = event_record(event)
        for m in e["measures"]:
            for r in m["reports"]:
                writer.writerow([_cell(v) for v in (
                    e["id"], e["title"], m["measure"], m["consensus"]["value"], m["consensus"]["basis"], r["source"],
                    r["article"], r["published"], r["value"], r["qualifier"], r["text"], r["segment"],
                    r["attribution"], r["status"], r["path"], r["line"], r["column"])])
