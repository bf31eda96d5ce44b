"""Reliability properties (issue 9): arbitrary Unicode through the whole pipeline, and numbers
written every way a newsroom writes them read back to themselves.

``tests/test_ingest_properties.py`` and ``tests/test_number_properties.py`` hold the
neighbouring properties; this file adds what they leave out: JSONL records, the
report's input offsets (``claim_record`` start/end), Unicode built to stress the
segmenter and number grammar (RTL letters, joiners, combining marks, odd spaces,
non-ASCII digits, U+2028/U+2029), the whole check at the full example count of the
profile, and thin-space grouping and whole-pipeline round trips for integers.

Settings profiles ("dev", "ci", "long") are registered in ``conftest.py``; every
property here runs the profile's full count (2,000 under CI=true).
"""

from __future__ import annotations

import json
import random
import re

from hypothesis import example, given
from hypothesis import strategies as st

from checker.errors import CheckerError
from checker.extract.numbers import find_numbers, read_number_words
from checker.ingest.html import read_html
from checker.ingest.jsonl import line_document
from checker.ingest.markdown import read_markdown
from checker.ingest.plaintext import read_text
from checker.model import Document, InputProblem
from checker.pipeline import check_documents, extract_documents
from checker.reports.json_report import render
from checker.reports.records import claim_record, extract_records
from checker.rulepack import load_rules

RULES = load_rules()
LEXICON = RULES.lexicon

# --- arbitrary Unicode -----------------------------------------------------------------

_CHARS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    ".,;:!?'\"()-/%$£€+#&*"
    " \n\t\r"
    "\u05d0\u05d1\u05e9\u0627\u0644\u0628\u0645"  # Hebrew, Arabic letters (RTL)
    "\u200c\u200d\u200b\u200e\u200f\u2060\ufeff\u202e"  # ZWNJ, ZWJ, ZWSP, marks, word joiner, BOM, RLO
    "\u0301\u0308\u0327\u20e3"  # combining marks
    "\u00a0\u2009\u202f\u3000"  # NBSP, thin space, narrow NBSP, ideographic space
    "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19"  # full-width digits
    "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"  # Arabic-Indic digits
    "\u06f4\u0966\u2212\u2013\u2014\u2019\u201c\u201d"
    "\u2028\u2029\u0085\x0b\x0c"  # line/paragraph separators and other line breaks
)
_WORDS = [
    "one", "nine", "twelve", "twenty-one", "hundred", "thousand", "million", "billion", "dozens", "and",
    "at least", "more than", "about", "up to", "between", "people", "killed", "injured", "were", "Officials said",
    "The storm killed", "in Lyon", "on Monday", "percent", "km", "$", "1,200", "3.5", "2024", "12", "5-10",
    "1\u00a0234", "1\u2009234", "\uff11\uff12", "\u0661\u0662", "Mr.", "U.S.", ". ", "\n\n", "# ", "Fire kills 12",
]
UNICODE_TEXT = st.one_of(
    st.text(st.sampled_from(_CHARS), max_size=60),
    st.lists(st.one_of(st.sampled_from(_WORDS), st.text(st.sampled_from(_CHARS), max_size=3)), max_size=16)
    .map(" ".join),
    st.lists(st.one_of(st.sampled_from(_WORDS), st.text(st.sampled_from(_CHARS), max_size=3)), max_size=16)
    .map("".join),
)
FORMATS = ["txt", "md", "html", "jsonl"]


def documents(fmt: str, path: str, text: str, *, title: str | None = None) -> list[Document]:
    """The documents of ``text`` read as ``fmt``; a documented input problem gives none."""
    if fmt == "txt":
        return read_text(path, text)
    if fmt == "md":
        return read_markdown(path, text)
    if fmt == "html":
        return read_html(path, text)
    record = {"id": path, "body": text}
    if title is not None:
        record["title"] = title
    got = line_document(path, 1, json.dumps(record, ensure_ascii=False))
    if got is None or isinstance(got, InputProblem):
        return []
    assert isinstance(got, Document), got
    return [got]


# Characters ``str.splitlines`` breaks on: a wrapped paragraph joins its lines with
# one space, so a claim across such a break reads a space where the input has the
# break (and any spaces stripped around it).
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _squash(s: str) -> str:
    return re.sub(rf"[\s{_BREAKS}]+", " ", s)


