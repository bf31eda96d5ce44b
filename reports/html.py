"""HTML report: one self-contained page an editor reads in a browser before publishing.

The page is a shell (summary, filters, empty findings list and article view) plus
the run as JSON in ``<script type="application/json" id="report-data">``; the
inline script ``templates/report.js`` draws the findings and the articles from it
with DOM APIs only. This module is the view model: it does every computation
(values as a reader would say them, the words around each side, why the sides
were compared, the article text cut into plain runs and claim spans) so the
script only lays things out.

Safety: Jinja2 escapes every value in the shell; the JSON is escaped so that no
``<``, ``>`` or ``&`` (nor U+2028/U+2029) appears in it literally, so article text
can never close the data block; the Content-Security-Policy allows only the
page's own style and script, by hash, and no request of any kind.
The same result always gives the same bytes: no timestamps, no random ids.
"""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from typing import Any

import jinja2

from checker import __version__
from checker.align import MAX_DAYS_APART
from checker.model import Article, Claim, Discrepancy, Evidence, Mention, Qualifier, RunResult
from checker.reports.records import _number

SEVERITIES = ("error", "warning", "info")
SEGMENT_LABEL = {"headline": "headline", "caption": "caption", "body": "body"}
_QUALIFIER = {
    "exact": "exact", "approx": "about", "at_least": "at least", "at_most": "at most",
    "more_than": "more than", "less_than": "fewer than", "range": "range", "increase": "increase",
    "decrease": "decrease",
}
# Characters that must not appear literally in JSON inside a <script> element.
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                 0x2028: "\\u2028", 0x2029: "\\u2029"}


