"""Fuzz ``claimcheck check`` on bytes for a given time; keep every crasher as a regression file (issue 9).

Each input is an article file's bytes and its suffix (.txt, .md, .html, .jsonl),
read, checked and rendered in every report format as the CLI does, twice
(``bench/fuzz_target.py`` says what counts as a crash). The seed corpus is the
project's own articles (tests/fixtures, tests/golden, examples), collected at
run time.

Two engines:

- ``atheris`` (coverage-guided libFuzzer, ``pip install -e '.[fuzz]'``; the default
  when it is installed). It runs in a child process, restarted if libFuzzer stops
  it (a timeout, running out of memory); its corpus grows in bench/.cache/fuzz/corpus.
- ``hypothesis`` (no extra dependency): seeds mutated by hypothesis-drawn edits
  (byte flips, inserted markup, number and Unicode chunks, deletions, repeats,
  truncations, splices), in batches of ``--batch`` examples with fresh seeds.

Crashers are written to tests/fuzz_crashers/ named by their hash and suffix;
tests/test_fuzz.py replays every file there. One file is kept per kind of crash
(exception type and innermost frame) in a run.

Run from the repository root::

    python bench/fuzz.py                          # 60 s, atheris if installed
    python bench/fuzz.py --seconds 3600           # an hour
    python bench/fuzz.py --engine hypothesis --seconds 600
    python bench/fuzz.py --seconds 3600 --write-doc   # and rewrite its section of docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import fuzz_target
from doc_section import write_section

REPO = fuzz_target.REPO
DOC = REPO / "docs" / "benchmarks.md"
WORK = REPO / "bench" / ".cache" / "fuzz"
SECTION_START = "<!-- bench/fuzz.py: begin -->"
SECTION_END = "<!-- bench/fuzz.py: end -->"
DOC_PARAGRAPH = """## Fuzzing (issue 9)

