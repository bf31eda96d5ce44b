"""Shared test options and fixtures."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from checker.rulepack import load_rules

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite expected.txt files from current output")


@pytest.fixture(scope="session")
def rules():
    """The shipped rule packs, loaded once."""
    return load_rules()


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--update-goldens")


@pytest.fixture(scope="session")
def script() -> str:
    """The installed ``claimcheck`` console script beside this Python, as CI and pre-commit run it."""
    found = shutil.which("claimcheck", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail(f"no claimcheck console script beside {sys.executable}: install the project "
                    "(pip install -e '.[test]') so that [project.scripts] makes it")
    return found


def seed(name: str) -> Path:
    """A seed article from ../shared, or skip the test with the reason."""
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed articles not available ({SEEDS} is missing: it exists beside the project checkout in CI)")
    return path


# Hypothesis profiles for the property tests: "ci" (2,000 examples) when the CI
# environment variable is set, else "dev"; HYPOTHESIS_PROFILE names one ("long":
# 100,000 examples, for an hour-long search) and overrides both.
settings.register_profile("ci", max_examples=2000, deadline=None)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile("long", max_examples=100_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
