"""Section 4 of ``bench/evaluate.py``: casualty counts against the Gun Violence Archive.

Input: ``gva_longtail/gva_incidents.dev.jsonl``, one incident a line, with the
registry's killed and injured counts and the news articles of several outlets
about it. Each article becomes a claimcheck document (title as the headline,
content as the body, ``published`` = the article's date, ``source`` = the
outlet's domain); articles with no text are left out.

**The main incident count of an article.** For each measure (``killed``,
``injured``), the candidates are the claims a CAS rule gave that measure which
claimcheck itself would compare (:func:`checker.align.comparable`: no ``note``
such as partitive, reference, subset, others or hypothetical; not a change "up
by 2"), minus those whose sentence carries a past cue ("last year", "in 2012",
"a separate shooting"), vague ones ("dozens") and counts of events ("wounded
in two shootings": the rule pack's roundup nouns). The article's count is the
value of the *first* candidate in reading order: the headline, then captions,
then the body from the top. News puts the event's toll first; later figures are
more often other incidents, subsets or background. Several candidates that
disagree are counted (``conflicting``) but do not change the reading. A hedged
figure ("at least 3") reads as its stated number.

**Scores.** Coverage is the share of articles with a count. Exact and within-1
accuracy are over covered articles and over all articles (an article with no
count is wrong there). "Too high / too low" compare the count with the
registry. The registry counts gunshot victims only and early articles may
predate the final count, so an article's disagreement is not always its error.

**Cross-article false alarms.** Each multi-article incident is checked alone
(``check_documents(docs, rules, across=True)``). It is *registry-consistent*
for a measure when every one of its articles has a main count of that measure
and it equals the registry's; then any cross-article ("across") discrepancy on
that measure is spurious by construction: the articles' own headline figures
agree. The target set is the strict one, consistent for killed *and* injured,
where every killed or injured across flag counts; the false-alarm rate is the
share of its incidents with at least one flag. Flags are counted once per
fingerprint: the engine can emit one set of claims twice.

**Audit sample.** The first :data:`AUDIT_SIZE` distinct across flags in
fingerprint order (a hash: deterministic and unrelated to content), first the
flags on incidents consistent for the flag's measure, then the others.
``--gva-audit-dump FILE`` writes the sample with its evidence sentences for the
auditor; that file holds article text, so keep it outside the repository. The
classification itself is hand-written in ``docs/gva-audit.md``; the section
tallies its table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from checker.align import comparable
from checker.ingest.jsonl import record_document
from checker.model import Claim, Discrepancy, Document, Role
from checker.pipeline import check_documents
from checker.rulepack import RuleSet, load_rules

TITLE = "4. Casualty counts on GVA"
MEASURES = ("killed", "injured")
AUDIT_SIZE = 30
AUDIT_DOC = "gva-audit.md"  # in docs/, next to accuracy.md
ROOT = Path(__file__).resolve().parents[1]

_ROLE_ORDER = {Role.HEADLINE: 0, Role.CAPTION: 1, Role.BODY: 2}
# web.archive.org/web/20140215012040/http://www.waff.com:80/story/...: the outlet is the archived address.
_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/[^/]+/(.+)$")


# -- reading ---------------------------------------------------------------------


@dataclass(frozen=True)
class Incident:
    """One registry entry and its articles' documents."""

    id: str
    killed: int
    injured: int
    docs: tuple[Document, ...]
    empty_articles: int  # articles with no text, left out


def outlet(uri: str) -> str | None:
    """The outlet's domain, from the archived address: "waff.com"."""
    m = _ARCHIVED.match(uri)
    address = m.group(1) if m else uri
    if "://" not in address:
        address = "http://" + address
    host = urlsplit(address).hostname
    return host.removeprefix("www.") if host else None


def article_document(path: str, line: int, article: dict) -> Document | None:
    """The article as a claimcheck document; None when it has no text."""
    m = _ARCHIVED.match(article["uri"])
    record = {"id": article["doc_id"], "title": article.get("title"), "body": article.get("content"),
              "source": outlet(article["uri"]), "published": article.get("dct"),
              "url": m.group(1) if m else article["uri"]}
    doc, _problem = record_document(path, line, record)
    return doc


