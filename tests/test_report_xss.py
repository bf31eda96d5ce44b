"""Issue 8 acceptance: hostile article text never runs in the HTML report, and is still shown.

Fifty XSS payloads are spread over the headline, captions, body paragraphs,
outlet and URL of a few JSONL articles whose figures disagree, so the payloads
also sit inside the findings' evidence sentences and messages. Every payload,
were it ever run, sets the same sentinel global (``__xss``) on the report's
window, so one check catches them all.

In Chromium (tests/browser.py) the report is loaded, every article view is
opened, every finding is selected, claims are clicked, the filters are used
(the text filter with payloads typed in) and fragments carrying payloads are
followed; after each step the sentinel must still be undefined. The report must
also raise no Content-Security-Policy violation at all: a blocked inline script
or handler means the report emitted markup from data, which is the bug even
when the CSP caught it. Finally every payload's text must be visible in the
page, as text.

Without a browser, the raw HTML is compared with the report of the same
articles with every payload replaced by plain words: the same script elements,
no other kinds of element, no event-handler attribute, no ``javascript:`` or
``data:`` URL, and no payload's markup verbatim.

The page is driven only through the report's DOM contract: ``window.claimcheckReport.ready``,
the ``#article-<n>`` and ``#finding-<fingerprint>`` fragments, ``#article-view``
with its ``[data-claim]`` spans, ``#findings`` with its ``[data-finding]``
elements, and the ``#filter-*`` controls.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import browser, open_report  # noqa: F401  (browser is a fixture)

from checker import cli

SENTINEL = "__xss"
SET = f"window.{SENTINEL}=1"

# Every payload sets the sentinel if it is ever run (from an iframe: on its parent).
PAYLOADS = [
    # script elements, and breaking out of the element that holds the text
    f"<script>{SET}</script>",
    f"</script><script>{SET}</script>",
    f"<ScRiPt>{SET}</sCrIpT>",
    f"<script src=\"data:text/javascript,{SET}\"></script>",
    f"\"><script>{SET}</script>",
    f"</title><script>{SET}</script>",
    f"</textarea><script>{SET}</script>",
    f"</style><script>{SET}</script>",
    f"--><script>{SET}</script><!--",
    f"]]><script>{SET}</script>",
    f"<![CDATA[<script>{SET}</script>]]>",
    # event handlers
    f"<img src=x onerror={SET}>",
    f"<img src=\"x\" onerror=\"{SET}\">",
    f"<svg><animate onbegin={SET} attributeName=x dur=1s>",
    f"<body onload={SET}>",
    f"<details open ontoggle={SET}>",
    f"<input autofocus onfocus={SET}>",
    f"<x onclick={SET} onmouseover={SET}>hover me</x>",
    # javascript: and data: URLs in markup
    f"<a href=\"javascript:{SET}\">read more</a>",
    f"<a href=\"jav&#x09;ascript:{SET}\">tabbed</a>",
    f"<form action=\"javascript:{SET}\"><button>go</button></form>",
    f"<object data=\"javascript:{SET}\"></object>",
    f"<iframe srcdoc=\"<script>parent.{SENTINEL}=1</script>\"></iframe>",
    f"<iframe src=\"javascript:parent.{SENTINEL}=1\"></iframe>",
    f"<svg><a xlink:href=\"javascript:{SET}\"><text>svg link</text></a></svg>",
    f"<base href=\"javascript:{SET}//\">",
    f"<meta http-equiv=\"refresh\" content=\"0;url=javascript:{SET}\">",
    # breaking out of a string or object of data embedded in a script
    f"'-alert({SET})-'",
    f"\";{SET};//",
    f"\\\";{SET};//",
    # template syntax (Angular/Vue, Jinja, JavaScript template literals, ERB/EJS)
    f"{{% if true %}}<script>{SET}</script>{{% endif %}}",
    f"${{{SET}}}",
    f"<%= {SET} %>",
    # mutation XSS (markup re-parsed differently after sanitising)
    f"<math><mtext><table><mglyph><style><img src=x onerror={SET}>",
    f"<noscript><p title=\"</noscript><img src=x onerror={SET}>\">",
    # CSS
    f"<div style=\"width: expression({SET}); background: url(javascript:{SET})\">styled</div>",
    f"<style>@import 'javascript:{SET}';</style>",
    # JavaScript line terminators, escapes already decoded once, entities, NUL
    f"\\u003cscript\\u003e{SET}\\u003c/script\\u003e",
    f"&lt;script&gt;{SET}&lt;/script&gt; &#60;img src=x onerror={SET}&#62;",
    f"<scr\x00ipt>{SET}</scr\x00ipt> java\x00script:{SET}",
]
# As a record's "source": the outlet, shown in findings, article views and the outlet filter. The
# JavaScript line terminators are here because ingest splits body text at them (str.splitlines), so
# in a paragraph they would come out as separate paragraphs, with the report's labels between them.
OUTLET_PAYLOADS = [
    f"\"}}]);{SET};//",
    f"<svg onload={SET}>",
    f"<!--<script>{SET}</script>-->",
    f"{{{{constructor.constructor('{SET}')()}}}}",
    f"\u2028{SET}\u2029//</script>",
]
# As a record's "url", which a report may be tempted to make a link of.
URL_PAYLOADS = [
    f"javascript:{SET}",
    f" JaVaScRiPt:{SET}",
    f"data:text/html,<script>top.{SENTINEL}=1</script>",
    f"javascript:/*</a><svg onload={SET}>*/",
    f"https://example.invalid/\" onmouseover=\"{SET}\" x=\"",
]
ALL_PAYLOADS = PAYLOADS + OUTLET_PAYLOADS + URL_PAYLOADS

# Five articles: two events reported by two outlets each (so outlets meet in
# cross-article findings) and one by one; killed and injured disagree inside
# every article, and across the pairs.
TOWNS = ("Harlow", "Harlow", "Carrow", "Carrow", "Brackley")


def _records(fill: list[str], outlets: list[str], urls: list[str]) -> list[dict]:
    """The articles: ``fill`` dealt into their headlines, captions and paragraphs in order, one outlet and URL each."""
    slots = iter(fill)
    records = []
    for n, (town, outlet, url) in enumerate(zip(TOWNS, outlets, urls, strict=True), 1):
        records.append({
            "id": f"article-{n}",
            "title": f"{town} harbour blast kills 18 {next(slots)}",
            "captions": [f"Rescuers at the {town} harbour, where 15 people were killed {next(slots)}",
                         f"The warehouse after the blast {next(slots)}"],
            "body": "\n".join([
                f"The explosion at the {town} harbour killed 18 people {next(slots)} on Monday, police said.",
                f"Doctors said 40 people were injured {next(slots)}, the hospital said.",
                f"Firefighters said 44 people were injured {next(slots)} in the blast.",
                f"Officials said 3 people were missing {next(slots)} on Tuesday.",
                f"Police arrested 2 men {next(slots)} after the blast.",
            ]),
            "source": outlet,
            "url": url,
            "published": "2026-03-02",
        })
    assert next(slots, None) is None, "every payload is placed"
    return records


def _benign(n: int) -> str:
    """Plain words in place of the n-th payload: no markup, no figure."""
    return f"plain note {chr(ord('a') + n % 26)}{chr(ord('a') + n // 26)}"


def _check(tmp_path: Path, name: str, records: list[dict], fmt: str) -> Path:
    corpus = tmp_path / f"{name}.jsonl"
    # ensure_ascii: U+2028/U+2029 and NUL travel as JSON escapes, as a JSONL file must carry them.
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / f"{name}.{fmt}"
    code = cli.main(["check", str(corpus), "--format", fmt, "-o", str(out), "--isolated"])
    assert code == 1, f"the articles' figures disagree, so the check fails (exit code {code})"
    return out


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("xss")
    hostile = _records(PAYLOADS, OUTLET_PAYLOADS, URL_PAYLOADS)
    benign = _records([_benign(n) for n in range(len(PAYLOADS))], [f"Outlet {_benign(n)}" for n in range(len(TOWNS))],
                      [f"https://example.invalid/{n}" for n in range(len(TOWNS))])
    return {"html": _check(tmp, "hostile", hostile, "html"), "json": _check(tmp, "hostile", hostile, "json"),
            "benign": _check(tmp, "benign", benign, "html")}


def test_the_payloads_are_fifty_distinct_and_all_set_the_sentinel() -> None:
    assert len(ALL_PAYLOADS) == 50 and len(set(ALL_PAYLOADS)) == 50
    for payload in ALL_PAYLOADS:
        assert SENTINEL in payload, payload
        assert "\n" not in payload


def test_the_payloads_reach_every_field_and_the_findings(reports) -> None:
    data = json.loads(reports["json"].read_text(encoding="utf-8"))
    assert len(data["articles"]) == len(TOWNS)
    assert [a["source"] for a in data["articles"]] == OUTLET_PAYLOADS
    assert [a["url"] for a in data["articles"]] == URL_PAYLOADS
    evidence = " ".join(e["sentence"] for d in data["discrepancies"] for e in d["evidence"])
    messages = " ".join(d["message"] for d in data["discrepancies"])
    # The evidence sentences carry payloads, and the cross-article messages name the outlets.
    assert sum(p.replace("\x00", "") in evidence.replace("\x00", "") for p in PAYLOADS) >= 10
    assert any(a["source"] in messages for a in data["articles"])
    assert len(data["discrepancies"]) >= 10


# --- the raw HTML ---------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "poster", "background"}


class _Markup(HTMLParser):
    """The elements and attributes of a page as an HTML tokenizer reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag


