"""Section 3 of ``bench/evaluate.py``: SummEdits summaries checked against their articles.

Every pair of ``summedits_news/summedits_news.dev.json`` is read as a source
article (``doc``) and a one-paragraph derived text (``summary``), and checked
with the reference check (``claimcheck check --reference``). A pair is
predicted inconsistent when any finding is raised; label 0 is inconsistent.

Three slices are defined without claimcheck, from the data alone. A number
token is a digit run ("1.8", "2,000") or a number word ("seven", "dozens"),
lower case (:func:`number_tokens`); a summary's number tokens are a multiset.

- number changed: the summary has a number token the original summary does not
  (more occurrences than the original counts as having one): a number was
  changed or inserted. This is the slice the recall target is about.
- number removed only: the summary's number tokens are a strict sub-multiset of
  the original summary's: numbers were only dropped, so there is nothing left
  in the summary for a figure check to contradict. Reported beside the first,
  not part of the target.
- entity edits: the edit types include ``entity_modification``.

Two baselines are scored by the same code: flag when a number token of the
summary is absent from the article; flag when a named entity (a run of
capitalised words) of the summary is absent from the article.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from scoring import PrecisionRecall
from checker.ingest.jsonl import record_document
from checker.pipeline import check_against_reference
from checker.rulepack import load_rules

TITLE = "3. SummEdits: summaries checked against their articles"

_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million "
    "billion trillion dozen dozens hundreds thousands millions billions"
).split()
_NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
# A run of capitalised words ("Bank of Japan" counts as "Bank" and "Japan": the
# baseline is deliberately simple). The first word of a sentence is skipped
# when it is the only capitalised word, as most sentence openers are.
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)([A-Z][\w'’-]*)")


def number_tokens(text: str) -> Counter[str]:
    """Digit runs and number words, lower case, with their counts."""
    return Counter(m.group().lower().rstrip(".,") for m in _NUMBER_TOKEN.finditer(text))


def named_entities(text: str) -> set[str]:
    """Runs of capitalised words, without a lone sentence opener."""
    openers = {m.group(1) for m in _SENTENCE_START.finditer(text)}
    found = set()
    for m in _CAPITALISED_RUN.finditer(text):
        run = m.group().rstrip(".")
        if run in openers:
            continue
        found.add(run)
    return found


def number_baseline(pair: dict) -> bool:
    """Flag when a number of the summary is not in the article."""
    article = number_tokens(pair["doc"])
    return any(token not in article for token in number_tokens(pair["summary"]))


def entity_baseline(pair: dict) -> bool:
    """Flag when a capitalised name of the summary is not in the article."""
    return any(entity not in pair["doc"] for entity in named_entities(pair["summary"]))


def claimcheck_predictor() -> Callable[[dict], bool]:
    rules = load_rules()
    sources: dict[str, object] = {}

    def run(pair: dict) -> bool:
        source = sources.get(pair["doc"])
        if source is None:
            source, _ = record_document("article", 1, {"id": "article", "body": pair["doc"]})
            sources[pair["doc"]] = source
        summary, _ = record_document("summary", 1, {"id": "summary", "body": pair["summary"]})
        result = check_against_reference([summary], source, rules)
        run.findings[pair["id"]] = [d.message for d in result.discrepancies]
        return bool(result.discrepancies)

    run.findings = {}
    return run


@dataclass
class Scores(PrecisionRecall):
    """Confusion counts of "inconsistent" predictions."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, inconsistent: bool) -> None:
        if predicted and inconsistent:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif inconsistent:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def false_alarm_rate(self) -> float:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0

    @property
    def balanced_accuracy(self) -> float:
        specificity = self.tn / (self.tn + self.fp) if self.tn + self.fp else 0.0
        return (self.recall + specificity) / 2


NUMBER_CHANGED = "number changed"
NUMBER_REMOVED = "number removed only"
SLICES = ("all", NUMBER_CHANGED, NUMBER_REMOVED, "entity edits")


def number_slice(pair: dict) -> str | None:
    """"number changed" when the summary states a number token the original does not, "number removed only"
    when it only lacks some of the original's, else None (claimcheck plays no part)."""
    summary, original = number_tokens(pair["summary"]), number_tokens(pair["original_summary"])
    if summary - original:
        return NUMBER_CHANGED
    if original - summary:
        return NUMBER_REMOVED
    return None


