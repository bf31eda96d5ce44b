"""Checkstyle XML: the lint-report format most review bots and CI plugins read (reviewdog, Jenkins warnings).

``<checkstyle version="4.3">`` holds a ``<file name=PATH>`` per file, in sorted
order, and in it an ``<error line column severity message source="claimcheck.CODE"/>``
per finding at its first side (the other sides are named in the message) and per
input problem (``source="claimcheck.input"``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from checker.reports import DEFAULT_OPTIONS, ReportOptions
from checker.reports.github import other_sides
from checker.reports.junit import serialise, xml_safe

from checker.model import RunResult

CHECKSTYLE_VERSION = "4.3"
SOURCE_PREFIX = "claimcheck."


def render(result: RunResult, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    """The check as a Checkstyle XML document."""
    return serialise(checkstyle(result))


def checkstyle(result: RunResult) -> ET.Element:
    """The ``<checkstyle>`` element: each file's findings and problems, files sorted by name."""
    records = {a.id for a in result.articles if a.record_line is not None}
    # (line, column, attributes) per path, sorted below so problems fall in line order too.
    errors: dict[str, list[tuple[int, int, dict[str, str]]]] = defaultdict(list)
    for d in result.discrepancies:
        first = d.evidence[0]
        line, column = first.locations[0]
        also = other_sides(d, result.reference)
        attributes = {"line": str(line)}
        if first.article_id not in records:  # a JSONL column counts into the record's text, not the file line
            attributes["column"] = str(column)
        attributes.update(severity=d.severity.value, message=xml_safe(d.message + (f" (also: {also})" if also else "")),
                          source=SOURCE_PREFIX + d.rule)
        errors[first.path].append((line, column, attributes))
    for p in result.problems:
        attributes = {"line": str(p.line)} if p.line else {}
        message = p.message + (f" ({p.hint})" if p.hint else "")
        attributes.update(severity="error" if p.level == "error" else "warning", message=xml_safe(message),
                          source=SOURCE_PREFIX + "input")
        errors[p.path].append((p.line or 0, 0, attributes))
    root = ET.Element("checkstyle", version=CHECKSTYLE_VERSION)
    # Every checked file is listed, clean ones empty: consumers then know it was checked.
    for path in sorted(set(errors) | {a.path for a in result.articles}):
        element = ET.SubElement(root, "file", name=xml_safe(path))
        for _, _, attributes in sorted(errors.get(path, ()), key=lambda e: (e[0], e[1])):
            ET.SubElement(element, "error", attributes)
    return root
