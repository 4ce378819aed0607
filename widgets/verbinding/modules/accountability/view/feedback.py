"""Step 2 of Accountability: feedback per stakeholder (a :class:`FeedbackRow` for each party
the learner weighs), how many heard back (insiders beside the others), and its chart with
the chart's summary in words."""

from __future__ import annotations

import ipywidgets as widgets

from verbinding.modules.accountability import coverage_chart, coverage_chart_summary, overview
from verbinding.modules.accountability.view.common import Step, open_points, step_intro
from verbinding.modules.accountability.view.rows import FeedbackRow
from verbinding.texts import t
from verbinding.ui.charts import ChartView
from verbinding.ui.layout import subheading, subheading_html
from verbinding.ui.markup import escape as _e


class FeedbackStep(Step):
    """Step 2: the feedback rows, the coverage line and the chart."""

    public = ("feedback_box", "coverage", "chart")

    def __init__(self, exercise):
        super().__init__(exercise)
        self.rows: dict[str, FeedbackRow] = {}
        self.feedback_box = widgets.VBox()
        self.coverage = widgets.HTML()
        self.chart = ChartView()
        self.parts = [
            step_intro("feedback"),
            self.feedback_box,
            subheading("accountability.ui.coverage_title"),
            self.coverage,
            self.chart,
        ]

    def follows_list(self) -> bool:
        """True when the rows are those of the parties the learner weighs now."""
        return [key for key, _name, _insider in self.model.stakeholders()] == list(self.rows)

    def rebuild(self) -> None:
        """A row per party the learner weighs, in the list's order (call it while the exercise
        is quiet: a row is filled again from the model)."""
        old = self.rows
        self.rows = {}
        for key, name, insider in self.model.stakeholders():
            row = old.pop(key, None)
            if row is None or (row.name, row.insider) != (name, insider):
                if row is not None:
                    row.close()
                row = FeedbackRow(key, name, insider, self.exercise.feedback_changed)
            row.load(self.model.feedback_for(key))
            self.rows[key] = row
        for row in old.values():
            row.close()
        self.feedback_box.children = list(self.rows.values())

    def refresh(self, chart: bool = True, findings: list | None = None) -> None:
        """The coverage in words with the checks of the feedback (``findings``, worked out
        here when not given) and, with ``chart``, the chart (drawing it takes a while: only
        after a change of the feedback or the list)."""
        value = f"<p>{_e(self.model.coverage_text())}</p>"
        if findings is None:
            findings = self.model.feedback_findings() if self.model.interests else []
        messages = overview(findings)
        if messages:  # the checks of the feedback, here where it is filled in (not in step 1)
            value += subheading_html(t("accountability.ui.feedback_checks_title")) + open_points(messages)
        if self.coverage.value != value:
            self.coverage.value = value
        if chart:  # the paragraph above gives the figures; the summary describes the chart
            if self.model.interests:
                self.chart.update(coverage_chart(self.model), coverage_chart_summary(self.model))
            else:
                self.chart.update(None, "")
