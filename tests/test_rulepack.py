"""Rule-pack validation: a bad pack stops the run with file, line, value and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import main
from checker.errors import RulePackError
from checker.rulepack import builtin_pack_paths, load_rules

GOOD_RULE = '''
[pack]
id = "extra"

[[rule]]
code = "EXT001"
name = "extra.evacuated"
kind = "numeric-agreement"
measure = "evacuated"
summary = "Evacuation counts disagree."
rationale = "Two figures for one evacuation confuse readers."
severity = "error"
triggers = ["evacuated"]
default_counted = "people"

[[rule.example]]
name = "headline_vs_body"
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


def _pack(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "extra.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(RulePackError) as exc:
        load_rules([*builtin_pack_paths(), _pack(tmp_path, text)])
    return str(exc.value)


def test_unknown_key_names_file_line_and_suggests(tmp_path: Path) -> None:
    message = _error(tmp_path, GOOD_RULE.replace('severity = "error"', 'severity = "error"\ntrigers = ["x"]'))
    assert "extra.toml:" in message and "unknown key in rule: 'trigers'" in message
    assert "Did you mean 'triggers'?" in message
    line = int(message.split("extra.toml:")[1].split(":")[0])
    assert GOOD_RULE.replace('severity = "error"', 'severity = "error"\ntrigers = ["x"]').splitlines()[line - 1].startswith("trigers")


def test_bad_kind_lists_the_valid_ones(tmp_path: Path) -> None:
    message = _error(tmp_path, GOOD_RULE.replace("numeric-agreement", "numeric-agreemnt"))
    assert "unknown rule kind: 'numeric-agreemnt'" in message and "Valid options are: numeric-agreement, part-whole" in message


def test_duplicate_code_is_rejected(tmp_path: Path) -> None:
    message = _error(tmp_path, GOOD_RULE.replace("EXT001", "CAS001"))
    assert "duplicate rule code" in message and "casualties.toml" in message


def test_bad_unit_and_bad_severity(tmp_path: Path) -> None:
    assert "unit not known to pint: 'furlongz'" in _error(tmp_path, '[pack]\nid = "u"\n[units]\n"fz" = "furlongz"\n')
    assert "invalid severity: 'fatal'" in _error(tmp_path, GOOD_RULE.replace('severity = "error"', 'severity = "fatal"'))


def test_toml_syntax_error(tmp_path: Path) -> None:
    assert "not valid TOML" in _error(tmp_path, "[pack\nid = 1\n")


def test_user_pack_adds_a_measure_through_the_cli(tmp_path: Path, capsys) -> None:
    pack = _pack(tmp_path, GOOD_RULE)
    article = tmp_path / "a.txt"
    article.write_text("Flood forces 300 from homes\n\nOfficials evacuated 300 people on Monday.\n\n"
                       "WATCH: Rescuers evacuated 450 people from the valley\n", encoding="utf-8")
    assert main(["check", str(article)]) == 0
    assert main(["check", str(article), "--rules", str(pack)]) == 1
    assert "EXT001" in capsys.readouterr().out


def test_bad_pack_on_the_command_line_exits_2(tmp_path: Path, capsys) -> None:
    pack = _pack(tmp_path, GOOD_RULE.replace("EXT001", "bad"))
    article = tmp_path / "a.txt"
    article.write_text("Quiet day\n\nNothing happened.\n", encoding="utf-8")
    assert main(["check", str(article), "--rules", str(pack)]) == 2
    assert "rule code must be" in capsys.readouterr().err
