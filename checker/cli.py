"""The ``claimcheck`` command.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings; 2 a usage,
configuration or input error (the other inputs are still checked and reported).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from checker import __version__
from checker.errors import CheckerError, ConfigError
from checker.model import RunResult, Severity
from checker.ingest import read_file
from checker.model import Document
from checker.pipeline import check_against_reference, check_documents, extract_documents, read_documents
from checker.rulepack import builtin_pack_paths, load_rules
from checker.reports import EXTRACT_REPORTERS, REPORTERS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FAIL_ON = ("error", "warning", "info", "never")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; keep its usage line
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"claimcheck: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = _Parser(prog="claimcheck", description="Find disagreeing figures in news articles.")
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", metavar="PATH",
                       help="article files (.txt .md .html .jsonl), directories, or - for standard input")
        p.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of standard output")
        p.add_argument("--rules", action="append", default=[], metavar="PATH",
                       help="an extra rule pack (.toml) or a directory of packs; may be repeated")

    check = sub.add_parser("check", help="report disagreeing figures within and across articles")
    inputs(check)
    check.add_argument("--format", choices=sorted(REPORTERS), default="text", help="report format (default: text)")
    check.add_argument("--fail-on", choices=FAIL_ON, default="error",
                       help="exit 1 when a finding has this severity or higher (default: error)")
    across = check.add_mutually_exclusive_group()
    across.add_argument("--across", dest="across", action="store_true", default=None,
                        help="compare articles with each other (default when several are given)")
    across.add_argument("--no-across", dest="across", action="store_false", help="check each article on its own")
    across.add_argument("--reference", metavar="SOURCE",
                        help="check every figure of each PATH (a summary, headline draft, rewrite) against this "
                             "source article; the PATHs are not compared with each other")

    extract = sub.add_parser("extract", help="print the figures read from articles, without comparing them")
    inputs(extract)
    extract.add_argument("--format", choices=sorted(EXTRACT_REPORTERS), default="json",
                         help="json (one document) or jsonl (one claim a line)")
    return parser


def _rule_paths(extra: list[str]) -> list[Path]:
    paths = builtin_pack_paths()
    for item in extra:
        p = Path(item)
        if p.is_dir():
            paths += sorted(p.glob("*.toml"))
        elif p.is_file():
            paths.append(p)
        else:
            raise CheckerError(f"{item}: no such rule pack file or directory")
    return paths


def write_atomic(path: str, text: str) -> None:
    """Write a file so that a reader sees the old one or the complete new one, never a part."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        # mkstemp creates the file private (0600); a report gets the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _emit(text: str, output: str | None) -> None:
    if output:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


_PROGRESS_MIN_ARTICLES = 200


def _progress(docs: list) -> Iterable:
    """A progress bar on stderr for long runs, only when a person is watching it."""
    if len(docs) < _PROGRESS_MIN_ARTICLES or not sys.stderr.isatty() or os.environ.get("CI"):
        return docs
    from tqdm import tqdm

    return tqdm(docs, desc="claimcheck", unit="article", file=sys.stderr, leave=False)


def _run(args: argparse.Namespace) -> RunResult:
    rules = load_rules(_rule_paths(args.rules))
    docs, problems = read_documents(args.paths)
    if args.command == "extract":
        return extract_documents(docs, rules, problems=problems, wrap=_progress)
    if args.reference is not None:
        reference = _read_reference(args.reference)
        return check_against_reference(docs, reference, rules, problems=problems, wrap=_progress)
    return check_documents(docs, rules, across=args.across, problems=problems, wrap=_progress)


def _read_reference(path: str) -> Document:
    """The one source article of ``--reference``; an error says what is wrong and what to pass instead."""
    if not Path(path).exists() and path != "-":
        raise ConfigError(f"--reference {path}: no such file; pass the path of the source article "
                          "the other files were derived from")
    if Path(path).is_dir():
        raise ConfigError(f"--reference {path}: is a directory; pass one source article file")
    docs, problems = read_file(path)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise ConfigError(f"--reference {path}: cannot be read ({errors[0].render()})")
    if len(docs) != 1:
        raise ConfigError(f"--reference {path}: holds {len(docs)} articles; pass a file with exactly one "
                          "(for JSON Lines, one record)")
    return docs[0]


def exit_code(result: RunResult, fail_on: str) -> int:
    """The documented exit code for a finished run."""
    if any(p.level == "error" for p in result.problems):
        return EXIT_ERROR
    if fail_on == "never":
        return EXIT_CLEAN
    threshold = Severity(fail_on).rank
    return EXIT_FINDINGS if any(d.severity.rank >= threshold for d in result.discrepancies) else EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        result = _run(args)
        for problem in result.problems:
            print(f"claimcheck: {problem.render()}", file=sys.stderr)
        if args.command == "check":
            _emit(REPORTERS[args.format](result), args.output)
            return exit_code(result, args.fail_on)
        _emit(EXTRACT_REPORTERS[args.format](result), args.output)
        return EXIT_ERROR if any(p.level == "error" for p in result.problems) else EXIT_CLEAN
    except CheckerError as exc:
        print(f"claimcheck: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
