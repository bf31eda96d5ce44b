"""The GitHub Action (action.yml): its shape, safe quoting, and its commands against the real CLI.

The last test runs the action's own check, SARIF and verdict scripts with bash,
as the runner would after the install step, against the installed console script.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from checker.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "packaging"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
INPUTS = {"paths": ".", "version": "", "args": "", "sarif-file": "claimcheck.sarif", "fail-on": "error",
          "python-version": "3.12"}


@pytest.fixture(scope="module")
def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def _steps(action: dict) -> list[dict]:
    return action["runs"]["steps"]


def _scripts(action: dict) -> list[str]:
    return [step["run"] for step in _steps(action) if "run" in step]


def _check_parser():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sub.choices["check"]


def test_is_a_composite_action_with_the_documented_inputs_and_outputs(action: dict) -> None:
    assert action["runs"]["using"] == "composite"
    assert {name: spec.get("default") for name, spec in action["inputs"].items()} == INPUTS
    assert all(spec.get("description") for spec in action["inputs"].values())
    assert set(action["outputs"]) == {"sarif-file", "exit-code"}
    ids = {step.get("id") for step in _steps(action)}
    for name, spec in action["outputs"].items():
        used = EXPRESSION.fullmatch(spec["value"]).group(1)
        step = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", used)
        assert step and step.group(1) in ids, f"output {name} reads {used}, not an output of one of the steps"
    assert any(step.get("uses", "").startswith("actions/setup-python@v") for step in _steps(action))


def test_every_input_is_used_and_every_used_input_is_declared(action: dict) -> None:
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"\binputs\.([\w-]+)", " ".join(EXPRESSION.findall(text))))
    assert used == set(action["inputs"])


def test_scripts_take_inputs_through_env_never_by_interpolation(action: dict) -> None:
    """GitHub's script-injection guidance: `${{ }}` in a `run:` script is pasted into the shell code."""
    for step in _steps(action):
        if "run" in step:
            assert step.get("shell") == "bash", f"{step['name']}: a composite step must name its shell"
            assert not EXPRESSION.search(step["run"]), f"{step['name']}: an expression inside run:, use env:"


def test_scripts_are_valid_bash(action: dict) -> None:
    for script in _scripts(action):
        done = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr


def test_commands_use_options_the_cli_accepts(action: dict) -> None:
    check = _check_parser()
    options = {o: a for a in check._actions for o in a.option_strings}
    commands = [shlex.split(line.split("||")[0]) for script in _scripts(action) for line in script.splitlines()
                if line.strip().startswith("claimcheck check")]
    assert len(commands) == 2, "one run for the annotations, one for the SARIF report"
    formats = set()
    for words in commands:
        for i, word in enumerate(words):
            if word.startswith("-"):
                assert word in options, f"claimcheck check has no option {word}"
                if word == "--format":
                    formats.add(words[i + 1])
    assert formats == {"github", "sarif"}
    assert formats <= set(options["--format"].choices), "a format the CLI does not offer"
    assert INPUTS["fail-on"] in options["--fail-on"].choices
    assert "--exit-zero" in options and "-o" in options


def _evaluate(value: str, context: dict[str, str]) -> str:
    return EXPRESSION.sub(lambda m: context.get(m.group(1), ""), str(value))  # GitHub: unset is empty


def _run_steps(action: dict, inputs: dict[str, str], workspace: Path, path: str) -> tuple[dict[str, str], str]:
    """Run the steps after the install as the runner would: each script with its env and GITHUB_OUTPUT."""
    context = {f"inputs.{k}": v for k, v in {**INPUTS, **inputs}.items()}
    context["github.action_path"] = str(ROOT)
    outputs: dict[str, str] = {}
    log = ""
    for step in _steps(action):
        if "run" not in step or "claimcheck --version" in step["run"]:
            continue  # setup-python and the install: this test uses the installed console script
        github_output = workspace / f"output-{len(outputs)}"
        github_output.write_text("", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMCHECK_")}
        env.update({k: _evaluate(v, context) for k, v in step.get("env", {}).items()})
        env.update(PATH=path, GITHUB_OUTPUT=str(github_output), CI="true")
        script = _evaluate(step["run"], context)  # what the runner does to `${{ }}` in a script
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],  # as GitHub does
                              cwd=workspace, env=env, capture_output=True, text=True, timeout=300, check=False)
        log += done.stdout + done.stderr
        outputs[step.get("id") or step["name"]] = str(done.returncode)
        for line in github_output.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            context[f"steps.{step.get('id')}.outputs.{key}"] = value
            outputs[f"{step.get('id')}.{key}"] = value
    return outputs, log


@pytest.fixture(scope="module")
def bin_path() -> str:
    here = Path(sys.executable).parent
    if shutil.which("claimcheck", path=str(here)) is None:
        pytest.fail(f"no claimcheck console script beside {sys.executable}: pip install -e '.[test]'")
    return f"{here}{os.pathsep}{os.environ.get('PATH', '')}"


def test_the_steps_annotate_write_sarif_and_fail_on_findings(action: dict, tmp_path: Path, bin_path: str) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for name in ("blast-caption.md", "council-vote.md"):
        shutil.copy2(FIXTURES / name, drafts / name)
    outputs, log = _run_steps(action, {"paths": "drafts", "sarif-file": "out/claimcheck.sarif"}, tmp_path, bin_path)
    assert outputs["check.exit-code"] == "1", log
    assert "::error file=drafts/blast-caption.md,line=1" in log and "title=CAS001" in log, log
    assert outputs["sarif.exit-code"] == "0" and outputs["sarif.sarif-file"] == "out/claimcheck.sarif", log
    sarif = json.loads((tmp_path / "out" / "claimcheck.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["CAS001"]
    assert outputs["Verdict"] == "1", "the last step fails the job on the findings"


def test_the_steps_pass_on_clean_articles_and_take_fail_on_and_args(action: dict, tmp_path: Path,
                                                                    bin_path: str) -> None:
    for name in ("council-vote.md", "storm-warning.md"):
        shutil.copy2(FIXTURES / name, tmp_path / name)
    outputs, log = _run_steps(action, {"paths": "council-vote.md storm-warning.md"}, tmp_path, bin_path)
    assert outputs["check.exit-code"] == "0" and outputs["Verdict"] == "0", log
    assert "::warning file=storm-warning.md" in log
    outputs, log = _run_steps(action, {"paths": "storm-warning.md", "fail-on": "warning"}, tmp_path, bin_path)
    assert outputs["check.exit-code"] == "1" and outputs["Verdict"] == "1", log
    outputs, log = _run_steps(action, {"paths": "storm-warning.md", "args": "--min-severity error"}, tmp_path,
                              bin_path)
    assert outputs["check.exit-code"] == "0" and "::warning" not in log, log
    sarif = json.loads((tmp_path / "claimcheck.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"] == [], "args reach the SARIF run too"


def test_an_input_error_fails_both_runs_with_exit_2(action: dict, tmp_path: Path, bin_path: str) -> None:
    outputs, log = _run_steps(action, {"paths": "no-such-dir $(touch injected)"}, tmp_path, bin_path)
    assert not (tmp_path / "injected").exists(), "an input was run as shell code"
    assert outputs.get("check.exit-code") == "2" and outputs.get("sarif.exit-code") == "2", log
    assert "claimcheck: no-such-dir: error" in log, "the input error is named on stderr"
    assert "sarif.sarif-file" not in outputs
    assert outputs["Verdict"] == "2"