@given(UNICODE_TEXT, st.sampled_from(FORMATS), st.one_of(st.none(), UNICODE_TEXT))
@example("The storm killed 12 people.\u2028Officials said 14 people were killed.", "txt", None)
@example("\u0661\u0662 people were killed. \uff11\uff12 people died.", "md", None)
def test_unicode_through_the_pipeline_never_raises_and_offsets_point_at_the_claim(text: str, fmt: str,
                                                                                  title: str | None) -> None:
    try:
        docs = documents(fmt, "a." + fmt, text, title=title)
        result = check_documents(docs, RULES)
        report = render(result)
        records = extract_records(extract_documents(docs, RULES))
    except CheckerError:
        return  # a documented input error
    json.loads(report)
    by_id = {d.id: d for d in docs}
    exact = fmt != "html" or not re.search(r"[&<\s]", text)
    for article, claims in zip(result.articles, result.claims):
        source = by_id[article.id].text
        for claim in claims:
            rec = claim_record(article, claim)
            start, end = rec["start"], rec["end"]
            assert 0 <= start < end <= len(source), (text, rec)
            got = source[start:end]
            if exact and not any(c in _BREAKS for c in got):
                assert got == claim.text, (text, fmt, got, rec)
            elif fmt != "html" or not re.search("[&<]", text):
                # Across a wrapped line, or HTML whitespace collapsed to one space.
                assert _squash(got) == _squash(claim.text), (text, fmt, got, rec)
    assert len(records) == sum(len(cs) for cs in result.claims)


# Sentences that give findings once articles disagree, mixed with arbitrary Unicode
# so findings and noise share articles.
_NEWS = [
    "The storm killed {} people in Lyon.", "Officials said {} people were killed in Lyon.",
    "Fire kills {} in Lyon", "At least {} people were injured in the blast in Lyon.",
    "The death toll in Lyon rose to {}.", "{} people are still missing, officials said.",
]
_FIGURES = ["3", "9", "12", "15", "1,200", "1\u00a0200", "nine", "twelve", "\u0661\u0662", "\uff11\uff12"]
_NEWS_SENTENCE = st.builds(str.format, st.sampled_from(_NEWS), st.sampled_from(_FIGURES))
NEWS_TEXT = st.builds(
    lambda headline, paragraphs: "\n\n".join([headline, *paragraphs]),
    st.builds("Storm kills {} in Lyon".format, st.sampled_from(_FIGURES)),
    st.lists(st.one_of(_NEWS_SENTENCE, st.tuples(_NEWS_SENTENCE, UNICODE_TEXT).map(" ".join), UNICODE_TEXT),
             min_size=1, max_size=4),
)


@given(st.lists(st.tuples(st.sampled_from(FORMATS), st.one_of(NEWS_TEXT, NEWS_TEXT, UNICODE_TEXT)), min_size=1,
                max_size=4))
def test_checking_unicode_documents_twice_gives_identical_json(corpus) -> None:
    docs = [d for i, (fmt, text) in enumerate(corpus) for d in documents(fmt, f"a{i}.{fmt}", text)]
    first = render(check_documents(docs, RULES))
    assert render(check_documents(docs, RULES)) == first
    again = [d for i, (fmt, text) in enumerate(corpus) for d in documents(fmt, f"a{i}.{fmt}", text)]
    assert render(check_documents(again, RULES)) == first


@given(st.lists(st.tuples(st.sampled_from(FORMATS), NEWS_TEXT), min_size=2, max_size=4),
       st.randoms(use_true_random=False))
def test_shuffling_unicode_articles_keeps_the_findings(corpus, rnd: random.Random) -> None:
    # Every article has its own path, and findings are sorted by path, line, column,
    # rule and fingerprint: the findings of the report cannot depend on the order.
    docs = [d for i, (fmt, text) in enumerate(corpus) for d in documents(fmt, f"a{i}.{fmt}", text)]
    shuffled = docs[:]
    rnd.shuffle(shuffled)
    before, after = check_documents(docs, RULES), check_documents(shuffled, RULES)
    assert ({(d.rule, d.fingerprint) for d in before.discrepancies}
            == {(d.rule, d.fingerprint) for d in after.discrepancies})
    assert json.loads(render(before))["discrepancies"] == json.loads(render(after))["discrepancies"]


