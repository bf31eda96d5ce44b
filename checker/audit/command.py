"""``claimcheck audit`` and ``claimcheck export``: the command-line side of the corpus audit."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from checker.errors import ConfigError
from checker.output import atomic_file, atomic_path, report_output

FORMATS = ("html", "json", "csv", "csv-figures")
_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".json": "json", ".csv": "csv"}


def add_parsers(sub, parser_class, config_options) -> None:
    """The ``audit`` and ``export`` subcommands."""
    audit = sub.add_parser(
        "audit", help="cluster a corpus into events, compare each outlet with the consensus, score the outlets")
    audit.add_argument("paths", nargs="+", metavar="CORPUS",
                       help="JSONL corpora (fields as for check; source and published matter here), article "
                            "files or directories")
    audit.add_argument("-o", "--output", metavar="FILE",
                       help="write the report here (the format follows the suffix: .html .json .csv)")
    audit.add_argument("--format", choices=FORMATS,
                       help="html (the report page), json, csv (the outlet table) or csv-figures (every "
                            "reported figure); default: from --output's suffix, else json")
    audit.add_argument("--db", metavar="FILE",
                       help="SQLite store to keep digests and score history in; a later run reuses the digests "
                            "of unchanged articles (default: a temporary store, deleted after the run)")
    audit.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="where the per-article work runs: this process (default) or a Dask cluster")
    audit.add_argument("--scheduler", metavar="ADDRESS",
                       help="with --engine dask: the scheduler to connect to (tcp://HOST:PORT); default: start "
                            "a local cluster on loopback")
    audit.add_argument("--jobs", type=int, default=2, metavar="N",
                       help="with --engine dask and no --scheduler: workers of the local cluster (default 2)")
    config_options(audit)

    export = sub.add_parser("export", help="write a table of an audit store as CSV or Parquet")
    export.add_argument("db", metavar="DB", help="the SQLite store an audit wrote (--db)")
    export.add_argument("--table", required=True,
                        choices=("digests", "figures", "findings", "runs", "run_articles", "scores"))
    export.add_argument("--format", choices=("csv", "parquet"), default="csv")
    export.add_argument("-o", "--output", metavar="FILE", required=True)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    if args.output:
        suffix = Path(args.output).suffix.lower()
        if suffix in _SUFFIX_FORMATS:
            return _SUFFIX_FORMATS[suffix]
        raise ConfigError(f"cannot tell the report format from {args.output!r}; pass --format "
                          f"({', '.join(FORMATS)}) or end the file name in .html, .json or .csv")
    return "json"


def _progress(machine_stdout: bool):
    """A progress bar on stderr, only for a person watching a terminal."""
    from checker.audit.run import Progress

    if not sys.stderr.isatty() or os.environ.get("CI") or machine_stdout:
        return Progress(), lambda: None
    from tqdm import tqdm

    bar = tqdm(desc="claimcheck audit", unit="article", file=sys.stderr, leave=False)
    return Progress(bar.update), bar.close


def run_audit(args: argparse.Namespace, resolver) -> int:
    from checker.audit.engines import DaskEngine, LocalEngine
    from checker.audit.run import audit
    from checker.audit.store import Store
    from checker.ingest.stream import iter_documents

    fmt = _format(args)
    if args.jobs < 1:
        raise ConfigError(f"--jobs {args.jobs}: give at least 1 worker")
    if args.scheduler and args.engine != "dask":
        raise ConfigError("--scheduler needs --engine dask")
    config = resolver.for_input(args.paths[0])
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="claimcheck-audit-") as scratch:
        db_path = args.db or str(Path(scratch) / "audit.sqlite")
        engine = DaskEngine(args.scheduler, args.jobs) if args.engine == "dask" else LocalEngine()
        progress, done = _progress(machine_stdout=not args.output and fmt != "html")
        try:
            with Store(db_path) as store:
                result = audit(iter_documents(args.paths, config.max_file_bytes), config.rules, store, inputs=list(args.paths),
                               engine=engine, progress=progress)
                done()
                # Written while the store is open: events are read back from it one at a time.
                with report_output(args.output) as out:
                    _write(fmt, result, out)
        finally:
            engine.close()
    for problem in result.problems:
        print(f"claimcheck: {problem.render()}", file=sys.stderr)
    print(f"claimcheck: audited {result.articles} articles ({result.extracted} extracted, {result.reused} "
          f"unchanged since a stored run) into {result.event_count} events in "
          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 2 if any(p.level == "error" for p in result.problems) else 0


def _write(fmt: str, result, out) -> None:
    from checker.reports import audit as audit_report

    if fmt == "html":
        from checker.reports import audit_html

        out.write(audit_html.render(audit_report.audit_record(result)))
    elif fmt == "json":
        audit_report.write_json(result, out)
    elif fmt == "csv":
        out.write(audit_report.render_csv(audit_report.sources_only(result)))
    else:
        audit_report.write_csv_figures(result, out)


def run_export(args: argparse.Namespace) -> int:
    import csv

    from checker.audit.store import Store

    if not Path(args.db).is_file():
        raise ConfigError(f"{args.db}: no such store; run `claimcheck audit --db {args.db} CORPUS` first")
    with Store(args.db) as store:
        columns, rows = store.table_rows(args.table)
        if args.format == "parquet":
            try:
                import pyarrow as pa
                import pyarrow.parquet as pq
            except ImportError:
                raise ConfigError("--format parquet needs pyarrow: pip install 'claimcheck[parquet]'") from None
            data = list(rows)
            table = pa.table({c: [r[k] for r in data] for k, c in enumerate(columns)})
            with atomic_path(args.output) as tmp:
                pq.write_table(table, str(tmp))
        else:
            with atomic_file(args.output) as out:
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow(columns)
                writer.writerows(rows)
    return 0
