"""The one view cycle (issue 22 item 2): every module's exercise is a ModuleView that loads
quietly, saves the learner's typing, and shows a restored workbook."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from verbinding.course import course_modules
from verbinding.modules.kennismaken.view import IntroExercise
from verbinding.ui.view import ModuleView
from verbinding.workbook import Workbook


@pytest.fixture
def workbook(data_home):
    return Workbook.open("test-view-cycle")


def test_every_module_view_uses_the_one_cycle():
    for module in course_modules():
        view = module.view_class()
        assert issubclass(view, ModuleView), f"{module.id}: {view.__name__} is not a ModuleView"
        assert view.module_id == module.id, module.id


def test_loading_fills_the_fields_without_saving_them(workbook):
    workbook.set_module("kennismaken", {"dossier": "Stikstof", "partners": ["LTO"]})
    revision = workbook.revision
    view = IntroExercise(SimpleNamespace(workbook=workbook))
    assert view.dossier.value == "Stikstof"
    assert view.partners.value == "LTO"
    assert workbook.revision == revision  # opening a page is not a save


def test_typing_saves_and_a_restore_shows_the_restored_work(workbook):
    view = IntroExercise(SimpleNamespace(workbook=workbook))
    view.dossier.value = "Wolf in Drenthe"
    assert workbook.module("kennismaken")["dossier"] == "Wolf in Drenthe"
    other = dict(workbook.module("kennismaken"), dossier="Grondwater")
    workbook.set_module("kennismaken", other)
    workbook.restores += 1  # what a merge or an upload announces
    assert view.dossier.value == "Grondwater"
    with view.quiet():
        view.dossier.value = "niet opslaan"
    assert workbook.module("kennismaken")["dossier"] == "Grondwater"
