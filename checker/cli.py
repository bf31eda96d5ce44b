"""The ``claimcheck`` command.

Commands::

    claimcheck check PATH...        report disagreeing figures within and across articles
    claimcheck extract PATH...      print the figures read, without comparing them
    claimcheck rules list           every rule, with its configured severity and state
    claimcheck rules show CODE      one rule's documentation and examples
    claimcheck rules test [PACK...] run the rules' embedded examples
    claimcheck config show [PATH]   the configuration in force for PATH, and where each value came from

Configuration (``.claimcheck.toml`` or ``[tool.claimcheck]`` in ``pyproject.toml``)
is found and validated by :mod:`checker.config`; the command line overrides it.
Inputs under different configuration files are checked in groups, each with its
own rules (see :func:`check_grouped`).

Exit codes:

- 0: clean: no finding at or above ``fail_on`` (``check``), every example passed
  (``rules test``), or the command did what it was asked.
- 1: findings at or above ``fail_on`` (``check``), or a failed example (``rules test``).
- 2: a usage, configuration, rule-pack or input error. For an input error the
  other inputs are still checked and reported.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from checker import __version__
from checker.baseline import (
    DEFAULT_BASELINE,
    Baseline,
    baseline_entries,
    load_baseline,
    render_baseline,
    still_found,
    without_baselined,
)
from checker.changed import changed_articles
from checker.config import (
    COMMAND_LINE,
    FAIL_ON,
    LEVELS,
    Config,
    Overrides,
    Resolver,
    did_you_mean,
    group_by_config,
    render_config,
)
from checker.errors import CheckerError, ConfigError
from checker.ingest import read_file
from checker.model import Discrepancy, Document, InputProblem, RunResult, Severity
from checker.output import report_output
from checker.pipeline import (
    check_against_reference,
    check_documents,
    discrepancy_order,
    extract_documents,
    read_documents,
)
from checker.reports import EXTRACT_REPORTERS, REPORTERS, ReportOptions
from checker.ruleinfo import format_results, lookup, rule_doc, rules_table, run_examples
from checker.rulepack import builtin_pack_paths, load_rules
from checker.suppress import apply_suppressions

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMAT_ENV = "CLAIMCHECK_FORMAT"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; keep its usage line
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"claimcheck: error: {message}\n")


def _config_options(p: argparse.ArgumentParser) -> None:
    """Options that choose the configuration and the rules, shared by every command that uses rules."""
    p.add_argument("--rules", action="append", default=[], metavar="PATH",
                   help="an extra rule pack (.toml) or a directory of packs, added to the configured ones; "
                        "may be repeated")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--config", metavar="FILE",
                       help="use this configuration file only (.claimcheck.toml, or a pyproject.toml's "
                            "[tool.claimcheck]) instead of finding one")
    which.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    p.add_argument("--enable", action="append", default=None, metavar="SEL[,SEL...]",
                   help="run only the rules these selectors match, instead of the configured enable and disable "
                        "(ALL, CAS001, CAS, casualties, casualties.killed); may be repeated")
    p.add_argument("--disable", action="append", default=[], metavar="SEL[,SEL...]",
                   help="do not run the rules these selectors match; may be repeated")
    p.add_argument("--severity", action="append", default=[], metavar="SEL=LEVEL",
                   help=f"give every finding of the selected rules this severity ({'|'.join(LEVELS)}); "
                        "may be repeated")


def _check_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=sorted(REPORTERS), default=None,
                   help=f"report format (default: ${FORMAT_ENV}, else the configuration's format, else text; "
                        "docs/formats.md)")
    p.add_argument("--fail-on", choices=FAIL_ON, default=None,
                   help="exit 1 when a finding has this severity or higher (default: the configuration's "
                        "fail_on, else error)")
    p.add_argument("--min-severity", choices=LEVELS, default=None,
                   help="report only findings of this severity or higher; lower ones are neither shown nor "
                        "counted (default: the configuration's min_severity, else info)")


def _ci_options(p: argparse.ArgumentParser) -> None:
    """Options of ``check`` for running in CI (docs/ci.md)."""
    p.add_argument("--exit-zero", action="store_true",
                   help="exit 0 even when findings reach --fail-on (an input or usage error still exits 2)")
    p.add_argument("--baseline", metavar="FILE",
                   help="report only findings not in this baseline file (claimcheck baseline create)")
    p.add_argument("--changed-since", metavar="REF",
                   help="check only the files under PATHs that changed since the git ref REF (its merge base with "
                        "HEAD), including uncommitted and untracked ones")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour the terminal formats by severity (auto: when writing to a terminal, unless NO_COLOR "
                        "is set; FORCE_COLOR forces it)")
    p.add_argument("--timestamps", action="store_true",
                   help="record the run's start and end times in formats that carry them (SARIF); off by default "
                        "so the same inputs give the same bytes")


def _jobs(text: str) -> int:
    """``--jobs``: a whole number, 0 (one process per CPU) or more."""
    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of processes (0: one per CPU)") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"{jobs} processes: give 1 or more, or 0 for one per CPU")
    return jobs


def _across_options(p: argparse.ArgumentParser) -> argparse._MutuallyExclusiveGroup:
    across = p.add_mutually_exclusive_group()
    across.add_argument("--across", dest="across", action="store_true", default=None,
                        help="compare articles with each other (default: the configuration's across, else "
                             "when several are given)")
    across.add_argument("--no-across", dest="across", action="store_false", help="check each article on its own")
    return across


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = _Parser(prog="claimcheck", description="Find disagreeing figures in news articles.")
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", metavar="PATH",
                       help="article files (.txt .md .html .jsonl), directories, or - for standard input")
        p.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of standard output")
        _config_options(p)

    check = sub.add_parser("check", help="report disagreeing figures within and across articles")
    inputs(check)
    _check_options(check)
    _ci_options(check)
    check.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                       help="segment and extract the articles in N processes (0: one per CPU; default 1); the "
                            "report is the same, byte for byte, whatever N is")
    _across_options(check).add_argument(
        "--reference", metavar="SOURCE",
        help="check every figure of each PATH (a summary, headline draft, rewrite) against this source article; "
             "the PATHs are not compared with each other")

    baseline = sub.add_parser("baseline", help="write or refresh a baseline of accepted findings")
    baseline_sub = baseline.add_subparsers(dest="baseline_command", metavar="ACTION", parser_class=_Parser)
    baseline.set_defaults(help_of=baseline)
    update_help = ("check PATHs and drop from the baseline file the findings no longer found (new findings are "
                   "not added)")
    for action, about in (("create", "check PATHs and write every finding to the baseline file"),
                          ("update", update_help)):
        one = baseline_sub.add_parser(action, help=about)
        one.add_argument("paths", nargs="+", metavar="PATH", help="the article files and directories to check")
        one.add_argument("-o", "--output", default=DEFAULT_BASELINE, metavar="FILE",
                         help=f"the baseline file (default: {DEFAULT_BASELINE})")
        _config_options(one)
        _across_options(one)

    extract = sub.add_parser("extract", help="print the figures read from articles, without comparing them")
    inputs(extract)
    extract.add_argument("--format", choices=sorted(EXTRACT_REPORTERS), default="json",
                         help="json (one document) or jsonl (one claim a line)")

    rules = sub.add_parser("rules", help="list the rules, show one, or run their embedded examples")
    rules_sub = rules.add_subparsers(dest="rules_command", metavar="ACTION", parser_class=_Parser)
    rules.set_defaults(help_of=rules)
    rules_list = rules_sub.add_parser("list", help="every rule: code, name, configured severity, summary")
    _config_options(rules_list)
    rules_show = rules_sub.add_parser("show", help="one rule's documentation and examples")
    rules_show.add_argument("code", metavar="CODE", help="a rule code (CAS001) or dotted name (casualties.killed)")
    _config_options(rules_show)
    rules_test = rules_sub.add_parser("test", help="run the embedded examples of the rules in PACKs (of every "
                                                   "rule when none is given)")
    rules_test.add_argument("paths", nargs="*", metavar="PACK",
                            help="a rule pack (.toml) or a directory of packs, loaded with the shipped ones")
    rules_test.add_argument("-v", "--verbose", action="store_true", help="print every example, not only failures")

    from checker.audit.command import add_parsers as add_audit_parsers

    add_audit_parsers(sub, _Parser, _config_options)

    config = sub.add_parser("config", help="show the configuration in force")
    config_sub = config.add_subparsers(dest="config_command", metavar="ACTION", parser_class=_Parser)
    config.set_defaults(help_of=config)
    show = config_sub.add_parser("show", help="the resolved configuration for PATH and where each value came from")
    show.add_argument("path", nargs="?", default=".", metavar="PATH",
                      help="an article file or directory (default: the current directory)")
    _config_options(show)
    _check_options(show)
    _across_options(show)
    return parser


def overrides_of(args: argparse.Namespace) -> Overrides:
    """What the command line says about the configuration."""
    report_format = args.format if args.command in ("check", "config") else None
    format_source = COMMAND_LINE
    if report_format is None and args.command in ("check", "config") and os.environ.get(FORMAT_ENV):
        report_format, format_source = _format_from_environment(), f"environment ({FORMAT_ENV})"
    return Overrides(config=getattr(args, "config", None), isolated=getattr(args, "isolated", False),
                     rules=tuple(getattr(args, "rules", ())),
                     enable=tuple(args.enable) if getattr(args, "enable", None) is not None else None,
                     disable=tuple(getattr(args, "disable", ())), severity=tuple(getattr(args, "severity", ())),
                     fail_on=getattr(args, "fail_on", None), format=report_format, format_source=format_source,
                     across=getattr(args, "across", None), min_severity=getattr(args, "min_severity", None))


def _format_from_environment() -> str:
    value = os.environ[FORMAT_ENV].strip()
    if value not in REPORTERS:
        guess = did_you_mean(value, REPORTERS)
        raise ConfigError(f"{FORMAT_ENV}={value!r} is not a report format. Valid options are: "
                          f"{', '.join(sorted(REPORTERS))}.{f' Did you mean {guess!r}?' if guess else ''} "
                          f"Unset it or pass --format")
    return value


def _emit(text: str, output: str | None) -> None:
    with report_output(output) as out:
        out.write(text)


_PROGRESS_MIN_ARTICLES = 200


def _progress(docs: list) -> Iterable:
    """A progress bar on stderr for long runs, only when a person is watching it."""
    if len(docs) < _PROGRESS_MIN_ARTICLES or not sys.stderr.isatty() or os.environ.get("CI"):
        return docs
    from tqdm import tqdm

    return tqdm(docs, desc="claimcheck", unit="article", file=sys.stderr, leave=False)


def check_grouped(docs: list[Document], problems: list[InputProblem], resolver: Resolver,
                  baseline: Baseline | None = None, jobs: int = 1) -> tuple[RunResult, bool]:
    """Check documents, each group under its own configuration; the merged result and whether it fails.

    Documents whose files fall under different configuration files are checked
    group by group, each with its own rules, and compared across articles only
    within their group. The results are merged deterministically: articles in
    input order, findings in the usual order (path, line, column, rule). Each
    group's findings are filtered (suppressions, ``min_severity``, the baseline)
    and judged against its own ``fail_on``. ``jobs`` processes analyse each
    group's documents (:func:`checker.pipeline.analyse_documents`).
    """
    results, fails = [], False
    for config, group in group_by_config(docs, lambda d: d.path, resolver):
        result = check_documents(group, config.rules, across=config.across, wrap=_progress, jobs=jobs)
        result = _reportable(result, config, baseline)
        fails |= _fails(result.discrepancies, config.fail_on)
        results.append(result)
    # The groups' own problems are the warnings about suppression directives.
    return merge_results(results, docs, [*problems, *(p for r in results for p in r.problems)]), fails


def _reportable(result: RunResult, config: Config, baseline: Baseline | None) -> RunResult:
    """What a group's check reports: without suppressed, lower than ``min_severity`` or baselined findings."""
    result = apply_suppressions(result, _known_codes(config))
    floor = Severity(config.min_severity).rank
    if floor > 0:
        result = replace(result, discrepancies=tuple(d for d in result.discrepancies if d.severity.rank >= floor))
    if baseline is not None:
        result, _ = without_baselined(result, baseline)
    return result


