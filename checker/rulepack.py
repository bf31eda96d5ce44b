"""Load and validate rule packs (TOML) into a :class:`RuleSet`.

Validation is strict everywhere: an unknown key, a wrong type or a duplicate code
is an error that names the file, the line, the bad value and the valid options,
so a typo never turns a rule off silently.
"""

from __future__ import annotations

import re
import string
import tomllib
from datetime import date
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz import process

from checker import units
from checker.errors import RulePackError, toml_error_position
from checker.house_style import HouseStyle
from checker.model import Qualifier, Role, Severity
from checker.patterns import Pattern, PatternError, compile_pattern

# The closed set of comparators a rule can use, with what each does (shown in docs/rules.md).
RULE_KINDS: dict[str, str] = {
    "numeric-agreement": "Figures the rule's trigger words give its measure (\"killed 18\", \"18 dead\") must agree "
                         "once hedges (\"at least\", \"about\"), units and the tolerance are taken into account.",
    "part-whole": "A figure given as part of another (\"18 people, including four children\") may not exceed it, "
                  "and listed parts may not add up to more than their whole.",
    "house-spelling": "A name or place written in a spelling the house-style authority file lists as a variant "
                      "(\"Kiev\" where the house writes \"Kyiv\"). Active only when a house_style file is configured.",
    "name-variant": "The same person or place spelt two ways (\"Zelenskiy\" and \"Zelenskyy\"), found without a list "
                    "of pairs; different people and places that look alike are never merged.",
    "title": "The same person given two incompatible titles or roles (\"Foreign Minister Sergey Lavrov\" and "
             "\"Defence Minister Sergey Lavrov\").",
    "location": "The same event (a meeting, summit, strike… on one day) placed in two places neither of which "
                "contains the other (the White House and Alaska; Anchorage and Alaska agree).",
    "date": "The same event given two days, a weekday that does not match the stated date, or a relative day "
            "that does not match the publication date.",
}
# The kind of finding each rule kind reports (the ``kind`` of a discrepancy in JSON).
FINDING_KINDS = {"numeric-agreement": "numeric", "part-whole": "numeric", "house-spelling": "spelling",
                 "name-variant": "name", "title": "title", "location": "location", "date": "date"}
# The kinds of figure a numeric rule can measure: what the number must be to take the rule's measure.
FIGURES: dict[str, str] = {
    "count": "a whole count of people or things (\"18 people\", \"nine drones\")",
    "quantity": "a measurement with a unit of the rule's dimension (\"5 km\", \"three days\")",
    "money": "an amount of money (\"$5.2 million\", \"£300\")",
    "percent": "a percentage or a figure in percentage points (\"64%\", \"3.5 per cent\")",
    "age": "a person's age (\"Smith, 45,\", \"the 46-year-old\")",
}
SEGMENTS = tuple(r.value for r in Role)
# What a message template may say, with what each placeholder becomes.
MESSAGE_FIELDS: dict[str, str] = {
    "details": "the figures and where each is, e.g. 'killed (people): 15 in the caption vs 18 in the headline'",
    "measure": "the rule's measure, e.g. 'killed'",
    "code": "the rule's code, e.g. 'CAS001'",
    "name": "the rule's dotted name",
    "summary": "the rule's summary",
}
SEVERITIES = tuple(s.value for s in Severity)
QUALIFIER_SHAPES = ("at_least", "more_than", "at_most", "less_than", "approx", "approx_below", "increase", "decrease")
_CODE_RE = re.compile(r"^[A-Z]{2,4}\d{3}$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")


@dataclass(frozen=True, slots=True)
class Tolerance:
    """How far two figures may differ and still agree."""

    absolute: float = 0.0
    relative: float = 0.0
    approx: float = 0.1  # half-width, as a share, of "about N"


@dataclass(frozen=True, slots=True)
class Example:
    """An article embedded in a rule that must (fail) or must not (pass) flag it."""

    name: str
    text: str  # the first (usually the only) article
    should_flag: bool
    line: int = 0  # of its name in the pack
    house_style: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the authority file the example is run with
    # Every article of the example: several are checked together, across articles
    # (for rules that compare outlets); () means just ``text``.
    articles: tuple[str, ...] = ()
    published: str | None = None  # the articles' publication date (ISO), for rules that read relative days


@dataclass(frozen=True, slots=True)
class Rule:
    """One check: what it measures, how it compares, how much a conflict matters."""

    code: str
    name: str
    kind: str
    pack: str
    path: str
    measure: str
    summary: str
    rationale: str
    severity: Severity  # headline or caption against body or each other
    severity_body: Severity  # every side in body text
    severity_across: Severity  # sides in different articles
    figure: str = "count"  # a key of FIGURES
    message: str = "{details}"  # a template over MESSAGE_FIELDS
    segments: tuple[str, ...] = SEGMENTS  # the parts of an article the rule reads figures in
    within: bool = True  # compare figures inside one article
    across: bool = True  # compare figures of different articles about one event
    line: int = 0  # where the rule starts in its pack, for documentation links
    similarity: float = 85.0  # name-variant: rapidfuzz score (0-100) from which two spellings may be one name
    triggers: tuple[str, ...] = ()  # words linked to a number on either side ("killed 18", "18 killed")
    triggers_before: tuple[str, ...] = ()  # only before the number ("death toll of 18")
    triggers_after: tuple[str, ...] = ()  # only after it ("18 dead", "18 deaths")
    default_counted: str | None = None
    counted_classes: tuple[str, ...] = ()  # when set, the rule measures only these counted classes
    dimension: str | None = None  # pint dimensionality the quantity must have
    tolerance: Tolerance = Tolerance()
    examples: tuple[Example, ...] = ()


