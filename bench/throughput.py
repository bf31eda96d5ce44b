"""End-to-end throughput of ``claimcheck check``, beside quantulum3 on the same text.

The corpus is real news text: the articles of the Gun Violence Archive long-tail
set (``gva_longtail/gva_incidents.dev.jsonl`` under ``--data``), written as
claimcheck JSONL records (``{"id", "title", "body", "published", "source"}``),
one article a line, into ``bench/.cache/``. The file holds about 7.7 MB of
article text, so it is read again in further passes (every repeated article gets
a distinct id) until the corpus holds ``--size-mb`` MB of article text.

Measured, one after another in this one process (so on one core):

* ``claimcheck check CORPUS --format json`` with the default cross-article
  comparison (on, since there are many articles);
* ``claimcheck extract CORPUS --format jsonl``: ingest, segment, extract and
  write the claims, without alignment or comparison;
* quantulum3's ``parser.parse``, paragraph by paragraph, over the first
  ``--q3-mb`` MB of the same corpus's article bodies (quantulum3 is too slow to
  run over the whole corpus in a few minutes).

Each is run ``--repeat`` times and the run with the least wall time is kept.
claimcheck is warmed up first on three articles (imports, rule packs) and
quantulum3 by one call (its unit tables); neither warm-up is counted.
Throughput is article-text bytes (title + body, UTF-8) divided by seconds, by
wall clock (``time.perf_counter``) and by process CPU time
(``time.process_time``). Peak RSS is the process's high-water mark
(``resource.getrusage``) after each stage, so it only ever grows.

Run from the repository root::

    python bench/throughput.py              # print the table
    python bench/throughput.py --write-doc  # and rewrite docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import platform
import resource
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"
GVA_FILE = Path("gva_longtail") / "gva_incidents.dev.jsonl"
CACHE = REPO / "bench" / ".cache"
DOC = REPO / "docs" / "benchmarks.md"
MB = 1_000_000
DEFAULT_SIZE_MB = 20.0
DEFAULT_Q3_MB = 1.0
DEFAULT_REPEAT = 3
TARGET_MBPS = 1.0
TARGET_RATIO = 20.0
SECTION_START = "<!-- bench/throughput.py: begin -->"
SECTION_END = "<!-- bench/throughput.py: end -->"
DOC_INTRO = """\
# Benchmarks

## Throughput (`bench/throughput.py`)

What is measured: end-to-end `claimcheck check` throughput in MB/s of article
text (title + body, UTF-8), from reading the JSONL corpus through ingest,
segment, extract, align and compare to rendering the JSON report, called
in-process through `checker.cli.main`. The check runs with its default
cross-article comparison (on, as the corpus has many articles). `claimcheck
extract` (read, segment, extract and write the claims as JSONL; no alignment
or comparison) is timed too. Beside them, quantulum3's `parser.parse` is timed
paragraph by paragraph on a sample of the same corpus (its first article
bodies), because it is too slow to run over the whole corpus; the ratio is
claimcheck's MB/s over quantulum3's.

The corpus is real news text: the articles of the Gun Violence Archive
long-tail set (`../shared/data/gva_longtail/gva_incidents.dev.jsonl`), one
claimcheck JSONL record per article, repeated in further passes (each repeated
article with a distinct id) until it holds at least 20 MB of article text. It
is written to `bench/.cache/`, which is not committed.

Targets: at least 1 MB/s on one core, and at least 20 times quantulum3.

The machine: 2 cores, 24 GiB of memory. The benchmark is a single process, so
every figure is for one core.

To reproduce (from the repository root; this rewrites the section below):

```
python bench/throughput.py --write-doc
```

Options: `--data DIR` (default `../shared/data`), `--size-mb N` (default 20),
`--q3-mb N` (size of the quantulum3 sample, default 1), `--repeat N` (time
every run N times and keep the best wall time, default 3). A run with the
defaults takes two to three minutes.

