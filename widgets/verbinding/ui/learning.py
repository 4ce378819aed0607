"""The learning check before and after the course (thin view over :mod:`verbinding.learning`)."""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.learning import AFTER, BEFORE, MODULE_ID, LearningCheck
from verbinding.quiz import QuizError
from verbinding.texts import t, tlist
from verbinding.ui.markup import escape as _e
from verbinding.ui.markup import texts_error_alert

WIDE = widgets.Layout(width="100%", max_width="46em")


class LearningCheckView(widgets.VBox):
    """The six questions of one phase (``"voor"`` or ``"na"``); each answer locks."""

    def __init__(self, workbook, phase: str):
        self.workbook = workbook
        self.phase = phase
        self.radios: dict[str, widgets.RadioButtons] = {}
        self.feedbacks: dict[str, widgets.HTML] = {}
        self.result = widgets.HTML()
        message = widgets.HTML()
        try:
            self.model = LearningCheck.load(workbook.module(MODULE_ID))
        except QuizError as error:
            self.model = None
            message.value = texts_error_alert(t("quiz.errors.heading"), error)
        rows: list[widgets.Widget] = []
        for number, item in enumerate(self.model.items if self.model else [], start=1):
            label = t("quiz.leerwinst_page.question", number=number)
            question = item.question
            chosen = self.model.answers[phase].get(question.id)
            radio = widgets.RadioButtons(
                options=[(text, i) for i, text in enumerate(question.options, start=1)],
                value=chosen, description=label, layout=WIDE, style={"description_width": "6em"},
                disabled=chosen is not None,
            )
            radio.observe(lambda change, q=question.id: self._answer(q, change["new"]), names="value")
            feedback = widgets.HTML(self._feedback_html(question.id))
            self.radios[question.id], self.feedbacks[question.id] = radio, feedback
            rows += [widgets.HTML(f"<p><strong>{_e(label)}.</strong> {_e(question.question)}</p>"), radio, feedback]
        title = t("quiz.leerwinst_page.title_before" if phase == BEFORE else "quiz.leerwinst_page.title_after")
        intro = t("quiz.leerwinst_page.intro_before" if phase == BEFORE else "quiz.leerwinst_page.intro_after")
        super().__init__([widgets.HTML(f"<h2>{_e(title)}</h2><p>{_e(intro)}</p>"), message, *rows, self.result])
        self.add_class("verbinding-quiz")
        self._show_result()

    def _feedback_html(self, question_id: str) -> str:
        if question_id not in self.model.answers[self.phase]:
            return ""
        if self.phase == BEFORE:
            return f'<p class="verbinding-feedback" role="status">{_e(t("quiz.leerwinst_page.saved_before"))}</p>'
        item = next(i.question for i in self.model.items if i.question.id == question_id)
        right = self.model.right(AFTER, question_id)
        verdict = t("quiz.page.right") if right else t("quiz.page.wrong", answer=item.right_text)
        css = "verbinding-feedback " + ("verbinding-quiz-right" if right else "verbinding-quiz-wrong")
        return f'<p class="{css}" role="status">{_e(verdict)} {_e(item.explanation)}</p>'

    def _answer(self, question_id: str, option) -> None:
        if option is None or not self.model.answer(self.phase, question_id, option):
            return
        self.radios[question_id].disabled = True
        saved = self.workbook.module(MODULE_ID)
        state = dict(saved) if isinstance(saved, dict) else {}
        state[self.phase] = self.model.to_dict()[self.phase]  # the other phase as saved
        self.workbook.set_module(MODULE_ID, state)
        self.feedbacks[question_id].value = self._feedback_html(question_id)
        self._show_result()

    def _show_result(self) -> None:
        if self.model is None or self.phase == BEFORE or not self.model.complete(AFTER):
            self.result.value = ""
            return
        self.model = LearningCheck.load(self.workbook.module(MODULE_ID), self.model.items)
        rows = "".join(f"<tr><td>{_e(a)}</td><td>{_e(b)}</td><td>{_e(c)}</td></tr>" for a, b, c in self.model.gain_rows())
        header = "".join(f"<th>{_e(h)}</th>" for h in tlist("quiz.leerwinst_page.table_header"))
        self.result.value = (
            f'<div class="verbinding-ok" role="status"><p>{_e(self.model.summary())}</p></div>'
            f'<table class="verbinding-table"><tr>{header}</tr>{rows}</table>'
        )
