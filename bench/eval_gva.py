"""Section of ``bench/evaluate.py``: 4. Casualty counts on GVA (not written yet)."""

from __future__ import annotations

import argparse

TITLE = "4. Casualty counts on GVA"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def section(args: argparse.Namespace) -> str:
    return "Not measured yet."
