"""What "afgerond" means: the module's work complete AND its kennischeck done.

A learner's walk found modules called "afgerond" on the course map, the menu and the Afronding
before the learner had done their kennischeck. Work complete with the kennischeck open is
"bijna klaar: kennischeck nog doen"; the 'Nog te doen' box, the Afronding, the certificate and
the class overview say the same. The Afronding's list for module 5 says exactly what the saved
state misses (begin the module; a name taken from Kennismaken counts).
"""

from __future__ import annotations

import html
from datetime import date
from types import SimpleNamespace

import pytest
from test_classview import workbook_bytes
from test_still_to_do import COMPLETE

from verbinding import progress
from verbinding.classview import ClassOverview
from verbinding.modules.afronding import done_modules, module_statuses, path_summary
from verbinding.quiz import KnowledgeCheckModel, has_questions, questions
from verbinding.ui.todo import todo_html
from verbinding.workbook import Workbook, parse_document

QUIZ_MODULES = sorted(m for m in COMPLETE if has_questions(m))


def answered(module_id: str, how_many: int | None = None) -> dict:
    """The module's kennischeck with the first ``how_many`` questions answered (all: None)."""
    model = KnowledgeCheckModel.load(module_id)
    for item in model.items[:how_many]:
        model.answer(item.id, item.right)
    return model.to_dict()


def test_the_modules_with_a_kennischeck_are_the_ones_with_work_to_judge():
    assert {"drempels", "outreach", "connection", "accountability", "eigen_dossier", "echte_agendas"} <= set(QUIZ_MODULES)


@pytest.mark.parametrize("module_id", QUIZ_MODULES)
def test_complete_work_without_the_kennischeck_is_almost_done(module_id):
    work = COMPLETE[module_id]()
    assert progress.state_of(work, module_id) == progress.QUIZ
    assert progress.state_of({**work, "kennischeck": answered(module_id, 1)}, module_id) == progress.QUIZ
    assert progress.state_of({**work, "kennischeck": answered(module_id)}, module_id) == progress.DONE
    # a broken kennischeck part is read as not done, never an error
    assert progress.state_of({**work, "kennischeck": "kapot"}, module_id) == progress.QUIZ
    # the kennischeck alone is no finished module
    assert progress.state_of({"kennischeck": answered(module_id)}, module_id) == progress.STARTED


@pytest.mark.parametrize("module_id", sorted(m for m in COMPLETE if not has_questions(m)))
def test_a_module_without_a_kennischeck_is_done_by_its_work(module_id):
    assert progress.state_of(COMPLETE[module_id](), module_id) == progress.DONE


def test_the_kennischeck_is_the_last_thing_to_do():
    work = COMPLETE["drempels"]()
    total = len(questions("drempels"))
    assert progress.still_to_do(work, "drempels") == [
        f"Doe de kennischeck aan het eind van de module ({total} vragen)."]
    assert progress.still_to_do({**work, "kennischeck": answered("drempels", total - 1)}, "drempels") == [
        "Maak de kennischeck aan het eind van de module af: nog 1 vraag open."]
    assert progress.still_to_do({**work, "kennischeck": answered("drempels")}, "drempels") == []
    assert progress.still_to_do(work, "drempels", with_quiz=False) == []


def _book(home, code="klaar-1234") -> Workbook:
    return Workbook.open(code, home=home)