"""


@dataclass(frozen=True)
class Corpus:
    """The benchmark corpus on disk and what it holds."""

    path: Path
    text_bytes: int  # title + body, UTF-8
    file_bytes: int
    articles: int
    passes: int
    skipped: int  # source articles without content, left out


@dataclass(frozen=True)
class Timing:
    """One timed run over some bytes of article text."""

    name: str
    text_bytes: int
    wall: float
    cpu: float
    peak_rss_mib: float
    note: str = ""

    @property
    def mbps(self) -> float:
        return self.text_bytes / MB / self.wall

    @property
    def cpu_mbps(self) -> float:
        return self.text_bytes / MB / self.cpu


# --- the corpus ------------------------------------------------------------

def source_host(uri: str) -> str:
    """The outlet's host; for a Wayback Machine address, the archived page's host."""
    parts = urlsplit(uri)
    host = parts.hostname or ""
    if host == "web.archive.org":
        # http://web.archive.org/web/20140215012040/http://www.waff.com:80/story/...
        _, _, rest = parts.path.partition("/http")
        if rest:
            host = urlsplit("http" + rest).hostname or host
    return host.removeprefix("www.")


def read_gva_articles(gva_path: Path) -> tuple[list[dict], int]:
    """The GVA articles with text, in file order, and how many were left out for having none."""
    articles, skipped = [], 0
    with gva_path.open(encoding="utf-8") as lines:
        for line in lines:
            incident = json.loads(line)
            for article in incident["articles"]:
                if (article.get("content") or "").strip():
                    articles.append(article)
                else:
                    skipped += 1
    return articles, skipped


def build_corpus(gva_path: Path, size_mb: float, out: Path) -> Corpus:
    """Write claimcheck JSONL records, pass after pass, until ``size_mb`` MB of article text."""
    articles, skipped = read_gva_articles(gva_path)
    if not articles:
        sys.exit(f"bench: {gva_path} holds no article text")
    target = size_mb * MB
    text_bytes = count = passes = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as sink:
        while text_bytes < target:
            passes += 1
            for seq, article in enumerate(articles):
                if text_bytes >= target:
                    break
                record = {
                    "id": f"{article['doc_id']}.p{passes}.{seq}",
                    "title": article.get("title") or "",
                    "body": article["content"],
                    "published": article.get("dct") or "",
                    "source": source_host(article.get("uri") or ""),
                }
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                text_bytes += len(record["title"].encode()) + len(record["body"].encode())
                count += 1
    return Corpus(out, text_bytes, out.stat().st_size, count, passes, skipped)


def write_warmup(corpus: Path, out: Path, records: int = 3) -> Path:
    """A tiny corpus of the first few records, to warm claimcheck up before timing it."""
    with corpus.open(encoding="utf-8") as lines:
        head = [next(lines) for _ in range(records)]
    out.write_text("".join(head), encoding="utf-8")
    return out


def sample_paragraphs(corpus: Path, sample_mb: float) -> list[str]:
    """The paragraphs of the corpus's first article bodies, up to ``sample_mb`` MB."""
    target = sample_mb * MB
    paragraphs, size = [], 0
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            for paragraph in json.loads(line)["body"].split("\n"):
                if size >= target:
                    return paragraphs
                if paragraph.strip():
                    paragraphs.append(paragraph)
                    size += len(paragraph.encode())
    return paragraphs


# --- timing ----------------------------------------------------------------

