"""The command line: formats, exit codes, errors on stderr, standard input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main

GOLDEN = Path(__file__).parent / "golden"
CONFLICT = GOLDEN / "more_than_conflict" / "article.txt"
CLEAN = GOLDEN / "at_least_consistent" / "article.txt"
WARNING_ONLY = GOLDEN / "body_vs_body_is_warning" / "article.txt"


def test_exit_0_when_clean(capsys) -> None:
    assert main(["check", str(CLEAN)]) == 0
    assert "0 discrepancies" in capsys.readouterr().out


def test_exit_1_on_error_finding(capsys) -> None:
    assert main(["check", str(CONFLICT)]) == 1
    out = capsys.readouterr().out
    assert "error CAS001" in out


def test_fail_on_threshold(capsys) -> None:
    assert main(["check", str(WARNING_ONLY)]) == 0, "a warning does not fail the default --fail-on error"
    assert main(["check", str(WARNING_ONLY), "--fail-on", "warning"]) == 1
    assert main(["check", str(CONFLICT), "--fail-on", "never"]) == 0


def test_exit_2_on_unreadable_input_but_other_inputs_are_still_checked(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "corpus.jsonl"
    bad.write_text('{"id": "ok", "title": "Fire kills 12", "body": "Nine people were killed in the fire."}\n'
                   '{"id": "broken", "body": \n', encoding="utf-8")
    code = main(["check", str(bad), str(CONFLICT), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 2
    assert f"{bad}:2:" in captured.err and "not valid JSON" in captured.err
    data = json.loads(captured.out)
    assert {d["rule"] for d in data["discrepancies"]} == {"CAS001"}
    assert len(data["discrepancies"]) == 2, "both the good JSONL record and the other file were checked"


def test_missing_file_is_an_input_error(tmp_path: Path, capsys) -> None:
    assert main(["check", str(tmp_path / "nope.txt")]) == 2
    assert "nope.txt" in capsys.readouterr().err


def test_usage_error_exits_2(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "yaml", str(CLEAN)])
    assert exc.value.code == 2


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["check", str(CONFLICT), "--format", "html", "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(("where", "says"), [
    ("missing/report.txt", "cannot write there (No such file or directory); create the directory first"),
    (".", "is a directory; pass a file name"),
])
def test_an_output_that_cannot_be_written_is_exit_2_even_with_exit_zero(tmp_path: Path, capsys, where, says) -> None:
    target = tmp_path / where
    assert main(["check", str(CONFLICT), "-o", str(target), "--exit-zero"]) == 2
    assert says in capsys.readouterr().err
    assert not list(tmp_path.rglob(".report*")), "no temporary file is left behind"


def test_stdin_is_one_article(monkeypatch, capsys) -> None:
    data = CONFLICT.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["check", "-"]) == 1
    assert "<stdin>:1:1: error CAS001" in capsys.readouterr().out


def test_directories_are_recursed_in_a_stable_order(tmp_path: Path, capsys) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(CONFLICT.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "a.md").write_text("# Quiet day\n\nNothing happened.\n", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("killed,12\n", encoding="utf-8")
    assert main(["check", str(tmp_path), "--format", "json", "--no-across"]) == 1
    ids = [a["id"] for a in json.loads(capsys.readouterr().out)["articles"]]
    assert ids == [str(tmp_path / "a.md"), str(tmp_path / "b" / "z.txt")]


def test_extract_prints_every_claim_with_offsets(capsys) -> None:
    assert main(["extract", str(CONFLICT), "--format", "json"]) == 0
    claims = json.loads(capsys.readouterr().out)["claims"]
    text = CONFLICT.read_text(encoding="utf-8")
    assert [c["text"] for c in claims] == ["More than 20", "18"]
    for c in claims:
        assert text[c["start"]:c["end"]] == c["text"]
        assert {"article", "path", "value", "low", "high", "unit", "qualifier", "measure", "counted", "segment",
                "sentence"} <= c.keys()
    assert claims[0]["qualifier"] == "more_than" and claims[0]["low"] == 20 and claims[0]["high"] is None


def test_python_dash_m_runs_the_cli() -> None:
    proc = subprocess.run([sys.executable, "-m", "checker", "check", str(CONFLICT)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "CAS001" in proc.stdout


def test_rules_and_config_without_an_action_print_their_help_and_exit_2(capsys) -> None:
    assert main(["rules"]) == 2
    assert "list" in capsys.readouterr().err
    assert main(["config"]) == 2
    assert "show" in capsys.readouterr().err


def test_rules_test_command_runs_every_embedded_example() -> None:
    proc = subprocess.run([sys.executable, "-m", "checker", "rules", "test"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = proc.stdout.splitlines()[-1]
    passed = int(summary.split()[0])
    assert passed > 0 and summary == f"{passed} passed, 0 failed ({passed} examples)"


def test_config_options_exist_on_check_and_extract(tmp_path: Path, capsys) -> None:
    assert main(["check", str(CONFLICT), "--isolated", "--disable", "CAS001"]) == 0
    assert main(["check", str(CONFLICT), "--isolated", "--severity", "CAS001=warning"]) == 0
    assert main(["extract", str(CONFLICT), "--isolated", "--enable", "MAT"]) == 0
    assert main(["check", str(CONFLICT), "--config", str(tmp_path / "missing.toml")]) == 2