def environment() -> jinja2.Environment:
    """The templates' environment: autoescaped, strict about undefined names (shared by every HTML report)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("checker.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def script_json(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: ``<``, ``>``, ``&``, U+2028 and U+2029 escaped.

    The result parses back (``json.loads``, ``JSON.parse``) to exactly ``data``.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.translate(_JSON_ESCAPES)


# ---------------------------------------------------------------- values


def _num(x: float | int | None) -> str:
    x = _number(x)
    if x is None:
        return ""
    if isinstance(x, int):
        return f"{x:,}"
    return f"{x:,.6g}"


def _interval(claim: Claim) -> str:
    """The interval a figure allows, as a mathematician writes it: "[3, ∞)", "(10, 20]"."""
    q = claim.quantity
    low = "−∞" if _number(q.low) is None else _num(q.low)
    high = "∞" if _number(q.high) is None else _num(q.high)
    left = "(" if q.low_open or _number(q.low) is None else "["
    right = ")" if q.high_open or _number(q.high) is None else "]"
    return f"{left}{low}, {high}{right}"


def _value(claim: Claim) -> str:
    """A figure as a reader would say it: "24", "at least 3", "3 … 5", with its unit."""
    q = claim.quantity
    unit = f" {q.unit}" if q.unit else ""
    low, high = _number(q.low), _number(q.high)
    if low is not None and high is not None and low != high:
        return f"{_num(low)} … {_num(high)}{unit}"
    qualifier = _QUALIFIER.get(q.qualifier.value, q.qualifier.value)
    shown = _num(q.value)
    if q.qualifier in (Qualifier.EXACT, Qualifier.RANGE):
        return f"{shown}{unit}"
    return f"{qualifier} {shown}{unit}"


def _qualifier(claim: Claim | Mention) -> str:
    return claim.quantity.qualifier.value if isinstance(claim, Claim) else ""


def _claim_record(article: Article, claim: Claim | Mention) -> dict[str, Any]:
    """What the article view shows when a claim is clicked (null and empty fields left out)."""
    seg = article.segments[claim.segment_index]
    line, column = article.locate(seg.occurrences[0].to_input(claim.start))
    record: dict[str, Any] = {"text": claim.text, "segment": claim.role.value, "line": line, "column": column}
    if isinstance(claim, Claim):
        q = claim.quantity
        record.update({
            "value": _value(claim), "interval": _interval(claim), "unit": q.unit, "kind": q.kind,
            "qualifier": q.qualifier.value, "measure": claim.measure, "rule": claim.rule,
            "counted": claim.counted, "counted_class": claim.counted_class,
            "attribution": claim.context.attribution, "subject": claim.subject, "note": claim.note,
        })
    else:
        record.update({"mention": True, "attribution": claim.context.attribution})
    return {k: v for k, v in record.items() if v is not None and v != ""}


# ---------------------------------------------------------------- why the sides were compared


def _join(items: list[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _quoted(items: list[str]) -> str:
    return _join([f"“{x}”" for x in items])


def _article_name(a: Article) -> str:
    return f"{a.id} ({a.source})" if a.source else a.id


def _shared_places(claims: list[Claim | Mention]) -> list[str]:
    sets = [set(c.context.places) for c in claims if c.context.places]
    if len(sets) < 2:
        return []
    return sorted(set.intersection(*sets))


def why(d: Discrepancy, articles: dict[str, Article], reference: str | None = None) -> str:
    """A short, honest account of why the sides of a finding were put side by side.

    Said only from what the finding and its claims carry: the rule and measure, the
    counted class, the scope (one article, articles taken to report one event, a
    text against its source) and, for parts and wholes, the claims' ``part_of``.
    """
    claims = [e.claim for e in d.evidence]
    figures = [c for c in claims if isinstance(c, Claim)]
    in_articles = list(dict.fromkeys(e.article_id for e in d.evidence))
    named = [_article_name(articles[a]) for a in in_articles if a in articles]
    if d.scope == "within":
        where = f"in one article, {named[0]}" if named else "in one article"
    elif d.scope == "reference":
        source = articles.get(reference or "")
        where = (f"a figure of the derived text against the figures of the source, {_article_name(source)}, "
                 "said of the same thing (the same measure, or the same kind of figure in like words)"
                 if source else "a figure of a derived text against its source's")
    else:
        where = (f"in {len(named)} articles ({_join(named)}), taken to report one event because they name a "
                 f"common place and were published at most {MAX_DAYS_APART} days apart (or carry no date)")
    if d.kind == "spelling":
        written = sorted({c.text for c in claims})
        return f"The house style lists {_quoted(written)} as a spelling of “{d.measure}” to avoid; found {where}."
    if d.kind == "name":
        written = sorted({c.text for c in claims})
        return (f"{_quoted(written)} are close enough in spelling to be one name, and nothing in the text "
                f"says they are two people or places; {where}.")
    if d.kind == "title":
        return f"One person, {d.measure}, is named with different titles or roles {where}."
    if not figures:
        return f"Rule {d.rule} ({d.rule_name}) compared these mentions of “{d.measure}” {where}."
    wholes = [c for c in figures if c.part_of is None and any(p.part_of == c.index for p in figures)]
    if wholes:
        whole = wholes[0]
        parts = [c for c in figures if c.part_of == whole.index]
        return (f"{_quoted([p.text for p in parts])} {'is' if len(parts) == 1 else 'are'} read as "
                f"part{'' if len(parts) == 1 else 's'} of “{whole.text}” (a figure given as part of another, "
                f"or a list of parts after a whole), {where}.")
    measures = {c.measure for c in figures}
    if d.scope == "reference":
        text = f"Rule {d.rule} set {where}"
        if len(measures) == 1 and None not in measures:
            text += f"; every side has the measure “{d.measure}”"
    else:
        text = f"Rule {d.rule} gave every side the measure “{d.measure}”"
    classes = {c.counted_class for c in figures}
    if len(classes) == 1 and None not in classes:
        counted = sorted({c.counted for c in figures if c.counted})
        as_written = f" (written {_quoted(counted)})" if counted and counted != sorted(classes) else ""
        text += f"{'; each' if d.scope == 'reference' else ' and each'} counts {next(iter(classes))}{as_written}"
    units = sorted({c.quantity.unit for c in figures if c.quantity.unit})
    if units:
        text += f", in {_join(units)}"
    if d.scope != "reference":
        text += f"; {where}"
    places = _shared_places(figures)
    if places:
        text += f"; the sentences name {_join([p.title() for p in places])}"
    if d.scope != "reference":
        text += "; no other place, day or earlier event in their sentences sets them apart"
    return text + "."


# ---------------------------------------------------------------- the view model


class _ArticleView:
    """An article cut into plain text and spans of claims (and of the names and places findings are about)."""

    def __init__(self, n: int, article: Article, claims: tuple[Claim, ...]) -> None:
        self.n = n
        self.article = article
        self.records: dict[str, dict[str, Any]] = {}
        self.spans: dict[tuple[int, int, int], str] = {}  # (segment, start, end) -> id
        self.findings: dict[str, list[int]] = {}
        for c in claims:
            self._add(f"c{c.index}", c)

    def _add(self, key: str, c: Claim | Mention) -> str:
        span = (c.segment_index, c.start, c.end)
        if span in self.spans:
            return self.spans[span]
        self.spans[span] = key
        self.records[key] = _claim_record(self.article, c)
        return key

    def span_of(self, c: Claim | Mention, finding: int) -> str:
        """The id of the span for a finding's side (a mention gets one on first use)."""
        key = self.spans.get((c.segment_index, c.start, c.end))
        if key is None:
            key = self._add(f"m{sum(1 for k in self.records if k.startswith('m'))}", c)
        marks = self.findings.setdefault(key, [])
        if not marks or marks[-1] != finding:
            marks.append(finding)
        return key

    def record(self) -> dict[str, Any]:
        a = self.article
        by_segment: dict[int, list[tuple[int, int, str]]] = {}
        for (seg, start, end), key in self.spans.items():
            by_segment.setdefault(seg, []).append((start, end, key))
        segments = []
        for i, seg in enumerate(a.segments):
            parts: list[Any] = []
            at = 0
            last: list[Any] | None = None
            for start, end, key in sorted(by_segment.get(i, []), key=lambda s: (s[0], -s[1], s[2])):
                if last is not None and start < at:  # overlaps the span before: one span, both ids
                    if end > at:
                        last[0] += seg.text[at:end]
                        at = end
                    last.append(key)
                    continue
                if start > at:
                    parts.append(seg.text[at:start])
                last = [seg.text[start:end], key]
                parts.append(last)
                at = end
            if at < len(seg.text):
                parts.append(seg.text[at:])
            segments.append({"role": seg.role.value, "parts": parts})
        claims = {}
        for key, rec in self.records.items():
            if key in self.findings:
                rec = {**rec, "findings": self.findings[key]}
            claims[key] = rec
        record: dict[str, Any] = {"n": self.n, "id": a.id, "path": a.path, "segments": segments, "claims": claims}
        for field in ("source", "published", "url"):
            if getattr(a, field):
                record[field] = getattr(a, field)
        return record


