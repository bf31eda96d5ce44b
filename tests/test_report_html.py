"""The HTML check report without a browser: the embedded data, its escaping, the CSP, determinism, the summary."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import unescape
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest

from checker.cli import main
from checker.ingest.jsonl import read_jsonl
from checker.ingest.plaintext import read_text
from checker.pipeline import check_documents
from checker.reports import REPORTERS, html
from checker.reports.sarif import DOCS_URL

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
HOSTILE = "</script><script>window.pwned=1</script><!-- <script> & \u2028\u2029 </SCRIPT >"


class Page(HTMLParser):
    """Every start tag's attributes, and the text of each <style> and <script> element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._open: tuple[str, dict[str, str | None]] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "script"):
            self._open = (tag, dict(attrs))
            (self.styles if tag == "style" else self.scripts).append("" if tag == "style" else (dict(attrs), ""))

    def handle_endtag(self, tag) -> None:
        if self._open and tag == self._open[0]:
            self._open = None

    def handle_data(self, data) -> None:
        if self._open is None:
            return
        if self._open[0] == "style":
            self.styles[-1] += data
        else:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


def data_block(page: str) -> str:
    m = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    assert m, "the page embeds its data"
    return m.group(1)


def data_of(page: str) -> dict:
    return json.loads(data_block(page))


def _sha(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> tuple[str, dict]:
    """The examples' HTML report and their JSON report, both from the command line."""
    out = tmp_path_factory.mktemp("examples")
    assert main(["check", str(EXAMPLES), "--format", "html", "-o", str(out / "report.html")]) == 1
    assert main(["check", str(EXAMPLES), "--format", "json", "-o", str(out / "report.json")]) == 1
    return (out / "report.html").read_text(encoding="utf-8"), json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hostile(rules) -> tuple[str, str]:
    """A report whose article text, outlet and id carry markup, a comment opener and line separators."""
    record = {"id": f"x{HOSTILE}", "source": f"Outlet {HOSTILE}",
              "title": f"Fire kills 12 {HOSTILE}",
              "body": f"Nine people were killed in the fire {HOSTILE}, officials said."}
    docs, _ = read_jsonl("evil.jsonl", json.dumps(record) + "\n")
    result = check_documents(docs, rules)
    assert result.discrepancies, "the hostile article has a finding, so the payload is in the findings too"
    return html.render(result), HOSTILE


def test_script_json_escapes_what_could_end_the_data_block() -> None:
    text = html.script_json({"a": HOSTILE, "b": ["<!--", "-->", "]]>", "&amp;"]})
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == {"a": HOSTILE, "b": ["<!--", "-->", "]]>", "&amp;"]}


def test_hostile_text_round_trips_through_the_embedded_data(hostile) -> None:
    page, payload = hostile
    block = data_block(page)
    assert "</script" not in block.lower() and "<!--" not in block and "<" not in block
    assert "\u2028" not in block and "\u2029" not in block
    data = json.loads(block)
    article = data["articles"][0]
    text = "".join(p if isinstance(p, str) else p[0] for s in article["segments"] for p in s["parts"])
    assert payload in text and article["source"] == f"Outlet {payload}" and article["id"] == f"x{payload}"
    sides = [s for f in data["findings"] for s in f["sides"]]
    assert any(payload in s["before"] + s["text"] + s["after"] for s in sides)
    # Outside the data block the payload shows only escaped (the summary names no article text).
    rest = page.replace(block, "")
    assert "window.pwned" not in rest and rest.lower().count("<script") == 2


def test_the_csp_allows_exactly_the_inline_script_and_style(examples) -> None:
    page, _ = examples
    parsed = parse(page)
    [csp] = [a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in unescape(csp).split(";"))
    [style] = parsed.styles
    [code] = [text for attrs, text in parsed.scripts if "type" not in attrs]
    assert directives == {"default-src": "'none'", "script-src": f"'{_sha(code)}'", "style-src": f"'{_sha(style)}'",
                          "img-src": "'none'", "base-uri": "'none'", "form-action": "'none'"}
    assert "unsafe" not in csp
    shipped = resources.files("checker.reports").joinpath("templates")
    assert code == shipped.joinpath("report.js").read_text(encoding="utf-8")
    assert style == shipped.joinpath("report.css").read_text(encoding="utf-8")
    # The only other script is the data block, which a browser never runs.
    assert [attrs for attrs, _ in parsed.scripts if "type" in attrs] == [{"type": "application/json", "id": "report-data"}]


def test_no_inline_handlers_style_attributes_or_remote_references(examples, hostile) -> None:
    for page in (examples[0], hostile[0]):
        for tag, attrs in parse(page).tags:
            assert not [a for a in attrs if a.startswith("on")], f"inline event handler on <{tag}>"
            assert "style" not in attrs, f"style attribute on <{tag}>"
            for a in ("src", "href", "action", "data", "srcset", "poster"):
                assert not (attrs.get(a) or "").lstrip().lower().startswith(("http", "//", "javascript:")), (tag, a)


def test_the_script_never_parses_markup_nor_sets_style_attributes() -> None:
    code = resources.files("checker.reports").joinpath("templates/report.js").read_text(encoding="utf-8")
    for banned in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                   "setAttribute(\"style\"", "setAttribute('style'", ".cssText", "fetch(", "XMLHttpRequest",
                   "import(", "</script"):
        assert banned not in code, banned


def test_same_result_same_bytes(examples, tmp_path: Path) -> None:
    page, _ = examples
    again = tmp_path / "again.html"
    assert main(["check", str(EXAMPLES), "--format", "html", "-o", str(again)]) == 1
    assert again.read_text(encoding="utf-8") == page


