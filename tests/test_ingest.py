"""Readers and segmentation: roles, furniture, offsets, bad input."""

from __future__ import annotations

import json

from checker.ingest import decode, read_file, read_path_text
from checker.model import Role
from checker.segment import segment, split_sentences


def _article(path, text, rules):
    docs = read_path_text(path, text)
    docs = docs[0] if isinstance(docs, tuple) else docs
    return segment(docs[0], rules)


def test_plain_text_roles_and_repeated_caption(rules) -> None:
    text = ("Dam bursts in the hills\n\nA photo of the dam.\nA photo of the dam.\n\n"
            "The dam burst on Friday, flooding three villages.\n\nVIDEO: Water pours through the valley\n\n"
            "Most Read from Example Wire\n\nResidents were moved to higher ground.\n\nSource link\n")
    article = _article("a.txt", text, rules)
    roles = [(s.role, s.text) for s in article.segments]
    assert roles == [
        (Role.HEADLINE, "Dam bursts in the hills"),
        (Role.CAPTION, "A photo of the dam."),
        (Role.BODY, "The dam burst on Friday, flooding three villages."),
        (Role.CAPTION, "VIDEO: Water pours through the valley"),
        (Role.BODY, "Residents were moved to higher ground."),
    ]
    assert [article.locate(m.to_input(0)) for m in article.segments[1].occurrences] == [(3, 1), (4, 1)]


def test_credit_lines_are_captions(rules) -> None:
    article = _article("a.txt", "Headline here\n\nLeaders met at the palace on Monday. / Credit: Agency\n\n"
                       "The talks lasted three hours and ended without a deal.\n", rules)
    assert article.segments[1].role == Role.CAPTION


def test_hard_wrapped_paragraph_is_joined_and_keeps_columns(rules) -> None:
    text = ("Headline\n\nThe bridge that collapsed on Monday had been closed for repairs since the\n"
            "spring, engineers said, and 12 people were hurt.\n")
    article = _article("a.txt", text, rules)
    body = article.segments[1]
    assert body.text.startswith("The bridge") and body.text.endswith("were hurt.")
    at = body.text.index("12")
    assert article.locate(body.occurrences[0].to_input(at)) == (4, text.split("\n")[3].index("12") + 1)


def test_markdown_headline_image_alt_and_emphasis(rules) -> None:
    text = "---\ntitle: x\n---\n# Big storm\n\n![Trees down in the park](t.jpg)\n\n*Crews at work*\n\nBody text here.\n"
    article = _article("a.md", text, rules)
    assert [(s.role, s.text) for s in article.segments] == [
        (Role.HEADLINE, "Big storm"), (Role.CAPTION, "Trees down in the park"), (Role.CAPTION, "Crews at work"),
        (Role.BODY, "Body text here."),
    ]


def test_html_offsets_point_into_the_source(rules) -> None:
    text = "<html><body><h1>Fire &amp; smoke</h1><p>The fire&nbsp;killed 12 people.</p></body></html>"
    article = _article("a.html", text, rules)
    body = article.segments[1]
    at = body.text.index("12")
    assert text[body.occurrences[0].to_input(at):].startswith("12 people")
    assert article.segments[0].text == "Fire & smoke"


def test_jsonl_bad_lines_are_reported_with_line_numbers(rules) -> None:
    text = "\n".join([
        json.dumps({"id": "a", "body": "One."}), "not json", json.dumps({"id": "b", "title": "No body"}),
        json.dumps(["list"]), json.dumps({"id": "c", "text": "Two.", "captions": ["A caption"]}),
    ]) + "\n"
    docs, problems = read_path_text("c.jsonl", text)
    assert [d.id for d in docs] == ["a", "c"]
    assert [(p.line, p.level) for p in problems] == [(2, "error"), (3, "error"), (4, "error")]
    assert "body" in problems[1].message


def test_binary_file_is_skipped_with_a_message(tmp_path) -> None:
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    docs, problems = read_file(str(png))
    assert docs == [] and "binary" in problems[0].message


def test_encodings(tmp_path) -> None:
    assert decode("Kyiv – 18 killed".encode("utf-16"), "x")[0] == "Kyiv – 18 killed"
    assert decode(b"\xef\xbb\xbfHello", "x")[0] == "Hello"
    text, problems = decode("Caf\u00e9 18".encode("cp1252"), "x")
    assert text == "Café 18" and problems[0].level == "warning" and "byte 3" in problems[0].message


def test_sentences_respect_abbreviations() -> None:
    text = "Mr. Smith met Gen. Jones at 3 p.m. on Monday. They talked. U.S. officials said 12 died."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Mr. Smith met Gen. Jones at 3 p.m. on Monday.", "They talked.", "U.S. officials said 12 died."]


def test_markdown_heading_is_one_line_and_pieces_of_wrapped_lines_keep_their_offsets() -> None:
    # Found by fuzzing (tests/fuzz_crashers/b510377269b8e938.md): a long '#' heading with a
    # trailing space, then a paragraph line with no blank line between, was read as one headline
    # whose figures were reported a column early.
    from checker.ingest.markdown import read_markdown

    heading = "# Flood in the valley closed every road into the town on Wednesday morning and afternoon "
    text = heading + "\nEngineers inspected two bridges.\n"
    blocks = read_markdown("a.md", text)[0].blocks
    assert [(b.text, b.role) for b in blocks] == [(heading[2:].strip(), Role.HEADLINE),
                                                  ("Engineers inspected two bridges.", None)]
    assert text[blocks[1].source_map.to_input(0):].startswith("Engineers")
    wrapped = "Officials said the river rose quickly overnight and   \n![Floods left 12 people homeless](x.png) more\n"
    caption = next(b for b in read_markdown("b.md", wrapped)[0].blocks if b.role == Role.CAPTION)
    assert wrapped[caption.source_map.to_input(0):].startswith("Floods left 12")
