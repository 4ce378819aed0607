"""Widgets of module 1 "Drempels", thin over :class:`verbinding.modules.drempels.BarrierExercise`.

Two parts: classify the scenarios (one labelled dropdown per scenario, explaining
feedback below it) and the self-assessment of the learner's own dossier (a labelled
score and an example per barrier, an offline chart with a text summary, tips).
Every change is saved in the workbook at once; an upload that replaces the work reloads.
"""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.modules.drempels import (
    BarrierExercise,
    BarrierTextsError,
    assessment_chart,
    load_texts,
)
from verbinding.texts import t
from verbinding.ui.charts import ChartView
from verbinding.ui.layout import WIDE, labels, subheading_html
from verbinding.ui.markup import escape as _e
from verbinding.ui.markup import list_items, status_line, texts_or_alert
from verbinding.ui.view import ModuleView

MODULE_ID = "drempels"
STYLE = labels("14em")
# Labels that name a barrier are long: give them their natural width (never cut off).
LONG_LABEL = labels("initial")
VERDICT_CLASS = {"correct": "verbinding-ok", "partial": "verbinding-notice", "wrong": "verbinding-error"}


def warm_up() -> None:
    """Build the chart once (texts, frame, spec) before a learner opens the page."""
    from verbinding.ui.charts import vega_lite

    try:
        model = BarrierExercise()
        vega_lite(assessment_chart(model.assessment_frame(), model.texts.scale_max))
    except BarrierTextsError:
        pass  # shown on the page itself


class _ScenarioRow(widgets.VBox):
    """One scenario: its text, a labelled choice and the feedback."""

    def __init__(self, number: int, scenario, options):
        self.scenario_id = scenario.id
        self.text = widgets.HTML(
            f"<h4>{_e(t('barriers.exercise.scenario_heading', number=number))}</h4>"
            f"<p>{_e(scenario.text)}</p>"
        )
        self.choice = widgets.Dropdown(
            options=options, value="",
            description=t("barriers.exercise.choice_label", number=number),
            style=STYLE, layout=WIDE,
        )
        self.feedback = widgets.HTML()
        super().__init__([self.text, self.choice, self.feedback],
                         layout=widgets.Layout(margin="0 0 10px 0"))
        self.add_class("verbinding-scenario")

    def show_feedback(self, feedback) -> None:
        if feedback is None:
            self.feedback.value = ""
            return
        css = VERDICT_CLASS[feedback.verdict]
        self.feedback.value = f'<p class="{css}" role="status" aria-live="polite">{_e(feedback.text)}</p>'


class _AssessmentRow(widgets.VBox):
    """One barrier in the self-assessment: explanation, score, example."""

    def __init__(self, barrier, scale):
        self.barrier_id = barrier.id
        self.text = widgets.HTML(
            f"<h4>{_e(t('barriers.assessment.question', barrier=barrier.name))}</h4>"
            f"<p>{_e(barrier.summary)}</p>"
        )
        options = [(t("barriers.assessment.score_empty"), 0)] + [
            (f"{i} - {label}", i) for i, label in enumerate(scale, start=1)
        ]
        self.score = widgets.Dropdown(
            options=options, value=0,
            description=t("barriers.assessment.score_for", barrier=barrier.name),
            style=LONG_LABEL, layout=WIDE,
        )
        self.note = widgets.Textarea(
            description=t("barriers.assessment.note_for", barrier=barrier.name),
            placeholder=t("barriers.assessment.note_help"),
            rows=3, continuous_update=False, style=LONG_LABEL, layout=WIDE,
        )
        super().__init__([self.text, self.score, self.note],
                         layout=widgets.Layout(margin="0 0 10px 0"))


