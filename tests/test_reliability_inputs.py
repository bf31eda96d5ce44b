"""Reliability under bad input (issue 9): encodings, binary and odd files, malformed HTML.

Every guarantee tested here is listed in docs/reliability.md.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import time
import zipfile
from pathlib import Path

import pytest

from checker.cli import main
from checker.ingest import read_file

# One small article: headline and body say 18 killed, the caption 15. The non-ASCII
# characters sit before the figures on their lines, so a column counted in bytes is wrong.
ARTICLE = (
    "# Café floods – 18 killed in “Valencia”\n"
    "\n"
    "At the café on Calle Mayor – “a catastrophe”, said José – the floods killed 18 people on Tuesday.\n"
    "\n"
    "*Caption: Floods at the café killed 15 people.*\n"
)
# The same article in what Latin-1 can hold: no curly quotes, no en dash.
ARTICLE_LATIN = (
    "# Café floods: 18 killed in «Valencia»\n"
    "\n"
    "At the café on Calle Mayor, \"a catastrophe\", said José, the floods killed 18 people on Tuesday.\n"
    "\n"
    "*Caption: Floods at the café killed 15 people.*\n"
)


def _check(capsys, *args: str) -> tuple[int, dict, str]:
    code = main(["check", "--format", "json", *args])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def _findings(report: dict) -> list[dict]:
    """The report with nothing that depends on the encoding or the folder: what a reader sees."""
    return [(d["message"], [(e["segment"], e["text"], e["value"], e["line"], e["column"], e["sentence"])
                            for e in d["evidence"]]) for d in report["discrepancies"]]


def _save(root: Path, name: str, data: bytes) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "a.md").write_bytes(data)
    return folder


ENCODINGS = [
    ("utf-8", ARTICLE, ARTICLE.encode("utf-8"), False),
    ("utf-8-bom", ARTICLE, b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), False),
    ("utf-16-le", ARTICLE, b"\xff\xfe" + ARTICLE.encode("utf-16-le"), False),
    ("utf-16-be", ARTICLE, b"\xfe\xff" + ARTICLE.encode("utf-16-be"), False),
    ("cp1252", ARTICLE, ARTICLE.encode("cp1252"), True),
    ("latin-1", ARTICLE_LATIN, ARTICLE_LATIN.encode("latin-1"), True),
]


@pytest.mark.parametrize(("name", "text", "data", "warns"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_every_encoding_gives_the_same_claims_findings_and_columns(tmp_path, capsys, monkeypatch,
                                                                    name, text, data, warns) -> None:
    reference = _save(tmp_path, "reference", text.encode("utf-8"))
    monkeypatch.chdir(reference)
    _, expected, _ = _check(capsys, "a.md")
    assert len(expected["discrepancies"]) == 1 and expected["summary"]["claims"] == 3

    monkeypatch.chdir(_save(tmp_path, name, data))
    code, report, err = _check(capsys, "a.md")
    assert _findings(report) == _findings(expected)
    assert {k: v for k, v in report.items() if k != "problems"} == {k: v for k, v in expected.items() if k != "problems"}
    assert code == 1  # the finding; a warning does not change the exit code
    if warns:
        first = next(i for i, b in enumerate(data) if b >= 0x80)
        assert f"claimcheck: a.md: warning: not valid UTF-8 at byte {first}; read as Windows-1252" in err
        assert [p["level"] for p in report["problems"]] == ["warning"]
    else:
        assert err == "" and report["problems"] == []


def _html(text: str, charset: str) -> str:
    """The Markdown fixture as an HTML page declaring ``charset`` on a line of its own (columns stay put)."""
    headline, _, body, _, caption, _ = text.split("\n")
    return (f'<html><head><meta charset="{charset}">\n<title>x</title></head><body><h1>{headline[2:]}</h1>\n'
            f"\n<p>{body}</p>\n\n<figure><figcaption>{caption.strip('*')}</figcaption></figure>\n</body></html>\n")


HTML_ENCODINGS = [
    ("utf-8", _html(ARTICLE, "utf-8").encode("utf-8"), ""),
    ("utf-8-bom", b"\xef\xbb\xbf" + _html(ARTICLE, "utf-8").encode("utf-8"), ""),
    ("utf-16-le", b"\xff\xfe" + _html(ARTICLE, "utf-8").encode("utf-16-le"), ""),  # the BOM wins over <meta>
    ("utf-16-be", b"\xfe\xff" + _html(ARTICLE, "utf-8").encode("utf-16-be"), ""),
    ("windows-1252", _html(ARTICLE, "windows-1252").encode("cp1252"), ""),
    ("iso-8859-1", _html(ARTICLE_LATIN, "iso-8859-1").encode("latin-1"), ""),
    ("cp1252-undeclared", _html(ARTICLE, "").replace('<meta charset="">', "").encode("cp1252"),
     "not valid UTF-8 at byte"),
    ("utf-8-declared-latin-1", _html(ARTICLE, "iso-8859-1").encode("utf-8"),
     "declares iso-8859-1 in a <meta> tag but is valid UTF-8; read as UTF-8"),
]


def _html_findings(report: dict) -> list:
    """As :func:`_findings`, without the sentences (the Latin-1 page words them differently)."""
    return [(d["rule"], [(e["segment"], e["value"], e["line"]) for e in d["evidence"]])
            for d in report["discrepancies"]]


@pytest.mark.parametrize(("name", "data", "warning"), HTML_ENCODINGS, ids=[e[0] for e in HTML_ENCODINGS])
def test_html_in_every_encoding_gives_the_same_findings(tmp_path, capsys, name, data, warning) -> None:
    reference = tmp_path / "reference.html"
    reference.write_text(_html(ARTICLE, "utf-8"), encoding="utf-8")
    _, expected, _ = _check(capsys, str(reference))
    assert len(expected["discrepancies"]) == 1 and expected["summary"]["claims"] == 3
    path = tmp_path / f"{name}.html"
    path.write_bytes(data)
    code, report, err = _check(capsys, str(path))
    assert code == 1 and _html_findings(report) == _html_findings(expected)
    assert report["summary"]["claims"] == 3
    if warning:
        assert f"{path}: warning: {warning}" in err
    else:
        assert err == "", err
    if name != "iso-8859-1":  # the same words: the same sentences and columns
        assert _findings(report) == _findings(expected)


def test_a_page_declaring_a_legacy_encoding_is_read_in_it(tmp_path, capsys) -> None:
    page = ('<meta charset="koi8-r"><h1>Пожар: 18 погибших</h1>\n<p>Пожар в Самаре убил 18 человек во вторник.</p>\n'
            "<p>Officials later said 15 people were killed in the fire.</p>\n")
    path = tmp_path / "ru.html"
    path.write_bytes(page.encode("koi8-r"))
    docs, problems = read_file(str(path))
    assert problems == []
    assert [b.text for b in docs[0].blocks][:2] == ["Пожар: 18 погибших", "Пожар в Самаре убил 18 человек во вторник."]
    _, report, err = _check(capsys, str(path))
    assert err == "" and report["summary"]["claims"] >= 1


def test_a_page_with_bytes_its_declared_encoding_lacks_warns_with_the_offset(tmp_path, capsys) -> None:
    page = '<meta charset="shift_jis"><p>東京で 18 人が死亡した。</p>\n'.encode("shift_jis")
    path = tmp_path / "jp.html"
    path.write_bytes(page + b"\x81")
    code, _, err = _check(capsys, str(path))
    assert f"{path}: warning: not valid shift_jis (as its <meta> tag declares) at byte {len(page)}" in err
    assert code != 2


JSONL_ENCODINGS = [
    ("utf-8", json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False).encode("utf-8"), ""),
    ("utf-8-bom", b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False).encode(), ""),
    ("utf-16-le", b"\xff\xfe" + json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False).encode("utf-16-le"), ""),
    ("utf-16-be", b"\xfe\xff" + json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False).encode("utf-16-be"), ""),
    ("ascii-escapes", json.dumps({"id": "a", "text": ARTICLE}).encode("ascii"), ""),
    ("cp1252", json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False).encode("cp1252"),
     "not valid UTF-8 at byte"),
]


@pytest.mark.parametrize(("name", "data", "warning"), JSONL_ENCODINGS, ids=[e[0] for e in JSONL_ENCODINGS])
def test_jsonl_in_every_encoding_gives_the_same_findings(tmp_path, capsys, name, data, warning) -> None:
    reference = tmp_path / "reference.jsonl"
    reference.write_bytes(JSONL_ENCODINGS[0][1] + b"\n")
    _, expected, _ = _check(capsys, str(reference))
    assert len(expected["discrepancies"]) == 1
    path = tmp_path / f"{name}.jsonl"
    path.write_bytes(data + "\n".encode("utf-16-le" if name == "utf-16-le" else
                                        "utf-16-be" if name == "utf-16-be" else "ascii"))
    code, report, err = _check(capsys, str(path))
    assert code == 1 and _findings(report) == _findings(expected)
    if warning:
        assert f"{path}: warning: {warning}" in err
    else:
        assert err == "", err


def test_utf16_without_a_byte_order_mark_is_read_with_a_warning(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(_save(tmp_path, "reference", ARTICLE.encode("utf-8")))
    _, expected, _ = _check(capsys, "a.md")
    for codec, name in (("utf-16-le", "UTF-16 LE"), ("utf-16-be", "UTF-16 BE")):
        monkeypatch.chdir(_save(tmp_path, codec, ARTICLE.encode(codec)))
        code, report, err = _check(capsys, "a.md")
        assert code == 1 and _findings(report) == _findings(expected)
        assert f"claimcheck: a.md: warning: has no byte-order mark; read as {name}" in err


def test_bytes_undefined_in_windows_1252_give_a_warning_with_the_offset(tmp_path, capsys) -> None:
    data = ARTICLE.encode("cp1252").replace(b"Tuesday", b"Tues\x81day\x9d")
    path = tmp_path / "a.md"
    path.write_bytes(data)
    code, report, err = _check(capsys, str(path))
    first_bad, undefined = data.index(b"\xe9"), data.index(b"\x81")
    assert (f"claimcheck: {path}: warning: not valid UTF-8 at byte {first_bad}; read as Windows-1252; "
            f"2 bytes undefined in Windows-1252 (first at byte {undefined}) read as U+FFFD") in err
    assert code == 1 and len(report["discrepancies"]) == 1


def test_broken_utf16_gives_a_warning_with_the_offset(tmp_path, capsys) -> None:
    head = b"\xff\xfe" + "Floods killed 18 people.\n".encode("utf-16-le")
    data = head + b"\x00\xd8" + "A lone surrogate; the caption says 15 killed.\n".encode("utf-16-le")
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    code, report, err = _check(capsys, str(path))
    assert f"claimcheck: {path}: warning: not valid UTF-16 at byte {len(head)}" in err
    assert code != 2 and report["summary"]["claims"] == 2  # a warning, not an input error


# -- binary and odd files ---------------------------------------------------------------------------

def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.md", ARTICLE)
    return buffer.getvalue()


_NOISE = random.Random(9).randbytes(256 * 1024)
BINARY = [
    ("photo.md", b"\x89PNG\r\n\x1a\n" + _NOISE, "looks like a PNG image"),
    ("photo.txt", b"GIF89a" + _NOISE, "looks like a GIF image"),
    ("photo.html", b"\xff\xd8\xff\xe0" + _NOISE, "looks like a JPEG image"),
    ("story.md.gz.md", gzip.compress(ARTICLE.encode() * 50), "looks like gzip-compressed data"),
    ("story.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + _NOISE, "looks like a PDF document"),
    ("story.jsonl", _zip(), "looks like a ZIP archive"),
    ("random.md", _NOISE, "looks like binary data"),
    ("nul.txt", b"text\x00\x00\x00\x00" * 1000, "looks like binary data"),
]


@pytest.mark.parametrize(("name", "data", "looks"), BINARY, ids=[b[0] for b in BINARY])
def test_a_binary_file_is_skipped_quickly_with_what_it_looks_like(tmp_path, capsys, name, data, looks) -> None:
    good = tmp_path / "good.md"
    good.write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / name
    bad.write_bytes(data)

    start = time.perf_counter()
    docs, problems = read_file(str(bad))
    elapsed = time.perf_counter() - start
    assert docs == [] and elapsed < 0.05, elapsed
    assert [p.level for p in problems] == ["error"]

    code, report, err = _check(capsys, str(bad), str(good))
    assert f"claimcheck: {bad}: error: is not text: it looks like" in err and looks in err and "binary file" in err
    assert code == 2  # an input error, even though the good article was checked
    assert [a["path"] for a in report["articles"]] == [str(good)] and len(report["discrepancies"]) == 1


def test_binary_files_found_by_walking_a_directory_are_reported(tmp_path, capsys) -> None:
    (tmp_path / "good.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "scan.md").write_bytes(b"%PDF-1.7\n" + _NOISE)
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + _NOISE)  # not an article suffix: not looked at
    code, report, err = _check(capsys, str(tmp_path))
    assert err == f"claimcheck: {tmp_path / 'scan.md'}: error: is not text: it looks like a PDF document " \
                  "(binary file) (pass only .txt, .md, .html or .jsonl articles)\n"
    assert code == 2 and [a["path"] for a in report["articles"]] == [str(tmp_path / "good.md")]


def _good_alone(tmp_path: Path, capsys) -> int:
    good = tmp_path / "good.md"
    good.write_text(ARTICLE, encoding="utf-8")
    code, _, err = _check(capsys, str(good))
    assert code == 1 and err == ""
    return code


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"  \n\n\t\n"], ids=["empty", "bom", "utf16-bom", "blank"])
def test_an_empty_file_is_a_warning_not_an_error(tmp_path, capsys, content) -> None:
    alone = _good_alone(tmp_path, capsys)
    empty = tmp_path / "empty.md"
    empty.write_bytes(content)
    start = time.perf_counter()
    docs, _ = read_file(str(empty))
    assert time.perf_counter() - start < 0.05 and docs == []
    code, report, err = _check(capsys, str(empty), str(tmp_path / "good.md"))
    assert err == f"claimcheck: {empty}: warning: is empty; nothing to check\n"
    assert code == alone and [a["path"] for a in report["articles"]] == [str(tmp_path / "good.md")]


def test_a_directory_named_like_an_article_with_nothing_in_it_is_a_warning(tmp_path, capsys) -> None:
    alone = _good_alone(tmp_path, capsys)
    folder = tmp_path / "x.md"
    folder.mkdir()
    start = time.perf_counter()
    assert read_file(str(folder))[0] == [] and time.perf_counter() - start < 0.05
    code, report, err = _check(capsys, str(folder), str(tmp_path / "good.md"))
    assert err.startswith(f"claimcheck: {folder}: warning: is a directory with no articles in it (.txt, .text, .md")
    assert code == alone and len(report["discrepancies"]) == 1
    # Inside a directory walked, the folder x.md is walked like any other and says nothing.
    code, report, err = _check(capsys, str(tmp_path))
    assert err == "" and code == alone


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read a file with mode 000")
@pytest.mark.skipif(os.name == "nt", reason="chmod 000 does not make a file unreadable on Windows")
def test_an_unreadable_file_is_an_input_error(tmp_path, capsys) -> None:
    (tmp_path / "good.md").write_text(ARTICLE, encoding="utf-8")
    locked = tmp_path / "locked.md"
    locked.write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0)
    try:
        start = time.perf_counter()
        assert read_file(str(locked))[0] == [] and time.perf_counter() - start < 0.05
        code, report, err = _check(capsys, str(locked), str(tmp_path / "good.md"))
    finally:
        locked.chmod(0o600)
    assert f"claimcheck: {locked}: error: cannot be read (Permission denied)" in err
    assert code == 2 and len(report["discrepancies"]) == 1


def test_a_file_the_system_refuses_to_open_is_an_input_error(tmp_path, capsys, monkeypatch) -> None:
    """The same as the test above, as root too: the operating system's refusal is simulated."""
    (tmp_path / "good.md").write_text(ARTICLE, encoding="utf-8")
    locked = tmp_path / "locked.md"
    locked.write_text(ARTICLE, encoding="utf-8")
    real_open = open

    def refusing_open(file, *args, **kwargs):
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    code, report, err = _check(capsys, str(locked), str(tmp_path / "good.md"))
    assert f"claimcheck: {locked}: error: cannot be read (Permission denied)" in err
    assert code == 2 and len(report["discrepancies"]) == 1


