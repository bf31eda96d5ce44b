"""ANSI colours for the terminal formats (text, concise), and when to use them.

Only the severity and the rule code are coloured: the rest of a line stays plain
so that paths and messages can still be copied and grepped.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TextIO

from checker.model import Severity

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
# Red, yellow, cyan: the usual linter palette, readable on dark and light backgrounds.
SEVERITY_COLOURS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
COLOR_CHOICES = ("auto", "always", "never")


def severity(level: Severity | str, text: str | None = None) -> str:
    """``text`` (the severity's own name by default) in the severity's colour."""
    level = Severity(level)
    return f"{SEVERITY_COLOURS[level]}{level.value if text is None else text}{RESET}"


def bold(text: str) -> str:
    """``text`` in bold."""
    return f"{BOLD}{text}{RESET}"


def use_color(choice: str, stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour a report written to ``stream`` (``--color auto|always|never``).

    ``auto`` follows the conventions most command-line tools share: ``NO_COLOR``
    (https://no-color.org) set to anything but the empty string turns colour off,
    then ``FORCE_COLOR`` set non-empty turns it on (CI logs render ANSI codes but
    are not terminals), and otherwise colour is used only on a terminal.
    """
    if choice not in COLOR_CHOICES:
        raise ValueError(f"--color must be one of {', '.join(COLOR_CHOICES)}, not {choice!r}")
    if choice != "auto":
        return choice == "always"
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    return _is_terminal(stream)


def _is_terminal(stream: TextIO) -> bool:
    # A replaced sys.stdout may lack isatty, and a closed one raises: neither is a terminal.
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False
