"""A trainer's own exercise is a module folder (issue 22, deliverable 4): copied from the
example into ``oefeningen/<id>/`` of a course, it is in the app's menu at its place, the
workbook keeps the answers under its id, the export, the course map, the Afronding and the
class overview count it, with no change anywhere else. A broken folder is named for the
trainer in Dutch and never breaks the course for a learner."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest

from verbinding import exercises, progress, session
from verbinding.classview import ClassOverview
from verbinding.course import MODULES, course_modules, module
from verbinding.export import workbook_docx, workbook_markdown
from verbinding.modules.afronding import module_statuses
from verbinding.modules.gesprekken.view import TrainerExercise, trainer_exercises_html
from verbinding.ui.app import CourseApp
from verbinding.workbook import Workbook, WorkbookError, parse_document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "course" / "trainer" / "voorbeeld-oefeningen" / "wethouder"
TITLE = "Oefening: inspraak in de wijk"


@pytest.fixture
def course(tmp_path, monkeypatch, data_home):
    """A copy of the course folder with the example copied into a new module folder,
    ``oefeningen/inspraak/``, as the template notebook tells a trainer to do."""
    folder = tmp_path / "cursus"
    shutil.copytree(ROOT / "course", folder, ignore=shutil.ignore_patterns("casussen"))
    target = folder / "oefeningen" / "inspraak"
    shutil.copytree(EXAMPLE, target)
    spec = (target / "module.yaml").read_text(encoding="utf-8")
    spec = spec.replace("id: wethouder", "id: inspraak").replace(
        'titel: "Oefening: de wethouder wil snel besluiten"', f'titel: "{TITLE}"')
    (target / "module.yaml").write_text(spec, encoding="utf-8")
    monkeypatch.chdir(folder)  # Voilà starts the kernel in the course folder
    return folder


def _app(course, code="eigen-1234", start=None) -> CourseApp:
    return CourseApp(Workbook.open(code), session.CodeChoice(code, False, None), start, course)


def _menu_ids(app: CourseApp) -> list[str]:
    return [part.split('"')[0] for part in app.nav.value.split('data-module="')[1:]]


def _walk(view: TrainerExercise, response: str) -> None:
    while view.choices.children:
        view.choices.children[-1].click()  # the last choice of each step leads to an ending
    view.response.value = response


def test_the_example_is_a_module_in_the_menu_at_its_place(course):
    assert [m.id for m in course_modules()].index("inspraak") == [m.id for m in MODULES].index("connection") + 1
    app = _app(course)
    ids = _menu_ids(app)
    assert ids.index("inspraak") == ids.index("connection") + 1
    assert TITLE in app.nav.value and "10 min" in app.nav.value.split('data-module="inspraak"')[1]
    app.router.module = "inspraak"
    shown = app.main.children[0]
    texts = " ".join(getattr(c, "value", "") for c in shown.children if isinstance(getattr(c, "value", None), str))
    assert f"<h1>{html.escape(TITLE)}</h1>" in texts and "Een korte oefening van je eigen trainer" in texts
    view = app._exercises["inspraak"]
    assert isinstance(view, TrainerExercise)
    assert "De wethouder" in html.unescape(view.transcript.value)
    # one conversation: no picker; its choices and answer field are shown (a hidden picker
    # once hid every widget sharing its layout, in this view and in Gesprekken oefenen)
    assert view.picker.layout.display == "none" and len(view.choices.children) == 2
    assert view.choices.layout.display != "none" and view.response.layout.display != "none"
    assert "verbinding-unkept" not in view.response._dom_classes, "the keeper keeps what is typed here"
    app.router.module = "gesprekken"
    practice = app._exercises["gesprekken"]
    assert practice.choices.layout.display != "none" and practice.response.layout.display != "none"
    # its footer leads on to the module after it, and connection's footer leads to it
    assert 'data-module="accountability"' in shown.children[-1].value
    app.router.module = "connection"
    assert f"Volgende module: {TITLE}" in html.unescape(app.main.children[0].children[-1].value)


def test_answers_are_saved_under_its_id_exported_and_counted(course, data_home):
    app = _app(course, start="inspraak")
    view = app._exercises["inspraak"]
    assert progress.module_status(app.workbook, "inspraak") == "nog niet begonnen"
    _walk(view, "Ik bel de bewonersgroep nog deze week en leg uit waarom hun belang minder zwaar woog.")
    saved = json.loads((data_home / "werkboeken" / "eigen-1234.json").read_text(encoding="utf-8"))
    work = saved["modules"]["inspraak"]["dialogues"]["wethouder-snel"]
    assert work["response"] == "Ik bel de bewonersgroep nog deze week en leg uit waarom hun belang minder zwaar woog." and work["walks"][0]["ending"]
    assert "gesprekken" not in saved["modules"], "the course's own practice is not touched"
    # the workbook opens again with the work in it
    assert Workbook.open("eigen-1234").module("inspraak")["dialogues"]["wethouder-snel"]["response"]
    # counted: done on the course map and in the Afronding, in the certificate's minutes
    assert progress.module_status(app.workbook, "inspraak") == "afgerond"
    lines = {line.id: line for line in module_statuses(app.workbook.document)}
    assert lines["inspraak"].title == TITLE and lines["inspraak"].status == "complete"
    assert "inspraak" in progress.done_modules(app.workbook)
    app.router.module = "index"
    course_map = html.unescape(app._exercises["index"].map.value)
    assert f"{TITLE}</a></td><td>10 min</td><td>afgerond" in course_map
    # exported in course order, in Markdown and Word
    app.workbook.set_module("kennismaken", {"dossier": "Groen in de wijk"})
    app.workbook.set_module("afronding", {"name": "Sam", "reflection": "Kort."})
    markdown = workbook_markdown(app.workbook)
    assert f"## {TITLE}" in markdown and "Ik bel de bewonersgroep nog deze week en leg uit waarom hun belang minder zwaar woog." in markdown
    assert markdown.index("Groen in de wijk") < markdown.index(TITLE) < markdown.index("## 7\\. Afronding")
    assert b"PK" == workbook_docx(app.workbook)[:2]
    # the class overview reads the learner's work on it
    overview = ClassOverview.from_files([("eigen-1234.json", app.workbook.to_bytes())])
    counts = overview.module_counts()
    assert counts.loc[counts["module"] == "inspraak", ["title", "learners"]].values.tolist() == [[TITLE, 1]]


def test_a_broken_folder_is_named_for_the_trainer_and_left_out_for_learners(course):
    broken = course / "oefeningen" / "kapot"
    shutil.copytree(course / "oefeningen" / "inspraak", broken)
    (broken / "module.yaml").write_text("id: kapot\ntitel: Kapot\nminuten: veel\n", encoding="utf-8")
    wrong_place = course / "oefeningen" / "verkeerd"
    shutil.copytree(course / "oefeningen" / "inspraak", wrong_place)
    spec = (wrong_place / "module.yaml").read_text(encoding="utf-8")
    (wrong_place / "module.yaml").write_text(
        spec.replace("id: inspraak", "id: verkeerd").replace("na: connection", "na: bestaat-niet"), encoding="utf-8")
    usable, problems = exercises.load_all()
    assert [e.module.id for e in usable] == ["inspraak"]
    assert any("oefeningen/kapot/module.yaml: 'minuten' moet een heel getal" in p for p in problems)
    assert any("'na: bestaat-niet' is geen module van de cursus" in p for p in problems)
    app = _app(course)
    assert "kapot" not in _menu_ids(app) and "verkeerd" not in _menu_ids(app) and "inspraak" in _menu_ids(app)
    assert "kapot" not in app.nav.value and "moet een heel getal" not in app.nav.value
    shown = html.unescape(trainer_exercises_html())
    assert "kan de cursus nog niet gebruiken" in shown and "oefeningen/kapot/module.yaml" in shown
    assert "Oefening: inspraak in de wijk" in shown
    # work saved on a folder the trainer is repairing is kept, not refused
    raw = json.dumps({"format": "verbinding-werkboek", "schema_version": 2, "learner": "x", "case": None,
                      "modules": {"kapot": {"dialogues": {}}}})
    assert parse_document(raw)["modules"] == {"kapot": {"dialogues": {}}}
    workbook = Workbook.open("eigen-kapot")
    workbook.set_module("kapot", {"dialogues": {"x": {"response": "Mijn antwoord"}}})
    assert "Mijn antwoord" not in workbook_markdown(workbook)  # nothing to export it with now
    assert Workbook.open("eigen-kapot").module("kapot")["dialogues"]["x"]["response"] == "Mijn antwoord"


def test_a_module_id_no_course_has_is_still_refused(course):
    raw = json.dumps({"format": "verbinding-werkboek", "schema_version": 2, "learner": "x", "case": None,
                      "modules": {"hacker": {}}})
    with pytest.raises(WorkbookError):
        parse_document(raw)


@pytest.mark.parametrize("change, message", [
    (lambda s: s.replace("id: inspraak", "id: ander"), "is niet de naam van de map"),
    (lambda s: s.replace("id: inspraak", "id: outreach"), "is niet de naam van de map"),
    (lambda s: s + "kleur: blauw\n", "'kleur' kent de cursus niet"),
    (lambda s: s.replace("minuten: 10", "minuten: 0"), "'minuten' moet een heel getal van 1 tot 240 zijn"),
    (lambda s: s.replace("titel:", "titel_oud:"), "'titel_oud' kent de cursus niet"),
    (lambda s: "id: [inspraak\n", "geen geldige YAML"),
])
def test_each_mistake_in_module_yaml_gets_a_dutch_message(course, change, message):
    spec = course / "oefeningen" / "inspraak" / "module.yaml"
    spec.write_text(change(spec.read_text(encoding="utf-8")), encoding="utf-8")
    usable, problems = exercises.load_all()
    assert not usable and len(problems) == 1 and message in problems[0], problems
    assert [m.id for m in course_modules()] == [m.id for m in MODULES]


def test_a_folder_named_like_a_course_module_is_refused(course):
    taken = course / "oefeningen" / "outreach"
    shutil.move(course / "oefeningen" / "inspraak", taken)
    spec = taken / "module.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("id: inspraak", "id: outreach"), encoding="utf-8")
    usable, problems = exercises.load_all()
    assert not usable and "gebruikt de cursus zelf al" in problems[0]
    assert module("outreach").notebook == "02_outreach.ipynb"


def test_check_command_reports_in_dutch(course, capsys):
    assert exercises.check_command() == 0
    out = capsys.readouterr().out
    assert TITLE in out and "Alles in orde" in out
    (course / "oefeningen" / "inspraak" / "gesprek.yaml").write_text("id: x\n", encoding="utf-8")
    assert exercises.check_command(str(course / "oefeningen")) == 1
    out = capsys.readouterr().out
    assert "geen bruikbare oefening" in out and "Traceback" not in out


def test_the_shipped_example_is_a_usable_exercise(capsys):
    from verbinding.cli import main

    assert main(["check-oefening", str(EXAMPLE.parent)]) == 0
    assert "Oefening: de wethouder wil snel besluiten" in capsys.readouterr().out


def test_the_template_notebook_points_to_the_folder_way():
    notebook = json.loads((ROOT / "course" / "trainer" / "nieuwe_oefening.ipynb").read_text(encoding="utf-8"))
    text = "\n".join(c["source"] if isinstance(c["source"], str) else "".join(c["source"]) for c in notebook["cells"])
    assert "course/oefeningen/" in text and "voorbeeld-oefeningen" in text and "check-oefening" in text
    assert "trainer_exercises_html()" in text
