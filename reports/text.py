"""Terminal report: one line a finding, then every side's location."""

from __future__ import annotations

from checker.reports import DEFAULT_OPTIONS, ReportOptions, colour

from checker.model import RunResult


def render(result: RunResult, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    """``path:line:col: severity RULE message`` and the evidence lines under it.

    With ``options.color`` the severity is coloured and the rule code bold; the
    text is otherwise the same.
    """
    lines: list[str] = []
    for d in result.discrepancies:
        first = d.evidence[0]
        line, col = first.locations[0]
        level, code = d.severity.value, d.rule
        if options.color:
            level, code = colour.severity(d.severity), colour.bold(d.rule)
        lines.append(f"{first.path}:{line}:{col}: {level} {code} {d.message}")
        for ev in d.evidence:
            where = ", ".join(f"{ev.path}:{ln}:{c}" for ln, c in ev.locations)
            said = f" ({ev.claim.context.attribution})" if ev.claim.context.attribution else ""
            # Against a reference, say which side is the source: the paths alone may not.
            side = "source " if result.reference is not None and ev.article_id == result.reference else ""
            lines.append(f"    {where}: {side}{ev.claim.role.value} “{ev.claim.text}”{said}")
    n = len(result.discrepancies)
    articles = len(result.articles)
    tail = ""
    if result.reference is not None:
        articles -= 1
        tail = f" checked against {_reference_path(result)}"
    lines.append(f"{n} discrepanc{'y' if n == 1 else 'ies'} in {articles} article{'' if articles == 1 else 's'}{tail}.")
    return "\n".join(lines) + "\n"


def _reference_path(result: RunResult) -> str:
    return next(a.path for a in result.articles if a.id == result.reference)