def _known_codes(config: Config) -> frozenset[str]:
    """Every rule code a suppression may name under ``config`` (disabled rules too)."""
    return frozenset(r.code for r in config.rules.described())


def merge_results(results: list[RunResult], docs: list[Document], problems: Iterable[InputProblem]) -> RunResult:
    """One result from the results of groups of ``docs``: articles in input order, findings sorted."""
    order = {doc.id: i for i, doc in enumerate(docs)}
    pairs = sorted(((a, c) for r in results for a, c in zip(r.articles, r.claims, strict=True)),
                   key=lambda pair: order.get(pair[0].id, len(order)))
    found = sorted((d for r in results for d in r.discrepancies), key=discrepancy_order)
    return RunResult(tuple(a for a, _ in pairs), tuple(c for _, c in pairs), tuple(found), tuple(problems))


def _fails(found: Iterable[Discrepancy], fail_on: str) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(d.severity.rank >= threshold for d in found)


def _one(configs: list[Config], key: str, given: object) -> Config:
    """The configuration whose run-wide setting (the report format) applies; several must agree."""
    values = {c.settings[key].value for c in configs}
    if given is None and len(values) > 1:
        where = "; ".join(f"{c.settings[key].source}: {c.settings[key].value}" for c in configs)
        raise ConfigError(f"the inputs fall under configurations that ask for different report {key}s ({where}); "
                          f"one report has one {key}: pass --{key}")
    return configs[0]


