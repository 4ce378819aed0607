"""The module-4 widgets, driven as a learner would: set values, check workbook and page."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pandas as pd
import pytest
from _charts import chart_svg
from _markdown import has_markup
from docx import Document

from verbinding.modules.accountability.view import AccountabilityExercise
from verbinding.progress import module_status
from verbinding.texts import t
from verbinding.ui.view import ModuleView
from verbinding.workbook import Workbook

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _case(n_consult=2):
    orgs = [f"o{i}" for i in range(1, 40)]
    return SimpleNamespace(
        title="Windpark Noord",
        dimensions=[SimpleNamespace(id="econ", name="Economie"), SimpleNamespace(id="leef", name="Leefomgeving")],
        organisations=pd.DataFrame({"org_id": orgs, "name": [f"Organisatie {o}" for o in orgs]}),
        consultation=pd.DataFrame({"org_id": orgs[:n_consult], "name": [f"Organisatie {o}" for o in orgs[:n_consult]],
                                   "position": ["tegen"] * n_consult, "dimensions": ["leef"] * n_consult}),
        contacts=pd.DataFrame({"org_id": ["o1"] * 9 + orgs[1:10]}),
    )


class FakePage:
    def __init__(self, workbook, case):
        self.workbook = workbook
        self.case = case


@pytest.fixture
def workbook(data_home):
    return Workbook.open("acc-ui")


@pytest.fixture
def exercise(workbook):
    return AccountabilityExercise(FakePage(workbook, _case()))


def saved(workbook) -> dict:
    return workbook.module("accountability")


def test_starts_from_the_case_consultation_and_saves_with_the_first_edit(exercise, workbook):
    assert list(exercise.rows) == ["org:o1", "org:o2"]
    assert t("accountability.ui.sources_note_case") in exercise.sources_note.value
    # nothing weighed yet: the overview says so once (each row names itself), not 16 lines
    assert exercise.checks.value.count("<li>") == 1
    assert t("accountability.checks.none_weighed") in exercise.checks.value
    assert "Organisatie o1" in exercise.rows["org:o1"].status.value  # consultation never weighed yet
    # Opening the module is not doing something (issue 28): the course map still says "open".
    assert saved(workbook) == {}
    assert module_status(workbook, "accountability") == t("intro.index.status_open")
    exercise.rows["org:o2"].weight.value = "more"
    assert [i["name"] for i in saved(workbook)["interests"]] == ["Organisatie o1", "Organisatie o2"]
    assert saved(workbook)["handful"]["ids"] == exercise.model.handful_ids()
    assert module_status(workbook, "accountability") == t("intro.index.status_started")


def test_opening_twice_shows_the_same_handful_and_a_saved_handful_is_kept(workbook):
    workbook.set_module("outreach", {"stakeholders": [{"id": f"o{i}", "org_id": f"o{i}", "name": f"Organisatie o{i}"}
                                                      for i in range(3, 15)]})
    workbook.set_module("connection", {"insiders": ["o14"]})
    first = AccountabilityExercise(FakePage(workbook, _case())).model.handful_ids()
    assert saved(workbook) == {}
    again = AccountabilityExercise(FakePage(workbook, _case()))
    assert again.model.handful_ids() == first  # worked out again the same way
    # a workbook that already holds a handful (saved before this change) opens with it
    optional = next(i for i in again.rows if i not in first)
    again.rows[optional].move.click()
    held = saved(workbook)["handful"]["ids"]
    assert optional in held
    reopened = AccountabilityExercise(FakePage(workbook, _case()))
    assert reopened.model.handful_ids() == held and saved(workbook)["handful"]["ids"] == held
    shown = [c.interest_id for c in reopened.rows_box.children
             if getattr(c, "interest_id", None) and c.layout.display != "none"]
    assert shown == held


def test_the_view_uses_the_one_cycle_and_loading_is_no_save(exercise, workbook):
    assert isinstance(exercise, ModuleView) and exercise.module_id == "accountability"
    exercise.rows["org:o1"].reasoning.value = "Zij wonen het dichtst bij de molens."
    revision = workbook.revision
    again = AccountabilityExercise(FakePage(workbook, _case()))  # a begun module, nothing new
    assert workbook.revision == revision
    assert again.rows["org:o1"].reasoning.value == "Zij wonen het dichtst bij de molens."
    with again.quiet():
        again.rows["org:o1"].reasoning.value = "niet opslaan"
        again.draft.value = "ook niet"
    assert saved(workbook)["interests"][0]["reasoning"] == "Zij wonen het dichtst bij de molens."
    assert saved(workbook)["draft"]["edited"] is None


def test_every_control_has_a_label(exercise):
    row = exercise.rows["org:o1"]
    for control in (row.asked, row.source, row.weight, row.reasoning, exercise.add_name, exercise.add_asked,
                    exercise.add_source, exercise.add_button, exercise.draft, exercise.generate, exercise.replace,
                    exercise.restore_previous, *exercise.feedback_rows["org:o1"].children[1:]):
        assert control.description
    assert "Organisatie o1" in row.weight.tooltip


def test_learner_work_from_outreach_and_connection_comes_first(workbook):
    workbook.set_module("outreach", {"dimensions": [{"id": "econ", "name": "Economie"}],
                                     "stakeholders": [{"id": "o5", "org_id": "o5", "name": "Organisatie o5"}]})
    workbook.set_module("connection", {"insiders": ["o5"], "invitations": [{"org_id": "o7", "name": "Organisatie o7"}]})
    ex = AccountabilityExercise(FakePage(workbook, _case()))
    assert list(ex.rows) == ["org:o5", "org:o7", "org:o1", "org:o2"]
    assert t("accountability.ui.insider_badge") in ex.rows["org:o5"].title.value
    assert t("accountability.ui.sources_note_learner") in ex.sources_note.value


def test_checks_update_while_typing_and_name_the_interest(exercise, workbook):
    row = exercise.rows["org:o1"]
    row.weight.value = "more"
    assert "Organisatie o1" in row.status.value and "meer meegenomen" in row.status.value
    assert saved(workbook)["interests"][0]["weight"] == "more"
    row.reasoning.value = "belangrijk"
    assert "herhaalt alleen de weging" in row.status.value
    row.reasoning.value = "Zij wonen het dichtst bij de molens."
    assert t("accountability.ui.row_ok") in row.status.value
    assert saved(workbook)["interests"][0]["reasoning"] == "Zij wonen het dichtst bij de molens."
    # o1 has most contacts in the case log: the case's fallback insider
    assert "Alleen vaste gesprekspartners" in exercise.checks.value
    exercise.rows["org:o2"].weight.value = "more"
    assert "Alleen vaste gesprekspartners" not in exercise.checks.value


def test_html_in_learner_text_is_shown_as_text(exercise):
    exercise.add_name.value = SCRIPT
    exercise.add_asked.value = SCRIPT
    exercise.add_button.click()
    row = exercise.rows["eigen-1"]
    assert "<script>" not in row.title.value and "&lt;script&gt;" in row.title.value
    row.weight.value = "more"
    row.reasoning.value = SCRIPT
    for html_widget in (row.status, exercise.checks, exercise.feedback_rows[row.interest_id if False else "naam:" + SCRIPT.lower()].title,
                        exercise.add_status):
        assert "<script>" not in html_widget.value and "<img" not in html_widget.value
    exercise.generate.click()
    assert SCRIPT in exercise.draft.value  # a Textarea shows text as text
    assert "<script>" not in exercise.draft_status.value


def test_add_remove_and_bad_input(exercise, workbook):
    exercise.add_button.click()
    assert t("accountability.errors.name_empty") in exercise.add_status.value
    exercise.add_name.value = "Jongerenraad"
    exercise.add_button.click()
    assert "eigen-1" in exercise.rows and "naam:jongerenraad" in exercise.feedback_rows
    exercise.add_name.value = "jongerenraad"
    exercise.add_button.click()
    assert "staat al" in exercise.add_status.value
    exercise.rows["eigen-1"].remove.click()
    assert "eigen-1" not in exercise.rows and all(i["id"] != "eigen-1" for i in saved(workbook)["interests"])
    assert exercise.rows["org:o1"].remove is None  # case interests cannot be removed


def test_feedback_tracker_and_coverage(exercise, workbook):
    fb = exercise.feedback_rows["org:o1"]
    fb.given.value = "yes"
    fb.how.value = "letter"
    fb.when.value = "12 maart"
    fb.what.value = "de gekozen afstand"
    state = saved(workbook)["feedback"]["org:o1"]
    assert state == {"given": "yes", "how": "letter", "when": "12 maart", "what": "de gekozen afstand"}
    assert "1 van de 2" in exercise.coverage.value
    assert "Vaste gesprekspartners: 1 teruggekoppeld; Andere partijen: 1 nog niet ingevuld" in exercise.chart.summary_text
    assert chart_svg(exercise.chart).startswith("<svg")
    # the pattern stands in step 2, where the feedback is filled in, above the other points
    # (one insider is no pattern: the point says what holds, not 'Vooral de vaste ...')
    assert "De ene vaste gesprekspartner" not in exercise.checks.value
    points = exercise.coverage.value.split("<li>")[1:]
    assert "De ene vaste gesprekspartner in je afweging hoorde iets terug; van de anderen" in points[0]
    assert "Vooral" not in exercise.coverage.value
    assert t("accountability.ui.feedback_checks_title") in exercise.coverage.value


def test_draft_edit_is_kept_and_previous_edit_recoverable(exercise, workbook):
    exercise.rows["org:o1"].weight.value = "less"
    exercise.rows["org:o1"].reasoning.value = "Hun zorg is opgelost met een geluidsnorm."
    exercise.generate.click()
    assert "minder zwaar laten wegen" in exercise.draft.value and "geluidsnorm" in exercise.draft.value
    assert exercise.replace.disabled
    exercise.rows["org:o2"].weight.value = "more"  # untouched draft follows the weighing
    assert "Het belang van Organisatie o2 hebben we zwaarder laten wegen" in exercise.draft.value
    exercise.draft.value = "Mijn eigen alinea."
    assert saved(workbook)["draft"]["edited"] == "Mijn eigen alinea."
    exercise.rows["org:o2"].weight.value = "equal"
    exercise.generate.click()
    assert exercise.draft.value == "Mijn eigen alinea."  # an edit is never overwritten
    assert t("accountability.draft.status_outdated") in exercise.draft_status.value
    # reload from the workbook: the edit is still there
    again = AccountabilityExercise(FakePage(workbook, _case()))
    assert again.draft.value == "Mijn eigen alinea."
    again.replace.click()
    assert "Het belang van Organisatie o2 hebben we gewoon laten meewegen" in again.draft.value
    assert saved(workbook)["draft"]["history"] == ["Mijn eigen alinea."]
    again.restore_previous.click()
    assert again.draft.value == "Mijn eigen alinea."


def test_word_download_holds_the_rationale_and_tables(exercise):
    exercise.rows["org:o1"].weight.value = "more"
    exercise.rows["org:o1"].reasoning.value = SCRIPT
    exercise.generate.click()
    filename, data = exercise._docx_file()
    assert filename.endswith(".docx")
    doc = Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    assert t("accountability.export.title_case", case="Windpark Noord") in texts
    assert len(doc.tables) == 2 and doc.tables[0].rows[1].cells[5].text == SCRIPT
    name, md = exercise._markdown_file()
    assert name.endswith(".md") and not has_markup(md.decode("utf-8"))


def test_restore_from_upload_reloads_the_page(exercise, workbook):
    exercise.rows["org:o1"].weight.value = "more"
    other = Workbook("acc-ui")
    other.set_module("accountability", {"interests": [{"id": "org:o2", "org_id": "o2", "name": "Organisatie o2",
                                                       "weight": "minder", "reasoning": "Hersteld."}],  # saved in Dutch
                                        "draft": {"generated": "", "edited": "Herstelde tekst", "history": []}})
    workbook.restore(other.to_bytes())
    assert exercise.rows["org:o2"].weight.value == "less"
    assert exercise.rows["org:o1"].weight.value == ""  # o1 comes back from the case, unweighed
    assert exercise.draft.value == "Herstelde tekst"


def test_30_interests_each_react_to_typing_and_feedback(workbook):
    workbook.set_module("outreach", {"stakeholders": [{"id": f"o{i}", "org_id": f"o{i}", "name": f"Organisatie o{i}"}
                                                      for i in range(1, 31)]})
    ex = AccountabilityExercise(FakePage(workbook, _case(n_consult=2)))
    assert len(ex.rows) == 30
    for i, row in enumerate(list(ex.rows.values())):
        row.reasoning.value = f"Zij dragen de lasten van de maatregel, punt {i}."
    saved = workbook.module("accountability")
    assert sum("punt" in (i.get("reasoning") or "") for i in saved["interests"]) == 30
    ex.feedback_rows["org:o3"].given.value = "yes"
    assert workbook.module("accountability")["feedback"]["org:o3"]["given"] == "yes"


def test_a_large_consultation_is_weighed_per_dimension(workbook):
    ex = AccountabilityExercise(FakePage(workbook, _case(n_consult=20)))
    # one group for 20 responses, and the insider with most contacts (o1), to weigh beside it
    assert list(ex.rows) == ["consultatie:leef", "org:o1"]
    row = ex.rows["consultatie:leef"]
    assert "20" in row.title.value and "Leefomgeving" in row.title.value
    assert "tegen 20" in row.asked.value
    assert list(ex.feedback_rows) == ["consultatie:leef", "org:o1"]


def test_the_builtin_case_gives_a_workable_list():
    from verbinding.cases import CaseError, load_case

    try:
        case = load_case("klimaatadaptatie")
    except (CaseError, FileNotFoundError) as error:
        pytest.skip(f"built-in case not available: {error}")
    wb = Workbook("builtin-case")
    ex = AccountabilityExercise(FakePage(wb, case))
    assert 1 <= len(ex.rows) <= len(case.dimensions) + 1  # grouped per dimension, not 240 rows
    row = next(iter(ex.rows.values()))
    row.reasoning.value = "Deze groep draagt de gevolgen van hitte het zwaarst."
    saved = {i["id"]: i for i in wb.module("accountability")["interests"]}
    assert saved[row.interest_id]["reasoning"].startswith("Deze groep draagt")


def test_the_handful_comes_first_with_its_insider_and_the_rest_is_folded(workbook):
    workbook.set_module("outreach", {"stakeholders": [{"id": f"o{i}", "org_id": f"o{i}", "name": f"Organisatie o{i}"}
                                                      for i in range(3, 15)]})
    workbook.set_module("connection", {"insiders": ["o14"]})
    ex = AccountabilityExercise(FakePage(workbook, _case()))
    handful = {"ids": ex.model.handful_ids(), "insider": ex.model.handful_insider}
    assert len(handful["ids"]) == 7 and handful["insider"] == "org:o14"
    children = ex.rows_box.children
    shown = [c.interest_id for c in children if getattr(c, "interest_id", None) and c.layout.display != "none"]
    assert shown == handful["ids"]  # only the handful is on screen, first
    assert children[0] is ex.handful_note and "Organisatie o14" in ex.handful_note.value
    assert t("accountability.ui.handful_insider_plain") in ex.handful_note.value  # o14 has no contacts in the log
    assert "niet alle 14 belangen" in ex.handful_note.value
    assert t("accountability.ui.more_title") in ex.more_note.value
    assert ex.more_toggle.description == t("accountability.ui.more_show", count=7)
    assert list(ex.feedback_rows) == handful["ids"]  # feedback asked for the handful only
    ex.more_toggle.value = True
    assert all(row.layout.display != "none" for row in ex.rows.values())
    optional = next(i for i in ex.rows if i not in handful["ids"])
    row = ex.rows[optional]
    assert row.move.description == t("accountability.ui.handful_add")
    # an optional party filled in counts: its feedback row appears
    row.weight.value = "less"
    assert optional in ex.feedback_rows and f"{row.name}: je hebt" in ex.checks.value
    # putting it into the handful: saved, and the same row widget moves up
    row.move.click()
    saved_handful = workbook.module("accountability")["handful"]["ids"]
    assert optional in saved_handful and ex.rows[optional] is row
    assert row.move.description == t("accountability.ui.handful_remove")
    assert list(ex.rows_box.children).index(row) < list(ex.rows_box.children).index(ex.more_note)
    # the insider cannot leave the handful: a Dutch message, nothing changes
    ex.rows["org:o14"].move.click()
    assert "vaste gesprekspartner" in ex.move_status.value
    assert "org:o14" in workbook.module("accountability")["handful"]["ids"]


def test_the_checks_say_when_the_handful_is_done(workbook):
    workbook.set_module("outreach", {"dimensions": [{"id": "econ", "name": "Economie"}, {"id": "zorg", "name": "Zorg"}],
                                     "stakeholders": [{"id": f"o{i}", "org_id": f"o{i}", "name": f"Organisatie o{i}"}
                                                      for i in range(3, 15)]})
    ex = AccountabilityExercise(FakePage(workbook, _case()))
    done = t("accountability.checks.handful_done")
    assert done not in ex.checks.value
    for interest_id in ex.model.handful_ids():
        ex.rows[interest_id].weight.value = "equal"
        ex.rows[interest_id].reasoning.value = "Zij dragen de kosten van de maatregel in de wijk."
    for fb in ex.feedback_rows.values():
        fb.given.value, fb.how.value, fb.when.value, fb.what.value = "yes", "letter", "mei", "het besluit"
    assert done in ex.checks.value and "Zorg" in ex.checks.value  # a question left, no missing work


def test_step_one_shows_the_case_the_weighing_is_about(workbook):
    """The walk of 6 December: a learner who skipped module 2 weighed 'belangen' without
    being told of which policy."""
    case = _case()
    case.challenge = "Een windpark op zee bij Noord."
    case.texts = {"consultatie": "In 2023 stond het voorstel op internetconsultatie."}
    ex = AccountabilityExercise(FakePage(workbook, case))
    note = ex.sources_note.value
    assert t("accountability.ui.case_title", title="Windpark Noord") in note
    assert "Een windpark op zee bij Noord." in note and "internetconsultatie" in note
    assert t("accountability.ui.case_task") in note
    assert note.index("Windpark Noord") < note.index(t("accountability.ui.sources_note_case"))


def test_the_overview_lists_patterns_first_and_a_few_points_per_kind(workbook):
    ex = AccountabilityExercise(FakePage(workbook, _case(n_consult=8)))
    first = ex.model.handful_ids()[0]
    ex.rows[first].weight.value = "more"
    points = ex.checks.value.split("<li>")[1:]
    kinds = [f.kind for f in ex.model.weighing_findings()]
    assert kinds.count("consultation_unweighed") + kinds.count("unweighed") > 3
    assert "Alleen vaste gesprekspartners" in points[0]  # the pattern first, not last of twenty
    unweighed = [p for p in points if "nog niet gewogen" in p]
    assert len(unweighed) <= 3 < kinds.count("consultation_unweighed") + kinds.count("unweighed")
    assert any(p.startswith("Nog ") and "van dezelfde soort" in p for p in points)  # the rest counted
    assert not any("terugkoppel" in p for p in points)  # the feedback's points are in step 2


def test_the_weighing_done_sends_the_learner_to_step_two(workbook):
    ex = AccountabilityExercise(FakePage(workbook, _case()))
    for interest_id in ex.model.handful_ids():
        ex.rows[interest_id].weight.value = "equal"
        ex.rows[interest_id].reasoning.value = "Zij dragen de kosten van de maatregel in de wijk."
    assert t("accountability.checks.weighing_done").split(".")[0] in ex.checks.value
    assert t("accountability.checks.handful_done") not in ex.checks.value


def test_what_a_party_asked_is_shown_whole():
    from verbinding.modules.accountability.view.rows import text_rows

    assert text_rows("") == 2
    assert text_rows("x" * 300) == 5
    assert text_rows("x" * 5000) == 9
