"""The house-style authority file, and the spellings in an article that depart from it.

A newsroom keeps one spelling of each name and place ("Kyiv", not "Kiev";
"Zelenskyy", not "Zelenskiy"). The authority file lists them, in TOML an
editor can keep::

    [spellings]
    "Kyiv" = ["Kiev"]
    "Zelenskyy" = ["Zelenskiy", "Zelensky", "Zelenski"]

Each key is the preferred spelling; its list holds the variants to replace.
Variants match as whole words and with their case, so "Kiev" does not match
inside "Kievan" and a variant contained in its preferred spelling ("Zelensky"
in "Zelenskyy") does not match the preferred one. The rule that reports them
has kind ``house-spelling`` (STY001 in rules/style.toml).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from checker.errors import ConfigError, RulePackError, toml_error_position
from checker.model import Article, Discrepancy, Mention

_KEYS = ("spellings",)


@dataclass(frozen=True)
class HouseStyle:
    """Preferred spellings and the variants each replaces."""

    path: str
    spellings: tuple[tuple[str, tuple[str, ...]], ...]  # (preferred, variants), in file order

    @cached_property
    def preferred_of(self) -> dict[str, str]:
        """variant -> preferred spelling."""
        return {variant: preferred for preferred, variants in self.spellings for variant in variants}

    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        """Every variant as a whole word, longest first so "Kiev Oblast" wins over "Kiev"."""
        variants = sorted(self.preferred_of, key=lambda v: (-len(v), v))
        if not variants:
            return None
        # Variants are escaped literals, so this pattern cannot backtrack badly.
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, variants)) + r")(?!\w)")


def house_style_from_table(table: dict[str, list[str]], path: str = "<example>") -> HouseStyle:
    """A house style from an already validated ``{preferred: [variants]}`` table."""
    return HouseStyle(path, tuple((k, tuple(v)) for k, v in table.items()))


def load_house_style(path: Path) -> HouseStyle:
    """Read and validate an authority file; :class:`ConfigError` names file:line:col, the value and the fix."""
    from checker.rulepack import _Pack  # one place finds lines for bad keys and values

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the house-style file ({exc}); check the house_style setting") from None
    source = _Pack(str(path), text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col, reason = toml_error_position(exc, text)
        raise ConfigError(f"{path}:{line}:{col}: not valid TOML: {reason}. "
                          "Check the quoting on that line: \"Kyiv\" = [\"Kiev\"]") from None
    try:
        return _validate(source, data)
    except RulePackError as exc:
        raise ConfigError(str(exc)) from None


def _validate(source, data: dict) -> HouseStyle:
    for key in data:
        if key not in _KEYS:
            raise source.fail("unknown table in the house-style file", key=key, value=key, options=_KEYS,
                              hint='Put every entry under [spellings]: "Kyiv" = ["Kiev"]')
    table = data.get("spellings", {})
    if not isinstance(table, dict):
        raise source.fail("spellings must be a table", key="spellings", hint='Write [spellings] and "Kyiv" = ["Kiev"] under it')
    seen: dict[str, str] = {}
    spellings = []
    for preferred, variants in table.items():
        if not preferred.strip():
            raise source.fail("an empty preferred spelling", key='""', hint="Remove the entry or write the name")
        if not isinstance(variants, list) or not variants:
            raise source.fail(f"the variants of {preferred!r} must be a non-empty list", key=preferred,
                              hint=f'Write "{preferred}" = ["variant", ...]')
        for variant in variants:
            if not isinstance(variant, str) or not variant.strip():
                raise source.fail(f"a variant of {preferred!r} is not a non-empty string", key=preferred, value=variant)
            if variant == preferred:
                raise source.fail(f"{preferred!r} is listed as a variant of itself", key=preferred,
                                  hint="Remove it from its own list")
            if variant in seen:
                raise source.fail(f"variant {variant!r} is listed under both {seen[variant]!r} and {preferred!r}",
                                  key=preferred, value=variant, hint="Keep it under one preferred spelling")
            seen[variant] = preferred
        spellings.append((preferred, tuple(variants)))
    for preferred, _ in spellings:
        if preferred in seen:
            raise source.fail(f"{preferred!r} is both a preferred spelling and a variant of {seen[preferred]!r}",
                              key=preferred, hint="Choose one preferred spelling for the name")
    return HouseStyle(source.path, tuple(spellings))


def variant_mentions(article: Article, style: HouseStyle) -> dict[str, list[Mention]]:
    """Every variant spelling in an article, grouped by its preferred spelling, in text order."""
    found: dict[str, list[Mention]] = {}
    pattern = style.pattern
    if pattern is None:
        return found
    for seg in article.segments:
        for m in pattern.finditer(seg.text):
            sentence = next(((s, e) for s, e in seg.sentences if s <= m.start() < e), (0, len(seg.text)))
            mention = Mention(article.id, seg.index, seg.role, m.start(), m.end(), m.group(0), sentence)
            found.setdefault(style.preferred_of[m.group(0)], []).append(mention)
    return found


def check_within(article: Article, claims, rule, rules) -> list[Discrepancy]:
    """STY001 for one article: nothing when no house style is configured (see :mod:`checker.facts`)."""
    return [] if rules.house_style is None else house_spelling(article, rules.house_style, rule)


def house_spelling(article: Article, style: HouseStyle, rule) -> list[Discrepancy]:
    """One finding per preferred spelling an article departs from, with every variant mention as evidence."""
    from checker.compare import evidence_for, fingerprint, render_message

    found = []
    for preferred, mentions in sorted(variant_mentions(article, style).items()):
        mentions = [m for m in mentions if m.role.value in rule.segments]
        if not mentions:
            continue
        written = sorted({m.text for m in mentions})
        count = len(mentions)
        details = (f"house style spells it “{preferred}”; this article writes "
                   + " and ".join(f"“{w}”" for w in written) + f" ({count} time{'s' if count > 1 else ''})")
        found.append(Discrepancy(
            rule=rule.code, rule_name=rule.name, kind="spelling", measure=preferred,
            severity=rule.severity_body if all(m.role.value == "body" for m in mentions) else rule.severity,
            scope="within", message=render_message(rule, details),
            evidence=tuple(evidence_for(m, article) for m in mentions),
            fingerprint=fingerprint(rule.code, "within", mentions),
        ))
    return found
