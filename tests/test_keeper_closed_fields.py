"""A list view that draws its rows again closes the old rows' text fields; the keeper must
forget them, never fail on them (a learner's walk in module 3: from the third invitation
on, every save stopped half-way, so the list, the kennischeck's summary and 'Nog te doen'
stood still while the work was saved)."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from verbinding import session
from verbinding.ui.app import CourseApp
from verbinding.ui.keeper import model_id
from verbinding.workbook import Workbook

COURSE = Path(__file__).resolve().parents[1] / "course"


def _app(code="gesloten-1234", start="connection") -> CourseApp:
    app = CourseApp(Workbook.open(code), session.CodeChoice(code, False, None), start, COURSE)
    app.keeper.send = lambda _message: None
    return app


def test_a_closed_widget_has_no_model_id():
    field = widgets.Text()
    assert model_id(field)
    field.close()
    assert model_id(field) is None


def test_invitations_drawn_again_keep_the_page_following_the_work(data_home):
    app = _app()
    view = app._exercises["connection"]
    step = view.invite_step
    step.gap_select.value = (step.gap_select.options[0][1],)
    for number in range(1, 5):
        step._invite()
        assert len(view.work.invitations) == number
        assert len(step.invited_box.children) == number  # the list shows every invitation
    assert len(app.workbook.module("connection")["invitations"]) == 4
    todo = app._todos["connection"]
    last = view.work.invitations[-1].name
    assert last in todo.value  # 'Nog te doen' follows the saves (asks for the last one's reason)
    quiz = next(c for c in view.children if c.__class__.__name__ == "KnowledgeCheck")
    first = next(iter(quiz.radios))
    quiz.radios[first].value = 1
    assert "nog geen vraag" not in quiz.score.value  # the summary follows the answer


def test_typing_a_reason_after_the_rows_were_drawn_again_is_kept_and_confirmed(data_home):
    app = _app()
    sent: list[dict] = []
    app.keeper.send = sent.append
    step = app._exercises["connection"].invite_step
    step.gap_select.value = (step.gap_select.options[0][1],)
    for _ in range(3):
        step._invite()
    first = step.work.invitations[0].org_id
    box = step.reason_boxes[first]
    app.keeper._on_message(app.keeper, {"type": "tag"}, [])  # the browser asks when a new field is typed in
    assert app.keeper.knows(box)
    box.value = "Kent de wijk"
    assert app.workbook.module("connection")["invitations"][0]["reason"] == "Kent de wijk"
    assert any(m.get("type") == "saved" for m in sent)
