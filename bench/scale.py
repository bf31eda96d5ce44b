"""How ``claimcheck audit`` scales: time and peak memory on synthetic corpora of growing size.

For each size N (``--sizes``, default 10,000 and 100,000 articles; add
1,000,000 by hand: about 25 minutes on this two-core machine):

1. a synthetic corpus of N articles with planted disagreements is written by
   :mod:`synthetic` into ``bench/.cache/`` (kept, and reused while the generator
   and seed are unchanged), with its truth beside it;
2. ``claimcheck audit CORPUS --db bench/.cache/scale_N.sqlite -o ... --format
   csv`` runs in a fresh Python process (the store deleted first, so every
   article is extracted). A small wrapper calls ``checker.cli.main`` and reports
   its wall time, CPU time and the process's peak RSS
   (``resource.getrusage(RUSAGE_SELF).ru_maxrss``), plus the time and RSS at
   the start of each stage of the audit, found by wrapping the stage functions
   (nothing in the audit is changed);
3. for sizes up to ``--quality-max`` (default 10,000), the audit is run again
   on the same store with ``--format json`` (not timed: the stored digests are
   reused) and its events are scored against the planted ones: pairwise
   precision and recall of the clustering, and how the planted disagreements
   came out.

Near-linear growth means the time per article and the memory per article stay
flat as N grows; the table gives the time per article relative to the
smallest size (1.0 = linear).

Run from the repository root::

    python bench/scale.py                                  # 10k and 100k
    python bench/scale.py --sizes 10000,100000,1000000 --write-doc
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import platform
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import synthetic
from doc_section import write_section

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / "bench" / ".cache"
DOC = REPO / "docs" / "benchmarks.md"
DEFAULT_SIZES = (10_000, 100_000)
DEFAULT_QUALITY_MAX = 10_000
RESULTS_NAME = "bench/.cache/scale_results.json"
SECTION_START = "<!-- bench/scale.py: begin -->"
SECTION_END = "<!-- bench/scale.py: end -->"
MIB = 1024 * 1024
RSS_TARGET_MIB = 1024  # at 1M articles
HELD_AGAINST = {"disagrees", "lowered"}

# The process each size runs in: claimcheck audit through checker.cli.main, with the
# start of each stage marked by wrapping the functions that begin it. A stage function
# that has moved is left unmarked; the totals stay right.
WRAPPER = r"""
import json, resource, sys, time
t0 = time.perf_counter()
marks = []

def rss_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0

