"""The knowledge check at the end of a module (thin view over :mod:`verbinding.quiz`)."""

from __future__ import annotations

import ipywidgets as widgets
from IPython.display import display

from verbinding.module_parts import read_part, write_part
from verbinding.quiz import STATE_KEY, KnowledgeCheckModel, QuizError, has_questions
from verbinding.texts import t
from verbinding.ui.markup import escape as _e
from verbinding.ui.markup import texts_error_alert

WIDE = widgets.Layout(width="100%", max_width="46em")


class KnowledgeCheck(widgets.VBox):
    """A few questions with explained feedback; answers saved under the module's state."""

    def __init__(self, page, module_id: str):
        self.workbook = page.workbook
        self.module_id = module_id
        self.message = widgets.HTML()
        self.radios: dict[str, widgets.RadioButtons] = {}
        self.feedbacks: dict[str, widgets.HTML] = {}
        self.score = widgets.HTML()
        try:
            self.model = KnowledgeCheckModel.load(module_id, read_part(self.workbook, module_id, STATE_KEY))
        except QuizError as error:
            self.model = None
            self.message.value = texts_error_alert(t("quiz.errors.heading"), error)
        rows: list[widgets.Widget] = []
        for number, item in enumerate(self.model.items if self.model else [], start=1):
            label = t("quiz.page.question", number=number)
            radio = widgets.RadioButtons(
                options=[(text, i) for i, text in enumerate(item.options, start=1)],
                value=self.model.answers.get(item.id), description=label, layout=WIDE,
                style={"description_width": "6em"}, disabled=self.model.locked(item.id),
            )
            feedback = widgets.HTML(self._feedback_html(item.id))
            radio.observe(lambda change, q=item.id: self._answer(q, change["new"]), names="value")
            self.radios[item.id], self.feedbacks[item.id] = radio, feedback
            recall = ""
            if item.recall_from:
                module_title = t(f"common.modules.{item.recall_from}.title").split(":")[0].strip()
                recall = f'<span class="verbinding-recall">{_e(t("quiz.page.recall", module=module_title))}</span> '
            rows += [widgets.HTML(f"<p>{recall}<strong>{_e(label)}.</strong> {_e(item.question)}</p>"), radio, feedback]
        super().__init__([
            widgets.HTML(f"<h3>{_e(t('quiz.page.title'))}</h3><p>{_e(t('quiz.page.intro'))}</p>"),
            self.message, *rows, self.score,
        ])
        self.add_class("verbinding-quiz")
        self._refresh_score()

    def _feedback_html(self, question_id: str) -> str:
        text = self.model.feedback(question_id)
        if not text:
            return ""
        right = self.model.answers.get(question_id) == self.model.question(question_id).right
        css = "verbinding-feedback" + (" verbinding-quiz-right" if right else " verbinding-quiz-wrong")
        return f'<p class="{css}" role="status">{_e(text)} {_e(t("quiz.page.locked"))}</p>'

    def _answer(self, question_id: str, option) -> None:
        first = self.model.answers.get(question_id)
        self.model.answer(question_id, option)
        radio = self.radios[question_id]
        if first is not None and option != first:  # locked: the first answer counts
            radio.value = first
        radio.disabled = self.model.locked(question_id)
        self.feedbacks[question_id].value = self._feedback_html(question_id)
        write_part(self.workbook, self.module_id, STATE_KEY, self.model.to_dict())
        self._refresh_score()

    def _refresh_score(self) -> None:
        if self.model is not None:
            self.score.value = f'<p class="verbinding-feedback" role="status"><strong>{_e(self.model.summary())}</strong></p>'

    def show(self) -> KnowledgeCheck:
        display(self)
        return self


def append_module_end(view: widgets.Box, page, module_id: str) -> None:
    """Add what every module ends with (its knowledge check, for module 1 also the
    drietrapsraket exercise) below a module's own exercise."""
    parts: list[widgets.Widget] = []
    if module_id == "drempels":
        try:
            case = page.case
        except Exception:  # no case on this page: the exercise needs one
            case = None
        if case is not None:
            from verbinding.ui.drietrapsraket import RocketView

            parts.append(RocketView(page))
    if has_questions(module_id):
        parts.append(KnowledgeCheck(page, module_id))
    view.children = (*view.children, *parts)