def test_course_map_todo_box_and_afronding_agree(data_home):
    wb = _book(data_home)
    wb.set_module("drempels", COMPLETE["drempels"]())
    assert progress.module_status(wb, "drempels") == "bijna klaar: kennischeck nog doen"
    assert "drempels" not in progress.done_modules(wb)
    box = todo_html(wb, "drempels")
    assert "Doe de kennischeck" in box and "afgerond" not in box
    lines = {line.id: line for line in module_statuses(wb.document)}
    assert lines["drempels"].status == "quiz" and lines["drempels"].status_label == "bijna klaar"
    assert lines["drempels"].quiz_label == "nog niet gedaan"  # under the column Kennischeck
    assert done_modules(list(lines.values())) == []  # the certificate lists no module
    assert path_summary([], list(lines.values())).startswith("Je hebt nog geen van de")

    wb.set_module("drempels", {**COMPLETE["drempels"](), "kennischeck": answered("drempels")})
    assert progress.module_status(wb, "drempels") == "afgerond"
    assert progress.done_modules(wb) == ["drempels"]
    assert "de module is afgerond" in todo_html(wb, "drempels")
    lines = module_statuses(wb.document)
    assert [line.id for line in done_modules(lines)] == ["drempels"]


def test_the_afronding_page_shows_almost_done_without_repeating_the_kennischeck(data_home):
    pytest.importorskip("ipywidgets")
    from verbinding.modules.afronding.view import ClosingExercise

    wb = _book(data_home)
    wb.set_module("drempels", COMPLETE["drempels"]())
    view = ClosingExercise(SimpleNamespace(workbook=wb), today=lambda: date(2026, 12, 2))
    row = next(r for r in html.unescape(view.modules.value).split("<tr>") if "Drempels" in r)
    assert "bijna klaar" in row and "afgerond" not in row
    assert "nog niet gedaan" in row and "kennischeck" not in row, row  # the column's header says it


def test_module_5_skipped_asks_to_begin_it_and_a_name_from_kennismaken_counts(data_home):
    pytest.importorskip("ipywidgets")
    from verbinding.modules.afronding.view import ClosingExercise

    wb = _book(data_home)
    wb.set_module("kennismaken", {**COMPLETE["kennismaken"](), "dossier": "Laadpalen"})
    wb.set_module("eigen_dossier", {"kennischeck": answered("eigen_dossier", 1)})  # only the check at the end
    view = ClosingExercise(SimpleNamespace(workbook=wb), today=lambda: date(2026, 12, 2))
    row = next(r for r in html.unescape(view.modules.value).split("<tr>") if "eigen dossier" in r)
    assert "Begin met module 5" in row and "naam" not in row, row

    # the work done with the name the page took from Kennismaken, saved before it had one
    wb.set_module("eigen_dossier", {**COMPLETE["eigen_dossier"](), "title": "", "kennischeck": answered("eigen_dossier")})
    lines = {line.id: line for line in module_statuses(wb.document)}
    assert lines["eigen_dossier"].status == "complete", lines["eigen_dossier"].todo
    assert progress.module_status(wb, "eigen_dossier") == "afgerond"


def test_class_overview_counts_afgerond_as_the_learner_sees_it():
    files = [
        ("a.json", workbook_bytes("a-1234", {"drempels": COMPLETE["drempels"]()})),
        ("b.json", workbook_bytes("b-1234", {"drempels": {**COMPLETE["drempels"](), "kennischeck": answered("drempels")}})),
        ("c.json", workbook_bytes("c-1234", {"drempels": {"kennischeck": answered("drempels")}})),
    ]
    counts = ClassOverview.from_files(files).module_counts().set_index("module")
    assert counts.loc["drempels", "learners"] == 3 and counts.loc["drempels", "done"] == 1
    assert counts.loc["kennismaken", "done"] == 0
    header = ClassOverview.from_files(files).blocks()[3].header
    assert header[-1] == "Van hen afgerond (met kennischeck)"


def test_an_old_workbook_reads_as_before_and_keeps_its_keys(data_home):
    # saved before this rule: complete work, no kennischeck; it opens, nothing is rewritten
    wb = _book(data_home, "oud-1234")
    work = COMPLETE["outreach"]()
    wb.set_module("outreach", work)
    raw = wb.to_bytes()
    document = parse_document(raw)
    assert document["modules"]["outreach"] == work
    assert progress.best_progress(document, "outreach").status == progress.QUIZ
