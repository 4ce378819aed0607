"""The learning check: the same questions before and after the course, and the gain."""

from __future__ import annotations

import json

import pytest

from verbinding import learning
from verbinding.classview import ClassOverview
from verbinding.export import workbook_markdown
from verbinding.modules.afronding.view import ClosingExercise
from verbinding.modules.kennismaken.view import IntroExercise
from verbinding.ui.learning import LearningCheckView
from verbinding.ui.page import CoursePage
from verbinding.workbook import Workbook


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("VERBINDING_HOME", str(tmp_path))


def _wrong(item: learning.Item) -> int:
    return next(i for i in range(1, len(item.question.options) + 1) if i != item.question.right)


def _check_in(view) -> LearningCheckView:
    return next(child for child in view.children if isinstance(child, LearningCheckView))


def _answer(view: LearningCheckView, right: set[str]) -> None:
    for item in view.model.items:
        view.radios[item.question.id].value = item.question.right if item.question.id in right else _wrong(item)


def test_six_questions_one_per_idea_with_the_right_answer_in_different_places():
    items = learning.items()
    assert len(items) == 6 and len({i.idea for i in items}) == 6
    assert len({i.question.right for i in items}) > 1, "the right answer is not always in the same place"


def test_before_the_course_no_answer_is_revealed_and_answers_lock():
    workbook = Workbook.open("leer-1")
    view = _check_in(IntroExercise(CoursePage("kennismaken", workbook, new_code=False)))
    item = view.model.items[0]
    view.radios[item.question.id].value = _wrong(item)
    text = view.feedbacks[item.question.id].value
    assert "aan het eind van de cursus" in text and item.question.explanation not in text
    assert view.radios[item.question.id].disabled
    view.radios[item.question.id].disabled = False  # even a forced change is not taken
    view.radios[item.question.id].value = item.question.right
    saved = Workbook.open("leer-1").module("leerwinst")
    assert saved["voor"]["answers"][item.question.id] == _wrong(item)


def test_after_the_course_the_gain_names_only_what_improved_and_exports():
    workbook = Workbook.open("leer-2")
    ids = [i.question.id for i in learning.items()]
    _answer(_check_in(IntroExercise(CoursePage("kennismaken", workbook, new_code=False))), right=set(ids[:2]))
    after = _check_in(ClosingExercise(CoursePage("afronding", workbook, new_code=False)))
    _answer(after, right=set(ids[:4]))
    summary = after.result.value
    assert "Aan het begin had je 2 van de 6 vragen goed, nu 4: 2 meer." in summary
    improved = [i.idea for i in learning.items()[2:4]]
    assert all(idea in summary for idea in improved)
    assert learning.items()[0].idea not in summary.split("Beter ging het bij:")[1].split("</p>")[0]
    assert "Leerwinst" in workbook_markdown(workbook)


def test_without_a_check_before_no_gain_is_claimed():
    check = learning.LearningCheck.load({})
    for item in check.items:
        check.answer(learning.AFTER, item.question.id, item.question.right)
    assert "niet te berekenen" in check.summary()


def test_the_class_overview_shows_the_gain_per_idea_over_learners_who_did_both():
    ids = [i.question.id for i in learning.items()]
    files = []
    for number, (before, after) in enumerate([(0, 6), (3, 6), (6, 6)]):
        check = learning.LearningCheck.load({})
        for phase, right in ((learning.BEFORE, before), (learning.AFTER, after)):
            for position, item in enumerate(check.items):
                check.answer(phase, item.question.id, item.question.right if position < right else _wrong(item))
        doc = Workbook.open(f"klas-{number}").document
        doc["modules"]["leerwinst"] = check.to_dict()
        files.append((f"w{number}.json", json.dumps(doc).encode()))
    only_before = Workbook.open("klas-9").document
    only_before["modules"]["leerwinst"] = {"voor": {"answers": {ids[0]: 1}}}
    files.append(("w9.json", json.dumps(only_before).encode()))
    rows = ClassOverview.from_files(files).learning_gain_rows()
    first, last = rows[0], rows[-1]
    assert first[1:] == (3, 2, 3), "three learners did both; two had question 1 right at the start"
    assert last[1:] == (3, 1, 3)