def peak_rss_mib() -> float:
    """This process's high-water resident set size so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best(name: str, text_bytes: int, runs: list[tuple[float, float]], note: str = "") -> Timing:
    """The run with the least wall time, with the spread of all runs in the note."""
    wall, cpu = min(runs)
    if len(runs) > 1:
        spread = f"best of {len(runs)}, wall {min(w for w, _ in runs):.1f}-{max(w for w, _ in runs):.1f} s"
        note = f"{note}; {spread}" if note else spread
    return Timing(name, text_bytes, wall, cpu, peak_rss_mib(), note)


def time_claimcheck(name: str, argv: list[str], text_bytes: int, repeat: int) -> tuple[Timing, list[str]]:
    """Run ``checker.cli.main(argv)`` in this process ``repeat`` times.

    Returns the best timing and the last run's stderr lines. A run that fails (any
    exit code but 0; ``check`` runs with ``--fail-on never``) measured nothing
    worth reporting, so the benchmark stops there.
    """
    from checker import cli

    runs = []
    for _ in range(repeat):
        stderr = io.StringIO()
        wall, cpu = time.perf_counter(), time.process_time()
        with contextlib.redirect_stderr(stderr):
            code = cli.main(argv)
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
        if code != 0:
            sys.exit(f"bench: {name} failed (exit code {code}); nothing is reported.\n"
                     f"  claimcheck {' '.join(argv)}\n{stderr.getvalue().rstrip()}")
    return best(name, text_bytes, runs), stderr.getvalue().splitlines()


def time_quantulum3(paragraphs: list[str], repeat: int) -> tuple[Timing, int, float]:
    """Run quantulum3's ``parser.parse`` on every paragraph ``repeat`` times.

    Returns the best timing, the quantities found and the seconds its first call took
    (loading its unit tables; not counted).
    """
    import warnings

    with warnings.catch_warnings():
        # Without its optional classifier quantulum3 warns once and falls back to
        # its rule-based disambiguation.
        warnings.simplefilter("ignore")
        from quantulum3 import parser

        load = time.perf_counter()
        parser.parse("Warm-up: 3 people were shot on 12 miles of road.")
        load = time.perf_counter() - load
        runs = []
        for _ in range(repeat):
            found = 0
            wall, cpu = time.perf_counter(), time.process_time()
            for paragraph in paragraphs:
                found += len(parser.parse(paragraph))
            runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    size = sum(len(p.encode()) for p in paragraphs)
    note = f"sample: first {size / MB:.2f} MB of bodies, {len(paragraphs)} paragraphs"
    return best("quantulum3 parser.parse", size, runs, note), found, load


def report_summary(report: Path) -> dict:
    """The ``summary`` object of claimcheck's JSON report, plus discrepancies by scope."""
    data = json.loads(report.read_text(encoding="utf-8"))
    summary = dict(data.get("summary", {}))
    scopes: dict[str, int] = {}
    for item in data.get("discrepancies", []):
        scopes[item.get("scope", "?")] = scopes.get(item.get("scope", "?"), 0) + 1
    summary["by_scope"] = dict(sorted(scopes.items()))
    return summary


def quantulum3_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("quantulum3")
    except PackageNotFoundError:
        return "?"


def claimcheck_version() -> str:
    from checker import __version__

    return __version__


# --- the report --------------------------------------------------------------

@dataclass(frozen=True)
class Results:
    """Everything one benchmark run measured."""

    corpus: Corpus
    extract: Timing
    check: Timing
    quantulum3: Timing
    startup: float  # claimcheck's untimed warm-up run, seconds
    q3_load: float  # quantulum3's untimed first call, seconds
    q3_found: int
    check_summary: dict
    stderr: dict[str, list[str]]  # run name -> what claimcheck printed on stderr (warnings)

    @property
    def timings(self) -> list[Timing]:
        return [self.check, self.extract, self.quantulum3]

    def ratio(self, timing: Timing) -> float:
        return timing.mbps / self.quantulum3.mbps


