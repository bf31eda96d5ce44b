"""The data model every pipeline stage reads and returns.

All classes are frozen: a stage takes values and returns new ones, so stages can
run anywhere (a thread, a Dask worker) and the same input always gives the same
output. Offsets are character offsets; lines and columns are derived only when
reporting.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """Which part of an article a segment is."""

    HEADLINE = "headline"
    CAPTION = "caption"
    BODY = "body"


class Qualifier(StrEnum):
    """How a number was hedged in the text."""

    EXACT = "exact"
    APPROX = "approx"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"
    RANGE = "range"
    INCREASE = "increase"
    DECREASE = "decrease"


class Severity(StrEnum):
    """How much a finding matters; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Numeric order for thresholds."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class SourceMap:
    """Maps offsets in a segment's text to offsets in the article's input text.

    ``anchors`` are (text_offset, input_offset) pairs in ascending order; between
    two anchors both offsets advance together. HTML entities and markup make the
    text shorter than the input, so they start a new anchor.
    """

    anchors: tuple[tuple[int, int], ...]

    def to_input(self, offset: int) -> int:
        """Input offset of the character at ``offset`` in the segment text."""
        if len(self.anchors) == 1:  # text copied verbatim: the common case
            return self.anchors[0][1] + offset - self.anchors[0][0]
        keys = [a[0] for a in self.anchors]
        i = bisect.bisect_right(keys, offset) - 1
        text_at, input_at = self.anchors[max(i, 0)]
        return input_at + (offset - text_at)

    @staticmethod
    def identity(start: int) -> SourceMap:
        """A map for text copied verbatim from ``start`` in the input."""
        return SourceMap(((0, start),))


@dataclass(frozen=True, slots=True)
class Block:
    """A run of text an ingester found, before segmentation decides its role."""

    text: str
    source_map: SourceMap
    role: Role | None = None  # set when the format says it (HTML <h1>, Markdown '#')


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read from its input, not yet segmented."""

    id: str
    path: str
    text: str  # the decoded input the source maps point into
    blocks: tuple[Block, ...]
    source: str | None = None  # the outlet
    published: str | None = None
    url: str | None = None
    record_line: int | None = None  # JSONL: the line of the record in its file
    # JSONL: the record's ``claimcheck.disable`` codes as written (an empty tuple: every rule);
    # None when the record has none. See checker/suppress.py and docs/suppressions.md.
    suppress: tuple[str, ...] | None = None
    checked_until: int | None = None  # see Article.checked_until


@dataclass(frozen=True, slots=True)
class Segment:
    """A headline, caption or body paragraph of an article."""

    role: Role
    index: int
    text: str
    # One map per place the text occurs: a caption repeated verbatim is one
    # segment with two occurrences, so it yields one claim with two locations.
    occurrences: tuple[SourceMap, ...]
    sentences: tuple[tuple[int, int], ...]  # (start, end) offsets in ``text``


@dataclass(frozen=True, slots=True)
class Article:
    """A segmented article."""

    id: str
    path: str
    text: str
    segments: tuple[Segment, ...]
    source: str | None = None
    published: str | None = None
    url: str | None = None
    record_line: int | None = None
    suppress: tuple[str, ...] | None = None  # from Document.suppress
    line_starts: tuple[int, ...] = field(default=(0,), repr=False)
    # Where checking stopped (an input offset) when the article has more figures than
    # max_claims_per_article (checker/limits.py); None: the whole article was checked.
    checked_until: int | None = None

    def locate(self, input_offset: int) -> tuple[int, int]:
        """1-based (line, column) of an input offset.

        A JSONL record is one line of its file, so its claims report that line and
        the column counts characters into the record's article text.
        """
        if self.record_line is not None:
            return self.record_line, input_offset + 1
        line = bisect.bisect_right(self.line_starts, input_offset)
        return line, input_offset - self.line_starts[line - 1] + 1


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number read from text, as the interval it allows."""

    value: float
    low: float | None  # None: unbounded
    high: float | None
    qualifier: Qualifier = Qualifier.EXACT
    low_open: bool = False
    high_open: bool = False
    unit: str | None = None  # canonical unit (pint name or ISO currency); None for counts
    # Half the last written digit ("1.2 million" -> 50,000); 0 for plain integers.
    precision: float = 0.0
    vague: bool = False  # "dozens", "hundreds"
    kind: str = "count"  # count, quantity (with a unit), currency, percent, age


@dataclass(frozen=True, slots=True)
class Context:
    """What a sentence says about where, when and on whose word."""

    places: tuple[str, ...] = ()
    times: tuple[tuple[str, str], ...] = ()  # (kind, value): ("weekday", "monday")
    past_cue: str | None = None  # "last year", "the 2009 shooting", "since"
    attribution: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One extracted quantity and what it is about."""

    article_id: str
    segment_index: int
    role: Role
    start: int  # offsets in the segment text
    end: int
    text: str  # the surface text, equal to segment.text[start:end]
    quantity: Quantity
    sentence: tuple[int, int]
    measure: str | None = None  # "killed", from the rule whose triggers matched
    rule: str | None = None  # code of the rule that assigned the measure
    counted: str | None = None  # the counted noun as written: "children"
    counted_class: str | None = None  # what is compared: "people", "child"
    context: Context = Context()
    part_of: int | None = None  # index (in the article's claims) of the whole
    index: int = 0  # position in the article's claims
    # Why the figure is not a total to compare: "partitive" ("one of the dead"),
    # "reference" ("the four wounded"), "subset" ("two died at the scene").
    note: str | None = None
    # (Also "change": "raised rates by 0.25 points"; "compound": "12 years and six months".)
    # Who or what the figure is said of, when the sentence says: a name ("Jane Smith",
    # "Acme"), a noun ("company", "meeting") or a pronoun ("he"). An age's subject is
    # the person whose age it is, resolved within the article ("Smith" -> "Jane Smith");
    # figures said of different subjects are never compared (see checker/align.py).
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A span a finding is about that is not a figure: a name or place as written."""

    article_id: str
    segment_index: int
    role: Role
    start: int  # offsets in the segment text
    end: int
    text: str  # equal to segment.text[start:end]
    sentence: tuple[int, int]
    context: Context = Context()


@dataclass(frozen=True, slots=True)
class Evidence:
    """One side of a discrepancy, located for reporting."""

    claim: Claim | Mention
    path: str
    article_id: str
    locations: tuple[tuple[int, int], ...]  # (line, column) of every occurrence
    sentence_text: str
    claim_start_in_sentence: int
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """A disagreement between claims, with the evidence from every side."""

    rule: str
    rule_name: str
    kind: str  # "numeric"
    measure: str
    severity: Severity
    scope: str  # "within" | "across" | "reference" (a derived text against its source)
    message: str
    evidence: tuple[Evidence, ...]
    fingerprint: str


@dataclass(frozen=True, slots=True)
class InputProblem:
    """An input that could not be read, or part of it."""

    path: str
    line: int | None
    message: str
    hint: str = ""
    level: str = "error"  # "error" makes the run exit 2; "warning" does not

    def render(self) -> str:
        """``path:line: level: message (hint)`` as shown on stderr."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        tail = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.level}: {self.message}{tail}"


@dataclass(frozen=True, slots=True)
class RunResult:
    """Everything a check produced."""

    articles: tuple[Article, ...]
    claims: tuple[tuple[Claim, ...], ...]  # per article, same order
    discrepancies: tuple[Discrepancy, ...]
    problems: tuple[InputProblem, ...] = ()
    # The id of the source article the others were checked against (``check --reference``), else None.
    reference: str | None = None
