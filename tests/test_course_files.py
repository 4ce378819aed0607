"""The course folder as a trainer receives it: clean notebooks, a page per module, a frame."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from verbinding.course import INDEX, MODULES, STATEMENT, TRAINER_PAGES

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
    assert "course_page(" in code, "every page shows the learner code and save bar frame"


def test_course_map_and_course_folder_agree():
    listed = {m.notebook for m in (INDEX, *MODULES, *TRAINER_PAGES, STATEMENT)}
    on_disk = {str(p.relative_to(COURSE)) for p in NOTEBOOKS}
    assert sorted(listed - on_disk) == [], "the index links to a notebook that does not exist"
    assert sorted(on_disk - listed) == [], "a notebook is missing from the course map"
