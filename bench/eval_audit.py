"""Section 6 of ``bench/evaluate.py``: the audit's event clustering on the GVA articles.

Input: the GVA dev incidents (``gva_longtail/gva_incidents.dev.jsonl``), every
article with text as one document (section 4's conversion: the outlet from the
URL, ``published`` = the article's date), each article once (15 articles are
listed under two incidents). The audit sees the articles only: no incident ids,
no registry counts, no places.

**Pairwise precision and recall.** Every pair of articles the audit puts in one
event is a predicted pair; a pair is right when the two articles share an
incident id. Recall is over every pair of articles of one incident. A large
incident has many pairs, so these figures weigh big stories more than small
ones; the per-incident figure beside them counts incidents whose articles all
landed in one event with nothing else.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from eval_gva import article_document

from checker.audit import cluster
from checker.audit.run import audit
from checker.audit.store import Store
from checker.rulepack import load_rules

TITLE = "6. Event clustering on GVA (`claimcheck audit`)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument_group("audit")


def _documents(path: Path):
    seen: set[str] = set()
    incidents: dict[str, set[str]] = defaultdict(set)
    docs = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            item = json.loads(line)
            for article in item["articles"]:
                doc = article_document(str(path), number, article)
                if doc is None:
                    continue
                incidents[doc.id].add(str(item["incident_id"]))
                if doc.id not in seen:
                    seen.add(doc.id)
                    docs.append(doc)
    return docs, incidents


def section(args: argparse.Namespace) -> str:
    path = getattr(args, "gva", None) or args.data / "gva_longtail" / "gva_incidents.dev.jsonl"
    if not path.exists():
        return f"Skipped: {path} not found.\n"
    docs, incidents = _documents(path)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch, Store(Path(scratch) / "audit.sqlite") as store:
        result = audit(iter(docs), load_rules(), store, inputs=[str(path)])
        groups = [[d.id for d in store.digests(group)] for group in result.groups()]
        reach = _reach(list(result.digests()))
        flagged = sum(r.status in ("disagrees", "lowered") for e in result.events() for m in e.measures
                      for r in m.reports)
    elapsed = time.perf_counter() - started
    predicted = {tuple(sorted(p)) for g in groups for p in combinations(g, 2)}
    by_incident: dict[str, list[str]] = defaultdict(list)
    for article, ids in incidents.items():
        for incident in ids:
            by_incident[incident].append(article)
    gold = {tuple(sorted(p)) for members in by_incident.values() for p in combinations(members, 2)}
    right = len(predicted & gold)
    precision = right / len(predicted) if predicted else 0.0
    recall = right / len(gold) if gold else 0.0
    event_of = {a: k for k, g in enumerate(groups) for a in g}
    several = [m for m in by_incident.values() if len(m) > 1]
    beyond = _beyond_reach(gold, *reach)
    whole = sum(1 for m in several if len({event_of[a] for a in m}) == 1 and len(groups[event_of[m[0]]]) == len(m))
    return "\n".join([
        (f"{len(docs)} articles of {len(by_incident)} incidents; {len(several)} incidents have two or more articles "
         f"({len(gold)} same-incident pairs). The audit made {len(groups)} events, "
         f"{sum(len(g) > 1 for g in groups)} of them with several articles, in {elapsed:.0f} s."),
        "",
        "| measure | value | target |",
        "|---|---:|---:|",
        f"| pairwise precision | {precision:.3f} | >= 0.9 |",
        f"| pairwise recall | {recall:.3f} | >= 0.9 |",
        f"| predicted same-event pairs | {len(predicted)} | |",
        f"| multi-article incidents found whole and alone | {whole} of {len(several)} ({whole / len(several):.1%}) | |",
        f"| figures flagged against their event's consensus | {flagged} | |",
        "",
        ("Same-incident pairs the clustering has no evidence for (it links on shared rare names and "
         "ages within a time window; a pair can still land together through other articles):"),
        "",
        "| same-incident pairs | count | share |",
        "|---|---:|---:|",
        *(f"| {label} | {n} | {n / len(gold):.1%} |" for label, n in beyond),
        "",
    ])


def _reach(digests):
    """(day, weighted terms) of every article by id, weighed as the audit weighs them."""
    stats = cluster.CorpusStats()
    for d in digests:
        stats.add(d.source, d.terms, d.lower_words)
    weigher = stats.weigher()
    return {d.id: d.day for d in digests}, {d.id: set(weigher.weights(d.source, d.terms)) for d in digests}


def _beyond_reach(gold, days, terms) -> list[tuple[str, int]]:
    far = no_term = 0
    for a, b in gold:
        if days[a] is not None and days[b] is not None and abs(days[a] - days[b]) > cluster.MAX_GAP_DAYS:
            far += 1
        elif not terms[a] & terms[b]:
            no_term += 1
    return [(f"published more than {cluster.MAX_GAP_DAYS} days apart", far),
            ("closer in time, but sharing no weighted term", no_term)]