@dataclass(frozen=True, slots=True, eq=False)  # eq=False: hashed by identity, for caches
class Lexicon:
    """The words every measure is read with (see rules/language.toml)."""

    qualifiers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # phrase -> shapes
    vague: dict[str, tuple[float, float]] = field(default_factory=dict)
    linking: frozenset[str] = frozenset()
    part_of: tuple[str, ...] = ()
    according: tuple[str, ...] = ()
    attribution_verbs: frozenset[str] = frozenset()
    weekdays: frozenset[str] = frozenset()
    months: frozenset[str] = frozenset()
    relative_times: tuple[str, ...] = ()
    past_cues: tuple[str, ...] = ()
    counted: dict[str, str] = field(default_factory=dict)  # noun -> class
    subset_cues: tuple[str, ...] = ()
    inclusive_cues: tuple[str, ...] = ()
    dead_included_cues: tuple[str, ...] = ()
    abbreviations: dict[str, str] = field(default_factory=dict)  # "ppg" -> "points per game"
    hypothetical_cues: tuple[str, ...] = ()
    roundup_nouns: frozenset[str] = frozenset()
    label_words: frozenset[str] = frozenset()
    street_words: frozenset[str] = frozenset()
    reference_words: frozenset[str] = frozenset()
    units: dict[str, str] = field(default_factory=dict)  # surface -> pint unit
    symbols: dict[str, str] = field(default_factory=dict)  # case-sensitive surface -> pint unit
    currencies: dict[str, str] = field(default_factory=dict)  # surface -> ISO code
    event_nouns: frozenset[str] = frozenset()
    event_verbs: dict[str, str] = field(default_factory=dict)  # "met" -> "meeting"
    titles: tuple[str, ...] = ()  # roles a name may carry: "foreign minister", "president"
    honorifics: frozenset[str] = frozenset()  # "mr", "dr": not a role
    # Places the gazetteer does not hold, with the place that contains them:
    # "white house" -> "Washington, D.C.". Keys lower case, as written.
    landmarks: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Page-furniture line patterns."""

    drop: tuple[Pattern, ...] = ()  # matched against a whole line
    stop: tuple[Pattern, ...] = ()  # matched against a whole line
    caption: tuple[Pattern, ...] = ()  # searched anywhere in a line


@dataclass(frozen=True, slots=True)
class ReferenceRule:
    """A finding of the reference check (a derived text against its source article)."""

    code: str
    name: str
    summary: str
    rationale: str
    severity: Severity
    path: str = ""
    line: int = 0
    kind: str = "reference"  # documented in docs/rules.md with the comparator kinds


@dataclass(frozen=True, slots=True)
class ReferenceExample:
    """A source and a derived text that must (``flag`` is the code) or must not (``None``) be flagged."""

    name: str
    source: str
    derived: str
    flag: str | None
    line: int = 0  # of its name in the pack


@dataclass(frozen=True, slots=True)
class ReferencePolicy:
    """How a derived text's figures are matched to its source's (see rules/reference.toml)."""

    contradiction: ReferenceRule
    path: str
    window: int = 6  # content words either side of a figure that say what it is about
    min_similarity: float = 50.0  # rapidfuzz token-set ratio of the two windows, 0-100
    min_shared_words: int = 2  # content words both windows must share
    bare_min_similarity: float = 70.0  # the same for counts with no counted noun on one side
    bare_min_shared_words: int = 3
    sentence_min_similarity: float = 80.0  # the same for the whole sentences, when the windows differ
    sentence_min_shared_words: int = 5
    support_min_similarity: float = 40.0  # a weaker likeness that still lets a figure support
    support_tie: float = 10.0  # points within which an agreeing figure is as close as a disagreeing one
    tolerance: Tolerance = Tolerance()
    stop_words: frozenset[str] = frozenset()
    examples: tuple[ReferenceExample, ...] = ()


DEFAULT_MAX_CLAIMS_PER_ARTICLE = 10_000  # see checker/limits.py


@dataclass(frozen=True, slots=True, eq=False)
class RuleSet:
    """Every rule and lexicon in force for a run."""

    rules: tuple[Rule, ...]
    lexicon: Lexicon
    boilerplate: Boilerplate
    reference: ReferencePolicy | None = None  # from the pack with a [reference] table
    disabled: frozenset[str] = frozenset()  # codes whose findings are not reported (configuration)
    house_style: HouseStyle | None = None  # preferred spellings (configuration: house_style)
    # Figures checked in one article at most (configuration; checker/limits.py): part of the
    # rule set so that it reaches every place an article is analysed, a Dask worker too.
    max_claims_per_article: int = DEFAULT_MAX_CLAIMS_PER_ARTICLE
    _by_code: dict[str, Rule] | None = field(default=None, repr=False, compare=False)

    def of_kind(self, kind: str) -> list[Rule]:
        """The enabled rules of one kind, by code."""
        return [r for r in self.rules if r.kind == kind and r.code not in self.disabled]

    def described(self) -> list[Rule | ReferenceRule]:
        """Every rule that can report a finding (the reference rule too), by code."""
        found: list[Rule | ReferenceRule] = list(self.rules)
        if self.reference is not None:
            found.append(self.reference.contradiction)
        return sorted(found, key=lambda r: r.code)

    def configured(self, *, disabled: frozenset[str] = frozenset(),
                   severities: dict[str, Severity] | None = None, house_style: HouseStyle | None = None) -> RuleSet:
        """The same rules with some disabled and some severities changed (every severity of a rule).

        Disabled rules still give figures their measure, so extraction is the same
        whatever is disabled; only their findings are dropped.
        """
        severities = severities or {}
        known = {r.code for r in self.described()}
        unknown = (set(disabled) | set(severities)) - known
        if unknown:
            raise KeyError(sorted(unknown)[0])
        rules = tuple(replace(r, severity=severities[r.code], severity_body=severities[r.code],
                              severity_across=severities[r.code]) if r.code in severities else r for r in self.rules)
        reference = self.reference
        if reference is not None and reference.contradiction.code in severities:
            contradiction = replace(reference.contradiction, severity=severities[reference.contradiction.code])
            reference = replace(reference, contradiction=contradiction)
        return RuleSet(rules, self.lexicon, self.boilerplate, reference, frozenset(disabled),
                       house_style or self.house_style, self.max_claims_per_article)

    def by_code(self, code: str) -> Rule:
        """The rule with this code."""
        rule = self.rule_of(code)
        if rule is None:
            raise KeyError(code)
        return rule

    def rule_of(self, code: str) -> Rule | None:
        """The rule with this code, or None."""
        table = self._by_code
        if table is None:
            table = {r.code: r for r in self.rules}
            object.__setattr__(self, "_by_code", table)
        return table.get(code)


# -- schema ---------------------------------------------------------------------

_TOP_KEYS = {"pack", "rule", "lexicon", "units", "symbols", "currencies", "boilerplate", "reference", "places"}
_PACK_KEYS = {"id": str, "version": int, "description": str}
_RULE_KEYS: dict[str, Any] = {
    "code": str, "name": str, "kind": str, "measure": str, "summary": str, "rationale": str,
    "severity": str, "severity_body": str, "severity_across": str, "triggers": list,
    "triggers_before": list, "triggers_after": list,
    "default_counted": str, "counted_classes": list, "dimension": str, "tolerance": dict, "example": list,
    "figure": str, "message": str, "scope": dict, "similarity": (int, float),
}
_SCOPE_KEYS = {"segments": list, "within": bool, "across": bool}
_RULE_REQUIRED = ("code", "name", "kind", "measure", "summary", "rationale", "severity")
_TOLERANCE_KEYS = {"absolute": (int, float), "relative": (int, float), "approx": (int, float)}
_EXAMPLE_KEYS = {"name": str, "fail": (str, list), "pass": (str, list), "house_style": dict, "published": str}
_LEXICON_TABLES: dict[str, dict[str, Any]] = {
    "qualifiers": {shape: list for shape in QUALIFIER_SHAPES},
    "vague": {},  # free keys: phrase -> [low, high]
    "linking": {"words": list},
    "part_of": {"cues": list},
    "attribution": {"according": list, "verbs": list},
    "time": {"weekdays": list, "months": list, "relative": list},
    "past": {"cues": list},
    "counted": {},  # free keys: class -> nouns
    "abbreviations": {},  # free keys: abbreviation -> the counted noun it stands for
    "scope": {"subset": list, "inclusive": list, "dead_included": list, "reference": list, "hypothetical": list,
              "roundup": list},
    "identifier": {"before": list, "street": list},
    "events": {"nouns": list, "verbs": dict},  # event nouns (meeting, summit), and verbs naming them (met = meeting)
    "titles": {"roles": list, "honorifics": list},  # "foreign minister", "president"; "mr", "dr"
}
_BOILERPLATE_KEYS = {"drop": list, "stop": list, "caption": list}
_REFERENCE_KEYS: dict[str, Any] = {
    "window": int, "min_similarity": (int, float), "min_shared_words": int, "bare_min_similarity": (int, float),
    "bare_min_shared_words": int, "sentence_min_similarity": (int, float), "sentence_min_shared_words": int,
    "support_min_similarity": (int, float), "support_tie": (int, float), "tolerance": dict, "stop_words": list, "rule": list, "example": list,
}
_REFERENCE_RULE_KEYS = {"code": str, "name": str, "summary": str, "rationale": str, "severity": str, "role": str}
_REFERENCE_RULE_ROLES = ("contradiction",)
_REFERENCE_EXAMPLE_KEYS = {"name": str, "source": str, "derived": str, "flag": str}


class _Pack:
    """One TOML file being validated, with what is needed to point at its lines."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.lines = text.splitlines()
        self.rule_starts = [i for i, line in enumerate(self.lines) if re.match(r"\s*\[\[\s*rule\s*\]\]", line)]
        self.region: tuple[int, int] = (0, len(self.lines))  # lines searched for a bad key or value

    def enter_rule(self, index: int) -> None:
        """Point later errors into the ``index``-th ``[[rule]]`` table."""
        if index < len(self.rule_starts):
            end = self.rule_starts[index + 1] if index + 1 < len(self.rule_starts) else len(self.lines)
            self.region = (self.rule_starts[index], end)

    def leave_rule(self) -> None:
        self.region = (0, len(self.lines))

    def fail(self, problem: str, *, key: str | None = None, value: Any = None, options: Any = None,
             hint: str = "") -> RulePackError:
        line, col = self._find(key, value)
        sentences = [f"{problem}: {value!r}" if value is not None else problem]
        if options:
            opts = sorted(options)
            sentences.append(f"Valid options are: {', '.join(opts)}")
            guess = _did_you_mean(value if isinstance(value, str) else key, opts)
            if guess:
                sentences.append(f"Did you mean {guess!r}?")
        if hint:
            sentences.append(hint)
        text = " ".join(s if s.endswith((".", "?", "!")) else s + "." for s in sentences[:-1]) + " " + sentences[-1]
        return RulePackError(f"{self.path}:{line}:{col}: {text.strip()}")

    def _find(self, key: str | None, value: Any) -> tuple[int, int]:
        # tomllib gives no positions, so point at the first line naming the key
        # (or the bad value); good enough to put an editor on the spot.
        needles = []
        if isinstance(value, str) and value:
            needles.append(value)
        if key:
            needles.append(key)
        first, last = self.region
        for needle in needles:
            for i in range(first, last):
                text = self.lines[i]
                col = text.find(needle)
                if col >= 0 and not text.lstrip().startswith("#"):
                    return i + 1, col + 1
        return first + 1, 1


