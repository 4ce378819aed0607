"""The course folder as a trainer receives it: clean notebooks, a page per module, a frame."""

from __future__ import annotations

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
