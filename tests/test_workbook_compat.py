"""A workbook saved by the course before modules had folders of their own (main b55c208)
opens unchanged: the same work per module and per case, the same export, the same course map.

``tests/data/werkboek-main-b55c208.json`` and its Markdown export were made with that
version's own code; they are never regenerated."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from verbinding import progress
from verbinding.course import MODULES
from verbinding.export import workbook_markdown
from verbinding.modules.afronding import module_statuses
from verbinding.workbook import Workbook

DATA = Path(__file__).resolve().parent / "data"
SAVED = DATA / "werkboek-main-b55c208.json"
CODE = "oud-werkboek-1"


def _open(data_home) -> Workbook:
    folder = data_home / "werkboeken"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAVED, folder / f"{CODE}.json")
    return Workbook.open(CODE, home=data_home)


def test_an_old_workbook_keeps_every_module_and_case(data_home):
    saved = json.loads(SAVED.read_text(encoding="utf-8"))
    workbook = _open(data_home)
    document = workbook.document
    assert document["case"] == saved["case"] == "klimaatadaptatie"
    assert document["modules"] == saved["modules"]
    assert document["other_cases"] == saved["other_cases"]
    assert list(document["modules"]) == list(saved["modules"]), "the file keeps its order"
    for module_id, state in saved["modules"].items():
        assert workbook.module(module_id) == state
    assert workbook.module("outreach", case="vergrijzing") == saved["other_cases"]["vergrijzing"]["outreach"]


def test_an_old_workbook_exports_as_before(data_home):
    expected = (DATA / "werkboek-main-b55c208.md").read_text(encoding="utf-8")
    assert workbook_markdown(_open(data_home)) == expected


def test_an_old_workbook_shows_the_same_progress(data_home):
    workbook = _open(data_home)
    assert [m.id for m in MODULES] == ["kennismaken", "drempels", "outreach", "connection", "accountability",
                                       "eigen_dossier", "echte_agendas", "gesprekken", "afronding"]
    statuses = {m.id: progress.module_status(workbook, m.id) for m in MODULES}
    assert statuses == {"kennismaken": "afgerond", **{m.id: "begonnen" for m in MODULES[1:]}}
    lines = module_statuses(workbook.document)
    assert [(line.id, line.status) for line in lines] == [("kennismaken", "complete")] + [
        (m.id, "started") for m in MODULES[1:-1]]


def test_an_old_workbook_saved_again_keeps_its_work(data_home):
    saved = json.loads(SAVED.read_text(encoding="utf-8"))
    workbook = _open(data_home)
    workbook.set_module("afronding", {**workbook.module("afronding"), "name": "Sam de Vries"})
    workbook.save()
    again = json.loads((data_home / "werkboeken" / f"{CODE}.json").read_text(encoding="utf-8"))
    assert again["modules"] == saved["modules"] and again["other_cases"] == saved["other_cases"]
