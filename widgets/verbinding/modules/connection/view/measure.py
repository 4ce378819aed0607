"""Step 1 of Connection: guess what share of the contacts the top 10% of organisations
get, then measure (the Lorenz curve, the top organisations, each one's details)."""

from __future__ import annotations

import ipywidgets as widgets

from verbinding import access, dutch
from verbinding.modules.connection import guess_feedback, organisations_text, untouched_guess_note
from verbinding.modules.connection.view.common import BUTTON, LABEL_LIMIT, STYLE, TOP_N, Step, caveat, feedback, org_detail, pick
from verbinding.texts import t
from verbinding.ui.charts import ChartView, SelectableChartView
from verbinding.ui.layout import WIDE, heading, one_line, paragraph


class MeasureStep(Step):
    """Step 1: the guess is locked once revealed; the figures show only after it."""

    public = ("guess", "guess_number", "guess_note", "reveal", "guess_feedback", "lorenz_view", "top_select", "top_detail", "top_view",
              "measured_box")

    def __init__(self, exercise):
        super().__init__(exercise)
        self.guess = widgets.IntSlider(
            value=10, min=0, max=100, step=1, description=t("connection.ui.guess_label"),
            readout=False, style=STYLE, layout=WIDE,
        )
        # the number typed, beside the slider (a slider's readout does not look typeable)
        self.guess_number = widgets.BoundedIntText(
            value=10, min=0, max=100, step=1, description=t("connection.ui.guess_type_label"),
            style=STYLE, layout=widgets.Layout(width="100%", max_width="24em"),
        )
        widgets.link((self.guess, "value"), (self.guess_number, "value"))
        self._touched = False  # the learner moved or typed the estimate (or one was saved)
        self._asked = False  # the learner was asked to confirm the untouched estimate
        self.guess_note = widgets.HTML()
        self.reveal = widgets.Button(
            description=t("connection.ui.reveal"), button_style="primary",
            tooltip=t("connection.ui.reveal_help"), layout=BUTTON,
        )
        self.guess_feedback = widgets.HTML()
        self.lorenz_view = ChartView()
        self.top_select = widgets.Select(
            description=t("connection.ui.top_label"), rows=8, style=STYLE, layout=WIDE,
        )
        self.top_detail = widgets.HTML()
        self.top_view = SelectableChartView(key="org_id", label="name")
        self.measured_box = widgets.VBox(
            [caveat(), self.guess_feedback,
             widgets.HBox([self.lorenz_view, self.top_view], layout=widgets.Layout(flex_flow="row wrap")),
             paragraph("connection.ui.top_help"),
             self.top_select, self.top_detail]
        )
        self.measured_box.layout.display = "none"
        self.build(heading("connection.ui.step1_title"), paragraph("connection.ui.step1_intro"),
                   self.guess, self.guess_number, self.reveal, self.guess_note, self.measured_box)

        self.reveal.on_click(self._reveal)
        self.guess.observe(self._guess_changed, names="value")
        self.top_select.observe(self._top_selected, names="value")
        self.top_view.on_select(lambda org_id: pick(self.top_select, org_id))

    def read(self, work) -> None:
        self.guess.value = work.guess if work.guess is not None else 10
        self._touched = work.guess is not None

    def _guess_changed(self, _change) -> None:
        if not self.exercise.loading:
            self._touched = True
            self.guess_note.value = ""

    def update(self) -> None:
        """The guess locked or open; once revealed, the measured figures beside it."""
        revealed = self.work.revealed
        self.guess.disabled = revealed
        self.guess_number.disabled = revealed
        if revealed:
            self.guess_note.value = ""
        self.reveal.disabled = revealed
        self.reveal.tooltip = t("connection.ui.guess_locked") if revealed else t("connection.ui.reveal_help")
        self.measured_box.layout.display = None if revealed else "none"
        if not revealed:
            return
        a = self.analysis
        c = a.concentration
        text = guess_feedback(self.work.guess, c.top10pct_share, c.top10pct_count)
        measure = t(
            "connection.measure.summary",
            organisations=organisations_text(c.organisations), links=dutch.number(c.links),
            top_organisations=organisations_text(c.top10pct_count),
            share=dutch.percent(c.top10pct_share), top10=dutch.percent(c.top10_share),
            gini=dutch.number(c.gini, 2), single=dutch.percent(c.single_link_share),
        )
        self.guess_feedback.value = feedback([text, measure])
        if not self.top_select.options:
            top = a.top_table(TOP_N)
            self.top_select.options = [(one_line(f"{r.name} ({r.links})", LABEL_LIMIT), str(r.org_id))
                                       for r in top.itertuples()]
            self.top_select.value = None
        self._draw_top()

    def draw_static(self) -> None:
        """The Lorenz curve: the case's figures, the same whatever the learner chooses."""
        a = self.analysis
        curve = a.lorenz
        bottom = float(curve.loc[curve["org_share"] <= 0.5 + 1e-9, "link_share"].iloc[-1])
        self.draw(
            self.lorenz_view, access.lorenz_spec(curve),
            t("connection.measure.lorenz_summary", bottom_half=dutch.percent(bottom),
              top=dutch.percent(a.concentration.top10pct_share)),
        )

    def _draw_top(self) -> None:
        top = self.analysis.top_table(TOP_N)
        items = dutch.join(f"{r.name} ({r.links})" for r in top.head(5).itertuples())
        self.draw(self.top_view, access.top_spec(top), t("connection.measure.top_summary", items=items))

    def _reveal(self, _button=None) -> None:
        note = untouched_guess_note(self.guess.value, self._touched, self._asked)
        if note is not None:  # first a real estimate, or a confirmed one
            self._asked = True
            self.guess_note.value = feedback(note)
            return
        self.work.guess = int(self.guess.value)
        self.work.revealed = True
        self.work.measured = self.analysis.measured_snapshot()
        self.exercise.show_reveal()
        self.exercise.insider_step.update()  # the shares in step 2 are shown from now on
        self.exercise.save_work()

    def _top_selected(self, change) -> None:
        org_id = change["new"]
        self.top_detail.value = org_detail(self.analysis, org_id)
        self.top_view.selected = org_id  # marked in the chart by the browser, no new SVG
        self.exercise.insider_step.select(org_id)  # selecting here selects it in step 2 too
