"""Screenshots of the HTML check report for the docs: docs/report-light.png and docs/report-dark.png.

    python bench/screenshots.py [--out docs]

Renders the bundled examples' report (``claimcheck check examples/ --format html``)
and photographs it at 1280×900 in light and dark mode with the first finding
selected and one of its figures opened in the article view. Needs Playwright and
a Chromium (``/usr/bin/chromium`` or the one ``CLAIMCHECK_CHROMIUM`` names).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CLAIMCHECK_CHROMIUM", "/usr/bin/chromium")
VIEWPORT = {"width": 1280, "height": 900}


def build_report(out: Path) -> Path:
    """The examples' report, with paths as a reader types them (relative to the repository)."""
    path = out / "report.html"
    done = subprocess.run([sys.executable, "-m", "checker", "check", "examples/", "--format", "html", "-o", str(path)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"claimcheck check failed ({done.returncode}): {done.stderr}")
    return path


def shoot(report: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme, viewport=VIEWPORT, device_scale_factor=1)
            page = context.new_page()
            page.goto(report.resolve().as_uri())
            page.wait_for_function("window.claimcheckReport && window.claimcheckReport.ready === true")
            page.locator("#findings [data-finding] .pick").first.click()
            page.locator("#article-view .claim.current").first.click()
            page.mouse.move(0, 0)
            page.evaluate("document.activeElement && document.activeElement.blur()")
            target = out / f"report-{scheme}.png"
            page.screenshot(path=str(target))
            written.append(target)
            context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="where the PNG files go (default: docs/)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for path in shoot(build_report(Path(tmp)), args.out):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