def _did_you_mean(word: str | None, options: list[str]) -> str | None:
    if not word or not options:
        return None
    match = process.extractOne(word, options, score_cutoff=60)
    return match[0] if match else None


def _check_keys(pack: _Pack, table: dict, schema: dict[str, Any], where: str) -> None:
    for key, value in table.items():
        if key not in schema:
            raise pack.fail(f"unknown key in {where}", key=key, value=key, options=schema.keys())
        want = schema[key]
        if not isinstance(value, want) or isinstance(value, bool) and want is not bool:
            names = " or ".join(_TYPE_NAMES[t] for t in want) if isinstance(want, tuple) else _TYPE_NAMES[want]
            shown = _TYPE_NAMES.get(type(value), type(value).__name__)
            example = _TYPE_EXAMPLES[want if not isinstance(want, tuple) else want[0]].format(key=key)
            raise pack.fail(f"{where}.{key} must be a {names}, not a {shown}", key=key, hint=f"Write it as {example}")


_TYPE_NAMES = {str: "string", int: "whole number", float: "number", bool: "true or false", list: "list",
               dict: "table"}
_TYPE_EXAMPLES = {str: '{key} = "..."', int: "{key} = 3", float: "{key} = 0.5", bool: "{key} = true",
                  list: '{key} = ["...", "..."]', dict: "{key} = {{ ... }} or a [table]"}


