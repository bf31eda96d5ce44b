"""Golden-file tests: each folder under tests/golden is a small hand-written case.

The text report of checking the folder's articles must equal its expected.txt.
Run ``pytest tests/test_golden.py --update-goldens`` to rewrite them, then read
the diff before committing. A folder with a ``source.*`` file is a reference
case: the other files are checked against that source (``check --reference``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.pipeline import check_against_reference, check_paths, read_documents
from checker.reports import text

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, rules, update_goldens: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = GOLDEN / case
    monkeypatch.chdir(folder)
    inputs = sorted(name for name in os.listdir(".") if name != "expected.txt")
    sources = [name for name in inputs if name.startswith("source.")]
    if sources:
        (reference,), _ = read_documents(sources)
        docs, problems = read_documents([name for name in inputs if name not in sources])
        got = text.render(check_against_reference(docs, reference, rules, problems=problems))
    else:
        got = text.render(check_paths(inputs, rules))
    expected_file = folder / "expected.txt"
    if update_goldens or not expected_file.exists():
        expected_file.write_text(got, encoding="utf-8")
    assert got == expected_file.read_text(encoding="utf-8")
