"""The fuzz target: bytes through ``claimcheck check`` as a user's file takes them, and what counts as a crash.

Shared by the coverage-guided harness (``bench/fuzz.py``, atheris) and the
hypothesis-driven one (``bench/fuzz.py --engine hypothesis`` and
``tests/test_fuzz.py``). See docs/fuzzing.md.

One input is an article file's bytes and its suffix (``.txt``, ``.md``, ``.html``,
``.jsonl``). :func:`check_bytes` writes them to a file, reads it with
:func:`checker.pipeline.read_documents`, checks it as the CLI does
(:func:`checker.cli.check_grouped`, with suppressions, no configuration file),
renders every check format in :data:`checker.reports.REPORTERS`, and does it all a
second time. A crash is any exception but :class:`checker.errors.InputError` (a
documented input error; most input problems are returned as
:class:`checker.model.InputProblem`, never raised), or a broken invariant
(:class:`Broken`):

- every claim's ``text`` is its segment's text at ``start:end``, and its input
  offsets in the report lie inside the article's text and read the claim (up to
  white space a wrapped line turns into one space; in Markdown and HTML, unless an
  entity, an escape or inline markup stands inside the figure);
- the JSON, SARIF and JSON Lines reports parse as JSON, the JUnit and Checkstyle
  reports as XML;
- the same bytes checked twice give the same JSON report.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

REPO = Path(__file__).resolve().parent.parent
SUFFIXES = (".txt", ".md", ".html", ".jsonl")
# Where the project's own articles are: the seed corpus is collected from them at run time.
SEED_DIRS = (REPO / "tests" / "fixtures", REPO / "tests" / "golden", REPO / "examples")
CRASHERS = REPO / "tests" / "fuzz_crashers"


class Broken(AssertionError):
    """An invariant of a check broke (the message says which)."""


# --- the corpus ------------------------------------------------------------------------------


def seed_corpus() -> list[tuple[str, bytes]]:
    """(suffix, bytes) of every article file under the seed directories, in a stable order."""
    seeds = []
    for directory in SEED_DIRS:
        for path in sorted(directory.rglob("*")):
            if path.is_file() and path.suffix.lower() in SUFFIXES and path.name != "expected.txt":
                seeds.append((path.suffix.lower(), path.read_bytes()))
    return seeds


def crasher_name(suffix: str, data: bytes) -> str:
    """The file name a crasher is kept under: its hash and its suffix."""
    return hashlib.sha1(data).hexdigest()[:16] + suffix


def crasher_files(directory: Path = CRASHERS) -> list[Path]:
    """The kept crashers, each a file whose suffix says how it is read."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES)