def test_a_few_nul_bytes_in_text_are_read_as_spaces_with_a_warning(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(_save(tmp_path, "reference", ARTICLE.encode("utf-8")))
    _, expected, _ = _check(capsys, "a.md")
    data = ARTICLE.encode("utf-8").replace(b"Calle Mayor", b"Calle\x00Mayor").replace(b"on Tuesday", b"on\x00Tuesday")
    monkeypatch.chdir(_save(tmp_path, "nul", data))
    code, report, err = _check(capsys, "a.md")
    first = data.index(b"\x00")
    assert f"claimcheck: a.md: warning: 2 NUL bytes (first at byte {first}) read as spaces" in err
    assert code == 1 and _findings(report) == _findings(expected)


@pytest.mark.parametrize("text", ["MZ is a town in a story about 18 killed.\n", "ID3 tags and 18 killed.\n",
                                  "BZh9 is a call sign; 18 killed.\n"])
def test_text_that_begins_like_a_magic_number_is_still_text(tmp_path, text) -> None:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    docs, problems = read_file(str(path))
    assert problems == [] and len(docs) == 1


# -- malformed HTML -----------------------------------------------------------------------------------

HEAD = "<html><head><title>Floods</title></head><body>\n<h1>Floods kill 18 in Valencia</h1>\n"
CAPTION = "<figure><figcaption>Floods in Valencia killed 15 people.</figcaption></figure>\n"
BODY = "<p>The floods killed 18 people on Tuesday, officials said.</p>\n"
MALFORMED = {
    "unclosed-tags": HEAD + CAPTION + "<p>The floods killed 18 people <b>on <i>Tuesday, <p>officials <ul><li>said.",
    "deep-nesting": HEAD + CAPTION + "<div>" * 100_000 + "text 18 killed",
    "deep-nesting-closed": HEAD + CAPTION + "<div>" * 100_000 + "text 18 killed" + "</div>" * 100_000 + BODY,
    "broken-entities": HEAD + CAPTION + "<p>Tom &amp Jerry &#99999999; &#xZZ; &#; &unknown; &#x110000; &"
                       " The floods killed 18 people on Tuesday.</p>\n",
    "nul-bytes": HEAD + CAPTION + "<p>The floods\x00 killed 18\x00 people on Tuesday.</p>\n",
    "script-never-closed": HEAD + CAPTION + BODY + "<script>var s = '<p>99 killed</p>';" + "x = 1;\n" * 20_000,
    "style-never-closed": HEAD + CAPTION + BODY + "<style>p { color: red } /* 99 killed */" + "a{}\n" * 20_000,
    "comment-never-closed": HEAD + CAPTION + BODY + "<!-- 99 killed " + "x\n" * 20_000,
    "tag-never-closed": HEAD + CAPTION + BODY + "<p class='" + "x 99 killed " * 50_000,
    "many-lone-angles": HEAD + CAPTION + "<p>" + "a < b " * 50_000 + "The floods killed 18 people.</p>\n",
    "cdata-and-doctype-junk": "<!DOCTYPE" + HEAD + "<![CDATA[ 99 killed" + CAPTION + BODY + "<?php ?><!x>",
}


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_html_is_read_without_a_crash_and_quickly(tmp_path, capsys, name) -> None:
    path = tmp_path / f"{name}.html"
    path.write_bytes(MALFORMED[name].encode("utf-8"))
    start = time.perf_counter()
    code, report, err = _check(capsys, str(path))
    elapsed = time.perf_counter() - start
    assert elapsed < 5, f"{name}: {elapsed:.2f} s"
    assert "Traceback" not in err and code == 1, err
    # The text outside the broken part is still read: headline 18 and body 18 against the caption's 15.
    (finding,) = report["discrepancies"]
    segments = {(e["segment"], e["value"]["low"]) for e in finding["evidence"]}
    assert segments == {("headline", 18), ("body", 18), ("caption", 15)}, segments
    assert all(e["value"]["low"] != 99 for e in finding["evidence"])
    # Every claim points at its figure in the file.
    lines = MALFORMED[name].split("\n")
    for e in finding["evidence"]:
        assert lines[e["line"] - 1][e["column"] - 1:].startswith(e["text"]), e
