"""Audit HTML report: one self-contained page an analyst reads to audit outlets.

The input is the audit record of :func:`checker.reports.audit.audit_record`, so
the page shows exactly what the JSON and CSV show. As in :mod:`checker.reports.html`
the view model below does every computation (the charts' geometry included) and
the template only lays it out; Jinja2 escapes every value, so article text can
never become markup or script. The page makes no request at all: the style and
the one small script (sorting the outlet table) are inline and allowed by their
hashes in the Content-Security-Policy, and nothing else may load or run.
The same record always gives the same bytes: no timestamps, no random ids.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any

from checker.reports.html import environment

from checker.audit.consensus import HELD_AGAINST

# Statuses as checker.audit.consensus names them, in the order the legend lists them.
STATUSES = ("agrees", "update", "superseded", "single", "source-disagreement", "lowered", "disagrees")
FLAGGED = HELD_AGAINST
_STATUS_LABEL = {
    "agrees": "agrees", "update": "early figure, later updated", "superseded": "superseded by an official figure",
    "single": "only outlet reporting", "source-disagreement": "a named source disagrees",
    "lowered": "lower than the outlet's own earlier figure", "disagrees": "disagrees",
}
_SHAPE = {"agrees": "circle", "update": "circle", "superseded": "square", "single": "circle",
          "source-disagreement": "diamond", "lowered": "triangle", "disagrees": "square"}

# Sorting the outlet table: numeric cells sort by their data-v attribute (empty
# last either way), text cells by their text; ties keep the page's order.
SCRIPT = """(function () {
  "use strict";
  function key(cell) {
    var v = cell.getAttribute("data-v");
    if (v === null) return cell.textContent.trim().toLowerCase();
    return v === "" ? null : parseFloat(v);
  }
  function sortBy(table, th, col) {
    var numeric = th.getAttribute("data-type") === "number";
    var current = th.getAttribute("aria-sort");
    var asc = current ? current !== "ascending" : !numeric;
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[col]), y = key(b.cells[col]);
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
      } else if (x !== y) {
        var c = numeric ? x - y : (x < y ? -1 : 1);
        return asc ? c : -c;
      }
      return a.getAttribute("data-i") - b.getAttribute("data-i");
    });
    for (var j = 0; j < rows.length; j++) body.appendChild(rows[j]);
  }
  var tables = document.querySelectorAll("table.sortable");
  for (var t = 0; t < tables.length; t++) {
    (function (table) {
      var heads = table.tHead.rows[0].cells;
      for (var col = 0; col < heads.length; col++) {
        (function (th, col) {
          var button = document.createElement("button");
          button.type = "button";
          while (th.firstChild) button.appendChild(th.firstChild);
          th.appendChild(button);
          button.addEventListener("click", function () { sortBy(table, th, col); });
        })(heads[col], col);
      }
      table.classList.add("sorting");
    })(tables[t]);
  }
})();
"""

# Chart geometry, in SVG user units (the chart scales to the width of the page).
WIDTH, HEIGHT = 560, 150
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 14, 30
UNDATED_BAND = 54  # room at the right for reports without a date
MARK = 5.0  # half the size of a point
DODGE = 11.0  # horizontal step between points that would sit on each other


# ---------------------------------------------------------------- formatting


def _num(x: float | None) -> str:
    if x is None:
        return "—"
    if isinstance(x, float) and x.is_integer() and abs(x) < 2**53:
        x = int(x)
    if isinstance(x, int):
        return f"{x:,}"
    return f"{x:,.6g}"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def _rate(rate: float | None, interval: list[float] | None) -> tuple[str, str]:
    """The rate and its 95% interval: ("12.5%", "(3.5–36.0%)")."""
    if rate is None:
        return "—", ""
    if not interval or interval[0] is None or interval[1] is None:
        return _pct(rate), ""
    return _pct(rate), f"({100 * interval[0]:.1f}–{100 * interval[1]:.1f}%)"


def _v(x: float | None) -> str:
    """A numeric cell's sort key: a plain number, or empty for none."""
    if x is None:
        return ""
    return repr(int(x)) if float(x).is_integer() else repr(float(x))


