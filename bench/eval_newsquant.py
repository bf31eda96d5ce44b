"""Section 1 of ``bench/evaluate.py``: quantity extraction scored on NewsQuant.

Every quantity of every sentence of ``newsquant/NewsQuant.dev.json`` is
matched one to one within its sentence and scored at three levels: value,
value+unit, value+unit+bound. quantulum3 (when installed) is scored by the same
code in the same run as the reference.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import PrecisionRecall
from newsquant_units import QUANTULUM3_TO_NEWSQUANT, newsquant_unit  # noqa: E402

from checker.extract import extract  # noqa: E402
from checker.extract.nouns import singular  # noqa: E402
from checker.ingest.jsonl import record_document  # noqa: E402
from checker.rulepack import load_rules  # noqa: E402
from checker.segment import segment  # noqa: E402


# NewsQuant's bound ("change") for each claimcheck qualifier.
BOUND = {"exact": "=", "range": "=", "approx": "~", "at_least": ">", "more_than": ">", "at_most": "<",
         "less_than": "<", "increase": "up", "decrease": "down"}


@dataclass(frozen=True)
class Quantity:
    """One quantity, gold or predicted, in NewsQuant's terms."""

    low: float
    high: float
    unit: str  # NewsQuant normalized_unit, "-" for none
    bound: str  # =, ~, >, <, up, down
    text: str = ""


@dataclass
class Score(PrecisionRecall):
    """Micro precision/recall/F1 counts at one level."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Report:
    """Scores of one extractor on NewsQuant."""

    name: str
    levels: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in LEVELS})
    by_family: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    by_bound: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    negative_sentences: int = 0
    negative_false_positives: int = 0
    seconds: float = 0.0
    misses: list[tuple[str, str]] = field(default_factory=list)
    extras: list[tuple[str, str]] = field(default_factory=list)  # predictions matching no gold value


LEVELS = ("value", "value+unit", "value+unit+bound")


# -- reading ---------------------------------------------------------------------


def parse_gold_value(text: str) -> tuple[float, float] | None:
    """NewsQuant values are "6.0" or ranges "252.0-287.0"."""
    m = re.fullmatch(r"\s*(-?[\d.]+(?:e[+-]?\d+)?)\s*(?:-\s*(-?[\d.]+(?:e[+-]?\d+)?))?\s*", text, re.IGNORECASE)
    if not m:
        return None
    low = float(m.group(1))
    high = float(m.group(2)) if m.group(2) else low
    return min(low, high), max(low, high)  # "from 36,040 to 34,935" is labelled high-low


def gold_quantities(item: dict) -> list[Quantity]:
    result = []
    for q in item["quantities"]:
        value = parse_gold_value(str(q["value"]))
        if value is None:
            continue
        result.append(Quantity(value[0], value[1], q["normalized_unit"].strip(), q["change"]))
    return result


def family(unit: str) -> str:
    """The slice a unit belongs to, for the per-family table."""
    if unit == "percentage" or unit == "basis point":
        return "percent"
    if any(w in unit for w in ("dollar", "euro", "pound sterling", "yen", "yuan", "ringgit", "shekel", "cent",
                               "rupee", "franc", "won", "krone", "sen", "penny", "ruble")):
        return "currency"
    if unit == "year of age":
        return "age"
    if unit in ("year", "month", "week", "day", "hour", "minute", "second", "decade", "century"):
        return "time"
    if unit == "-" or " " not in unit and unit.isalpha() and unit.lower() == unit and not _is_physical(unit):
        return "counts"
    return "physical"


_PHYSICAL = ("metre", "mile", "foot", "inch", "yard", "gram", "ton", "litre", "gallon", "barrel", "hectare", "acre",
             "watt", "horsepower", "byte", "hertz", "celsius", "fahrenheit", "degree", "calorie", "knot", "pascal")


def _is_physical(unit: str) -> bool:
    return any(p in unit for p in _PHYSICAL)


# -- extractors ------------------------------------------------------------------


def claimcheck_extractor() -> Callable[[str], list[Quantity]]:
    rules = load_rules()

    def run(sentence: str) -> list[Quantity]:
        doc, _ = record_document("newsquant", 1, {"id": "s", "body": sentence})
        article = segment(doc, rules)
        found = []
        for claim in extract(article, rules):
            q = claim.quantity
            counted = counted_unit(claim.counted) if claim.counted else None
            unit = newsquant_unit(q.unit, q.kind, counted)
            spans = q.vague or q.qualifier.value in ("range", "approx", "increase", "decrease")
            low = q.low if spans and q.low is not None else q.value
            high = q.high if spans and q.high is not None else q.value
            found.append(Quantity(low, high, unit, BOUND[q.qualifier.value], claim.text))
        return found

    return run


def counted_unit(counted: str) -> str:
    """A counted noun as NewsQuant writes a unit: its head word, or a whole rate ("point per game")."""
    if " per " in counted:
        return " ".join(singular(w) for w in counted.lower().split())
    return singular(counted.split()[-1])


def quantulum3_extractor() -> Callable[[str], list[Quantity]] | None:
    try:
        from quantulum3 import parser
    except ImportError:
        return None

    def run(sentence: str) -> list[Quantity]:
        found = []
        for q in parser.parse(sentence):
            name = q.unit.name
            unit = QUANTULUM3_TO_NEWSQUANT.get(name, name)
            found.append(Quantity(q.value, q.value, unit, "=", q.surface))
        return found

    return run


# -- matching --------------------------------------------------------------------


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def value_matches(gold: Quantity, pred: Quantity) -> bool:
    """Same value, or the same range; a vague range matches its low end ("dozens" = 12)."""
    if _close(gold.low, pred.low) and _close(gold.high, pred.high):
        return True
    return gold.low == gold.high and (_close(gold.low, pred.low) or _close(gold.low, pred.high) and pred.low == pred.high)


def unit_matches(gold: str, pred: str) -> bool:
    """Units agree, or a counted noun is the head of NewsQuant's unit phrase."""
    g, p = gold.lower().strip(), pred.lower().strip()
    if g == p:
        return True
    if "-" in (g, p):
        return False
    return singular(g.split()[-1]) == singular(p.split()[-1])


