"""The house-style authority file and STY001: variant spellings found, with every mention as evidence."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checker.errors import ConfigError
from checker.house_style import load_house_style, variant_mentions
from checker.ingest.plaintext import read_text
from checker.pipeline import check_documents
from checker.reports import REPORTERS
from checker.segment import segment

ARTICLE = """Talks in Kiev end without deal

WATCH: Zelenskiy meets envoys in Kiev

President Volodymyr Zelenskyy met the envoys in Kyiv on Monday. Officials in Kiev said talks would resume.
"""


def _style(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "house-style.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as exc:
        load_house_style(_style(tmp_path, text))
    return str(exc.value)


def test_variants_are_found_as_whole_words_with_their_case(tmp_path: Path, rules) -> None:
    style = load_house_style(_style(tmp_path, '[spellings]\n"Kyiv" = ["Kiev"]\n"Zelenskyy" = ["Zelensky"]\n'))
    article = segment(read_text("a.txt", "Kievan art in Kiev\n\nZelenskyy spoke; kiev was lower case; KIEV shouted.\n")[0], rules)
    found = variant_mentions(article, style)
    assert list(found) == ["Kyiv"]  # "Zelensky" inside "Zelenskyy" is not a variant
    assert [m.text for m in found["Kyiv"]] == ["Kiev"]


def test_one_finding_per_preferred_spelling_with_every_mention(tmp_path: Path, rules) -> None:
    style = load_house_style(_style(tmp_path, '[spellings]\n"Kyiv" = ["Kiev"]\n"Zelenskyy" = ["Zelenskiy"]\n'))
    result = check_documents(read_text("a.txt", ARTICLE), rules.configured(house_style=style))
    by_measure = {d.measure: d for d in result.discrepancies if d.rule == "STY001"}
    assert set(by_measure) == {"Kyiv", "Zelenskyy"}
    kyiv = by_measure["Kyiv"]
    assert [e.claim.text for e in kyiv.evidence] == ["Kiev", "Kiev", "Kiev"]
    assert [e.claim.role.value for e in kyiv.evidence] == ["headline", "caption", "body"]
    assert kyiv.message == "house style spells it “Kyiv”; this article writes “Kiev” (3 times)"
    record = json.loads(REPORTERS["json"](result))["discrepancies"]
    side = next(d for d in record if d["measure"] == "Kyiv")["evidence"][0]
    assert side["text"] == "Kiev" and side["value"] is None and side["line"] == 1 and side["column"] == 10


def test_without_a_house_style_or_when_disabled_nothing_is_reported(tmp_path: Path, rules) -> None:
    style = load_house_style(_style(tmp_path, '[spellings]\n"Kyiv" = ["Kiev"]\n'))
    docs = read_text("a.txt", ARTICLE)
    assert not [d for d in check_documents(docs, rules).discrepancies if d.rule == "STY001"]
    disabled = rules.configured(house_style=style, disabled=frozenset({"STY001"}))
    assert not [d for d in check_documents(docs, disabled).discrepancies if d.rule == "STY001"]


def test_html_report_shows_a_spelling_finding_without_a_value(tmp_path: Path, rules) -> None:
    style = load_house_style(_style(tmp_path, '[spellings]\n"Kyiv" = ["Kiev"]\n'))
    html = REPORTERS["html"](check_documents(read_text("a.txt", ARTICLE), rules.configured(house_style=style)))
    data = json.loads(re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html, re.S).group(1))
    sides = [s for f in data["findings"] if f["rule"] == "STY001" for s in f["sides"]]
    assert sides and all(s["text"] == "Kiev" and "value" not in s and "qualifier" not in s for s in sides)


@pytest.mark.parametrize("text,says", [
    ('[spelling]\n"Kyiv" = ["Kiev"]\n', "unknown table in the house-style file: 'spelling'. Valid options are: spellings. Did you mean 'spellings'?"),
    ('[spellings]\n"Kyiv" = "Kiev"\n', "the variants of 'Kyiv' must be a non-empty list"),
    ('[spellings]\n"Kyiv" = ["Kiev"]\n"Kyyiv" = ["Kiev"]\n', "variant 'Kiev' is listed under both 'Kyiv' and 'Kyyiv'"),
    ('[spellings]\n"Kyiv" = ["Kiev"]\n"Kiev" = ["Kiew"]\n', "'Kiev' is both a preferred spelling and a variant of 'Kyiv'"),
    ('[spellings]\n"Kyiv" = ["Kyiv"]\n', "'Kyiv' is listed as a variant of itself"),
    ('[spellings\n', "not valid TOML"),
])
def test_bad_authority_files_name_the_line_and_the_fix(tmp_path: Path, text: str, says: str) -> None:
    message = _error(tmp_path, text)
    assert message.startswith(f"{tmp_path / 'house-style.toml'}:") and says in message
    line = int(message.split("house-style.toml:")[1].split(":")[0])
    assert 1 <= line <= len(text.splitlines())
