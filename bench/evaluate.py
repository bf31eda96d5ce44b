"""Score claimcheck's extraction and discrepancy detection on labelled data.

Run from the repository root::

    python bench/evaluate.py --data ../shared/data              # print every section
    python bench/evaluate.py --data ../shared/data --write-doc  # and rewrite docs/accuracy.md
    python bench/evaluate.py --only summedits --summedits FILE  # one section, another input

Sections, one module each (``bench/eval_*.py``):

1. NewsQuant: quantities of real news sentences, at value, value+unit and
   value+unit+bound, beside quantulum3 scored by the same code.
2. Regression suites: Microsoft Recognizers-Text specs and quantulum3's test
   sentences, pass rate per file; failures listed in ``bench/suites/`` so a
   change that breaks a passing case shows.
3. SummEdits: each summary checked against its article; flags scored as
   "inconsistent" predictions.
4. GVA: casualty counts against the Gun Violence Archive registry, and
   cross-article false alarms on incidents whose articles agree with it.
5. Names: name-variant (NAM001) and title (TTL001) findings on the GVA
   articles, each judged a true variant or a false merge; false merges per
   100 articles.
6. Audit: the event clustering of ``claimcheck audit`` on the GVA articles,
   pairwise precision and recall against the incident ids.

Each section module has ``TITLE``, ``add_arguments(parser)`` and
``section(args) -> str`` (the section's Markdown body).
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "accuracy.md"
COMMAND = "python bench/evaluate.py --data ../shared/data --write-doc"
SECTIONS = {"newsquant": "eval_newsquant", "suites": "eval_suites", "summedits": "eval_summedits", "gva": "eval_gva",
            "names": "eval_names", "audit": "eval_audit"}


def _modules() -> dict[str, object]:
    return {name: importlib.import_module(module) for name, module in SECTIONS.items()}


def main(argv: list[str] | None = None) -> int:
    modules = _modules()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="the shared data folder")
    parser.add_argument("--only", action="append", choices=sorted(SECTIONS), metavar="SECTION",
                        help=f"run only this section (repeatable): {', '.join(SECTIONS)}")
    parser.add_argument("--write-doc", action="store_true", help=f"rewrite {DOC.relative_to(ROOT)} (needs every section)")
    for module in modules.values():
        module.add_arguments(parser)
    args = parser.parse_args(argv)
    chosen = args.only or list(SECTIONS)
    if args.write_doc and args.only:
        parser.error("--write-doc needs every section: drop --only")
    parts = []
    for name in chosen:
        module = modules[name]
        start = time.perf_counter()
        print(f"-- {module.TITLE}", file=sys.stderr, flush=True)
        try:
            body = module.section(args)
        except FileNotFoundError as exc:
            parser.error(str(exc))
        seconds = time.perf_counter() - start
        part = f"## {module.TITLE}\n\n{body.rstrip()}\n\n_Section time: {seconds:.0f} s._\n"
        print(part, flush=True)
        parts.append(part)
    if args.write_doc:
        DOC.write_text(f"""# Accuracy

Measured with `{COMMAND}` (from the repository root, after
`pip install -e '.[bench]'`, which brings quantulum3 for the reference scores).
Every figure below is from that command's last run; it takes a few minutes on
two cores.

""" + "\n".join(parts), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
