"""The CI output formats: SARIF, GitHub annotations, JUnit, Checkstyle, concise, JSON Lines, colour.

Findings come from the hand-written articles in tests/fixtures/ci: flood.md (a
caption says 15 killed, headline and body 18: an error), harbour.txt (two body
figures: a warning), wires.jsonl (a clean record and one with an error) and
outlets.jsonl (two outlets disagree: one finding across two articles).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from checker.reports import (
    REPORTERS,
    ReportOptions,
    checkstyle,
    colour,
    concise,
    github,
    json_lines,
    junit,
    sarif,
    text,
)
from checker.reports.records import discrepancy_record

from checker.cli import main
from checker.model import InputProblem, RunResult, Severity
from checker.pipeline import check_paths

CI = Path(__file__).parent / "fixtures" / "ci"
DOCS = Path(__file__).resolve().parents[1] / "docs"
SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "data" / "sarif" / "sarif-schema-2.1.0.json"
INPUTS = ["flood.md", "harbour.txt", "wires.jsonl"]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
NEW_FORMATS = ("sarif", "github", "junit", "checkstyle", "concise", "json-lines")


@pytest.fixture
def in_ci(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the fixture folder, so paths are relative as on a CI runner."""
    monkeypatch.chdir(CI)
    return CI


@pytest.fixture
def result(rules, in_ci: Path) -> RunResult:
    """The three fixture files checked together, plus a path that cannot be read."""
    return check_paths([*INPUTS, "missing.md"], rules)


def _severity_of(result: RunResult, code: str, path: str) -> Severity:
    return next(d.severity for d in result.discrepancies if d.rule == code and d.evidence[0].path == path)


def test_the_fixtures_give_the_findings_the_tests_rely_on(result: RunResult) -> None:
    found = {(d.evidence[0].path, d.rule, d.severity) for d in result.discrepancies}
    assert found == {("flood.md", "CAS001", Severity.ERROR), ("harbour.txt", "CAS002", Severity.WARNING),
                     ("wires.jsonl", "CAS002", Severity.ERROR)}
    assert [(p.path, p.level) for p in result.problems] == [("missing.md", "error")]


def test_every_new_format_is_registered_and_reachable_from_the_cli(in_ci: Path, tmp_path: Path) -> None:
    assert set(NEW_FORMATS) <= set(REPORTERS)
    for name in NEW_FORMATS:
        out = tmp_path / f"report.{name}"
        assert main(["check", "--format", name, "flood.md", "-o", str(out)]) == 1
        assert "CAS001" in out.read_text(encoding="utf-8"), name


# -- SARIF ------------------------------------------------------------------------


def _sarif_validator():
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"the SARIF 2.1.0 schema is not available ({SARIF_SCHEMA} is missing: CI has it)")
    from jsonschema.validators import validator_for

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = validator_for(schema)  # the schema's own draft (04)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("timestamps", [False, True])
def test_sarif_validates_against_the_official_schema(rules, result: RunResult, timestamps: bool) -> None:
    validator = _sarif_validator()
    log = json.loads(sarif.render(result, ReportOptions(rules=tuple(rules.described()), timestamps=timestamps)))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == len(result.discrepancies)


def test_sarif_rule_table_resolves_every_result_even_without_the_rules(rules, result: RunResult) -> None:
    for options in (ReportOptions(rules=tuple(rules.described())), ReportOptions()):
        run = json.loads(sarif.render(result, options))["runs"][0]
        table = run["tool"]["driver"]["rules"]
        assert [r["id"] for r in table] == sorted({r["id"] for r in table}), "each rule once, sorted"
        for res in run["results"]:
            assert table[res["ruleIndex"]]["id"] == res["ruleId"]
    # The rules given but not found are listed too (the table is the run's rule set).
    assert len(json.loads(sarif.render(result, ReportOptions(rules=tuple(rules.described()))))["runs"][0]
               ["tool"]["driver"]["rules"]) == len(rules.described())


