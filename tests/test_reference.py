"""The reference check: a derived text's figures against its source article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.align import ReferenceMatch
from checker.calendar_figures import calendar_claims
from checker.cli import main
from checker.compare import compare_reference
from checker.errors import RulePackError
from checker.ingest.plaintext import read_text
from checker.model import Claim, Qualifier, Quantity, Role
from checker.pipeline import check_against_reference
from checker.rulepack import builtin_pack_paths, load_rules
from checker.segment import segment

GOLDEN = Path(__file__).parent / "golden"
CHANGED = GOLDEN / "reference_changed_figures"
DIFFERENT = GOLDEN / "reference_different_things"
RULES = load_rules()
SUPPORT_TIE = RULES.reference.support_tie
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


# -- support must be as specific as the contradiction --------------------------------



def _figure(text: str, value: float, qualifier: Qualifier = Qualifier.EXACT, article: str = "source.txt") -> Claim:
    low, high = (value, None) if qualifier == Qualifier.MORE_THAN else (value, value)
    quantity = Quantity(value, low, high, qualifier=qualifier, low_open=qualifier == Qualifier.MORE_THAN)
    return Claim(article_id=article, segment_index=0, role=Role.BODY, start=0, end=len(text), text=text,
                 quantity=quantity, sentence=(0, len(text)))


def _contradicted(derived: Claim, near: list[tuple[Claim, float]], weaker: list[tuple[Claim, float]] = ()) -> list[str]:
    """The source figures a finding shows for ``derived``, given counterparts and look-alikes with their closeness."""
    supporters = tuple(c for c, _ in [*near, *weaker])
    match = ReferenceMatch(derived, tuple(c for c, _ in near), supporters, tuple(x for _, x in [*near, *weaker]))
    articles = {a.id: a for a in (read_text("source.txt", "x")[0], read_text("derived.txt", "x")[0])}
    articles = {k: segment(v, RULES) for k, v in articles.items()}
    found = compare_reference([match], articles, RULES.reference)
    return [e.claim.text for d in found for e in d.evidence[1:]]


def test_loose_agreeing_figure_does_not_support_against_a_nearer_contradiction() -> None:
    derived = _figure("$1.5 billion", 1.5e9, article="derived.txt")
    restated = _figure("$1.8 billion", 1.8e9)
    loose = _figure("more than a billion dollars", 1e9, Qualifier.MORE_THAN)
    assert _contradicted(derived, [(restated, 80.0)], [(loose, 80.0 - SUPPORT_TIE - 5)]) == ["$1.8 billion"]
    # With no nearer contradiction, or one within the tie, the hedged figure supports.
    assert _contradicted(derived, [(restated, 80.0)], [(loose, 80.0 - SUPPORT_TIE + 1)]) == []
    assert _contradicted(derived, [], [(loose, 45.0)]) == []


def test_equally_alike_figures_tie_and_support() -> None:
    derived = _figure("seven", 7, article="derived.txt")
    assert _contradicted(derived, [(_figure("five", 5), 58.0), (_figure("seven", 7), 52.0)]) == []
    assert _contradicted(derived, [(_figure("five", 5), 70.0), (_figure("seven", 7), 52.0)]) == ["five"]


def test_evidence_is_the_nearest_disagreeing_figures_not_agreeing_ones() -> None:
    derived = _figure("0.507%", 0.507, article="derived.txt")
    near = [(_figure("0.505%", 0.505), 100.0), (_figure("4.75%", 4.75), 95.0), (_figure("3.9%", 3.9), 60.0)]
    assert _contradicted(derived, near) == ["0.505%", "4.75%"]


def test_month_year_figures_take_in_their_month() -> None:
    text = ("Title\n\nThe plant opened in August 2021. Work began on Aug. 17, 2020 and on 3 March 2019. "
            "It closed in 2023. Prices may 2024 rise.")
    article = segment(read_text("a.txt", text)[0], RULES)
    found = [(c.text, c.quantity.kind, c.counted) for c in calendar_claims(article, RULES, 0) if c.quantity.kind == "year"]
    assert found == [("August 2021", "year", "august"), ("Aug. 17, 2020", "year", "august"),
                     ("3 March 2019", "year", "march"), ("2023", "year", None), ("2024", "year", None)]


def test_summedits_slices_are_defined_by_number_tokens() -> None:
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from eval_summedits import NUMBER_CHANGED, NUMBER_REMOVED, number_slice

    def pair(summary: str, original: str) -> dict:
        return {"summary": summary, "original_summary": original}

    assert number_slice(pair("Six were hurt on 3 May.", "Seven were hurt on 3 May.")) == NUMBER_CHANGED
    assert number_slice(pair("Two of the 12 boats sank.", "The 12 boats sank.")) == NUMBER_CHANGED  # inserted
    assert number_slice(pair("12 and 12 boats.", "12 boats.")) == NUMBER_CHANGED  # one more occurrence
    assert number_slice(pair("The boats sank.", "The 12 boats sank.")) == NUMBER_REMOVED
    assert number_slice(pair("The 12 vessels sank.", "The 12 boats sank.")) is None