def read_incidents(path: Path) -> list[Incident]:
    """Every incident of the JSONL file, its articles as documents."""
    incidents = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            item = json.loads(line)
            docs = [article_document(str(path), number, a) for a in item["articles"]]
            kept = tuple(d for d in docs if d is not None)
            incidents.append(Incident(str(item["incident_id"]), int(item["gold"]["num_killed"]),
                                      int(item["gold"]["num_injured"]), kept, len(docs) - len(kept)))
    return incidents


# -- the main incident count -----------------------------------------------------


def candidates(claims: Iterable[Claim], measure: str, not_victims: frozenset[str] = frozenset()) -> list[Claim]:
    """Claims that may state the article's own total for ``measure``, in reading order.

    ``not_victims`` are counted nouns that count events, not people ("wounded in
    two shootings"): the rule pack's roundup nouns.
    """
    found = [c for c in claims
             if c.measure == measure and c.rule and c.rule.startswith("CAS") and comparable(c)
             and c.context.past_cue is None and not c.quantity.vague and c.counted not in not_victims]
    return sorted(found, key=lambda c: (_ROLE_ORDER[c.role], c.segment_index, c.start))


@dataclass(frozen=True)
class Reading:
    """An article's main count for one measure: the first candidate, and whether others disagree."""

    value: int | None
    conflicting: bool = False


def main_count(claims: Iterable[Claim], measure: str, not_victims: frozenset[str] = frozenset()) -> Reading:
    """The article's main count of ``measure``: its first candidate in reading order."""
    found = candidates(claims, measure, not_victims)
    if not found:
        return Reading(None)
    value = int(found[0].quantity.value)
    return Reading(value, any(int(c.quantity.value) != value for c in found[1:]))


# -- running ---------------------------------------------------------------------


@dataclass
class CountScore:
    """Main counts of one measure against the registry."""

    articles: int = 0
    covered: int = 0
    exact: int = 0
    within_one: int = 0
    too_high: int = 0
    too_low: int = 0
    conflicting: int = 0  # covered articles whose later candidates disagree with the first
    by_registry: dict[str, list[int]] = field(default_factory=dict)  # bucket -> [articles, covered, exact]

    def add(self, reading: Reading, registry: int) -> None:
        self.articles += 1
        bucket = self.by_registry.setdefault(_bucket(registry), [0, 0, 0])
        bucket[0] += 1
        if reading.value is None:
            return
        self.covered += 1
        bucket[1] += 1
        self.conflicting += reading.conflicting
        diff = reading.value - registry
        self.exact += diff == 0
        bucket[2] += diff == 0
        self.within_one += abs(diff) <= 1
        self.too_high += diff > 0
        self.too_low += diff < 0


def _bucket(registry: int) -> str:
    return "0" if registry == 0 else "1" if registry == 1 else "2–3" if registry <= 3 else "4+"


BUCKETS = ("0", "1", "2–3", "4+")


@dataclass
class AlarmCount:
    """Cross-article flags on one set of incidents."""

    incidents: int = 0
    flagged: int = 0  # incidents with at least one flag
    flags: int = 0

    def add(self, flags: int) -> None:
        self.incidents += 1
        self.flagged += flags > 0
        self.flags += flags


# The sets of multi-article incidents the false-alarm rate is measured on:
# name -> (the measures whose across flags count, whether every article's main
# count of those measures must equal the registry's). On a consistent set every
# counted flag is spurious by construction.
ALARM_SETS = {
    "registry-consistent: killed and injured": (MEASURES, True),
    "registry-consistent: killed (CAS001 flags)": (("killed",), True),
    "registry-consistent: injured (CAS002 flags)": (("injured",), True),
    "all with 2+ articles": (MEASURES, False),
}
STRICT = "registry-consistent: killed and injured"


