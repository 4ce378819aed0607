"""Exports: Markdown and Word keep learner text as plain text, with real headings and tables."""

from __future__ import annotations

import html
import io
from datetime import UTC, datetime, timedelta

import pytest
from _markdown import render
from docx import Document

from verbinding import dutch
from verbinding.document import Bullets, Heading, Paragraph, Table, escape_markdown, to_docx, to_markdown

HOSTILE = "<script>alert('x')</script> **vet** [link](http://example.org) # kop"


def test_markdown_escapes_learner_text():
    md = to_markdown([Heading("Titel"), Paragraph(HOSTILE), Bullets([HOSTILE]), Table(["a"], [[HOSTILE]])])
    assert "**vet**" not in md and "\\*\\*vet\\*\\*" in md
    assert "<a " not in render(md) and "<script>" not in render(md)
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

TRICKY = [
    "# geen kop", "## ook geen kop", "> geen citaat", "- geen lijst", "+ geen lijst", "* geen lijst",
    "1. geen genummerde lijst", "2026) ook niet", "---", "===", "___", "***",
    "**vet** _schuin_ ~~weg~~ `code`", "<b>vet</b> <script>alert('x')</script> <http://example.org>",
    "[link](http://example.org) ![plaatje](x.png)", "a | b | c", "    vier spaties",
    "a\\*b en een backslash aan het eind\\", "AT&T &amp; &copy; &#39;",
    "regel een\n# kop\n- item\n1. een\n> citaat",
]


@pytest.mark.parametrize("text", TRICKY)
def test_learner_text_renders_as_the_same_text_not_markup(text):
    rendered = render(escape_markdown(text))
    lines = [line.strip() for line in text.split("\n")]
    expected = "<br />\n".join(html.escape(line, quote=False) for line in lines)
    assert rendered.strip() == f"<p>{expected}</p>".replace("&#x27;", "'")


@pytest.mark.parametrize("text", [
    "test-1234", "Op 01-12-2026. Daarna meer.", "Kosten: 1.500 euro (ca. 2%)!", "snake_case",
    "C# en F#", "3 < 5 en 7 > 2", "vraag? antwoord: ja + nee = {x}", "het-is-mooi.nl",
])
def test_ordinary_text_gets_no_needless_backslashes(text):
    assert escape_markdown(text) == text


def test_markdown_tables_keep_pipes_and_line_breaks_inside_a_cell():
    md = to_markdown([Table(["Wie", "Waarom"], [["a | b", "regel 1\nregel 2"]])])
    assert md.splitlines()[2] == "| a \\| b | regel 1<br>regel 2 |"
    cells = render(md)
    assert "<td>a | b</td>" in cells and "regel 1<br>regel 2" in cells


def test_headings_keep_a_closing_hash():
    assert render(to_markdown([Heading("Stap 2 #")])).strip() == "<h2>Stap 2 #</h2>"


def test_word_core_properties_name_the_course_not_python_docx():
    before = datetime.now(UTC).replace(microsecond=0)
    doc = Document(io.BytesIO(to_docx([Paragraph("tekst")], title="Mijn werk")))
    props = doc.core_properties
    assert props.title == "Mijn werk"
    assert props.author == "Verbindend leiderschap" and props.last_modified_by == "Verbindend leiderschap"
    assert props.language == "nl-NL"
    assert before - timedelta(seconds=1) <= props.created <= before + timedelta(minutes=1)
    assert props.modified == props.created
    today = dutch.date(datetime.now(dutch.LOCAL_ZONE).date())
    assert today in props.comments and any(month in today for month in dutch.MONTHS)