def slices_of(pair: dict) -> list[str]:
    found = ["all"]
    numbers = number_slice(pair)
    if numbers:
        found.append(numbers)
    if "entity_modification" in pair["edit_types"]:
        found.append("entity edits")
    return found


@dataclass
class Report:
    name: str
    by_slice: dict[str, Scores] = field(default_factory=lambda: {s: Scores() for s in SLICES})
    seconds: float = 0.0


def score(name: str, predict: Callable[[dict], bool], pairs: Iterable[dict]) -> Report:
    report = Report(name)
    start = time.perf_counter()
    for pair in pairs:
        flagged = predict(pair)
        for s in slices_of(pair):
            report.by_slice[s].add(flagged, pair["label"] == 0)
    report.seconds = time.perf_counter() - start
    return report


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def table(reports: list[Report], pairs: list[dict]) -> str:
    sizes = {s: Counter(p["label"] for p in pairs if s in slices_of(p)) for s in SLICES}
    lines = ["| method | precision | recall | F1 | false alarms on consistent | balanced accuracy | time s |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in reports:
        s = r.by_slice["all"]
        lines.append(f"| {r.name} | {_pct(s.precision)} | {_pct(s.recall)} | {_pct(s.f1)} | "
                     f"{_pct(s.false_alarm_rate)} ({s.fp}/{s.fp + s.tn}) | {_pct(s.balanced_accuracy)} | {r.seconds:.1f} |")
    lines += ["", "Recall on the inconsistent pairs of each slice, and false alarms on its consistent pairs:", "",
              "| slice | inconsistent | consistent | " + " | ".join(f"{r.name} recall | {r.name} false alarms"
                                                             for r in reports) + " |",
              "|---|---:|---:|" + "---:|---:|" * len(reports)]
    for name in SLICES:
        cells = " | ".join(f"{_pct(r.by_slice[name].recall)} ({r.by_slice[name].tp}/{r.by_slice[name].tp + r.by_slice[name].fn})"
                           f" | {r.by_slice[name].fp}" for r in reports)
        lines.append(f"| {name} | {sizes[name][0]} | {sizes[name][1]} | {cells} |")
    return "\n".join(lines) + "\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("SummEdits")
    group.add_argument("--summedits", type=Path,
                       help="SummEdits JSON file (default: DATA/summedits_news/summedits_news.dev.json)")
    group.add_argument("--summedits-findings", type=Path, metavar="FILE",
                       help="write every pair's label, prediction and findings to this JSON Lines file")


def section(args: argparse.Namespace) -> str:
    path = args.summedits or args.data / "summedits_news" / "summedits_news.dev.json"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: pass --data or --summedits")
    pairs = json.loads(path.read_text(encoding="utf-8"))
    claimcheck = claimcheck_predictor()
    reports = [score("claimcheck", claimcheck, pairs),
               score("number absent", number_baseline, pairs),
               score("entity absent", entity_baseline, pairs)]
    if args.summedits_findings:
        with args.summedits_findings.open("w", encoding="utf-8") as out:
            for p in pairs:
                out.write(json.dumps({"id": p["id"], "label": p["label"], "slices": slices_of(p),
                                      "summary": p["summary"], "findings": claimcheck.findings[p["id"]]},
                                     ensure_ascii=False) + "\n")
    return f"""Each of the {len(pairs)} pairs of `{path.name}` ({len({p['doc'] for p in pairs})} articles) is checked
with the reference check: the article is the source, the summary the derived
text. A pair is predicted inconsistent when any finding is raised. Precision,
recall and F1 are of "inconsistent"; false alarms are the consistent pairs
flagged. Slices are defined from the data alone, not by claimcheck's extractor.
A number token is a digit run ("1.8", "2,000") or a number word ("seven",
"dozens"); a summary's number tokens are counted as a multiset. *Number
changed*: the summary has a number token the original summary does not (a
number was changed or inserted); the recall target is about this slice.
*Number removed only*: the summary only lacks some of the original summary's
number tokens, so no figure is left to contradict; shown beside it, not part of
the target. *Entity edits* have `entity_modification` among their edit types.
The baselines flag a pair when a number token (*number absent*), or a run of
capitalised words (*entity absent*), of the summary does not occur in the
article.

{table(reports, pairs)}
Targets: false alarms on consistent pairs <= 10%; recall on *number changed* >= 80%.
Most inconsistent pairs change a word, not a figure (antonyms, negations,
entities), which a figure check cannot see: its recall over all pairs is low
by design, and its findings are meant to be trusted.
"""