def _string_list(pack: _Pack, values: list, where: str, *, allow_empty: bool = False,
                 lower: bool = True) -> tuple[str, ...]:
    if not values and not allow_empty:
        raise pack.fail(f"{where} is empty", key=where.rsplit(".", 1)[-1], hint="List at least one phrase")
    for v in values:
        if not isinstance(v, str) or not v.strip():
            raise pack.fail(f"{where} must hold non-empty strings", key=where.rsplit(".", 1)[-1], value=v)
    return tuple(v.strip().lower() if lower else v.strip() for v in values)


def _severity(pack: _Pack, value: str, key: str) -> Severity:
    if value not in SEVERITIES:
        raise pack.fail(f"invalid {key}", key=key, value=value, options=SEVERITIES)
    return Severity(value)


def _compile(pack: _Pack, pattern: str, key: str) -> Pattern:
    try:
        return compile_pattern(pattern)
    except PatternError as exc:
        raise pack.fail(f"unusable pattern in {key}: {exc}", key=key, value=pattern) from None


# -- loading --------------------------------------------------------------------


def builtin_pack_paths() -> list[Path]:
    """The packs shipped in the package, sorted by file name."""
    folder = resources.files("checker.rules")
    return sorted((Path(str(p)) for p in folder.iterdir() if p.name.endswith(".toml")), key=lambda p: p.name)


