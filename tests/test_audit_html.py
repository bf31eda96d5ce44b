"""The audit HTML page: escaping of article text, no external requests, determinism, the outlet table, the charts."""

from __future__ import annotations

import base64
import copy
import hashlib
import re
from html import unescape
from html.parser import HTMLParser

from checker.reports import audit_html

HOSTILE = "<script>alert(1)</script></script><img src=x onerror=alert(2)>\" onmouseover=\"alert(3)' {{ 7*7 }} {% if %}"


def _report(source: str, published: str | None, value: int, status: str, *, text: str = "3",
            sentence: str = "Police said 3 people were killed.", high: int | None | str = "same",
            qualifier: str = "exact", article: str | None = None) -> dict:
    return {
        "article": article or f"a-{source}", "source": source, "published": published, "value": value,
        "range": {"low": value, "high": value if high == "same" else high}, "qualifier": qualifier,
        "text": text, "segment": "body", "attribution": None, "status": status, "path": "corpus.jsonl",
        "line": 7, "column": 12, "sentence": sentence,
    }


def _measure(measure: str, consensus: int, reports: list[dict], basis: str = "majority") -> dict:
    outlets = {r["source"] for r in reports}
    return {"measure": measure,
            "consensus": {"value": consensus, "basis": basis, "outlets": len(outlets), "reporting": len(outlets)},
            "flagged": sum(r["status"] in ("lowered", "disagrees") for r in reports), "reports": reports}


def _event(event_id: str, title: str, measures: list[dict]) -> dict:
    reports = [r for m in measures for r in m["reports"]]
    dated = sorted(r["published"] for r in reports if r["published"])
    return {"id": event_id, "title": title, "articles": sorted({r["article"] for r in reports}),
            "outlets": sorted({r["source"] for r in reports}),
            "first_published": dated[0] if dated else None, "last_published": dated[-1] if dated else None,
            "measures": measures}


def _source(name: str, checked: int, disagreements: int) -> dict:
    rate = disagreements / checked if checked else None
    return {"source": name, "articles": max(checked, 1), "checked": checked, "disagreements": disagreements,
            "disagreement_rate": rate, "rate_interval": [0.035, 0.36] if checked else None,
            "source_disagreements": 0, "stale": 1, "stale_rate": 0.5, "versions": 2, "corrections": 1,
            "median_correction_days": 1.5 if checked else None}


def _record(events: list[dict], sources: list[dict], discrepancies: list[dict] | None = None) -> dict:
    discrepancies = discrepancies or []
    return {
        "schema": "claimcheck/audit", "version": 1, "tool": {"name": "claimcheck", "version": "0.0.test"},
        "summary": {"articles": 5, "events": len(events),
                    "events_with_several_articles": sum(len(e["articles"]) > 1 for e in events),
                    "sources": len(sources), "figures_checked": sum(s["checked"] for s in sources),
                    "disagreements": sum(s["disagreements"] for s in sources),
                    "discrepancies": len(discrepancies)},
        "events": events, "sources": sources, "discrepancies": discrepancies, "problems": [],
    }


def _record_sample() -> dict:
    """Two outlets on one event (one disagreeing), a single-outlet event, undated and equal figures."""
    agreed = _event("ev-1", "Three killed in shooting", [
        _measure("killed", 3, [
            _report("alpha.com", "2024-03-01", 3, "agrees"),
            _report("beta.com", "2024-03-02", 4, "disagrees", text="four", sentence="Police said four died."),
            _report("gamma.com", None, 3, "agrees"),
            _report("delta.com", "2024-03-01", 3, "agrees"),
        ]),
        _measure("injured", 2, [
            _report("alpha.com", "2024-03-01T10:00:00Z", 2, "agrees", text="2", sentence="2 were hurt."),
            _report("beta.com", "2024-03-01", 2, "agrees", text="two", high=None, qualifier="at_least",
                    sentence="At least two were hurt."),
        ]),
    ])
    single = _event("ev-2", "A lone report", [_measure("killed", 1, [_report("alpha.com", "2024-04-01", 1, "single",
                                                                           text="1", sentence="1 died.")],
                                                       basis="single")])
    finding = {"rule": "CAS001", "rule_name": "casualties.killed", "kind": "numeric", "measure": "killed",
               "severity": "warning", "scope": "within", "message": "killed: 3 in the headline vs 4 in the body",
               "fingerprint": "abc", "evidence": [
                   {"path": "corpus.jsonl", "article": "a-alpha.com", "source": "alpha.com", "segment": "headline",
                    "line": 7, "column": 1, "text": "3", "sentence": "3 killed", "locations": [{"line": 7, "column": 1}]},
                   {"path": "corpus.jsonl", "article": "a-alpha.com", "source": "alpha.com", "segment": "body",
                    "line": 7, "column": 40, "text": "four", "sentence": "Four people died.",
                    "locations": [{"line": 7, "column": 40}]}]}
    sources = [_source("alpha.com", 3, 0), _source("beta.com", 2, 1), _source("gamma.com", 1, 0),
               _source("delta.com", 1, 0), _source("zeta.com", 0, 0)]
    return _record([agreed, single], sources, [finding])


