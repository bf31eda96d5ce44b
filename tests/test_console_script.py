"""The installed ``claimcheck`` console script: the exit codes CI relies on (docs/ci.md).

0: no finding at or above --fail-on; 1: findings at or above it; 2: a usage or
input error, which no option turns into 0. Run as a separate process, the way a
CI job or a pre-commit hook runs it, with CI=true.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "packaging"
ERROR = FIXTURES / "blast-caption.md"  # CAS001, an error: the caption says 15 killed, headline and body 18
WARNING = FIXTURES / "storm-warning.md"  # CAS002, a warning: one body paragraph says 6 injured, another 9
CLEAN = FIXTURES / "council-vote.md"


def run(script: str, *args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("CLAIMCHECK_") and k not in ("NO_COLOR", "FORCE_COLOR")}
    env["CI"] = "true"
    return subprocess.run([script, *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=300, check=False)


def test_exit_0_on_a_clean_article(script: str) -> None:
    done = run(script, "check", CLEAN)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0 discrepancies in 1 article."
    assert done.stderr == ""


def test_exit_1_on_an_error_finding(script: str) -> None:
    done = run(script, "check", ERROR)
    assert done.returncode == 1, done.stderr
    assert f"{ERROR}:1:22: error CAS001" in done.stdout
    assert done.stderr == ""


def test_fail_on_sets_the_severity_that_fails(script: str) -> None:
    assert run(script, "check", WARNING).returncode == 0, "a warning does not fail the default --fail-on error"
    done = run(script, "check", WARNING, "--fail-on", "warning")
    assert done.returncode == 1
    assert "warning CAS002" in done.stdout


def test_fail_on_never_exits_0_and_still_reports(script: str) -> None:
    done = run(script, "check", ERROR, "--fail-on", "never")
    assert done.returncode == 0, done.stderr
    assert "error CAS001" in done.stdout


def test_exit_2_on_a_missing_file_named_on_stderr(script: str, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-article.md"
    done = run(script, "check", missing, CLEAN)
    assert done.returncode == 2
    assert "no-such-article.md" in done.stderr and done.stderr.startswith("claimcheck: ")
    assert "no-such-article.md" not in done.stdout
    assert "in 1 article" in done.stdout, "the other input is still checked and reported"


def test_an_input_error_outranks_findings(script: str, tmp_path: Path) -> None:
    done = run(script, "check", tmp_path / "gone.txt", ERROR)
    assert done.returncode == 2
    assert "error CAS001" in done.stdout and "gone.txt" in done.stderr


def test_exit_2_on_a_bad_option(script: str) -> None:
    done = run(script, "check", "--no-such-option", CLEAN)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "usage: claimcheck" in done.stderr and "--no-such-option" in done.stderr


def test_exit_2_on_a_bad_option_value(script: str) -> None:
    done = run(script, "check", "--fail-on", "sometimes", CLEAN)
    assert done.returncode == 2
    assert "sometimes" in done.stderr and done.stdout == ""


def test_exit_2_without_a_command(script: str) -> None:
    done = run(script)
    assert done.returncode == 2
    assert "usage: claimcheck" in done.stderr


def test_exit_zero_turns_findings_into_0_but_never_an_error(script: str, tmp_path: Path) -> None:
    done = run(script, "check", ERROR, "--exit-zero")
    assert done.returncode == 0, done.stderr
    assert "error CAS001" in done.stdout, "--exit-zero changes the exit code, not the report"
    assert run(script, "check", ERROR, tmp_path / "gone.md", "--exit-zero").returncode == 2


def test_version(script: str) -> None:
    done = run(script, "--version")
    assert done.returncode == 0
    assert done.stdout.startswith("claimcheck ")


def test_output_dash_is_standard_output_not_a_file_named_dash(script: str, tmp_path: Path) -> None:
    done = run(script, "check", "--format", "json", "-o", "-", ERROR, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert '"rule": "CAS001"' in done.stdout
    assert not (tmp_path / "-").exists()
