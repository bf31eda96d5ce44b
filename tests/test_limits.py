"""The input limits (issue 9): max_file_bytes and max_claims_per_article, and their messages.

Every guarantee tested here is listed in docs/reliability.md.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.audit.digest import rules_key
from checker.cli import main
from checker.ingest import read_file, read_path_text
from checker.ingest.plaintext import _LINE
from checker.ingest.stream import _bounded_lines, iter_documents
from checker.limits import DEFAULT_MAX_FILE_BYTES, within_claim_limit
from checker.model import Document, InputProblem
from checker.pipeline import analyse, check_documents
from checker.rulepack import DEFAULT_MAX_CLAIMS_PER_ARTICLE

# Headline and body agree on 18 killed; a caption far down says 15. Each line of
# filler has two figures, so the limit decides whether the caption is read.
HEADLINE = "Storm kills 18 in coastal towns\n\n"
BODY = "The storm killed 18 people on Tuesday, officials said.\n\n"
FILLER = "Rain fell for {n} hours over {m} villages in the valley.\n\n"
CAPTION = "*Caption: The storm killed 15 people.*\n"


def _article(filler_lines: int) -> str:
    return HEADLINE + BODY + "".join(FILLER.format(n=i + 2, m=i + 3) for i in range(filler_lines)) + CAPTION


def _configure(root: Path, **keys: int) -> None:
    (root / ".claimcheck.toml").write_text("".join(f"{k} = {v}\n" for k, v in keys.items()), encoding="utf-8")


def _run(capsys, *args: str) -> tuple[int, dict, str]:
    code = main(["check", "--format", "json", *args])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


# -- max_file_bytes -----------------------------------------------------------------------


def test_a_file_over_max_file_bytes_is_skipped_as_an_error_and_the_rest_is_checked(tmp_path, capsys):
    _configure(tmp_path, max_file_bytes=2_000)
    big = tmp_path / "big.txt"
    big.write_text(_article(60), encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text(_article(0), encoding="utf-8")
    code, report, err = _run(capsys, str(big), str(small))
    assert code == 2  # an input was not checked: an input error
    assert [a["path"] for a in report["articles"]] == [str(small)]
    assert [d["rule"] for d in report["discrepancies"]] == ["CAS001"]  # the small article's 15 against 18
    size = big.stat().st_size
    assert f"{big}: error: is {size:,} bytes, over the limit max_file_bytes = 2,000; skipped" in err
    assert "raise max_file_bytes in the configuration" in err


def test_max_file_bytes_is_not_reached_by_a_file_of_exactly_that_size(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(_article(3), encoding="utf-8")
    size = path.stat().st_size
    docs, problems = read_file(str(path), size)
    assert len(docs) == 1 and problems == []
    docs, problems = read_file(str(path), size - 1)
    assert docs == [] and "over the limit max_file_bytes" in problems[0].message


def test_standard_input_over_max_file_bytes_is_not_read_past_the_limit(monkeypatch):
    stream = io.BytesIO(_article(200).encode())
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(stream))
    docs, problems = read_file("-", 1_000)
    assert docs == []
    assert problems[0].path == "<stdin>"
    assert "more than 1,000 bytes, over the limit max_file_bytes = 1,000" in problems[0].message
    assert stream.tell() <= 8_192 + 1_001  # the buffered reader's one block at most, not the whole input


def test_a_corpus_record_over_max_file_bytes_is_skipped_and_the_others_are_read(tmp_path):
    corpus = tmp_path / "c.jsonl"
    records = [{"id": "a", "text": _article(0)}, {"id": "big", "text": _article(80)}, {"id": "c", "text": _article(1)}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    items = list(iter_documents([str(corpus)], max_file_bytes=1_000))
    assert [i.id for i in items if isinstance(i, Document)] == ["a", "c"]
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert [(p.line, p.level) for p in problems] == [(2, "error")]
    assert problems[0].message.startswith("record is ") and "max_file_bytes = 1,000" in problems[0].message


def test_a_long_line_is_skipped_without_being_held():
    data = b"short\n" + b"x" * 5_000 + b"\n" + b"tail"
    handle = io.BufferedReader(io.BytesIO(data), buffer_size=64)
    assert list(_bounded_lines(handle, 100)) == [b"short\n", 5_001, b"tail"]


def test_audit_skips_a_record_over_max_file_bytes_with_exit_2(tmp_path, capsys):
    _configure(tmp_path, max_file_bytes=1_000)
    corpus = tmp_path / "c.jsonl"
    records = [{"id": "a", "text": _article(0)}, {"id": "big", "text": _article(80)}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    code = main(["audit", str(corpus), "-o", str(tmp_path / "audit.json")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{corpus}:2: error: record is" in err
    assert json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))["summary"]["articles"] == 1


@pytest.mark.parametrize(("text", "message"), [
    ("max_file_bytes = 0", "max_file_bytes must be a positive integer, not 0"),
    ("max_claims_per_article = -5", "max_claims_per_article must be a positive integer, not -5"),
    ('max_file_bytes = "64 MB"', "max_file_bytes must be a positive integer, not a string"),
    ("max_claims_per_article = true", "max_claims_per_article must be a positive integer, not a boolean"),
    ("max_file_bytes = 1.5", "max_file_bytes must be a positive integer, not a float"),
])
def test_a_bad_limit_in_the_configuration_is_an_error_with_its_line(tmp_path, capsys, text, message):
    (tmp_path / ".claimcheck.toml").write_text(f"# limits\n{text}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(_article(0), encoding="utf-8")
    assert main(["check", str(tmp_path / "a.txt")]) == 2
    err = capsys.readouterr().err
    assert ".claimcheck.toml:2:" in err and message in err and "Write it as" in err


def test_the_limits_show_with_their_source_in_config_show(tmp_path, capsys):
    _configure(tmp_path, max_claims_per_article=250)
    assert main(["config", "show", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "max_claims_per_article = 250" in out and ".claimcheck.toml:1" in out
    assert f"max_file_bytes = {DEFAULT_MAX_FILE_BYTES}" in out


# -- max_claims_per_article ---------------------------------------------------------------------


def test_an_article_over_the_claim_limit_is_checked_up_to_the_limit_with_a_warning(tmp_path, capsys):
    path = tmp_path / "a.md"
    path.write_text(_article(40), encoding="utf-8")
    code, report, _ = _run(capsys, "--isolated", str(path))
    assert code == 1 and [d["rule"] for d in report["discrepancies"]] == ["CAS001"]  # the caption is read
    _configure(tmp_path, max_claims_per_article=20)
    code, report, err = _run(capsys, str(path))
    assert code == 0 and report["discrepancies"] == []  # the caption lies past the limit: not read
    # Headline and body: 2 figures; then 2 a filler line (filler i on line 5 + 2i): the limit
    # falls after 9 filler lines, so the tenth, on line 23, is the first not checked.
    assert f"{path}:23: warning: has more than 20 figures; the text from line 23, column 1 on was not checked" in err
    assert "raise max_claims_per_article in the configuration" in err
    assert [(p["line"], p["level"]) for p in report["problems"]] == [(23, "warning")]


def test_a_cut_article_reads_as_the_text_before_the_cut(rules):
    text = _article(40)
    limited = replace(rules, max_claims_per_article=15)
    doc = read_path_text("a.txt", text)[0]
    article, claims = analyse(doc, limited)
    assert len(claims) <= 15
    assert article.checked_until is not None and text[article.checked_until:].startswith("Rain fell for")
    prefix = read_path_text("a.txt", text[:article.checked_until])[0]
    _, prefix_claims = analyse(prefix, rules)
    assert [(c.text, c.start, c.end) for c in claims] == [(c.text, c.start, c.end) for c in prefix_claims]


def test_one_endless_sentence_is_cut_before_the_first_figure_too_many(rules):
    text = "Storm report\n\n" + "The counts were " + ", ".join(f"{i + 2} homes" for i in range(50)) + " in all.\n"
    doc = read_path_text("a.txt", text)[0]
    limited = replace(rules, max_claims_per_article=10)
    cut = within_claim_limit(doc, limited)
    assert cut.checked_until is not None
    assert text[cut.checked_until:].startswith("12 homes")  # the eleventh figure
    _, claims = analyse(doc, limited)
    assert len(claims) == 10


def test_an_article_within_the_limit_is_left_as_it_is(rules):
    doc = read_path_text("a.txt", _article(40))[0]
    assert within_claim_limit(doc, rules) is doc
    figures = len(analyse(doc, rules)[1])  # 83: headline, body, 2 a filler line, caption
    assert within_claim_limit(doc, replace(rules, max_claims_per_article=figures)) is doc
    assert within_claim_limit(doc, replace(rules, max_claims_per_article=figures - 1)).checked_until is not None


def test_the_claim_limit_is_part_of_the_audit_rules_key(rules):
    assert rules_key(rules) != rules_key(replace(rules, max_claims_per_article=5))


def test_the_shipped_defaults_are_documented():
    doc = (Path(__file__).resolve().parents[1] / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert f"`{DEFAULT_MAX_FILE_BYTES:_}`" in doc.replace(",", "_")
    assert f"`{DEFAULT_MAX_CLAIMS_PER_ARTICLE:_}`" in doc.replace(",", "_")


def test_a_cut_is_reported_once_per_article_through_check_documents(rules):
    docs = [read_path_text(f"{n}.txt", _article(40))[0] for n in ("a", "b")]
    result = check_documents(docs, replace(rules, max_claims_per_article=30))
    assert [(p.path, p.level) for p in result.problems] == [("a.txt", "warning"), ("b.txt", "warning")]


# -- reading lines without a list of them --------------------------------------------------------


@given(st.text(alphabet=st.sampled_from("ab \n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"), max_size=60))
def test_line_splitting_matches_str_splitlines(text):
    assert [m.group() for m in _LINE.finditer(text) if m.group()] == text.splitlines(keepends=True)
