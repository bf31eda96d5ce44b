"""SARIF 2.1.0: findings for code-scanning tools (GitHub code scanning, IDE SARIF viewers).

One run. ``tool.driver.rules`` is built from the rules the run could report
(:attr:`ReportOptions.rules`) plus an entry for any rule a result names that is
not among them, so every ``ruleId`` resolves. Each result's primary location is
the first side of the finding; the other sides are its related locations.

The output is byte-identical for the same inputs: keys sorted, lists in a fixed
order, and no timestamps unless :attr:`ReportOptions.timestamps` asks for them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from checker.reports import DEFAULT_OPTIONS, ReportOptions
from checker.reports.json_report import dumps
from checker.reports.records import evidence_record

from checker import __version__
from checker.model import Discrepancy, Evidence, InputProblem, RunResult, Severity

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
PROJECT_URL = "https://github.com/claimcheck/claimcheck"
# The project's documentation; a rule's help is its section of rules.md there.
DOCS_URL = f"{PROJECT_URL}/blob/main/docs/"
SRCROOT = "%SRCROOT%"
STDIN_URI = "stdin"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# Evidence fields already said by the location itself (or too long for a property bag).
_LOCATION_FIELDS = {"path", "line", "column", "locations", "text", "sentence"}
# An input path -> its artifactLocation, with the index of its entry in run.artifacts.
Where = Callable[[str], dict[str, Any]]


def render(result: RunResult, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    """The check as a SARIF 2.1.0 log (JSON)."""
    return dumps(sarif_log(result, options))


def sarif_log(result: RunResult, options: ReportOptions = DEFAULT_OPTIONS) -> dict[str, Any]:
    """The SARIF log as plain data."""
    rules = rule_table(options.rules, result.discrepancies)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    artifacts = _artifact_paths(result)
    artifact_index = {path: i for i, path in enumerate(artifacts)}
    records = {a.id for a in result.articles if a.record_line is not None}
    article_paths = {a.path for a in result.articles}

    def where(path: str) -> dict[str, Any]:
        return {**artifact_location(path), "index": artifact_index[path]}

    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "claimcheck",
            "version": __version__,
            "informationUri": PROJECT_URL,
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",  # columns count characters, from 1
        "originalUriBaseIds": {SRCROOT: {"description": {
            "text": "The directory claimcheck ran in: relative paths are as given on its command line."}}},
        "artifacts": [{"location": artifact_location(path),
                       **({"roles": ["analysisTarget"]} if path in article_paths else {})}
                      for path in artifacts],
        "invocations": [_invocation(result.problems, where, options.timestamps)],
        "results": [_result(d, index[d.rule], where, records, result.reference) for d in result.discrepancies],
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


# -- rules -----------------------------------------------------------------------


def rule_table(described: tuple[Any, ...], found: tuple[Discrepancy, ...]) -> list[dict[str, Any]]:
    """``tool.driver.rules``: each rule once, by code; a finding's rule is always there."""
    by_code: dict[str, dict[str, Any]] = {}
    for rule in described:
        by_code.setdefault(rule.code, rule_descriptor(rule))
    for d in found:
        # Reporters may be called without the rules (a library caller, an old CLI):
        # the finding still says its rule's code and name.
        by_code.setdefault(d.rule, {"id": d.rule, "name": d.rule_name, "shortDescription": {"text": d.rule_name},
                                    "defaultConfiguration": {"level": LEVELS[d.severity]}})
    return [by_code[code] for code in sorted(by_code)]


def rule_descriptor(rule: Any) -> dict[str, Any]:
    """A reportingDescriptor from a :class:`~checker.rulepack.Rule` or ``ReferenceRule``."""
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": f"{rule.summary} {rule.rationale}".strip()},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"kind": rule.kind, "tags": [rule.kind]},
    }
    if hasattr(rule, "severity_body"):  # a pack rule: its severity depends on where the sides are
        descriptor["properties"]["severities"] = {"headline_or_caption": rule.severity.value,
                                                  "body": rule.severity_body.value,
                                                  "across": rule.severity_across.value}
    if _shipped(rule):  # docs/rules.md documents the shipped packs only
        descriptor["helpUri"] = rule_help_uri(rule.code)
    return descriptor


def rule_help_uri(code: str) -> str:
    """The rule's section of docs/rules.md (``## CODE`` headings: GitHub anchors them in lower case)."""
    return f"{DOCS_URL}rules.md#{code.lower()}"