def _check(args: argparse.Namespace, resolver: Resolver) -> int:
    paths = args.paths
    if args.changed_since is not None:
        paths = changed_articles(args.changed_since, args.paths)
        print(f"claimcheck: {len(paths)} article file{'' if len(paths) == 1 else 's'} changed since "
              f"{args.changed_since}", file=sys.stderr)
    baseline = load_baseline(args.baseline) if args.baseline is not None else None
    docs, problems = read_documents(paths, max_file_bytes=_size_limit(resolver))
    groups = group_by_config(docs, lambda d: d.path, resolver)
    configs = [c for c, _ in groups] or [resolver.for_input(args.paths[0])]
    report_format = _one(configs, "format", args.format).format
    if args.reference is not None:
        if len(configs) > 1:
            raise ConfigError("--reference: the PATHs fall under different configuration files ("
                              + ", ".join(str(c.file or "none") for c in configs)
                              + "); check them against the source in separate runs, or pass --config FILE")
        reference = _read_reference(args.reference, resolver)
        result = check_against_reference(docs, reference, configs[0].rules, problems=problems, wrap=_progress,
                                         jobs=args.jobs)
        result = _reportable(result, configs[0], baseline)
        fails = _fails(result.discrepancies, configs[0].fail_on)
    else:
        result, fails = check_grouped(docs, problems, resolver, baseline, jobs=args.jobs)
    _report_problems(result)
    options = ReportOptions(rules=_described_rules(configs), color=_use_color(args), timestamps=args.timestamps)
    _emit(REPORTERS[report_format](result, options), args.output)
    if any(p.level == "error" for p in result.problems):
        return EXIT_ERROR
    return EXIT_FINDINGS if fails and not args.exit_zero else EXIT_CLEAN


