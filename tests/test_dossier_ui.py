"""Module 5 widgets: answers reach the workbook, checks and chart update, hints, downloads, restore."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from _markdown import has_markup
from _widget_tree import controls

from verbinding.modules.eigen_dossier import load_texts
from verbinding.modules.eigen_dossier.view import DossierExercise
from verbinding.workbook import Workbook


@pytest.fixture
def page(data_home):
    return SimpleNamespace(workbook=Workbook.open("test-dossier-ui"))


def saved(page) -> dict:
    return page.workbook.module("eigen_dossier")


def test_answering_saves_and_updates_the_checks(page):
    ex = DossierExercise(page)
    box = ex.boxes[0]
    # a question not started asks for nothing yet (the walk of 6 December: 18 such lines)
    assert all(b.feedback.value == "" for b in ex.boxes)
    box.score.value = 5
    assert "nog niet beantwoord" in box.feedback.value
    assert ex.boxes[1].feedback.value == ""
    box.answer.value = "Economie en wonen"
    state = saved(page)["questions"][box.question_id]
    assert state["answer"] == "Economie en wonen" and state["score"] == 5
    assert "geen bewijs" in box.feedback.value
    box.evidence.value = "Verslag ronde tafel"
    assert "compleet" in box.feedback.value and "verbinding-ok" in box.feedback.value
    assert "1 van de 6" in ex.chart.summary_text


def test_the_chart_summary_follows_the_evidence(page):
    """The walk of 6 December: evidence typed under a 5 left 'je noemt nog geen bewijs'
    beside the chart (only a score refreshed it)."""
    ex = DossierExercise(page)
    box = ex.boxes[0]
    box.answer.value = "Economie en wonen"
    box.score.value = load_texts().scale_max
    assert "nog geen bewijs" in ex.chart.summary_text
    box.evidence.value = "Verslag van het overleg op 3 maart"
    assert "nog geen bewijs" not in ex.chart.summary_text


def test_all_questions_complete_shows_the_done_message(page):
    ex = DossierExercise(page)
    top = load_texts().scale_max
    for box in ex.boxes:
        box.answer.value = "Antwoord"
        box.evidence.value = "zie boven"  # filler says nothing (issue 28)
        box.score.value = top
    assert "Alle vragen zijn compleet" not in ex.status.value
    for box in ex.boxes:
        box.evidence.value = "Verslag van het overleg op 3 maart"
    assert "Alle vragen zijn compleet" in ex.status.value


def test_filler_evidence_is_never_called_complete(page):
    """Walk finding (issue 28): 'asdf' as evidence gave 'compleet'."""
    ex = DossierExercise(page)
    box = ex.boxes[0]
    box.answer.value = "Economie, wonen en natuur spelen mee."
    box.score.value = load_texts().scale_max
    for filler in ("asdf", "zie boven", "asdf asdf asdf asdf", "ik weet het niet", "geen"):
        box.evidence.value = filler
        assert "compleet" not in box.feedback.value, filler
        assert "verbinding-ok" not in box.feedback.value, filler
        assert "noemt geen bewijs" in box.feedback.value, filler
    # what the word search misses is a tip: the course cannot judge real evidence
    box.evidence.value = "Het weer was mooi vandaag."
    assert "compleet" in box.feedback.value and "Tip bij" in box.feedback.value
    box.evidence.value = "Verslag van de ronde tafel van 3 maart."
    assert "compleet" in box.feedback.value and "verbinding-ok" in box.feedback.value
    assert saved(page)["questions"][box.question_id]["evidence"] == "Verslag van de ronde tafel van 3 maart."


def test_the_feedback_says_what_it_sees_of_the_workbench_not_of_the_practice_case(page):
    page.workbook.set_module("accountability", {"interests": [
        {"id": "org:a", "org_id": "a", "name": "Woonbond", "weight": "meer", "reasoning": "Huurders betalen mee."},
        {"id": "org:b", "org_id": "b", "name": "VNG", "weight": "", "reasoning": ""}]})
    ex = DossierExercise(page)
    bench = ex.workbench
    for name in ("Gezondheid", "Werk"):
        bench.dimension.value = name
        bench.add_dimension.click()
    bench.paste.value = "GGD Rivierland\t12\nImkers\t1"
    bench.paste_button.click()
    by_id = {b.question_id: b for b in ex.boxes}
    dims = by_id["dimensions"]
    assert dims.feedback.value == ""  # not started: the box above the question says what the workbench has
    dims.answer.value = "Gezondheid en werk spelen mee."
    assert "Je werkbank heeft 2 dimensies: Gezondheid en Werk." in dims.feedback.value
    dims.evidence.value = "Lijst van organisaties per dimensie, met de GGD Rivierland bij Gezondheid."
    assert "Je bewijs noemt: Gezondheid en GGD Rivierland." in dims.feedback.value
    contacts = by_id["new_connections"]
    contacts.answer.value = "We spreken nu ook imkers."
    assert "Je werkbank telt 13 gesprekken met 2 belanghebbenden: GGD Rivierland en Imkers." in contacts.feedback.value
    contacts.evidence.value = "Uitnodiging aan de Imkers voor het overleg van mei."
    assert "Je bewijs noemt: Imkers." in contacts.feedback.value
    weighing = by_id["weighing"]
    # module 4 is the practice case: its weighing is a labelled hint above the question,
    # once, and no measure for the evidence about the own dossier (walk: repeated under vraag 6)
    assert "In de oefencasus (module 4) gaf je 1 van de 2 belangen een gewicht." in weighing.hints.value
    weighing.answer.value = "De afweging staat in de nota."
    weighing.evidence.value = "Alinea over de afweging in de beslisnota van juni."
    assert "module 4" not in weighing.feedback.value and "Je bewijs noemt daar" not in weighing.feedback.value
    feedback = by_id["feedback"]
    assert "Woonbond" not in feedback.hints.value + feedback.feedback.value
    assert "module 4" not in feedback.feedback.value


def test_hints_from_earlier_modules_are_shown_escaped(page):
    page.workbook.set_module("outreach", {"dimensions": [{"id": "d1", "name": "<b>Wonen</b>"}]})
    page.workbook.set_module("kennismaken", {"dossier": "Laadpalen", "description": "Wijken",
                                             "partners": ["Koepel A"]})
    ex = DossierExercise(page)
    hints = ex.boxes[0].hints.value
    assert "&lt;b&gt;Wonen&lt;/b&gt;" in hints and "<b>Wonen" not in hints
    assert "Koepel A" in ex.boxes[2].hints.value
    assert ex.title.value == "Laadpalen" and ex.description.value == "Wijken"
    assert "kennismaking" in ex.intro_note.value


def test_downloads_give_a_readable_word_file_and_markdown(page):
    from docx import Document

    ex = DossierExercise(page)
    ex.title.value = "Laadpalen"
    ex.boxes[0].answer.value = "<script>alert(1)</script>"
    name, data = ex._docx_file()
    assert name == "oca-scan-laadpalen.docx"
    doc = Document(io.BytesIO(data))
    assert doc.paragraphs[0].text == "OCA-scan: Laadpalen"
    assert doc.tables[0].rows[1].cells[3].text == "<script>alert(1)</script>"
    name, data = ex._markdown_file()
    assert name.endswith(".md") and not has_markup(data.decode("utf-8"))  # shown as text, never run


def test_restore_reloads_the_widgets(page):
    ex = DossierExercise(page)
    ex.boxes[0].answer.value = "oud"
    other = Workbook("ander")
    other.set_module("eigen_dossier", {"title": "Nieuw", "questions": {"feedback": {"answer": "Brief", "score": 2}}})
    page.workbook.restore(other.to_bytes())
    assert ex.title.value == "Nieuw"
    assert ex.boxes[0].answer.value == ""
    assert ex.boxes[5].answer.value == "Brief" and ex.boxes[5].score.value == 2


def test_long_text_is_kept(page):
    ex = DossierExercise(page)
    long_text = "a" * 10_000
    ex.boxes[3].evidence.value = long_text
    assert saved(page)["questions"][ex.boxes[3].question_id]["evidence"] == long_text


def test_every_control_has_a_distinct_label(page):
    labels = [c.description for c in controls(DossierExercise(page))]
    assert all(labels) and len(labels) == len(set(labels))


def test_broken_catalogue_shows_a_message_instead_of_crashing(page, monkeypatch):
    import verbinding.modules.eigen_dossier.view as ui
    from verbinding.modules import eigen_dossier as dossier
    def broken():
        raise dossier.DossierTextsError("In dossier.yaml hoort vraag 3 bij 'x'.")

    monkeypatch.setattr(ui, "load_texts", broken)
    ex = DossierExercise(page)
    assert "vraag 3" in ex.message.value and 'role="alert"' in ex.message.value


def test_choosing_no_score_again_clears_it(page):
    ex = DossierExercise(page)
    ex.boxes[1].score.value = 3
    assert saved(page)["questions"][ex.boxes[1].question_id]["score"] == 3
    ex.boxes[1].score.value = 0  # "Kies een score"
    assert saved(page)["questions"][ex.boxes[1].question_id]["score"] is None
    assert "nog geen scores" in ex.chart.summary_text.lower()
