"""Exports: Markdown and Word keep learner text as plain text, with real headings and tables."""

from __future__ import annotations

import io

from docx import Document

from verbinding.document import Bullets, Heading, Paragraph, Table, escape_markdown, to_docx, to_markdown

HOSTILE = "<script>alert('x')</script> **vet** [link](http://example.org) # kop"


def test_markdown_escapes_learner_text():
    md = to_markdown([Heading("Titel"), Paragraph(HOSTILE), Bullets([HOSTILE]), Table(["a"], [[HOSTILE]])])
    assert "<script>" not in md
    assert "**vet**" not in md and "\\*\\*vet\\*\\*" in md
    assert "](http" not in md
    assert md.startswith("## Titel")


def test_markdown_table_has_header_and_rows():
    md = to_markdown([Table(["Belang", "Gewicht"], [["Bewoners", "meer"], ["Bedrijven", "minder"]])])
    lines = md.strip().splitlines()
    assert lines[0] == "| Belang | Gewicht |"
    assert lines[1] == "|---|---|"
    assert len(lines) == 4


def test_word_has_headings_tables_and_plain_text():
    data = to_docx(
        [Heading("Afweging", 2), Paragraph(HOSTILE + "\x00\x07"), Table(["Belang", "Gewicht"], [["Bewoners", "meer"]])],
        title="Mijn werk",
    )
    doc = Document(io.BytesIO(data))
    styles = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert ("Title", "Mijn werk") in styles
    assert ("Heading 1", "Afweging") in styles
    assert any(text.startswith("<script>alert") for _, text in styles)  # literal text, not markup
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Belang", "Gewicht"]
    assert [c.text for c in table.rows[1].cells] == ["Bewoners", "meer"]


def test_long_text_survives_both_formats():
    long_text = "woord " * 2000
    assert long_text.strip() in to_markdown([Paragraph(long_text)])
    doc = Document(io.BytesIO(to_docx([Paragraph(long_text)])))
    assert doc.paragraphs[-1].text == long_text


def test_escape_markdown_keeps_line_breaks():
    assert escape_markdown("a\nb") == "a  \nb"