def _described_rules(configs: list[Config]) -> tuple:
    """Every rule the run's configurations could report, once each, by code."""
    found: dict[str, object] = {}
    for config in configs:
        for rule in config.rules.described():
            found.setdefault(rule.code, rule)
    return tuple(found[code] for code in sorted(found))


def _use_color(args: argparse.Namespace) -> bool:
    from checker.reports.colour import use_color

    if args.output is not None and args.output != "-":
        return args.color == "always"
    return use_color(args.color, sys.stdout)


def _baseline(args: argparse.Namespace, resolver: Resolver) -> int:
    """``baseline create|update``: every finding of PATHs, after suppressions, whatever its severity."""
    docs, problems = read_documents(args.paths, max_file_bytes=_size_limit(resolver))
    results = []
    for config, group in group_by_config(docs, lambda d: d.path, resolver):
        result = check_documents(group, config.rules, across=config.across, wrap=_progress)
        results.append(apply_suppressions(result, _known_codes(config)))
    result = merge_results(results, docs, [*problems, *(p for r in results for p in r.problems)])
    _report_problems(result)
    if any(p.level == "error" for p in result.problems):
        print(f"claimcheck: error: the baseline was not written: fix the input errors above first "
              f"({args.output} is unchanged)", file=sys.stderr)
        return EXIT_ERROR
    if args.baseline_command == "create":
        entries = baseline_entries(result, args.output)
        summary = f"{len(entries)} finding{'' if len(entries) == 1 else 's'} written to {args.output}"
    else:
        old = load_baseline(args.output)
        entries, new = still_found(old, result)
        kept, dropped = len(entries), len(old.entries) - len(entries)
        summary = (f"{kept} finding{'' if kept == 1 else 's'} kept in {args.output}, {dropped} no longer "
                   f"found dropped; {new} new finding{'' if new == 1 else 's'} not added (`baseline create` "
                   "accepts them)")
    _emit(render_baseline(entries), args.output)
    print(f"claimcheck: {summary}", file=sys.stderr)
    return EXIT_CLEAN


