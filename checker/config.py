"""Configuration: discovery, strict validation, rule selection, and where every value came from.

A configuration is a ``.claimcheck.toml`` file (keys at the top level) or the
``[tool.claimcheck]`` table of a ``pyproject.toml``. For each checked file the
nearest one is used, walking up from the file's directory (from a directory
argument's own directory for ``config show DIR``; from the current directory
for ``-``). In one directory ``.claimcheck.toml`` wins over ``pyproject.toml``,
and a ``pyproject.toml`` without ``[tool.claimcheck]`` is skipped. ``--config
FILE`` uses that file only; ``--isolated`` ignores every configuration file.

Precedence: the command line, then the configuration file, then the defaults in
:data:`OPTIONS`. Every resolved value keeps its source (``default``,
``path:line`` or ``command line``) for ``claimcheck config show``.

Validation is as strict as for rule packs: an unknown key, a wrong type, a bad
value or a selector that matches no rule is a :class:`ConfigError` naming
``file:line:col``, the value, the valid options and the closest one.

Rule selection follows ruff. A selector is ``ALL``, a rule code (``CAS001``), a
code prefix (``CAS``, ``CAS00``; any case) or a dotted rule name or a prefix of
it on dot boundaries (``casualties``, ``casualties.killed``). Each layer (the
file, then the command line) starts from its ``enable`` (the layer below when it
has none; ``ALL`` at the bottom) and removes its ``disable``. Severity
selectors apply from the least to the most specific (the one matching fewer
rules wins; on a tie the later one), the command line's after the file's.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process, utils

from checker.errors import ConfigError, toml_error_position
from checker.house_style import load_house_style
from checker.limits import DEFAULT_MAX_CLAIMS_PER_ARTICLE, DEFAULT_MAX_FILE_BYTES
from checker.model import Severity
from checker.rulepack import (
    ReferenceRule,
    Rule,
    RuleSet,
    builtin_pack_paths,
    load_rules,
)

CONFIG_NAME = ".claimcheck.toml"
PYPROJECT = "pyproject.toml"
LEVELS = tuple(s.value for s in Severity)
FAIL_ON = ("error", "warning", "info", "never")
DEFAULT = "default"
COMMAND_LINE = "command line"
SELECTOR_FORMS = ("ALL, a rule code (CAS001), a code prefix (CAS) or a dotted rule name or prefix "
                  "(casualties, casualties.killed); `claimcheck rules list` shows every code and name")
DOC = "docs/configuration.md"


def _report_formats() -> tuple[str, ...]:
    # Imported here: the reporters pull in jinja2, and only their names are needed.
    from checker.reports import REPORTERS

    return tuple(sorted(REPORTERS))


@dataclass(frozen=True, slots=True)
class Option:
    """One configuration key: its TOML type, default, allowed values and meaning (docs/configuration.md)."""

    name: str
    kind: type
    default: Any
    doc: str
    choices: tuple[str, ...] = ()


_LIMITS = ("max_file_bytes", "max_claims_per_article")  # configuration only: no command-line option

# Every key, once: the validator, `config show` and the documentation read this table.
OPTIONS: dict[str, Option] = {o.name: o for o in (
    Option("rules", list, (), "extra rule-pack files or directories of packs, relative to the configuration file"),
    Option("enable", list, ("ALL",), "selectors of the rules to run"),
    Option("disable", list, (), "selectors of rules not to run (removed from enable)"),
    Option("severity", dict, {}, "selector = level: the severity of every finding of the selected rules", LEVELS),
    Option("house_style", str, None, "an authority file of preferred spellings, relative to the configuration file"),
    Option("fail_on", str, "error", "the lowest severity that makes `check` exit 1", FAIL_ON),
    Option("min_severity", str, "info", "the lowest severity `check` reports; lower findings are neither shown "
           "nor counted", LEVELS),
    Option("format", str, "text", "the report format of `check` (the CLAIMCHECK_FORMAT environment variable "
           "overrides it; --format overrides both)"),
    Option("across", bool, None, "compare articles with each other (unset: when several are given)"),
    Option("max_file_bytes", int, DEFAULT_MAX_FILE_BYTES, "a larger input file is skipped as an input error "
           "(for `audit`'s JSON Lines corpora, which stream: a larger record)"),
    Option("max_claims_per_article", int, DEFAULT_MAX_CLAIMS_PER_ARTICLE, "an article with more figures is "
           "checked up to the sentence where the limit is reached, with a warning"),
)}


@dataclass(frozen=True, slots=True)
class Setting:
    """A resolved value and where it came from."""

    value: Any
    source: str  # "default", "path:line" or "command line"


@dataclass(frozen=True, slots=True)
class Entry:
    """One selector of enable, disable or [severity], with where it was written."""

    selector: str
    source: str  # "path:line" or "command line", for `config show`
    where: str  # "path:line:col" or the option, for errors
    level: Severity | None = None  # for [severity] entries


@dataclass(frozen=True, slots=True)
class Layer:
    """The rule selection of one source: the configuration file or the command line."""

    enable: tuple[Entry, ...] | None = None  # None: keep what the layer below enables
    enable_source: str = ""  # where enable was written
    disable: tuple[Entry, ...] = ()
    severity: tuple[Entry, ...] = ()


@dataclass(frozen=True, slots=True)
class Overrides:
    """What the command line says; None or empty where it says nothing."""

    config: str | None = None
    isolated: bool = False
    rules: tuple[str, ...] = ()
    enable: tuple[str, ...] | None = None
    disable: tuple[str, ...] = ()
    severity: tuple[str, ...] = ()  # "SELECTOR=LEVEL"
    fail_on: str | None = None
    format: str | None = None
    format_source: str = "command line"  # or "environment (CLAIMCHECK_FORMAT)"
    across: bool | None = None
    min_severity: str | None = None


@dataclass(frozen=True, slots=True)
class RuleState:
    """A rule as configured: enabled or not and why, its severity and where that came from."""

    code: str
    name: str
    enabled: bool
    why: str  # the selector that decided, e.g. 'disable "CAS003" (.claimcheck.toml:4)'
    severity: str  # "warning", or the pack's levels "error (body: warning, across: warning)"
    severity_source: str  # "pack" or the source of the override


@dataclass(frozen=True, slots=True, eq=False)
class Config:
    """A configuration resolved from defaults, at most one file and the command line."""

    file: Path | None  # the configuration file; None when there is none or --isolated
    note: str  # how the file was chosen, for `config show`
    settings: dict[str, Setting]  # every key of OPTIONS but severity
    severity: tuple[Entry, ...]  # the file's entries, then the command line's
    packs: tuple[tuple[Path, str], ...]  # every pack loaded, with "shipped" or the source that added it
    rules: RuleSet  # the packs loaded and configured (disabled rules, severities, house style)
    states: tuple[RuleState, ...] = field(default=())

    @property
    def fail_on(self) -> str:
        """The lowest severity that fails ``check``."""
        return self.settings["fail_on"].value

    @property
    def format(self) -> str:
        """The report format of ``check``."""
        return self.settings["format"].value

    @property
    def min_severity(self) -> str:
        """The lowest severity ``check`` reports."""
        return self.settings["min_severity"].value

    @property
    def across(self) -> bool | None:
        """Compare articles with each other; None: when several are given."""
        return self.settings["across"].value

    @property
    def max_file_bytes(self) -> int:
        """Inputs larger than this are not read (checker/limits.py)."""
        return self.settings["max_file_bytes"].value

    @property
    def house_style(self) -> Path | None:
        """The house-style authority file, resolved; None when not configured."""
        return self.settings["house_style"].value


# -- finding the file -------------------------------------------------------------


def _abspath(path: str | Path) -> Path:
    # abspath, not resolve(): keep the user's symlinks in what is shown, but drop "..".
    return Path(os.path.abspath(path))


def display(path: Path) -> str:
    """A path as shown to the user: relative to the current directory when under it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _has_tool_table(path: Path) -> bool:
    data = _parse(path, _read(path))
    tool = data.get("tool")
    return isinstance(tool, dict) and "claimcheck" in tool