def _f(x: float) -> str:
    """An SVG coordinate."""
    s = f"{x:.1f}"
    return "0.0" if s == "-0.0" else s


def _qualifier(q: str | None) -> str:
    return "" if not q or q == "exact" else q.replace("_", " ")


def _figure(value: Any, low: Any, high: Any, qualifier: str | None) -> str:
    """A reported figure as a reader would say it: "5", "at least 3", "3 … 5"."""
    q = _qualifier(qualifier)
    if low is not None and high is not None and low != high:
        text = f"{_num(low)} … {_num(high)}"
        return text if q in ("", "range") else f"{q} {text}"
    shown = value if value is not None else (low if low is not None else high)
    return f"{q} {_num(shown)}".strip()


def _highlight(sentence: str | None, text: str | None) -> tuple[str, str, str]:
    """(before, figure, after): the figure's text found in its sentence; all plain text, escaped later."""
    sentence = sentence or ""
    text = text or ""
    if not sentence:
        return "", text, ""
    if text:
        i = sentence.find(text)
        if i < 0 and len(sentence.lower()) == len(sentence) and len(text.lower()) == len(text):
            i = sentence.lower().find(text.lower())
        if i >= 0:
            return sentence[:i], sentence[i:i + len(text)], sentence[i + len(text):]
    return sentence, "", ""


def _where(path: str | None, line: Any, column: Any) -> str:
    if line is None:
        return path or ""
    return f"{path or ''}:{line}:{column}" if column is not None else f"{path or ''}:{line}"


def _day(published: str | None) -> float | None:
    """A publication time as days since 1970-01-01 (UTC), or None when it does not read as ISO 8601."""
    if not published:
        return None
    s = published.strip()
    try:
        moment = datetime.fromisoformat(s.replace("Z", "+00:00") if s.endswith("Z") else s)
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(s[:10]), datetime.min.time())
        except ValueError:
            return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return (moment - datetime(1970, 1, 1)).total_seconds() / 86400


def _date_label(published: str | None) -> str:
    if not published:
        return "no date"
    s = published.strip().replace("T", " ")
    return s[:10] if s[10:].strip(" :0Z+") == "" else s[:16]


# ---------------------------------------------------------------- view model


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    shape: str  # SVG path data
    status: str
    tip: str
    whisker: tuple[str, str, str] | None  # x, y from, y to: the reported range
    arrow: str | None  # path data of an arrow head when the range has no upper bound


@dataclass(frozen=True)
class Tick:
    at: str
    label: str
    anchor: str = "end"  # of the label: start, middle or end
    label_at: str = ""  # where the label is anchored, when not at the tick


@dataclass(frozen=True)
class Chart:
    id: str
    label: str
    width: int
    height: int
    plot: tuple[str, str, str, str]  # x0, y0, x1, y1
    consensus_y: str | None
    consensus_label: str
    xticks: list[Tick]
    yticks: list[Tick]
    undated_x: str | None
    points: list[Point]
    ytick_x: str  # where the value labels end
    xtick_y: str  # the baseline of the date labels
    xtick_mark: str  # where the date tick marks end
    consensus_text: tuple[str, str] | None  # where the consensus label starts


def _shape(kind: str, x: float, y: float, r: float = MARK) -> str:
    if kind == "square":
        r *= 0.9
        return f"M{_f(x - r)} {_f(y - r)}h{_f(2 * r)}v{_f(2 * r)}h{_f(-2 * r)}z"
    if kind == "triangle":
        return f"M{_f(x - r)} {_f(y - r * 0.8)}h{_f(2 * r)}L{_f(x)} {_f(y + r * 1.1)}z"
    if kind == "diamond":
        r *= 1.2
        return f"M{_f(x)} {_f(y - r)}L{_f(x + r)} {_f(y)}L{_f(x)} {_f(y + r)}L{_f(x - r)} {_f(y)}z"
    return f"M{_f(x - r)} {_f(y)}a{_f(r)} {_f(r)} 0 1 0 {_f(2 * r)} 0a{_f(r)} {_f(r)} 0 1 0 {_f(-2 * r)} 0z"


