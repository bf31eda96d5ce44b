"""An offline gazetteer: countries, first-level divisions and cities, and what contains what.

The data is package data (``checker/data/gazetteer.tsv``), made at development
time by ``bench/make_gazetteer.py`` from GeoNames (CC BY 4.0) and ISO 3166-2;
docs/gazetteer.md says what it holds. It is read once, the first time a place
is looked up.

A rule pack's ``[places]`` table adds landmarks the data does not hold, each
with the place that contains it (``"White House" = "Washington, D.C."``): a
landmark is a :class:`Place` of kind ``landmark`` inside that place and
everything containing it.

Names are matched case- and accent-insensitively, with every alternate
spelling the data keeps ("Kiev" and "Kyiv" are both Kyiv). A name several
places bear gives them all (``lookup("Paris")`` is Paris, France and Paris,
Texas); a checker that needs two places apart asks :func:`apart`, which is
true only when every reading of each is apart from every reading of the other.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from checker.model import Article, Mention


@dataclass(frozen=True)
class Place:
    """A place: a stable key, its preferred English name, its kind and the keys of the places containing it."""

    key: str  # "geonames:703448", "iso:UA-51", "landmark:white house"
    name: str
    kind: str  # "country" | "region" | "city" | "landmark"
    within: tuple[str, ...] = ()  # keys of the places containing it, nearest first
    population: int = 0  # 0 when not known (regions, landmarks)


class _Data:
    """The loaded table: places by key and keys by folded name."""

    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self.names: dict[str, list[str]] = {}
        text = resources.files("checker").joinpath("data/gazetteer.tsv").read_text(encoding="utf-8")
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            key, kind, name, population, within, aliases = line.split("\t")
            self.places[key] = Place(key, name, kind, tuple(within.split()), int(population))
            for written in {name, *(aliases.split("|") if aliases else ())}:
                keys = self.names.setdefault(fold(written), [])
                if key not in keys:
                    keys.append(key)


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _data() -> _Data:
    return _Data()


def fold(name: str) -> str:
    """The form names are compared in: lower case, no accents, one space, curly apostrophes straight."""
    if name.isascii():
        # Nothing to decompose or straighten; split() parts at the whitespace \s matches, as _SPACES does.
        return " ".join(name.casefold().split())
    name = unicodedata.normalize("NFKD", name.replace("’", "'"))
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    return re.sub(r"\s+", " ", name).strip()


def place(key: str) -> Place | None:
    """The place with this key (a landmark's key only through :func:`lookup`)."""
    return _data().places.get(key)


def _by_name(folded: str) -> tuple[Place, ...]:
    data = _data()
    keys = data.names.get(folded)
    if not keys and folded.startswith("the "):
        keys = data.names.get(folded[4:])
    if not keys and not folded.startswith("the "):
        keys = data.names.get("the " + folded)
    return tuple(data.places[k] for k in keys or ())


def _resolve(folded: str) -> tuple[Place, ...]:
    """Places a name denotes, reading "Moscow, Russia" and "Anchorage, Alaska" as a place within another."""
    found = _by_name(folded)
    if found or "," not in folded:
        return found
    head, _, tail = folded.partition(",")
    outers = _resolve(tail.strip())
    return tuple(p for p in _by_name(head.strip()) if any(o.key in p.within for o in outers))


@lru_cache(maxsize=8)
def _landmarks(landmarks: tuple[tuple[str, str], ...]) -> dict[str, Place]:
    """Landmark places from a rule set's ``[places]`` table, each inside the most populous reading of its container."""
    found = {}
    for written, container in landmarks:
        outers = sorted(_resolve(fold(container)), key=lambda p: (-p.population, p.key))
        within = (outers[0].key, *outers[0].within) if outers else ()
        key = fold(written)
        found[key] = Place(f"landmark:{key}", _title(written), "landmark", within)
    return found


def _title(written: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in written.split())


def _landmark_table(rules) -> dict[str, Place]:
    table = getattr(getattr(rules, "lexicon", None), "landmarks", None) or {}
    return _landmarks(tuple(sorted(table.items()))) if table else {}


class _Lookups:
    """Names (and whole capitalised runs) already looked up with one landmark table: bounded memos, each emptied
    when full."""

    SIZE = 100_000

    def __init__(self, landmarks: dict[str, Place]):
        self.landmarks = landmarks
        self.found: dict[str, tuple[Place, ...]] = {}
        self.whole_runs: dict[str, tuple[tuple[int, int, tuple[Place, ...]], ...]] = {}  # see find_places

    def get(self, name: str) -> tuple[Place, ...]:
        """:func:`lookup` of a name with this table."""
        found = self.found.get(name)
        if found is None:
            if len(self.found) >= self.SIZE:
                self.found.clear()
            found = self.found[name] = _lookup(name, self.landmarks)
        return found


# A rule set's landmark table (and memo), by the identity of its ``[places]`` table; the table is kept in
# the entry so its id is not reused while the entry lives.
_BY_TABLE: dict[int, tuple[object, _Lookups]] = {}
_NO_LANDMARKS = _Lookups({})


def _lookups(rules) -> _Lookups:
    table = getattr(getattr(rules, "lexicon", None), "landmarks", None)
    if not table:
        return _NO_LANDMARKS
    entry = _BY_TABLE.get(id(table))
    if entry is None or entry[0] is not table:
        if len(_BY_TABLE) >= 8:
            _BY_TABLE.clear()
        entry = _BY_TABLE[id(table)] = (table, _Lookups(_landmark_table(rules)))
    return entry[1]


def lookup(name: str, rules=None) -> tuple[Place, ...]:
    """Every place a written name may denote, most populous first (a landmark of ``rules`` first of all).

    "Kiev" and "Kyiv" give Kyiv (the city, and the city-region of that name);
    "Paris" gives Paris, France and Paris, Texas; "White House" (with a pack's
    ``[places]`` table) gives the landmark, inside Washington, D.C.
    """
    return _lookups(rules).get(name)


def _lookup(name: str, landmarks: dict[str, Place]) -> tuple[Place, ...]:
    folded = fold(name)
    if not folded:
        return ()
    mark = landmarks.get(folded) or (landmarks.get(folded[4:]) if folded.startswith("the ") else None)
    found = _resolve(folded)
    order = {"landmark": 0, "country": 1, "region": 2, "city": 3}
    ranked = tuple(sorted(found, key=lambda p: (order[p.kind] if p.population == 0 else 3, -p.population, p.key)))
    return ((mark,) if mark else ()) + ranked


def contains(outer: Place, inner: Place) -> bool:
    """Whether ``inner`` lies within ``outer`` (a place does not contain itself)."""
    return outer.key in inner.within


def compatible(a: Place, b: Place) -> bool:
    """The same place, or one contains the other: Anchorage and Alaska, Odesa and Ukraine."""
    return a.key == b.key or contains(a, b) or contains(b, a)


def _country(p: Place) -> str | None:
    if p.kind == "country":
        return p.key
    for key in p.within:
        outer = _data().places.get(key)
        if outer is not None and outer.kind == "country":
            return key
    return None


def apart(a: Place, b: Place) -> bool:
    """Whether two places are known to be apart: not compatible, and not a division and a city whose division
    the data does not know in the same country (where containment cannot be told)."""
    if compatible(a, b):
        return False
    for region, other in ((a, b), (b, a)):
        if region.kind == "region" and other.kind in ("city", "landmark") and _country(region) == _country(other):
            divisions = [k for k in other.within if k.startswith("iso:") or
                         (_data().places.get(k) is not None and _data().places[k].kind == "region")]
            if not divisions:
                return False
    return True


def all_apart(first: tuple[Place, ...], second: tuple[Place, ...]) -> bool:
    """Whether every reading of one name is apart from every reading of the other (both non-empty)."""
    return bool(first) and bool(second) and all(apart(a, b) for a in first for b in second)


# -- mentions in text ----------------------------------------------------------------

# A run of capitalised words ("White House", "Elysée Palace", "Washington, D.C."),
# with lower-case joiners inside a name ("Isle of Man", "Rostov-on-Don").
_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.\-]*"
_RUN = re.compile(rf"(?<![\w'’])(?:[Tt]he\s+)?{_WORD}(?:(?:\s+(?:of|de|upon|am|la|le)\s+|\s+|,\s(?=D\.?C\.?\b)){_WORD})*")
_POSSESSIVE = re.compile(r"['’]s?$")


