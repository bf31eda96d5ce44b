"""JUnit XML: each article a test case, for CI systems that show test reports (GitLab, Jenkins, Azure).

One ``<testsuite>`` per checked path (sorted), one ``<testcase>`` per article in
reading order: a clean article passes, and every finding that has a side in the
article is one ``<failure>`` of it (a finding across articles fails each of them).
An input problem is a test case of its own holding an ``<error>``. Counts follow
the usual JUnit meaning: ``failures`` and ``errors`` count test cases, not elements.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from checker.reports import DEFAULT_OPTIONS, ReportOptions

from checker.model import Discrepancy, InputProblem, RunResult

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
# Characters XML 1.0 cannot hold even escaped (control characters, lone surrogates,
# U+FFFE/U+FFFF): a stray one in an article would make the whole report unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(result: RunResult, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    """The check as a JUnit XML document."""
    return serialise(testsuites(result))


def xml_safe(text: str) -> str:
    """``text`` with the characters XML cannot hold replaced by U+FFFD (escaping is the library's job)."""
    return _NOT_XML.sub("\ufffd", text)


def serialise(root: ET.Element) -> str:
    """An element tree as an indented UTF-8 XML document, attributes in the order they were set."""
    ET.indent(root, space="  ")
    return XML_DECLARATION + ET.tostring(root, encoding="unicode") + "\n"


def testsuites(result: RunResult) -> ET.Element:
    """``<testsuites>`` with a suite per path and the totals of all of them."""
    touching: dict[str, list[Discrepancy]] = defaultdict(list)
    for d in result.discrepancies:
        for article in dict.fromkeys(ev.article_id for ev in d.evidence):  # once per article, in order
            touching[article].append(d)
    problems: dict[str, list[InputProblem]] = defaultdict(list)
    for p in result.problems:
        problems[p.path].append(p)
    root = ET.Element("testsuites", name="claimcheck")
    paths = sorted({a.path for a in result.articles} | set(problems))
    for path in paths:
        suite = ET.SubElement(root, "testsuite", name=xml_safe(path))
        for article in (a for a in result.articles if a.path == path):
            case = ET.SubElement(suite, "testcase", classname=xml_safe(path), name=xml_safe(article.id))
            for d in touching.get(article.id, ()):
                failure = ET.SubElement(case, "failure", type=d.rule, message=xml_safe(d.message))
                failure.text = xml_safe(_failure_text(d, result.reference))
        for problem in problems.get(path, ()):
            _problem_case(suite, problem)
        _count(suite)
    _count(root, children="testsuite")
    return root


def _failure_text(d: Discrepancy, reference: str | None) -> str:
    """The rule, then every side's location, as the text report lists them."""
    lines = [f"{d.severity.value} {d.rule} {d.rule_name}: {d.message}"]
    for ev in d.evidence:
        where = ", ".join(f"{ev.path}:{line}:{column}" for line, column in ev.locations)
        said = f" ({ev.claim.context.attribution})" if ev.claim.context.attribution else ""
        source = "source " if reference is not None and ev.article_id == reference else ""
        lines.append(f"{where}: {source}{ev.claim.role.value} “{ev.claim.text}”{said}")
    return "\n".join(lines)


def _problem_case(suite: ET.Element, problem: InputProblem) -> None:
    name = f"input line {problem.line}" if problem.line else "input"
    case = ET.SubElement(suite, "testcase", classname=xml_safe(problem.path), name=name)
    error = ET.SubElement(case, "error", type="input", message=xml_safe(problem.message))
    error.text = xml_safe(problem.render())  # path:line: level: message (hint), as on stderr


def _count(element: ET.Element, children: str | None = None) -> None:
    """Set tests, failures and errors: of a suite's test cases, or summed over ``children`` suites."""
    if children is None:
        cases = element.findall("testcase")
        tests = len(cases)
        failures = sum(1 for c in cases if c.find("failure") is not None)
        errors = sum(1 for c in cases if c.find("error") is not None)
    else:
        suites = element.findall(children)
        tests, failures, errors = (sum(int(s.get(key, "0")) for s in suites) for key in ("tests", "failures", "errors"))
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", str(errors))