def match_sentence(gold: list[Quantity], pred: list[Quantity]) -> dict[str, Score]:
    """One-to-one matching within a sentence, separately at each level (greedy, in order)."""
    tests = {
        "value": lambda g, p: value_matches(g, p),
        "value+unit": lambda g, p: value_matches(g, p) and unit_matches(g.unit, p.unit),
        "value+unit+bound": lambda g, p: value_matches(g, p) and unit_matches(g.unit, p.unit) and g.bound == p.bound,
    }
    scores = {}
    for level, test in tests.items():
        used: set[int] = set()
        tp = 0
        for g in gold:
            k = next((i for i, p in enumerate(pred) if i not in used and test(g, p)), None)
            if k is not None:
                used.add(k)
                tp += 1
        scores[level] = Score(tp, len(pred) - tp, len(gold) - tp)
    return scores


def score(name: str, run: Callable[[str], list[Quantity]], items: Iterable[dict]) -> Report:
    report = Report(name)
    start = time.perf_counter()
    for item in items:
        gold = gold_quantities(item)
        pred = run(item["text"])
        scores = match_sentence(gold, pred)
        for level, s in scores.items():
            report.levels[level].add(s)
        if not gold:
            report.negative_sentences += 1
            report.negative_false_positives += len(pred)
        for g in gold:
            hit = any(value_matches(g, p) and unit_matches(g.unit, p.unit) for p in pred)
            report.by_family[family(g.unit)].add(Score(int(hit), 0, int(not hit)))
            report.by_bound[g.bound].add(Score(int(hit and any(p.bound == g.bound and value_matches(g, p) for p in pred)),
                                               0, int(not hit)))
            if not any(value_matches(g, p) for p in pred):
                report.misses.append((item["text"], f"{g.low:g}{'' if g.low == g.high else f'-{g.high:g}'} {g.unit}"))
        for p in pred:
            if not any(value_matches(g, p) for g in gold):
                report.extras.append((item["text"], f"{p.text!r} {p.low:g}-{p.high:g} {p.unit}"))
    report.seconds = time.perf_counter() - start
    return report


