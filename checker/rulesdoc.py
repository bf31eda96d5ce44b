"""Render docs/rules.md from the shipped rule packs.

Run ``python -m checker.rulesdoc > docs/rules.md`` after changing a pack in
rules/; tests/test_docs.py fails while the file is out of date.
"""

from __future__ import annotations

import sys

from checker.ruleinfo import rules_markdown
from checker.rulepack import load_rules


def main() -> None:
    """Print docs/rules.md."""
    sys.stdout.write(rules_markdown(load_rules()))


if __name__ == "__main__":
    main()
