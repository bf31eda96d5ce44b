"""check's CI options: --min-severity, --exit-zero, CLAIMCHECK_FORMAT, baselines and --changed-since."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from checker.cli import main

# Headline and body say 18, the caption 15: one error finding (CAS001).
STORM = """# Storm kills 18 in coastal towns

*Video caption: the storm killed 15 people overnight.*

The storm killed 18 people in three coastal towns, officials said on Tuesday.

More than 200 homes were damaged, the regional governor said.
"""
# Two body figures disagree: one warning finding (CAS001, body only).
HARBOUR = """Storm damages harbour

The storm killed 18 people in the harbour town on Tuesday, officials said.

Later the mayor said the storm killed 16 people in the harbour town on Tuesday.
"""
CLEAN = """Bridge reopens

The bridge reopened on Monday after 14 months of repairs, the city said.
"""


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory of drafts, the current directory, with no configuration above it that matters."""
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "storm.md").write_text(STORM, encoding="utf-8")
    (tmp_path / "drafts" / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (tmp_path / "drafts" / "bridge.txt").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLAIMCHECK_FORMAT", raising=False)
    return tmp_path / "drafts"


def _findings(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    return json.loads(capsys.readouterr().out)["discrepancies"]


# -- --min-severity and --exit-zero ------------------------------------------------


def test_min_severity_hides_lower_findings_and_they_do_not_fail(drafts: Path, capsys) -> None:
    assert main(["check", "--isolated", "--no-across", "drafts", "--format", "json", "--fail-on", "warning"]) == 1
    assert {d["severity"] for d in _findings(capsys)} == {"error", "warning"}
    code = main(["check", "--isolated", "--no-across", "drafts/harbour.txt", "--format", "json", "--fail-on",
                 "warning", "--min-severity", "error"])
    assert code == 0, "a hidden warning must not count for --fail-on warning"
    assert _findings(capsys) == []


def test_min_severity_from_the_configuration_file(drafts: Path, capsys) -> None:
    (drafts / ".claimcheck.toml").write_text('min_severity = "error"\n', encoding="utf-8")
    main(["check", "--no-across", "drafts", "--format", "json"])
    assert {d["severity"] for d in _findings(capsys)} == {"error"}
    main(["check", "--no-across", "drafts", "--format", "json", "--min-severity", "info"])
    assert {d["severity"] for d in _findings(capsys)} == {"error", "warning"}, "the command line wins"


def test_exit_zero_turns_findings_into_success_but_not_errors(drafts: Path, capsys) -> None:
    assert main(["check", "--isolated", "drafts/storm.md"]) == 1
    assert main(["check", "--isolated", "drafts/storm.md", "--exit-zero"]) == 0
    assert "CAS001" in capsys.readouterr().out, "--exit-zero still reports the findings"
    assert main(["check", "--isolated", "drafts/storm.md", "drafts/missing.md", "--exit-zero"]) == 2


# -- CLAIMCHECK_FORMAT -----------------------------------------------------------------


def test_format_from_the_environment_between_file_and_command_line(drafts: Path, capsys, monkeypatch) -> None:
    (drafts / ".claimcheck.toml").write_text('format = "json"\n', encoding="utf-8")
    main(["check", "drafts/storm.md"])
    assert capsys.readouterr().out.startswith("{"), "the file's format"
    monkeypatch.setenv("CLAIMCHECK_FORMAT", "text")
    main(["check", "drafts/storm.md"])
    assert capsys.readouterr().out.startswith("drafts/storm.md:1:"), "the environment wins over the file"
    main(["check", "drafts/storm.md", "--format", "json"])
    assert capsys.readouterr().out.startswith("{"), "--format wins over the environment"
    main(["config", "show", "drafts/storm.md"])
    assert "environment (CLAIMCHECK_FORMAT)" in capsys.readouterr().out


def test_a_bad_format_in_the_environment_is_a_usage_error(drafts: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_FORMAT", "jsn")
    assert main(["check", "--isolated", "drafts/storm.md"]) == 2
    err = capsys.readouterr().err
    assert "CLAIMCHECK_FORMAT='jsn'" in err and "Did you mean 'json'?" in err


# -- baselines --------------------------------------------------------------------------


def test_baseline_accepts_known_findings_through_unrelated_edits(drafts: Path, capsys) -> None:
    assert main(["baseline", "create", "--isolated", "drafts/storm.md", "-o", "base.json"]) == 0
    assert "1 finding written to base.json" in capsys.readouterr().err
    storm = drafts / "storm.md"
    lines = storm.read_text(encoding="utf-8").split("\n", 1)
    # Two paragraphs inserted at the top of the article, under the headline: every line moves.
    storm.write_text(lines[0] + "\n\nA first new paragraph.\n\nA second new paragraph about the weather.\n"
                     + lines[1], encoding="utf-8")
    assert main(["check", "--isolated", "drafts/storm.md", "--baseline", "base.json", "--format", "json"]) == 0
    assert _findings(capsys) == []
    # A changed figure is a new finding; the accepted one is gone with the old figure.
    storm.write_text(storm.read_text(encoding="utf-8").replace("killed 15", "killed 16"), encoding="utf-8")
    assert main(["check", "--isolated", "drafts/storm.md", "--baseline", "base.json", "--format", "json"]) == 1
    (only,) = _findings(capsys)
    assert only["rule"] == "CAS001" and "16" in [e["text"] for e in only["evidence"]]


def test_baseline_matches_from_another_working_directory(drafts: Path, capsys, monkeypatch) -> None:
    main(["baseline", "create", "--isolated", "drafts/storm.md", "-o", "drafts/base.json"])
    monkeypatch.chdir(drafts)
    assert main(["check", "--isolated", "storm.md", "--baseline", "base.json"]) == 0


def test_baseline_only_forgives_each_accepted_finding_once(drafts: Path, capsys) -> None:
    main(["baseline", "create", "--isolated", "drafts/storm.md", "-o", "base.json"])
    assert main(["check", "--isolated", "--no-across", "drafts", "--baseline", "base.json", "--format", "json",
                 "--fail-on", "warning"]) == 1
    assert [Path(d["evidence"][0]["path"]).name for d in _findings(capsys)] == ["harbour.txt"]


def test_baseline_update_drops_fixed_findings_and_adds_none(drafts: Path, capsys) -> None:
    main(["baseline", "create", "--isolated", "--no-across", "drafts", "-o", "base.json"])
    assert len(json.loads(Path("base.json").read_text(encoding="utf-8"))["findings"]) == 2
    (drafts / "storm.md").write_text(STORM.replace("killed 15", "killed 18"), encoding="utf-8")  # fixed
    (drafts / "bridge.txt").write_text(HARBOUR.replace("harbour", "river"), encoding="utf-8")  # new
    assert main(["baseline", "update", "--isolated", "--no-across", "drafts", "-o", "base.json"]) == 0
    assert "1 finding kept in base.json, 1 no longer found dropped; 1 new finding not added" in capsys.readouterr().err
    kept = json.loads(Path("base.json").read_text(encoding="utf-8"))["findings"]
    assert [Path(s["path"]).name for s in kept[0]["sides"]] == ["harbour.txt", "harbour.txt"]


def test_baseline_file_is_deterministic(drafts: Path) -> None:
    main(["baseline", "create", "--isolated", "drafts", "-o", "one.json"])
    main(["baseline", "create", "--isolated", "drafts", "-o", "two.json"])
    assert Path("one.json").read_bytes() == Path("two.json").read_bytes()


@pytest.mark.parametrize(("content", "says"), [
    (None, "no such baseline file"),
    ("{not json", "base.json:1:2: the baseline is not valid JSON"),
    ('{"schema": "other"}', "not a claimcheck baseline"),
    ('{"schema": "claimcheck/baseline", "version": 99, "findings": []}', "baseline version 99 is not supported"),
    ('{"schema": "claimcheck/baseline", "version": 1, "findings": [{}]}', "finding 1 has no \"key\""),
])
def test_a_bad_baseline_file_is_a_usage_error_with_the_remedy(drafts: Path, capsys, content, says) -> None:
    if content is not None:
        Path("base.json").write_text(content, encoding="utf-8")
    assert main(["check", "--isolated", "drafts/storm.md", "--baseline", "base.json"]) == 2
    err = capsys.readouterr().err
    assert says in err and "claimcheck baseline create" in err


def test_baseline_is_not_written_over_input_errors(drafts: Path, capsys) -> None:
    Path("base.json").write_text("previous", encoding="utf-8")
    assert main(["baseline", "create", "--isolated", "drafts", "drafts/missing.txt", "-o", "base.json"]) == 2
    assert Path("base.json").read_text(encoding="utf-8") == "previous"


# -- --changed-since ----------------------------------------------------------------------

pytestmark_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


@pytestmark_git
def test_changed_since_checks_only_changed_and_new_articles(drafts: Path, capsys) -> None:
    repo = drafts.parent
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "drafts")
    _git(repo, "commit", "-q", "-m", "drafts")
    (drafts / "harbour.txt").write_text(HARBOUR + "\nA line added later.\n", encoding="utf-8")  # changed
    (drafts / "new.md").write_text(STORM, encoding="utf-8")  # untracked
    (drafts / "notes.log").write_text("not an article", encoding="utf-8")  # not an article file
    code = main(["check", "--isolated", "--no-across", "drafts", "--changed-since", "main", "--format", "json"])
    out, err = capsys.readouterr()
    checked = sorted(Path(a["path"]).name for a in json.loads(out)["articles"])
    assert checked == ["harbour.txt", "new.md"], "storm.md and bridge.txt did not change"
    assert code == 1 and "2 article files changed since main" in err


@pytestmark_git
def test_changed_since_with_nothing_changed_gives_an_empty_report(drafts: Path, capsys) -> None:
    _git(drafts.parent, "init", "-q", "-b", "main")
    _git(drafts.parent, "add", "drafts")
    _git(drafts.parent, "commit", "-q", "-m", "drafts")
    assert main(["check", "--isolated", "drafts", "--changed-since", "HEAD", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["articles"] == 0


@pytestmark_git
def test_changed_since_an_unknown_ref_or_outside_git_is_a_usage_error(drafts: Path, capsys) -> None:
    assert main(["check", "--isolated", "drafts", "--changed-since", "main"]) == 2
    assert "not in a git repository" in capsys.readouterr().err
    _git(drafts.parent, "init", "-q", "-b", "main")
    _git(drafts.parent, "add", "drafts")
    _git(drafts.parent, "commit", "-q", "-m", "drafts")
    assert main(["check", "--isolated", "drafts", "--changed-since", "no-such-branch"]) == 2
    assert "not a commit this repository knows" in capsys.readouterr().err
