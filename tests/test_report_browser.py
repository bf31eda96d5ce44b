"""The HTML check report in a real browser (Chromium through Playwright, see tests/browser.py).

The report under test is the bundled examples' (``claimcheck check examples/ --format html``);
every expectation is computed from the JSON report of the same run, not written down.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import browser, open_report  # noqa: F401  (browser is a fixture)

from checker.cli import main
from checker.ingest.plaintext import read_text
from checker.pipeline import check_documents
from checker.reports import html

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FILTERS = ("severity", "kind", "rule", "article", "outlet")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("report")
    assert main(["check", str(EXAMPLES), "--format", "html", "-o", str(out / "report.html")]) == 1
    assert main(["check", str(EXAMPLES), "--format", "json", "-o", str(out / "report.json")]) == 1
    return out / "report.html", json.loads((out / "report.json").read_text(encoding="utf-8"))


def shown(page) -> list[str]:
    """Fingerprints of the findings in the list, in order."""
    return page.eval_on_selector_all("#findings [data-finding]", "els => els.map(e => e.dataset.finding)")


def selected(page) -> list[str]:
    return page.eval_on_selector_all('#findings [aria-current="true"]', "els => els.map(e => e.dataset.finding)")


def expected(record: dict, name: str, value: str) -> set[str]:
    """What a filter should leave, from the JSON report."""
    def keep(d: dict) -> bool:
        if name in ("severity", "kind", "rule"):
            return d[name] == value
        if name == "article":
            return any(e["article"] == value for e in d["evidence"])
        return any(e["source"] == value for e in d["evidence"])
    return {d["fingerprint"] for d in record["discrepancies"] if keep(d)}


def values(record: dict, name: str) -> set[str]:
    if name == "article":
        return {e["article"] for d in record["discrepancies"] for e in d["evidence"]}
    if name == "outlet":
        return {e["source"] for d in record["discrepancies"] for e in d["evidence"] if e["source"]}
    return {d[name] for d in record["discrepancies"]}


def haystack(d: dict) -> str:
    words = [d["message"], d["rule"], d["rule_name"], d["measure"], d["kind"], d["scope"], d["severity"]]
    for e in d["evidence"]:
        words += [e["sentence"], e["path"], e["article"], e["source"] or ""]
    return "\n".join(words).lower()


def test_loads_without_errors_violations_or_requests(browser, report) -> None:
    path, record = report
    watched = open_report(browser, path)
    page = watched.page
    assert watched.console_errors == []
    assert watched.csp_violations() == []
    assert watched.other_requests() == []
    assert sorted(shown(page)) == sorted(d["fingerprint"] for d in record["discrepancies"])
    n = len(record["discrepancies"])
    assert page.text_content("#finding-count") == f"{n} of {n} findings"
    assert page.evaluate("window.claimcheckReport.readyAt") < 1000
    # Every finding carries its severity as text, not only as a colour.
    for fp in shown(page):
        item = page.locator(f'[data-finding="{fp}"]')
        severity = item.get_attribute("data-severity")
        assert severity in item.locator(".sev").first.inner_text().lower()
    page.context.close()


@pytest.mark.parametrize("name", FILTERS)
def test_each_filter_leaves_the_findings_it_names(browser, report, name: str) -> None:
    path, record = report
    watched = open_report(browser, path)
    page = watched.page
    options = page.eval_on_selector_all(f"#filter-{name} option", "os => os.map(o => o.value)")
    assert options[0] == "" and set(options[1:]) == values(record, name)
    total = len(record["discrepancies"])
    for value in options[1:]:
        page.select_option(f"#filter-{name}", value)
        want = expected(record, name, value)
        assert set(shown(page)) == want, (name, value)
        assert page.text_content("#finding-count") == f"{len(want)} of {total} findings"
    page.select_option(f"#filter-{name}", "")
    assert len(shown(page)) == total
    assert watched.console_errors == []
    page.context.close()


def test_filters_combine(browser, report) -> None:
    path, record = report
    page = open_report(browser, path).page
    page.select_option("#filter-severity", "warning")
    page.select_option("#filter-rule", "CAS002")
    want = expected(record, "severity", "warning") & expected(record, "rule", "CAS002")
    assert want and set(shown(page)) == want
    page.click("#filter-clear")
    assert len(shown(page)) == len(record["discrepancies"])
    page.context.close()


def test_text_filter(browser, report) -> None:
    path, record = report
    page = open_report(browser, path).page
    for term in ("warehouse", "Harbourline", "house style", "DISPLACED 4,500"):
        page.fill("#filter-text", term)
        words = term.lower().split()
        want = {d["fingerprint"] for d in record["discrepancies"] if all(w in haystack(d) for w in words)}
        assert want and len(want) < len(record["discrepancies"]), term
        assert set(shown(page)) == want, term
    page.fill("#filter-text", "no finding says this")
    assert shown(page) == [] and page.text_content("#finding-count").startswith("0 of ")
    assert "No finding passes" in page.text_content("#findings")
    page.context.close()


def test_j_and_k_move_the_selection_and_the_fragment(browser, report) -> None:
    path, _ = report
    page = open_report(browser, path).page
    order = shown(page)
    assert selected(page) == []
    page.keyboard.press("j")
    assert selected(page) == [order[0]] and page.evaluate("location.hash") == f"#finding-{order[0]}"
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert selected(page) == [order[2]] and page.evaluate("location.hash") == f"#finding-{order[2]}"
    page.keyboard.press("k")
    assert selected(page) == [order[1]] and page.evaluate("location.hash") == f"#finding-{order[1]}"
    for _ in order:
        page.keyboard.press("j")
    assert selected(page) == [order[-1]], "j stops at the last finding"
    # j and k follow the filtered list
    page.select_option("#filter-severity", "error")
    errors = shown(page)
    page.keyboard.press("Escape")
    page.locator("#findings-heading").focus()
    page.keyboard.press("j")
    assert selected(page) == [errors[0]]
    page.context.close()


def test_a_finding_fragment_selects_and_scrolls_to_it(browser, report) -> None:
    path, _ = report
    watched = open_report(browser, path)
    last = shown(watched.page)[-1]
    page = watched.page.context.new_page()
    page.goto(f"{watched.url}#finding-{last}")
    page.wait_for_function("window.claimcheckReport && window.claimcheckReport.ready === true")
    assert selected(page) == [last]
    assert page.evaluate("window.scrollY") > 0, "the last finding is below the fold: the page scrolled"
    box = page.locator(f'[data-finding="{last}"]').bounding_box()
    assert 0 <= box["y"] < 900
    # Its sides are marked in the article view.
    assert page.locator("#article-view .claim.current").count() >= 1
    watched.page.context.close()


def test_clicking_a_finding_opens_its_article_at_its_spans(browser, report) -> None:
    path, record = report
    page = open_report(browser, path).page
    articles = [a["id"] for a in record["articles"]]
    by_fp = {d["fingerprint"]: d for d in record["discrepancies"]}
    for fp in shown(page):
        page.click(f'[data-finding="{fp}"] .pick')
        first = by_fp[fp]["evidence"][0]["article"]
        shown_article = int(page.input_value("#article-picker"))
        sides_here = [e for e in by_fp[fp]["evidence"] if e["article"] == articles[shown_article - 1]]
        assert sides_here, "the article shown holds a side of the finding"
        if fp == shown(page)[0]:
            assert articles[shown_article - 1] == first
        current = page.eval_on_selector_all("#article-view .claim.current", "els => els.map(e => e.textContent)")
        assert sorted(current) == sorted({(e["text"], e["line"], e["column"]): e["text"] for e in sides_here}.values())
        assert page.evaluate("location.hash") == f"#finding-{fp}"
    page.context.close()


def test_an_article_fragment_opens_the_article(browser, report) -> None:
    path, record = report
    watched = open_report(browser, path)
    n = next(k for k, a in enumerate(record["articles"], 1) if a["path"].endswith("quake-wire.txt"))
    page = watched.page.context.new_page()
    page.goto(f"{watched.url}#article-{n}")
    page.wait_for_function("window.claimcheckReport && window.claimcheckReport.ready === true")
    assert page.input_value("#article-picker") == str(n)
    assert page.text_content("#article-view h3") == record["articles"][n - 1]["id"]
    in_findings = {e["text"] for d in record["discrepancies"] for e in d["evidence"]
                   if e["article"] == record["articles"][n - 1]["id"]}
    marked = set(page.eval_on_selector_all("#article-view [data-claim].in-finding", "els => els.map(e => e.textContent)"))
    assert marked == in_findings
    roles = page.eval_on_selector_all("#article-view .role", "els => els.map(e => e.textContent)")
    assert roles[0] == "headline" and "caption" in roles and "body" in roles
    # The fragment changes while the page is open: the view follows.
    page.evaluate("location.hash = '#article-1'")
    page.wait_for_function("document.querySelector('#article-picker').value === '1'")
    watched.page.context.close()


def test_clicking_a_claim_shows_how_it_was_read(browser, report) -> None:
    path, record = report
    page = open_report(browser, path).page
    d = next(d for d in record["discrepancies"] if d["rule"] == "CAS001")
    side = next(e for e in d["evidence"] if e["segment"] == "caption")
    n = next(k for k, a in enumerate(record["articles"], 1) if a["id"] == side["article"])
    page.select_option("#article-picker", str(n))
    assert page.evaluate("location.hash") == f"#article-{n}"
    span = page.locator("#article-view [data-claim].in-finding", has_text=side["text"]).first
    span.click()
    details = page.text_content("#claim-details")
    assert f"value{side['value']['low']}" in details.replace(" ", "")
    assert d["measure"] in details and "caption" in details and d["message"] in details
    # Keyboard: the next claim by Tab and Enter.
    page.locator("#article-view [data-claim]").first.focus()
    page.keyboard.press("Enter")
    first = page.locator("#article-view [data-claim]").first.text_content()
    assert f"“{first}”" in page.text_content("#claim-details")
    page.context.close()


def test_help_opens_with_question_mark_and_closes_with_escape(browser, report) -> None:
    path, _ = report
    page = open_report(browser, path).page
    assert not page.evaluate("document.getElementById('help').open")
    page.keyboard.press("?")
    assert page.evaluate("document.getElementById('help').open")
    assert page.locator("#help").is_visible()
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('help').open")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "filter-text"
    page.keyboard.type("j")  # typed into the filter, not a shortcut
    assert page.input_value("#filter-text") == "j" and selected(page) == []
    page.context.close()


def _background(browser, path: Path, scheme: str) -> tuple[int, ...]:
    page = open_report(browser, path, color_scheme=scheme).page
    colour = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.context.close()
    return tuple(int(x) for x in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3])


def test_dark_mode_changes_the_background(browser, report) -> None:
    path, _ = report
    light, dark = _background(browser, path, "light"), _background(browser, path, "dark")
    assert sum(light) > 600 and sum(dark) < 150


def test_print_hides_the_filters(browser, report) -> None:
    path, _ = report
    page = open_report(browser, path).page
    assert page.locator("#filter-severity").is_visible() and page.locator("#filter-text").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("#filter-severity").is_visible() and not page.locator("#filter-text").is_visible()
    assert page.locator("#findings [data-finding]").first.is_visible()
    page.context.close()


def test_without_javascript_the_summary_and_the_note_show(browser, report) -> None:
    path, record = report
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(path.resolve().as_uri())
    text = page.inner_text("body")
    assert "needs JavaScript" in text and f"{record['summary']['discrepancies']} findings" in text
    assert not page.locator("#filter-severity").is_visible()
    context.close()


def test_a_long_report_is_paged(browser, rules, tmp_path: Path) -> None:
    docs = []
    for i in range(130):
        k = 10 + i % 20
        docs += read_text(f"a{i:03d}.txt", f"{k} killed in Harbour Street fire\n\n"
                                            f"Police said {k + 2} people were killed on Harbour Street.\n")
    result = check_documents(docs, rules, across=False)
    assert len(result.discrepancies) == 130
    path = tmp_path / "long.html"
    path.write_text(html.render(result), encoding="utf-8")
    watched = open_report(browser, path)
    page = watched.page
    assert len(shown(page)) == 100 and page.locator("#findings-more").is_visible()
    assert page.text_content("#finding-count") == "130 of 130 findings"
    last = result.discrepancies[-1].fingerprint
    page.click("#findings-more")
    assert len(shown(page)) == 130 and not page.locator("#findings-more").is_visible()
    # A fragment beyond the first page draws up to it.
    other = watched.page.context.new_page()
    other.goto(f"{watched.url}#finding-{last}")
    other.wait_for_function("window.claimcheckReport && window.claimcheckReport.ready === true")
    assert selected(other) == [last] and len(shown(other)) > 100
    assert other.locator(f'[data-finding="{last}"]').is_visible()
    assert watched.console_errors == [] and watched.csp_violations() == []
    page.context.close()


def test_a_report_without_findings(browser, rules, tmp_path: Path) -> None:
    result = check_documents(read_text("calm.txt", "Council meets\n\nThe council met on Monday.\n"), rules)
    assert not result.discrepancies
    path = tmp_path / "calm.html"
    path.write_text(html.render(result), encoding="utf-8")
    watched = open_report(browser, path)
    page = watched.page
    assert watched.console_errors == [] and watched.csp_violations() == []
    assert page.text_content("#finding-count") == "0 of 0 findings"
    assert "No discrepancies found." in page.text_content("#findings")
    assert page.text_content("#article-view h3") == "calm.txt"
    page.keyboard.press("j")  # nothing to select: no error
    assert watched.console_errors == []
    page.context.close()


@pytest.mark.parametrize("fragment", ["#finding-%E0%A4%A", "#finding-0000", "#article-0", "#article-99999",
                                      "#finding-%3Cimg%20src%3Dx%3E", "#%"])
def test_a_bad_fragment_is_harmless(browser, report, fragment: str) -> None:
    path, record = report
    watched = open_report(browser, path)
    page = watched.page.context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{watched.url}{fragment}")
    page.wait_for_function("window.claimcheckReport && window.claimcheckReport.ready === true")
    assert errors == [] and selected(page) == []
    assert len(shown(page)) == len(record["discrepancies"])
    watched.page.context.close()


def test_landmarks_labels_and_visible_focus(browser, report) -> None:
    path, _ = report
    page = open_report(browser, path).page
    for role in ("banner", "main", "contentinfo", "search"):
        assert page.get_by_role(role).count() == 1, role
    for name in ("Severity", "Kind", "Rule", "Article", "Outlet", "Article shown"):
        assert page.get_by_role("combobox", name=name, exact=True).count() == 1, name
    assert page.get_by_role("searchbox", name="Text").count() == 1
    unnamed = page.evaluate("""() => [...document.querySelectorAll('select, input, button, [role=button], a[href]')]
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
        .map(e => e.outerHTML.slice(0, 80))""")
    assert unnamed == []
    # Keyboard focus is visible: Tab from the top reaches the skip link, then the first filter.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-severity"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.context.close()
