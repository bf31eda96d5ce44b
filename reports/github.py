"""GitHub Actions workflow commands: each finding an annotation on the pull request's diff.

One line a finding, ``::error file=PATH,line=L,col=C,endLine=L,endColumn=C2,title=CODE::message``
(``warning`` for warnings, ``notice`` for info), and one a input problem. Values are
escaped exactly as GitHub's own toolkit (@actions/core) escapes them, so a message
never ends the command early or spills onto a second line.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from checker.reports import DEFAULT_OPTIONS, ReportOptions

from checker.model import Discrepancy, InputProblem, RunResult, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_STDIN = ("-", "<stdin>")
# Line breaks other than CR and LF (form feed, NEL, U+2028...): the runner does not
# split on them, but editors and log viewers do, so they become spaces first.
_OTHER_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def render(result: RunResult, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    """Every finding, then every input problem, as workflow commands; nothing else."""
    records = {a.id for a in result.articles if a.record_line is not None}
    lines = [finding_command(d, records, result.reference) for d in result.discrepancies]
    lines += [problem_command(p) for p in result.problems]
    return "".join(line + "\n" for line in lines)


def escape_data(text: str) -> str:
    """A command's message, as @actions/core's ``escapeData``."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value, as @actions/core's ``escapeProperty``: ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    """``::name key=value,...::message`` with properties that are None left out."""
    given = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{name}{' ' + given if given else ''}::{escape_data(_OTHER_BREAKS.sub(' ', message))}"


def finding_command(d: Discrepancy, records: Collection[str] = (), reference: str | None = None) -> str:
    """One annotation at the finding's first side; the other sides are named in the message.

    ``records`` are the ids of JSONL articles: their columns count into the
    record's article text, not the file's line, so they get a line and no columns.
    """
    first = d.evidence[0]
    line, column = first.locations[0]
    text = first.claim.text
    columns = first.article_id not in records and "\n" not in text
    also = other_sides(d, reference)
    return command(COMMANDS[d.severity], {
        "file": None if first.path in _STDIN else first.path,
        "line": line,
        "col": column if columns else None,
        "endLine": line if columns else None,
        "endColumn": column + len(text) if columns else None,
        "title": d.rule,
    }, d.message + (f" (also: {also})" if also else ""))


def other_sides(d: Discrepancy, reference: str | None = None) -> str:
    """The sides after the first, briefly: ``caption line 3 “15”; b.md body line 9 “17”``.

    A side in another file is prefixed with its path, one in another article of
    the same file (a JSONL record) with the article's id; the source of a
    ``check --reference`` run is marked ``source``.
    """
    first, *others = d.evidence
    said = []
    for ev in others:
        if ev.path != first.path:
            where = f"{ev.path} "
        else:
            where = f"{ev.article_id} " if ev.article_id != first.article_id else ""
        source = "source " if reference is not None and ev.article_id == reference else ""
        said.append(f"{where}{source}{ev.claim.role.value} line {ev.locations[0][0]} “{ev.claim.text}”")
    return "; ".join(said)


def problem_command(problem: InputProblem) -> str:
    """An input that could not be read: ``::error file=PATH,line=N::message (hint)``."""
    name = "error" if problem.level == "error" else "warning"
    hint = f" ({problem.hint})" if problem.hint else ""
    return command(name, {"file": None if problem.path in _STDIN else problem.path, "line": problem.line or None},
                   problem.message + hint)
