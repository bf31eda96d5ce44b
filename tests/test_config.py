"""Configuration files, rule selectors, precedence, provenance, and the ``rules`` and ``config`` commands."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from checker.cli import main
from checker.config import Resolver, find_config_file, select

GOLDEN = Path(__file__).parent / "golden"
CONFLICT_TEXT = (GOLDEN / "more_than_conflict" / "article.txt").read_text(encoding="utf-8")  # only CAS001, an error
SAME_EVENT = (GOLDEN / "across_same_event" / "a.jsonl").read_text(encoding="utf-8").splitlines()

EVACUATED_PACK = '''
[pack]
id = "evacuations"
version = 1
description = "Evacuation counts must agree."

[[rule]]
code = "EVC001"
name = "evacuations.evacuated"
kind = "numeric-agreement"
measure = "evacuated"
summary = "Counts of evacuated people disagree."
rationale = "Two figures for one evacuation leave readers unsure how many people had to leave."
severity = "error"
severity_body = "warning"
triggers = ["evacuated"]
default_counted = "people"

[[rule.example]]
name = "caption_vs_body"
fail = """
Flood forces 300 from homes

Officials evacuated 300 people on Monday.

WATCH: Rescuers evacuated 450 people from the valley
"""

[[rule.example]]
name = "one_figure"
pass = """
Flood forces 300 from homes

