"""The offline gazetteer: names, alternate spellings, containment, look-alikes kept apart, landmarks."""

from __future__ import annotations

import tomllib
from pathlib import Path

from checker import gazetteer
from checker.gazetteer import apart, compatible, contains, lookup

ROOT = Path(__file__).resolve().parents[1]


def one(name: str, rules=None, kind: str | None = None):
    found = [p for p in lookup(name, rules) if kind is None or p.kind == kind]
    assert found, name
    return found[0]


def test_alternate_spellings_are_one_place() -> None:
    kyiv = one("Kyiv", kind="city")
    assert kyiv.key == "geonames:703448" and kyiv.name == "Kyiv"
    assert one("Kiev").key == kyiv.key
    assert one("KYIV", kind="city").key == kyiv.key
    assert one("Odessa").key == one("Odesa").key  # Odesa, Ukraine before Odessa, Texas


def test_containment() -> None:
    alaska, anchorage = one("Alaska"), one("Anchorage")
    assert contains(alaska, anchorage) and compatible(alaska, anchorage) and compatible(anchorage, alaska)
    assert compatible(one("Odesa"), one("Ukraine")) and not apart(one("Odesa"), one("Ukraine"))
    assert compatible(one("Odesa region"), one("Odesa"))
    assert one("Alaska").within == (one("United States").key,)
    assert apart(alaska, one("Washington, D.C."))


def test_look_alike_places_are_different() -> None:
    for a, b in (("Austria", "Australia"), ("Iran", "Iraq")):
        assert not compatible(one(a), one(b)) and apart(one(a), one(b))
    sumy = one("Sumy")
    assert all(not compatible(sumy, p) for p in lookup("Sumatra"))
    assert not any(p.key == sumy.key for p in lookup("Sumatra"))


def test_ambiguous_names_give_every_place() -> None:
    paris = lookup("Paris")
    assert {p.within[-1] for p in paris} >= {one("France").key, one("United States").key}
    assert paris[0].within[-1] == one("France").key  # most populous first


def test_landmarks_from_the_rule_packs(rules) -> None:
    white_house = one("White House", rules)
    assert white_house.kind == "landmark" and white_house.key == "landmark:white house"
    assert white_house.within[0] == one("Washington, D.C.").key
    assert contains(one("United States"), white_house)
    assert apart(white_house, one("Alaska"))
    assert compatible(one("the Kremlin", rules), one("Russia"))
    assert compatible(one("Elysée Palace", rules), one("Paris"))
    assert lookup("White House") == ()  # without a pack's [places], not a place


def test_place_mentions_offsets_and_possessives(rules) -> None:
    text = "Strikes hit Ukraine’s Sumy and Odesa regions. US President Donald Trump met at the White House."
    found = [(text[s:e], [p.kind for p in ps]) for s, e, ps in gazetteer.find_places(text, rules)]
    assert found == [("Ukraine", ["country"]), ("Sumy", ["city"]), ("Odesa", ["city"]), ("White House", ["landmark"])]


def test_the_data_is_package_data_and_small() -> None:
    data = ROOT / "checker" / "data" / "gazetteer.tsv"
    assert data.stat().st_size < 5_000_000
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "data/*.tsv" in config["package-data"]["checker"]
    assert "GeoNames" in data.read_text(encoding="utf-8").splitlines()[0]