# -- output ----------------------------------------------------------------------


def newsquant_table(reports: list[Report], items: int) -> str:
    lines = [f"NewsQuant dev ({items} sentences)", "",
             "| extractor | level | precision | recall | F1 |", "|---|---|---:|---:|---:|"]
    for r in reports:
        for level in LEVELS:
            s = r.levels[level]
            lines.append(f"| {r.name} | {level} | {100 * s.precision:.1f} | {100 * s.recall:.1f} | {100 * s.f1:.1f} |")
    lines += ["", "| extractor | figures on the sentences with no quantity | time s |", "|---|---:|---:|"]
    for r in reports:
        lines.append(f"| {r.name} | {r.negative_false_positives} on {r.negative_sentences} sentences | {r.seconds:.1f} |")
    lines += ["", "Recall of value+unit by unit family (gold quantities):", "",
              "| family | " + " | ".join(r.name for r in reports) + " | gold |", "|---|" + "---:|" * (len(reports) + 1)]
    families = sorted({f for r in reports for f in r.by_family})
    for fam in families:
        n = reports[0].by_family[fam].tp + reports[0].by_family[fam].fn
        cells = " | ".join(f"{100 * r.by_family[fam].recall:.1f}" for r in reports)
        lines.append(f"| {fam} | {cells} | {n} |")
    lines += ["", "Recall of value+unit+bound by bound:", "",
              "| bound | " + " | ".join(r.name for r in reports) + " | gold |", "|---|" + "---:|" * (len(reports) + 1)]
    for bound in ("=", "~", ">", "<", "up", "down"):
        n = reports[0].by_bound[bound].tp + reports[0].by_bound[bound].fn
        cells = " | ".join(f"{100 * r.by_bound[bound].recall:.1f}" for r in reports)
        lines.append(f"| {bound} | {cells} | {n} |")
    return "\n".join(lines) + "\n"


TITLE = "1. Extraction on NewsQuant"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("NewsQuant")
    group.add_argument("--newsquant", type=Path, help="NewsQuant JSON file (default: DATA/newsquant/NewsQuant.dev.json)")
    group.add_argument("--no-quantulum3", action="store_true", help="do not score quantulum3 beside claimcheck")
    group.add_argument("--misses", type=Path,
                       help="write the gold quantities claimcheck missed, and its figures no gold matched, to this file")


def section(args: argparse.Namespace) -> str:
    """Score NewsQuant; return the section's Markdown body."""
    newsquant = args.newsquant or args.data / "newsquant" / "NewsQuant.dev.json"
    if not newsquant.exists():
        raise FileNotFoundError(f"{newsquant} not found: pass --data or --newsquant")
    items = json.loads(newsquant.read_text(encoding="utf-8"))
    reports = [score("claimcheck", claimcheck_extractor(), items)]
    q3 = None if args.no_quantulum3 else quantulum3_extractor()
    if q3 is not None:
        reports.append(score("quantulum3", q3, items))
    if args.misses:
        args.misses.write_text("".join(f"missed {want}\t{text}\n" for text, want in reports[0].misses)
                               + "".join(f"extra {got}\t{text}\n" for text, got in reports[0].extras), encoding="utf-8")
    return f"""Each sentence of `{newsquant.name}` is read as a one-paragraph article; every
quantity claimcheck extracts is a prediction. Gold and predicted quantities are
matched one to one within their sentence, separately at each level: the same
value (or range); the same value and unit (claimcheck's unit names are mapped
to NewsQuant's in `bench/newsquant_units.py`; a count's unit is its counted
noun, compared by its head word); and the same bound (`=`, `~`, `>`, `<`, `up`,
`down`). Micro precision, recall and F1 over all quantities.
{"quantulum3 is scored by the same code in the same run." if q3 is not None else "quantulum3 was not scored in this run (not installed, or --no-quantulum3)."}

{newsquant_table(reports, len(items))}
Published figures on the whole NewsQuant set (CQE paper): value / value+unit F1,
CQE 92.0 / 85.6, quantulum3 73.0 / 47.2, Recognizers-Text 69.1 / 34.2.
Targets (issue 3): value F1 >= 93, value+unit F1 >= 87.
"""