def mark(name):
    marks.append({"stage": name, "t": time.perf_counter() - t0, "rss_kib": rss_kib(),
                  "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss})

def wrap(module, attr, name):
    fn = getattr(module, attr, None)
    if fn is None:
        return
    def wrapped(*a, **k):
        mark(name)
        return fn(*a, **k)
    setattr(module, attr, wrapped)

from checker import cli
mark("imports")
try:
    from checker.audit import cluster, run
    from checker.audit.store import Store
    from checker.reports import audit as report
    wrap(Store, "day_order", "day order")
    wrap(cluster, "linked_groups", "pairing and linkage")
    wrap(run, "source_scores", "events and scores")
    wrap(report, "audit_record", "report record")
    for fn in ("render_json", "render_csv"):
        wrap(report, fn, "render")
except ImportError:
    pass
code = cli.main(json.loads(sys.argv[1]))
mark("end")
ru = resource.getrusage(resource.RUSAGE_SELF)
print("SCALE-RESULT " + json.dumps({"exit": code, "wall": time.perf_counter() - t0,
                                     "cpu": ru.ru_utime + ru.ru_stime, "peak_kib": ru.ru_maxrss,
                                     "marks": marks}))
"""
# Stages in the order they begin; each runs until the next one's mark.
STAGES = ("imports", "day order", "pairing and linkage", "events and scores", "report record", "render", "end")
STAGE_NAMES = {
    "imports": "read, digest, store",
    "day order": "day order",
    "pairing and linkage": "weights, pairs, linkage",
    "events and scores": "events, scores",
    "report record": "report record",
    "render": "render, write",
}


@dataclass
class Run:
    size: int
    corpus: Path
    corpus_mb: float
    plants: dict
    exit: int
    wall: float
    cpu: float
    peak_mib: float
    stderr: str
    marks: list = field(default_factory=list)
    quality: dict | None = None

    @property
    def rate(self) -> float:
        return self.size / self.wall

    def stages(self) -> list[tuple[str, float, float]]:
        """(stage, seconds, RSS MiB at its end) of each stage that was marked."""
        out = []
        for a, b in zip(self.marks, self.marks[1:]):
            if a["stage"] in STAGE_NAMES:
                out.append((STAGE_NAMES[a["stage"]], b["t"] - a["t"], b["rss_kib"] / 1024))
        return out


def step(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def generator_key(seed: int) -> str:
    source = Path(synthetic.__file__).read_bytes()
    return hashlib.sha256(source + str(seed).encode()).hexdigest()[:16]


def corpus_for(size: int, seed: int) -> tuple[Path, dict]:
    """The synthetic corpus of ``size`` articles in the cache, written when missing or made by another generator."""
    path = CACHE / f"synthetic_{size}.jsonl"
    meta_path = path.with_suffix(".meta.json")
    key = generator_key(seed)
    if path.exists() and synthetic.truth_path(path).exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if meta.get("key") == key:
            return path, meta["counts"]
    step(f"writing {path.relative_to(REPO)} ({size} articles) ...")
    started = time.perf_counter()
    counts = synthetic.write_corpus(size, path, seed)
    step(f"  {counts} in {time.perf_counter() - started:.0f} s")
    meta_path.write_text(json.dumps({"key": key, "seed": seed, "counts": counts}))
    return path, counts


def run_audit(argv: list[str]) -> tuple[dict, str]:
    """claimcheck audit ``argv`` in a fresh process; (the wrapper's result, stderr)."""
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-c", WRAPPER, json.dumps(argv)], check=False, cwd=REPO, env=env,
                          capture_output=True, text=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("SCALE-RESULT ")]
    if proc.returncode != 0 or not lines:
        sys.exit(f"bench: claimcheck audit {' '.join(argv)} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(lines[-1].removeprefix("SCALE-RESULT ")), proc.stderr


def remove_store(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)


def measure(size: int, seed: int, engine: str, fmt: str, quality: bool) -> Run:
    corpus, counts = corpus_for(size, seed)
    db = CACHE / f"scale_{size}.sqlite"
    out = CACHE / f"scale_{size}.{fmt}"
    remove_store(db)
    argv = ["audit", str(corpus), "--db", str(db), "--engine", engine, "--format", fmt, "-o", str(out)]
    step(f"timing claimcheck audit on {size} articles ({engine} engine, {fmt}) ...")
    result, stderr = run_audit(argv)
    run = Run(size, corpus, corpus.stat().st_size / 1e6, counts, result["exit"], result["wall"], result["cpu"],
              result["peak_kib"] / 1024, stderr.strip(), result["marks"])
    step(f"  {run.wall:.1f} s, {run.rate:.0f} articles/s, peak RSS {run.peak_mib:.0f} MiB")
    if quality:
        events_json = CACHE / f"scale_{size}_events.json"
        step(f"  scoring the events against the planted ones (second run on the same store, {events_json.name}) ...")
        again, _ = run_audit(["audit", str(corpus), "--db", str(db), "--engine", engine, "--format", "json",
                              "-o", str(events_json)])
        run.quality = score(events_json, synthetic.truth_path(corpus))
        run.quality["rerun_wall"] = again["wall"]
    return run


# --- quality ------------------------------------------------------------------------------

def _pairs(sizes) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def score(events_json: Path, truth_tsv: Path) -> dict:
    """Pairwise precision and recall of the audit's events, and what became of the planted disagreements."""
    truth = {}
    with open(truth_tsv, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            truth[row["id"]] = row
    record = json.loads(events_json.read_text(encoding="utf-8"))
    found_of = {}
    killed_status = {}
    for k, event in enumerate(record["events"]):
        for article in event["articles"]:
            found_of[article] = k
        for m in event["measures"]:
            if m["measure"] == "killed":
                for r in m["reports"]:
                    killed_status[r["article"]] = r["status"]
    both = Counter((found_of[a], t["event"]) for a, t in truth.items() if a in found_of)
    true_pairs = _pairs(Counter(t["event"] for t in truth.values()).values())
    found_pairs = _pairs(Counter(found_of.values()).values())
    right = _pairs(both.values())
    stale_found = {ev["article"] for d in record["discrepancies"] if d["scope"] == "within" and d["measure"] == "killed"
                   and {e["segment"] for e in d["evidence"]} & {"headline"} for ev in d["evidence"]}

    def plant(a: str) -> set[str]:
        return set(filter(None, truth[a]["plant"].split("+")))

    errors = [a for a in truth if "error" in plant(a)]
    updates = [a for a in truth if "update" in plant(a)]
    stale = {a for a in truth if "stale" in plant(a)}
    clean = [a for a in truth if not plant(a) and a in killed_status]
    statuses = Counter(killed_status.get(a, "no figure") for a in errors)
    return {
        "articles": len(truth),
        "true_events": len({t["event"] for t in truth.values()}),
        "found_events": record["summary"]["events"],
        "precision": right / found_pairs if found_pairs else 1.0,
        "recall": right / true_pairs if true_pairs else 1.0,
        "errors": len(errors),
        "errors_flagged": sum(killed_status.get(a) in HELD_AGAINST for a in errors),
        "error_statuses": dict(statuses.most_common()),
        "updates": len(updates),
        "updates_as_update": sum(killed_status.get(a) == "update" for a in updates),
        "update_statuses": dict(Counter(killed_status.get(a, "no figure") for a in updates).most_common()),
        "clean_judged": len(clean),
        "clean_flagged": sum(killed_status[a] in HELD_AGAINST for a in clean),
        "stale": len(stale),
        "stale_found": len(stale & stale_found),
        "stale_extra": len(stale_found - stale),
        "outlet_stale_total": sum(s["stale"] for s in record["sources"]),
    }


# --- report -------------------------------------------------------------------------------

def fmt_int(n: int) -> str:
    return f"{n:,}"


def results_table(runs: list[Run]) -> list[str]:
    first = runs[0]
    base_wall, base_cpu = first.wall / first.size, first.cpu / first.size
    lines = ["| size | corpus MB | events | wall s | CPU s | articles/s (wall) | wall per article vs smallest "
             "| CPU per article vs smallest | peak RSS MiB | peak RSS added per 1,000 articles vs smallest |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in runs:
        added = "" if r is first else f"{(r.peak_mib - first.peak_mib) / (r.size - first.size) * 1000:.2f} MiB"
        lines.append(f"| {fmt_int(r.size)} | {r.corpus_mb:.1f} | {fmt_int(r.plants.get('events', 0))} | {r.wall:.1f} "
                     f"| {r.cpu:.1f} | {r.rate:.0f} | {(r.wall / r.size) / base_wall:.2f} "
                     f"| {(r.cpu / r.size) / base_cpu:.2f} | {r.peak_mib:.0f} | {added} |")
    return lines


def stages_table(runs: list[Run]) -> list[str]:
    names = []
    for r in runs:
        for name, _, _ in r.stages():
            if name not in names:
                names.append(name)
    if not names:
        return []
    header = "| stage | " + " | ".join(f"{fmt_int(r.size)}: s | RSS MiB after" for r in runs) + " |"
    lines = [header, "|---|" + "---:|---:|" * len(runs)]
    for name in names:
        cells = []
        for r in runs:
            found = {n: (s, m) for n, s, m in r.stages()}
            s, m = found.get(name, (None, None))
            cells.append("| |" if s is None else f"{s:.1f} | {m:.0f} |")
        lines.append(f"| {name} | " + " ".join(cells))
    return lines


def extrapolation(runs: list[Run]) -> list[str]:
    """Peak RSS against the target at 1M articles: measured, or by a straight line through the two largest sizes."""
    measured = [r for r in runs if r.size == 1_000_000]
    if measured:
        r = measured[0]
        met = "under" if r.peak_mib < RSS_TARGET_MIB else "OVER"
        return [f"- peak RSS at 1,000,000 articles: {r.peak_mib:.0f} MiB, {met} the 1 GiB target"]
    if len(runs) < 2:
        return []
    a, b = runs[-2], runs[-1]
    slope = (b.peak_mib - a.peak_mib) / (b.size - a.size)
    at_1m = b.peak_mib + slope * (1_000_000 - b.size)
    wall_1m = b.wall / b.size * 1_000_000
    met = "under" if at_1m < RSS_TARGET_MIB else "OVER"
    return [f"- extrapolated to 1,000,000 articles (a straight line through {fmt_int(a.size)} and "
            f"{fmt_int(b.size)}): peak RSS about {at_1m:.0f} MiB ({slope * 1000:.2f} MiB more per "
            f"1,000 articles), {met} the 1 GiB target; wall time about {wall_1m / 60:.0f} min"]


def quality_lines(runs: list[Run]) -> list[str]:
    lines = []
    for r in runs:
        q = r.quality
        if not q:
            continue
        f1 = 2 * q["precision"] * q["recall"] / ((q["precision"] + q["recall"]) or 1)
        lines += [
            f"Against the planted truth at {fmt_int(r.size)} articles (the audit's events as JSON, from a second "
            f"run on the same store that reused every digest, {q['rerun_wall']:.1f} s):",
            "",
            f"- clustering: {fmt_int(q['found_events'])} events found for {fmt_int(q['true_events'])} planted; "
            f"pairwise precision {q['precision']:.3f}, recall {q['recall']:.3f}, F1 {f1:.3f}",
            f"- planted errors (an outlet's wrong number killed): {q['errors_flagged']} of {q['errors']} held "
            f"against the outlet (statuses: {_statuses(q['error_statuses'])})",
            f"- planted updates (an early lower toll, raised by the same outlet later): {q['updates_as_update']} "
            f"of {q['updates']} judged `update` (statuses: {_statuses(q['update_statuses'])})",
            f"- articles with nothing planted: {q['clean_flagged']} of {fmt_int(q['clean_judged'])} with a "
            f"number killed held against their outlet",
            f"- planted stale headlines (headline and body differ): {q['stale_found']} of {q['stale']} found as a "
            f"headline-vs-body discrepancy on the number killed, {q['stale_extra']} such findings on other articles; "
            f"the outlets' stale counts add up to {q['outlet_stale_total']}",
            "",
        ]
    return lines


def _statuses(counts: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items())


def render_section(runs: list[Run], args: argparse.Namespace, command: str, now: str) -> str:
    import checker

    lines = [
        f"## Latest run: {now}",
        "",
        f"- command: `{command}`",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} cores; claimcheck {checker.__version__}; engine `{args.engine}`, "
        f"report format `{args.format}`",
        f"- corpora: `bench/synthetic.py`, seed {args.seed}, {synthetic.EVENTS_PER_DAY} events a day, "
        f"{synthetic.OUTLETS} outlets",
        "",
        *results_table(runs),
        "",
        "Time by stage (from the start of each stage to the start of the next) and the process's RSS when the "
        "stage ended:",
        "",
        *stages_table(runs),
        "",
    ]
    notes = extrapolation(runs)
    largest = runs[-1]
    if largest.stages():
        name, _, rss = max(largest.stages(), key=lambda st: st[2])
        notes.append(f"- at {fmt_int(largest.size)} articles the RSS was highest at the end of the stage \"{name}\" "
                     f"({rss:.0f} MiB of the {largest.peak_mib:.0f} MiB peak)")
    waited = [f"{fmt_int(r.size)}: {r.wall / r.cpu - 1:.0%}" for r in runs if r.wall > 1.05 * r.cpu]
    if waited:
        notes.append(f"- wall time exceeded CPU time ({', '.join(waited)}): the process waited, for the CPU (other "
                     "work on the machine) or for the disk; the CPU columns are the steadier measure")
    for r in runs:
        notes.append(f"- {fmt_int(r.size)}: planted {r.plants.get('error', 0)} errors, {r.plants.get('update', 0)} "
                     f"early lower tolls, {r.plants.get('stale', 0)} stale headlines; exit code {r.exit}; "
                     f"stderr: {r.stderr.splitlines()[-1] if r.stderr else '(nothing)'}")
    lines += ["Notes:", "", *notes, "", *quality_lines(runs)]
    return "\n".join(lines).rstrip("\n")


DOC_PARAGRAPH = """\
## Scale (`bench/scale.py`)

What is measured: the wall time, CPU time and peak resident memory of one
`claimcheck audit` run (read the corpus, digest every article into an on-disk
SQLite store, cluster the articles into events, judge every figure against its
event's consensus, score the outlets, write the per-outlet CSV table), on
synthetic corpora of growing size, each size in a fresh Python process. The
corpora come from `bench/synthetic.py`: short incident reports (shootings,
fires, crashes, stabbings) in invented towns with invented people, two to six
outlets an event, published up to three days after it, with planted
disagreements whose truth is written beside the corpus: an outlet's wrong
number killed, an early lower toll raised later by the same outlet, a headline
that disagrees with its body. Events come at a fixed rate a day, so a larger
corpus spans more days, as a longer archive would. Near-linear growth shows as
a time per article that stays near that of the smallest size (ratio 1.0) and a
peak RSS that does not grow with the corpus; the target is a peak RSS under
1 GiB at a million articles. For the smallest size the audit's events are also
scored against the planted events (pairwise precision and recall) and the
planted disagreements are looked up in the report.

To reproduce (from the repository root; this rewrites the section below):

```
python bench/scale.py --write-doc                                 # 10,000 and 100,000 articles
python bench/scale.py --sizes 10000,100000,1000000 --write-doc    # and a million (about 25 minutes)
```

Options: `--sizes N,N,...`, `--engine local|dask`, `--format csv|json` (the
report the timed run writes; default csv), `--quality-max N` (score the events
of sizes up to N, default 10000), `--seed N`, `--from-results FILE` (render
the results a run saved in `bench/.cache/scale_results.json` again, measuring
nothing). Corpora, stores and reports go to `bench/.cache/` (not committed; the
million-article corpus and its store take about 3 GB); a corpus is written once
and reused while the generator and seed are unchanged.
"""


def write_doc(section: str) -> None:
    """Replace this benchmark's section of docs/benchmarks.md, or add it at the end with its description."""
    write_section(DOC, SECTION_START, SECTION_END, section, DOC_PARAGRAPH)


# --- main ---------------------------------------------------------------------------------

def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(s.replace("_", "")) for s in text.split(",") if s.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"--sizes {text!r}: give whole numbers separated by commas") from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("--sizes: give at least one size of 1 or more")
    return sizes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=list(DEFAULT_SIZES),
                        help="corpus sizes in articles, comma-separated (default: 10000,100000; "
                             "1000000 takes about 25 minutes)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument("--format", choices=("csv", "json"), default="csv",
                        help="the report the timed run writes (default: csv, the per-outlet table)")
    parser.add_argument("--quality-max", type=int, default=DEFAULT_QUALITY_MAX, metavar="N",
                        help="score the events against the planted ones for sizes up to N "
                             f"(default: {DEFAULT_QUALITY_MAX}; 0: never)")
    parser.add_argument("--seed", type=int, default=synthetic.SEED)
    parser.add_argument("--from-results", type=Path, metavar="FILE",
                        help=f"measure nothing: render the results a run saved (it saves them to "
                             f"{RESULTS_NAME}) again")
    parser.add_argument("--write-doc", action="store_true", help=f"rewrite this benchmark's section of "
                                                                 f"{DOC.relative_to(REPO)}")
    return parser.parse_args(argv)


def command_line(args: argparse.Namespace) -> str:
    parts = ["python bench/scale.py"]
    if args.sizes != list(DEFAULT_SIZES):
        parts.append("--sizes " + ",".join(map(str, args.sizes)))
    if args.engine != "local":
        parts.append(f"--engine {args.engine}")
    if args.format != "csv":
        parts.append(f"--format {args.format}")
    if args.quality_max != DEFAULT_QUALITY_MAX:
        parts.append(f"--quality-max {args.quality_max}")
    if args.seed != synthetic.SEED:
        parts.append(f"--seed {args.seed}")
    if args.write_doc:
        parts.append("--write-doc")
    return " ".join(parts)


RESULTS = CACHE / "scale_results.json"


def save_results(runs: list[Run], args: argparse.Namespace, command: str, now: str) -> None:
    RESULTS.write_text(json.dumps({
        "command": command, "when": now, "engine": args.engine, "format": args.format, "seed": args.seed,
        "runs": [{"size": r.size, "corpus": str(r.corpus), "corpus_mb": r.corpus_mb, "plants": r.plants,
                  "exit": r.exit, "wall": r.wall, "cpu": r.cpu, "peak_mib": r.peak_mib, "stderr": r.stderr,
                  "marks": r.marks, "quality": r.quality} for r in runs]}, indent=1), encoding="utf-8")


def load_results(path: Path) -> tuple[list[Run], argparse.Namespace, str, str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    runs = [Run(r["size"], Path(r["corpus"]), r["corpus_mb"], r["plants"], r["exit"], r["wall"], r["cpu"],
                r["peak_mib"], r["stderr"], r["marks"], r["quality"]) for r in data["runs"]]
    args = argparse.Namespace(engine=data["engine"], format=data["format"], seed=data["seed"])
    return runs, args, data["command"], data["when"]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    CACHE.mkdir(parents=True, exist_ok=True)
    if args.from_results:
        runs, run_args, command, now = load_results(args.from_results)
    else:
        runs = [measure(size, args.seed, args.engine, args.format, size <= args.quality_max) for size in args.sizes]
        run_args, command = args, command_line(args)
        now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        save_results(runs, args, command, now)
    section = render_section(runs, run_args, command, now)
    print(section)
    if args.write_doc:
        write_doc(section)
        step(f"wrote {DOC}")
    return 0 if all(r.exit == 0 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
