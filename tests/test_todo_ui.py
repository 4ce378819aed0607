"""The course app's 'Nog te doen' box at the end of a module, and the Afronding's short lists,
without a browser."""

from __future__ import annotations

from pathlib import Path

from verbinding import session
from verbinding.course import MODULES
from verbinding.modules.afronding.view import ClosingExercise
from verbinding.ui.app import CourseApp
from verbinding.ui.todo import ModuleTodo
from verbinding.workbook import Workbook

COURSE = Path(__file__).resolve().parents[1] / "course"
TITLE = "Nog te doen om deze module af te ronden"


def _app(start: str, code="todo-1234") -> CourseApp:
    return CourseApp(Workbook.open(code), session.CodeChoice(code, False, None), start, COURSE)


def _box(app: CourseApp) -> ModuleTodo:
    children = app.main.children[0].children
    boxes = [c for c in children if isinstance(c, ModuleTodo)]
    assert len(boxes) == 1
    # at the end of the module, right above the link to the next module
    assert children[-1].value.startswith('<nav class="verbinding-nav">') and children[-2] is boxes[0]
    return boxes[0]


def test_the_box_lists_what_is_missing_and_follows_what_the_learner_types(data_home):
    app = _app("kennismaken")
    box = _box(app)
    assert TITLE in box.value
    assert "Geef je dossier een naam." in box.value and "Schrijf op wie je weinig hoort." in box.value
    view = app._exercises["kennismaken"]
    view.dossier.value = "Laadpalen in woonwijken"  # the learner types; the module saves
    assert "Geef je dossier een naam." not in box.value
    assert "Noem minstens één vaste gesprekspartner." in box.value
    view.partners.value = "Netbeheerder Oost"
    view.missing.value = "Huurders zonder eigen oprit."
    assert TITLE not in box.value
    assert "de module is afgerond" in box.value
    assert "afgerond" in app.nav.value.split('data-module="kennismaken"')[1].split("</li>")[0]


def test_every_module_has_the_box_afronding_too(data_home):
    """Afronding too: a walk finished every module, wrote what she takes along, and
    Afronding stayed 'begonnen' with nothing saying why."""
    app = _app("kennismaken")
    for item in MODULES:
        app.router.module = item.id
        assert TITLE in _box(app).value, item.id
    app.router.module = "afronding"
    assert "Vul je naam in voor het bewijs van deelname." in _box(app).value


def test_the_box_of_a_case_module_reads_the_chosen_case(data_home):
    app = _app("outreach")
    box = _box(app)
    assert "Noteer minstens één alternatief voorstel (stap 6)." in box.value
    app.workbook.set_module("outreach", {"dimensions": [{"id": "x", "name": "Water", "why": ""}]})
    assert "Schrijf bij 1 dimensie waarom die hier telt (&#x27;Water&#x27;)." in box.value


def _row(table: str, title: str) -> str:
    """The table row of one module (its first cell starts with ``title``)."""
    rows = [row for row in table.split("<tr>") if row.startswith(f"<td>{title}")]
    assert len(rows) == 1, title
    return rows[0].split("</tr>")[0]


def test_afronding_lists_what_started_modules_still_need_in_short(data_home):
    workbook = Workbook.open("todo-5678")
    workbook.set_module("kennismaken", {"dossier": "Laadpalen"})
    workbook.set_module("echte_agendas", {"reflection": "Kort."})
    workbook.set_module("eigen_dossier", {"title": "Laadpalen", "questions": {}})

    class Page:
        pass

    page = Page()
    page.workbook = workbook
    view = ClosingExercise(page)
    table = view.modules.value
    row = _row(table, "Kennismaken")
    assert "begonnen" in row
    assert "<li>Noem minstens één vaste gesprekspartner.</li>" in row
    assert "<li>Schrijf op wie je weinig hoort.</li>" in row
    agendas = _row(table, "6. Echte agenda")
    assert "<li>Maak je reflectie iets langer: een paar zinnen (stap 5).</li>" in agendas
    # not started: the status says it, no list
    assert "<ul" not in _row(table, "1. Drempels")
    # three points are shown whole; more: the first two, then how many more
    dossier = _row(table, "5. Je eigen dossier")
    assert dossier.count("<li>") == 3 and "<li>Geef jezelf een score bij alle 6 vragen.</li>" in dossier
    workbook.set_module("eigen_dossier", {"title": "", "description": "Over laadpalen."})  # the page follows
    dossier = _row(view.modules.value, "5. Je eigen dossier")
    assert dossier.count("<li>") == 3
    assert "<li>Geef je dossier een naam.</li><li>Beantwoord alle 6 vragen.</li><li>En nog 2 punten.</li>" in dossier


def test_afronding_shows_more_than_three_points_as_two_and_a_count(data_home):
    from verbinding.modules.afronding import ModuleLine, short_todo

    line = ModuleLine("x", "X", "started", todo=("a.", "b.", "c.", "d.", "e."))
    assert short_todo(line) == ["a.", "b.", "En nog 3 punten."]
    assert short_todo(ModuleLine("x", "X", "started", todo=("a.", "b.", "c."))) == ["a.", "b.", "c."]
    assert short_todo(ModuleLine("x", "X", "not_started", todo=("a.",))) == []