@dataclass(frozen=True)
class AuditItem:
    """A cross-article flag, and whether its incident's articles all state the registry's count of its measure."""

    consistent: bool
    incident: str
    flag: Discrepancy


@dataclass
class Results:
    """Everything the section reports."""

    incidents: int = 0
    articles: int = 0
    empty_articles: int = 0
    scores: dict[str, CountScore] = field(default_factory=lambda: {m: CountScore() for m in MEASURES})
    alarms: dict[str, AlarmCount] = field(default_factory=lambda: {k: AlarmCount() for k in ALARM_SETS})
    strict_flags_by_rule: Counter = field(default_factory=Counter)
    duplicate_flags: int = 0  # across flags identical (same fingerprint) to another of the same incident
    within_flags: Counter = field(default_factory=Counter)  # rule -> within-article killed/injured flags
    within_articles_flagged: int = 0
    audit_pool: list[AuditItem] = field(default_factory=list)


def casualty_flag(d: Discrepancy) -> bool:
    """A killed or injured discrepancy from the casualty rules."""
    return d.measure in MEASURES and d.rule.startswith("CAS")


def distinct(flags: list[Discrepancy]) -> list[Discrepancy]:
    """One flag per fingerprint: the engine can report the same set of claims twice."""
    seen: dict[str, Discrepancy] = {}
    for d in flags:
        seen.setdefault(d.fingerprint, d)
    return list(seen.values())


def evaluate(incidents: list[Incident], rules: RuleSet) -> Results:
    """Check each incident's articles together (and alone) and score them."""
    results = Results(incidents=len(incidents))
    for incident in _progress(incidents):
        results.empty_articles += incident.empty_articles
        if not incident.docs:
            continue
        run = check_documents(incident.docs, rules, across=len(incident.docs) > 1)
        agrees = _score_articles(results, run.claims, {"killed": incident.killed, "injured": incident.injured},
                                 rules.lexicon.roundup_nouns)
        flags = [d for d in run.discrepancies if casualty_flag(d)]
        within = [d for d in flags if d.scope == "within"]
        results.within_flags.update(d.rule for d in within)
        results.within_articles_flagged += len({d.evidence[0].article_id for d in within})
        if len(incident.docs) > 1:
            _count_alarms(results, incident.id, [d for d in flags if d.scope == "across"], agrees)
    return results


def _score_articles(results: Results, claims_by_article: tuple[tuple[Claim, ...], ...],
                    registry: dict[str, int], not_victims: frozenset[str]) -> dict[str, bool]:
    """Score every article's main counts; return, per measure, whether all of them equal the registry's."""
    agrees = dict.fromkeys(MEASURES, True)
    for claims in claims_by_article:
        results.articles += 1
        for measure in MEASURES:
            reading = main_count(claims, measure, not_victims)
            results.scores[measure].add(reading, registry[measure])
            agrees[measure] &= reading.value == registry[measure]
    return agrees


def _count_alarms(results: Results, incident: str, across: list[Discrepancy], agrees: dict[str, bool]) -> None:
    unique = distinct(across)
    results.duplicate_flags += len(across) - len(unique)
    for name, (measures, needs_consistency) in ALARM_SETS.items():
        if needs_consistency and not all(agrees[m] for m in measures):
            continue
        results.alarms[name].add(sum(d.measure in measures for d in unique))
    if all(agrees.values()):
        results.strict_flags_by_rule.update(d.rule for d in unique)
    results.audit_pool += [AuditItem(agrees[d.measure], incident, d) for d in unique]


