"""The pre-commit hook (.pre-commit-hooks.yaml), run through pre-commit itself.

pre-commit clones a snapshot of this working tree (committed, modified and new
files: what a hook author would publish), builds the hook's virtualenv with pip
(once for the module: one PRE_COMMIT_HOME), and runs the hook in a temporary git
repository on the articles in tests/fixtures/packaging/.

`pre-commit try-repo` is not used: it keeps its store in a directory of its own
and would build the virtualenv again for every call; `pre-commit run` with a
configuration naming the snapshot exercises the same clone, install and run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "packaging"
GIT = ("git", "-c", "user.name=claimcheck tests", "-c", "user.email=tests@claimcheck.invalid",
       "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main")
# pip could not reach the package index: skipped outside CI, a failure in CI.
_OFFLINE = ("No matching distribution found", "Could not find a version that satisfies", "NewConnectionError",
            "Temporary failure in name resolution", "Network is unreachable", "ProxyError", "ConnectTimeout")
# Two articles on one event in different files (a cross-article warning) and
# four clean articles: six files, more than pre-commit's smallest batch (four).
ACROSS = ["fire-wire.jsonl", "council-vote.md", "library-opening.txt", "road-closure.html",
          "school-results.md", "fire-paper.jsonl"]


def _environment() -> dict[str, str]:
    """This environment (pip's settings included) without what would redirect git, pre-commit or claimcheck."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("CLAIMCHECK_", "PRE_COMMIT", "GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE"))}


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run([*GIT, *args], cwd=cwd, env=_environment(), check=True, capture_output=True,
                          text=True).stdout.strip()


def _snapshot(dest: Path) -> str:
    """A git repository holding this working tree as it is now (ignored files left out); its commit."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            env=_environment(), check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():  # a file deleted from the working tree is still in the index
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    _git("init", "-q", cwd=dest)
    _git("add", "-A", cwd=dest)
    _git("commit", "-q", "--no-verify", "-m", "snapshot of the claimcheck working tree", cwd=dest)
    return _git("rev-parse", "HEAD", cwd=dest)


class Hook:
    """A temporary git repository whose .pre-commit-config.yaml uses the claimcheck hook of the snapshot."""

    def __init__(self, work: Path, env: dict[str, str]) -> None:
        self.work, self.env = work, env

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", *args, "--color", "never"], cwd=self.work,
                              env=self.env, capture_output=True, text=True, timeout=900, check=False)


@pytest.fixture(scope="module")
def hook(tmp_path_factory: pytest.TempPathFactory) -> Hook:
    if shutil.which("git") is None:
        pytest.fail("git is needed to run the pre-commit hook test")
    base = tmp_path_factory.mktemp("precommit")
    snapshot, work = base / "snapshot", base / "work"
    snapshot.mkdir()
    work.mkdir()
    rev = _snapshot(snapshot)
    uses = f"repos:\n  - repo: {snapshot.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: claimcheck\n"
    (work / ".pre-commit-config.yaml").write_text(uses, encoding="utf-8")
    # The same hook failing on warnings too (`pre-commit run -c warnings.yaml`): the same environment.
    (work / "warnings.yaml").write_text(uses + "        args: [--fail-on, warning]\n", encoding="utf-8")
    for article in FIXTURES.iterdir():
        shutil.copy2(article, work / article.name)
    (work / "script.py").write_text('print("not an article")\n', encoding="utf-8")
    _git("init", "-q", cwd=work)
    _git("add", "-A", cwd=work)  # pre-commit refuses to run with an unstaged configuration
    env = _environment()
    # A private store, so that the virtualenv is built from this snapshot and shared by this module only.
    env["PRE_COMMIT_HOME"] = str(base / "pre-commit-home")
    installed = Hook(work, env).run("install-hooks")
    if installed.returncode != 0:
        output = installed.stdout + installed.stderr
        log = base / "pre-commit-home" / "pre-commit.log"
        if log.exists():
            output += log.read_text(encoding="utf-8", errors="replace")
        reason = f"pre-commit could not build the claimcheck hook's environment:\n{output}"
        if not os.environ.get("CI") and any(sign in output for sign in _OFFLINE):
            pytest.skip(reason)
        pytest.fail(reason)
    return Hook(work, env)


def test_hook_fails_on_an_article_with_an_error_finding(hook: Hook) -> None:
    done = hook.run("run", "claimcheck", "--files", "blast-caption.md")
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "Failed" in out and "exit code: 1" in out
    assert "blast-caption.md:1:22: error CAS001" in out, out


def test_hook_passes_on_a_clean_article(hook: Hook) -> None:
    done = hook.run("run", "claimcheck", "--files", "council-vote.md", "library-opening.txt", "road-closure.html")
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "Passed" in out


def test_hook_reports_findings_below_fail_on_without_failing(hook: Hook) -> None:
    done = hook.run("run", "claimcheck", "--verbose", "--files", "storm-warning.md")
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "Passed" in out and "storm-warning.md:4:9: warning CAS002" in out, out


def test_hook_leaves_out_files_that_are_not_articles(hook: Hook) -> None:
    done = hook.run("run", "claimcheck", "--files", "script.py", ".pre-commit-config.yaml")
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "(no files to check)Skipped" in out, out


def test_one_process_sees_every_file_so_articles_are_compared_across_files(hook: Hook) -> None:
    """Without require_serial, pre-commit splits six files into batches on a machine with two or more CPUs:
    two summary lines instead of one, and the two fire reports compared only if they share a batch."""
    done = hook.run("run", "-c", "warnings.yaml", "claimcheck", "--files", *ACROSS)
    out = done.stdout + done.stderr
    summaries = [line for line in out.splitlines() if " in " in line and line.rstrip(".").endswith("articles")]
    assert summaries == ["1 discrepancy in 6 articles."], f"one claimcheck run should see all six files:\n{out}"
    assert done.returncode == 1, out
    assert "fire-paper.jsonl:1:54: warning CAS002" in out and "fire-wire.jsonl:1:64" in out, out
