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
    assert "unknown rule kind: 'numeric-agreemnt'" in message and "Valid options are: date, house-spelling, location, name-variant, numeric-agreement, part-whole, title" in message


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


# -- ten malformed packs: each exits 2 naming the file, the line and the fix ------------

_PASS_EXAMPLE = '''[[rule.example]]
name = "one_figure"
pass = """
Flood forces 300 from homes

Officials evacuated 300 people on Monday.
"""
'''

# (what is wrong, the pack, the text the reported line must hold, words of the message, words of the fix)
MALFORMED = [
    ("syntax_error", GOOD_RULE.replace('measure = "evacuated"', 'measure = "evacuated'),
     'measure = "evacuated', "not valid TOML", "Check the quoting"),
    ("unknown_key", GOOD_RULE.replace('severity = "error"', 'severity = "error"\ntrigers = ["x"]'),
     "trigers", "unknown key in rule: 'trigers'", "Did you mean 'triggers'?"),
    ("wrong_type", GOOD_RULE.replace('triggers = ["evacuated"]', 'triggers = "evacuated"'),
     'triggers = "evacuated"', "rule.triggers must be a list, not a string", 'Write it as triggers = ["...", "..."]'),
    ("duplicate_code", GOOD_RULE.replace("EXT001", "CAS001"),
     'code = "CAS001"', "duplicate rule code (first defined in", "Give this rule a code no other pack uses"),
    ("unknown_kind", GOOD_RULE.replace("numeric-agreement", "numeric-agreemnt"),
     "numeric-agreemnt", "unknown rule kind: 'numeric-agreemnt'", "Did you mean 'numeric-agreement'?"),
    ("bad_unit", GOOD_RULE + '\n[units]\n"fz" = "furlongz"\n',
     '"fz" = "furlongz"', "unit not known to pint: 'furlongz'", "Use a pint unit name"),
    ("bad_severity", GOOD_RULE.replace('severity = "error"', 'severity = "fatal"'),
     'severity = "fatal"', "invalid severity: 'fatal'", "Valid options are: error, info, warning"),
    ("catastrophic_pattern", GOOD_RULE + "\n[boilerplate]\ndrop = ['(a+)+$']\n",
     "(a+)+$", "nested repetition '(a+)+'", "'(a+)+' -> 'a+'"),
    ("missing_example", GOOD_RULE.replace(_PASS_EXAMPLE, ""),
     'code = "EXT001"', "rule EXT001 has no pass example", "Add [[rule.example]]"),
    ("empty_lexicon", GOOD_RULE + "\n[lexicon.counted]\nevacuees = []\n",
     "evacuees = []", "lexicon.counted.evacuees is empty", "List at least one phrase"),
]


@pytest.mark.parametrize("problem,text,line_holds,says,fix", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_pack_exits_2_with_file_line_and_fix(tmp_path: Path, capsys, problem, text, line_holds, says,
                                                        fix) -> None:
    assert _PASS_EXAMPLE in GOOD_RULE
    pack = _pack(tmp_path, text)
    article = tmp_path / "a.txt"
    article.write_text("Quiet day\n\nNothing happened.\n", encoding="utf-8")
    assert main(["check", str(article), "--rules", str(pack)]) == 2
    err = capsys.readouterr().err
    assert f"{pack}:" in err and says in err and fix in err, err
    line, col = (int(n) for n in err.split(f"{pack}:")[1].split(":")[:2])
    assert line_holds in text.splitlines()[line - 1], f"line {line} of the pack is not the bad one: {err}"
    assert col >= 1


def test_rule_errors_point_into_the_rule_that_has_them(tmp_path: Path) -> None:
    # Two rules with the same keys: the bad value of the second must be found in the second.
    second = GOOD_RULE.split("[[rule]]", 1)[1].replace("EXT001", "EXT002").replace("extra.evacuated", "extra.rescued")
    text = GOOD_RULE + "\n[[rule]]" + second.replace('kind = "numeric-agreement"', 'kind = "tally"')
    message = _error(tmp_path, text)
    line = int(message.split("extra.toml:")[1].split(":")[0])
    assert text.splitlines()[line - 1] == 'kind = "tally"'
    assert line > len(GOOD_RULE.splitlines())


def test_pack_patterns_run_in_linear_time() -> None:
    # RE2 matches in time linear in the input whatever the pattern; Python's re would take
    # longer than the age of the universe here. The lint rejects this pattern at load time;
    # this checks that a pattern that got past it could still not hang a run.
    import time

    import re2

    from checker.patterns import combine

    pattern = re2.compile("(a+)+$")
    started = time.perf_counter()
    assert combine((pattern,)).search("a" * 200_000 + "!") is None
    assert time.perf_counter() - started < 1.0


def test_patterns_re2_cannot_run_are_rejected_with_the_reason(tmp_path: Path) -> None:
    message = _error(tmp_path, GOOD_RULE + "\n[boilerplate]\ndrop = ['(\\w+) \\1']\n")
    assert "not a pattern RE2 can run" in message and "backreferences" in message


def test_scope_and_message_template_are_validated(tmp_path: Path) -> None:
    bad_segment = GOOD_RULE.replace('default_counted = "people"', 'default_counted = "people"\nscope = { segments = ["headlin"] }')
    assert "Did you mean 'headline'?" in _error(tmp_path, bad_segment)
    bad_field = GOOD_RULE.replace('default_counted = "people"', 'default_counted = "people"\nmessage = "Evacuees: {detail}"')
    assert "unknown placeholder in message: 'detail'" in _error(tmp_path, bad_field)
    assert "Did you mean 'details'?" in _error(tmp_path, bad_field)


def test_scope_and_message_change_what_is_reported(tmp_path: Path, capsys) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Flood forces 300 from homes\n\nOfficials evacuated 300 people on Monday.\n\n"
                       "WATCH: Rescuers evacuated 450 people from the valley\n", encoding="utf-8")
    custom = GOOD_RULE.replace('default_counted = "people"',
                               'default_counted = "people"\nmessage = "Evacuation figures differ: {details}"')
    assert main(["check", str(article), "--rules", str(_pack(tmp_path, custom))]) == 1
    assert "Evacuation figures differ: evacuated (people): 450 in the caption vs 300 in the body" in capsys.readouterr().out
    body_only = GOOD_RULE.replace('default_counted = "people"',
                                  'default_counted = "people"\nscope = { segments = ["headline", "body"] }')
    body_only = body_only.replace('[[rule.example]]\nname = "headline_vs_body"', '[[rule.example]]\nname = "body_vs_body"', 1)
    body_only = body_only.replace("WATCH: Rescuers evacuated 450", "Rescuers later evacuated 450")
    assert main(["check", str(article), "--rules", str(_pack(tmp_path, body_only))]) == 0
