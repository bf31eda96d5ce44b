"""Section of ``bench/evaluate.py``: 3. SummEdits: summaries checked against their articles (not written yet)."""

from __future__ import annotations

import argparse

TITLE = "3. SummEdits: summaries checked against their articles"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def section(args: argparse.Namespace) -> str:
    return "Not measured yet."
