"""Pack patterns: linted for nested repetition, run on RE2, never hang and never crash the loader."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.patterns import PatternError, combine, compile_pattern, nested_repetition


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a*)*b", r"(\w+\s?)*$", "(?:x+y){2,}", "((ab)*c)+", "(a|b+)*"])
def test_nested_repetitions_are_rejected(pattern: str) -> None:
    assert nested_repetition(pattern) is not None
    with pytest.raises(PatternError, match="nested repetition"):
        compile_pattern(pattern)


@pytest.mark.parametrize("pattern", ["source link", "(most )?read(ed)? (more )?from .{1,60}", "a+b+", "(ab){1,3}",
                                     r"^(watch|video)\s*:", r"\((photos?|images?)\s*:[^)]*\)\s*$"])
def test_ordinary_patterns_pass_the_lint(pattern: str) -> None:
    assert nested_repetition(pattern) is None
    assert compile_pattern(pattern).pattern == pattern  # and RE2 compiles it


def test_patterns_match_case_insensitively() -> None:
    assert compile_pattern("most read from .{1,60}").fullmatch("MOST READ FROM The Daily") is not None


@given(st.text(max_size=40))
def test_any_text_is_either_a_pattern_or_a_clear_error(text: str) -> None:
    try:
        compile_pattern(text)
    except PatternError as exc:
        assert str(exc)


@given(st.lists(st.sampled_from(["a", "a+", "(a)", "(a+)", "*", "+", "?", "|", "(", ")", "b", "{2,}"]), max_size=12))
def test_whatever_compiles_runs_in_linear_time(parts: list[str]) -> None:
    try:
        pattern = compile_pattern("".join(parts))
    except PatternError:
        return
    started = time.perf_counter()
    combine((pattern,)).search("a" * 20_000 + "!")
    assert time.perf_counter() - started < 1.0
