"""Peak memory on big inputs: a 50 MB article through ``check`` and a 500 MB JSON Lines corpus through ``audit``.

Each run is a fresh ``claimcheck`` process; its peak resident set size comes
from the kernel's accounting of that child (``os.wait4``), so nothing in the
measured process changes. Every big run is paired with a reference run of the
same command on a small input in the same benchmark run, and the report gives
the ratio of the peaks: a peak that grew with the input would show as a ratio
far above 1. The target (issue 9) is a peak under 500 MB for both big inputs.

Inputs (written into ``bench/.cache/``, reused while the generator is unchanged):

- the article: the bodies of ``bench/synthetic.py``'s incident reports, one
  paragraph a line, under one headline, to 50 MB. It has about 400,000 figures:
  far over ``max_claims_per_article`` (10,000), so the run shows the limit at
  work (the warning, and the part checked);
- the corpus: ``bench/synthetic.py``'s million-article corpus (511 MB), the
  same as ``bench/scale.py``'s largest size.

Also measured: ``check`` on the corpus, which ``max_file_bytes`` (64 MiB)
refuses without reading it (exit 2 and a message, not an out-of-memory kill).

Run from the repository root (about 25 minutes on 2 cores, most of it the audit)::

    python bench/memory.py --write-doc
    python bench/memory.py --article-mb 50 --corpus-articles 100000   # a quicker look
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import synthetic
from doc_section import write_section

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / "bench" / ".cache"
DOC = REPO / "docs" / "benchmarks.md"
SECTION_START = "<!-- bench/memory.py: begin -->"
SECTION_END = "<!-- bench/memory.py: end -->"
TARGET_MB = 500
MB = 1_000_000
REFERENCE_ARTICLE_BYTES = 50_000
REFERENCE_CORPUS_ARTICLES = 1_000


@dataclass
class Run:
    """One measured process."""

    name: str
    argv: list[str]
    input_bytes: int
    wall_s: float
    peak_rss_mb: float
    exit_code: int
    stderr: str

    def first_message(self) -> str:
        """The first line the run wrote on standard error, with paths relative to the repository."""
        lines = [ln for ln in self.stderr.splitlines() if ln.strip()]
        return lines[0].replace(f"{REPO}{os.sep}", "") if lines else ""


def step(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure(name: str, argv: list[str], input_bytes: int) -> Run:
    """Run ``claimcheck argv`` in a fresh process; its wall time and its own peak RSS."""
    step(f"{name}: claimcheck {' '.join(argv)}")
    started = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen([sys.executable, "-m", "checker", *argv], cwd=REPO, stdout=devnull,
                                stderr=subprocess.PIPE)
        # wait4 gives this child's own rusage; reading stderr first keeps its pipe from filling.
        err = proc.stderr.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    run = Run(name, argv, input_bytes, wall, usage.ru_maxrss * 1024 / MB, proc.returncode, err)
    step(f"  {wall:.1f} s, peak RSS {run.peak_rss_mb:.0f} MB, exit {run.exit_code}")
    return run


def write_article(path: Path, size: int) -> int:
    """One plain-text article of about ``size`` bytes: a headline, then synthetic report bodies, a paragraph a line."""
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write("Incident reports of the week\n\n")
        for article in synthetic.generate(10**9):
            body = json.loads(article.line())["body"] + "\n\n"
            out.write(body)
            written += len(body.encode())
            if written >= size:
                break
    return path.stat().st_size


def cached_article(size: int) -> Path:
    path = CACHE / f"memory_article_{size // MB}mb.txt"
    if not path.exists() or abs(path.stat().st_size - size) > size // 100:
        step(f"writing {path.relative_to(REPO)} ...")
        write_article(path, size)
    return path


def cached_corpus(articles: int) -> Path:
    path = CACHE / f"synthetic_{articles}.jsonl"
    if not path.exists():
        step(f"writing {path.relative_to(REPO)} ({articles:,} articles) ...")
        synthetic.write_corpus(articles, path)
    return path


def run_all(args: argparse.Namespace) -> list[Run]:
    CACHE.mkdir(parents=True, exist_ok=True)
    small_article = cached_article(REFERENCE_ARTICLE_BYTES)
    big_article = cached_article(int(args.article_mb * MB))
    small_corpus = cached_corpus(REFERENCE_CORPUS_ARTICLES)
    big_corpus = cached_corpus(args.corpus_articles)
    out = CACHE / "memory_out"
    out.mkdir(exist_ok=True)

    def check(path: Path) -> list[str]:
        return ["check", "--isolated", "--format", "json", "-o", str(out / "check.json"), str(path)]

    def audit(path: Path) -> list[str]:
        return ["audit", "--isolated", "-o", str(out / "audit.csv"), str(path)]

    size = lambda p: p.stat().st_size
    return [
        measure("check, small article (reference)", check(small_article), size(small_article)),
        measure("check, big article", check(big_article), size(big_article)),
        measure("audit, small corpus (reference)", audit(small_corpus), size(small_corpus)),
        measure("audit, big corpus", audit(big_corpus), size(big_corpus)),
        measure("check, big corpus (refused by max_file_bytes)", check(big_corpus), size(big_corpus)),
    ]


def render(runs: list[Run], command: str) -> str:
    by_name = {r.name: r for r in runs}
    ratios = {"check, big article": by_name["check, small article (reference)"],
              "audit, big corpus": by_name["audit, small corpus (reference)"],
              "check, big corpus (refused by max_file_bytes)": by_name["check, small article (reference)"]}
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"## Latest run: {stamp}", "",
        f"- command: `{command}`",
        (f"- Python {platform.python_version()} ({platform.python_implementation()}), {platform.system()} "
         f"{platform.machine()}, {os.cpu_count()} cores"),
        "- peak RSS: the child process's own maximum resident set size (`os.wait4`), in MB (10^6 bytes)", "",
        "| run | input MB | wall s | peak RSS MB | vs reference | under 500 MB | exit |",
        "|---|---:|---:|---:|---:|---|---:|",
    ]
    for r in runs:
        reference = ratios.get(r.name)
        ratio = f"{r.peak_rss_mb / reference.peak_rss_mb:.2f}" if reference else "1.00"
        ok = "yes" if r.peak_rss_mb < TARGET_MB else "**no**"
        lines.append(f"| {r.name} | {r.input_bytes / MB:,.1f} | {r.wall_s:,.1f} | {r.peak_rss_mb:,.0f} | {ratio} | "
                     f"{ok} | {r.exit_code} |")
    lines += ["", "What each run said on standard error (first line):", ""]
    lines += [f"- {r.name}: `{r.first_message()}`" for r in runs if r.first_message()]
    return "\n".join(lines)


DOC_PARAGRAPH = """## Memory on big inputs (`bench/memory.py`)