def config_in(directory: Path) -> Path | None:
    """The configuration file of one directory: .claimcheck.toml, else a pyproject.toml with [tool.claimcheck]."""
    candidate = directory / CONFIG_NAME
    if candidate.is_file():
        return candidate
    candidate = directory / PYPROJECT
    if candidate.is_file() and _has_tool_table(candidate):
        return candidate
    return None


def find_config_file(start: Path) -> Path | None:
    """The nearest configuration file in ``start`` or above it; None when there is none."""
    for directory in (start, *start.parents):
        found = config_in(directory)
        if found is not None:
            return found
    return None


def start_directory(path: str) -> Path:
    """Where discovery starts for an input: its directory, a directory itself, the current one for ``-``."""
    if path in ("-", "<stdin>"):
        return _abspath(Path.cwd())
    p = _abspath(path)
    return p if p.is_dir() else p.parent


# -- reading and validating a file --------------------------------------------------


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(f"{display(path)}: cannot read the configuration file ({reason})") from None


def _parse(path: Path, text: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col, reason = toml_error_position(exc, text)
        raise ConfigError(f"{display(path)}:{line}:{col}: not valid TOML: {reason}. Check the quoting and brackets "
                          'on that line (strings in double quotes, lists in [ ], e.g. disable = ["CAS003"])') from None


_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_KEYPART = rf"(?:{_BARE}|{_QUOTED})"
_DOTTED = rf"{_KEYPART}(?:\s*\.\s*{_KEYPART})*"
_HEADER_RE = re.compile(rf"\s*\[\s*({_DOTTED})\s*\]\s*(?:#.*)?$")
_KEY_RE = re.compile(rf"\s*({_DOTTED})\s*=")


def _split_key(text: str) -> tuple[str, ...]:
    parts = re.findall(rf"\s*({_KEYPART})\s*(?:\.|$)", text)
    return tuple(json.loads(p) if p.startswith('"') else p.strip("'") if p.startswith("'") else p for p in parts)


class _Locator:
    """Lines and columns of keys and values in a TOML file (tomllib gives none)."""

    def __init__(self, path: Path, text: str, prefix: tuple[str, ...]):
        self.path = path
        self.lines = text.splitlines()
        self.prefix = prefix
        self.keys: list[tuple[tuple[str, ...], int, int]] = []  # (full key, line index, column index)
        table: tuple[str, ...] = ()
        for i, line in enumerate(self.lines):
            if line.lstrip().startswith("[["):
                table = ("[[",)  # an array of tables: no key of ours lives there
                continue
            header = _HEADER_RE.match(line)
            if header:
                table = _split_key(header.group(1))
                self.keys.append((table, i, header.start(1)))
                continue
            key = _KEY_RE.match(line)
            if key:
                self.keys.append((table + _split_key(key.group(1)), i, key.start(1)))

    def find(self, key: Sequence[str] = (), value: Any = None) -> tuple[int, int]:
        """(line, column), 1-based, of ``key`` (or of ``value`` on its lines) under the configuration table."""
        full = self.prefix + tuple(key)
        for depth in range(len(full), len(self.prefix) - 1, -1):
            for index, (path, i, col) in enumerate(self.keys):
                if path != full[:depth]:
                    continue
                end = self.keys[index + 1][1] if index + 1 < len(self.keys) else len(self.lines)
                if depth < len(full):  # an inline table: look for the key on the lines of its parent
                    found = self._search(full[depth:][-1], i, end)
                    if found:
                        i, col = found
                if isinstance(value, str) and value:
                    found = self._search(json.dumps(value), i, max(end, i + 1)) or self._search(value, i, max(end, i + 1))
                    if found:
                        return found[0] + 1, found[1] + 1
                return i + 1, col + 1
        return 1, 1

    def _search(self, needle: str, first: int, last: int) -> tuple[int, int] | None:
        for i in range(first, min(last, len(self.lines))):
            col = self.lines[i].find(needle)
            if col >= 0:
                return i, col
        return None

    def line(self, key: Sequence[str]) -> int:
        """The line of a key, for provenance."""
        return self.find(key)[0]


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    """The option closest to ``word`` (rapidfuzz), or None when none is close."""
    options = list(options)
    if not word or not options:
        return None
    match = process.extractOne(word, options, scorer=fuzz.ratio, processor=utils.default_process, score_cutoff=60)
    return match[0] if match else None


def _problem(where: str, problem: str, value: Any = None, options: Iterable[str] = (), hint: str = "",
             guess_from: Iterable[str] | None = None) -> ConfigError:
    """A ConfigError in the project's shape: where: problem: value. Valid options. Did you mean. Hint."""
    msg = f"{where}: {problem}"
    if value is not None:
        msg += f": {value!r}"
    options = list(options)
    if options:
        msg += f". Valid options are: {', '.join(options)}"
    guess = did_you_mean(value if isinstance(value, str) else "", guess_from if guess_from is not None else options)
    msg += f". Did you mean {guess!r}?" if guess else "."
    if hint:
        msg += f" {hint}"
    return ConfigError(msg)


_TYPE_NAMES = {list: "list of strings", dict: "table", str: "string", bool: "boolean (true or false)",
               int: "positive integer"}
_EXAMPLES = {"rules": 'rules = ["packs"]', "enable": 'enable = ["ALL"]', "disable": 'disable = ["CAS003"]',
             "severity": '[severity] then CAS001 = "warning"', "house_style": 'house_style = "house-style.toml"',
             "fail_on": 'fail_on = "warning"', "min_severity": 'min_severity = "warning"',
             "format": 'format = "json"', "across": "across = false",
             "max_file_bytes": "max_file_bytes = 134_217_728", "max_claims_per_article": "max_claims_per_article = 20_000"}


@dataclass(slots=True)
class _FileValues:
    """What one configuration file says, validated, with the line of every key."""

    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    layer: Layer = Layer()


def _table_of(path: Path) -> tuple[dict, _Locator]:
    text = _read(path)
    data = _parse(path, text)
    if path.name == PYPROJECT:
        tool = data.get("tool", {})
        table = tool.get("claimcheck") if isinstance(tool, dict) else None
        locator = _Locator(path, text, ("tool", "claimcheck"))
        if table is None:
            raise ConfigError(f"{display(path)}: has no [tool.claimcheck] table. Add one, or pass a "
                              f"{CONFIG_NAME} file (see {DOC})")
        if not isinstance(table, dict):
            line, col = locator.find()
            raise ConfigError(f"{display(path)}:{line}:{col}: tool.claimcheck must be a table. Write [tool.claimcheck] "
                              "and the keys under it")
        return table, locator
    return data, _Locator(path, text, ())


def _flatten(table: dict, prefix: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """[severity] entries; a dotted key written bare (casualties.killed = ...) is a nested table in TOML."""
    out = []
    for key, value in table.items():
        if isinstance(value, dict):
            out += _flatten(value, prefix + (key,))
        else:
            out.append((prefix + (key,), value))
    return out


def read_config_file(path: Path) -> _FileValues:
    """Read and validate one configuration file (rules and selectors are checked against the packs later)."""
    table, loc = _table_of(path)
    shown = display(path)
    out = _FileValues()

    def at(key: Sequence[str], value: Any = None) -> str:
        line, col = loc.find(key, value)
        return f"{shown}:{line}:{col}"

    for key, value in table.items():
        option = OPTIONS.get(key)
        if option is None:
            raise _problem(at([key]), "unknown configuration key", key, sorted(OPTIONS), f"See {DOC}")
        if not isinstance(value, option.kind) or (isinstance(value, bool) and option.kind is not bool):
            raise _problem(at([key], value if isinstance(value, str) else None),
                           f"{key} must be a {_TYPE_NAMES[option.kind]}, not {_toml_type(value)}", value,
                           hint=f"Write it as {_EXAMPLES[key]}")
        if option.kind is list:
            for item in value:
                if not isinstance(item, str) or not item.strip():
                    raise _problem(at([key], item if isinstance(item, str) else None),
                                   f"{key} must hold non-empty strings, not {_toml_type(item)}", item,
                                   hint=f"Write it as {_EXAMPLES[key]}")
        if option.kind is int and value < 1:
            raise _problem(at([key]), f"{key} must be a positive integer, not {value}",
                           hint=f"Write it as {_EXAMPLES[key]}")
        if option.choices and option.kind is str and value not in option.choices:
            raise _problem(at([key], value), f"invalid {key}", value, option.choices)
        if key == "format" and value not in _report_formats():
            raise _problem(at([key], value), "invalid format", value, _report_formats())
        out.lines[key] = loc.line([key])
    for key in ("rules", "house_style"):
        if key not in table:
            continue
        items = table[key] if key == "rules" else [table[key]]
        resolved = []
        for item in items:
            target = _abspath(path.parent / item)
            if key == "rules" and not (target.is_dir() or target.is_file()):
                raise _problem(at([key], item), "no such rule-pack file or directory", item,
                               hint=f"Paths are relative to the configuration file: this one is {target}")
            if key == "house_style" and not target.is_file():
                raise _problem(at([key], item), "no such house-style file", item,
                               hint=f"Paths are relative to the configuration file: this one is {target}")
            resolved.append(target)
        out.values[key] = tuple(resolved) if key == "rules" else resolved[0]
    for key in ("fail_on", "min_severity", "format", "across", *_LIMITS):
        if key in table:
            out.values[key] = table[key]
    entries: dict[str, tuple[Entry, ...]] = {}
    for key in ("enable", "disable"):
        if key in table:
            entries[key] = tuple(Entry(s.strip(), f"{shown}:{loc.line([key])}", at([key], s)) for s in table[key])
    severity = []
    for key_path, level in _flatten(table.get("severity", {})):
        selector = ".".join(key_path)
        where = at(["severity", *key_path])
        if not isinstance(level, str) or level not in LEVELS:
            raise _problem(where, f"invalid severity for {selector!r}", level, LEVELS,
                           hint='Write it as CAS001 = "warning"; to turn a rule off, list it in disable')
        line = int(where.rsplit(":", 2)[1])
        severity.append(Entry(selector, f"{shown}:{line}", where, Severity(level)))
    out.layer = Layer(entries.get("enable"), f"{shown}:{out.lines['enable']}" if "enable" in table else "",
                      entries.get("disable", ()), tuple(severity))
    return out


def _toml_type(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string", list: "a list", dict: "a table"}
    return names.get(type(value), type(value).__name__)


# -- the command line ------------------------------------------------------------------


def _cli_selectors(option: str, values: Iterable[str]) -> tuple[Entry, ...]:
    out = []
    for value in values:
        for part in value.split(","):
            if not part.strip():
                raise ConfigError(f"{option} {value!r}: an empty selector. Write {option} CAS001[,CAS002...]; "
                                  f"a selector is {SELECTOR_FORMS}")
            out.append(Entry(part.strip(), COMMAND_LINE, f"{option} {part.strip()}"))
    return tuple(out)


def _cli_layer(overrides: Overrides) -> Layer:
    severity = []
    for item in overrides.severity:
        selector, sep, level = item.partition("=")
        selector, level = selector.strip(), level.strip()
        if not sep or not selector:
            raise ConfigError(f"--severity {item!r}: expected SELECTOR=LEVEL, e.g. --severity CAS001=warning")
        if level not in LEVELS:
            raise _problem(f"--severity {item}", f"invalid severity for {selector!r}", level, LEVELS)
        severity.append(Entry(selector, COMMAND_LINE, f"--severity {item}", Severity(level)))
    enable = _cli_selectors("--enable", overrides.enable) if overrides.enable is not None else None
    return Layer(enable, COMMAND_LINE, _cli_selectors("--disable", overrides.disable), tuple(severity))


# -- selectors ---------------------------------------------------------------------------

_CODE_PREFIX_RE = re.compile(r"[A-Z]{1,4}\d{0,3}")


def select(selector: str, rules: Sequence[Rule | ReferenceRule]) -> list[str]:
    """The codes a selector matches: ALL, a code or code prefix (any case), a dotted name or prefix of one."""
    text = selector.strip()
    if text.upper() == "ALL":
        return [r.code for r in rules]
    upper, lower = text.upper(), text.lower()
    code_like = bool(_CODE_PREFIX_RE.fullmatch(upper))
    return [r.code for r in rules
            if (code_like and r.code.startswith(upper)) or r.name == lower or r.name.startswith(lower + ".")]


def _matches(entry: Entry, rules: Sequence[Rule | ReferenceRule]) -> list[str]:
    found = select(entry.selector, rules)
    if not found:
        names = [r.code for r in rules] + [r.name for r in rules] + sorted({r.name.split(".")[0] for r in rules})
        raise _problem(entry.where, "selector matches no rule", entry.selector,
                       hint=f"A selector is {SELECTOR_FORMS}", guess_from=names + ["ALL"])
    return found


def _describe(entry: Entry, what: str) -> str:
    return f'{what} "{entry.selector}" ({entry.source})'


def resolve_rules(rules: RuleSet, layers: Sequence[Layer], house_style: Path | None = None
                  ) -> tuple[RuleSet, tuple[RuleState, ...]]:
    """Apply the layers' selections to loaded rules: the configured rule set and each rule's state."""
    described = rules.described()
    enabled = {r.code: True for r in described}
    why = {r.code: 'enable "ALL" (default)' for r in described}
    levels: dict[str, tuple[Severity, Entry]] = {}
    for layer in layers:
        if layer.enable is not None:
            chosen: dict[str, str] = {}
            for entry in layer.enable:
                for code in _matches(entry, described):
                    chosen.setdefault(code, _describe(entry, "enable"))
            listed = ", ".join(f'"{e.selector}"' for e in layer.enable)
            for code in enabled:
                enabled[code] = code in chosen
                why[code] = chosen.get(code, f"not in enable = [{listed}] ({layer.enable_source})")
        for entry in layer.disable:
            for code in _matches(entry, described):
                enabled[code] = False
                why[code] = _describe(entry, "disable")
        # Least specific first, so that the most specific is applied last and wins; a tie goes to the later entry.
        ordered = sorted(enumerate(layer.severity), key=lambda item: (-len(_matches(item[1], described)), item[0]))
        for _, entry in ordered:
            for code in _matches(entry, described):
                levels[code] = (entry.level, entry)
    style = load_house_style(house_style) if house_style is not None else None
    configured = rules.configured(disabled=frozenset(c for c, on in enabled.items() if not on),
                                  severities={c: level for c, (level, _) in levels.items()}, house_style=style)
    states = []
    for rule in described:
        if rule.code in levels:
            severity, source = levels[rule.code][0].value, _describe(levels[rule.code][1], "severity")
        else:
            severity, source = _pack_levels(rule), "pack"
        states.append(RuleState(rule.code, rule.name, enabled[rule.code], why[rule.code], severity, source))
    return configured, tuple(states)


def _pack_levels(rule: Rule | ReferenceRule) -> str:
    if isinstance(rule, ReferenceRule) or rule.severity == rule.severity_body == rule.severity_across:
        return rule.severity.value
    return f"{rule.severity.value} (body: {rule.severity_body.value}, across: {rule.severity_across.value})"


# -- resolving a configuration ---------------------------------------------------------------


def _pack_files(target: Path) -> list[Path]:
    return sorted(target.glob("*.toml")) if target.is_dir() else [target]


def _cli_packs(items: Iterable[str]) -> list[Path]:
    out = []
    for item in items:
        target = _abspath(item)
        if not (target.is_dir() or target.is_file()):
            raise ConfigError(f"--rules {item}: no such rule-pack file or directory")
        out.append(target)
    return out


class Resolver:
    """Configurations for inputs, each file read and each rule set loaded once per run."""

    def __init__(self, overrides: Overrides = Overrides()):
        self.overrides = overrides
        self._cli_layer = _cli_layer(overrides)
        self._cli_packs = _cli_packs(overrides.rules)
        self._found: dict[Path, Path | None] = {}
        self._configs: dict[Path | None, Config] = {}
        self._rule_sets: dict[tuple[Path, ...], RuleSet] = {}
        self._explicit: Path | None = None
        if overrides.config is not None and overrides.isolated:
            raise ConfigError("--config and --isolated exclude each other: --isolated ignores every configuration file")
        if overrides.config is not None:
            explicit = _abspath(overrides.config)
            if not explicit.is_file():
                raise ConfigError(f"--config {overrides.config}: no such file; pass a {CONFIG_NAME} or a "
                                  f"{PYPROJECT} with a [tool.claimcheck] table")
            self._explicit = explicit

    def file_for(self, start: Path) -> Path | None:
        """The configuration file that applies in directory ``start``."""
        if self.overrides.isolated:
            return None
        if self._explicit is not None:
            return self._explicit
        # Walk up as find_config_file does, remembering the answer for every directory passed.
        passed, found = [], None
        for directory in (start, *start.parents):
            if directory in self._found:
                found = self._found[directory]
                break
            passed.append(directory)
            found = config_in(directory)
            if found is not None:
                break
        for directory in passed:
            self._found[directory] = found
        return found

    def for_input(self, path: str) -> Config:
        """The configuration for an input path (a file, a directory, or ``-``)."""
        return self.config(self.file_for(start_directory(path)))

    def config(self, file: Path | None) -> Config:
        """The resolved configuration of a file (None: defaults and the command line only)."""
        if file not in self._configs:
            self._configs[file] = self._resolve(file)
        return self._configs[file]

    def _note(self, file: Path | None) -> str:
        if self.overrides.isolated:
            return "--isolated: configuration files are ignored"
        if self._explicit is not None:
            return "given with --config"
        return "found by walking up from the input" if file else "none found; defaults and the command line only"

    def _resolve(self, file: Path | None) -> Config:
        values = read_config_file(file) if file is not None else _FileValues()
        shown = display(file) if file is not None else ""
        o = self.overrides

        def source(key: str, from_cli: bool) -> str:
            parts = ([f"{shown}:{values.lines[key]}"] if key in values.lines else []) + ([COMMAND_LINE] if from_cli else [])
            return " + ".join(parts) or DEFAULT

        settings: dict[str, Setting] = {}
        file_packs = values.values.get("rules", ())
        settings["rules"] = Setting(tuple(display(p) for p in (*file_packs, *self._cli_packs)),
                                    source("rules", bool(self._cli_packs)))
        cli, layer = self._cli_layer, values.layer
        if cli.enable is not None:
            settings["enable"] = Setting(tuple(e.selector for e in cli.enable), COMMAND_LINE)
        elif layer.enable is not None:
            settings["enable"] = Setting(tuple(e.selector for e in layer.enable), source("enable", False))
        else:
            settings["enable"] = Setting(OPTIONS["enable"].default, DEFAULT)
        # A command-line --enable starts afresh, like ruff's --select: the file's disable no longer applies.
        disable = (() if cli.enable is not None else layer.disable) + cli.disable
        from_file = bool(layer.disable) and cli.enable is None
        settings["disable"] = Setting(tuple(e.selector for e in disable),
                                      " + ".join(([source("disable", False)] if from_file else [])
                                                 + ([COMMAND_LINE] if cli.disable else [])) or DEFAULT)
        house_style = values.values.get("house_style")
        settings["house_style"] = Setting(house_style, source("house_style", False))
        for key, given in (("fail_on", o.fail_on), ("min_severity", o.min_severity), ("format", o.format),
                           ("across", o.across)):
            if given is not None:
                settings[key] = Setting(given, o.format_source if key == "format" else COMMAND_LINE)
            elif key in values.values:
                settings[key] = Setting(values.values[key], source(key, False))
            else:
                settings[key] = Setting(OPTIONS[key].default, DEFAULT)
        for key in _LIMITS:
            settings[key] = (Setting(values.values[key], source(key, False)) if key in values.values
                             else Setting(OPTIONS[key].default, DEFAULT))
        packs: list[tuple[Path, str]] = [(p, "shipped") for p in builtin_pack_paths()]
        for target in file_packs:
            packs += [(p, f"{shown}:{values.lines['rules']}") for p in _pack_files(target)]
        for target in self._cli_packs:
            packs += [(p, COMMAND_LINE) for p in _pack_files(target)]
        packs = _unique_packs(packs)
        rule_set = self._load(tuple(p for p, _ in packs))
        configured, states = resolve_rules(rule_set, [layer, cli], house_style)
        configured = replace(configured, max_claims_per_article=settings["max_claims_per_article"].value)
        return Config(file, self._note(file), settings, layer.severity + cli.severity, tuple(packs), configured,
                      states)

    def _load(self, paths: tuple[Path, ...]) -> RuleSet:
        if paths not in self._rule_sets:
            self._rule_sets[paths] = load_rules(list(paths))
        return self._rule_sets[paths]


def _unique_packs(packs: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """Each pack once (a configured directory may hold a pack the command line names too)."""
    seen: set[str] = set()
    out = []
    for path, source in packs:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            out.append((path, source))
    return out


# -- several configurations in one run ------------------------------------------------------


def group_by_config(items: Sequence[Any], path_of, resolver: Resolver) -> list[tuple[Config, list[Any]]]:
    """Items (documents) grouped by the configuration of their file, groups in order of first appearance."""
    groups: dict[Path | None, tuple[Config, list[Any]]] = {}
    files: dict[str, Path | None] = {}  # by input path: a JSON Lines corpus holds many documents
    for item in items:
        path = path_of(item)
        if path not in files:
            files[path] = resolver.file_for(start_directory(path))
        file = files[path]
        if file not in groups:
            groups[file] = (resolver.config(file), [])
        groups[file][1].append(item)
    return list(groups.values())


# -- config show ---------------------------------------------------------------------------------


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, Path):
        return json.dumps(display(value))
    return json.dumps(value, ensure_ascii=False)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(_BARE, key) else json.dumps(key)


def render_config(config: Config, target: str) -> str:
    """``claimcheck config show``: the resolved configuration as TOML, each value with its source."""
    lines = [f"# claimcheck configuration for {target}",
             f"# configuration file: {display(config.file) if config.file else 'none'} ({config.note})", ""]
    rows = []
    for key in OPTIONS:
        if key == "severity":
            continue
        setting = config.settings[key]
        if setting.value is None:
            unset = {"house_style": "not set (no house-style check)",
                     "across": "not set (on when several articles are given)"}[key]
            rows.append((f"# {key} {unset}", setting.source))
        else:
            rows.append((f"{key} = {_toml_value(setting.value)}", setting.source))
    width = max(len(text) for text, _ in rows if not text.startswith("#"))
    lines += [f"{text:<{width}}  # from {source}" for text, source in rows]
    lines += ["", "[severity]"]
    if config.severity:
        entries = [(f"{_toml_key(e.selector)} = {_toml_value(e.level.value)}", e.source) for e in config.severity]
        width = max(len(text) for text, _ in entries)
        lines += [f"{text:<{width}}  # from {source}" for text, source in entries]
    else:
        lines.append("# none: every rule keeps the severities of its pack  # from default")
    lines += ["", f"# Rule packs loaded ({len(config.packs)}):"]
    packs = [(path.name if source == "shipped" else display(path), source) for path, source in config.packs]
    width = max(len(name) for name, _ in packs)
    lines += [f"#   {name:<{width}}  {source}" for name, source in packs]
    enabled = sum(s.enabled for s in config.states)
    heading = f"# Rules ({enabled} enabled, {len(config.states) - enabled} disabled): code, name, severity, state, why"
    lines += ["", heading]
    table = [(s.code, s.name, s.severity, "enabled" if s.enabled else "disabled",
              s.why + ("" if s.severity_source == "pack" else f"; {s.severity_source}")) for s in config.states]
    widths = [max((len(row[i]) for row in table), default=0) for i in range(4)]
    for row in table:
        lines.append("#   " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
    return "\n".join(lines) + "\n"