def _markup(page: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Markup()
    parser.feed(page)
    parser.close()
    return parser.tags


def _unsafe_url(value: str) -> bool:
    scheme = re.sub(r"[\x00-\x20]", "", value).lower()
    return scheme.startswith(("javascript:", "vbscript:", "data:"))


def test_raw_html_holds_no_markup_from_the_payloads(reports) -> None:
    page = reports["html"].read_text(encoding="utf-8")
    plain = reports["benign"].read_text(encoding="utf-8")
    tags, plain_tags = _markup(page), _markup(plain)
    # The report's own elements only: the same scripts as for plain words, no other kind of element.
    scripts, plain_scripts = (sum(t == "script" for t, _ in ts) for ts in (tags, plain_tags))
    assert scripts == plain_scripts, f"{scripts} script elements, {plain_scripts} for plain words"
    foreign = {t for t, _ in tags} - {t for t, _ in plain_tags}
    assert not foreign, f"elements the report of plain words does not have: {sorted(foreign)}"
    for tag, attrs in tags:
        handlers = [a for a in attrs if a.startswith("on")]
        assert not handlers, f"<{tag}> carries event handler(s) {handlers}"
        urls = {a: v for a, v in attrs.items() if a in URL_ATTRIBUTES and _unsafe_url(v)}
        assert not urls, f"<{tag}> carries unsafe URL(s) {urls}"
        if tag == "meta" and "http-equiv" in attrs:
            assert attrs["http-equiv"].lower() == "content-security-policy", f"<meta> {attrs}"
        assert tag != "base", f"<base> {attrs}"
    # The same number of openings of the dangerous elements as in the report of plain words, wherever
    # they are (so a payload's markup inside the report's own script data counts too).
    lowered, plain_lowered = page.lower(), plain.lower()
    for opener in ("<script", "</script", "<!--", "<img", "<svg", "<iframe", "<math", "<style", "</style",
                   "<base", "<meta", "<object", "<textarea", "</textarea", "<noscript", "]]>"):
        assert lowered.count(opener) == plain_lowered.count(opener), f"{opener!r} from the data in the raw HTML"
    verbatim = [p for p in ALL_PAYLOADS if "<" in p and p in page]
    assert not verbatim, f"payload markup verbatim in the raw HTML: {verbatim}"


# --- in Chromium -------------------------------------------------------------------

_INSPECT = """() => {
  const problems = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) problems.push(`<${el.localName}> has ${a.name}`);
      const v = a.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (/^(href|src|action|formaction|data|xlink:href|srcdoc)$/.test(a.name)
          && /^(javascript|vbscript|data):/.test(v)) problems.push(`<${el.localName}> ${a.name}=${a.value}`);
    }
    if (/^(iframe|frame|object|embed|base|applet)$/.test(el.localName)) problems.push(`a <${el.localName}>`);
    if (el.localName === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') || ''))
      problems.push('a <meta> refresh');
  }
  return {problems, scripts: document.scripts.length, sentinel: typeof window.__xss,
          frames: window.frames.length};
}"""

# What a person sees, as text: the page's rendered text and the choices of its selects.
_TEXT = """() => document.body.innerText + '\\n' +
  [...document.querySelectorAll('option')].map(o => o.label || o.textContent).join('\\n')"""

# Wait for the task that reacts to a fragment or event, and for the frame it rendered.
_SETTLE = "() => new Promise(r => requestAnimationFrame(() => setTimeout(r)))"


def _normalise(text: str) -> str:
    """Whitespace collapsed, NUL (and the U+FFFD an HTML parser turns it into) removed.

    The report cannot show a NUL: Chromium's HTML parser drops it from text (or
    replaces it), and a text node holding one renders nothing for it. The
    payloads carrying NUL are looked for without it. U+2028 and U+2029 count as
    whitespace here, as in ``str.split``.
    """
    return " ".join(text.replace("\x00", "").replace("\ufffd", "").split())


class _Session:
    """A loaded report and what it did: the sentinel checked after every step."""

    def __init__(self, watched, own_scripts: int) -> None:
        self.watched, self.page, self.own_scripts = watched, watched.page, own_scripts
        self.seen: list[str] = []
        self.problems: list[str] = []

    def check(self, step: str) -> None:
        state = self.page.evaluate(_INSPECT)
        assert state["sentinel"] == "undefined", f"a payload ran: window.{SENTINEL} is set after {step}"
        self.problems += [f"after {step}: {p}" for p in state["problems"]]
        if state["scripts"] != self.own_scripts:
            self.problems.append(f"after {step}: {state['scripts']} script elements, the report has "
                                 f"{self.own_scripts}")
        if state["frames"]:
            self.problems.append(f"after {step}: {state['frames']} frame(s) in the page")

    def look(self) -> None:
        self.seen.append(self.page.evaluate(_TEXT))

    def go(self, fragment: str) -> None:
        self.page.evaluate("f => { location.hash = f; }", fragment)
        self.page.evaluate(_SETTLE)


def test_no_payload_runs_in_chromium_and_every_one_is_shown(browser, reports) -> None:  # noqa: F811
    data = json.loads(reports["json"].read_text(encoding="utf-8"))
    fingerprints = [d["fingerprint"] for d in data["discrepancies"]]
    own_scripts = sum(t == "script" for t, _ in _markup(reports["benign"].read_text(encoding="utf-8")))
    watched = open_report(browser, reports["html"])
    s = _Session(watched, own_scripts)
    page = s.page
    s.check("loading")
    s.look()

    # Every article view, and a few of its claims clicked.
    previous = None
    for n in range(1, len(data["articles"]) + 1):
        s.go(f"#article-{n}")
        page.wait_for_function("prev => { const v = document.querySelector('#article-view');"
                               " return v && v.innerText.trim() && v.innerText !== prev; }", arg=previous)
        previous = page.inner_text("#article-view")
        s.check(f"opening #article-{n}")
        s.look()
        claims = page.locator("#article-view [data-claim]")
        assert claims.count() > 0, f"article {n} shows no claims"
        for i in range(min(3, claims.count())):
            claims.nth(i).click()
            page.evaluate(_SETTLE)
            s.check(f"clicking claim {i + 1} of article {n}")
            s.look()
            if not page.evaluate("location.hash").startswith(f"#article-{n}"):
                s.go(f"#article-{n}")

    # Every finding selected.
    for fp in fingerprints:
        s.go(f"#finding-{fp}")
        page.wait_for_selector(f'#findings [data-finding="{fp}"]', state="attached")
        s.check(f"selecting finding {fp}")
        s.look()

    # Every outlet chosen in its filter, then all again.
    outlets = page.eval_on_selector_all("#filter-outlet option", "os => os.map(o => o.value)")
    for value in [v for v in outlets if v] + [""]:
        page.select_option("#filter-outlet", value=value)
        page.evaluate(_SETTLE)
        s.check(f"filtering by outlet {value!r}")
        s.look()

    # Payloads typed into the text filter, which a report may echo ("no finding matches ...").
    for payload in [p for p in ALL_PAYLOADS[::4] if "\x00" not in p] + [""]:
        page.fill("#filter-text", payload)
        page.evaluate(_SETTLE)
        s.check(f"typing {payload!r} into the text filter")
    # Fragments are data too: a report that echoes an unknown one must not run it.
    for fragment in (f"#finding-\"><img src=x onerror={SET}>", f"#article-<svg onload={SET}>",
                     f"#finding-{PAYLOADS[0]}", "#article-999"):
        s.go(fragment)
        s.check(f"following {fragment!r}")

    violations = watched.csp_violations()
    assert not violations, f"Content-Security-Policy violations (markup or script from the data): {violations}"
    assert not s.problems, "\n".join(s.problems)
    assert not watched.console_errors, watched.console_errors
    assert not watched.other_requests(), watched.other_requests()

    seen = _normalise("\n".join(s.seen))
    missing = [p for p in ALL_PAYLOADS if _normalise(p) not in seen]
    assert not missing, f"{len(missing)} of {len(ALL_PAYLOADS)} payloads are not shown as text: {missing}"