def load_rules(paths: list[Path] | None = None) -> RuleSet:
    """Load and validate packs (the shipped ones when ``paths`` is None)."""
    paths = builtin_pack_paths() if paths is None else paths
    rules: list[Rule] = []
    lex: dict[str, Any] = {"qualifiers": {}, "vague": {}, "linking": set(), "part_of": [], "according": [],
                           "verbs": set(), "weekdays": set(), "months": set(), "relative": [], "past": [],
                           "counted": {}, "abbreviations": {}, "units": {}, "symbols": {}, "currencies": {}, "subset": [], "inclusive": [], "dead_included": [], "reference": set(), "hypothetical": [], "roundup": set(), "label": set(), "street": set(),
                           "events": set(), "event_verbs": {}, "titles": [], "honorifics": set(), "landmarks": {}}
    drop: list[re.Pattern[str]] = []
    stop: list[re.Pattern[str]] = []
    caption: list[re.Pattern[str]] = []
    seen_codes: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    reference: ReferencePolicy | None = None
    for path in paths:
        text = path.read_text(encoding="utf-8")
        pack = _Pack(str(path), text)
        data = _parse_toml(path, text)
        pack_id = _load_pack_table(pack, data)
        if not isinstance(data.get("rule", []), list):
            raise pack.fail("rule must be an array of tables", key="rule", hint="Write each rule under its own [[rule]]")
        for index, raw in enumerate(data.get("rule", [])):
            pack.enter_rule(index)
            rule = _load_rule(pack, pack_id, raw)
            for seen, key in ((seen_codes, rule.code), (seen_names, rule.name)):
                if key in seen:
                    what = "code" if seen is seen_codes else "name"
                    raise pack.fail(f"duplicate rule {what} (first defined in {seen[key]})", value=key,
                                    hint=f"Give this rule a {what} no other pack uses")
                seen[key] = f"{path}:{rule.line}"
            pack.leave_rule()
            rules.append(rule)
        _load_lexicon(pack, data, lex)
        if "reference" in data:
            if reference is not None:
                raise pack.fail(f"a second [reference] table (the first is in {reference.path})", key="reference",
                                hint="Keep one [reference] table in all the packs of a run")
            reference = _load_reference(pack, pack_id, data["reference"])
            for key in (reference.contradiction.code, reference.contradiction.name):
                seen = seen_codes if key == reference.contradiction.code else seen_names
                if key in seen:
                    raise pack.fail(f"duplicate rule {'code' if seen is seen_codes else 'name'} (first defined in {seen[key]})",
                                    value=key)
                seen[key] = str(path)
        bp = data.get("boilerplate", {})
        _check_keys(pack, bp, _BOILERPLATE_KEYS, "boilerplate")
        for key, into in (("drop", drop), ("stop", stop), ("caption", caption)):
            patterns = _string_list(pack, bp.get(key, []), f"boilerplate.{key}", allow_empty=True, lower=False)
            into += [_compile(pack, p, key) for p in patterns]
    lexicon = Lexicon(
        qualifiers={k: tuple(v) for k, v in lex["qualifiers"].items()},
        vague=lex["vague"], linking=frozenset(lex["linking"]), part_of=tuple(lex["part_of"]),
        according=tuple(lex["according"]), attribution_verbs=frozenset(lex["verbs"]),
        weekdays=frozenset(lex["weekdays"]), months=frozenset(lex["months"]),
        relative_times=tuple(lex["relative"]), past_cues=tuple(lex["past"]), counted=lex["counted"],
        abbreviations=lex["abbreviations"],
        units=lex["units"], symbols=lex["symbols"], currencies=lex["currencies"], subset_cues=tuple(lex["subset"]),
        inclusive_cues=tuple(lex["inclusive"]), dead_included_cues=tuple(lex["dead_included"]), hypothetical_cues=tuple(lex["hypothetical"]), roundup_nouns=frozenset(lex["roundup"]), label_words=frozenset(lex["label"]),
        street_words=frozenset(lex["street"]), reference_words=frozenset(lex["reference"]),
        event_nouns=frozenset(lex["events"]), event_verbs=lex["event_verbs"], titles=tuple(sorted(set(lex["titles"]), key=lambda t: (-len(t), t))),
        honorifics=frozenset(lex["honorifics"]), landmarks=lex["landmarks"],
    )
    return RuleSet(tuple(sorted(rules, key=lambda r: r.code)), lexicon, Boilerplate(tuple(drop), tuple(stop), tuple(caption)),
                   reference)


