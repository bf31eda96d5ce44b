"""The reference check: a derived text's figures against its source article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main
from checker.errors import RulePackError
from checker.ingest.plaintext import read_text
from checker.pipeline import check_against_reference
from checker.rulepack import builtin_pack_paths, load_rules

GOLDEN = Path(__file__).parent / "golden"
CHANGED = GOLDEN / "reference_changed_figures"
DIFFERENT = GOLDEN / "reference_different_things"
RULES = load_rules()
EXAMPLES = RULES.reference.examples


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_reference_example(example) -> None:
    source = read_text("source.txt", example.source)[0]
    result = check_against_reference(read_text("derived.txt", example.derived), source, RULES)
    flagged = [d.rule for d in result.discrepancies]
    assert flagged == ([example.flag] if example.flag else []), example.name


def test_findings_show_both_sides_with_a_stable_fingerprint() -> None:
    source = read_text("source.txt", (CHANGED / "source.txt").read_text(encoding="utf-8"))[0]
    derived = read_text("summary.txt", (CHANGED / "summary.txt").read_text(encoding="utf-8"))
    first = check_against_reference(derived, source, RULES)
    moved = read_text("source.txt", "Unrelated opening paragraph.\n\n" + source.text)[0]
    second = check_against_reference(derived, moved, RULES)
    assert [d.fingerprint for d in first.discrepancies] == [d.fingerprint for d in second.discrepancies]
    for d in first.discrepancies:
        assert d.scope == "reference" and d.kind == "numeric"
        assert d.evidence[0].article_id == "summary.txt" and d.evidence[-1].article_id == "source.txt"


def test_cli_reference_flags_and_exits_1(capsys) -> None:
    assert main(["check", "--reference", str(CHANGED / "source.txt"), str(CHANGED / "summary.txt")]) == 1
    out = capsys.readouterr().out
    assert "REF001 the text says “$12 billion”; the source says “$12 million”" in out
    assert "source body “$12 million”" in out


def test_cli_reference_does_not_flag_different_things(capsys) -> None:
    assert main(["check", "--reference", str(DIFFERENT / "source.txt"), str(DIFFERENT / "summary.txt")]) == 0
    assert "0 discrepancies in 1 article checked against" in capsys.readouterr().out


def test_cli_reference_json_names_the_source(capsys) -> None:
    main(["check", "--format", "json", "--reference", str(CHANGED / "source.txt"), str(CHANGED / "summary.txt")])
    data = json.loads(capsys.readouterr().out)
    assert data["reference"] == {"id": str(CHANGED / "source.txt"), "path": str(CHANGED / "source.txt")}
    assert {d["scope"] for d in data["discrepancies"]} == {"reference"}


def test_cli_missing_reference_says_what_to_pass(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nope.txt"
    assert main(["check", "--reference", str(missing), str(CHANGED / "summary.txt")]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and "no such file" in err and "source article" in err


def test_cli_reference_excludes_across(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--across", "--reference", str(CHANGED / "source.txt"), str(CHANGED / "summary.txt")])
    assert exc.value.code == 2


REFERENCE_PACK = (Path(__file__).parents[1] / "rules" / "reference.toml").read_text(encoding="utf-8")


def _error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "reference.toml"
    path.write_text(text, encoding="utf-8")
    others = [p for p in builtin_pack_paths() if p.name != "reference.toml"]
    with pytest.raises(RulePackError) as exc:
        load_rules([*others, path])
    return str(exc.value)


def test_reference_pack_unknown_key_is_named(tmp_path: Path) -> None:
    message = _error(tmp_path, REFERENCE_PACK.replace("min_similarity = 55", "min_similarty = 55"))
    assert "reference.toml:" in message and "unknown key in reference: 'min_similarty'" in message
    assert "Did you mean 'min_similarity'?" in message


def test_reference_pack_similarity_out_of_range(tmp_path: Path) -> None:
    message = _error(tmp_path, REFERENCE_PACK.replace("min_similarity = 55", "min_similarity = 550"))
    assert "reference.min_similarity is a rapidfuzz score from 0 to 100" in message


def test_reference_pack_needs_a_contradiction_rule(tmp_path: Path) -> None:
    message = _error(tmp_path, REFERENCE_PACK.replace('role = "contradiction"', 'role = "contradicton"'))
    assert "unknown reference rule role: 'contradicton'" in message and "Did you mean 'contradiction'?" in message


def test_reference_code_may_not_clash_with_a_rule(tmp_path: Path) -> None:
    message = _error(tmp_path, REFERENCE_PACK.replace('code = "REF001"', 'code = "CAS001"').replace(
        'flag = "REF001"', 'flag = "CAS001"'))
    assert "duplicate rule code" in message


def test_second_reference_table_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "again.toml"
    path.write_text(REFERENCE_PACK.replace('id = "reference"', 'id = "again"').replace("reference.contradicted", "again.contradicted")
                    .replace("REF001", "AGN001"), encoding="utf-8")
    with pytest.raises(RulePackError) as exc:
        load_rules([*builtin_pack_paths(), path])
    assert "a second [reference] table" in str(exc.value)
