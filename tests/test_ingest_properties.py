"""Property tests for ingest -> segment -> extract -> check -> JSON report.

Settings profiles ("dev", "ci", "long") are registered in ``conftest.py``.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract import extract
from checker.ingest import read_path_text
from checker.model import Document
from checker.pipeline import check_documents
from checker.reports.json_report import render
from checker.rulepack import load_rules
from checker.segment import segment

RULES = load_rules()
ROOT = Path(__file__).resolve().parents[1]


def read(path: str, text: str) -> list[Document]:
    """Documents from ``read_path_text``, whichever shape it returns for the suffix."""
    result = read_path_text(path, text)
    return list(result[0] if isinstance(result, tuple) else result)


# --- arbitrary input ----------------------------------------------------------------

_MARKUP = [
    "<p>", "</p>", "<h1>", "</h1>", "<h2>", "<figcaption>", "</figcaption>", "<figure>", "<script>", "</script>",
    "<style>", "</style>", "<title>", "</title>", "<br>", "<br/>", "<hr/>", "<div class=\"a\">", "</div>",
    "<li>", "<nav>", "</nav>", "<img alt=\"x\">", "<!-- c -->", "<!--", "-->", "<![CDATA[x]]>", "<!DOCTYPE html>",
    "&amp;", "&nbsp;", "&#8212;", "&#x2014;", "&#0;", "&#xD800;", "&#99999999;", "&bogus;", "&amp", "&", "<", ">",
    "# ", "## ", "#", "![", "![alt](a.png)", "](", "**", "*", "_", "__", "---\n", "---", "> ", "- ",
    "\n", "\n\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x85", "\t", "  ",
    "\u00a0", "\u202f", "\u200b", "\u200f", "\u202e", "\ufeff", "\u0301", "\u0663\u0664", "\uff11\uff12",
    ". ", "! ", "? ", "Mr. ", "U.S. ", "\"", "“", "”", "’",
]
_SENTENCES = [
    "Fire kills 12 in Lyon", "Nine people were killed.", "The crash injured 30 people.",
    "At least 1,200 people were displaced.", "Between 5 and 10 people died in Kyiv.", "About 40 were hurt.",
    "Dozens of people were arrested on Monday.", "The toll rose to 18, including four children.",
    "Police said 3 or more people were missing.", "Up to 2.5 million people fled their homes.",
]
_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
ARBITRARY_INPUT = st.one_of(
    st.text(_ALPHABET, max_size=200),
    st.lists(st.one_of(st.sampled_from(_MARKUP), st.sampled_from(_SENTENCES), st.text(_ALPHABET, max_size=6)),
             max_size=40).map("".join),
)


@given(ARBITRARY_INPUT, st.sampled_from([".txt", ".md", ".html"]))
def test_ingest_segment_extract_never_raise_and_claim_text_is_its_span(text: str, suffix: str) -> None:
    for doc in read(f"article{suffix}", text):
        article = segment(doc, RULES)
        for claim in extract(article, RULES):
            seg = article.segments[claim.segment_index]
            assert 0 <= claim.start < claim.end <= len(seg.text), (text, claim)
            assert claim.text == seg.text[claim.start:claim.end], (text, seg.text, claim)


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s)


@given(ARBITRARY_INPUT, st.sampled_from([".txt", ".md"]))
def test_claim_source_map_points_at_the_claim_in_the_input(text: str, suffix: str) -> None:
    # Plain text and Markdown copy text verbatim (wrapped lines are joined with a
    # space), so the input at a claim's mapped offsets reads the claim's text.
    for doc in read(f"article{suffix}", text):
        article = segment(doc, RULES)
        for claim in extract(article, RULES):
            seg = article.segments[claim.segment_index]
            for occurrence in seg.occurrences:
                start = occurrence.to_input(claim.start)
                end = occurrence.to_input(claim.end - 1) + 1
                assert _squash(doc.text[start:end]) == _squash(claim.text), (text, claim, doc.text[start:end])


# --- generated articles -------------------------------------------------------------

_NUMBERS = ["3", "9", "12", "15", "30", "1,200", "nine", "twelve", "Nine", "at least 10", "more than 20",
            "about 40", "up to 50", "dozens of"]
_PLACES = ["Lyon", "Kyiv", "Dhaka"]
_TEMPLATES = [
    "Fire kills {n} in {place}", "{N} people were killed in {place}.", "The crash injured {n} people.",
    "{N} people were injured in the blast in {place}.", "Officials said {n} people died.",
    "The death toll in {place} rose to {n}.", "Police arrested {n} people in {place} on Monday.",
    "{N} people are still missing, officials said.", "Rescuers said {n} people were killed, including {m} children.",
    "The storm left {n} people homeless in {place}.",
]


@st.composite
def sentence(draw) -> str:
    template = draw(st.sampled_from(_TEMPLATES))
    n = draw(st.sampled_from(_NUMBERS))
    return template.format(n=n, N=n[0].upper() + n[1:], m=draw(st.sampled_from(["two", "4", "five"])),
                           place=draw(st.sampled_from(_PLACES)))


@st.composite
def article_text(draw) -> tuple[str, str]:
    """(suffix, text) of a short news article: a headline and a few paragraphs."""
    headline = draw(sentence()).rstrip(".")
    paragraphs = draw(st.lists(st.lists(sentence(), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=4))
    suffix = draw(st.sampled_from([".txt", ".md", ".html"]))
    if suffix == ".txt":
        text = "\n\n".join([headline, *paragraphs]) + "\n"
    elif suffix == ".md":
        text = "\n\n".join([f"# {headline}", *paragraphs]) + "\n"
    else:
        text = f"<html><body><h1>{headline}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>"
    return suffix, text


corpora = st.lists(article_text(), min_size=2, max_size=5)


# These run the whole pipeline over up to five articles, several times an example:
# a fifth of the profile's examples keeps the "ci" profile near a minute in all.
PIPELINE = settings(max_examples=max(10, settings().max_examples // 5))


def documents(corpus: list[tuple[str, str]]) -> list[Document]:
    return [doc for i, (suffix, text) in enumerate(corpus) for doc in read(f"a{i}{suffix}", text)]


@PIPELINE
@given(corpora)
def test_checking_the_same_documents_twice_gives_identical_json(corpus) -> None:
    docs = documents(corpus)
    first = render(check_documents(docs, RULES))
    assert render(check_documents(docs, RULES)) == first
    # Documents read again from the same text: equal input, new objects.
    assert render(check_documents(documents(corpus), RULES)) == first


@PIPELINE
@given(corpora, st.randoms(use_true_random=False))
def test_shuffling_articles_keeps_the_discrepancy_fingerprints(corpus, rnd: random.Random) -> None:
    docs = documents(corpus)
    shuffled = docs[:]
    rnd.shuffle(shuffled)
    before = Counter(d.fingerprint for d in check_documents(docs, RULES).discrepancies)
    after = Counter(d.fingerprint for d in check_documents(shuffled, RULES).discrepancies)
    assert before == after


@PIPELINE
@given(corpora, st.randoms(use_true_random=False))
def test_shuffling_articles_keeps_the_discrepancy_records(corpus, rnd: random.Random) -> None:
    # Discrepancies are sorted by where they are, so the report's findings (not
    # its article list, which follows the input order) must not change either.
    docs = documents(corpus)
    shuffled = docs[:]
    rnd.shuffle(shuffled)
    before = json.loads(render(check_documents(docs, RULES)))["discrepancies"]
    after = json.loads(render(check_documents(shuffled, RULES)))["discrepancies"]
    assert before == after


# --- across processes ---------------------------------------------------------------

_RENDER_ALL = """
import json, sys
from checker.ingest import read_path_text
from checker.pipeline import check_documents
from checker.reports.json_report import render
from checker.rulepack import load_rules
rules = load_rules()
out = []
for corpus in json.load(sys.stdin):
    docs = []
    for i, (suffix, text) in enumerate(corpus):
        r = read_path_text(f"a{i}{suffix}", text)
        docs += r[0] if isinstance(r, tuple) else r
    out.append(render(check_documents(docs, rules)))
