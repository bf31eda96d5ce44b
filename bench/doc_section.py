"""Rewrite one benchmark's section of docs/benchmarks.md, leaving the other sections as they are."""

from __future__ import annotations

from pathlib import Path


def write_section(doc: Path, start_marker: str, end_marker: str, section: str, paragraph: str) -> None:
    """Replace the text between the markers, or add ``paragraph`` and the marked section at the end."""
    block = f"{start_marker}\n{section}\n{end_marker}\n"
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    start, end = text.find(start_marker), text.find(end_marker)
    if start != -1 and end != -1 and start < end:
        text = text[:start] + block + text[end + len(end_marker):].lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + paragraph + "\n" + block
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text, encoding="utf-8")