# --- integers written every way --------------------------------------------------------

_SMALL = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_DECADES = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n: int, *, hyphen: bool = True, and_: bool = False) -> str:
    """English words for 0 <= n < 10**12, written independently of the code under test.

    ``hyphen``: "sixty-seven" or "sixty seven"; ``and_``: British "and" before the
    last part under a hundred ("one hundred and five", "two thousand and one").
    """
    if n == 0:
        return "zero"

    def under_100(k: int) -> str:
        if k < 20:
            return _SMALL[k]
        tens, ones = divmod(k, 10)
        return _DECADES[tens] + (("-" if hyphen else " ") + _SMALL[ones] if ones else "")

    def under_1000(k: int) -> list[str]:
        hundreds, rest = divmod(k, 100)
        out = [_SMALL[hundreds], "hundred"] if hundreds else []
        if rest:
            out += (["and"] if and_ and hundreds else []) + [under_100(rest)]
        return out

    out: list[str] = []
    for factor, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"), (1, "")):
        count, n = divmod(n, factor)
        if count:
            if factor == 1 and and_ and out and count < 100:
                out.append("and")
            out += under_1000(count) + ([name] if name else [])
    return " ".join(out)


def test_words_helper() -> None:
    assert words(1234567) == "one million two hundred thirty-four thousand five hundred sixty-seven"
    assert words(1234567, hyphen=False, and_=True) == (
        "one million two hundred and thirty four thousand five hundred and sixty seven")
    assert words(2001, and_=True) == "two thousand and one"
    assert words(10**9) == "one billion"
    assert words(90) == "ninety"


def grouped(n: int, sep: str) -> str:
    digits = str(n)
    head = len(digits) % 3 or 3
    return sep.join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


STYLES = ["plain", "comma", "nbsp", "thin", "narrow_nbsp", "words", "words_and", "words_loose", "words_loose_and"]
NUMBERS = st.one_of(st.integers(0, 10**9), st.integers(0, 10_000),
                    st.builds(lambda d, k: min(d * 10**k, 10**9), st.integers(1, 999), st.integers(0, 9)))


def write(n: int, style: str) -> str:
    if style == "plain":
        return str(n)
    if style in ("comma", "nbsp", "thin", "narrow_nbsp"):
        return grouped(n, {"comma": ",", "nbsp": "\u00a0", "thin": "\u2009", "narrow_nbsp": "\u202f"}[style])
    return words(n, hyphen="loose" not in style, and_=style.endswith("and"))


@given(NUMBERS, st.sampled_from(STYLES))
@example(1234567, "thin")
@example(1234567, "words_and")
@example(10**9, "narrow_nbsp")
@example(0, "plain")
def test_integer_written_any_way_reads_back_in_a_sentence(n: int, style: str) -> None:
    text = write(n, style)
    sentence = f"The storm killed {text} people."
    matches = find_numbers(sentence, LEXICON)
    assert len(matches) == 1, (sentence, matches)
    m = matches[0]
    assert (m.value, m.low, m.high) == (n, n, n), (sentence, m)
    assert sentence[m.core_start:m.core_end] == text, (sentence, m)
    if style.startswith("words"):
        assert read_number_words(text + " people") == (n, len(text))


@given(NUMBERS, st.sampled_from(STYLES), st.sampled_from(["txt", "md", "html", "jsonl"]))
@example(1234567, "thin", "txt")
def test_integer_written_any_way_is_the_claim_value_of_the_whole_pipeline(n: int, style: str, fmt: str) -> None:
    text = write(n, style)
    sentence = f"The storm killed {text} people."
    body = f"<p>{sentence}</p>" if fmt == "html" else sentence
    docs = documents(fmt, f"a.{fmt}", body)
    records = extract_records(extract_documents(docs, RULES))
    assert [(r["text"], r["value"], r["low"], r["high"]) for r in records] == [(text, n, n, n)], (sentence, records)
    source = docs[0].text
    assert source[records[0]["start"]:records[0]["end"]] == text, (source, records)