def _side(ev: Evidence, view: _ArticleView, span: str, reference: str | None) -> dict[str, Any]:
    c = ev.claim
    s = ev.sentence_text
    i = ev.claim_start_in_sentence
    j = i + len(c.text)
    line, column = ev.locations[0]
    # The path and the outlet are the article's (data.articles[n - 1]): not repeated for every side.
    side: dict[str, Any] = {
        "article": view.n, "span": span, "segment": c.role.value, "line": line, "column": column,
        "before": s[:i], "text": s[i:j], "after": s[j:],
    }
    if len(ev.locations) > 1:  # a caption repeated verbatim: every place it is
        side["locations"] = [[ln, col] for ln, col in ev.locations]
    if isinstance(c, Claim):
        point = _number(c.quantity.low) is not None and c.quantity.low == c.quantity.high
        side.update(value=_value(c), interval=None if point else _interval(c), qualifier=c.quantity.qualifier.value,
                    unit=c.quantity.unit)
    side["attribution"] = c.context.attribution
    if reference is not None and ev.article_id == reference:
        side["reference"] = True
    return {k: v for k, v in side.items() if v is not None}


def _rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def view_model(result: RunResult) -> dict[str, Any]:
    """The report's data, as embedded in the page: every article (text cut into spans) and every finding."""
    from checker.reports.sarif import rule_help_uri  # sarif imports the package, which imports this module

    views = [_ArticleView(n, a, cs) for n, (a, cs) in enumerate(zip(result.articles, result.claims), 1)]
    by_id: dict[str, _ArticleView] = {}
    for v in views:
        by_id.setdefault(v.article.id, v)
    articles = {k: v.article for k, v in by_id.items()}
    # Errors first, then warnings, then info; the run's order (by place) within each.
    ordered = sorted(result.discrepancies, key=lambda d: _rank(d.severity.value))
    findings = []
    rules: dict[str, dict[str, str]] = {}
    for k, d in enumerate(ordered):
        rules.setdefault(d.rule, {"name": d.rule_name, "help": rule_help_uri(d.rule)})
        sides = []
        for ev in d.evidence:
            view = by_id[ev.article_id]
            sides.append(_side(ev, view, view.span_of(ev.claim, k), result.reference))
        findings.append({
            "fp": d.fingerprint, "rule": d.rule, "severity": d.severity.value, "kind": d.kind, "scope": d.scope, "measure": d.measure,
            "message": d.message, "why": why(d, articles, result.reference), "sides": sides,
        })
    reference = by_id[result.reference].n if result.reference in by_id else None
    return {"findings": findings, "rules": dict(sorted(rules.items())), "articles": [v.record() for v in views],
            "reference": reference}


def summary(result: RunResult) -> dict[str, Any]:
    """The counts the page shows before any script runs."""
    severities = Counter(d.severity.value for d in result.discrepancies)
    kinds = Counter(d.kind for d in result.discrepancies)
    outlets = {a.source for a in result.articles if a.source}
    return {
        "articles": len(result.articles),
        "outlets": len(outlets),
        "claims": sum(len(cs) for cs in result.claims),
        "measured": sum(1 for cs in result.claims for c in cs if c.measure),
        "findings": len(result.discrepancies),
        "by_severity": [(s, severities.get(s, 0)) for s in SEVERITIES],
        "by_kind": sorted(kinds.items()),
        "reference": next((a.path for a in result.articles if a.id == result.reference), None),
    }


def _template_text(name: str) -> str:
    return resources.files("checker.reports").joinpath(f"templates/{name}").read_text(encoding="utf-8")


def render(result: RunResult, *, title: str = "claimcheck report") -> str:
    """The whole report as one HTML document."""
    from checker.reports.audit_html import content_security_policy  # imports this module

    css = _template_text("report.css")
    script = _template_text("report.js")
    return environment().get_template("report.html.j2").render(
        title=title,
        version=__version__,
        css=css,
        script=script,
        csp=content_security_policy(css, script),
        data=script_json(view_model(result)),
        summary=summary(result),
        problems=[p.render() for p in result.problems],
    )
