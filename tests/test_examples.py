"""The bundled examples give exactly the findings examples/README.md promises."""

from __future__ import annotations

import json
from pathlib import Path

from checker.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _findings(capsys, *options: str) -> tuple[int, list[tuple[str, str, str]]]:
    code = main(["check", str(EXAMPLES), "--format", "json", *options])
    report = json.loads(capsys.readouterr().out)
    return code, sorted((d["rule"], d["severity"], Path(d["evidence"][0]["path"]).name) for d in report["discrepancies"])


def test_examples_give_the_planted_findings(capsys) -> None:
    code, found = _findings(capsys)
    assert found == [
        ("CAS001", "error", "quake-wire.txt"),
        ("CAS002", "error", "wires.jsonl"),
        ("CAS002", "warning", "outlets.jsonl"),
        ("CAS002", "warning", "wires.jsonl"),
        ("CAS005", "warning", "flood-report.md"),
        ("NAM001", "warning", "quake-wire.txt"),
        ("PRT001", "error", "bridge-collapse.html"),
        ("STY001", "warning", "strikes-broadcaster.txt"),
    ]
    assert code == 1


def test_the_house_style_finding_comes_from_the_examples_configuration(capsys) -> None:
    _, found = _findings(capsys, "--isolated")
    assert "STY001" not in {rule for rule, _, _ in found} and len(found) == 7