def _chart(chart_id: str, measure: dict[str, Any]) -> Chart:
    """A timeline of one measure: x the publication date, y the figure, the consensus a horizontal line."""
    reports = measure["reports"]
    consensus = measure["consensus"]
    days = [_day(r["published"]) for r in reports]
    dated = [d for d in days if d is not None]
    undated = len(dated) < len(reports)
    x0, x1 = LEFT, WIDTH - RIGHT - (UNDATED_BAND if undated else 0)
    y0, y1 = TOP, HEIGHT - BOTTOM

    def value_of(r: dict[str, Any]) -> float | None:
        for v in (r["value"], r["range"]["low"], r["range"]["high"]):
            if v is not None:
                return float(v)
        return None

    values = [v for v in (value_of(r) for r in reports) if v is not None]
    for r in reports:
        values += [float(v) for v in (r["range"]["low"], r["range"]["high"]) if v is not None]
    if consensus.get("value") is not None:
        values.append(float(consensus["value"]))
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    if lo == hi:
        pad = max(1.0, abs(lo) * 0.1)
        lo, hi = (lo - pad if lo - pad >= 0 or lo < 0 else 0.0), hi + pad
    else:
        pad = (hi - lo) * 0.12
        lo, hi = (lo - pad if lo - pad >= 0 or lo < 0 else 0.0), hi + pad

    def y(v: float) -> float:
        return y1 - (v - lo) / (hi - lo) * (y1 - y0)

    first, last = (min(dated), max(dated)) if dated else (0.0, 0.0)

    def x(d: float | None) -> float:
        if d is None:
            return WIDTH - RIGHT - UNDATED_BAND / 2
        if last == first:
            return (x0 + x1) / 2
        inner = 10.0  # keep points off the axes
        return x0 + inner + (d - first) / (last - first) * (x1 - x0 - 2 * inner)

    # Points that would land on each other are spread sideways: 0, +1, -1, +2, ... steps.
    taken: dict[tuple[str, str], int] = {}
    points = []
    for r, d in zip(reports, days):
        v = value_of(r)
        if v is None:
            continue
        px, py = x(d), y(v)
        slot = (_f(px), _f(py))
        n = taken.get(slot, 0)
        taken[slot] = n + 1
        px += DODGE * ((n + 1) // 2) * (1 if n % 2 else -1)
        low, high = r["range"]["low"], r["range"]["high"]
        whisker = arrow = None
        if low is not None and (high is None or high != low):
            top = y(float(high)) if high is not None else y0
            whisker = (_f(px), _f(y(float(low))), _f(top))
            if high is None:
                arrow = f"M{_f(px - 4)} {_f(top + 5)}L{_f(px)} {_f(top)}L{_f(px + 4)} {_f(top + 5)}"
        status = r["status"]
        tip = (f"{r['source']}, {_date_label(r['published'])}: "
               f"{_figure(r['value'], low, high, r['qualifier'])} ({status})")
        points.append(Point(_f(px), _f(py), _shape(_SHAPE.get(status, "circle"), px, py),
                            status if status in STATUSES else "other", tip, whisker, arrow))

    xticks = []
    if dated:
        by_day = sorted({(d, _date_label(r["published"])) for r, d in zip(reports, days) if d is not None})
        a, b = x(by_day[0][0]), x(by_day[-1][0])
        if by_day[-1][1] == by_day[0][1]:
            xticks.append(Tick(_f(a), by_day[0][1], "middle", _f(a)))
        else:  # the labels run inwards from the ends, so that they stay on the chart
            xticks.append(Tick(_f(a), by_day[0][1], "start", _f(a - 6)))
            xticks.append(Tick(_f(b), by_day[-1][1], "end", _f(b + 6)))
    distinct = sorted(set(values))
    if len(distinct) > 4:
        distinct = sorted({min(values), max(values)} | ({float(consensus["value"])}
                                                        if consensus.get("value") is not None else set()))
    yticks = [Tick(_f(y(v)), _num(v)) for v in distinct]
    cy = y(float(consensus["value"])) if consensus.get("value") is not None else None
    basis = consensus.get("basis") or ""
    consensus_label = f"consensus {_num(consensus.get('value'))}" + (f" ({basis})" if basis else "")
    label = (f"{measure['measure']}: {len(reports)} report{'s' if len(reports) != 1 else ''} over time, "
             f"{consensus_label}")
    return Chart(chart_id, label, WIDTH, HEIGHT, (_f(x0), _f(y0), _f(x1), _f(y1)),
                 None if cy is None else _f(cy), consensus_label, xticks, yticks,
                 _f(WIDTH - RIGHT - UNDATED_BAND / 2) if undated else None, points,
                 _f(x0 - 6), _f(y1 + 18), _f(y1 + 5), None if cy is None else (_f(x0 + 4), _f(cy - 4)))


@dataclass(frozen=True)
class ReportView:
    source: str
    date: str
    status: str
    figure: str
    segment: str
    attribution: str | None
    before: str
    mark: str
    after: str
    text: str
    where: str


@dataclass(frozen=True)
class MeasureView:
    measure: str
    consensus: str
    basis: str
    outlets: int
    reporting: int
    flagged: int
    chart: Chart
    reports: list[ReportView]


@dataclass(frozen=True)
class EventView:
    anchor: str
    id: str
    title: str
    outlets: list[str]
    articles: int
    first: str
    last: str
    flagged: int
    measures: list[MeasureView]


def _report(r: dict[str, Any]) -> ReportView:
    before, mark, after = _highlight(r.get("sentence"), r.get("text"))
    return ReportView(
        source=r.get("source") or "(unknown)", date=_date_label(r.get("published")), status=r.get("status") or "",
        figure=_figure(r.get("value"), r["range"]["low"], r["range"]["high"], r.get("qualifier")),
        segment=r.get("segment") or "", attribution=r.get("attribution"), before=before, mark=mark, after=after,
        text=r.get("text") or "", where=_where(r.get("path"), r.get("line"), r.get("column")))


def shown(event: dict[str, Any]) -> bool:
    """An event is shown when a figure is flagged or a measure is reported by two outlets or more."""
    return any(m.get("flagged") or len({r.get("source") for r in m["reports"]}) > 1 for m in event["measures"])


def _event(n: int, e: dict[str, Any]) -> EventView:
    measures = []
    for k, m in enumerate(e["measures"], 1):
        c = m["consensus"]
        measures.append(MeasureView(
            measure=m["measure"], consensus=_num(c.get("value")), basis=c.get("basis") or "",
            outlets=c.get("outlets") or 0, reporting=c.get("reporting") or 0, flagged=m.get("flagged") or 0,
            chart=_chart(f"e{n}m{k}", m), reports=[_report(r) for r in m["reports"]]))
    return EventView(
        anchor=f"e{n}", id=e.get("id") or "", title=e.get("title") or "(untitled event)",
        outlets=list(e.get("outlets") or []), articles=len(e.get("articles") or []),
        first=_date_label(e.get("first_published")) if e.get("first_published") else "no date",
        last=_date_label(e.get("last_published")) if e.get("last_published") else "no date",
        flagged=sum(m.flagged for m in measures), measures=measures)


@dataclass(frozen=True)
class Bar:
    x: str
    y: str
    height: str
    flagged: bool  # some disagreement in the quarter (a zero rate is drawn as a baseline tick)
    tip: str
    width: int = 5


@dataclass(frozen=True)
class Cell:
    text: str
    v: str | None  # the sort key of a numeric cell
    note: str = ""  # shown under the text (the rate's interval)
    bars: tuple[Bar, ...] = ()  # a small bar chart in place of the text
    bars_width: int = 0
    bars_height: int = 0


QUARTERS_SHOWN = 12  # the latest quarters drawn in the outlet table
BAR_STEP, BAR_WIDTH, BARS_HEIGHT = 7, 5, 22  # SVG units


def _quarters(periods: list[dict[str, Any]]) -> Cell:
    """Disagreement rate by quarter as bars (the latest quarters), sorted by the latest quarter's rate."""
    shown = periods[-QUARTERS_SHOWN:]
    if not shown:
        return Cell("", "")
    bars = []
    for k, p in enumerate(shown):
        rate = float(p.get("disagreement_rate") or 0.0)
        height = max(1.0, rate * (BARS_HEIGHT - 2))
        tip = (f"{p.get('period')}: {_num(p.get('disagreements'))} of {_num(p.get('checked'))} figures "
               f"disagree ({_pct(rate)})")
        bars.append(Bar(_f(k * BAR_STEP), _f(BARS_HEIGHT - height), _f(height), rate > 0, tip, BAR_WIDTH))
    summary = "; ".join(b.tip for b in bars)
    return Cell(summary, _v(shown[-1].get("disagreement_rate")), bars=tuple(bars),
                bars_width=len(bars) * BAR_STEP, bars_height=BARS_HEIGHT)


EARLIER_RUNS_SHOWN = 3


def _earlier_runs(runs: list[dict[str, Any]]) -> Cell:
    """The outlet's rate in the store's latest earlier runs, oldest first; sorted by the latest of them."""
    if not runs:
        return Cell("", "")
    shown = runs[-EARLIER_RUNS_SHOWN:]
    text = " → ".join(f"{_pct(r.get('disagreement_rate'))}" for r in shown)
    more = len(runs) - len(shown)
    note = f"runs {', '.join(str(r.get('run')) for r in shown)}" + (f"; {more} earlier" if more else "")
    return Cell(text, _v(shown[-1].get("disagreement_rate")), note)


def _source_row(s: dict[str, Any]) -> list[Cell]:
    stale = f"{_num(s.get('stale'))} ({_pct(s.get('stale_rate'))})" if s.get("stale") else "0"
    rate, interval = _rate(s.get("disagreement_rate"), s.get("rate_interval"))
    return [
        Cell(s.get("source") or "(unknown)", None),
        Cell(_num(s.get("articles")), _v(s.get("articles"))),
        Cell(_num(s.get("checked")), _v(s.get("checked"))),
        Cell(_num(s.get("disagreements")), _v(s.get("disagreements"))),
        Cell(rate, _v(s.get("disagreement_rate")), interval),
        _quarters(s.get("periods") or []),
        _earlier_runs(s.get("earlier_runs") or []),
        Cell(_num(s.get("source_disagreements")), _v(s.get("source_disagreements"))),
        Cell(stale, _v(s.get("stale_rate"))),
        Cell(_num(s.get("versions")), _v(s.get("versions"))),
        Cell(_num(s.get("corrections")), _v(s.get("corrections"))),
        Cell(_num(s.get("median_correction_days")), _v(s.get("median_correction_days"))),
    ]


COLUMNS = (("Outlet", "text", "the outlet, as its web domain"),
           ("Articles", "number", "articles from the outlet in the corpus"),
           ("Figures checked", "number", "figures compared with a consensus of two outlets or more"),
           ("Disagreements", "number", ("figures that disagree with the consensus, or lower the outlet's own "
                                       "earlier figure")),
           ("Rate (95% interval)", "number", "disagreements per figure checked, with a 95% Wilson interval"),
           ("By quarter", "number", ("the rate in each quarter of publication (the latest "
                                     f"{QUARTERS_SHOWN}); sorts by the latest quarter")),
           ("Earlier runs", "number", "the rate in the store's earlier runs (--db), oldest first; sorts by the latest"),
           ("Source disagreements", "number", ("figures whose named authority differs from the consensus's "
                                              "(not held against the outlet)")),
           ("Stale headline or caption", "number", "articles whose headline or a caption disagrees with their body"),
           ("Versions", "number", "pages seen in more than one version"),
           ("Corrections", "number", "of those, pages where a later version changed a figure"),
           ("Median days to correction", "number", "median days from the first version to the changed figure"))


@dataclass(frozen=True)
class SideView:
    source: str
    segment: str
    before: str
    mark: str
    after: str
    text: str
    where: str


@dataclass(frozen=True)
class FindingView:
    rule: str
    rule_name: str
    severity: str
    scope: str
    measure: str
    message: str
    sides: list[SideView]


def _finding(d: dict[str, Any]) -> FindingView:
    sides = []
    for ev in d.get("evidence") or []:
        before, mark, after = _highlight(ev.get("sentence"), ev.get("text"))
        locations = ev.get("locations") or [{"line": ev.get("line"), "column": ev.get("column")}]
        where = ", ".join(_where(ev.get("path"), loc.get("line"), loc.get("column")) for loc in locations)
        sides.append(SideView(ev.get("source") or "", ev.get("segment") or "", before, mark, after,
                              ev.get("text") or "", where))
    return FindingView(d.get("rule") or "", d.get("rule_name") or "", d.get("severity") or "",
                       d.get("scope") or "", d.get("measure") or "", d.get("message") or "", sides)


def _problem(p: dict[str, Any]) -> str:
    where = _where(p.get("path"), p.get("line"), None)
    text = f"{where}: {p.get('level') or 'error'}: {p.get('message') or ''}" if where else str(p.get("message"))
    return f"{text} ({p['hint']})" if p.get("hint") else text


def _legend() -> list[tuple[str, str, str]]:
    return [(s, _STATUS_LABEL[s], _shape(_SHAPE[s], 9, 9)) for s in STATUSES]


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def content_security_policy(css: str, script: str) -> str:
    """Only the page's own style and script, by hash; no request of any kind."""
    return (f"default-src 'none'; style-src '{_hash(css)}'; script-src '{_hash(script)}'; img-src 'none'; "
            "base-uri 'none'; form-action 'none'")


def render(record: dict[str, Any], *, title: str = "claimcheck audit") -> str:
    """The audit as one HTML document."""
    css = resources.files("checker.reports").joinpath("templates/audit.css").read_text(encoding="utf-8")
    summary = record.get("summary") or {}
    all_events = record.get("events") or []
    events = [_event(n, e) for n, e in enumerate((e for e in all_events if shown(e)), 1)]
    sources = record.get("sources") or []
    checked = [s for s in sources if s.get("checked")]
    unchecked = [s for s in sources if not s.get("checked")]
    tool = record.get("tool") or {}
    return environment().get_template("audit.html.j2").render(
        title=title,
        version=tool.get("version") or "",
        css=css,
        script=SCRIPT,
        csp=content_security_policy(css, SCRIPT),
        summary={k: _num(summary.get(k, 0)) for k in ("articles", "events", "events_with_several_articles",
                                                        "sources", "figures_checked", "disagreements",
                                                        "discrepancies")},
        columns=COLUMNS,
        checked=[_source_row(s) for s in checked],
        unchecked=[_source_row(s) for s in unchecked],
        events=events,
        flagged_events=[e for e in events if e.flagged],
        left_out=len(all_events) - len(events),
        legend=_legend(),
        findings=[_finding(d) for d in record.get("discrepancies") or []],
        problems=[_problem(p) for p in record.get("problems") or []],
    )