def _parse_toml(path: Path, text: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col, reason = toml_error_position(exc, text)
        raise RulePackError(f"{path}:{line}:{col}: not valid TOML: {reason}. Check the quoting and brackets "
                            "on that line (strings in double quotes, lists in [ ])") from None


def _load_pack_table(pack: _Pack, data: dict) -> str:
    for key in data:
        if key not in _TOP_KEYS:
            raise pack.fail("unknown top-level table", key=key, value=key, options=_TOP_KEYS)
    meta = data.get("pack")
    if not isinstance(meta, dict) or "id" not in meta:
        raise pack.fail("missing [pack] table with an id", hint='Start the file with [pack] and id = "mypack"')
    _check_keys(pack, meta, _PACK_KEYS, "pack")
    return meta["id"]


def _check_identity(pack: _Pack, pack_id: str, code: str, name: str, example_code: str) -> None:
    if not _CODE_RE.match(code):
        raise pack.fail(f"rule code must be 2-4 capitals and 3 digits (e.g. {example_code})", key="code", value=code)
    if not _NAME_RE.match(name) or not name.startswith(pack_id + "."):
        raise pack.fail(f"rule name must be dotted lower case starting with the pack id '{pack_id}.'",
                        key="name", value=name)


def _load_rule(pack: _Pack, pack_id: str, raw: dict) -> Rule:
    _check_keys(pack, raw, _RULE_KEYS, "rule")
    for key in _RULE_REQUIRED:
        if key not in raw:
            raise pack.fail(f"rule {raw.get('code', '?')} is missing {key!r}", value=raw.get("code"))
    code, name, kind = raw["code"], raw["name"], raw["kind"]
    _check_identity(pack, pack_id, code, name, "CAS001")
    if kind not in RULE_KINDS:
        raise pack.fail("unknown rule kind", key="kind", value=kind, options=RULE_KINDS,
                        hint="docs/rules.md says what each kind compares")
    for key in ("summary", "rationale"):
        if not raw[key].strip():
            raise pack.fail(f"rule {code} has an empty {key}", key=key, hint="Say in a sentence what the rule checks and why")
    severity = _severity(pack, raw["severity"], "severity")
    triggers = _string_list(pack, raw.get("triggers", []), "rule.triggers", allow_empty=True)
    before = _string_list(pack, raw.get("triggers_before", []), "rule.triggers_before", allow_empty=True)
    after = _string_list(pack, raw.get("triggers_after", []), "rule.triggers_after", allow_empty=True)
    if kind == "numeric-agreement" and not (triggers or before or after):
        raise pack.fail(f"rule {code} has no trigger words", value=code,
                        hint="List the words that say what a number measures in triggers, triggers_before or triggers_after")
    dimension = raw.get("dimension")
    if dimension is not None and not units.is_dimension(dimension):
        raise pack.fail("dimension is not a pint dimension", key="dimension", value=dimension,
                        options=units.DIMENSIONS, hint="Write it in brackets, e.g. [length], [time], [mass]")
    figure = raw.get("figure", "quantity" if dimension else "count")
    if figure not in FIGURES:
        raise pack.fail("unknown figure", key="figure", value=figure, options=FIGURES)
    if (figure == "quantity") != (dimension is not None):
        raise pack.fail(f"rule {code}: figure = \"quantity\" goes with a dimension, and only it", key="figure",
                        value=figure, hint='Add dimension = "[length]" (or another), or choose another figure')
    message = raw.get("message", "{details}")
    _check_template(pack, message)
    similarity = raw.get("similarity", 85.0)
    if not 0 <= similarity <= 100:
        raise pack.fail("similarity is a rapidfuzz score from 0 to 100", key="similarity", value=similarity)
    segments, within, across = _load_scope(pack, raw.get("scope", {}))
    tol_raw = raw.get("tolerance", {})
    _check_keys(pack, tol_raw, _TOLERANCE_KEYS, "rule.tolerance")
    if any(v < 0 for v in tol_raw.values()):
        raise pack.fail("tolerances must not be negative", key="tolerance")
    examples = _load_examples(pack, code, raw.get("example", []))
    return Rule(
        code=code, name=name, kind=kind, pack=pack_id, path=pack.path, measure=raw["measure"],
        summary=raw["summary"].strip(), rationale=raw["rationale"].strip(), severity=severity,
        severity_body=_severity(pack, raw.get("severity_body", raw["severity"]), "severity_body"),
        severity_across=_severity(pack, raw.get("severity_across", "warning"), "severity_across"),
        triggers=triggers, triggers_before=before, triggers_after=after, default_counted=raw.get("default_counted"),
        counted_classes=_string_list(pack, raw.get("counted_classes", []), "rule.counted_classes", allow_empty=True),
        dimension=units.canonical_dimension(dimension) if dimension else None,
        tolerance=Tolerance(**{k: float(v) for k, v in tol_raw.items()}), examples=examples,
        figure=figure, message=message, segments=segments, within=within, across=across, similarity=float(similarity),
        line=pack.region[0] + 1,
    )


def _check_template(pack: _Pack, message: str) -> None:
    try:
        fields = [f for _, f, spec, conv in string.Formatter().parse(message) if f is not None]
    except ValueError as exc:
        raise pack.fail(f"message is not a valid template ({exc})", key="message", value=message,
                        hint="Write placeholders as {details}; double a brace to print one: {{") from None
    for name in fields:
        if name not in MESSAGE_FIELDS:
            raise pack.fail("unknown placeholder in message", key="message", value=name, options=MESSAGE_FIELDS)


def _load_scope(pack: _Pack, raw: dict) -> tuple[tuple[str, ...], bool, bool]:
    _check_keys(pack, raw, _SCOPE_KEYS, "rule.scope")
    segments = _string_list(pack, raw.get("segments", list(SEGMENTS)), "rule.scope.segments")
    for segment in segments:
        if segment not in SEGMENTS:
            raise pack.fail("unknown segment in scope", key="segments", value=segment, options=SEGMENTS)
    within, across = raw.get("within", True), raw.get("across", True)
    if not (within or across):
        raise pack.fail("scope turns off both within and across: the rule would never compare anything",
                        key="scope", hint="Remove the rule, or disable it in the configuration instead")
    return tuple(s for s in SEGMENTS if s in segments), within, across


def _load_examples(pack: _Pack, code: str, raw: Any) -> tuple[Example, ...]:
    if not isinstance(raw, list):
        raise pack.fail(f"rule {code}: example must be an array of tables", key="example",
                        hint="Write each example under its own [[rule.example]]")
    examples = []
    for ex in raw:
        _check_keys(pack, ex, _EXAMPLE_KEYS, "rule.example")
        if ("fail" in ex) == ("pass" in ex) or "name" not in ex:
            raise pack.fail(f"example of {code} needs a name and exactly one of 'fail' or 'pass'", value=ex.get("name"))
        given = ex.get("fail", ex.get("pass", ""))
        texts = given if isinstance(given, list) else [given]
        if not texts or not all(isinstance(t, str) and t.strip() for t in texts):
            raise pack.fail(f"example {ex['name']!r} of {code} has no text", value=ex["name"],
                            hint='Write the article in triple quotes, or a list of articles: fail = ["""...""", """..."""]')
        text = texts[0]
        line, _ = pack._find("name", ex["name"])
        style = ex.get("house_style", {})
        for preferred, variants in style.items():
            if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants) or not variants:
                raise pack.fail(f"house_style of example {ex['name']!r} must map a spelling to a list of variants",
                                key=preferred, hint='Write house_style = { "Kyiv" = ["Kiev"] }')
        published = ex.get("published")
        if published is not None:
            try:
                date.fromisoformat(published)
            except ValueError:
                raise pack.fail(f"published of example {ex['name']!r} is not a date", key="published", value=published,
                                hint='Write it as published = "2025-08-20"') from None
        examples.append(Example(ex["name"], text.strip() + "\n", "fail" in ex, line,
                                tuple((k, tuple(v)) for k, v in style.items()),
                                tuple(t.strip() + "\n" for t in texts) if len(texts) > 1 else (), published))
    names = [e.name for e in examples]
    for name in names:
        if names.count(name) > 1:
            raise pack.fail(f"two examples of {code} are named {name!r}", value=name, hint="Name each example once")
    for should_flag, word in ((True, "fail"), (False, "pass")):
        if not any(e.should_flag == should_flag for e in examples):
            raise pack.fail(f"rule {code} has no {word} example", value=code,
                            hint=f"Add [[rule.example]] with name = \"...\" and {word} = \"\"\"an article the rule "
                                 f"{'flags' if should_flag else 'must not flag'}\"\"\" (every rule documents itself)")
    return tuple(examples)


