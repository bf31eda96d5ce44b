"""``--changed-since REF``: the article files changed since a git ref.

"Changed" is what a pull request changed: the files that differ between the
merge base of REF and HEAD and the working tree (committed, staged, unstaged),
plus untracked files git does not ignore. Deleted files are left out. Of those,
only the files the PATHs would select (named, or article files under named
directories, by the usual rules) are checked.
"""

from __future__ import annotations

import os
import subprocess

from checker.errors import ConfigError
from checker.ingest import expand_paths


def _git(args: list[str], cwd: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise ConfigError("--changed-since needs git, and no `git` command was found on PATH") from None
    if done.returncode != 0:
        raise _GitFailed(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout.decode("utf-8", "surrogateescape")


class _GitFailed(Exception):
    pass


def changed_articles(ref: str, paths: list[str], cwd: str = ".") -> list[str]:
    """The files of ``paths`` (as expand_paths gives them) that changed since ``ref``, in the same order."""
    if "-" in paths:
        raise ConfigError("--changed-since cannot be used with - (standard input): pass files or directories")
    try:
        top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    except _GitFailed as exc:
        raise ConfigError(f"--changed-since {ref}: the current directory is not in a git repository ({exc})") from None
    try:
        base = _git(["merge-base", ref, "HEAD"], cwd).strip()
    except _GitFailed as exc:
        raise ConfigError(f"--changed-since {ref}: not a commit this repository knows ({exc or 'no merge base'}). "
                          "Pass a branch, tag or commit, e.g. origin/main; a shallow CI checkout must fetch it "
                          "first (git fetch origin main, or checkout with fetch-depth: 0)") from None
    diff = _git(["-c", "core.quotepath=off", "diff", "--name-only", "-z", "--no-renames", "--diff-filter=d",
                 base, "--"], top)
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard", "--full-name"], top)
    # realpath on both sides: git reports the top level with symlinks resolved.
    changed = {os.path.normcase(os.path.realpath(os.path.join(top, name)))
               for name in (diff + untracked).split("\0") if name}
    return [p for p in expand_paths(paths) if os.path.normcase(os.path.realpath(p)) in changed]
