"""HTML report: one self-contained page an editor reads in a browser.

The view model below does every computation; the template only lays it out.
Jinja2 escapes every value (autoescape), so article text can never become
markup, and the Content-Security-Policy allows no script and no request at all.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from importlib import resources

import jinja2

from checker import __version__
from checker.model import Claim, Discrepancy, Evidence, RunResult
from checker.reports.records import _number


@dataclass(frozen=True)
class SideView:
    """One side of a finding, pre-formatted."""

    segment: str
    where: str
    before: str
    claim: str
    after: str
    value: str
    qualifier: str
    attribution: str | None
    source: str | None
    is_reference: bool = False  # this side is from the source article of check --reference


@dataclass(frozen=True)
class FindingView:
    """One finding, pre-formatted."""

    anchor: str
    rule: str
    rule_name: str
    severity: str
    scope: str
    kind: str
    measure: str
    message: str
    sides: list[SideView]


def _value(ev: Evidence) -> str:
    if not isinstance(ev.claim, Claim):
        return ""  # a name or place: the highlighted text is all there is
    q = ev.claim.quantity
    low, high = _number(q.low), _number(q.high)
    unit = f" {q.unit}" if q.unit else ""
    if low == high:
        return f"{low}{unit}"
    return f"{'−∞' if low is None else low} … {'∞' if high is None else high}{unit}"


def _side(ev: Evidence, reference: str | None = None) -> SideView:
    s = ev.sentence_text
    i = ev.claim_start_in_sentence
    j = i + len(ev.claim.text)
    where = ", ".join(f"{ev.path}:{line}:{col}" for line, col in ev.locations)
    qualifier = ev.claim.quantity.qualifier.value if isinstance(ev.claim, Claim) else ""
    return SideView(ev.claim.role.value, where, s[:i], s[i:j], s[j:], _value(ev), qualifier,
                    ev.claim.context.attribution, ev.source, reference is not None and ev.article_id == reference)


def _finding(n: int, d: Discrepancy, reference: str | None = None) -> FindingView:
    return FindingView(f"f{n}", d.rule, d.rule_name, d.severity.value, d.scope, d.kind, d.measure, d.message,
                       [_side(e, reference) for e in d.evidence])


def environment() -> jinja2.Environment:
    """The templates' environment: autoescaped, strict about undefined names (shared by every HTML report)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("checker.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(result: RunResult, *, title: str = "claimcheck report") -> str:
    """The whole report as one HTML document."""
    css = resources.files("checker.reports").joinpath("templates/report.css").read_text(encoding="utf-8")
    css_hash = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    counts = {s: sum(1 for d in result.discrepancies if d.severity.value == s) for s in ("error", "warning", "info")}
    template = environment().get_template("report.html.j2")
    return template.render(
        title=title,
        version=__version__,
        css=css,
        csp=f"default-src 'none'; style-src 'sha256-{css_hash}'; img-src 'none'; base-uri 'none'; form-action 'none'",
        findings=[_finding(n, d, result.reference) for n, d in enumerate(result.discrepancies, 1)],
        reference=next((a.path for a in result.articles if a.id == result.reference), None),
        counts=counts,
        articles=[
            {"id": a.id, "path": a.path, "source": a.source, "claims": len(cs),
             "measured": sum(1 for c in cs if c.measure), "segments": len(a.segments)}
            for a, cs in zip(result.articles, result.claims)
        ],
        claims=sum(len(cs) for cs in result.claims),
        measured=sum(1 for cs in result.claims for c in cs if c.measure),
        problems=[p.render() for p in result.problems],
    )