def _load_reference(pack: _Pack, pack_id: str, raw: Any) -> ReferencePolicy:
    """The [reference] table: matching thresholds, the rule it reports under, its examples."""
    if not isinstance(raw, dict):
        raise pack.fail("reference must be a table", key="reference", hint="Write [reference] and its keys under it")
    _check_keys(pack, raw, _REFERENCE_KEYS, "reference")
    for key in ("window", "min_shared_words", "bare_min_shared_words", "sentence_min_shared_words"):
        if raw.get(key, 1) < 1:
            raise pack.fail(f"reference.{key} must be at least 1", key=key)
    for key in ("min_similarity", "bare_min_similarity", "sentence_min_similarity", "support_min_similarity",
                "support_tie"):
        if not 0 <= raw.get(key, 0) <= 100:
            raise pack.fail(f"reference.{key} is a rapidfuzz score from 0 to 100", key=key, value=raw[key])
    tol_raw = raw.get("tolerance", {})
    _check_keys(pack, tol_raw, _TOLERANCE_KEYS, "reference.tolerance")
    if any(v < 0 for v in tol_raw.values()):
        raise pack.fail("tolerances must not be negative", key="tolerance")
    rules: dict[str, ReferenceRule] = {}
    for rule_raw in raw.get("rule", []):
        role, rule = _load_reference_rule(pack, pack_id, rule_raw)
        if role in rules:
            raise pack.fail(f"two reference rules with role {role!r}", key="role", value=role)
        rules[role] = rule
    if "contradiction" not in rules:
        raise pack.fail("the [reference] table needs a [[reference.rule]] with role = \"contradiction\"",
                        key="reference", hint="It names the code, severity and wording of a contradicted figure")
    examples = []
    for ex in raw.get("example", []):
        _check_keys(pack, ex, _REFERENCE_EXAMPLE_KEYS, "reference.example")
        missing = [k for k in ("name", "source", "derived") if k not in ex]
        if missing:
            raise pack.fail(f"reference example is missing {', '.join(missing)}", value=ex.get("name"))
        if "flag" in ex and ex["flag"] not in {r.code for r in rules.values()}:
            raise pack.fail("reference example flags an unknown code", key="flag", value=ex["flag"],
                            options=[r.code for r in rules.values()])
        examples.append(ReferenceExample(ex["name"], ex["source"].strip() + "\n", ex["derived"].strip() + "\n",
                                         ex.get("flag"), pack._find("name", ex["name"])[0]))
    if {e.flag is None for e in examples} != {True, False}:
        raise pack.fail("the [reference] table needs at least one example with flag and one without", key="reference")
    defaults = ReferencePolicy(rules["contradiction"], pack.path)
    return ReferencePolicy(
        contradiction=rules["contradiction"], path=pack.path,
        window=raw.get("window", defaults.window),
        min_similarity=float(raw.get("min_similarity", defaults.min_similarity)),
        min_shared_words=raw.get("min_shared_words", defaults.min_shared_words),
        bare_min_similarity=float(raw.get("bare_min_similarity", defaults.bare_min_similarity)),
        bare_min_shared_words=raw.get("bare_min_shared_words", defaults.bare_min_shared_words),
        sentence_min_similarity=float(raw.get("sentence_min_similarity", defaults.sentence_min_similarity)),
        sentence_min_shared_words=raw.get("sentence_min_shared_words", defaults.sentence_min_shared_words),
        support_min_similarity=float(raw.get("support_min_similarity", defaults.support_min_similarity)),
        support_tie=float(raw.get("support_tie", defaults.support_tie)),
        tolerance=Tolerance(**{k: float(v) for k, v in tol_raw.items()}),
        stop_words=frozenset(_string_list(pack, raw.get("stop_words", []), "reference.stop_words", allow_empty=True)),
        examples=tuple(examples),
    )


def _load_reference_rule(pack: _Pack, pack_id: str, raw: Any) -> tuple[str, ReferenceRule]:
    if not isinstance(raw, dict):
        raise pack.fail("[[reference.rule]] must be a table", key="rule")
    _check_keys(pack, raw, _REFERENCE_RULE_KEYS, "reference.rule")
    missing = [k for k in _REFERENCE_RULE_KEYS if k not in raw]
    if missing:
        raise pack.fail(f"reference rule {raw.get('code', '?')} is missing {', '.join(missing)}", value=raw.get("code"))
    code, name, role = raw["code"], raw["name"], raw["role"]
    _check_identity(pack, pack_id, code, name, "REF001")
    if role not in _REFERENCE_RULE_ROLES:
        raise pack.fail("unknown reference rule role", key="role", value=role, options=_REFERENCE_RULE_ROLES)
    for key in ("summary", "rationale"):
        if not raw[key].strip():
            raise pack.fail(f"rule {code} has an empty {key}", key=key, hint="Say in a sentence what the rule checks and why")
    rule = ReferenceRule(code, name, raw["summary"].strip(), raw["rationale"].strip(),
                         _severity(pack, raw["severity"], "severity"), pack.path, pack._find("code", code)[0])
    return role, rule