def table(timings: list[Timing]) -> str:
    """A Markdown table of the timings."""
    rows = [
        "| run | text MB | wall s | MB/s (wall) | CPU s | MB/s (CPU) | peak RSS MiB | note |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for t in timings:
        rows.append(f"| {t.name} | {t.text_bytes / MB:.2f} | {t.wall:.1f} | {t.mbps:.3g} | {t.cpu:.1f} "
                    f"| {t.cpu_mbps:.3g} | {t.peak_rss_mib:.0f} | {t.note} |")
    return "\n".join(rows)


def render_section(results: Results, command: str) -> str:
    """The measured section of docs/benchmarks.md (also printed to stdout)."""
    r, corpus, check = results, results.corpus, results.check
    ratio = r.ratio(check)
    summary = r.check_summary
    lines = [
        f"## Latest run: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        "",
        f"- command: `{command}`",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), {platform.system()} "
        f"{platform.machine()}; claimcheck {claimcheck_version()}, quantulum3 {quantulum3_version()}",
        f"- corpus: {corpus.text_bytes / MB:.2f} MB of article text ({corpus.file_bytes / MB:.2f} MB of JSONL), "
        f"{corpus.articles} articles, {corpus.passes} pass(es) over the GVA file "
        f"({corpus.skipped} GVA articles without text left out)",
        f"- quantulum3 was timed on a sample of the same corpus ({r.quantulum3.text_bytes / MB:.2f} MB: "
        "the paragraphs of its first article bodies, one `parser.parse` call each), not on the whole corpus",
        "",
        table(r.timings),
        "",
        "| result | value | target | met |",
        "|---|---:|---:|---|",
        f"| claimcheck check, MB/s on one core | {check.mbps:.3g} | >= {TARGET_MBPS:g} "
        f"| {'yes' if check.mbps >= TARGET_MBPS else 'NO'} |",
        f"| claimcheck check / quantulum3 (MB/s by wall clock) | {ratio:.1f}x | >= {TARGET_RATIO:g}x "
        f"| {'yes' if ratio >= TARGET_RATIO else 'NO'} |",
        f"| claimcheck extract / quantulum3 (MB/s by wall clock) | {r.ratio(r.extract):.1f}x | | |",
        "",
        "Notes:",
        "",
    ]
    for name, errors in r.stderr.items():
        lines.append(f"- {name}: exit code 0, {len(errors)} line(s) on stderr" + (":" if errors else ""))
        lines += [f"  - `{e}`" for e in errors[:5]]
        if len(errors) > 5:
            lines.append(f"  - ... and {len(errors) - 5} more")
    if summary:
        scopes = ", ".join(f"{n} {scope}" for scope, n in summary.get("by_scope", {}).items())
        lines.append(f"- claimcheck check read {summary.get('claims', '?')} claims "
                     f"({summary.get('measured_claims', '?')} measured) and reported "
                     f"{summary.get('discrepancies', '?')} discrepancies ({scopes})")
    if corpus.passes > 1:
        lines.append("- articles repeated in later passes keep their dates and places, so the cross-article "
                     "comparison also aligns each article with its own copies: they agree with each other, "
                     "but cross-article groups are larger than in a corpus without repeats")
    lines += [
        f"- not counted: claimcheck's start-up (imports and rule packs, {r.startup:.2f} s, taken by a warm-up "
        f"run on 3 articles) and quantulum3's first call (loading its unit tables, {r.q3_load:.2f} s)",
        f"- quantulum3 found {r.q3_found} quantities in its sample. Its optional classifier (scikit-learn) "
        "is not installed, so it disambiguated units with its rule-based fallback",
        "- peak RSS is the process's high-water mark after each stage; the stages ran in the order extract, "
        "check, quantulum3 in one process, so a later stage's figure includes the earlier ones",
    ]
    waiting = [f"{t.name} {100 * (t.wall / t.cpu - 1):.0f}%" for t in r.timings if t.wall > 1.05 * t.cpu]
    if waiting:
        lines.append(f"- wall time exceeded CPU time ({', '.join(waiting)}): the process waited, for the CPU "
                     "(other work on the machine) or for the disk")
    return "\n".join(lines)


def write_doc(section: str) -> None:
    """Replace the measured section of docs/benchmarks.md, creating the file if needed."""
    block = f"{SECTION_START}\n{section}\n{SECTION_END}\n"
    if DOC.exists():
        text = DOC.read_text(encoding="utf-8")
        start, end = text.find(SECTION_START), text.find(SECTION_END)
        if start != -1 and end != -1:
            text = text[:start] + block + text[end + len(SECTION_END):].lstrip("\n")
        else:
            text = text.rstrip("\n") + "\n\n" + block
    else:
        DOC.parent.mkdir(parents=True, exist_ok=True)
        text = DOC_INTRO + block
    DOC.write_text(text, encoding="utf-8")