json.dump(out, sys.stdout)
"""


def _random_corpus(rnd: random.Random) -> list[tuple[str, str]]:
    def one() -> str:
        n = rnd.choice(_NUMBERS)
        return rnd.choice(_TEMPLATES).format(n=n, N=n[0].upper() + n[1:], m=rnd.choice(["two", "4"]),
                                             place=rnd.choice(_PLACES))
    corpus = []
    for _ in range(rnd.randint(2, 4)):
        paragraphs = [" ".join(one() for _ in range(rnd.randint(1, 3))) for _ in range(rnd.randint(1, 4))]
        corpus.append((".txt", "\n\n".join([one().rstrip("."), *paragraphs]) + "\n"))
    return corpus


def test_json_report_does_not_depend_on_the_hash_seed() -> None:
    # Sets and dicts keyed by strings iterate in an order that changes with
    # PYTHONHASHSEED; a report must not.
    rnd = random.Random(20240601)
    batch = json.dumps([_random_corpus(rnd) for _ in range(60)])
    outputs = []
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", _RENDER_ALL], input=batch, capture_output=True, text=True,
                              env=env, cwd=ROOT, check=True)
        outputs.append(json.loads(done.stdout))
    assert any(json.loads(r)["discrepancies"] for r in outputs[0])  # the batch does find something
    assert outputs[0] == outputs[1]