`bench/fuzz.py` feeds mutated article files (the project's own fixtures as seeds) through
`claimcheck check` and every report format; a crash is an exception other than a documented
input error, or a broken invariant (claim offsets, reports that do not parse, two runs that
differ). See docs/fuzzing.md. Regenerate with `python bench/fuzz.py --seconds 3600 --write-doc`."""
DEFAULT_SECONDS = 60
PER_INPUT_TIMEOUT = 60  # seconds: libFuzzer stops on an input slower than this and it is kept as a crasher


@dataclass
class Figures:
    """What a run did."""

    engine: str
    seconds: float = 0.0
    executions: int = 0
    coverage: int | None = None  # libFuzzer's covered edges ("cov:")
    features: int | None = None  # libFuzzer's features ("ft:")
    corpus: int | None = None  # inputs in the grown corpus
    restarts: int = 0
    slowest: float = 0.0  # seconds, the slowest input (hypothesis engine)
    crashers: dict[str, str] = field(default_factory=dict)  # kind -> file name

    @property
    def rate(self) -> float:
        return self.executions / self.seconds if self.seconds else 0.0


# --- crash log shared by the engines and the atheris child -------------------------------------------


def _log_path() -> Path:
    """This run's crash log: one file per run, so runs side by side do not count each other's crashers."""
    return WORK / f"crashes-{os.environ.get(_RUN_ID, os.getpid())}.jsonl"


_RUN_ID = "CLAIMCHECK_FUZZ_RUN"  # the parent's process id, handed to the atheris child


def record_crash(suffix: str, data: bytes, kind: str, message: str, crashers: Path, seen: dict[str, str]) -> None:
    """Keep the first input of each kind of crash, and log it."""
    if kind in seen:
        return
    path = fuzz_target.save_crasher(suffix, data, crashers)
    seen[kind] = path.name
    WORK.mkdir(parents=True, exist_ok=True)
    with _log_path().open("a", encoding="utf-8") as log:
        log.write(json.dumps({"kind": kind, "file": path.name, "message": message[:500]}) + "\n")
    print(f"fuzz: crash ({kind}): {message[:200]} -> {path}", file=sys.stderr, flush=True)


def _logged() -> dict[str, str]:
    """Crash kinds this run logged."""
    found: dict[str, str] = {}
    if _log_path().exists():
        with _log_path().open(encoding="utf-8") as log:
            for line in log:
                entry = json.loads(line)
                found.setdefault(entry["kind"], entry["file"])
    return found


# --- the hypothesis engine ---------------------------------------------------------------------------


def run_hypothesis(seconds: float, crashers: Path, batch: int, seed: int) -> Figures:
    """Draw mutated inputs with hypothesis until ``seconds`` have passed."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    figures = Figures("hypothesis")
    target = fuzz_target.Target()
    seen: dict[str, str] = {}
    start = time.monotonic()
    deadline = start + seconds

    @settings(max_examples=batch, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(fuzz_target.fuzz_inputs())
    def one(case: tuple[str, bytes]) -> None:
        if time.monotonic() >= deadline:
            return
        suffix, data = case
        began = time.monotonic()
        try:
            target.check_bytes(data, suffix)
        except Exception as exc:  # noqa: BLE001 -- every exception is a finding; the target lets documented ones by
            record_crash(suffix, data, fuzz_target.signature(exc), f"{type(exc).__name__}: {exc}", crashers, seen)
        figures.slowest = max(figures.slowest, time.monotonic() - began)
        figures.executions += 1

    n = seed
    try:
        while time.monotonic() < deadline:
            hypothesis_seed(n)(one)()
            n += 1
            print(f"fuzz: {figures.executions} executions, {len(seen)} crashers, "
                  f"{time.monotonic() - start:.0f} s", file=sys.stderr, flush=True)
    finally:
        target.close()
    figures.seconds = time.monotonic() - start
    figures.crashers = seen
    return figures


# --- the atheris engine --------------------------------------------------------------------------------


def atheris_child(corpus: Path, crashers: Path, seconds: int, artifacts: Path) -> None:
    """Run libFuzzer in this process (it exits when done); crashes are logged, not raised, so it goes on."""
    import atheris

    # Instrument the engine and reporters (checker.reports) for coverage: import them here first.
    with atheris.instrument_imports(include=["checker"]):
        for module in ("checker.cli", "checker.pipeline", "checker.reports"):
            importlib.import_module(module)

    target = fuzz_target.Target()
    seen: dict[str, str] = {}  # the parent merges the kinds of every child it ran

    def test_one_input(data: bytes) -> None:
        suffix, content = fuzz_target.split_input(data)
        try:
            target.check_bytes(content, suffix)
        except Exception as exc:  # noqa: BLE001 -- every exception is a finding; the target lets documented ones by
            record_crash(suffix, content, fuzz_target.signature(exc), f"{type(exc).__name__}: {exc}", crashers, seen)

    dictionary = _write_dictionary(WORK / "claimcheck.dict")
    atheris.Setup([sys.argv[0], str(corpus), f"-max_total_time={seconds}", f"-timeout={PER_INPUT_TIMEOUT}",
                   f"-dict={dictionary}",
                   "-rss_limit_mb=4096", "-max_len=65536", f"-artifact_prefix={artifacts}/",
                   "-print_final_stats=1"], test_one_input)
    atheris.Fuzz()


def _write_dictionary(path: Path) -> Path:
    """libFuzzer's dictionary: the mutation chunks (markup, numbers, hedges, directives), one quoted a line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for chunk in fuzz_target.CHUNKS:
        body = "".join(chr(b) if 0x20 <= b < 0x7f and chr(b) not in '"\\' else f"\\x{b:02X}" for b in chunk)
        lines.append(f'"{body}"')
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path


_STATS = re.compile(r"^#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)/")
_FINAL = re.compile(r"^stat::number_of_executed_units: (\d+)")


def _seed_atheris_corpus(corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    for suffix, data in fuzz_target.seed_corpus():
        joined = fuzz_target.join_input(suffix, data)
        path = corpus / ("seed-" + fuzz_target.crasher_name(suffix, data).replace(".", "-"))
        if not path.exists():
            path.write_bytes(joined)


def run_atheris(seconds: float, crashers: Path) -> Figures:
    """Run the atheris child until ``seconds`` have passed, restarting it when libFuzzer stops early."""
    figures = Figures("atheris")
    corpus, artifacts = WORK / "corpus", WORK / "artifacts"
    _seed_atheris_corpus(corpus)
    artifacts.mkdir(parents=True, exist_ok=True)
    os.environ[_RUN_ID] = str(os.getpid())  # the children log where this process reads
    if _log_path().exists():
        _log_path().unlink()
    start = time.monotonic()
    seen_artifacts = set(os.listdir(artifacts))
    while (left := seconds - (time.monotonic() - start)) >= 1:
        command = [sys.executable, __file__, "--child", "--seconds", str(int(left)), "--crashers", str(crashers)]
        executed = 0
        with subprocess.Popen(command, stderr=subprocess.PIPE, text=True, errors="replace") as child:
            for line in child.stderr:
                sys.stderr.write(line)
                stats = _STATS.match(line)
                if stats:
                    executed = int(stats.group(1))
                    figures.coverage, figures.features, figures.corpus = map(int, stats.group(2, 3, 4))
                final = _FINAL.match(line)
                if final:
                    executed = int(final.group(1))
        figures.executions += executed
        # libFuzzer itself stopped on an input (a timeout, out of memory, a signal): keep it.
        for name in sorted(set(os.listdir(artifacts)) - seen_artifacts):
            suffix, content = fuzz_target.split_input((artifacts / name).read_bytes())
            kind = name.split("-", 1)[0]  # "timeout", "oom", "crash", "slow-unit"
            record_crash(suffix, content, f"libFuzzer {kind}", name, crashers, figures.crashers)
        seen_artifacts = set(os.listdir(artifacts))
        if time.monotonic() - start < seconds - 1:
            figures.restarts += 1
    figures.seconds = time.monotonic() - start
    figures.crashers.update(_logged())
    return figures


# --- the report ----------------------------------------------------------------------------------------


def render_section(figures: Figures, command: str, fixed: list[str]) -> str:
    """This benchmark's section of docs/benchmarks.md."""
    cpu = platform.processor() or platform.machine()
    rows = [
        ("Engine", figures.engine + (" (coverage-guided, libFuzzer)" if figures.engine == "atheris" else "")),
        ("Time", f"{figures.seconds:,.0f} s"),
        ("Executions", f"{figures.executions:,} (each input checked twice and rendered in every format)"),
        ("Executions per second", f"{figures.rate:,.1f}"),
    ]
    if figures.coverage is not None:
        coverage = f"{figures.coverage:,} edges, {figures.features:,} features; corpus grown to {figures.corpus:,} inputs"
        rows.append(("Coverage", coverage))
    if figures.engine == "hypothesis":
        rows.append(("Slowest input", f"{figures.slowest:.2f} s"))
    rows.append(("Crashers found in this run", str(len(figures.crashers))))
    lines = ["| | |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows)]
    kinds = [f"- `{kind}`: `tests/fuzz_crashers/{name}`" for kind, name in sorted(figures.crashers.items())]
    out = [f"Command: `{command}` (Python {platform.python_version()}, {cpu}, {os.cpu_count()} CPUs).", "",
           *lines, ""]
    if kinds:
        out += ["Crashers found by this run (kind, file):", "", *kinds, ""]
    if fixed:
        out += ["Crashers found earlier and fixed (each replayed by `tests/test_fuzz.py`):", "",
                *(f"- {f}" for f in fixed), ""]
    return "\n".join(out).rstrip("\n")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=DEFAULT_SECONDS,
                        help=f"how long to fuzz (default: {DEFAULT_SECONDS}; 3600 for an hour)")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto",
                        help="atheris when installed (auto), else hypothesis")
    parser.add_argument("--crashers", type=Path, default=fuzz_target.CRASHERS,
                        help=f"where crashers are written (default: {fuzz_target.CRASHERS.relative_to(REPO)})")
    parser.add_argument("--batch", type=int, default=200, help="hypothesis engine: examples per seed (default: 200)")
    parser.add_argument("--seed", type=int, default=0, help="hypothesis engine: the first seed (default: 0)")
    parser.add_argument("--fixed", action="append", default=[],
                        help="a crasher fixed earlier, to list in the docs section (repeatable)")
    parser.add_argument("--write-doc", action="store_true", help=f"rewrite its section of {DOC.relative_to(REPO)}")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.seconds < 1 or args.batch < 1:
        parser.error("--seconds and --batch must be at least 1")
    return args


def _engine(choice: str) -> str:
    if choice != "auto":
        return choice
    try:
        import atheris  # noqa: F401
    except ImportError:
        return "hypothesis"
    return "atheris"


def command_line(args: argparse.Namespace, engine: str) -> str:
    parts = ["python bench/fuzz.py", f"--seconds {args.seconds}", f"--engine {engine}"]
    if engine == "hypothesis" and args.seed:
        parts.append(f"--seed {args.seed}")
    return " ".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        atheris_child(WORK / "corpus", args.crashers, args.seconds, WORK / "artifacts")
        return 0
    engine = _engine(args.engine)
    print(f"fuzz: {engine} for {args.seconds} s; crashers to {args.crashers}", flush=True)
    if engine == "atheris":
        figures = run_atheris(args.seconds, args.crashers)
    else:
        figures = run_hypothesis(args.seconds, args.crashers, args.batch, args.seed)
    section = render_section(figures, command_line(args, engine), args.fixed)
    print()
    print(section)
    if args.write_doc:
        write_section(DOC, SECTION_START, SECTION_END, section, DOC_PARAGRAPH)
        print(f"\nwrote {DOC}")
    return 1 if figures.crashers else 0


if __name__ == "__main__":
    sys.exit(main())