def _load_lexicon(pack: _Pack, data: dict, lex: dict[str, Any]) -> None:
    tables = data.get("lexicon", {})
    for table, body in tables.items():
        if table not in _LEXICON_TABLES:
            raise pack.fail("unknown lexicon table", key=table, value=table, options=_LEXICON_TABLES)
        if _LEXICON_TABLES[table]:
            _check_keys(pack, body, _LEXICON_TABLES[table], f"lexicon.{table}")
    for shape, phrases in tables.get("qualifiers", {}).items():
        for phrase in _string_list(pack, phrases, f"lexicon.qualifiers.{shape}"):
            lex["qualifiers"].setdefault(phrase, ())
            lex["qualifiers"][phrase] += (shape,)
    for phrase, bounds in tables.get("vague", {}).items():
        if (not isinstance(bounds, list) or len(bounds) != 2 or not all(isinstance(b, (int, float)) for b in bounds)
                or bounds[0] > bounds[1]):
            raise pack.fail("a vague amount needs [low, high] with low <= high", key=phrase, value=bounds)
        lex["vague"][phrase.lower()] = (float(bounds[0]), float(bounds[1]))
    lex["linking"] |= set(_string_list(pack, tables.get("linking", {}).get("words", []), "lexicon.linking.words", allow_empty=True))
    lex["part_of"] += _string_list(pack, tables.get("part_of", {}).get("cues", []), "lexicon.part_of.cues", allow_empty=True)
    att = tables.get("attribution", {})
    lex["according"] += _string_list(pack, att.get("according", []), "lexicon.attribution.according", allow_empty=True)
    lex["verbs"] |= set(_string_list(pack, att.get("verbs", []), "lexicon.attribution.verbs", allow_empty=True))
    time = tables.get("time", {})
    lex["weekdays"] |= set(_string_list(pack, time.get("weekdays", []), "lexicon.time.weekdays", allow_empty=True))
    lex["months"] |= set(_string_list(pack, time.get("months", []), "lexicon.time.months", allow_empty=True))
    lex["relative"] += _string_list(pack, time.get("relative", []), "lexicon.time.relative", allow_empty=True)
    lex["past"] += _string_list(pack, tables.get("past", {}).get("cues", []), "lexicon.past.cues", allow_empty=True)
    scope = tables.get("scope", {})
    lex["subset"] += _string_list(pack, scope.get("subset", []), "lexicon.scope.subset", allow_empty=True)
    lex["inclusive"] += _string_list(pack, scope.get("inclusive", []), "lexicon.scope.inclusive", allow_empty=True)
    lex["dead_included"] += _string_list(pack, scope.get("dead_included", []), "lexicon.scope.dead_included",
                                         allow_empty=True)
    lex["hypothetical"] += _string_list(pack, scope.get("hypothetical", []), "lexicon.scope.hypothetical", allow_empty=True)
    ident = tables.get("identifier", {})
    lex["label"] |= set(_string_list(pack, ident.get("before", []), "lexicon.identifier.before", allow_empty=True))
    lex["street"] |= set(_string_list(pack, ident.get("street", []), "lexicon.identifier.street", allow_empty=True))
    lex["roundup"] |= set(_string_list(pack, scope.get("roundup", []), "lexicon.scope.roundup", allow_empty=True))
    lex["reference"] |= set(_string_list(pack, scope.get("reference", []), "lexicon.scope.reference", allow_empty=True))
    lex["events"] |= set(_string_list(pack, tables.get("events", {}).get("nouns", []), "lexicon.events.nouns",
                                      allow_empty=True))
    for verb, noun in tables.get("events", {}).get("verbs", {}).items():
        if not isinstance(noun, str) or not noun.strip():
            raise pack.fail("an event verb must name the event noun it stands for", key=verb,
                            hint='Write met = "meeting" under [lexicon.events.verbs]')
        lex["event_verbs"][verb.strip().lower()] = noun.strip().lower()
    titles = tables.get("titles", {})
    lex["titles"] += _string_list(pack, titles.get("roles", []), "lexicon.titles.roles", allow_empty=True)
    lex["honorifics"] |= set(_string_list(pack, titles.get("honorifics", []), "lexicon.titles.honorifics",
                                          allow_empty=True))
    for place, within in data.get("places", {}).items():
        if not isinstance(within, str) or not within.strip():
            raise pack.fail("a place must name the place that contains it", key=place,
                            hint='Write "White House" = "Washington, D.C."')
        lex["landmarks"][place.strip().lower()] = within.strip()
    for short, noun in tables.get("abbreviations", {}).items():
        if not isinstance(noun, str) or not noun.strip():
            raise pack.fail("an abbreviation must map to the noun phrase it stands for", key=short)
        lex["abbreviations"][short.lower()] = noun.strip()
    for cls, nouns in tables.get("counted", {}).items():
        if not isinstance(nouns, list):
            raise pack.fail("a counted class must be a list of nouns", key=cls)
        for noun in _string_list(pack, nouns, f"lexicon.counted.{cls}"):
            lex["counted"][noun] = cls
    for surface, unit in data.get("units", {}).items():
        if not isinstance(unit, str) or not units.is_unit(unit):
            raise pack.fail("unit not known to pint", key=surface, value=unit,
                            hint="Use a pint unit name such as kilometer, mile, percent")
        lex["units"][surface.lower()] = unit
    for surface, unit in data.get("symbols", {}).items():
        if not isinstance(unit, str) or not units.is_unit(unit):
            raise pack.fail("unit not known to pint", key=surface, value=unit,
                            hint="Use a pint unit name such as newton * meter")
        lex["symbols"][surface] = unit
    for surface, code in data.get("currencies", {}).items():
        if not isinstance(code, str) or not re.fullmatch(r"[A-Za-z_]{3,12}", code):
            raise pack.fail("currency must be a code such as USD", key=surface, value=code)
        lex["currencies"][surface.lower()] = code


def qualifier_of(shape: str) -> Qualifier:
    """The reported qualifier for a lexicon shape."""
    return Qualifier.APPROX if shape == "approx_below" else Qualifier(shape)
