"""The dedicated Word/Markdown export of the belangenafweging: plain text, real headings, tables."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from _markdown import render
from docx import Document

from verbinding.document import escape_markdown
from verbinding.modules.accountability import (
    AccountabilityModel,
    Sources,
    rationale_docx,
    rationale_filename,
    rationale_markdown,
)
from verbinding.texts import t

SCRIPT = '<script>alert("x")</script><b>vet</b> & [link](http://voorbeeld.nl) # kop *ster*'
LONG = ("Dit is een lange onderbouwing met veel argumenten. " * 200)[:10_000]


def _state(reasoning=SCRIPT, name="Stichting <img src=x onerror=alert(1)>", draft_edit=None):
    model = AccountabilityModel()
    model.sync_sources(Sources(({"org_id": "o1", "name": name, "asked": SCRIPT, "source": "consultation",
                                 "origin": "consultation", "dimensions": ["d"]},
                                {"org_id": "o2", "name": "Koepel", "origin": "outreach"}),
                               ({"id": "d", "name": "Dimensie"},), "outreach", frozenset({"o2"})))
    model.update_interest("org:o1", weight="more", reasoning=reasoning)
    model.set_feedback("org:o1", given="yes", how="letter", when="1 mei", what=SCRIPT)
    model.generate_draft()
    if draft_edit is not None:
        model.edit_draft(draft_edit)
    return model.to_dict()


def _docx_text(data: bytes):
    doc = Document(io.BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    cells = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    return doc, paragraphs, cells


def test_word_has_headings_weighing_table_and_coverage():
    data = rationale_docx(_state(reasoning="Zij dragen de lasten."), case_title="Windpark Noord")
    doc, paragraphs, cells = _docx_text(data)
    styles = dict((text, style) for style, text in paragraphs)
    assert styles[t("accountability.export.title_case", case="Windpark Noord")] == "Title"
    for key in ("rationale", "weighing", "feedback"):
        assert styles[t(f"accountability.export.{key}")].startswith("Heading")
    assert len(doc.tables) == 2
    weighing = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert weighing[0] == [t(f"accountability.export.col_{c}") for c in ("name", "asked", "source", "group", "weight", "reasoning")]
    assert weighing[1][4] == "meer meegenomen" and weighing[1][5] == "Zij dragen de lasten."
    assert any("1 van de 2" in text for _s, text in paragraphs)  # coverage sentence
    feedback = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert feedback[1][:5] == ["Stichting <img src=x onerror=alert(1)>", t("accountability.other_label"), "ja",
                               t("accountability.feedback_how.letter"), "1 mei"]
    assert rationale_filename("docx") == t("accountability.export.filename") + ".docx"


def test_html_and_script_come_out_as_plain_text_in_word():
    _doc, paragraphs, cells = _docx_text(rationale_docx(_state()))
    flat = [c for row in cells for c in row]
    assert SCRIPT in flat  # literally, as typed: nothing interpreted, nothing dropped
    assert any(SCRIPT in text for _s, text in paragraphs)  # in the rationale paragraphs too


def test_html_and_script_are_escaped_in_markdown():
    md = rationale_markdown(_state())
    assert not re.search(r"(?<!\\)<", md), "an unescaped < would be HTML in Markdown viewers"
    assert escape_markdown(SCRIPT) in md  # the exact text, escaped
    assert "<script" not in render(md) and "<a " not in render(md)  # shown as text, not run or linked
    assert md.startswith("# " + t("accountability.export.title"))
    assert "## " + t("accountability.export.weighing") in md


def test_very_long_text_is_kept_whole():
    state = _state(reasoning=LONG, draft_edit=LONG + "\n\nTweede alinea.")
    _doc, paragraphs, cells = _docx_text(rationale_docx(state))
    assert LONG in [c for row in cells for c in row]
    texts = [text for _s, text in paragraphs]
    assert LONG.strip() in texts and "Tweede alinea." in texts  # the edited draft, paragraphs kept
    md = rationale_markdown(state)
    assert escape_markdown(LONG.strip()) in md


def test_the_learners_edit_is_what_gets_exported():
    state = _state(reasoning="Zij dragen de lasten.", draft_edit="Mijn eigen versie van de afweging.")
    _doc, paragraphs, _cells = _docx_text(rationale_docx(state))
    texts = [text for _s, text in paragraphs]
    assert "Mijn eigen versie van de afweging." in texts
    assert not any(text.startswith("Bij de voorbereiding") for text in texts)


def test_empty_state_exports_a_readable_document():
    _doc, paragraphs, cells = _docx_text(rationale_docx({}))
    assert cells == []
    assert t("accountability.export.empty") in [text for _s, text in paragraphs]
    assert escape_markdown(t("accountability.export.empty")) in rationale_markdown({})


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) staat niet op PATH: conversietest overgeslagen")
@pytest.mark.parametrize("target", ["pdf", "odt"])
def test_libreoffice_converts_the_word_file(tmp_path: Path, target: str):
    source = tmp_path / "belangenafweging.docx"
    source.write_bytes(rationale_docx(_state(reasoning=LONG)))
    profile = tmp_path / "profile"
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    out = tmp_path / f"belangenafweging.{target}"
    assert result.returncode == 0, result.stderr
    assert out.exists() and out.stat().st_size > 2000, (result.stdout, result.stderr)
    head = out.read_bytes()[:8]
    assert head.startswith(b"%PDF") if target == "pdf" else head.startswith(b"PK")
