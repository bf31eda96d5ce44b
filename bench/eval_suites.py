"""Section of ``bench/evaluate.py``: 2. Regression suites (not written yet)."""

from __future__ import annotations

import argparse

TITLE = "2. Regression suites"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def section(args: argparse.Namespace) -> str:
    return "Not measured yet."