class BarriersExercise(ModuleView):
    """Module 1: classify scenarios, then assess your own dossier per barrier."""

    module_id = MODULE_ID

    def __init__(self, page):
        self.message = widgets.HTML()
        self.texts = texts_or_alert(load_texts, BarrierTextsError, t("barriers.errors.heading"), self.message)
        if self.texts is None:
            super().__init__(page, [self.message])
            return
        self.model = BarrierExercise(self.texts)
        options = [(t("barriers.exercise.choice_empty"), "")] + [
            (b.name, b.id) for b in self.texts.barriers
        ]
        self.rows = [_ScenarioRow(n, s, options) for n, s in enumerate(self.texts.scenarios, start=1)]
        self.progress = widgets.HTML()
        self.dossier = widgets.Text(
            description=t("barriers.assessment.dossier_label"),
            placeholder=t("barriers.assessment.dossier_help"),
            continuous_update=False, style=STYLE, layout=WIDE,
        )
        self.assessment = [_AssessmentRow(b, self.texts.scale) for b in self.texts.barriers]
        self.chart = ChartView()
        self.tips = widgets.HTML()
        part1 = widgets.VBox([
            widgets.HTML(f"<h3>{_e(t('barriers.exercise.title'))}</h3>"
                         f"<p>{_e(t('barriers.exercise.intro'))}</p>"),
            *self.rows,
            self.progress,
        ])
        part2 = widgets.VBox([
            widgets.HTML(f"<h3>{_e(t('barriers.assessment.title'))}</h3>"
                         f"<p>{_e(t('barriers.assessment.intro'))}</p>"),
            self.dossier,
            *self.assessment,
            self.chart,
            self.tips,
        ])
        super().__init__(page, [self.message, part1, part2])
        self.add_class("verbinding-barriers")
        for row in self.rows:
            row.choice.observe(self._choice_handler(row), names="value")
        for row in self.assessment:
            row.score.observe(self._score_handler(row), names="value")
            row.note.observe(self._note_handler(row), names="value")
        self.dossier.observe(self._on_dossier, names="value")
        from verbinding.ui.quiz import append_module_end  # issue 17: drietrapsraket, kennischeck

        append_module_end(self, page, MODULE_ID)
        self.start()

    # ----- the view cycle ----------------------------------------------------------------
    def load(self) -> None:
        if self.texts is not None:  # a broken texts file leaves only its message to show
            super().load()

    def read(self, data) -> None:
        self.model = BarrierExercise.from_dict(data, self.texts)
        if not self.model.dossier.strip():
            intro = self.workbook.module("kennismaken")
            if isinstance(intro.get("dossier"), str):
                self.model.set_dossier(intro["dossier"])
        for row in self.rows:
            row.choice.value = self.model.answers.get(row.scenario_id, "")
        self.dossier.value = self.model.dossier
        for row in self.assessment:
            row.score.value = self.model.score(row.barrier_id) or 0
            row.note.value = self.model.notes.get(row.barrier_id, "")

    def update(self) -> None:
        for row in self.rows:
            row.show_feedback(self.model.feedback(row.scenario_id))
        self._refresh_progress()
        self._refresh_chart()

    def _save(self) -> None:
        self.save(self.model.to_dict())

    # ----- handlers ----------------------------------------------------------------------
    def _choice_handler(self, row: _ScenarioRow):
        def handler(change) -> None:
            if self.loading:
                return
            row.show_feedback(self.model.classify(row.scenario_id, change["new"] or None))
            self._save()
            self._refresh_progress()
        return handler

    def _score_handler(self, row: _AssessmentRow):
        def handler(change) -> None:
            if self.loading:
                return
            self.model.rate(row.barrier_id, change["new"] or None)
            self._save()
            self._refresh_chart()
        return handler

    def _note_handler(self, row: _AssessmentRow):
        def handler(change) -> None:
            if self.loading:
                return
            self.model.set_note(row.barrier_id, change["new"])
            self._save()
            self._refresh_tips()  # an example answers "schrijf er een voorbeeld bij"
        return handler

    def _on_dossier(self, change) -> None:
        if self.loading:
            return
        self.model.set_dossier(change["new"])
        self._save()

    # ----- views -------------------------------------------------------------------------
    def _refresh_progress(self) -> None:
        self.progress.value = status_line(self.model.progress_text(), "verbinding-feedback")

    def _refresh_chart(self) -> None:
        chart = assessment_chart(self.model.assessment_frame(), self.texts.scale_max)
        self.chart.update(chart, self.model.assessment_summary())
        self._refresh_tips()

    def _refresh_tips(self) -> None:
        tips = self.model.tips()
        if tips:
            self.tips.value = (
                f'<div class="verbinding-feedback">{subheading_html(t("barriers.assessment.tips_heading"))}'
                f"{list_items(tips)}</div>"
            )
        else:
            self.tips.value = ""
