"""Baselines: the findings a team has accepted, so that only new ones count.

A baseline file lists findings by a key made of the rule, the scope and, for
every side, the article (its path relative to the baseline file, and its record
id for JSON Lines), the segment, the claim's normalised text and its value. No
line or column goes into the key: inserting paragraphs above a finding keeps it
matched, while changing one of its figures makes it a different finding.

The file also says where each finding was when the baseline was written, for a
person reading it; only the keys are compared. Keys are a multiset: a finding
that occurs twice in the baseline is forgiven twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from checker.compare import normalised_text, value_key
from checker.errors import ConfigError
from checker.model import Discrepancy, RunResult

BASELINE_SCHEMA = "claimcheck/baseline"
BASELINE_VERSION = 1
DEFAULT_BASELINE = ".claimcheck-baseline.json"


@dataclass(frozen=True, slots=True)
class Baseline:
    """The accepted findings of one baseline file."""

    path: Path
    entries: tuple[dict, ...]  # as written in the file, each with its "key"

    def keys(self) -> Counter[str]:
        """How many times each finding key is forgiven."""
        return Counter(e["key"] for e in self.entries)


def _article_part(path: str, article_id: str, root: Path) -> str:
    if path in ("-", "<stdin>"):
        where = "<stdin>"
    else:
        where = Path(os.path.relpath(os.path.abspath(path), root)).as_posix()
    # A file's article id is its path; a JSON Lines record's is its "id" field, or
    # "path:line" when it has none, which moves with the record and is left out.
    own_id = article_id != path and not re.fullmatch(re.escape(path) + r":\d+", article_id)
    return f"{where}#{article_id}" if own_id else where


def finding_key(finding: Discrepancy, root: Path) -> str:
    """The location-free key of a finding, relative to the directory ``root`` of the baseline file."""
    sides = []
    for ev in finding.evidence:
        claim = ev.claim
        sides.append("|".join((_article_part(ev.path, ev.article_id, root), claim.role.value,
                               normalised_text(claim.text), value_key(claim))))
    text = "\n".join([finding.rule, finding.scope, *sorted(sides)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _entry(finding: Discrepancy, root: Path) -> dict:
    return {
        "key": finding_key(finding, root),
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "sides": [{"path": ev.path, "line": ev.locations[0][0], "text": ev.claim.text} for ev in finding.evidence],
    }


def render_baseline(entries: list[dict]) -> str:
    """The baseline file's text: deterministic, sorted by key."""
    data = {"schema": BASELINE_SCHEMA, "version": BASELINE_VERSION,
            "findings": sorted(entries, key=lambda e: (e["key"], e["rule"], e["message"]))}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def baseline_entries(result: RunResult, baseline_path: str | Path) -> list[dict]:
    """Every finding of ``result`` as an entry of a baseline file written at ``baseline_path``."""
    root = Path(os.path.abspath(baseline_path)).parent
    return [_entry(d, root) for d in result.discrepancies]


def load_baseline(path: str | Path) -> Baseline:
    """Read and validate a baseline file; a ConfigError says what is wrong and how to make a good one."""
    path = Path(path)
    remedy = f"make one with `claimcheck baseline create PATH... -o {path}`"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such baseline file; {remedy}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: the baseline cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}:{exc.lineno}:{exc.colno}: the baseline is not valid JSON ({exc.msg}); "
                          f"{remedy}") from None
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA:
        raise ConfigError(f"{path}: not a claimcheck baseline (no \"schema\": \"{BASELINE_SCHEMA}\"); {remedy}")
    if data.get("version") != BASELINE_VERSION:
        raise ConfigError(f"{path}: baseline version {data.get('version')!r} is not supported (this claimcheck "
                          f"reads version {BASELINE_VERSION}); {remedy}")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise ConfigError(f"{path}: \"findings\" must be a list; {remedy}")
    for number, entry in enumerate(findings, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
            raise ConfigError(f"{path}: finding {number} has no \"key\" string; {remedy}")
    return Baseline(path, tuple(findings))


def without_baselined(result: RunResult, baseline: Baseline) -> tuple[RunResult, int]:
    """``result`` without the findings the baseline accepts, and how many were left out."""
    root = Path(os.path.abspath(baseline.path)).parent
    left = baseline.keys()
    kept = []
    for finding in result.discrepancies:
        key = finding_key(finding, root)
        if left[key] > 0:
            left[key] -= 1
        else:
            kept.append(finding)
    return replace(result, discrepancies=tuple(kept)), len(result.discrepancies) - len(kept)


def still_found(baseline: Baseline, result: RunResult) -> tuple[list[dict], int]:
    """The baseline's entries that ``result`` still finds (refreshed), and how many new findings it has besides.

    Entries are refreshed from the current run, so their lines and messages say
    where the findings are now; the keys are unchanged by construction.
    """
    root = Path(os.path.abspath(baseline.path)).parent
    left = baseline.keys()
    kept, new = [], 0
    for finding in result.discrepancies:
        entry = _entry(finding, root)
        if left[entry["key"]] > 0:
            left[entry["key"]] -= 1
            kept.append(entry)
        else:
            new += 1
    return kept, new