def _progress(items: list) -> Iterable:
    """A progress bar on a terminal's stderr (not under CI, as the CLI does); the plain list otherwise."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return items
    try:
        from tqdm import tqdm
    except ImportError:
        return items
    return tqdm(items, desc="gva", unit="incident", file=sys.stderr, leave=False)


def audit_sample(pool: list[AuditItem], size: int = AUDIT_SIZE) -> list[AuditItem]:
    """Flags on registry-consistent incidents first, then the rest, each in fingerprint order."""
    return sorted(pool, key=lambda item: (not item.consistent, item.flag.fingerprint))[:size]


def audit_dump(sample: list[AuditItem]) -> Iterator[str]:
    """The sample with its evidence, for the person auditing it (contains article text)."""
    for n, item in enumerate(sample, 1):
        d = item.flag
        tier = "registry-consistent" if item.consistent else "other"
        yield f"## {n}. incident {item.incident} {d.rule} {tier} {d.fingerprint}\n{d.message}\n"
        for e in d.evidence:
            c = e.claim
            yield f"- [{e.article_id[:8]} {e.source} {c.role.value}] {c.text!r} = {c.quantity.value:g}: {e.sentence_text}\n"
        yield "\n"


# -- output ----------------------------------------------------------------------


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}" if whole else "–"


def count_table(results: Results) -> str:
    lines = [("| measure | articles | with a count | coverage % | exact % (covered) | within 1 % (covered) "
              "| exact % (all) | within 1 % (all) | too high | too low | conflicting |"),
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for measure, s in results.scores.items():
        lines.append(f"| {measure} | {s.articles} | {s.covered} | {_pct(s.covered, s.articles)} "
                     f"| {_pct(s.exact, s.covered)} | {_pct(s.within_one, s.covered)} "
                     f"| {_pct(s.exact, s.articles)} | {_pct(s.within_one, s.articles)} "
                     f"| {s.too_high} | {s.too_low} | {s.conflicting} |")
    return "\n".join(lines)


def bucket_table(results: Results) -> str:
    lines = ["| registry count | " + " | ".join(f"{m}: articles / coverage % / exact % (covered)" for m in MEASURES) + " |",
             "|---|" + "---:|" * len(MEASURES)]
    for bucket in BUCKETS:
        cells = []
        for measure in MEASURES:
            n, covered, exact = results.scores[measure].by_registry.get(bucket, [0, 0, 0])
            cells.append(f"{n} / {_pct(covered, n)} / {_pct(exact, covered)}")
        lines.append(f"| {bucket} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def alarm_table(results: Results) -> str:
    lines = ["| multi-article incidents | incidents | with ≥1 across flag | rate % | flags | flags per incident |",
             "|---|---:|---:|---:|---:|---:|"]
    for name, a in results.alarms.items():
        per = f"{a.flags / a.incidents:.3f}" if a.incidents else "–"
        lines.append(f"| {name} | {a.incidents} | {a.flagged} | {_pct(a.flagged, a.incidents)} | {a.flags} | {per} |")
    return "\n".join(lines)


def audit_rows(doc: Path) -> list[dict[str, str]]:
    """The rows of the audit table in ``docs/gva-audit.md`` (the table with "class" and "fingerprint" columns)."""
    if not doc.exists():
        return []
    header: list[str] | None = None
    rows = []
    for line in doc.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            header = None  # a table ends at its first non-table line
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = [c.lower() for c in cells]
        elif not set(line) <= set("|-: ") and {"class", "fingerprint"} <= set(header):
            rows.append(dict(zip(header, cells)))
    return rows


def audit_summary(doc: Path, sample: list[AuditItem]) -> str:
    """The audit's classes, and how many audited flags this run still raises."""
    rows = audit_rows(doc)
    if not rows:
        return f"**Hand audit.** Not done yet: `docs/{AUDIT_DOC}` has no audit table."
    classes = Counter(row["class"] for row in rows)
    consistent = Counter(row["class"] for row in rows if row.get("tier") == "consistent")
    table = ["| class | flags | on incidents consistent for the flag's measure |", "|---|---:|---:|"]
    table += [f"| {name} | {n} | {consistent[name]} |" for name, n in classes.most_common()]
    audited = {row["fingerprint"].strip("`") for row in rows}
    current = {item.flag.fingerprint for item in sample}
    return f"""**Hand audit.** {len(rows)} cross-article flags, sampled as above, were read one by one
and classified in [{AUDIT_DOC}]({AUDIT_DOC}), which names the commit audited and the general
rule that would remove each class. {len(audited & current)} of them are in this run's sample of
{len(sample)} (the engine changes under the audit: redo it when few are).

""" + "\n".join(table)