Officials evacuated 300 people on Monday.
"""
'''
FLOOD = ("River bursts its banks\n\nOfficials evacuated 300 people on Monday.\n\n"
         "WATCH: Rescuers evacuated 450 people from the valley\n")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _article(folder: Path, name: str = "article.txt", text: str = CONFLICT_TEXT) -> Path:
    return _write(folder / name, text)


def _run(capsys, *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _json(capsys, *argv: str | Path) -> tuple[int, dict]:
    code, out, err = _run(capsys, "check", *argv, "--format", "json")
    assert out, err
    return code, json.loads(out)


def _rules_found(data: dict) -> list[tuple[str, str]]:
    return [(d["rule"], d["severity"]) for d in data["discrepancies"]]


# -- discovery --------------------------------------------------------------------------------


def test_the_nearest_configuration_file_wins(tmp_path: Path, capsys) -> None:
    _write(tmp_path / ".claimcheck.toml", '[severity]\nCAS001 = "info"\n')
    _write(tmp_path / "desk" / ".claimcheck.toml", 'disable = ["CAS001"]\n')
    top, inner = _article(tmp_path), _article(tmp_path / "desk" / "deep")
    assert find_config_file(inner.parent) == tmp_path / "desk" / ".claimcheck.toml"
    code, data = _json(capsys, top)
    assert code == 0 and _rules_found(data) == [("CAS001", "info")]
    code, data = _json(capsys, inner)
    assert code == 0 and _rules_found(data) == [], "the inner file applies, not the outer one: no merging"


def test_claimcheck_toml_wins_over_pyproject_in_one_directory(tmp_path: Path, capsys) -> None:
    _write(tmp_path / ".claimcheck.toml", '[severity]\nCAS001 = "warning"\n')
    _write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.claimcheck]\ndisable = ["CAS001"]\n')
    assert _rules_found(_json(capsys, _article(tmp_path))[1]) == [("CAS001", "warning")]


def test_pyproject_without_the_table_is_skipped(tmp_path: Path, capsys) -> None:
    _write(tmp_path / "pyproject.toml", '[tool.claimcheck]\n[tool.claimcheck.severity]\nCAS001 = "info"\n')
    _write(tmp_path / "site" / "pyproject.toml", '[project]\nname = "site"\n\n[tool.ruff]\nline-length = 100\n')
    article = _article(tmp_path / "site")
    assert find_config_file(article.parent) == tmp_path / "pyproject.toml"
    assert _rules_found(_json(capsys, article)[1]) == [("CAS001", "info")]


def test_pyproject_table_is_read_and_its_errors_point_into_it(tmp_path: Path, capsys) -> None:
    pyproject = _write(tmp_path / "pyproject.toml",
                       '[project]\nname = "x"\nrules = "not ours"\n\n[tool.claimcheck]\nfail_on = "warnig"\n')
    code, _, err = _run(capsys, "check", _article(tmp_path))
    assert code == 2
    assert f"{pyproject}:6:11: invalid fail_on: 'warnig'" in err and "Did you mean 'warning'?" in err


def test_explicit_config_is_the_only_one_read(tmp_path: Path, capsys) -> None:
    _write(tmp_path / ".claimcheck.toml", 'disable = ["CAS001"]\n')
    other = _write(tmp_path / "elsewhere" / "strict.toml", '[severity]\nCAS001 = "info"\n')
    article = _article(tmp_path)
    assert _rules_found(_json(capsys, article)[1]) == []
    assert _rules_found(_json(capsys, article, "--config", other)[1]) == [("CAS001", "info")]
    pyproject = _write(tmp_path / "elsewhere" / "pyproject.toml", '[tool.claimcheck]\nfail_on = "info"\n')
    assert _json(capsys, article, "--config", pyproject)[0] == 1, "fail_on comes from the pyproject's table"


def test_explicit_config_must_exist_and_a_pyproject_must_have_the_table(tmp_path: Path, capsys) -> None:
    article = _article(tmp_path)
    code, _, err = _run(capsys, "check", article, "--config", tmp_path / "nope.toml")
    assert code == 2 and "--config" in err and "no such file" in err
    bare = _write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    code, _, err = _run(capsys, "check", article, "--config", bare)
    assert code == 2 and "has no [tool.claimcheck] table" in err


def test_isolated_ignores_every_configuration_file(tmp_path: Path, capsys) -> None:
    _write(tmp_path / ".claimcheck.toml", 'disable = ["ALL"]\n')
    article = _article(tmp_path)
    assert _json(capsys, article)[0] == 0
    code, data = _json(capsys, article, "--isolated")
    assert code == 1 and _rules_found(data) == [("CAS001", "error")]
    with pytest.raises(SystemExit) as exc:
        main(["check", str(article), "--isolated", "--config", str(tmp_path / ".claimcheck.toml")])
    assert exc.value.code == 2


def test_standard_input_uses_the_current_directory(tmp_path: Path, capsys, monkeypatch) -> None:
    _write(tmp_path / ".claimcheck.toml", '[severity]\nCAS001 = "warning"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CONFLICT_TEXT.encode())))
    code, out, _ = _run(capsys, "check", "-")
    assert code == 0 and "<stdin>:1:1: warning CAS001" in out


# -- selectors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("selector,codes", [
    ("CAS001", ["CAS001"]),
    ("cas001", ["CAS001"]),
    ("CAS", ["CAS001", "CAS002", "CAS003", "CAS004", "CAS005"]),
    ("CAS00", ["CAS001", "CAS002", "CAS003", "CAS004", "CAS005"]),
    ("casualties", ["CAS001", "CAS002", "CAS003", "CAS004", "CAS005"]),
    ("casualties.killed", ["CAS001"]),
    ("casualties.kill", []),  # dotted prefixes end on a dot boundary
    ("reference", ["REF001"]),
])
def test_selectors(rules, selector: str, codes: list[str]) -> None:
    assert select(selector, rules.described()) == codes


def test_all_selects_every_rule(rules) -> None:
    assert select("ALL", rules.described()) == [r.code for r in rules.described()]


def test_a_selector_matching_nothing_is_an_error_with_a_suggestion(tmp_path: Path, capsys) -> None:
    config = _write(tmp_path / ".claimcheck.toml", '# house rules\ndisable = ["MAT", "casualtis"]\n')
    code, _, err = _run(capsys, "check", _article(tmp_path))
    assert code == 2
    assert f"{config}:2:19: selector matches no rule: 'casualtis'" in err and "Did you mean 'casualties'?" in err
    code, _, err = _run(capsys, "check", _article(tmp_path), "--isolated", "--enable", "CAS001,CAS0099")
    assert code == 2 and "--enable CAS0099: selector matches no rule" in err and "Did you mean 'CAS001'?" in err


# -- severity and enabling ---------------------------------------------------------------------------


def test_lowering_a_severity_changes_the_exit_code(tmp_path: Path, capsys) -> None:
    article = _article(tmp_path)
    assert _run(capsys, "check", article)[0] == 1
    _write(tmp_path / ".claimcheck.toml", '[severity]\nCAS001 = "warning"\n')
    code, out, _ = _run(capsys, "check", article)
    assert code == 0 and "warning CAS001" in out, "fail_on = error by default: a warning passes"
    assert _run(capsys, "check", article, "--fail-on", "warning")[0] == 1
    _write(tmp_path / ".claimcheck.toml", 'fail_on = "warning"\n[severity]\nCAS001 = "warning"\n')
    assert _run(capsys, "check", article)[0] == 1
    assert _run(capsys, "check", article, "--isolated", "--severity", "CAS001=info", "--fail-on", "warning")[0] == 0


def test_raising_a_severity_on_the_command_line(tmp_path: Path, capsys) -> None:
    article = _article(tmp_path, text=(GOLDEN / "body_vs_body_is_warning" / "article.txt").read_text(encoding="utf-8"))
    assert _run(capsys, "check", article)[0] == 0
    assert _run(capsys, "check", article, "--severity", "casualties=error")[0] == 1


def test_the_more_specific_severity_selector_wins_and_the_command_line_wins_over_the_file(tmp_path: Path) -> None:
    for table in ('CAS = "info"\nCAS001 = "warning"\n', 'CAS001 = "warning"\nCAS = "info"\n',
                  'ALL = "info"\n"casualties.killed" = "warning"\n', '"casualties.killed" = "warning"\ncasualties = "info"\n'):
        _write(tmp_path / ".claimcheck.toml", "[severity]\n" + table)
        states = {s.code: s.severity for s in Resolver().for_input(str(tmp_path)).states}
        assert states["CAS001"] == "warning" and states["CAS002"] == "info", table
    from checker.config import Overrides

    config = Resolver(Overrides(severity=("CAS=error",))).for_input(str(tmp_path))
    states = {s.code: s for s in config.states}
    assert states["CAS001"].severity == "error" and states["CAS001"].severity_source == 'severity "CAS" (command line)'


def test_disable_removes_a_finding_and_extraction_is_unchanged(tmp_path: Path, capsys) -> None:
    article = _article(tmp_path)
    _, before = _run(capsys, "extract", article)[:2]
    _write(tmp_path / ".claimcheck.toml", 'disable = ["casualties.killed"]\n')
    code, data = _json(capsys, article)
    assert code == 0 and data["discrepancies"] == []
    assert _run(capsys, "extract", article)[1] == before, "a disabled rule still gives figures their measure"
    assert '"measure": "killed"' in before


def test_enable_keeps_only_the_selected_rules(tmp_path: Path, capsys) -> None:
    article = _article(tmp_path)
    _write(tmp_path / ".claimcheck.toml", 'enable = ["MAT", "measures"]\n')
    code, data = _json(capsys, article)
    assert code == 0 and _rules_found(data) == []
    assert _rules_found(_json(capsys, article, "--enable", "CAS001")[1]) == [("CAS001", "error")]


def test_command_line_enable_starts_afresh_and_disable_adds(tmp_path: Path, capsys) -> None:
    article = _article(tmp_path)
    _write(tmp_path / ".claimcheck.toml", 'disable = ["CAS001"]\n')
    assert _json(capsys, article)[0] == 0
    assert _json(capsys, article, "--enable", "ALL")[0] == 1, "like ruff's --select, --enable replaces the file's choice"
    assert _json(capsys, article, "--isolated", "--disable", "MAT", "--disable", "DIS001,CAS001")[0] == 0


def test_command_line_values_win_over_the_file(tmp_path: Path, capsys) -> None:
    _write(tmp_path / ".claimcheck.toml", 'format = "json"\nfail_on = "never"\n')
    article = _article(tmp_path)
    code, out, _ = _run(capsys, "check", article)
    assert code == 0 and json.loads(out)["discrepancies"]
    code, out, _ = _run(capsys, "check", article, "--format", "text", "--fail-on", "error")
    assert code == 1 and out.startswith(f"{article}:1:1: error CAS001")


def test_across_from_the_configuration(tmp_path: Path, capsys) -> None:
    corpus = _write(tmp_path / "a.jsonl", "\n".join(SAME_EVENT) + "\n")
    assert [d["scope"] for d in _json(capsys, corpus)[1]["discrepancies"]] == ["across"]
    _write(tmp_path / ".claimcheck.toml", "across = false\n")
    assert _json(capsys, corpus)[1]["discrepancies"] == []
    assert len(_json(capsys, corpus, "--across")[1]["discrepancies"]) == 1


def test_house_style_from_the_configuration(tmp_path: Path, capsys) -> None:
    _write(tmp_path / "style" / "house.toml", '[spellings]\n"Kyiv" = ["Kiev"]\n')
    _write(tmp_path / ".claimcheck.toml", 'house_style = "style/house.toml"\n')
    article = _article(tmp_path, text="Talks in Kiev end\n\nOfficials in Kyiv said talks would resume.\n")
    config = Resolver().for_input(str(article))
    assert config.house_style == tmp_path / "style" / "house.toml"
    assert _rules_found(_json(capsys, article)[1]) == [("STY001", "warning")], "the house style names it once"
    # Without the house style, the two spellings of one place are still one name spelt two ways.
    assert _rules_found(_json(capsys, article, "--isolated")[1]) == [("NAM001", "warning")]


# -- several configurations in one run ------------------------------------------------------------------


def test_inputs_under_different_configurations_are_checked_in_groups(tmp_path: Path, capsys) -> None:
    wire = _write(tmp_path / "wire" / "a.jsonl", SAME_EVENT[0] + "\n")
    paper = _write(tmp_path / "paper" / "b.jsonl", SAME_EVENT[1] + "\n")
    conflict = _article(tmp_path / "paper")
    data = _json(capsys, wire, paper)[1]
    assert [d["scope"] for d in data["discrepancies"]] == ["across"], "one configuration (none): compared across"
    _write(tmp_path / "wire" / ".claimcheck.toml", 'fail_on = "info"\n')
    _write(tmp_path / "paper" / ".claimcheck.toml", '[severity]\nCAS001 = "warning"\n')
    code, data = _json(capsys, conflict, wire, paper)
    assert [a["id"] for a in data["articles"]] == [str(conflict), "wire-1", "paper-1"], "articles in input order"
    assert _rules_found(data) == [("CAS001", "warning")], "each group has its own rules; none compared across"
    assert code == 0, "the paper group's warning is under its fail_on (error)"
    again = _json(capsys, conflict, wire, paper)[1]
    assert again == data, "deterministic"


def test_group_fail_on_is_per_configuration(tmp_path: Path, capsys) -> None:
    _write(tmp_path / "strict" / ".claimcheck.toml", 'fail_on = "warning"\n[severity]\nCAS001 = "warning"\n')
    _write(tmp_path / "lax" / ".claimcheck.toml", '[severity]\nCAS001 = "warning"\n')
    lax, strict = _article(tmp_path / "lax"), _article(tmp_path / "strict")
    assert _run(capsys, "check", lax)[0] == 0
    assert _run(capsys, "check", lax, strict)[0] == 1


def test_different_report_formats_in_one_run_are_an_error(tmp_path: Path, capsys) -> None:
    _write(tmp_path / "a" / ".claimcheck.toml", 'format = "json"\n')
    one, two = _article(tmp_path / "a"), _article(tmp_path / "b")
    code, _, err = _run(capsys, "check", one, two)
    assert code == 2 and "different report formats" in err and "--format" in err
    assert _run(capsys, "check", one, two, "--format", "text")[0] == 1


# -- bad configuration ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,line,says", [
    ('fail-on = "warning"\n', 1, ("unknown configuration key: 'fail-on'. Valid options are: across, disable, enable, "
                                 "fail_on, format, house_style, max_claims_per_article, max_file_bytes, "
                                 "min_severity, rules, severity. Did you mean 'fail_on'?")),
    ('# ok\nfail_on = "errors"\n', 2, ("invalid fail_on: 'errors'. Valid options are: error, warning, info, never. "
                                      "Did you mean 'error'?")),
    ('fail_on = 1\n', 1, "fail_on must be a string, not an integer: 1"),
    ('\n\nformat = "yaml"\n', 3, "invalid format: 'yaml'. Valid options are: checkstyle, concise, github, html, json, json-lines, junit, sarif, text"),
    ('across = "yes"\n', 1, "across must be a boolean (true or false), not a string: 'yes'"),
    ('enable = "CAS001"\n', 1, "enable must be a list of strings, not a string: 'CAS001'"),
    ('disable = ["CAS001", 2]\n', 1, "disable must hold non-empty strings, not an integer: 2"),
    ('[severity]\nCAS001 = "warning"\nCAS002 = "fatal"\n', 3,
     "invalid severity for 'CAS002': 'fatal'. Valid options are: info, warning, error"),
    ('[severity]\nCAS0011 = "info"\n', 2, "selector matches no rule: 'CAS0011'. Did you mean 'CAS001'?"),
    ('rules = ["packs"]\n', 1, "no such rule-pack file or directory: 'packs'"),
    ('house_style = "house.toml"\n', 1, "no such house-style file: 'house.toml'"),
    ('disable = ["CAS001"\n', 1, "not valid TOML"),
    ('fail_on = "error"\nfail_on = "info"\n', 2, "not valid TOML"),
])
def test_bad_configuration_exits_2_with_file_and_line(tmp_path: Path, capsys, text: str, line: int, says: str) -> None:
    config = _write(tmp_path / ".claimcheck.toml", text)
    code, out, err = _run(capsys, "check", _article(tmp_path))
    assert code == 2 and out == ""
    assert says in err, err
    where = re.search(rf"{re.escape(str(config))}:(\d+):(\d+): ", err)
    assert where and int(where.group(1)) == line, err


def test_bad_command_line_severity(tmp_path: Path, capsys) -> None:
    article = _article(tmp_path)
    code, _, err = _run(capsys, "check", article, "--severity", "CAS001")
    assert code == 2 and "expected SELECTOR=LEVEL" in err
    code, _, err = _run(capsys, "check", article, "--severity", "CAS001=warn")
    assert code == 2 and "Did you mean 'warning'?" in err


# -- config show -----------------------------------------------------------------------------------------------


def test_config_show_says_where_every_value_came_from(tmp_path: Path, capsys, monkeypatch) -> None:
    _write(tmp_path / "packs" / "evacuations.toml", EVACUATED_PACK)
    _write(tmp_path / ".claimcheck.toml",
           '# newsroom settings\nrules = ["packs"]\ndisable = ["CAS003"]\n\n[severity]\nCAS001 = "warning"\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(capsys, "config", "show", "--fail-on", "warning")
    assert code == 0
    lines = out.splitlines()

    def line_of(start: str) -> str:
        return next(line for line in lines if line.startswith(start))

    assert "configuration file: .claimcheck.toml" in out
    assert line_of("rules = ").endswith('# from .claimcheck.toml:2') and '"packs"' in line_of("rules = ")
    assert line_of("disable = ").endswith("# from .claimcheck.toml:3")
    assert line_of("enable = ").endswith("# from default")
    assert line_of("fail_on = ").endswith("# from command line")
    assert line_of('format = "text"').endswith("# from default")
    assert line_of("CAS001 = ").endswith("# from .claimcheck.toml:6")
    assert re.search(r"^#   casualties\.toml +shipped$", out, re.MULTILINE)
    assert re.search(r"^#   packs/evacuations\.toml +\.claimcheck\.toml:2$", out, re.MULTILINE)
    assert re.search(r"CAS001 +casualties\.killed +warning +enabled", out)
    assert re.search(r"CAS003 +casualties\.missing +\S.* +disabled +disable \"CAS003\" \(\.claimcheck\.toml:3\)", out)
    assert re.search(r"EVC001 +evacuations\.evacuated +error \(body: warning, across: warning\) +enabled", out)


def test_config_show_without_a_file_and_isolated(tmp_path: Path, capsys) -> None:
    code, out, _ = _run(capsys, "config", "show", tmp_path)
    assert code == 0 and "configuration file: none" in out and 'fail_on = "error"' in out
    _write(tmp_path / ".claimcheck.toml", 'fail_on = "info"\n')
    assert "--isolated" in _run(capsys, "config", "show", tmp_path, "--isolated")[1]
    assert _run(capsys, "config", "show", tmp_path / "missing")[0] == 2


# -- rules list / show / test ---------------------------------------------------------------------------------------


def test_rules_list_shows_the_configured_rules(tmp_path: Path, capsys, monkeypatch) -> None:
    _write(tmp_path / ".claimcheck.toml", 'disable = ["MAT002"]\n[severity]\nCAS001 = "info"\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(capsys, "rules", "list")
    assert code == 0
    assert re.search(r"^CAS001 +casualties\.killed +info +Death", out, re.MULTILINE)
    assert re.search(r"^MAT002 +materiel\.intercepted +error \(disabled\)", out, re.MULTILINE)
    _write(tmp_path / "extra.toml", EVACUATED_PACK)
    assert "EVC001" in _run(capsys, "rules", "list", "--rules", "extra.toml")[1]


def test_rules_show_and_an_unknown_code(capsys) -> None:
    code, out, _ = _run(capsys, "rules", "show", "cas001", "--isolated")
    assert code == 0 and out.startswith("CAS001 casualties.killed") and "Example (flagged)" in out
    code, out, err = _run(capsys, "rules", "show", "CAS01", "--isolated")
    assert code == 2 and out == "" and "no rule 'CAS01'" in err and "Did you mean 'CAS001'?" in err


def test_rules_test_runs_every_shipped_example(capsys) -> None:
    code, out, _ = _run(capsys, "rules", "test")
    assert code == 0, out
    assert re.fullmatch(r"(\d+) passed, 0 failed \(\1 examples\)\n", out)


def test_rules_test_on_a_user_pack(tmp_path: Path, capsys) -> None:
    pack = _write(tmp_path / "packs" / "evacuations.toml", EVACUATED_PACK)
    code, out, _ = _run(capsys, "rules", "test", tmp_path / "packs", "-v")
    assert code == 0
    line = EVACUATED_PACK.splitlines().index('name = "caption_vs_body"') + 1
    assert f"evacuations.toml:{line}: EVC001::caption_vs_body (flags) PASSED" in out
    assert out.endswith("2 passed, 0 failed (2 examples)\n"), "only the given pack's rules"
    wrong = EVACUATED_PACK.replace("Officials evacuated 300 people on Monday.\n\"\"\"",
                                   "Officials evacuated 300 people on Monday, and 350 were evacuated later.\n"
                                   "\n\nWATCH: 450 evacuated\n\"\"\"")
    _write(pack, wrong)
    code, out, _ = _run(capsys, "rules", "test", pack)
    assert code == 1
    assert "EVC001::one_figure (passes) FAILED" in out and "expected no finding" in out
    assert out.endswith("1 passed, 1 failed (2 examples)\n")


def test_rules_test_on_a_malformed_pack_exits_2(tmp_path: Path, capsys) -> None:
    pack = _write(tmp_path / "bad.toml", EVACUATED_PACK.replace('kind = "numeric-agreement"', 'kind = "numeric"'))
    code, _, err = _run(capsys, "rules", "test", pack)
    assert code == 2 and "bad.toml:" in err and "unknown rule kind" in err
    assert _run(capsys, "rules", "test", tmp_path / "missing.toml")[0] == 2


# -- acceptance ---------------------------------------------------------------------------------------------------


def test_a_user_pack_in_the_configuration_adds_a_measure_without_code_changes(tmp_path: Path, capsys) -> None:
    _write(tmp_path / "packs" / "evacuations.toml", EVACUATED_PACK)
    article = _article(tmp_path, "flood.txt", FLOOD)
    code, out, _ = _run(capsys, "check", article)
    assert code == 0 and "0 discrepancies" in out, "without the pack, 'evacuated' measures nothing"
    _write(tmp_path / ".claimcheck.toml", 'rules = ["packs"]\n')
    code, out, _ = _run(capsys, "check", article)
    assert code == 1
    assert f"{article}:3:21: error EVC001 evacuated (people): 450 in the caption vs 300 in the body" in out