def _shipped(rule: Any) -> bool:
    return bool(rule.path) and Path(rule.path).resolve().parent == _shipped_packs()


@cache
def _shipped_packs() -> Path:
    return Path(str(resources.files("checker.rules"))).resolve()


# -- locations -------------------------------------------------------------------


def artifact_location(path: str) -> dict[str, Any]:
    """An artifactLocation for an input path: a relative POSIX URI under %SRCROOT%, a file URI when absolute."""
    if path in ("-", "<stdin>"):
        return {"uri": STDIN_URI}
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": Path(path).as_uri()}
    # quote() leaves only unreserved characters and "/": a ":" would otherwise read as a URI scheme.
    return {"uri": quote(pure.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def region(line: int, column: int | None, text: str) -> dict[str, Any]:
    """A region from a 1-based line and column; the end is known when the text is one line.

    Without a column the region is the whole line, which ``text`` is not: no snippet then.
    """
    if column is None:
        return {"startLine": line}
    found: dict[str, Any] = {"startLine": line, "startColumn": column, "snippet": {"text": text}}
    if "\n" not in text:
        found.update(endLine=line, endColumn=column + len(text))
    return found


def side_label(ev: Evidence, reference: str | None) -> str:
    """How a message names one side: ``caption “15” (rescue teams)``."""
    said = f" ({ev.claim.context.attribution})" if ev.claim.context.attribution else ""
    source = "source " if reference is not None and ev.article_id == reference else ""
    return f"{source}{ev.claim.role.value} “{ev.claim.text}”{said}"


def _location(ev: Evidence, occurrence: int, where: Where, records: set[str], reference: str | None) -> dict[str, Any]:
    line, column = ev.locations[occurrence]
    # A JSONL record's column counts into its article text, not into the line of the file.
    file_column = None if ev.article_id in records else column
    properties = {k: v for k, v in evidence_record(ev).items() if k not in _LOCATION_FIELDS and v is not None}
    if file_column is None:
        properties["articleColumn"] = column
    label = side_label(ev, reference) + (" (repeated)" if occurrence else "")
    return {
        "physicalLocation": {"artifactLocation": where(ev.path), "region": region(line, file_column, ev.claim.text)},
        "message": {"text": label},
        "properties": properties,
    }


def _result(d: Discrepancy, rule_index: int, where: Where, records: set[str], reference: str | None) -> dict[str, Any]:
    first, *others = d.evidence
    related = [_location(first, n, where, records, reference) for n in range(1, len(first.locations))]
    related += [_location(ev, n, where, records, reference) for ev in others for n in range(len(ev.locations))]
    for n, location in enumerate(related, start=1):
        location["id"] = n
    result: dict[str, Any] = {
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [_location(first, 0, where, records, reference)],
        "partialFingerprints": {"claimcheck/v1": d.fingerprint},
        "properties": {"ruleName": d.rule_name, "kind": d.kind, "measure": d.measure, "scope": d.scope,
                       "severity": d.severity.value},
    }
    if related:
        result["relatedLocations"] = related
    return result


def _artifact_paths(result: RunResult) -> list[str]:
    """Every file the log mentions, once, sorted: articles, sides and problems."""
    paths = {a.path for a in result.articles} | {p.path for p in result.problems}
    paths |= {ev.path for d in result.discrepancies for ev in d.evidence}
    return sorted(paths)


# -- the invocation --------------------------------------------------------------


def _invocation(problems: tuple[InputProblem, ...], where: Where, timestamps: bool) -> dict[str, Any]:
    invocation: dict[str, Any] = {
        "executionSuccessful": not any(p.level == "error" for p in problems),
        "toolExecutionNotifications": [_notification(p, where) for p in problems],
    }
    if timestamps:
        # The renderer runs once the check is done, so both times are "now" at render
        # time: SARIF wants the pair, and a run's length is not worth a clock in the result.
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        invocation.update(startTimeUtc=now, endTimeUtc=now)
    return invocation


def _notification(problem: InputProblem, where: Where) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": where(problem.path)}
    if problem.line:
        physical["region"] = {"startLine": problem.line}
    text = problem.message + (f" ({problem.hint})" if problem.hint else "")
    return {
        "level": "error" if problem.level == "error" else "warning",
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
        "descriptor": {"id": "input"},
    }
