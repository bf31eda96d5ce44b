"""Fuzzing ``claimcheck check`` on bytes (issue 9): a short hypothesis-driven run in CI, and every crasher replayed.

The target, the mutations and what counts as a crash live in ``bench/fuzz_target.py``
(shared with ``bench/fuzz.py``, which runs the coverage-guided atheris harness for
an hour; see docs/fuzzing.md). Each input is checked twice through the CLI's own
path (read, check with suppressions, every report format): any exception but a
documented input error, a claim whose offsets do not read it, a report that does not
parse, or two runs that differ is a crash.

The fuzz property runs an eighth of the profile's examples (250 under CI=true, well
under a minute; 12,500 with ``--hypothesis-profile=long`` or ``HYPOTHESIS_PROFILE=long``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import fuzz_target

FUZZ_EXAMPLES = max(10, settings.default.max_examples // 8)
CRASHERS = fuzz_target.crasher_files()


@pytest.fixture(scope="module")
def target():
    t = fuzz_target.Target()
    yield t
    t.close()


def test_the_seed_corpus_holds_every_format_and_each_seed_checks_cleanly(target) -> None:
    seeds = fuzz_target.seed_corpus()
    assert {suffix for suffix, _ in seeds} == set(fuzz_target.SUFFIXES)
    assert len(seeds) >= 40
    for suffix, data in seeds:
        target.check_bytes(data, suffix)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                             HealthCheck.data_too_large])
@given(fuzz_target.fuzz_inputs())
@example((".html", b"<p>12 people died.</p><!-- claimcheck-disable"))
@example((".jsonl", b'{"id": "a", "body": "12 people died.\\u0000", "claimcheck": {"disable": "all"}}\n'))
@example((".md", b"\xff\xfe1\x002\x00 people"))
def test_mutated_articles_never_crash_the_check_or_break_its_invariants(target, case: tuple[str, bytes]) -> None:
    suffix, data = case
    target.check_bytes(data, suffix)


@pytest.mark.parametrize("path", CRASHERS, ids=[p.name for p in CRASHERS])
def test_every_kept_crasher_now_checks_without_a_crash(target, path: Path) -> None:
    target.check_bytes(path.read_bytes(), path.suffix)


def test_the_atheris_input_format_round_trips() -> None:
    for suffix in fuzz_target.SUFFIXES:
        assert fuzz_target.split_input(fuzz_target.join_input(suffix, b"12 dead")) == (suffix, b"12 dead")
    assert fuzz_target.split_input(b"") == (".txt", b"")