def _extract(args: argparse.Namespace, resolver: Resolver) -> int:
    docs, problems = read_documents(args.paths, max_file_bytes=_size_limit(resolver))
    results = [extract_documents(group, config.rules, wrap=_progress)
               for config, group in group_by_config(docs, lambda d: d.path, resolver)]
    result = merge_results(results, docs, problems)
    _report_problems(result)
    _emit(EXTRACT_REPORTERS[args.format](result), args.output)
    return EXIT_ERROR if any(p.level == "error" for p in result.problems) else EXIT_CLEAN


def _report_problems(result: RunResult) -> None:
    for problem in result.problems:
        print(f"claimcheck: {problem.render()}", file=sys.stderr)


def _rules(args: argparse.Namespace, resolver: Resolver | None) -> int:
    if args.rules_command == "test":
        return _rules_test(args.paths, verbose=args.verbose)
    config = resolver.for_input(".")
    if args.rules_command == "list":
        _emit(rules_table(config.rules), None)
        return EXIT_CLEAN
    try:
        lookup(config.rules, args.code)
    except KeyError:
        described = config.rules.described()
        guess = (did_you_mean(args.code, [r.code for r in described])
                 or did_you_mean(args.code, [r.name for r in described]))
        hint = f" Did you mean {guess!r}?" if guess else ""
        raise ConfigError(f"no rule {args.code!r}.{hint} `claimcheck rules list` shows every code and name") from None
    _emit(rule_doc(config.rules, args.code), None)
    return EXIT_CLEAN


def _pack_paths(items: list[str]) -> list[Path]:
    found = []
    for item in items:
        target = Path(item)
        if target.is_dir():
            packs = sorted(target.glob("*.toml"))
            if not packs:
                raise ConfigError(f"{item}: a directory with no rule packs (*.toml) in it")
            found += packs
        elif target.is_file():
            found.append(target)
        else:
            raise ConfigError(f"{item}: no such rule-pack file or directory")
    return found