# --- main --------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"the shared data folder holding {GVA_FILE} (default: ../shared/data)")
    parser.add_argument("--size-mb", type=float, default=DEFAULT_SIZE_MB,
                        help=f"MB of article text in the corpus (default: {DEFAULT_SIZE_MB:g})")
    parser.add_argument("--q3-mb", type=float, default=DEFAULT_Q3_MB,
                        help=f"MB of body text in quantulum3's sample (default: {DEFAULT_Q3_MB:g})")
    parser.add_argument("--repeat", type=int, default=DEFAULT_REPEAT,
                        help=f"time every run this many times and keep the best (default: {DEFAULT_REPEAT})")
    parser.add_argument("--write-doc", action="store_true", help=f"rewrite the figures in {DOC.relative_to(REPO)}")
    args = parser.parse_args(argv)
    if args.size_mb <= 0 or args.q3_mb <= 0 or args.repeat < 1:
        parser.error("--size-mb and --q3-mb must be positive and --repeat at least 1")
    return args


def command_line(args: argparse.Namespace) -> str:
    """The command that reproduces this run, from the repository root."""
    parts = ["python bench/throughput.py"]
    if args.data.resolve() != DEFAULT_DATA.resolve():
        parts.append(f"--data {args.data}")
    if args.size_mb != DEFAULT_SIZE_MB:
        parts.append(f"--size-mb {args.size_mb:g}")
    if args.q3_mb != DEFAULT_Q3_MB:
        parts.append(f"--q3-mb {args.q3_mb:g}")
    if args.repeat != DEFAULT_REPEAT:
        parts.append(f"--repeat {args.repeat}")
    if args.write_doc:
        parts.append("--write-doc")
    return " ".join(parts)


def step(message: str) -> None:
    print(message, flush=True)


def measure(corpus: Corpus, q3_mb: float, repeat: int) -> Results:
    """Time claimcheck extract, claimcheck check and quantulum3, in that order."""
    path = str(corpus.path)
    report = CACHE / "report.json"

    step("warming up claimcheck (imports, rule packs) on 3 articles, not counted ...")
    warmup = write_warmup(corpus.path, CACHE / "warmup.jsonl")
    startup, _ = time_claimcheck("start-up", ["check", str(warmup), "-o", str(CACHE / "warmup.txt")], 0, 1)

    step(f"timing claimcheck extract x{repeat} ...")
    extract, extract_err = time_claimcheck(
        "claimcheck extract", ["extract", path, "--format", "jsonl", "-o", str(CACHE / "claims.jsonl")],
        corpus.text_bytes, repeat)
    step(f"  best {extract.wall:.1f} s")

    step(f"timing claimcheck check x{repeat} (default: cross-article comparison on) ...")
    check, check_err = time_claimcheck(
        "claimcheck check", ["check", path, "--format", "json", "-o", str(report), "--fail-on", "never"],
        corpus.text_bytes, repeat)
    step(f"  best {check.wall:.1f} s")

    step(f"timing quantulum3 parser.parse x{repeat} on the first {q3_mb:g} MB of bodies ...")
    q3, q3_found, q3_load = time_quantulum3(sample_paragraphs(corpus.path, q3_mb), repeat)
    step(f"  best {q3.wall:.1f} s")

    return Results(corpus, extract, check, q3, startup.wall, q3_load, q3_found, report_summary(report),
                   {check.name: check_err, extract.name: extract_err})


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    gva_path = args.data / GVA_FILE
    if not gva_path.is_file():
        sys.exit(f"bench: the GVA articles are missing: {gva_path} not found.\n"
                 f"Pass --data DIR, the folder holding {GVA_FILE} (default: {DEFAULT_DATA}).")

    step(f"building the corpus ({args.size_mb:g} MB of article text) from {gva_path} ...")
    corpus = build_corpus(gva_path, args.size_mb, CACHE / f"gva_corpus_{args.size_mb:g}mb.jsonl")
    step(f"  {corpus.path}: {corpus.text_bytes / MB:.2f} MB, {corpus.articles} articles, {corpus.passes} pass(es)")

    section = render_section(measure(corpus, args.q3_mb, args.repeat), command_line(args))
    print()
    print(section)
    if args.write_doc:
        write_doc(section)
        print(f"\nwrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