What is measured: the peak resident memory of one `claimcheck` process on a
50 MB plain-text article (`check`) and on a 511 MB JSON Lines corpus of a
million articles (`audit`, which streams), each against the same command on a
small input (a 50 KB article, a 1,000-article corpus) in the same run. The
article has far more figures than `max_claims_per_article`, so it is checked up
to the limit with a warning; the corpus given to `check` instead is refused by
`max_file_bytes` before it is read. Target (issue 9): under 500 MB for both.

To reproduce (from the repository root; about 25 minutes; rewrites the section below):

```
python bench/memory.py --write-doc
```
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--article-mb", type=float, default=50, help="size of the big article (default 50)")
    parser.add_argument("--corpus-articles", type=int, default=1_000_000,
                        help="articles in the big corpus (default 1,000,000: 511 MB)")
    parser.add_argument("--write-doc", action="store_true", help="rewrite this benchmark's section of "
                        "docs/benchmarks.md")
    args = parser.parse_args(argv)
    command = "python bench/memory.py" + "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    runs = run_all(args)
    section = render(runs, command)
    print(section)
    if args.write_doc:
        write_section(DOC, SECTION_START, SECTION_END, section, DOC_PARAGRAPH)
    return 0 if all(r.peak_rss_mb < TARGET_MB for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
