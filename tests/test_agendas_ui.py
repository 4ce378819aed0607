"""The module-6 widgets, driven as a learner would: set values, check the workbook."""

from __future__ import annotations

import json

import pytest
from _charts import texts

from verbinding.modules.echte_agendas import AgendaRegister
from verbinding.modules.echte_agendas.view import PAGE_SIZE, AgendaExercise
from verbinding.texts import t
from verbinding.workbook import Workbook


class FakePage:
    def __init__(self, workbook):
        self.workbook = workbook


@pytest.fixture
def exercise(data_home):
    return AgendaExercise(FakePage(Workbook.open("agenda-ui")))


def saved(exercise) -> dict:
    return exercise.workbook.module("echte_agendas")


def test_every_control_has_a_label(exercise):
    for control in (exercise.period, exercise.ministry, exercise.person, exercise.search,
                    exercise.only_unknown, exercise.previous, exercise.next, exercise.reset,
                    exercise.reflection):
        assert control.description
    labels = [row.choice.description for row in exercise.rows]
    assert len(set(labels)) == PAGE_SIZE, "each dropdown names its entry number"


def test_choosing_a_ministry_and_person_fills_the_lists_and_saves(exercise):
    exercise.ministry.value = "Financiën"
    names = [value for _label, value in exercise.person.options if value]
    assert names == ["Aukje de Vries", "Marnix van Rij", "Sigrid Kaag"]
    exercise.person.value = "Marnix van Rij"
    state = saved(exercise)
    assert (state["ministry"], state["person"]) == ("Financiën", "Marnix van Rij")
    total = len(AgendaRegister(ministry="Financiën", person="Marnix van Rij").entries())
    assert f"van {total}" in exercise.position.value
    assert "Marnix van Rij" in exercise.chart.summary_text


def test_correcting_an_entry_is_saved_and_counted(exercise):
    exercise.ministry.value = "Defensie"
    row = exercise.rows[0]
    entry_id = row.entry_id
    new = "overig" if row.choice.value != "overig" else "media"
    row.choice.value = new
    assert saved(exercise)["corrections"] == {entry_id: new}
    assert t("agendas.ui.corrected") in row.text.value
    assert "Je hebt 1 voorstel aangepast." in exercise.chart.summary_text
    exercise.reset.click()
    assert saved(exercise)["corrections"] == {}


def test_paging_and_only_unknown(exercise):
    exercise.ministry.value = "Infrastructuur en Waterstaat"
    first = exercise.rows[0].entry_id
    exercise.next.click()
    assert exercise.rows[0].entry_id != first
    assert "Punt 11" in exercise.position.value
    exercise.previous.click()
    assert exercise.rows[0].entry_id == first
    exercise.only_unknown.value = True
    shown = [row.entry_id for row in exercise.rows if row.entry_id]
    suggested = exercise.register.entries().loc[shown, "suggested"]
    assert set(suggested) == {"onbekend"}


def _chart_total(exercise) -> int:
    """The number of entries the chart counts: the sum of its (aggregated) bars."""
    rows = exercise.chart.spec["data"]["values"]
    assert all(set(row) == {"label", "count"} for row in rows)  # counts per type, never entries
    return sum(int(row["count"]) for row in rows)


def test_the_chart_counts_the_entries_the_searched_list_shows(exercise):
    """Walk finding (issue 28): the list in step 2 followed the search, the chart of step 3 did not."""
    exercise.ministry.value = "Landbouw, Natuur en Voedselkwaliteit"
    everything = len(exercise.register.entries())
    assert _chart_total(exercise) == everything
    assert "stikstof" not in exercise.chart.summary_text
    exercise.search.value = "stikstof"
    shown = [row for row in exercise.rows if row.entry_id]
    assert shown and all("stikstof" in exercise.register.entries().loc[r.entry_id, "text"].lower() for r in shown)
    listed = len(exercise.register.visible("stikstof"))
    assert 0 < listed < everything
    assert f"van {listed}" in exercise.position.value
    assert _chart_total(exercise) == listed  # the chart: the same entries as the list
    summary = exercise.chart.summary_text
    assert "alleen met 'stikstof' in de tekst" in summary
    assert f"{listed} contactmomenten" in summary
    assert saved(exercise)["snapshot"]["total"] == listed  # and so does the export
    assert not [x for x in texts(exercise.chart) if "," in x and x.replace(",", "").isdigit()]  # whole counts
    exercise.search.value = "<script>alert(1)</script>"
    assert t("agendas.ui.none") in exercise.empty.value
    assert "<script>" not in exercise.position.value
    assert _chart_total(exercise) == 0 and "geen contactmomenten met" in exercise.chart.summary_text
    exercise.search.value = ""
    assert _chart_total(exercise) == everything and "alleen met" not in exercise.chart.summary_text


def test_reflection_is_kept_whole_even_when_long(exercise):
    long_text = "<b>niet vet</b> " + "x" * 19_950  # under the one text limit: saved whole
    exercise.reflection.value = long_text
    assert saved(exercise)["reflection"] == long_text
    exercise.reflection.value = long_text + "x" * 100  # over it: said, refused, never cut
    assert "20.000" in exercise.reflection_note.value
    assert saved(exercise)["reflection"] == long_text


def test_entry_text_is_escaped(exercise):
    for row in exercise.rows:
        if row.entry_id:
            activity = exercise.register.entries().loc[row.entry_id, "activity"]
            assert activity.replace("&", "&amp;").replace("'", "&#x27;").replace('"', "&quot;") in row.text.value


def test_restore_reloads_the_page(exercise):
    other = Workbook("someone", path=None)
    register = AgendaRegister(ministry="Defensie", reflection="hersteld")
    other.set_module("echte_agendas", register.to_dict())
    exercise.workbook.restore(other.to_bytes())
    assert exercise.ministry.value == "Defensie"
    assert exercise.reflection.value == "hersteld"


def test_reopening_shows_the_saved_work(data_home):
    first = AgendaExercise(FakePage(Workbook.open("agenda-ui-2")))
    first.ministry.value = "Defensie"
    entry_id = first.rows[1].entry_id
    first.rows[1].choice.value = "kennis"
    second = AgendaExercise(FakePage(Workbook.open("agenda-ui-2")))
    assert second.ministry.value == "Defensie"
    assert second.rows[1].entry_id == entry_id and second.rows[1].choice.value == "kennis"
    assert json.loads(Workbook.open("agenda-ui-2").to_bytes())["modules"]["echte_agendas"]["snapshot"]["corrected"] == 1


def test_reflection_always_gets_a_response(exercise):
    import html

    assert t("agendas.reflection.empty") in html.unescape(exercise.reflection_note.value)  # before typing
    exercise.reflection.value = "Weinig te zien."
    assert t("agendas.reflection.short") in html.unescape(exercise.reflection_note.value)
