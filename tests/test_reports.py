"""Report formats: JSON schema and determinism, HTML safety and self-containment."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from checker.ingest.jsonl import read_jsonl
from checker.pipeline import check_documents, check_paths
from checker.reports import html, json_report

GOLDEN = Path(__file__).parent / "golden"
CASES = [str(GOLDEN / name / "article.txt") for name in ("more_than_conflict", "repeated_caption_one_finding",
                                                           "part_exceeds_whole", "body_vs_body_is_warning")]


def test_json_is_byte_identical_across_runs(rules) -> None:
    first = json_report.render(check_paths(CASES, rules))
    second = json_report.render(check_paths(CASES, rules))
    assert first == second


def test_json_has_the_documented_fields(rules) -> None:
    data = json.loads(json_report.render(check_paths(CASES, rules)))
    assert data["schema"] == "claimcheck/check" and data["version"] == 1
    assert data["summary"]["discrepancies"] == len(data["discrepancies"]) == 4
    for d in data["discrepancies"]:
        assert {"rule", "kind", "measure", "severity", "scope", "message", "fingerprint", "evidence"} <= d.keys()
        assert d["kind"] == "numeric"
        for e in d["evidence"]:
            assert {"path", "article", "segment", "line", "column", "text", "value", "unit", "qualifier",
                    "attribution"} <= e.keys()
            assert set(e["value"]) == {"low", "high"}


def test_fingerprints_survive_unrelated_edits(rules, tmp_path: Path) -> None:
    original = (GOLDEN / "more_than_conflict" / "article.txt").read_text(encoding="utf-8")
    a = tmp_path / "a.txt"
    a.write_text(original, encoding="utf-8")
    before = check_paths([str(a)], rules).discrepancies[0].fingerprint
    headline, rest = original.split("\n", 1)
    a.write_text(headline + "\n\nAn unrelated paragraph was added here.\n" + rest, encoding="utf-8")
    after = check_paths([str(a)], rules).discrepancies[0]
    assert after.fingerprint == before
    assert after.evidence[-1].locations[0][0] > 3, "the line moved, the fingerprint did not"


PAYLOAD = '<script>window.pwned=1</script><img src=x onerror="window.pwned=1">'


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    assert m, "the page embeds its data"
    return json.loads(m.group(1))


def test_html_escapes_article_text(rules) -> None:
    record = {"id": "x<script>", "title": f"Fire kills 12 {PAYLOAD}", "source": PAYLOAD,
              "body": f"Nine people were killed in the fire {PAYLOAD}, officials said."}
    docs, _ = read_jsonl("evil.jsonl", json.dumps(record) + "\n")
    page = html.render(check_documents(docs, rules))
    # The page's own two scripts (the data block and the code) and nothing of the article's.
    assert page.lower().count("<script") == 2 and "<script>window.pwned" not in page
    assert "<img" not in page and 'onerror="' not in page
    data = _data(page)
    assert data["articles"][0]["source"] == PAYLOAD
    assert any(PAYLOAD in s["before"] + s["text"] + s["after"] for f in data["findings"] for s in f["sides"])


def test_html_is_self_contained_with_a_strict_csp(rules) -> None:
    page = html.render(check_paths(CASES, rules))
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp and unescape(csp.group(1)).startswith("default-src 'none'; style-src 'sha256-")
    assert "'unsafe-inline'" not in unescape(csp.group(1))
    assert not re.search(r'(?:src|href)\s*=\s*["\']?(?:https?:)?//', page)
    assert len(_data(page)["findings"]) == 4