TARGET_FALSE_ALARMS = 5.0  # per cent of registry-consistent incidents (issue target)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("GVA")
    group.add_argument("--gva", type=Path, help="GVA incidents JSONL (default: DATA/gva_longtail/gva_incidents.dev.jsonl)")
    group.add_argument("--gva-audit-dump", type=Path, metavar="FILE",
                       help="write the audit sample with its evidence sentences to FILE (article text: keep it "
                            "outside the repository)")


def section(args: argparse.Namespace) -> str:
    """Score the GVA incidents; return the section's Markdown body."""
    path = args.gva or args.data / "gva_longtail" / "gva_incidents.dev.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: pass --data or --gva")
    r = evaluate(read_incidents(path), load_rules())
    sample = audit_sample(r.audit_pool)
    if args.gva_audit_dump:
        args.gva_audit_dump.write_text("".join(audit_dump(sample)), encoding="utf-8")
    strict = r.alarms[STRICT]
    rate = 100 * strict.flagged / strict.incidents if strict.incidents else 0.0
    within = ", ".join(f"{rule} {n}" for rule, n in sorted(r.within_flags.items())) or "none"
    by_rule = ", ".join(f"{rule} {n}" for rule, n in sorted(r.strict_flags_by_rule.items())) or "none"
    return f"""`{path.name}`: {r.incidents} incidents, {r.articles} articles with text
({r.empty_articles} articles with no text are left out). Each incident's articles are
checked together and alone (`check_documents`; across articles when it has two or more).

**Per-article counts against the registry.** An article's *main* killed (injured)
count is the first claim in reading order (headline, captions, body) that a CAS rule
measured as killed (injured) and that claimcheck would compare itself: no note
(partitive, reference, subset, others, hypothetical), not a change, not vague, not
a count of events ("wounded in two shootings"), and no past cue in its sentence.
A hedged figure reads as its number ("at least 3" is 3). Later candidates do not
change the reading; *conflicting* counts the articles where one of them differs.
Accuracy "(all)" counts an article with no count as wrong.

{count_table(r)}

By the registry's count (articles / coverage % / exact % over covered):

{bucket_table(r)}

Most articles state a single death as prose ("a man was shot and killed"), not a
count, and claimcheck reads no count from "no one was killed" or "nobody was injured",
so coverage is low for registry counts 0 and 1. The registry counts gunshot victims
only and early articles may predate its final count, so part of the disagreement is
the articles', not the extraction's.

**Cross-article false alarms.** A multi-article incident is *registry-consistent*
for a measure when every one of its articles has a main count of that measure and it
equals the registry's; a cross-article discrepancy on that measure among those
articles is spurious by construction. The headline figure is the strict set
(consistent for both killed and injured, every killed and injured flag counted);
the per-measure rows count only that measure's flags. Flags are counted once per
fingerprint ({r.duplicate_flags} identical repeats of a flag within an incident were dropped).
Target: at most {TARGET_FALSE_ALARMS:g}% of the strict set.

{alarm_table(r)}

False-alarm rate on the strict set: **{rate:.1f}%** ({strict.flagged} of {strict.incidents}
incidents; {"meets" if rate <= TARGET_FALSE_ALARMS else "misses"} the target); its flags by rule: {by_rule}.
The strict set is small (one incident moves the rate by {100 / max(strict.incidents, 1):.1f} points) and
leans towards figure-rich coverage, since every article must state both counts; that
is why its rate is above the rate over all multi-article incidents, many of whose
articles give no count to compare.
Within-article killed/injured flags over all {r.articles} articles: {within}
({r.within_articles_flagged} articles flagged).

{audit_summary(ROOT / "docs" / AUDIT_DOC, sample)}
"""