def _rules_test(items: list[str], *, verbose: bool) -> int:
    """``rules test``: the shipped packs plus PACKs loaded; the examples of PACKs' rules (of all without PACK) run."""
    given = _pack_paths(items)
    shipped = builtin_pack_paths()
    shipped_real = {os.path.realpath(p) for p in shipped}
    # A shipped pack named again (rules/casualties.toml in an editable install) is loaded once.
    rules = load_rules(shipped + [p for p in given if os.path.realpath(p) not in shipped_real])
    given_real = {os.path.realpath(p) for p in given}
    codes = {r.code for r in rules.described() if os.path.realpath(r.path) in given_real} if items else None
    results = run_examples(rules, codes)
    _emit(format_results(results, verbose=verbose), None)
    return EXIT_CLEAN if all(r.ok for r in results) else EXIT_FINDINGS


def _config(args: argparse.Namespace, resolver: Resolver) -> int:
    if not Path(args.path).exists() and args.path != "-":
        raise ConfigError(f"config show {args.path}: no such file or directory")
    _emit(render_config(resolver.for_input(args.path), args.path), None)
    return EXIT_CLEAN


def _size_limit(resolver: Resolver) -> Callable[[str], int]:
    """Each input's ``max_file_bytes``, from the configuration that applies to it."""
    return lambda path: resolver.for_input(path).max_file_bytes


def _read_reference(path: str, resolver: Resolver) -> Document:
    """The one source article of ``--reference``; an error says what is wrong and what to pass instead."""
    if not Path(path).exists() and path != "-":
        raise ConfigError(f"--reference {path}: no such file; pass the path of the source article "
                          "the other files were derived from")
    if Path(path).is_dir():
        raise ConfigError(f"--reference {path}: is a directory; pass one source article file")
    docs, problems = read_file(path, resolver.for_input(path).max_file_bytes)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise ConfigError(f"--reference {path}: cannot be read ({errors[0].render()})")
    if len(docs) != 1:
        raise ConfigError(f"--reference {path}: holds {len(docs)} articles; pass a file with exactly one "
                          "(for JSON Lines, one record)")
    return docs[0]


def exit_code(result: RunResult, fail_on: str) -> int:
    """The documented exit code for a finished run under one ``fail_on``."""
    if any(p.level == "error" for p in result.problems):
        return EXIT_ERROR
    return EXIT_FINDINGS if _fails(result.discrepancies, fail_on) else EXIT_CLEAN


def _collect_garbage_less_often() -> None:
    """Fewer cyclic garbage collections for this process.

    A check makes millions of small objects that live until the run ends (tokens,
    claims, name mentions) and almost no reference cycles, so the collector's
    default thresholds make it walk the whole heap again and again for nothing:
    a fifth of the time on a large corpus (bench/throughput.py). Peak memory is
    the same. Only the command line's entry point does this; a program using the
    pipeline functions keeps its own settings.
    """
    gc.set_threshold(100_000, 50, 1000)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    _collect_garbage_less_often()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    if hasattr(args, "help_of") and getattr(args, f"{args.command}_command") is None:  # `claimcheck rules` alone
        args.help_of.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        if args.command == "export":
            from checker.audit.command import run_export

            return run_export(args)
        needs_config = not (args.command == "rules" and args.rules_command == "test")
        resolver = Resolver(overrides_of(args)) if needs_config else None
        if args.command == "check":
            return _check(args, resolver)
        if args.command == "extract":
            return _extract(args, resolver)
        if args.command == "baseline":
            return _baseline(args, resolver)
        if args.command == "rules":
            return _rules(args, resolver)
        if args.command == "audit":
            from checker.audit.command import run_audit

            return run_audit(args, resolver)
        return _config(args, resolver)
    except CheckerError as exc:
        print(f"claimcheck: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