def test_the_summary_is_in_the_page_before_any_script_runs(examples) -> None:
    page, record = examples
    summary = record["summary"]
    shell = re.sub(r"<script\b.*?</script>", "", page, flags=re.S)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", shell)).split())
    assert f"{summary['articles']} articles from " in text
    assert f"{summary['claims']} figures read, {summary['measured_claims']} checked" in text
    assert f"{summary['discrepancies']} findings:" in text
    for severity, n in summary["by_severity"].items():
        assert f"{n} {severity}" in text
    kinds: dict[str, int] = {}
    for d in record["discrepancies"]:
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    assert "by kind: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) in text
    assert "needs JavaScript" in text and "--format json" in text and "<noscript>" in shell


def test_the_data_holds_every_finding_errors_first(examples) -> None:
    page, record = examples
    data = data_of(page)
    assert sorted(f["fp"] for f in data["findings"]) == sorted(d["fingerprint"] for d in record["discrepancies"])
    ranks = [("error", "warning", "info").index(f["severity"]) for f in data["findings"]]
    assert ranks == sorted(ranks)
    by_fp = {d["fingerprint"]: d for d in record["discrepancies"]}
    for f in data["findings"]:
        d = by_fp[f["fp"]]
        assert (f["rule"], f["severity"], f["kind"], f["message"]) == (d["rule"], d["severity"], d["kind"], d["message"])
        assert data["rules"][f["rule"]] == {"name": d["rule_name"],
                                            "help": f"{DOCS_URL}rules.md#{d['rule'].lower()}"}
        path = [(data["articles"][s["article"] - 1]["path"], data["articles"][s["article"] - 1]["id"],
                 data["articles"][s["article"] - 1].get("source"), s.get("locations") or [[s["line"], s["column"]]],
                 s["text"]) for s in f["sides"]]
        assert path == [(e["path"], e["article"], e["source"], [[x["line"], x["column"]] for x in e["locations"]],
                         e["text"]) for e in d["evidence"]]
        assert [s["before"] + s["text"] + s["after"] for s in f["sides"]] == [e["sentence"] for e in d["evidence"]]


def test_articles_are_cut_into_spans_that_rebuild_their_text(examples) -> None:
    data = data_of(examples[0])
    assert [a["n"] for a in data["articles"]] == list(range(1, len(data["articles"]) + 1))
    for f in data["findings"]:
        for s in f["sides"]:
            article = data["articles"][s["article"] - 1]
            spans = [p for seg in article["segments"] for p in seg["parts"] if not isinstance(p, str)]
            [span] = [p for p in spans if s["span"] in p[1:]]
            assert span[0] == s["text"] and article["claims"][s["span"]]["findings"]
            assert data["findings"].index(f) in article["claims"][s["span"]]["findings"]


def test_offsets_survive_characters_outside_the_basic_plane(rules) -> None:
    text = "Fire \U0001F525 kills 12 in Harbour Street\n\nThe \U0001F525 fire killed 14 people on Harbour Street, police said.\n"
    result = check_documents(read_text("emoji.txt", text), rules)
    data = data_of(html.render(result))
    [article] = data["articles"]
    spans = [p[0] for seg in article["segments"] for p in seg["parts"] if not isinstance(p, str)]
    assert "12" in spans and "14" in spans
    [f] = data["findings"]
    assert [s["text"] for s in f["sides"]] == ["12", "14"]


def test_claim_records_say_how_a_figure_was_read(examples) -> None:
    data = data_of(examples[0])
    quake = next(a for a in data["articles"] if a["path"].endswith("quake-wire.txt"))
    killed = [c for c in quake["claims"].values() if c.get("measure") == "killed"]
    assert {c["text"] for c in killed} >= {"24", "21"}
    c = next(c for c in killed if c["text"] == "21")
    assert c["value"] == "21" and c["interval"] == "[21, 21]" and c["rule"] == "CAS001" and c["segment"] == "caption"
    assert c["qualifier"] == "exact" and c["counted_class"] == "people"


def test_why_the_sides_were_compared(examples) -> None:
    data = data_of(examples[0])
    by_rule = {(f["rule"], f["scope"]): f["why"] for f in data["findings"]}
    assert "CAS001" in by_rule[("CAS001", "within")] and "“killed”" in by_rule[("CAS001", "within")]
    assert "counts people" in by_rule[("CAS001", "within")] and "in one article" in by_rule[("CAS001", "within")]
    across = by_rule[("CAS002", "across")]
    assert "articles" in across and "published at most 3 days apart" in across and "Harbourline Daily" in across
    assert "read as parts of “9”" in by_rule[("PRT001", "within")]
    assert "house style" in by_rule[("STY001", "within")] and "“Drawik”" in by_rule[("STY001", "within")]
    assert "one name" in by_rule[("NAM001", "within")]


def test_registered_as_the_html_format(examples) -> None:
    page, _ = examples
    assert page.startswith("<!DOCTYPE html>") and REPORTERS["html"] is not None
    ids = re.findall(r'\bid="([^"]+)"', re.sub(r"<script\b.*?</script>", "", page, flags=re.S))
    for needed in ("filter-severity", "filter-kind", "filter-rule", "filter-article", "filter-outlet", "filter-text",
                   "finding-count", "findings", "article-view", "claim-details", "help"):
        assert needed in ids, needed
    assert len(ids) == len(set(ids))
    for control in ("filter-severity", "filter-kind", "filter-rule", "filter-article", "filter-outlet", "filter-text",
                    "article-picker"):
        assert f'<label for="{control}">' in page, f"{control} has a label"
