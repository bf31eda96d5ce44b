"""The two real seed articles: what the issues require claimcheck to find, and not find."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.pipeline import check_paths
from conftest import seed

KYIV = "000_ddccb80f46c1cdc6.txt"
SUMY_ODESA = "002_7aab08db0e928fb1.txt"


def _numeric(result):
    return [d for d in result.discrepancies if d.kind == "numeric"]


def test_kyiv_strike_has_exactly_the_caption_toll_discrepancy(rules) -> None:
    result = check_paths([str(seed(KYIV))], rules)
    [finding] = _numeric(result)
    assert finding.measure == "killed"
    assert finding.severity.value == "error"
    by_role = {e.claim.role.value: e for e in finding.evidence}
    assert sorted(e.claim.quantity.value for e in finding.evidence) == [15, 18, 18]
    assert by_role["caption"].claim.quantity.value == 15
    assert len(by_role["caption"].locations) == 2, "the repeated caption is one finding with both locations"
    assert {e.claim.role.value for e in finding.evidence if e.claim.quantity.value == 18} == {"headline", "body"}


def test_kyiv_strike_figures_of_other_measures_are_read_but_not_flagged(rules) -> None:
    result = check_paths([str(seed(KYIV))], rules)
    claims = result.claims[0]
    measured = {(c.text, c.measure) for c in claims if c.measure}
    assert ("at least 48", "injured") in measured
    assert ("nearly 600", "launched") in measured
    assert ("563", "intercepted") in measured
    four = next(c for c in claims if c.text == "four")
    assert claims[four.part_of].text == "18", "four children are part of the 18 killed"
    assert not any(c.measure for c in claims if "weeks" in c.text)


def test_broadcaster_story_has_no_numeric_discrepancy(rules) -> None:
    assert _numeric(check_paths([str(seed(SUMY_ODESA))], rules)) == []


def test_both_seeds_together_compare_nothing_across(rules) -> None:
    result = check_paths([str(seed(KYIV)), str(seed(SUMY_ODESA))], rules)
    assert [d.scope for d in _numeric(result)] == ["within"]


@pytest.mark.parametrize("name", [KYIV, SUMY_ODESA])
def test_seed_page_furniture_is_dropped(rules, name: str) -> None:
    from checker.ingest import read_file
    from checker.segment import segment

    docs, _ = read_file(str(seed(name)))
    article = segment(docs[0], rules)
    texts = " ".join(s.text for s in article.segments)
    for furniture in ("Most Read from", "Source link", "Leave a Reply", "Scan the QR code", "Posted in", "on WhatsApp"):
        assert furniture not in texts


def test_every_finding_on_the_seeds_is_one_the_issues_name(rules) -> None:
    """The whole run over both seeds: the caption toll, the variant spelling (within and, as info,
    across outlets) and the meeting put in Alaska. Nothing else: every other name, place and day is
    consistent."""
    result = check_paths([str(seed(KYIV)), str(seed(SUMY_ODESA))], rules)
    found = sorted((Path(d.evidence[0].path).name, d.rule, d.severity.value, d.scope) for d in result.discrepancies)
    assert found == [
        (KYIV, "CAS001", "error", "within"),
        (KYIV, "NAM002", "info", "across"),
        (SUMY_ODESA, "LOC001", "error", "within"),
        (SUMY_ODESA, "NAM001", "warning", "within"),
    ]
    variant = next(d for d in result.discrepancies if d.rule == "NAM001")
    assert sorted({e.claim.text for e in variant.evidence}) == ["Zelenskiy", "Zelenskyy"]
    place = next(d for d in result.discrepancies if d.rule == "LOC001")
    assert sorted({e.claim.text for e in place.evidence}) == ["Alaska", "White House"]
