"""The course folder as a trainer receives it: clean notebooks, a page per module, a frame."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from verbinding.course import APP_NOTEBOOK, GLOSSARY, INDEX, MODULES, STATEMENT, TRAINER_PAGES

COURSE = Path(__file__).resolve().parents[1] / "course"
NOTEBOOKS = sorted(COURSE.rglob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(COURSE)))
def test_notebook_is_committed_clean(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert "widgets" not in nb.get("metadata", {}), "stored widget state"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), "committed outputs"
            assert cell.get("execution_count") is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(COURSE)))
def test_notebook_opens_with_the_course_frame(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    if path.name == APP_NOTEBOOK and path.parent == COURSE:
        assert "course_app(" in code, "the learner's course is the one-page app"
        assert not [c for c in nb["cells"] if c["cell_type"] == "markdown"], "the app's texts come from the modules"
    else:
        assert "course_page(" in code, "every page shows the learner code and save bar frame"


def test_course_map_and_course_folder_agree():
    listed = {m.notebook for m in (INDEX, GLOSSARY, *MODULES, *TRAINER_PAGES, STATEMENT)} | {APP_NOTEBOOK}
    on_disk = {str(p.relative_to(COURSE)) for p in NOTEBOOKS}
    assert sorted(listed - on_disk) == [], "the index links to a notebook that does not exist"
    assert sorted(on_disk - listed) == [], "a notebook is missing from the course map"


def test_every_app_module_names_a_view_and_its_notebook_has_text():
    from verbinding.notebook_text import module_text

    for item in (INDEX, *MODULES):
        assert item.view, f"{item.id} has no view for the course app"
        text = module_text(COURSE / item.notebook)
        assert "<h1>" in text.before, f"{item.notebook}: the app shows no heading for {item.id}"


def _id_lists(tree, ids: set[str]):
    """(line, ids) of every literal tuple, list, set or dict in ``tree`` naming more than half
    of the module ids: a list of the modules, not a choice among them (module 5's three
    OCA pillars)."""
    for node in ast.walk(tree):
        items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
        if not isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)) or items is None:
            continue
        named = {i.value for i in items if isinstance(i, ast.Constant) and i.value in ids}
        if len(named) > len(ids) // 2:
            yield node.lineno, sorted(named)


def test_the_list_of_modules_is_typed_nowhere():
    """The modules are the folders in modules/, each with its spec; the workbook, the export,
    the progress and the app read them through course.py. A hand-typed list of module ids,
    in course.py too, would fall out of step when a module is added."""
    from verbinding.course import SAVED_MODULES

    ids = {m.id for m in SAVED_MODULES}
    package = Path(__file__).resolve().parents[1] / "widgets" / "verbinding"
    found = []
    for path in sorted(package.rglob("*.py")):
        for line, named in _id_lists(ast.parse(path.read_text(encoding="utf-8")), ids):
            found.append(f"{path.relative_to(package)}:{line}: {', '.join(named)}")
    assert not found, "module ids typed in the code:\n" + "\n".join(found)
    from verbinding import export, progress, workbook

    assert workbook.MODULE_IDS == tuple(m.id for m in SAVED_MODULES)
    assert list(export.EXPORTERS) == [m.id for m in SAVED_MODULES if m.model]
    assert set(progress.MODELS) <= {m.id for m in MODULES}


def test_each_module_is_a_folder_with_its_spec():
    """modules/<id>/module.yaml declares the module; its id is the folder's name and the key
    of its work in a workbook; the order, notebook, view and model it names exist."""
    import importlib

    from verbinding.course import MODULES_DIR, SPEC_FILE, read_spec

    folders = sorted(p.name for p in MODULES_DIR.iterdir() if p.is_dir() and not p.name.startswith("_"))
    assert sorted(m.id for m in MODULES) == folders, "a folder in modules/ without a spec, or a spec without folder"
    orders = [read_spec(MODULES_DIR / m.id / SPEC_FILE)[0] for m in MODULES]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
    for item in MODULES:
        module_name, class_name = item.view.split(":")
        assert hasattr(importlib.import_module(module_name), class_name), item.view
        assert hasattr(importlib.import_module(item.model), "export_blocks"), item.model
        assert (COURSE / item.notebook).is_file()


def test_titles_and_durations_come_from_one_place():
    """A course module's title and minutes are texts (common.modules.<id>, trainers edit
    them); the specs do not repeat them, and the texts name no module the course lacks."""
    from verbinding.course import MODULES_DIR, module
    from verbinding.texts import catalogue

    for item in MODULES:
        spec = (MODULES_DIR / item.id / "module.yaml").read_text(encoding="utf-8")
        assert "\ntitle:" not in spec and "\nminutes:" not in spec
        assert item.title and item.minutes > 0
    for key in catalogue():
        if key.startswith("common.modules.") and key.endswith(".minutes"):
            module(key.split(".")[2])  # KeyError: minutes for a module the course does not have