def save_crasher(suffix: str, data: bytes, directory: Path = CRASHERS) -> Path:
    """Keep an input that crashed under its hash; the same bytes keep one file."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / crasher_name(suffix, data)
    if not path.exists():
        path.write_bytes(data)
    return path


# --- mutations ----------------------------------------------------------------------------------

# Chunks of markup, numbers, hedges and directives the grammar and readers care about.
CHUNKS: tuple[bytes, ...] = tuple(s.encode("utf-8") for s in (
    "<", ">", "</p>", "<p>", "<div>", "<br>", "<h1>", "</h1>", "<!--", "-->", "<script>", "</script>", "<style>",
    "<![CDATA[", "<!DOCTYPE html>", "&amp", "&amp;", "&#99999999;", "&#xZZ;", "&nbsp;", "<img alt='12 dead'>",
    "<figcaption>", "<title>", "\n", "\n\n", "\r\n", "# ", "## ", "**", "_", "`", "```", "> ", "- ", "1. ", "[", "](",
    "](http://x)", "|", "---", "\\", "{", "}", '"', '{"id": "a", "body": "', '"}', ', "title": "', ', "source": "',
    ', "published": "2024-01-02"', ', "claimcheck": {"disable": ["CAS001"]}', "\\u0000", "\\ud800", "\\n", "null",
    "<!-- claimcheck-disable -->", "<!-- claimcheck-enable -->", "<!-- claimcheck-disable-next-line CAS001 -->",
    "<!-- claimcheck-disable CAS001,CAS002 -- reason -->", "claimcheck-disable:", "\x00", "\ufeff", "\u2028",
    "\u2029", "\u202e", "\u200d", "\u0301", "\u00a0", "\u2009", "\u202f", "\u2212", "\u2013", "\uff11\uff12",
    "\u0661\u0662", "\ud7ff", "\U0001f600", "0", "12", "1,200", "1\u00a0200", "3.5", "-5", "2024", "1990s", "10:30",
    "28/08", "5-10", "twenty-one", "one hundred and five", "a dozen", "dozens", "million", "bn", "$", "£", "€",
    "USD", "%", " per cent", " km", " mph", " kg", " or so", " or more", "+", "-plus", "at least ", "more than ",
    "about ", "up to ", "nearly ", "between ", " and ", " to ", "-", "minus ", "sub-", "aged ", " years old", "No. ",
    "Mr. ", "U.S. ", ". ", "; ", ", ", " killed", " people", " injured", " were killed", "Officials said ",
    "The storm killed ", "Fire kills ", "in Lyon", "on Monday", "yesterday", "Jane Smith, 45,", "Smith (45)",
))


def _random_chunk(rng: random.Random) -> bytes:
    kind = rng.randrange(4)
    if kind == 0:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    if kind == 1:
        return "".join(chr(rng.choice((rng.randrange(0x20, 0x7f), rng.randrange(0xa0, 0x3000),
                                       rng.randrange(0x10000, 0x10ffff)))) for _ in range(rng.randint(1, 4))
                       ).encode("utf-8", "surrogatepass")
    return rng.choice(CHUNKS)


def mutate(data: bytes, rng: random.Random, other: bytes = b"", steps: int | None = None) -> bytes:
    """``data`` after a few random edits: byte flips, inserted chunks, deletions, repeats, truncation, splices."""
    buf = bytearray(data)
    for _ in range(steps if steps is not None else rng.randint(1, 6)):
        op = rng.randrange(8)
        at = rng.randint(0, len(buf))
        if op == 0 and buf:  # flip a bit
            i = rng.randrange(len(buf))
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1 and buf:  # set a byte
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        elif op in (2, 3):  # insert a chunk (markup, a number, random bytes or characters)
            buf[at:at] = _random_chunk(rng)
        elif op == 4 and buf:  # delete a run
            buf[at:at + rng.randint(1, 64)] = b""
        elif op == 5 and buf:  # repeat a run, now and then thousands of times (stack depth, quadratic scans)
            i = rng.randrange(len(buf))
            piece = buf[i:i + rng.randint(1, 200)]
            times = rng.randint(1, 20) if rng.random() < 0.9 else rng.randint(100, max(100, 40_000 // len(piece)))
            buf[at:at] = piece * times
        elif op == 6:  # truncate
            del buf[at:]
        elif op == 7 and other:  # splice: our head, another seed's tail
            buf = buf[:at] + other[rng.randint(0, len(other)):]
    return bytes(buf)


# --- the target ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one check of an input gave."""

    articles: int
    claims: int
    findings: int
    problems: int


class Target:
    """Checks inputs through the CLI's own code path; one temporary directory and one configuration."""

    def __init__(self) -> None:
        from checker.config import Overrides, Resolver

        self._tmp = tempfile.TemporaryDirectory(prefix="claimcheck-fuzz-")
        self.directory = Path(self._tmp.name)
        # --isolated: no configuration file found above the temporary directory changes the run.
        self.resolver = Resolver(Overrides(isolated=True))

    def close(self) -> None:
        self._tmp.cleanup()

    def check_bytes(self, data: bytes, suffix: str) -> Outcome:
        """Check ``data`` as an article file with ``suffix`` twice; raise on a crash or a broken invariant."""
        path = self.directory / f"article{suffix}"
        path.write_bytes(data)
        first, outcome = self._check(path)
        second, _ = self._check(path)
        if first != second:
            raise Broken("the same bytes checked twice gave different JSON reports")
        return outcome

    def _check(self, path: Path) -> tuple[str, Outcome]:
        from checker.reports import REPORTERS, ReportOptions

        from checker.cli import check_grouped
        from checker.errors import InputError
        from checker.pipeline import read_documents

        try:
            docs, problems = read_documents([str(path)])
            result, _ = check_grouped(docs, problems, self.resolver)
        except InputError:
            return "", Outcome(0, 0, 0, 1)
        config = self.resolver.for_input(str(path))
        options = ReportOptions(rules=tuple(sorted(config.rules.described(), key=lambda r: r.code)))
        rendered = {name: render(result, options) for name, render in REPORTERS.items()}
        _check_offsets(docs, result)
        _check_reports(rendered)
        outcome = Outcome(len(result.articles), sum(len(c) for c in result.claims), len(result.discrepancies),
                          len(result.problems))
        return rendered["json"], outcome