class _Collect(HTMLParser):
    """Every element, its attributes and the text inside <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._raw: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._raw = tag

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._raw = None

    def handle_data(self, data):
        if self._raw == "script":
            self.scripts.append(data)
        elif self._raw == "style":
            self.styles.append(data)


def _parse(page: str) -> _Collect:
    parser = _Collect()
    parser.feed(page)
    parser.close()
    return parser


def _hostile_record() -> dict:
    record = _record_sample()
    ev = record["events"][0]
    ev["title"] = HOSTILE
    ev["outlets"] = [HOSTILE]
    for m in ev["measures"]:
        m["measure"] = HOSTILE
        for r in m["reports"]:
            r["sentence"] = f"{HOSTILE} said {r['text']} {HOSTILE}"
            r["source"] = HOSTILE
            r["attribution"] = HOSTILE
            r["path"] = HOSTILE
    m = ev["measures"][0]
    m["reports"][0]["text"] = "<b>3</b>"
    m["reports"][0]["sentence"] = "before <b>3</b> after </script>"
    m["reports"][1]["text"] = HOSTILE  # the figure text itself
    record["sources"][0]["source"] = HOSTILE
    f = record["discrepancies"][0]
    f["message"] = HOSTILE
    f["evidence"][0]["sentence"] = HOSTILE + " 3 killed"
    f["evidence"][1]["text"] = HOSTILE
    record["problems"] = [{"path": HOSTILE, "line": 1, "level": "error", "message": HOSTILE, "hint": HOSTILE}]
    return record


def test_hostile_article_text_is_escaped() -> None:
    page = audit_html.render(_hostile_record())
    parsed = _parse(page)
    # Only the page's own script and elements: none from the article text.
    assert [t for t, _ in parsed.tags if t == "script"] == ["script"]
    assert len(parsed.scripts) == 1 and parsed.scripts[0] == audit_html.SCRIPT
    assert not any(t in ("img", "b", "iframe", "object") for t, _ in parsed.tags)
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name in attrs)
    assert "<script>alert" not in page and "</script><img" not in page
    assert page.count("</script>") == 1  # the page's own
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # Jinja syntax in article text stays literal text; it is not evaluated.
    assert "{{ 7*7 }}" in page and "{% if %}" in page
    # The figure is still marked inside its escaped sentence.
    assert "before <mark>&lt;b&gt;3&lt;/b&gt;</mark> after &lt;/script&gt;" in page
    # Quotes cannot end an attribute: the one attribute holding article text keeps all of it.
    labels = [a["aria-label"] for t, a in parsed.tags if t == "section" and "aria-label" in a]
    assert HOSTILE in labels


def test_no_external_requests() -> None:
    for record in (_record_sample(), _hostile_record()):
        page = audit_html.render(record)
        parsed = _parse(page)
        for tag, attrs in parsed.tags:
            for name in ("src", "href", "xlink:href", "action", "data", "poster", "srcset"):
                value = attrs.get(name)
                if value is None:
                    continue
                assert tag == "a" and name == "href" and value.startswith("#"), (tag, name, value)
        assert not any(t in ("link", "img", "iframe", "object", "embed", "image", "use") for t, _ in parsed.tags)
        css = "".join(parsed.styles)
        assert "url(" not in css and "@import" not in css and "@font-face" not in css
        assert "http://" not in css + "".join(parsed.scripts) and "https://" not in css + "".join(parsed.scripts)
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.IGNORECASE)
        script = "".join(parsed.scripts)
        assert "fetch(" not in script and "XMLHttpRequest" not in script and "innerHTML" not in script


def _csp_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def test_content_security_policy_allows_only_the_page_itself() -> None:
    page = audit_html.render(_record_sample())
    parsed = _parse(page)
    metas = [a for t, a in parsed.tags if t == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy"]
    assert len(metas) == 1
    csp = unescape(metas[0]["content"])
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["img-src"] == "'none'"
    assert directives["style-src"] == f"'{_csp_hash(parsed.styles[0])}'"
    assert directives["script-src"] == f"'{_csp_hash(parsed.scripts[0])}'"
    assert "unsafe-eval" not in csp
    assert not any("style" in attrs for _, attrs in parsed.tags)  # inline style attributes would be blocked


def test_same_record_gives_the_same_bytes() -> None:
    record = _record_sample()
    first = audit_html.render(record)
    assert audit_html.render(copy.deepcopy(record)) == first
    assert audit_html.render(record) == first


def test_the_outlet_table_is_sortable_with_a_sort_key_per_numeric_cell() -> None:
    page = audit_html.render(_record_sample())
    parsed = _parse(page)
    tables = [a for t, a in parsed.tags if t == "table" and "sortable" in (a.get("class") or "").split()]
    assert tables, "no sortable table"
    assert "aria-sort" in audit_html.SCRIPT and "data-v" in audit_html.SCRIPT
    headers = [a for t, a in parsed.tags if t == "th" and a.get("data-type")]
    assert len(headers) == len(audit_html.COLUMNS) * len(tables)
    cells = [a for t, a in parsed.tags if t == "td" and "num" in (a.get("class") or "").split()]
    assert cells and all("data-v" in a for a in cells)
    for a in cells:
        assert a["data-v"] == "" or float(a["data-v"]) == float(a["data-v"])
    # A row per outlet, each with its original position for stable sorting.
    rows = [a for t, a in parsed.tags if t == "tr" and "data-i" in a]
    assert len(rows) == 5
    # The rate with its 95% interval, sorted by the rate.
    cells = re.findall(r'<td class="num" data-v="0.5">(.*?)</td>', page)
    assert "50.0% (3.5–36.0%)" in [re.sub(r"<[^>]+>", "", c) for c in cells]
    # The outlet with no figure checked is listed apart, behind a toggle, after the others.
    assert page.index("beta.com") < page.index("zeta.com")
    assert "1 outlet with no figure checked" in page


def test_the_outlet_table_shows_the_rate_by_quarter_and_in_earlier_runs() -> None:
    record = _record_sample()
    beta = next(s for s in record["sources"] if s["source"] == "beta.com")
    beta["periods"] = [{"period": "2016-Q3", "checked": 4, "disagreements": 0, "disagreement_rate": 0.0},
                       {"period": HOSTILE, "checked": 4, "disagreements": 2, "disagreement_rate": 0.5}]
    beta["earlier_runs"] = [{"run": 1, "finished": "2026-01-01T00:00:00Z", "checked": 2, "disagreements": 2,
                             "disagreement_rate": 1.0}]
    page = audit_html.render(record)
    row = re.search(r"<th scope=\"row\">beta\.com</th>(.*?)</tr>", page, re.DOTALL).group(1)
    bars = re.findall(r'<rect class="(up|zero)" x="[\d.]+" y="[\d.]+" width="5" height="([\d.]+)"><title>(.*?)</title>',
                      row)
    assert [(kind, float(height)) for kind, height, _ in bars] == [("zero", 1.0), ("up", 10.0)]
    assert unescape(bars[0][2]) == "2016-Q3: 0 of 4 figures disagree (0.0%)"
    assert "<script>" not in row and unescape(bars[1][2]).startswith(HOSTILE)
    # Sorted by the latest quarter's rate; the earlier runs' rates with their run numbers.
    assert re.search(r'<td class="num trend" data-v="0.5">', row)
    assert re.search(r'<td class="num" data-v="1">100.0% <span class="ci">runs 1</span></td>', row)
    # An outlet without dated figures or earlier runs has empty cells that sort last.
    alpha = re.search(r"<th scope=\"row\">alpha\.com</th>(.*?)</tr>", page, re.DOTALL).group(1)
    assert alpha.count('<td class="num" data-v=""></td>') == 2


def test_each_measure_of_a_shown_event_has_a_chart() -> None:
    record = _record_sample()
    page = audit_html.render(record)
    parsed = _parse(page)
    charts = [a for t, a in parsed.tags if t == "svg" and "chart" in (a.get("class") or "").split()]
    assert len(charts) == 2  # the two measures of ev-1; ev-2 is left out
    assert all(a.get("role") == "img" and a.get("viewbox", a.get("viewBox")) for a in charts)
    # One point per report, with a tooltip naming outlet, date, value and status.
    assert page.count('<g class="pt st-') == 6 + len(audit_html.STATUSES)  # points, and the legend's keys
    assert "<title>beta.com, 2024-03-02: 4 (disagrees)</title>" in page
    assert "<title>gamma.com, no date: 3 (agrees)</title>" in page  # an undated report
    assert "<title>beta.com, 2024-03-01: at least 2 (agrees)</title>" in page
    assert page.count('class="consensus"') == 2 + 1  # one line per chart, and the legend's
    assert "no date" in page
    # Equal values on the same date do not sit on each other.
    points = re.findall(r'<g class="pt st-agrees"><title>(alpha|delta)\.com, 2024-03-01: 3 \(agrees\)</title>'
                        r'<path d="M([\d.]+) ([\d.]+)', page)
    assert len(points) == 2 and points[0][1] != points[1][1] and points[0][2] == points[1][2]
    # Evidence: the figure is marked in its sentence, with its place in the file.
    assert "Police said <mark>four</mark> died." in page
    assert "corpus.jsonl:7:12" in page


def test_chart_with_one_date_and_one_value() -> None:
    reports = [_report("alpha.com", "2024-03-01", 3, "agrees"), _report("beta.com", "2024-03-01", 3, "agrees")]
    record = _record([_event("ev-1", "Same day", [_measure("killed", 3, reports)])], [])
    page = audit_html.render(record)
    assert page.count('<svg class="chart"') == 1
    assert "nan" not in page.lower().replace("nanosecond", "")
    assert "2024-03-01" in page


def test_chart_with_no_dates() -> None:
    reports = [_report("alpha.com", None, 3, "agrees"), _report("beta.com", None, 5, "disagrees")]
    page = audit_html.render(_record([_event("ev-1", "No dates", [_measure("killed", 3, reports)])], []))
    assert page.count('<svg class="chart"') == 1 and "no date" in page


def test_events_filter_leaves_out_single_outlet_unflagged_events_and_counts_them() -> None:
    record = _record_sample()
    page = audit_html.render(record)
    assert "Three killed in shooting" in page
    assert "A lone report" not in page
    assert re.search(r"<strong>1</strong> other event is\s+left out", page)
    # A flagged single-outlet event is shown.
    flagged = _event("ev-3", "Outlet lowered its toll", [_measure("killed", 3, [
        _report("alpha.com", "2024-04-01", 3, "agrees", article="x1"),
        _report("alpha.com", "2024-04-02", 2, "lowered", article="x2")])])
    assert audit_html.shown(flagged)
    page = audit_html.render(_record(record["events"] + [flagged], record["sources"]))
    assert "Outlet lowered its toll" in page and 'href="#e2"' in page


def test_an_empty_record_renders() -> None:
    page = audit_html.render(_record([], []))
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "No outlet had a figure checked" in page
    assert "No event has a flagged figure" in page
    assert "No discrepancies found within articles." in page
    assert "<svg" not in page


def test_discrepancies_within_articles_are_listed() -> None:
    page = audit_html.render(_record_sample())
    assert "CAS001" in page and "killed: 3 in the headline vs 4 in the body" in page
    assert "<mark>Four</mark> people died." in page  # found whatever the case
    assert "<mark>3</mark> killed" in page