_SPLIT = re.compile(r"['’]s?(?=\s)")


def _runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every capitalised run, split at possessives ("Ukraine’s Sumy" is "Ukraine" and "Sumy")."""
    found = []
    for m in _RUN.finditer(text):
        run_start, run_end = m.span()
        run = m.group(0)
        pos = run_start
        if "'" in run or "’" in run:  # where a possessive can be
            for cut in _SPLIT.finditer(run):
                end = run_start + cut.start()
                if end > pos:
                    found.append((pos, end))
                pos = run_start + cut.end()
                while pos < run_end and text[pos].isspace():
                    pos += 1
        if pos < run_end:
            found.append((pos, run_end))
    return found


@dataclass(frozen=True)
class PlaceMention:
    """A place name as written in an article, with the places it may denote."""

    mention: Mention
    places: tuple[Place, ...]


def _candidates(run: str) -> list[tuple[int, int]]:
    """Spans of a capitalised run worth looking up: the whole, then its longest resolvable parts."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", run)]
    spans = []
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            spans.append((words[i][0], words[i + size - 1][1]))
    return spans


def find_places(text: str, rules=None, *, whole_runs: bool = True) -> list[tuple[int, int, tuple[Place, ...]]]:
    """(start, end, places) of every place name in ``text``.

    A capitalised run must resolve as a whole ("US President Donald Trump" is no
    place; "the White House" is), less a possessive ("Ukraine's") or a trailing
    full stop; with ``whole_runs`` False the longest resolvable parts of a run
    are taken too (title-case headlines: "Strikes on Kyiv Kill 18").
    """
    found = []
    memo = _lookups(rules)
    for start, run_end in _runs(text):
        run = text[start:run_end]
        if whole_runs:
            # A run reads the same wherever it is written ("Trump", "the White House" recur): read each once.
            in_run = memo.whole_runs.get(run)
            if in_run is None:
                if len(memo.whole_runs) >= memo.SIZE:
                    memo.whole_runs.clear()
                in_run = memo.whole_runs[run] = _places_in_run(run, memo, whole_runs=True)
        else:
            in_run = _places_in_run(run, memo, whole_runs=False)
        found += [(start + s, start + e, places) for s, e, places in in_run]
    return found