_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


# In Markdown and HTML, what may stand between a figure's characters in the input but not in its text.
_MARKUP = re.compile(r"[&<>\\*_`\[\]()!#|~]")


def _squash(s: str) -> str:
    return re.sub(rf"[\s{_BREAKS}]+", " ", s).strip()


def _check_offsets(docs, result) -> None:
    from checker.reports.records import claim_record

    by_id = {d.id: d for d in docs}
    for article, claims in zip(result.articles, result.claims, strict=True):
        source = by_id[article.id].text
        markup = Path(article.path).suffix.lower() in (".md", ".html")
        for claim in claims:
            segment = article.segments[claim.segment_index]
            if segment.text[claim.start:claim.end] != claim.text:
                raise Broken(f"claim {claim.text!r} is not its segment's text at {claim.start}:{claim.end} "
                             f"({segment.text[claim.start:claim.end]!r})")
            rec = claim_record(article, claim)
            start, end = rec["start"], rec["end"]
            if not 0 <= start < end <= len(source):
                raise Broken(f"claim {claim.text!r} has input offsets {start}:{end} outside its article "
                             f"({len(source)} characters)")
            got = source[start:end]
            if markup and _MARKUP.search(got):
                continue  # an entity, an escape or inline markup inside the figure: the text differs by design
            if _squash(got) != _squash(claim.text):
                raise Broken(f"claim {claim.text!r} points at {got!r} ({start}:{end})")


def _check_reports(rendered: dict[str, str]) -> None:
    for name in ("json", "sarif"):
        _parse(name, rendered[name], json.loads)
    for i, line in enumerate(rendered["json-lines"].splitlines()):
        _parse(f"json-lines line {i + 1}", line, json.loads)
    for name in ("junit", "checkstyle"):
        _parse(name, rendered[name], ElementTree.fromstring)


def _parse(name: str, text: str, parse: Callable[[str], object]) -> None:
    try:
        parse(text)
    except ValueError as exc:  # json.JSONDecodeError and ElementTree.ParseError are ValueErrors
        raise Broken(f"the {name} report does not parse: {exc}") from exc


# --- the atheris input format --------------------------------------------------------------------


def split_input(data: bytes) -> tuple[str, bytes]:
    """An atheris input: the first byte picks the suffix, the rest is the file."""
    if not data:
        return SUFFIXES[0], b""
    return SUFFIXES[data[0] % len(SUFFIXES)], data[1:]


def join_input(suffix: str, content: bytes) -> bytes:
    """The atheris input that :func:`split_input` reads back as (``suffix``, ``content``)."""
    return bytes([SUFFIXES.index(suffix)]) + content


def signature(exc: BaseException) -> str:
    """A crash's kind: the exception type and the innermost frame in the project's code."""
    import traceback

    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if "/checker/" in f.filename or "/reports/" in f.filename or "fuzz_target" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    if isinstance(exc, Broken):  # one raise line, several invariants: the message without its particulars
        return f"Broken at {where}: " + re.sub(r"'[^']*'|\d+", "_", str(exc))[:80]
    return f"{type(exc).__name__} at {where}"


def iter_mutations(seed: int) -> Iterator[tuple[str, bytes]]:
    """An endless stream of mutated seeds (the plain random engine)."""
    rng = random.Random(seed)
    corpus = seed_corpus()
    while True:
        suffix, data = rng.choice(corpus)
        _, other = rng.choice(corpus)
        if rng.random() < 0.1:
            suffix = rng.choice(SUFFIXES)  # a file read as another format than it was written in
        yield suffix, mutate(data, rng, other)


def fuzz_inputs():
    """A hypothesis strategy of (suffix, bytes): mutated seeds mostly, now and then bytes or text from nothing."""
    from hypothesis import strategies as st

    corpus = seed_corpus()
    seeds = st.sampled_from(corpus)

    def mutated(seed: tuple[str, bytes], other: tuple[str, bytes], rng: random.Random, suffix: str | None):
        return suffix or seed[0], mutate(seed[1], rng, other[1])

    return st.one_of(
        st.builds(mutated, seeds, seeds, st.randoms(use_true_random=False),
                  st.one_of(st.none(), st.none(), st.none(), st.sampled_from(SUFFIXES))),
        st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=512)),
        st.tuples(st.sampled_from(SUFFIXES), st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))),
    )
