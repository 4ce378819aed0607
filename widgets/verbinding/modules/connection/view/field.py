"""Step 3 of Connection: the uneven playing field (access per organisation type and per
dimension against their share of the population), shown after step 1's reveal, and the
learner's reflection on it."""

from __future__ import annotations

import ipywidgets as widgets

from verbinding import access, dutch
from verbinding.modules.connection import field_note_feedback, organisations_text, playing_field_text
from verbinding.modules.connection.view.common import STYLE, Step, caveat, feedback
from verbinding.texts import t
from verbinding.ui.charts import ChartView
from verbinding.ui.layout import WIDE, heading, paragraph
from verbinding.ui.markup import escape as _e


class FieldStep(Step):
    """Step 3: two charts (locked until the reveal) and a reflection that gets a response."""

    public = ("field_view", "dims_view", "field_note", "field_note_feedback", "field_locked", "field_charts")

    def __init__(self, exercise):
        super().__init__(exercise)
        self.field_view = ChartView()
        self.dims_view = ChartView()
        self.field_note = widgets.Textarea(
            description=t("connection.ui.field_note_label"), placeholder=t("connection.ui.field_note_placeholder"),
            continuous_update=False, style=STYLE, layout=WIDE,
        )
        self.field_note_feedback = widgets.HTML()
        self.field_locked = widgets.HTML(f'<p class="verbinding-notice">{_e(t("connection.ui.step_locked"))}</p>')
        self.field_charts = widgets.VBox([self.field_view, self.dims_view])
        self.build(heading("connection.ui.step3_title"), paragraph("connection.ui.step3_intro"),
                   caveat(), self.field_locked, self.field_charts, self.field_note, self.field_note_feedback)

        self.field_note.observe(self._note_changed, names="value")

    def read(self, work) -> None:
        self.field_note.value = work.playing_field_note

    def show_reveal(self) -> None:
        """The charts only after step 1's guess is revealed ("eerst schatten, dan meten")."""
        revealed = self.work.revealed
        self.field_locked.layout.display = "none" if revealed else None
        self.field_charts.layout.display = None if revealed else "none"

    def update(self) -> None:
        self.field_note_feedback.value = feedback(field_note_feedback(self.work.playing_field_note))

    def draw_static(self) -> None:
        """Both charts: the case's figures, the same whatever the learner chooses."""
        a = self.analysis
        rep = a.representation
        self.draw(self.field_view,
                  access.shares_spec(rep, "label", "access.chart.rep_title", "access.chart.rep_y"),
                  t("connection.field.chart_summary", text=playing_field_text(rep, a.business_shares)))
        dims = a.dimension_access
        items = "; ".join(
            t("connection.field.dims_item", name=r.name, experts=organisations_text(r.experts),
              access=dutch.percent(r.access_share), top=r.top_experts)
            for r in dims.itertuples()
        )
        self.draw(self.dims_view,
                  access.shares_spec(dims, "name", "access.chart_dims.title", "access.chart_dims.y"),
                  t("connection.field.dims_summary", items=items))

    def _note_changed(self, change) -> None:
        if self.exercise.loading:
            return
        self.work.playing_field_note = str(change["new"])
        self.update()
        self.exercise.save_work()
