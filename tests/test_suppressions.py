"""Inline suppressions (checker/suppress.py, docs/suppressions.md): directives in the text silence findings.

Every fixture in tests/fixtures/suppress/ is the article of plain.md (a CAS001 error:
18 killed in the headline and body, 15 in the caption; and a CAS002 warning: 4
injured vs 6 injured, two body paragraphs) with directives added. plain.md itself
shows both findings are there without them.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from checker.cli import main
from checker.ingest.jsonl import line_document, read_jsonl
from checker.ingest.markdown import read_markdown
from checker.model import InputProblem, RunResult
from checker.pipeline import check_paths
from checker.segment import segment
from checker.suppress import apply_suppressions

FIX = Path(__file__).parent / "fixtures" / "suppress"


def cli(capsys, *args: object) -> tuple[int, dict, str]:
    """``claimcheck check --isolated --format json ARGS``: exit code, report, stderr."""
    code = main(["check", "--isolated", "--format", "json", *map(str, args)])
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


def rules_of(report: dict) -> list[str]:
    return sorted(d["rule"] for d in report["discrepancies"])


def suppressed(rules, *paths: Path, across: bool = False) -> tuple[RunResult, RunResult]:
    """The check of ``paths`` before and after :func:`apply_suppressions`."""
    before = check_paths([str(p) for p in paths], rules, across=across)
    return before, apply_suppressions(before, [r.code for r in rules.described()])


def found(result: RunResult) -> list[str]:
    return sorted(d.rule for d in result.discrepancies)


def warnings(result: RunResult) -> list[InputProblem]:
    return [p for p in result.problems if p.level == "warning"]


# The fixture without directives ------------------------------------------------------------------------------


def test_the_fixture_article_has_an_error_and_a_warning_finding(capsys) -> None:
    code, report, _ = cli(capsys, FIX / "plain.md")
    assert code == 1
    assert rules_of(report) == ["CAS001", "CAS002"]


def test_nothing_changes_without_directives(rules) -> None:
    before, after = suppressed(rules, FIX / "plain.md")
    assert after == before


# Markdown ------------------------------------------------------------------------------------------------------


def test_disable_next_line_silences_the_finding_and_the_exit_code_goes_to_0(capsys) -> None:
    code, report, _ = cli(capsys, FIX / "md_next_line.md")
    assert rules_of(report) == ["CAS002"], "CAS001's caption is on the next line with text; CAS002 is not covered"
    assert code == 0, "the only error finding was suppressed; the CAS002 warning does not fail the run"


def test_disable_next_line_of_another_code_silences_nothing(rules, capsys) -> None:
    code, report, _ = cli(capsys, FIX / "md_next_line_other_code.md")
    assert code == 1
    assert rules_of(report) == ["CAS001", "CAS002"]
    _, after = suppressed(rules, FIX / "md_next_line_other_code.md")
    [warning] = warnings(after)
    assert warning.line == 3 and "unused suppression" in warning.message and "CAS002" in warning.message
    assert "line 5" in warning.message


def test_disable_next_line_covers_only_the_next_line_with_text(rules) -> None:
    before, after = suppressed(rules, FIX / "md_next_line_elsewhere.md")
    assert found(after) == found(before) == ["CAS001", "CAS002"]
    [warning] = warnings(after)
    assert (warning.line, "unused suppression") == (7, warning.message[:18])
    assert "it covers line 9" in warning.message


def test_disable_enable_block_silences_findings_inside_only(rules, capsys) -> None:
    code, report, _ = cli(capsys, FIX / "md_block.md")
    assert rules_of(report) == ["CAS002"], "the caption is inside the block; the injured paragraphs come after it"
    assert code == 0
    assert not warnings(suppressed(rules, FIX / "md_block.md")[1])


def test_a_finding_after_the_enable_is_not_silenced(rules) -> None:
    _, after = suppressed(rules, FIX / "md_block_enabled_before.md")
    assert found(after) == ["CAS001", "CAS002"]
    [warning] = warnings(after)
    assert warning.line == 3 and "claimcheck-disable CAS001 suppresses no finding" in warning.message
    assert "lines 3-5" in warning.message


def test_disable_without_enable_runs_to_the_end_of_the_file(rules) -> None:
    _, after = suppressed(rules, FIX / "md_to_end.md")
    assert found(after) == ["CAS001"], "CAS002 is disabled from line 7 on; CAS001's figures are all above it"
    assert not warnings(after)


def test_disable_with_no_code_silences_every_rule(rules, capsys) -> None:
    code, report, _ = cli(capsys, FIX / "md_disable_all.md")
    assert (code, rules_of(report)) == (0, [])
    assert not warnings(suppressed(rules, FIX / "md_disable_all.md")[1])


def test_enable_of_one_code_after_disabling_every_rule(rules) -> None:
    _, after = suppressed(rules, FIX / "md_disable_all_enable_one.md")
    assert found(after) == ["CAS002"], "CAS001 stays off (its body figure is above the enable); CAS002 is back on"
    assert not warnings(after)


def test_directive_names_and_codes_are_case_insensitive(rules, capsys) -> None:
    code, report, _ = cli(capsys, FIX / "md_case.md")
    assert (code, rules_of(report)) == (0, [])
    assert not warnings(suppressed(rules, FIX / "md_case.md")[1])


def test_mistakes_are_reported_in_order_and_silence_nothing(rules) -> None:
    _, after = suppressed(rules, FIX / "md_mistakes.md")
    assert found(after) == ["CAS001"]
    problems = warnings(after)
    assert [p.line for p in problems] == [3, 7, 11]
    misspelt, unknown, enable = problems
    assert "unknown directive 'claimcheck-disabel'" in misspelt.message
    assert "did you mean 'claimcheck-disable'?" in misspelt.hint
    assert "unknown rule code 'CAS01'" in unknown.message and "did you mean 'CAS001'?" in unknown.hint
    assert "claimcheck-enable without a claimcheck-disable" in enable.message
    assert all(p.path == str(FIX / "md_mistakes.md") for p in problems)


# HTML ----------------------------------------------------------------------------------------------------------


def test_html_disable_next_line_skips_lines_of_only_tags(capsys) -> None:
    code, report, _ = cli(capsys, FIX / "html_next_line.html")
    assert rules_of(report) == ["CAS002"], "the figcaption is the next line with text, below <figure> and <img>"
    assert code == 0


def test_html_disable_next_line_of_another_code(rules, capsys) -> None:
    code, report, _ = cli(capsys, FIX / "html_next_line_other_code.html")
    assert (code, rules_of(report)) == (1, ["CAS001", "CAS002"])
    [warning] = warnings(suppressed(rules, FIX / "html_next_line_other_code.html")[1])
    assert warning.line == 7 and "CAS002" in warning.message and "line 10" in warning.message


def test_html_block_silences_a_finding_with_one_side_inside(rules, capsys) -> None:
    code, report, _ = cli(capsys, FIX / "html_block.html")
    # CAS002's "4 injured" (line 7) is inside the block, its "6 injured" (line 10) outside: one side is enough.
    # CAS001's caption is after the enable and it is another code anyway.
    assert (code, rules_of(report)) == (1, ["CAS001"])
    assert not warnings(suppressed(rules, FIX / "html_block.html")[1])


def test_html_block_closed_before_the_figures(rules) -> None:
    _, after = suppressed(rules, FIX / "html_block_after_enable.html")
    assert found(after) == ["CAS001", "CAS002"]
    [warning] = warnings(after)
    assert warning.line == 6 and "lines 6-7" in warning.message


# JSON Lines ----------------------------------------------------------------------------------------------------


def by_record(report: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in report["discrepancies"]:
        out.setdefault(d["evidence"][0]["article"], []).append(d["rule"])
    return {k: sorted(v) for k, v in out.items()}


def test_jsonl_claimcheck_field(capsys) -> None:
    code, report, err = cli(capsys, "--no-across", FIX / "records.jsonl")
    assert code == 1
    assert by_record(report) == {
        "plain": ["CAS001", "CAS002"],
        "cas001": ["CAS002"],  # {"disable": ["CAS001"], "reason": ...}
        "cas002": ["CAS001"],  # {"disable": ["cas002"]}: codes are case-insensitive
        # "all": {"disable": "all"} and "string": {"disable": "CAS001, CAS002"} have none left
        "bad-shape": ["CAS001", "CAS002"],
        "bad-key": ["CAS001", "CAS002"],
        "unknown": ["CAS001", "CAS002"],
        "comment": ["CAS002"],  # a comment directive in the body covers the whole record
    }
    # Shape problems are found when the record is read, so they reach stderr already.
    path = FIX / "records.jsonl"
    assert f"{path}:6: warning: 'claimcheck' field ignored: 'disable' must be a list" in err
    assert f"{path}:7: warning: 'claimcheck' field ignored: unknown key 'disabel'" in err
    assert "did you mean 'disable'?" in err


def test_jsonl_unknown_code_in_the_field(rules) -> None:
    _, after = suppressed(rules, FIX / "records.jsonl")
    [unknown] = [p for p in warnings(after) if "unknown rule code" in p.message]
    assert unknown.line == 8 and "'CAS01'" in unknown.message and "did you mean 'CAS001'?" in unknown.hint


def test_jsonl_field_that_suppresses_nothing(rules, tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "x", "title": "Fire in Lowport", "body": "Nine people were killed in a fire.",
                                "claimcheck": {"disable": ["CAS001"]}}) + "\n", encoding="utf-8")
    _, after = suppressed(rules, path)
    [warning] = warnings(after)
    assert warning.line == 1 and "unused suppression" in warning.message and '"CAS001"' in warning.message


def test_jsonl_comment_directive_covers_only_its_record(rules, tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    records = [{"id": "marked", "title": "Fire in Lowport", "body": "<!-- claimcheck-disable CAS001 -->\nA note."},
               {"id": "other", "title": "Fire kills 12 in Lowport", "body": "Nine people were killed in the fire."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    _, after = suppressed(rules, path)
    assert found(after) == ["CAS001"], "the directive in record 1 does not reach record 2"
    [warning] = warnings(after)
    assert warning.line == 1 and warning.message.endswith("(it covers line 1)")


@pytest.mark.parametrize(("spec", "message"), [
    ("CAS001", "it must be an object, not a string"),
    ({"disable": []}, "'disable' is empty"),
    ({"disable": ""}, "'disable' is empty"),
    ({"disable": ["all", "CAS001"]}, '"all" cannot be listed with other codes'),
    ({"disable": {"CAS001": True}}, "'disable' must be a list of rule codes"),
    ({"disable": ["CAS001"], "reason": 7}, "'reason' must be a string"),
    ({"reason": "x"}, "it has no 'disable' key"),
])
def test_jsonl_bad_field_is_a_warning_and_the_record_is_still_read(spec, message) -> None:
    line = json.dumps({"id": "r", "body": "Nine people were killed.", "claimcheck": spec})
    docs, problems = read_jsonl("c.jsonl", "\n" + line + "\n")
    assert [d.suppress for d in docs] == [None]
    [problem] = problems
    assert (problem.path, problem.line, problem.level) == ("c.jsonl", 2, "warning")
    assert message in problem.message


@pytest.mark.parametrize(("spec", "codes"), [
    ({"disable": "all"}, ()),
    ({"disable": ["ALL"]}, ()),
    ({"disable": ["CAS001", " cas002 "]}, ("CAS001", "cas002")),
    ({"disable": "CAS001 CAS002,DAT001"}, ("CAS001", "CAS002", "DAT001")),
])
def test_jsonl_field_shapes(spec, codes) -> None:
    docs, problems = read_jsonl("c.jsonl", json.dumps({"body": "Nine people were killed.", "claimcheck": spec}))
    assert problems == [] and docs[0].suppress == codes


def test_streamed_record_with_a_bad_field_is_still_a_document() -> None:
    line = json.dumps({"id": "r", "body": "Nine people were killed.", "claimcheck": {"disable": 3}})
    doc = line_document("c.jsonl", 4, line)
    assert doc is not None and not isinstance(doc, InputProblem) and doc.suppress is None


def test_suppress_field_reaches_the_article_and_pickles(rules) -> None:
    docs, _ = read_jsonl("c.jsonl", json.dumps({"body": "Nine people were killed.",
                                                 "claimcheck": {"disable": ["CAS001"]}}))
    article = segment(docs[0], rules)
    assert article.suppress == ("CAS001",)
    assert pickle.loads(pickle.dumps(docs[0])) == docs[0]
    assert pickle.loads(pickle.dumps(article)) == article
    assert read_markdown("a.md", "# Title\n\nText.\n")[0].suppress is None


# Across articles and against a reference -----------------------------------------------------------------------


def test_a_directive_in_either_article_silences_a_finding_across_them(rules, tmp_path: Path) -> None:
    first, second = FIX / "across" / "first.md", FIX / "across" / "second.md"
    _, after = suppressed(rules, first, second, across=True)
    assert found(after) == [] and not warnings(after), "second.md's directive silences the finding"
    # The same two articles with the directive moved into the other one.
    plain_second = tmp_path / "second.md"
    plain_second.write_text("".join(line for line in second.read_text(encoding="utf-8").splitlines(keepends=True)
                                    if "claimcheck" not in line), encoding="utf-8")
    before, after = suppressed(rules, first, plain_second, across=True)
    assert found(before) == found(after) == ["CAS001"], "without a directive the finding across them is there"
    marked_first = tmp_path / "first.md"
    text = first.read_text(encoding="utf-8")
    marked_first.write_text(text.replace("\n\nA blast", "\n\n<!-- claimcheck-disable-next-line CAS001 -->\n\nA blast"),
                            encoding="utf-8")
    _, after = suppressed(rules, marked_first, plain_second, across=True)
    assert found(after) == [] and not warnings(after)


def test_reference_check_findings_are_suppressed_too(tmp_path: Path, capsys) -> None:
    source = tmp_path / "source.md"
    source.write_text("# Market blast kills 18 in Ashford\n\n"
                      "A blast at the Ashford market killed 18 people on Tuesday, police said.\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    text = "Summary\n\n{}A blast at the Ashford market killed 15 people on Tuesday.\n"
    summary.write_text(text.format(""), encoding="utf-8")
    code, report, _ = cli(capsys, "--reference", source, summary)
    assert (code, rules_of(report)) == (1, ["REF001"])
    summary.write_text(text.format("<!-- claimcheck-disable-next-line ref001 -->\n\n"), encoding="utf-8")
    code, report, _ = cli(capsys, "--reference", source, summary)
    assert (code, rules_of(report)) == (0, [])


# The directive parser's corner cases ----------------------------------------------------------------------------


def variant(tmp_path: Path, directive_lines: dict[int, str], name: str = "article.md") -> Path:
    """plain.md with ``directive_lines`` inserted before the given 1-based lines."""
    lines = (FIX / "plain.md").read_text(encoding="utf-8").splitlines(keepends=True)
    for number in sorted(directive_lines, reverse=True):
        lines.insert(number - 1, directive_lines[number] + "\n")
    path = tmp_path / name
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("comment", [
    "<!--claimcheck-disable-next-line CAS001-->",
    "<!-- claimcheck-disable-next-line CAS002, cas001 -->",
    "<!-- claimcheck-disable-next-line CAS002 CAS001 -- two reasons -- in one -->",
    "<!-- claimcheck-disable-next-line -->",
    "<!-- claimcheck-disable-next-line -- every rule, with a reason -->",
])
def test_comment_forms_that_silence_the_caption(rules, tmp_path: Path, comment: str) -> None:
    _, after = suppressed(rules, variant(tmp_path, {3: comment}))
    assert "CAS001" not in found(after)
    assert not [p for p in warnings(after) if "unused" not in p.message]


@pytest.mark.parametrize(("comment", "message"), [
    ("<!-- claimcheck-disable-next-line CAS001", "claimcheck-disable-next-line comment is not closed"),
    ("<!-- claimcheck-disable:CAS001 -->", "must be followed by a space"),
    ("<!-- claimcheck disable CAS001 -->", "unknown directive 'claimcheck'"),
    ("<!-- claimcheck-enable CAS001 -->", "claimcheck-enable without a claimcheck-disable"),
])
def test_malformed_comments_are_reported_and_silence_nothing(rules, tmp_path: Path, comment: str,
                                                               message: str) -> None:
    _, after = suppressed(rules, variant(tmp_path, {3: comment}))
    assert "CAS001" in found(after)
    [warning] = warnings(after)
    assert warning.line == 3 and message in warning.message


def test_enable_of_a_code_that_is_not_disabled(rules, tmp_path: Path) -> None:
    # Lines 3 and 5 of the variant: the disable above the caption, the enable below it.
    path = variant(tmp_path, {3: "<!-- claimcheck-disable CAS002 -->", 4: "<!-- claimcheck-enable CAS001 -->"})
    _, after = suppressed(rules, path)
    messages = [(p.line, p.message) for p in warnings(after)]
    assert (5, "claimcheck-enable CAS001: CAS001 is not disabled here") in messages
    assert found(after) == ["CAS001"], "CAS002 stays disabled to the end of the file"


def test_next_line_with_nothing_after_it(rules, tmp_path: Path) -> None:
    path = tmp_path / "end.md"
    path.write_text((FIX / "plain.md").read_text(encoding="utf-8") + "\n<!-- claimcheck-disable-next-line -->\n\n",
                    encoding="utf-8")
    _, after = suppressed(rules, path)
    [warning] = warnings(after)
    assert "has no line with text after it" in warning.message and found(after) == ["CAS001", "CAS002"]


def test_unused_codes_of_a_partly_used_directive(rules, tmp_path: Path) -> None:
    _, after = suppressed(rules, variant(tmp_path, {3: "<!-- claimcheck-disable-next-line CAS001,DAT001 -->"}))
    assert found(after) == ["CAS002"]
    [warning] = warnings(after)
    assert warning.message.startswith("unused suppression: DAT001 in claimcheck-disable-next-line CAS001,DAT001")
    assert "remove DAT001 from it" in warning.hint


def test_plain_text_articles_take_comment_directives(rules, tmp_path: Path) -> None:
    source = variant(tmp_path, {3: "<!-- claimcheck-disable-next-line CAS001 -->"})
    text = tmp_path / "article.txt"
    text.write_text(source.read_text(encoding="utf-8").replace("# ", ""), encoding="utf-8")
    before, after = suppressed(rules, text)
    assert "CAS001" in found(before) and "CAS001" not in found(after)


def test_warnings_are_ordered_by_path_and_line_after_earlier_problems(rules, tmp_path: Path) -> None:
    b = variant(tmp_path, {9: "<!-- claimcheck-disabel -->", 3: "<!-- claimcheck-enable -->"}, "b.md")
    a = variant(tmp_path, {5: "<!-- claimcheck-disable-next-line XYZ999 -->"}, "a.md")
    before = check_paths([str(b), str(a)], rules, across=False)
    earlier = InputProblem("z.md", 1, "an earlier problem")
    before = RunResult(before.articles, before.claims, before.discrepancies, (earlier,))
    after = apply_suppressions(before, [r.code for r in rules.described()])
    assert after.problems[0] == earlier
    assert [(Path(p.path).name, p.line) for p in after.problems[1:]] == [("a.md", 5), ("b.md", 3), ("b.md", 10)]
    assert apply_suppressions(before, [r.code for r in rules.described()]) == after


# Through the command line ----------------------------------------------------------------------------------------


def test_unused_suppression_warning_on_stderr(capsys) -> None:
    code, _, err = cli(capsys, FIX / "md_next_line_other_code.md")
    assert code == 1, "a warning does not change the exit code"
    assert f"{FIX / 'md_next_line_other_code.md'}:3: warning: unused suppression" in err


@pytest.mark.parametrize("name", ["a.md", "a.txt"])
def test_a_figure_in_a_comment_is_not_a_claim(tmp_path: Path, capsys, name: str) -> None:
    article = tmp_path / name
    article.write_text("Ferry sinks\n\n<!-- claimcheck-disable-next-line CAS001 -- the agency said 15 were killed -->\n"
                       "The ferry sank and 18 people were killed, the coastguard said.\n", encoding="utf-8")
    assert main(["extract", "--isolated", str(article)]) == 0
    claims = json.loads(capsys.readouterr().out)["claims"]
    assert [c["text"] for c in claims] == ["18"], "the comment's 15 is not article text"
    assert claims[0]["line"] == 4 and claims[0]["sentence"].startswith("The ferry sank")