def test_sarif_rules_describe_themselves_and_link_to_their_docs_section(rules, result: RunResult) -> None:
    anchors = {m.group(1).lower() for m in re.finditer(r"^## ([A-Z]{2,4}\d{3})$", (DOCS / "rules.md").read_text(),
                                                          re.MULTILINE)}
    run = json.loads(sarif.render(result, ReportOptions(rules=tuple(rules.described()))))["runs"][0]
    by_id = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    for rule in rules.described():
        entry = by_id[rule.code]
        assert entry["name"] == rule.name
        assert entry["shortDescription"]["text"] == rule.summary
        assert rule.rationale in entry["fullDescription"]["text"]
        assert entry["defaultConfiguration"]["level"] == sarif.LEVELS[rule.severity]
        url, _, anchor = entry["helpUri"].partition("#")
        assert url == sarif.DOCS_URL + "rules.md" and anchor in anchors, entry["helpUri"]
    # A changed severity (as the configuration may set it) is the rule's default level.
    quiet = rules.configured(severities={"CAS001": Severity.INFO}).described()
    run = json.loads(sarif.render(result, ReportOptions(rules=tuple(quiet))))["runs"][0]
    assert next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "CAS001")["defaultConfiguration"] == {
        "level": "note"}


def test_sarif_result_locations_are_the_sides_of_the_finding(result: RunResult) -> None:
    run = json.loads(sarif.render(result))["runs"][0]
    flood = next(r for r in run["results"] if r["ruleId"] == "CAS001")
    d = next(d for d in result.discrepancies if d.rule == "CAS001")
    (primary,) = flood["locations"]
    first = d.evidence[0]
    line, column = first.locations[0]
    assert primary["physicalLocation"]["region"] == {"startLine": line, "startColumn": column, "endLine": line,
                                                     "endColumn": column + len(first.claim.text),
                                                     "snippet": {"text": first.claim.text}}
    assert primary["physicalLocation"]["artifactLocation"]["uri"] == "flood.md"
    assert primary["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    related = flood["relatedLocations"]
    assert [loc["physicalLocation"]["region"]["startLine"] for loc in related] == [
        ev.locations[0][0] for ev in d.evidence[1:]]
    assert len({loc["id"] for loc in related}) == len(related)
    assert any("caption" in loc["message"]["text"] and "15" in loc["message"]["text"] for loc in related)
    assert flood["message"]["text"] == d.message
    assert flood["properties"]["scope"] == "within" and flood["properties"]["measure"] == "killed"
    # The column the snippet says really is where the text is in the file.
    source_line = (CI / "flood.md").read_text(encoding="utf-8").splitlines()[line - 1]
    assert source_line[column - 1:column - 1 + len(first.claim.text)] == first.claim.text


def test_sarif_jsonl_records_get_a_line_and_no_file_column(result: RunResult) -> None:
    run = json.loads(sarif.render(result))["runs"][0]
    wire = next(r for r in run["results"] if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "wires.jsonl")
    assert wire["locations"][0]["physicalLocation"]["region"] == {"startLine": 2}
    assert wire["locations"][0]["properties"]["articleColumn"] > 1


def test_sarif_levels_follow_the_severity(result: RunResult) -> None:
    shifted = replace(result, discrepancies=tuple(replace(d, severity=s) for d, s in
                                                  zip(result.discrepancies, Severity, strict=True)))
    run = json.loads(sarif.render(shifted))["runs"][0]
    assert [r["level"] for r in run["results"]] == ["note", "warning", "error"]


def test_sarif_problems_are_execution_notifications(result: RunResult) -> None:
    invocation = json.loads(sarif.render(result))["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.md"
    warned = replace(result, problems=(InputProblem("wires.jsonl", 3, "record skipped", level="warning"),))
    invocation = json.loads(sarif.render(warned))["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "warning" and note["locations"][0]["physicalLocation"]["region"] == {"startLine": 3}


def test_sarif_fingerprints_ignore_inserted_paragraphs(rules, in_ci: Path, tmp_path: Path) -> None:
    original = (CI / "flood.md").read_text(encoding="utf-8")
    (tmp_path / "flood.md").write_text(original, encoding="utf-8")
    before = json.loads(sarif.render(check_paths([str(tmp_path / "flood.md")], rules)))["runs"][0]["results"]
    headline, rest = original.split("\n", 1)
    (tmp_path / "flood.md").write_text(f"{headline}\n\nFirst added paragraph.\n\nSecond added paragraph.\n{rest}",
                                       encoding="utf-8")
    after = json.loads(sarif.render(check_paths([str(tmp_path / "flood.md")], rules)))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]
    lines = [[loc["physicalLocation"]["region"]["startLine"] for loc in r["relatedLocations"]] for r in (before[0],
                                                                                                       after[0])]
    assert [line + 4 for line in lines[0]] == lines[1], "the sides moved down four lines"


def test_sarif_is_byte_identical_and_has_no_timestamps_by_default(rules, in_ci: Path) -> None:
    options = ReportOptions(rules=tuple(rules.described()))
    first = sarif.render(check_paths([*INPUTS, "missing.md"], rules), options)
    second = sarif.render(check_paths([*INPUTS, "missing.md"], rules), options)
    assert first == second
    assert "TimeUtc" not in first
    stamped = json.loads(sarif.render(check_paths(INPUTS, rules), replace(options, timestamps=True)))
    invocation = stamped["runs"][0]["invocations"][0]
    for key in ("startTimeUtc", "endTimeUtc"):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", invocation[key])


def test_sarif_artifact_uris_are_relative_posix_and_percent_encoded(rules, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert sarif.artifact_location("news/a b,c:d.md") == {"uri": "news/a%20b%2Cc%3Ad.md", "uriBaseId": "%SRCROOT%"}
    assert sarif.artifact_location("-") == sarif.artifact_location("<stdin>") == {"uri": "stdin"}
    absolute = sarif.artifact_location(str(tmp_path / "x y.md"))
    assert absolute["uri"].startswith("file:///") and absolute["uri"].endswith("/x%20y.md")
    assert "uriBaseId" not in absolute
    (tmp_path / "odd dir").mkdir()
    shutil.copy(CI / "flood.md", tmp_path / "odd dir" / "flood, late:edition.md")
    monkeypatch.chdir(tmp_path)
    run = json.loads(sarif.render(check_paths(["odd dir/flood, late:edition.md"], rules)))["runs"][0]
    uri = "odd%20dir/flood%2C%20late%3Aedition.md"
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri
    assert [a["location"]["uri"] for a in run["artifacts"]] == [uri]


# -- GitHub annotations --------------------------------------------------------------


def _unescape(value: str, *, property_value: bool) -> str:
    """The runner's reading of an escaped value (the inverse of @actions/core's escaping)."""
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if property_value else [])
    for escaped, raw in pairs + [("%25", "%")]:
        value = value.replace(escaped, raw)
    return value


def _parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """``::name k=v,k=v::message`` as GitHub's runner splits it."""
    match = re.fullmatch(r"::(\w+)(?: ([^:]*))?::(.*)", line)
    assert match, line
    name, given, message = match.groups()
    properties = dict(pair.split("=", 1) for pair in given.split(",")) if given else {}
    return (name, {k: _unescape(v, property_value=True) for k, v in properties.items()},
            _unescape(message, property_value=False))


def test_github_escaping_matches_actions_core() -> None:
    assert github.escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert github.escape_property("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext%3A a%2C b"
    assert github.escape_data("%0A") == "%250A", "an escape sequence in the text is not read as one"


def test_github_one_line_per_finding_whatever_the_message(result: RunResult, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch, rules) -> None:
    shutil.copy(CI / "flood.md", tmp_path / "edition:2, final.md")
    monkeypatch.chdir(tmp_path)
    found = check_paths(["edition:2, final.md"], rules)
    nasty = "50% more\nthan said,\r\nsee: line 2\u2028and :: this"
    found = replace(found, discrepancies=tuple(replace(d, message=nasty) for d in found.discrepancies))
    output = github.render(found)
    assert len(output.splitlines()) == len(found.discrepancies) == 1
    name, properties, message = _parse_command(output.splitlines()[0])
    assert name == "error" and properties["file"] == "edition:2, final.md" and properties["title"] == "CAS001"
    assert message.startswith("50% more\nthan said,\r\nsee: line 2 and :: this (also: caption line 3 “15”")
    d = found.discrepancies[0]
    line, column = d.evidence[0].locations[0]
    assert (properties["line"], properties["col"]) == (str(line), str(column))
    assert properties["endLine"] == str(line) and properties["endColumn"] == str(column + len(d.evidence[0].claim.text))


def test_github_commands_follow_the_severity_and_report_problems(result: RunResult) -> None:
    lines = github.render(result).splitlines()
    assert len(lines) == len(result.discrepancies) + len(result.problems)
    commands = [_parse_command(line) for line in lines]
    by_file = {(p["file"], name) for name, p, _ in commands}
    assert ("harbour.txt", "warning") in by_file and ("flood.md", "error") in by_file
    assert ("missing.md", "error") in by_file, "the unreadable input is an error annotation"
    info = replace(result, discrepancies=tuple(replace(d, severity=Severity.INFO) for d in result.discrepancies),
                   problems=())
    assert {_parse_command(line)[0] for line in github.render(info).splitlines()} == {"notice"}
    # A JSONL record's column is not a file column: no col/endColumn for it.
    wire = next(p for _, p, _ in commands if p.get("file") == "wires.jsonl")
    assert "col" not in wire and wire["line"] == "2"


def test_github_names_the_other_article_of_a_finding_across_records(rules, in_ci: Path) -> None:
    found = check_paths(["outlets.jsonl"], rules, across=True)
    (line,) = github.render(found).splitlines()
    other = found.discrepancies[0].evidence[1]
    assert f"(also: {other.article_id} body line {other.locations[0][0]} “{other.claim.text}”)" in line


# -- JUnit and Checkstyle ---------------------------------------------------------------


def test_junit_has_a_suite_per_path_and_a_case_per_article(rules, in_ci: Path) -> None:
    found = check_paths([*INPUTS, "outlets.jsonl", "missing.md"], rules, across=True)
    root = ET.fromstring(junit.render(found))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == sorted(["flood.md", "harbour.txt", "wires.jsonl", "outlets.jsonl",
                                                      "missing.md"])
    cases = {(c.get("classname"), c.get("name")): c for c in root.iter("testcase")}
    assert set(cases) >= {("wires.jsonl", "wire-quiet"), ("wires.jsonl", "wire-storm"), ("flood.md", "flood.md")}
    assert cases[("wires.jsonl", "wire-quiet")].find("failure") is None, "a clean article passes"
    assert cases[("flood.md", "flood.md")].find("failure").get("type") == "CAS001"
    # The finding across the two outlets fails each of them.
    across = [c for (path, _), c in cases.items() if path == "outlets.jsonl"]
    assert len(across) == 2 and all(len(c.findall("failure")) == 1 for c in across)
    (error,) = root.iter("error")
    assert "missing.md" in error.text
    failing = sum(1 for c in cases.values() if c.find("failure") is not None)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == (str(len(cases)), str(failing), "1")
    for suite in suites:
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
    assert sum(int(s.get("failures")) for s in suites) == failing == 5


def test_junit_text_lists_every_side_and_survives_hostile_text(result: RunResult) -> None:
    d = next(d for d in result.discrepancies if d.rule == "CAS001")
    hostile = replace(result, discrepancies=(replace(d, message='<b>"18" & 15</b>\x0c\x00 ]]>'),))
    failure = ET.fromstring(junit.render(hostile)).find(".//failure")
    assert failure.get("message").startswith('<b>"18" & 15</b>')
    assert [line.split(": ", 1)[0] for line in failure.text.splitlines()[1:]] == [
        f"{ev.path}:{ev.locations[0][0]}:{ev.locations[0][1]}" for ev in d.evidence]


def test_checkstyle_lists_files_sorted_with_their_errors(result: RunResult) -> None:
    root = ET.fromstring(checkstyle.render(result))
    assert root.tag == "checkstyle" and root.get("version") == "4.3"
    names = [f.get("name") for f in root.findall("file")]
    assert names == sorted(names) == ["flood.md", "harbour.txt", "missing.md", "wires.jsonl"]
    errors = {f.get("name"): f.findall("error") for f in root.findall("file")}
    assert sum(len(e) for e in errors.values()) == len(result.discrepancies) + len(result.problems)
    (flood,) = errors["flood.md"]
    d = next(d for d in result.discrepancies if d.rule == "CAS001")
    assert (flood.get("line"), flood.get("column")) == tuple(str(n) for n in d.evidence[0].locations[0])
    assert flood.get("severity") == "error" and flood.get("source") == "claimcheck.CAS001"
    assert errors["harbour.txt"][0].get("severity") == "warning"
    assert errors["missing.md"][0].get("source") == "claimcheck.input"
    assert errors["wires.jsonl"][0].get("column") is None
    info = replace(result, discrepancies=tuple(replace(d, severity=Severity.INFO) for d in result.discrepancies))
    assert {e.get("severity") for e in ET.fromstring(checkstyle.render(info)).iter("error")} == {"info", "error"}


def test_xml_formats_are_byte_identical(rules, in_ci: Path) -> None:
    for render in (junit.render, checkstyle.render):
        assert render(check_paths(INPUTS, rules)) == render(check_paths(INPUTS, rules))


# -- concise and JSON Lines ---------------------------------------------------------------

CONCISE_LINE = re.compile(r"(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{2,4}\d{3}|input) "
                          r"\[(?P<severity>error|warning|info)\] (?P<message>.+)")


def test_concise_is_one_line_a_finding(result: RunResult) -> None:
    d = result.discrepancies[0]
    broken = replace(result, discrepancies=(replace(d, message="first\nsecond\r\nthird\u2028fourth"),
                                            *result.discrepancies[1:]))
    lines = concise.render(broken).splitlines()
    assert len(lines) == len(result.discrepancies) + len(result.problems)
    parsed = [CONCISE_LINE.fullmatch(line) for line in lines]
    assert all(parsed), lines
    assert parsed[0]["message"] == "first second third fourth"
    for m, found in zip(parsed, result.discrepancies, strict=False):
        assert (m["path"], int(m["line"]), int(m["col"])) == (found.evidence[0].path, *found.evidence[0].locations[0])
        assert (m["code"], m["severity"]) == (found.rule, found.severity.value)
    assert (parsed[-1]["path"], parsed[-1]["code"], parsed[-1]["severity"]) == ("missing.md", "input", "error")


def test_json_lines_are_one_record_each(result: RunResult) -> None:
    d = result.discrepancies[0]
    odd = replace(result, discrepancies=(replace(d, message="a\u2028b\x85c\nd"), *result.discrepancies[1:]))
    output = json_lines.render(odd)
    assert output == json_lines.render(odd)
    lines = output.splitlines()
    assert len(lines) == len(result.discrepancies) + len(result.problems)
    records = [json.loads(line) for line in lines]
    findings = [r for r in records if r["type"] == "finding"]
    assert [{k: v for k, v in r.items() if k not in ("type", "schema", "version")} for r in findings] == [
        json.loads(json.dumps(discrepancy_record(x))) for x in odd.discrepancies]
    assert findings[0]["message"] == "a\u2028b\x85c\nd"
    assert {(r["schema"], r["version"]) for r in findings} == {("claimcheck/finding", 1)}
    (problem,) = [r for r in records if r["type"] == "problem"]
    assert problem["path"] == "missing.md" and problem["level"] == "error"
    assert all(line == json.dumps(json.loads(line), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
               .replace("\u2028", "\\u2028").replace("\x85", "\\u0085") for line in lines)


# -- colour -------------------------------------------------------------------------------


def test_colour_only_when_asked_and_only_around_severity_and_code(result: RunResult) -> None:
    for render in (text.render, concise.render):
        plain = render(result)
        assert render(result, ReportOptions(color=False)) == plain
        assert "\x1b" not in plain
        coloured = render(result, ReportOptions(color=True))
        assert ANSI.sub("", coloured) == plain, "colour adds codes and nothing else"
        assert colour.bold("CAS001") in coloured
        assert "\x1b[31m" in coloured and "\x1b[33m" in coloured  # red errors, yellow warnings
    info = replace(result, discrepancies=tuple(replace(d, severity=Severity.INFO) for d in result.discrepancies))
    assert "\x1b[36m[info]" in concise.render(info, ReportOptions(color=True))
    assert "\x1b[36minfo" in text.render(info, ReportOptions(color=True))


def test_text_without_colour_is_unchanged(rules) -> None:
    golden = Path(__file__).parent / "golden" / "markdown_captions"
    found = check_paths([str(golden / "article.md")], rules)
    expected = (golden / "expected.txt").read_text(encoding="utf-8").replace("article.md", str(golden / "article.md"))
    assert text.render(found) == expected


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(("choice", "env", "tty", "expected"), [
    ("always", {}, False, True),
    ("always", {"NO_COLOR": "1"}, False, True),
    ("never", {"FORCE_COLOR": "1"}, True, False),
    ("auto", {}, True, True),
    ("auto", {}, False, False),
    ("auto", {"NO_COLOR": "1"}, True, False),
    ("auto", {"NO_COLOR": ""}, True, True),
    ("auto", {"FORCE_COLOR": "1"}, False, True),
    ("auto", {"FORCE_COLOR": ""}, False, False),
    ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
])
def test_use_color(monkeypatch: pytest.MonkeyPatch, choice: str, env: dict[str, str], tty: bool,
                   expected: bool) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert colour.use_color(choice, _Stream(tty)) is expected
    assert colour.use_color(choice, _Stream(tty), environ=env) is expected


def test_use_color_on_odd_streams_and_choices() -> None:
    closed = io.StringIO()
    closed.close()
    assert colour.use_color("auto", closed, environ={}) is False
    assert colour.use_color("auto", object(), environ={}) is False  # no isatty at all
    with pytest.raises(ValueError, match="auto, always, never"):
        colour.use_color("sometimes", io.StringIO())


def test_every_format_is_documented() -> None:
    guide = (DOCS / "formats.md").read_text(encoding="utf-8")
    missing = [name for name in REPORTERS if f"\n## `{name}`\n" not in guide]
    assert not missing, f"docs/formats.md has no section for: {missing}"