def _places_in_run(run: str, memo: _Lookups, *, whole_runs: bool) -> tuple[tuple[int, int, tuple[Place, ...]], ...]:
    """:func:`find_places` of one capitalised run, with offsets in the run."""
    found = []
    bare_start = 4 if run[:4].lower() == "the " else 0
    spans = [(0, len(run))] if whole_runs else _candidates(run)
    taken: list[tuple[int, int]] = []
    for s, e in spans:
        if any(s < te and ts < e for ts, te in taken):
            continue
        piece = run[s:e]
        trimmed = _POSSESSIVE.sub("", piece.rstrip(".,")) if not piece.endswith("D.C.") else piece
        trimmed = trimmed.rstrip(",")
        places = memo.get(trimmed)
        if not places and trimmed[:4].lower() == "the ":
            places = memo.get(trimmed[4:])
        if places:
            start = s
            if trimmed[:4].lower() == "the " and s == 0 and bare_start > 0:
                start = bare_start
                trimmed = trimmed[4:]
            found.append((start, start + len(trimmed), places))
            taken.append((s, e))
    return tuple(found)


def place_mentions(article: Article, rules=None) -> list[PlaceMention]:
    """Every place name in an article, as a :class:`Mention` (offsets in its segment's text) and its places."""
    found = []
    for seg in article.segments:
        for start, end, places in find_places(seg.text, rules, whole_runs=seg.role.value != "headline"):
            sentence = next(((s, e) for s, e in seg.sentences if s <= start < e), (0, len(seg.text)))
            found.append(PlaceMention(Mention(article.id, seg.index, seg.role, start, end, seg.text[start:end],
                                              sentence), places))
    return found
