"""Step 2 of Connection: the insider rule (present in most recent years, or among the
top by contacts), whom it catches, and the early–late chart with the insiders marked."""

from __future__ import annotations

import ipywidgets as widgets

from verbinding import access
from verbinding.modules.connection import InsiderRule, early_late_text, insider_feedback
from verbinding.modules.connection.view.common import LABEL_LIMIT, STYLE, Step, caveat, feedback, org_detail, pick
from verbinding.texts import t
from verbinding.ui.charts import SelectableChartView
from verbinding.ui.layout import WIDE, heading, mid, one_line, paragraph


class InsiderStep(Step):
    """Step 2: the rule's controls, its result (:attr:`ConnectionExercise.result`, which
    step 4 uses too) and the insiders in a list and a chart."""

    public = ("rule_kind", "min_years", "last_years", "top_pct", "rule_feedback", "scatter_view",
              "insider_select", "insider_detail")

    def __init__(self, exercise):
        super().__init__(exercise)
        first, last = self.analysis.years
        span = max(1, last - first + 1)
        self.rule_kind = widgets.ToggleButtons(
            description=t("connection.ui.rule_kind"),
            options=[(t("connection.ui.rule_presence"), "presence"), (t("connection.ui.rule_top"), "top")],
            style=STYLE,
        )
        self.min_years = widgets.IntSlider(value=min(4, span), min=1, max=span, description=t("connection.ui.min_years"),
                                           style=STYLE, layout=mid())
        self.last_years = widgets.IntSlider(value=min(4, span), min=1, max=span, description=t("connection.ui.last_years"),
                                            style=STYLE, layout=mid())
        self.top_pct = widgets.IntSlider(value=10, min=1, max=50, description=t("connection.ui.top_pct"), style=STYLE, layout=mid())
        self.rule_feedback = widgets.HTML()
        self.scatter_view = SelectableChartView(key="org_id", label="name")
        self.insider_select = widgets.Select(description=t("connection.ui.insider_list"), rows=8, style=STYLE, layout=WIDE)
        self.insider_detail = widgets.HTML()
        self.build(heading("connection.ui.step2_title"), paragraph("connection.ui.step2_intro"),
                   caveat(), self.rule_kind, self.min_years, self.last_years, self.top_pct, self.rule_feedback,
                   self.scatter_view, paragraph("connection.ui.insider_help"), self.insider_select,
                   self.insider_detail)

        self.scatter_view.on_select(lambda org_id: pick(self.insider_select, org_id))
        for control in (self.rule_kind, self.min_years, self.last_years, self.top_pct):
            control.observe(self._rule_changed, names="value")
        self.insider_select.observe(self._insider_selected, names="value")

    def read(self, work) -> None:
        self.rule_kind.value = work.rule.kind
        self.last_years.value = min(max(work.rule.last_years, self.last_years.min), self.last_years.max)
        self.min_years.value = min(work.rule.min_years, self.last_years.value)
        self.top_pct.value = min(max(work.rule.top_pct, self.top_pct.min), self.top_pct.max)

    def current_rule(self) -> InsiderRule:
        """The rule as the controls set it (never fewer years than asked for)."""
        last = int(self.last_years.value)
        return InsiderRule(kind=self.rule_kind.value, min_years=min(int(self.min_years.value), last),
                           last_years=last, top_pct=int(self.top_pct.value))

    def update(self) -> None:
        """Apply the rule: whom it catches, in words, in the list and in the chart."""
        a = self.analysis
        rule = self.current_rule()
        presence = rule.kind == "presence"
        self.min_years.layout.display = None if presence else "none"
        self.last_years.layout.display = None if presence else "none"
        self.top_pct.layout.display = "none" if presence else None
        self.min_years.max = self.last_years.value
        result = self.exercise.result = a.insiders(rule)
        self.work.rule = rule
        self.work.insiders = result.snapshot(a.names)
        first, last = a.years
        self.rule_feedback.value = feedback(
            [insider_feedback(result, a.names, revealed=self.work.revealed),
             early_late_text(a.early_late, first, last, revealed=self.work.revealed)]
        )
        keep = self.insider_select.value
        options = [(one_line(f"{a.name(m)} ({int(a.counts.get(m, 0))})", LABEL_LIMIT), m) for m in result.members]
        with self.exercise.quiet():
            self.insider_select.options = options
            self.insider_select.value = keep if keep in set(result.members) else None
        # the detail follows the list, also when the chosen organisation left it (handlers were quiet)
        self.insider_detail.value = org_detail(self.analysis, self.insider_select.value)
        self.draw_scatter()

    def select(self, org_id: str | None) -> None:
        """An organisation chosen in step 1: select it here when it is an insider, else
        draw it in the chart."""
        if org_id and org_id in {v for _, v in self.insider_select.options}:
            self.insider_select.value = org_id
        else:
            self.draw_scatter()

    def draw_scatter(self) -> None:
        a = self.analysis
        first, last = a.years
        table = a.early_late_table.copy()
        members = set(self.exercise.result.members)
        table["insider"] = table.index.isin(list(members))
        selected = self.insider_select.value or self.exercise.measure_step.top_select.value
        # An insider is a link in the chart: the browser marks it, no new SVG is needed. Any
        # other organisation chosen in step 1 has no link and is drawn larger in the SVG.
        self.scatter_view.selected = self.insider_select.value
        drawn = selected if selected not in members else None
        periods = (first, a.split_year - 1, a.split_year, last)
        self.draw(self.scatter_view, access.early_late_spec(table, periods, drawn),
                  t("connection.rule.chart_summary", count=len(self.exercise.result.members)))

    def _rule_changed(self, change) -> None:
        if self.exercise.loading:
            return
        if change["owner"] is self.last_years:
            self.min_years.max = self.last_years.value
        self.update()
        self.exercise.invite_step.show_feedback()  # 'valt al onder je insider-regel' follows the rule
        self.exercise.save_work()

    def _insider_selected(self, change) -> None:
        if self.exercise.loading:
            return
        self.insider_detail.value = org_detail(self.analysis, change["new"])
        self.draw_scatter()
