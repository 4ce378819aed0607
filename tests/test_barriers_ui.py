"""Module 1 widgets: choices and scores reach the workbook, feedback and chart update, restore reloads."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from _charts import chart_svg
from _widget_tree import controls

from verbinding.modules.drempels import BARRIER_IDS, load_texts
from verbinding.modules.drempels.view import BarriersExercise
from verbinding.workbook import Workbook


@pytest.fixture
def page(data_home):
    return SimpleNamespace(workbook=Workbook.open("test-drempels-ui"))


def saved(page) -> dict:
    return page.workbook.module("drempels")


def test_choosing_a_barrier_saves_and_explains(page):
    ex = BarriersExercise(page)
    texts = load_texts()
    scenario = texts.scenarios[0]
    wrong = next(b for b in BARRIER_IDS if b != scenario.answer and b not in scenario.also)
    ex.rows[0].choice.value = wrong
    assert saved(page)["answers"] == {scenario.id: wrong}
    feedback = ex.rows[0].feedback.value
    assert texts.barrier(scenario.answer).name in feedback
    assert "verbinding-error" in feedback
    ex.rows[0].choice.value = scenario.answer
    assert "verbinding-ok" in ex.rows[0].feedback.value
    assert "1 van de" in ex.progress.value
    ex.rows[0].choice.value = ""  # back to "Kies een drempel"
    assert saved(page)["answers"] == {}
    assert ex.rows[0].feedback.value == ""


def test_self_assessment_updates_chart_summary_and_tips(page):
    ex = BarriersExercise(page)
    assert "nog niet ingevuld" in ex.chart.summary_text.lower()
    top = load_texts().scale_max
    ex.assessment[1].score.value = top
    assert saved(page)["ratings"] == {"insiders": top}
    assert "Hardnekkige kern van insiders" in ex.chart.summary_text
    assert chart_svg(ex.chart).startswith("<svg")
    assert "module 3" in ex.tips.value
    assert "schrijf er nog een kort voorbeeld" in ex.tips.value  # the example is asked for
    ex.assessment[1].note.value = "Steeds dezelfde koepels aan tafel."
    assert "schrijf er nog een kort voorbeeld" not in ex.tips.value
    ex.assessment[1].note.value = ""
    ex.assessment[1].score.value = 0  # back to "Kies een score"
    assert saved(page)["ratings"] == {}
    assert ex.tips.value == ""


def test_learner_html_is_saved_as_typed_and_never_rendered(page):
    ex = BarriersExercise(page)
    script = "<script>alert(1)</script>" + "x" * 10_000
    ex.assessment[0].note.value = script
    ex.dossier.value = "<b>dossier</b>"
    assert saved(page)["notes"]["speelveld"] == script
    assert saved(page)["dossier"] == "<b>dossier</b>"
    again = BarriersExercise(page)
    assert again.assessment[0].note.value == script
    assert "<script>" not in again.chart._summary.value


def test_dossier_name_comes_from_kennismaken_when_empty(page):
    page.workbook.set_module("kennismaken", {"dossier": "Regeling laadpalen"})
    ex = BarriersExercise(page)
    assert ex.dossier.value == "Regeling laadpalen"


def test_restore_reloads_the_widgets(page):
    ex = BarriersExercise(page)
    ex.rows[0].choice.value = "ruimte"
    other = Workbook("ander")
    other.set_module("drempels", {"answers": {load_texts().scenarios[1].id: "insiders"},
                                  "ratings": {"ruimte": 2}})
    page.workbook.restore(other.to_bytes())
    assert ex.rows[0].choice.value == ""
    assert ex.rows[1].choice.value == "insiders"
    assert ex.assessment[2].score.value == 2
    assert "ruimte" in ex.chart.summary_text.lower()


def test_every_control_has_a_distinct_label(page):
    ex = BarriersExercise(page)
    labels = [c.description for c in controls(ex)]
    assert all(labels)
    assert len(labels) == len(set(labels))


def test_broken_catalogue_shows_a_message_instead_of_crashing(page, monkeypatch):
    import verbinding.modules.drempels.view as ui
    from verbinding.modules import drempels as barriers
    def broken():
        raise barriers.BarrierTextsError("In barriers.yaml heeft casus 2 een fout.")

    monkeypatch.setattr(ui, "load_texts", broken)
    ex = BarriersExercise(page)
    assert "casus 2" in ex.message.value and 'role="alert"' in ex.message.value
