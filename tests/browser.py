"""A real browser for the report tests: Playwright driving Debian's Chromium.

No browser is downloaded: Playwright drives ``/usr/bin/chromium`` (or the one
``CLAIMCHECK_CHROMIUM`` names). When it is missing, the test setup installs it
with apt-get if it can (as root, with apt-get on PATH). Under ``CI`` a browser
that cannot be had fails the tests loudly; on a developer's machine they skip
with the reason.

:func:`open_report` loads a report file and watches it: console errors,
uncaught exceptions, Content-Security-Policy violations and every request the
page makes (a report must make none).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CLAIMCHECK_CHROMIUM", "/usr/bin/chromium")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"browser tests need Chromium and Playwright: {reason}")


def _install_chromium() -> str | None:
    """apt-get install chromium when allowed; the reason it was not, else None."""
    if shutil.which("apt-get") is None:
        return "apt-get is not available to install it"
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        return "installing it needs root (run `sudo apt-get install chromium`)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:
            return f"`{' '.join(command)}` failed: {done.stderr.strip()[-500:]}"
    return None


def chromium_path() -> str:
    """The Chromium executable, installed first when missing and allowed."""
    if not Path(CHROMIUM).exists():
        why = _install_chromium()
        if why is not None or not Path(CHROMIUM).exists():
            _unavailable(f"{CHROMIUM} does not exist and could not be installed ({why or 'not found after install'})")
    return CHROMIUM


_RUNNING: list = []  # the one Chromium of the session, however many modules import the fixture


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session.

    Each test module that imports this fixture gets its own session-scoped copy of
    it, and Playwright's sync API allows one running instance a thread: the first
    copy starts Chromium, the others reuse it.
    """
    if _RUNNING:
        yield _RUNNING[0]
        return
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    executable = chromium_path()
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        except Exception as exc:  # the launcher's errors are several classes; the message says what failed
            _unavailable(f"Chromium at {executable} did not start: {exc}")
        _RUNNING.append(chromium)
        try:
            yield chromium
        finally:
            _RUNNING.clear()
            chromium.close()


_WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));
"""


@dataclass
class Watched:
    """What a page did while a test used it."""

    page: object
    url: str
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        """Violations the page reported (the listener is installed before any of its scripts runs)."""
        return self.page.evaluate("window.__cspViolations || []")

    def other_requests(self) -> list[str]:
        """Every request but the report file itself."""
        return [u for u in self.requests if u != self.url]


def open_report(browser, path: Path, *, color_scheme: str = "light", viewport: dict | None = None,
                wait_ready: bool = True) -> Watched:
    """Load a report file in a fresh page, watching errors, CSP violations and requests.

    With ``wait_ready`` it waits until the report says it is ready
    (``window.claimcheckReport.ready``), the contract between the report's script and
    these tests.
    """
    context = browser.new_context(color_scheme=color_scheme, viewport=viewport or {"width": 1280, "height": 900})
    page = context.new_page()
    url = path.resolve().as_uri()
    watched = Watched(page, url)
    page.on("console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watched.console_errors.append(f"uncaught: {e}"))
    page.on("request", lambda r: watched.requests.append(r.url))
    page.add_init_script(_WATCH_CSP)
    page.goto(url)
    if wait_ready:
        # A function, not a string: Playwright evaluates a string predicate with eval, which the
        # report's CSP (no 'unsafe-eval') refuses once the page is not ready at the first poll.
        page.wait_for_function("() => window.claimcheckReport && window.claimcheckReport.ready === true",
                               timeout=10_000)
    return watched
