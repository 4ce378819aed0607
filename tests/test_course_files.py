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


def test_the_list_of_modules_is_typed_once_in_the_course_map():
    """The workbook, the export, the progress and the app read the modules from course.py;
    a second hand-typed list of module ids would fall out of step when a module is added."""
    from verbinding.course import SAVED_MODULES

    ids = {m.id for m in SAVED_MODULES}
    package = Path(__file__).resolve().parents[1] / "widgets" / "verbinding"
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "course.py":
            continue
        for line, named in _id_lists(ast.parse(path.read_text(encoding="utf-8")), ids):
            found.append(f"{path.relative_to(package)}:{line}: {', '.join(named)}")
    assert not found, "module ids typed outside course.py:\n" + "\n".join(found)
    from verbinding import export, progress, workbook

    assert workbook.MODULE_IDS == tuple(m.id for m in SAVED_MODULES)
    assert list(export.EXPORTERS) == [m.id for m in SAVED_MODULES if m.model]
    assert set(progress.MODELS) <= {m.id for m in MODULES}
